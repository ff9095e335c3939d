//! State periods: the member's timeline cut into spans of constant state, one row per span in
//! which the person is a member. Counting "as of D in subtree S" over millions of members is
//! then plain SQL; `state_on` is the oracle the property tests hold them to.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{HistoryEntry, MemberState, ReplayError, Standing, Status, apply, effective_events};
use crate::ids::UnitId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatePeriod {
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub standing: Standing,
    /// The cell holding the record (the cell left, while in transit).
    pub cell: UnitId,
    pub in_transit: bool,
    pub transit_to: Option<UnitId>,
    pub temp_host: Option<UnitId>,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
}

impl StatePeriod {
    fn from_state(s: &MemberState, from: NaiveDate) -> Option<Self> {
        let Status::Member(standing) = s.status else {
            return None;
        };
        Some(Self {
            valid_from: from,
            valid_to: None,
            standing,
            cell: s.cell,
            in_transit: s.transit.is_some(),
            transit_to: s.transit.and_then(|t| t.destination),
            temp_host: s.temp_host,
            exempted: s.exempted,
            working_away: s.working_away,
            admitted_on: s.admitted_on,
        })
    }

    fn same_state(&self, other: &Self) -> bool {
        Self {
            valid_from: other.valid_from,
            valid_to: other.valid_to,
            ..self.clone()
        } == *other
    }

    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// The periods of a history with everything currently known. A day's state is the state after
/// all events of that day.
pub fn periods(history: &[HistoryEntry]) -> Result<Vec<StatePeriod>, ReplayError> {
    let events = effective_events(history, None);
    let mut out: Vec<StatePeriod> = Vec::new();
    let mut state: Option<MemberState> = None;
    let mut i = 0;
    while i < events.len() {
        let day = events[i].1.on;
        while i < events.len() && events[i].1.on == day {
            let (id, ev) = events[i];
            state =
                Some(apply(state.as_ref(), ev).map_err(|error| ReplayError { event: id, error })?);
            i += 1;
        }
        let next = state.as_ref().and_then(|s| StatePeriod::from_state(s, day));
        if let Some(open) = out.last_mut().filter(|p| p.valid_to.is_none()) {
            if next.as_ref().is_some_and(|n| open.same_state(n)) {
                continue;
            }
            open.valid_to = day.checked_sub_days(Days::new(1));
        }
        out.extend(next);
    }
    Ok(out)
}
