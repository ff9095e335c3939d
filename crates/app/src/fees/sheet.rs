//! A cell's collection sheet for a month (sổ thu đảng phí): each member with category, base,
//! the month's due, what was paid for it, and the arrears up to it; a blank for the signature
//! is left to the printed page.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::fees::{FeeCategory, FeeParams, FeeSchedule, Relief};
use chibo_domain::field::Problem;
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::month::YearMonth;
use chibo_storage::db::prefix_range;
use chibo_storage::members::{self, MemberRow};
use chibo_storage::{Tx, periods, units};
use serde::Serialize;

use super::account::Account;
use super::{FeeProblem, rates};
use crate::scope::find_unit;
use crate::{App, AppError, clock};

/// One member's line.
#[derive(Debug, Clone, Serialize)]
pub struct SheetLine {
    pub member_id: i64,
    pub full_name: String,
    pub category: Option<FeeCategory>,
    /// The income the month's percentage is taken from, as recorded for the month.
    pub base_dong: Option<u64>,
    pub relief: Option<Relief>,
    pub due_dong: u64,
    /// Paid toward this month.
    pub paid_dong: u64,
    /// Owed for every billed month up to and including this one.
    pub arrears_dong: u64,
    pub problem: Option<FeeProblem>,
}

/// The sheet of a cell for a month.
#[derive(Debug, Clone, Serialize)]
pub struct CollectionSheet {
    pub unit_code: String,
    pub unit_name: String,
    pub month: YearMonth,
    pub lines: Vec<SheetLine>,
    pub due_dong: u64,
    pub collected_dong: u64,
    pub arrears_dong: u64,
}

/// A member's figures for `month`; a rule that keeps them from being computed is reported on
/// the line rather than failing the whole sheet.
pub(crate) async fn member_line(
    tx: &mut Tx,
    row: &MemberRow,
    month: YearMonth,
    schedule: &FeeSchedule,
    params: &FeeParams,
) -> Result<SheetLine, AppError> {
    let account = Account::load(tx, row, params).await?;
    let mut line = SheetLine {
        member_id: row.id,
        full_name: row.full_name.clone(),
        category: account.category_in(month),
        base_dong: account.income_in(month).map(|(_, a)| a),
        relief: None,
        due_dong: 0,
        paid_dong: 0,
        arrears_dong: 0,
        problem: None,
    };
    match account.statement(None, month, schedule, params) {
        Ok(Some(s)) => {
            if let Some(l) = s.lines.iter().find(|l| l.month == month) {
                line.relief = Some(l.relief.clone());
                line.due_dong = l.due_dong;
                line.paid_dong = l.paid_dong;
            }
            line.arrears_dong = s.arrears_dong;
        }
        Ok(None) => {
            line.problem = Some(FeeProblem::from(
                &chibo_domain::fees::FeeViolation::NoCategory { month },
            ));
        }
        Err(v) => line.problem = Some(FeeProblem::from(&v)),
    }
    Ok(line)
}

/// The members whose record is in `cell` on the month's last day.
pub(crate) async fn members_of(
    tx: &mut Tx,
    cell: UnitId,
    path: &str,
    month: YearMonth,
) -> Result<Vec<MemberRow>, AppError> {
    let (rows, _) =
        periods::members_on(tx, month.last_day(), &prefix_range(path), 100_000, 0).await?;
    let mut out = Vec::new();
    for r in rows
        .into_iter()
        .filter(|r| r.cell_id == cell.0 && !r.in_transit)
    {
        if let Some(m) = members::get(tx, MemberId(r.id)).await? {
            out.push(m);
        }
    }
    Ok(out)
}

/// The collection sheet of a cell the actor may see.
pub async fn collection_sheet(
    app: &App,
    actor: &Actor,
    cell_code: &str,
    month: YearMonth,
) -> Result<CollectionSheet, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let params = rates::params_for(&mut tx, month).await?;
    let (cell, path, _) =
        find_unit(&mut tx, actor, Permission::ViewMembers, cell_code, today).await?;
    let version = units::latest_version(&mut tx, cell, month.last_day())
        .await?
        .ok_or(AppError::NotFound)?;
    if !version.kind()?.holds_members() {
        return Err(AppError::field("unit", Problem::UnitHoldsNoMembers));
    }
    let schedule = rates::schedule_in_force(&mut tx).await?;
    let mut lines = Vec::new();
    for row in members_of(&mut tx, cell, path.as_str(), month).await? {
        lines.push(member_line(&mut tx, &row, month, &schedule, &params).await?);
    }
    tx.commit().await?;
    let sum = |f: fn(&SheetLine) -> u64| lines.iter().fold(0u64, |a, l| a.saturating_add(f(l)));
    Ok(CollectionSheet {
        unit_code: version.code.clone(),
        unit_name: version.name.clone(),
        month,
        due_dong: sum(|l| l.due_dong),
        collected_dong: sum(|l| l.paid_dong),
        arrears_dong: sum(|l| l.arrears_dong),
        lines,
    })
}

/// The code of the unit at the top of the actor's scope, the unit the fee pages open on;
/// `None` for the whole registry or a member's own record.
pub async fn home_unit(app: &App, actor: &Actor) -> Result<Option<String>, AppError> {
    let chibo_domain::access::Scope::Subtree(p) = &actor.scope else {
        return Ok(None);
    };
    let Some(unit) = p.units().last().copied() else {
        return Ok(None);
    };
    let mut tx = app.db.read().await?;
    let code = units::code_of(&mut tx, unit).await?;
    tx.commit().await?;
    Ok(code)
}
