//! Append-only member history (rule GEN-04) and its replay. A correction never edits an entry:
//! it is a new entry that voids an earlier one. Replay can stop at what was known at a moment,
//! so a report frozen then rebuilds exactly as issued.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{LifeEvent, MemberState, ReplayError, apply};
use crate::ids::EventId;

/// One stored entry of a member's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: EventId,
    /// Order of recording within the member; breaks ties between events of one date
    /// (interchange: events of one member on one date apply in file order).
    pub seq: i64,
    pub recorded_at: DateTime<Utc>,
    pub body: EntryBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryBody {
    Life(LifeEvent),
    /// A correction: the target entry is treated as never having happened.
    Void {
        target: EventId,
    },
}

/// The life events in force, as known at `known_at` (everything when `None`), in the order
/// they take effect: by date, then by order of recording.
pub fn effective_events(
    history: &[HistoryEntry],
    known_at: Option<DateTime<Utc>>,
) -> Vec<(EventId, &LifeEvent)> {
    let known = |e: &HistoryEntry| known_at.is_none_or(|k| e.recorded_at <= k);
    let voided: Vec<EventId> = history
        .iter()
        .filter(|e| known(e))
        .filter_map(|e| match e.body {
            EntryBody::Void { target } => Some(target),
            EntryBody::Life(_) => None,
        })
        .collect();
    let mut live: Vec<(&HistoryEntry, &LifeEvent)> = history
        .iter()
        .filter(|e| known(e) && !voided.contains(&e.id))
        .filter_map(|e| match &e.body {
            EntryBody::Life(ev) => Some((e, ev)),
            EntryBody::Void { .. } => None,
        })
        .collect();
    live.sort_by_key(|(e, ev)| (ev.on, e.seq));
    live.into_iter().map(|(e, ev)| (e.id, ev)).collect()
}

/// The state after every event in force as known at `known_at`; `None` for an empty history.
pub fn replay(
    history: &[HistoryEntry],
    known_at: Option<DateTime<Utc>>,
) -> Result<Option<MemberState>, ReplayError> {
    fold(effective_events(history, known_at).into_iter())
}

/// The member at the end of `day`, as known at `known_at`.
pub fn state_on(
    history: &[HistoryEntry],
    day: NaiveDate,
    known_at: Option<DateTime<Utc>>,
) -> Result<Option<MemberState>, ReplayError> {
    fold(
        effective_events(history, known_at)
            .into_iter()
            .take_while(|(_, ev)| ev.on <= day),
    )
}

fn fold<'a>(
    events: impl Iterator<Item = (EventId, &'a LifeEvent)>,
) -> Result<Option<MemberState>, ReplayError> {
    events.into_iter().try_fold(None, |state, (id, ev)| {
        apply(state.as_ref(), ev)
            .map(Some)
            .map_err(|error| ReplayError { event: id, error })
    })
}
