//! What the in-memory statistics index reads: bulk reads of members, membership periods,
//! events and unit path spans in windows of ids (so memory stays low), and the change log that
//! keeps every instance's index fresh. Writers call [`record_change`] in the transaction of
//! every write that changes statistics.

use chibo_domain::ids::{EventId, MemberId, UnitId};
use chibo_domain::member::{EntryBody, EventKind, HistoryEntry, LifeEvent};
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{StorageError, Tx, on};
use crate::events::VOID_KIND;

/// What a write changed, for the statistics change log.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// Members whose profile or history changed (added, edited, event recorded or voided).
    Members(&'a [MemberId]),
    /// Units founded, renamed, moved, merged or dissolved.
    Units(&'a [UnitId]),
    /// Anything, in bulk (an import): indexes reload everything.
    Everything,
}

/// The changes after some version, as an index applies them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangesSince {
    /// The newest version seen.
    pub version: i64,
    pub everything: bool,
    pub members: Vec<MemberId>,
    pub units: bool,
}

const BUMP: &str =
    "UPDATE registry_version SET version = version + 1 WHERE id = 1 RETURNING version";
const INSERT_CHANGE: &str = "INSERT INTO registry_change (version, member_id, unit_id, recorded_at) VALUES ($1, $2, $3, $4)";
const VERSION: &str = "SELECT version FROM registry_version WHERE id = 1";
const CHANGES_SINCE: &str = "SELECT version, member_id, unit_id FROM registry_change
    WHERE version > $1 ORDER BY version";

/// Appends a change to the log under a new registry version, in the caller's transaction, and
/// returns that version. Bumping the single counter row takes its row lock until commit, so
/// versions commit in order. For more than a few thousand members, record `Everything`.
pub async fn record_change(tx: &mut Tx, change: Change<'_>) -> Result<i64, StorageError> {
    let version: i64 = on!(tx, c => sqlx::query_scalar(BUMP).fetch_one(c).await)?;
    let at = crate::now();
    let mut insert = async |member: Option<i64>, unit: Option<i64>| -> Result<(), StorageError> {
        on!(tx, c => sqlx::query(INSERT_CHANGE).bind(version).bind(member).bind(unit).bind(at)
            .execute(c).await.map(|r| r.rows_affected()))?;
        Ok(())
    };
    match change {
        Change::Members(ids) => {
            for id in ids {
                insert(Some(id.0), None).await?;
            }
        }
        Change::Units(ids) => {
            for id in ids {
                insert(None, Some(id.0)).await?;
            }
        }
        Change::Everything => insert(None, None).await?,
    }
    Ok(version)
}

/// The registry's current version.
pub async fn version(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(VERSION).fetch_one(c).await)?)
}

/// What changed after `version`.
pub async fn changes_since(tx: &mut Tx, version: i64) -> Result<ChangesSince, StorageError> {
    let rows: Vec<(i64, Option<i64>, Option<i64>)> =
        on!(tx, c => sqlx::query_as(CHANGES_SINCE).bind(version).fetch_all(c).await)?;
    let mut out = ChangesSince {
        version,
        ..ChangesSince::default()
    };
    for (v, member, unit) in rows {
        out.version = out.version.max(v);
        match (member, unit) {
            (Some(m), _) => out.members.push(MemberId(m)),
            (None, Some(_)) => out.units = true,
            (None, None) => out.everything = true,
        }
    }
    out.members.sort_unstable();
    out.members.dedup();
    Ok(out)
}

/// A member's particulars that statistics break down by.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StatsMember {
    pub id: i64,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<String>,
    pub professional_level: Option<String>,
    pub political_theory: Option<String>,
}

/// A membership period with its member.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StatsPeriod {
    pub member_id: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub standing: String,
    pub cell_id: i64,
    pub in_transit: bool,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
}

#[derive(sqlx::FromRow)]
struct EventLite {
    id: i64,
    member_id: i64,
    seq: i64,
    kind: String,
    effective_on: NaiveDate,
    unit_id: Option<i64>,
    voids_event_id: Option<i64>,
    recorded_at: DateTime<Utc>,
}

/// A unit's path for a period of constant ancestry.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StatsSpan {
    pub unit_id: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub path: String,
}

const MAX_MEMBER: &str = "SELECT COALESCE(MAX(id), 0) FROM member";
const MAX_UNIT: &str = "SELECT COALESCE(MAX(id), 0) FROM unit";
const MEMBERS: &str = "SELECT id, sex, birth_date, ethnicity, religion, education,
    professional_level, political_theory FROM member WHERE id >= $1 AND id <= $2 ORDER BY id";
const PERIODS: &str = "SELECT member_id, valid_from, valid_to, standing, cell_id, in_transit,
    exempted, working_away, admitted_on FROM membership_period
    WHERE member_id >= $1 AND member_id <= $2 ORDER BY member_id, valid_from";
const EVENTS: &str = "SELECT id, member_id, seq, kind, effective_on, unit_id, voids_event_id,
    recorded_at FROM member_event WHERE member_id >= $1 AND member_id <= $2
    ORDER BY member_id, seq";
const SPANS: &str = "SELECT unit_id, valid_from, valid_to, path FROM unit_path
    WHERE unit_id >= $1 AND unit_id <= $2 ORDER BY unit_id, valid_from";
const PARTY_GROUPS: &str = "SELECT DISTINCT unit_id FROM unit_version WHERE kind = 'party_group'";

/// The highest member id and unit id, so readers can walk the registry in windows of ids.
pub async fn max_ids(tx: &mut Tx) -> Result<(i64, i64), StorageError> {
    let m: i64 = on!(tx, c => sqlx::query_scalar(MAX_MEMBER).fetch_one(c).await)?;
    let u: i64 = on!(tx, c => sqlx::query_scalar(MAX_UNIT).fetch_one(c).await)?;
    Ok((m, u))
}

/// Members with ids in `lo..=hi`, by id.
pub async fn members(tx: &mut Tx, lo: i64, hi: i64) -> Result<Vec<StatsMember>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(MEMBERS).bind(lo).bind(hi).fetch_all(c).await)?)
}

/// Membership periods of the members with ids in `lo..=hi`, by member then start.
pub async fn periods(tx: &mut Tx, lo: i64, hi: i64) -> Result<Vec<StatsPeriod>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(PERIODS).bind(lo).bind(hi).fetch_all(c).await)?)
}

/// The history entries of the members with ids in `lo..=hi`, by member then recording order.
pub async fn events(
    tx: &mut Tx,
    lo: i64,
    hi: i64,
) -> Result<Vec<(MemberId, HistoryEntry)>, StorageError> {
    let rows: Vec<EventLite> =
        on!(tx, c => sqlx::query_as(EVENTS).bind(lo).bind(hi).fetch_all(c).await)?;
    rows.into_iter()
        .map(|r| {
            let body = if r.kind == VOID_KIND {
                let target = r.voids_event_id.ok_or_else(|| {
                    StorageError::corrupt(format!("void event {} names no target", r.id))
                })?;
                EntryBody::Void {
                    target: EventId(target),
                }
            } else {
                EntryBody::Life(LifeEvent {
                    kind: EventKind::parse(&r.kind)
                        .map_err(|_| StorageError::corrupt(format!("event kind {}", r.kind)))?,
                    on: r.effective_on,
                    unit: r.unit_id.map(UnitId),
                })
            };
            let entry = HistoryEntry {
                id: EventId(r.id),
                seq: r.seq,
                recorded_at: r.recorded_at,
                body,
            };
            Ok((MemberId(r.member_id), entry))
        })
        .collect()
}

/// Path spans of the units with ids in `lo..=hi`, by unit then start.
pub async fn spans(tx: &mut Tx, lo: i64, hi: i64) -> Result<Vec<StatsSpan>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(SPANS).bind(lo).bind(hi).fetch_all(c).await)?)
}

/// Units that are party groups (never a headcount unit: counted within their cell).
pub async fn party_groups(tx: &mut Tx) -> Result<Vec<UnitId>, StorageError> {
    let ids: Vec<i64> = on!(tx, c => sqlx::query_scalar(PARTY_GROUPS).fetch_all(c).await)?;
    Ok(ids.into_iter().map(UnitId).collect())
}
