//! Party fees pages and API (issue 6, point 5): the cell's sheet records a cash payment (a bad
//! amount is refused with the field named, then a good one is recorded), the committee sees
//! the totals, the printable sheet, the member page's section, and another unit's users are
//! refused.

use axum::http::StatusCode;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;
use serde_json::Value;

use crate::client::{SECRET_NAME, World};

#[rstest]
#[tokio::test]
async fn fee_05_a_cash_payment_is_recorded_from_the_cell_sheet_after_a_refused_one(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let m = w.secret_member;
    let mut c = w.signed_in("officer1").await;
    // FEE-01: a student pays 5.000 đ a month under QĐ 01/2026.
    let set = c
        .post(
            &format!("/members/{m}/fees"),
            &[("category", "student"), ("category_from", "03/2026")],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);

    let sheet = c.get("/fees?unit=C1-G1&month=03/2026").await;
    assert_eq!(sheet.status, StatusCode::OK, "{}", sheet.body);
    let form = format!(r#"action="/fees/members/{m}/pay""#);
    assert!(
        sheet.body.contains(SECRET_NAME) && sheet.body.contains(&form),
        "{}",
        sheet.body
    );
    assert!(
        sheet.body.contains("Tháng này: <b>5.000 đ</b>"),
        "{}",
        sheet.body
    );

    let pay = format!("/fees/members/{m}/pay");
    let fields = |amount: &'static str| {
        [
            ("unit", "C1-G1"),
            ("month", "2026-03"),
            ("amount", amount),
            ("payer_name", ""),
        ]
    };
    let bad = c.post(&pay, &fields("năm nghìn")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.body.contains("«Số tiền (đồng)»: Phải là một số."),
        "{}",
        bad.body
    );
    let api = c.get("/api/v1/fees/sheet?unit=C1-G1&month=2026-03").await;
    let v: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(v["lines"][0]["paid"], 0);

    let good = c.post(&pay, &fields("5.000")).await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    assert_eq!(good.location(), Some("/fees?unit=C1-G1&month=2026-03"));
    let api = c.get("/api/v1/fees/sheet?unit=C1-G1&month=2026-03").await;
    let v: Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(
        (v["lines"][0]["paid"].as_u64(), v["collected"].as_u64()),
        (Some(5000), Some(5000))
    );
    let after = c.get("/fees?unit=C1-G1&month=2026-03").await;
    assert!(
        after.body.contains("Đã nộp: <b>5.000 đ</b>") && !after.body.contains(&form),
        "{}",
        after.body
    );

    // The printable sheet leaves a column to sign; the commune sees the cell's totals.
    let print = c.get("/fees/sheet?unit=C1-G1&month=2026-03").await;
    assert_eq!(print.status, StatusCode::OK);
    assert!(
        print.body.contains("Ký nhận") && print.body.contains(SECRET_NAME),
        "{}",
        print.body
    );
    let commune = c.get("/fees?unit=C1&month=2026-03").await;
    assert!(
        commune
            .body
            .contains(r#"href="/fees?unit=C1-G1&amp;month=2026-03""#),
        "{}",
        commune.body
    );
    let member = c.get(&format!("/members/{m}")).await;
    assert!(
        member.body.contains("<h2>Đảng phí</h2>")
            && member.body.contains("Đảng viên là học sinh, sinh viên"),
        "{}",
        member.body
    );

    // FEE-04 through the API: a 13-month reduction is refused with its rule.
    let long = c
        .json(
            "PUT",
            &format!("/api/v1/members/{m}/fees"),
            serde_json::json!({"reduction_percent": 50, "reduction_from": "2026-03",
                "reduction_until": "2027-03", "reduction_decision_ref": "12-QĐ"}),
            None,
        )
        .await;
    assert_eq!(
        long.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        long.body
    );
    assert!(
        long.body.contains("rule-violation") && long.body.contains("FEE-04"),
        "{}",
        long.body
    );
}

#[rstest]
#[tokio::test]
async fn another_units_secretary_cannot_see_or_pay_into_the_sheet(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let m = w.secret_member;
    let mut c = w.signed_in("secretary2").await;
    let sheet = c.get("/fees?unit=C1-G1&month=2026-03").await;
    assert_eq!(sheet.status, StatusCode::NOT_FOUND);
    assert!(!sheet.body.contains(SECRET_NAME));
    let pay = c
        .post(
            &format!("/fees/members/{m}/pay"),
            &[("unit", "C2-G1"), ("month", "2026-03"), ("amount", "5000")],
        )
        .await;
    assert_eq!(pay.status, StatusCode::NOT_FOUND, "{}", pay.body);
    // Their own cell's sheet opens, without the other cell's member.
    let own = c.get("/fees").await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert!(
        own.body.contains("Chi bộ khóm 1") && !own.body.contains(SECRET_NAME),
        "{}",
        own.body
    );
}

#[rstest]
#[tokio::test]
async fn the_member_fee_page_and_the_api_set_the_base_record_payments_and_remittances(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let m = w.secret_member;
    let mut c = w.signed_in("officer1").await;
    let page = c.get(&format!("/members/{m}/fees")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains(r#"name="income_amount""#),
        "{}",
        page.body
    );

    // A pensioner's base: a bad amount is named next to its field, then a good one is saved.
    let form = |amount: &'static str| {
        [
            ("category", "pensioner"),
            ("category_from", "03/2026"),
            ("income_kind", "pension"),
            ("income_amount", amount),
            ("income_from", "03/2026"),
        ]
    };
    let bad = c
        .post(&format!("/members/{m}/fees"), &form("sáu triệu"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.body.contains(r#"id="f-income_amount-error""#),
        "{}",
        bad.body
    );
    let good = c
        .post(&format!("/members/{m}/fees"), &form("6.000.000"))
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);

    // FEE-01 and FEE-05 through the API: 0.5% of the pension, two months paid at once.
    let paid = c
        .json(
            "POST",
            &format!("/api/v1/members/{m}/fees/payments"),
            serde_json::json!({"from_month": "2026-03", "to_month": "2026-04", "amount": 60000,
                "channel": "bank_transfer", "paid_on": "2026-04-02"}),
            None,
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    let s = c
        .get(&format!("/api/v1/members/{m}/fees?month=2026-05"))
        .await;
    let v: Value = serde_json::from_str(&s.body).unwrap();
    assert_eq!(v["lines"][0]["due"], 30000, "{v}");
    assert_eq!(
        (v["paid_up_to"].as_str(), v["arrears"].as_u64()),
        (Some("2026-04"), Some(30000))
    );
    assert_eq!(v["payments"][0]["channel"], "bank_transfer");

    // The cell passes the money up; the commune's totals show it on the cell's row.
    let remit = c
        .json(
            "POST",
            "/api/v1/fees/remittances",
            serde_json::json!({"unit": "C1-G1", "month": "2026-03", "amount": 30000,
                "remitted_on": "2026-04-05", "reference": "PC-01"}),
            None,
        )
        .await;
    assert_eq!(remit.status, StatusCode::CREATED, "{}", remit.body);
    let t = c.get("/api/v1/fees/totals?unit=C1&month=2026-03").await;
    let v: Value = serde_json::from_str(&t.body).unwrap();
    assert_eq!(
        (
            v["unit"]["collected"].as_u64(),
            v["children"][0]["remitted"].as_u64()
        ),
        (Some(30000), Some(30000))
    );
    // The member sees their own statement, without the forms, and nobody else's.
    let mut own = w.signed_in("member1").await;
    let mine = own.get(&format!("/members/{m}/fees")).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    assert!(
        mine.body.contains("Lương hưu: 6.000.000 đ")
            && !mine.body.contains(r#"name="income_amount""#),
        "{}",
        mine.body
    );
    let theirs = own.get(&format!("/members/{}/fees", w.other_member)).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let write = own
        .post(&format!("/members/{m}/fees"), &form("1.000.000"))
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN, "{}", write.body);
    let bad_month = c.get("/api/v1/fees/totals?unit=C1&month=13/2026").await;
    assert_eq!(bad_month.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_month.body.contains(r#""field":"month""#),
        "{}",
        bad_month.body
    );
}

#[rstest]
#[tokio::test]
async fn fee_02_an_administrator_fills_the_flat_table_through_the_api(
    #[values(Sqlite)] engine: Engine,
) {
    let w = World::new(engine).await;
    let body = serde_json::json!({"category": "other_uninsured", "amount": 3000});
    let mut officer = w.signed_in("officer1").await;
    let refused = officer
        .json("PUT", "/api/v1/fees/rates/qd_01_2026", body.clone(), None)
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    let mut admin = w.signed_in("quantri").await;
    let bad = admin
        .json(
            "PUT",
            "/api/v1/fees/rates/qd_01_2026",
            serde_json::json!({"category": "insured", "amount": 3000}),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let set = admin
        .json("PUT", "/api/v1/fees/rates/qd_01_2026", body, None)
        .await;
    assert_eq!(set.status, StatusCode::NO_CONTENT, "{}", set.body);
    let rates = officer.get("/api/v1/fees/rates").await;
    let v: Value = serde_json::from_str(&rates.body).unwrap();
    let current = v.as_array().unwrap().last().unwrap().clone();
    assert_eq!(current["key"], "qd_01_2026");
    assert!(
        current["flat"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["category"] == "other_uninsured" && f["amount"] == 3000),
        "{current}"
    );
    assert_eq!(v[0]["flat"].as_array().map(Vec::len), Some(0));
}
