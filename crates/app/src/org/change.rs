//! Renaming, moving and dissolving a unit: each closes the current version the day before
//! and, except dissolution, opens a new one, so the tree of every past day stays as it was.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem};
use chibo_domain::ids::UnitId;
use chibo_domain::org::{
    TreeError, UnitName, UnitVersion, VersionChange, check_parent, end_unit, next_version,
};
use chibo_storage::{Tx, now, units};
use chrono::NaiveDate;
use serde::Deserialize;

use super::create::audit_unit;
use super::{effective_date, spans};
use crate::audit::Action;
use crate::scope::{find_unit, unit_path};
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RenameInput {
    pub name: String,
    pub on: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MoveInput {
    pub parent_code: String,
    pub on: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DissolveInput {
    pub on: String,
}

pub(crate) async fn load_versions(tx: &mut Tx, unit: UnitId) -> Result<Vec<UnitVersion>, AppError> {
    Ok(units::versions(tx, unit)
        .await?
        .iter()
        .map(|r| r.to_version())
        .collect::<Result<_, _>>()?)
}

/// Replaces the current version by `closed` and appends `next`.
async fn store_change(
    tx: &mut Tx,
    closed: &UnitVersion,
    next: Option<&UnitVersion>,
) -> Result<(), AppError> {
    let at = now();
    units::close_version(tx, closed.unit, closed.valid_from, closed.valid_to).await?;
    if let Some(next) = next {
        units::insert_version(tx, next, at).await?;
    }
    spans::recompute(tx, closed.unit).await
}

pub async fn rename_unit(
    app: &App,
    actor: &Actor,
    code: &str,
    input: &RenameInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (unit, path, _granted) =
        find_unit(&mut tx, actor, Permission::ManageTree, code, today).await?;
    let mut e = FieldErrors::new();
    let name = e.take("name", UnitName::parse(&input.name));
    let on = e.take("on", effective_date(&input.on, today));
    let (Some(name), Some(on)) = (name, on) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let versions = load_versions(&mut tx, unit).await?;
    let (closed, next) = next_version(&versions, VersionChange::Rename(name), on)?;
    store_change(&mut tx, &closed, Some(&next)).await?;
    audit_unit(
        &mut tx,
        actor,
        Action::UnitRename,
        code,
        next.name.as_str(),
        path.as_str(),
        Some(&closed),
        Some(&next),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves a unit, with everything under it, under another parent in the caller's scope.
pub async fn move_unit(
    app: &App,
    actor: &Actor,
    code: &str,
    input: &MoveInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (unit, _, _granted) =
        find_unit(&mut tx, actor, Permission::ManageTree, code, today).await?;
    let on = effective_date(&input.on, today).map_err(|p| AppError::field("on", p))?;
    let parent = match find_unit(
        &mut tx,
        actor,
        Permission::ManageTree,
        &input.parent_code,
        today,
    )
    .await
    {
        Ok((p, _, _)) => p,
        Err(AppError::NotFound) if input.parent_code.trim().is_empty() => {
            return Err(AppError::field("parent_code", Problem::Required));
        }
        Err(AppError::NotFound) => {
            return Err(AppError::NoSuchReference {
                field: "parent_code",
            });
        }
        Err(other) => return Err(other),
    };
    let versions = load_versions(&mut tx, unit).await?;
    let (closed, next) = next_version(&versions, VersionChange::Move(Some(parent)), on)?;
    check_parent(next.kind, Some(kind_on(&mut tx, parent, on).await?))?;
    store_change(&mut tx, &closed, Some(&next)).await?;
    let path = unit_path(&mut tx, unit, today).await?;
    audit_unit(
        &mut tx,
        actor,
        Action::UnitMove,
        code,
        next.name.as_str(),
        path.as_str(),
        Some(&closed),
        Some(&next),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn kind_on(
    tx: &mut Tx,
    unit: UnitId,
    on: NaiveDate,
) -> Result<chibo_domain::org::UnitKind, AppError> {
    let v = units::version_on(tx, unit, on)
        .await?
        .ok_or(TreeError::ParentMissing { on })?;
    Ok(v.kind()?)
}

/// Dissolves (giải thể) a unit from `on`: it must have no members and no units left under it.
pub async fn dissolve_unit(
    app: &App,
    actor: &Actor,
    code: &str,
    input: &DissolveInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (unit, path, _granted) =
        find_unit(&mut tx, actor, Permission::ManageTree, code, today).await?;
    let on = effective_date(&input.on, today).map_err(|p| AppError::field("on", p))?;
    let children = units::children_from(&mut tx, unit, on).await?;
    if children > 0 {
        return Err(TreeError::HasChildren { children, on }.into());
    }
    let members = chibo_storage::members::current_in_cell(&mut tx, unit).await?;
    if members > 0 {
        return Err(TreeError::HasMembers { members, on }.into());
    }
    let versions = load_versions(&mut tx, unit).await?;
    let closed = end_unit(&versions, on)?;
    store_change(&mut tx, &closed, None).await?;
    audit_unit(
        &mut tx,
        actor,
        Action::UnitDissolve,
        code,
        closed.name.as_str(),
        path.as_str(),
        versions.last(),
        Some(&closed),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
