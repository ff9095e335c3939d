//! A life-cycle event as typed in a form or API body, checked field by field against the
//! registry (the unit exists on that day and can hold members) before the domain judges it
//! against the member's history.

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::member::{EventKind, UnitRole};
use chibo_domain::org::UnitPath;
use chibo_storage::{Tx, units};
use chrono::NaiveDate;
use serde::Deserialize;

use super::NewLife;
use crate::AppError;
use crate::org::effective_date_after;
use crate::scope::unit_path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EventInput {
    pub kind: String,
    pub on: String,
    pub unit_code: Option<String>,
    pub decision_ref: Option<String>,
    pub reason: Option<String>,
}

/// A checked event and, when it names a unit, that unit's place in today's tree.
pub(crate) struct CheckedEvent {
    pub life: NewLife,
    pub unit_path: Option<UnitPath>,
}

impl EventInput {
    /// Checks the fields. The unit of an admission or an arrival must be inside the caller's
    /// scope (the receiving side records those); a unit that is unknown or outside the scope
    /// is `NoSuchReference`.
    pub(crate) async fn check(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        today: NaiveDate,
        not_before: NaiveDate,
    ) -> Result<CheckedEvent, AppError> {
        let mut e = FieldErrors::new();
        let kind = e.take("kind", EventKind::parse(&self.kind));
        let on = e.take("on", effective_date_after(&self.on, today, not_before));
        let decision_ref = e.take(
            "decision_ref",
            optional_text(self.decision_ref.as_deref(), 100),
        );
        let reason = e.take("reason", optional_text(self.reason.as_deref(), 500));
        let code = self
            .unit_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let mut unit = None;
        let mut path = None;
        if let (Some(kind), Some(on)) = (kind, on) {
            match (kind.unit_role(), code) {
                (UnitRole::Required, None) => e.push("unit_code", Problem::Required),
                (UnitRole::None, Some(_)) => e.push("unit_code", Problem::NotExpected),
                (UnitRole::None, None) | (UnitRole::Destination, None) => {}
                (role, Some(code)) => match units::id_by_code(tx, code).await? {
                    None => return Err(AppError::NoSuchReference { field: "unit_code" }),
                    Some(id) => {
                        let target = unit_path(tx, id, today).await?;
                        if matches!(kind, EventKind::Admitted | EventKind::TransferIn)
                            && authorize(actor, Permission::EditMembers, Target::Unit(&target))
                                .is_err()
                        {
                            return Err(AppError::NoSuchReference { field: "unit_code" });
                        }
                        let version = units::version_on(tx, id, on).await?;
                        match version {
                            None if role == UnitRole::Required => {
                                e.push("unit_code", Problem::UnitNotValidOnDate)
                            }
                            Some(v) if role == UnitRole::Required && !v.kind()?.holds_members() => {
                                e.push("unit_code", Problem::UnitHoldsNoMembers)
                            }
                            _ => {
                                unit = Some(id);
                                path = Some(target);
                            }
                        }
                    }
                },
            }
        }
        let (Some(kind), Some(on), Some(decision_ref), Some(reason)) =
            (kind, on, decision_ref, reason)
        else {
            return Err(AppError::Invalid(e.into_vec()));
        };
        if !e.is_empty() {
            return Err(AppError::Invalid(e.into_vec()));
        }
        Ok(CheckedEvent {
            life: NewLife {
                kind,
                on,
                unit,
                decision_ref,
                reason,
            },
            unit_path: path,
        })
    }
}
