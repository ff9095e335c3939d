//! Party fees (issue 6, point 5; rules FEE-01 … FEE-05): each member's category and income
//! base, exemptions and reductions, payments per month, the member's statement and arrears,
//! the cell's collection sheet, totals by unit and month rolled up the tree, and what a unit
//! passed up to the level above. The amounts come from the domain's `statement`; this layer
//! gathers the stored histories, checks scope and audits every write.
//!
//! A member is billed from the first month they have a fee category recorded (not from
//! admission), so a cell that starts keeping fees in Chibo does not inherit years of arrears
//! it cannot price.

mod account;
mod pay;
mod profile;
mod rates;
mod remit;
pub mod render;
mod sheet;
mod statement;
mod totals;

pub use account::{Account, Holder};
pub use pay::{PaymentInput, record_payment};
pub use profile::{FeeProfileInput, set_fee_profile};
pub use rates::{list_rates, schedule, set_flat_amount};
pub use remit::{RemittanceInput, record_remittance};
pub use sheet::{CollectionSheet, SheetLine, collection_sheet, home_unit};
pub use statement::{MemberFees, member_fees, unpaid_months_in_year, unpaid_months_of};
pub use totals::{FeeTotals, UnitFeeTotal, unit_totals, unit_totals_as};

use chibo_domain::fees::FeeViolation;
use chibo_domain::field::Problem;
use chibo_domain::month::YearMonth;
use serde::Serialize;

/// A fee rule that kept a member's figures from being computed, for pages and the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeProblem {
    pub rule: &'static str,
    pub code: &'static str,
    /// The Vietnamese sentence.
    pub message: String,
}

impl From<&FeeViolation> for FeeProblem {
    fn from(v: &FeeViolation) -> Self {
        Self {
            rule: v.rule(),
            code: v.code(),
            message: v.message(),
        }
    }
}

/// A month typed by a user (`yyyy-mm` or `mm/yyyy`), or the current one when empty.
pub fn month_or_current(input: Option<&str>) -> Result<YearMonth, Problem> {
    match chibo_domain::field::optional(input) {
        None => Ok(YearMonth::of(crate::clock::today())),
        Some(s) => YearMonth::parse_input(s),
    }
}

/// An amount in đồng as typed: digits, optionally grouped with dots or spaces (`1.234.567`).
pub fn parse_dong(input: &str) -> Result<u64, Problem> {
    let s: String = input
        .trim()
        .trim_end_matches(['đ', 'd'])
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 15 {
        return Err(Problem::NotANumber);
    }
    s.parse().map_err(|_| Problem::NotANumber)
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_with_or_without_grouping() {
        assert_eq!(parse_dong("1.234.567"), Ok(1_234_567));
        assert_eq!(parse_dong(" 15000 đ"), Ok(15_000));
        assert_eq!(parse_dong(""), Err(Problem::Required));
        assert_eq!(parse_dong("12a"), Err(Problem::NotANumber));
        assert_eq!(parse_dong("-5"), Err(Problem::NotANumber));
    }
}
