//! REM-08: leaving the Party on request (xin ra khỏi Đảng): only a member without a standards
//! breach, by a reasoned written request passed from the cell to the competent committee.

use serde::{Deserialize, Serialize};

use super::steps::replay;
use super::{Recorded, RemovalViolation};
use crate::member::EventKind;

const RULE: &str = "REM-08";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LeaveStep {
    /// The request, with the facts the rule turns on as known on its date.
    Requested {
        written_reasons: bool,
        standards_breach: bool,
        open_discipline_case: bool,
    },
    /// The cell examined the request and passed it up.
    CellForwarded,
    /// The competent committee's decision.
    Decided { decision_ref: String },
}

impl LeaveStep {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Requested { .. } => "requested",
            Self::CellForwarded => "cell_forwarded",
            Self::Decided { .. } => "decided",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveState {
    Requested,
    Forwarded,
    /// The member has left: the history gets a `resigned` event.
    Left,
}

impl LeaveState {
    pub fn code(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Forwarded => "forwarded",
            Self::Left => "left",
        }
    }

    pub fn event_kind(self) -> Option<EventKind> {
        (self == Self::Left).then_some(EventKind::Resigned)
    }
}

/// REM-08: the request after `steps`. A request during an open discipline case is held (refused
/// now, to be filed again once the case closes); a member who breached the standards goes
/// through discipline or removal instead.
pub fn leave_state(steps: &[Recorded<LeaveStep>]) -> Result<Option<LeaveState>, RemovalViolation> {
    replay(RULE, steps, |state, r| {
        let out_of_order = |state: &'static str| RemovalViolation::StepOutOfOrder {
            rule: RULE,
            state,
            step: r.step.code(),
        };
        match (state, &r.step) {
            (
                None,
                LeaveStep::Requested {
                    written_reasons,
                    standards_breach,
                    open_discipline_case,
                },
            ) => {
                if *open_discipline_case {
                    Err(RemovalViolation::LeaveHeldForDiscipline)
                } else if *standards_breach {
                    Err(RemovalViolation::LeaveWithStandardsBreach)
                } else if !written_reasons {
                    Err(RemovalViolation::LeaveUnreasoned)
                } else {
                    Ok(LeaveState::Requested)
                }
            }
            (Some(LeaveState::Requested), LeaveStep::CellForwarded) => Ok(LeaveState::Forwarded),
            (Some(LeaveState::Forwarded), LeaveStep::Decided { decision_ref }) => {
                if decision_ref.trim().is_empty() {
                    Err(RemovalViolation::DecisionWithoutReference { rule: RULE })
                } else {
                    Ok(LeaveState::Left)
                }
            }
            (Some(LeaveState::Left), _) => Err(RemovalViolation::ProcedureClosed { rule: RULE }),
            (None, _) => Err(out_of_order("none")),
            (Some(s), _) => Err(out_of_order(s.code())),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, step: LeaveStep) -> Recorded<LeaveStep> {
        Recorded::new(NaiveDate::from_ymd_opt(2025, 11, day).unwrap(), step)
    }

    fn request(standards_breach: bool, open_discipline_case: bool) -> LeaveStep {
        LeaveStep::Requested {
            written_reasons: true,
            standards_breach,
            open_discipline_case,
        }
    }

    #[test]
    fn rem_08_a_member_in_good_standing_leaves_through_cell_and_committee() {
        let steps = [
            at(3, request(false, false)),
            at(10, LeaveStep::CellForwarded),
            at(
                20,
                LeaveStep::Decided {
                    decision_ref: "88-QĐ/ĐU".to_owned(),
                },
            ),
        ];
        let end = leave_state(&steps).unwrap().unwrap();
        assert_eq!(end.event_kind(), Some(EventKind::Resigned));
        assert_eq!(
            leave_state(&[
                at(3, request(false, false)),
                at(
                    20,
                    LeaveStep::Decided {
                        decision_ref: "88".to_owned()
                    }
                )
            ]),
            Err(RemovalViolation::StepOutOfOrder {
                rule: "REM-08",
                state: "requested",
                step: "decided"
            })
        );
    }

    #[test]
    fn rem_08_a_request_during_an_open_discipline_case_is_held_and_a_breach_is_refused() {
        let e = leave_state(&[at(3, request(false, true))]).unwrap_err();
        assert_eq!(
            (e.rule(), e.code()),
            ("REM-08", "leave_held_for_discipline")
        );
        assert_eq!(
            leave_state(&[at(3, request(true, false))]),
            Err(RemovalViolation::LeaveWithStandardsBreach)
        );
        let unreasoned = LeaveStep::Requested {
            written_reasons: false,
            standards_breach: false,
            open_discipline_case: false,
        };
        assert_eq!(
            leave_state(&[at(3, unreasoned)]),
            Err(RemovalViolation::LeaveUnreasoned)
        );
    }
}
