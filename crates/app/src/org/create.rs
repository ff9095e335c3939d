//! Founding a unit (thành lập).

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::field::{FieldErrors, Problem, optional};
use chibo_domain::org::{UnitCode, UnitKind, UnitName, UnitVersion, check_parent};
use chibo_domain::person::admin_code;
use chibo_storage::{Tx, now, reference, units};
use serde::Deserialize;

use super::{effective_date, spans};
use crate::audit::{self, About, Action, By};
use crate::scope::find_unit;
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CreateUnitInput {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_code: Option<String>,
    pub admin_unit_code: Option<String>,
    pub valid_from: String,
}

/// Founds a unit under a parent in the caller's scope (a root: administrators only).
pub async fn create_unit(
    app: &App,
    actor: &Actor,
    input: &CreateUnitInput,
) -> Result<String, AppError> {
    let today = clock::today();
    if !actor.can(Permission::ManageTree) {
        return Err(AppError::Forbidden(Permission::ManageTree));
    }
    let mut tx = app.db.write().await?;
    let mut e = FieldErrors::new();
    let code = e.take("code", UnitCode::parse(&input.code));
    let name = e.take("name", UnitName::parse(&input.name));
    let kind = e.take("kind", UnitKind::parse(&input.kind));
    let valid_from = e.take("valid_from", effective_date(&input.valid_from, today));
    let admin = e.take(
        "admin_unit_code",
        optional(input.admin_unit_code.as_deref())
            .map(admin_code)
            .transpose(),
    );
    let parent_code = optional(input.parent_code.as_deref());

    let parent = match parent_code {
        Some(pc) => match find_unit(&mut tx, actor, Permission::ManageTree, pc, today).await {
            Ok((id, _, _)) => Some(id),
            Err(AppError::NotFound) => {
                return Err(AppError::NoSuchReference {
                    field: "parent_code",
                });
            }
            Err(other) => return Err(other),
        },
        None => {
            authorize(actor, Permission::ManageTree, Target::System)?;
            None
        }
    };
    if let Some(c) = &code
        && units::id_by_code(&mut tx, c.as_str()).await?.is_some()
    {
        e.push("code", Problem::AlreadyTaken);
    }
    if let (Some(kind), Some(Some(admin))) = (kind, &admin) {
        let level = kind.admin_level();
        let is_province = reference::province(&mut tx, admin).await?.is_some();
        let is_commune = reference::commune(&mut tx, admin).await?.is_some();
        if !level.accepts(is_province, is_commune) {
            e.push("admin_unit_code", level.problem());
        }
    }
    let (Some(code), Some(name), Some(kind), Some(valid_from), Some(admin)) =
        (code, name, kind, valid_from, admin)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let parent_kind = match parent {
        Some(p) => {
            let v = units::version_on(&mut tx, p, valid_from).await?;
            let v = v.ok_or(chibo_domain::org::TreeError::ParentMissing { on: valid_from })?;
            Some(v.kind()?)
        }
        None => None,
    };
    check_parent(kind, parent_kind)?;

    let at = now();
    let unit = units::insert_unit(&mut tx, code.as_str(), at).await?;
    let version = UnitVersion {
        unit,
        parent,
        name,
        kind,
        admin_unit_code: admin,
        valid_from,
        valid_to: None,
    };
    units::insert_version(&mut tx, &version, at).await?;
    spans::recompute(&mut tx, unit).await?;
    let path = crate::scope::unit_path(&mut tx, unit, today).await?;
    audit_unit(
        &mut tx,
        actor,
        Action::UnitCreate,
        code.as_str(),
        version.name.as_str(),
        path.as_str(),
        None::<&()>,
        Some(&version),
    )
    .await?;
    tx.commit().await?;
    Ok(code.as_str().to_owned())
}

/// The audit row of a change to a unit.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn audit_unit<B: serde::Serialize, A: serde::Serialize>(
    tx: &mut Tx,
    actor: &Actor,
    action: Action,
    code: &str,
    label: &str,
    path: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), AppError> {
    let about = About {
        kind: "unit",
        id: Some(code.to_owned()),
        label: Some(label.to_owned()),
        unit_path: Some(path.to_owned()),
    };
    audit::record(tx, By::User(actor), action, about, before, after).await
}
