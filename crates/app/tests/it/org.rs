//! The organisation tree: founding, renaming, moving, merging and dissolving, each keeping
//! history, so the tree and the headcounts of any past day stay exact.

use chibo_app::org::{self, CreateUnitInput, DissolveInput, MergeInput, MoveInput, RenameInput};
use chibo_app::{AppError, Page};
use chibo_domain::field::Problem;
use chibo_domain::org::TreeError;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fields(e: AppError) -> Vec<(&'static str, Problem)> {
    match e {
        AppError::Invalid(v) => v.into_iter().map(|f| (f.field, f.problem)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[rstest]
#[tokio::test]
async fn org_09_a_move_changes_the_tree_from_its_date_only(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    f.member(
        "a",
        "Nguyễn Văn An",
        "C1-G1",
        "01/02/2000",
        Some("01/02/2001"),
    )
    .await;
    org::move_unit(
        &f.app,
        &f.admin,
        "C1-G1",
        &MoveInput {
            parent_code: "C2".into(),
            on: "01/07/2025".into(),
        },
    )
    .await
    .unwrap();

    let before = org::children(&f.app, &f.admin, "C1", d(2025, 6, 30))
        .await
        .unwrap();
    let after = org::children(&f.app, &f.admin, "C1", d(2025, 7, 1))
        .await
        .unwrap();
    assert_eq!(
        before
            .iter()
            .map(|r| r.unit.code.as_str())
            .collect::<Vec<_>>(),
        vec!["C1-G1", "C1-G2"]
    );
    assert_eq!(
        after
            .iter()
            .map(|r| r.unit.code.as_str())
            .collect::<Vec<_>>(),
        vec!["C1-G2"]
    );
    assert_eq!(before[0].count.members, 1);

    let c2_then = org::unit_view(
        &f.app,
        &f.admin,
        "C2",
        d(2025, 6, 30),
        Page::new(None, None),
    )
    .await
    .unwrap();
    let c2_now = org::unit_view(&f.app, &f.admin, "C2", d(2025, 7, 1), Page::new(None, None))
        .await
        .unwrap();
    assert_eq!((c2_then.count.members, c2_now.count.members), (0, 1));
    let g1 = org::unit_view(
        &f.app,
        &f.admin,
        "C1-G1",
        d(2025, 7, 1),
        Page::new(None, None),
    )
    .await
    .unwrap();
    assert_eq!(g1.versions.len(), 2, "the move keeps the old version");
    assert_eq!(
        g1.breadcrumb
            .iter()
            .map(|b| b.code.as_str())
            .collect::<Vec<_>>(),
        vec!["P", "C2"]
    );
}

#[rstest]
#[tokio::test]
async fn renaming_keeps_the_old_name_for_past_days(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    org::rename_unit(
        &f.app,
        &f.admin,
        "C1-G1",
        &RenameInput {
            name: "Chi bộ ấp An Lợi A".into(),
            on: "15/03/2020".into(),
        },
    )
    .await
    .unwrap();
    let old = org::unit_view(
        &f.app,
        &f.admin,
        "C1-G1",
        d(2020, 3, 14),
        Page::new(None, None),
    )
    .await
    .unwrap();
    let new = org::unit_view(
        &f.app,
        &f.admin,
        "C1-G1",
        d(2020, 3, 15),
        Page::new(None, None),
    )
    .await
    .unwrap();
    assert_eq!(
        (old.unit.name.as_str(), new.unit.name.as_str()),
        ("Chi bộ ấp An Lợi", "Chi bộ ấp An Lợi A")
    );
    let again = org::rename_unit(
        &f.app,
        &f.admin,
        "C1-G1",
        &RenameInput {
            name: "X Y".into(),
            on: "15/03/2020".into(),
        },
    )
    .await;
    assert!(
        matches!(
            again,
            Err(AppError::Tree(TreeError::NotAfterCurrentVersion { .. }))
        ),
        "{again:?}"
    );
}

#[rstest]
#[tokio::test]
async fn merging_moves_members_on_the_day_and_ends_the_unit(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    f.member(
        "a",
        "Nguyễn Văn An",
        "C1-G1",
        "01/02/2000",
        Some("01/02/2001"),
    )
    .await;
    f.member(
        "b",
        "Trần Thị Bình",
        "C1-G1",
        "01/02/2010",
        Some("01/02/2011"),
    )
    .await;
    f.member("c", "Lê Văn Cường", "C1-G2", "01/02/2010", None)
        .await;
    let out = org::merge_unit(
        &f.app,
        &f.admin,
        "C1-G1",
        &MergeInput {
            into_code: "C1-G2".into(),
            on: "01/01/2020".into(),
            decision_ref: Some("12-QĐ/ĐU".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(out.members_moved, 2);
    let before = org::children(&f.app, &f.admin, "C1", d(2019, 12, 31))
        .await
        .unwrap();
    let after = org::children(&f.app, &f.admin, "C1", d(2020, 1, 1))
        .await
        .unwrap();
    assert_eq!(
        before
            .iter()
            .map(|r| (r.unit.code.as_str(), r.count.members))
            .collect::<Vec<_>>(),
        vec![("C1-G1", 2), ("C1-G2", 1)]
    );
    assert_eq!(
        after
            .iter()
            .map(|r| (r.unit.code.as_str(), r.count.members))
            .collect::<Vec<_>>(),
        vec![("C1-G2", 3)]
    );
    let g1 = org::unit_view(
        &f.app,
        &f.admin,
        "C1-G1",
        d(2020, 1, 1),
        Page::new(None, None),
    )
    .await
    .unwrap();
    assert!(!g1.existed);
    assert_eq!(g1.merged_into[0].other_code, "C1-G2");
    assert!(chibo_app::check::check(&f.app).await.unwrap().ok());
}

#[rstest]
#[tokio::test]
async fn dissolving_needs_an_empty_unit(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    f.member("a", "Nguyễn Văn An", "C1-G1", "01/02/2000", None)
        .await;
    let refused = org::dissolve_unit(
        &f.app,
        &f.admin,
        "C1-G1",
        &DissolveInput {
            on: "01/01/2024".into(),
        },
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(AppError::Tree(TreeError::HasMembers { members: 1, .. }))
        ),
        "{refused:?}"
    );
    let parent = org::dissolve_unit(
        &f.app,
        &f.admin,
        "C2",
        &DissolveInput {
            on: "01/01/2024".into(),
        },
    )
    .await;
    assert!(
        matches!(parent, Err(AppError::Tree(TreeError::HasChildren { .. }))),
        "{parent:?}"
    );
    org::dissolve_unit(
        &f.app,
        &f.admin,
        "C1-G2",
        &DissolveInput {
            on: "01/01/2024".into(),
        },
    )
    .await
    .unwrap();
    let now = org::children(&f.app, &f.admin, "C1", d(2024, 1, 1))
        .await
        .unwrap();
    assert_eq!(now.len(), 1);
    let then = org::children(&f.app, &f.admin, "C1", d(2023, 12, 31))
        .await
        .unwrap();
    assert_eq!(then.len(), 2);
}

#[rstest]
#[tokio::test]
async fn founding_checks_every_field_and_the_kind_of_parent(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let bad = CreateUnitInput {
        code: "a/b".into(),
        name: "".into(),
        kind: "district".into(),
        parent_code: Some("C1".into()),
        admin_unit_code: None,
        valid_from: "31/02/2020".into(),
    };
    let errors = fields(org::create_unit(&f.app, &f.admin, &bad).await.unwrap_err());
    let orphan = CreateUnitInput {
        code: "X0".into(),
        name: "Chi bộ X".into(),
        kind: "grassroots_cell".into(),
        parent_code: Some("NOPE".into()),
        admin_unit_code: None,
        valid_from: "01/01/2020".into(),
    };
    assert!(matches!(
        org::create_unit(&f.app, &f.admin, &orphan).await,
        Err(AppError::NoSuchReference {
            field: "parent_code"
        })
    ));
    assert_eq!(
        errors.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        vec!["code", "name", "kind", "valid_from"]
    );
    let taken = CreateUnitInput {
        code: "C1".into(),
        name: "Chi bộ mới".into(),
        kind: "grassroots_cell".into(),
        parent_code: Some("C1".into()),
        admin_unit_code: None,
        valid_from: "01/01/2020".into(),
    };
    assert_eq!(
        fields(
            org::create_unit(&f.app, &f.admin, &taken)
                .await
                .unwrap_err()
        ),
        vec![("code", Problem::AlreadyTaken)]
    );
    let misplaced = CreateUnitInput {
        code: "X1".into(),
        name: "Chi bộ X".into(),
        kind: "cell".into(),
        parent_code: Some("C1".into()),
        admin_unit_code: None,
        valid_from: "01/01/2020".into(),
    };
    assert!(matches!(
        org::create_unit(&f.app, &f.admin, &misplaced).await,
        Err(AppError::Tree(TreeError::KindNotAllowed { .. }))
    ));
    let too_early = CreateUnitInput {
        code: "X2".into(),
        name: "Chi bộ X".into(),
        kind: "grassroots_cell".into(),
        parent_code: Some("C1".into()),
        admin_unit_code: None,
        valid_from: "01/01/1980".into(),
    };
    assert!(matches!(
        org::create_unit(&f.app, &f.admin, &too_early).await,
        Err(AppError::Tree(TreeError::ParentMissing { .. }))
    ));
    let admin_unit = CreateUnitInput {
        code: "X3".into(),
        name: "Đảng bộ phường Hoàn Kiếm".into(),
        kind: "commune_committee".into(),
        parent_code: Some("P".into()),
        admin_unit_code: Some("99999".into()),
        valid_from: "01/07/2025".into(),
    };
    assert_eq!(
        fields(
            org::create_unit(&f.app, &f.admin, &admin_unit)
                .await
                .unwrap_err()
        ),
        vec![("admin_unit_code", Problem::UnknownCommune)]
    );
    let ok = CreateUnitInput {
        admin_unit_code: Some("70".into()),
        ..admin_unit
    };
    org::create_unit(&f.app, &f.admin, &ok).await.unwrap();
}

#[rstest]
#[tokio::test]
async fn a_cycle_is_refused(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    let moved = org::move_unit(
        &f.app,
        &f.admin,
        "C1",
        &MoveInput {
            parent_code: "C1-G1".into(),
            on: "01/01/2020".into(),
        },
    )
    .await;
    assert!(matches!(moved, Err(AppError::Tree(_))), "{moved:?}");
}

#[rstest]
#[tokio::test]
async fn officers_change_only_their_subtree(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    let officer = f.user("xa1", "officer", Some("C1"), None).await;
    let inspector = f.user("kt1", "inspector", Some("C1"), None).await;
    let rename = RenameInput {
        name: "Tên mới".into(),
        on: "01/01/2020".into(),
    };
    assert!(matches!(
        org::rename_unit(&f.app, &officer, "C2-G1", &rename).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        org::rename_unit(&f.app, &inspector, "C1-G1", &rename).await,
        Err(AppError::Forbidden(_))
    ));
    org::rename_unit(&f.app, &officer, "C1-G1", &rename)
        .await
        .unwrap();
    // Moving a unit out of the subtree needs a parent inside it.
    let out = org::move_unit(
        &f.app,
        &officer,
        "C1-G2",
        &MoveInput {
            parent_code: "C2".into(),
            on: "01/01/2021".into(),
        },
    )
    .await;
    assert!(
        matches!(
            out,
            Err(AppError::NoSuchReference {
                field: "parent_code"
            })
        ),
        "{out:?}"
    );
    let nowhere = org::move_unit(
        &f.app,
        &officer,
        "C1-G2",
        &MoveInput {
            parent_code: "NOPE".into(),
            on: "01/01/2021".into(),
        },
    )
    .await;
    assert!(
        matches!(
            nowhere,
            Err(AppError::NoSuchReference {
                field: "parent_code"
            })
        ),
        "an unknown code is answered as one outside the scope"
    );
    let roots = org::roots(&f.app, &officer, d(2024, 1, 1)).await.unwrap();
    assert_eq!(
        roots
            .iter()
            .map(|r| r.unit.code.as_str())
            .collect::<Vec<_>>(),
        vec!["C1"]
    );
    assert!(matches!(
        org::unit_view(&f.app, &officer, "P", d(2024, 1, 1), Page::new(None, None)).await,
        Err(AppError::NotFound)
    ));
}

#[rstest]
#[tokio::test]
async fn org_11_residential_areas_record_their_covering_cell(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let commune = CreateUnitInput {
        code: "HK".into(),
        name: "Đảng bộ phường Hoàn Kiếm".into(),
        kind: "commune_committee".into(),
        parent_code: Some("P".into()),
        admin_unit_code: Some("70".into()),
        valid_from: "01/07/2025".into(),
    };
    org::create_unit(&f.app, &f.admin, &commune).await.unwrap();
    let cell = CreateUnitInput {
        code: "HK-1".into(),
        name: "Chi bộ tổ dân phố 1".into(),
        kind: "grassroots_cell".into(),
        parent_code: Some("HK".into()),
        admin_unit_code: None,
        valid_from: "01/07/2025".into(),
    };
    org::create_unit(&f.app, &f.admin, &cell).await.unwrap();
    let area = org::AreaInput {
        name: "Tổ dân phố 1".into(),
        kind: "to_dan_pho".into(),
        covering_unit_code: Some("HK-1".into()),
    };
    org::add_area(&f.app, &f.admin, "HK", &area).await.unwrap();
    let foreign = org::AreaInput {
        name: "Tổ dân phố 2".into(),
        kind: "to_dan_pho".into(),
        covering_unit_code: Some("C1-G1".into()),
    };
    assert_eq!(
        fields(
            org::add_area(&f.app, &f.admin, "HK", &foreign)
                .await
                .unwrap_err()
        ),
        vec![("covering_unit_code", Problem::UnknownUnit)]
    );
    let dup = org::add_area(&f.app, &f.admin, "HK", &area)
        .await
        .unwrap_err();
    assert_eq!(fields(dup), vec![("name", Problem::AlreadyTaken)]);
    let view = org::unit_view(&f.app, &f.admin, "HK", d(2025, 8, 1), Page::new(None, None))
        .await
        .unwrap();
    assert_eq!(view.areas.len(), 1);
    assert_eq!(view.areas[0].covering_unit_code.as_deref(), Some("HK-1"));
}
