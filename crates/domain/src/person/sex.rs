//! Sex as the record form and interchange files state it: `M` or `F`.

use serde::{Deserialize, Serialize};

use crate::field::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "M")]
    Male,
    #[serde(rename = "F")]
    Female,
}

impl Sex {
    pub const CODES: &'static [&'static str] = &["M", "F"];

    pub fn parse(input: &str) -> Result<Self, Problem> {
        match input.trim() {
            "M" | "m" => Ok(Self::Male),
            "F" | "f" => Ok(Self::Female),
            "" => Err(Problem::Required),
            _ => Err(Problem::NotOneOf {
                allowed: Self::CODES,
            }),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Male => "M",
            Self::Female => "F",
        }
    }
}
