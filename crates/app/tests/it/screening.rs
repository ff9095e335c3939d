//! Screening (REM-09): flag by secret ballot, help plan with a responsible member, review after
//! the help period, removal decision with the registry event `removed`. Reproduces Tây Ninh's
//! counts: 35 members flagged, 6 removed after the review period.

use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::screening::{Decision, decide_removal, get, list, record};
use chibo_domain::ids::MemberId;
use chibo_domain::member::{ExitKind, Status};
use chibo_domain::removal::{ScreeningState, ScreeningStep, ScreeningVote, VoteMethod};
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Distinct names of letters only: family name and given name from short lists.
fn name_of(i: usize) -> String {
    const FAMILY: [&str; 7] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"];
    const GIVEN: [&str; 5] = ["An", "Bình", "Cường", "Dung", "Em"];
    format!("{} Văn {}", FAMILY[(i - 1) / 5], GIVEN[(i - 1) % 5])
}

fn flag(approvals: u32, method: VoteMethod) -> ScreeningStep {
    // The cell: 40 official members, 1 exempted: base 39, 26 needed.
    ScreeningStep::Flagged {
        vote: ScreeningVote {
            official_members: 40,
            exempted: 1,
            approvals,
            method,
        },
    }
}

fn refused_rule(r: Result<impl std::fmt::Debug, AppError>) -> (&'static str, &'static str) {
    match r {
        Err(AppError::Refused(v)) => (v.rule, v.code),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[rstest]
#[tokio::test]
async fn rem_09_tay_ninh_35_flagged_6_removed_after_the_review_period(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let a = &f.admin;
    let mut flagged: Vec<MemberId> = Vec::new();
    for i in 1..=35 {
        let key = format!("sl-{i:02}");
        let name = name_of(i);
        flagged.push(
            f.member(&key, &name, "C1-G1", "01/01/2010", Some("01/01/2011"))
                .await,
        );
    }
    // A short vote and an open vote are refused, and nothing is written.
    assert_eq!(
        refused_rule(
            record(
                &f.app,
                a,
                flagged[0],
                d(2024, 6, 10),
                &flag(25, VoteMethod::SecretBallot)
            )
            .await
        ),
        ("REM-09", "screening_vote_short")
    );
    assert_eq!(
        refused_rule(
            record(
                &f.app,
                a,
                flagged[0],
                d(2024, 6, 10),
                &flag(39, VoteMethod::RaisedCard)
            )
            .await
        )
        .0,
        "REM-09"
    );
    assert!(get(&f.app, a, flagged[0]).await.unwrap().is_none());

    for m in &flagged {
        let s = record(
            &f.app,
            a,
            *m,
            d(2024, 6, 10),
            &flag(30, VoteMethod::SecretBallot),
        )
        .await
        .unwrap();
        assert_eq!(s, ScreeningState::Flagged);
        let plan = ScreeningStep::HelpPlanned {
            responsible_member: "Lê Văn Cường".into(),
        };
        record(&f.app, a, *m, d(2024, 6, 20), &plan).await.unwrap();
    }
    // A plan with nobody responsible is refused (the first member is already helped: a
    // fresh member shows it).
    let extra = f
        .member(
            "sl-x",
            "Đảng viên Thêm",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    record(
        &f.app,
        a,
        extra,
        d(2024, 6, 10),
        &flag(30, VoteMethod::SecretBallot),
    )
    .await
    .unwrap();
    let nobody = ScreeningStep::HelpPlanned {
        responsible_member: "  ".into(),
    };
    assert_eq!(
        refused_rule(record(&f.app, a, extra, d(2024, 6, 20), &nobody).await).0,
        "REM-09"
    );
    // The review before the 12-month help period has run is refused.
    let no_progress = ScreeningStep::Reviewed { progress: false };
    assert_eq!(
        refused_rule(record(&f.app, a, flagged[0], d(2025, 1, 10), &no_progress).await).0,
        "REM-09"
    );
    // No decision before the review proposes exit.
    assert_eq!(
        refused_rule(decide_removal(&f.app, a, flagged[0], d(2025, 1, 10), "QĐ 01-QĐ/ĐU").await).0,
        "REM-09"
    );
    // After the period: 29 made progress, 6 did not.
    for (i, m) in flagged.iter().enumerate() {
        let progress = i >= 6;
        let s = record(
            &f.app,
            a,
            *m,
            d(2025, 6, 25),
            &ScreeningStep::Reviewed { progress },
        )
        .await
        .unwrap();
        assert_eq!(
            s,
            if progress {
                ScreeningState::Kept
            } else {
                ScreeningState::ExitProposed
            }
        );
    }
    for (i, m) in flagged.iter().take(6).enumerate() {
        let state = decide_removal(
            &f.app,
            a,
            *m,
            d(2025, 7, 10),
            &format!("QĐ {}-QĐ/ĐU", 10 + i),
        )
        .await
        .unwrap();
        assert_eq!(state.status, Status::Left(ExitKind::Removed));
    }
    // A kept member cannot be removed through the screening.
    assert_eq!(
        refused_rule(decide_removal(&f.app, a, flagged[6], d(2025, 7, 10), "QĐ 99-QĐ/ĐU").await).0,
        "REM-09"
    );
    // A decision is taken once.
    assert_eq!(
        refused_rule(decide_removal(&f.app, a, flagged[0], d(2025, 7, 11), "QĐ 10-QĐ/ĐU").await).0,
        "REM-09"
    );
    // Tây Ninh's counts: 35 flagged, 6 removed, every step kept.
    let mut views = Vec::new();
    for m in &flagged {
        views.push(get(&f.app, a, *m).await.unwrap().unwrap());
    }
    assert_eq!(views.len(), 35);
    assert_eq!(views.iter().filter(|v| v.removed).count(), 6);
    assert_eq!(
        views
            .iter()
            .filter(|v| v.state == ScreeningState::Kept)
            .count(),
        29
    );
    assert_eq!(views[0].steps.len(), 4);
    assert_eq!(
        views[0].steps[3].decision_ref.as_deref(),
        Some("QĐ 10-QĐ/ĐU")
    );
    assert_eq!(views[6].steps.len(), 3);

    // Another unit's secretary does not find the member.
    let other = f.user("bithu2", "secretary", Some("C2-G1"), None).await;
    assert!(matches!(
        record(
            &f.app,
            &other,
            flagged[7],
            d(2025, 8, 1),
            &flag(30, VoteMethod::SecretBallot)
        )
        .await,
        Err(AppError::NotFound)
    ));
}

#[rstest]
#[tokio::test]
async fn rem_09_the_list_shows_each_case_with_its_review_due_and_overdue_within_scope(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let a = &f.admin;
    let plan = || ScreeningStep::HelpPlanned {
        responsible_member: "Lê Văn Cường".into(),
    };
    let official = Some("01/01/2011");
    let only_flagged = f
        .member("ds-1", "Nguyễn Văn An", "C1-G1", "01/01/2010", official)
        .await;
    let helped = f
        .member("ds-2", "Trần Văn Bình", "C1-G1", "01/01/2010", official)
        .await;
    let kept = f
        .member("ds-3", "Lê Văn Cường", "C1-G2", "01/01/2010", official)
        .await;
    let removed = f
        .member("ds-4", "Phạm Văn Dung", "C1-G2", "01/01/2010", official)
        .await;
    let elsewhere = f
        .member("ds-5", "Võ Văn Em", "C2-G1", "01/01/2010", official)
        .await;
    let never = f
        .member("ds-6", "Đặng Văn Phúc", "C1-G1", "01/01/2010", official)
        .await;
    for m in [only_flagged, helped, kept, removed, elsewhere] {
        record(
            &f.app,
            a,
            m,
            d(2024, 6, 10),
            &flag(30, VoteMethod::SecretBallot),
        )
        .await
        .unwrap();
    }
    for m in [helped, kept, removed] {
        record(&f.app, a, m, d(2024, 6, 20), &plan()).await.unwrap();
    }
    record(
        &f.app,
        a,
        kept,
        d(2025, 6, 20),
        &ScreeningStep::Reviewed { progress: true },
    )
    .await
    .unwrap();
    record(
        &f.app,
        a,
        removed,
        d(2025, 6, 25),
        &ScreeningStep::Reviewed { progress: false },
    )
    .await
    .unwrap();
    decide_removal(&f.app, a, removed, d(2025, 7, 10), "QĐ 20-QĐ/ĐU")
        .await
        .unwrap();

    // The day before the review falls due: nobody is overdue, nothing decided yet.
    let rows = list(&f.app, By::User(a), Some("C1"), d(2024, 12, 1))
        .await
        .unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r.member_key.as_str()).collect();
    assert_eq!(
        keys,
        ["ds-1", "ds-2", "ds-3", "ds-4"],
        "C1's cases by cell and key"
    );
    assert!(rows.iter().all(|r| !r.overdue && r.decision.is_none()));
    assert_eq!(rows[0].state, "flagged");
    assert_eq!(rows[0].review_due, None, "no review due before the plan");
    assert_eq!(rows[1].state, "helping");
    assert_eq!(rows[1].responsible_member.as_deref(), Some("Lê Văn Cường"));
    assert_eq!(rows[1].review_due, Some(d(2025, 6, 20)), "plan + 12 months");
    // On the due day the review is due, not yet overdue; the day after it is.
    let rows = list(&f.app, By::User(a), Some("C1-G1"), d(2025, 6, 20))
        .await
        .unwrap();
    assert_eq!(
        (rows[1].member_key.as_str(), rows[1].overdue),
        ("ds-2", false)
    );
    let rows = list(&f.app, By::User(a), Some("C1"), d(2025, 8, 1))
        .await
        .unwrap();
    let by_key = |k: &str| rows.iter().find(|r| r.member_key == k).unwrap();
    assert!(by_key("ds-2").overdue, "unreviewed after the help period");
    assert!(!by_key("ds-1").overdue, "no plan, no review due");
    assert_eq!(by_key("ds-3").state, "kept");
    assert_eq!(by_key("ds-3").decision, Some(Decision::Kept));
    assert!(!by_key("ds-3").overdue, "reviewed");
    // The removed member stays listed under the cell they left, with the decision.
    let gone = by_key("ds-4");
    assert_eq!((gone.state, gone.unit_code.as_str()), ("removed", "C1-G2"));
    assert_eq!(gone.decision, Some(Decision::Removed));
    assert_eq!(gone.decision_ref.as_deref(), Some("QĐ 20-QĐ/ĐU"));
    // As of a day between the review and the decision: exit proposed.
    let rows = list(&f.app, By::User(a), Some("C1-G2"), d(2025, 7, 1))
        .await
        .unwrap();
    assert_eq!(rows[1].decision, Some(Decision::ExitProposed));
    assert_eq!(rows[1].decision_ref, None);
    // Before any flag: nothing.
    assert!(
        list(&f.app, By::User(a), Some("C1"), d(2024, 6, 1))
            .await
            .unwrap()
            .is_empty()
    );

    // The review shows in the deadline list until recorded: due on the day, then overdue.
    let reviews =
        |rows: Vec<chibo_app::deadlines::Deadline>| -> Vec<(String, NaiveDate, &'static str)> {
            rows.into_iter()
                .filter(|r| r.kind == chibo_app::deadlines::DeadlineKind::ScreeningReview)
                .map(|r| (r.subject_key, r.due_date, r.status.code()))
                .collect()
        };
    let due = chibo_app::deadlines::list(&f.app, By::User(a), d(2025, 6, 20), Some("C1")).await;
    assert_eq!(
        reviews(due.unwrap()),
        [
            ("ds-2".to_owned(), d(2025, 6, 20), "due"),
            ("ds-4".to_owned(), d(2025, 6, 20), "due")
        ],
        "ds-3's review is recorded on the day; ds-1 has no plan"
    );
    let late = chibo_app::deadlines::list(&f.app, By::User(a), d(2025, 8, 1), Some("C1")).await;
    assert_eq!(
        reviews(late.unwrap()),
        [("ds-2".to_owned(), d(2025, 6, 20), "overdue")]
    );

    // Scope: C2's secretary sees C2's case only, and does not find C1.
    let other = f.user("bithu2", "secretary", Some("C2-G1"), None).await;
    let theirs = list(&f.app, By::User(&other), None, d(2025, 8, 1))
        .await
        .unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].member_id, elsewhere.0);
    assert!(matches!(
        list(&f.app, By::User(&other), Some("C1"), d(2025, 8, 1)).await,
        Err(AppError::NoSuchReference { field: "unit" })
    ));
    // The whole registry for the command line.
    let all = list(&f.app, By::System("test"), None, d(2025, 8, 1))
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    assert!(!all.iter().any(|r| r.member_id == never.0), "never flagged");
}
