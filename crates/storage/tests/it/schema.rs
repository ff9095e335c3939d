//! The two engines' migrations define the same schema, and SQLite runs as configured.

use chibo_storage::Db;
use chibo_storage::schema::describe;
use chibo_testkit::{Postgres, Sqlite, TestDb};

#[tokio::test]
async fn sqlite_and_postgres_schemas_are_equivalent() {
    let lite = TestDb::fresh(Sqlite).await;
    let pg = TestDb::fresh(Postgres).await;
    let a = describe(&mut lite.db.read().await.unwrap()).await.unwrap();
    let b = describe(&mut pg.db.read().await.unwrap()).await.unwrap();
    assert!(!a.columns.is_empty());
    for (table, cols) in &a.columns {
        assert_eq!(Some(cols), b.columns.get(table), "table {table} differs");
    }
    assert_eq!(
        a.columns.keys().collect::<Vec<_>>(),
        b.columns.keys().collect::<Vec<_>>()
    );
    assert_eq!(a.indexes, b.indexes);
    assert!(a.foreign_keys.len() > 10, "{:?}", a.foreign_keys);
    assert_eq!(a.foreign_keys, b.foreign_keys);
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_on() {
    let t = TestDb::fresh(Sqlite).await;
    let Db::Sqlite(pool) = &t.db else {
        panic!("not SQLite")
    };
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!((mode.as_str(), fk), ("wal", 1));
}

#[rstest::rstest]
#[tokio::test]
async fn migrations_are_idempotent(#[values(Sqlite, Postgres)] engine: chibo_storage::Engine) {
    let t = TestDb::empty(engine).await;
    t.db.migrate().await.unwrap();
    t.db.migrate().await.unwrap();
    t.db.ping().await.unwrap();
}

/// GEN-03, migration 0019: the rule values set before versions existed (`rule.*` rows of
/// `app_setting`) become versions valid from 1900-01-01 and leave `app_setting`; other
/// settings stay.
#[rstest::rstest]
#[tokio::test]
async fn migration_0019_turns_stored_rule_values_into_versions(
    #[values(Sqlite, Postgres)] engine: chibo_storage::Engine,
) {
    use sqlx::migrate::Migrator;
    let t = TestDb::empty(engine).await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(match engine {
        chibo_storage::Engine::Sqlite => "migrations/sqlite",
        chibo_storage::Engine::Postgres => "migrations/postgres",
    });
    let before = Migrator::new(dir).await.unwrap();
    match &t.db {
        Db::Sqlite(p) => before.run_to(18, p).await.unwrap(),
        Db::Postgres(p) => before.run_to(18, p).await.unwrap(),
    }
    chibo_testkit::execute(
        &t.db,
        "INSERT INTO app_setting (key, value) VALUES \
         ('rule.ceremony_wd', '20'), ('rule.warning_threshold', '4'), ('csrf_secret', 'x')",
    )
    .await;
    t.db.migrate().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    let versions = chibo_storage::rule_settings::all(&mut tx).await.unwrap();
    let kept = chibo_storage::settings::get(&mut tx, "csrf_secret")
        .await
        .unwrap();
    let gone = chibo_storage::settings::get(&mut tx, "rule.ceremony_wd")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let since = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let got: Vec<_> = versions
        .iter()
        .map(|v| {
            (
                v.key.as_str(),
                v.value.as_str(),
                v.valid_from,
                v.set_by.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("ceremony_wd", "20", since, "migration"),
            ("warning_threshold", "4", since, "migration")
        ]
    );
    assert_eq!((kept.as_deref(), gone), (Some("x"), None));
}
