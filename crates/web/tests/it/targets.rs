//! The targets page's form and chart, and `GET /api/v1/targets/progress` (TGT-03; issue 5,
//! point 5).

use axum::http::StatusCode;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;
use serde_json::Value;

use crate::client::{Client, World};

/// The target of `unit` for 2025 as the API reports it (null when none).
async fn api_target(c: &mut Client, unit: &str) -> Value {
    let res = c
        .get(&format!(
            "/api/v1/targets?year=2025&unit={unit}&as_of=2025-12-31"
        ))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let v: Value = serde_json::from_str(&res.body).unwrap();
    v["rows"][0]["target"].clone()
}

#[rstest]
#[tokio::test]
async fn tgt_03_the_form_sets_a_target_and_the_page_shows_it_with_the_progress_chart(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let page = c.get("/targets").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(r#"id="target-form""#), "{}", page.body);
    // The unit is chosen among the officer's own units only.
    assert!(
        page.body.contains(r#"<option value="C1-G1""#),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains(r#"<option value="C2""#),
        "{}",
        page.body
    );

    let set = c
        .post(
            "/targets",
            &[
                ("unit", "C1-G1"),
                ("year", "2025"),
                ("count", "7"),
                ("percent", ""),
            ],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
    assert_eq!(set.location(), Some("/targets?year=2025&unit=C1-G1"));
    assert_eq!(api_target(&mut c, "C1-G1").await, 7);

    let shown = c
        .get("/targets?year=2025&unit=C1-G1&as_of=30/06/2025")
        .await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(
        shown.body.contains(r#"<td class="num">7</td>"#),
        "{}",
        shown.body
    );
    let chart = shown
        .body
        .split(r#"id="targets-chart""#)
        .nth(1)
        .expect("the progress chart");
    assert!(chart.contains("<svg"), "{chart}");
    // The target line and the dashed forecast are drawn and named.
    assert!(
        chart.contains("Chỉ tiêu") && chart.contains("Dự báo cuối năm"),
        "{chart}"
    );
    assert!(chart.contains("stroke-dasharray"), "{chart}");
    assert!(chart.contains("30/06/2025"), "{chart}");
}

#[tokio::test]
async fn tgt_03_bad_input_in_the_form_is_explained_next_to_the_field_and_writes_nothing() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    let both = c
        .post(
            "/targets",
            &[
                ("unit", "C1"),
                ("year", "2025"),
                ("count", "3"),
                ("percent", "2,5"),
            ],
        )
        .await;
    assert_eq!(
        both.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        both.body
    );
    let err = both
        .body
        .split(r#"id="f-count-error""#)
        .nth(1)
        .expect("the error next to the count");
    assert!(err.contains("Nhập đúng một trong hai"), "{}", both.body);
    // What was typed stays in the form.
    assert!(both.body.contains(r#"value="2,5""#), "{}", both.body);

    let year = c
        .post(
            "/targets",
            &[("unit", "C1"), ("year", "hai"), ("count", "3")],
        )
        .await;
    assert_eq!(
        year.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        year.body
    );
    assert!(year.body.contains(r#"id="f-year-error""#), "{}", year.body);
    assert!(api_target(&mut c, "C1").await.is_null());
}

#[rstest]
#[tokio::test]
async fn tgt_03_users_of_another_unit_or_without_the_right_cannot_set_targets(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut other = w.signed_in("officer2").await;
    let res = other
        .post(
            "/targets",
            &[("unit", "C1"), ("year", "2025"), ("count", "3")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    let progress = other
        .get("/api/v1/targets/progress?unit=C1&year=2025")
        .await;
    assert_eq!(progress.status, StatusCode::NOT_FOUND, "{}", progress.body);

    // A secretary reads targets but sets none: no form, and the post is refused.
    let mut secretary = w.signed_in("secretary2").await;
    let page = secretary.get("/targets").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(!page.body.contains(r#"id="target-form""#), "{}", page.body);
    let res = secretary
        .post(
            "/targets",
            &[("unit", "C2-G1"), ("year", "2025"), ("count", "3")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);

    let mut admin = w.signed_in("quantri").await;
    assert!(api_target(&mut admin, "C1").await.is_null());
    assert!(api_target(&mut admin, "C2-G1").await.is_null());
}

#[tokio::test]
async fn tgt_03_the_progress_api_gives_the_months_up_to_the_day_with_target_and_forecast() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    let set = c
        .json(
            "PUT",
            "/api/v1/targets",
            serde_json::json!({"unit": "C1", "year": 2025, "count": 4}),
            None,
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let res = c
        .get("/api/v1/targets/progress?unit=C1&year=2025&as_of=15/04/2025")
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let v: Value = serde_json::from_str(&res.body).unwrap();
    let months = v["months"].as_array().unwrap();
    let seen: Vec<(i64, &str)> = months
        .iter()
        .map(|m| (m["month"].as_i64().unwrap(), m["until"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (1, "2025-01-31"),
            (2, "2025-02-28"),
            (3, "2025-03-31"),
            (4, "2025-04-15"),
        ]
    );
    assert_eq!(
        (v["unit_code"].as_str(), v["target"].as_i64()),
        (Some("C1"), Some(4))
    );
    // The last month's figure and the forecast are the report's.
    let report = c
        .get("/api/v1/targets?unit=C1&year=2025&as_of=2025-04-15")
        .await;
    let r: Value = serde_json::from_str(&report.body).unwrap();
    assert_eq!(months[3]["admitted"], r["rows"][0]["admitted"]);
    assert_eq!(v["forecast"], r["rows"][0]["forecast"]);

    let bad = c.get("/api/v1/targets/progress?unit=C1&year=hai").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("\"year\""), "{}", bad.body);
}
