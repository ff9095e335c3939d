//! The dimensions a statistics table can be broken down by (`--by`).

use serde::{Deserialize, Serialize};

use crate::field::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// The units directly under the queried unit (or the roots), as the tree stood that day.
    Unit,
    Sex,
    AgeBand,
    Ethnicity,
    Religion,
    Education,
    ProfessionalLevel,
    PoliticalTheory,
    PartyAgeBand,
    Status,
}

impl Dimension {
    pub const ALL: &'static [Dimension] = &[
        Self::Unit,
        Self::Sex,
        Self::AgeBand,
        Self::Ethnicity,
        Self::Religion,
        Self::Education,
        Self::ProfessionalLevel,
        Self::PoliticalTheory,
        Self::PartyAgeBand,
        Self::Status,
    ];
    pub const CODES: &'static [&'static str] = &[
        "unit",
        "sex",
        "age_band",
        "ethnicity",
        "religion",
        "education",
        "professional_level",
        "political_theory",
        "party_age_band",
        "status",
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Unit => "unit",
            Self::Sex => "sex",
            Self::AgeBand => "age_band",
            Self::Ethnicity => "ethnicity",
            Self::Religion => "religion",
            Self::Education => "education",
            Self::ProfessionalLevel => "professional_level",
            Self::PoliticalTheory => "political_theory",
            Self::PartyAgeBand => "party_age_band",
            Self::Status => "status",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Problem> {
        Self::ALL
            .iter()
            .copied()
            .find(|d| d.code() == input.trim())
            .ok_or(Problem::NotOneOf {
                allowed: Self::CODES,
            })
    }

    /// The CSV columns of the dimension: a unit is named by its code and its name.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Unit => &["unit_code", "unit_name"],
            other => std::slice::from_ref(&Self::CODES[other as usize]),
        }
    }

    /// Values whose order is not alphabetical: listed in their natural order.
    pub fn ordered_values(self) -> Option<&'static [&'static str]> {
        match self {
            Self::Sex => Some(&["M", "F"]),
            Self::Status => Some(&["official", "probationary"]),
            Self::AgeBand => Some(super::bands::AGE_LABELS),
            Self::PartyAgeBand => Some(crate::interchange::PARTY_AGE_BANDS),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_round_trip_through_their_codes() {
        assert_eq!(Dimension::ALL.len(), Dimension::CODES.len());
        for d in Dimension::ALL {
            assert_eq!(Dimension::parse(d.code()), Ok(*d));
            assert_eq!(d.columns().len(), if *d == Dimension::Unit { 2 } else { 1 });
        }
        assert_eq!(Dimension::AgeBand.columns(), ["age_band"]);
        assert!(Dimension::parse("district").is_err());
    }
}
