//! Party fees (issue 6, point 5; rules FEE-01 … FEE-05, REM-02): amounts under the regime in
//! force for each month, exemptions and reductions, payments over several months, arrears,
//! the cell's sheet, totals rolled up the tree, and remittances to the level above.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, By, list as audit_list};
use chibo_app::fees::{
    FeeProfileInput, Holder, PaymentInput, RemittanceInput, collection_sheet, member_fees,
    record_payment, record_remittance, set_fee_profile, set_flat_amount, unit_totals,
    unpaid_months_in_year, unpaid_months_of,
};
use chibo_domain::access::Actor;
use chibo_domain::fees::{FeeCategory, Relief, UnpaidRule};
use chibo_domain::ids::MemberId;
use chibo_domain::month::YearMonth;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

async fn setup(engine: Engine) -> Fixture {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    f
}

/// Sets a category from a month, and an income base when given.
async fn profile(
    f: &Fixture,
    m: MemberId,
    category: &str,
    from: &str,
    income: Option<(&str, &str, &str)>,
) {
    let mut input = FeeProfileInput {
        category: Some(category.into()),
        category_from: Some(from.into()),
        ..FeeProfileInput::default()
    };
    if let Some((kind, amount, from)) = income {
        input.income_kind = Some(kind.into());
        input.income_amount = Some(amount.into());
        input.income_from = Some(from.into());
    }
    set_fee_profile(&f.app, &f.admin, m, &input).await.unwrap();
}

fn pay(from: &str, to: &str, amount: &str, paid_on: &str) -> PaymentInput {
    PaymentInput {
        from_month: from.into(),
        to_month: Some(to.into()),
        amount: Some(amount.into()),
        paid_on: Some(paid_on.into()),
        ..PaymentInput::default()
    }
}

async fn due(f: &Fixture, actor: &Actor, m: MemberId, month: YearMonth) -> u64 {
    let fees = member_fees(&f.app, actor, m, Some(month)).await.unwrap();
    assert_eq!(fees.problem, None, "{:?}", fees.problem);
    fees.lines
        .iter()
        .find(|l| l.month == month)
        .map(|l| l.due_dong)
        .unwrap()
}

fn rule_of<T: std::fmt::Debug>(r: Result<T, AppError>) -> (&'static str, &'static str) {
    match r {
        Err(AppError::Refused(r)) => (r.rule, r.code),
        other => panic!("expected a fee rule refusal, got {other:?}"),
    }
}

#[rstest]
#[tokio::test]
async fn fee_01_insured_pensioner_and_student_rates_follow_the_regime_of_each_month(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let insured = f
        .member(
            "bh",
            "Nguyễn Văn An",
            "C1-G1",
            "01/01/2000",
            Some("01/01/2001"),
        )
        .await;
    profile(
        &f,
        insured,
        "insured",
        "2025-01",
        Some(("insurance_salary", "8.000.000", "2025-01")),
    )
    .await;
    // A raise in February and another in March: QĐ 342 bills a month on its own salary,
    // QĐ 01/2026 (from March 2026) on the previous month's base.
    for (amount, from) in [("10.000.000", "02/2026"), ("12.000.000", "2026-03")] {
        let input = FeeProfileInput {
            income_kind: Some("insurance_salary".into()),
            income_amount: Some(amount.into()),
            income_from: Some(from.into()),
            ..FeeProfileInput::default()
        };
        set_fee_profile(&f.app, &f.admin, insured, &input)
            .await
            .unwrap();
    }
    assert_eq!(due(&f, &f.admin, insured, ym(2025, 6)).await, 80_000);
    assert_eq!(due(&f, &f.admin, insured, ym(2026, 2)).await, 100_000);
    assert_eq!(due(&f, &f.admin, insured, ym(2026, 3)).await, 100_000);
    assert_eq!(due(&f, &f.admin, insured, ym(2026, 4)).await, 120_000);
    let lines = member_fees(&f.app, &f.admin, insured, Some(ym(2026, 4)))
        .await
        .unwrap()
        .lines;
    let keys: Vec<_> = lines.iter().map(|l| l.rate_key.clone().unwrap()).collect();
    assert_eq!(keys.first().map(String::as_str), Some("qd_342_2010"));
    assert_eq!(keys.last().map(String::as_str), Some("qd_01_2026"));

    let pensioner = f
        .member(
            "ht",
            "Trần Văn Bình",
            "C1-G1",
            "01/01/1990",
            Some("01/01/1991"),
        )
        .await;
    profile(
        &f,
        pensioner,
        "pensioner",
        "2026-03",
        Some(("pension", "6.000.000", "2026-03")),
    )
    .await;
    assert_eq!(due(&f, &f.admin, pensioner, ym(2026, 3)).await, 30_000);

    let student = f
        .member(
            "sv",
            "Lê Thị Cúc",
            "C1-G1",
            "01/01/2024",
            Some("01/01/2025"),
        )
        .await;
    profile(&f, student, "student", "2026-03", None).await;
    assert_eq!(due(&f, &f.admin, student, ym(2026, 5)).await, 5_000);

    // An insured member with no base recorded cannot be billed, so no payment is taken.
    let no_base = f
        .member(
            "nb",
            "Phạm Văn Dũng",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    profile(&f, no_base, "insured", "2026-03", None).await;
    let refused = record_payment(
        &f.app,
        &f.admin,
        no_base,
        &pay("2026-04", "2026-04", "50000", "05/04/2026"),
    )
    .await;
    assert_eq!(rule_of(refused), ("FEE-01", "income_missing"));
    let fees = member_fees(&f.app, &f.admin, no_base, Some(ym(2026, 4)))
        .await
        .unwrap();
    assert_eq!(fees.problem.map(|p| p.rule), Some("FEE-01"));
    assert!(fees.payments.is_empty());

    // The sheet shows each member's base and the month's due.
    let sheet = collection_sheet(&f.app, &f.admin, "C1-G1", ym(2026, 4))
        .await
        .unwrap();
    let line = sheet
        .lines
        .iter()
        .find(|l| l.member_id == insured.0)
        .unwrap();
    assert_eq!(
        (line.category, line.base_dong, line.due_dong),
        (Some(FeeCategory::Insured), Some(12_000_000), 120_000)
    );
    assert!(
        sheet
            .lines
            .iter()
            .any(|l| l.member_id == no_base.0 && l.problem.is_some())
    );
    assert_eq!(sheet.due_dong, 120_000 + 30_000 + 5_000);
}

#[rstest]
#[tokio::test]
async fn fee_02_other_uninsured_members_are_refused_until_the_flat_table_is_filled(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let farmer = f
        .member("nd", "Võ Văn Em", "C1-G1", "01/01/2005", Some("01/01/2006"))
        .await;
    profile(&f, farmer, "other_uninsured", "2026-03", None).await;
    let refused = record_payment(
        &f.app,
        &f.admin,
        farmer,
        &pay("2026-03", "2026-03", "3000", "05/03/2026"),
    )
    .await;
    assert_eq!(rule_of(refused), ("FEE-02", "fee_category_not_configured"));
    let sheet = collection_sheet(&f.app, &f.admin, "C1-G1", ym(2026, 3))
        .await
        .unwrap();
    assert_eq!(
        sheet.lines[0].problem.as_ref().map(|p| p.rule),
        Some("FEE-02")
    );

    // Only an administrator fills the table (the rates bind every unit, so a secretary does
    // not see them); then the member is billed and may pay.
    let secretary = f.user("bithu", "secretary", Some("C1-G1"), None).await;
    assert!(matches!(
        set_flat_amount(&f.app, &secretary, "qd_01_2026", "other_uninsured", "3.000").await,
        Err(AppError::NotFound)
    ));
    set_flat_amount(&f.app, &f.admin, "qd_01_2026", "other_uninsured", "3.000")
        .await
        .unwrap();
    assert_eq!(due(&f, &f.admin, farmer, ym(2026, 3)).await, 3_000);
    record_payment(
        &f.app,
        &f.admin,
        farmer,
        &pay("2026-03", "2026-03", "3000", "05/03/2026"),
    )
    .await
    .unwrap();
    assert_eq!(
        member_fees(&f.app, &f.admin, farmer, Some(ym(2026, 3)))
            .await
            .unwrap()
            .arrears_dong,
        0
    );
}

#[rstest]
#[tokio::test]
async fn fee_03_fifty_years_of_party_age_and_recorded_grounds_exempt_a_member(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    // Admitted 10/01/1990: 50 years on 10/01/2040, nothing due from February 2040.
    let veteran = f
        .member(
            "cc",
            "Đỗ Văn Giang",
            "C1-G1",
            "10/01/1990",
            Some("10/01/1991"),
        )
        .await;
    profile(
        &f,
        veteran,
        "pensioner",
        "2026-03",
        Some(("pension", "5.000.000", "2026-03")),
    )
    .await;
    assert_eq!(due(&f, &f.admin, veteran, ym(2040, 1)).await, 25_000);
    assert_eq!(due(&f, &f.admin, veteran, ym(2040, 2)).await, 0);
    let line = member_fees(&f.app, &f.admin, veteran, Some(ym(2040, 2)))
        .await
        .unwrap()
        .lines
        .pop()
        .unwrap();
    assert!(matches!(line.relief, Relief::Exempt { .. }));

    // A younger member cannot be exempted on party age; a poor household is a ground.
    let young = f
        .member(
            "tr",
            "Hồ Thị Hoa",
            "C1-G1",
            "01/01/2000",
            Some("01/01/2001"),
        )
        .await;
    profile(
        &f,
        young,
        "pensioner",
        "2026-03",
        Some(("pension", "4.000.000", "2026-03")),
    )
    .await;
    let party_age = FeeProfileInput {
        exemption_ground: Some("party_age_50".into()),
        exemption_from: Some("2026-04".into()),
        ..FeeProfileInput::default()
    };
    match set_fee_profile(&f.app, &f.admin, young, &party_age).await {
        Err(AppError::Invalid(e)) => assert_eq!(e[0].field, "exemption_from"),
        other => panic!("{other:?}"),
    }
    assert!(
        member_fees(&f.app, &f.admin, young, None)
            .await
            .unwrap()
            .exemptions
            .is_empty()
    );
    let poor = FeeProfileInput {
        exemption_ground: Some("poor_household".into()),
        exemption_from: Some("2026-04".into()),
        exemption_until: Some("2026-05".into()),
        ..FeeProfileInput::default()
    };
    set_fee_profile(&f.app, &f.admin, young, &poor)
        .await
        .unwrap();
    assert_eq!(due(&f, &f.admin, young, ym(2026, 3)).await, 20_000);
    assert_eq!(due(&f, &f.admin, young, ym(2026, 4)).await, 0);
    assert_eq!(due(&f, &f.admin, young, ym(2026, 6)).await, 20_000);
}

#[rstest]
#[tokio::test]
async fn fee_04_a_reduction_runs_at_most_twelve_months_at_an_allowed_rate(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let m = f
        .member(
            "kk",
            "Ngô Văn Khoa",
            "C1-G1",
            "01/01/2000",
            Some("01/01/2001"),
        )
        .await;
    profile(
        &f,
        m,
        "pensioner",
        "2026-03",
        Some(("pension", "6.000.000", "2026-03")),
    )
    .await;
    let reduction = |percent: &str, until: &str| FeeProfileInput {
        reduction_percent: Some(percent.into()),
        reduction_from: Some("2026-03".into()),
        reduction_until: Some(until.into()),
        reduction_decision_ref: Some("15-QĐ/ĐU".into()),
        ..FeeProfileInput::default()
    };
    let too_long = set_fee_profile(&f.app, &f.admin, m, &reduction("50", "2027-03")).await;
    assert_eq!(rule_of(too_long), ("FEE-04", "reduction_too_long"));
    let odd_rate = set_fee_profile(&f.app, &f.admin, m, &reduction("40", "2026-08")).await;
    assert_eq!(
        rule_of(odd_rate),
        ("FEE-04", "reduction_percent_not_allowed")
    );
    assert!(
        member_fees(&f.app, &f.admin, m, None)
            .await
            .unwrap()
            .reductions
            .is_empty()
    );
    assert_eq!(due(&f, &f.admin, m, ym(2026, 3)).await, 30_000);

    set_fee_profile(&f.app, &f.admin, m, &reduction("50", "2026-08"))
        .await
        .unwrap();
    assert_eq!(due(&f, &f.admin, m, ym(2026, 3)).await, 15_000);
    assert_eq!(due(&f, &f.admin, m, ym(2026, 8)).await, 15_000);
    assert_eq!(due(&f, &f.admin, m, ym(2026, 9)).await, 30_000);
}

/// Found by the demo data: once a month had been paid, paying the next one needed the income
/// of the month before the first paid one, which the account did not load.
#[rstest]
#[tokio::test]
async fn fee_05_months_paid_one_by_one_on_the_previous_months_base(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let m = f
        .member(
            "nv",
            "Trần Văn Bình",
            "C1-G1",
            "01/01/2020",
            Some("01/01/2021"),
        )
        .await;
    profile(
        &f,
        m,
        "insured",
        "2026-04",
        Some(("insurance_salary", "8.000.000", "2026-03")),
    )
    .await;
    for (month, day) in [
        ("2026-04", "10/04/2026"),
        ("2026-05", "10/05/2026"),
        ("2026-06", "10/06/2026"),
    ] {
        record_payment(&f.app, &f.admin, m, &pay(month, month, "80.000", day))
            .await
            .unwrap();
    }
    let fees = member_fees(&f.app, &f.admin, m, Some(ym(2026, 6)))
        .await
        .unwrap();
    assert_eq!(fees.paid_up_to, Some(ym(2026, 6)));
    assert_eq!(fees.arrears_dong, 0);
    // A month already paid is refused.
    let again = record_payment(
        &f.app,
        &f.admin,
        m,
        &pay("2026-06", "2026-06", "80.000", "11/06/2026"),
    )
    .await;
    assert_eq!(rule_of(again), ("FEE-05", "months_already_paid"));
}

#[rstest]
#[tokio::test]
async fn fee_05_a_payment_covers_several_months_and_the_rest_stays_owed(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let m = f
        .member(
            "sv",
            "Lê Thị Cúc",
            "C1-G1",
            "01/01/2024",
            Some("01/01/2025"),
        )
        .await;
    profile(&f, m, "student", "2026-03", None).await;
    let id = record_payment(
        &f.app,
        &f.admin,
        m,
        &pay("03/2026", "2026-05", "15.000", "05/03/2026"),
    )
    .await
    .unwrap();
    assert!(id > 0);
    let fees = member_fees(&f.app, &f.admin, m, Some(ym(2026, 6)))
        .await
        .unwrap();
    assert_eq!(fees.paid_up_to, Some(ym(2026, 5)));
    assert_eq!(fees.arrears_dong, 5_000);
    assert_eq!(
        fees.lines.iter().map(|l| l.paid_dong).collect::<Vec<_>>(),
        vec![5_000, 5_000, 5_000, 0]
    );

    // Refused: nothing paid, months before billing began, a cell the payment is not from,
    // and a secretary of another cell (who does not see the member at all).
    let zero = record_payment(
        &f.app,
        &f.admin,
        m,
        &pay("2026-06", "2026-06", "0", "05/06/2026"),
    )
    .await;
    assert_eq!(rule_of(zero), ("FEE-05", "payment_amount_zero"));
    match record_payment(
        &f.app,
        &f.admin,
        m,
        &pay("2026-01", "2026-02", "10000", "05/03/2026"),
    )
    .await
    {
        Err(AppError::Invalid(e)) => assert_eq!(e[0].field, "from_month"),
        other => panic!("{other:?}"),
    }
    let wrong_cell = PaymentInput {
        cell_code: Some("C1-G2".into()),
        ..pay("2026-06", "2026-06", "5000", "05/06/2026")
    };
    match record_payment(&f.app, &f.admin, m, &wrong_cell).await {
        Err(AppError::Invalid(e)) => assert_eq!(e[0].field, "member"),
        other => panic!("{other:?}"),
    }
    let other = f.user("bithu2", "secretary", Some("C2-G1"), None).await;
    assert!(matches!(
        record_payment(
            &f.app,
            &other,
            m,
            &pay("2026-06", "2026-06", "5000", "05/06/2026")
        )
        .await,
        Err(AppError::NotFound)
    ));
    assert_eq!(
        member_fees(&f.app, &f.admin, m, Some(ym(2026, 6)))
            .await
            .unwrap()
            .payments
            .len(),
        1
    );

    // The cell's own secretary records the June cash payment from the sheet.
    let secretary = f.user("bithu", "secretary", Some("C1-G1"), None).await;
    let from_sheet = PaymentInput {
        cell_code: Some("C1-G1".into()),
        from_month: "2026-06".into(),
        paid_on: Some("30/06/2026".into()),
        ..PaymentInput::default()
    };
    record_payment(&f.app, &secretary, m, &from_sheet)
        .await
        .unwrap();
    let fees = member_fees(&f.app, &secretary, m, Some(ym(2026, 6)))
        .await
        .unwrap();
    assert_eq!(
        (
            fees.arrears_dong,
            fees.payments[1].amount_dong,
            fees.payments[1].channel.as_str()
        ),
        (0, 5_000, "cash")
    );
    let audit = audit_list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("fee.payment".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(audit.total, 2);
}

#[rstest]
#[tokio::test]
async fn totals_roll_up_the_tree_and_remittances_are_recorded_to_the_level_above(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let month = ym(2026, 4);
    for (key, cell, pension) in [
        ("a", "C1-G1", "6.000.000"),
        ("b", "C1-G1", "4.000.000"),
        ("c", "C1-G2", "2.000.000"),
        ("d", "C2-G1", "8.000.000"),
    ] {
        let m = f
            .member(key, "Đảng Viên Mẫu", cell, "01/01/2000", Some("01/01/2001"))
            .await;
        profile(
            &f,
            m,
            "pensioner",
            "2026-03",
            Some(("pension", pension, "2026-03")),
        )
        .await;
        if key == "a" {
            record_payment(
                &f.app,
                &f.admin,
                m,
                &pay("2026-03", "2026-04", "60.000", "10/04/2026"),
            )
            .await
            .unwrap();
        }
    }
    let p = unit_totals(&f.app, &f.admin, "P", month).await.unwrap();
    assert_eq!(
        (p.unit.members, p.unit.due_dong, p.unit.collected_dong),
        (4, 100_000, 30_000)
    );
    // Arrears up to April: March and April of everyone but "a".
    assert_eq!(p.unit.arrears_dong, 2 * (20_000 + 10_000 + 40_000));
    let sum = |f: fn(&chibo_app::fees::UnitFeeTotal) -> u64| p.children.iter().map(f).sum::<u64>();
    assert_eq!(sum(|c| c.due_dong), p.unit.due_dong);
    assert_eq!(sum(|c| c.collected_dong), p.unit.collected_dong);
    assert_eq!(sum(|c| c.arrears_dong), p.unit.arrears_dong);
    assert_eq!(sum(|c| c.members), p.unit.members);
    let c1 = unit_totals(&f.app, &f.admin, "C1", month).await.unwrap();
    assert_eq!(
        p.children.iter().find(|c| c.unit_code == "C1"),
        Some(&c1.unit)
    );
    assert_eq!(
        c1.children.iter().map(|c| c.due_dong).collect::<Vec<_>>(),
        vec![50_000, 10_000]
    );

    // The cell passes up what it collected; the province has no level above.
    let secretary = f.user("bithu", "secretary", Some("C1-G1"), None).await;
    let remit = |unit: &str| RemittanceInput {
        unit_code: unit.into(),
        month: "04/2026".into(),
        amount: "30.000".into(),
        remitted_on: Some("05/05/2026".into()),
        reference: Some("PT-12".into()),
    };
    record_remittance(&f.app, &secretary, &remit("C1-G1"))
        .await
        .unwrap();
    assert!(matches!(
        record_remittance(&f.app, &secretary, &remit("C1-G2")).await,
        Err(AppError::NotFound)
    ));
    match record_remittance(&f.app, &f.admin, &remit("P")).await {
        Err(AppError::Invalid(e)) => assert_eq!(e[0].field, "unit_code"),
        other => panic!("{other:?}"),
    }
    let c1 = unit_totals(&f.app, &f.admin, "C1", month).await.unwrap();
    assert_eq!(c1.children[0].remitted_dong, 30_000);
    assert_eq!(c1.children[1].remitted_dong, 0);
    // A secretary sees only their cell.
    assert!(matches!(
        unit_totals(&f.app, &secretary, "C1", month).await,
        Err(AppError::NotFound)
    ));
}

#[rstest]
#[tokio::test]
async fn rem_02_unpaid_months_of_a_year_stay_counted_after_late_payment(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let m = f
        .member(
            "lp",
            "Mai Văn Lâm",
            "C1-G1",
            "01/01/2000",
            Some("01/01/2001"),
        )
        .await;
    profile(
        &f,
        m,
        "insured",
        "2026-01",
        Some(("insurance_salary", "5.000.000", "2025-12")),
    )
    .await;
    record_payment(
        &f.app,
        &f.admin,
        m,
        &pay("2026-01", "2026-01", "50.000", "20/01/2026"),
    )
    .await
    .unwrap();
    // February paid in April: late, still counted.
    record_payment(
        &f.app,
        &f.admin,
        m,
        &pay("2026-02", "2026-02", "50.000", "10/04/2026"),
    )
    .await
    .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let unpaid = unpaid_months_in_year(&f.app, m, 2026, as_of).await.unwrap();
    assert_eq!(
        unpaid,
        vec![ym(2026, 2), ym(2026, 3), ym(2026, 4), ym(2026, 5)]
    );
    assert!(
        unpaid_months_in_year(&f.app, m, 2025, as_of)
            .await
            .unwrap()
            .is_empty()
    );

    // Read in bulk, as the early warning does for a province: the same months, whichever
    // chunk of a thousand members the account falls in; holders without an account count none.
    let admitted_on = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut holders: Vec<Holder> = (1_000_000..1_002_500)
        .map(|id| Holder {
            id,
            admitted_on,
            left_on: None,
        })
        .collect();
    holders.insert(
        1_500,
        Holder {
            id: m.0,
            admitted_on,
            left_on: None,
        },
    );
    let mut tx = f.app.db.read().await.unwrap();
    let bulk = unpaid_months_of(
        &mut tx,
        &holders,
        ym(2026, 1),
        as_of,
        &UnpaidRule::default(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(bulk.len(), 1);
    assert_eq!(bulk[&m.0], unpaid);
    // REM-02 `late_payment_cures`: February, paid in April, no longer counts.
    let mut tx = f.app.db.read().await.unwrap();
    let cured = unpaid_months_of(
        &mut tx,
        &holders[1_500..1_501],
        ym(2026, 1),
        as_of,
        &UnpaidRule {
            grace_days: 0,
            late_payment_cures: true,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(cured[&m.0], vec![ym(2026, 3), ym(2026, 4), ym(2026, 5)]);
}

/// GEN-03, FEE-01: the insured rate set to 2% from 01/05/2026 bills May 2026 on (on April's
/// base of 12,000,000: 240,000) and not April (1% of March's base: 120,000), whichever month
/// the statement is read as of.
#[rstest]
#[tokio::test]
async fn gen_03_fee_01_a_rate_set_from_a_day_bills_the_months_from_that_day_only(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = setup(engine).await;
    let insured = f
        .member(
            "bh",
            "Nguyễn Văn An",
            "C1-G1",
            "01/01/2000",
            Some("01/01/2001"),
        )
        .await;
    profile(
        &f,
        insured,
        "insured",
        "2026-03",
        Some(("insurance_salary", "12.000.000", "2026-02")),
    )
    .await;
    assert_eq!(due(&f, &f.admin, insured, ym(2026, 5)).await, 120_000);
    chibo_app::settings::set(
        &f.app,
        By::User(&f.admin),
        "rate_insured",
        "2",
        NaiveDate::from_ymd_opt(2026, 5, 1),
    )
    .await
    .unwrap();
    assert_eq!(due(&f, &f.admin, insured, ym(2026, 4)).await, 120_000);
    assert_eq!(due(&f, &f.admin, insured, ym(2026, 5)).await, 240_000);
    let june = member_fees(&f.app, &f.admin, insured, Some(ym(2026, 6)))
        .await
        .unwrap();
    let by_month: Vec<(YearMonth, u64)> =
        june.lines.iter().map(|l| (l.month, l.due_dong)).collect();
    assert_eq!(
        by_month,
        [
            (ym(2026, 3), 120_000),
            (ym(2026, 4), 120_000),
            (ym(2026, 5), 240_000),
            (ym(2026, 6), 240_000)
        ]
    );
}
