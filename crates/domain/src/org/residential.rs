//! Residential units below a commune (rule ORG-11). Their kinds keep ASCII-folded Vietnamese
//! names, the glossary's one exception, because English has no exact equivalents.

use serde::{Deserialize, Serialize};

use crate::field::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidentialUnitKind {
    Thon,
    Ap,
    Ban,
    Xom,
    Khom,
    ToDanPho,
}

impl ResidentialUnitKind {
    pub const ALL: &'static [ResidentialUnitKind] = &[
        Self::Thon,
        Self::Ap,
        Self::Ban,
        Self::Xom,
        Self::Khom,
        Self::ToDanPho,
    ];
    pub const CODES: &'static [&'static str] = &["thon", "ap", "ban", "xom", "khom", "to_dan_pho"];

    pub fn code(self) -> &'static str {
        match self {
            Self::Thon => "thon",
            Self::Ap => "ap",
            Self::Ban => "ban",
            Self::Xom => "xom",
            Self::Khom => "khom",
            Self::ToDanPho => "to_dan_pho",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Problem> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.code() == input.trim())
            .ok_or(Problem::NotOneOf {
                allowed: Self::CODES,
            })
    }
}
