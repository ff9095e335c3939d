//! Calendar months (`2026-03`): the period party fees are billed for (FEE-05) and the unit the
//! removal counters count in (REM-02).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::field::Problem;

/// One calendar month. Stored and serialised as `yyyy-mm`; shown to users as `mm/yyyy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    year: i32,
    month: u32,
}

/// A month code that is not `yyyy-mm` with a month from 01 to 12.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a month in yyyy-mm form: {input:?}")]
pub struct MonthFormat {
    pub input: String,
}

impl YearMonth {
    /// `None` unless `month` is 1 to 12 and the year is one chrono can date.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Self { year, month })
    }

    /// The month `day` falls in.
    pub fn of(day: NaiveDate) -> Self {
        Self {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// Parses `yyyy-mm`, the stored form.
    pub fn parse(input: &str) -> Result<Self, MonthFormat> {
        let s = input.trim();
        let bad = || MonthFormat {
            input: s.to_owned(),
        };
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) {
            return Err(bad());
        }
        let (y, m) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        Self::new(y, m).ok_or_else(bad)
    }

    /// Parses a month as a user types it: the stored `yyyy-mm` or the printed `mm/yyyy`
    /// (a transfer letter's "đã đóng đảng phí đến tháng 10/2025", TRF-04).
    pub fn parse_input(input: &str) -> Result<Self, Problem> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Problem::Required);
        }
        let stored = match s.split_once('/') {
            Some((m, y)) if m.len() <= 2 => format!("{y}-{m:0>2}"),
            Some(_) => return Err(Problem::InvalidDate),
            None => s.to_owned(),
        };
        Self::parse(&stored).map_err(|_| Problem::InvalidDate)
    }

    /// The stored form, `yyyy-mm`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The Vietnamese form, `mm/yyyy` ("đã đóng đến tháng 04/2026").
    pub fn label(self) -> String {
        format!("{:02}/{:04}", self.month, self.year)
    }

    /// The month's first day: rates are those in force on it (GEN-03).
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The month's last day.
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .and_then(|n| n.first_day().pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// The month after, `None` past chrono's last year.
    pub fn next(self) -> Option<Self> {
        if self.month == 12 {
            Self::new(self.year + 1, 1)
        } else {
            Self::new(self.year, self.month + 1)
        }
    }

    /// The month before, `None` before chrono's first year.
    pub fn prev(self) -> Option<Self> {
        if self.month == 1 {
            Self::new(self.year - 1, 12)
        } else {
            Self::new(self.year, self.month - 1)
        }
    }

    /// `n` months later, `None` past chrono's range.
    pub fn plus(self, n: u32) -> Option<Self> {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(n);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        Self::new(year, u32::try_from(index.rem_euclid(12)).ok()? + 1)
    }

    /// Months from `self` to `other`: 0 for the same month, negative when `other` is earlier.
    pub fn months_until(self, other: Self) -> i64 {
        (i64::from(other.year) - i64::from(self.year)) * 12 + i64::from(other.month)
            - i64::from(self.month)
    }

    /// January to December of `year`.
    pub fn year_months(year: i32) -> impl Iterator<Item = Self> {
        (1..=12).filter_map(move |m| Self::new(year, m))
    }

    /// Every month from `from` to `to`, both included; empty when `to` is before `from`.
    pub fn range(from: Self, to: Self) -> impl Iterator<Item = Self> {
        let mut next = (from <= to).then_some(from);
        std::iter::from_fn(move || {
            let m = next?;
            next = m.next().filter(|n| *n <= to);
            Some(m)
        })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for YearMonth {
    type Error = MonthFormat;
    fn try_from(s: String) -> Result<Self, MonthFormat> {
        Self::parse(&s)
    }
}

impl From<YearMonth> for String {
    fn from(m: YearMonth) -> String {
        m.code()
    }
}

/// A run of months, both ends included; an open end runs on (an exemption with no end yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MonthSpan {
    pub from: YearMonth,
    pub to: Option<YearMonth>,
}

impl MonthSpan {
    pub fn contains(&self, m: YearMonth) -> bool {
        self.from <= m && self.to.is_none_or(|to| m <= to)
    }

    /// The months a run of days touches: a month with any day in the run is in the span
    /// (REM-04 forgives a month under exemption for part of it).
    pub fn of_days(from: NaiveDate, to: Option<NaiveDate>) -> Self {
        Self {
            from: YearMonth::of(from),
            to: to.map(YearMonth::of),
        }
    }

    /// Months in the span (`None` when open-ended); zero when `to` is before `from`.
    pub fn month_count(&self) -> Option<u32> {
        let to = self.to?;
        u32::try_from(self.from.months_until(to) + 1)
            .ok()
            .or(Some(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn months_parse_print_and_round_trip_through_serde() {
        assert_eq!(YearMonth::parse("2026-03"), Ok(ym(2026, 3)));
        assert!(YearMonth::parse("2026-13").is_err());
        assert!(YearMonth::parse("2026-3").is_err());
        assert!(YearMonth::parse("03/2026").is_err());
        assert_eq!(ym(2026, 4).label(), "04/2026");
        assert_eq!(ym(2026, 4).to_string(), "2026-04");
        let json = serde_json_like(ym(2025, 12));
        assert_eq!(json, "2025-12");
        assert_eq!(
            ym(2024, 2).last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(ym(2025, 12).next(), Some(ym(2026, 1)));
        assert_eq!(ym(2026, 1).prev(), Some(ym(2025, 12)));
        assert_eq!(ym(2026, 3).plus(11), Some(ym(2027, 2)));
    }

    fn serde_json_like(m: YearMonth) -> String {
        String::from(m)
    }

    #[test]
    fn spans_contain_their_ends() {
        let span = MonthSpan {
            from: ym(2026, 3),
            to: Some(ym(2027, 2)),
        };
        assert!(span.contains(ym(2026, 3)) && span.contains(ym(2027, 2)));
        assert!(!span.contains(ym(2026, 2)) && !span.contains(ym(2027, 3)));
        assert_eq!(span.month_count(), Some(12));
        let open = MonthSpan {
            from: ym(2026, 3),
            to: None,
        };
        assert!(open.contains(ym(2099, 1)) && open.month_count().is_none());
    }

    proptest! {
        #[test]
        fn plus_agrees_with_next_and_range_length(y in 1990i32..2100, m in 1u32..=12, n in 0u32..400) {
            let start = ym(y, m);
            let end = start.plus(n).unwrap();
            prop_assert_eq!(start.months_until(end), i64::from(n));
            prop_assert_eq!(YearMonth::range(start, end).count() as u32, n + 1);
            prop_assert_eq!(YearMonth::parse(&end.code()), Ok(end));
        }
    }
}
