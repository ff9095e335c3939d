//! Transfer and exemption pages (issue 6): each form sent back with its errors next to the
//! fields, then accepted; the receiving side's reception; the lists; another unit refused.

use axum::http::StatusCode;
use chibo_testkit::Sqlite;

use crate::client::{Response, SECRET_NAME, World};

fn error_of<'a>(res: &'a Response, name: &str) -> &'a str {
    let start = res
        .body
        .find(&format!("id=\"f-{name}-error\""))
        .unwrap_or_else(|| panic!("no error next to {name}: {}", res.body));
    &res.body[start..(start + 300).min(res.body.len())]
}

/// The id in the first link `/transfers/{id}/{action}` of a page.
fn letter_link(body: &str, action: &str) -> String {
    let end = body
        .find(&format!("/{action}\""))
        .unwrap_or_else(|| panic!("no {action} link: {body}"));
    let start = body[..end].rfind("/transfers/").unwrap() + "/transfers/".len();
    body[start..end].to_owned()
}

const LETTER: &[(&str, &str)] = &[
    ("letter_number", "125-GGT/ĐU"),
    ("issued_on", "03/11/2025"),
    ("to_unit_code", "C2-G1"),
    ("fees_paid_through", "10/2025"),
    ("card_number", "12.345678"),
    ("biography_number", "LL-0456"),
    ("cell_register_number", "17"),
    ("transfer_register_number", "125"),
    ("addressee", "Đảng ủy phường Sa Đéc"),
];

#[tokio::test]
async fn trf_02_trf_04_a_letter_is_issued_then_received_through_the_pages() {
    let w = World::new(Sqlite).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let m = w.secret_member;
    let mut sender = w.signed_in("officer1").await;
    assert_eq!(
        sender.get(&format!("/members/{m}/transfer")).await.status,
        StatusCode::OK
    );
    // TRF-04: the boxes left empty are named next to their fields; nothing is written.
    let bare: Vec<(&str, &str)> = LETTER
        .iter()
        .copied()
        .filter(|(k, _)| !["biography_number", "fees_paid_through"].contains(k))
        .collect();
    let res = sender.post(&format!("/members/{m}/transfer"), &bare).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&res, "biography_number").contains("Bắt buộc nhập"));
    assert!(error_of(&res, "fees_paid_through").contains("Bắt buộc nhập"));
    assert!(
        res.body.contains("value=\"125-GGT/ĐU\""),
        "what was typed is kept"
    );
    let page = sender.get(&format!("/members/{m}")).await;
    assert!(!page.body.contains("đang chuyển"));

    // Another unit's officer cannot issue it.
    let mut other = w.signed_in("officer2").await;
    let res = other.post(&format!("/members/{m}/transfer"), LETTER).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    let res = sender.post(&format!("/members/{m}/transfer"), LETTER).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = sender.get(&format!("/members/{m}")).await;
    assert!(
        page.body
            .contains("Giấy giới thiệu số 125-GGT/ĐU ngày 03/11/2025")
    );
    assert!(page.body.contains("đang chuyển"));

    // The sender's list: in transit, overdue after 30 days.
    let list = sender.get("/transfers?as_of=10/12/2025").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains(SECRET_NAME) && list.body.contains("Quá hạn"),
        "{}",
        list.body
    );
    let early = sender.get("/transfers?as_of=10/11/2025").await;
    assert!(early.body.contains(SECRET_NAME) && !early.body.contains("badge deadline overdue"));
    let bad = sender.get("/transfers?as_of=32/13/2025").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The receiving side lists the letter; the sender has nothing to receive.
    let incoming = other.get("/transfers/incoming").await;
    assert!(incoming.body.contains("Tiếp nhận"), "{}", incoming.body);
    let id = letter_link(&incoming.body, "present");
    let path = format!("/transfers/{id}/present");
    let res = sender
        .post(
            &path,
            &[("presented_on", "10/12/2025"), ("late_explanation", "x")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // TRF-02: 37 days late, so the explanation is required.
    let res = other.post(&path, &[("presented_on", "10/12/2025")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&res, "late_explanation").contains("Bắt buộc nhập"));
    let res = other
        .post(
            &path,
            &[
                ("presented_on", "10/12/2025"),
                ("late_explanation", "Nằm viện"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let after = sender.get("/transfers?as_of=11/12/2025").await;
    assert!(!after.body.contains(SECRET_NAME));
    let page = other.get(&format!("/members/{m}")).await;
    assert!(
        page.body.contains("đã tiếp nhận ngày 10/12/2025"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn exm_01_exm_02_an_exemption_is_refused_then_decided_and_resumed_through_the_pages() {
    let w = World::new(Sqlite).await;
    let m = w.secret_member;
    let mut c = w.signed_in("officer1").await;
    assert_eq!(
        c.get(&format!("/members/{m}/exemption")).await.status,
        StatusCode::OK
    );
    let form = |requested: &'static str| {
        vec![
            ("requested_on", requested),
            ("treatment_months", "0"),
            ("has_medical_records", "false"),
            ("resolution_ref", "05-NQ/CB"),
            ("resolution_on", "10/10/2025"),
            ("from", "10/10/2025"),
        ]
    };
    // EXM-01: without the member's request the cell cannot decide.
    let res = c.post(&format!("/members/{m}/exemption"), &form("")).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("EXM-01"), "{}", res.body);
    let res = c
        .post(
            &format!("/members/{m}/exemption"),
            &[("requested_on", "01/09/2025"), ("from", "xx")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_of(&res, "from").contains("Ngày không hợp lệ"));
    let mut other = w.signed_in("officer2").await;
    let res = other
        .post(&format!("/members/{m}/exemption"), &form("01/09/2025"))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // A woman born in 1970 is 55 in 2025: old age qualifies her.
    let res = c
        .post(&format!("/members/{m}/exemption"), &form("01/09/2025"))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = c.get(&format!("/members/{m}")).await;
    assert!(
        page.body
            .contains("Miễn công tác và sinh hoạt đảng (Tuổi cao)"),
        "{}",
        page.body
    );
    let start = page.body.find("/exemptions/").unwrap() + "/exemptions/".len();
    let id: String = page.body[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let resume = format!("/exemptions/{id}/resume");
    let res = c
        .post(
            &resume,
            &[
                ("resumed_on", "01/03/2026"),
                ("requested_by_member", "false"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("EXM-02"));
    let res = c
        .post(
            &resume,
            &[
                ("resumed_on", "01/03/2026"),
                ("requested_by_member", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = c.get(&format!("/members/{m}")).await;
    assert!(page.body.contains("trở lại sinh hoạt ngày 01/03/2026"));
}

#[tokio::test]
async fn trf_05_a_temporary_transfer_is_refused_then_started_and_listed_at_the_host() {
    let w = World::new(Sqlite).await;
    let m = w.secret_member;
    let mut c = w.signed_in("officer1").await;
    let form = |until: &'static str| {
        vec![
            ("letter_number", "12/GGT-TT"),
            ("host_unit_code", "C2-G1"),
            ("reason", "move"),
            ("from", "01/09/2025"),
            ("until", until),
        ]
    };
    // A 14-month move is too long for a temporary transfer.
    let res = c
        .post(&format!("/members/{m}/temporary"), &form("31/10/2026"))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("TRF-05"), "{}", res.body);
    let res = c
        .post(&format!("/members/{m}/temporary"), &form("28/02/2026"))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // Listed at the host cell's side, not as in transit.
    let mut host = w.signed_in("officer2").await;
    let list = host.get("/transfers?as_of=01/10/2025").await;
    assert!(
        list.body.contains(SECRET_NAME) && list.body.contains("Chuyển nơi làm việc"),
        "{}",
        list.body
    );
    let home = c.get("/transfers?as_of=01/10/2025").await;
    assert!(
        !home.body.contains(SECRET_NAME),
        "not in transit, not hosted by C1"
    );
    let page = c.get(&format!("/members/{m}")).await;
    assert!(page.body.contains("Sinh hoạt tạm thời tại C2-G1"));
}

#[tokio::test]
async fn trf_03_exm_02_the_api_issues_lists_and_refuses_by_rule() {
    use serde_json::{Value, json};
    let w = World::new(Sqlite).await;
    let m = w.secret_member;
    let mut c = w.signed_in("officer1").await;
    let body: serde_json::Map<String, Value> = LETTER
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
        .collect();
    let res = c
        .json(
            "POST",
            &format!("/api/v1/members/{m}/transfers"),
            json!({"letter_number": "1"}),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p: Value = serde_json::from_str(&res.body).unwrap();
    assert!(
        p["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "addressee")
    );
    let res = c
        .json(
            "POST",
            &format!("/api/v1/members/{m}/transfers"),
            Value::Object(body),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let csv = c
        .get("/api/v1/transfers/in-transit?as_of=2025-12-10&format=csv")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        csv.body,
        format!(
            "member_key,full_name,from_unit_code,to_unit_code,issued_on,days_in_transit,overdue\n\
             secret,{SECRET_NAME},C1-G1,C2-G1,2025-11-03,37,true\n"
        )
    );
    // The receiving side sees the letter to receive, the sender does not.
    let mut other = w.signed_in("officer2").await;
    let incoming: Value =
        serde_json::from_str(&other.get("/api/v1/transfers/incoming").await.body).unwrap();
    assert!(incoming[0]["days_in_transit"].as_u64().is_some());
    assert_eq!(incoming[0]["to_unit_code"], "C2-G1");
    let mine: Value =
        serde_json::from_str(&c.get("/api/v1/transfers/incoming").await.body).unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 0);

    // EXM-02: a decision without the resolution is a rule violation naming the rule.
    let res = c
        .json(
            "POST",
            &format!("/api/v1/members/{m}/exemptions"),
            json!({"requested_on": "2025-09-01", "resolution_ref": " ", "resolution_on": "2025-10-10", "from": "2025-10-10"}),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(p["type"], "https://chibo.vn/problems/rule-violation");
    assert!(p["detail"].as_str().unwrap().contains("EXM-02"));
    let list = other.get(&format!("/api/v1/members/{m}/exemptions")).await;
    assert_eq!(
        list.status,
        StatusCode::OK,
        "the receiver sees the member in transit to it"
    );
    let res = c
        .json(
            "POST",
            &format!("/api/v1/members/{m}/exemptions"),
            json!({"requested_on": "2025-09-01", "resolution_ref": "05-NQ/CB", "resolution_on": "2025-10-10", "from": "2025-10-10"}),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let list: Value =
        serde_json::from_str(&c.get(&format!("/api/v1/members/{m}/exemptions")).await.body)
            .unwrap();
    assert_eq!(list[0]["reason"], "old_age");
    assert_eq!(list[0]["resolution_ref"], "05-NQ/CB");
}
