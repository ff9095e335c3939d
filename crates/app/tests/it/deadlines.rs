//! Deadlines: the recognition reviews of probationers (PRB-01, PRB-02) listed when due soon,
//! due or overdue, inside the caller's scope. Every case on both engines.

use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::deadlines::{Deadline, DeadlineKind, list, to_csv};
use chibo_domain::calendar::DeadlineStatus;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn keys(rows: &[Deadline]) -> Vec<(&str, &str, NaiveDate, DeadlineStatus)> {
    rows.iter()
        .map(|r| {
            (
                r.subject_key.as_str(),
                r.unit_code.as_str(),
                r.due_date,
                r.status,
            )
        })
        .collect()
}

/// On Mon 2025-12-22: A (C1-G1) and E (C2-G1) overdue, B (C1-G2) due soon on Fri 2025-12-26,
/// C still far off, D official.
async fn registry(engine: Engine) -> Fixture {
    let f = Fixture::new(engine).await;
    // As at every start: the administrators' calendar, seeded with the shipped holidays.
    chibo_app::setup::prepare(&f.app).await.unwrap();
    f.member("DV-A", "Nguyễn Văn An", "C1-G1", "01/10/2024", None)
        .await;
    f.member("DV-B", "Trần Thị Bình", "C1-G2", "15/11/2024", None)
        .await;
    f.member("DV-C", "Lê Văn Cường", "C1-G1", "01/03/2025", None)
        .await;
    f.member(
        "DV-D",
        "Phạm Văn Dũng",
        "C1-G1",
        "01/01/2023",
        Some("01/01/2024"),
    )
    .await;
    f.member("DV-E", "Võ Thị Em", "C2-G1", "01/10/2024", None)
        .await;
    f
}

#[rstest]
#[tokio::test]
async fn prb_02_lists_overdue_and_due_soon_reviews_in_order(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = registry(engine).await;
    let as_of = d(2025, 12, 22);
    let all = list(&f.app, By::System("test"), as_of, None).await.unwrap();
    // Probation of A and E ends Wed 2025-10-01; 30 working days later is Wed 2025-11-12.
    assert_eq!(
        keys(&all),
        [
            ("DV-A", "C1-G1", d(2025, 11, 12), DeadlineStatus::Overdue),
            ("DV-E", "C2-G1", d(2025, 11, 12), DeadlineStatus::Overdue),
            ("DV-B", "C1-G2", d(2025, 12, 26), DeadlineStatus::DueSoon),
        ]
    );
    assert!(
        all.iter()
            .all(|r| r.kind == DeadlineKind::RecognitionReview)
    );
    assert_eq!(all[0].subject_name, "Nguyễn Văn An");

    // On the last day the review is due; the day after, overdue; a week before, not listed.
    let on_day = list(&f.app, By::System("test"), d(2025, 12, 26), Some("C1-G2"))
        .await
        .unwrap();
    assert_eq!(on_day[0].status, DeadlineStatus::Due);
    let after = list(&f.app, By::System("test"), d(2025, 12, 29), Some("C1-G2"))
        .await
        .unwrap();
    assert_eq!(after[0].status, DeadlineStatus::Overdue);
    let before = list(&f.app, By::System("test"), d(2025, 12, 12), Some("C1-G2"))
        .await
        .unwrap();
    assert!(before.is_empty(), "{before:?}");

    let csv = to_csv(&all).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "kind,subject_key,subject_name,unit_code,due_date,status"
    );
    assert_eq!(
        lines[1],
        "recognition_review,DV-A,Nguyễn Văn An,C1-G1,2025-11-12,overdue"
    );
    assert_eq!(lines.len(), 4);
}

#[rstest]
#[tokio::test]
async fn a_unit_limits_the_list_and_scope_is_enforced(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = registry(engine).await;
    let as_of = d(2025, 12, 22);
    let c1 = list(&f.app, By::System("test"), as_of, Some("C1"))
        .await
        .unwrap();
    assert_eq!(
        c1.iter()
            .map(|r| r.subject_key.as_str())
            .collect::<Vec<_>>(),
        ["DV-A", "DV-B"]
    );
    let unknown = list(&f.app, By::System("test"), as_of, Some("KHONG-CO"))
        .await
        .unwrap_err();
    assert!(matches!(
        unknown,
        AppError::NoSuchReference { field: "unit" }
    ));

    let officer = f.user("canbo2", "officer", Some("C2"), None).await;
    let own = list(&f.app, By::User(&officer), as_of, None).await.unwrap();
    assert_eq!(
        own.iter()
            .map(|r| r.subject_key.as_str())
            .collect::<Vec<_>>(),
        ["DV-E"]
    );
    let refused = list(&f.app, By::User(&officer), as_of, Some("C1"))
        .await
        .unwrap_err();
    assert!(
        matches!(refused, AppError::NoSuchReference { field: "unit" }),
        "{refused:?}"
    );

    // An administrator sees the whole registry; the official D and the far-off C are absent.
    let admin = list(&f.app, By::User(&f.admin), as_of, None).await.unwrap();
    assert_eq!(admin.len(), 3);
}

/// A review whose 30 working days run across Tết 2026 (16–20/02 off in the seeded calendar):
/// probation ends Sat 2026-01-10, the review is due Fri 2026-02-27 rather than 2026-02-20, so
/// on Mon 2026-02-23 it is due soon, not overdue; an administrator's extra day off moves it.
#[rstest]
#[tokio::test]
async fn prb_02_a_review_across_tet_counts_only_working_days(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = registry(engine).await;
    f.member("DV-F", "Đặng Thị Phương", "C2-G1", "10/01/2025", None)
        .await;
    let on = |rows: Vec<Deadline>| {
        rows.into_iter()
            .find(|r| r.subject_key == "DV-F")
            .map(|r| (r.due_date, r.status))
    };
    let listed = list(&f.app, By::System("test"), d(2026, 2, 23), Some("C2-G1"))
        .await
        .unwrap();
    assert_eq!(on(listed), Some((d(2026, 2, 27), DeadlineStatus::DueSoon)));

    chibo_app::calendar::save(
        &f.app,
        &f.admin,
        &chibo_app::calendar::CalendarInput {
            date: "26/02/2026".into(),
            kind: "day_off".into(),
            name: "Nghỉ bù".into(),
        },
    )
    .await
    .unwrap();
    let listed = list(&f.app, By::System("test"), d(2026, 2, 23), Some("C2-G1"))
        .await
        .unwrap();
    assert_eq!(on(listed), Some((d(2026, 3, 2), DeadlineStatus::DueSoon)));
}
