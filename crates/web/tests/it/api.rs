//! The JSON API: bearer and session auth, problem+json errors, and the OpenAPI document.

use axum::http::StatusCode;
use chibo_app::audit::By;
use chibo_testkit::Sqlite;
use serde_json::{Value, json};

use crate::client::World;

#[tokio::test]
async fn bearer_tokens_and_sessions_both_authenticate() {
    let w = World::new(Sqlite).await;
    let token = chibo_app::users::create_token(&w.app, By::System("test"), "officer1", "test")
        .await
        .unwrap();
    let mut c = w.client();
    let res = c
        .json("GET", "/api/v1/units", json!(null), Some(&token))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let units: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(units[0]["unit"]["code"], "C1");
    let res = c
        .json("GET", "/api/v1/units", json!(null), Some("chibo_wrong"))
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers["content-type"], "application/problem+json");
    let mut s = w.signed_in("officer1").await;
    assert_eq!(s.get("/api/v1/units").await.status, StatusCode::OK);
}

#[tokio::test]
async fn invalid_bodies_are_problem_documents_naming_each_field() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    let res = c.json("POST", "/api/v1/members", json!({"full_name": "", "sex": "X", "birth_date": "1980-13-01", "cell_code": "C1-G1", "admitted_on": "2020-01-01", "email": "no"}), None).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.headers["content-type"], "application/problem+json");
    let p: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(p["status"], 422);
    assert_eq!(p["type"], "https://chibo.vn/problems/invalid-input");
    let fields: Vec<(&str, &str)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("full_name", "required"),
            ("sex", "not_one_of"),
            ("birth_date", "invalid_date"),
            ("email", "email_format")
        ]
    );
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("«Họ và tên»")
    );

    let syntax = c
        .send(
            axum::http::Request::post("/api/v1/members")
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{oops"))
                .unwrap(),
        )
        .await;
    assert_eq!(syntax.status, StatusCode::BAD_REQUEST);
    assert!(syntax.body.contains("JSON không hợp lệ"));
    let form = c
        .send(
            axum::http::Request::post("/api/v1/members")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("a=b"))
                .unwrap(),
        )
        .await;
    assert_eq!(
        form.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "a cross-site form cannot post to the API"
    );

    let refused = c
        .json(
            "POST",
            &format!("/api/v1/members/{}/events", w.secret_member),
            json!({"kind": "not_recognized", "on": "2024-01-01"}),
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p: Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(p["type"], "https://chibo.vn/problems/event-refused");
}

#[tokio::test]
async fn members_and_events_round_trip_through_the_api() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    let created = c.json("POST", "/api/v1/members", json!({"full_name": "Lê Thị Hoa", "sex": "F", "birth_date": "12/05/1990", "cell_code": "C1-G1", "admitted_on": "2024-05-12", "citizen_id": "001190000777"}), None).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = serde_json::from_str::<Value>(&created.body).unwrap()["id"]
        .as_i64()
        .unwrap();
    let ev = c
        .json(
            "POST",
            &format!("/api/v1/members/{id}/events"),
            json!({"kind": "working_away_start", "on": "2025-01-10"}),
            None,
        )
        .await;
    assert_eq!(ev.status, StatusCode::CREATED, "{}", ev.body);
    let m: Value =
        serde_json::from_str(&c.get(&format!("/api/v1/members/{id}")).await.body).unwrap();
    assert_eq!(
        (m["status"].as_str(), m["working_away"].as_bool()),
        (Some("probationary"), Some(true))
    );
    let void = c
        .json(
            "POST",
            &format!("/api/v1/members/{id}/events/{}/void", m["events"][1]["id"]),
            json!({"reason": "nhầm"}),
            None,
        )
        .await;
    assert_eq!(void.status, StatusCode::NO_CONTENT);
    let events: Value =
        serde_json::from_str(&c.get(&format!("/api/v1/members/{id}/events")).await.body).unwrap();
    assert_eq!(events.as_array().unwrap().len(), 3);
    let found: Value =
        serde_json::from_str(&c.get("/api/v1/members?q=le+thi+hoa").await.body).unwrap();
    assert_eq!(found["total"], 1);
    let search: Value = serde_json::from_str(&c.get("/api/v1/search?q=an+loi").await.body).unwrap();
    assert_eq!(search["units"][0]["code"], "C1-G1");
}

#[tokio::test]
async fn the_openapi_document_is_3_1_and_matches_the_committed_copy() {
    let doc = serde_json::to_string_pretty(&chibo_web::api::openapi()).unwrap();
    let v: Value = serde_json::from_str(&doc).unwrap();
    assert!(v["openapi"].as_str().unwrap().starts_with("3.1"));
    let committed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::write(committed_path, format!("{doc}\n")).unwrap();
    }
    let committed = std::fs::read_to_string(committed_path)
        .expect("docs/openapi.json (run with UPDATE_OPENAPI=1 to write it)");
    assert_eq!(
        committed.trim_end(),
        doc,
        "the API changed: review it and run the tests with UPDATE_OPENAPI=1"
    );
    let w = World::new(Sqlite).await;
    let mut c = w.client();
    let served = c.get("/api/openapi.json").await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(serde_json::from_str::<Value>(&served.body).unwrap(), v);
    let docs = c.get("/api/docs/").await;
    assert_eq!(docs.status, StatusCode::OK);
}

#[rstest::rstest]
#[tokio::test]
async fn officers_set_and_read_admission_targets_through_the_api(
    #[values(Sqlite, chibo_testkit::Postgres)] engine: chibo_testkit::Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let set = c
        .json(
            "PUT",
            "/api/v1/targets",
            json!({"unit": "C1-G1", "year": 2025, "percent": 50}),
            None,
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let v: Value = serde_json::from_str(&set.body).unwrap();
    assert_eq!(
        (v["percent"].as_str(), v["count"].is_null()),
        (Some("50.00"), true)
    );
    let bad = c
        .json(
            "PUT",
            "/api/v1/targets",
            json!({"unit": "C1", "year": 2025, "count": 3, "percent": 2.5}),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("\"count\""), "{}", bad.body);
    let res = c
        .get("/api/v1/targets?year=2025&unit=C1&as_of=2025-12-31")
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let r: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(r["rows"][0]["unit_code"], "C1");
    let g1 = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["unit_code"] == "C1-G1")
        .unwrap();
    assert!(g1["target"].is_i64(), "{g1}");
    assert_eq!(r["rows"][0]["target"], g1["target"]);
    let missing = c.get("/api/v1/targets").await;
    assert_eq!(
        missing.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        missing.body
    );
}

#[tokio::test]
async fn the_targets_page_shows_the_rows_with_a_bar_and_explains_a_bad_year() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    let set = c
        .json(
            "PUT",
            "/api/v1/targets",
            json!({"unit": "C1", "year": 2025, "count": 1000}),
            None,
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let page = c.get("/targets?year=2025&unit=C1&as_of=31/12/2025").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("Chỉ tiêu kết nạp") && page.body.contains("1.000"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<meter"), "{}", page.body);
    let bad = c.get("/targets?year=hai").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Năm"), "{}", bad.body);
}
