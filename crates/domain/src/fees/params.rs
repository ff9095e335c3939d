//! The configurable values of the fee rules, with the rule catalogue's defaults.

use serde::{Deserialize, Serialize};

/// Settings of the fee rules (FEE-03, FEE-04). `Default` gives the catalogue's values; a
/// deployment loads those in force (GEN-03) and passes them in. Rates live in
/// [`super::FeeSchedule`], which is versioned by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeParams {
    /// FEE-03: party age, in completed years, from which no fee is due (from the next month).
    pub exempt_party_age_years: u32,
    /// FEE-04: the reductions a hardship decision may grant, in percent (100 = exemption).
    pub reduction_options_pct: Vec<u32>,
    /// FEE-04: the longest a hardship decision may run, in months.
    pub reduction_max_months: u32,
}

impl Default for FeeParams {
    fn default() -> Self {
        Self {
            exempt_party_age_years: 50,
            reduction_options_pct: vec![30, 50, 70, 100],
            reduction_max_months: 12,
        }
    }
}
