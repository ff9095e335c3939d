//! REM-07 and PRB-06: disciplinary forms, who may receive which, and the month to complain.
//! Removal of a name (REM-01) is not among them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{RemovalParams, RemovalViolation};
use crate::dates::add_months;
use crate::member::{EventKind, Standing};

/// REM-07: the disciplinary forms for members, lightest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisciplineKind {
    Reprimand,
    Warning,
    RemovalFromPost,
    Expulsion,
}

impl DisciplineKind {
    pub const ALL: &'static [DisciplineKind] = &[
        Self::Reprimand,
        Self::Warning,
        Self::RemovalFromPost,
        Self::Expulsion,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Reprimand => "reprimand",
            Self::Warning => "warning",
            Self::RemovalFromPost => "removal_from_post",
            Self::Expulsion => "expulsion",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Reprimand => "khiển trách",
            Self::Warning => "cảnh cáo",
            Self::RemovalFromPost => "cách chức",
            Self::Expulsion => "khai trừ",
        }
    }

    /// Only expulsion ends membership: the member history gets an `expelled` event, effective
    /// on the decision date even while a complaint is pending (REM-07).
    pub fn event_kind(self) -> Option<EventKind> {
        (self == Self::Expulsion).then_some(EventKind::Expelled)
    }
}

/// PRB-06: a probationary member can only be reprimanded or warned. The member history
/// refuses an `expelled` event for a probationer the same way (`TransitionError::
/// ProbationerExpelled`); this check also covers removal from post, which has no event.
pub fn check_discipline(standing: Standing, kind: DisciplineKind) -> Result<(), RemovalViolation> {
    match (standing, kind) {
        (Standing::Probationary, DisciplineKind::RemovalFromPost | DisciplineKind::Expulsion) => {
            Err(RemovalViolation::ProbationerDiscipline { kind })
        }
        _ => Ok(()),
    }
}

/// REM-07, ADM-05: a measure decided on `decided_on` is in force on `day` from the decision
/// for `discipline_in_force_months` (expulsion for good).
pub fn in_force(
    kind: DisciplineKind,
    decided_on: NaiveDate,
    day: NaiveDate,
    params: &RemovalParams,
) -> bool {
    if day < decided_on {
        return false;
    }
    kind == DisciplineKind::Expulsion
        || add_months(decided_on, params.discipline_in_force_months).is_none_or(|end| day < end)
}

/// REM-07: the last day to complain about a disciplinary decision received on `received_on`
/// (one month, GEN-02). `None` past chrono's range.
pub fn discipline_complaint_due(
    received_on: NaiveDate,
    params: &RemovalParams,
) -> Option<NaiveDate> {
    add_months(received_on, params.discipline_complaint_months)
}

/// REM-07: a complaint lodged after the month is refused. The penalty applies meanwhile.
pub fn check_discipline_complaint(
    received_on: NaiveDate,
    lodged_on: NaiveDate,
    params: &RemovalParams,
) -> Result<(), RemovalViolation> {
    let due_on = discipline_complaint_due(received_on, params).unwrap_or(NaiveDate::MAX);
    if lodged_on > due_on {
        return Err(RemovalViolation::DisciplineComplaintLate { due_on });
    }
    Ok(())
}

#[cfg(test)]
mod in_force_tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn rem_07_adm_05_a_measure_is_in_force_for_a_year_from_the_decision() {
        let p = RemovalParams::default();
        let w = DisciplineKind::Warning;
        assert!(!in_force(w, d(2025, 3, 10), d(2025, 3, 9), &p));
        assert!(in_force(w, d(2025, 3, 10), d(2025, 3, 10), &p));
        assert!(in_force(w, d(2025, 3, 10), d(2026, 3, 9), &p));
        assert!(!in_force(w, d(2025, 3, 10), d(2026, 3, 10), &p));
        assert!(in_force(
            DisciplineKind::Expulsion,
            d(2020, 1, 1),
            d(2030, 1, 1),
            &p
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UnitId;
    use crate::member::{ExitKind, LifeEvent, Status, apply};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn prb_06_a_probationer_can_be_reprimanded_or_warned_but_not_removed_from_post_or_expelled() {
        for kind in [DisciplineKind::Reprimand, DisciplineKind::Warning] {
            assert_eq!(check_discipline(Standing::Probationary, kind), Ok(()));
        }
        for kind in [DisciplineKind::RemovalFromPost, DisciplineKind::Expulsion] {
            let e = check_discipline(Standing::Probationary, kind).unwrap_err();
            assert_eq!((e.rule(), e.code()), ("PRB-06", "probationer_discipline"));
        }
        // The member history agrees on expulsion.
        let admitted = apply(
            None,
            &LifeEvent {
                kind: EventKind::Admitted,
                on: d(2025, 1, 10),
                unit: Some(UnitId(1)),
            },
        )
        .unwrap();
        let expelled = LifeEvent {
            kind: EventKind::Expelled,
            on: d(2025, 6, 1),
            unit: None,
        };
        assert!(apply(Some(&admitted), &expelled).is_err());
    }

    #[test]
    fn rem_07_official_members_may_get_any_form_and_only_expulsion_ends_membership() {
        for kind in DisciplineKind::ALL {
            assert_eq!(check_discipline(Standing::Official, *kind), Ok(()));
            assert_eq!(DisciplineKind::parse(kind.code()), Some(*kind));
        }
        assert_eq!(DisciplineKind::parse("removal"), None); // removal of name is not discipline
        assert_eq!(
            DisciplineKind::Expulsion.event_kind(),
            Some(EventKind::Expelled)
        );
        assert_eq!(DisciplineKind::RemovalFromPost.event_kind(), None);
    }

    #[test]
    fn rem_07_expelled_on_10_september_is_a_former_member_from_then_while_the_complaint_runs() {
        let p = RemovalParams::default();
        assert_eq!(
            discipline_complaint_due(d(2025, 9, 10), &p),
            Some(d(2025, 10, 10))
        );
        assert_eq!(
            check_discipline_complaint(d(2025, 9, 10), d(2025, 9, 20), &p),
            Ok(())
        );
        let e = check_discipline_complaint(d(2025, 9, 10), d(2025, 10, 11), &p).unwrap_err();
        assert_eq!(
            (e.rule(), e.code()),
            ("REM-07", "discipline_complaint_late")
        );
        let admitted = apply(
            None,
            &LifeEvent {
                kind: EventKind::Admitted,
                on: d(2020, 1, 10),
                unit: Some(UnitId(1)),
            },
        )
        .unwrap();
        let official = apply(
            Some(&admitted),
            &LifeEvent {
                kind: EventKind::Recognized,
                on: d(2021, 1, 10),
                unit: None,
            },
        )
        .unwrap();
        let kind = DisciplineKind::Expulsion.event_kind().unwrap();
        let gone = apply(
            Some(&official),
            &LifeEvent {
                kind,
                on: d(2025, 9, 10),
                unit: None,
            },
        )
        .unwrap();
        assert_eq!(
            (gone.status, gone.left_on),
            (Status::Left(ExitKind::Expelled), Some(d(2025, 9, 10)))
        );
    }
}
