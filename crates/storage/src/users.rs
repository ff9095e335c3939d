//! User accounts, API tokens and the login attempts that throttling counts.

use chibo_domain::ids::{MemberId, UnitId, UserId};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on, unique};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: String,
    pub role: String,
    pub unit_id: Option<i64>,
    pub member_id: Option<i64>,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl UserRow {
    pub fn user(&self) -> UserId {
        UserId(self.id)
    }
}

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub unit: Option<UnitId>,
    pub member: Option<MemberId>,
}

const INSERT: &str = "INSERT INTO app_user (username, display_name, password_hash, role, unit_id, member_id, disabled, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7) RETURNING id";
const BY_ID: &str = "SELECT id, username, display_name, password_hash, role, unit_id, member_id, disabled, created_at
    FROM app_user WHERE id = $1";
const BY_USERNAME: &str = "SELECT id, username, display_name, password_hash, role, unit_id, member_id, disabled, created_at
    FROM app_user WHERE username = $1";
const LIST: &str = "SELECT id, username, display_name, password_hash, role, unit_id, member_id, disabled, created_at
    FROM app_user ORDER BY username";
const SET_DISABLED: &str = "UPDATE app_user SET disabled = $2 WHERE id = $1";
const SET_PASSWORD: &str = "UPDATE app_user SET password_hash = $2 WHERE id = $1";
const COUNT: &str = "SELECT COUNT(*) FROM app_user";
const INSERT_TOKEN: &str = "INSERT INTO api_token (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4) RETURNING id";
const USER_BY_TOKEN: &str =
    "SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.unit_id, u.member_id,
    u.disabled, u.created_at
    FROM api_token t JOIN app_user u ON u.id = t.user_id
    WHERE t.token_hash = $1 AND t.revoked_at IS NULL";
const INSERT_ATTEMPT: &str =
    "INSERT INTO login_attempt (username, client, at_ms, succeeded) VALUES ($1, $2, $3, $4)";
const FAILURES_FOR_USER: &str = "SELECT COUNT(*) FROM login_attempt
    WHERE username = $1 AND at_ms >= $2 AND NOT succeeded
      AND at_ms > COALESCE((SELECT MAX(at_ms) FROM login_attempt WHERE username = $1 AND succeeded), 0)";
const FAILURES_FROM_CLIENT: &str =
    "SELECT COUNT(*) FROM login_attempt WHERE client = $1 AND at_ms >= $2 AND NOT succeeded";
const PRUNE_ATTEMPTS: &str = "DELETE FROM login_attempt WHERE at_ms < $1";

pub async fn insert(
    tx: &mut Tx,
    u: &NewUser<'_>,
    at: DateTime<Utc>,
) -> Result<UserId, StorageError> {
    let id: i64 = on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(u.username).bind(u.display_name).bind(u.password_hash).bind(u.role)
        .bind(u.unit.map(|x| x.0)).bind(u.member.map(|x| x.0)).bind(at)
        .fetch_one(c).await)
    .map_err(unique)?;
    Ok(UserId(id))
}

pub async fn by_id(tx: &mut Tx, id: UserId) -> Result<Option<UserRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(BY_ID).bind(id.0).fetch_optional(c).await)?)
}

pub async fn by_username(tx: &mut Tx, username: &str) -> Result<Option<UserRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(BY_USERNAME).bind(username).fetch_optional(c).await)?)
}

pub async fn list(tx: &mut Tx) -> Result<Vec<UserRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(LIST).fetch_all(c).await)?)
}

pub async fn set_disabled(tx: &mut Tx, id: UserId, disabled: bool) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(SET_DISABLED).bind(id.0).bind(disabled).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_password(tx: &mut Tx, id: UserId, hash: &str) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(SET_PASSWORD).bind(id.0).bind(hash).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(COUNT).fetch_one(c).await)?)
}

/// Stores the hash of a new API token.
pub async fn insert_token(
    tx: &mut Tx,
    user: UserId,
    token_hash: &str,
    label: &str,
    at: DateTime<Utc>,
) -> Result<i64, StorageError> {
    on!(tx, c => sqlx::query_scalar(INSERT_TOKEN).bind(user.0).bind(token_hash).bind(label).bind(at).fetch_one(c).await)
        .map_err(unique)
}

/// The owner of an unrevoked token with this hash.
pub async fn by_token(tx: &mut Tx, token_hash: &str) -> Result<Option<UserRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(USER_BY_TOKEN).bind(token_hash).fetch_optional(c).await)?)
}

pub async fn record_attempt(
    tx: &mut Tx,
    username: &str,
    client: Option<&str>,
    at_ms: i64,
    succeeded: bool,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(INSERT_ATTEMPT).bind(username).bind(client).bind(at_ms).bind(succeeded).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Failed attempts for `username` since `since_ms` and after its last success.
pub async fn failures_for_user(
    tx: &mut Tx,
    username: &str,
    since_ms: i64,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar(FAILURES_FOR_USER).bind(username).bind(since_ms).fetch_one(c).await)?,
    )
}

pub async fn failures_from_client(
    tx: &mut Tx,
    client: &str,
    since_ms: i64,
) -> Result<i64, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_scalar(FAILURES_FROM_CLIENT).bind(client).bind(since_ms).fetch_one(c).await)?,
    )
}

pub async fn prune_attempts(tx: &mut Tx, before_ms: i64) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(PRUNE_ATTEMPTS).bind(before_ms).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
