//! Dates as users type them and month arithmetic as the regulations count it (rule GEN-02).

use chrono::{Datelike, Months, NaiveDate};

/// The earliest day the registry records anything on.
pub const EARLIEST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1930, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Why a typed date was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateProblem {
    #[error("empty date")]
    Empty,
    #[error("not a date in dd/mm/yyyy or yyyy-mm-dd form")]
    Format,
}

/// Parses `dd/mm/yyyy` (the Vietnamese form; `d/m/yyyy` and `-` or `.` separators too) or ISO
/// `yyyy-mm-dd`, the two forms users paste from documents and spreadsheets.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateProblem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateProblem::Empty);
    }
    if let Some(d) = parse_iso_date(s) {
        return Ok(d);
    }
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if let [d, m, y] = parts.as_slice() {
        let ok = |p: &str, max: usize| {
            !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
        };
        if ok(d, 2) && ok(m, 2) && y.len() == 4 && ok(y, 4) {
            let (d, m, y) = (d.parse().ok(), m.parse().ok(), y.parse().ok());
            if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                return NaiveDate::from_ymd_opt(y, m, d).ok_or(DateProblem::Format);
            }
        }
    }
    Err(DateProblem::Format)
}

/// Strict ISO `yyyy-mm-dd`, the interchange files' form; parsed by hand because an import
/// reads tens of millions of them.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = (number(&b[..4])?, number(&b[5..7])?, number(&b[8..])?);
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// The Vietnamese date form, `dd/mm/yyyy`, used in the rule messages.
pub fn vn_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `d` plus `n` calendar months; a missing anniversary day falls back to the last day of the
/// month (GEN-02: 2024-02-29 + 12 months = 2025-02-28).
pub fn add_months(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_months(Months::new(n))
}

/// Completed calendar months from `from` to `to` (GEN-02: 2007-03-11 → 2025-03-10 = 215).
/// Zero when `to` is before `from`.
pub fn completed_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to < from {
        return 0;
    }
    let raw = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let mut months = u32::try_from(raw.max(0)).unwrap_or(0);
    while months > 0 && add_months(from, months).is_none_or(|d| d > to) {
        months -= 1;
    }
    months
}

/// Whole years from `from` to `to`, as ages are stated.
pub fn completed_years(from: NaiveDate, to: NaiveDate) -> u32 {
    completed_months(from, to) / 12
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn iso_dates_parse_as_chrono_reads_them(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            prop_assert_eq!(parse_iso_date(&s), NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        }

        #[test]
        fn only_the_iso_shape_is_an_iso_date(s in "[0-9 +-]{8,11}") {
            let shaped = s.len() == 10
                && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
            if !shaped {
                prop_assert_eq!(parse_iso_date(&s), None);
            }
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_vietnamese_and_iso_dates() {
        assert_eq!(parse_date("05/09/2025"), Ok(d(2025, 9, 5)));
        assert_eq!(parse_date(" 5/9/2025 "), Ok(d(2025, 9, 5)));
        assert_eq!(parse_date("2025-09-05"), Ok(d(2025, 9, 5)));
        assert_eq!(parse_date("31/02/2025"), Err(DateProblem::Format));
        assert_eq!(parse_date("2025/09/05"), Err(DateProblem::Format));
        assert_eq!(parse_date(""), Err(DateProblem::Empty));
        assert_eq!(parse_date("hôm qua"), Err(DateProblem::Format));
    }

    #[test]
    fn gen_02_month_arithmetic_falls_back_to_month_end() {
        assert_eq!(add_months(d(2024, 2, 29), 12), Some(d(2025, 2, 28)));
        assert_eq!(completed_months(d(2007, 3, 11), d(2025, 3, 10)), 215);
        assert_eq!(completed_months(d(2007, 3, 10), d(2025, 3, 10)), 216);
        assert_eq!(completed_months(d(2025, 3, 10), d(2007, 3, 10)), 0);
    }

    #[test]
    fn completed_years_counts_birthdays() {
        assert_eq!(completed_years(d(1995, 1, 1), d(2025, 12, 31)), 30);
        assert_eq!(completed_years(d(1995, 12, 31), d(2025, 12, 30)), 29);
    }
}
