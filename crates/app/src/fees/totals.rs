//! Fee totals of a unit for a month (due, collected, arrears), for the unit's whole subtree
//! and for each unit directly under it, so that a committee's row is the sum of its children's.

use std::collections::HashMap;

use chibo_domain::access::{Actor, Permission};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::month::YearMonth;
use chibo_storage::db::prefix_range;
use chibo_storage::fees as repo;
use chibo_storage::units::UnitRow;
use chibo_storage::{Tx, members, paths, periods, units};
use serde::Serialize;

use super::sheet::{SheetLine, member_line};
use super::{rates, to_u64};
use crate::audit::By;
use crate::scope::{find_unit, unit_path};
use crate::{App, AppError, clock};

/// A unit's figures for a month; `members` counts those with a record in its subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitFeeTotal {
    pub unit_code: String,
    pub unit_name: String,
    pub unit_kind: String,
    pub members: u64,
    pub due_dong: u64,
    pub collected_dong: u64,
    pub arrears_dong: u64,
    /// Members whose figures could not be computed (see the cell's sheet).
    pub unpriced: u64,
    /// What the unit itself recorded passing up for the month.
    pub remitted_dong: u64,
}

/// The unit's total and its children's.
#[derive(Debug, Clone, Serialize)]
pub struct FeeTotals {
    pub month: YearMonth,
    pub unit: UnitFeeTotal,
    pub children: Vec<UnitFeeTotal>,
}

async fn empty_total(tx: &mut Tx, u: &UnitRow, month: YearMonth) -> Result<UnitFeeTotal, AppError> {
    let remitted = repo::remittances(tx, u.id, &month.code())
        .await?
        .iter()
        .fold(0u64, |a, r| a.saturating_add(to_u64(r.amount_dong)));
    Ok(UnitFeeTotal {
        unit_code: u.code.clone(),
        unit_name: u.name.clone(),
        unit_kind: u.kind.clone(),
        members: 0,
        due_dong: 0,
        collected_dong: 0,
        arrears_dong: 0,
        unpriced: 0,
        remitted_dong: remitted,
    })
}

fn add(t: &mut UnitFeeTotal, l: &SheetLine) {
    t.members += 1;
    t.due_dong = t.due_dong.saturating_add(l.due_dong);
    t.collected_dong = t.collected_dong.saturating_add(l.paid_dong);
    t.arrears_dong = t.arrears_dong.saturating_add(l.arrears_dong);
    if l.problem.is_some() {
        t.unpriced += 1;
    }
}

/// The totals of a unit the actor may see, for `month`.
pub async fn unit_totals(
    app: &App,
    actor: &Actor,
    unit_code: &str,
    month: YearMonth,
) -> Result<FeeTotals, AppError> {
    unit_totals_as(app, By::User(actor), unit_code, month).await
}

/// As [`unit_totals`]; the system (the CLI) sees every unit, and an unknown code is
/// answered as an unknown `unit`.
pub async fn unit_totals_as(
    app: &App,
    by: By<'_>,
    unit_code: &str,
    month: YearMonth,
) -> Result<FeeTotals, AppError> {
    let today = clock::today();
    let day = month.last_day();
    let mut tx = app.db.read().await?;
    let params = rates::params_for(&mut tx, month).await?;
    let (unit, path) = match by {
        By::User(actor) => {
            let (u, p, _) =
                find_unit(&mut tx, actor, Permission::ViewMembers, unit_code, today).await?;
            (u, p)
        }
        By::System(_) => {
            let u = units::id_by_code(&mut tx, unit_code.trim())
                .await?
                .ok_or(AppError::NoSuchReference { field: "unit" })?;
            (u, unit_path(&mut tx, u, today).await?)
        }
    };
    let version = units::latest_version(&mut tx, unit, day)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut total = empty_total(&mut tx, &version, month).await?;
    let mut children = Vec::new();
    for child in units::children_on(&mut tx, Some(unit), day).await? {
        let child_path = unit_path(&mut tx, child.unit(), today).await?;
        children.push((child_path, empty_total(&mut tx, &child, month).await?));
    }
    let schedule = rates::schedule_in_force(&mut tx).await?;
    let (rows, _) =
        periods::members_on(&mut tx, day, &prefix_range(path.as_str()), 1_000_000, 0).await?;
    let mut cell_paths: HashMap<i64, Option<String>> = HashMap::new();
    for r in rows.into_iter().filter(|r| !r.in_transit) {
        let Some(member) = members::get(&mut tx, MemberId(r.id)).await? else {
            continue;
        };
        let line = member_line(&mut tx, &member, month, &schedule, &params).await?;
        add(&mut total, &line);
        let cell_path = match cell_paths.get(&r.cell_id) {
            Some(p) => p.clone(),
            None => {
                let p = paths::latest_path(&mut tx, UnitId(r.cell_id), today)
                    .await?
                    .map(|p| p.as_str().to_owned());
                cell_paths.insert(r.cell_id, p.clone());
                p
            }
        };
        if let Some(cp) = cell_path
            && let Some((_, t)) = children
                .iter_mut()
                .find(|(p, _)| cp.starts_with(p.as_str()))
        {
            add(t, &line);
        }
    }
    tx.commit().await?;
    Ok(FeeTotals {
        month,
        unit: total,
        children: children.into_iter().map(|(_, t)| t).collect(),
    })
}
