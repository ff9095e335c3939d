//! Transfer letters (`transfer_letter`), temporary transfers (`temporary_transfer`) and their
//! renewals (rules TRF-01 … TRF-05). Letters are inserted once; presentation and closure are
//! filled in later, once each (the service audits them).

use chibo_domain::ids::{MemberId, UnitId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// A stored letter with the codes and names a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LetterRow {
    pub id: i64,
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub kind: String,
    pub letter_number: String,
    pub issued_on: NaiveDate,
    pub from_unit_id: i64,
    pub from_unit_code: String,
    pub to_unit_id: Option<i64>,
    pub to_unit_code: Option<String>,
    pub to_outside: Option<String>,
    pub fees_paid_through: Option<String>,
    pub content: String,
    pub move_reason: Option<String>,
    pub move_on: Option<NaiveDate>,
    pub start_due_on: Option<NaiveDate>,
    pub out_event_id: Option<i64>,
    pub presented_on: Option<NaiveDate>,
    pub late_explanation: Option<String>,
    pub in_event_id: Option<i64>,
    pub closed_on: Option<NaiveDate>,
    pub closure_kind: Option<String>,
    pub confirmation_ref: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// A letter to insert.
#[derive(Debug, Clone)]
pub struct NewLetter<'a> {
    pub member: MemberId,
    pub kind: &'a str,
    pub letter_number: &'a str,
    pub issued_on: NaiveDate,
    pub from_unit: UnitId,
    pub to_unit: Option<UnitId>,
    pub to_outside: Option<&'a str>,
    pub fees_paid_through: Option<&'a str>,
    pub content: &'a str,
    pub move_reason: Option<&'a str>,
    pub move_on: Option<NaiveDate>,
    pub start_due_on: Option<NaiveDate>,
    pub out_event_id: Option<i64>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<UserId>,
}

/// How a letter's transit ended.
#[derive(Debug, Clone)]
pub struct LetterClosure<'a> {
    pub presented_on: Option<NaiveDate>,
    pub late_explanation: Option<&'a str>,
    pub in_event_id: Option<i64>,
    pub closed_on: NaiveDate,
    pub closure_kind: &'a str,
    pub confirmation_ref: Option<&'a str>,
    pub closed_at: DateTime<Utc>,
    pub closed_by: Option<UserId>,
}

macro_rules! letter_sql {
    ($tail:literal) => {
        concat!(
            "SELECT l.id, l.member_id, m.member_key, m.full_name, l.kind,
    l.letter_number, l.issued_on, l.from_unit_id, fu.code AS from_unit_code, l.to_unit_id,
    tu.code AS to_unit_code, l.to_outside, l.fees_paid_through, l.content, l.move_reason,
    l.move_on, l.start_due_on, l.out_event_id, l.presented_on, l.late_explanation,
    l.in_event_id, l.closed_on, l.closure_kind, l.confirmation_ref, l.recorded_at
    FROM transfer_letter l
    JOIN member m ON m.id = l.member_id
    JOIN unit fu ON fu.id = l.from_unit_id
    LEFT JOIN unit tu ON tu.id = l.to_unit_id",
            " ",
            $tail
        )
    };
}

const INSERT_LETTER: &str = "INSERT INTO transfer_letter (member_id, kind, letter_number,
    issued_on, from_unit_id, to_unit_id, to_outside, fees_paid_through, content, move_reason,
    move_on, start_due_on, out_event_id, recorded_at, recorded_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";

// Closing only an open letter, so a second closure changes nothing and is reported.
const CLOSE_LETTER: &str = "UPDATE transfer_letter SET presented_on = $2, late_explanation = $3,
    in_event_id = $4, closed_on = $5, closure_kind = $6, confirmation_ref = $7, closed_at = $8,
    closed_by = $9 WHERE id = $1 AND closed_on IS NULL";

pub async fn insert_letter(tx: &mut Tx, l: &NewLetter<'_>) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_LETTER)
        .bind(l.member.0).bind(l.kind).bind(l.letter_number).bind(l.issued_on)
        .bind(l.from_unit.0).bind(l.to_unit.map(|u| u.0)).bind(l.to_outside)
        .bind(l.fees_paid_through).bind(l.content).bind(l.move_reason).bind(l.move_on)
        .bind(l.start_due_on).bind(l.out_event_id).bind(l.recorded_at)
        .bind(l.recorded_by.map(|u| u.0))
        .fetch_one(c).await)?)
}

/// Closes an open letter; `false` when it was already closed.
pub async fn close_letter(
    tx: &mut Tx,
    id: i64,
    c: &LetterClosure<'_>,
) -> Result<bool, StorageError> {
    let done = on!(tx, conn => sqlx::query(CLOSE_LETTER)
        .bind(id).bind(c.presented_on).bind(c.late_explanation).bind(c.in_event_id)
        .bind(c.closed_on).bind(c.closure_kind).bind(c.confirmation_ref).bind(c.closed_at)
        .bind(c.closed_by.map(|u| u.0))
        .execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn letter(tx: &mut Tx, id: i64) -> Result<Option<LetterRow>, StorageError> {
    let q = letter_sql!("WHERE l.id = $1");
    Ok(on!(tx, c => sqlx::query_as(q).bind(id).fetch_optional(c).await)?)
}

/// A member's letters, newest first.
pub async fn letters_of(tx: &mut Tx, member: MemberId) -> Result<Vec<LetterRow>, StorageError> {
    let q = letter_sql!("WHERE l.member_id = $1 ORDER BY l.issued_on DESC, l.id DESC");
    Ok(on!(tx, c => sqlx::query_as(q).bind(member.0).fetch_all(c).await)?)
}

/// Official letters issued on or before `as_of` and not closed by then (TRF-03), oldest first.
pub async fn in_transit_on(tx: &mut Tx, as_of: NaiveDate) -> Result<Vec<LetterRow>, StorageError> {
    let q = letter_sql!(
        "WHERE l.kind = 'official' AND l.issued_on <= $1 \
         AND (l.closed_on IS NULL OR l.closed_on > $1) ORDER BY l.issued_on, m.member_key"
    );
    Ok(on!(tx, c => sqlx::query_as(q).bind(as_of).fetch_all(c).await)?)
}

/// Open official letters addressed to `unit`, oldest first.
pub async fn incoming_to(tx: &mut Tx, unit: UnitId) -> Result<Vec<LetterRow>, StorageError> {
    let q = letter_sql!(
        "WHERE l.kind = 'official' AND l.to_unit_id = $1 \
         AND l.closed_on IS NULL ORDER BY l.issued_on, m.member_key"
    );
    Ok(on!(tx, c => sqlx::query_as(q).bind(unit.0).fetch_all(c).await)?)
}

/// A temporary transfer with its renewals' latest end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TemporaryRow {
    pub id: i64,
    pub letter_id: i64,
    pub letter_number: String,
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub home_unit_id: i64,
    pub home_unit_code: String,
    pub host_unit_id: i64,
    pub host_unit_code: String,
    pub reason: String,
    pub from_on: NaiveDate,
    pub until_on: NaiveDate,
    pub returned_on: Option<NaiveDate>,
    pub out_event_id: Option<i64>,
    pub return_event_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewTemporary {
    pub letter_id: i64,
    pub member: MemberId,
    pub host_unit: UnitId,
    pub reason: &'static str,
    pub from_on: NaiveDate,
    pub until_on: NaiveDate,
    pub out_event_id: Option<i64>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<UserId>,
}

/// One renewal of a temporary transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RenewalRow {
    pub id: i64,
    pub temporary_transfer_id: i64,
    pub decided_on: NaiveDate,
    pub until_on: NaiveDate,
}

macro_rules! temp_sql {
    ($tail:literal) => {
        concat!(
            "SELECT t.id, t.letter_id, l.letter_number, t.member_id, m.member_key,
    m.full_name, l.from_unit_id AS home_unit_id, fu.code AS home_unit_code, t.host_unit_id,
    hu.code AS host_unit_code, t.reason, t.from_on, t.until_on, t.returned_on, t.out_event_id,
    t.return_event_id
    FROM temporary_transfer t
    JOIN transfer_letter l ON l.id = t.letter_id
    JOIN member m ON m.id = t.member_id
    JOIN unit fu ON fu.id = l.from_unit_id
    JOIN unit hu ON hu.id = t.host_unit_id",
            " ",
            $tail
        )
    };
}

const INSERT_TEMP: &str = "INSERT INTO temporary_transfer (letter_id, member_id, host_unit_id,
    reason, from_on, until_on, out_event_id, recorded_at, recorded_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
const INSERT_RENEWAL: &str = "INSERT INTO temporary_transfer_renewal (temporary_transfer_id,
    decided_on, until_on, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id";
const RENEWALS: &str = "SELECT id, temporary_transfer_id, decided_on, until_on
    FROM temporary_transfer_renewal WHERE temporary_transfer_id = $1 ORDER BY decided_on, id";
const RETURN_TEMP: &str = "UPDATE temporary_transfer SET returned_on = $2, return_event_id = $3
    WHERE id = $1 AND returned_on IS NULL";

pub async fn insert_temporary(tx: &mut Tx, t: &NewTemporary) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_TEMP)
        .bind(t.letter_id).bind(t.member.0).bind(t.host_unit.0).bind(t.reason).bind(t.from_on)
        .bind(t.until_on).bind(t.out_event_id).bind(t.recorded_at)
        .bind(t.recorded_by.map(|u| u.0))
        .fetch_one(c).await)?)
}

pub async fn insert_renewal(
    tx: &mut Tx,
    temporary: i64,
    decided_on: NaiveDate,
    until_on: NaiveDate,
    recorded_at: DateTime<Utc>,
    recorded_by: Option<UserId>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT_RENEWAL)
        .bind(temporary).bind(decided_on).bind(until_on).bind(recorded_at)
        .bind(recorded_by.map(|u| u.0))
        .fetch_one(c).await)?)
}

pub async fn renewals(tx: &mut Tx, temporary: i64) -> Result<Vec<RenewalRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(RENEWALS).bind(temporary).fetch_all(c).await)?)
}

/// Records the return; `false` when it was already recorded.
pub async fn mark_returned(
    tx: &mut Tx,
    temporary: i64,
    on: NaiveDate,
    event: Option<i64>,
) -> Result<bool, StorageError> {
    let done = on!(tx, c => sqlx::query(RETURN_TEMP).bind(temporary).bind(on).bind(event)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

pub async fn temporary(tx: &mut Tx, id: i64) -> Result<Option<TemporaryRow>, StorageError> {
    let q = temp_sql!("WHERE t.id = $1");
    Ok(on!(tx, c => sqlx::query_as(q).bind(id).fetch_optional(c).await)?)
}

/// A member's temporary transfers, newest first.
pub async fn temporaries_of(
    tx: &mut Tx,
    member: MemberId,
) -> Result<Vec<TemporaryRow>, StorageError> {
    let q = temp_sql!("WHERE t.member_id = $1 ORDER BY t.from_on DESC, t.id DESC");
    Ok(on!(tx, c => sqlx::query_as(q).bind(member.0).fetch_all(c).await)?)
}

/// Temporary transfers not returned by `as_of` that started on or before it, by host code.
pub async fn temporaries_open_on(
    tx: &mut Tx,
    as_of: NaiveDate,
) -> Result<Vec<TemporaryRow>, StorageError> {
    let q = temp_sql!(
        "WHERE t.from_on <= $1 AND (t.returned_on IS NULL OR t.returned_on > $1) \
         ORDER BY hu.code, m.member_key"
    );
    Ok(on!(tx, c => sqlx::query_as(q).bind(as_of).fetch_all(c).await)?)
}
