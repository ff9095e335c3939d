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
