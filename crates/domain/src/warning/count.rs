//! REM-02 and REM-04: which months count towards removal. Absence months and unpaid months
//! are counted apart, need not be consecutive, and months with a good reason never count.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CountWindow, WarningParams};
use crate::month::{MonthSpan, YearMonth};

/// A member's absence from a cell meeting. MTG-06: an absence saved without a reason is
/// unexcused, so the caller passes `excused: false` for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub meeting_on: NaiveDate,
    pub excused: bool,
}

/// REM-02: the months a count on `as_of` looks at, up to `as_of`'s month.
pub fn count_window(as_of: NaiveDate, window: CountWindow) -> MonthSpan {
    let to = YearMonth::of(as_of);
    let from = match window {
        CountWindow::CalendarYear => YearMonth::new(to.year(), 1),
        CountWindow::Rolling12Months => (1..=11).try_fold(to, |m, _| m.prev()),
    };
    MonthSpan {
        from: from.unwrap_or(to),
        to: Some(to),
    }
}

/// REM-04: whether `m` is under an exemption or temporary exemption (any of `excused`).
fn excused_month(m: YearMonth, excused: &[MonthSpan]) -> bool {
    excused.iter().any(|s| s.contains(m))
}

/// REM-02: the distinct months in the window with an unexcused absence on or before `as_of`,
/// leaving out excused absences and months under exemption (REM-04). Several absences in one
/// month count once.
pub fn counted_absence_months(
    absences: &[Absence],
    excused: &[MonthSpan],
    as_of: NaiveDate,
    params: &WarningParams,
) -> Vec<YearMonth> {
    let window = count_window(as_of, params.count_window);
    let months: BTreeSet<YearMonth> = absences
        .iter()
        .filter(|a| !a.excused && a.meeting_on <= as_of)
        .map(|a| YearMonth::of(a.meeting_on))
        .filter(|m| window.contains(*m) && !excused_month(*m, excused))
        .collect();
    months.into_iter().collect()
}

/// REM-02: the distinct unpaid months (from [`crate::fees::overdue_months`], which already
/// keeps late-paid months and drops nothing-due ones) in the window, less months under
/// exemption (REM-04).
pub fn counted_unpaid_months(
    unpaid: &[YearMonth],
    excused: &[MonthSpan],
    as_of: NaiveDate,
    params: &WarningParams,
) -> Vec<YearMonth> {
    let window = count_window(as_of, params.count_window);
    let months: BTreeSet<YearMonth> = unpaid
        .iter()
        .copied()
        .filter(|m| window.contains(*m) && !excused_month(*m, excused))
        .collect();
    months.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn unexcused(on: NaiveDate) -> Absence {
        Absence {
            meeting_on: on,
            excused: false,
        }
    }

    #[test]
    fn rem_02_november_december_and_january_trigger_only_in_a_rolling_window() {
        let absences = [
            unexcused(d(2024, 11, 5)),
            unexcused(d(2024, 12, 5)),
            unexcused(d(2025, 1, 6)),
        ];
        let year = WarningParams::default();
        assert_eq!(
            counted_absence_months(&absences, &[], d(2025, 1, 31), &year),
            vec![ym(2025, 1)]
        );
        let rolling = WarningParams {
            count_window: CountWindow::Rolling12Months,
            ..year
        };
        assert_eq!(
            counted_absence_months(&absences, &[], d(2025, 1, 31), &rolling).len(),
            3
        );
    }

    #[test]
    fn rem_02_months_need_not_be_consecutive_and_count_once_each() {
        let absences = [
            unexcused(d(2025, 2, 3)),
            unexcused(d(2025, 2, 20)), // a second meeting in February
            unexcused(d(2025, 5, 5)),
            unexcused(d(2025, 9, 5)),
        ];
        assert_eq!(
            counted_absence_months(&absences, &[], d(2025, 12, 31), &WarningParams::default()),
            vec![ym(2025, 2), ym(2025, 5), ym(2025, 9)]
        );
        // Absences and unpaid months are counted apart: no shared total.
        assert_eq!(
            counted_unpaid_months(
                &[ym(2025, 3)],
                &[],
                d(2025, 12, 31),
                &WarningParams::default()
            ),
            vec![ym(2025, 3)]
        );
    }

    #[test]
    fn rem_04_excused_absences_and_exempted_months_never_count() {
        let absences = [
            Absence {
                meeting_on: d(2025, 2, 3),
                excused: true,
            },
            unexcused(d(2025, 4, 4)),
            unexcused(d(2025, 6, 4)),
        ];
        // AWY-01: temporary exemption March to May.
        let excused = [MonthSpan::of_days(d(2025, 3, 1), Some(d(2025, 5, 31)))];
        assert_eq!(
            counted_absence_months(
                &absences,
                &excused,
                d(2025, 12, 31),
                &WarningParams::default()
            ),
            vec![ym(2025, 6)]
        );
        assert_eq!(
            counted_unpaid_months(
                &[ym(2025, 4), ym(2025, 7)],
                &excused,
                d(2025, 12, 31),
                &WarningParams::default()
            ),
            vec![ym(2025, 7)]
        );
    }

    fn any_absences() -> impl Strategy<Value = Vec<Absence>> {
        proptest::collection::vec(
            (0u64..1100, any::<bool>()).prop_map(|(n, excused)| Absence {
                meeting_on: d(2024, 1, 1) + chrono::Days::new(n),
                excused,
            }),
            0..60,
        )
    }

    proptest! {
        #[test]
        fn counted_months_never_exceed_twelve_nor_include_excused_ones(
            absences in any_absences(),
            unpaid in proptest::collection::vec((2024i32..2027, 1u32..=12), 0..40),
            excused_from in 0u32..36, excused_len in 0u32..6,
            as_of in (0u64..1100).prop_map(|n| d(2024, 1, 1) + chrono::Days::new(n)),
            rolling in any::<bool>(),
        ) {
            let params = WarningParams {
                count_window: if rolling { CountWindow::Rolling12Months } else { CountWindow::CalendarYear },
                ..WarningParams::default()
            };
            let start = ym(2024, 1).plus(excused_from).unwrap();
            let excused = [MonthSpan { from: start, to: start.plus(excused_len) }];
            let unpaid: Vec<YearMonth> = unpaid.into_iter().map(|(y, m)| ym(y, m)).collect();
            let window = count_window(as_of, params.count_window);
            for counted in [
                counted_absence_months(&absences, &excused, as_of, &params),
                counted_unpaid_months(&unpaid, &excused, as_of, &params),
            ] {
                prop_assert!(counted.len() <= 12);
                for m in &counted {
                    prop_assert!(!excused[0].contains(*m));
                    prop_assert!(window.contains(*m));
                }
            }
            // Every unexcused absence month outside the exemption and inside the window counts.
            for a in absences.iter().filter(|a| !a.excused && a.meeting_on <= as_of) {
                let m = YearMonth::of(a.meeting_on);
                if window.contains(m) && !excused[0].contains(m) {
                    prop_assert!(counted_absence_months(&absences, &excused, as_of, &params).contains(&m));
                }
            }
        }
    }
}
