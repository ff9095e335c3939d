//! Removal of name, complaints and leaving on request through the member page (REM-05,
//! REM-06, REM-08): a cell secretary goes through a removal with the forms, each refusal
//! coming back with its rule, then the member's complaint restores them; a request to leave
//! through the API. Users of another unit are refused (see also the access matrix).

use axum::http::StatusCode;
use chibo_app::audit::By;
use chibo_app::users::{NewUserInput, add_user};
use chibo_testkit::Sqlite;
use serde_json::json;

use crate::client::{PASSWORD, World};

#[tokio::test]
async fn rem_05_rem_06_a_secretary_removes_a_member_with_the_forms_and_a_complaint_restores_them() {
    let w = World::new(Sqlite).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let input = NewUserInput {
        username: "secretary1".into(),
        display_name: "Bí thư chi bộ".into(),
        password: PASSWORD.into(),
        role: "secretary".into(),
        unit_code: Some("C1-G1".into()),
        member_key: None,
    };
    add_user(&w.app, By::System("test"), &input).await.unwrap();
    let mut c = w.signed_in("secretary1").await;
    let id = w.secret_member;
    let profile = format!("/members/{id}");
    let page = c.get(&profile).await;
    assert!(page.body.contains("Xóa tên, khiếu nại, ra khỏi Đảng"));
    let open = format!("/members/{id}/removal?step=opened");
    assert!(
        page.body.contains(&format!("href=\"{open}\"")),
        "{}",
        page.body
    );
    let form = c.get(&open).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Căn cứ xóa tên"));

    // A ground must be chosen.
    let bad = c.post(&open, &[("on", "03/03/2025")]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"f-ground-error\""));
    let ok = c
        .post(&open, &[("on", "03/03/2025"), ("ground", "unpaid_fees")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

    // Before three unanswered requests the cell vote is refused with its rule.
    let vote = format!("/members/{id}/removal?step=cell_vote");
    let early = c
        .post(
            &vote,
            &[("on", "10/03/2025"), ("base", "9"), ("approvals", "6")],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("REM-05"), "{}", early.body);
    let page = c.get(&profile).await;
    assert!(!page.body.contains(&format!("href=\"{vote}\"")));
    let request = format!("/members/{id}/removal?step=self_review_requested");
    for on in ["05/03/2025", "12/03/2025", "19/03/2025"] {
        let r = c.post(&request, &[("on", on)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let page = c.get(&profile).await;
    assert!(page.body.contains(&format!("href=\"{vote}\"")));
    assert!(page.body.contains("đã yêu cầu tự kiểm điểm 3 lần"));
    let r = c
        .post(
            &vote,
            &[("on", "20/03/2025"), ("base", "9"), ("approvals", "6")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = c
        .post(
            &format!("/members/{id}/removal?step=committee_vote"),
            &[("on", "10/04/2025"), ("base", "7"), ("approvals", "5")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let decide = format!("/members/{id}/removal?step=decided");
    let r = c.post(&decide, &[("on", "30/05/2025")]).await;
    assert!(r.body.contains("id=\"f-decision_ref-error\""));
    let r = c
        .post(
            &decide,
            &[("on", "30/05/2025"), ("decision_ref", "85-QĐ/ĐU")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let member = c.get(&format!("/api/v1/members/{id}")).await;
    let m: serde_json::Value = serde_json::from_str(&member.body).unwrap();
    assert_eq!(m["status"], "removed");

    // The complaint: received, lodged late (refused with REM-06), lodged, settled.
    let cases = c.get(&format!("/api/v1/members/{id}/removal")).await;
    let v: serde_json::Value = serde_json::from_str(&cases.body).unwrap();
    assert_eq!(v[0]["state"], "removed");
    let case = v[0]["id"].as_i64().unwrap();
    let page = c.get(&profile).await;
    let received =
        format!("/members/{id}/complaints?step=decision_received&amp;removal_case={case}");
    assert!(page.body.contains(&received), "{}", page.body);
    let r = c
        .post(
            &format!("/members/{id}/complaints?step=decision_received&removal_case={case}"),
            &[("on", "02/06/2025"), ("removal_case", &case.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = c.get(&profile).await;
    assert!(page.body.contains("14/07/2025"), "the complaint's due date");
    let lodge = format!("/members/{id}/complaints?step=lodged");
    let late = c
        .post(&lodge, &[("on", "15/07/2025"), ("level", "local")])
        .await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("REM-06") && late.body.contains("14/07/2025"));
    let r = c
        .post(&lodge, &[("on", "01/07/2025"), ("level", "local")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = c
        .post(
            &format!("/members/{id}/complaints?step=settled"),
            &[("on", "01/09/2025"), ("decision_stands", "false")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let member = c.get(&format!("/api/v1/members/{id}")).await;
    let m: serde_json::Value = serde_json::from_str(&member.body).unwrap();
    assert_eq!(m["status"], "official");
    let page = c.get(&profile).await;
    assert!(page.body.contains("Không giữ nguyên quyết định"));

    // The list of open procedures on a day the complaint was pending; a user of another unit
    // sees none of it.
    let list = c.get("/removals?as_of=01/08/2025").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("Đang giải quyết khiếu nại"),
        "{}",
        list.body
    );
    let mut other = w.signed_in("secretary2").await;
    assert_eq!(
        other.get(&format!("/members/{id}/removal")).await.status,
        StatusCode::NOT_FOUND
    );
    let res = other
        .post(&lodge, &[("on", "01/07/2025"), ("level", "local")])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(
        !other
            .get("/removals?as_of=01/08/2025")
            .await
            .body
            .contains("Bí Mật")
    );
}

#[tokio::test]
async fn rem_08_a_request_to_leave_through_the_form_and_the_api_ends_with_resigned() {
    let w = World::new(Sqlite).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("officer1").await;
    let id = w.secret_member;
    let path = format!("/api/v1/members/{id}/leave");
    // The page's form: a declared breach of the standards is refused with the rule.
    let form = format!("/members/{id}/leave?step=requested");
    assert_eq!(c.get(&form).await.status, StatusCode::OK);
    let breach = c
        .post(
            &form,
            &[
                ("on", "01/03/2025"),
                ("reasons", "Lý do gia đình"),
                ("standards_breach", "true"),
            ],
        )
        .await;
    assert_eq!(breach.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(breach.body.contains("REM-08"), "{}", breach.body);
    let r = c
        .json(
            "POST",
            &path,
            json!({"step": "requested", "on": "2025-03-01"}),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("REM-08"), "{}", r.body);
    let r = c
        .json(
            "POST",
            &path,
            json!({"step": "requested", "on": "2025-03-01", "reasons": "Lý do gia đình"}),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = c
        .json(
            "POST",
            &path,
            json!({"step": "cell_forwarded", "on": "2025-03-05"}),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = c
        .json(
            "POST",
            &path,
            json!({"step": "decided", "on": "2025-03-20", "decision_ref": "12-QĐ/ĐU"}),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        (v["state"].as_str(), v["history_changed"].as_bool()),
        (Some("left"), Some(true))
    );
    let cases = c.get(&path).await;
    let v: serde_json::Value = serde_json::from_str(&cases.body).unwrap();
    assert_eq!(v[0]["rule"], "REM-08");
    assert_eq!(v[0]["steps"].as_array().unwrap().len(), 3);
    let member = c.get(&format!("/api/v1/members/{id}")).await;
    let m: serde_json::Value = serde_json::from_str(&member.body).unwrap();
    assert_eq!(m["status"], "resigned");
}
