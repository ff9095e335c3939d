//! Party fees (rules FEE-01 … FEE-05): who pays what for a month under the rates in force on
//! its first day (GEN-03), exemptions and hardship reductions, payments, and each month's
//! amount due, paid and owed; the unpaid months feed the removal counters (REM-02).

mod category;
mod params;
mod payment;
mod rate;
mod relief;
mod statement;
mod violation;

pub use category::{CategoryPeriod, FeeCategory, IncomeKind, MonthlyIncome};
pub use params::{
    CURRENT_REGIME, FeeParams, parse_percent_bp, parse_percent_list, percent_bp_text, schedule_over,
};
pub use payment::{FeePayment, Payer, PaymentChannel, check_payment};
pub use rate::{BaseMonth, FeeSchedule, FlatAmount, RateVersion, percent_of, shipped_schedule};
pub use relief::{ExemptionGround, FeeExemption, FeeReduction, party_age_exemption};
pub use statement::{
    FeeAssessment, FeeProfile, FeeStatement, Relief, UnpaidRule, assess_month, overdue_months,
    statement, unpaid_months,
};
pub use violation::FeeViolation;
