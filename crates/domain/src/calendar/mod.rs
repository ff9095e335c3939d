//! The working-day calendar (rule GEN-01) and the deadlines counted on it: public holidays,
//! days off and make-up working days as data, and due dates and their status.

mod deadline;
mod entry;
#[cfg(test)]
mod lunar;
mod shipped;
mod timeliness;
mod working;

pub use deadline::{
    DEFAULT_DUE_SOON_WORKING_DAYS, DeadlineStatus, Limit, due, due_extended, status,
};
pub use entry::{CalendarEntry, DayKind, EntryError, EntryProblem, parse_entries};
pub use shipped::{SHIPPED_HOLIDAYS_CSV, shipped_calendar};
pub use timeliness::{Timeliness, timeliness};
pub use working::{DuplicateDate, WorkingCalendar};
