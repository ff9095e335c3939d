//! The administrators' rule settings (GEN-03): the page lists every value in force on a day
//! with its rule and the day it took effect, the form sets a value from a day on with its
//! errors in Vietnamese next to the field, the API does the same, and a secretary is refused.

use axum::http::StatusCode;
use chibo_app::audit::By;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;

use crate::client::World;

async fn versions(w: &World) -> usize {
    chibo_app::settings::history(&w.app, By::System("test"), None)
        .await
        .unwrap()
        .len()
}

#[rstest]
#[tokio::test]
async fn gen_03_administrators_set_rule_values_from_a_day_and_a_secretary_is_refused(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("quantri").await;
    let home = c.get("/").await;
    assert!(home.body.contains("href=\"/settings\""), "{}", home.body);
    let page = c.get("/settings").await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "<code>letter_presentation_limit</code>",
        "TRF-02",
        "min_attendance_pct",
        "mặc định",
        "csrf_token",
        "Áp dụng từ ngày",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }

    // Refusals name the field in Vietnamese and write nothing.
    for (form, field, message) in [
        (
            [
                ("key", "min_attendance_pct"),
                ("value", "120"),
                ("valid_from", "01/03/2026"),
            ],
            "value",
            "Phải là số nguyên từ 0 đến 100.",
        ),
        (
            [
                ("key", "khong_co"),
                ("value", "1"),
                ("valid_from", "01/03/2026"),
            ],
            "key",
            "",
        ),
        (
            [
                ("key", "min_attendance_pct"),
                ("value", "80"),
                ("valid_from", "31/02/2026"),
            ],
            "valid_from",
            "",
        ),
    ] {
        let bad = c.post("/settings", &form).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        assert!(
            bad.body.contains(&format!("id=\"f-{field}-error\"")) && bad.body.contains(message),
            "{form:?}: {}",
            bad.body
        );
    }
    assert_eq!(versions(&w).await, 0);

    let ok = c
        .post(
            "/settings",
            &[
                ("key", "min_attendance_pct"),
                ("value", "80"),
                ("valid_from", "01/03/2026"),
            ],
        )
        .await;
    assert_eq!(
        (ok.status, ok.location()),
        (StatusCode::SEE_OTHER, Some("/settings?on=2026-03-01"))
    );
    let from_march = c.get("/settings?on=01/03/2026").await;
    assert!(
        from_march.body.contains("<td>80</td>") && from_march.body.contains("<td>01/03/2026</td>"),
        "{}",
        from_march.body
    );
    let before = c.get("/settings?on=28/02/2026").await;
    assert!(!before.body.contains("<td>80</td>"), "{}", before.body);

    // The API: the values in force on a day, and setting one.
    let list = c.get("/api/v1/settings?on=2026-02-28").await;
    assert_eq!(list.status, StatusCode::OK);
    let rows: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    let row = |rows: &serde_json::Value, key: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key)
            .unwrap()
            .clone()
    };
    let pct = row(&rows, "min_attendance_pct");
    assert_eq!(
        (&pct["value"], &pct["rule"]),
        (&"85".into(), &"MTG-04".into())
    );
    assert!(pct["valid_from"].is_null());
    let body =
        serde_json::json!({"key": "rate_pension", "value": "0,75", "valid_from": "2026-04-01"});
    let set = c.json("POST", "/api/v1/settings", body, None).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let v: serde_json::Value = serde_json::from_str(&set.body).unwrap();
    assert_eq!(
        (&v["value"], &v["rule"], &v["valid_from"]),
        (&"0.75%".into(), &"FEE-01".into(), &"2026-04-01".into())
    );
    let bad = serde_json::json!({"key": "rate_pension", "value": "2", "valid_from": "2026-04-01"});
    let bad = c.json("POST", "/api/v1/settings", bad, None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.headers["content-type"], "application/problem+json");
    assert!(bad.body.contains("\"value\""), "{}", bad.body);
    let bad_day = c.get("/api/v1/settings?on=hom-qua").await;
    assert_eq!(bad_day.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_day.body.contains("\"on\""), "{}", bad_day.body);
    assert_eq!(versions(&w).await, 2);

    // A secretary sees no link and is refused on the page, the form and the API.
    let mut s = w.signed_in("secretary2").await;
    assert!(!s.get("/").await.body.contains("href=\"/settings\""));
    assert_eq!(s.get("/settings").await.status, StatusCode::FORBIDDEN);
    let refused = s
        .post(
            "/settings",
            &[
                ("key", "min_attendance_pct"),
                ("value", "70"),
                ("valid_from", "01/03/2026"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let body = serde_json::json!({"key": "min_attendance_pct", "value": "70"});
    let refused = s.json("POST", "/api/v1/settings", body, None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        s.get("/api/v1/settings").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(versions(&w).await, 2);
}
