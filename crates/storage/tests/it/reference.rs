//! The administrative reference data (rule ORG-02).

use chibo_storage::{Engine, reference};
use chibo_testkit::{Postgres, Sqlite, TestDb};

#[rstest::rstest]
#[tokio::test]
async fn org_02_reference_holds_34_provinces_and_3321_communes(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    let mut tx = t.db.write().await.unwrap();
    assert_eq!(reference::provinces(&mut tx).await.unwrap().len(), 34);
    assert_eq!(reference::commune_count(&mut tx).await.unwrap(), 3321);
    assert!(
        !reference::ensure_loaded(&mut tx).await.unwrap(),
        "loading twice adds nothing"
    );
    let hits = reference::search_communes(&mut tx, "hoan kiem", 5)
        .await
        .unwrap();
    assert_eq!(hits[0].name, "Phường Hoàn Kiếm");
    let wards = reference::communes_of(&mut tx, "1").await.unwrap();
    assert!(wards.iter().any(|c| c.code == "70"));
}
