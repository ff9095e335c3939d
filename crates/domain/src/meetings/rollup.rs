//! Yearly meeting compliance per unit (meetings held against MTG-01/02, attendance over the
//! MTG-03 base, meetings passing MTG-04) as a sum that adds up the organisation tree: a
//! committee's figure is the sum of its units', so rates are recomputed from the sums, never
//! averaged.

use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign};

use super::plan::compliance_of;
use super::{
    AttendanceTally, MeetingGrade, MeetingParams, MeetingRecord, quality_failures, year_is_good,
};
use crate::org::UnitKind;

/// A held meeting with its attendance over the base of its day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AssessedMeeting<'a> {
    pub record: &'a MeetingRecord,
    pub tally: AttendanceTally,
}

/// Additive yearly figures of one unit or a subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingCompliance {
    /// Units whose plan is counted.
    pub units: u32,
    /// Meetings the plans require (MTG-01, MTG-02).
    pub required: u32,
    /// Requirements met, each at most once.
    pub met: u32,
    /// Sittings held that count (online ones only where allowed), extraordinary ones included.
    pub held: u32,
    /// Sum of the bases and of those present over the sittings held.
    pub attendance_base: u64,
    pub attendance_present: u64,
    /// Sittings that pass MTG-04.
    pub good_quality: u32,
    /// Units whose scored year is good (MTG-05): every counted sitting rated, all fair or
    /// better, enough good. A unit with an unrated sitting does not count here.
    pub good_years: u32,
}

impl MeetingCompliance {
    /// Present over base across all sittings, in `[0, 1]`; `None` with no base.
    pub fn attendance_rate(&self) -> Option<f64> {
        ratio(self.attendance_present, self.attendance_base)
    }

    /// Requirements met over required; `None` with nothing required.
    pub fn fulfilment(&self) -> Option<f64> {
        ratio(u64::from(self.met), u64::from(self.required))
    }

    /// Sittings of good quality over those held.
    pub fn good_quality_share(&self) -> Option<f64> {
        ratio(u64::from(self.good_quality), u64::from(self.held))
    }
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    // Counts stay far below 2^53, so the conversion is exact.
    (den > 0).then(|| num as f64 / den as f64)
}

impl Add for MeetingCompliance {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        Self {
            units: self.units.saturating_add(o.units),
            required: self.required.saturating_add(o.required),
            met: self.met.saturating_add(o.met),
            held: self.held.saturating_add(o.held),
            attendance_base: self.attendance_base.saturating_add(o.attendance_base),
            attendance_present: self.attendance_present.saturating_add(o.attendance_present),
            good_quality: self.good_quality.saturating_add(o.good_quality),
            good_years: self.good_years.saturating_add(o.good_years),
        }
    }
}

impl AddAssign for MeetingCompliance {
    fn add_assign(&mut self, o: Self) {
        *self = *self + o;
    }
}

impl std::iter::Sum for MeetingCompliance {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), Add::add)
    }
}

/// The year's figures of one unit of `kind` from its assessed meetings (those outside `year`
/// are ignored).
pub fn cell_year_compliance(
    kind: UnitKind,
    year: i32,
    meetings: &[AssessedMeeting<'_>],
    params: &MeetingParams,
) -> MeetingCompliance {
    use chrono::Datelike;
    let counted: Vec<&AssessedMeeting<'_>> = meetings
        .iter()
        .filter(|m| m.record.held_on.year() == year && m.record.counts(params))
        .collect();
    let records: Vec<&MeetingRecord> = counted.iter().map(|m| m.record).collect();
    let plan = compliance_of(kind, year, &records, params);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let grades: Option<Vec<MeetingGrade>> = counted.iter().map(|m| m.record.rating).collect();
    let good_year = grades.is_some_and(|g| !g.is_empty() && year_is_good(&g, params));
    MeetingCompliance {
        units: 1,
        required: plan.iter().map(|l| l.planned.count).sum(),
        met: plan.iter().map(|l| l.met_count()).sum(),
        held: count(counted.len()),
        attendance_base: counted.iter().map(|m| u64::from(m.tally.base)).sum(),
        attendance_present: counted.iter().map(|m| u64::from(m.tally.present)).sum(),
        good_quality: count(
            counted
                .iter()
                .filter(|m| quality_failures(m.record, &m.tally, params).is_empty())
                .count(),
        ),
        good_years: u32::from(good_year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::record::tests::{d, meeting};
    use proptest::prelude::*;

    fn tally(base: u32, present: u32) -> AttendanceTally {
        AttendanceTally {
            base,
            present,
            excused: base - present,
            unexcused: 0,
        }
    }

    #[test]
    fn mtg_01_mtg_04_a_cell_year_counts_meetings_held_attendance_and_quality() {
        let p = MeetingParams::default();
        let mut records: Vec<MeetingRecord> = (1..=12).map(|m| meeting(d(2025, m, 10))).collect();
        for i in [1, 4, 7, 10] {
            records[i].thematic = true;
        }
        records.remove(9); // no October meeting
        let mut last_year = meeting(d(2024, 12, 10));
        last_year.thematic = true;
        records.push(last_year);
        let assessed: Vec<AssessedMeeting<'_>> = records
            .iter()
            .enumerate()
            .map(|(i, r)| AssessedMeeting {
                record: r,
                tally: if i == 0 { tally(20, 15) } else { tally(20, 19) },
            })
            .collect();
        let c = cell_year_compliance(UnitKind::Cell, 2025, &assessed, &p);
        assert_eq!(
            c,
            MeetingCompliance {
                units: 1,
                required: 16,
                met: 15,
                held: 11,
                attendance_base: 220,
                attendance_present: 205,
                good_quality: 10,
                good_years: 0,
            }
        );
        assert_eq!(c.attendance_rate(), Some(205.0 / 220.0));
        assert_eq!(c.fulfilment(), Some(15.0 / 16.0));
        // Rated 7 good and 4 fair: a good year under MTG-05; one rating missing: not counted.
        let mut rated = records.clone();
        for (i, r) in rated.iter_mut().enumerate() {
            r.rating = Some(if i < 7 {
                MeetingGrade::Good
            } else {
                MeetingGrade::Fair
            });
        }
        let assess = |rs: &[MeetingRecord]| {
            let a: Vec<AssessedMeeting<'_>> = rs
                .iter()
                .map(|record| AssessedMeeting {
                    record,
                    tally: tally(20, 19),
                })
                .collect();
            cell_year_compliance(UnitKind::Cell, 2025, &a, &p).good_years
        };
        assert_eq!(assess(&rated), 1);
        rated[3].rating = None;
        assert_eq!(assess(&rated), 0);
    }

    #[test]
    fn yearly_compliance_adds_up_the_tree() {
        let a = MeetingCompliance {
            units: 1,
            required: 16,
            met: 16,
            held: 16,
            attendance_base: 300,
            attendance_present: 290,
            good_quality: 12,
            good_years: 1,
        };
        let b = MeetingCompliance {
            units: 1,
            required: 16,
            met: 10,
            held: 10,
            attendance_base: 100,
            attendance_present: 60,
            good_quality: 2,
            good_years: 0,
        };
        let total: MeetingCompliance = [a, b].into_iter().sum();
        assert_eq!(total.units, 2);
        assert_eq!(total.met, 26);
        // The subtree's rate is recomputed from the sums (350/400), not averaged (0.78).
        assert_eq!(total.attendance_rate(), Some(0.875));
        assert_eq!(MeetingCompliance::default().attendance_rate(), None);
    }

    fn any_compliance() -> impl Strategy<Value = MeetingCompliance> {
        (
            0u32..50,
            0u32..400,
            0u32..400,
            0u64..10_000,
            0u64..10_000,
            0u32..400,
        )
            .prop_map(
                |(units, required, held, base, present, good)| MeetingCompliance {
                    units,
                    required,
                    met: required.min(held),
                    held,
                    attendance_base: base,
                    attendance_present: present.min(base),
                    good_quality: good.min(held),
                    good_years: units / 2,
                },
            )
    }

    proptest! {
        #[test]
        fn compliance_roll_up_is_additive(
            parts in proptest::collection::vec(any_compliance(), 0..20),
            extra in any_compliance(),
        ) {
            let total: MeetingCompliance = parts.iter().copied().sum();
            // Field by field, the roll-up is the sum of its parts, in any grouping.
            prop_assert_eq!(total.held, parts.iter().map(|c| c.held).sum::<u32>());
            prop_assert_eq!(
                total.attendance_present,
                parts.iter().map(|c| c.attendance_present).sum::<u64>()
            );
            let (left, right) = parts.split_at(parts.len() / 2);
            let halves = left.iter().copied().sum::<MeetingCompliance>()
                + right.iter().copied().sum::<MeetingCompliance>();
            prop_assert_eq!(halves, total);
            prop_assert_eq!(total + extra, extra + total);
            let mut acc = total;
            acc += extra;
            prop_assert_eq!(acc, total + extra);
            // The subtree's rate lies between its parts' rates and within [0, 1].
            if let Some(rate) = total.attendance_rate() {
                prop_assert!((0.0..=1.0).contains(&rate));
                let rates: Vec<f64> = parts.iter().filter_map(|c| c.attendance_rate()).collect();
                let lo = rates.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = rates.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(lo - 1e-12 <= rate && rate <= hi + 1e-12);
            }
        }
    }
}
