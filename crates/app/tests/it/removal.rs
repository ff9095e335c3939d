//! Removal of name (REM-05), complaints against a removal (REM-06) or a disciplinary measure
//! (REM-07) and leaving on request (REM-08) as recorded procedures, on both engines: each
//! rule accepting and refusing, the registry events written and voided in the same step.

use chibo_app::AppError;
use chibo_app::deadlines::{DeadlineKind, list as deadlines};
use chibo_app::discipline::{DisciplineInput, record as record_measure};
use chibo_app::members::member_view;
use chibo_app::removal::{
    ComplaintInput, LeaveInput, RemovalInput, StepOutcome, of_member, open_cases, record_complaint,
    record_leave, record_removal,
};
use chibo_domain::access::Actor;
use chibo_domain::ids::MemberId;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn refused<T: std::fmt::Debug>(r: Result<T, AppError>) -> (&'static str, &'static str, String) {
    match r {
        Err(AppError::Refused(v)) => (v.rule, v.code, v.message),
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

fn invalid_fields<T: std::fmt::Debug>(r: Result<T, AppError>) -> Vec<&'static str> {
    match r {
        Err(AppError::Invalid(errors)) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn step(step: &str, on: &str) -> RemovalInput {
    RemovalInput {
        step: step.into(),
        on: on.into(),
        ..RemovalInput::default()
    }
}

fn opened(on: &str) -> RemovalInput {
    RemovalInput {
        ground: Some("abandoned_activity".into()),
        ..step("opened", on)
    }
}

fn vote(kind: &str, on: &str, base: u32, approvals: u32) -> RemovalInput {
    RemovalInput {
        base: Some(base.to_string()),
        approvals: Some(approvals.to_string()),
        ..step(kind, on)
    }
}

fn decided(on: &str, decision_ref: &str) -> RemovalInput {
    RemovalInput {
        decision_ref: Some(decision_ref.into()),
        ..step("decided", on)
    }
}

async fn status(f: &Fixture, m: MemberId) -> String {
    member_view(&f.app, &f.admin, m).await.unwrap().row.status
}

/// The kinds of the member's history entries still in force (not voided, not voids).
async fn live_events(f: &Fixture, m: MemberId) -> Vec<String> {
    let v = member_view(&f.app, &f.admin, m).await.unwrap();
    v.events
        .iter()
        .filter(|e| e.voided_by.is_none() && e.row.kind != "void")
        .map(|e| e.row.kind.clone())
        .collect()
}

async fn removal(f: &Fixture, m: MemberId, input: &RemovalInput) -> Result<StepOutcome, AppError> {
    record_removal(&f.app, &f.admin, m, input).await
}

/// Takes a member through a removal: self-review, both votes, the decision on `decided_on`.
async fn remove(f: &Fixture, m: MemberId, decided_on: &str) -> StepOutcome {
    removal(f, m, &opened("03/03/2025")).await.unwrap();
    removal(f, m, &step("self_reviewed", "10/03/2025"))
        .await
        .unwrap();
    removal(f, m, &vote("cell_vote", "20/03/2025", 9, 6))
        .await
        .unwrap();
    removal(f, m, &vote("committee_vote", "10/04/2025", 7, 5))
        .await
        .unwrap();
    removal(f, m, &decided(decided_on, "85-QĐ/ĐU"))
        .await
        .unwrap()
}

async fn setup(engine: Engine) -> (Fixture, MemberId) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let m = f
        .member(
            "xt-1",
            "Nguyễn Văn Một",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    (f, m)
}

#[rstest]
#[tokio::test]
async fn rem_05_three_unanswered_requests_let_the_cell_vote_without_self_review_and_the_decision_removes(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    // No step before the case is opened; a ground outside the list is a field error.
    assert_eq!(
        refused(removal(&f, m, &step("self_review_requested", "01/03/2025")).await).0,
        "REM-05"
    );
    let bad = RemovalInput {
        ground: Some("lazy".into()),
        ..step("opened", "01/03/2025")
    };
    assert_eq!(invalid_fields(removal(&f, m, &bad).await), vec!["ground"]);
    let o = removal(&f, m, &opened("01/03/2025")).await.unwrap();
    assert_eq!(o.state, "awaiting_self_review");
    // Only one open removal case per member.
    let (rule, code, _) = refused(removal(&f, m, &opened("02/03/2025")).await);
    assert_eq!((rule, code), ("REM-05", "step_out_of_order"));
    // A user of another unit does not find the member.
    let other = f.user("btc-khom", "secretary", Some("C2-G1"), None).await;
    assert!(matches!(
        record_removal(
            &f.app,
            &other,
            m,
            &step("self_review_requested", "05/03/2025")
        )
        .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        of_member(&f.app, &other, m).await,
        Err(AppError::NotFound)
    ));
    for on in ["05/03/2025", "12/03/2025"] {
        removal(&f, m, &step("self_review_requested", on))
            .await
            .unwrap();
    }
    // Two unanswered requests: the cell may not vote yet, and nothing is written.
    let (rule, code, message) =
        refused(removal(&f, m, &vote("cell_vote", "20/03/2025", 9, 6)).await);
    assert_eq!((rule, code), ("REM-05", "self_review_missing"));
    assert!(message.contains("REM-05"), "{message}");
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    assert_eq!(view.cases[0].steps.len(), 3);
    assert_eq!(view.cases[0].requests, Some(2));
    assert!(!view.cases[0].next_steps.contains(&"cell_vote"));
    // The third unanswered request: the cell votes without the self-review.
    removal(&f, m, &step("self_review_requested", "19/03/2025"))
        .await
        .unwrap();
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    assert!(view.cases[0].next_steps.contains(&"cell_vote"));
    let o = removal(&f, m, &vote("cell_vote", "20/03/2025", 9, 6))
        .await
        .unwrap();
    assert_eq!(o.state, "cell_approved");
    // Inconsistent counts are refused.
    let (_, code, _) = refused(removal(&f, m, &vote("committee_vote", "10/04/2025", 7, 8)).await);
    assert_eq!(code, "vote_counts_inconsistent");
    removal(&f, m, &vote("committee_vote", "10/04/2025", 7, 5))
        .await
        .unwrap();
    // A decision needs its reference; the member is current until it is recorded.
    assert_eq!(
        invalid_fields(removal(&f, m, &step("decided", "20/04/2025")).await),
        vec!["decision_ref"]
    );
    assert_eq!(status(&f, m).await, "official");
    let o = removal(&f, m, &decided("20/04/2025", "85-QĐ/ĐU"))
        .await
        .unwrap();
    assert_eq!((o.state, o.history_changed), ("removed", true));
    assert_eq!(status(&f, m).await, "removed");
    let v = member_view(&f.app, &f.admin, m).await.unwrap();
    let last = v.events.last().unwrap();
    assert_eq!(
        (
            last.row.kind.as_str(),
            last.row.effective_on,
            last.row.decision_ref.as_deref()
        ),
        ("removed", d(2025, 4, 20), Some("85-QĐ/ĐU"))
    );
    // A removed member has no open case and cannot have a new one opened.
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    assert!(view.cases[0].closed && !view.can_open_removal);
    assert_eq!(view.contestable_removals, vec![o.case_id]);
    assert_eq!(
        refused(removal(&f, m, &opened("01/05/2025")).await).0,
        "REM-05"
    );
    // Every step was audited.
    let audit = chibo_app::audit::list(
        &f.app,
        &f.admin,
        &chibo_app::audit::AuditQuery {
            action: Some("removal.step".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(audit.total, 7);
}

#[rstest]
#[tokio::test]
async fn rem_05_a_cell_vote_short_of_two_thirds_ends_the_case_and_the_member_stays(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    removal(&f, m, &opened("01/03/2025")).await.unwrap();
    removal(&f, m, &step("self_reviewed", "10/03/2025"))
        .await
        .unwrap();
    let before = live_events(&f, m).await;
    // 5 of 9 is short of two thirds.
    let o = removal(&f, m, &vote("cell_vote", "20/03/2025", 9, 5))
        .await
        .unwrap();
    assert_eq!((o.state, o.history_changed), ("not_approved", false));
    assert_eq!(status(&f, m).await, "official");
    assert_eq!(live_events(&f, m).await, before);
    // The case is over: no committee vote; a new case may be opened later.
    assert_eq!(
        refused(removal(&f, m, &vote("committee_vote", "01/04/2025", 7, 7)).await).1,
        "step_out_of_order"
    );
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    assert_eq!(view.cases[0].state, "not_approved");
    assert!(view.can_open_removal);
    let o = removal(&f, m, &opened("01/06/2025")).await.unwrap();
    assert_eq!(o.state, "awaiting_self_review");
    assert_eq!(of_member(&f.app, &f.admin, m).await.unwrap().cases.len(), 2);
}

fn complaint(step: &str, on: &str) -> ComplaintInput {
    ComplaintInput {
        step: step.into(),
        on: on.into(),
        ..ComplaintInput::default()
    }
}

async fn complain(
    f: &Fixture,
    m: MemberId,
    input: &ComplaintInput,
) -> Result<StepOutcome, AppError> {
    record_complaint(&f.app, &f.admin, m, input).await
}

#[rstest]
#[tokio::test]
async fn rem_06_a_complaint_received_2_june_is_due_14_july_and_a_settlement_against_the_removal_restores_the_member(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let removed = remove(&f, m, "30/05/2025").await;
    // The decision cannot be received before it is taken.
    let early = ComplaintInput {
        removal_case: Some(removed.case_id.to_string()),
        ..complaint("decision_received", "29/05/2025")
    };
    assert_eq!(
        refused(complain(&f, m, &early).await).1,
        "step_date_backwards"
    );
    // Received Monday 2 June 2025.
    let received = ComplaintInput {
        removal_case: Some(removed.case_id.to_string()),
        ..complaint("decision_received", "02/06/2025")
    };
    let c = complain(&f, m, &received).await.unwrap();
    assert_eq!(c.state, "received");
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    let case = view.cases.iter().find(|k| k.id == c.case_id).unwrap();
    assert_eq!((case.rule, case.next_due), ("REM-06", Some(d(2025, 7, 14))));
    // One complaint per decision.
    assert_eq!(refused(complain(&f, m, &received).await).0, "REM-06");
    // Lodged on 15 July: one day late, refused naming the due date.
    let (rule, code, message) = refused(complain(&f, m, &complaint("lodged", "15/07/2025")).await);
    assert_eq!((rule, code), ("REM-06", "complaint_late"));
    assert!(message.contains("14/07/2025"), "{message}");
    // Lodged on the due date: accepted, with the settlement deadline listed.
    let l = complain(&f, m, &complaint("lodged", "14/07/2025"))
        .await
        .unwrap();
    assert_eq!(l.state, "lodged");
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    let settle_by = view
        .cases
        .iter()
        .find(|k| k.id == c.case_id)
        .unwrap()
        .next_due
        .unwrap();
    assert!(settle_by > d(2025, 11, 1), "{settle_by}");
    let list = deadlines(
        &f.app,
        chibo_app::audit::By::System("test"),
        settle_by,
        None,
    )
    .await
    .unwrap();
    let due = list
        .iter()
        .find(|x| x.kind == DeadlineKind::ComplaintSettlement)
        .unwrap();
    assert_eq!(
        (due.subject_key.as_str(), due.due_date),
        ("xt-1", settle_by)
    );
    let open = open_cases(
        &f.app,
        chibo_app::audit::By::System("test"),
        d(2025, 8, 1),
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        open.iter()
            .map(|o| (o.procedure.as_str(), o.state))
            .collect::<Vec<_>>(),
        vec![("complaint", "lodged")]
    );
    // The settlement: the removal does not stand, so the member is current again.
    assert_eq!(
        invalid_fields(complain(&f, m, &complaint("settled", "01/09/2025")).await),
        vec!["decision_stands"]
    );
    assert_eq!(status(&f, m).await, "removed");
    let s = complain(
        &f,
        m,
        &ComplaintInput {
            decision_stands: Some("false".into()),
            ..complaint("settled", "01/09/2025")
        },
    )
    .await
    .unwrap();
    assert_eq!((s.state, s.history_changed), ("settled", true));
    assert_eq!(status(&f, m).await, "official");
    assert!(!live_events(&f, m).await.contains(&"removed".to_owned()));
    let v = member_view(&f.app, &f.admin, m).await.unwrap();
    let void = v.events.iter().find(|e| e.row.kind == "void").unwrap();
    assert!(void.row.reason.as_deref().unwrap().contains("REM-06"));
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    let case = view.cases.iter().find(|k| k.id == c.case_id).unwrap();
    assert_eq!(
        (case.decision_stands, case.settled_late, case.closed),
        (Some(false), Some(false), true)
    );
    let removal = view.cases.iter().find(|k| k.id == removed.case_id).unwrap();
    assert!(removal.overturned);
    assert!(view.can_open_removal && view.contestable_removals.is_empty());
    assert!(
        open_cases(
            &f.app,
            chibo_app::audit::By::System("test"),
            d(2025, 9, 2),
            None
        )
        .await
        .unwrap()
        .is_empty()
    );
}

#[rstest]
#[tokio::test]
async fn rem_06_a_settlement_upholding_the_removal_keeps_it_and_a_late_one_is_flagged(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let removed = remove(&f, m, "30/05/2025").await;
    let c = complain(
        &f,
        m,
        &ComplaintInput {
            removal_case: Some(removed.case_id.to_string()),
            ..complaint("decision_received", "02/06/2025")
        },
    )
    .await
    .unwrap();
    complain(&f, m, &complaint("lodged", "10/06/2025"))
        .await
        .unwrap();
    let s = complain(
        &f,
        m,
        &ComplaintInput {
            decision_stands: Some("true".into()),
            ..complaint("settled", "02/03/2026")
        },
    )
    .await
    .unwrap();
    assert_eq!((s.state, s.history_changed), ("settled", false));
    assert_eq!(status(&f, m).await, "removed");
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    let case = view.cases.iter().find(|k| k.id == c.case_id).unwrap();
    assert_eq!(
        (case.decision_stands, case.settled_late),
        (Some(true), Some(true))
    );
    let removal = view.cases.iter().find(|k| k.id == removed.case_id).unwrap();
    assert!(!removal.overturned);
    // Settled: no further step.
    assert_eq!(
        refused(complain(&f, m, &complaint("lodged", "03/03/2026")).await).1,
        "step_out_of_order"
    );
}

async fn expel(f: &Fixture, m: MemberId) -> i64 {
    let input = DisciplineInput {
        kind: "expulsion".into(),
        decided_on: "10/09/2025".into(),
        decision_ref: "40-QĐ/UBKT".into(),
        reason: Some("Vi phạm nghiêm trọng".into()),
    };
    record_measure(&f.app, &f.admin, m, &input).await.unwrap()
}

#[rstest]
#[tokio::test]
async fn rem_07_an_expulsion_complaint_is_due_within_a_month_and_the_penalty_applies_meanwhile(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let measure = expel(&f, m).await;
    assert_eq!(status(&f, m).await, "expelled");
    let received = ComplaintInput {
        discipline: Some(measure.to_string()),
        ..complaint("decision_received", "10/09/2025")
    };
    let c = complain(&f, m, &received).await.unwrap();
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    let case = view.cases.iter().find(|k| k.id == c.case_id).unwrap();
    assert_eq!(
        (case.rule, case.next_due),
        ("REM-07", Some(d(2025, 10, 10)))
    );
    // A month and a day after receipt: refused under REM-07.
    let (rule, code, message) = refused(complain(&f, m, &complaint("lodged", "11/10/2025")).await);
    assert_eq!((rule, code), ("REM-07", "discipline_complaint_late"));
    assert!(message.contains("10/10/2025"), "{message}");
    // Within the month: accepted; the member stays expelled while it is pending.
    complain(&f, m, &complaint("lodged", "20/09/2025"))
        .await
        .unwrap();
    assert_eq!(status(&f, m).await, "expelled");
    // The expulsion does not stand: the member is restored.
    let s = complain(
        &f,
        m,
        &ComplaintInput {
            decision_stands: Some("false".into()),
            ..complaint("settled", "15/11/2025")
        },
    )
    .await
    .unwrap();
    assert!(s.history_changed);
    assert_eq!(status(&f, m).await, "official");
    let v = member_view(&f.app, &f.admin, m).await.unwrap();
    let void = v.events.iter().find(|e| e.row.kind == "void").unwrap();
    assert!(void.row.reason.as_deref().unwrap().contains("REM-07"));
}

fn leave(step: &str, on: &str) -> LeaveInput {
    LeaveInput {
        step: step.into(),
        on: on.into(),
        ..LeaveInput::default()
    }
}

fn request(on: &str) -> LeaveInput {
    LeaveInput {
        reasons: Some("Hoàn cảnh gia đình, sức khỏe yếu".into()),
        ..leave("requested", on)
    }
}

async fn leave_step(f: &Fixture, m: MemberId, input: &LeaveInput) -> Result<StepOutcome, AppError> {
    record_leave(&f.app, &f.admin, m, input).await
}

#[rstest]
#[tokio::test]
async fn rem_08_a_request_to_leave_waits_for_an_open_case_and_the_decision_appends_resigned(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    // During an open removal case the request is held.
    removal(&f, m, &opened("01/03/2025")).await.unwrap();
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    assert!(view.discipline_case_open);
    let (rule, code, _) = refused(leave_step(&f, m, &request("05/03/2025")).await);
    assert_eq!((rule, code), ("REM-08", "leave_held_for_discipline"));
    // The case ends without removal: the request may now be made.
    removal(&f, m, &step("self_reviewed", "06/03/2025"))
        .await
        .unwrap();
    removal(&f, m, &vote("cell_vote", "10/03/2025", 9, 3))
        .await
        .unwrap();
    // Without written reasons, or with a declared breach of the standards: refused.
    assert_eq!(
        refused(leave_step(&f, m, &leave("requested", "12/03/2025")).await).1,
        "leave_unreasoned"
    );
    let breach = LeaveInput {
        standards_breach: Some("on".into()),
        ..request("12/03/2025")
    };
    assert_eq!(
        refused(leave_step(&f, m, &breach).await).1,
        "leave_with_standards_breach"
    );
    // Not forwarded yet: no decision.
    assert_eq!(
        refused(leave_step(&f, m, &leave("cell_forwarded", "12/03/2025")).await).0,
        "REM-08"
    );
    let r = leave_step(&f, m, &request("12/03/2025")).await.unwrap();
    assert_eq!(r.state, "requested");
    assert_eq!(
        refused(leave_step(&f, m, &request("13/03/2025")).await).1,
        "step_out_of_order"
    );
    let mut decided = LeaveInput {
        decision_ref: Some("91-QĐ/ĐU".into()),
        ..leave("decided", "25/03/2025")
    };
    assert_eq!(
        refused(leave_step(&f, m, &decided).await).1,
        "step_out_of_order"
    );
    leave_step(&f, m, &leave("cell_forwarded", "15/03/2025"))
        .await
        .unwrap();
    assert_eq!(status(&f, m).await, "official");
    decided.decision_ref = None;
    assert_eq!(
        invalid_fields(leave_step(&f, m, &decided).await),
        vec!["decision_ref"]
    );
    decided.decision_ref = Some("91-QĐ/ĐU".into());
    let o = leave_step(&f, m, &decided).await.unwrap();
    assert_eq!((o.state, o.history_changed), ("left", true));
    assert_eq!(status(&f, m).await, "resigned");
    let v = member_view(&f.app, &f.admin, m).await.unwrap();
    let last = v.events.last().unwrap();
    assert_eq!(
        (last.row.kind.as_str(), last.row.decision_ref.as_deref()),
        ("resigned", Some("91-QĐ/ĐU"))
    );
}

#[rstest]
#[tokio::test]
async fn rem_08_a_pending_complaint_against_discipline_holds_a_request_to_leave(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let input = DisciplineInput {
        kind: "warning".into(),
        decided_on: "10/09/2025".into(),
        decision_ref: "41-QĐ/UBKT".into(),
        reason: None,
    };
    let measure = record_measure(&f.app, &f.admin, m, &input).await.unwrap();
    complain(
        &f,
        m,
        &ComplaintInput {
            discipline: Some(measure.to_string()),
            ..complaint("decision_received", "12/09/2025")
        },
    )
    .await
    .unwrap();
    assert_eq!(
        refused(leave_step(&f, m, &request("15/09/2025")).await).1,
        "leave_held_for_discipline"
    );
    complain(&f, m, &complaint("lodged", "15/09/2025"))
        .await
        .unwrap();
    complain(
        &f,
        m,
        &ComplaintInput {
            decision_stands: Some("true".into()),
            ..complaint("settled", "30/10/2025")
        },
    )
    .await
    .unwrap();
    let actor: &Actor = &f.admin;
    let r = record_leave(&f.app, actor, m, &request("01/11/2025"))
        .await
        .unwrap();
    assert_eq!(r.state, "requested");
}

#[rstest]
#[tokio::test]
async fn rem_10_a_removal_on_foreign_citizenship_names_its_rule_and_a_former_member_gets_no_new_case(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let open = RemovalInput {
        ground: Some("foreign_citizenship".into()),
        ..step("opened", "03/03/2025")
    };
    removal(&f, m, &open).await.unwrap();
    removal(&f, m, &step("self_reviewed", "10/03/2025"))
        .await
        .unwrap();
    removal(&f, m, &vote("cell_vote", "20/03/2025", 6, 4))
        .await
        .unwrap();
    removal(&f, m, &vote("committee_vote", "10/04/2025", 9, 6))
        .await
        .unwrap();
    removal(&f, m, &decided("20/04/2025", "90-QĐ/ĐU"))
        .await
        .unwrap();
    let v = member_view(&f.app, &f.admin, m).await.unwrap();
    let last = v.events.last().unwrap();
    assert_eq!(last.row.kind, "removed");
    assert!(
        last.row.reason.as_deref().unwrap().starts_with("REM-10"),
        "{:?}",
        last.row.reason
    );
    let view = of_member(&f.app, &f.admin, m).await.unwrap();
    assert_eq!(view.cases[0].ground.as_deref(), Some("foreign_citizenship"));
    // A former member: no new removal case, no request to leave.
    let (rule, code, _) = refused(removal(&f, m, &opened("01/05/2025")).await);
    assert_eq!((rule, code), ("REM-05", "not_a_current_member"));
    assert!(!view.can_request_leave);
    let (rule, code, _) = refused(leave_step(&f, m, &request("01/05/2025")).await);
    assert_eq!((rule, code), ("REM-08", "not_a_current_member"));
}

/// GEN-03: REM-05's `max_requests` is a setting, and a case is judged by the value in force on
/// the day it opened: set to 2 from 01/06/2025, a case opened in May still needs three
/// unanswered requests, one opened in June lets the cell vote after two.
#[rstest]
#[tokio::test]
async fn gen_03_rem_05_a_case_follows_the_request_count_in_force_when_it_opened(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    chibo_app::settings::set(
        &f.app,
        chibo_app::audit::By::System("test"),
        "max_requests",
        "2",
        Some(d(2025, 6, 1)),
    )
    .await
    .unwrap();
    removal(&f, m, &opened("20/05/2025")).await.unwrap();
    for on in ["21/05/2025", "10/06/2025"] {
        removal(&f, m, &step("self_review_requested", on))
            .await
            .unwrap();
    }
    let (rule, code, _) = refused(removal(&f, m, &vote("cell_vote", "20/06/2025", 9, 6)).await);
    assert_eq!((rule, code), ("REM-05", "self_review_missing"));
    // That case ends short of two thirds; the next, opened in June, needs two requests only.
    let o = removal(&f, m, &step("self_review_requested", "21/06/2025"))
        .await
        .unwrap();
    assert_eq!(o.state, "awaiting_self_review");
    let o = removal(&f, m, &vote("cell_vote", "22/06/2025", 9, 5))
        .await
        .unwrap();
    assert_eq!(o.state, "not_approved");
    removal(&f, m, &opened("01/07/2025")).await.unwrap();
    for on in ["02/07/2025", "09/07/2025"] {
        removal(&f, m, &step("self_review_requested", on))
            .await
            .unwrap();
    }
    let o = removal(&f, m, &vote("cell_vote", "20/07/2025", 9, 6))
        .await
        .unwrap();
    assert_eq!(o.state, "cell_approved");
}

/// REM-09 then REM-06: a removal decided at the end of a screening can be contested like any
/// removal: the complaint is due 30 working days from receipt, and a settlement against the
/// decision restores the member. A screening not decided, or another member's, is refused.
#[rstest]
#[tokio::test]
async fn rem_06_a_removal_decided_by_screening_can_be_contested_and_overturned(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::screening::{decide_removal, record};
    use chibo_domain::removal::{ScreeningStep, ScreeningVote, VoteMethod};
    let (f, m) = setup(engine).await;
    let a = &f.admin;
    let vote = ScreeningVote {
        official_members: 12,
        exempted: 0,
        approvals: 9,
        method: VoteMethod::SecretBallot,
    };
    let steps = [
        (d(2024, 3, 5), ScreeningStep::Flagged { vote }),
        (
            d(2024, 3, 12),
            ScreeningStep::HelpPlanned {
                responsible_member: "Trần Thị Hai".into(),
            },
        ),
        (d(2025, 3, 20), ScreeningStep::Reviewed { progress: false }),
    ];
    for (on, step) in &steps {
        record(&f.app, a, m, *on, step).await.unwrap();
    }
    let complaint = |step: &str, on: &str| ComplaintInput {
        step: step.into(),
        on: on.into(),
        ..ComplaintInput::default()
    };
    // Not decided yet: nothing to contest.
    let p = of_member(&f.app, a, m).await.unwrap();
    assert_eq!(p.contestable_screening, None);
    decide_removal(&f.app, a, m, d(2025, 4, 2), "QĐ 31-QĐ/ĐU")
        .await
        .unwrap();
    assert_eq!(status(&f, m).await, "removed");
    let p = of_member(&f.app, a, m).await.unwrap();
    let (case, decided_on, decision_ref) = p.contestable_screening.clone().unwrap();
    assert_eq!(
        (decided_on, decision_ref.as_str()),
        (d(2025, 4, 2), "QĐ 31-QĐ/ĐU")
    );
    // Another member's screening is not this member's decision.
    let other = f
        .member(
            "xt-2",
            "Lê Văn Hai",
            "C1-G1",
            "01/01/2012",
            Some("01/01/2013"),
        )
        .await;
    let wrong = ComplaintInput {
        screening: Some(case.to_string()),
        ..complaint("decision_received", "07/04/2025")
    };
    assert_eq!(
        invalid_fields(record_complaint(&f.app, a, other, &wrong).await),
        vec!["screening"]
    );
    // Received 07/04/2025: the complaint may be lodged up to its due day (REM-06), not after.
    let received = record_complaint(&f.app, a, m, &wrong).await.unwrap();
    assert_eq!(received.state, "received");
    let p = of_member(&f.app, a, m).await.unwrap();
    let due = p
        .cases
        .iter()
        .find(|c| c.id == received.case_id)
        .unwrap()
        .next_due
        .unwrap();
    assert!(
        due > d(2025, 5, 16),
        "30 working days after 07/04/2025: {due}"
    );
    assert_eq!(p.contestable_screening, None, "one complaint per decision");
    let late = ComplaintInput {
        level: Some("local".into()),
        ..complaint(
            "lodged",
            &format!("{}", due.succ_opt().unwrap().format("%d/%m/%Y")),
        )
    };
    assert_eq!(
        refused(record_complaint(&f.app, a, m, &late).await).0,
        "REM-06"
    );
    let lodged = ComplaintInput {
        level: Some("local".into()),
        ..complaint("lodged", &format!("{}", due.format("%d/%m/%Y")))
    };
    record_complaint(&f.app, a, m, &lodged).await.unwrap();
    let settled = ComplaintInput {
        decision_stands: Some("false".into()),
        ..complaint("settled", "10/07/2025")
    };
    let o = record_complaint(&f.app, a, m, &settled).await.unwrap();
    assert!(o.history_changed);
    assert_eq!(status(&f, m).await, "official");
    assert!(!live_events(&f, m).await.contains(&"removed".to_owned()));
}
