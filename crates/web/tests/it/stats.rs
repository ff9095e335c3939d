//! The statistics page and API: scope refusal with no data, CSV and JSON, CSP-safe chart.

use axum::http::StatusCode;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;

use crate::client::World;

#[rstest]
#[tokio::test]
async fn another_units_statistics_are_not_found_and_show_nothing(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer2").await;
    for path in [
        "/stats?unit=C1&by=sex",
        "/api/v1/stats?unit=C1&by=sex",
        "/api/v1/stats?unit=C1&format=csv",
        "/api/v1/stats?unit=C1-G1",
    ] {
        let res = c.get(path).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            !res.body.contains("Phú Cường") && !res.body.contains("members,"),
            "{path}: {}",
            res.body
        );
    }
    // Their own unit: the officer's scope is the default.
    let own = c.get("/api/v1/stats?by=unit").await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let v: serde_json::Value = serde_json::from_str(&own.body).unwrap();
    assert_eq!(v["unit"]["code"], "C2");
    assert_eq!(v["rows"][0]["unit_code"], "C2-G1");
    assert_eq!(v["rows"][0]["members"], 1);
    assert_eq!(v["total"]["members"], 1);
}

#[rstest]
#[tokio::test]
async fn the_api_answers_json_csv_and_names_bad_parameters(#[values(Sqlite)] engine: Engine) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("quantri").await;
    let csv = c
        .get("/api/v1/stats?unit=P&by=unit,sex&as_of=2025-01-01&format=csv")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(
        csv.body,
        "unit_code,unit_name,sex,members,official,probationary,exempted,working_away,in_transit\n\
         C1,Đảng bộ xã Phú Cường,F,1,1,0,0,0,0\n\
         C2,Đảng bộ phường Sa Đéc,F,1,1,0,0,0,0\n"
    );
    let bad = c
        .get("/api/v1/stats?as_of=31/02/2025&by=sex,district&from=2025-01-01")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let v: serde_json::Value = serde_json::from_str(&bad.body).unwrap();
    let fields: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["as_of", "by", "to"]);
}

#[rstest]
#[tokio::test]
async fn the_page_shows_a_pivot_a_table_and_an_inline_chart_without_inline_styles(
    #[values(Sqlite)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("quantri").await;
    let res = c
        .get("/stats?as_of=01/01/2025&unit=P&by=unit&by=sex&from=01/01/2000&to=31/12/2024&compare=01/01/2010")
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let b = &res.body;
    assert!(b.contains("class=\"pivot\"") && b.contains("Đảng bộ xã Phú Cường"));
    assert!(b.contains("<svg") && b.contains("Bảng số liệu"));
    assert!(
        b.contains("/api/v1/stats?format=csv&#38;as_of=01%2F01%2F2025"),
        "{b}"
    );
    assert!(
        !b.contains(" style=") && !b.contains("<style"),
        "CSP forbids inline styles"
    );
    assert!(b.contains("href=\"/stats\""), "linked in the navigation");
    let csp = res.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("style-src 'self'"));

    let many = c.get("/stats?by=unit&by=sex&by=status").await;
    assert_eq!(many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(many.body.contains("tối đa hai tiêu chí"));
    let bad = c.get("/stats?as_of=hôm+qua").await;
    assert!(bad.body.contains("«Ngày thống kê»"), "{}", bad.body);
}
