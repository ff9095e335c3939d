//! Chibo's application services. Each use case opens one transaction, finds its records within
//! the caller's scope (a miss is "not found"), asks the domain's `authorize` for the
//! permission, applies the domain rules, writes, appends the audit row, and commits.

pub mod audit;
pub mod away;
pub mod calendar;
pub mod candidates;
pub mod check;
pub mod clock;
pub mod deadlines;
pub mod demo;
pub mod discipline;
pub mod error;
pub mod exemptions;
pub mod fees;
pub mod interchange;
pub mod meetings;
pub mod members;
pub mod org;
pub mod recognition;
pub mod reference;
pub mod removal;
pub mod sample;
pub mod scope;
pub mod screening;
pub mod settings;
pub mod setup;
pub mod stats;
pub mod synth;
pub mod targets;
mod text_table;
pub mod transfers;
pub mod users;
pub mod warnings;

pub use chibo_storage::{Db, Engine};
pub use error::AppError;

/// Everything a use case needs; cheap to clone.
#[derive(Clone, Debug)]
pub struct App {
    pub db: Db,
    /// The in-memory statistics index, shared by every clone of the app.
    pub stats: stats::StatsIndex,
}

impl App {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            stats: stats::StatsIndex::default(),
        }
    }
}

/// One page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Page {
    /// 1-based.
    pub number: i64,
    pub size: i64,
}

impl Page {
    pub const DEFAULT_SIZE: i64 = 50;

    pub fn new(number: Option<i64>, size: Option<i64>) -> Self {
        Self {
            number: number.unwrap_or(1).max(1),
            size: size.unwrap_or(Self::DEFAULT_SIZE).clamp(1, 500),
        }
    }

    pub fn offset(&self) -> i64 {
        (self.number - 1).saturating_mul(self.size)
    }
}

/// A page of results and how many there are in all.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: Page,
}

impl<T> Paged<T> {
    pub fn pages(&self) -> i64 {
        ((self.total + self.page.size - 1) / self.page.size).max(1)
    }
}

/// The read models services return, defined by the storage layer and re-exported here so the
/// delivery layers never depend on storage.
pub mod model {
    pub use chibo_storage::audit::AuditRow;
    pub use chibo_storage::candidates::{CandidateRow, DocumentRow, Education, StepRow};
    pub use chibo_storage::events::EventRow;
    pub use chibo_storage::jobs::JobRow;
    pub use chibo_storage::members::{MemberRow, MemberSummary};
    pub use chibo_storage::periods::{Headcount, MemberOnDay, UnitHeadcount};
    pub use chibo_storage::reference::{Commune, Province};
    pub use chibo_storage::residential::AreaRow;
    pub use chibo_storage::screening::ScreeningStepRow;
    pub use chibo_storage::units::{UnitLink, UnitRow};
}
