//! The configurable values of the transfer rules, with the rule catalogue's defaults (GEN-03).

use serde::{Deserialize, Serialize};

use crate::calendar::Limit;

/// TRF-02: whether the presentation limit counts calendar or working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    CalendarDays,
    WorkingDays,
}

impl DayUnit {
    pub const CODES: &'static [&'static str] = &["calendar_days", "working_days"];

    pub fn code(self) -> &'static str {
        match self {
            Self::CalendarDays => "calendar_days",
            Self::WorkingDays => "working_days",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::CalendarDays, Self::WorkingDays]
            .into_iter()
            .find(|u| u.code() == code.trim())
    }

    /// A limit of `n` of these days.
    pub fn limit(self, n: u32) -> Limit {
        match self {
            Self::CalendarDays => Limit::CalendarDays(n),
            Self::WorkingDays => Limit::WorkingDays(n),
        }
    }
}

/// Settings of the transfer rules. `Default` gives the rule catalogue's values; a deployment
/// loads the values in force on the event's date (GEN-03) and passes them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferParams {
    /// TRF-01: working days to start an official transfer after the decision or the move.
    pub official_transfer_start_wd: u32,
    /// TRF-02: time to present the letter to the receiving committee, counted from its date,
    /// in `letter_presentation_unit`s.
    pub letter_presentation_limit: u32,
    /// TRF-02: calendar days by default; the unit is unconfirmed (rules.md §15.1).
    pub letter_presentation_unit: DayUnit,
    /// TRF-05: shortest temporary transfer, in months.
    pub temp_min_months: u32,
    /// TRF-05: a temporary transfer for a move lasts under this many months (exclusive).
    pub temp_work_max_months: u32,
    /// TRF-05: a temporary transfer for full-time study or secondment in Vietnam lasts at
    /// most this many months (inclusive).
    pub temp_study_max_months: u32,
    /// TRF-06: months abroad from which a member without a local organisation is guided by
    /// the overseas committee.
    pub abroad_min_months: u32,
    /// TRF-06: official members posted together who may form an overseas cell.
    pub abroad_cell_min_official: u32,
}

impl Default for TransferParams {
    fn default() -> Self {
        Self {
            official_transfer_start_wd: 60,
            letter_presentation_limit: 30,
            letter_presentation_unit: DayUnit::CalendarDays,
            temp_min_months: 3,
            temp_work_max_months: 12,
            temp_study_max_months: 24,
            abroad_min_months: 12,
            abroad_cell_min_official: 3,
        }
    }
}

impl TransferParams {
    /// TRF-02: the presentation limit as the deadline engine takes it.
    pub fn letter_presentation(&self) -> Limit {
        self.letter_presentation_unit
            .limit(self.letter_presentation_limit)
    }
}
