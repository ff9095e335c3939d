//! Deadlines on the web: the dashboard's block, the full list, the member's page and the API,
//! each limited to the caller's scope.

use axum::http::StatusCode;
use chibo_app::audit::By;
use chibo_app::members::{NewMemberInput, add_member};
use chibo_domain::person::ProfileInput;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;

use crate::client::World;

const PROBATIONER: &str = "Phạm Thị Dự Bị";

/// A member of C1-G1 admitted in 2020 and never recognised: their review is long overdue.
/// Returns their id and the review's due date (dd/mm/yyyy).
async fn overdue_probationer(w: &World) -> (i64, String) {
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let admin = chibo_app::users::login(&w.app, "quantri", crate::client::PASSWORD, None)
        .await
        .unwrap()
        .actor;
    let input = NewMemberInput {
        profile: ProfileInput {
            full_name: Some(PROBATIONER.into()),
            sex: Some("F".into()),
            birth_date: Some("01/01/1995".into()),
            ..ProfileInput::default()
        },
        member_key: Some("du-bi".into()),
        cell_code: "C1-G1".into(),
        admitted_on: "03/02/2020".into(),
        ..NewMemberInput::default()
    };
    let id = add_member(&w.app, &admin, &input).await.unwrap();
    let calendar = chibo_app::calendar::working_calendar(&w.app).await.unwrap();
    let admitted = chrono::NaiveDate::from_ymd_opt(2020, 2, 3).unwrap();
    let due = chibo_domain::member::recognition_review_due(admitted, &calendar, 30).unwrap();
    // The system's own view agrees.
    let all =
        chibo_app::deadlines::list(&w.app, By::System("test"), chibo_app::clock::today(), None)
            .await
            .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].due_date, due);
    (id.0, due.format("%d/%m/%Y").to_string())
}

#[rstest]
#[tokio::test]
async fn the_dashboard_lists_the_units_overdue_review_and_no_other_units(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let (id, due) = overdue_probationer(&w).await;
    let mut c = w.signed_in("officer1").await;
    let res = c.get("/").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Hạn cần xử lý"), "{}", res.body);
    assert!(res.body.contains(PROBATIONER), "{}", res.body);
    assert!(res.body.contains(&format!("href=\"/members/{id}\"")));
    assert!(res.body.contains("Xét công nhận chính thức"));
    assert!(res.body.contains(&due));
    assert!(res.body.contains("Quá hạn"));
    assert!(res.body.contains("badge deadline overdue"));
    assert!(res.body.contains("href=\"/deadlines\""));

    for username in ["officer2", "inspector2", "secretary2"] {
        let mut other = w.signed_in(username).await;
        let res = other.get("/").await;
        assert_eq!(res.status, StatusCode::OK, "{username}");
        assert!(!res.body.contains(PROBATIONER), "{username}: {}", res.body);
        assert!(
            res.body
                .contains("Không có hạn nào sắp đến, đến hạn hoặc quá hạn."),
            "{username}: {}",
            res.body
        );
    }
    // A member's own account has no scope of units: no block (it goes to its own record).
    let mut own = w.signed_in("member2").await;
    let res = own.get("/").await;
    assert!(!res.body.contains("Hạn cần xử lý") && !res.body.contains(PROBATIONER));
}

#[rstest]
#[tokio::test]
async fn the_list_page_filters_by_day_and_unit_within_scope(#[values(Sqlite)] engine: Engine) {
    let w = World::new(engine).await;
    let (id, due) = overdue_probationer(&w).await;
    let mut c = w.signed_in("officer1").await;
    for path in [
        "/deadlines",
        "/deadlines?unit=C1-G1",
        "/deadlines?as_of=01/12/2026&unit=C1",
    ] {
        let res = c.get(path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(res.body.contains(PROBATIONER), "{path}: {}", res.body);
        assert!(res.body.contains(&format!("/members/{id}")));
        assert!(res.body.contains(&due));
        assert!(
            res.body.contains("/api/v1/deadlines?format=csv"),
            "{}",
            res.body
        );
    }
    // Before probation ended there was nothing to do.
    let res = c.get("/deadlines?as_of=2020-06-01").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(!res.body.contains(PROBATIONER));
    assert!(res.body.contains("Không có hạn nào"));
    let res = c.get("/deadlines?as_of=31/02/2024").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("alert error"));

    let mut other = w.signed_in("officer2").await;
    let res = other.get("/deadlines").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(!res.body.contains(PROBATIONER));
    for path in [
        "/deadlines?unit=C1",
        "/deadlines?unit=C1-G1",
        "/deadlines?unit=NOPE",
    ] {
        let res = other.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!res.body.contains(PROBATIONER), "{path}");
    }
    let mut own = w.signed_in("member1").await;
    let res = own.get("/deadlines").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(!res.body.contains(PROBATIONER));
}

#[rstest]
#[tokio::test]
async fn the_members_page_shows_the_review_due_date(#[values(Sqlite)] engine: Engine) {
    let w = World::new(engine).await;
    let (id, due) = overdue_probationer(&w).await;
    let mut c = w.signed_in("officer1").await;
    let res = c.get(&format!("/members/{id}")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body.contains("Hạn xét công nhận chính thức"),
        "{}",
        res.body
    );
    assert!(res.body.contains(&due));
    assert!(res.body.contains("Quá hạn"));
    // An official member has no such deadline.
    let res = c.get(&format!("/members/{}", w.secret_member)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(!res.body.contains("Hạn xét công nhận"));
}

#[rstest]
#[tokio::test]
async fn the_api_answers_the_json_of_the_command_within_scope(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let (_, due) = overdue_probationer(&w).await;
    let today = chibo_app::clock::today().format("%Y-%m-%d").to_string();
    let mut c = w.signed_in("officer1").await;
    let res = c
        .get(&format!("/api/v1/deadlines?as_of={today}&unit=C1"))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.headers["content-type"], "application/json");
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    let row = rows[0].as_object().unwrap();
    let keys: Vec<&str> = row.keys().map(String::as_str).collect();
    let mut expected = [
        "kind",
        "subject_key",
        "subject_name",
        "unit_code",
        "due_date",
        "status",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(row["kind"], "recognition_review");
    assert_eq!(row["subject_key"], "du-bi");
    assert_eq!(row["subject_name"], PROBATIONER);
    assert_eq!(row["unit_code"], "C1-G1");
    let (d, m, y) = (&due[0..2], &due[3..5], &due[6..10]);
    assert_eq!(row["due_date"], format!("{y}-{m}-{d}"));
    assert_eq!(row["status"], "overdue");
    // The same as the command's JSON.
    let rows = chibo_app::deadlines::list(
        &w.app,
        By::System("test"),
        chibo_app::clock::today(),
        Some("C1"),
    )
    .await
    .unwrap();
    assert_eq!(res.body, chibo_app::deadlines::to_json(&rows).unwrap());

    let csv = c.get("/api/v1/deadlines?format=csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.body
            .starts_with("kind,subject_key,subject_name,unit_code,due_date,status\n")
    );
    assert!(csv.body.contains(PROBATIONER));

    let bad = c.get("/api/v1/deadlines?as_of=2024-02-31").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.headers["content-type"], "application/problem+json");

    let mut other = w.signed_in("officer2").await;
    let res = other.get("/api/v1/deadlines").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body.trim(), "[]");
    for path in [
        "/api/v1/deadlines?unit=C1",
        "/api/v1/deadlines?unit=C1-G1&format=csv",
    ] {
        let res = other.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.headers["content-type"], "application/problem+json");
        assert!(!res.body.contains(PROBATIONER));
    }
    let mut own = w.signed_in("member1").await;
    let res = own.get("/api/v1/deadlines").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(!res.body.contains(PROBATIONER));
}

/// ADM-04 on the pages: a candidate whose certificate of 01/02/2020 ran out on 01/02/2025
/// before the cell voted is listed as overdue, linked to the candidate's page, for the officer
/// of the commune and not for another one.
#[rstest]
#[tokio::test]
async fn adm_04_a_candidates_expired_certificate_is_listed_with_a_link_to_the_candidate(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let admin = chibo_app::users::login(&w.app, "quantri", crate::client::PASSWORD, None)
        .await
        .unwrap()
        .actor;
    let key = chibo_app::candidates::add_candidate(
        &w.app,
        &admin,
        &chibo_app::candidates::NewCandidateInput {
            candidate_key: Some("qc-web".into()),
            cell_code: "C1-G1".into(),
            full_name: "Lý Thị Ứng Viên".into(),
            sex: "F".into(),
            birth_date: "01/01/1998".into(),
            listed_on: "01/01/2020".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    chibo_app::candidates::record_step(
        &w.app,
        &admin,
        &key,
        &chibo_app::candidates::StepInput {
            stage: "awareness_class".into(),
            on: "01/02/2020".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut c = w.signed_in("officer1").await;
    let res = c.get("/deadlines").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body.contains("href=\"/candidates/qc-web\""),
        "{}",
        res.body
    );
    assert!(res.body.contains("Lý Thị Ứng Viên"));
    assert!(res.body.contains("01/02/2025"));
    let mut other = w.signed_in("officer2").await;
    let res = other.get("/deadlines").await;
    assert!(!res.body.contains("qc-web"), "{}", res.body);
}
