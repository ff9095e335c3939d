//! Interchange v1 (shared/domain/interchange.md): importing a data set all or nothing, with
//! every bad row reported as `file:line:column`, and exporting the registry or a subtree.

mod error;
mod export;
mod import;
pub mod jobs;
mod source;
mod table;
mod texts;

pub use error::{ImportError, ImportProblem};
pub use export::{ExportFormat, ExportOptions, ExportReport, export};
pub use import::{ImportCounts, ImportOptions, ImportReport, check_bytes, import};
pub use source::Source;

/// The stages an import goes through, for progress displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    ReadUnits,
    ReadMembers,
    ReadEvents,
    CheckHistories,
    WriteUnits,
    WriteMembers,
    BuildIndexes,
    Commit,
    Done,
}

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Self::ReadUnits => "read_units",
            Self::ReadMembers => "read_members",
            Self::ReadEvents => "read_events",
            Self::CheckHistories => "check_histories",
            Self::WriteUnits => "write_units",
            Self::WriteMembers => "write_members",
            Self::BuildIndexes => "build_indexes",
            Self::Commit => "commit",
            Self::Done => "done",
        }
    }
}

/// Receives progress: a stage begins with its total (rows, or bytes of a file being read),
/// then advances.
pub trait Progress: Send + Sync + 'static {
    fn stage(&self, stage: Stage, total: u64);
    fn advance(&self, done: u64);
}

/// Progress nobody watches.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: Stage, _: u64) {}
    fn advance(&self, _: u64) {}
}
