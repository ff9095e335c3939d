//! The recognition procedure of one probationer: cell review rounds (PRB-02, PRB-05), then the
//! competent committee's decision (PRB-03, ADM-12), replayed from the recorded steps.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::RuleViolation;
use crate::admission::{
    AdmissionParams, RecognitionRound, RoundsOutcome, cell_vote_base, recognition_rounds,
    two_thirds,
};
use crate::calendar::{Limit, WorkingCalendar, due, due_extended};

/// The configurable limits of PRB-02 and PRB-03 (GEN-03: a deployment passes the values in
/// force).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognitionParams {
    /// PRB-02: working days for the cell's review after probation ends.
    #[serde(rename = "recognition_review_wd")]
    pub review_wd: u32,
    /// PRB-03: working days for the committee's decision after the cell resolution.
    #[serde(rename = "recognition_decision_wd")]
    pub decision_wd: u32,
    /// PRB-03: working days the decision may be extended by, once, in special cases.
    #[serde(rename = "recognition_extension_wd")]
    pub extension_wd: u32,
}

impl Default for RecognitionParams {
    fn default() -> Self {
        Self {
            review_wd: crate::member::RECOGNITION_REVIEW_WORKING_DAYS,
            decision_wd: 30,
            extension_wd: 30,
        }
    }
}

/// What one cell review round gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// Two thirds for official recognition.
    Recognize,
    /// Two thirds for removing the name from the probationary list.
    NotRecognize,
    /// Two thirds neither way.
    Undecided,
}

impl ReviewOutcome {
    pub const CODES: &'static [&'static str] = &["recognize", "not_recognize", "undecided"];

    pub fn code(self) -> &'static str {
        match self {
            Self::Recognize => "recognize",
            Self::NotRecognize => "not_recognize",
            Self::Undecided => "undecided",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::Recognize, Self::NotRecognize, Self::Undecided]
            .into_iter()
            .find(|o| o.code() == code)
    }
}

/// Who decides (ADM-12): the grassroots committee with delegated power, or the superior
/// level's standing committee. Since the registry holds no delegation flags yet, the caller
/// records which body signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidingBody {
    GrassrootsCommittee,
    SuperiorStandingCommittee,
}

impl DecidingBody {
    pub const CODES: &'static [&'static str] =
        &["grassroots_committee", "superior_standing_committee"];

    pub fn code(self) -> &'static str {
        match self {
            Self::GrassrootsCommittee => "grassroots_committee",
            Self::SuperiorStandingCommittee => "superior_standing_committee",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::GrassrootsCommittee, Self::SuperiorStandingCommittee]
            .into_iter()
            .find(|b| b.code() == code)
    }
}

/// The committee's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Công nhận đảng viên chính thức.
    Recognized,
    /// Xóa tên trong danh sách đảng viên dự bị.
    NotRecognized,
}

impl Decision {
    pub const CODES: &'static [&'static str] = &["recognized", "not_recognized"];

    pub fn code(self) -> &'static str {
        match self {
            Self::Recognized => "recognized",
            Self::NotRecognized => "not_recognized",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::Recognized, Self::NotRecognized]
            .into_iter()
            .find(|d| d.code() == code)
    }
}

/// One round of the cell's review: the resolution's date and its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellReview {
    pub on: NaiveDate,
    /// The cell's official members on the day, exempted ones included; probationers are not
    /// counted (ADM-09).
    pub official_members: u32,
    /// Exempted official members absent from the vote.
    pub absent_exempted: u32,
    pub for_recognition: u32,
    pub for_removal: u32,
}

/// The competent committee's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeDecision {
    pub on: NaiveDate,
    pub decision: Decision,
    pub body: DecidingBody,
    /// The special-case extension of PRB-03 was used.
    pub extended: bool,
}

/// A recorded step, in the order recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    CellReview(CellReview),
    CommitteeDecision(CommitteeDecision),
}

impl Step {
    pub fn on(&self) -> NaiveDate {
        match self {
            Self::CellReview(r) => r.on,
            Self::CommitteeDecision(d) => d.on,
        }
    }
}

/// Where the procedure stands after the recorded steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum Position {
    /// The cell reviews next; `round` is the number the next round will have (1-based).
    AwaitingReview { round: u32 },
    /// The cell resolved (`proposal` is never `NextRound`); the committee decides next.
    AwaitingDecision {
        resolution_on: NaiveDate,
        proposal: RoundsOutcome,
        rounds: u32,
    },
    /// Decided; nothing follows.
    Decided { decision: Decision, on: NaiveDate },
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The ADM-09 base of a review, or why its counts cannot be: more absent than members, no
/// base, more votes on a question than voters, or two thirds on both questions. Recognition
/// and removal are separate questions (PRB-05's example has 60% and 50% in one round).
fn review_round(
    r: &CellReview,
    params: &AdmissionParams,
) -> Result<RecognitionRound, RuleViolation> {
    let inconsistent = RuleViolation::VoteCountsInconsistent { rule: "PRB-02" };
    let base = cell_vote_base(r.official_members, r.absent_exempted, params)
        .ok_or(inconsistent.clone())?;
    let voters = u64::from(r.official_members.saturating_sub(r.absent_exempted));
    if base == 0
        || u64::from(r.for_recognition) > voters
        || u64::from(r.for_removal) > voters
        || (two_thirds(r.for_recognition, base) && two_thirds(r.for_removal, base))
    {
        return Err(inconsistent);
    }
    Ok(RecognitionRound {
        base,
        for_recognition: r.for_recognition,
        for_removal: r.for_removal,
    })
}

/// Replays the recorded steps into where the procedure stands. Steps that could not have been
/// recorded in that order are refused like the step that would have been refused.
pub fn position(steps: &[Step], params: &AdmissionParams) -> Result<Position, RuleViolation> {
    let mut rounds = Vec::new();
    let mut at = Position::AwaitingReview { round: 1 };
    for step in steps {
        at = match (*step, at) {
            (Step::CellReview(r), Position::AwaitingReview { .. }) => {
                rounds.push(review_round(&r, params)?);
                match recognition_rounds(&rounds, params)? {
                    RoundsOutcome::NextRound => Position::AwaitingReview {
                        round: count(rounds.len()) + 1,
                    },
                    proposal => Position::AwaitingDecision {
                        resolution_on: r.on,
                        proposal,
                        rounds: count(rounds.len()),
                    },
                }
            }
            (Step::CellReview(_), other) => return Err(refuse_review(other)),
            (Step::CommitteeDecision(d), Position::AwaitingDecision { .. }) => Position::Decided {
                decision: d.decision,
                on: d.on,
            },
            (Step::CommitteeDecision(_), other) => return Err(refuse_decision(other)),
        };
    }
    Ok(at)
}

fn refuse_review(at: Position) -> RuleViolation {
    match at {
        Position::AwaitingDecision {
            proposal: RoundsOutcome::ReferredToSuperior,
            rounds,
            ..
        } => RuleViolation::RecognitionReferredToSuperior { rounds },
        Position::AwaitingDecision { .. } => RuleViolation::RecognitionAwaitingDecision,
        Position::Decided { .. } | Position::AwaitingReview { .. } => {
            RuleViolation::RecognitionDecided
        }
    }
}

fn refuse_decision(at: Position) -> RuleViolation {
    match at {
        Position::Decided { .. } => RuleViolation::RecognitionDecided,
        _ => RuleViolation::RecognitionNeedsReview,
    }
}

fn check_not_backwards(prior: &[Step], on: NaiveDate) -> Result<(), RuleViolation> {
    match prior.last() {
        Some(last) if last.on() > on => Err(RuleViolation::RecognitionDateBackwards {
            previous_on: last.on(),
            on,
        }),
        _ => Ok(()),
    }
}

/// Checks a new cell review after the `prior` steps of a probationer whose probation ends on
/// `probation_ends`: the cell reviews next (PRB-05: not a fourth undecided round, which the
/// superior decides instead), the resolution is not dated before the end (PRB-02) nor before
/// the previous step, and its counts can be. Returns the round's number and outcome, judged
/// on the ADM-09 base.
pub fn check_cell_review(
    probation_ends: NaiveDate,
    prior: &[Step],
    review: &CellReview,
    params: &AdmissionParams,
) -> Result<(u32, ReviewOutcome), RuleViolation> {
    let round = match position(prior, params)? {
        Position::AwaitingReview { round } => round,
        other => return Err(refuse_review(other)),
    };
    if review.on < probation_ends {
        return Err(RuleViolation::ReviewBeforeProbationEnds {
            ends: probation_ends,
        });
    }
    check_not_backwards(prior, review.on)?;
    let r = review_round(review, params)?;
    let outcome = if two_thirds(r.for_recognition, r.base) {
        ReviewOutcome::Recognize
    } else if two_thirds(r.for_removal, r.base) {
        ReviewOutcome::NotRecognize
    } else {
        ReviewOutcome::Undecided
    };
    Ok((round, outcome))
}

/// Checks the committee's decision after the `prior` steps: the cell has resolved, the decision
/// is not dated before the resolution, and after three undecided rounds only the superior's
/// standing committee decides (PRB-05). Returns the effective date of the registry event:
/// the probation end for a recognition, however late the decision (PRB-04), the decision's
/// date for a removal from the probationary list.
pub fn check_committee_decision(
    probation_ends: NaiveDate,
    prior: &[Step],
    decision: &CommitteeDecision,
    params: &AdmissionParams,
) -> Result<NaiveDate, RuleViolation> {
    let proposal = match position(prior, params)? {
        Position::AwaitingDecision { proposal, .. } => proposal,
        other => return Err(refuse_decision(other)),
    };
    check_not_backwards(prior, decision.on)?;
    if proposal == RoundsOutcome::ReferredToSuperior
        && decision.body != DecidingBody::SuperiorStandingCommittee
    {
        return Err(RuleViolation::SuperiorMustDecide);
    }
    Ok(match decision.decision {
        Decision::Recognized => probation_ends,
        Decision::NotRecognized => decision.on,
    })
}

/// PRB-03: the last day for the committee's decision on a cell resolution of `resolution_on`,
/// extended once in special cases. `None` past chrono's last date.
pub fn recognition_decision_due(
    resolution_on: NaiveDate,
    extended: bool,
    calendar: &WorkingCalendar,
    params: &RecognitionParams,
) -> Option<NaiveDate> {
    let base = Limit::WorkingDays(params.decision_wd);
    if extended {
        due_extended(
            resolution_on,
            base,
            Limit::WorkingDays(params.extension_wd),
            calendar,
        )
    } else {
        due(resolution_on, base, calendar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::shipped_calendar;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p() -> AdmissionParams {
        AdmissionParams::default()
    }

    fn review(on: NaiveDate, for_recognition: u32, for_removal: u32) -> CellReview {
        CellReview {
            on,
            official_members: 10,
            absent_exempted: 0,
            for_recognition,
            for_removal,
        }
    }

    fn decision(on: NaiveDate, decision: Decision, body: DecidingBody) -> CommitteeDecision {
        CommitteeDecision {
            on,
            decision,
            body,
            extended: false,
        }
    }

    const ENDS: (i32, u32, u32) = (2025, 11, 15);

    fn ends() -> NaiveDate {
        d(ENDS.0, ENDS.1, ENDS.2)
    }

    #[test]
    fn prb_02_a_resolution_dated_before_probation_ends_is_refused() {
        let e = check_cell_review(ends(), &[], &review(d(2025, 11, 14), 8, 0), &p()).unwrap_err();
        assert_eq!(e, RuleViolation::ReviewBeforeProbationEnds { ends: ends() });
        assert_eq!(
            (e.rule(), e.code()),
            ("PRB-02", "review_before_probation_ends")
        );
        assert!(e.message().contains("15/11/2025"), "{}", e.message());
    }

    #[test]
    fn prb_02_adm_09_a_resolution_on_the_end_day_with_two_thirds_recognises() {
        assert_eq!(
            check_cell_review(ends(), &[], &review(ends(), 7, 1), &p()),
            Ok((1, ReviewOutcome::Recognize))
        );
        assert_eq!(
            check_cell_review(ends(), &[], &review(ends(), 2, 7), &p()),
            Ok((1, ReviewOutcome::NotRecognize))
        );
        assert_eq!(
            check_cell_review(ends(), &[], &review(ends(), 6, 3), &p()),
            Ok((1, ReviewOutcome::Undecided))
        );
    }

    #[test]
    fn prb_02_adm_09_absent_exempted_members_leave_the_base_only_when_configured() {
        let r = CellReview {
            absent_exempted: 1,
            ..review(ends(), 6, 0)
        };
        assert_eq!(
            check_cell_review(ends(), &[], &r, &p()),
            Ok((1, ReviewOutcome::Undecided))
        );
        let excluding = AdmissionParams {
            exclude_absent_exempted: true,
            ..p()
        };
        assert_eq!(
            check_cell_review(ends(), &[], &r, &excluding),
            Ok((1, ReviewOutcome::Recognize))
        );
    }

    #[test]
    fn prb_02_counts_that_cannot_be_are_refused() {
        let inconsistent = Err(RuleViolation::VoteCountsInconsistent { rule: "PRB-02" });
        for r in [
            review(ends(), 7, 7),
            review(ends(), 11, 0),
            CellReview {
                official_members: 0,
                ..review(ends(), 0, 0)
            },
            CellReview {
                absent_exempted: 11,
                ..review(ends(), 0, 0)
            },
        ] {
            assert_eq!(check_cell_review(ends(), &[], &r, &p()), inconsistent);
        }
    }

    #[test]
    fn prb_03_decision_due_30_working_days_after_the_resolution_extendable_by_30() {
        let cal = shipped_calendar().unwrap();
        let params = RecognitionParams::default();
        // Resolution 2025-12-10, 2026-01-01 a holiday → due 2026-01-22.
        assert_eq!(
            recognition_decision_due(d(2025, 12, 10), false, &cal, &params),
            Some(d(2026, 1, 22))
        );
        assert_eq!(
            recognition_decision_due(d(2025, 12, 10), true, &cal, &params),
            due(d(2026, 1, 22), Limit::WorkingDays(30), &cal)
        );
        assert!(
            recognition_decision_due(d(2025, 12, 10), true, &cal, &params) > Some(d(2026, 1, 22))
        );
        assert_eq!(
            recognition_decision_due(NaiveDate::MAX, false, &cal, &params),
            None
        );
    }

    #[test]
    fn prb_03_the_committee_decides_only_after_the_cell_resolved_and_only_once() {
        let dec = decision(
            d(2026, 1, 20),
            Decision::Recognized,
            DecidingBody::GrassrootsCommittee,
        );
        let e = check_committee_decision(ends(), &[], &dec, &p()).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("PRB-03", "recognition_needs_review"));
        let undecided = [Step::CellReview(review(d(2025, 11, 20), 6, 3))];
        assert_eq!(
            check_committee_decision(ends(), &undecided, &dec, &p()),
            Err(RuleViolation::RecognitionNeedsReview)
        );
        let done = [
            Step::CellReview(review(d(2025, 11, 20), 8, 0)),
            Step::CommitteeDecision(dec),
        ];
        assert_eq!(
            check_committee_decision(ends(), &done, &dec, &p()),
            Err(RuleViolation::RecognitionDecided)
        );
        assert_eq!(
            check_cell_review(ends(), &done, &review(d(2026, 2, 1), 8, 0), &p()),
            Err(RuleViolation::RecognitionDecided)
        );
        // A decisive review is not voted again: the committee decides.
        assert_eq!(
            check_cell_review(ends(), &done[..1], &review(d(2025, 11, 21), 8, 0), &p()),
            Err(RuleViolation::RecognitionAwaitingDecision)
        );
        // Nor is a decision dated before the resolution.
        let early = decision(
            d(2025, 11, 19),
            Decision::Recognized,
            DecidingBody::GrassrootsCommittee,
        );
        assert_eq!(
            check_committee_decision(ends(), &done[..1], &early, &p()),
            Err(RuleViolation::RecognitionDateBackwards {
                previous_on: d(2025, 11, 20),
                on: d(2025, 11, 19)
            })
        );
    }

    #[test]
    fn prb_04_a_recognised_member_is_official_from_the_probation_end() {
        // End 2025-11-15, decision 2026-01-20 → official from 2025-11-15.
        let prior = [Step::CellReview(review(d(2025, 12, 10), 9, 0))];
        let dec = decision(
            d(2026, 1, 20),
            Decision::Recognized,
            DecidingBody::SuperiorStandingCommittee,
        );
        assert_eq!(
            check_committee_decision(ends(), &prior, &dec, &p()),
            Ok(ends())
        );
    }

    #[test]
    fn prb_05_a_removal_takes_effect_on_the_decision_date() {
        let prior = [Step::CellReview(review(d(2025, 12, 10), 1, 8))];
        let dec = decision(
            d(2026, 1, 20),
            Decision::NotRecognized,
            DecidingBody::GrassrootsCommittee,
        );
        assert_eq!(
            check_committee_decision(ends(), &prior, &dec, &p()),
            Ok(d(2026, 1, 20))
        );
        assert_eq!(
            position(&[prior[0], Step::CommitteeDecision(dec)], &p()),
            Ok(Position::Decided {
                decision: Decision::NotRecognized,
                on: d(2026, 1, 20)
            })
        );
    }

    #[test]
    fn prb_05_three_undecided_rounds_refuse_a_fourth_and_need_the_superior() {
        // The rule's example: 60% for recognition and 50% for removal, three times.
        let mut prior = Vec::new();
        for (i, day) in [20, 25, 28].into_iter().enumerate() {
            let r = review(d(2025, 11, day), 6, 5);
            assert_eq!(
                check_cell_review(ends(), &prior, &r, &p()),
                Ok((count(i) + 1, ReviewOutcome::Undecided))
            );
            prior.push(Step::CellReview(r));
        }
        assert_eq!(
            position(&prior, &p()),
            Ok(Position::AwaitingDecision {
                resolution_on: d(2025, 11, 28),
                proposal: RoundsOutcome::ReferredToSuperior,
                rounds: 3
            })
        );
        let e = check_cell_review(ends(), &prior, &review(d(2025, 12, 5), 8, 0), &p()).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("PRB-05", "referred_to_superior"));
        let by_grassroots = decision(
            d(2025, 12, 20),
            Decision::Recognized,
            DecidingBody::GrassrootsCommittee,
        );
        let e = check_committee_decision(ends(), &prior, &by_grassroots, &p()).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("PRB-05", "superior_must_decide"));
        let by_superior = CommitteeDecision {
            body: DecidingBody::SuperiorStandingCommittee,
            ..by_grassroots
        };
        assert_eq!(
            check_committee_decision(ends(), &prior, &by_superior, &p()),
            Ok(ends())
        );
    }

    #[test]
    fn prb_02_a_round_dated_before_the_previous_one_is_refused() {
        let prior = [Step::CellReview(review(d(2025, 11, 20), 6, 3))];
        assert_eq!(
            check_cell_review(ends(), &prior, &review(d(2025, 11, 18), 8, 0), &p()),
            Err(RuleViolation::RecognitionDateBackwards {
                previous_on: d(2025, 11, 20),
                on: d(2025, 11, 18)
            })
        );
        assert_eq!(
            check_cell_review(ends(), &prior, &review(d(2025, 11, 20), 8, 0), &p()),
            Ok((2, ReviewOutcome::Recognize))
        );
    }

    #[test]
    fn codes_round_trip() {
        for o in [
            ReviewOutcome::Recognize,
            ReviewOutcome::NotRecognize,
            ReviewOutcome::Undecided,
        ] {
            assert_eq!(ReviewOutcome::parse(o.code()), Some(o));
        }
        for b in [
            DecidingBody::GrassrootsCommittee,
            DecidingBody::SuperiorStandingCommittee,
        ] {
            assert_eq!(DecidingBody::parse(b.code()), Some(b));
        }
        for x in [Decision::Recognized, Decision::NotRecognized] {
            assert_eq!(Decision::parse(x.code()), Some(x));
        }
        assert_eq!(Decision::parse("maybe"), None);
    }

    proptest! {
        #[test]
        fn prb_02_adm_09_the_outcome_follows_two_thirds_of_the_base(
            official in 1u32..60, yes in 0u32..60, no in 0u32..60, offset in 0i64..400,
        ) {
            prop_assume!(yes <= official && no <= official);
            prop_assume!(!(two_thirds(yes, official) && two_thirds(no, official)));
            let on = ends() + chrono::Days::new(offset as u64);
            let (round, outcome) = check_cell_review(ends(), &[], &CellReview {
                on, official_members: official, absent_exempted: 0,
                for_recognition: yes, for_removal: no,
            }, &p()).unwrap();
            prop_assert_eq!(round, 1);
            let expected = if two_thirds(yes, official) {
                ReviewOutcome::Recognize
            } else if two_thirds(no, official) {
                ReviewOutcome::NotRecognize
            } else {
                ReviewOutcome::Undecided
            };
            prop_assert_eq!(outcome, expected);
        }

        #[test]
        fn prb_02_no_resolution_before_the_end_is_accepted(before in 1u64..4000) {
            let on = ends() - chrono::Days::new(before);
            prop_assert_eq!(
                check_cell_review(ends(), &[], &review(on, 10, 0), &p()),
                Err(RuleViolation::ReviewBeforeProbationEnds { ends: ends() })
            );
        }

        #[test]
        fn prb_04_recognition_is_effective_at_the_end_whatever_the_decision_date(
            review_after in 0u64..200, decided_after in 0u64..400,
        ) {
            let resolved = ends() + chrono::Days::new(review_after);
            let decided = resolved + chrono::Days::new(decided_after);
            let prior = [Step::CellReview(review(resolved, 10, 0))];
            let dec = decision(decided, Decision::Recognized, DecidingBody::GrassrootsCommittee);
            prop_assert_eq!(check_committee_decision(ends(), &prior, &dec, &p()), Ok(ends()));
        }

        #[test]
        fn prb_05_undecided_rounds_are_accepted_up_to_the_limit_then_refused(
            max in 1u32..6, yes in 0u32..7, no in 0u32..7,
        ) {
            // Ten voters and two thirds neither way: every round is undecided.
            let params = AdmissionParams { max_vote_rounds: max, ..p() };
            let mut prior = Vec::new();
            for i in 0..max {
                let r = review(ends() + chrono::Days::new(u64::from(i)), yes, no);
                prop_assert_eq!(
                    check_cell_review(ends(), &prior, &r, &params),
                    Ok((i + 1, ReviewOutcome::Undecided))
                );
                prior.push(Step::CellReview(r));
            }
            let next = review(ends() + chrono::Days::new(u64::from(max)), 10, 0);
            prop_assert_eq!(
                check_cell_review(ends(), &prior, &next, &params),
                Err(RuleViolation::RecognitionReferredToSuperior { rounds: max })
            );
        }

        #[test]
        fn prb_03_the_extended_due_date_is_later(day in 0u64..3000) {
            let cal = shipped_calendar().unwrap();
            let params = RecognitionParams::default();
            let on = d(2020, 1, 1) + chrono::Days::new(day);
            let plain = recognition_decision_due(on, false, &cal, &params).unwrap();
            let extended = recognition_decision_due(on, true, &cal, &params).unwrap();
            prop_assert!(plain > on);
            prop_assert!(extended > plain);
        }
    }
}
