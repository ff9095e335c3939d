//! A fresh database per test, on either engine, never a mock. SQLite gets a temporary file
//! (`:memory:` would hide locking); PostgreSQL at 127.0.0.1:5432 gets a new database cloned
//! from a template that is migrated once per schema version. An unreachable PostgreSQL fails
//! the test: it is never skipped.

#![allow(clippy::expect_used, clippy::panic)]

use chibo_storage::Db;
use sqlx::{Connection, Executor, PgConnection};

pub use chibo_storage::Engine::{Postgres, Sqlite};

/// The server every developer and CI machine runs; override with `CHIBO_TEST_PG_URL`.
pub fn admin_url() -> String {
    std::env::var("CHIBO_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn url_for(db_name: &str) -> String {
    let admin = admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
    format!("{base}/{db_name}")
}

/// A migrated database holding the reference data, removed when dropped.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(#[allow(dead_code)] tempfile::TempDir),
    Database(String),
}

impl TestDb {
    pub async fn fresh(engine: Engine) -> TestDb {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite:{}", dir.path().join("chibo.sqlite").display());
                let db = Db::connect(&url).await.expect("open SQLite");
                prepare(&db).await;
                TestDb {
                    db,
                    url,
                    cleanup: Cleanup::File(dir),
                }
            }
            Engine::Postgres => {
                let name = clone_template().await;
                let url = url_for(&name);
                let db = Db::connect(&url)
                    .await
                    .expect("connect to the cloned test database");
                TestDb {
                    db,
                    url,
                    cleanup: Cleanup::Database(name),
                }
            }
        }
    }

    /// An empty, unmigrated database of `engine` (for migration tests).
    pub async fn empty(engine: Engine) -> TestDb {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite:{}", dir.path().join("chibo.sqlite").display());
                let db = Db::connect(&url).await.expect("open SQLite");
                TestDb {
                    db,
                    url,
                    cleanup: Cleanup::File(dir),
                }
            }
            Engine::Postgres => {
                let name = format!("chibo_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = admin_connection().await;
                admin
                    .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
                    .await
                    .expect("create database");
                let url = url_for(&name);
                let db = Db::connect(&url)
                    .await
                    .expect("connect to the new database");
                TestDb {
                    db,
                    url,
                    cleanup: Cleanup::Database(name),
                }
            }
        }
    }
}

async fn prepare(db: &Db) {
    db.migrate().await.expect("migrate");
    let mut tx = db.write().await.expect("begin");
    chibo_storage::reference::ensure_loaded(&mut tx)
        .await
        .expect("load reference data");
    tx.commit().await.expect("commit");
}

async fn admin_connection() -> PgConnection {
    let url = admin_url();
    PgConnection::connect(&url).await.unwrap_or_else(|e| {
        panic!("PostgreSQL is not reachable at {url} ({e}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start")
    })
}

/// Clones the template of the current schema, creating the template first if needed. An
/// advisory lock serialises this across the test processes of one run.
async fn clone_template() -> String {
    let template = format!("chibo_tpl_{}", Db::migrations_fingerprint(Engine::Postgres));
    let name = format!("chibo_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = admin_connection().await;
    admin
        .execute("SELECT pg_advisory_lock(7243001)")
        .await
        .expect("advisory lock");
    let exists: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(&template)
        .fetch_optional(&mut admin)
        .await
        .expect("look up template");
    if exists.is_none() {
        let building = format!("{template}_building");
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"
            )))
            .await
            .expect("drop stale template");
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "CREATE DATABASE \"{building}\""
            )))
            .await
            .expect("create template");
        let db = Db::connect(&url_for(&building))
            .await
            .expect("connect to template");
        prepare(&db).await;
        db.close().await;
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "ALTER DATABASE \"{building}\" RENAME TO \"{template}\""
            )))
            .await
            .expect("publish template");
    }
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
        )))
        .await
        .expect("clone template");
    admin
        .execute("SELECT pg_advisory_unlock(7243001)")
        .await
        .expect("advisory unlock");
    name
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Cleanup::Database(name) = &self.cleanup else {
            return;
        };
        let name = name.clone();
        // Drop may run inside the test's runtime; a short-lived runtime on its own thread does
        // the cleanup, and FORCE ends the pool's connections server-side.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(mut admin) = PgConnection::connect(&admin_url()).await {
                    let _ = admin
                        .execute(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        )))
                        .await;
                }
            });
        })
        .join();
    }
}

/// Runs raw SQL against a test database, for tests that tamper with stored data on purpose.
pub async fn execute(db: &Db, sql: &'static str) {
    match db {
        Db::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
    }
    .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

pub use chibo_storage::Engine;

/// How many units, members and events the registry holds.
pub async fn registry_counts(db: &Db) -> (i64, i64, i64) {
    let mut tx = db.read().await.expect("begin");
    let counts = (
        chibo_storage::units::count(&mut tx)
            .await
            .expect("count units"),
        chibo_storage::members::count(&mut tx)
            .await
            .expect("count members"),
        chibo_storage::events::count(&mut tx)
            .await
            .expect("count events"),
    );
    tx.commit().await.expect("commit");
    counts
}
