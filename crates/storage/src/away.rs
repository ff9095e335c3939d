//! Members working away (`away_period`), their temporary exemptions
//! (`away_temporary_exemption`) and the contact log (`away_contact`). Exemptions and contacts
//! are appended; a period's details are rewritten, each change audited by the caller.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, fetch_for_ids, on};

/// A period away as stored, with the member's key, name and cell code for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PeriodRow {
    pub id: i64,
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub unit_code: String,
    pub since: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub place: String,
    pub employer: Option<String>,
    pub contact: Option<String>,
    pub contact_person_id: Option<i64>,
    pub contact_person_key: Option<String>,
    pub contact_person_name: Option<String>,
    pub remote_group_unit_id: Option<i64>,
    pub remote_group_code: Option<String>,
    pub remote_group: Option<String>,
    pub messaging_group: Option<String>,
    pub works_in_agency: bool,
    pub barracks_based: bool,
    pub full_time_study_months: Option<i64>,
    pub student_away: bool,
    pub start_event_id: i64,
    pub end_event_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The details of a period a declaration sets and an update rewrites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    pub place: String,
    pub employer: Option<String>,
    pub contact: Option<String>,
    pub contact_person_id: Option<i64>,
    pub remote_group_unit_id: Option<i64>,
    pub remote_group: Option<String>,
    pub messaging_group: Option<String>,
    pub works_in_agency: bool,
    pub barracks_based: bool,
    pub full_time_study_months: Option<i64>,
    pub student_away: bool,
}

/// A stored temporary exemption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ExemptionRow {
    pub id: i64,
    pub period_id: i64,
    pub decided_on: NaiveDate,
    pub from_on: NaiveDate,
    pub until_on: NaiveDate,
    pub resolution_ref: String,
    pub recorded_at: DateTime<Utc>,
}

/// A stored contact, with the name of the committee member who made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ContactRow {
    pub id: i64,
    pub period_id: i64,
    pub contacted_on: NaiveDate,
    pub channel: String,
    pub by_member_id: i64,
    pub by_name: String,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

// The registry decides: a period whose `working_away_start` event was voided is gone, and it
// ends on the first `working_away_end` in force on or after its start, however that event was
// recorded (this record's form or the registry's event form).
macro_rules! periods {
    () => {
        "SELECT a.id, a.member_id, m.member_key, m.full_name, u.code AS unit_code, a.since, \
         a.derived_end AS ended_on, a.place, a.employer, a.contact, a.contact_person_id, \
         cp.member_key AS contact_person_key, cp.full_name AS contact_person_name, \
         a.remote_group_unit_id, g.code AS remote_group_code, a.remote_group, \
         a.messaging_group, a.works_in_agency, a.barracks_based, a.full_time_study_months, \
         a.student_away, a.start_event_id, a.end_event_id, a.created_at, a.updated_at \
         FROM (SELECT p.*, (SELECT MIN(e.effective_on) FROM member_event e \
                 WHERE e.member_id = p.member_id AND e.kind = 'working_away_end' \
                   AND e.effective_on >= p.since \
                   AND NOT EXISTS (SELECT 1 FROM member_event v WHERE v.voids_event_id = e.id)) \
                 AS derived_end \
               FROM away_period p \
               WHERE NOT EXISTS (SELECT 1 FROM member_event v \
                 WHERE v.voids_event_id = p.start_event_id)) a \
         JOIN member m ON m.id = a.member_id JOIN unit u ON u.id = m.cell_id \
         LEFT JOIN member cp ON cp.id = a.contact_person_id \
         LEFT JOIN unit g ON g.id = a.remote_group_unit_id "
    };
}
const OF_MEMBER: &str = concat!(periods!(), "WHERE a.member_id = $1 ORDER BY a.since, a.id");
// Away on $1: started by then and not back yet; the member's cell in the subtree [$3, $4) of
// today's tree ($5) unless $2 (everything).
const AWAY_ON: &str = concat!(
    periods!(),
    "WHERE a.since <= $1 AND (a.derived_end IS NULL OR a.derived_end > $1) \
       AND ($2 OR EXISTS (SELECT 1 FROM unit_path p WHERE p.unit_id = m.cell_id \
            AND p.path >= $3 AND p.path < $4 \
            AND p.valid_from = (SELECT MAX(x.valid_from) FROM unit_path x \
                WHERE x.unit_id = m.cell_id AND x.valid_from <= $5))) \
     ORDER BY m.sort_key, m.id, a.id"
);
const INSERT: &str = "INSERT INTO away_period (member_id, since, place, employer, contact, \
     contact_person_id, remote_group_unit_id, remote_group, messaging_group, works_in_agency, \
     barracks_based, full_time_study_months, student_away, start_event_id, created_at, \
     recorded_by, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15) \
     RETURNING id";
const UPDATE: &str = "UPDATE away_period SET place = $2, employer = $3, contact = $4, \
     contact_person_id = $5, remote_group_unit_id = $6, remote_group = $7, messaging_group = $8, \
     works_in_agency = $9, barracks_based = $10, full_time_study_months = $11, \
     student_away = $12, updated_at = $13 WHERE id = $1";
const END: &str =
    "UPDATE away_period SET ended_on = $2, end_event_id = $3, updated_at = $4 WHERE id = $1";
const EXEMPTIONS: &str = "SELECT id, period_id, decided_on, from_on, until_on, resolution_ref, \
     recorded_at FROM away_temporary_exemption WHERE period_id = $1 ORDER BY from_on, id";
const INSERT_EXEMPTION: &str = "INSERT INTO away_temporary_exemption (period_id, decided_on, \
     from_on, until_on, resolution_ref, recorded_at, recorded_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
const CONTACTS: &str = "SELECT c.id, c.period_id, c.contacted_on, c.channel, c.by_member_id, \
     b.full_name AS by_name, c.note, c.recorded_at FROM away_contact c \
     JOIN member b ON b.id = c.by_member_id WHERE c.period_id = $1 \
     ORDER BY c.contacted_on DESC, c.id DESC";
const INSERT_CONTACT: &str = "INSERT INTO away_contact (period_id, contacted_on, channel, \
     by_member_id, note, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
     RETURNING id";

/// The member's periods away, oldest first.
pub async fn of_member(tx: &mut Tx, member: i64) -> Result<Vec<PeriodRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(OF_MEMBER).bind(member).fetch_all(c).await)?)
}

/// The periods of members away on `day` whose cell is in the subtree `[lo, hi)` of `today`'s
/// tree, or everywhere when `everything`.
pub async fn away_on(
    tx: &mut Tx,
    day: NaiveDate,
    everything: bool,
    lo: &str,
    hi: &str,
    today: NaiveDate,
) -> Result<Vec<PeriodRow>, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_as(AWAY_ON).bind(day).bind(everything).bind(lo).bind(hi)
        .bind(today).fetch_all(c).await)?,
    )
}

/// Opens a period from `since`, with the event that recorded it.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Tx,
    member: i64,
    since: NaiveDate,
    d: &Details,
    start_event: i64,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(member).bind(since).bind(&d.place).bind(&d.employer).bind(&d.contact)
        .bind(d.contact_person_id).bind(d.remote_group_unit_id).bind(&d.remote_group)
        .bind(&d.messaging_group).bind(d.works_in_agency).bind(d.barracks_based)
        .bind(d.full_time_study_months).bind(d.student_away).bind(start_event).bind(at).bind(by)
        .fetch_one(c).await)?)
}

/// Rewrites a period's details.
pub async fn update(
    tx: &mut Tx,
    period: i64,
    d: &Details,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(UPDATE)
        .bind(period).bind(&d.place).bind(&d.employer).bind(&d.contact)
        .bind(d.contact_person_id).bind(d.remote_group_unit_id).bind(&d.remote_group)
        .bind(&d.messaging_group).bind(d.works_in_agency).bind(d.barracks_based)
        .bind(d.full_time_study_months).bind(d.student_away).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Closes a period on the day of return, with the event that recorded it.
pub async fn end(
    tx: &mut Tx,
    period: i64,
    on_day: NaiveDate,
    end_event: i64,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(END).bind(period).bind(on_day).bind(end_event).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn exemptions(tx: &mut Tx, period: i64) -> Result<Vec<ExemptionRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(EXEMPTIONS).bind(period).fetch_all(c).await)?)
}

/// The temporary exemptions of each of `periods`, by period as [`exemptions`] orders them.
pub async fn exemptions_of(
    tx: &mut Tx,
    periods: &[i64],
) -> Result<Vec<ExemptionRow>, StorageError> {
    fetch_for_ids(
        tx,
        "SELECT id, period_id, decided_on, from_on, until_on, resolution_ref, recorded_at \
         FROM away_temporary_exemption WHERE period_id IN",
        "ORDER BY period_id, from_on, id",
        periods,
    )
    .await
}

/// Appends a temporary exemption.
#[allow(clippy::too_many_arguments)]
pub async fn insert_exemption(
    tx: &mut Tx,
    period: i64,
    decided_on: NaiveDate,
    from: NaiveDate,
    until: NaiveDate,
    resolution_ref: &str,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_EXEMPTION)
        .bind(period).bind(decided_on).bind(from).bind(until).bind(resolution_ref).bind(at)
        .bind(by).fetch_one(c).await)?)
}

/// The contact log of a period, latest first.
pub async fn contacts(tx: &mut Tx, period: i64) -> Result<Vec<ContactRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(CONTACTS).bind(period).fetch_all(c).await)?)
}

/// The contacts of each of `periods`, by period as [`contacts`] orders them.
pub async fn contacts_of(tx: &mut Tx, periods: &[i64]) -> Result<Vec<ContactRow>, StorageError> {
    fetch_for_ids(
        tx,
        "SELECT c.id, c.period_id, c.contacted_on, c.channel, c.by_member_id, \
         b.full_name AS by_name, c.note, c.recorded_at FROM away_contact c \
         JOIN member b ON b.id = c.by_member_id WHERE c.period_id IN",
        "ORDER BY c.period_id, c.contacted_on DESC, c.id DESC",
        periods,
    )
    .await
}

/// Appends a contact.
#[allow(clippy::too_many_arguments)]
pub async fn insert_contact(
    tx: &mut Tx,
    period: i64,
    on_day: NaiveDate,
    channel: &str,
    by_member: i64,
    note: Option<&str>,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_CONTACT)
        .bind(period).bind(on_day).bind(channel).bind(by_member).bind(note).bind(at).bind(by)
        .fetch_one(c).await)?)
}
