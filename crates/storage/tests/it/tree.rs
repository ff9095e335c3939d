//! Unit versions, path spans and as-of headcounts in SQL agree on both engines.

use chibo_domain::ids::UnitId;
use chibo_domain::member::{EntryBody, EventKind, HistoryEntry, LifeEvent, periods};
use chibo_domain::org::{UnitKind, UnitName, UnitVersion, unit_spans};
use chibo_storage::db::prefix_range;
use chibo_storage::{Engine, Tx, now, paths, periods as period_repo, units};
use chibo_testkit::{Postgres, Sqlite, TestDb};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn add_unit(
    tx: &mut Tx,
    code: &str,
    kind: UnitKind,
    parent: Option<UnitId>,
    from: NaiveDate,
) -> UnitId {
    let id = units::insert_unit(tx, code, now()).await.unwrap();
    let v = UnitVersion {
        unit: id,
        parent,
        name: UnitName::parse(&format!("Đơn vị {code}")).unwrap(),
        kind,
        admin_unit_code: None,
        valid_from: from,
        valid_to: None,
    };
    units::insert_version(tx, &v, now()).await.unwrap();
    let mut parent_spans = Vec::new();
    if let Some(p) = parent {
        parent_spans = paths::spans(tx, p).await.unwrap();
    }
    let spans = unit_spans(&[v], &|_| parent_spans.clone()).unwrap();
    paths::replace_spans(tx, id, &spans).await.unwrap();
    id
}

#[rstest::rstest]
#[tokio::test]
async fn headcounts_follow_the_tree_of_the_day(#[values(Sqlite, Postgres)] engine: Engine) {
    let t = TestDb::fresh(engine).await;
    let mut tx = t.db.write().await.unwrap();
    let province = add_unit(
        &mut tx,
        "P1",
        UnitKind::ProvinceCommittee,
        None,
        d(1975, 1, 1),
    )
    .await;
    let commune = add_unit(
        &mut tx,
        "C1",
        UnitKind::CommuneCommittee,
        Some(province),
        d(1975, 1, 1),
    )
    .await;
    let cell = add_unit(
        &mut tx,
        "G1",
        UnitKind::GrassrootsCell,
        Some(commune),
        d(1980, 1, 1),
    )
    .await;

    // Three members: one official, one probationary, one in transit from the cell.
    let history = |kind_days: &[(EventKind, NaiveDate, Option<UnitId>)]| -> Vec<HistoryEntry> {
        kind_days
            .iter()
            .enumerate()
            .map(|(i, (kind, on, unit))| HistoryEntry {
                id: chibo_domain::ids::EventId(i as i64),
                seq: i as i64,
                recorded_at: now(),
                body: EntryBody::Life(LifeEvent {
                    kind: *kind,
                    on: *on,
                    unit: *unit,
                }),
            })
            .collect()
    };
    let members = [
        history(&[
            (EventKind::Admitted, d(1990, 1, 1), Some(cell)),
            (EventKind::Recognized, d(1991, 1, 1), None),
        ]),
        history(&[(EventKind::Admitted, d(2025, 3, 1), Some(cell))]),
        history(&[
            (EventKind::Admitted, d(2000, 1, 1), Some(cell)),
            (EventKind::TransferOut, d(2025, 1, 10), None),
        ]),
    ];
    let profile = chibo_domain::person::ProfileInput {
        full_name: Some("Nguyễn Văn An".into()),
        sex: Some("M".into()),
        birth_date: Some("01/01/1960".into()),
        ..Default::default()
    }
    .parse(d(2026, 1, 1))
    .unwrap();
    for (i, h) in members.iter().enumerate() {
        let state = chibo_domain::member::replay(h, None).unwrap().unwrap();
        let id = chibo_storage::members::insert(
            &mut tx,
            &format!("k{i}"),
            &profile,
            None,
            &state,
            now(),
        )
        .await
        .unwrap();
        period_repo::replace(&mut tx, id, &periods(h).unwrap())
            .await
            .unwrap();
        assert_eq!(
            period_repo::of_member(&mut tx, id).await.unwrap(),
            periods(h).unwrap()
        );
    }

    let root = paths::path_on(&mut tx, province, d(2025, 6, 1))
        .await
        .unwrap()
        .unwrap();
    let range = prefix_range(root.as_str());
    let c = period_repo::headcount(&mut tx, d(2025, 6, 1), &range)
        .await
        .unwrap();
    assert_eq!(
        (c.members, c.official, c.probationary, c.in_transit),
        (2, 1, 1, 1)
    );
    let c = period_repo::headcount(&mut tx, d(1995, 6, 1), &range)
        .await
        .unwrap();
    assert_eq!((c.members, c.official, c.in_transit), (1, 1, 0));

    let by_child = period_repo::headcounts_by_unit(&mut tx, d(2025, 6, 1), &range, 2)
        .await
        .unwrap();
    assert_eq!(by_child.len(), 1);
    assert_eq!(
        (by_child[0].unit_id, by_child[0].count.members),
        (commune.0, 2)
    );

    let (list, total) = period_repo::members_on(&mut tx, d(2025, 6, 1), &range, 10, 0)
        .await
        .unwrap();
    assert_eq!(total, 3);
    assert!(
        list.last().unwrap().in_transit,
        "members in transit are listed last"
    );
    // Last: on PostgreSQL a failed statement ends the transaction.
    let taken = units::insert_unit(&mut tx, "G1", now()).await.unwrap_err();
    assert!(
        matches!(taken, chibo_storage::StorageError::UniqueViolation),
        "{taken}"
    );
}
