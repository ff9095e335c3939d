//! A member's fee account: what each month owes under the rates in force on its first day
//! (GEN-03), what the payments covered, the arrears, and the months left unpaid past their
//! deadline, which the removal counters count (REM-02).

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{
    BaseMonth, CategoryPeriod, ExemptionGround, FeeCategory, FeeExemption, FeeParams, FeePayment,
    FeeReduction, FeeSchedule, FeeViolation, MonthlyIncome, check_payment, percent_of,
};
use crate::month::{MonthSpan, YearMonth};

/// Everything about a member that sets their fees, as plain data the storage layer keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeProfile {
    /// The months the person is billed as a member, from the admission month to the exit month.
    pub membership: MonthSpan,
    /// Category changes; each applies from its month until the next one.
    pub categories: Vec<CategoryPeriod>,
    pub incomes: Vec<MonthlyIncome>,
    /// FEE-03 exemptions.
    pub exemptions: Vec<FeeExemption>,
    /// FEE-04 hardship decisions.
    pub reductions: Vec<FeeReduction>,
}

/// Why a month owes less than its full fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Relief {
    /// The full fee is due.
    None,
    /// Not a member in that month: nothing billed.
    NotMember,
    /// FEE-03: nothing due.
    Exempt { ground: ExemptionGround },
    /// FEE-04: the fee less `percent` (100 = nothing due).
    Reduced { percent: u32, decision_ref: String },
}

impl Relief {
    pub fn code(&self) -> &'static str {
        match self {
            Self::None => "none",
            Self::NotMember => "not_member",
            Self::Exempt { .. } => "exempt",
            Self::Reduced { .. } => "reduced",
        }
    }
}

/// One month's fee assessment (glossary: FeeAssessment) and what was paid against it, in
/// whole đồng.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeAssessment {
    pub month: YearMonth,
    /// The regime billed under; `None` when nothing had to be computed (not a member, exempt).
    pub rate_key: Option<String>,
    pub category: Option<FeeCategory>,
    /// The fee before any reduction.
    pub gross_dong: u64,
    pub relief: Relief,
    pub due_dong: u64,
    pub paid_dong: u64,
    /// `due_dong - paid_dong`; payments never fill a month beyond its due.
    pub arrears_dong: u64,
    /// The date of the payment that completed the month; `None` while owed or nothing due.
    pub settled_on: Option<NaiveDate>,
}

impl FeeAssessment {
    /// REM-04: months with nothing due (not a member, exempt, 100% reduction) never count.
    pub fn nothing_due(&self) -> bool {
        self.due_dong == 0
    }

    pub fn is_settled(&self) -> bool {
        self.paid_dong >= self.due_dong
    }
}

/// The account over a range of months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeStatement {
    pub lines: Vec<FeeAssessment>,
    pub total_due_dong: u64,
    pub total_paid_dong: u64,
    pub arrears_dong: u64,
    /// Paid beyond what the covered months owe (kept for the cell's treasurer to settle).
    pub credit_dong: u64,
    /// The last month up to which every month owing something is settled ("đã đóng đến tháng
    /// 04/2026", TRF-04); `None` when the first such month is owed.
    pub paid_up_to: Option<YearMonth>,
}

/// What `month` owes (FEE-01 … FEE-04), before payments. The order is the rules': no bill
/// outside membership, then exemption, then a full (100%) reduction, none of which need the
/// income; then the regime in force on the month's first day prices the category, and a
/// partial reduction applies.
pub fn assess_month(
    profile: &FeeProfile,
    month: YearMonth,
    schedule: &FeeSchedule,
    params: &FeeParams,
) -> Result<FeeAssessment, FeeViolation> {
    let line = |rate_key, category, gross_dong, relief, due_dong| FeeAssessment {
        month,
        rate_key,
        category,
        gross_dong,
        relief,
        due_dong,
        paid_dong: 0,
        arrears_dong: due_dong,
        settled_on: None,
    };
    if !profile.membership.contains(month) {
        return Ok(line(None, None, 0, Relief::NotMember, 0));
    }
    if let Some(e) = profile.exemptions.iter().find(|e| e.span.contains(month)) {
        return Ok(line(None, None, 0, Relief::Exempt { ground: e.ground }, 0));
    }
    let mut reduction: Option<&FeeReduction> = None;
    for r in profile.reductions.iter().filter(|r| r.covers(month)) {
        r.check(params)?;
        // Two decisions over one month: the member gets the larger reduction.
        if reduction.is_none_or(|best| r.percent > best.percent) {
            reduction = Some(r);
        }
    }
    let relief = reduction.map_or(Relief::None, |r| Relief::Reduced {
        percent: r.percent,
        decision_ref: r.decision_ref.clone(),
    });
    let percent = reduction.map_or(0, |r| r.percent.min(100));
    if percent == 100 {
        return Ok(line(None, None, 0, relief, 0));
    }
    let rate = schedule.for_month(month)?;
    let category = profile
        .categories
        .iter()
        .filter(|c| c.from <= month)
        .max_by_key(|c| c.from)
        .ok_or(FeeViolation::NoCategory { month })?
        .category;
    let gross = match category {
        FeeCategory::Insured | FeeCategory::Pensioner => {
            let (bp, income_month) = if category == FeeCategory::Insured {
                let base = match rate.insured_base {
                    BaseMonth::Previous => {
                        month.prev().ok_or(FeeViolation::NoRateInForce { month })?
                    }
                    BaseMonth::Same => month,
                };
                (rate.insured_bp, base)
            } else {
                (rate.pension_bp, month)
            };
            // Salary and an allowance in one month (leave starting mid-month) add up.
            let incomes: Vec<u64> = profile
                .incomes
                .iter()
                .filter(|i| i.month == income_month && i.kind.bases(category))
                .map(|i| i.amount_dong)
                .collect();
            if incomes.is_empty() {
                return Err(FeeViolation::IncomeMissing {
                    category,
                    month,
                    income_month,
                });
            }
            percent_of(incomes.iter().fold(0u64, |a, b| a.saturating_add(*b)), bp)
        }
        flat => rate
            .flat_amount(flat)
            .ok_or(FeeViolation::CategoryNotConfigured {
                category: flat,
                month,
            })?,
    };
    // The reduced fee rounds half up to the đồng like the percentages (no text says more).
    let due =
        u64::try_from((u128::from(gross) * u128::from(100 - percent) + 50) / 100).unwrap_or(gross);
    Ok(line(
        Some(rate.key.clone()),
        Some(category),
        gross,
        relief,
        due,
    ))
}

/// FEE-05: the account from `from` to `to`. Each payment is spread over the months it
/// covers, earliest month first and each up to its due; what is left is credit. Months a
/// payment covers outside the range are assessed too, so pass the payments that touch it.
pub fn statement(
    profile: &FeeProfile,
    payments: &[FeePayment],
    from: YearMonth,
    to: YearMonth,
    schedule: &FeeSchedule,
    params: &FeeParams,
) -> Result<FeeStatement, FeeViolation> {
    for p in payments {
        check_payment(p)?;
    }
    for r in &profile.reductions {
        r.check(params)?;
    }
    let mut lines: BTreeMap<YearMonth, FeeAssessment> = BTreeMap::new();
    for m in YearMonth::range(from, to) {
        lines.insert(m, assess_month(profile, m, schedule, params)?);
    }
    let mut outside: BTreeMap<YearMonth, FeeAssessment> = BTreeMap::new();
    let mut order: Vec<&FeePayment> = payments.iter().collect();
    order.sort_by_key(|p| p.paid_on);
    let mut credit_dong = 0u64;
    for p in order {
        let mut left = p.amount_dong;
        let mut months = p.months.clone();
        months.sort();
        for m in months {
            let line = match lines.get_mut(&m) {
                Some(l) => l,
                None => match outside.entry(m) {
                    std::collections::btree_map::Entry::Occupied(o) => o.into_mut(),
                    std::collections::btree_map::Entry::Vacant(v) => {
                        v.insert(assess_month(profile, m, schedule, params)?)
                    }
                },
            };
            let give = left.min(line.due_dong - line.paid_dong);
            line.paid_dong += give;
            line.arrears_dong = line.due_dong - line.paid_dong;
            left -= give;
            if give > 0 && line.arrears_dong == 0 {
                line.settled_on = Some(p.paid_on);
            }
        }
        credit_dong = credit_dong.saturating_add(left);
    }
    let lines: Vec<FeeAssessment> = lines.into_values().collect();
    let sum = |f: fn(&FeeAssessment) -> u64| lines.iter().fold(0u64, |a, l| a.saturating_add(f(l)));
    let paid_up_to = lines
        .iter()
        .filter(|l| !l.nothing_due())
        .take_while(|l| l.is_settled())
        .last()
        .map(|l| l.month);
    Ok(FeeStatement {
        total_due_dong: sum(|l| l.due_dong),
        total_paid_dong: sum(|l| l.paid_dong),
        arrears_dong: sum(|l| l.arrears_dong),
        credit_dong,
        paid_up_to,
        lines,
    })
}

/// REM-02: when an unpaid month counts. The defaults are the catalogue's: no grace after the
/// month's end (the fee is collected monthly, FEE-05) and a late payment does not cure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UnpaidRule {
    /// Days after the month's last day by which its fee must be settled.
    pub grace_days: u32,
    /// Whether a month settled late, by `as_of`, stops counting.
    pub late_payment_cures: bool,
}

/// REM-02: the months in `statement` that owed something and were not settled by their
/// deadline (the month's last day plus the grace). A month paid late stays counted unless
/// the rule says late payment cures; a month whose deadline has not passed on `as_of` is not
/// counted yet. Nothing-due months never count (REM-04).
pub fn overdue_months(
    statement: &FeeStatement,
    as_of: NaiveDate,
    rule: &UnpaidRule,
) -> Vec<YearMonth> {
    statement
        .lines
        .iter()
        .filter(|l| !l.nothing_due())
        .filter(|l| {
            let deadline = l
                .month
                .last_day()
                .checked_add_days(Days::new(u64::from(rule.grace_days)))
                .unwrap_or(NaiveDate::MAX);
            let settled_by = if rule.late_payment_cures {
                as_of
            } else {
                deadline
            };
            deadline < as_of && l.settled_on.is_none_or(|paid| paid > settled_by)
        })
        .map(|l| l.month)
        .collect()
}

/// REM-02: [`overdue_months`] within the calendar year `year`, the catalogue's count window.
pub fn unpaid_months(
    statement: &FeeStatement,
    year: i32,
    as_of: NaiveDate,
    rule: &UnpaidRule,
) -> Vec<YearMonth> {
    overdue_months(statement, as_of, rule)
        .into_iter()
        .filter(|m| m.year() == year)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fees::{FlatAmount, IncomeKind, Payer, PaymentChannel, shipped_schedule};
    use proptest::prelude::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn profile(category: FeeCategory) -> FeeProfile {
        FeeProfile {
            membership: MonthSpan {
                from: ym(2020, 1),
                to: None,
            },
            categories: vec![CategoryPeriod {
                from: ym(2020, 1),
                category,
            }],
            incomes: Vec::new(),
            exemptions: Vec::new(),
            reductions: Vec::new(),
        }
    }

    fn income(month: YearMonth, kind: IncomeKind, amount_dong: u64) -> MonthlyIncome {
        MonthlyIncome {
            month,
            kind,
            amount_dong,
        }
    }

    fn assess(p: &FeeProfile, m: YearMonth) -> Result<FeeAssessment, FeeViolation> {
        assess_month(p, m, &shipped_schedule(), &FeeParams::default())
    }

    fn pay(paid_on: NaiveDate, months: Vec<YearMonth>, amount_dong: u64) -> FeePayment {
        FeePayment {
            paid_on,
            months,
            amount_dong,
            channel: PaymentChannel::NationalPortal,
            payer: Payer::Member,
        }
    }

    #[test]
    fn fee_01_march_2026_takes_one_percent_of_februarys_insurance_salary_base() {
        let mut p = profile(FeeCategory::Insured);
        p.incomes = vec![
            income(ym(2026, 2), IncomeKind::InsuranceSalary, 12_500_000),
            income(ym(2026, 3), IncomeKind::InsuranceSalary, 20_000_000),
        ];
        let march = assess(&p, ym(2026, 3)).unwrap();
        assert_eq!(
            (march.due_dong, march.rate_key.as_deref()),
            (125_000, Some("qd_01_2026"))
        );
        // Without February's base, March cannot be billed.
        p.incomes.remove(0);
        let e = assess(&p, ym(2026, 3)).unwrap_err();
        assert_eq!(
            e,
            FeeViolation::IncomeMissing {
                category: FeeCategory::Insured,
                month: ym(2026, 3),
                income_month: ym(2026, 2)
            }
        );
        assert_eq!((e.rule(), e.code()), ("FEE-01", "income_missing"));
    }

    #[test]
    fn fee_01_a_maternity_allowance_replaces_the_salary_as_the_base() {
        let mut p = profile(FeeCategory::Insured);
        p.incomes = vec![income(
            ym(2026, 4),
            IncomeKind::MaternityAllowance,
            7_000_000,
        )];
        assert_eq!(assess(&p, ym(2026, 5)).unwrap().due_dong, 70_000);
        // A pension is not an insured member's base.
        p.incomes = vec![income(ym(2026, 4), IncomeKind::Pension, 7_000_000)];
        assert!(assess(&p, ym(2026, 5)).is_err());
    }

    #[test]
    fn gen_03_january_2026_bills_qd_342_on_the_same_months_salary() {
        let mut p = profile(FeeCategory::Insured);
        p.incomes = vec![
            income(ym(2025, 12), IncomeKind::InsuranceSalary, 9_000_000),
            income(ym(2026, 1), IncomeKind::InsuranceSalary, 10_000_000),
        ];
        let jan = assess(&p, ym(2026, 1)).unwrap();
        assert_eq!(
            (jan.due_dong, jan.rate_key.as_deref()),
            (100_000, Some("qd_342_2010"))
        );
    }

    #[test]
    fn fee_01_pensioners_pay_half_a_percent_and_students_5000_dong() {
        let mut p = profile(FeeCategory::Pensioner);
        p.incomes = vec![income(ym(2026, 3), IncomeKind::Pension, 6_000_000)];
        assert_eq!(assess(&p, ym(2026, 3)).unwrap().due_dong, 30_000);
        assert!(assess(&p, ym(2026, 4)).is_err());
        let s = profile(FeeCategory::Student);
        assert_eq!(assess(&s, ym(2026, 3)).unwrap().due_dong, 5_000);
        // QĐ 342 set no national student amount: January 2026 is not billable as shipped.
        assert_eq!(
            assess(&s, ym(2026, 1)),
            Err(FeeViolation::CategoryNotConfigured {
                category: FeeCategory::Student,
                month: ym(2026, 1)
            })
        );
    }

    #[test]
    fn fee_02_other_categories_fail_until_their_amount_is_configured_never_zero() {
        let farmer = profile(FeeCategory::OtherUninsured);
        let e = assess(&farmer, ym(2026, 3)).unwrap_err();
        assert_eq!(
            (e.rule(), e.code()),
            ("FEE-02", "fee_category_not_configured")
        );
        assert!(e.message().contains("Chưa cấu hình"));
        let mut versions = shipped_schedule().versions().to_vec();
        versions[1].flat.push(FlatAmount {
            category: FeeCategory::OtherUninsured,
            amount_dong: 10_000,
        });
        let filled = FeeSchedule::new(versions).unwrap();
        let line = assess_month(&farmer, ym(2026, 3), &filled, &FeeParams::default()).unwrap();
        assert_eq!(line.due_dong, 10_000);
    }

    #[test]
    fn fee_01_a_month_without_a_category_is_refused_and_months_outside_membership_owe_nothing() {
        let mut p = profile(FeeCategory::Student);
        p.categories[0].from = ym(2026, 6);
        assert_eq!(
            assess(&p, ym(2026, 5)),
            Err(FeeViolation::NoCategory { month: ym(2026, 5) })
        );
        p.membership.from = ym(2026, 6);
        let before = assess(&p, ym(2026, 5)).unwrap();
        assert_eq!((before.relief, before.due_dong), (Relief::NotMember, 0));
    }

    #[test]
    fn fee_03_exempt_months_owe_nothing_and_the_milestone_month_is_still_due() {
        let mut p = profile(FeeCategory::Student);
        p.exemptions =
            vec![crate::fees::party_age_exemption(d(1976, 2, 3), &FeeParams::default()).unwrap()];
        assert_eq!(assess(&p, ym(2026, 2)).unwrap_err().rule(), "FEE-02"); // still billed
        let march = assess(&p, ym(2026, 3)).unwrap();
        assert_eq!(
            (march.relief, march.due_dong),
            (
                Relief::Exempt {
                    ground: ExemptionGround::PartyAge50
                },
                0
            )
        );
        p.exemptions = vec![FeeExemption {
            ground: ExemptionGround::PoorHousehold,
            span: MonthSpan {
                from: ym(2026, 4),
                to: Some(ym(2026, 12)),
            },
        }];
        assert_eq!(assess(&p, ym(2026, 3)).unwrap().due_dong, 5_000);
        assert_eq!(assess(&p, ym(2026, 4)).unwrap().due_dong, 0);
        assert_eq!(assess(&p, ym(2027, 1)).unwrap().due_dong, 5_000);
    }

    #[test]
    fn fee_04_a_reduction_cuts_the_fee_and_an_overlong_stored_one_is_refused_at_billing() {
        let mut p = profile(FeeCategory::Insured);
        p.incomes = vec![income(ym(2026, 2), IncomeKind::InsuranceSalary, 12_500_000)];
        p.reductions = vec![FeeReduction {
            decision_ref: "5-QĐ/ĐU".to_owned(),
            percent: 70,
            from: ym(2026, 3),
            to: ym(2027, 2),
        }];
        let march = assess(&p, ym(2026, 3)).unwrap();
        assert_eq!((march.gross_dong, march.due_dong), (125_000, 37_500));
        // A full reduction needs no income at all.
        p.reductions[0].percent = 100;
        assert_eq!(assess(&p, ym(2026, 9)).unwrap().due_dong, 0);
        p.reductions[0].to = ym(2027, 3);
        assert_eq!(
            assess(&p, ym(2026, 9)).unwrap_err().code(),
            "reduction_too_long"
        );
    }

    #[test]
    fn fee_05_one_portal_payment_for_march_and_april_pays_both() {
        let s = profile(FeeCategory::Student);
        let payments = [pay(d(2026, 3, 10), vec![ym(2026, 3), ym(2026, 4)], 10_000)];
        let st = statement(
            &s,
            &payments,
            ym(2026, 3),
            ym(2026, 6),
            &shipped_schedule(),
            &FeeParams::default(),
        )
        .unwrap();
        assert_eq!(st.paid_up_to, Some(ym(2026, 4)));
        assert_eq!(st.paid_up_to.unwrap().label(), "04/2026");
        assert!(st.lines[0].is_settled() && st.lines[1].is_settled());
        assert!(!st.lines[2].is_settled());
        assert_eq!(
            (st.total_due_dong, st.total_paid_dong, st.arrears_dong),
            (20_000, 10_000, 10_000)
        );
        // A short payment settles the first month only and leaves the rest owed.
        let short = [pay(d(2026, 3, 10), vec![ym(2026, 3), ym(2026, 4)], 7_000)];
        let st = statement(
            &s,
            &short,
            ym(2026, 3),
            ym(2026, 4),
            &shipped_schedule(),
            &FeeParams::default(),
        )
        .unwrap();
        assert_eq!(st.lines[1].paid_dong, 2_000);
        assert_eq!(st.paid_up_to, Some(ym(2026, 3)));
        let bad = [pay(d(2026, 3, 10), vec![], 7_000)];
        assert_eq!(
            statement(
                &s,
                &bad,
                ym(2026, 3),
                ym(2026, 4),
                &shipped_schedule(),
                &FeeParams::default()
            ),
            Err(FeeViolation::PaymentWithoutMonths)
        );
    }

    #[test]
    fn rem_02_a_month_paid_late_stays_unpaid_and_an_open_month_does_not_count_yet() {
        let s = profile(FeeCategory::Student);
        let payments = [
            pay(d(2026, 3, 20), vec![ym(2026, 3)], 5_000),
            pay(d(2026, 5, 2), vec![ym(2026, 4)], 5_000), // April paid in May
        ];
        let st = statement(
            &s,
            &payments,
            ym(2026, 3),
            ym(2026, 6),
            &shipped_schedule(),
            &FeeParams::default(),
        )
        .unwrap();
        assert_eq!(st.arrears_dong, 10_000); // May and June
        assert_eq!(
            unpaid_months(&st, 2026, d(2026, 6, 15), &UnpaidRule::default()),
            vec![ym(2026, 4), ym(2026, 5)]
        );
        // Ten days' grace forgives the payment of 2 May.
        assert_eq!(
            unpaid_months(
                &st,
                2026,
                d(2026, 6, 15),
                &UnpaidRule {
                    grace_days: 10,
                    late_payment_cures: false
                }
            ),
            vec![ym(2026, 5)]
        );
        assert_eq!(
            unpaid_months(&st, 2025, d(2026, 6, 15), &UnpaidRule::default()),
            Vec::<YearMonth>::new()
        );
        // Where late payment cures, April drops out once paid; May stays.
        let cures = UnpaidRule {
            grace_days: 0,
            late_payment_cures: true,
        };
        assert_eq!(
            unpaid_months(&st, 2026, d(2026, 6, 15), &cures),
            vec![ym(2026, 5)]
        );
        assert_eq!(
            overdue_months(&st, d(2026, 6, 15), &cures),
            vec![ym(2026, 5)]
        );
    }

    #[test]
    fn rem_04_an_unpaid_month_under_a_full_reduction_is_not_counted() {
        let mut s = profile(FeeCategory::Student);
        s.reductions = vec![FeeReduction {
            decision_ref: "9-QĐ".to_owned(),
            percent: 100,
            from: ym(2026, 3),
            to: ym(2026, 4),
        }];
        let st = statement(
            &s,
            &[],
            ym(2026, 3),
            ym(2026, 5),
            &shipped_schedule(),
            &FeeParams::default(),
        )
        .unwrap();
        assert_eq!(
            unpaid_months(&st, 2026, d(2026, 12, 31), &UnpaidRule::default()),
            vec![ym(2026, 5)]
        );
    }

    fn months_2026() -> impl Strategy<Value = Vec<YearMonth>> {
        proptest::sample::subsequence((1..=12).map(|m| ym(2026, m)).collect::<Vec<_>>(), 1..=12)
    }

    proptest! {
        #[test]
        fn arrears_are_due_less_paid_and_payments_are_all_accounted_for(
            salaries in proptest::collection::vec(0u64..50_000_000, 13),
            payments in proptest::collection::vec((months_2026(), 1u64..2_000_000, 0u64..400), 0..6),
            reduction in proptest::option::of((prop_oneof![Just(30u32), Just(50), Just(70), Just(100)], 1u32..=12, 0u32..12)),
        ) {
            let mut p = profile(FeeCategory::Insured);
            p.incomes = salaries.iter().enumerate().map(|(i, a)| income(ym(2025, 12).plus(i as u32).unwrap(), IncomeKind::InsuranceSalary, *a)).collect();
            if let Some((percent, from, len)) = reduction {
                p.reductions = vec![FeeReduction { decision_ref: "1-QĐ".into(), percent, from: ym(2026, from), to: ym(2026, from).plus(len.min(11)).unwrap() }];
            }
            let payments: Vec<FeePayment> = payments.into_iter().map(|(months, amount, day)| pay(d(2026, 1, 1) + Days::new(day), months, amount)).collect();
            let st = statement(&p, &payments, ym(2026, 1), ym(2026, 12), &shipped_schedule(), &FeeParams::default()).unwrap();
            for l in &st.lines {
                prop_assert_eq!(l.arrears_dong, l.due_dong - l.paid_dong);
                prop_assert!(l.due_dong <= l.gross_dong);
                prop_assert_eq!(l.settled_on.is_some(), l.due_dong > 0 && l.arrears_dong == 0);
            }
            prop_assert_eq!(st.arrears_dong, st.total_due_dong - st.total_paid_dong);
            let paid_in: u64 = payments.iter().map(|p| p.amount_dong).sum();
            prop_assert_eq!(st.total_paid_dong + st.credit_dong, paid_in);
            let unpaid = unpaid_months(&st, 2026, d(2027, 1, 1), &UnpaidRule::default());
            prop_assert!(unpaid.len() <= 12);
            for m in unpaid {
                let line = st.lines.iter().find(|l| l.month == m).unwrap();
                prop_assert!(!line.nothing_due());
            }
        }
    }
}
