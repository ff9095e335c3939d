//! Import jobs started from the web.

use chibo_domain::ids::UserId;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct JobRow {
    pub id: i64,
    pub user_id: Option<i64>,
    pub username: String,
    pub file_name: String,
    pub dry_run: bool,
    pub status: String,
    pub stage: String,
    pub done: i64,
    pub total: i64,
    pub counts_json: Option<String>,
    pub errors_total: i64,
    pub message: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

const INSERT: &str = "INSERT INTO import_job (user_id, username, file_name, dry_run, status, stage, done, total,
    errors_total, created_at, updated_at) VALUES ($1, $2, $3, $4, 'running', 'queued', 0, 0, 0, $5, $5) RETURNING id";
const PROGRESS: &str =
    "UPDATE import_job SET stage = $2, done = $3, total = $4, updated_at = $5 WHERE id = $1";
const FINISH: &str =
    "UPDATE import_job SET status = $2, counts_json = $3, errors_total = $4, errors_csv = $5,
    message = $6, updated_at = $7, finished_at = $7 WHERE id = $1";
macro_rules! columns {
    () => {
        "SELECT id, user_id, username, file_name, dry_run, status, stage, done, total, counts_json, errors_total,
        message, created_at, updated_at, finished_at FROM import_job"
    };
}
const GET: &str = concat!(columns!(), " WHERE id = $1");
const RECENT: &str = concat!(
    columns!(),
    " WHERE ($1 OR user_id = $2) ORDER BY id DESC LIMIT 20"
);
const ERRORS: &str = "SELECT errors_csv FROM import_job WHERE id = $1";
const INTERRUPT: &str = "UPDATE import_job SET status = 'interrupted', updated_at = $1, finished_at = $1 WHERE status = 'running'";

pub async fn insert(
    tx: &mut Tx,
    user: Option<UserId>,
    username: &str,
    file_name: &str,
    dry_run: bool,
    at: DateTime<Utc>,
) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(user.map(|u| u.0)).bind(username).bind(file_name).bind(dry_run).bind(at)
        .fetch_one(c).await)?)
}

pub async fn progress(
    tx: &mut Tx,
    id: i64,
    stage: &str,
    done: i64,
    total: i64,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(PROGRESS).bind(id).bind(stage).bind(done).bind(total).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The outcome of a job.
pub struct Finish<'a> {
    pub status: &'a str,
    pub counts_json: Option<&'a str>,
    pub errors_total: i64,
    pub errors_csv: Option<&'a str>,
    pub message: Option<&'a str>,
}

pub async fn finish(
    tx: &mut Tx,
    id: i64,
    f: &Finish<'_>,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(FINISH)
        .bind(id).bind(f.status).bind(f.counts_json).bind(f.errors_total).bind(f.errors_csv).bind(f.message).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<JobRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(GET).bind(id).fetch_optional(c).await)?)
}

/// The latest jobs: everyone's (`all`) or one user's.
pub async fn recent(tx: &mut Tx, all: bool, user: UserId) -> Result<Vec<JobRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(RECENT).bind(all).bind(user.0).fetch_all(c).await)?)
}

pub async fn errors_csv(tx: &mut Tx, id: i64) -> Result<Option<String>, StorageError> {
    let v: Option<Option<String>> =
        on!(tx, c => sqlx::query_scalar(ERRORS).bind(id).fetch_optional(c).await)?;
    Ok(v.flatten())
}

/// Jobs left running by a stopped server will never finish.
pub async fn interrupt_running(tx: &mut Tx, at: DateTime<Utc>) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(INTERRUPT).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
