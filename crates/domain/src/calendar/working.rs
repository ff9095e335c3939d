//! The working-day calendar (rule GEN-01): Monday to Friday, minus holidays and days off, plus
//! make-up working days.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeMap;
use std::ops::Bound::{Excluded, Included, Unbounded};

use super::EntryError;
use super::entry::{CalendarEntry, DayKind, parse_entries};

/// Two entries for one date: the calendar could not tell which one holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{date} has more than one calendar entry")]
pub struct DuplicateDate {
    pub date: NaiveDate,
}

/// Which dates are working days. Dates without an entry follow the week (Monday to Friday);
/// outside the years the entries cover, that is all the calendar knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    entries: BTreeMap<NaiveDate, CalendarEntry>,
}

impl WorkingCalendar {
    /// A calendar from its entries; one entry per date.
    pub fn new(entries: impl IntoIterator<Item = CalendarEntry>) -> Result<Self, DuplicateDate> {
        let mut map = BTreeMap::new();
        for entry in entries {
            let date = entry.date;
            if map.insert(date, entry).is_some() {
                return Err(DuplicateDate { date });
            }
        }
        Ok(Self { entries: map })
    }

    /// A calendar from a `date,kind,name` file (see [`parse_entries`]).
    pub fn from_csv(text: &str) -> Result<Self, Vec<EntryError>> {
        let entries = parse_entries(text)?;
        // parse_entries already rejects duplicate dates with their line numbers.
        Ok(Self {
            entries: entries.into_iter().map(|e| (e.date, e)).collect(),
        })
    }

    pub fn entry_on(&self, d: NaiveDate) -> Option<&CalendarEntry> {
        self.entries.get(&d)
    }

    /// All entries in date order.
    pub fn entries(&self) -> impl Iterator<Item = &CalendarEntry> {
        self.entries.values()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.entries.get(&d).map(|e| e.kind) {
            Some(DayKind::MakeupWorkday) => true,
            Some(DayKind::Holiday | DayKind::DayOff) => false,
            None => !is_weekend(d),
        }
    }

    /// The last of `n` working days counted from the day after `trigger` (GEN-01); an act dated
    /// on or before it is on time. `trigger` itself for `n = 0`; `None` past chrono's last date.
    pub fn add_working_days(&self, trigger: NaiveDate, n: u32) -> Option<NaiveDate> {
        let (mut day, mut left) = (trigger, n);
        while left > 0 {
            // Whole weeks without an entry hold exactly five working days: jump them, so a
            // huge `n` costs one step per entry rather than one per day.
            let next_entry = self
                .entries
                .range((Excluded(day), Unbounded))
                .next()
                .map(|(d, _)| *d);
            let free_weeks = next_entry.map_or(u64::MAX, |m| {
                u64::try_from((m - day).num_days().saturating_sub(1) / 7).unwrap_or(0)
            });
            let weeks = free_weeks.min(u64::from((left - 1) / 5));
            if weeks > 0 {
                day = day.checked_add_days(Days::new(weeks.checked_mul(7)?))?;
                left -= u32::try_from(weeks).ok()?.checked_mul(5)?;
            }
            day = day.checked_add_days(Days::new(1))?;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        Some(day)
    }

    /// The number of working days in `(from, to]`: those a limit counted from `from` has used
    /// by the end of `to`. Zero when `to` is not after `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let weekdays = weekdays_through(to) - weekdays_through(from);
        let adjustment: i64 = self
            .entries
            .range((Excluded(from), Included(to)))
            .map(|(d, e)| match (e.kind, is_weekend(*d)) {
                (DayKind::MakeupWorkday, true) => 1,
                (DayKind::Holiday | DayKind::DayOff, false) => -1,
                _ => 0,
            })
            .sum();
        u32::try_from((weekdays + adjustment).max(0)).unwrap_or(u32::MAX)
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday-to-Friday dates from an epoch through `d`, so a difference counts the weekdays of a
/// range without walking it. Day 1 from the common era (0001-01-01) is a Monday.
fn weekdays_through(d: NaiveDate) -> i64 {
    let k = i64::from(d.num_days_from_ce());
    5 * k.div_euclid(7) + k.rem_euclid(7).min(5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn entry(date: NaiveDate, kind: DayKind) -> CalendarEntry {
        CalendarEntry {
            date,
            kind,
            name: "ngày thử".into(),
        }
    }

    /// A calendar with an entry every few days around 2025, to exercise every branch.
    fn busy_calendar() -> WorkingCalendar {
        let start = d(2024, 12, 1);
        let entries = (0..200u64).filter_map(|i| {
            let date = start.checked_add_days(Days::new(i * 3))?;
            let kind = if is_weekend(date) {
                DayKind::MakeupWorkday
            } else if i % 2 == 0 {
                DayKind::Holiday
            } else {
                DayKind::DayOff
            };
            Some(entry(date, kind))
        });
        WorkingCalendar::new(entries).unwrap()
    }

    fn naive_count(cal: &WorkingCalendar, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|x| *x <= to)
            .filter(|x| cal.is_working_day(*x))
            .count() as u32
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0i64..4000).prop_map(|n| d(2019, 1, 1) + chrono::Duration::days(n))
    }

    #[test]
    fn gen_01_weekdays_holidays_and_makeup_days() {
        let cal = WorkingCalendar::new([
            entry(d(2025, 5, 2), DayKind::DayOff),
            entry(d(2025, 4, 26), DayKind::MakeupWorkday),
            entry(d(2025, 9, 2), DayKind::Holiday),
        ])
        .unwrap();
        assert!(cal.is_working_day(d(2025, 4, 25))); // Friday
        assert!(cal.is_working_day(d(2025, 4, 26))); // make-up Saturday
        assert!(!cal.is_working_day(d(2025, 4, 27))); // Sunday
        assert!(!cal.is_working_day(d(2025, 5, 2))); // swapped Friday
        assert!(!cal.is_working_day(d(2025, 9, 2)));
    }

    #[test]
    fn gen_01_counting_starts_the_day_after_the_trigger() {
        let cal = WorkingCalendar::default();
        // Friday + 1 working day is Monday; a zero limit ends on the trigger itself.
        assert_eq!(cal.add_working_days(d(2025, 8, 29), 1), Some(d(2025, 9, 1)));
        assert_eq!(
            cal.add_working_days(d(2025, 8, 30), 0),
            Some(d(2025, 8, 30))
        );
        assert_eq!(cal.working_days_between(d(2025, 8, 29), d(2025, 9, 1)), 1);
        assert_eq!(cal.working_days_between(d(2025, 9, 1), d(2025, 8, 29)), 0);
    }

    #[test]
    fn a_calendar_refuses_two_entries_for_one_date() {
        let twice = [
            entry(d(2025, 9, 2), DayKind::Holiday),
            entry(d(2025, 9, 2), DayKind::DayOff),
        ];
        assert_eq!(
            WorkingCalendar::new(twice),
            Err(DuplicateDate {
                date: d(2025, 9, 2)
            })
        );
    }

    #[test]
    fn huge_limits_end_in_none_without_panicking() {
        let cal = busy_calendar();
        assert_eq!(cal.add_working_days(d(2025, 1, 1), u32::MAX), None);
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), None);
        assert!(cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX) > 0);
    }

    proptest! {
        #[test]
        fn gen_01_result_is_a_later_working_day(from in any_day(), n in 1u32..400) {
            let cal = busy_calendar();
            let due = cal.add_working_days(from, n).unwrap();
            prop_assert!(due > from);
            prop_assert!(cal.is_working_day(due));
        }

        #[test]
        fn gen_01_exactly_n_working_days_lie_in_the_counted_span(from in any_day(), n in 0u32..400) {
            let cal = busy_calendar();
            let due = cal.add_working_days(from, n).unwrap();
            prop_assert_eq!(cal.working_days_between(from, due), n);
            prop_assert_eq!(naive_count(&cal, from, due), n);
        }

        #[test]
        fn gen_01_adding_is_monotone_and_additive(from in any_day(), a in 0u32..300, b in 0u32..300) {
            let cal = busy_calendar();
            let after_a = cal.add_working_days(from, a).unwrap();
            let after_ab = cal.add_working_days(from, a + b).unwrap();
            prop_assert!(after_a <= after_ab);
            prop_assert_eq!(cal.add_working_days(after_a, b), Some(after_ab));
            if b > 0 {
                prop_assert!(after_a < after_ab);
            }
        }

        #[test]
        fn gen_01_counting_matches_walking_the_days(from in any_day(), to in any_day()) {
            let cal = busy_calendar();
            prop_assert_eq!(cal.working_days_between(from, to), naive_count(&cal, from, to));
        }
    }
}
