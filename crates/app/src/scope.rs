//! Finding records inside the caller's scope. Every service reaches units and members through
//! these, so a record outside the scope is simply not found.

use chibo_domain::access::{Actor, Granted, Permission, Scope, Target, authorize};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::org::UnitPath;
use chibo_storage::db::prefix_range;
use chibo_storage::members::{self, MemberRow, Visible};
use chibo_storage::{Tx, paths, units};
use chrono::NaiveDate;

use crate::AppError;

/// The unit's place in today's tree (or the last place it had, if it has ended).
pub async fn unit_path(tx: &mut Tx, unit: UnitId, today: NaiveDate) -> Result<UnitPath, AppError> {
    paths::latest_path(tx, unit, today)
        .await?
        .ok_or(AppError::NotFound)
}

/// The paths that place a member in scopes: the record's cell, and a transfer's destination.
pub async fn member_paths(
    tx: &mut Tx,
    row: &MemberRow,
    today: NaiveDate,
) -> Result<Vec<UnitPath>, AppError> {
    let mut out = Vec::new();
    for unit in members::placing_units(row) {
        if let Some(p) = paths::latest_path(tx, unit, today).await? {
            out.push(p);
        }
    }
    Ok(out)
}

/// A unit by code, if the caller may do `perm` on it.
pub async fn find_unit(
    tx: &mut Tx,
    actor: &Actor,
    perm: Permission,
    code: &str,
    today: NaiveDate,
) -> Result<(UnitId, UnitPath, Granted), AppError> {
    let unit = units::id_by_code(tx, code.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let path = unit_path(tx, unit, today).await?;
    let granted = authorize(actor, perm, Target::Unit(&path))?;
    Ok((unit, path, granted))
}

/// A member by id, if the caller may do `perm` on them.
pub async fn find_member(
    tx: &mut Tx,
    actor: &Actor,
    perm: Permission,
    id: MemberId,
    today: NaiveDate,
) -> Result<(MemberRow, Vec<UnitPath>, Granted), AppError> {
    let row = members::get(tx, id).await?.ok_or(AppError::NotFound)?;
    let paths = member_paths(tx, &row, today).await?;
    let granted = authorize(actor, perm, Target::Member { id, paths: &paths })?;
    Ok((row, paths, granted))
}

/// Which members a search by this caller may return.
pub fn visible_members(actor: &Actor) -> Visible {
    if !actor.can(Permission::ViewMembers) {
        return match actor.scope {
            Scope::OwnRecord(m) if actor.can(Permission::ViewOwnRecord) => Visible::One(m),
            _ => Visible::Nothing,
        };
    }
    match &actor.scope {
        Scope::Everything => Visible::Everything,
        Scope::Subtree(p) => {
            let (lo, hi) = prefix_range(p.as_str());
            Visible::Subtree(lo, hi)
        }
        Scope::OwnRecord(m) => Visible::One(*m),
        Scope::Nothing => Visible::Nothing,
    }
}

/// The path an audit row about this member carries: the record's cell.
pub fn audit_path(paths: &[UnitPath]) -> Option<String> {
    paths.first().map(|p| p.as_str().to_owned())
}
