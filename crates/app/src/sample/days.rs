//! Days for generated histories: fixed dates and random days in a range, never past a bound.

use chrono::{Days, NaiveDate};
use rand::Rng;

/// A date from its parts; the earliest date for impossible ones (only fixed, valid dates are
/// written in the generators).
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// The day after liberation of the South, where generated histories start.
pub fn history_start() -> NaiveDate {
    d(1975, 5, 1)
}

/// `day` plus `n` days (saturating at `day` past the calendar's end).
pub fn add_days(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(day)
}

/// A day in `from..=to`; `to` when the range is empty, so no day passes its bound.
pub fn random_day<R: Rng>(rng: &mut R, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    if to <= from {
        return to;
    }
    let span = (to - from).num_days().max(0) as u64;
    add_days(from, rng.random_range(0..=span))
}
