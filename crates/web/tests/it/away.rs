//! Members working away through the pages and the API: the declare form sent back with its
//! errors then accepted, the contact log and exemptions, the list with the contact gap, and
//! another unit's user refused.

use axum::http::StatusCode;
use chibo_testkit::Sqlite;
use serde_json::json;

use crate::client::{SECRET_NAME, World};

#[tokio::test]
async fn declaring_working_away_through_the_form_then_logging_contacts_through_the_api() {
    let w = World::new(Sqlite).await;
    let m = w.secret_member;
    let mut c = w.signed_in("officer1").await;
    let profile = c.get(&format!("/members/{m}")).await;
    assert!(
        profile.body.contains("Khai báo đi làm ăn xa"),
        "{}",
        profile.body
    );
    let form = c.get(&format!("/members/{m}/away")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Nơi làm ăn, sinh sống"));

    // Errors next to their fields, what was typed kept.
    let bad = c
        .post(
            &format!("/members/{m}/away"),
            &[
                ("since", "31/02/2025"),
                ("place", ""),
                ("employer", "Công ty May Việt"),
                ("work_kind", "study"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["since", "place", "study_months"] {
        assert!(
            bad.body.contains(&format!("id=\"f-{field}-error\"")),
            "no error next to {field}"
        );
    }
    assert!(bad.body.contains("value=\"Công ty May Việt\""));
    let profile = c.get(&format!("/members/{m}")).await;
    assert!(!profile.body.contains("Đang làm ăn xa"), "nothing written");

    let ok = c
        .post(
            &format!("/members/{m}/away"),
            &[
                ("since", "01/03/2025"),
                ("place", "KCN Sóng Thần, Bình Dương"),
                ("employer", "Công ty May Việt"),
                ("messaging_group", "https://zalo.me/g/to-dang-xa"),
                ("remote_group", "Tổ đảng viên làm ăn xa tại Bình Dương"),
                ("work_kind", "agency"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let profile = c.get(&format!("/members/{m}")).await;
    assert!(profile.body.contains("Đang làm ăn xa"));
    assert!(profile.body.contains("KCN Sóng Thần, Bình Dương"));
    assert!(profile.body.contains("https://zalo.me/g/to-dang-xa"));
    assert!(
        profile
            .body
            .contains("vắng sinh hoạt tính là không có lý do")
    );

    // The API: a contact, an exemption refused at 12 months, the list with the gap.
    let contact = c
        .json(
            "POST",
            &format!("/api/v1/members/{m}/away/contacts"),
            json!({"on": "2025-04-10", "channel": "chat", "by_member_key": "secret", "note": "Vẫn khỏe"}),
            None,
        )
        .await;
    assert_eq!(contact.status, StatusCode::CREATED, "{}", contact.body);
    let long = c
        .json(
            "POST",
            &format!("/api/v1/members/{m}/away/exemptions"),
            json!({"decided_on": "2025-03-01", "from": "2025-03-01", "until": "2026-02-28", "resolution_ref": "NQ 3/2025"}),
            None,
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.body.contains("AWY-01"), "{}", long.body);
    let record = c.get(&format!("/api/v1/members/{m}/away")).await;
    let v: serde_json::Value = serde_json::from_str(&record.body).unwrap();
    assert_eq!(v["place"], "KCN Sóng Thần, Bình Dương");
    assert_eq!(v["contacts"][0]["on"], "2025-04-10");
    assert_eq!(v["exemptions"].as_array().unwrap().len(), 0);
    assert_eq!(v["status"]["residence_tie"], "required");

    let silent = c
        .get("/api/v1/away?unit=C1&as_of=2025-08-15&no_contact_months=3")
        .await;
    let rows: serde_json::Value = serde_json::from_str(&silent.body).unwrap();
    assert_eq!(rows[0]["full_name"], SECRET_NAME);
    assert_eq!(rows[0]["status"]["months_without_contact"], 4);
    let recent = c
        .get("/api/v1/away?unit=C1&as_of=2025-05-01&no_contact_months=3")
        .await;
    assert_eq!(recent.body, "[]");
    let page = c.get("/away?unit=C1&as_of=15/08/2025").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(SECRET_NAME));
    assert!(page.body.contains("4 tháng chưa liên hệ"));
    assert!(page.body.contains("Đảng viên đi làm ăn xa"));

    // Another unit's officer: refused the record and the writes, and sees none of it.
    let mut other = w.signed_in("officer2").await;
    let post = other
        .post(
            &format!("/members/{m}/away/contacts"),
            &[
                ("on", "01/05/2025"),
                ("channel", "phone"),
                ("by_member_key", "secret"),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    assert_eq!(
        other.get("/away?unit=C1").await.status,
        StatusCode::NOT_FOUND
    );
    let own = other.get("/away?as_of=15/08/2025").await;
    assert!(!own.body.contains(SECRET_NAME));
    let api = other.get(&format!("/api/v1/members/{m}/away")).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);

    // Back home through the form.
    let end = c
        .post(&format!("/members/{m}/away/end"), &[("on", "01/09/2025")])
        .await;
    assert_eq!(end.status, StatusCode::SEE_OTHER, "{}", end.body);
    let back = c.get("/api/v1/away?unit=C1&as_of=2025-09-15").await;
    assert_eq!(back.body, "[]");
}
