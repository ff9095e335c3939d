//! The two-thirds votes: the cell's (ADM-09, also used by PRB-02), the grassroots committee's
//! (ADM-10) and the rounds on a probationer (PRB-05). Exact integer arithmetic, never floats.

use serde::{Deserialize, Serialize};

use super::{AdmissionParams, RuleViolation};

/// At least two thirds of `base` approve: `3 × approvals ≥ 2 × base`, in `u64` so no count
/// overflows.
pub fn two_thirds(approvals: u32, base: u32) -> bool {
    3 * u64::from(approvals) >= 2 * u64::from(base)
}

/// The fewest approvals that make two thirds of `base` (10 → 7, 15 → 10).
pub fn needed_for_two_thirds(base: u32) -> u32 {
    // ⌈2b/3⌉ ≤ b, so the conversion back cannot fail.
    u32::try_from((2 * u64::from(base)).div_ceil(3)).unwrap_or(base)
}

/// A cell vote on an applicant (ADM-09). Probationary members do not vote and are not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellVote {
    /// The cell's official members on the vote day, exempted ones included.
    pub official_members: u32,
    /// Exempted official members absent from the vote.
    pub absent_exempted: u32,
    /// Official members approving.
    pub approvals: u32,
}

/// ADM-09: the base of the cell's two thirds: all official members, less the absent exempted
/// ones when `exclude_absent_exempted` is set. `None` when more are absent than there are.
pub fn cell_vote_base(
    official_members: u32,
    absent_exempted: u32,
    params: &AdmissionParams,
) -> Option<u32> {
    let rest = official_members.checked_sub(absent_exempted)?;
    Some(if params.exclude_absent_exempted {
        rest
    } else {
        official_members
    })
}

/// ADM-09: the cell proposes admission only with two thirds of its base approving. A refused
/// vote is still reported upward; the refusal carries the counts for that report.
pub fn check_cell_vote(vote: &CellVote, params: &AdmissionParams) -> Result<(), RuleViolation> {
    let inconsistent = RuleViolation::VoteCountsInconsistent { rule: "ADM-09" };
    let base = cell_vote_base(vote.official_members, vote.absent_exempted, params)
        .ok_or(inconsistent.clone())?;
    let voters = vote.official_members - vote.absent_exempted.min(vote.official_members);
    if base == 0 || vote.approvals > voters {
        return Err(inconsistent);
    }
    if two_thirds(vote.approvals, base) {
        Ok(())
    } else {
        Err(RuleViolation::CellVoteShort {
            approvals: vote.approvals,
            needed: needed_for_two_thirds(base),
            base,
        })
    }
}

/// ADM-10: the grassroots committee endorses only with two thirds of all its members, not of
/// those present.
pub fn check_committee_vote(committee_size: u32, approvals: u32) -> Result<(), RuleViolation> {
    if committee_size == 0 || approvals > committee_size {
        return Err(RuleViolation::VoteCountsInconsistent { rule: "ADM-10" });
    }
    if two_thirds(approvals, committee_size) {
        Ok(())
    } else {
        Err(RuleViolation::CommitteeVoteShort {
            approvals,
            needed: needed_for_two_thirds(committee_size),
            size: committee_size,
        })
    }
}

/// One round of the cell's vote on a probationer: recognition and removal from the
/// probationary list are separate questions, each judged on the ADM-09 base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognitionRound {
    /// The ADM-09 base (see [`cell_vote_base`]).
    pub base: u32,
    pub for_recognition: u32,
    pub for_removal: u32,
}

/// Where the rounds on a probationer stand (PRB-02, PRB-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundsOutcome {
    /// Two thirds for official recognition.
    Recognized,
    /// Two thirds for removing the name from the probationary list.
    RemovalProposed,
    /// No two thirds either way yet; the cell votes again.
    NextRound,
    /// `max_vote_rounds` rounds without two thirds either way: the superior decides.
    ReferredToSuperior,
}

/// PRB-05: the outcome of the rounds held so far, in order. Rounds after a decisive one, more
/// than `max_vote_rounds` rounds, or counts over the base are refused as inconsistent.
pub fn recognition_rounds(
    rounds: &[RecognitionRound],
    params: &AdmissionParams,
) -> Result<RoundsOutcome, RuleViolation> {
    let inconsistent = RuleViolation::VoteCountsInconsistent { rule: "PRB-05" };
    if rounds.len() > params.max_vote_rounds as usize {
        return Err(inconsistent);
    }
    for (i, r) in rounds.iter().enumerate() {
        if r.base == 0 || r.for_recognition > r.base || r.for_removal > r.base {
            return Err(inconsistent);
        }
        let recognized = two_thirds(r.for_recognition, r.base);
        let removed = two_thirds(r.for_removal, r.base);
        let last = i + 1 == rounds.len();
        match (recognized, removed) {
            (true, true) => return Err(inconsistent),
            (false, false) => {}
            _ if !last => return Err(inconsistent),
            (true, false) => return Ok(RoundsOutcome::Recognized),
            (false, true) => return Ok(RoundsOutcome::RemovalProposed),
        }
    }
    if rounds.len() == params.max_vote_rounds as usize && !rounds.is_empty() {
        Ok(RoundsOutcome::ReferredToSuperior)
    } else {
        Ok(RoundsOutcome::NextRound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p() -> AdmissionParams {
        AdmissionParams::default()
    }

    #[test]
    fn adm_09_ten_official_members_need_seven_approvals() {
        let vote = |approvals| CellVote {
            official_members: 10,
            absent_exempted: 1,
            approvals,
        };
        assert_eq!(check_cell_vote(&vote(7), &p()), Ok(()));
        let e = check_cell_vote(&vote(6), &p()).unwrap_err();
        assert_eq!(
            e,
            RuleViolation::CellVoteShort {
                approvals: 6,
                needed: 7,
                base: 10
            }
        );
        assert_eq!((e.rule(), e.code()), ("ADM-09", "cell_vote_short"));
        assert!(e.message().contains("hai phần ba"));
    }

    #[test]
    fn adm_09_with_the_exclusion_on_one_absent_exempted_member_leaves_six_needed() {
        let params = AdmissionParams {
            exclude_absent_exempted: true,
            ..p()
        };
        let vote = |approvals| CellVote {
            official_members: 10,
            absent_exempted: 1,
            approvals,
        };
        assert_eq!(check_cell_vote(&vote(6), &params), Ok(()));
        assert_eq!(
            check_cell_vote(&vote(5), &params),
            Err(RuleViolation::CellVoteShort {
                approvals: 5,
                needed: 6,
                base: 9
            })
        );
    }

    #[test]
    fn adm_09_counts_that_cannot_be_are_refused() {
        let inconsistent = Err(RuleViolation::VoteCountsInconsistent { rule: "ADM-09" });
        for vote in [
            CellVote {
                official_members: 0,
                absent_exempted: 0,
                approvals: 0,
            },
            CellVote {
                official_members: 3,
                absent_exempted: 4,
                approvals: 0,
            },
            CellVote {
                official_members: 10,
                absent_exempted: 1,
                approvals: 10,
            },
        ] {
            assert_eq!(check_cell_vote(&vote, &p()), inconsistent);
        }
    }

    #[test]
    fn adm_10_counts_two_thirds_of_all_15_committee_members() {
        assert_eq!(check_committee_vote(15, 10), Ok(()));
        let e = check_committee_vote(15, 9).unwrap_err();
        assert_eq!(
            e,
            RuleViolation::CommitteeVoteShort {
                approvals: 9,
                needed: 10,
                size: 15
            }
        );
        assert_eq!((e.rule(), e.code()), ("ADM-10", "committee_vote_short"));
        assert_eq!(
            check_committee_vote(15, 16),
            Err(RuleViolation::VoteCountsInconsistent { rule: "ADM-10" })
        );
    }

    fn round(base: u32, for_recognition: u32, for_removal: u32) -> RecognitionRound {
        RecognitionRound {
            base,
            for_recognition,
            for_removal,
        }
    }

    #[test]
    fn prb_05_three_rounds_without_two_thirds_either_way_go_to_the_superior() {
        // 60% for recognition and 50% for removal, three times.
        let undecided = round(10, 6, 5);
        assert_eq!(
            recognition_rounds(&[undecided], &p()),
            Ok(RoundsOutcome::NextRound)
        );
        assert_eq!(
            recognition_rounds(&[undecided; 2], &p()),
            Ok(RoundsOutcome::NextRound)
        );
        assert_eq!(
            recognition_rounds(&[undecided; 3], &p()),
            Ok(RoundsOutcome::ReferredToSuperior)
        );
        assert_eq!(
            recognition_rounds(&[undecided; 4], &p()),
            Err(RuleViolation::VoteCountsInconsistent { rule: "PRB-05" })
        );
    }

    #[test]
    fn prb_05_two_thirds_either_way_decides_the_round() {
        let undecided = round(10, 6, 5);
        assert_eq!(
            recognition_rounds(&[undecided, round(10, 7, 2)], &p()),
            Ok(RoundsOutcome::Recognized)
        );
        assert_eq!(
            recognition_rounds(&[undecided, undecided, round(9, 2, 6)], &p()),
            Ok(RoundsOutcome::RemovalProposed)
        );
        // A round after a decisive one did not happen.
        assert_eq!(
            recognition_rounds(&[round(10, 7, 2), undecided], &p()),
            Err(RuleViolation::VoteCountsInconsistent { rule: "PRB-05" })
        );
        assert_eq!(recognition_rounds(&[], &p()), Ok(RoundsOutcome::NextRound));
    }

    proptest! {
        #[test]
        fn two_thirds_is_the_exact_rational_comparison(approvals in 0u32..=u32::MAX, base in 0u32..=u32::MAX) {
            // approvals / base ≥ 2/3 over the integers, checked in u128.
            let exact = u128::from(approvals) * 3 >= u128::from(base) * 2;
            prop_assert_eq!(two_thirds(approvals, base), exact);
        }

        #[test]
        fn two_thirds_is_monotone_in_approvals(approvals in 0u32..10_000, more in 0u32..10_000, base in 0u32..10_000) {
            if two_thirds(approvals, base) {
                prop_assert!(two_thirds(approvals + more, base));
            }
        }

        #[test]
        fn needed_is_the_least_passing_count(base in 0u32..=u32::MAX) {
            let n = needed_for_two_thirds(base);
            prop_assert!(n <= base);
            prop_assert!(two_thirds(n, base));
            if n > 0 {
                prop_assert!(!two_thirds(n - 1, base));
            }
        }

        #[test]
        fn committee_vote_passes_exactly_at_two_thirds(size in 1u32..500, approvals in 0u32..500) {
            prop_assume!(approvals <= size);
            prop_assert_eq!(check_committee_vote(size, approvals).is_ok(), two_thirds(approvals, size));
        }
    }
}
