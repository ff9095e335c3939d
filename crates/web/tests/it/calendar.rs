//! The administrators' calendar page: a year's entries in Vietnamese, the form with its errors
//! next to the fields, and deleting a row.

use axum::http::StatusCode;
use chibo_testkit::{Engine, Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::client::World;

#[rstest]
#[tokio::test]
async fn administrators_keep_the_working_day_calendar(#[values(Sqlite, Postgres)] engine: Engine) {
    let w = World::new(engine).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("quantri").await;
    let home = c.get("/").await;
    assert!(
        home.body.contains("href=\"/admin/calendar\""),
        "{}",
        home.body
    );

    let page = c.get("/admin/calendar?year=2025").await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "02/09/2025",
        "Thứ Ba",
        "Ngày lễ",
        "Nghỉ bù/hoán đổi",
        "csrf_token",
    ] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    assert!(
        !page.body.contains("/2024</td>") && !page.body.contains("/2026</td>"),
        "only 2025's rows"
    );
    assert!(page.body.contains("/admin/calendar?year=2026"));

    // Errors come back next to their fields, and nothing is written.
    let bad = c
        .post(
            "/admin/calendar",
            &[
                ("date", "10/10/2025"),
                ("kind", "makeup_workday"),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"f-name-error\""), "{}", bad.body);
    let bad = c
        .post(
            "/admin/calendar",
            &[
                ("date", "10/10/2025"),
                ("kind", "makeup_workday"),
                ("name", "Làm bù"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")
    );
    let cal = chibo_app::calendar::working_calendar(&w.app).await.unwrap();
    assert_eq!(cal, chibo_domain::calendar::shipped_calendar().unwrap());

    // Add, then delete.
    let ok = c
        .post(
            "/admin/calendar",
            &[
                ("date", "08/10/2025"),
                ("kind", "day_off"),
                ("name", "Nghỉ <thử>"),
            ],
        )
        .await;
    assert_eq!(
        (ok.status, ok.location()),
        (StatusCode::SEE_OTHER, Some("/admin/calendar?year=2025"))
    );
    let page = c.get("/admin/calendar?year=2025").await;
    assert!(page.body.contains("08/10/2025"));
    assert!(page.body.contains("Thứ Tư"));
    assert!(page.body.contains("Nghỉ &lt;thử&gt;") || page.body.contains("Nghỉ &#60;thử&#62;"));
    let day = NaiveDate::from_ymd_opt(2025, 10, 8).unwrap();
    let cal = chibo_app::calendar::working_calendar(&w.app).await.unwrap();
    assert!(!cal.is_working_day(day));
    let gone = c
        .post("/admin/calendar/delete", &[("date", "2025-10-08")])
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    let cal = chibo_app::calendar::working_calendar(&w.app).await.unwrap();
    assert!(cal.is_working_day(day));
    let audit = c.get("/audit?action=calendar.delete").await;
    assert!(
        audit.body.contains("Xóa ngày khỏi lịch ngày nghỉ"),
        "{}",
        audit.body
    );
}

#[rstest]
#[tokio::test]
async fn the_api_reads_and_edits_the_calendar(#[values(Sqlite, Postgres)] engine: Engine) {
    let w = World::new(engine).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("quantri").await;
    let year = c.get("/api/v1/calendar?year=2025").await;
    assert_eq!(year.status, StatusCode::OK);
    let rows: serde_json::Value = serde_json::from_str(&year.body).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(
        rows.iter()
            .all(|r| r["date"].as_str().unwrap().starts_with("2025-"))
    );
    assert!(
        rows.iter()
            .any(|r| r["date"] == "2025-09-02" && r["kind"] == "holiday")
    );

    let body = serde_json::json!({"kind": "day_off", "name": "Nghỉ hoán đổi"});
    let put = c
        .json("PUT", "/api/v1/calendar/2025-10-08", body, None)
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    let v: serde_json::Value = serde_json::from_str(&put.body).unwrap();
    assert_eq!(v["date"], "2025-10-08");
    assert_eq!(v["kind"], "day_off");
    let day = NaiveDate::from_ymd_opt(2025, 10, 8).unwrap();
    let cal = chibo_app::calendar::working_calendar(&w.app).await.unwrap();
    assert!(!cal.is_working_day(day));

    let bad = serde_json::json!({"kind": "makeup_workday", "name": "Làm bù"});
    let bad = c
        .json("PUT", "/api/v1/calendar/2025-10-10", bad, None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.headers["content-type"], "application/problem+json");
    assert!(bad.body.contains("\"date\""), "{}", bad.body);

    let gone = c
        .json(
            "DELETE",
            "/api/v1/calendar/2025-10-08",
            serde_json::json!({}),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let again = c
        .json(
            "DELETE",
            "/api/v1/calendar/2025-10-08",
            serde_json::json!({}),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let cal = chibo_app::calendar::working_calendar(&w.app).await.unwrap();
    assert_eq!(cal, chibo_domain::calendar::shipped_calendar().unwrap());
}
