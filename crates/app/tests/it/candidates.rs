//! Candidates from the outstanding list to the ceremony (issue 5, point 2): each step checked
//! against the admission rules on its date, a refusal naming its rule and writing nothing,
//! and the ceremony creating the probationary member with their `admitted` event.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, By, list as audit_list};
use chibo_app::candidates::{
    DocumentInput, EducationInput, NewCandidateInput, SponsorInput, StepInput, add_candidate,
    add_document, get, list, record_step, update_education,
};
use chibo_domain::access::Actor;
use chibo_domain::admission::{
    AdmissionParams, DossierItem, RuleViolation, Stage, admission_decision_due,
};
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
        rule(
            record_step(
                &f.app,
                &f.admin,
                &key,
                &committee_vote("20/03/2025", 15, 12)
            )
            .await
        ),
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
    let endorsed = record_step(
        &f.app,
        &f.admin,
        &key,
        &committee_vote("25/04/2025", 15, 10),
    )
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

/// A candidate of the cell C1-G1 born on `born`, with `education` (or none recorded).
async fn candidate_born(f: &Fixture, key: &str, born: &str, education: Option<&str>) -> String {
    add_candidate(
        &f.app,
        &f.admin,
        &NewCandidateInput {
            candidate_key: Some(key.into()),
            cell_code: "C1-G1".into(),
            full_name: "Đỗ Văn Sáu".into(),
            sex: "M".into(),
            birth_date: born.into(),
            listed_on: "10/01/2025".into(),
            education: education.map(str::to_owned),
            ..NewCandidateInput::default()
        },
    )
    .await
    .unwrap()
}

/// ADM-02: born 1964-01-15, 736 months old at a vote on 2025-06-10: refused on ADM-01 without
/// the exception, on ADM-02 with an incomplete one or a consent after the vote, accepted with
/// the province's prior consent; the decision is checked against the consent again.
#[rstest]
#[tokio::test]
async fn adm_02_an_over_60_applicant_passes_the_cell_vote_only_with_prior_provincial_consent(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate_born(&f, "cand-60", "15/01/1964", Some("lower_secondary")).await;
    record_all(&f, &key, dossier_steps()).await;
    let vote = |exception: Option<(&str, &str)>, ground: Option<&str>| StepInput {
        healthy_and_respected: ground.is_some(),
        over_60_ground: ground.map(str::to_owned),
        over_60_consent_ref: exception.map(|e| e.0.to_owned()),
        over_60_consent_on: exception.map(|e| e.1.to_owned()),
        ..cell_vote("10/06/2025", 10, 9)
    };
    let before = steps_of(&f, &key).await;
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &vote(None, None)).await),
        ("ADM-01", "over_age")
    );
    assert_eq!(
        rule(
            record_step(
                &f.app,
                &f.admin,
                &key,
                &vote(None, Some("no_party_presence"))
            )
            .await
        ),
        ("ADM-02", "over_60_no_consent")
    );
    assert_eq!(
        rule(
            record_step(
                &f.app,
                &f.admin,
                &key,
                &vote(Some(("12-CV/TU", "11/06/2025")), Some("no_party_presence"))
            )
            .await
        ),
        ("ADM-02", "over_60_consent_not_before_decision")
    );
    let no_health = StepInput {
        healthy_and_respected: false,
        ..vote(Some(("12-CV/TU", "01/05/2025")), Some("special_need"))
    };
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &no_health).await),
        ("ADM-02", "over_60_not_healthy_or_respected")
    );
    assert!(matches!(
        record_step(&f.app, &f.admin, &key, &vote(Some(("12-CV/TU", "01/05/2025")), Some("rich"))).await,
        Err(AppError::Invalid(e)) if e[0].field == "over_60_ground"
    ));
    assert_eq!(steps_of(&f, &key).await, before);
    let passed = record_step(
        &f.app,
        &f.admin,
        &key,
        &vote(Some(("12-CV/TU", "01/05/2025")), Some("no_party_presence")),
    )
    .await
    .unwrap();
    assert!(passed.passed);
    record_all(
        &f,
        &key,
        vec![
            committee_vote("20/06/2025", 15, 12),
            decided("01/07/2025", "78-QĐ/HU"),
        ],
    )
    .await;
}

/// ADM-03: primary schooling in a city ward is refused at the cell vote; recorded as a
/// fisherman in a hardship area, the same schooling passes. Schooling never recorded is
/// refused too.
#[rstest]
#[tokio::test]
async fn adm_03_primary_schooling_is_refused_in_a_city_ward_and_accepted_for_a_fisherman_in_a_hardship_area(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate_born(&f, "cand-edu", "01/01/1990", Some("primary")).await;
    record_all(&f, &key, dossier_steps()).await;
    let before = steps_of(&f, &key).await;
    let refused = record_step(&f.app, &f.admin, &key, &cell_vote("10/03/2025", 10, 9)).await;
    match &refused {
        Err(AppError::Rule(v)) => assert!(v.message().contains("tốt nghiệp tiểu học")),
        other => panic!("{other:?}"),
    }
    assert_eq!(rule(refused), ("ADM-03", "education_too_low"));
    assert_eq!(steps_of(&f, &key).await, before);
    // A bad level is a field error; the fisherman's record is accepted and audited.
    assert!(matches!(
        update_education(
            &f.app,
            &f.admin,
            &key,
            &EducationInput {
                education: Some("equivalent".into()),
                ..EducationInput::default()
            },
        )
        .await,
        Err(AppError::Invalid(e)) if e[0].field == "education"
    ));
    update_education(
        &f.app,
        &f.admin,
        &key,
        &EducationInput {
            education: Some("primary".into()),
            hardship_area: true,
            fisherman: true,
            ..EducationInput::default()
        },
    )
    .await
    .unwrap();
    let view = get(&f.app, &f.admin, &key).await.unwrap();
    assert!(view.candidate.education.fisherman && view.candidate.education.hardship_area);
    record_step(&f.app, &f.admin, &key, &cell_vote("10/03/2025", 10, 9))
        .await
        .unwrap();

    let unknown = candidate_born(&f, "cand-edu-2", "01/01/1990", None).await;
    record_all(&f, &unknown, dossier_steps()).await;
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &unknown, &cell_vote("10/03/2025", 10, 9)).await),
        ("ADM-03", "education_not_recorded")
    );
    let updates = audit_list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("candidate.update".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(updates.total, 1);
}

/// ADM-07: a verification without conclusion is refused on the rule; a sibling is not among
/// the relatives verified; with a conclusion the relatives covered are recorded.
#[rstest]
#[tokio::test]
async fn adm_07_a_verification_needs_a_conclusion_and_names_the_relatives_covered(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-ver").await.unwrap();
    let steps = dossier_steps();
    record_all(&f, &key, steps[..3].to_vec()).await;
    let verified = steps[3].clone();
    let without = StepInput {
        conclusion: Some("   ".into()),
        ..verified.clone()
    };
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &without).await),
        ("ADM-07", "verification_without_conclusion")
    );
    let sibling = StepInput {
        relatives: vec!["siblings".into()],
        ..verified.clone()
    };
    assert!(matches!(
        record_step(&f.app, &f.admin, &key, &sibling).await,
        Err(AppError::Invalid(e)) if e[0].field == "relatives"
    ));
    assert_eq!(steps_of(&f, &key).await, 4);
    record_step(&f.app, &f.admin, &key, &verified)
        .await
        .unwrap();
    let view = get(&f.app, &f.admin, &key).await.unwrap();
    let detail: serde_json::Value =
        serde_json::from_str(view.steps[4].detail.as_deref().unwrap()).unwrap();
    assert_eq!(
        detail["relatives"],
        serde_json::json!(["birth_parents", "spouse"])
    );
    assert_eq!(detail["conclusion"], "Lý lịch rõ ràng, đủ tiêu chuẩn.");
}

/// ADM-08: without a comment summary (5-KNĐ) or an exception, the cell vote is refused on the
/// rule; the summary given with the vote, or an exception recorded with the verification,
/// lets it pass.
#[rstest]
#[tokio::test]
async fn adm_08_the_cell_vote_needs_the_comment_summary_or_an_exception(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-cmt").await.unwrap();
    let mut steps = dossier_steps();
    steps[3].comment_summary_ref = None;
    record_all(&f, &key, steps.clone()).await;
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &cell_vote("10/03/2025", 10, 9)).await),
        ("ADM-08", "no_comment_summary")
    );
    assert!(matches!(
        record_step(
            &f.app,
            &f.admin,
            &key,
            &StepInput {
                comment_exception: Some("busy".into()),
                ..cell_vote("10/03/2025", 10, 9)
            }
        )
        .await,
        Err(AppError::Invalid(e)) if e[0].field == "comment_exception"
    ));
    assert_eq!(steps_of(&f, &key).await, 5);
    // A summary recorded as a document counts for a vote on or after its date only.
    add_document(
        &f.app,
        &f.admin,
        &key,
        &DocumentInput {
            item: "comment_summary".into(),
            document_ref: "5-KNĐ/03".into(),
            dated_on: "11/03/2025".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &cell_vote("10/03/2025", 10, 9)).await),
        ("ADM-08", "no_comment_summary")
    );
    record_step(&f.app, &f.admin, &key, &cell_vote("11/03/2025", 10, 9))
        .await
        .unwrap();
    // Or given with the vote itself.
    let with_vote = candidate(&f, &f.admin, "cand-cmt-3").await.unwrap();
    record_all(&f, &with_vote, steps.clone()).await;
    record_step(
        &f.app,
        &f.admin,
        &with_vote,
        &StepInput {
            comment_summary_ref: Some("5-KNĐ/04".into()),
            ..cell_vote("10/03/2025", 10, 9)
        },
    )
    .await
    .unwrap();

    let excepted = candidate(&f, &f.admin, "cand-cmt-2").await.unwrap();
    steps[3].comment_exception = Some("no_organisation_same_residence".into());
    record_all(&f, &excepted, steps).await;
    record_step(&f.app, &f.admin, &excepted, &cell_vote("10/03/2025", 10, 9))
        .await
        .unwrap();
}

/// ADM-12: a grassroots committee without recorded delegation may not decide; with the
/// delegation's reference it may; the deciding body is required.
#[rstest]
#[tokio::test]
async fn adm_12_a_grassroots_committee_decides_only_with_recorded_delegation(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-dec").await.unwrap();
    up_to_committee_vote(&f, &key).await;
    let grassroots = StepInput {
        deciding_body: Some("grassroots_committee".into()),
        ..decided("01/04/2025", "15-QĐ/ĐU")
    };
    let refused = record_step(&f.app, &f.admin, &key, &grassroots).await;
    assert_eq!(rule(refused), ("ADM-12", "decision_without_delegation"));
    let nobody = StepInput {
        deciding_body: None,
        ..decided("01/04/2025", "15-QĐ/ĐU")
    };
    assert!(matches!(
        record_step(&f.app, &f.admin, &key, &nobody).await,
        Err(AppError::Invalid(e)) if e[0].field == "deciding_body"
    ));
    assert_eq!(steps_of(&f, &key).await, 7);
    let delegated = StepInput {
        delegation_ref: Some("05-QĐ/HU ủy quyền".into()),
        ..grassroots
    };
    record_step(&f.app, &f.admin, &key, &delegated)
        .await
        .unwrap();
    let view = get(&f.app, &f.admin, &key).await.unwrap();
    let detail: serde_json::Value =
        serde_json::from_str(view.steps[7].detail.as_deref().unwrap()).unwrap();
    assert_eq!(detail["deciding_body"], "grassroots_committee");
}

/// ADM-15: a dossier whose application and sponsor letters carry no document reference, and
/// whose endorsement resolution has none, is refused at the decision listing them; the
/// documents recorded afterwards complete it, and a complete one is decided.
#[rstest]
#[tokio::test]
async fn adm_15_the_decision_is_refused_on_an_incomplete_dossier_listing_what_is_missing(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let key = candidate(&f, &f.admin, "cand-dos").await.unwrap();
    let mut steps = dossier_steps();
    steps[1].document_ref = None;
    steps[2] = StepInput {
        endorsement: Some("trade_union".into()),
        ..sponsors(&["sp-1"], "15/02/2025")
    };
    steps.push(cell_vote("10/03/2025", 10, 8));
    steps.push(committee_vote("20/03/2025", 15, 10));
    record_all(&f, &key, steps).await;
    let refused = record_step(&f.app, &f.admin, &key, &decided("01/04/2025", "9-QĐ")).await;
    match &refused {
        Err(AppError::Rule(v)) => {
            let m = v.message();
            assert!(m.contains("đơn xin vào Đảng (1-KNĐ)"), "{m}");
            assert!(m.contains("giấy giới thiệu (3-KNĐ)"), "{m}");
            assert!(m.contains("(4-KNĐ)"), "{m}");
            assert!(!m.contains("2-KNĐ"), "{m}");
            assert!(matches!(
                v,
                RuleViolation::DossierIncomplete { missing } if missing
                    == &[DossierItem::Application, DossierItem::SponsorLetters, DossierItem::Endorsement]
            ));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(rule(refused), ("ADM-15", "dossier_incomplete"));
    assert_eq!(steps_of(&f, &key).await, 7);

    // The missing documents recorded afterwards complete the dossier; a bad item is a field
    // error.
    let doc = |item: &str, r: &str| DocumentInput {
        item: item.into(),
        document_ref: r.into(),
        dated_on: "25/03/2025".into(),
    };
    assert!(matches!(
        add_document(&f.app, &f.admin, &key, &doc("photo", "x")).await,
        Err(AppError::Invalid(e)) if e[0].field == "item"
    ));
    for (item, r) in [("application", "1-KNĐ"), ("sponsor_letters", "3-KNĐ")] {
        add_document(&f.app, &f.admin, &key, &doc(item, r))
            .await
            .unwrap();
    }
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &decided("01/04/2025", "9-QĐ")).await),
        ("ADM-15", "dossier_incomplete")
    );
    add_document(&f.app, &f.admin, &key, &doc("endorsement", "4-KNĐ/CĐ"))
        .await
        .unwrap();
    record_step(&f.app, &f.admin, &key, &decided("01/04/2025", "9-QĐ"))
        .await
        .unwrap();
    assert_eq!(
        get(&f.app, &f.admin, &key).await.unwrap().documents.len(),
        3
    );

    let complete = candidate(&f, &f.admin, "cand-dos-2").await.unwrap();
    up_to_committee_vote(&f, &complete).await;
    record_step(&f.app, &f.admin, &complete, &decided("01/04/2025", "9-QĐ"))
        .await
        .unwrap();
}
