//! The configurable values of the exemption rules, with the rule catalogue's defaults (GEN-03).

use serde::{Deserialize, Serialize};

/// How old age and poor health combine (EXM-01; which one HD 27/2009 means is unconfirmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptCondition {
    AgeOrHealth,
    AgeAndHealth,
}

impl ExemptCondition {
    pub const CODES: &'static [&'static str] = &["age_or_health", "age_and_health"];

    pub fn code(self) -> &'static str {
        match self {
            Self::AgeOrHealth => "age_or_health",
            Self::AgeAndHealth => "age_and_health",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "age_or_health" => Some(Self::AgeOrHealth),
            "age_and_health" => Some(Self::AgeAndHealth),
            _ => None,
        }
    }
}

/// Settings of the exemption rules. `Default` gives the rule catalogue's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExemptionParams {
    /// EXM-01: "old age" for men, in completed years. HD 27/2009 says "above working age"
    /// (hết tuổi lao động) without a figure; before the 2019 Labour Code raised it step by step
    /// from 2021, that age was 60 for men and 55 for women (Labour Code 2012, Art. 187). The
    /// guidance predates the raise, so those ages are the default; whether the raised ages now
    /// apply is unconfirmed (rules.md §15.5), hence a setting.
    #[serde(rename = "exempt_age_male")]
    pub age_male_years: u32,
    /// EXM-01: "old age" for women, in completed years (see `age_male_years`).
    #[serde(rename = "exempt_age_female")]
    pub age_female_years: u32,
    /// EXM-01: months of treatment that make poor health (medical records suffice too).
    pub illness_min_months: u32,
    /// EXM-01: old age or poor health (default), or both.
    #[serde(rename = "exempt_condition")]
    pub condition: ExemptCondition,
}

impl Default for ExemptionParams {
    fn default() -> Self {
        Self {
            age_male_years: 60,
            age_female_years: 55,
            illness_min_months: 3,
            condition: ExemptCondition::AgeOrHealth,
        }
    }
}
