//! The organisation tree: viewing it as of any date, and founding, renaming, moving, merging
//! and dissolving units, each keeping history; residential areas under communes.

mod change;
mod create;
mod merge;
mod residential;
mod spans;
mod view;

pub use change::{DissolveInput, MoveInput, RenameInput, dissolve_unit, move_unit, rename_unit};
pub use create::{CreateUnitInput, create_unit};
pub use merge::{MergeInput, MergeOutcome, merge_unit};
pub use residential::{AreaInput, CoverInput, add_area, set_area_cover};
pub use view::{
    TreeRow, UnitLabel, UnitView, VersionLine, children, roots, unit_view, units_for_picker,
};

use chibo_domain::dates::parse_date;
use chibo_domain::field::Problem;
use chrono::NaiveDate;

/// A date field: required, parsed, not after `today` (the registry records what happened).
pub(crate) fn effective_date(input: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    effective_date_after(
        input,
        today,
        NaiveDate::from_ymd_opt(1930, 1, 1).unwrap_or(today),
    )
}

/// As [`effective_date`], and not before `not_before` (for a member's event, their birth).
pub(crate) fn effective_date_after(
    input: &str,
    today: NaiveDate,
    not_before: NaiveDate,
) -> Result<NaiveDate, Problem> {
    let d = parse_date(input).map_err(|e| match e {
        chibo_domain::dates::DateProblem::Empty => Problem::Required,
        chibo_domain::dates::DateProblem::Format => Problem::InvalidDate,
    })?;
    if d > today {
        return Err(Problem::DateInFuture);
    }
    if d < not_before {
        return Err(Problem::DateTooEarly);
    }
    Ok(d)
}
