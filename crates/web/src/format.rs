//! Vietnamese presentation of dates (dd/mm/yyyy) and numbers (1.234,5), for templates.

use chrono::NaiveDate;
use icu_decimal::input::Decimal;
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_locale_core::locale;

thread_local! {
    // The formatter holds non-thread-safe data, so each thread keeps its own.
    static FORMATTER: Option<DecimalFormatter> =
        DecimalFormatter::try_new(DecimalFormatterPreferences::from(&locale!("vi")), Default::default()).ok();
}

/// A count of any integer type (templates pass references).
pub trait Count {
    fn count(&self) -> i64;
}

macro_rules! count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
count!(i64, i32, u32, u64, usize);

impl<T: Count + ?Sized> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// `1234567` → `1.234.567`.
pub fn num(n: impl Count) -> String {
    let n = n.count();
    FORMATTER.with(|f| match f {
        Some(f) => f.format(&Decimal::from(n)).to_string(),
        None => n.to_string(),
    })
}

/// `1234.56`, 1 place → `1.234,6`.
pub fn decimal(x: f64, places: usize) -> String {
    let fixed = format!("{:.*}", places, x.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let sign = if x < 0.0 && fixed.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    let whole = num(whole.parse::<i64>().unwrap_or(i64::MAX));
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole},{fraction}")
    }
}

/// `2025-09-05` → `05/09/2025`.
pub fn date(d: &NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub fn opt_date(d: &Option<NaiveDate>) -> String {
    d.as_ref().map(date).unwrap_or_default()
}

pub fn timestamp(t: &chrono::DateTime<chrono::Utc>) -> String {
    (*t + chrono::Duration::hours(7))
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// A dues month as a transfer letter prints it (TRF-04): stored `yyyy-mm`, shown `mm/yyyy`.
pub fn dues_month(stored: &str) -> String {
    chibo_domain::month::YearMonth::parse_input(stored)
        .map(|m| m.label())
        .unwrap_or_else(|_| stored.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_read_the_vietnamese_way() {
        assert_eq!(num(1234), "1.234");
        assert_eq!(num(5_600_000), "5.600.000");
        assert_eq!(num(12), "12");
        assert_eq!(decimal(1234.56, 1), "1.234,6");
        assert_eq!(decimal(0.04, 1), "0,0");
        assert_eq!(decimal(-0.04, 1), "0,0");
        assert_eq!(decimal(-2.5, 2), "-2,50");
        assert_eq!(decimal(7.0, 0), "7");
        assert_eq!(
            date(&NaiveDate::from_ymd_opt(2025, 9, 5).unwrap()),
            "05/09/2025"
        );
    }
}
