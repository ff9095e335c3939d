//! The two transfers of the glossary: official (the record and headcount move) and temporary
//! (the member attends a host cell while the record stays home).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    /// Chuyển sinh hoạt đảng chính thức (TRF-01 … TRF-04): events `transfer_out`, `transfer_in`.
    Official,
    /// Chuyển sinh hoạt đảng tạm thời (TRF-05): events `temp_out`, `temp_return`.
    Temporary,
}

impl TransferKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Official => "official",
            Self::Temporary => "temporary",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "official" => Some(Self::Official),
            "temporary" => Some(Self::Temporary),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_kinds_round_trip_through_their_codes() {
        for k in [TransferKind::Official, TransferKind::Temporary] {
            assert_eq!(TransferKind::parse(k.code()), Some(k));
        }
        assert_eq!(TransferKind::parse("permanent"), None);
    }
}
