//! Screening (REM-09) and disciplinary measures (REM-07, PRB-06) on the member page: a
//! secretary flags a member by secret ballot, plans help, reviews after the help period and
//! records the removal decision through the forms, each refusal shown with its rule; the
//! `/screening` list and the API's CSV show the case; the discipline form records a measure
//! and refuses more than a warning for a probationer.

use axum::http::StatusCode;
use chibo_testkit::Sqlite;

use crate::client::{Client, World};

const NAME: &str = "Huỳnh Văn Sàng";

/// Adds a member of C2-G1 through the form; the profile's path.
async fn add(c: &mut Client, name: &str, admitted: &str, recognized: &str) -> String {
    let res = c
        .post(
            "/members",
            &[
                ("full_name", name),
                ("sex", "M"),
                ("birth_date", "05/09/1975"),
                ("cell_code", "C2-G1"),
                ("admitted_on", admitted),
                ("recognized_on", recognized),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    res.location().unwrap().to_owned()
}

#[tokio::test]
async fn rem_09_a_secretary_flags_plans_help_reviews_and_decides_through_the_forms() {
    let w = World::new(Sqlite).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("secretary2").await;
    let profile_path = add(&mut c, NAME, "01/02/2010", "01/02/2011").await;
    let id = profile_path.trim_start_matches("/members/").to_owned();
    let api = format!("/api/v1/members/{id}/screening");
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Rà soát, sàng lọc"));
    assert!(profile.body.contains("Chưa đưa vào diện rà soát, sàng lọc"));
    let flag = format!("{profile_path}/screening/flag");
    assert!(profile.body.contains(&format!("action=\"{flag}\"")));
    assert!(profile.body.contains("<option value=\"secret_ballot\""));
    assert_eq!(c.get(&flag).await.status, StatusCode::OK);

    // A raised-card vote is refused with the rule; a missing count is named at its field.
    let mut vote = vec![
        ("on", "10/01/2025"),
        ("official_members", "11"),
        ("exempted", "2"),
        ("approvals", "7"),
        ("method", "raised_card"),
    ];
    let open = c.post(&flag, &vote).await;
    assert_eq!(open.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(open.body.contains("Quy tắc REM-09"), "{}", open.body);
    assert!(open.body.contains("phiếu kín"));
    let before_admission = c
        .post(
            &flag,
            &[
                ("on", "10/01/2009"),
                ("official_members", "11"),
                ("approvals", "9"),
                ("method", "secret_ballot"),
            ],
        )
        .await;
    assert_eq!(before_admission.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(before_admission.body.contains("id=\"f-on-error\""));
    let missing = c
        .post(&flag, &[("on", "10/01/2025"), ("method", "secret_ballot")])
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("id=\"f-approvals-error\""));
    let v: serde_json::Value = serde_json::from_str(&c.get(&api).await.body).unwrap();
    assert_eq!(v["state"], serde_json::Value::Null, "nothing was written");

    vote[4] = ("method", "secret_ballot");
    let ok = c.post(&flag, &vote).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(
        ok.location(),
        Some(format!("{profile_path}#screening").as_str())
    );
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("7/9 đảng viên chính thức tán thành"));
    let help = format!("{profile_path}/screening/help");
    assert!(profile.body.contains(&format!("action=\"{help}\"")));
    assert!(
        !profile.body.contains(&format!("action=\"{flag}\"")),
        "next step only"
    );

    let ok = c
        .post(
            &help,
            &[("on", "15/01/2025"), ("responsible_member", "Lê Thị Giúp")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Phân công giúp đỡ: Lê Thị Giúp"));
    assert!(
        profile.body.contains("15/01/2026"),
        "review from (12 months)"
    );

    // The list: helped, review due 15/01/2026, overdue by February.
    let list = c.get("/screening?unit=C2-G1&as_of=01/02/2026").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(NAME), "{}", list.body);
    assert!(list.body.contains(&format!("href=\"{profile_path}\"")));
    assert!(list.body.contains("Lê Thị Giúp"));
    assert!(list.body.contains("Quá hạn"));
    assert!(list.body.contains("/api/v1/screening?format=csv"));
    let early = c.get("/screening?unit=C2-G1&as_of=01/12/2025").await;
    assert!(early.body.contains(NAME) && !early.body.contains("Quá hạn"));
    let csv = c
        .get("/api/v1/screening?unit=C2-G1&as_of=2026-02-01&format=csv")
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    let mut lines = csv.body.lines();
    assert_eq!(
        lines.next(),
        Some(
            "member_key,full_name,unit_code,state,flagged_on,responsible_member,review_due,overdue"
        )
    );
    assert!(
        csv.body.lines().any(|l| l.contains(&format!(
            ",{NAME},C2-G1,helping,2025-01-10,Lê Thị Giúp,2026-01-15,true"
        ))),
        "{}",
        csv.body
    );

    // The review before the help period has run is refused with the rule and the day.
    let review = format!("{profile_path}/screening/review");
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains(&format!("action=\"{review}\"")));
    let too_early = c
        .post(&review, &[("on", "14/01/2026"), ("progress", "false")])
        .await;
    assert_eq!(too_early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_early.body.contains("Quy tắc REM-09"),
        "{}",
        too_early.body
    );
    assert!(too_early.body.contains("15/01/2026"));
    let ok = c
        .post(&review, &[("on", "20/01/2026"), ("progress", "false")])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let profile = c.get(&profile_path).await;
    assert!(
        profile
            .body
            .contains("không tiến bộ, đề nghị đưa ra khỏi Đảng")
    );
    let removal = format!("{profile_path}/screening/removal");
    assert!(profile.body.contains(&format!("action=\"{removal}\"")));

    let no_ref = c.post(&removal, &[("on", "01/02/2026")]).await;
    assert_eq!(no_ref.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_ref.body.contains("id=\"f-decision_ref-error\""));
    let ok = c
        .post(
            &removal,
            &[("on", "01/02/2026"), ("decision_ref", "15-QĐ/ĐU")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Quyết định xóa tên số 15-QĐ/ĐU"));
    assert!(profile.body.contains("Đã xóa tên"));
    assert!(
        !profile.body.contains("id=\"screening-form\""),
        "no new flag for a member who left"
    );
    let v: serde_json::Value = serde_json::from_str(&c.get(&api).await.body).unwrap();
    assert_eq!(v["removed"], true);
    assert_eq!(v["steps"].as_array().unwrap().len(), 4);
    let m: serde_json::Value =
        serde_json::from_str(&c.get(&format!("/api/v1/members/{id}")).await.body).unwrap();
    assert_ne!(m["status"], "official", "removed from the registry");
    // A second decision is refused.
    let again = c
        .post(
            &removal,
            &[("on", "02/02/2026"), ("decision_ref", "16-QĐ/ĐU")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("Quy tắc REM-09"));
    // The removed member stays on the list with the decision.
    let list = c.get("/screening?unit=C2-G1&as_of=01/03/2026").await;
    assert!(list.body.contains(NAME) && list.body.contains("15-QĐ/ĐU"));

    // An inspector of the unit reads the section but gets no forms.
    let mut inspector = w.signed_in("inspector2").await;
    let seen = inspector.get(&profile_path).await;
    assert!(seen.body.contains("Rà soát, sàng lọc"));
    assert!(!seen.body.contains("/screening/flag"));
    assert!(
        !seen
            .body
            .contains(&format!("action=\"{profile_path}/discipline\""))
    );
}

#[tokio::test]
async fn rem_09_the_api_records_the_steps_and_refuses_a_raised_card_vote() {
    let w = World::new(Sqlite).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("secretary2").await;
    let profile_path = add(&mut c, NAME, "01/02/2010", "01/02/2011").await;
    let id = profile_path.trim_start_matches("/members/");
    let steps = format!("/api/v1/members/{id}/screening/steps");
    let open = c
        .json("POST", &steps, serde_json::from_str(r#"{"kind":"flagged","on":"2025-01-10","official_members":11,"exempted":2,"approvals":9,"method":"raised_card"}"#).unwrap(), None)
        .await;
    assert_eq!(open.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(open.body.contains("Quy tắc REM-09"), "{}", open.body);
    let ok = c
        .json("POST", &steps, serde_json::from_str(r#"{"kind":"flagged","on":"2025-01-10","official_members":11,"exempted":2,"approvals":6,"method":"secret_ballot"}"#).unwrap(), None)
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let ok = c
        .json(
            "POST",
            &steps,
            serde_json::from_str(
                r#"{"kind":"help_planned","on":"2025-01-15","responsible_member":"Lê Thị Giúp"}"#,
            )
            .unwrap(),
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let v: serde_json::Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(v["state"], "helping");
    assert_eq!(v["review_from"], "2026-01-15");
    let ok = c
        .json(
            "POST",
            &steps,
            serde_json::from_str(r#"{"kind":"reviewed","on":"2026-01-20","progress":true}"#)
                .unwrap(),
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    // Kept: there is no exit to decide on.
    let removal = c
        .json(
            "POST",
            &format!("/api/v1/members/{id}/screening/removal"),
            serde_json::from_str(r#"{"on":"2026-02-01","decision_ref":"1-QĐ"}"#).unwrap(),
            None,
        )
        .await;
    assert_eq!(removal.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(removal.body.contains("Quy tắc REM-09"), "{}", removal.body);
    let rows = c.get("/api/v1/screening?unit=C2-G1&as_of=2026-02-01").await;
    let v: serde_json::Value = serde_json::from_str(&rows.body).unwrap();
    assert_eq!(v[0]["state"], "kept");
    assert_eq!(v[0]["decision"], "kept");
    assert_eq!(v[0]["overdue"], false);
}

#[tokio::test]
async fn rem_07_prb_06_the_discipline_form_records_a_measure_and_refuses_more_than_a_warning_for_a_probationer()
 {
    let w = World::new(Sqlite).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("secretary2").await;
    let profile_path = add(&mut c, "Phan Thị Dự Bị", "01/03/2026", "").await;
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Kỷ luật"));
    assert!(profile.body.contains("Chưa có quyết định kỷ luật"));
    let form = format!("{profile_path}/discipline");
    assert!(profile.body.contains(&format!("action=\"{form}\"")));
    let page = c.get(&form).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("khiển trách") && page.body.contains("khai trừ"));

    let beyond = c
        .post(
            &form,
            &[
                ("kind", "removal_from_post"),
                ("decided_on", "01/06/2026"),
                ("decision_ref", "3-QĐ/ĐU"),
            ],
        )
        .await;
    assert_eq!(beyond.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(beyond.body.contains("Quy tắc PRB-06"), "{}", beyond.body);
    let missing = c.post(&form, &[("kind", "warning")]).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("id=\"f-decision_ref-error\""));
    assert!(
        !c.get(&profile_path).await.body.contains("3-QĐ/ĐU"),
        "nothing recorded"
    );

    let ok = c
        .post(
            &form,
            &[
                ("kind", "warning"),
                ("decided_on", "01/06/2026"),
                ("decision_ref", "4-QĐ/ĐU"),
                ("reason", "Vi phạm quy định sinh hoạt"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Cảnh cáo"), "{}", profile.body);
    assert!(profile.body.contains("01/06/2026"));
    assert!(profile.body.contains("4-QĐ/ĐU"));
    assert!(profile.body.contains("Vi phạm quy định sinh hoạt"));
}
