//! What the in-memory statistics index reads: bulk reads of members, membership periods,
//! events and unit path spans in windows of ids (so memory stays low), and the change log that
//! keeps every instance's index fresh. Writers call [`record_change`] in the transaction of
//! every write that changes statistics.

use chibo_domain::ids::{EventId, MemberId, UnitId};
use chibo_domain::member::{EntryBody, EventKind, HistoryEntry, LifeEvent};
use chrono::{DateTime, NaiveDate, Utc};

use crate::db::{StorageError, Tx, on};
use crate::events::VOID_KIND;
use chibo_domain::dates::parse_iso_date;

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

/// One member as the statistics index reads it: particulars, membership periods (by start)
/// and history (in recording order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsRecord {
    pub member: StatsMember,
    pub periods: Vec<StatsPeriod>,
    pub history: Vec<HistoryEntry>,
}

/// Field and record separators of the packed read: control characters, which no stored text
/// holds (`domain::text::clean_text` turns them into spaces on the way in).
const FIELD: char = '\x1f';
const RECORD: char = '\x1e';

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
const COUNT_PERIODS: &str = "SELECT COUNT(*) FROM membership_period";
const COUNT_EVENTS: &str = "SELECT COUNT(*) FROM member_event";

/// The members of a window of ids with their periods and events, packed into one text: the
/// statistics index reads the whole registry, and sqlx hands SQLite rows from its worker
/// thread to the reader one at a time, so a national load spent most of its time waking
/// threads (5.6 million members, 21 million periods, 23 million events) rather than reading.
/// Members are separated by `$4`, their fields by `$3`; a present text is prefixed with '='
/// so that NULL and '' stay apart; periods and events are `;`-separated lists of
/// `,`-separated numbers, dates and fixed words. Nothing is ordered in SQL (an ordered
/// aggregate sorts every group in a temporary b-tree): members, periods and events are put in
/// order here. One query for both engines but for how an instant becomes text: SQLite keeps
/// the RFC 3339 text it was given, PostgreSQL formats it here in UTC whatever the session's
/// time zone.
macro_rules! records_sql {
    ($recorded_at:literal) => {
        concat!(
            "SELECT string_agg(CAST(m.id AS TEXT) || $3 || m.sex || $3 || CAST(m.birth_date AS TEXT)
    || $3 || COALESCE('=' || m.ethnicity, '') || $3 || COALESCE('=' || m.religion, '')
    || $3 || COALESCE('=' || m.education, '') || $3 || COALESCE('=' || m.professional_level, '')
    || $3 || COALESCE('=' || m.political_theory, '')
    || $3 || COALESCE((SELECT string_agg(CAST(p.valid_from AS TEXT)
        || ',' || COALESCE(CAST(p.valid_to AS TEXT), '')
        || ',' || p.standing || ',' || CAST(p.cell_id AS TEXT)
        || ',' || CASE WHEN p.in_transit THEN '1' ELSE '0' END
        || ',' || CASE WHEN p.exempted THEN '1' ELSE '0' END
        || ',' || CASE WHEN p.working_away THEN '1' ELSE '0' END
        || ',' || CAST(p.admitted_on AS TEXT), ';')
        FROM membership_period p WHERE p.member_id = m.id), '')
    || $3 || COALESCE((SELECT string_agg(CAST(e.id AS TEXT) || ',' || CAST(e.seq AS TEXT)
        || ',' || e.kind || ',' || CAST(e.effective_on AS TEXT)
        || ',' || COALESCE(CAST(e.unit_id AS TEXT), '')
        || ',' || COALESCE(CAST(e.voids_event_id AS TEXT), '') || ',' || ",
            $recorded_at,
            ", ';')
        FROM member_event e WHERE e.member_id = m.id), ''), $4)
    FROM member m WHERE m.id >= $1 AND m.id <= $2"
        )
    };
}
const RECORDS_SQLITE: &str = records_sql!("e.recorded_at");
const RECORDS_POSTGRES: &str =
    records_sql!("to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')");
const SPANS: &str = "SELECT unit_id, valid_from, valid_to, path FROM unit_path
    WHERE unit_id >= $1 AND unit_id <= $2 ORDER BY unit_id, valid_from";
const PARTY_GROUPS: &str = "SELECT DISTINCT unit_id FROM unit_version WHERE kind = 'party_group'";

/// The highest member id and unit id, so readers can walk the registry in windows of ids.
pub async fn max_ids(tx: &mut Tx) -> Result<(i64, i64), StorageError> {
    let m: i64 = on!(tx, c => sqlx::query_scalar(MAX_MEMBER).fetch_one(c).await)?;
    let u: i64 = on!(tx, c => sqlx::query_scalar(MAX_UNIT).fetch_one(c).await)?;
    Ok((m, u))
}

/// How many membership periods and events are stored, so a reader of everything can size its
/// buffers once (a growing buffer holds up to twice what it needs at the national size).
pub async fn row_counts(tx: &mut Tx) -> Result<(usize, usize), StorageError> {
    let p: i64 = on!(tx, c => sqlx::query_scalar(COUNT_PERIODS).fetch_one(c).await)?;
    let e: i64 = on!(tx, c => sqlx::query_scalar(COUNT_EVENTS).fetch_one(c).await)?;
    Ok((p.max(0) as usize, e.max(0) as usize))
}

/// Members with ids in `lo..=hi`, by id, each with their periods and history.
pub async fn records(tx: &mut Tx, lo: i64, hi: i64) -> Result<Vec<StatsRecord>, StorageError> {
    let (field, record) = (FIELD.to_string(), RECORD.to_string());
    let sql = match tx {
        Tx::Sqlite(_) => RECORDS_SQLITE,
        Tx::Postgres(_) => RECORDS_POSTGRES,
    };
    let packed: Option<String> = on!(tx, c => sqlx::query_scalar(sql)
        .bind(lo).bind(hi).bind(&field).bind(&record)
        .fetch_one(c).await)?;
    let mut records = packed
        .as_deref()
        .unwrap_or_default()
        .split(RECORD)
        .filter(|r| !r.is_empty())
        .map(unpack)
        .collect::<Result<Vec<_>, _>>()?;
    records.sort_unstable_by_key(|r| r.member.id);
    Ok(records)
}

fn unpack(packed: &str) -> Result<StatsRecord, StorageError> {
    let corrupt =
        |what: &str, text: &str| StorageError::corrupt(format!("statistics read: {what} '{text}'"));
    let fields: Vec<&str> = packed.split(FIELD).collect();
    let [
        id,
        sex,
        birth,
        ethnicity,
        religion,
        education,
        professional,
        political,
        periods,
        events,
    ] = fields[..]
    else {
        return Err(corrupt("member", packed));
    };
    let date = |t: &str| parse_iso_date(t).ok_or_else(|| corrupt("date", t));
    let int = |t: &str| t.parse::<i64>().map_err(|_| corrupt("number", t));
    let optional_int = |t: &str| (!t.is_empty()).then(|| int(t)).transpose();
    let text = |t: &str| t.strip_prefix('=').map(str::to_owned);
    let member_id = int(id)?;

    let mut stored_periods = Vec::new();
    for f in entries(periods) {
        let [from, to, standing, cell, transit, exempted, away, admitted] = f[..] else {
            return Err(corrupt("period", &f.join(",")));
        };
        stored_periods.push(StatsPeriod {
            member_id,
            valid_from: date(from)?,
            valid_to: (!to.is_empty()).then(|| date(to)).transpose()?,
            standing: standing.to_owned(),
            cell_id: int(cell)?,
            in_transit: transit == "1",
            exempted: exempted == "1",
            working_away: away == "1",
            admitted_on: date(admitted)?,
        });
    }

    let mut history = Vec::new();
    for f in entries(events) {
        let [id, seq, kind, on, unit, voids, recorded] = f[..] else {
            return Err(corrupt("event", &f.join(",")));
        };
        let body = if kind == VOID_KIND {
            let target = optional_int(voids)?.ok_or_else(|| corrupt("void event", id))?;
            EntryBody::Void {
                target: EventId(target),
            }
        } else {
            EntryBody::Life(LifeEvent {
                kind: EventKind::parse(kind).map_err(|_| corrupt("event kind", kind))?,
                on: date(on)?,
                unit: optional_int(unit)?.map(UnitId),
            })
        };
        history.push(HistoryEntry {
            id: EventId(int(id)?),
            seq: int(seq)?,
            recorded_at: instant(recorded).ok_or_else(|| corrupt("instant", recorded))?,
            body,
        });
    }

    stored_periods.sort_unstable_by_key(|p| p.valid_from);
    history.sort_unstable_by_key(|e| e.seq);
    Ok(StatsRecord {
        member: StatsMember {
            id: member_id,
            sex: sex.to_owned(),
            birth_date: date(birth)?,
            ethnicity: text(ethnicity),
            religion: text(religion),
            education: text(education),
            professional_level: text(professional),
            political_theory: text(political),
        },
        periods: stored_periods,
        history,
    })
}

/// The `;`-separated entries of a packed list, each split into its `,`-separated fields.
fn entries(packed: &str) -> impl Iterator<Item = Vec<&str>> {
    packed
        .split(';')
        .filter(|e| !e.is_empty())
        .map(|e| e.split(',').collect())
}

/// An instant as either engine gave it as text: RFC 3339 (SQLite) or UTC without an offset.
fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").map(|t| t.and_utc())
        })
        .ok()
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
