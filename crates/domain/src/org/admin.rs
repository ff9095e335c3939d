//! Administrative reference units after the 2025 reorganisation (rule ORG-02): 34 provinces
//! and cities, 3,321 communes, wards and special zones.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvinceKind {
    Province,
    City,
}

impl ProvinceKind {
    /// Reads the Vietnamese label of the reference file (`tỉnh`, `thành phố trung ương`).
    pub fn from_label(label: &str) -> Option<Self> {
        match label.trim() {
            "tỉnh" => Some(Self::Province),
            "thành phố trung ương" => Some(Self::City),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::City => "city",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    RuralCommune,
    Ward,
    SpecialZone,
}

impl CommuneKind {
    /// Reads the Vietnamese label of the reference file (`xã`, `phường`, `đặc khu`).
    pub fn from_label(label: &str) -> Option<Self> {
        match label.trim() {
            "xã" => Some(Self::RuralCommune),
            "phường" => Some(Self::Ward),
            "đặc khu" => Some(Self::SpecialZone),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::RuralCommune => "rural_commune",
            Self::Ward => "ward",
            Self::SpecialZone => "special_zone",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::RuralCommune, Self::Ward, Self::SpecialZone]
            .into_iter()
            .find(|k| k.code() == code)
    }
}
