//! Party development on the web: the board of stages, a candidate's page with the form of the
//! next stage, refused steps coming back with their rule ID, and the JSON API.

use axum::http::StatusCode;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;
use serde_json::{Value, json};

use crate::client::{Client, World};

const NAME: &str = "Đỗ Văn Ứng Viên";

/// Lists a candidate in C1-G1 through the page's form; their page's address.
async fn listed(c: &mut Client) -> String {
    let res = c
        .post(
            "/candidates",
            &[
                ("cell_code", "C1-G1"),
                ("listed_on", "05/01/2025"),
                ("full_name", NAME),
                ("sex", "M"),
                ("birth_date", "02/03/2000"),
                ("youth_union_member", "true"),
                ("document_ref", "DS-01"),
                ("education", "upper_secondary"),
                ("hardship_area", "false"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let to = res.location().unwrap().to_owned();
    assert!(to.starts_with("/candidates/c-"), "{to}");
    to
}

/// The cards of a stage's column on the board page.
fn column<'a>(body: &'a str, stage: &str) -> &'a str {
    let start = body
        .find(&format!("data-stage=\"{stage}\""))
        .unwrap_or_else(|| panic!("no column {stage}"));
    let rest = &body[start..];
    let end = rest.find("</section>").unwrap();
    &rest[..end]
}

#[rstest]
#[tokio::test]
async fn adm_14_the_board_moves_a_candidate_to_the_column_of_each_recorded_stage(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let page = listed(&mut c).await;
    let board = c.get("/candidates?unit=C1").await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(
        column(&board.body, "outstanding").contains(NAME),
        "{}",
        board.body
    );
    assert!(!column(&board.body, "awareness_class").contains(NAME));
    // No time limit runs before the cell's vote.
    assert!(!board.body.contains("candidate-deadlines"));
    // Every stage has its column, in the pipeline's order.
    let mut at = 0;
    for code in chibo_domain::admission::Stage::CODES {
        let i = board.body.find(&format!("data-stage=\"{code}\"")).unwrap();
        assert!(i > at, "{code} out of order");
        at = i;
    }

    let res = c
        .post(
            &format!("{page}/steps"),
            &[("stage", "awareness_class"), ("on", "10/02/2025")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), Some(page.as_str()));
    // The cell's own board, and the one of the whole scope, agree.
    for url in ["/candidates?unit=C1-G1", "/candidates"] {
        let board = c.get(url).await;
        assert!(!column(&board.body, "outstanding").contains(NAME), "{url}");
        let col = column(&board.body, "awareness_class");
        assert!(
            col.contains(NAME) && col.contains("10/02/2025"),
            "{url}: {col}"
        );
    }
    // Another commune's officer sees no card of it.
    let mut other = w.signed_in("officer2").await;
    let theirs = other.get("/candidates").await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.body.contains(NAME));
}

#[rstest]
#[tokio::test]
async fn adm_14_the_page_shows_the_timeline_and_only_the_next_stage_form(
    #[values(Sqlite)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let page = listed(&mut c).await;
    let res = c.get(&page).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains(NAME));
    assert!(res.body.contains("05/01/2025") && res.body.contains("DS-01"));
    assert!(res.body.contains("bởi officer1"), "{}", res.body);
    assert!(
        res.body
            .contains("name=\"stage\" value=\"awareness_class\"")
    );
    assert!(res.body.contains("Ngày cấp giấy chứng nhận"));
    let today = chibo_app::clock::today().format("%d/%m/%Y").to_string();
    assert!(
        res.body
            .contains(&format!("id=\"f-on\" name=\"on\" value=\"{today}\""))
    );
    assert!(!res.body.contains("f-official_members"));

    for (stage, on) in [
        ("awareness_class", "10/02/2025"),
        ("application", "01/03/2025"),
    ] {
        let r = c
            .post(&format!("{page}/steps"), &[("stage", stage), ("on", on)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let res = c.get(&page).await;
    let timeline = &res.body[res.body.find("id=\"timeline\"").unwrap()..];
    let (a, b) = (
        timeline.find("Lớp bồi dưỡng nhận thức về Đảng").unwrap(),
        timeline.find("Đơn xin vào Đảng").unwrap(),
    );
    assert!(a < b, "the steps in the order recorded");
    assert!(timeline.contains("01/03/2025"));
    // The sponsors stage asks for two sponsor rows and an endorsement.
    assert!(res.body.contains("name=\"stage\" value=\"sponsors\""));
    for f in [
        "f-sponsor1_member_key",
        "f-sponsor1_together_since",
        "f-sponsor1_replaces",
        "f-sponsor2_member_key",
        "f-endorsement",
    ] {
        assert!(res.body.contains(f), "{f}");
    }
    // A read-only account sees the timeline without a form.
    let mut inspector = w.signed_in("inspector1").await;
    let r = inspector.get(&page).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Đơn xin vào Đảng") && !r.body.contains("step-form"));
}

#[rstest]
#[tokio::test]
async fn adm_14_a_refused_step_comes_back_with_the_rule_id_and_writes_nothing(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let page = listed(&mut c).await;
    // Before the listing's date.
    let res = c
        .post(
            &format!("{page}/steps"),
            &[("stage", "awareness_class"), ("on", "04/01/2025")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("ADM-14"), "{}", res.body);
    assert!(res.body.contains("role=\"alert\""));
    // What was typed is kept.
    assert!(res.body.contains("value=\"04/01/2025\""));
    let after = c.get(&page).await;
    assert!(
        !after.body[after.body.find("id=\"timeline\"").unwrap()..]
            .contains("Lớp bồi dưỡng nhận thức về Đảng</span>")
    );
    let api = c.get(&format!("/api/v1{page}")).await;
    let v: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(v["steps"].as_array().unwrap().len(), 1);
    assert_eq!(v["next_stage"], "awareness_class");
}

#[rstest]
#[tokio::test]
async fn adm_06_a_single_sponsor_is_refused_with_the_rule_id_and_bad_input_names_the_field(
    #[values(Sqlite)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let page = listed(&mut c).await;
    for (stage, on) in [
        ("awareness_class", "10/02/2025"),
        ("application", "01/03/2025"),
    ] {
        let r = c
            .post(&format!("{page}/steps"), &[("stage", stage), ("on", on)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    // A date that does not parse: the error sits next to its field.
    let res = c
        .post(
            &format!("{page}/steps"),
            &[
                ("stage", "sponsors"),
                ("on", "15/03/2025"),
                ("sponsor1_member_key", "secret"),
                ("sponsor1_together_since", "31/02/2020"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body.contains("id=\"f-sponsor1_together_since-error\""),
        "{}",
        res.body
    );
    // One official sponsor of the same grassroots organisation, no endorsement: ADM-06.
    let res = c
        .post(
            &format!("{page}/steps"),
            &[
                ("stage", "sponsors"),
                ("on", "15/03/2025"),
                ("sponsor1_member_key", "secret"),
                ("sponsor1_together_since", "01/01/2020"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("ADM-06"), "{}", res.body);
    assert!(res.body.contains("value=\"secret\""));
    // With the Youth Union's endorsement in place of the second sponsor it goes through.
    let res = c
        .post(
            &format!("{page}/steps"),
            &[
                ("stage", "sponsors"),
                ("on", "15/03/2025"),
                ("sponsor1_member_key", "secret"),
                ("sponsor1_together_since", "01/01/2020"),
                ("endorsement", "youth_union"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let after = c.get(&page).await;
    assert!(
        after.body.contains("Người giới thiệu: secret"),
        "{}",
        after.body
    );
    assert!(after.body.contains("Đoàn Thanh niên giới thiệu"));
    assert!(after.body.contains("name=\"stage\" value=\"verified\""));
}

#[rstest]
#[tokio::test]
async fn adm_09_adm_11_the_api_creates_reads_and_records_steps_and_refusals_carry_the_rule_id(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let res = c
        .json(
            "POST",
            "/api/v1/candidates",
            json!({"cell_code": "C1-G1", "full_name": NAME, "sex": "M", "birth_date": "2000-03-02",
                   "listed_on": "2025-01-05", "youth_union_member": true, "candidate_key": "ung-vien",
                   "education": "upper_secondary"}),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let v: Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(v["candidate_key"], "ung-vien");

    // A missing name and an unknown sex: one problem per field.
    let bad = c
        .json(
            "POST",
            "/api/v1/candidates",
            json!({"cell_code": "C1-G1", "sex": "X", "birth_date": "2000-03-02", "listed_on": "2025-01-05"}),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p: Value = serde_json::from_str(&bad.body).unwrap();
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"full_name") && fields.contains(&"sex"),
        "{p}"
    );

    let steps = [
        json!({"stage": "awareness_class", "on": "2025-02-10", "document_ref": "GCN-7"}),
        json!({"stage": "application", "on": "2025-03-01"}),
        json!({"stage": "sponsors", "on": "2025-03-15", "endorsement": "youth_union",
               "sponsors": [{"member_key": "secret", "together_since": "2020-01-01"}]}),
        json!({"stage": "verified", "on": "2025-04-01", "conclusion": "Lý lịch rõ ràng",
               "relatives": ["birth_parents", "spouse"], "comment_summary_ref": "5-KNĐ/01"}),
    ];
    for s in steps {
        let r = c
            .json("POST", "/api/v1/candidates/ung-vien/steps", s.clone(), None)
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{s}: {}", r.body);
    }
    // Five of nine official members approve: short of two thirds (ADM-09). The vote is
    // recorded as failed, and the candidate stays where they were.
    let short = c
        .json(
            "POST",
            "/api/v1/candidates/ung-vien/steps",
            json!({"stage": "cell_vote", "on": "2025-04-10", "official_members": 9, "approvals": 5}),
            None,
        )
        .await;
    assert_eq!(short.status, StatusCode::CREATED, "{}", short.body);
    let p: Value = serde_json::from_str(&short.body).unwrap();
    assert_eq!(p["passed"], false);
    assert_eq!(p["violation"]["rule"], "ADM-09");
    assert_eq!(p["violation"]["code"], "cell_vote_short");
    assert!(
        p["violation"]["message"]
            .as_str()
            .unwrap()
            .contains("hai phần ba"),
        "{p}"
    );
    let got: Value =
        serde_json::from_str(&c.get("/api/v1/candidates/ung-vien").await.body).unwrap();
    assert_eq!(got["stage"], "verified");
    assert_eq!(got["next_stage"], "cell_vote");
    assert_eq!(got["steps"][5]["passed"], false);
    assert_eq!(got["steps"][5]["detail"]["violation"]["rule"], "ADM-09");
    // Out of order (ADM-14).
    let early = c
        .json(
            "POST",
            "/api/v1/candidates/ung-vien/steps",
            json!({"stage": "decided", "on": "2025-04-10", "document_ref": "QĐ-1"}),
            None,
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p: Value = serde_json::from_str(&early.body).unwrap();
    assert_eq!(p["rule"], "ADM-14");

    let ok = c
        .json(
            "POST",
            "/api/v1/candidates/ung-vien/steps",
            json!({"stage": "cell_vote", "on": "2025-04-10", "official_members": 9, "approvals": 6}),
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let p: Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(p["passed"], true);
    assert_eq!(p["violation"], Value::Null);
    let got = c.get("/api/v1/candidates/ung-vien").await;
    assert_eq!(got.status, StatusCode::OK);
    let v: Value = serde_json::from_str(&got.body).unwrap();
    let stages: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "outstanding",
            "awareness_class",
            "application",
            "sponsors",
            "verified",
            "cell_vote",
            "cell_vote"
        ]
    );
    assert_eq!(v["steps"][1]["document_ref"], "GCN-7");
    assert_eq!(v["steps"][6]["approvals"], 6);
    assert_eq!(v["steps"][6]["vote_base"], 9);
    assert_eq!(v["steps"][6]["passed"], true);
    assert_eq!(v["stage"], "cell_vote");
    assert_eq!(v["steps"][4]["detail"]["conclusion"], "Lý lịch rõ ràng");
    assert_eq!(v["steps"][6]["recorded_by"], "officer1");
    assert_eq!(v["next_stage"], "committee_vote");
    // ADM-11: the decision's time limit runs from the cell's vote; long past by now.
    let calendar = chibo_app::calendar::working_calendar(&w.app).await.unwrap();
    let due = chibo_domain::admission::admission_decision_due(
        chrono::NaiveDate::from_ymd_opt(2025, 4, 10).unwrap(),
        false,
        &calendar,
        &chibo_domain::admission::AdmissionParams::default(),
    )
    .unwrap();
    assert_eq!(v["deadline"]["rule"], "ADM-11");
    assert_eq!(v["deadline"]["stage"], "decided");
    assert_eq!(v["deadline"]["due_on"], due.to_string());
    assert_eq!(v["deadline"]["status"], "overdue");
    let page = c.get("/candidates/ung-vien").await;
    assert!(
        page.body.contains("ADM-11") && page.body.contains(&due.format("%d/%m/%Y").to_string())
    );
    let board_page = c.get("/candidates?unit=C1").await;
    let list = &board_page.body[board_page.body.find("id=\"candidate-deadlines\"").unwrap()..];
    assert!(list.contains(NAME) && list.contains("Quá hạn"), "{list}");

    // The board puts them in the cell-vote column.
    let board = c.get("/api/v1/candidates?unit=C1-G1").await;
    let b: Value = serde_json::from_str(&board.body).unwrap();
    let col = b["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|col| col["stage"] == "cell_vote")
        .unwrap();
    assert_eq!(col["candidates"][0]["candidate_key"], "ung-vien");
    assert_eq!(col["candidates"][0]["stage_on"], "2025-04-10");
    assert_eq!(col["candidates"][0]["deadline"]["due_on"], due.to_string());

    // Every step is in the audit log.
    let admin = chibo_domain::access::Actor {
        user: chibo_domain::ids::UserId(1),
        username: "quantri".into(),
        role: chibo_domain::access::Role::Admin,
        scope: chibo_domain::access::Scope::Everything,
    };
    let query = chibo_app::audit::AuditQuery {
        action: Some("candidate.step".into()),
        ..Default::default()
    };
    let log = chibo_app::audit::list(&w.app, &admin, &query)
        .await
        .unwrap();
    assert_eq!(log.total, 6);
    assert!(log.items.iter().all(|e| e.username == "officer1"
        && e.action == "candidate.step"
        && e.target_label.as_deref() == Some(NAME)));
}

#[rstest]
#[tokio::test]
async fn adm_13_after_the_ceremony_the_candidate_and_the_member_link_to_each_other(
    #[values(Sqlite)] engine: Engine,
) {
    let w = World::new(engine).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let mut c = w.signed_in("officer1").await;
    let res = c
        .json(
            "POST",
            "/api/v1/candidates",
            json!({"cell_code": "C1-G1", "full_name": NAME, "sex": "M", "birth_date": "2000-03-02",
                   "listed_on": "2025-01-05", "youth_union_member": true, "candidate_key": "ung-vien",
                   "education": "upper_secondary"}),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let steps = [
        json!({"stage": "awareness_class", "on": "2025-02-10", "document_ref": "GCN-7"}),
        json!({"stage": "application", "on": "2025-03-01", "document_ref": "1-KNĐ"}),
        json!({"stage": "sponsors", "on": "2025-03-15", "document_ref": "3-KNĐ",
               "endorsement": "youth_union", "endorsement_ref": "4-KNĐ/ĐTN",
               "sponsors": [{"member_key": "secret", "together_since": "2020-01-01"}]}),
        json!({"stage": "verified", "on": "2025-04-01", "document_ref": "2-KNĐ",
               "conclusion": "Đủ tiêu chuẩn", "comment_summary_ref": "5-KNĐ"}),
        json!({"stage": "cell_vote", "on": "2025-04-10", "document_ref": "6-KNĐ",
               "official_members": 3, "approvals": 2}),
        json!({"stage": "committee_vote", "on": "2025-04-20", "document_ref": "8-KNĐ",
               "committee_size": 9, "approvals": 6}),
        json!({"stage": "decided", "on": "2025-05-05", "document_ref": "15-QĐ/ĐU",
               "deciding_body": "superior_standing_committee"}),
    ];
    for s in steps {
        let r = c
            .json("POST", "/api/v1/candidates/ung-vien/steps", s.clone(), None)
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{s}: {}", r.body);
    }
    // The ceremony's form on the page: only the consent to a late ceremony besides the date.
    let page = c.get("/candidates/ung-vien").await;
    assert!(page.body.contains("name=\"stage\" value=\"ceremony\""));
    assert!(page.body.contains("f-superior_consent") && page.body.contains("ADM-13"));
    let r = c
        .post(
            "/candidates/ung-vien/steps",
            &[("stage", "ceremony"), ("on", "12/05/2025")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let v: Value = serde_json::from_str(&c.get("/api/v1/candidates/ung-vien").await.body).unwrap();
    let member = v["steps"][8]["member_id"].as_i64().unwrap();
    assert_eq!(v["next_stage"], Value::Null);
    let page = c.get("/candidates/ung-vien").await;
    assert!(page.body.contains(&format!("href=\"/members/{member}\"")));
    assert!(
        !page.body.contains("step-form"),
        "no form after the ceremony"
    );
    let profile = c.get(&format!("/members/{member}")).await;
    assert_eq!(profile.status, StatusCode::OK);
    assert!(profile.body.contains("href=\"/candidates/ung-vien\""));
    // A profile without a candidate record has no such link.
    let other = c.get(&format!("/members/{}", w.secret_member)).await;
    assert!(!other.body.contains("quá trình phát triển đảng viên"));
}

#[rstest]
#[tokio::test]
async fn a_secretarys_new_candidate_form_offers_their_own_cell(#[values(Sqlite)] engine: Engine) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("secretary2").await;
    let res = c.get("/candidates/new").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body
            .contains("id=\"f-cell_code\" name=\"cell_code\" value=\"C2-G1\""),
        "{}",
        res.body
    );
    // Typed in elsewhere, the cell given wins.
    let res = c.get("/candidates/new?cell=X").await;
    assert!(res.body.contains("name=\"cell_code\" value=\"X\""));
    // Missing fields are named next to them, and nothing is written.
    let res = c
        .post("/candidates", &[("cell_code", "C2-G1"), ("sex", "M")])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for f in ["full_name", "birth_date", "listed_on"] {
        assert!(res.body.contains(&format!("id=\"f-{f}-error\"")), "{f}");
    }
    let board = c.get("/api/v1/candidates").await;
    let v: Value = serde_json::from_str(&board.body).unwrap();
    assert_eq!(v["unit_code"], "C2-G1");
    assert!(
        v["columns"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["candidates"].as_array().unwrap().is_empty())
    );
}

/// Records the steps up to the verification through the page's forms.
async fn verified(c: &mut Client, page: &str) {
    let steps: [&[(&str, &str)]; 4] = [
        &[
            ("stage", "awareness_class"),
            ("on", "10/02/2025"),
            ("document_ref", "GCN-7"),
        ],
        &[
            ("stage", "application"),
            ("on", "01/03/2025"),
            ("document_ref", "1-KNĐ"),
        ],
        &[
            ("stage", "sponsors"),
            ("on", "15/03/2025"),
            ("document_ref", "3-KNĐ"),
            ("sponsor1_member_key", "secret"),
            ("sponsor1_together_since", "01/01/2020"),
            ("endorsement", "youth_union"),
            ("endorsement_ref", "4-KNĐ/ĐTN"),
        ],
        &[
            ("stage", "verified"),
            ("on", "01/04/2025"),
            ("document_ref", "2-KNĐ"),
            ("conclusion", "Lý lịch rõ ràng"),
            ("relative_birth_parents", "true"),
            ("relative_spouse", "true"),
            ("comment_summary_ref", "5-KNĐ/01"),
        ],
    ];
    for form in steps {
        let r = c.post(&format!("{page}/steps"), form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{form:?}: {}", r.body);
    }
}

#[rstest]
#[tokio::test]
async fn adm_09_a_failed_cell_vote_through_the_form_is_recorded_shown_and_held_again(
    #[values(Sqlite)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let page = listed(&mut c).await;
    verified(&mut c, &page).await;
    let res = c.get(&page).await;
    // The verification's particulars are on the timeline; the vote's form asks for the
    // comment summary and the over-60 block.
    assert!(
        res.body.contains("Đã thẩm tra: cha, mẹ đẻ, vợ (chồng)"),
        "{}",
        res.body
    );
    assert!(res.body.contains("Tổng hợp ý kiến nhận xét số 5-KNĐ/01"));
    assert!(res.body.contains("Nghị quyết giới thiệu số 4-KNĐ/ĐTN"));
    for f in [
        "f-comment_summary_ref",
        "f-comment_exception",
        "f-healthy_and_respected",
        "f-over_60_ground",
        "f-over_60_consent_ref",
        "f-over_60_consent_on",
    ] {
        assert!(res.body.contains(f), "{f}");
    }
    // Five of nine: short of two thirds. Recorded, not refused.
    let r = c
        .post(
            &format!("{page}/steps"),
            &[
                ("stage", "cell_vote"),
                ("on", "10/04/2025"),
                ("document_ref", "6-KNĐ"),
                ("official_members", "9"),
                ("approvals", "5"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let res = c.get(&page).await;
    let notice = &res.body[res
        .body
        .find("id=\"failed-vote\"")
        .expect("failed-vote notice")..];
    assert!(
        notice.contains("không đạt") && notice.contains("ADM-09"),
        "{notice}"
    );
    let timeline = &res.body[res.body.find("id=\"timeline\"").unwrap()..];
    assert!(timeline.contains("Không đạt"), "{timeline}");
    assert!(timeline.contains("ADM-09: Chỉ có 5 trên 9"), "{timeline}");
    // Each form's fields have their own ids.
    assert_eq!(res.body.matches("id=\"f-document_ref\"").count(), 1);
    // Still at the verification: the vote's form is offered again.
    assert!(res.body.contains("name=\"stage\" value=\"cell_vote\""));
    let badge = format!(
        "<span class=\"badge\">{}</span>",
        chibo_domain::admission::Stage::Verified.label()
    );
    assert!(
        res.body.contains(&badge),
        "the stage reached is the verification"
    );
    let v: Value = serde_json::from_str(&c.get(&format!("/api/v1{page}")).await.body).unwrap();
    assert_eq!(v["stage"], "verified");
    assert_eq!(v["next_stage"], "cell_vote");

    // Held again: six of nine passes.
    let r = c
        .post(
            &format!("{page}/steps"),
            &[
                ("stage", "cell_vote"),
                ("on", "20/04/2025"),
                ("document_ref", "6-KNĐ"),
                ("official_members", "9"),
                ("approvals", "6"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let res = c.get(&page).await;
    assert!(!res.body.contains("id=\"failed-vote\""));
    assert!(res.body.contains("name=\"stage\" value=\"committee_vote\""));
    assert!(res.body.contains("f-extended"));
    let timeline = &res.body[res.body.find("id=\"timeline\"").unwrap()..];
    assert_eq!(timeline.matches("Không đạt</span>").count(), 1);
    let v: Value = serde_json::from_str(&c.get(&format!("/api/v1{page}")).await.body).unwrap();
    assert_eq!(v["stage"], "cell_vote");
    assert_eq!(v["steps"][5]["passed"], false);
    assert_eq!(v["steps"][6]["passed"], true);
}

#[rstest]
#[tokio::test]
async fn adm_15_the_decision_is_refused_listing_the_missing_items_until_the_document_is_added(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    let page = listed(&mut c).await;
    verified(&mut c, &page).await;
    // The votes without their resolutions' numbers.
    for form in [
        &[
            ("stage", "cell_vote"),
            ("on", "10/04/2025"),
            ("official_members", "3"),
            ("approvals", "2"),
        ][..],
        &[
            ("stage", "committee_vote"),
            ("on", "20/04/2025"),
            ("committee_size", "9"),
            ("approvals", "6"),
        ][..],
    ] {
        let r = c.post(&format!("{page}/steps"), form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{form:?}: {}", r.body);
    }
    // The page lists what the dossier lacks, before the decision.
    let res = c.get(&page).await;
    let missing = &res.body[res
        .body
        .find("id=\"dossier-missing\"")
        .expect("missing list")..];
    assert!(
        missing.contains("nghị quyết của chi bộ (6-KNĐ)"),
        "{missing}"
    );
    assert!(missing.contains("nghị quyết của đảng ủy cơ sở (8-KNĐ)"));
    assert!(res.body.contains("f-deciding_body") && res.body.contains("f-delegation_ref"));
    let decide = [
        ("stage", "decided"),
        ("on", "05/05/2025"),
        ("document_ref", "15-QĐ/ĐU"),
        ("deciding_body", "superior_standing_committee"),
    ];
    let r = c.post(&format!("{page}/steps"), &decide).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("ADM-15"), "{}", r.body);
    assert!(r.body.contains("nghị quyết của chi bộ (6-KNĐ)"));
    assert!(r.body.contains("nghị quyết của đảng ủy cơ sở (8-KNĐ)"));
    // A grassroots committee without delegation: ADM-12, named before the dossier.
    let r = c
        .post(
            &format!("{page}/steps"),
            &[
                ("stage", "decided"),
                ("on", "05/05/2025"),
                ("document_ref", "15-QĐ/ĐU"),
                ("deciding_body", "grassroots_committee"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ADM-12"), "{}", r.body);

    // The missing resolutions added: one through the page's form, one through the API.
    let bad = c
        .post(
            &format!("{page}/documents"),
            &[
                ("item", "nonsense"),
                ("dossier_document_ref", ""),
                ("dated_on", "10/04/2025"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("id=\"f-item-error\"")
            && bad.body.contains("id=\"f-dossier_document_ref-error\"")
    );
    let r = c
        .post(
            &format!("{page}/documents"),
            &[
                ("item", "cell_resolution"),
                ("dossier_document_ref", "6-KNĐ/CB"),
                ("dated_on", "10/04/2025"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = c
        .json(
            "POST",
            &format!("/api/v1{page}/documents"),
            json!({"item": "committee_resolution", "document_ref": "8-KNĐ/ĐU", "dated_on": "2025-04-20"}),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let res = c.get(&page).await;
    assert!(!res.body.contains("id=\"dossier-missing\""), "complete");
    let docs = &res.body[res.body.find("id=\"dossier-documents\"").unwrap()..];
    assert!(docs.contains("6-KNĐ/CB") && docs.contains("8-KNĐ/ĐU"));
    let r = c.post(&format!("{page}/steps"), &decide).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let res = c.get(&page).await;
    assert!(
        res.body
            .contains("Cấp quyết định: Ban thường vụ cấp ủy cấp trên")
    );
    assert!(res.body.contains("name=\"stage\" value=\"ceremony\""));
}

#[rstest]
#[tokio::test]
async fn adm_03_the_schooling_is_recorded_later_through_the_page_and_the_api(
    #[values(Sqlite)] engine: Engine,
) {
    let w = World::new(engine).await;
    let mut c = w.signed_in("officer1").await;
    // The new-candidate form asks for the schooling.
    let form = c.get("/candidates/new").await;
    for f in [
        "f-education",
        "f-hardship_area",
        "f-fisherman",
        "f-elder_or_hamlet_head",
        "f-education_consent_ref",
        "f-education_consent_on",
    ] {
        assert!(form.body.contains(f), "{f}");
    }
    assert!(form.body.contains("Tốt nghiệp trung học cơ sở"));
    // Listed without it.
    let res = c
        .post(
            "/candidates",
            &[
                ("cell_code", "C1-G1"),
                ("listed_on", "05/01/2025"),
                ("full_name", NAME),
                ("sex", "M"),
                ("birth_date", "02/03/2000"),
                ("youth_union_member", "true"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = res.location().unwrap().to_owned();
    verified(&mut c, &page).await;
    let vote = [
        ("stage", "cell_vote"),
        ("on", "10/04/2025"),
        ("official_members", "3"),
        ("approvals", "3"),
    ];
    let r = c.post(&format!("{page}/steps"), &vote).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ADM-03"), "{}", r.body);
    let shown = c.get(&page).await;
    assert!(shown.body.contains("id=\"education-form\""));
    assert!(shown.body.contains("id=\"candidate-education\">Chưa ghi"));

    // A consent without its date is named next to the field; nothing is written.
    let r = c
        .post(
            &format!("{page}/education"),
            &[
                ("education", "literate"),
                ("education_consent_ref", "123-CV/TU"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"f-education_consent_on-error\""),
        "{}",
        r.body
    );
    let r = c
        .post(
            &format!("{page}/education"),
            &[("education", "lower_secondary"), ("hardship_area", "false")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = c.get(&page).await;
    assert!(
        shown
            .body
            .contains("id=\"candidate-education\">Tốt nghiệp trung học cơ sở"),
        "{}",
        shown.body
    );
    let r = c.post(&format!("{page}/steps"), &vote).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The API's equivalent, read back with the candidate.
    let r = c
        .json(
            "PUT",
            &format!("/api/v1{page}/education"),
            json!({"education": "upper_secondary", "fisherman": true}),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let v: Value = serde_json::from_str(&c.get(&format!("/api/v1{page}")).await.body).unwrap();
    assert_eq!(v["education"]["education"], "upper_secondary");
    assert_eq!(v["education"]["fisherman"], true);
    let bad = c
        .json(
            "PUT",
            &format!("/api/v1{page}/education"),
            json!({"education": "phd"}),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}
