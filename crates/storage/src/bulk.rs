//! Bulk loading for imports: many rows per statement on SQLite (far below its 32,766 bound
//! parameters), `COPY … FROM STDIN` on PostgreSQL. Identifiers are assigned by the importer
//! (from `next_ids`) so no row needs a round trip for its id.

use chibo_domain::member::StatePeriod;
use chibo_domain::org::{PathSpan, UnitVersion};
use chibo_domain::person::MemberProfile;
use chibo_domain::text::{name_sort_key, search_key, text_sort_key};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AssertSqlSafe, QueryBuilder, Sqlite};

use crate::db::{StorageError, Tx, on};
use crate::members::StateColumns;

/// One cell of a bulk row.
#[derive(Debug, Clone)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Owned(String),
    Date(NaiveDate),
    Bool(bool),
    Time(DateTime<Utc>),
    Bytes(Vec<u8>),
    Blob(&'a [u8]),
}

impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Value::Null, Value::Text)
    }
}

impl From<Option<i64>> for Value<'_> {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Value::Null, Value::Int)
    }
}

impl From<Option<NaiveDate>> for Value<'_> {
    fn from(v: Option<NaiveDate>) -> Self {
        v.map_or(Value::Null, Value::Date)
    }
}

/// A table and its columns, as the bulk statements name them (static, never user input).
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

pub const UNIT: Table = Table {
    name: "unit",
    columns: &["id", "code", "created_at"],
};
pub const UNIT_VERSION: Table = Table {
    name: "unit_version",
    columns: &[
        "unit_id",
        "valid_from",
        "valid_to",
        "parent_id",
        "name",
        "search_key",
        "sort_key",
        "kind",
        "admin_unit_code",
        "recorded_at",
    ],
};
pub const UNIT_PATH: Table = Table {
    name: "unit_path",
    columns: &["unit_id", "valid_from", "valid_to", "path", "depth"],
};
pub const MEMBER: Table = Table {
    name: "member",
    columns: &[
        "id",
        "member_key",
        "full_name",
        "search_key",
        "sort_key",
        "sex",
        "birth_date",
        "citizen_id",
        "card_number",
        "ethnicity",
        "religion",
        "education",
        "professional_level",
        "political_theory",
        "occupation",
        "residence_admin_code",
        "residential_area_id",
        "hometown",
        "current_address",
        "phone",
        "email",
        "biography_number",
        "status",
        "cell_id",
        "in_transit",
        "transit_since",
        "transit_to_id",
        "temp_host_id",
        "exempted",
        "working_away",
        "admitted_on",
        "recognized_on",
        "left_on",
        "created_at",
        "updated_at",
    ],
};
pub const MEMBER_EVENT: Table = Table {
    name: "member_event",
    columns: &[
        "id",
        "member_id",
        "seq",
        "kind",
        "effective_on",
        "unit_id",
        "voids_event_id",
        "decision_ref",
        "reason",
        "recorded_at",
        "recorded_by",
    ],
};
pub const MEMBERSHIP_PERIOD: Table = Table {
    name: "membership_period",
    columns: &[
        "member_id",
        "valid_from",
        "valid_to",
        "standing",
        "cell_id",
        "in_transit",
        "transit_to_id",
        "temp_host_id",
        "exempted",
        "working_away",
        "admitted_on",
    ],
};

/// The cells of a unit row.
pub fn unit_row(id: i64, code: &str, at: DateTime<Utc>) -> Vec<Value<'_>> {
    vec![Value::Int(id), Value::Text(code), Value::Time(at)]
}

pub fn version_row(v: &UnitVersion, at: DateTime<Utc>) -> Vec<Value<'_>> {
    let name = v.name.as_str();
    vec![
        Value::Int(v.unit.0),
        Value::Date(v.valid_from),
        v.valid_to.into(),
        v.parent.map(|p| p.0).into(),
        Value::Text(name),
        Value::Owned(search_key(name)),
        Value::Bytes(text_sort_key(name)),
        Value::Text(v.kind.code()),
        v.admin_unit_code.as_deref().into(),
        Value::Time(at),
    ]
}

pub fn span_row(s: &PathSpan) -> Vec<Value<'_>> {
    let depth = i64::try_from(s.path.depth()).unwrap_or(i64::MAX);
    vec![
        Value::Int(s.unit.0),
        Value::Date(s.valid_from),
        s.valid_to.into(),
        Value::Text(s.path.as_str()),
        Value::Int(depth),
    ]
}

/// The search and sort keys of a person's name. The sort key (ICU collation) is the
/// costliest cell of a member row; an importer computes it where it prepares the rows.
#[derive(Debug, Clone)]
pub struct NameKeys {
    pub search: String,
    pub sort: Vec<u8>,
}

impl NameKeys {
    pub fn of_person(full_name: &str) -> Self {
        Self {
            search: search_key(full_name),
            sort: name_sort_key(full_name),
        }
    }
}

/// The cells of a member row: id, key, profile and projected state.
pub fn member_row<'a>(
    id: i64,
    key: &'a str,
    p: &'a MemberProfile,
    s: &'a StateColumns,
    names: &'a NameKeys,
    at: DateTime<Utc>,
) -> Vec<Value<'a>> {
    let name = p.full_name.as_str();
    vec![
        Value::Int(id),
        Value::Text(key),
        Value::Text(name),
        Value::Text(&names.search),
        Value::Blob(&names.sort),
        Value::Text(p.sex.code()),
        Value::Date(p.birth_date),
        p.citizen_id.as_ref().map(|v| v.as_str()).into(),
        p.card_number.as_ref().map(|v| v.as_str()).into(),
        p.ethnicity.as_deref().into(),
        p.religion.as_deref().into(),
        p.education.as_deref().into(),
        p.professional_level.map(|l| l.code()).into(),
        p.political_theory.map(|l| l.code()).into(),
        p.occupation.as_deref().into(),
        p.residence_admin_code.as_deref().into(),
        Value::Null,
        p.hometown.as_deref().into(),
        p.current_address.as_deref().into(),
        p.phone.as_ref().map(|v| v.as_str()).into(),
        p.email.as_ref().map(|v| v.as_str()).into(),
        p.biography_number.as_deref().into(),
        Value::Text(&s.status),
        Value::Int(s.cell_id),
        Value::Bool(s.in_transit),
        s.transit_since.into(),
        s.transit_to_id.into(),
        s.temp_host_id.into(),
        Value::Bool(s.exempted),
        Value::Bool(s.working_away),
        Value::Date(s.admitted_on),
        s.recognized_on.into(),
        s.left_on.into(),
        Value::Time(at),
        Value::Time(at),
    ]
}

/// An imported life-cycle event.
#[derive(Debug, Clone)]
pub struct EventCells {
    pub id: i64,
    pub member_id: i64,
    pub seq: i64,
    pub kind: &'static str,
    pub effective_on: NaiveDate,
    pub unit_id: Option<i64>,
    pub decision_ref: Option<String>,
    pub reason: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

pub fn event_row(e: EventCells) -> Vec<Value<'static>> {
    vec![
        Value::Int(e.id),
        Value::Int(e.member_id),
        Value::Int(e.seq),
        Value::Text(e.kind),
        Value::Date(e.effective_on),
        e.unit_id.into(),
        Value::Null,
        e.decision_ref.map_or(Value::Null, Value::Owned),
        e.reason.map_or(Value::Null, Value::Owned),
        Value::Time(e.recorded_at),
        e.recorded_by.into(),
    ]
}

pub fn period_row(member_id: i64, p: &StatePeriod) -> Vec<Value<'static>> {
    vec![
        Value::Int(member_id),
        Value::Date(p.valid_from),
        p.valid_to.into(),
        Value::Text(p.standing.code()),
        Value::Int(p.cell.0),
        Value::Bool(p.in_transit),
        p.transit_to.map(|u| u.0).into(),
        p.temp_host.map(|u| u.0).into(),
        Value::Bool(p.exempted),
        Value::Bool(p.working_away),
        Value::Date(p.admitted_on),
    ]
}

/// Keeps other writers out while ids are assigned and rows loaded. SQLite's write
/// transaction (`BEGIN IMMEDIATE`) already does; PostgreSQL locks the three tables.
pub async fn lock(tx: &mut Tx) -> Result<(), StorageError> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("LOCK TABLE unit, member, member_event IN EXCLUSIVE MODE")
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

const NEXT_IDS: &str = "SELECT (SELECT COALESCE(MAX(id), 0) FROM unit) + 1,
    (SELECT COALESCE(MAX(id), 0) FROM member) + 1, (SELECT COALESCE(MAX(id), 0) FROM member_event) + 1";

/// The next free ids of units, members and events (call after `lock`).
pub async fn next_ids(tx: &mut Tx) -> Result<(i64, i64, i64), StorageError> {
    Ok(on!(tx, c => sqlx::query_as(NEXT_IDS).fetch_one(c).await)?)
}

/// Moves PostgreSQL's identity sequences past the ids the import assigned.
pub async fn resync_identities(tx: &mut Tx) -> Result<(), StorageError> {
    if let Tx::Postgres(t) = tx {
        for table in ["unit", "member", "member_event"] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))"
            );
            sqlx::query(AssertSqlSafe(sql)).execute(&mut **t).await?;
        }
    }
    Ok(())
}

/// What a bulk load set aside, to be put back once the rows are in.
#[derive(Debug, Default)]
pub struct Deferred {
    /// (name, the statement that creates it), as the engine's catalogue gives them.
    indexes: Vec<(String, String)>,
    /// (table, name, definition) of PostgreSQL foreign keys.
    foreign_keys: Vec<(&'static str, String, String)>,
}

const SQLITE_INDEXES: &str = "SELECT name, sql FROM sqlite_master
    WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL ORDER BY name";
/// Plain indexes only: those behind a primary key or a unique constraint stay.
const POSTGRES_INDEXES: &str = "SELECT c.relname::text, pg_get_indexdef(x.indexrelid)
    FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
    WHERE x.indrelid = to_regclass($1) AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
    ORDER BY 1";
const POSTGRES_FOREIGN_KEYS: &str = "SELECT conname::text, pg_get_constraintdef(oid)
    FROM pg_constraint WHERE contype = 'f' AND conrelid = to_regclass($1) ORDER BY 1";

/// A name from the engine's catalogue (never from input) as an SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Sets aside the upkeep of `tables` for a bulk load: their plain secondary indexes (those of
/// unique keys and primary keys stay, so duplicates are still refused row by row) and, on
/// PostgreSQL, their foreign keys. Building an index once over the loaded rows sorts them in
/// one pass, and adding a foreign key checks every row in one join; doing either row by row
/// is most of a national load's time. All inside the transaction, so a failed load gets them
/// back with the rollback. On PostgreSQL the tables are then held exclusively (reads wait)
/// until the commit.
pub async fn defer(tx: &mut Tx, tables: &[&'static str]) -> Result<Deferred, StorageError> {
    let mut deferred = Deferred::default();
    for &table in tables {
        let found: Vec<(String, String)> = match tx {
            Tx::Sqlite(t) => {
                sqlx::query_as(SQLITE_INDEXES)
                    .bind(table)
                    .fetch_all(&mut **t)
                    .await?
            }
            Tx::Postgres(t) => {
                sqlx::query_as(POSTGRES_INDEXES)
                    .bind(table)
                    .fetch_all(&mut **t)
                    .await?
            }
        };
        for (name, _) in &found {
            let sql = format!("DROP INDEX {}", ident(name));
            on!(tx, c => sqlx::query(AssertSqlSafe(sql)).execute(c).await.map(drop))?;
        }
        deferred.indexes.extend(found);
        if let Tx::Postgres(t) = tx {
            let keys: Vec<(String, String)> = sqlx::query_as(POSTGRES_FOREIGN_KEYS)
                .bind(table)
                .fetch_all(&mut **t)
                .await?;
            for (name, definition) in keys {
                let sql = format!("ALTER TABLE {table} DROP CONSTRAINT {}", ident(&name));
                sqlx::query(AssertSqlSafe(sql)).execute(&mut **t).await?;
                deferred.foreign_keys.push((table, name, definition));
            }
        }
    }
    Ok(deferred)
}

/// Puts back what `defer` set aside: the indexes are built and the foreign keys checked
/// against every row.
pub async fn restore(tx: &mut Tx, deferred: Deferred) -> Result<(), StorageError> {
    for (_, create) in deferred.indexes {
        on!(tx, c => sqlx::query(AssertSqlSafe(create)).execute(c).await.map(drop))?;
    }
    for (table, name, definition) in deferred.foreign_keys {
        let sql = format!(
            "ALTER TABLE {table} ADD CONSTRAINT {} {definition}",
            ident(&name)
        );
        on!(tx, c => sqlx::query(AssertSqlSafe(sql)).execute(c).await.map(drop))?;
    }
    Ok(())
}

/// Lets SQLite keep `mib` MiB of pages of this connection in memory (its default is 2 MiB):
/// the unique-key indexes of a national load are updated in random order and would
/// otherwise spill a page to the log for nearly every row. A no-op on PostgreSQL, whose
/// buffers are the server's.
pub async fn page_cache(tx: &mut Tx, mib: i64) -> Result<(), StorageError> {
    if let Tx::Sqlite(t) = tx {
        let sql = format!("PRAGMA cache_size = {}", -1024 * mib);
        sqlx::query(AssertSqlSafe(sql)).execute(&mut **t).await?;
    }
    Ok(())
}

/// Inserts rows into `table`. Every row has one cell per column.
pub async fn insert(
    tx: &mut Tx,
    table: &Table,
    rows: &[Vec<Value<'_>>],
) -> Result<(), StorageError> {
    if rows.is_empty() {
        return Ok(());
    }
    match tx {
        Tx::Sqlite(t) => {
            let per_statement = (30_000 / table.columns.len()).max(1);
            let head = format!("INSERT INTO {} ({}) ", table.name, table.columns.join(", "));
            // Dates and instants are bound as the text sqlx would store for them, rendered
            // without chrono's format parser (and an instant once: rows share it).
            let mut stamp: Option<(DateTime<Utc>, String)> = None;
            for chunk in rows.chunks(per_statement) {
                let mut q = QueryBuilder::<Sqlite>::new(head.clone());
                q.push_values(chunk, |mut b, row| {
                    for v in row {
                        match v {
                            Value::Null => b.push_bind(None::<i64>),
                            Value::Int(i) => b.push_bind(*i),
                            Value::Text(s) => b.push_bind(*s),
                            Value::Owned(s) => b.push_bind(s.as_str()),
                            Value::Date(d) => b.push_bind(iso_date(*d)),
                            Value::Bool(x) => b.push_bind(*x),
                            Value::Time(at) => {
                                let text = match &stamp {
                                    Some((t, text)) if t == at => text.clone(),
                                    _ => {
                                        let text = sqlite_instant(*at);
                                        stamp = Some((*at, text.clone()));
                                        text
                                    }
                                };
                                b.push_bind(text)
                            }
                            Value::Bytes(bytes) => b.push_bind(bytes.as_slice()),
                            Value::Blob(bytes) => b.push_bind(*bytes),
                        };
                    }
                });
                q.build()
                    .execute(&mut **t)
                    .await
                    .map_err(crate::db::unique)?;
            }
        }
        Tx::Postgres(t) => {
            let sql = format!(
                "COPY {} ({}) FROM STDIN WITH (FORMAT csv)",
                table.name,
                table.columns.join(", ")
            );
            let mut copy = t.copy_in_raw(&sql).await?;
            let mut buf = Vec::with_capacity(1 << 20);
            let mut stamp = None;
            for row in rows {
                write_csv_row(&mut buf, row, &mut stamp);
                if buf.len() >= 1 << 20 {
                    copy.send(std::mem::take(&mut buf)).await?;
                }
            }
            if !buf.is_empty() {
                copy.send(buf).await?;
            }
            copy.finish().await.map_err(crate::db::unique)?;
        }
    }
    Ok(())
}

/// One line of PostgreSQL's CSV COPY format: an unquoted empty field is NULL, so every text
/// value is quoted (doubling inner quotes) and NULL is left empty.
/// `stamp` keeps the last instant rendered: the rows of a load share one.
fn write_csv_row(
    buf: &mut Vec<u8>,
    row: &[Value<'_>],
    stamp: &mut Option<(DateTime<Utc>, String)>,
) {
    use std::io::Write;
    for (i, v) in row.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        let quoted = |buf: &mut Vec<u8>, s: &str| {
            buf.push(b'"');
            for b in s.bytes() {
                if b == b'"' {
                    buf.push(b'"');
                }
                buf.push(b);
            }
            buf.push(b'"');
        };
        match v {
            Value::Null => {}
            Value::Int(n) => {
                let _ = write!(buf, "{n}");
            }
            Value::Text(s) => quoted(buf, s),
            Value::Owned(s) => quoted(buf, s),
            Value::Date(d) => buf.extend_from_slice(iso_date(*d).as_bytes()),
            Value::Bool(x) => buf.push(if *x { b't' } else { b'f' }),
            Value::Time(at) => {
                if stamp.as_ref().is_none_or(|(t, _)| t != at) {
                    let text = at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
                    *stamp = Some((*at, text));
                }
                if let Some((_, text)) = stamp {
                    buf.extend_from_slice(text.as_bytes());
                }
            }
            Value::Bytes(bytes) => hex(buf, bytes),
            Value::Blob(bytes) => hex(buf, bytes),
        }
    }
    buf.push(b'\n');
}

/// A bytea cell in PostgreSQL's hex form.
fn hex(buf: &mut Vec<u8>, bytes: &[u8]) {
    use std::io::Write;
    buf.extend_from_slice(b"\\x");
    for b in bytes {
        let _ = write!(buf, "{b:02x}");
    }
}

/// `yyyy-mm-dd`, as sqlx stores a `NaiveDate` in SQLite and PostgreSQL reads a date.
fn iso_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let y = y as u32;
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ]
    .into_iter()
    .collect()
}

/// An instant as sqlx stores a `DateTime<Utc>` in SQLite.
fn sqlite_instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_rows_quote_text_and_leave_null_empty() {
        let mut buf = Vec::new();
        write_csv_row(
            &mut buf,
            &[
                Value::Int(7),
                Value::Null,
                Value::Text("a \"b\", c"),
                Value::Bool(true),
                Value::Bytes(vec![1, 255]),
                Value::Blob(&[16]),
            ],
            &mut None,
        );
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "7,,\"a \"\"b\"\", c\",t,\\x01ff,\\x10\n"
        );
    }

    #[test]
    fn dates_and_instants_render_as_sqlx_stores_them() {
        use chrono::TimeZone;
        for (y, m, d) in [(1930, 1, 1), (2025, 12, 31), (999, 7, 4), (2024, 2, 29)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(day), day.format("%F").to_string());
        }
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 13, 4, 5).unwrap();
        let mut buf = Vec::new();
        let mut stamp = None;
        write_csv_row(&mut buf, &[Value::Time(at), Value::Time(at)], &mut stamp);
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "2026-11-24T13:04:05.000000Z,2026-11-24T13:04:05.000000Z\n"
        );
    }
}
