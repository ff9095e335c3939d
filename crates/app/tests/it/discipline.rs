//! Disciplinary measures (REM-07, PRB-06) and their effect on sponsoring (ADM-05), on both
//! engines.

use chibo_app::AppError;
use chibo_app::candidates::{
    NewCandidateInput, SponsorInput, StepInput, add_candidate, record_step,
};
use chibo_app::discipline::{DisciplineInput, of_member, record};
use chibo_app::removal::{ComplaintInput, record_complaint};
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use rstest::rstest;

use crate::support::Fixture;

fn measure(kind: &str, on: &str) -> DisciplineInput {
    DisciplineInput {
        kind: kind.into(),
        decided_on: on.into(),
        decision_ref: "12-QĐ/ĐU".into(),
        reason: Some("Vi phạm quy định".into()),
    }
}

fn refused(r: Result<impl std::fmt::Debug, AppError>) -> (&'static str, &'static str) {
    match r {
        Err(AppError::Rule(v)) => (v.rule(), v.code()),
        Err(AppError::Refused(v)) => (v.rule, v.code),
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

#[rstest]
#[tokio::test]
async fn adm_05_rem_07_a_sponsor_under_discipline_on_the_letter_date_is_refused(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let one = f
        .member(
            "sp-1",
            "Nguyễn Văn Một",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    f.member(
        "sp-2",
        "Trần Thị Hai",
        "C1-G1",
        "01/01/2012",
        Some("01/01/2013"),
    )
    .await;
    // A warning for sp-1 on 01/03/2024: in force for a year.
    record(&f.app, &f.admin, one, &measure("warning", "01/03/2024"))
        .await
        .unwrap();
    assert_eq!(of_member(&f.app, &f.admin, one).await.unwrap().len(), 1);
    let key = add_candidate(
        &f.app,
        &f.admin,
        &NewCandidateInput {
            candidate_key: Some("qc-1".into()),
            cell_code: "C1-G1".into(),
            full_name: "Đỗ Thị Lan".into(),
            sex: "F".into(),
            birth_date: "01/01/2000".into(),
            listed_on: "01/01/2024".into(),
            education: Some("upper_secondary".into()),
            ..NewCandidateInput::default()
        },
    )
    .await
    .unwrap();
    for (stage, on) in [
        ("awareness_class", "01/02/2024"),
        ("application", "10/02/2024"),
    ] {
        record_step(
            &f.app,
            &f.admin,
            &key,
            &StepInput {
                stage: stage.into(),
                on: on.into(),
                document_ref: Some("x".into()),
                ..StepInput::default()
            },
        )
        .await
        .unwrap();
    }
    let letters = |on: &str| StepInput {
        stage: "sponsors".into(),
        on: on.into(),
        document_ref: Some("3-KNĐ".into()),
        sponsors: ["sp-1", "sp-2"]
            .iter()
            .map(|k| SponsorInput {
                member_key: (*k).into(),
                together_since: "01/01/2020".into(),
                replaces: None,
            })
            .collect(),
        ..StepInput::default()
    };
    // Within the year of the warning: refused, nothing written.
    assert_eq!(
        refused(record_step(&f.app, &f.admin, &key, &letters("15/03/2024")).await),
        ("ADM-05", "sponsor_under_discipline")
    );
    // REM-07: the warning contested and found not to stand on 20/03/2024 no longer bars its
    // member from that day (the year-long bar itself is the domain's `in_force`).
    let measure_id = of_member(&f.app, &f.admin, one).await.unwrap()[0].id;
    let complaint = |step: &str, on: &str| ComplaintInput {
        step: step.into(),
        on: on.into(),
        discipline: (step == "decision_received").then(|| measure_id.to_string()),
        level: (step == "lodged").then(|| "local".into()),
        decision_stands: (step == "settled").then(|| "false".into()),
        ..ComplaintInput::default()
    };
    for (step, on) in [
        ("decision_received", "02/03/2024"),
        ("lodged", "10/03/2024"),
        ("settled", "20/03/2024"),
    ] {
        record_complaint(&f.app, &f.admin, one, &complaint(step, on))
            .await
            .unwrap();
    }
    record_step(&f.app, &f.admin, &key, &letters("25/03/2024"))
        .await
        .unwrap();
}

#[rstest]
#[tokio::test]
async fn prb_06_rem_07_a_probationer_cannot_be_expelled_and_an_official_expulsion_ends_membership(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let probationer = f
        .member("dv-p", "Lê Văn Dự", "C1-G1", "01/06/2025", None)
        .await;
    let official = f
        .member(
            "dv-o",
            "Lê Văn Chính",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    assert_eq!(
        refused(
            record(
                &f.app,
                &f.admin,
                probationer,
                &measure("expulsion", "01/10/2025")
            )
            .await
        ),
        ("PRB-06", "probationer_discipline")
    );
    assert!(
        of_member(&f.app, &f.admin, probationer)
            .await
            .unwrap()
            .is_empty()
    );
    record(
        &f.app,
        &f.admin,
        probationer,
        &measure("reprimand", "01/10/2025"),
    )
    .await
    .unwrap();
    // Bad input names the field and writes nothing.
    match record(
        &f.app,
        &f.admin,
        official,
        &measure("scolding", "01/10/2025"),
    )
    .await
    {
        Err(AppError::Invalid(errs)) => assert_eq!(errs[0].field, "kind"),
        other => panic!("expected a field error, got {other:?}"),
    }
    record(
        &f.app,
        &f.admin,
        official,
        &measure("expulsion", "01/10/2025"),
    )
    .await
    .unwrap();
    let mut tx = f.app.db.read().await.unwrap();
    let row = chibo_storage::members::get(&mut tx, official)
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(row.status, "expelled");
    // Another unit's secretary sees nothing of it.
    let outsider = f.user("canbo-c2", "officer", Some("C2"), None).await;
    assert!(matches!(
        of_member(&f.app, &outsider, official).await,
        Err(AppError::NotFound | AppError::Forbidden(_))
    ));
}
