//! Appending to a member's history: the whole history, with the new entries, is replayed by
//! the domain before anything is written, then the entries, the member row's state and the
//! periods are written together.

use chibo_domain::ids::{EventId, MemberId, UnitId, UserId};
use chibo_domain::member::{
    EntryBody, EventKind, HistoryEntry, LifeEvent, MemberState, StatePeriod, periods, replay,
};
use chibo_storage::events::{self, NewEvent, VOID_KIND};
use chibo_storage::members::{self, StateColumns};
use chibo_storage::stats::{Change, record_change};
use chibo_storage::{Tx, now, periods as period_repo};
use chrono::NaiveDate;

use crate::AppError;

/// A life-cycle event to append.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewLife {
    pub kind: EventKind,
    pub on: NaiveDate,
    pub unit: Option<UnitId>,
    pub decision_ref: Option<String>,
    pub reason: Option<String>,
}

/// What to append: life events, or a correction voiding one entry.
pub(crate) enum Append<'a> {
    Life(&'a [NewLife]),
    Void {
        target: EventId,
        reason: Option<&'a str>,
    },
}

/// Replays `existing` plus the new entries; the state and periods they lead to.
fn prospective(
    existing: &[HistoryEntry],
    append: &Append<'_>,
) -> Result<(MemberState, Vec<StatePeriod>), AppError> {
    let mut all = existing.to_vec();
    let mut seq = existing.iter().map(|e| e.seq).max().unwrap_or(0);
    let at = now();
    let mut next = |body: EntryBody, i: i64| {
        seq += 1;
        HistoryEntry {
            id: EventId(-1 - i),
            seq,
            recorded_at: at,
            body,
        }
    };
    match append {
        Append::Life(new) => {
            for (i, n) in new.iter().enumerate() {
                let body = EntryBody::Life(LifeEvent {
                    kind: n.kind,
                    on: n.on,
                    unit: n.unit,
                });
                all.push(next(body, i as i64));
            }
        }
        Append::Void { target, .. } => all.push(next(EntryBody::Void { target: *target }, 0)),
    }
    let state = replay(&all, None)
        .map_err(|e| AppError::Transition(e.error))?
        .ok_or_else(|| AppError::Internal("a history without events".into()))?;
    let periods = periods(&all).map_err(|e| AppError::Transition(e.error))?;
    Ok((state, periods))
}

/// The state a brand-new member's first events lead to (validated, nothing written).
pub(crate) fn project_new(events: &[NewLife]) -> Result<(MemberState, Vec<StatePeriod>), AppError> {
    prospective(&[], &Append::Life(events))
}

async fn write_entries(
    tx: &mut Tx,
    member: MemberId,
    append: &Append<'_>,
    by: Option<UserId>,
) -> Result<(), AppError> {
    let at = now();
    match append {
        Append::Life(new) => {
            for n in new.iter() {
                events::append(
                    tx,
                    &NewEvent {
                        member,
                        kind: n.kind.code(),
                        effective_on: n.on,
                        unit: n.unit,
                        voids: None,
                        decision_ref: n.decision_ref.as_deref(),
                        reason: n.reason.as_deref(),
                        recorded_at: at,
                        recorded_by: by,
                    },
                )
                .await?;
            }
        }
        Append::Void { target, reason } => {
            events::append(
                tx,
                &NewEvent {
                    member,
                    kind: VOID_KIND,
                    effective_on: crate::clock::today(),
                    unit: None,
                    voids: Some(*target),
                    decision_ref: None,
                    reason: *reason,
                    recorded_at: at,
                    recorded_by: by,
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Validates and appends, then rewrites the member's projections. Returns the new state.
pub(crate) async fn append_and_project(
    tx: &mut Tx,
    member: MemberId,
    append: Append<'_>,
    by: Option<UserId>,
) -> Result<MemberState, AppError> {
    let existing = history_entries(tx, member).await?;
    let (state, periods) = prospective(&existing, &append)?;
    write_entries(tx, member, &append, by).await?;
    members::update_state(tx, member, &StateColumns::from(&state), now()).await?;
    period_repo::replace(tx, member, &periods).await?;
    record_change(tx, Change::Members(&[member])).await?;
    Ok(state)
}

/// Writes the first events and periods of a member whose row was just inserted. The caller
/// records the statistics change (one member, or everything for a bulk load).
pub(crate) async fn write_new(
    tx: &mut Tx,
    member: MemberId,
    events: &[NewLife],
    periods: &[StatePeriod],
    by: Option<UserId>,
) -> Result<(), AppError> {
    write_entries(tx, member, &Append::Life(events), by).await?;
    period_repo::replace(tx, member, periods).await?;
    Ok(())
}

pub(crate) async fn history_entries(
    tx: &mut Tx,
    member: MemberId,
) -> Result<Vec<HistoryEntry>, AppError> {
    Ok(events::history(tx, member)
        .await?
        .iter()
        .map(|r| r.to_entry())
        .collect::<Result<_, _>>()?)
}
