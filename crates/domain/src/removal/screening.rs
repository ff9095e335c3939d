//! REM-09: screening (rà soát, sàng lọc). The cell flags a member by secret ballot with two
//! thirds of its official members not exempted, plans help with a responsible member, and after
//! the help period keeps the member or proposes exit, which opens a removal case (REM-05).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::steps::replay;
use super::{Recorded, RemovalGround, RemovalParams, RemovalViolation};
use crate::admission::{needed_for_two_thirds, two_thirds};
use crate::dates::add_months;

const RULE: &str = "REM-09";

/// REM-09 flag `not_completed_two_years`: rated "not completed" in `year` and the year before.
pub fn not_completed_two_years(not_completed_years: &[i32], year: i32) -> bool {
    not_completed_years.contains(&year) && not_completed_years.contains(&(year - 1))
}

/// How a vote was taken (glossary: VoteMethod).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteMethod {
    SecretBallot,
    RaisedCard,
}

impl VoteMethod {
    pub fn code(self) -> &'static str {
        match self {
            Self::SecretBallot => "secret_ballot",
            Self::RaisedCard => "raised_card",
        }
    }
}

/// The cell's vote on listing a member for help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningVote {
    /// Official members of the cell on the vote day.
    pub official_members: u32,
    /// Of those, members exempted from party work (EXM), left out of the base.
    pub exempted: u32,
    pub approvals: u32,
    pub method: VoteMethod,
}

impl ScreeningVote {
    /// REM-09: a secret ballot with two thirds of the official members not exempted.
    pub fn check(&self) -> Result<(), RemovalViolation> {
        if self.method != VoteMethod::SecretBallot {
            return Err(RemovalViolation::ScreeningNotSecretBallot);
        }
        let base = self
            .official_members
            .checked_sub(self.exempted)
            .filter(|b| *b > 0 && self.approvals <= *b)
            .ok_or(RemovalViolation::VoteCountsInconsistent { rule: RULE })?;
        if two_thirds(self.approvals, base) {
            Ok(())
        } else {
            Err(RemovalViolation::ScreeningVoteShort {
                approvals: self.approvals,
                needed: needed_for_two_thirds(base),
                base,
            })
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScreeningStep {
    Flagged {
        vote: ScreeningVote,
    },
    HelpPlanned {
        responsible_member: String,
    },
    /// The review after the help period: `progress` keeps the member.
    Reviewed {
        progress: bool,
    },
}

impl ScreeningStep {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Flagged { .. } => "flagged",
            Self::HelpPlanned { .. } => "help_planned",
            Self::Reviewed { .. } => "reviewed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScreeningState {
    Flagged,
    /// Being helped; the review may come from `review_from`.
    Helping {
        responsible_member: String,
        review_from: NaiveDate,
    },
    Kept,
    /// No progress: exit proposed, as a removal case on [`RemovalGround::NoProgressAfterHelp`].
    ExitProposed,
}

impl ScreeningState {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Flagged => "flagged",
            Self::Helping { .. } => "helping",
            Self::Kept => "kept",
            Self::ExitProposed => "exit_proposed",
        }
    }

    /// The ground of the removal case the screening opens, if it does.
    pub fn removal_ground(&self) -> Option<RemovalGround> {
        matches!(self, Self::ExitProposed).then_some(RemovalGround::NoProgressAfterHelp)
    }
}

/// REM-09: the screening after `steps`, refusing a short or open vote, a plan with nobody
/// responsible and a review before the help period (counted from the plan) has run.
pub fn screening_state(
    steps: &[Recorded<ScreeningStep>],
    params: &RemovalParams,
) -> Result<Option<ScreeningState>, RemovalViolation> {
    use ScreeningState as S;
    use ScreeningStep as St;
    replay(RULE, steps, |state, r| {
        let out_of_order = |state: &'static str| RemovalViolation::StepOutOfOrder {
            rule: RULE,
            state,
            step: r.step.code(),
        };
        match (state, &r.step) {
            (None, St::Flagged { vote }) => vote.check().map(|()| S::Flagged),
            (Some(S::Flagged), St::HelpPlanned { responsible_member }) => {
                let name = responsible_member.trim();
                if name.is_empty() {
                    return Err(RemovalViolation::ResponsibleMemberMissing);
                }
                Ok(S::Helping {
                    responsible_member: name.to_owned(),
                    review_from: add_months(r.on, params.help_period_months)
                        .unwrap_or(NaiveDate::MAX),
                })
            }
            (Some(S::Helping { review_from, .. }), St::Reviewed { progress }) => {
                if r.on < review_from {
                    return Err(RemovalViolation::ReviewTooEarly { review_from });
                }
                Ok(if *progress { S::Kept } else { S::ExitProposed })
            }
            (Some(S::Kept | S::ExitProposed), _) => {
                Err(RemovalViolation::ProcedureClosed { rule: RULE })
            }
            (None, _) => Err(out_of_order("none")),
            (Some(s), _) => Err(out_of_order(s.code())),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn vote(approvals: u32) -> ScreeningVote {
        ScreeningVote {
            official_members: 11,
            exempted: 2,
            approvals,
            method: VoteMethod::SecretBallot,
        }
    }

    #[test]
    fn rem_09_not_completed_in_2024_and_2025_is_flagged() {
        assert!(not_completed_two_years(&[2024, 2025], 2025));
        assert!(!not_completed_two_years(&[2023, 2025], 2025));
        assert!(!not_completed_two_years(&[2024], 2025));
    }

    #[test]
    fn rem_09_the_flag_needs_a_secret_ballot_of_two_thirds_of_the_members_not_exempted() {
        // 11 official, 2 exempted: base 9, 6 needed.
        assert_eq!(vote(6).check(), Ok(()));
        let e = vote(5).check().unwrap_err();
        assert_eq!(
            e,
            RemovalViolation::ScreeningVoteShort {
                approvals: 5,
                needed: 6,
                base: 9
            }
        );
        assert_eq!((e.rule(), e.code()), ("REM-09", "screening_vote_short"));
        let open = ScreeningVote {
            method: VoteMethod::RaisedCard,
            ..vote(9)
        };
        assert_eq!(
            open.check(),
            Err(RemovalViolation::ScreeningNotSecretBallot)
        );
        assert_eq!(
            vote(10).check().unwrap_err().code(),
            "vote_counts_inconsistent"
        );
    }

    #[test]
    fn rem_09_after_twelve_months_of_help_without_progress_exit_is_proposed() {
        let p = RemovalParams::default();
        let mut steps = vec![
            Recorded::new(d(2025, 1, 10), ScreeningStep::Flagged { vote: vote(7) }),
            Recorded::new(
                d(2025, 1, 15),
                ScreeningStep::HelpPlanned {
                    responsible_member: "Trần Thị Bình".to_owned(),
                },
            ),
            Recorded::new(d(2026, 1, 14), ScreeningStep::Reviewed { progress: false }),
        ];
        assert_eq!(
            screening_state(&steps, &p),
            Err(RemovalViolation::ReviewTooEarly {
                review_from: d(2026, 1, 15)
            })
        );
        steps[2].on = d(2026, 1, 15);
        let end = screening_state(&steps, &p).unwrap().unwrap();
        assert_eq!(
            end.removal_ground(),
            Some(RemovalGround::NoProgressAfterHelp)
        );
        steps[2].step = ScreeningStep::Reviewed { progress: true };
        assert_eq!(
            screening_state(&steps, &p)
                .unwrap()
                .unwrap()
                .removal_ground(),
            None
        );
        // A shorter configured help period allows an earlier review.
        let short = RemovalParams {
            help_period_months: 6,
            ..p
        };
        steps[2].on = d(2025, 7, 15);
        assert_eq!(
            screening_state(&steps, &short).unwrap().unwrap(),
            ScreeningState::Kept
        );
        let nobody = [
            Recorded::new(d(2025, 1, 10), ScreeningStep::Flagged { vote: vote(7) }),
            Recorded::new(
                d(2025, 1, 15),
                ScreeningStep::HelpPlanned {
                    responsible_member: " ".to_owned(),
                },
            ),
        ];
        assert_eq!(
            screening_state(&nobody, &p),
            Err(RemovalViolation::ResponsibleMemberMissing)
        );
        let unplanned = [
            Recorded::new(d(2025, 1, 10), ScreeningStep::Flagged { vote: vote(7) }),
            Recorded::new(d(2026, 1, 15), ScreeningStep::Reviewed { progress: false }),
        ];
        assert_eq!(
            screening_state(&unplanned, &p).unwrap_err().code(),
            "step_out_of_order"
        );
    }
}
