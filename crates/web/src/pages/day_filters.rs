//! The filters of the day-report pages (`/deadlines`, `/warnings`, `/screening`): the day the
//! list stands on (today when empty) and the unit whose subtree it covers, as typed, and the
//! link to the API's CSV of the same list.

use chibo_app::clock;
use chibo_domain::stats::{StatsInput, StatsQuery};
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
