//! Recorded steps of a procedure and their replay: one transition function both validates a
//! new step and rebuilds the state from stored ones, as member history does (GEN-04).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::RemovalViolation;

/// One recorded step, never edited; a mistake is a new procedure, not a rewrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded<S> {
    pub on: NaiveDate,
    pub step: S,
}

impl<S> Recorded<S> {
    pub fn new(on: NaiveDate, step: S) -> Self {
        Self { on, step }
    }
}

/// Folds `steps` through `apply`, refusing a step dated before the previous one. `None` for
/// no steps. To check a new step, replay the stored ones with it appended.
pub(super) fn replay<S, T>(
    rule: &'static str,
    steps: &[Recorded<S>],
    mut apply: impl FnMut(Option<T>, &Recorded<S>) -> Result<T, RemovalViolation>,
) -> Result<Option<T>, RemovalViolation> {
    let mut state = None;
    let mut previous_on: Option<NaiveDate> = None;
    for r in steps {
        if let Some(previous_on) = previous_on
            && r.on < previous_on
        {
            return Err(RemovalViolation::StepDateBackwards {
                rule,
                previous_on,
                on: r.on,
            });
        }
        state = Some(apply(state, r)?);
        previous_on = Some(r.on);
    }
    Ok(state)
}
