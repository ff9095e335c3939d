//! Whether an act that must happen by a due date happened in time, or where the deadline
//! stands while it has not happened yet: the one shape every time limit is reported in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DeadlineStatus, WorkingCalendar, status};

/// A time limit seen on a day: still open, met on time, or met late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", content = "status", rename_all = "snake_case")]
pub enum Timeliness {
    /// Not done by the day looked at; where the due date stands.
    Open(DeadlineStatus),
    /// Done on or before the due date.
    OnTime,
    /// Done after the due date.
    Late,
}

impl Timeliness {
    pub fn code(self) -> &'static str {
        match self {
            Self::Open(s) => s.code(),
            Self::OnTime => "on_time",
            Self::Late => "late",
        }
    }

    /// Late, or still open past the due date: the cases that need an alert or an explanation.
    pub fn is_late(self) -> bool {
        matches!(self, Self::Late | Self::Open(DeadlineStatus::Overdue))
    }
}

/// Where a limit due on `due_on` stands on `as_of`, given the day the act was done. An act
/// dated after `as_of` is not known yet on that day, so the limit is still open.
pub fn timeliness(
    due_on: NaiveDate,
    done_on: Option<NaiveDate>,
    as_of: NaiveDate,
    soon_window: u32,
    calendar: &WorkingCalendar,
) -> Timeliness {
    match done_on.filter(|d| *d <= as_of) {
        Some(d) if d <= due_on => Timeliness::OnTime,
        Some(_) => Timeliness::Late,
        None => Timeliness::Open(status(due_on, as_of, soon_window, calendar)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_act_is_on_time_on_the_due_day_and_late_after_it() {
        let cal = WorkingCalendar::default();
        let due_on = d(2025, 12, 24);
        let t = |done, as_of| timeliness(due_on, done, as_of, 0, &cal);
        assert_eq!(t(Some(d(2025, 12, 24)), d(2026, 1, 5)), Timeliness::OnTime);
        assert_eq!(t(Some(d(2025, 12, 25)), d(2026, 1, 5)), Timeliness::Late);
        assert_eq!(
            t(None, d(2025, 12, 25)),
            Timeliness::Open(DeadlineStatus::Overdue)
        );
        // Done on 25/12 but looked at on 20/12: not known yet.
        assert_eq!(
            t(Some(d(2025, 12, 25)), d(2025, 12, 20)),
            Timeliness::Open(DeadlineStatus::NotYetDue)
        );
        assert!(Timeliness::Late.is_late() && !Timeliness::OnTime.is_late());
        assert_eq!(Timeliness::Open(DeadlineStatus::Due).code(), "due");
    }
}
