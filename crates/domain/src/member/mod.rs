//! A member's life cycle: the events of interchange events.csv, the state they lead to, and
//! replay of an append-only history into the state on any day and into state periods.

mod error;
mod event;
mod history;
mod periods;
mod probation;
mod state;

pub use error::{ReplayError, TransitionError};
pub use event::{EventKind, LifeEvent, UnitRole};
pub use history::{EntryBody, HistoryEntry, effective_events, replay, state_on};
pub use periods::{StatePeriod, periods};
pub use probation::{RECOGNITION_REVIEW_WORKING_DAYS, recognition_review_due};
pub use state::{ExitKind, MemberState, PROBATION_MONTHS, Standing, Status, Transit, apply};
