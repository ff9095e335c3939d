//! Party fees (FEE-01 … FEE-05): each member's category and income-base histories, FEE-03
//! exemptions, FEE-04 reductions, payments, the fee regimes in force, and what units passed
//! up to the level above. Months are `yyyy-mm` text; amounts whole đồng.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, fetch_for_ids, on};

/// A category from a month on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ProfileRow {
    pub valid_from: String,
    pub category: String,
}

/// An income base from a month on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct IncomeRow {
    pub valid_from: String,
    pub kind: String,
    pub amount_dong: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ExemptionRow {
    pub id: i64,
    pub ground: String,
    pub from_month: String,
    pub until_month: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ReductionRow {
    pub id: i64,
    pub percent: i32,
    pub from_month: String,
    pub until_month: String,
    pub decision_ref: String,
}

/// A recorded payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: i64,
    pub member_id: i64,
    pub cell_id: i64,
    pub from_month: String,
    pub to_month: String,
    pub amount_dong: i64,
    pub channel: String,
    pub payer_name: Option<String>,
    pub paid_on: NaiveDate,
    pub receipt_ref: Option<String>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<i64>,
}

/// A new payment's columns.
#[derive(Debug, Clone, Serialize)]
pub struct NewPayment {
    pub member_id: i64,
    pub cell_id: i64,
    pub from_month: String,
    pub to_month: String,
    pub amount_dong: i64,
    pub channel: String,
    pub payer_name: Option<String>,
    pub paid_on: NaiveDate,
    pub receipt_ref: Option<String>,
}

/// A stored fee regime; `body` is the domain's `RateVersion` as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RateRow {
    pub rate_key: String,
    pub source_ref: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub body: String,
}

/// An amount a unit passed up for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RemittanceRow {
    pub id: i64,
    pub unit_id: i64,
    pub month: String,
    pub amount_dong: i64,
    pub to_unit_id: i64,
    pub remitted_on: NaiveDate,
    pub reference: Option<String>,
}

/// A new remittance's columns.
#[derive(Debug, Clone, Serialize)]
pub struct NewRemittance {
    pub unit_id: i64,
    pub month: String,
    pub amount_dong: i64,
    pub to_unit_id: i64,
    pub remitted_on: NaiveDate,
    pub reference: Option<String>,
}

const PROFILES: &str =
    "SELECT valid_from, category FROM fee_profile WHERE member_id = $1 ORDER BY valid_from";
const UPSERT_PROFILE: &str = "INSERT INTO fee_profile (member_id, valid_from, category, \
     recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (member_id, valid_from) DO UPDATE SET category = excluded.category, \
     recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by";
const INCOMES: &str = "SELECT valid_from, kind, amount_dong FROM fee_income WHERE member_id = $1 \
     ORDER BY valid_from";
const UPSERT_INCOME: &str = "INSERT INTO fee_income (member_id, valid_from, kind, amount_dong, \
     recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) \
     ON CONFLICT (member_id, valid_from) DO UPDATE SET kind = excluded.kind, \
     amount_dong = excluded.amount_dong, recorded_at = excluded.recorded_at, \
     recorded_by = excluded.recorded_by";
const EXEMPTIONS: &str = "SELECT id, ground, from_month, until_month FROM fee_exemption \
     WHERE member_id = $1 ORDER BY from_month, id";
const INSERT_EXEMPTION: &str = "INSERT INTO fee_exemption (member_id, ground, from_month, \
     until_month, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
const REDUCTIONS: &str = "SELECT id, percent, from_month, until_month, decision_ref \
     FROM fee_reduction WHERE member_id = $1 ORDER BY from_month, id";
const INSERT_REDUCTION: &str = "INSERT INTO fee_reduction (member_id, percent, from_month, \
     until_month, decision_ref, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
     RETURNING id";
const PAYMENTS: &str = "SELECT id, member_id, cell_id, from_month, to_month, amount_dong, \
     channel, payer_name, paid_on, receipt_ref, recorded_at, recorded_by FROM fee_payment \
     WHERE member_id = $1 ORDER BY paid_on, id";
const INSERT_PAYMENT: &str = "INSERT INTO fee_payment (member_id, cell_id, from_month, to_month, \
     amount_dong, channel, payer_name, paid_on, receipt_ref, recorded_at, recorded_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
const RATE_COUNT: &str = "SELECT COUNT(*) FROM fee_rate_version";
const RATES: &str = "SELECT rate_key, source_ref, valid_from, valid_to, body FROM fee_rate_version \
     ORDER BY valid_from";
const UPSERT_RATE: &str = "INSERT INTO fee_rate_version (rate_key, source_ref, valid_from, \
     valid_to, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (rate_key) DO UPDATE SET \
     source_ref = excluded.source_ref, valid_from = excluded.valid_from, \
     valid_to = excluded.valid_to, body = excluded.body";
const REMITTANCES: &str = "SELECT id, unit_id, month, amount_dong, to_unit_id, remitted_on, \
     reference FROM fee_remittance WHERE unit_id = $1 AND month = $2 ORDER BY remitted_on, id";
const INSERT_REMITTANCE: &str = "INSERT INTO fee_remittance (unit_id, month, amount_dong, \
     to_unit_id, remitted_on, reference, recorded_at, recorded_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

/// One member's row of a fee table, as read for many members at once.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OfMember<T> {
    pub member_id: i64,
    #[sqlx(flatten)]
    pub row: T,
}

/// Everything the fee account of each of `members` is built from, read in a few statements
/// (the early warning reads a whole province's accounts).
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    pub profiles: Vec<OfMember<ProfileRow>>,
    pub incomes: Vec<OfMember<IncomeRow>>,
    pub exemptions: Vec<OfMember<ExemptionRow>>,
    pub reductions: Vec<OfMember<ReductionRow>>,
    pub payments: Vec<PaymentRow>,
}

/// The fee records of `members`, each list by member and in the single-member order.
pub async fn accounts_of(tx: &mut Tx, members: &[i64]) -> Result<Accounts, StorageError> {
    Ok(Accounts {
        profiles: fetch_for_ids(
            tx,
            "SELECT member_id, valid_from, category FROM fee_profile WHERE member_id IN",
            "ORDER BY member_id, valid_from",
            members,
        )
        .await?,
        incomes: fetch_for_ids(
            tx,
            "SELECT member_id, valid_from, kind, amount_dong FROM fee_income WHERE member_id IN",
            "ORDER BY member_id, valid_from",
            members,
        )
        .await?,
        exemptions: fetch_for_ids(
            tx,
            "SELECT member_id, id, ground, from_month, until_month FROM fee_exemption \
             WHERE member_id IN",
            "ORDER BY member_id, from_month, id",
            members,
        )
        .await?,
        reductions: fetch_for_ids(
            tx,
            "SELECT member_id, id, percent, from_month, until_month, decision_ref \
             FROM fee_reduction WHERE member_id IN",
            "ORDER BY member_id, from_month, id",
            members,
        )
        .await?,
        payments: fetch_for_ids(
            tx,
            "SELECT id, member_id, cell_id, from_month, to_month, amount_dong, channel, \
             payer_name, paid_on, receipt_ref, recorded_at, recorded_by FROM fee_payment \
             WHERE member_id IN",
            "ORDER BY member_id, paid_on, id",
            members,
        )
        .await?,
    })
}

pub async fn profiles(tx: &mut Tx, member: i64) -> Result<Vec<ProfileRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(PROFILES).bind(member).fetch_all(c).await)?)
}

/// Sets the category from `month` on (replacing that month's entry).
pub async fn upsert_profile(
    tx: &mut Tx,
    member: i64,
    month: &str,
    category: &str,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(UPSERT_PROFILE).bind(member).bind(month).bind(category).bind(at)
        .bind(by).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn incomes(tx: &mut Tx, member: i64) -> Result<Vec<IncomeRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(INCOMES).bind(member).fetch_all(c).await)?)
}

/// Sets the income base from `month` on (replacing that month's entry).
pub async fn upsert_income(
    tx: &mut Tx,
    member: i64,
    row: &IncomeRow,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(UPSERT_INCOME).bind(member).bind(&row.valid_from).bind(&row.kind)
        .bind(row.amount_dong).bind(at).bind(by).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn exemptions(tx: &mut Tx, member: i64) -> Result<Vec<ExemptionRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(EXEMPTIONS).bind(member).fetch_all(c).await)?)
}

pub async fn insert_exemption(
    tx: &mut Tx,
    member: i64,
    ground: &str,
    from: &str,
    until: Option<&str>,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar(INSERT_EXEMPTION).bind(member).bind(ground).bind(from)
        .bind(until).bind(at).bind(by).fetch_one(c).await)?,
    )
}

pub async fn reductions(tx: &mut Tx, member: i64) -> Result<Vec<ReductionRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(REDUCTIONS).bind(member).fetch_all(c).await)?)
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_reduction(
    tx: &mut Tx,
    member: i64,
    percent: i32,
    from: &str,
    until: &str,
    decision_ref: &str,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar(INSERT_REDUCTION).bind(member).bind(percent).bind(from)
        .bind(until).bind(decision_ref).bind(at).bind(by).fetch_one(c).await)?,
    )
}

/// A member's payments, oldest first.
pub async fn payments(tx: &mut Tx, member: i64) -> Result<Vec<PaymentRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(PAYMENTS).bind(member).fetch_all(c).await)?)
}

pub async fn insert_payment(
    tx: &mut Tx,
    p: &NewPayment,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar(INSERT_PAYMENT).bind(p.member_id).bind(p.cell_id)
        .bind(&p.from_month).bind(&p.to_month).bind(p.amount_dong).bind(&p.channel)
        .bind(&p.payer_name).bind(p.paid_on).bind(&p.receipt_ref).bind(at).bind(by)
        .fetch_one(c).await)?,
    )
}

pub async fn rate_count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(RATE_COUNT).fetch_one(c).await)?)
}

/// The stored regimes by start date.
pub async fn rates(tx: &mut Tx) -> Result<Vec<RateRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(RATES).fetch_all(c).await)?)
}

/// Adds the regime, or replaces the one of its key.
pub async fn upsert_rate(tx: &mut Tx, r: &RateRow) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(UPSERT_RATE).bind(&r.rate_key).bind(&r.source_ref)
        .bind(r.valid_from).bind(r.valid_to).bind(&r.body)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Loads the shipped regimes while none is stored, as the holiday calendar is; whether it did.
pub async fn ensure_rates_loaded(tx: &mut Tx) -> Result<bool, StorageError> {
    if rate_count(tx).await? > 0 {
        return Ok(false);
    }
    for v in chibo_domain::fees::shipped_schedule().versions() {
        let body = serde_json::to_string(v)
            .map_err(|e| StorageError::corrupt(format!("fee regime {}: {e}", v.key)))?;
        upsert_rate(
            tx,
            &RateRow {
                rate_key: v.key.clone(),
                source_ref: v.source_ref.clone(),
                valid_from: v.valid_from,
                valid_to: v.valid_to,
                body,
            },
        )
        .await?;
    }
    Ok(true)
}

/// What `unit` passed up for `month`.
pub async fn remittances(
    tx: &mut Tx,
    unit: i64,
    month: &str,
) -> Result<Vec<RemittanceRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(REMITTANCES).bind(unit).bind(month).fetch_all(c).await)?)
}

pub async fn insert_remittance(
    tx: &mut Tx,
    r: &NewRemittance,
    at: DateTime<Utc>,
    by: Option<i64>,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar(INSERT_REMITTANCE).bind(r.unit_id).bind(&r.month)
        .bind(r.amount_dong).bind(r.to_unit_id).bind(r.remitted_on).bind(&r.reference)
        .bind(at).bind(by).fetch_one(c).await)?,
    )
}
