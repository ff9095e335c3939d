//! Why a fee could not be billed or a fee record was refused: the rule, a stable code and a
//! Vietnamese sentence, as admission's `RuleViolation` does.

use crate::month::YearMonth;

use super::FeeCategory;

/// A refused fee computation or record. `#[error]` texts are English, for logs;
/// [`FeeViolation::message`] is the Vietnamese sentence shown to users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeViolation {
    #[error("GEN-03: no fee regime in force on the first day of {month}")]
    NoRateInForce { month: YearMonth },
    #[error("GEN-03: fee regime {key} ends before it starts")]
    RateEndsBeforeStart { key: String },
    #[error("GEN-03: fee regimes {first} and {second} overlap")]
    RatesOverlap { first: String, second: String },
    #[error("FEE-01: no fee category recorded for {month}")]
    NoCategory { month: YearMonth },
    #[error("FEE-01: no {category:?} income recorded for {income_month}, needed for {month}")]
    IncomeMissing {
        category: FeeCategory,
        month: YearMonth,
        income_month: YearMonth,
    },
    #[error("FEE-02: fee category {category:?} not configured for {month}")]
    CategoryNotConfigured {
        category: FeeCategory,
        month: YearMonth,
    },
    #[error("FEE-04: a reduction needs a decision reference")]
    ReductionWithoutDecision,
    #[error("FEE-04: a {percent}% reduction is not one of the allowed ones")]
    ReductionPercentNotAllowed { percent: u32 },
    #[error("FEE-04: a reduction from {from} ends before it starts ({to})")]
    ReductionEndsBeforeStart { from: YearMonth, to: YearMonth },
    #[error("FEE-04: a reduction of {months} months, over the {max_months} allowed")]
    ReductionTooLong { months: u32, max_months: u32 },
    #[error("FEE-05: a payment covers no month")]
    PaymentWithoutMonths,
    #[error("FEE-05: a payment names {month} twice")]
    PaymentMonthRepeated { month: YearMonth },
    #[error("FEE-05: a payment of zero")]
    PaymentAmountZero,
    #[error("FEE-05: a payment on someone's behalf without their name")]
    PayerNameMissing,
    #[error("FEE-05: every month from {from} to {to} is already paid in full")]
    MonthsAlreadyPaid { from: YearMonth, to: YearMonth },
}

impl FeeViolation {
    /// The rule catalogue ID (rules.md) the refusal enforces.
    pub fn rule(&self) -> &'static str {
        use FeeViolation as V;
        match self {
            V::NoRateInForce { .. } | V::RateEndsBeforeStart { .. } | V::RatesOverlap { .. } => {
                "GEN-03"
            }
            V::NoCategory { .. } | V::IncomeMissing { .. } => "FEE-01",
            V::CategoryNotConfigured { .. } => "FEE-02",
            V::ReductionWithoutDecision
            | V::ReductionPercentNotAllowed { .. }
            | V::ReductionEndsBeforeStart { .. }
            | V::ReductionTooLong { .. } => "FEE-04",
            V::PaymentWithoutMonths
            | V::PaymentMonthRepeated { .. }
            | V::PaymentAmountZero
            | V::PayerNameMissing
            | V::MonthsAlreadyPaid { .. } => "FEE-05",
        }
    }

    /// A stable snake_case code for APIs, logs and tests; never changes once released.
    pub fn code(&self) -> &'static str {
        use FeeViolation as V;
        match self {
            V::NoRateInForce { .. } => "no_rate_in_force",
            V::RateEndsBeforeStart { .. } => "rate_ends_before_start",
            V::RatesOverlap { .. } => "rates_overlap",
            V::NoCategory { .. } => "no_fee_category",
            V::IncomeMissing { .. } => "income_missing",
            V::CategoryNotConfigured { .. } => "fee_category_not_configured",
            V::ReductionWithoutDecision => "reduction_without_decision",
            V::ReductionPercentNotAllowed { .. } => "reduction_percent_not_allowed",
            V::ReductionEndsBeforeStart { .. } => "reduction_ends_before_start",
            V::ReductionTooLong { .. } => "reduction_too_long",
            V::PaymentWithoutMonths => "payment_without_months",
            V::PaymentMonthRepeated { .. } => "payment_month_repeated",
            V::PaymentAmountZero => "payment_amount_zero",
            V::PayerNameMissing => "payer_name_missing",
            V::MonthsAlreadyPaid { .. } => "months_already_paid",
        }
    }

    /// The Vietnamese sentence shown to the user, ending with the rule ID.
    pub fn message(&self) -> String {
        use FeeViolation as V;
        let text = match self {
            V::NoRateInForce { month } => {
                format!("Chưa có mức đảng phí áp dụng cho tháng {}.", month.label())
            }
            V::RateEndsBeforeStart { key } => {
                format!("Mức đảng phí «{key}» có ngày hết hiệu lực trước ngày bắt đầu.")
            }
            V::RatesOverlap { first, second } => format!(
                "Thời gian áp dụng của hai mức đảng phí «{first}» và «{second}» chồng lên nhau."
            ),
            V::NoCategory { month } => format!(
                "Chưa xác định đối tượng đóng đảng phí của đảng viên cho tháng {}.",
                month.label()
            ),
            V::IncomeMissing {
                category,
                month,
                income_month,
            } => format!(
                "Thiếu số liệu thu nhập tháng {} để tính đảng phí tháng {} ({}).",
                income_month.label(),
                month.label(),
                category.label()
            ),
            V::CategoryNotConfigured { category, month } => format!(
                "Chưa cấu hình mức đảng phí cho đối tượng «{}» áp dụng tháng {}.",
                category.label(),
                month.label()
            ),
            V::ReductionWithoutDecision => {
                "Miễn, giảm đảng phí phải có quyết định của cấp ủy có thẩm quyền.".to_owned()
            }
            V::ReductionPercentNotAllowed { percent } => format!(
                "Mức giảm {percent}% không thuộc các mức được phép (30%, 50%, 70% hoặc miễn)."
            ),
            V::ReductionEndsBeforeStart { from, to } => format!(
                "Thời gian giảm đảng phí kết thúc (tháng {}) trước khi bắt đầu (tháng {}).",
                to.label(),
                from.label()
            ),
            V::ReductionTooLong { months, max_months } => format!(
                "Mỗi quyết định miễn, giảm đảng phí tối đa {max_months} tháng; quyết định này {months} tháng."
            ),
            V::PaymentWithoutMonths => {
                "Khoản nộp đảng phí phải ghi rõ các tháng được nộp.".to_owned()
            }
            V::PaymentMonthRepeated { month } => format!(
                "Tháng {} được ghi hai lần trong cùng một khoản nộp.",
                month.label()
            ),
            V::PaymentAmountZero => "Số tiền nộp đảng phí phải lớn hơn 0 đồng.".to_owned(),
            V::PayerNameMissing => "Nộp thay phải ghi rõ họ tên người nộp.".to_owned(),
            V::MonthsAlreadyPaid { from, to } if from == to => format!(
                "Đảng phí tháng {} đã nộp đủ; khoản nộp này bị trùng.",
                from.label()
            ),
            V::MonthsAlreadyPaid { from, to } => format!(
                "Đảng phí các tháng {} – {} đã nộp đủ; khoản nộp này bị trùng.",
                from.label(),
                to.label()
            ),
        };
        format!("{text} (Quy tắc {}.)", self.rule())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_fee_refusal_has_a_distinct_code_a_rule_id_and_a_vietnamese_message_naming_it() {
        use FeeViolation as V;
        let m = YearMonth::new(2026, 3).unwrap();
        let all = vec![
            V::NoRateInForce { month: m },
            V::RateEndsBeforeStart { key: "a".into() },
            V::RatesOverlap {
                first: "a".into(),
                second: "b".into(),
            },
            V::NoCategory { month: m },
            V::IncomeMissing {
                category: FeeCategory::Insured,
                month: m,
                income_month: m,
            },
            V::CategoryNotConfigured {
                category: FeeCategory::Abroad,
                month: m,
            },
            V::ReductionWithoutDecision,
            V::ReductionPercentNotAllowed { percent: 40 },
            V::ReductionEndsBeforeStart { from: m, to: m },
            V::ReductionTooLong {
                months: 13,
                max_months: 12,
            },
            V::PaymentWithoutMonths,
            V::PaymentMonthRepeated { month: m },
            V::PaymentAmountZero,
            V::PayerNameMissing,
        ];
        let codes: BTreeSet<&str> = all.iter().map(FeeViolation::code).collect();
        assert_eq!(codes.len(), all.len());
        for v in &all {
            assert!(
                v.code()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_')
            );
            assert!(v.message().ends_with(&format!("(Quy tắc {}.)", v.rule())));
            assert!(v.to_string().starts_with(v.rule()));
        }
    }
}
