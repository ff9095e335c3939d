//! Age and party-age bands on a day, cut as the domain counts whole years (`completed_years`),
//! turned into date cut-offs so that banding millions of people is a few comparisons each.

use chrono::{Days, Months, NaiveDate};

use crate::dates::{add_months, completed_years};
use crate::interchange::{AGE_BANDS, PARTY_AGE_BANDS, age_band, party_age_band};

/// The band of someone not yet 18 on the day (STA-03 starts at 18; the registry admits no one
/// younger, but the breakdown must still add up to the total, rule STA-01).
pub const UNDER_18: &str = "<18";

pub(super) const AGE_LABELS: &[&str] = &[
    UNDER_18, "18-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56-60", "61-70", "71+",
];

/// Age band labels in order, the under-18 band first.
pub fn age_band_labels() -> &'static [&'static str] {
    debug_assert_eq!(&AGE_LABELS[1..], AGE_BANDS);
    AGE_LABELS
}

pub fn party_age_band_labels() -> &'static [&'static str] {
    PARTY_AGE_BANDS
}

/// For one day: the latest start date (birth, admission) of each band edge, so that the band of
/// a date is found by comparing it with a handful of cut-offs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandCutoffs {
    /// Band index (into `labels`) of someone 0 years old.
    first: usize,
    /// (latest start date reaching the edge, band index from that edge on), youngest edge first.
    edges: Vec<(NaiveDate, usize)>,
}

impl BandCutoffs {
    /// Age bands (STA-03) on `day`.
    pub fn age(day: NaiveDate) -> Self {
        Self::new(day, AGE_LABELS, |y| age_band(y).unwrap_or(UNDER_18))
    }

    /// Party-age bands on `day`, counted from the admission date.
    pub fn party_age(day: NaiveDate) -> Self {
        Self::new(day, PARTY_AGE_BANDS, party_age_band)
    }

    fn new(day: NaiveDate, labels: &[&str], band: impl Fn(u32) -> &'static str) -> Self {
        let index = |label: &str| labels.iter().position(|l| *l == label).unwrap_or(0);
        let first = index(band(0));
        let mut edges = Vec::new();
        let mut current = band(0);
        for years in 1..=150 {
            let b = band(years);
            if b != current {
                edges.push((latest_start(day, years), index(b)));
                current = b;
            }
        }
        Self { first, edges }
    }

    /// The band index of a span that started on `start` (born, admitted), on the day.
    pub fn index(&self, start: NaiveDate) -> usize {
        self.edges
            .iter()
            .take_while(|(cutoff, _)| start <= *cutoff)
            .last()
            .map_or(self.first, |(_, i)| *i)
    }

    /// The edges as (cut-off, band index), for callers that compare in their own date units.
    pub fn edges(&self) -> &[(NaiveDate, usize)] {
        &self.edges
    }

    pub fn first(&self) -> usize {
        self.first
    }
}

/// The latest `start` with `completed_years(start, day) >= years`. Adding months is monotone,
/// so the dates that qualify are exactly those up to this one.
fn latest_start(day: NaiveDate, years: u32) -> NaiveDate {
    let months = years.saturating_mul(12);
    let reaches = |s: NaiveDate| add_months(s, months).is_some_and(|d| d <= day);
    let mut c = day
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN);
    while !reaches(c) && c > NaiveDate::MIN {
        c = c.checked_sub_days(Days::new(1)).unwrap_or(NaiveDate::MIN);
    }
    while let Some(next) = c.checked_add_days(Days::new(1)) {
        if !reaches(next) {
            break;
        }
        c = next;
    }
    debug_assert!(completed_years(c, day) >= years);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn sta_03_worked_example() {
        let c = BandCutoffs::age(d(2025, 12, 31));
        assert_eq!(AGE_LABELS[c.index(d(1995, 1, 1))], "18-30");
        assert_eq!(AGE_LABELS[c.index(d(2010, 1, 1))], UNDER_18);
        assert_eq!(AGE_LABELS[c.index(d(1900, 1, 1))], "71+");
        let p = BandCutoffs::party_age(d(2025, 12, 31));
        assert_eq!(PARTY_AGE_BANDS[p.index(d(2025, 1, 1))], "<5");
        assert_eq!(PARTY_AGE_BANDS[p.index(d(1975, 12, 31))], "50+");
    }

    #[test]
    fn a_leap_day_birthday_counts_on_the_last_of_february() {
        // 2004-02-29 + 18 years falls back to 2022-02-28 (GEN-02).
        let c = BandCutoffs::age(d(2022, 2, 28));
        assert_eq!(AGE_LABELS[c.index(d(2004, 2, 29))], "18-30");
        assert_eq!(completed_years(d(2004, 2, 29), d(2022, 2, 28)), 18);
    }

    fn day() -> impl Strategy<Value = NaiveDate> {
        (0i64..70_000).prop_map(|n| d(1880, 1, 1) + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn cutoffs_band_exactly_as_whole_years_do(on in day(), start in day()) {
            let age = BandCutoffs::age(on);
            let years = completed_years(start, on);
            prop_assert_eq!(AGE_LABELS[age.index(start)], age_band(years).unwrap_or(UNDER_18));
            let party = BandCutoffs::party_age(on);
            prop_assert_eq!(PARTY_AGE_BANDS[party.index(start)], party_age_band(years));
        }
    }
}
