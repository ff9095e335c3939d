//! REM-05: the removal procedure. The member self-reviews before the cell (or the cell goes
//! ahead after `max_requests` unanswered requests), two thirds of the cell and then of the
//! grassroots committee approve, and the competent committee decides; the member history
//! then gets a `removed` event.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::steps::replay;
use super::{Recorded, RemovalGround, RemovalParams, RemovalViolation};
use crate::admission::two_thirds;
use crate::member::EventKind;

const RULE: &str = "REM-05";

/// One step of a removal case, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RemovalStep {
    /// The case opens on a REM-01 ground (from a `removal_review` warning, screening or a fact).
    Opened { ground: RemovalGround },
    /// The cell asked the member to self-review and got no answer.
    SelfReviewRequested,
    /// The member self-reviewed before the cell.
    SelfReviewed,
    /// The cell's vote; `base` as for an admission vote (ADM-09).
    CellVote { base: u32, approvals: u32 },
    /// The grassroots committee's vote, two thirds of all its members.
    CommitteeVote { size: u32, approvals: u32 },
    /// The competent committee's decision.
    Decided { decision_ref: String },
}

impl RemovalStep {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Opened { .. } => "opened",
            Self::SelfReviewRequested => "self_review_requested",
            Self::SelfReviewed => "self_reviewed",
            Self::CellVote { .. } => "cell_vote",
            Self::CommitteeVote { .. } => "committee_vote",
            Self::Decided { .. } => "decided",
        }
    }
}

/// Where a removal case stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RemovalState {
    /// Waiting for the self-review; `requests` unanswered so far.
    AwaitingSelfReview {
        ground: RemovalGround,
        requests: u32,
    },
    /// Self-reviewed: the cell may vote.
    SelfReviewed {
        ground: RemovalGround,
    },
    CellApproved {
        ground: RemovalGround,
    },
    CommitteeApproved {
        ground: RemovalGround,
    },
    /// Removed by the competent committee's decision.
    Removed {
        ground: RemovalGround,
        decided_on: NaiveDate,
        decision_ref: String,
    },
    /// A vote fell short of two thirds: the member stays and the case ends.
    NotApproved {
        ground: RemovalGround,
    },
}

impl RemovalState {
    pub fn code(&self) -> &'static str {
        match self {
            Self::AwaitingSelfReview { .. } => "awaiting_self_review",
            Self::SelfReviewed { .. } => "self_reviewed",
            Self::CellApproved { .. } => "cell_approved",
            Self::CommitteeApproved { .. } => "committee_approved",
            Self::Removed { .. } => "removed",
            Self::NotApproved { .. } => "not_approved",
        }
    }

    /// The member history event the case ends in, once it does.
    pub fn event_kind(&self) -> Option<EventKind> {
        matches!(self, Self::Removed { .. }).then_some(EventKind::Removed)
    }

    pub fn is_closed(&self) -> bool {
        matches!(self, Self::Removed { .. } | Self::NotApproved { .. })
    }
}

fn check_counts(approvals: u32, base: u32) -> Result<(), RemovalViolation> {
    if base == 0 || approvals > base {
        return Err(RemovalViolation::VoteCountsInconsistent { rule: RULE });
    }
    Ok(())
}

fn next(
    state: Option<RemovalState>,
    r: &Recorded<RemovalStep>,
    params: &RemovalParams,
) -> Result<RemovalState, RemovalViolation> {
    use RemovalState as S;
    use RemovalStep as St;
    let out_of_order = |state: &'static str| RemovalViolation::StepOutOfOrder {
        rule: RULE,
        state,
        step: r.step.code(),
    };
    let Some(state) = state else {
        return match &r.step {
            St::Opened { ground } => Ok(S::AwaitingSelfReview {
                ground: *ground,
                requests: 0,
            }),
            _ => Err(out_of_order("none")),
        };
    };
    if state.is_closed() {
        return Err(RemovalViolation::ProcedureClosed { rule: RULE });
    }
    match (state, &r.step) {
        (S::AwaitingSelfReview { ground, requests }, St::SelfReviewRequested) => {
            Ok(S::AwaitingSelfReview {
                ground,
                requests: requests.saturating_add(1),
            })
        }
        (S::AwaitingSelfReview { ground, .. }, St::SelfReviewed) => Ok(S::SelfReviewed { ground }),
        (S::AwaitingSelfReview { requests, .. }, St::CellVote { .. })
            if requests < params.max_requests =>
        {
            Err(RemovalViolation::SelfReviewMissing {
                requests,
                needed: params.max_requests,
            })
        }
        (
            S::AwaitingSelfReview { ground, .. } | S::SelfReviewed { ground },
            St::CellVote { base, approvals },
        ) => {
            check_counts(*approvals, *base)?;
            Ok(if two_thirds(*approvals, *base) {
                S::CellApproved { ground }
            } else {
                S::NotApproved { ground }
            })
        }
        (S::CellApproved { ground }, St::CommitteeVote { size, approvals }) => {
            check_counts(*approvals, *size)?;
            Ok(if two_thirds(*approvals, *size) {
                S::CommitteeApproved { ground }
            } else {
                S::NotApproved { ground }
            })
        }
        (S::CommitteeApproved { ground }, St::Decided { decision_ref }) => {
            if decision_ref.trim().is_empty() {
                return Err(RemovalViolation::DecisionWithoutReference { rule: RULE });
            }
            Ok(S::Removed {
                ground,
                decided_on: r.on,
                decision_ref: decision_ref.trim().to_owned(),
            })
        }
        (s, _) => Err(out_of_order(s.code())),
    }
}

/// REM-05: the case after `steps`, refusing the first step that breaks the procedure. To
/// check a new step, pass the stored steps with it appended.
pub fn removal_state(
    steps: &[Recorded<RemovalStep>],
    params: &RemovalParams,
) -> Result<Option<RemovalState>, RemovalViolation> {
    replay(RULE, steps, |s, r| next(s, r, params))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(day: u32, step: RemovalStep) -> Recorded<RemovalStep> {
        Recorded::new(d(2025, 10, day), step)
    }

    fn opened() -> Recorded<RemovalStep> {
        at(
            1,
            RemovalStep::Opened {
                ground: RemovalGround::AbandonedActivity,
            },
        )
    }

    fn p() -> RemovalParams {
        RemovalParams::default()
    }

    #[test]
    fn rem_05_three_unanswered_requests_let_the_cell_vote_without_self_review() {
        let mut steps = vec![opened()];
        for day in [2, 3, 4] {
            steps.push(at(day, RemovalStep::SelfReviewRequested));
        }
        steps.push(at(
            10,
            RemovalStep::CellVote {
                base: 9,
                approvals: 6,
            },
        ));
        assert_eq!(
            removal_state(&steps, &p()),
            Ok(Some(RemovalState::CellApproved {
                ground: RemovalGround::AbandonedActivity
            }))
        );
        // After two requests the vote is refused.
        steps.remove(3);
        let e = removal_state(&steps, &p()).unwrap_err();
        assert_eq!(
            e,
            RemovalViolation::SelfReviewMissing {
                requests: 2,
                needed: 3
            }
        );
        assert_eq!((e.rule(), e.code()), ("REM-05", "self_review_missing"));
    }

    #[test]
    fn rem_05_two_thirds_at_the_cell_and_committee_then_the_decision_removes_the_member() {
        let steps = vec![
            opened(),
            at(5, RemovalStep::SelfReviewed),
            at(
                10,
                RemovalStep::CellVote {
                    base: 9,
                    approvals: 6,
                },
            ),
            at(
                20,
                RemovalStep::CommitteeVote {
                    size: 7,
                    approvals: 5,
                },
            ),
            at(
                28,
                RemovalStep::Decided {
                    decision_ref: "120-QĐ/ĐU".to_owned(),
                },
            ),
        ];
        let end = removal_state(&steps, &p()).unwrap().unwrap();
        assert_eq!(end.code(), "removed");
        assert_eq!(end.event_kind(), Some(EventKind::Removed));
        // Five of nine at the cell is short: the case ends and no decision can follow.
        let mut short = steps.clone();
        short[2] = at(
            10,
            RemovalStep::CellVote {
                base: 9,
                approvals: 5,
            },
        );
        assert_eq!(
            removal_state(&short, &p()),
            Err(RemovalViolation::ProcedureClosed { rule: "REM-05" })
        );
        assert_eq!(
            removal_state(&short[..3], &p()),
            Ok(Some(RemovalState::NotApproved {
                ground: RemovalGround::AbandonedActivity
            }))
        );
        assert_eq!(
            removal_state(&short[..3], &p())
                .unwrap()
                .unwrap()
                .event_kind(),
            None
        );
        // Four of seven at the committee is short too.
        let mut weak = steps.clone();
        weak[3] = at(
            20,
            RemovalStep::CommitteeVote {
                size: 7,
                approvals: 4,
            },
        );
        assert_eq!(
            removal_state(&weak[..4], &p()).unwrap().unwrap().code(),
            "not_approved"
        );
    }

    #[test]
    fn rem_05_steps_out_of_order_or_backwards_in_time_are_refused() {
        let skip = vec![
            opened(),
            at(5, RemovalStep::SelfReviewed),
            at(
                10,
                RemovalStep::Decided {
                    decision_ref: "1".to_owned(),
                },
            ),
        ];
        let e = removal_state(&skip, &p()).unwrap_err();
        assert_eq!(
            e,
            RemovalViolation::StepOutOfOrder {
                rule: "REM-05",
                state: "self_reviewed",
                step: "decided"
            }
        );
        assert!(removal_state(&[at(1, RemovalStep::SelfReviewed)], &p()).is_err());
        let backwards = vec![
            opened(),
            Recorded::new(d(2025, 9, 30), RemovalStep::SelfReviewed),
        ];
        assert_eq!(
            removal_state(&backwards, &p()).unwrap_err().code(),
            "step_date_backwards"
        );
        let counts = vec![
            opened(),
            at(5, RemovalStep::SelfReviewed),
            at(
                6,
                RemovalStep::CellVote {
                    base: 3,
                    approvals: 4,
                },
            ),
        ];
        assert_eq!(
            removal_state(&counts, &p()).unwrap_err().code(),
            "vote_counts_inconsistent"
        );
        let unnumbered = vec![
            opened(),
            at(5, RemovalStep::SelfReviewed),
            at(
                10,
                RemovalStep::CellVote {
                    base: 9,
                    approvals: 6,
                },
            ),
            at(
                20,
                RemovalStep::CommitteeVote {
                    size: 7,
                    approvals: 5,
                },
            ),
            at(
                28,
                RemovalStep::Decided {
                    decision_ref: " ".to_owned(),
                },
            ),
        ];
        assert_eq!(
            removal_state(&unnumbered, &p()).unwrap_err().code(),
            "decision_without_reference"
        );
        assert_eq!(removal_state(&[], &p()), Ok(None));
    }

    fn any_step() -> impl Strategy<Value = RemovalStep> {
        prop_oneof![
            Just(RemovalStep::Opened {
                ground: RemovalGround::UnpaidFees
            }),
            Just(RemovalStep::SelfReviewRequested),
            Just(RemovalStep::SelfReviewed),
            (1u32..12, 0u32..12)
                .prop_map(|(base, approvals)| RemovalStep::CellVote { base, approvals }),
            (1u32..12, 0u32..12)
                .prop_map(|(size, approvals)| RemovalStep::CommitteeVote { size, approvals }),
            Just(RemovalStep::Decided {
                decision_ref: "1-QĐ".to_owned()
            }),
        ]
    }

    /// A case that is mostly well formed (so removals do happen), with one random step
    /// inserted anywhere to exercise the refusals.
    fn any_case() -> impl Strategy<Value = Vec<RemovalStep>> {
        (
            any::<bool>(),
            0usize..5,
            (1u32..12, 0u32..=12),
            (1u32..12, 0u32..=12),
            proptest::option::of((any_step(), 0usize..12)),
        )
            .prop_map(|(reviewed, requests, (base, yes), (size, aye), extra)| {
                let mut steps = vec![RemovalStep::Opened {
                    ground: RemovalGround::UnpaidFees,
                }];
                steps.extend(std::iter::repeat_n(
                    RemovalStep::SelfReviewRequested,
                    requests,
                ));
                if reviewed {
                    steps.push(RemovalStep::SelfReviewed);
                }
                steps.push(RemovalStep::CellVote {
                    base,
                    approvals: yes.min(base),
                });
                steps.push(RemovalStep::CommitteeVote {
                    size,
                    approvals: aye.min(size),
                });
                steps.push(RemovalStep::Decided {
                    decision_ref: "1-QĐ".to_owned(),
                });
                if let Some((step, at)) = extra {
                    steps.insert(at.min(steps.len()), step);
                }
                steps
            })
    }

    proptest! {
        #[test]
        fn a_removal_is_reached_only_through_self_review_or_enough_requests_and_two_votes_of_two_thirds(
            steps in any_case(),
            max_requests in 1u32..5,
        ) {
            let params = RemovalParams { max_requests, ..p() };
            let recorded: Vec<Recorded<RemovalStep>> = steps.into_iter().map(|s| at(1, s)).collect();
            if let Ok(Some(RemovalState::Removed { .. })) = removal_state(&recorded, &params) {
                let cell = recorded.iter().position(|r| matches!(r.step, RemovalStep::CellVote { .. })).unwrap();
                let before = &recorded[..cell];
                let requests = before.iter().filter(|r| r.step == RemovalStep::SelfReviewRequested).count() as u32;
                prop_assert!(before.iter().any(|r| r.step == RemovalStep::SelfReviewed) || requests >= max_requests);
                for r in &recorded {
                    match r.step {
                        RemovalStep::CellVote { base, approvals } => prop_assert!(two_thirds(approvals, base)),
                        RemovalStep::CommitteeVote { size, approvals } => prop_assert!(two_thirds(approvals, size)),
                        _ => {}
                    }
                }
                let decided = matches!(recorded.last().map(|r| &r.step), Some(RemovalStep::Decided { .. }));
                prop_assert!(decided);
            }
            // Every prefix of an accepted history is accepted too: refusing is about the new step.
            if removal_state(&recorded, &params).is_ok() {
                for n in 0..recorded.len() {
                    prop_assert!(removal_state(&recorded[..n], &params).is_ok());
                }
            }
        }
    }
}
