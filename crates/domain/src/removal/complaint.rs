//! REM-06: complaints against a removal: lodged within `complaint_wd` working days of receiving
//! the decision (later ones are refused), settled within `resolve_local_wd` working days locally
//! or `resolve_central_wd` centrally, counted on the working calendar (GEN-01).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::steps::replay;
use super::{Recorded, RemovalParams, RemovalViolation};
use crate::calendar::{Limit, WorkingCalendar, due};

const RULE: &str = "REM-06";

/// Who settles the complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintLevel {
    Local,
    Central,
}

impl ComplaintLevel {
    pub const CODES: &'static [&'static str] = &["local", "central"];

    pub fn code(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Central => "central",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::Local, Self::Central]
            .into_iter()
            .find(|l| l.code() == code.trim())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ComplaintStep {
    /// The member received the removal decision.
    DecisionReceived,
    Lodged {
        level: ComplaintLevel,
    },
    /// The complaint was settled; `decision_stands` when the removal is kept.
    Settled {
        decision_stands: bool,
    },
}

impl ComplaintStep {
    pub fn code(&self) -> &'static str {
        match self {
            Self::DecisionReceived => "decision_received",
            Self::Lodged { .. } => "lodged",
            Self::Settled { .. } => "settled",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ComplaintState {
    /// A complaint may be lodged until `lodge_by`.
    Received { lodge_by: NaiveDate },
    /// Lodged in time; to be settled by `settle_by`.
    Lodged {
        level: ComplaintLevel,
        settle_by: NaiveDate,
    },
    /// Settled; `late` when after `settle_by`. A late settlement is still recorded (the rules
    /// set no consequence), and reports show it as late.
    Settled { decision_stands: bool, late: bool },
}

impl ComplaintState {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Received { .. } => "received",
            Self::Lodged { .. } => "lodged",
            Self::Settled { .. } => "settled",
        }
    }
}

/// REM-06: the last day to lodge a complaint, `None` past chrono's range.
pub fn complaint_due(
    received_on: NaiveDate,
    params: &RemovalParams,
    calendar: &WorkingCalendar,
) -> Option<NaiveDate> {
    due(
        received_on,
        Limit::WorkingDays(params.complaint_wd),
        calendar,
    )
}

/// REM-06: the last day to settle a complaint lodged on `lodged_on`.
pub fn settlement_due(
    lodged_on: NaiveDate,
    level: ComplaintLevel,
    params: &RemovalParams,
    calendar: &WorkingCalendar,
) -> Option<NaiveDate> {
    let wd = match level {
        ComplaintLevel::Local => params.resolve_local_wd,
        ComplaintLevel::Central => params.resolve_central_wd,
    };
    due(lodged_on, Limit::WorkingDays(wd), calendar)
}

/// REM-06: the complaint after `steps`, refusing a complaint lodged late or a step out of order.
pub fn complaint_state(
    steps: &[Recorded<ComplaintStep>],
    params: &RemovalParams,
    calendar: &WorkingCalendar,
) -> Result<Option<ComplaintState>, RemovalViolation> {
    use ComplaintState as S;
    use ComplaintStep as St;
    replay(RULE, steps, |state, r| {
        let out_of_order = |state: &'static str| RemovalViolation::StepOutOfOrder {
            rule: RULE,
            state,
            step: r.step.code(),
        };
        match (state, &r.step) {
            (None, St::DecisionReceived) => Ok(S::Received {
                lodge_by: complaint_due(r.on, params, calendar).unwrap_or(NaiveDate::MAX),
            }),
            (Some(S::Received { lodge_by }), St::Lodged { level }) => {
                if r.on > lodge_by {
                    return Err(RemovalViolation::ComplaintLate { due_on: lodge_by });
                }
                Ok(S::Lodged {
                    level: *level,
                    settle_by: settlement_due(r.on, *level, params, calendar)
                        .unwrap_or(NaiveDate::MAX),
                })
            }
            (Some(S::Lodged { settle_by, .. }), St::Settled { decision_stands }) => {
                Ok(S::Settled {
                    decision_stands: *decision_stands,
                    late: r.on > settle_by,
                })
            }
            (Some(S::Settled { .. }), _) => Err(RemovalViolation::ProcedureClosed { rule: RULE }),
            (None, _) => Err(out_of_order("none")),
            (Some(s), _) => Err(out_of_order(s.code())),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::shipped_calendar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn rem_06_levels_round_trip_through_their_codes() {
        for code in ComplaintLevel::CODES {
            assert_eq!(
                ComplaintLevel::parse(code).map(ComplaintLevel::code),
                Some(*code)
            );
        }
        assert_eq!(ComplaintLevel::parse("provincial"), None);
    }

    #[test]
    fn rem_06_a_decision_received_on_2_june_2025_may_be_challenged_until_14_july() {
        let cal = shipped_calendar().unwrap();
        let p = RemovalParams::default();
        assert_eq!(complaint_due(d(2025, 6, 2), &p, &cal), Some(d(2025, 7, 14)));
        let received = Recorded::new(d(2025, 6, 2), ComplaintStep::DecisionReceived);
        let lodged = |on| {
            Recorded::new(
                on,
                ComplaintStep::Lodged {
                    level: ComplaintLevel::Local,
                },
            )
        };
        let ok = complaint_state(&[received.clone(), lodged(d(2025, 7, 14))], &p, &cal).unwrap();
        assert_eq!(ok.as_ref().map(ComplaintState::code), Some("lodged"));
        let e = complaint_state(&[received, lodged(d(2025, 7, 15))], &p, &cal).unwrap_err();
        assert_eq!(
            e,
            RemovalViolation::ComplaintLate {
                due_on: d(2025, 7, 14)
            }
        );
        assert_eq!((e.rule(), e.code()), ("REM-06", "complaint_late"));
        assert!(e.message().contains("14/07/2025"));
    }

    #[test]
    fn rem_06_central_settlement_has_twice_as_long_and_a_late_one_is_marked() {
        let cal = WorkingCalendar::default();
        let p = RemovalParams::default();
        let lodged_on = d(2025, 6, 9);
        let local = settlement_due(lodged_on, ComplaintLevel::Local, &p, &cal).unwrap();
        let central = settlement_due(lodged_on, ComplaintLevel::Central, &p, &cal).unwrap();
        assert_eq!(cal.working_days_between(lodged_on, local), 90);
        assert_eq!(cal.working_days_between(lodged_on, central), 180);
        let steps = |settled_on| {
            vec![
                Recorded::new(d(2025, 6, 2), ComplaintStep::DecisionReceived),
                Recorded::new(
                    lodged_on,
                    ComplaintStep::Lodged {
                        level: ComplaintLevel::Local,
                    },
                ),
                Recorded::new(
                    settled_on,
                    ComplaintStep::Settled {
                        decision_stands: true,
                    },
                ),
            ]
        };
        assert_eq!(
            complaint_state(&steps(local), &p, &cal),
            Ok(Some(ComplaintState::Settled {
                decision_stands: true,
                late: false
            }))
        );
        assert_eq!(
            complaint_state(&steps(local.succ_opt().unwrap()), &p, &cal),
            Ok(Some(ComplaintState::Settled {
                decision_stands: true,
                late: true
            }))
        );
        let mut more = steps(local);
        more.push(Recorded::new(
            local,
            ComplaintStep::Settled {
                decision_stands: false,
            },
        ));
        assert_eq!(
            complaint_state(&more, &p, &cal).unwrap_err().code(),
            "procedure_closed"
        );
        let skipped = [Recorded::new(
            d(2025, 6, 2),
            ComplaintStep::Lodged {
                level: ComplaintLevel::Local,
            },
        )];
        assert_eq!(
            complaint_state(&skipped, &p, &cal).unwrap_err().code(),
            "step_out_of_order"
        );
    }
}
