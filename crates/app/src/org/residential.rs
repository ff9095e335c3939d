//! Residential areas (thôn, ấp, bản, xóm, khóm, tổ dân phố) of a commune and the cell covering
//! each (rule ORG-11), managed from the commune committee's page.

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::field::{FieldErrors, Problem, optional};
use chibo_domain::ids::UnitId;
use chibo_domain::org::{ResidentialUnitKind, UnitKind, UnitName, UnitPath};
use chibo_storage::{Tx, now, residential, units};
use chrono::NaiveDate;
use serde::Deserialize;

use super::create::audit_unit;
use crate::audit::Action;
use crate::scope::{find_unit, unit_path};
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AreaInput {
    pub name: String,
    pub kind: String,
    pub covering_unit_code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CoverInput {
    pub covering_unit_code: Option<String>,
}

/// The commune code of a commune committee the caller may manage.
async fn commune_of(
    tx: &mut Tx,
    actor: &Actor,
    code: &str,
    today: NaiveDate,
) -> Result<(UnitPath, String), AppError> {
    let (unit, path, _) = find_unit(tx, actor, Permission::ManageTree, code, today).await?;
    let row = units::latest_version(tx, unit, today)
        .await?
        .ok_or(AppError::NotFound)?;
    match (row.kind()?, row.admin_unit_code) {
        (UnitKind::CommuneCommittee, Some(commune)) => Ok((path, commune)),
        _ => Err(AppError::field("commune", Problem::UnknownCommune)),
    }
}

/// A covering cell: a member-holding unit inside the commune committee's subtree today. One
/// unknown or outside the caller's scope is `NoSuchReference`.
async fn covering(
    tx: &mut Tx,
    actor: &Actor,
    commune_path: &UnitPath,
    input: Option<&str>,
    today: NaiveDate,
) -> Result<Option<UnitId>, AppError> {
    const FIELD: &str = "covering_unit_code";
    let Some(code) = optional(input) else {
        return Ok(None);
    };
    let unknown = AppError::NoSuchReference { field: FIELD };
    let unit = units::id_by_code(tx, code).await?.ok_or(unknown)?;
    let path = unit_path(tx, unit, today).await?;
    authorize(actor, Permission::ManageTree, Target::Unit(&path))
        .map_err(|_| AppError::NoSuchReference { field: FIELD })?;
    if !commune_path.contains(&path) {
        return Err(AppError::field(FIELD, Problem::UnknownUnit));
    }
    match units::version_on(tx, unit, today).await? {
        Some(v) if v.kind()?.holds_members() => Ok(Some(unit)),
        Some(_) => Err(AppError::field(FIELD, Problem::UnitHoldsNoMembers)),
        None => Err(AppError::field(FIELD, Problem::UnitNotValidOnDate)),
    }
}

pub async fn add_area(
    app: &App,
    actor: &Actor,
    commune_unit: &str,
    input: &AreaInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (path, commune) = commune_of(&mut tx, actor, commune_unit, today).await?;
    let mut e = FieldErrors::new();
    let name = e.take("name", UnitName::parse(&input.name));
    let kind = e.take("kind", ResidentialUnitKind::parse(&input.kind));
    let cover = match covering(
        &mut tx,
        actor,
        &path,
        input.covering_unit_code.as_deref(),
        today,
    )
    .await
    {
        Ok(c) => Some(c),
        Err(AppError::Invalid(fields)) => {
            for f in fields {
                e.push(f.field, f.problem);
            }
            None
        }
        Err(other) => return Err(other),
    };
    let (Some(name), Some(kind), Some(cover)) = (name, kind, cover) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let id = match residential::insert(&mut tx, &commune, name.as_str(), kind, cover, now()).await {
        Err(chibo_storage::StorageError::UniqueViolation) => {
            return Err(AppError::field("name", Problem::AlreadyTaken));
        }
        other => other?,
    };
    let after = residential::get(&mut tx, id, today).await?;
    audit_unit(
        &mut tx,
        actor,
        Action::AreaCreate,
        commune_unit,
        name.as_str(),
        path.as_str(),
        None::<&()>,
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn set_area_cover(
    app: &App,
    actor: &Actor,
    commune_unit: &str,
    area: i64,
    input: &CoverInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (path, commune) = commune_of(&mut tx, actor, commune_unit, today).await?;
    let before = residential::get(&mut tx, area, today)
        .await?
        .filter(|a| a.commune_code == commune)
        .ok_or(AppError::NotFound)?;
    let cover = covering(
        &mut tx,
        actor,
        &path,
        input.covering_unit_code.as_deref(),
        today,
    )
    .await?;
    residential::set_cover(&mut tx, area, cover).await?;
    let after = residential::get(&mut tx, area, today).await?;
    audit_unit(
        &mut tx,
        actor,
        Action::AreaCover,
        commune_unit,
        &before.name,
        path.as_str(),
        Some(&before),
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
