//! Test oracle only: Hồ Ngọc Đức's Vietnamese lunar calendar algorithm (UTC+7), used to check the
//! lunar dates (Tết, Giỗ Tổ Hùng Vương) in the shipped holiday data.

use chrono::{Datelike, NaiveDate};
use std::f64::consts::PI;

const TIME_ZONE: f64 = 7.0;

/// A lunar date: day, month, year, and whether the month is a leap (intercalary) month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDate {
    pub day: i64,
    pub month: i64,
    pub year: i64,
    pub leap: bool,
}

fn jd_from_date(d: NaiveDate) -> i64 {
    let (dd, mm, yy) = (
        i64::from(d.day()),
        i64::from(d.month()),
        i64::from(d.year()),
    );
    let a = (14 - mm) / 12;
    let y = yy + 4800 - a;
    let m = mm + 12 * a - 3;
    dd + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
}

fn new_moon_day(k: i64) -> i64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let dr = PI / 180.0;
    let mut jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * ((166.56 + 132.87 * t - 0.009173 * t2) * dr).sin();
    let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let mut c1 = (0.1734 - 0.000393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    } else {
        -0.000278 + 0.000265 * t + 0.000262 * t2
    };
    (jd1 + c1 - delta_t + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// The sun's longitude at the start of day `jdn`, in twelfths of the circle (0..=11).
fn sun_longitude(jdn: i64) -> i64 {
    let t = (jdn as f64 - 2451545.5 - TIME_ZONE / 24.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    let mut dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * (dr * m).sin();
    dl += (0.019993 - 0.000101 * t) * (dr * 2.0 * m).sin() + 0.000290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= PI * 2.0 * (l / (PI * 2.0)).floor();
    (l / PI * 6.0).floor() as i64
}

/// The first day of the 11th lunar month (the one holding the winter solstice) of `year`.
fn lunar_month_11(year: i32) -> i64 {
    let off = jd_from_date(NaiveDate::from_ymd_opt(year, 12, 31).unwrap()) - 2415021;
    let k = (off as f64 / 29.530588853).floor() as i64;
    let nm = new_moon_day(k);
    if sun_longitude(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - 2415021.076998695) / 29.530588853 + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_longitude(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_longitude(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

pub fn solar_to_lunar(d: NaiveDate) -> LunarDate {
    let day_number = jd_from_date(d);
    let k = ((day_number as f64 - 2415021.076998695) / 29.530588853).floor() as i64;
    let mut month_start = new_moon_day(k + 1);
    if month_start > day_number {
        month_start = new_moon_day(k);
    }
    let mut a11 = lunar_month_11(d.year());
    let mut b11 = a11;
    let mut year = i64::from(d.year());
    if a11 >= month_start {
        a11 = lunar_month_11(d.year() - 1);
    } else {
        year += 1;
        b11 = lunar_month_11(d.year() + 1);
    }
    let day = day_number - month_start + 1;
    let diff = (month_start - a11) / 29;
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        year -= 1;
    }
    LunarDate {
        day,
        month,
        year,
        leap,
    }
}

/// The solar date of a lunar day in the lunar year that starts in solar `year`.
pub fn lunar_to_solar(year: i32, month: i64, day: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)?
        .iter_days()
        .take(400)
        .find(|&d| {
            solar_to_lunar(d)
                == LunarDate {
                    day,
                    month,
                    year: i64::from(year),
                    leap: false,
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lunar_new_year_anchors() {
        let anchors = [
            (2020, (1, 25)),
            (2021, (2, 12)),
            (2022, (2, 1)),
            (2023, (1, 22)),
            (2024, (2, 10)),
            (2025, (1, 29)),
            (2026, (2, 17)),
        ];
        for (year, (m, d)) in anchors {
            assert_eq!(
                lunar_to_solar(year, 1, 1),
                NaiveDate::from_ymd_opt(year, m, d),
                "{year}"
            );
        }
    }

    #[test]
    fn a_leap_month_is_flagged() {
        // 2023 had a leap second month (from 2023-03-22).
        let d = NaiveDate::from_ymd_opt(2023, 3, 22).unwrap();
        assert_eq!(
            solar_to_lunar(d),
            LunarDate {
                day: 1,
                month: 2,
                year: 2023,
                leap: true
            }
        );
    }
}
