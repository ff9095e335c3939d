//! Official recognition through the member page and the API (PRB-02 … PRB-04): the review
//! form comes back with its errors, then records; the decision makes the member official from
//! the probation end.

use axum::http::StatusCode;
use chibo_testkit::Sqlite;

use crate::client::World;

#[tokio::test]
async fn prb_02_prb_04_the_review_form_shows_errors_then_records_and_the_decision_recognises() {
    let w = World::new(Sqlite).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("officer1").await;
    let res = c
        .post(
            "/members",
            &[
                ("full_name", "Ngô Thị Phương"),
                ("sex", "F"),
                ("birth_date", "05/09/1995"),
                ("cell_code", "C1-G1"),
                ("admitted_on", "15/11/2024"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let profile_path = res.location().unwrap().to_owned();
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Xét công nhận đảng viên chính thức"));
    assert!(profile.body.contains("15/11/2025"), "probation end shown");
    assert!(
        profile.body.contains("26/12/2025"),
        "the review's deadline (PRB-02)"
    );
    let review = format!("{profile_path}/recognition/review");
    assert!(profile.body.contains(&format!("href=\"{review}\"")));
    assert_eq!(c.get(&review).await.status, StatusCode::OK);

    // Missing and malformed fields, each named next to its input.
    let bad = c
        .post(
            &review,
            &[("on", "20/11/2025"), ("official_members", "mười")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let field = |body: &str, name: &str| {
        let start = body
            .find(&format!("id=\"f-{name}-error\""))
            .unwrap_or_else(|| panic!("no error next to {name}"));
        body[start..start + 200].to_owned()
    };
    assert!(field(&bad.body, "official_members").contains("số nguyên không âm"));
    assert!(field(&bad.body, "for_recognition").contains("Bắt buộc nhập"));
    assert!(
        bad.body.contains("value=\"mười\""),
        "what was typed is kept"
    );
    // A resolution before probation ends: the rule in the alert.
    let early = c
        .post(
            &review,
            &[
                ("on", "14/11/2025"),
                ("official_members", "10"),
                ("for_recognition", "8"),
            ],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(early.body.contains("PRB-02"), "{}", early.body);
    assert!(early.body.contains("15/11/2025"));

    let ok = c
        .post(
            &review,
            &[
                ("on", "10/12/2025"),
                ("document_ref", "05-NQ/CB"),
                ("official_members", "10"),
                ("for_recognition", "8"),
                ("for_removal", "0"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Chi bộ xét (lần 1)"));
    assert!(profile.body.contains("8/10 đảng viên chính thức tán thành"));
    assert!(
        profile.body.contains("22/01/2026"),
        "the decision's deadline (PRB-03)"
    );
    let decision = format!("{profile_path}/recognition/decision");
    assert!(profile.body.contains(&format!("href=\"{decision}\"")));
    assert!(!profile.body.contains(&format!("href=\"{review}\"")));

    let id = profile_path.trim_start_matches("/members/");
    let api = c.get(&format!("/api/v1/members/{id}/recognition")).await;
    assert_eq!(api.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(v["stage"], "awaiting_decision");
    assert_eq!(v["deadline"]["kind"], "recognition_decision");
    assert_eq!(v["deadline"]["due_date"], "2026-01-22");
    assert_eq!(v["steps"][0]["outcome"], "recognize");

    let decided = c
        .post(
            &decision,
            &[
                ("on", "20/03/2026"),
                ("document_ref", "210-QĐ/ĐU"),
                ("decision", "recognized"),
                ("deciding_body", "grassroots_committee"),
            ],
        )
        .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
    let member = c.get(&format!("/api/v1/members/{id}")).await;
    let m: serde_json::Value = serde_json::from_str(&member.body).unwrap();
    assert_eq!(m["status"], "official");
    assert_eq!(m["recognized_on"], "2025-11-15");
}

#[tokio::test]
async fn prb_05_the_api_refuses_a_decision_before_any_review_with_the_rule() {
    let w = World::new(Sqlite).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("officer1").await;
    let res = c
        .post(
            "/members",
            &[
                ("full_name", "Lý Văn Quang"),
                ("sex", "M"),
                ("birth_date", "05/09/1990"),
                ("cell_code", "C1-G1"),
                ("admitted_on", "15/11/2024"),
            ],
        )
        .await;
    let id = res
        .location()
        .unwrap()
        .trim_start_matches("/members/")
        .to_owned();
    let refused = c
        .json(
            "POST",
            &format!("/api/v1/members/{id}/recognition/decision"),
            serde_json::json!({
                "on": "2025-12-01", "document_ref": "1-QĐ", "decision": "recognized",
                "deciding_body": "grassroots_committee"
            }),
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("PRB-03"), "{}", refused.body);
    let ok = c
        .json(
            "POST",
            &format!("/api/v1/members/{id}/recognition/review"),
            serde_json::json!({"on": "2025-12-01", "official_members": 9, "for_recognition": 1, "for_removal": 7}),
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let v: serde_json::Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(v["steps"][0]["outcome"], "not_recognize");
    assert_eq!(v["stage"], "awaiting_decision");
}
