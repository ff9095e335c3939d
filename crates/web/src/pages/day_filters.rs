//! The day-report pages (`/deadlines`, `/warnings`, `/screening`): their filters (the day the
//! list stands on, today when empty, and the unit whose subtree it covers, as typed), the
//! link to the API's CSV of the same list, and the part of the page they share
//! ([`DayReport`], shown by `_day_filters.html`).

use chibo_app::clock;
use chibo_domain::stats::{StatsInput, StatsQuery};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::{format, messages};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub as_of: String,
    pub unit: String,
}

impl Filters {
    /// The day (today when none was typed) and unit parsed, or the Vietnamese sentence of each
    /// field's problem. An empty day is filled in with today, so the form shows it.
    pub fn parse(&mut self) -> Result<StatsQuery, Vec<String>> {
        if self.as_of.trim().is_empty() {
            self.as_of = format::date(&clock::today());
        }
        StatsInput {
            as_of: Some(self.as_of.clone()),
            unit: Some(self.unit.clone()),
            ..StatsInput::default()
        }
        .parse(clock::today())
        .map_err(|fields| fields.iter().map(messages::field_error).collect())
    }

    /// The CSV of the same list from the API report at `api` (`/api/v1/warnings`).
    pub fn csv_link(&self, api: &str) -> String {
        let pairs = [
            ("format", "csv"),
            ("as_of", self.as_of.trim()),
            ("unit", self.unit.trim()),
        ];
        let kept: Vec<(&str, &str)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        format!(
            "{api}?{}",
            serde_urlencoded::to_string(kept).unwrap_or_default()
        )
    }
}

/// What a day-report page shows besides its own rows' columns: the filter form as typed and
/// where it sends, the filters' problems, the day, the rows once the filters parse, and the
/// CSV link.
pub struct DayReport<R> {
    /// The page's own path.
    pub action: &'static str,
    pub f: Filters,
    pub errors: Vec<String>,
    pub day_text: String,
    pub rows: Option<Vec<R>>,
    pub csv_link: String,
}

impl<R> DayReport<R> {
    /// The report for the filters `f` of the page at `action`, whose CSV the API serves at
    /// `api`, and the query to run; `None` when a filter has a problem (the page shows it).
    pub fn parse(mut f: Filters, action: &'static str, api: &str) -> (Self, Option<StatsQuery>) {
        let parsed = f.parse();
        let csv_link = f.csv_link(api);
        let mut report = Self {
            action,
            f,
            errors: Vec::new(),
            day_text: String::new(),
            rows: None,
            csv_link,
        };
        match parsed {
            Ok(q) => (report, Some(q)),
            Err(errors) => {
                report.errors = errors;
                (report, None)
            }
        }
    }

    /// The rows of the list on `as_of`.
    pub fn show(&mut self, as_of: NaiveDate, rows: Vec<R>) {
        self.day_text = format::date(&as_of);
        self.rows = Some(rows);
    }
}
