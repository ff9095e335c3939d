//! Reading the registry out in interchange order: units by code and date, members by key,
//! each member's events by date and order of recording.

use chrono::NaiveDate;

use crate::db::{StorageError, Tx, on};

/// A unit version with the code of its parent.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnitOut {
    pub id: i64,
    pub code: String,
    pub parent_id: Option<i64>,
    pub parent_code: Option<String>,
    pub name: String,
    pub kind: String,
    pub admin_unit_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberOut {
    pub id: i64,
    pub member_key: String,
    pub full_name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub citizen_id: Option<String>,
    pub card_number: Option<String>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<String>,
    pub professional_level: Option<String>,
    pub political_theory: Option<String>,
    pub occupation: Option<String>,
    pub residence_admin_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventOut {
    pub id: i64,
    pub member_id: i64,
    pub kind: String,
    pub effective_on: NaiveDate,
    pub unit_id: Option<i64>,
    pub unit_code: Option<String>,
    pub voids_event_id: Option<i64>,
    pub decision_ref: Option<String>,
    pub reason: Option<String>,
}

const UNITS: &str =
    "SELECT u.id, u.code, v.parent_id, p.code AS parent_code, v.name, v.kind, v.admin_unit_code,
    v.valid_from, v.valid_to
    FROM unit_version v JOIN unit u ON u.id = v.unit_id LEFT JOIN unit p ON p.id = v.parent_id
    ORDER BY u.code, v.valid_from";

// Members whose record's cell lies (today, or last) in [$2, $3), or all when $1; by key,
// after $5, at most $6.
const MEMBERS: &str = "SELECT m.id, m.member_key, m.full_name, m.sex, m.birth_date, m.citizen_id, m.card_number,
    m.ethnicity, m.religion, m.education, m.professional_level, m.political_theory, m.occupation,
    m.residence_admin_code, m.phone, m.email
    FROM member m
    WHERE ($1 OR EXISTS (SELECT 1 FROM unit_path p WHERE p.unit_id = m.cell_id AND p.path >= $2 AND p.path < $3
        AND p.valid_from = (SELECT MAX(x.valid_from) FROM unit_path x WHERE x.unit_id = m.cell_id AND x.valid_from <= $4)))
      AND m.member_key > $5
    ORDER BY m.member_key LIMIT $6";

// Events of members whose key lies in [$1, $2].
const EVENTS: &str =
    "SELECT e.id, e.member_id, e.kind, e.effective_on, e.unit_id, u.code AS unit_code,
    e.voids_event_id, e.decision_ref, e.reason
    FROM member_event e JOIN member m ON m.id = e.member_id LEFT JOIN unit u ON u.id = e.unit_id
    WHERE m.member_key >= $1 AND m.member_key <= $2
    ORDER BY m.member_key, e.effective_on, e.seq";

pub async fn units(tx: &mut Tx) -> Result<Vec<UnitOut>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(UNITS).fetch_all(c).await)?)
}

/// A page of members in key order; `range` `None` for every member.
pub async fn members(
    tx: &mut Tx,
    range: Option<&(String, String)>,
    today: NaiveDate,
    after_key: &str,
    limit: i64,
) -> Result<Vec<MemberOut>, StorageError> {
    let all = range.is_none();
    let (lo, hi) = range.cloned().unwrap_or_default();
    Ok(on!(tx, c => sqlx::query_as(MEMBERS)
        .bind(all).bind(&lo).bind(&hi).bind(today).bind(after_key).bind(limit)
        .fetch_all(c).await)?)
}

/// The events of members with keys from `first` to `last`, in the order they take effect.
pub async fn events(tx: &mut Tx, first: &str, last: &str) -> Result<Vec<EventOut>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(EVENTS).bind(first).bind(last).fetch_all(c).await)?)
}
