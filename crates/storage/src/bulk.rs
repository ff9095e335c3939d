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

/// The cells of a member row: id, key, profile and projected state.
pub fn member_row<'a>(
    id: i64,
    key: &'a str,
    p: &'a MemberProfile,
    s: &'a StateColumns,
    at: DateTime<Utc>,
) -> Vec<Value<'a>> {
    let name = p.full_name.as_str();
    vec![
        Value::Int(id),
        Value::Text(key),
        Value::Text(name),
        Value::Owned(search_key(name)),
        Value::Bytes(name_sort_key(name)),
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
pub struct EventCells<'a> {
    pub id: i64,
    pub member_id: i64,
    pub seq: i64,
    pub kind: &'static str,
    pub effective_on: NaiveDate,
    pub unit_id: Option<i64>,
    pub decision_ref: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

pub fn event_row<'a>(e: &EventCells<'a>) -> Vec<Value<'a>> {
    vec![
        Value::Int(e.id),
        Value::Int(e.member_id),
        Value::Int(e.seq),
        Value::Text(e.kind),
        Value::Date(e.effective_on),
        e.unit_id.into(),
        Value::Null,
        e.decision_ref.into(),
        e.reason.into(),
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
            for chunk in rows.chunks(per_statement) {
                let mut q = QueryBuilder::<Sqlite>::new(head.clone());
                q.push_values(chunk, |mut b, row| {
                    for v in row {
                        match v {
                            Value::Null => b.push_bind(None::<i64>),
                            Value::Int(i) => b.push_bind(*i),
                            Value::Text(s) => b.push_bind(*s),
                            Value::Owned(s) => b.push_bind(s.as_str()),
                            Value::Date(d) => b.push_bind(*d),
                            Value::Bool(x) => b.push_bind(*x),
                            Value::Time(at) => b.push_bind(*at),
                            Value::Bytes(bytes) => b.push_bind(bytes.as_slice()),
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
            for row in rows {
                write_csv_row(&mut buf, row);
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
fn write_csv_row(buf: &mut Vec<u8>, row: &[Value<'_>]) {
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
            Value::Date(d) => {
                let _ = write!(buf, "{}", d.format("%Y-%m-%d"));
            }
            Value::Bool(x) => buf.push(if *x { b't' } else { b'f' }),
            Value::Time(at) => {
                let _ = write!(
                    buf,
                    "{}",
                    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                );
            }
            Value::Bytes(bytes) => {
                buf.extend_from_slice(b"\\x");
                for b in bytes {
                    let _ = write!(buf, "{b:02x}");
                }
            }
        }
    }
    buf.push(b'\n');
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
            ],
        );
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "7,,\"a \"\"b\"\", c\",t,\\x01ff\n"
        );
    }
}
