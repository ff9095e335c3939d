//! Deadlines: a limit counted from a trigger date on the working calendar, an extension of it,
//! and where a due date stands on a given day.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::WorkingCalendar;
use crate::dates::add_months;

/// How a time limit is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum Limit {
    /// Calendar months, a missing anniversary day falling back to the month's end (GEN-02).
    Months(u32),
    /// Calendar days from the day after the trigger.
    CalendarDays(u32),
    /// Working days from the day after the trigger (GEN-01).
    WorkingDays(u32),
}

/// The last day of `limit` counted from `trigger`; an act dated on or before it is on time.
/// `None` past chrono's last date.
pub fn due(trigger: NaiveDate, limit: Limit, calendar: &WorkingCalendar) -> Option<NaiveDate> {
    match limit {
        Limit::Months(n) => add_months(trigger, n),
        Limit::CalendarDays(n) => trigger.checked_add_days(Days::new(u64::from(n))),
        Limit::WorkingDays(n) => calendar.add_working_days(trigger, n),
    }
}

/// The due date of `base` extended by `extension`, the extension counted from the end of the
/// base limit (ADM-11: 60 working days, extendable by at most 30).
pub fn due_extended(
    trigger: NaiveDate,
    base: Limit,
    extension: Limit,
    calendar: &WorkingCalendar,
) -> Option<NaiveDate> {
    due(due(trigger, base, calendar)?, extension, calendar)
}

/// Where a deadline stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// More than the warning window away.
    NotYetDue,
    /// Due within the warning window, not today.
    DueSoon,
    /// Today is the last day.
    Due,
    /// The last day has passed.
    Overdue,
}

impl DeadlineStatus {
    /// The code reports and the command line print (`due_soon`, `due`, `overdue`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NotYetDue => "not_yet_due",
            Self::DueSoon => "due_soon",
            Self::Due => "due",
            Self::Overdue => "overdue",
        }
    }
}

/// The default warning window before a due date, in working days. A project choice (a working
/// week, time to call a meeting), not a regulation; callers may pass another window.
pub const DEFAULT_DUE_SOON_WORKING_DAYS: u32 = 5;

/// Where `due` stands on `as_of`: overdue after it, due on it, due soon while at most
/// `soon_window` working days of `(as_of, due]` remain. A due date on a day off right after
/// `as_of` leaves no working day, so it is due soon even with a zero window.
pub fn status(
    due: NaiveDate,
    as_of: NaiveDate,
    soon_window: u32,
    calendar: &WorkingCalendar,
) -> DeadlineStatus {
    if as_of > due {
        DeadlineStatus::Overdue
    } else if as_of == due {
        DeadlineStatus::Due
    } else if calendar.working_days_between(as_of, due) <= soon_window {
        DeadlineStatus::DueSoon
    } else {
        DeadlineStatus::NotYetDue
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

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0i64..4000).prop_map(|n| d(2019, 1, 1) + chrono::Duration::days(n))
    }

    #[test]
    fn gen_02_month_limits_use_month_arithmetic() {
        let cal = WorkingCalendar::default();
        // PRB-01: probation of 12 months from the ceremony.
        assert_eq!(
            due(d(2024, 11, 15), Limit::Months(12), &cal),
            Some(d(2025, 11, 15))
        );
        assert_eq!(
            due(d(2024, 2, 29), Limit::Months(12), &cal),
            Some(d(2025, 2, 28))
        );
        assert_eq!(
            due(d(2025, 8, 29), Limit::CalendarDays(3), &cal),
            Some(d(2025, 9, 1))
        );
    }

    #[test]
    fn limits_past_the_last_date_are_none() {
        let cal = WorkingCalendar::default();
        for limit in [
            Limit::Months(1),
            Limit::CalendarDays(1),
            Limit::WorkingDays(1),
        ] {
            assert_eq!(due(NaiveDate::MAX, limit, &cal), None);
        }
        assert_eq!(
            due_extended(NaiveDate::MAX, Limit::Months(0), Limit::Months(1), &cal),
            None
        );
    }

    #[test]
    fn status_codes_are_the_reported_ones() {
        let codes: Vec<&str> = [
            DeadlineStatus::NotYetDue,
            DeadlineStatus::DueSoon,
            DeadlineStatus::Due,
            DeadlineStatus::Overdue,
        ]
        .iter()
        .map(|s| s.code())
        .collect();
        assert_eq!(codes, ["not_yet_due", "due_soon", "due", "overdue"]);
    }

    #[test]
    fn gen_01_due_soon_counts_working_days_not_calendar_days() {
        let cal = shipped_calendar().unwrap();
        let due_on = d(2025, 9, 8); // Monday after the 2/9 holidays
        let window = DEFAULT_DUE_SOON_WORKING_DAYS;
        // Friday 29/08 leaves 3-5/09 and 8/09: four working days.
        assert_eq!(
            status(due_on, d(2025, 8, 29), window, &cal),
            DeadlineStatus::DueSoon
        );
        assert_eq!(
            status(due_on, d(2025, 8, 29), 3, &cal),
            DeadlineStatus::NotYetDue
        );
        assert_eq!(
            status(due_on, d(2025, 9, 8), window, &cal),
            DeadlineStatus::Due
        );
        assert_eq!(
            status(due_on, d(2025, 9, 9), window, &cal),
            DeadlineStatus::Overdue
        );
    }

    proptest! {
        #[test]
        fn status_is_consistent_with_the_dates(due_on in any_day(), as_of in any_day(), window in 0u32..30) {
            let cal = shipped_calendar().unwrap();
            let s = status(due_on, as_of, window, &cal);
            prop_assert_eq!(s == DeadlineStatus::Overdue, as_of > due_on);
            prop_assert_eq!(s == DeadlineStatus::Due, as_of == due_on);
            if s == DeadlineStatus::DueSoon {
                prop_assert!(cal.working_days_between(as_of, due_on) <= window);
            }
            // A wider window never makes a deadline look further away.
            prop_assert!(status(due_on, as_of, window + 1, &cal) >= s);
        }
    }
}
