//! The database handle. SQL is written once and runs on whichever engine is live; the few
//! places where the engines differ are visible `match` arms.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::migrate::{MigrateDatabase, Migrator};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Postgres, Sqlite, Transaction};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (use sqlite:… or postgres://…): {0}")]
    UnsupportedUrl(String),
    #[error("a unique value is already taken")]
    UniqueViolation,
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl StorageError {
    pub fn corrupt(what: impl Into<String>) -> Self {
        Self::Corrupt(what.into())
    }
}

/// Maps a unique-key violation to its own variant so services can name the field; matched by
/// kind, not by constraint name (SQLite has none).
pub(crate) fn unique(e: sqlx::Error) -> StorageError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => StorageError::UniqueViolation,
        _ => StorageError::Sql(e),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// The database handle; cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    /// The default: one file, nothing to install.
    Sqlite(SqlitePool),
    /// Large and multi-instance deployments.
    Postgres(PgPool),
}

/// A transaction on either engine. Every repository function runs inside one.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$conn` bound to the live engine's connection; the body is compiled once
/// per engine, so the same SQL text and binds serve both.
macro_rules! on {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $conn = &mut **t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $conn = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on;

/// Ids bound at most per statement when a query is run for many members: well under both
/// engines' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535).
const IDS_PER_STATEMENT: usize = 1_000;

/// Runs `{head} ($1, …, $n) {tail}` once per chunk of `ids`, binding each id, and returns
/// every row: one statement per thousand members instead of one per member. `head` and
/// `tail` are constant SQL; only the placeholders are generated.
pub(crate) async fn fetch_for_ids<R>(
    tx: &mut Tx,
    head: &'static str,
    tail: &'static str,
    ids: &[i64],
) -> Result<Vec<R>, StorageError>
where
    R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    let mut out = Vec::new();
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("{head} ({}) {tail}", marks.join(", "));
        let rows: Vec<R> = on!(tx, c => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

/// The current time at microsecond precision, the precision both engines keep, so a value
/// read back compares equal to the one written.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

impl Db {
    /// Opens the database named by `url`: `sqlite:path` or `postgres://…`, creating the file
    /// or the database if it does not exist yet.
    pub async fn connect(url: &str) -> Result<Self, StorageError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // A new deployment names its database; create it rather than fail.
            if !Postgres::database_exists(url).await? {
                Postgres::create_database(url).await?;
            }
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Self::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Self::Sqlite(pool))
        } else {
            Err(StorageError::UnsupportedUrl(url.to_owned()))
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies the embedded migrations that have not run yet.
    pub async fn migrate(&self) -> Result<(), StorageError> {
        match self {
            Self::Sqlite(pool) => SQLITE_MIGRATIONS.run(pool).await?,
            Self::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// A fingerprint of the migrations of `engine`, so test templates are rebuilt when the
    /// schema changes.
    pub fn migrations_fingerprint(engine: Engine) -> String {
        let m = match engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        // FNV-1a over every checksum: short enough for a database name (63 bytes at most).
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for b in m.iter().flat_map(|m| m.checksum.iter()) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{hash:016x}")
    }

    /// A transaction for reading.
    pub async fn read(&self) -> Result<Tx, StorageError> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A transaction for writing. SQLite takes the write lock at once (`BEGIN IMMEDIATE`), so
    /// two writers never deadlock upgrading a read lock.
    pub async fn write(&self) -> Result<Tx, StorageError> {
        Ok(match self {
            Self::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Self::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Copies SQLite's write-ahead log into the database file and empties it. After a bulk load
    /// the log holds gigabytes that every reader would otherwise search page by page until an
    /// automatic checkpoint gets to them. Nothing to do on PostgreSQL.
    pub async fn checkpoint(&self) -> Result<(), StorageError> {
        if let Self::Sqlite(pool) = self {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
        }
        Ok(())
    }

    /// Connections in the pool and how many are idle, for `/metrics`.
    pub fn pool_stats(&self) -> (u32, usize) {
        match self {
            Self::Sqlite(p) => (p.size(), p.num_idle()),
            Self::Postgres(p) => (p.size(), p.num_idle()),
        }
    }

    pub async fn close(&self) {
        match self {
            Self::Sqlite(p) => p.close().await,
            Self::Postgres(p) => p.close().await,
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StorageError> {
        let mut tx = self.read().await?;
        on!(&mut tx, c => sqlx::query("SELECT 1").execute(c).await.map(|r| r.rows_affected()))?;
        tx.commit().await
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), StorageError> {
        match self {
            Self::Sqlite(t) => t.commit().await?,
            Self::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<(), StorageError> {
        match self {
            Self::Sqlite(t) => t.rollback().await?,
            Self::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        match self {
            Self::Sqlite(_) => Engine::Sqlite,
            Self::Postgres(_) => Engine::Postgres,
        }
    }
}

/// The half-open range `[prefix, upper)` of every path that starts with `prefix`. Paths end in
/// `/` and `0` is the next byte, so the range is exact and uses the B-tree index on both
/// engines (SQLite's LIKE is case-insensitive and skips a plain index).
pub fn prefix_range(prefix: &str) -> (String, String) {
    let mut upper = prefix.strip_suffix('/').unwrap_or(prefix).to_owned();
    upper.push('0');
    (prefix.to_owned(), upper)
}

#[cfg(test)]
mod tests {
    use super::prefix_range;

    #[test]
    fn prefix_range_covers_exactly_the_subtree() {
        let (lo, hi) = prefix_range("/1/2/");
        let inside = |p: &str| p >= lo.as_str() && p < hi.as_str();
        assert!(inside("/1/2/"));
        assert!(inside("/1/2/99/"));
        assert!(!inside("/1/20/"));
        assert!(!inside("/1/3/"));
        assert!(!inside("/1/"));
        let (lo, hi) = prefix_range("/");
        assert!("/5/" >= lo.as_str() && "/5/" < hi.as_str());
    }
}
