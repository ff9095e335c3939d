//! Official recognition of probationers (issue 5, point 3; PRB-02 … PRB-05): the cell's review
//! rounds and the committee's decision, the registry event the decision appends, refusals that
//! write nothing, and the deadlines the procedure opens. Every case on both engines.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, By, list as audit_list};
use chibo_app::deadlines::{DeadlineKind, list, of_member};
use chibo_app::recognition::{
    DecisionInput, ReviewInput, recognition_of, record_cell_review, record_committee_decision,
};
use chibo_domain::admission::RoundsOutcome;
use chibo_domain::calendar::shipped_calendar;
use chibo_domain::ids::MemberId;
use chibo_domain::member::EventKind;
use chibo_domain::recognition::{Decision, Position, RecognitionParams, recognition_decision_due};
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A probationer admitted on 15/11/2024 in C1-G1: probation ends on Sat 15/11/2025 (PRB-01).
async fn setup(engine: Engine) -> (Fixture, MemberId) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let id = f
        .member("DV-P", "Ngô Thị Phương", "C1-G1", "15/11/2024", None)
        .await;
    (f, id)
}

fn review(on: &str, official: u32, yes: u32, no: u32) -> ReviewInput {
    ReviewInput {
        on: on.into(),
        document_ref: Some("05-NQ/CB".into()),
        official_members: Some(official.to_string()),
        absent_exempted: None,
        for_recognition: Some(yes.to_string()),
        for_removal: Some(no.to_string()),
    }
}

fn decision(on: &str, decision: &str, body: &str) -> DecisionInput {
    DecisionInput {
        on: on.into(),
        document_ref: Some("210-QĐ/ĐU".into()),
        decision: decision.into(),
        deciding_body: body.into(),
        extended: false,
    }
}

fn rule<T: std::fmt::Debug>(r: Result<T, AppError>) -> (&'static str, &'static str) {
    match r {
        Err(AppError::Rule(v)) => (v.rule(), v.code()),
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

async fn step_count(f: &Fixture, id: MemberId) -> usize {
    recognition_of(&f.app, &f.admin, id)
        .await
        .unwrap()
        .steps
        .len()
}

#[rstest]
#[tokio::test]
async fn prb_02_prb_04_a_probationer_recognised_months_later_is_official_from_the_probation_end(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, id) = setup(engine).await;
    let after = record_cell_review(&f.app, &f.admin, id, &review("20/11/2025", 10, 8, 0))
        .await
        .unwrap();
    assert_eq!(
        after,
        Position::AwaitingDecision {
            resolution_on: d(2025, 11, 20),
            proposal: RoundsOutcome::Recognized,
            rounds: 1
        }
    );
    // Decided four months after the probation ended.
    let decided = record_committee_decision(
        &f.app,
        &f.admin,
        id,
        &decision("20/03/2026", "recognized", "grassroots_committee"),
    )
    .await
    .unwrap();
    assert_eq!(
        decided,
        Position::Decided {
            decision: Decision::Recognized,
            on: d(2026, 3, 20)
        }
    );

    let mut tx = f.app.db.read().await.unwrap();
    let row = chibo_storage::members::get(&mut tx, id)
        .await
        .unwrap()
        .unwrap();
    let history = chibo_storage::events::history(&mut tx, id).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(row.status, "official");
    assert_eq!(row.recognized_on, Some(d(2025, 11, 15)));
    let last = history.last().unwrap();
    assert_eq!(last.kind, EventKind::Recognized.code());
    assert_eq!(last.effective_on, d(2025, 11, 15));
    assert_eq!(last.decision_ref.as_deref(), Some("210-QĐ/ĐU"));

    let view = recognition_of(&f.app, &f.admin, id).await.unwrap();
    assert_eq!(view.steps.len(), 2);
    assert_eq!(view.steps[0].outcome, "recognize");
    assert_eq!(view.steps[0].round, Some(1));
    assert_eq!(view.steps[1].outcome, "recognized");
    let cal = shipped_calendar().unwrap();
    let due = recognition_decision_due(d(2025, 11, 20), false, &cal, &RecognitionParams::default());
    assert!(due.is_some());
    assert_eq!(view.steps[1].due_on, due);
    assert_eq!(view.deadline, None);
    assert!(!view.awaits_review() && !view.awaits_decision());

    let count = |action: &str| AuditQuery {
        action: Some(action.into()),
        ..AuditQuery::default()
    };
    let reviews = audit_list(&f.app, &f.admin, &count("recognition.review"))
        .await
        .unwrap();
    let decisions = audit_list(&f.app, &f.admin, &count("recognition.decision"))
        .await
        .unwrap();
    assert_eq!((reviews.total, decisions.total), (1, 1));
    // Nothing follows a decision.
    assert_eq!(
        rule(
            record_committee_decision(
                &f.app,
                &f.admin,
                id,
                &decision("21/03/2026", "recognized", "grassroots_committee"),
            )
            .await
        ),
        ("PRB-03", "recognition_decided")
    );
}

#[rstest]
#[tokio::test]
async fn prb_02_a_review_dated_before_probation_ends_is_refused_and_writes_nothing(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, id) = setup(engine).await;
    let refused = record_cell_review(&f.app, &f.admin, id, &review("14/11/2025", 10, 8, 0)).await;
    match &refused {
        Err(AppError::Rule(v)) => assert!(v.message().contains("15/11/2025"), "{}", v.message()),
        other => panic!("{other:?}"),
    }
    assert_eq!(rule(refused), ("PRB-02", "review_before_probation_ends"));
    assert_eq!(step_count(&f, id).await, 0);
    // A committee decision needs the cell's resolution first.
    assert_eq!(
        rule(
            record_committee_decision(
                &f.app,
                &f.admin,
                id,
                &decision("20/11/2025", "recognized", "grassroots_committee"),
            )
            .await
        ),
        ("PRB-03", "recognition_needs_review")
    );
    // Bad fields are named.
    match record_cell_review(
        &f.app,
        &f.admin,
        id,
        &ReviewInput {
            on: "31/02/2025".into(),
            official_members: Some("mười".into()),
            ..ReviewInput::default()
        },
    )
    .await
    {
        Err(AppError::Invalid(errors)) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
            assert_eq!(fields, ["on", "official_members", "for_recognition"]);
        }
        other => panic!("{other:?}"),
    }
    match record_committee_decision(&f.app, &f.admin, id, &DecisionInput::default()).await {
        Err(AppError::Invalid(errors)) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
            assert_eq!(fields, ["on", "document_ref", "decision", "deciding_body"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(step_count(&f, id).await, 0);
    record_cell_review(&f.app, &f.admin, id, &review("15/11/2025", 10, 7, 0))
        .await
        .unwrap();
    assert_eq!(step_count(&f, id).await, 1);
}

#[rstest]
#[tokio::test]
async fn prb_05_a_not_recognised_decision_ends_membership(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, id) = setup(engine).await;
    record_cell_review(&f.app, &f.admin, id, &review("01/12/2025", 9, 1, 7))
        .await
        .unwrap();
    record_committee_decision(
        &f.app,
        &f.admin,
        id,
        &decision(
            "10/01/2026",
            "not_recognized",
            "superior_standing_committee",
        ),
    )
    .await
    .unwrap();
    let mut tx = f.app.db.read().await.unwrap();
    let row = chibo_storage::members::get(&mut tx, id)
        .await
        .unwrap()
        .unwrap();
    let history = chibo_storage::events::history(&mut tx, id).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(row.status, "not_recognized");
    assert_eq!(row.left_on, Some(d(2026, 1, 10)));
    assert_eq!(row.recognized_on, None);
    let last = history.last().unwrap();
    assert_eq!(
        (last.kind.as_str(), last.effective_on),
        (EventKind::NotRecognized.code(), d(2026, 1, 10))
    );
    let view = recognition_of(&f.app, &f.admin, id).await.unwrap();
    assert_eq!(view.status, "not_recognized");
    assert_eq!(view.deadline, None);
    // A former member has no deadlines and takes no further review.
    assert!(
        of_member(&f.app, id, &row.status, row.admitted_on, d(2026, 1, 12))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        rule(record_cell_review(&f.app, &f.admin, id, &review("12/01/2026", 9, 8, 0)).await),
        ("PRB-03", "recognition_decided")
    );
}

#[rstest]
#[tokio::test]
async fn prb_02_a_member_who_left_before_the_review_is_not_reviewed(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, id) = setup(engine).await;
    chibo_app::members::record_event(
        &f.app,
        &f.admin,
        id,
        &chibo_app::members::EventInput {
            kind: "deceased".into(),
            on: "01/10/2025".into(),
            ..chibo_app::members::EventInput::default()
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        record_cell_review(&f.app, &f.admin, id, &review("20/11/2025", 10, 8, 0)).await,
        Err(AppError::Transition(_))
    ));
    assert_eq!(step_count(&f, id).await, 0);
}

#[rstest]
#[tokio::test]
async fn prb_05_three_rounds_without_two_thirds_refuse_a_fourth_and_need_the_superior(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, id) = setup(engine).await;
    // The rule's example: 60% for recognition and 50% for removal, three times.
    for (i, on) in ["20/11/2025", "27/11/2025", "04/12/2025"]
        .iter()
        .enumerate()
    {
        let at = record_cell_review(&f.app, &f.admin, id, &review(on, 10, 6, 5))
            .await
            .unwrap();
        if i < 2 {
            assert_eq!(
                at,
                Position::AwaitingReview {
                    round: i as u32 + 2
                }
            );
        }
    }
    let view = recognition_of(&f.app, &f.admin, id).await.unwrap();
    assert_eq!(
        view.position,
        Position::AwaitingDecision {
            resolution_on: d(2025, 12, 4),
            proposal: RoundsOutcome::ReferredToSuperior,
            rounds: 3
        }
    );
    assert_eq!(
        view.steps.iter().map(|s| s.round).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)]
    );
    assert!(view.steps.iter().all(|s| s.outcome == "undecided"));
    assert_eq!(
        rule(record_cell_review(&f.app, &f.admin, id, &review("11/12/2025", 10, 8, 0)).await),
        ("PRB-05", "referred_to_superior")
    );
    assert_eq!(
        rule(
            record_committee_decision(
                &f.app,
                &f.admin,
                id,
                &decision("15/12/2025", "recognized", "grassroots_committee"),
            )
            .await
        ),
        ("PRB-05", "superior_must_decide")
    );
    assert_eq!(step_count(&f, id).await, 3);
    record_committee_decision(
        &f.app,
        &f.admin,
        id,
        &decision("15/12/2025", "recognized", "superior_standing_committee"),
    )
    .await
    .unwrap();
    assert_eq!(step_count(&f, id).await, 4);
}

#[rstest]
#[tokio::test]
async fn prb_02_prb_03_the_deadline_moves_from_the_review_to_the_decision(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, id) = setup(engine).await;
    let kinds = |as_of: NaiveDate| {
        let app = &f.app;
        let admin = &f.admin;
        async move {
            list(app, By::User(admin), as_of, None)
                .await
                .unwrap()
                .into_iter()
                .map(|r| (r.kind, r.subject_key, r.due_date))
                .collect::<Vec<_>>()
        }
    };
    // PRB-02: probation ends Sat 15/11/2025, the review is due Fri 26/12/2025.
    assert_eq!(
        kinds(d(2025, 12, 22)).await,
        [(
            DeadlineKind::RecognitionReview,
            "DV-P".to_owned(),
            d(2025, 12, 26)
        )]
    );
    // An undecided round leaves the review open.
    record_cell_review(&f.app, &f.admin, id, &review("01/12/2025", 10, 6, 5))
        .await
        .unwrap();
    assert_eq!(
        kinds(d(2025, 12, 22)).await,
        [(
            DeadlineKind::RecognitionReview,
            "DV-P".to_owned(),
            d(2025, 12, 26)
        )]
    );
    // PRB-03: a resolution of 10/12/2025, 01/01/2026 a holiday → the decision is due 22/01/2026.
    record_cell_review(&f.app, &f.admin, id, &review("10/12/2025", 10, 7, 0))
        .await
        .unwrap();
    assert!(kinds(d(2025, 12, 22)).await.is_empty());
    assert_eq!(
        kinds(d(2026, 1, 20)).await,
        [(
            DeadlineKind::RecognitionDecision,
            "DV-P".to_owned(),
            d(2026, 1, 22)
        )]
    );
    let on_page = of_member(&f.app, id, "probationary", d(2024, 11, 15), d(2026, 1, 20))
        .await
        .unwrap();
    assert_eq!(on_page.len(), 1);
    assert_eq!(
        (on_page[0].kind, on_page[0].due_date),
        (DeadlineKind::RecognitionDecision, d(2026, 1, 22))
    );
    let view = recognition_of(&f.app, &f.admin, id).await.unwrap();
    assert_eq!(
        view.deadline.map(|d| (d.kind, d.due_date)),
        Some((DeadlineKind::RecognitionDecision, d(2026, 1, 22)))
    );
    assert!(view.awaits_decision());
    // The decision closes it; the extension is kept with the decision.
    record_committee_decision(
        &f.app,
        &f.admin,
        id,
        &DecisionInput {
            extended: true,
            ..decision("02/03/2026", "recognized", "grassroots_committee")
        },
    )
    .await
    .unwrap();
    assert!(kinds(d(2026, 1, 20)).await.is_empty());
    let view = recognition_of(&f.app, &f.admin, id).await.unwrap();
    assert!(view.steps[2].extended);
    assert!(view.steps[2].due_on > Some(d(2026, 1, 22)));
}

#[rstest]
#[tokio::test]
async fn prb_02_an_officer_of_another_unit_neither_sees_nor_records_the_recognition(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, id) = setup(engine).await;
    let other = f.user("canbo-c2", "officer", Some("C2"), None).await;
    let own = f.user("canbo-c1", "officer", Some("C1"), None).await;
    assert!(matches!(
        record_cell_review(&f.app, &other, id, &review("20/11/2025", 10, 8, 0)).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        recognition_of(&f.app, &other, id).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(step_count(&f, id).await, 0);
    record_cell_review(&f.app, &own, id, &review("20/11/2025", 10, 8, 0))
        .await
        .unwrap();
    assert!(matches!(
        record_committee_decision(
            &f.app,
            &other,
            id,
            &decision("01/12/2025", "recognized", "grassroots_committee"),
        )
        .await,
        Err(AppError::NotFound)
    ));
    assert_eq!(step_count(&f, id).await, 1);
}
