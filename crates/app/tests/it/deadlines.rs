//! Deadlines: the recognition reviews of probationers (PRB-01, PRB-02) and the candidates'
//! certificate, decision and ceremony (ADM-04, ADM-11, ADM-13) listed when due soon, due or
//! overdue, inside the caller's scope. Every case on both engines.

use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::candidates::{
    NewCandidateInput, SponsorInput, StepInput, add_candidate, record_step,
};
use chibo_app::deadlines::{Deadline, DeadlineKind, Subject, list, to_csv};
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

fn step(stage: &str, on: &str, doc: &str) -> StepInput {
    StepInput {
        stage: stage.into(),
        on: on.into(),
        document_ref: Some(doc.into()),
        ..StepInput::default()
    }
}

/// The steps from the certificate issued on `cert` to a passed cell vote on `vote` and, when
/// `committee` is given, the committee's endorsement on that day.
fn to_votes(cert: &str, vote: &str, committee: Option<&str>) -> Vec<StepInput> {
    let mut steps = vec![
        step("awareness_class", cert, "GCN"),
        step("application", cert, "1-KNĐ"),
        StepInput {
            sponsors: ["sp-1", "sp-2"]
                .iter()
                .map(|k| SponsorInput {
                    member_key: (*k).into(),
                    together_since: "01/01/2015".into(),
                    replaces: None,
                })
                .collect(),
            ..step("sponsors", cert, "3-KNĐ")
        },
        StepInput {
            conclusion: Some("Đạt".into()),
            comment_summary_ref: Some("5-KNĐ".into()),
            ..step("verified", cert, "2-KNĐ")
        },
        StepInput {
            official_members: Some(9),
            approvals: Some(9),
            ..step("cell_vote", vote, "6-KNĐ")
        },
    ];
    if let Some(on) = committee {
        steps.push(StepInput {
            committee_size: Some(9),
            approvals: Some(9),
            ..step("committee_vote", on, "8-KNĐ")
        });
    }
    steps
}

async fn walk(f: &Fixture, key: &str, listed_on: &str, steps: Vec<StepInput>) {
    add_candidate(
        &f.app,
        &f.admin,
        &NewCandidateInput {
            candidate_key: Some(key.into()),
            cell_code: "C1-G1".into(),
            full_name: format!("Người {key}"),
            sex: "F".into(),
            birth_date: "01/01/1995".into(),
            listed_on: listed_on.into(),
            education: Some("upper_secondary".into()),
            ..NewCandidateInput::default()
        },
    )
    .await
    .unwrap();
    for input in steps {
        record_step(&f.app, &f.admin, key, &input).await.unwrap();
    }
}

/// On Mon 2025-12-22, with the examples of the rule catalogue: QC-CERT's certificate of
/// 2020-12-22 is valid for a vote that day and no later (ADM-04, due); QC-DEC's cell resolved
/// on Wed 2025-10-01, so the decision is due Wed 2025-12-24 (ADM-11, due soon) and overdue on
/// the 25th; QC-CER's decision was received Mon 2025-11-03, so the ceremony was due Mon
/// 2025-12-15 (ADM-13, overdue). QC-EXT's extension moves its decision to Thu 2026-02-05;
/// QC-NEW's certificate runs until 2030.
#[rstest]
#[tokio::test]
async fn adm_04_adm_11_adm_13_candidate_deadlines_are_listed_with_their_due_dates(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = registry(engine).await;
    for key in ["sp-1", "sp-2"] {
        f.member(
            key,
            "Người Giới Thiệu",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    }
    walk(
        &f,
        "QC-CERT",
        "01/12/2020",
        vec![
            step("awareness_class", "22/12/2020", "GCN-1"),
            step("application", "10/01/2021", "1-KNĐ"),
        ],
    )
    .await;
    walk(
        &f,
        "QC-DEC",
        "01/05/2025",
        to_votes("01/06/2025", "01/10/2025", Some("10/10/2025")),
    )
    .await;
    let mut ext = to_votes("01/06/2025", "01/10/2025", Some("10/10/2025"));
    if let Some(last) = ext.last_mut() {
        last.extended = true;
    }
    walk(&f, "QC-EXT", "01/05/2025", ext).await;
    let mut cer = to_votes("01/06/2025", "01/09/2025", Some("10/09/2025"));
    cer.push(StepInput {
        deciding_body: Some("superior_standing_committee".into()),
        received_on: Some("03/11/2025".into()),
        ..step("decided", "01/11/2025", "9-QĐ/HU")
    });
    walk(&f, "QC-CER", "01/05/2025", cer).await;
    walk(
        &f,
        "QC-NEW",
        "01/05/2025",
        vec![step("awareness_class", "01/06/2025", "GCN-2")],
    )
    .await;

    let candidates = |rows: &[Deadline]| {
        rows.iter()
            .filter(|r| r.kind != DeadlineKind::RecognitionReview)
            .map(|r| (r.kind, r.subject_key.clone(), r.due_date, r.status))
            .collect::<Vec<_>>()
    };
    let all = list(&f.app, By::System("test"), d(2025, 12, 22), Some("C1-G1"))
        .await
        .unwrap();
    assert_eq!(
        candidates(&all),
        [
            (
                DeadlineKind::AdmissionCeremony,
                "QC-CER".to_owned(),
                d(2025, 12, 15),
                DeadlineStatus::Overdue
            ),
            (
                DeadlineKind::AwarenessCertificate,
                "QC-CERT".to_owned(),
                d(2025, 12, 22),
                DeadlineStatus::Due
            ),
            (
                DeadlineKind::AdmissionDecision,
                "QC-DEC".to_owned(),
                d(2025, 12, 24),
                DeadlineStatus::DueSoon
            ),
        ]
    );
    let cert = all.iter().find(|r| r.subject_key == "QC-CERT").unwrap();
    assert_eq!(
        (cert.unit_code.as_str(), cert.subject_name.as_str()),
        ("C1-G1", "Người QC-CERT")
    );
    assert_eq!(cert.subject, Subject::Candidate("QC-CERT".into()));
    assert_eq!(cert.subject.link(), "/candidates/QC-CERT");
    let csv = to_csv(&all).unwrap();
    assert!(
        csv.contains("admission_decision,QC-DEC,Người QC-DEC,C1-G1,2025-12-24,due_soon\n"),
        "{csv}"
    );

    // ADM-11: undecided the day after, without extension, overdue.
    let next = list(&f.app, By::System("test"), d(2025, 12, 25), Some("C1-G1"))
        .await
        .unwrap();
    assert!(
        candidates(&next).contains(&(
            DeadlineKind::AdmissionDecision,
            "QC-DEC".to_owned(),
            d(2025, 12, 24),
            DeadlineStatus::Overdue
        )),
        "{next:?}"
    );
    // The candidate's page: its open deadline whatever the distance.
    let view = chibo_app::candidates::get(&f.app, &f.admin, "QC-EXT")
        .await
        .unwrap();
    assert_eq!(
        view.deadlines
            .iter()
            .map(|x| (x.kind, x.due_date))
            .collect::<Vec<_>>(),
        [(DeadlineKind::AdmissionDecision, d(2026, 2, 5))]
    );
    let new = chibo_app::candidates::get(&f.app, &f.admin, "QC-NEW")
        .await
        .unwrap();
    assert_eq!(
        new.deadlines
            .iter()
            .map(|x| (x.kind, x.due_date))
            .collect::<Vec<_>>(),
        [(DeadlineKind::AwarenessCertificate, d(2030, 6, 1))]
    );

    // An officer of another commune does not see them.
    let officer = f.user("canbo2", "officer", Some("C2"), None).await;
    let own = list(&f.app, By::User(&officer), d(2025, 12, 22), None)
        .await
        .unwrap();
    assert!(candidates(&own).is_empty(), "{own:?}");

    // GEN-03: with a one-day warning window, the decision two working days off is not listed.
    chibo_app::settings::set(
        &f.app,
        By::User(&f.admin),
        "due_soon_working_days",
        "1",
        None,
    )
    .await
    .unwrap();
    let narrow = list(&f.app, By::System("test"), d(2025, 12, 22), Some("C1-G1"))
        .await
        .unwrap();
    assert!(
        !narrow.iter().any(|r| r.subject_key == "QC-DEC"),
        "{narrow:?}"
    );
}

/// GEN-03, PRB-02: the review's working days are a setting: with 35 instead of 30, B's review
/// (probation ends 15/11/2025) falls five working days after 26/12/2025.
#[rstest]
#[tokio::test]
async fn gen_03_prb_02_the_review_limit_is_the_setting_in_force(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = registry(engine).await;
    let due_of_b = |rows: &[chibo_app::deadlines::Deadline]| {
        rows.iter()
            .find(|r| r.subject_key == "DV-B")
            .map(|r| r.due_date)
    };
    let before = list(&f.app, By::System("test"), d(2025, 12, 22), Some("C1-G2"))
        .await
        .unwrap();
    assert_eq!(due_of_b(&before), Some(d(2025, 12, 26)));
    chibo_app::settings::set(
        &f.app,
        By::User(&f.admin),
        "recognition_review_wd",
        "35",
        None,
    )
    .await
    .unwrap();
    let calendar = chibo_app::calendar::working_calendar(&f.app).await.unwrap();
    let expected =
        chibo_domain::member::recognition_review_due(d(2024, 11, 15), &calendar, 35).unwrap();
    assert!(expected > d(2026, 1, 1), "{expected}");
    let after = list(&f.app, By::System("test"), d(2025, 12, 22), Some("C1-G2"))
        .await
        .unwrap();
    assert_eq!(due_of_b(&after), None, "no longer due within the window");
    let later = list(&f.app, By::System("test"), expected, Some("C1-G2"))
        .await
        .unwrap();
    assert_eq!(due_of_b(&later), Some(expected));
    // Zero working days is refused.
    assert!(
        chibo_app::settings::set(
            &f.app,
            By::User(&f.admin),
            "recognition_review_wd",
            "0",
            None
        )
        .await
        .is_err()
    );
}
