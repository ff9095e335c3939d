//! The admission time limits on the working-day calendar: the decision after the cell
//! resolution (ADM-11) and the ceremony after the decision is received (ADM-13). The ceremony
//! date starts probation: it is the `admitted_on` of [`crate::member::recognition_review_due`].

use chrono::NaiveDate;

use super::{AdmissionParams, RuleViolation, Stage};
use crate::calendar::{Limit, WorkingCalendar, due, due_extended};

/// ADM-11: the last day for the admission decision: `admission_decision_wd` working days after
/// the cell resolution, plus `admission_extension_wd` more when `extended` (special cases).
/// `None` past chrono's last date.
pub fn admission_decision_due(
    cell_resolution_on: NaiveDate,
    extended: bool,
    calendar: &WorkingCalendar,
    params: &AdmissionParams,
) -> Option<NaiveDate> {
    let base = Limit::WorkingDays(params.admission_decision_wd);
    if extended {
        let extension = Limit::WorkingDays(params.admission_extension_wd);
        due_extended(cell_resolution_on, base, extension, calendar)
    } else {
        due(cell_resolution_on, base, calendar)
    }
}

/// ADM-13: the last day for the admission ceremony: `ceremony_wd` working days after the cell
/// received the decision.
pub fn ceremony_due(
    decision_received_on: NaiveDate,
    calendar: &WorkingCalendar,
    params: &AdmissionParams,
) -> Option<NaiveDate> {
    due(
        decision_received_on,
        Limit::WorkingDays(params.ceremony_wd),
        calendar,
    )
}

/// ADM-13: a ceremony on `ceremony_on` is on time, or later with the superior's consent; it
/// cannot precede the decision's receipt.
pub fn check_ceremony_on_time(
    decision_received_on: NaiveDate,
    ceremony_on: NaiveDate,
    superior_consent: bool,
    calendar: &WorkingCalendar,
    params: &AdmissionParams,
) -> Result<(), RuleViolation> {
    if ceremony_on < decision_received_on {
        return Err(RuleViolation::CeremonyBeforeDecision);
    }
    match ceremony_due(decision_received_on, calendar, params) {
        Some(due_on) if ceremony_on > due_on && !superior_consent => {
            Err(RuleViolation::CeremonyLate { due_on })
        }
        _ => Ok(()),
    }
}

/// The last day a candidate's admission can fall on if every remaining step takes the time the
/// rules allow (ADM-11 for the committee's decision, ADM-13 for the ceremony): from the
/// decision's receipt once decided, else from the cell's resolution once voted. `None` before
/// the cell vote (no deadline runs yet) and after the ceremony (nothing left). Used to forecast
/// the year's admissions from the pipeline.
pub fn latest_admission_day(
    reached: Stage,
    cell_vote_on: Option<NaiveDate>,
    decision_received_on: Option<NaiveDate>,
    calendar: &WorkingCalendar,
    params: &AdmissionParams,
) -> Option<NaiveDate> {
    match reached {
        Stage::Decided => ceremony_due(decision_received_on?, calendar, params),
        Stage::CellVote | Stage::CommitteeVote => {
            let decision = admission_decision_due(cell_vote_on?, false, calendar, params)?;
            ceremony_due(decision, calendar, params)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{DeadlineStatus, shipped_calendar, status};
    use crate::member::recognition_review_due;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn adm_11_decision_due_60_working_days_after_the_resolution_extended_by_30() {
        let cal = shipped_calendar().unwrap();
        let p = AdmissionParams::default();
        let resolution = d(2025, 10, 1);
        let due_on = admission_decision_due(resolution, false, &cal, &p);
        assert_eq!(due_on, Some(d(2025, 12, 24)));
        // 2026-01-01 is a holiday inside the extension.
        assert_eq!(
            admission_decision_due(resolution, true, &cal, &p),
            Some(d(2026, 2, 5))
        );
        // Undecided on 2025-12-25 without an extension: overdue; on the due day: not yet.
        assert_eq!(
            status(d(2025, 12, 24), d(2025, 12, 25), 0, &cal),
            DeadlineStatus::Overdue
        );
        assert_eq!(
            status(d(2025, 12, 24), d(2025, 12, 24), 0, &cal),
            DeadlineStatus::Due
        );
    }

    #[test]
    fn adm_13_ceremony_due_30_working_days_after_the_decision_is_received() {
        let cal = shipped_calendar().unwrap();
        let p = AdmissionParams::default();
        let received = d(2025, 11, 3);
        assert_eq!(ceremony_due(received, &cal, &p), Some(d(2025, 12, 15)));
        assert_eq!(
            check_ceremony_on_time(received, d(2025, 12, 15), false, &cal, &p),
            Ok(())
        );
        let e = check_ceremony_on_time(received, d(2025, 12, 16), false, &cal, &p).unwrap_err();
        assert_eq!(
            e,
            RuleViolation::CeremonyLate {
                due_on: d(2025, 12, 15)
            }
        );
        assert_eq!((e.rule(), e.code()), ("ADM-13", "ceremony_late"));
        assert!(e.message().contains("15/12/2025"));
        assert_eq!(
            check_ceremony_on_time(received, d(2025, 12, 16), true, &cal, &p),
            Ok(())
        );
        assert_eq!(
            check_ceremony_on_time(received, d(2025, 11, 2), true, &cal, &p),
            Err(RuleViolation::CeremonyBeforeDecision)
        );
    }

    #[test]
    fn adm_13_the_ceremony_day_starts_probation() {
        let cal = shipped_calendar().unwrap();
        // Ceremony 2024-11-15 → probation ends 2025-11-15 → review due 2025-12-26 (PRB-02).
        assert_eq!(
            recognition_review_due(
                d(2024, 11, 15),
                &cal,
                crate::member::RECOGNITION_REVIEW_WORKING_DAYS
            ),
            Some(d(2025, 12, 26))
        );
    }

    #[test]
    fn adm_11_adm_13_the_latest_admission_day_adds_both_limits_after_the_cell_vote() {
        let cal = WorkingCalendar::default();
        let p = AdmissionParams::default();
        // No holidays: 60 working days from Wed 2025-10-01 is Wed 2025-12-24, then 30 more.
        let voted = latest_admission_day(Stage::CellVote, Some(d(2025, 10, 1)), None, &cal, &p);
        assert_eq!(voted, Some(d(2026, 2, 4)));
        let committee =
            latest_admission_day(Stage::CommitteeVote, Some(d(2025, 10, 1)), None, &cal, &p);
        assert_eq!(committee, voted);
        // Decided: only the ceremony's 30 working days from receipt (Mon 2025-11-03).
        let decided = latest_admission_day(
            Stage::Decided,
            Some(d(2025, 10, 1)),
            Some(d(2025, 11, 3)),
            &cal,
            &p,
        );
        assert_eq!(decided, Some(d(2025, 12, 15)));
        for stage in [Stage::Verified, Stage::Ceremony] {
            assert_eq!(
                latest_admission_day(stage, Some(d(2025, 10, 1)), None, &cal, &p),
                None
            );
        }
    }
}
