//! Issue 5, point 7: one candidate walked from the cell's list of outstanding non-members to
//! official recognition through the application services, on both engines, meeting on the
//! way an expired awareness certificate (ADM-04), an ineligible sponsor (ADM-05), a failed
//! cell vote (ADM-09), a ceremony deadline that runs across Tết (ADM-13, GEN-01) and the
//! recognition deadlines (PRB-02, PRB-03), ending with recognition dated at the probation end
//! (PRB-04).

use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::candidates::{
    DocumentInput, NewCandidateInput, SponsorInput, StepInput, add_candidate, add_document,
    record_step,
};
use chibo_app::deadlines::{Deadline, DeadlineKind, list};
use chibo_app::recognition::{
    DecisionInput, ReviewInput, record_cell_review, record_committee_decision,
};
use chibo_domain::calendar::DeadlineStatus;
use chibo_domain::ids::MemberId;
use chibo_domain::member::EventKind;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn step(stage: &str, on: &str, document_ref: &str) -> StepInput {
    StepInput {
        stage: stage.into(),
        on: on.into(),
        document_ref: Some(document_ref.into()),
        ..StepInput::default()
    }
}

fn sponsors(keys: &[&str]) -> StepInput {
    StepInput {
        sponsors: keys
            .iter()
            .map(|k| SponsorInput {
                member_key: (*k).into(),
                together_since: "01/01/2020".into(),
                replaces: None,
            })
            .collect(),
        ..step("sponsors", "15/07/2024", "3-KNĐ")
    }
}

fn cell_vote(on: &str, approvals: u32) -> StepInput {
    StepInput {
        official_members: Some(10),
        approvals: Some(approvals),
        ..step("cell_vote", on, "6-KNĐ")
    }
}

fn rule<T: std::fmt::Debug>(r: Result<T, AppError>) -> (&'static str, &'static str) {
    match r {
        Err(AppError::Rule(v)) => (v.rule(), v.code()),
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

/// The open deadline of `kind` for `key` on `as_of`, across the whole registry.
async fn deadline(f: &Fixture, as_of: NaiveDate, kind: DeadlineKind, key: &str) -> Deadline {
    list(&f.app, By::System("test"), as_of, None)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.kind == kind && x.subject_key == key)
        .unwrap_or_else(|| panic!("no {kind:?} deadline for {key} on {as_of}"))
}

#[rstest]
#[tokio::test]
async fn adm_04_adm_05_adm_09_adm_13_prb_04_a_candidate_walks_from_the_list_to_official_recognition(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
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
    // Probationary on the letter date: may not sponsor (ADM-05, MEM-04).
    f.member("sp-p", "Lê Văn Ba", "C1-G1", "01/03/2024", None)
        .await;

    // On the list since 2019, with a certificate of 01/06/2019 (valid until 01/06/2024).
    let key = add_candidate(
        &f.app,
        &f.admin,
        &NewCandidateInput {
            candidate_key: Some("qc-walk".into()),
            cell_code: "C1-G1".into(),
            full_name: "Đặng Thị Hoa".into(),
            sex: "F".into(),
            birth_date: "20/08/1998".into(),
            listed_on: "01/05/2019".into(),
            education: Some("upper_secondary".into()),
            ..NewCandidateInput::default()
        },
    )
    .await
    .unwrap();
    for s in [
        step("awareness_class", "01/06/2019", "GCN-12/2019"),
        step("application", "01/07/2024", "1-KNĐ"),
    ] {
        record_step(&f.app, &f.admin, &key, &s).await.unwrap();
    }

    // ADM-05: a probationary sponsor is refused and nothing is written; two official ones pass.
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &sponsors(&["sp-1", "sp-p"])).await),
        ("ADM-05", "sponsor_not_official")
    );
    record_step(&f.app, &f.admin, &key, &sponsors(&["sp-1", "sp-2"]))
        .await
        .unwrap();
    record_step(
        &f.app,
        &f.admin,
        &key,
        &StepInput {
            conclusion: Some("Lý lịch rõ ràng.".into()),
            relatives: vec!["birth_parents".into()],
            comment_summary_ref: Some("5-KNĐ".into()),
            ..step("verified", "01/08/2024", "2-KNĐ")
        },
    )
    .await
    .unwrap();

    // ADM-04: on 10/09/2024 the 2019 certificate has expired; the vote is refused.
    assert_eq!(
        rule(record_step(&f.app, &f.admin, &key, &cell_vote("10/09/2024", 9)).await),
        ("ADM-04", "awareness_certificate_expired")
    );
    // The candidate takes the class again; the new certificate is recorded in the dossier.
    add_document(
        &f.app,
        &f.admin,
        &key,
        &DocumentInput {
            item: "certificate".into(),
            document_ref: "GCN-40/2024".into(),
            dated_on: "20/08/2024".into(),
        },
    )
    .await
    .unwrap();

    // ADM-09: six of ten is short of two thirds: recorded, reported, not advancing.
    let failed = record_step(&f.app, &f.admin, &key, &cell_vote("10/09/2024", 6))
        .await
        .unwrap();
    assert!(!failed.passed);
    assert_eq!(failed.violation.map(|v| v.rule), Some("ADM-09"));
    // A month later the cell votes again and passes.
    assert!(
        record_step(&f.app, &f.admin, &key, &cell_vote("10/10/2024", 8))
            .await
            .unwrap()
            .passed
    );
    record_step(
        &f.app,
        &f.admin,
        &key,
        &StepInput {
            committee_size: Some(15),
            approvals: Some(11),
            ..step("committee_vote", "25/10/2024", "8-KNĐ")
        },
    )
    .await
    .unwrap();
    // Decided on 10/01/2025, received by the cell on Tue 14/01/2025.
    record_step(
        &f.app,
        &f.admin,
        &key,
        &StepInput {
            deciding_body: Some("superior_standing_committee".into()),
            received_on: Some("14/01/2025".into()),
            ..step("decided", "10/01/2025", "115-QĐ/ĐU")
        },
    )
    .await
    .unwrap();

    // ADM-13 across Tết: 30 working days after 14/01/2025 skip the five weekdays of Tết
    // (27–31/01/2025), so the ceremony is due on Tue 04/03/2025, not Tue 25/02/2025.
    let ceremony_due = deadline(&f, d(2025, 2, 26), DeadlineKind::AdmissionCeremony, &key).await;
    assert_eq!(ceremony_due.due_date, d(2025, 3, 4));
    assert_eq!(ceremony_due.status, DeadlineStatus::DueSoon);
    assert_eq!(
        deadline(&f, d(2025, 3, 5), DeadlineKind::AdmissionCeremony, &key)
            .await
            .status,
        DeadlineStatus::Overdue
    );
    // The ceremony on the last day is on time and creates the probationary member.
    let ceremony = record_step(
        &f.app,
        &f.admin,
        &key,
        &step("ceremony", "04/03/2025", "BB-KN"),
    )
    .await
    .unwrap();
    assert_eq!(ceremony.due_on, Some(d(2025, 3, 4)));
    let member = ceremony.member.expect("the ceremony creates the member");

    // PRB-01, PRB-02: probation ends on 04/03/2026; the review is due 30 working days later.
    let review_due = deadline(
        &f,
        d(2026, 4, 10),
        DeadlineKind::RecognitionReview,
        &member_key(&f, member).await,
    )
    .await;
    assert_eq!(review_due.due_date, d(2026, 4, 15));
    record_cell_review(
        &f.app,
        &f.admin,
        member,
        &ReviewInput {
            on: "20/03/2026".into(),
            document_ref: Some("12-NQ/CB".into()),
            official_members: Some("10".into()),
            absent_exempted: None,
            for_recognition: Some("8".into()),
            for_removal: Some("0".into()),
        },
    )
    .await
    .unwrap();
    // PRB-03: the decision is due 30 working days after the resolution of 20/03/2026, skipping
    // the Hùng Kings' day off (27/04) and 30/04–01/05: Wed 06/05/2026.
    let decision_due = deadline(
        &f,
        d(2026, 4, 29),
        DeadlineKind::RecognitionDecision,
        &member_key(&f, member).await,
    )
    .await;
    assert_eq!(decision_due.due_date, d(2026, 5, 6));
    record_committee_decision(
        &f.app,
        &f.admin,
        member,
        &DecisionInput {
            on: "05/05/2026".into(),
            document_ref: Some("301-QĐ/ĐU".into()),
            decision: "recognized".into(),
            deciding_body: "superior_standing_committee".into(),
            extended: false,
        },
    )
    .await
    .unwrap();

    // PRB-04: official from the probation end, whatever the decision's date; no deadline left.
    let mut tx = f.app.db.read().await.unwrap();
    let row = chibo_storage::members::get(&mut tx, member)
        .await
        .unwrap()
        .unwrap();
    let history = chibo_storage::events::history(&mut tx, member)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(row.status, "official");
    assert_eq!(row.recognized_on, Some(d(2026, 3, 4)));
    let kinds: Vec<(&str, NaiveDate)> = history
        .iter()
        .map(|e| (e.kind.as_str(), e.effective_on))
        .collect();
    assert_eq!(
        kinds,
        [
            (EventKind::Admitted.code(), d(2025, 3, 4)),
            (EventKind::Recognized.code(), d(2026, 3, 4)),
        ]
    );
    let left = list(&f.app, By::System("test"), d(2026, 5, 5), None)
        .await
        .unwrap();
    assert!(
        left.iter().all(|x| x.subject_name != "Đặng Thị Hoa"),
        "{left:?}"
    );
}

async fn member_key(f: &Fixture, id: MemberId) -> String {
    let mut tx = f.app.db.read().await.unwrap();
    let row = chibo_storage::members::get(&mut tx, id)
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    row.member_key
}
