//! The configurable values of the warning rules, with the rule catalogue's defaults.

use serde::{Deserialize, Serialize};

use crate::fees::UnpaidRule;

/// REM-02: the months a count looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountWindow {
    /// January to the current month of the same year: the common reading of "3 months in a year".
    CalendarYear,
    /// The current month and the eleven before it.
    #[serde(rename = "rolling_12_months")]
    Rolling12Months,
}

impl CountWindow {
    pub const CODES: &'static [&'static str] = &["calendar_year", "rolling_12_months"];

    pub fn code(self) -> &'static str {
        match self {
            Self::CalendarYear => "calendar_year",
            Self::Rolling12Months => "rolling_12_months",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::CalendarYear, Self::Rolling12Months]
            .into_iter()
            .find(|w| w.code() == code.trim())
    }
}

/// Settings of the early warning. `Default` gives the catalogue's values; a deployment loads
/// those in force (GEN-03) and passes them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningParams {
    /// REM-01/REM-03: counted months in the window that open a removal review.
    #[serde(rename = "warning_threshold")]
    pub threshold: u32,
    /// REM-03: how many months before the threshold the grassroots committee is warned
    /// (threshold 3, margin 1: at the second month).
    #[serde(rename = "warning_margin")]
    pub margin: u32,
    /// REM-02: calendar year or rolling twelve months.
    #[serde(rename = "warning_count_window")]
    pub count_window: CountWindow,
    /// REM-02: days after a month's end before its unpaid fee counts.
    pub fee_grace_days: u32,
    /// REM-02: whether paying late takes a month off the count (the catalogue says no).
    pub late_payment_cures: bool,
    /// AWY-03: a member working away with no contact for more than this many months is flagged.
    pub contact_gap_months: u32,
}

impl Default for WarningParams {
    fn default() -> Self {
        Self {
            threshold: 3,
            margin: 1,
            count_window: CountWindow::CalendarYear,
            fee_grace_days: 0,
            late_payment_cures: false,
            contact_gap_months: 3,
        }
    }
}

impl WarningParams {
    /// The REM-02 settings the fee account's [`crate::fees::unpaid_months`] takes.
    pub fn unpaid_rule(&self) -> UnpaidRule {
        UnpaidRule {
            grace_days: self.fee_grace_days,
            late_payment_cures: self.late_payment_cures,
        }
    }
}
