//! `chibo check` rebuilds every member from the events and catches any difference.

use chibo_app::check::{CheckProblem, check};
use chibo_storage::{Db, Engine};
use chibo_testkit::{Postgres, Sqlite};

async fn tamper(db: &Db, sql: &'static str) {
    chibo_testkit::execute(db, sql).await;
}
use rstest::rstest;

use crate::support::Fixture;

#[rstest]
#[tokio::test]
async fn check_catches_a_projection_that_differs_from_the_history(
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
    f.member("b", "Trần Văn Bình", "C1-G2", "01/02/2024", None)
        .await;
    let clean = check(&f.app).await.unwrap();
    assert!(clean.ok(), "{:?}", clean.problems);
    assert_eq!((clean.members, clean.units), (2, 6));

    tamper(
        &f.app.db,
        "UPDATE member SET exempted = TRUE WHERE member_key = 'a'",
    )
    .await;
    let report = check(&f.app).await.unwrap();
    assert!(
        matches!(&report.problems[..], [CheckProblem::StateDiffers { member_key, .. }] if member_key == "a"),
        "{:?}",
        report.problems
    );

    tamper(
        &f.app.db,
        "UPDATE member SET exempted = FALSE WHERE member_key = 'a'",
    )
    .await;
    tamper(&f.app.db, "DELETE FROM membership_period WHERE member_id = (SELECT id FROM member WHERE member_key = 'b')").await;
    let report = check(&f.app).await.unwrap();
    assert!(
        matches!(&report.problems[..], [CheckProblem::PeriodsDiffer { member_key }] if member_key == "b"),
        "{:?}",
        report.problems
    );

    tamper(&f.app.db, "UPDATE unit_path SET valid_from = '1991-01-01' WHERE unit_id = (SELECT id FROM unit WHERE code = 'C1-G1')").await;
    let report = check(&f.app).await.unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| matches!(p, CheckProblem::SpansDiffer { unit_code } if unit_code == "C1-G1")),
        "{:?}",
        report.problems
    );
}
