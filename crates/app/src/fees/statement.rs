//! A member's fee statement (FEE-05): the months due, paid and owed, and the unpaid months of a
//! year that the removal counters count (REM-02).

use chibo_domain::access::{Actor, Permission};
use chibo_domain::fees::{
    FeeAssessment, FeeCategory, FeeParams, UnpaidRule, overdue_months, party_age_exemption,
};
use chibo_domain::ids::MemberId;
use chibo_domain::month::YearMonth;
use chibo_storage::fees::{ExemptionRow, PaymentRow, ReductionRow};
use chibo_storage::members;
use chrono::NaiveDate;
use serde::Serialize;

use super::account::{Account, Holder};
use super::{FeeProblem, rates};
use crate::scope::find_member;
use crate::{App, AppError, clock};
use chibo_storage::Tx;
use std::collections::HashMap;

/// How many months the member's statement shows.
pub const STATEMENT_MONTHS: u32 = 12;

/// The income base in force in the month shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomeView {
    pub kind: &'static str,
    pub amount_dong: u64,
}

/// A member's fees as of a month: what sets them, the last twelve months, and the totals of
/// the whole account up to that month.
#[derive(Debug, Clone, Serialize)]
pub struct MemberFees {
    pub member_id: i64,
    pub full_name: String,
    pub month: YearMonth,
    pub category: Option<FeeCategory>,
    pub income: Option<IncomeView>,
    /// FEE-03 by party age, from the admission date.
    pub party_age_exempt_from: Option<YearMonth>,
    pub exemptions: Vec<ExemptionRow>,
    pub reductions: Vec<ReductionRow>,
    pub payments: Vec<PaymentRow>,
    /// The last twelve months up to `month`, oldest first.
    pub lines: Vec<FeeAssessment>,
    pub arrears_dong: u64,
    pub credit_dong: u64,
    pub paid_up_to: Option<YearMonth>,
    /// Why the amounts could not be computed (no category, no income, FEE-02 table empty).
    pub problem: Option<FeeProblem>,
}

/// The fees of a member the actor may see (or of the member themself), as of `month` (the current one by default).
pub async fn member_fees(
    app: &App,
    actor: &Actor,
    member: MemberId,
    month: Option<YearMonth>,
) -> Result<MemberFees, AppError> {
    let today = clock::today();
    let month = month.unwrap_or_else(|| YearMonth::of(today));
    let mut tx = app.db.read().await?;
    let params = rates::params_for(&mut tx, month).await?;
    // A member sees their own statement, as they see their own record.
    let (row, _, _) =
        match find_member(&mut tx, actor, Permission::ViewMembers, member, today).await {
            Err(AppError::Forbidden(_)) => {
                find_member(&mut tx, actor, Permission::ViewOwnRecord, member, today).await?
            }
            other => other?,
        };
    let schedule = rates::schedule_in_force(&mut tx).await?;
    let account = Account::load(&mut tx, &row, &params).await?;
    tx.commit().await?;
    let (lines, arrears_dong, credit_dong, paid_up_to, problem) =
        match account.statement(None, month, &schedule, &params) {
            Ok(Some(s)) => {
                let skip = s.lines.len().saturating_sub(STATEMENT_MONTHS as usize);
                let lines = s.lines.iter().skip(skip).cloned().collect();
                (lines, s.arrears_dong, s.credit_dong, s.paid_up_to, None)
            }
            Ok(None) => (Vec::new(), 0, 0, None, None),
            Err(v) => (Vec::new(), 0, 0, None, Some(FeeProblem::from(&v))),
        };
    Ok(MemberFees {
        member_id: row.id,
        full_name: row.full_name.clone(),
        month,
        category: account.category_in(month),
        income: account.income_in(month).map(|(k, a)| IncomeView {
            kind: k.code(),
            amount_dong: a,
        }),
        party_age_exempt_from: party_age_exemption(row.admitted_on, &params).map(|e| e.span.from),
        exemptions: account.exemptions.clone(),
        reductions: account.reductions.clone(),
        payments: account.payments.clone(),
        lines,
        arrears_dong,
        credit_dong,
        paid_up_to,
        problem,
    })
}

/// REM-02: the months of `year` the member left unpaid past their deadline, as of `as_of`,
/// under the REM-02 rule settings in force on `as_of` (`fee_grace_days`,
/// `late_payment_cures`). For the early warning, which runs for the whole registry, so no actor.
pub async fn unpaid_months_in_year(
    app: &App,
    member: MemberId,
    year: i32,
    as_of: NaiveDate,
) -> Result<Vec<YearMonth>, AppError> {
    let Some(first) = YearMonth::new(year, 1) else {
        return Ok(Vec::new());
    };
    let mut tx = app.db.read().await?;
    let row = members::get(&mut tx, member)
        .await?
        .ok_or(AppError::NotFound)?;
    let rule = crate::settings::load_on(&mut tx, as_of)
        .await?
        .warning
        .unpaid_rule();
    let mut unpaid = unpaid_months_of(&mut tx, &[(&row).into()], first, as_of, &rule).await?;
    tx.commit().await?;
    Ok(unpaid
        .remove(&row.id)
        .unwrap_or_default()
        .into_iter()
        .filter(|m| m.year() == year)
        .collect())
}

/// REM-02: for each of `holders` with a fee account, the months from `from` that were left
/// unpaid past their deadline as of `as_of` under `rule`. Reads every account in a few
/// statements, so the early warning can score a province at once. A member whose account
/// cannot be billed (a category without a configured amount, FEE-02) counts no month here:
/// the member's fee page shows the problem.
pub async fn unpaid_months_of(
    tx: &mut Tx,
    holders: &[Holder],
    from: YearMonth,
    as_of: NaiveDate,
    rule: &UnpaidRule,
) -> Result<HashMap<i64, Vec<YearMonth>>, AppError> {
    let to = YearMonth::of(as_of);
    if to < from {
        return Ok(HashMap::new());
    }
    // GEN-03: the values in force on the last month billed, the rates month by month.
    let params: FeeParams = rates::params_for(tx, to).await?;
    let schedule = rates::schedule_in_force(tx).await?;
    let accounts = Account::load_many(tx, holders, &params).await?;
    let mut out = HashMap::with_capacity(accounts.len());
    for (id, account) in accounts {
        match account.statement(Some(from), to, &schedule, &params) {
            Ok(Some(s)) => {
                let months = overdue_months(&s, as_of, rule);
                if !months.is_empty() {
                    out.insert(id, months);
                }
            }
            Ok(None) => {}
            Err(e) => tracing::debug!(member = id, error = %e, "fee account not billable"),
        }
    }
    Ok(out)
}
