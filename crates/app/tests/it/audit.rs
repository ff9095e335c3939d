//! Every write and every view of a full profile leaves an audit row, visible to the
//! administrators and to the officers of the unit concerned.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, list};
use chibo_app::members;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use rstest::rstest;

use crate::support::Fixture;

#[rstest]
#[tokio::test]
async fn writes_and_profile_views_are_audited_within_scope(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let a = f
        .member("a", "Nguyễn Văn An", "C1-G1", "01/02/2000", None)
        .await;
    f.member("b", "Trần Văn Bình", "C2-G1", "01/02/2000", None)
        .await;
    members::member_view(&f.app, &f.admin, a).await.unwrap();

    let all = list(&f.app, &f.admin, &AuditQuery::default())
        .await
        .unwrap();
    let actions: Vec<_> = all.items.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "unit.create").count(), 6);
    assert_eq!(actions.iter().filter(|a| **a == "member.create").count(), 2);
    assert_eq!(actions[0], "member.view");
    let created = all
        .items
        .iter()
        .find(|r| r.action == "member.create")
        .unwrap();
    assert!(
        created
            .after_json
            .as_deref()
            .unwrap()
            .contains("Trần Văn Bình")
    );

    let officer = f.user("xa1", "officer", Some("C1"), None).await;
    let mine = list(&f.app, &officer, &AuditQuery::default())
        .await
        .unwrap();
    assert!(mine.items.iter().all(|r| r.unit_path.is_some()));
    assert!(
        mine.items
            .iter()
            .any(|r| r.target_label.as_deref() == Some("Nguyễn Văn An"))
    );
    assert!(
        !mine
            .items
            .iter()
            .any(|r| r.target_label.as_deref() == Some("Trần Văn Bình"))
    );
    let by_unit = list(
        &f.app,
        &officer,
        &AuditQuery {
            unit_code: Some("C2".into()),
            ..AuditQuery::default()
        },
    )
    .await;
    assert!(matches!(by_unit, Err(AppError::NotFound)));
    let filtered = list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("member.view".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(filtered.total, 1);
    let secretary = f.user("btc2", "secretary", Some("C1-G1"), None).await;
    assert!(matches!(
        list(&f.app, &secretary, &AuditQuery::default()).await,
        Err(AppError::Forbidden(_))
    ));
}
