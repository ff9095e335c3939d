//! Cell meetings on the web (issue 6, points 4 and 7): the meeting form, the attendance sheet
//! posted without JavaScript (an error, then a valid sheet), the compliance page's chart, and
//! the same operations through the JSON API.

use axum::http::StatusCode;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;
use serde_json::{Value, json};

use crate::client::{SECRET_NAME, World};

fn today() -> String {
    chibo_app::clock::today().format("%d/%m/%Y").to_string()
}

#[rstest]
#[tokio::test]
async fn mtg_06_the_attendance_sheet_refuses_an_unmarked_member_then_saves_and_shows_the_tally(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    // The meeting form: a missing agenda is named next to its field, nothing is written.
    let secret = w.secret_member.to_string();
    let mut fields = vec![
        ("cell", "C1-G1"),
        ("kind", "regular"),
        ("held_on", ""),
        ("duration_minutes", "120"),
        ("chair", secret.as_str()),
        ("recorder", secret.as_str()),
        ("agenda", ""),
        ("prepared_content", "true"),
    ];
    let day = today();
    fields[2].1 = day.as_str();
    let bad = c.post("/meetings", &fields).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains(r#"id="f-agenda-error""#), "{}", bad.body);
    fields[6].1 = "Kiểm điểm công tác tháng";
    let ok = c.post("/meetings", &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let sheet = ok.location().unwrap().to_owned();
    assert!(sheet.ends_with("/attendance"), "{sheet}");

    let page = c.get(&sheet).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(SECRET_NAME));
    assert!(
        page.body
            .contains(&format!(r#"name="p_{secret}" value="present""#))
    );

    // Nobody marked: refused, the row flagged, nothing saved.
    let refused = c.post(&sheet, &[]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Chưa đánh dấu"), "{}", refused.body);
    assert!(refused.body.contains("«Có mặt / vắng»"), "{}", refused.body);
    let unsaved = c.get(&sheet).await;
    assert!(!unsaved.body.contains(r#"id="tally""#));

    // An absence without a reason: saved as unexcused.
    let key = format!("p_{secret}");
    let reason = format!("r_{secret}");
    let saved = c
        .post(&sheet, &[(key.as_str(), "excused"), (reason.as_str(), "")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), Some(format!("{sheet}?saved=1").as_str()));
    let shown = c.get(&format!("{sheet}?saved=1")).await;
    assert!(shown.body.contains("Đã lưu điểm danh"));
    assert!(
        shown.body.contains("vắng không lý do <strong>1</strong>"),
        "{}",
        shown.body
    );
    // Then present: the tally follows.
    let again = c.post(&sheet, &[(key.as_str(), "present")]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let shown = c.get(&sheet).await;
    assert!(
        shown.body.contains("Có mặt <strong>1/1</strong>"),
        "{}",
        shown.body
    );
    let id = sheet
        .trim_start_matches("/meetings/")
        .trim_end_matches("/attendance");
    let detail = c.get(&format!("/meetings/{id}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.body.contains(r#"id="quality""#));
}

#[rstest]
#[tokio::test]
async fn mtg_01_the_compliance_page_of_a_committee_has_the_chart_and_a_cell_its_plan(
    #[values(Sqlite)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let year = chibo_app::clock::today().format("%Y").to_string();
    let committee = c.get(&format!("/meetings?unit=C1&year={year}")).await;
    assert_eq!(committee.status, StatusCode::OK, "{}", committee.body);
    assert!(
        committee.body.contains(r#"id="meetings-chart""#),
        "{}",
        committee.body
    );
    assert!(committee.body.contains("<svg"));
    assert!(committee.body.contains(r#"id="compliance-rollup""#));
    assert!(committee.body.contains(r#"href="/meetings?unit=C1-G1"#));
    let cell = c.get(&format!("/meetings?unit=C1-G1&year={year}")).await;
    assert_eq!(cell.status, StatusCode::OK);
    assert!(cell.body.contains("Kế hoạch sinh hoạt năm"));
    assert!(cell.body.contains("Sinh hoạt thường kỳ tháng 12"));
    assert!(!cell.body.contains(r#"id="meetings-chart""#));
    // The navigation links the page.
    assert!(
        cell.body
            .contains(r#"href="/meetings" aria-current="page""#)
    );
    // A bad year is named.
    let bad = c.get("/meetings?unit=C1&year=abc").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("«Năm»"));
}

#[rstest]
#[tokio::test]
async fn mtg_03_the_api_records_a_meeting_takes_attendance_and_reports_compliance(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let day = chibo_app::clock::today().to_string();
    let body = json!({
        "cell": "C1-G1", "kind": "regular", "held_on": day, "duration_minutes": 95,
        "chair": w.secret_member, "recorder": w.secret_member,
        "agenda": ["Kiểm điểm", "Nghị quyết tháng"], "minutes": "Đầy đủ",
        "prepared_content": true, "draft_resolution": true, "broad_participation": true,
        "principles_respected": true, "minutes_complete": true,
        "votes": [{"subject": "Thông qua nghị quyết", "approvals": 1, "against": 0, "abstain": 0}]
    });
    let created = c.json("POST", "/api/v1/meetings", body.clone(), None).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let v: Value = serde_json::from_str(&created.body).unwrap();
    let id = v["id"].as_i64().unwrap();
    assert_eq!(v["attendance_taken"], false);
    assert_eq!(v["roster"][0]["in_base"], true);
    assert_eq!(v["votes"][0]["approvals"], 1);

    let empty = c
        .json(
            "PUT",
            &format!("/api/v1/meetings/{id}/attendance"),
            json!({"lines": []}),
            None,
        )
        .await;
    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    assert!(empty.body.contains("presence"), "{}", empty.body);
    let taken = c
        .json(
            "PUT",
            &format!("/api/v1/meetings/{id}/attendance"),
            json!({"lines": [{"member_id": w.secret_member, "presence": "present"}]}),
            None,
        )
        .await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    let v: Value = serde_json::from_str(&taken.body).unwrap();
    assert_eq!(
        (v["base"].as_i64(), v["present"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(v["quality"]["good"], true, "{v}");

    // Correcting the duration below 90 minutes makes it fail MTG-04 on duration.
    let mut short = body.clone();
    short["duration_minutes"] = json!(60);
    let put = c
        .json("PUT", &format!("/api/v1/meetings/{id}"), short, None)
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    let v: Value = serde_json::from_str(&put.body).unwrap();
    assert_eq!(v["quality"]["failures"], json!(["duration"]));

    let year = chibo_app::clock::today().format("%Y").to_string();
    let r = c
        .get(&format!("/api/v1/meetings/compliance?unit=C1&year={year}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["total"]["held"], 1);
    assert_eq!(v["total"]["attendance_present"], 1);
    assert_eq!(v["total"]["good_quality"], 0);
    let g1 = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit_code"] == "C1-G1")
        .unwrap();
    assert_eq!(g1["compliance"]["held"], 1);
    let list = c
        .get(&format!("/api/v1/meetings?unit=C1-G1&year={year}"))
        .await;
    let v: Value = serde_json::from_str(&list.body).unwrap();
    assert_eq!(v["meetings"][0]["id"], id);
    assert_eq!(v["compliance"]["required"], 16);
}
