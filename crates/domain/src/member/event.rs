//! Life-cycle event kinds, exactly as interchange v1 names them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::field::Problem;
use crate::ids::UnitId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Admitted,
    Recognized,
    TransferOut,
    TransferIn,
    TempOut,
    TempReturn,
    Exempted,
    ExemptionEnded,
    WorkingAwayStart,
    WorkingAwayEnd,
    Removed,
    Expelled,
    Resigned,
    Deceased,
    NotRecognized,
}

/// What the `unit_code` column means for an event kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRole {
    /// Must be empty.
    None,
    /// Required: the cell the member joins or is attached to.
    Required,
    /// Optional: where an official transfer is headed (it may be outside this registry).
    Destination,
}

impl EventKind {
    pub const ALL: &'static [EventKind] = &[
        Self::Admitted,
        Self::Recognized,
        Self::TransferOut,
        Self::TransferIn,
        Self::TempOut,
        Self::TempReturn,
        Self::Exempted,
        Self::ExemptionEnded,
        Self::WorkingAwayStart,
        Self::WorkingAwayEnd,
        Self::Removed,
        Self::Expelled,
        Self::Resigned,
        Self::Deceased,
        Self::NotRecognized,
    ];
    pub const CODES: &'static [&'static str] = &[
        "admitted",
        "recognized",
        "transfer_out",
        "transfer_in",
        "temp_out",
        "temp_return",
        "exempted",
        "exemption_ended",
        "working_away_start",
        "working_away_end",
        "removed",
        "expelled",
        "resigned",
        "deceased",
        "not_recognized",
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Admitted => "admitted",
            Self::Recognized => "recognized",
            Self::TransferOut => "transfer_out",
            Self::TransferIn => "transfer_in",
            Self::TempOut => "temp_out",
            Self::TempReturn => "temp_return",
            Self::Exempted => "exempted",
            Self::ExemptionEnded => "exemption_ended",
            Self::WorkingAwayStart => "working_away_start",
            Self::WorkingAwayEnd => "working_away_end",
            Self::Removed => "removed",
            Self::Expelled => "expelled",
            Self::Resigned => "resigned",
            Self::Deceased => "deceased",
            Self::NotRecognized => "not_recognized",
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

    pub fn unit_role(self) -> UnitRole {
        match self {
            Self::Admitted | Self::TransferIn | Self::TempOut => UnitRole::Required,
            Self::TransferOut => UnitRole::Destination,
            _ => UnitRole::None,
        }
    }

    /// Events after which the person is no longer a member.
    pub fn leaves_party(self) -> bool {
        matches!(
            self,
            Self::Removed | Self::Expelled | Self::Resigned | Self::Deceased | Self::NotRecognized
        )
    }
}

/// One life-cycle event as it acts on the member's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeEvent {
    pub kind: EventKind,
    pub on: NaiveDate,
    pub unit: Option<UnitId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_codes() {
        assert_eq!(EventKind::ALL.len(), EventKind::CODES.len());
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.code()), Ok(*k));
        }
        assert!(EventKind::parse("joined").is_err());
    }
}
