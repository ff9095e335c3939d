//! Merging (sáp nhập) one unit into another on a date: its members transfer to the other unit
//! that day, the units under it move under the other unit, and it ends the day before. Both
//! keep their history; a link records the successor.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{Problem, optional_text};
use chibo_domain::member::EventKind;
use chibo_domain::org::{TreeError, UnitKind, VersionChange, check_parent, end_unit, next_version};
use chibo_storage::{members, paths, units};
use serde::{Deserialize, Serialize};

use super::change::{kind_on, load_versions};
use super::create::audit_unit;
use super::{effective_date, spans};
use crate::audit::Action;
use crate::members::{Append, NewLife, append_and_project};
use crate::scope::find_unit;
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MergeInput {
    pub into_code: String,
    pub on: String,
    pub decision_ref: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeOutcome {
    pub members_moved: usize,
    pub units_moved: usize,
}

/// Kinds that can absorb one another: the same kind, or a grassroots cell and a subordinate
/// cell (a cell leaving or joining a grassroots committee).
fn mergeable(from: UnitKind, into: UnitKind) -> bool {
    from == into
        || matches!(
            (from, into),
            (UnitKind::GrassrootsCell, UnitKind::Cell) | (UnitKind::Cell, UnitKind::GrassrootsCell)
        )
}

pub async fn merge_unit(
    app: &App,
    actor: &Actor,
    code: &str,
    input: &MergeInput,
) -> Result<MergeOutcome, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (from, from_path, _granted) =
        find_unit(&mut tx, actor, Permission::ManageTree, code, today).await?;
    let on = effective_date(&input.on, today).map_err(|p| AppError::field("on", p))?;
    let decision_ref = optional_text(input.decision_ref.as_deref(), 100)
        .map_err(|p| AppError::field("decision_ref", p))?;
    let into = match find_unit(
        &mut tx,
        actor,
        Permission::ManageTree,
        &input.into_code,
        today,
    )
    .await
    {
        Ok((u, _, _)) => u,
        Err(AppError::NotFound) if input.into_code.trim().is_empty() => {
            return Err(AppError::field("into_code", Problem::Required));
        }
        Err(AppError::NotFound) => return Err(AppError::NoSuchReference { field: "into_code" }),
        Err(other) => return Err(other),
    };
    let into_path = paths::path_on(&mut tx, into, on)
        .await?
        .ok_or(TreeError::ParentMissing { on })?;
    if from == into || into_path.passes_through(from) {
        return Err(TreeError::MergeIntoSelf.into());
    }
    let versions = load_versions(&mut tx, from).await?;
    let from_kind = versions
        .last()
        .map(|v| v.kind)
        .ok_or(TreeError::NoVersion)?;
    let into_kind = kind_on(&mut tx, into, on).await?;
    if !mergeable(from_kind, into_kind) {
        return Err(TreeError::MergeKindMismatch {
            from: from_kind,
            into: into_kind,
        }
        .into());
    }

    let mut outcome = MergeOutcome::default();
    for child in units::children_on(&mut tx, Some(from), on).await? {
        let child_versions = load_versions(&mut tx, child.unit()).await?;
        let (closed, next) = next_version(&child_versions, VersionChange::Move(Some(into)), on)?;
        check_parent(next.kind, Some(into_kind))?;
        units::close_version(&mut tx, closed.unit, closed.valid_from, closed.valid_to).await?;
        units::insert_version(&mut tx, &next, chibo_storage::now()).await?;
        outcome.units_moved += 1;
    }
    for member in members::current_ids_in_cell(&mut tx, from).await? {
        let moves = [
            NewLife {
                kind: EventKind::TransferOut,
                on,
                unit: Some(into),
                decision_ref: decision_ref.clone(),
                reason: None,
            },
            NewLife {
                kind: EventKind::TransferIn,
                on,
                unit: Some(into),
                decision_ref: decision_ref.clone(),
                reason: None,
            },
        ];
        append_and_project(&mut tx, member, Append::Life(&moves), Some(actor.user)).await?;
        outcome.members_moved += 1;
    }
    let closed = end_unit(&versions, on)?;
    units::close_version(&mut tx, closed.unit, closed.valid_from, closed.valid_to).await?;
    units::insert_link(&mut tx, from, into, "merged_into", on).await?;
    spans::recompute(&mut tx, from).await?;

    #[derive(Serialize)]
    struct Merged<'a> {
        into: &'a str,
        on: chrono::NaiveDate,
        decision_ref: Option<&'a str>,
        outcome: &'a MergeOutcome,
    }
    let after = Merged {
        into: input.into_code.trim(),
        on,
        decision_ref: decision_ref.as_deref(),
        outcome: &outcome,
    };
    audit_unit(
        &mut tx,
        actor,
        Action::UnitMerge,
        code,
        closed.name.as_str(),
        from_path.as_str(),
        versions.last(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}
