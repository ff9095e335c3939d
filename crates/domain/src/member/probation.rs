//! The deadline probation sets the cell: reviewing the probationer once probation ends.

use chrono::NaiveDate;

use super::PROBATION_MONTHS;
use crate::calendar::{Limit, WorkingCalendar, due};
use crate::dates::add_months;

/// PRB-02: the catalogue's default for the working days the cell has to review a probationer
/// after probation ends (`recognition_review_wd`, QĐ 29 §4.2; a setting).
pub const RECOGNITION_REVIEW_WORKING_DAYS: u32 = 30;

/// The last day for the cell's review of a member admitted on `admitted_on`: probation ends
/// 12 months after the ceremony (PRB-01), then `review_wd` working days on `calendar` (PRB-02).
/// `None` past chrono's last date.
pub fn recognition_review_due(
    admitted_on: NaiveDate,
    calendar: &WorkingCalendar,
    review_wd: u32,
) -> Option<NaiveDate> {
    let probation_ends = add_months(admitted_on, PROBATION_MONTHS)?;
    due(probation_ends, Limit::WorkingDays(review_wd), calendar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::shipped_calendar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn prb_01_prb_02_review_is_due_30_working_days_after_probation_ends() {
        let cal = shipped_calendar().unwrap();
        // Ceremony 2024-11-15 → probation ends Sat 2025-11-15 → review due Fri 2025-12-26.
        assert_eq!(
            recognition_review_due(d(2024, 11, 15), &cal, RECOGNITION_REVIEW_WORKING_DAYS),
            Some(d(2025, 12, 26))
        );
    }

    #[test]
    fn prb_01_a_leap_day_ceremony_ends_probation_on_28_february() {
        let cal = shipped_calendar().unwrap();
        assert_eq!(
            recognition_review_due(d(2024, 2, 29), &cal, RECOGNITION_REVIEW_WORKING_DAYS),
            due(d(2025, 2, 28), Limit::WorkingDays(30), &cal)
        );
        // 30 working days from Fri 2025-02-28, skipping Giỗ Tổ Hùng Vương on Mon 2025-04-07.
        assert_eq!(
            recognition_review_due(d(2024, 2, 29), &cal, RECOGNITION_REVIEW_WORKING_DAYS),
            Some(d(2025, 4, 14))
        );
    }

    #[test]
    fn prb_02_no_due_date_past_the_last_date() {
        assert_eq!(
            recognition_review_due(NaiveDate::MAX, &WorkingCalendar::default(), 30),
            None
        );
    }
}
