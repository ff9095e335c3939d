//! Screening (REM-09): flag by secret ballot, help plan with a responsible member, review after
//! the help period, removal decision with the registry event `removed`. Reproduces Tây Ninh's
//! counts: 35 members flagged, 6 removed after the review period.

use chibo_app::AppError;
use chibo_app::screening::{decide_removal, get, record};
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
