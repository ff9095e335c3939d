//! Fee categories (FEE-01, FEE-02): which rule sets a member's monthly fee, and the incomes
//! the percentage rules are taken from.

use serde::{Deserialize, Serialize};

use crate::field::Problem;
use crate::month::YearMonth;

/// What a member's fee is computed from. FEE-01 names the first three; FEE-02's others pay a
/// flat amount from the rate table, which ships without them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeCategory {
    /// Under compulsory social insurance: a percentage of the insurance salary base, or of a
    /// sickness or maternity allowance while on one (FEE-01).
    Insured,
    /// Pensioner without compulsory insurance: a percentage of the pension (FEE-01).
    Pensioner,
    /// Pupils and students (học sinh, sinh viên): a flat monthly amount (FEE-01).
    Student,
    /// Other members in the country without insurance (farmers, the self-employed): flat (FEE-02).
    OtherUninsured,
    /// Members abroad: flat (FEE-02).
    Abroad,
}

impl FeeCategory {
    pub const ALL: &'static [FeeCategory] = &[
        Self::Insured,
        Self::Pensioner,
        Self::Student,
        Self::OtherUninsured,
        Self::Abroad,
    ];
    pub const CODES: &'static [&'static str] = &[
        "insured",
        "pensioner",
        "student",
        "other_uninsured",
        "abroad",
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Insured => "insured",
            Self::Pensioner => "pensioner",
            Self::Student => "student",
            Self::OtherUninsured => "other_uninsured",
            Self::Abroad => "abroad",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Problem> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.code() == input.trim())
            .ok_or(Problem::NotOneOf {
                allowed: Self::CODES,
            })
    }

    /// The Vietnamese name of the category.
    pub fn label(self) -> &'static str {
        match self {
            Self::Insured => "Đảng viên tham gia bảo hiểm xã hội bắt buộc",
            Self::Pensioner => "Đảng viên hưởng lương hưu",
            Self::Student => "Đảng viên là học sinh, sinh viên",
            Self::OtherUninsured => "Đảng viên khác ở trong nước",
            Self::Abroad => "Đảng viên ở ngoài nước",
        }
    }
}

/// The category a member's fee uses from a month on, until the next period starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPeriod {
    pub from: YearMonth,
    pub category: FeeCategory,
}

/// What an income figure is: FEE-01 takes the insured member's percentage from the insurance
/// salary base or, while on leave, the sickness or maternity allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomeKind {
    InsuranceSalary,
    SicknessAllowance,
    MaternityAllowance,
    Pension,
}

impl IncomeKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::InsuranceSalary => "insurance_salary",
            Self::SicknessAllowance => "sickness_allowance",
            Self::MaternityAllowance => "maternity_allowance",
            Self::Pension => "pension",
        }
    }

    /// Whether a fee of `category` is a percentage of this kind of income.
    pub fn bases(self, category: FeeCategory) -> bool {
        match category {
            FeeCategory::Insured => !matches!(self, Self::Pension),
            FeeCategory::Pensioner => matches!(self, Self::Pension),
            _ => false,
        }
    }
}

/// A member's income for a month, in whole đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyIncome {
    pub month: YearMonth,
    pub kind: IncomeKind,
    pub amount_dong: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip_through_their_codes() {
        assert_eq!(FeeCategory::ALL.len(), FeeCategory::CODES.len());
        for c in FeeCategory::ALL {
            assert_eq!(FeeCategory::parse(c.code()), Ok(*c));
        }
        assert!(FeeCategory::parse("farmer").is_err());
    }

    #[test]
    fn fee_01_insured_fees_are_taken_from_salary_or_allowances_and_pensions_from_pensions() {
        assert!(IncomeKind::InsuranceSalary.bases(FeeCategory::Insured));
        assert!(IncomeKind::MaternityAllowance.bases(FeeCategory::Insured));
        assert!(!IncomeKind::Pension.bases(FeeCategory::Insured));
        assert!(IncomeKind::Pension.bases(FeeCategory::Pensioner));
        assert!(!IncomeKind::InsuranceSalary.bases(FeeCategory::Pensioner));
        assert!(!IncomeKind::InsuranceSalary.bases(FeeCategory::Student));
    }
}
