//! Candidates from the outstanding list to the ceremony (issue 5, point 2): each step checked
//! against the admission rules on its date, a refusal naming its rule and writing nothing,
//! and the ceremony creating the probationary member with their `admitted` event.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, By, list as audit_list};
use chibo_app::candidates::{
    NewCandidateInput, SponsorInput, StepInput, add_candidate, get, list, record_step,
};
use chibo_domain::access::Actor;
use chibo_domain::admission::{AdmissionParams, Stage, admission_decision_due};
use chibo_domain::calendar::shipped_calendar;
use chibo_domain::member::EventKind;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn setup(engine: Engine) -> Fixture {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    // Two official sponsors and a probationary member in the cell C1-G1.
    f.member(
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
    f.member("sp-p", "Lê Văn Ba", "C1-G1", "01/01/2025", None)
        .await;
    f
}

async fn candidate(f: &Fixture, actor: &Actor, key: &str) -> Result<String, AppError> {
    add_candidate(
        &f.app,
        actor,
        &NewCandidateInput {
            candidate_key: Some(key.into()),
            cell_code: "C1-G1".into(),
            full_name: "Phạm Thị Tư".into(),
            sex: "F".into(),
            birth_date: "15/05/2000".into(),
            listed_on: "10/01/2025".into(),
            education: Some("upper_secondary".into()),
            ..NewCandidateInput::default()
        },
    )
    .await
}

fn step(stage: &str, on: &str) -> StepInput {
    StepInput {
        stage: stage.into(),
        on: on.into(),
        ..StepInput::default()
    }
}

fn sponsors(keys: &[&str], on: &str) -> StepInput {
    StepInput {
        sponsors: keys
            .iter()
            .map(|k| SponsorInput {
                member_key: (*k).into(),
                together_since: "01/01/2020".into(),
                replaces: None,
            })
            .collect(),
        ..step("sponsors", on)
    }
}

fn cell_vote(on: &str, official: u32, approvals: u32) -> StepInput {
    StepInput {
        official_members: Some(official),
        approvals: Some(approvals),
        document_ref: Some(format!("NQ-6/{on}")),
        ..step("cell_vote", on)
    }
}

fn committee_vote(on: &str, size: u32, approvals: u32) -> StepInput {
    StepInput {
        committee_size: Some(size),
        approvals: Some(approvals),
        document_ref: Some(format!("NQ-8/{on}")),
        ..step("committee_vote", on)
    }
}

/// The decision of the superior standing committee (ADM-12 needs no delegation for it).
fn decided(on: &str, number: &str) -> StepInput {
    StepInput {
        document_ref: Some(number.into()),
        deciding_body: Some("superior_standing_committee".into()),
        ..step("decided", on)
    }
}

/// The steps up to the verification, every document with its reference and the comment
/// summary recorded with the verification (ADM-07, ADM-08, ADM-15).
fn dossier_steps() -> Vec<StepInput> {
    vec![
        StepInput {
            document_ref: Some("GCN-15/2025".into()),
            ..step("awareness_class", "01/02/2025")
        },
        StepInput {
            document_ref: Some("1-KNĐ".into()),
            ..step("application", "10/02/2025")
        },
        StepInput {
            document_ref: Some("3-KNĐ".into()),
            ..sponsors(&["sp-1", "sp-2"], "15/02/2025")
        },
        StepInput {
            document_ref: Some("2-KNĐ".into()),
            conclusion: Some("Lý lịch rõ ràng, đủ tiêu chuẩn.".into()),
            relatives: vec!["birth_parents".into(), "spouse".into()],
            comment_summary_ref: Some("5-KNĐ".into()),
            ..step("verified", "01/03/2025")
        },
    ]
}

async fn record_all(f: &Fixture, key: &str, steps: Vec<StepInput>) {
    for input in steps {
        record_step(&f.app, &f.admin, key, &input).await.unwrap();
    }
}

fn rule(r: Result<impl std::fmt::Debug, AppError>) -> (&'static str, &'static str) {
    match r {
        Err(AppError::Rule(v)) => (v.rule(), v.code()),
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

async fn steps_of(f: &Fixture, key: &str) -> usize {
    get(&f.app, &f.admin, key).await.unwrap().steps.len()
}

/// Records the steps up to the committee vote, all passing.
async fn up_to_committee_vote(f: &Fixture, key: &str) {
    let mut steps = dossier_steps();
    steps.push(cell_vote("10/03/2025", 10, 8));
    steps.push(committee_vote("20/03/2025", 15, 10));
    record_all(f, key, steps).await;
}

#[rstest]
#[tokio::test]
async fn a_candidate_walks_from_the_list_to_the_ceremony_and_becomes_a_probationary_member(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-1").await.unwrap();
    assert_eq!(key, "cand-1");
    up_to_committee_vote(&f, &key).await;
    let decided = record_step(&f.app, &f.admin, &key, &decided("01/04/2025", "123-QĐ/ĐU"))
        .await
        .unwrap();
    let cal = shipped_calendar().unwrap();
    let due = admission_decision_due(d(2025, 3, 10), false, &cal, &AdmissionParams::default());
    assert_eq!(decided.due_on, due);
    assert!(decided.member.is_none());
    let ceremony = record_step(&f.app, &f.admin, &key, &step("ceremony", "15/04/2025"))
        .await
        .unwrap();
    let member = ceremony.member.expect("the ceremony creates the member");

    // The member: probationary, in the cell, admitted on the ceremony day by the decision.
    let mut tx = f.app.db.read().await.unwrap();
    let row = chibo_storage::members::get(&mut tx, member)
        .await
        .unwrap()
        .unwrap();
    let history = chibo_storage::events::history(&mut tx, member)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(row.full_name, "Phạm Thị Tư");
    assert_eq!(row.status, "probationary");
    assert_eq!(row.admitted_on, d(2025, 4, 15));
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].kind, EventKind::Admitted.code());
    assert_eq!(history[0].effective_on, d(2025, 4, 15));
    assert_eq!(history[0].decision_ref.as_deref(), Some("123-QĐ/ĐU"));

    let view = get(&f.app, &f.admin, &key).await.unwrap();
    assert_eq!(view.steps.len(), Stage::ALL.len());
    assert_eq!(view.next_stage, None);
    assert_eq!(view.steps.last().unwrap().member_id, Some(member.0));
    assert!(
        view.steps
            .iter()
            .all(|s| s.recorded_by == Some(f.admin.user.0))
    );
    // Nothing after the ceremony.
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &step("ceremony", "16/04/2025")).await),
        ("ADM-14", "stage_out_of_order")
    );
    let listed = list(&f.app, &f.admin, "C1-G1").await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].stage, Some(Stage::Ceremony));

    // Every write audited: the creation, eight steps, and the member's creation.
    let audit = |action: &str| AuditQuery {
        action: Some(action.into()),
        ..AuditQuery::default()
    };
    let created = audit_list(&f.app, &f.admin, &audit("candidate.create"))
        .await
        .unwrap();
    let steps = audit_list(&f.app, &f.admin, &audit("candidate.step"))
        .await
        .unwrap();
    assert_eq!((created.total, steps.total), (1, 8));
}

/// ADM-09, ADM-10: a vote without two thirds is recorded (and so reported upward) but does not
/// advance the pipeline; the cell votes again a month later, and the walk goes on to the
/// ceremony.
#[rstest]
#[tokio::test]
async fn adm_09_adm_10_failed_votes_are_recorded_and_a_later_vote_continues_to_the_ceremony(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-2").await.unwrap();
    record_all(&f, &key, dossier_steps()).await;
    let failed = record_step(&f.app, &f.admin, &key, &cell_vote("10/03/2025", 10, 6))
        .await
        .unwrap();
    assert!(!failed.passed);
    let why = failed.violation.expect("the failed check");
    assert_eq!((why.rule, why.code), ("ADM-09", "cell_vote_short"));
    assert!(why.message.contains("cần ít nhất 7"), "{}", why.message);
    let view = get(&f.app, &f.admin, &key).await.unwrap();
    assert_eq!(view.steps.len(), 6);
    assert!(!view.steps[5].passed);
    assert_eq!(view.next_stage, Some(Stage::CellVote));
    assert_eq!(
        list(&f.app, &f.admin, "C1-G1").await.unwrap()[0].stage,
        Some(Stage::Verified)
    );
    // Not past the cell vote: no committee vote, and no new vote dated before the failed one.
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &committee_vote("20/03/2025", 15, 12)).await),
        ("ADM-14", "stage_out_of_order")
    );
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &cell_vote("09/03/2025", 10, 9)).await),
        ("ADM-14", "stage_date_backwards")
    );
    // A month later the cell votes again and passes.
    let second = record_step(&f.app, &f.admin, &key, &cell_vote("10/04/2025", 10, 7))
        .await
        .unwrap();
    assert!(second.passed && second.violation.is_none());
    // The committee falls short once (ADM-10), recorded, then endorses.
    let short = record_step(&f.app, &f.admin, &key, &committee_vote("20/04/2025", 15, 9))
        .await
        .unwrap();
    assert!(!short.passed);
    assert_eq!(short.violation.map(|v| v.rule), Some("ADM-10"));
    let endorsed = record_step(&f.app, &f.admin, &key, &committee_vote("25/04/2025", 15, 10))
        .await
        .unwrap();
    assert!(endorsed.passed);
    // The ADM-11 limit runs from the passed cell vote, not the failed one.
    let decision = record_step(&f.app, &f.admin, &key, &decided("05/05/2025", "45-QĐ/HU"))
        .await
        .unwrap();
    let cal = shipped_calendar().unwrap();
    assert_eq!(
        decision.due_on,
        admission_decision_due(d(2025, 4, 10), false, &cal, &AdmissionParams::default())
    );
    let ceremony = record_step(&f.app, &f.admin, &key, &step("ceremony", "19/05/2025"))
        .await
        .unwrap();
    assert!(ceremony.member.is_some());
    let view = get(&f.app, &f.admin, &key).await.unwrap();
    assert_eq!(view.next_stage, None);
    assert_eq!(view.steps.iter().filter(|s| !s.passed).count(), 2);
    assert_eq!(view.steps.len(), Stage::ALL.len() + 2);
}

#[rstest]
#[tokio::test]
async fn an_expired_awareness_certificate_is_refused_with_adm_04(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-3").await.unwrap();
    // Listed on 2025-01-10: a certificate recorded as the next step cannot be dated before.
    assert_eq!(
        rule(
            record_step(
                &f.app,
                &f.admin,
                &key,
                &step("awareness_class", "01/12/2019")
            )
            .await
        ),
        ("ADM-14", "stage_date_backwards")
    );
    // Listed before a certificate of 2019-12-01, valid until 2024-12-01: expired at the vote.
    let key = add_candidate(
        &f.app,
        &f.admin,
        &NewCandidateInput {
            candidate_key: Some("cand-3b".into()),
            cell_code: "C1-G1".into(),
            full_name: "Võ Văn Năm".into(),
            sex: "M".into(),
            birth_date: "01/01/1995".into(),
            listed_on: "01/06/2019".into(),
            education: Some("lower_secondary".into()),
            ..NewCandidateInput::default()
        },
    )
    .await
    .unwrap();
    let mut steps = dossier_steps();
    steps[0] = step("awareness_class", "01/12/2019");
    record_all(&f, &key, steps).await;
    let before = steps_of(&f, &key).await;
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &cell_vote("10/03/2025", 10, 9)).await),
        ("ADM-04", "awareness_certificate_expired")
    );
    assert_eq!(steps_of(&f, &key).await, before);
}

#[rstest]
#[tokio::test]
async fn a_probationary_sponsor_is_refused_with_adm_05(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-4").await.unwrap();
    record_step(
        &f.app,
        &f.admin,
        &key,
        &step("awareness_class", "01/02/2025"),
    )
    .await
    .unwrap();
    record_step(&f.app, &f.admin, &key, &step("application", "10/02/2025"))
        .await
        .unwrap();
    assert_eq!(
        rule(
            record_step(
                &f.app,
                &f.admin,
                &key,
                &sponsors(&["sp-1", "sp-p"], "15/02/2025")
            )
            .await
        ),
        ("ADM-05", "sponsor_not_official")
    );
    // One eligible sponsor without an endorsement is too few (ADM-06).
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &sponsors(&["sp-1"], "15/02/2025")).await),
        ("ADM-06", "too_few_sponsors")
    );
    // An unknown sponsor is a field error.
    assert!(matches!(
        record_step(
            &f.app,
            &f.admin,
            &key,
            &sponsors(&["sp-1", "nobody"], "15/02/2025")
        )
        .await,
        Err(AppError::Invalid(_))
    ));
    assert_eq!(steps_of(&f, &key).await, 3);
    // A trade-union endorsement stands in for the second sponsor.
    record_step(
        &f.app,
        &f.admin,
        &key,
        &StepInput {
            endorsement: Some("trade_union".into()),
            ..sponsors(&["sp-1"], "15/02/2025")
        },
    )
    .await
    .unwrap();
}

#[rstest]
#[tokio::test]
async fn stages_out_of_order_or_going_back_in_time_are_refused_with_adm_14(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-5").await.unwrap();
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &cell_vote("10/03/2025", 10, 9)).await),
        ("ADM-14", "stage_out_of_order")
    );
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &step("application", "10/02/2025")).await),
        ("ADM-14", "stage_out_of_order")
    );
    record_step(
        &f.app,
        &f.admin,
        &key,
        &step("awareness_class", "01/02/2025"),
    )
    .await
    .unwrap();
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &step("application", "31/01/2025")).await),
        ("ADM-14", "stage_date_backwards")
    );
    assert_eq!(steps_of(&f, &key).await, 2);
    assert!(matches!(
        record_step(&f.app, &f.admin, &key, &step("nope", "01/02/2025")).await,
        Err(AppError::Invalid(_))
    ));
}

#[rstest]
#[tokio::test]
async fn an_officer_of_another_unit_neither_sees_nor_records_the_candidates(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-6").await.unwrap();
    let other = f.user("canbo-c2", "officer", Some("C2"), None).await;
    let own = f.user("canbo-c1", "officer", Some("C1"), None).await;
    assert!(matches!(
        candidate(&f, &other, "cand-7").await,
        Err(AppError::NoSuchReference { field: "cell_code" })
    ));
    assert!(matches!(
        get(&f.app, &other, &key).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        list(&f.app, &other, "C1-G1").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        record_step(&f.app, &other, &key, &step("awareness_class", "01/02/2025")).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(steps_of(&f, &key).await, 1);
    // The officer of the cell's commune does both.
    record_step(&f.app, &own, &key, &step("awareness_class", "01/02/2025"))
        .await
        .unwrap();
    assert_eq!(list(&f.app, &own, "C1-G1").await.unwrap().len(), 1);
    candidate(&f, &own, "cand-8").await.unwrap();
}

#[rstest]
#[tokio::test]
async fn a_new_candidate_is_validated_field_by_field(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = setup(engine).await;
    let r = add_candidate(
        &f.app,
        &f.admin,
        &NewCandidateInput {
            cell_code: "C1".into(),
            full_name: "".into(),
            sex: "X".into(),
            birth_date: "31/02/2000".into(),
            listed_on: "".into(),
            ..NewCandidateInput::default()
        },
    )
    .await;
    let Err(AppError::Invalid(errors)) = r else {
        panic!("{r:?}")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
    for field in ["full_name", "sex", "birth_date", "listed_on", "cell_code"] {
        assert!(fields.contains(&field), "{fields:?}");
    }
    candidate(&f, &f.admin, "dup").await.unwrap();
    assert!(matches!(
        candidate(&f, &f.admin, "dup").await,
        Err(AppError::Invalid(e)) if e[0].field == "candidate_key"
    ));
}

/// The year-end forecast of the targets report counts the pipeline (issue 5, point 5): a
/// candidate past the cell vote whose latest statutory admission day falls within the year
/// counts; one still at verification does not; once admitted, the candidate counts among the
/// admitted instead, not twice.
#[rstest]
#[tokio::test]
async fn the_targets_forecast_counts_candidates_the_deadlines_still_allow_this_year(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let voted = candidate(&f, &f.admin, "qc-1").await.unwrap();
    up_to_committee_vote(&f, &voted).await;
    let early = candidate(&f, &f.admin, "qc-2").await.unwrap();
    for input in [
        StepInput {
            document_ref: Some("GCN-16/2025".into()),
            ..step("awareness_class", "01/02/2025")
        },
        step("application", "10/02/2025"),
    ] {
        record_step(&f.app, &f.admin, &early, &input).await.unwrap();
    }
    let forecast = |r: chibo_app::targets::TargetReport| {
        r.rows
            .iter()
            .map(|row| (row.unit_code.clone(), row.admitted, row.forecast))
            .collect::<Vec<_>>()
    };
    let report = chibo_app::targets::report(
        &f.app,
        By::System("test"),
        2025,
        Some("C1-G1"),
        Some(d(2025, 3, 31)),
    )
    .await
    .unwrap();
    // sp-p was admitted on 01/01/2025; qc-1 voted on 10/03/2025 must be admitted by mid-July.
    assert_eq!(forecast(report)[0], ("C1-G1".to_owned(), 1, 2));

    // The next year's report does not count it: its latest day is behind that year.
    let next = chibo_app::targets::report(
        &f.app,
        By::System("test"),
        2026,
        Some("C1-G1"),
        Some(d(2026, 3, 31)),
    )
    .await
    .unwrap();
    assert_eq!(forecast(next)[0], ("C1-G1".to_owned(), 0, 0));

    record_all(
        &f,
        &voted,
        vec![
            decided("01/04/2025", "QĐ 12-QĐ/ĐU"),
            step("ceremony", "15/04/2025"),
        ],
    )
    .await;
    let after = chibo_app::targets::report(
        &f.app,
        By::System("test"),
        2025,
        Some("C1-G1"),
        Some(d(2025, 4, 30)),
    )
    .await
    .unwrap();
    assert_eq!(forecast(after)[0], ("C1-G1".to_owned(), 2, 2));
}
