//! A member's state and the one transition function used both to validate a new event and to
//! replay stored ones (rule GEN-04, MEM-01).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{EventKind, LifeEvent, TransitionError, UnitRole};
use crate::dates::add_months;
use crate::ids::UnitId;

/// PRB-01: probation lasts 12 months from the ceremony (the `admitted` date).
pub const PROBATION_MONTHS: u32 = 12;

/// How membership ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitKind {
    Removed,
    Expelled,
    Resigned,
    Deceased,
    NotRecognized,
}

impl ExitKind {
    fn from_event(kind: EventKind) -> Option<Self> {
        match kind {
            EventKind::Removed => Some(Self::Removed),
            EventKind::Expelled => Some(Self::Expelled),
            EventKind::Resigned => Some(Self::Resigned),
            EventKind::Deceased => Some(Self::Deceased),
            EventKind::NotRecognized => Some(Self::NotRecognized),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Removed => "removed",
            Self::Expelled => "expelled",
            Self::Resigned => "resigned",
            Self::Deceased => "deceased",
            Self::NotRecognized => "not_recognized",
        }
    }
}

/// The two kinds of member (MEM-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Probationary,
    Official,
}

impl Standing {
    pub fn code(self) -> &'static str {
        match self {
            Self::Probationary => "probationary",
            Self::Official => "official",
        }
    }
}

/// Member or former member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Member(Standing),
    Left(ExitKind),
}

impl Status {
    /// The code stored in the `member.status` column.
    pub fn code(self) -> &'static str {
        match self {
            Self::Member(s) => s.code(),
            Self::Left(e) => e.code(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "probationary" => Some(Self::Member(Standing::Probationary)),
            "official" => Some(Self::Member(Standing::Official)),
            "removed" => Some(Self::Left(ExitKind::Removed)),
            "expelled" => Some(Self::Left(ExitKind::Expelled)),
            "resigned" => Some(Self::Left(ExitKind::Resigned)),
            "deceased" => Some(Self::Left(ExitKind::Deceased)),
            "not_recognized" => Some(Self::Left(ExitKind::NotRecognized)),
            _ => None,
        }
    }

    pub fn standing(self) -> Option<Standing> {
        match self {
            Self::Member(s) => Some(s),
            Self::Left(_) => None,
        }
    }
}

/// An official transfer under way: the letter is issued, the arrival not yet recorded (TRF-03).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transit {
    pub since: NaiveDate,
    pub destination: Option<UnitId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberState {
    pub status: Status,
    /// The cell holding the member's record; while in transit, the cell left; once the person
    /// has left the party, the last cell.
    pub cell: UnitId,
    pub transit: Option<Transit>,
    /// Host cell of a temporary transfer; the record stays with `cell`.
    pub temp_host: Option<UnitId>,
    pub exempted: bool,
    pub working_away: bool,
    /// Date of the latest admission; party age counts from it (interchange statistics).
    pub admitted_on: NaiveDate,
    pub recognized_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
}

impl MemberState {
    pub fn is_member(&self) -> bool {
        matches!(self.status, Status::Member(_))
    }

    /// The end of probation for the latest admission (PRB-01).
    pub fn probation_ends(&self) -> Option<NaiveDate> {
        add_months(self.admitted_on, PROBATION_MONTHS)
    }
}

/// The state after `event`, or why the event cannot happen in state `before`.
pub fn apply(
    before: Option<&MemberState>,
    event: &LifeEvent,
) -> Result<MemberState, TransitionError> {
    use EventKind as K;
    use TransitionError as E;
    check_unit(event)?;
    let Some(s) = before else {
        return match event.kind {
            K::Admitted => Ok(admitted(event)?),
            _ => Err(E::MustStartWithAdmission),
        };
    };
    if event.kind == K::Admitted {
        return if s.is_member() {
            Err(E::AlreadyMember)
        } else {
            admitted(event)
        };
    }
    let Status::Member(standing) = s.status else {
        return Err(E::NotAMember);
    };
    let mut next = s.clone();
    let in_transit = s.transit.is_some();
    match event.kind {
        K::Admitted => return Err(E::AlreadyMember),
        K::Recognized => {
            if standing != Standing::Probationary {
                return Err(E::NotProbationary);
            }
            let ends = s.probation_ends().ok_or(E::NotProbationary)?;
            if event.on < ends {
                return Err(E::ProbationNotOver { ends });
            }
            next.status = Status::Member(Standing::Official);
            next.recognized_on = Some(event.on);
        }
        K::TransferOut => {
            if in_transit {
                return Err(E::InTransit);
            }
            if event.unit == Some(s.cell) {
                return Err(E::SameCell);
            }
            // An official transfer ends a temporary one: the record and the member both move.
            next.temp_host = None;
            next.transit = Some(Transit {
                since: event.on,
                destination: event.unit,
            });
        }
        K::TransferIn => {
            if !in_transit {
                return Err(E::NotInTransit);
            }
            next.transit = None;
            next.cell = event.unit.ok_or(E::UnitRequired { kind: event.kind })?;
        }
        K::TempOut => {
            if in_transit {
                return Err(E::InTransit);
            }
            if s.temp_host.is_some() {
                return Err(E::AlreadyTemporarilyOut);
            }
            if event.unit == Some(s.cell) {
                return Err(E::SameCell);
            }
            next.temp_host = event.unit;
        }
        K::TempReturn => {
            if s.temp_host.is_none() {
                return Err(E::NotTemporarilyOut);
            }
            next.temp_host = None;
        }
        K::Exempted => {
            if s.exempted {
                return Err(E::AlreadyExempted);
            }
            next.exempted = true;
        }
        K::ExemptionEnded => {
            if !s.exempted {
                return Err(E::NotExempted);
            }
            next.exempted = false;
        }
        K::WorkingAwayStart => {
            if s.working_away {
                return Err(E::AlreadyWorkingAway);
            }
            next.working_away = true;
        }
        K::WorkingAwayEnd => {
            if !s.working_away {
                return Err(E::NotWorkingAway);
            }
            next.working_away = false;
        }
        K::NotRecognized if standing != Standing::Probationary => return Err(E::NotProbationary),
        K::Expelled if standing == Standing::Probationary => return Err(E::ProbationerExpelled),
        K::Removed | K::Expelled | K::Resigned | K::Deceased | K::NotRecognized => {
            let exit = ExitKind::from_event(event.kind).ok_or(E::NotAMember)?;
            // Leaving clears every overlay; the cell left stays as the last cell (interchange:
            // a member who leaves in transit is attributed to the cell they left).
            next = MemberState {
                status: Status::Left(exit),
                transit: None,
                temp_host: None,
                exempted: false,
                working_away: false,
                left_on: Some(event.on),
                ..next
            };
        }
    }
    Ok(next)
}

fn admitted(event: &LifeEvent) -> Result<MemberState, TransitionError> {
    let cell = event
        .unit
        .ok_or(TransitionError::UnitRequired { kind: event.kind })?;
    Ok(MemberState {
        status: Status::Member(Standing::Probationary),
        cell,
        transit: None,
        temp_host: None,
        exempted: false,
        working_away: false,
        admitted_on: event.on,
        recognized_on: None,
        left_on: None,
    })
}

fn check_unit(event: &LifeEvent) -> Result<(), TransitionError> {
    match (event.kind.unit_role(), event.unit) {
        (UnitRole::Required, None) => Err(TransitionError::UnitRequired { kind: event.kind }),
        (UnitRole::None, Some(_)) => Err(TransitionError::UnitNotExpected { kind: event.kind }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ev(kind: EventKind, on: NaiveDate, unit: Option<i64>) -> LifeEvent {
        LifeEvent {
            kind,
            on,
            unit: unit.map(UnitId),
        }
    }

    fn admitted_2024() -> MemberState {
        apply(None, &ev(EventKind::Admitted, d(2024, 2, 29), Some(7))).unwrap()
    }

    #[test]
    fn admission_makes_a_probationary_member_of_the_cell() {
        let s = admitted_2024();
        assert_eq!(s.status, Status::Member(Standing::Probationary));
        assert_eq!(s.cell, UnitId(7));
        assert_eq!(s.probation_ends(), Some(d(2025, 2, 28)));
    }

    #[test]
    fn prb_01_recognition_waits_for_the_end_of_probation() {
        let s = admitted_2024();
        assert_eq!(
            apply(Some(&s), &ev(EventKind::Recognized, d(2025, 2, 27), None)),
            Err(TransitionError::ProbationNotOver {
                ends: d(2025, 2, 28)
            })
        );
        let r = apply(Some(&s), &ev(EventKind::Recognized, d(2025, 2, 28), None)).unwrap();
        assert_eq!(r.status, Status::Member(Standing::Official));
        assert_eq!(
            apply(Some(&r), &ev(EventKind::Recognized, d(2026, 1, 1), None)),
            Err(TransitionError::NotProbationary)
        );
    }

    #[test]
    fn prb_06_a_probationer_cannot_be_expelled() {
        let s = admitted_2024();
        assert_eq!(
            apply(Some(&s), &ev(EventKind::Expelled, d(2024, 6, 1), None)),
            Err(TransitionError::ProbationerExpelled)
        );
    }

    #[test]
    fn a_history_starts_with_admission_and_nothing_follows_leaving_but_readmission() {
        assert_eq!(
            apply(None, &ev(EventKind::Exempted, d(2024, 1, 1), None)),
            Err(TransitionError::MustStartWithAdmission)
        );
        let s = admitted_2024();
        let gone = apply(Some(&s), &ev(EventKind::Deceased, d(2024, 6, 1), None)).unwrap();
        assert_eq!(gone.status, Status::Left(ExitKind::Deceased));
        assert_eq!(gone.cell, UnitId(7));
        assert_eq!(
            apply(Some(&gone), &ev(EventKind::Exempted, d(2024, 7, 1), None)),
            Err(TransitionError::NotAMember)
        );
        let back = apply(
            Some(&gone),
            &ev(EventKind::Admitted, d(2028, 1, 1), Some(9)),
        )
        .unwrap();
        assert_eq!(back.cell, UnitId(9));
        assert!(!back.exempted && back.left_on.is_none());
    }

    #[test]
    fn transfers_keep_the_left_cell_while_in_transit() {
        let s = admitted_2024();
        let out = apply(
            Some(&s),
            &ev(EventKind::TransferOut, d(2024, 5, 1), Some(8)),
        )
        .unwrap();
        assert_eq!(out.cell, UnitId(7));
        assert_eq!(
            out.transit,
            Some(Transit {
                since: d(2024, 5, 1),
                destination: Some(UnitId(8))
            })
        );
        assert_eq!(
            apply(Some(&out), &ev(EventKind::TransferOut, d(2024, 5, 2), None)),
            Err(TransitionError::InTransit)
        );
        let arrived = apply(
            Some(&out),
            &ev(EventKind::TransferIn, d(2024, 5, 20), Some(8)),
        )
        .unwrap();
        assert_eq!((arrived.cell, arrived.transit), (UnitId(8), None));
        assert_eq!(
            apply(
                Some(&arrived),
                &ev(EventKind::TransferIn, d(2024, 6, 1), Some(9))
            ),
            Err(TransitionError::NotInTransit)
        );
    }

    #[test]
    fn overlays_toggle_and_refuse_repeats() {
        let s = admitted_2024();
        let ex = apply(Some(&s), &ev(EventKind::Exempted, d(2024, 3, 1), None)).unwrap();
        assert!(ex.exempted);
        assert_eq!(
            apply(Some(&ex), &ev(EventKind::Exempted, d(2024, 3, 2), None)),
            Err(TransitionError::AlreadyExempted)
        );
        assert_eq!(
            apply(
                Some(&s),
                &ev(EventKind::ExemptionEnded, d(2024, 3, 2), None)
            ),
            Err(TransitionError::NotExempted)
        );
        assert_eq!(
            apply(
                Some(&s),
                &ev(EventKind::WorkingAwayEnd, d(2024, 3, 2), None)
            ),
            Err(TransitionError::NotWorkingAway)
        );
        assert_eq!(
            apply(Some(&s), &ev(EventKind::TempReturn, d(2024, 3, 2), None)),
            Err(TransitionError::NotTemporarilyOut)
        );
        assert_eq!(
            apply(Some(&s), &ev(EventKind::TempOut, d(2024, 3, 2), Some(7))),
            Err(TransitionError::SameCell)
        );
    }

    #[test]
    fn units_are_required_or_refused_by_kind() {
        assert_eq!(
            apply(None, &ev(EventKind::Admitted, d(2024, 1, 1), None)),
            Err(TransitionError::UnitRequired {
                kind: EventKind::Admitted
            })
        );
        let s = admitted_2024();
        assert_eq!(
            apply(Some(&s), &ev(EventKind::Exempted, d(2024, 3, 1), Some(3))),
            Err(TransitionError::UnitNotExpected {
                kind: EventKind::Exempted
            })
        );
        assert!(
            apply(Some(&s), &ev(EventKind::TransferOut, d(2024, 3, 1), None)).is_ok(),
            "destination may be outside the registry"
        );
    }
}
