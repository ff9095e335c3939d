//! TRF-01: a member who moves for good must start an official transfer within a limit in
//! working days of the decision's effect or the move.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TransferParams;
use crate::calendar::{Limit, Timeliness, WorkingCalendar, due, timeliness};

/// Why a member moves for good (TRF-01's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveReason {
    NewPost,
    Retirement,
    LeftWork,
    Demobilised,
    NewResidence,
}

impl MoveReason {
    pub const ALL: &'static [MoveReason] = &[
        Self::NewPost,
        Self::Retirement,
        Self::LeftWork,
        Self::Demobilised,
        Self::NewResidence,
    ];
    pub const CODES: &'static [&'static str] = &[
        "new_post",
        "retirement",
        "left_work",
        "demobilised",
        "new_residence",
    ];

    pub fn code(self) -> &'static str {
        let i = Self::ALL.iter().position(|r| *r == self).unwrap_or(0);
        Self::CODES[i]
    }

    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::CODES
            .iter()
            .position(|c| *c == code)
            .map(|i| Self::ALL[i])
    }

    /// TRF-01: a retiree may transfer temporarily while the retirement papers are pending, so
    /// the official limit does not force an early move for them.
    pub fn may_transfer_temporarily_while_pending(self) -> bool {
        self == Self::Retirement
    }
}

/// TRF-01: the last day to start the official transfer: `official_transfer_start_wd` working
/// days after `trigger_on` (the decision's effect or the move). `None` past chrono's last date.
pub fn official_transfer_start_due(
    trigger_on: NaiveDate,
    calendar: &WorkingCalendar,
    params: &TransferParams,
) -> Option<NaiveDate> {
    due(
        trigger_on,
        Limit::WorkingDays(params.official_transfer_start_wd),
        calendar,
    )
}

/// TRF-01: where the start of the official transfer stands on `as_of`; `started_on` is the
/// day the request was filed (the letter's date once issued). Open and overdue is the alert.
pub fn official_transfer_start(
    trigger_on: NaiveDate,
    started_on: Option<NaiveDate>,
    as_of: NaiveDate,
    soon_window: u32,
    calendar: &WorkingCalendar,
    params: &TransferParams,
) -> Option<(NaiveDate, Timeliness)> {
    let due_on = official_transfer_start_due(trigger_on, calendar, params)?;
    Some((
        due_on,
        timeliness(due_on, started_on, as_of, soon_window, calendar),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{DEFAULT_DUE_SOON_WORKING_DAYS, DeadlineStatus, shipped_calendar};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn trf_01_retirement_effective_1_october_must_start_a_transfer_by_24_december() {
        let cal = shipped_calendar().unwrap();
        let p = TransferParams::default();
        let retired = d(2025, 10, 1);
        assert_eq!(
            official_transfer_start_due(retired, &cal, &p),
            Some(d(2025, 12, 24))
        );
        let check = |started, as_of| {
            official_transfer_start(
                retired,
                started,
                as_of,
                DEFAULT_DUE_SOON_WORKING_DAYS,
                &cal,
                &p,
            )
            .map(|(_, t)| t)
        };
        // No request by 25/12: the alert.
        assert_eq!(
            check(None, d(2025, 12, 25)),
            Some(Timeliness::Open(DeadlineStatus::Overdue))
        );
        assert_eq!(
            check(None, d(2025, 12, 18)),
            Some(Timeliness::Open(DeadlineStatus::DueSoon))
        );
        assert_eq!(
            check(Some(d(2025, 12, 24)), d(2026, 1, 10)),
            Some(Timeliness::OnTime)
        );
        assert_eq!(
            check(Some(d(2025, 12, 26)), d(2026, 1, 10)),
            Some(Timeliness::Late)
        );
        // A longer configured limit moves the due date.
        let longer = TransferParams {
            official_transfer_start_wd: 61,
            ..p
        };
        assert_eq!(
            official_transfer_start_due(retired, &cal, &longer),
            Some(d(2025, 12, 25))
        );
    }

    #[test]
    fn trf_01_only_retirees_may_transfer_temporarily_while_papers_are_pending() {
        for r in MoveReason::ALL {
            assert_eq!(MoveReason::parse(r.code()), Some(*r));
            assert_eq!(
                r.may_transfer_temporarily_while_pending(),
                *r == MoveReason::Retirement
            );
        }
        assert_eq!(MoveReason::parse("holiday"), None);
    }
}
