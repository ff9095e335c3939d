//! The measures of a statistics table, in their column order, and which event counts in which
//! period measure.

use serde::{Deserialize, Serialize};

use crate::member::EventKind;

/// As-of measures, in column order (interchange.md: counted on the day, with the tree of the day).
pub const AS_OF_MEASURES: &[&str] = &[
    "members",
    "official",
    "probationary",
    "exempted",
    "working_away",
    "in_transit",
];

/// Period measures, in column order: events dated inside the period.
pub const PERIOD_MEASURES: &[&str] = &[
    "admitted",
    "recognized",
    "transferred_in",
    "transferred_out",
    "removed",
    "expelled",
    "resigned",
    "deceased",
    "not_recognized",
];

/// A period measure, by its position in [`PERIOD_MEASURES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodMeasure {
    Admitted,
    Recognized,
    TransferredIn,
    TransferredOut,
    Removed,
    Expelled,
    Resigned,
    Deceased,
    NotRecognized,
}

impl PeriodMeasure {
    /// The measure an event counts in; `None` for events no period measure counts
    /// (temporary transfers, exemptions, working away).
    pub fn of(kind: EventKind) -> Option<Self> {
        use EventKind as K;
        Some(match kind {
            K::Admitted => Self::Admitted,
            K::Recognized => Self::Recognized,
            K::TransferIn => Self::TransferredIn,
            K::TransferOut => Self::TransferredOut,
            K::Removed => Self::Removed,
            K::Expelled => Self::Expelled,
            K::Resigned => Self::Resigned,
            K::Deceased => Self::Deceased,
            K::NotRecognized => Self::NotRecognized,
            K::TempOut
            | K::TempReturn
            | K::Exempted
            | K::ExemptionEnded
            | K::WorkingAwayStart
            | K::WorkingAwayEnd => return None,
        })
    }

    /// The column of the measure in [`PERIOD_MEASURES`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Whether an event is attributed with the member's state after it (interchange.md: admitted,
/// transfer_in and recognized go to the cell the member is in after the event) rather than
/// before it (transfer_out and every event that leaves the party).
pub fn attributed_after(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Admitted | EventKind::TransferIn | EventKind::Recognized
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_counted_kind_has_its_column() {
        let mut counted: Vec<usize> = EventKind::ALL
            .iter()
            .filter_map(|k| PeriodMeasure::of(*k).map(PeriodMeasure::index))
            .collect();
        counted.sort_unstable();
        assert_eq!(counted, (0..PERIOD_MEASURES.len()).collect::<Vec<_>>());
        assert_eq!(
            PERIOD_MEASURES[PeriodMeasure::of(EventKind::TransferOut).unwrap().index()],
            "transferred_out"
        );
        assert!(attributed_after(EventKind::Recognized));
        assert!(!attributed_after(EventKind::TransferOut));
        assert!(!attributed_after(EventKind::Deceased));
    }
}
