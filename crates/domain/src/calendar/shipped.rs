//! The holiday data shipped with Chibo (`data/holidays-vn.csv`, 2020-2030), the calendar built
//! from it until administrators edit their own.

use super::{EntryError, WorkingCalendar};

/// The shipped `date,kind,name` file; its comments cite the sources and which years are computed.
pub const SHIPPED_HOLIDAYS_CSV: &str = include_str!("../../data/holidays-vn.csv");

/// The working calendar of the shipped data. The tests prove it parses; the `Result` keeps the
/// domain free of panics all the same.
pub fn shipped_calendar() -> Result<WorkingCalendar, Vec<EntryError>> {
    WorkingCalendar::from_csv(SHIPPED_HOLIDAYS_CSV)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::lunar::{lunar_to_solar, solar_to_lunar};
    use crate::calendar::{DayKind, DeadlineStatus, Limit, due, due_extended, status};
    use chrono::{Datelike, NaiveDate, Weekday};

    const TET: &str = "Tết Nguyên đán";
    const HUNG_KINGS: &str = "Giỗ Tổ Hùng Vương";
    const YEARS: std::ops::RangeInclusive<i32> = 2020..=2030;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal() -> WorkingCalendar {
        shipped_calendar().unwrap()
    }

    fn on_time(due_on: NaiveDate, act_on: NaiveDate) -> bool {
        act_on <= due_on
    }

    #[test]
    fn shipped_data_parses() {
        assert!(cal().entries().count() > 100);
    }

    #[test]
    fn every_year_has_the_fixed_holidays() {
        let cal = cal();
        for y in YEARS {
            for (m, day) in [(1, 1), (4, 30), (5, 1), (9, 2)] {
                let entry = cal.entry_on(d(y, m, day));
                assert_eq!(
                    entry.map(|e| e.kind),
                    Some(DayKind::Holiday),
                    "{y}-{m}-{day}"
                );
            }
        }
    }

    #[test]
    fn tet_days_match_the_lunar_calendar() {
        let cal = cal();
        for y in YEARS {
            let new_year = lunar_to_solar(y, 1, 1).unwrap();
            // Statutory core: the last day of the old year and the first four of the new.
            for offset in -1i64..=3 {
                let day = new_year + chrono::Duration::days(offset);
                assert_eq!(
                    cal.entry_on(day).map(|e| e.name.as_str()),
                    Some(TET),
                    "{day}"
                );
            }
        }
        for e in cal.entries().filter(|e| e.name == TET) {
            let lunar = solar_to_lunar(e.date);
            let near_new_year =
                (lunar.month == 12 && lunar.day >= 25) || (lunar.month == 1 && lunar.day <= 6);
            assert!(
                near_new_year && !lunar.leap,
                "{} is lunar {lunar:?}",
                e.date
            );
        }
    }

    #[test]
    fn hung_kings_day_is_the_tenth_of_the_third_lunar_month() {
        let cal = cal();
        for y in YEARS {
            let day = lunar_to_solar(y, 3, 10).unwrap();
            assert_eq!(
                cal.entry_on(day).map(|e| e.name.as_str()),
                Some(HUNG_KINGS),
                "{y}"
            );
        }
        for e in cal.entries().filter(|e| e.name == HUNG_KINGS) {
            let lunar = solar_to_lunar(e.date);
            assert_eq!(
                (lunar.month, lunar.day, lunar.leap),
                (3, 10, false),
                "{}",
                e.date
            );
        }
    }

    /// Labour Code 2019 Art. 112 gives 11 holiday days (2/9 became two in 2021); a holiday on a
    /// weekend is made up on a weekday and a swap moves a day off without adding one.
    #[test]
    fn each_year_takes_the_statutory_number_of_working_days_off() {
        let cal = cal();
        for y in YEARS {
            let (first, last) = (d(y, 1, 1), d(y, 12, 31));
            let weekdays = first
                .iter_days()
                .take_while(|x| *x <= last)
                .filter(|x| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun))
                .count() as u32;
            let working = cal.working_days_between(first.pred_opt().unwrap(), last);
            let expected = if y == 2020 { 10 } else { 11 };
            assert_eq!(weekdays - working, expected, "{y}");
        }
    }

    #[test]
    fn gen_01_thirty_working_days_over_the_national_day() {
        let cal = cal();
        let due_on = cal.add_working_days(d(2025, 8, 29), 30).unwrap();
        assert_eq!(due_on, d(2025, 10, 14));
        assert!(on_time(due_on, d(2025, 10, 14)));
        assert!(!on_time(due_on, d(2025, 10, 15)));
        assert_eq!(
            status(due_on, d(2025, 10, 15), 5, &cal),
            DeadlineStatus::Overdue
        );
    }

    #[test]
    fn adm_11_decision_due_in_60_working_days_extendable_by_30() {
        let cal = cal();
        let resolution = d(2025, 10, 1);
        let due_on = due(resolution, Limit::WorkingDays(60), &cal).unwrap();
        assert_eq!(due_on, d(2025, 12, 24));
        assert!(!cal.is_working_day(d(2026, 1, 1)));
        let extended = due_extended(
            resolution,
            Limit::WorkingDays(60),
            Limit::WorkingDays(30),
            &cal,
        );
        assert_eq!(extended, Some(d(2026, 2, 5)));
        assert_eq!(
            status(due_on, d(2025, 12, 25), 5, &cal),
            DeadlineStatus::Overdue
        );
        assert_eq!(
            status(due_on, d(2025, 12, 24), 5, &cal),
            DeadlineStatus::Due
        );
        assert_eq!(
            status(due_on, d(2025, 12, 17), 5, &cal),
            DeadlineStatus::DueSoon
        );
    }

    #[test]
    fn adm_13_ceremony_due_in_30_working_days_from_receipt() {
        let cal = cal();
        let due_on = due(d(2025, 11, 3), Limit::WorkingDays(30), &cal).unwrap();
        assert_eq!(due_on, d(2025, 12, 15));
        // Later needs the superior's consent.
        assert_eq!(
            status(due_on, d(2025, 12, 16), 5, &cal),
            DeadlineStatus::Overdue
        );
    }

    #[test]
    fn prb_02_review_due_30_working_days_after_probation_ends_on_a_saturday() {
        let cal = cal();
        // PRB-01: probation of 12 months; ceremony 2024-11-15 ends 2025-11-15, a Saturday.
        let ends = due(d(2024, 11, 15), Limit::Months(12), &cal).unwrap();
        assert_eq!(ends, d(2025, 11, 15));
        assert_eq!(
            due(ends, Limit::WorkingDays(30), &cal),
            Some(d(2025, 12, 26))
        );
    }

    #[test]
    fn prb_03_recognition_decision_due_over_new_year() {
        let cal = cal();
        assert_eq!(
            due(d(2025, 12, 10), Limit::WorkingDays(30), &cal),
            Some(d(2026, 1, 22))
        );
    }

    #[test]
    fn gen_01_a_limit_across_tet_skips_the_tet_days_off() {
        let cal = cal();
        // Tết 2025: 27-31/01 off; without them the limit would end on 17/02.
        assert_eq!(
            cal.add_working_days(d(2025, 1, 6), 30),
            Some(d(2025, 2, 24))
        );
        assert_eq!(
            WorkingCalendar::default().add_working_days(d(2025, 1, 6), 30),
            Some(d(2025, 2, 17))
        );
        // Tết 2026 (computed by rule): 16-20/02 off.
        assert_eq!(
            cal.add_working_days(d(2026, 1, 15), 30),
            Some(d(2026, 3, 5))
        );
    }

    #[test]
    fn gen_01_a_make_up_saturday_counts_and_the_swapped_friday_does_not() {
        let cal = cal();
        assert!(cal.is_working_day(d(2025, 4, 26)));
        assert!(!cal.is_working_day(d(2025, 5, 2)));
        // Friday 25/04: Saturday 26/04 is the first working day, Monday 05/05 the second.
        assert_eq!(
            cal.add_working_days(d(2025, 4, 25), 1),
            Some(d(2025, 4, 26))
        );
        assert_eq!(
            cal.add_working_days(d(2025, 4, 25), 2),
            Some(d(2025, 4, 28))
        );
        assert_eq!(cal.add_working_days(d(2025, 4, 28), 2), Some(d(2025, 5, 5)));
    }
}
