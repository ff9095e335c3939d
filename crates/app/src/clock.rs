//! "Today" is the date in Vietnam (UTC+7, no daylight saving), whatever the server's zone.

use chrono::{Duration, NaiveDate, Utc};

pub fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(7)).date_naive()
}
