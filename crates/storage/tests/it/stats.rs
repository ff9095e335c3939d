//! The statistics change log and bulk reads, on both engines.

use chibo_domain::ids::{MemberId, UnitId};
use chibo_storage::Engine;
use chibo_storage::stats::{self, Change, ChangesSince};
use chibo_testkit::{Postgres, Sqlite, TestDb};
use rstest::rstest;

#[rstest]
#[tokio::test]
async fn each_recorded_change_gets_the_next_version_and_is_read_back(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    let mut tx = t.db.write().await.unwrap();
    assert_eq!(stats::version(&mut tx).await.unwrap(), 0);
    let v1 = stats::record_change(&mut tx, Change::Members(&[MemberId(7), MemberId(3)]))
        .await
        .unwrap();
    let v2 = stats::record_change(&mut tx, Change::Units(&[UnitId(1)]))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!((v1, v2), (1, 2));

    let mut tx = t.db.read().await.unwrap();
    assert_eq!(stats::version(&mut tx).await.unwrap(), 2);
    assert_eq!(
        stats::changes_since(&mut tx, 0).await.unwrap(),
        ChangesSince {
            version: 2,
            everything: false,
            members: vec![MemberId(3), MemberId(7)],
            units: true,
        }
    );
    let after = stats::changes_since(&mut tx, 2).await.unwrap();
    assert_eq!(
        after,
        ChangesSince {
            version: 2,
            ..ChangesSince::default()
        }
    );
    tx.commit().await.unwrap();

    let mut tx = t.db.write().await.unwrap();
    stats::record_change(&mut tx, Change::Everything)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    assert_eq!(stats::version(&mut tx).await.unwrap(), 2, "rolled back");
    let mut tx2 = t.db.write().await.unwrap();
    drop(tx);
    stats::record_change(&mut tx2, Change::Everything)
        .await
        .unwrap();
    assert!(stats::changes_since(&mut tx2, 2).await.unwrap().everything);
    tx2.commit().await.unwrap();
}
