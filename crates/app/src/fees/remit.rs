//! Recording what a unit passed up to the level above for a month. The share each level
//! keeps is not settled in the sources we have, so the actual amount handed over is recorded
//! as it was, not computed.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::month::YearMonth;
use chibo_storage::fees::{self as repo, NewRemittance};
use chibo_storage::{now, units};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{parse_dong, to_i64};
use crate::audit::{self, About, Action, By};
use crate::org::effective_date_after;
use crate::scope::find_unit;
use crate::{App, AppError, clock};

/// The form and API body of a remittance.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RemittanceInput {
    pub unit_code: String,
    /// The month the fees were collected for (`yyyy-mm` or `mm/yyyy`).
    pub month: String,
    /// In đồng.
    pub amount: String,
    /// dd/mm/yyyy; today when empty.
    pub remitted_on: Option<String>,
    pub reference: Option<String>,
}

/// Records a remittance to the unit above `unit_code` on the day; its id.
pub async fn record_remittance(
    app: &App,
    actor: &Actor,
    input: &RemittanceInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (unit, path, _) = find_unit(
        &mut tx,
        actor,
        Permission::EditMembers,
        &input.unit_code,
        today,
    )
    .await?;
    let mut e = FieldErrors::new();
    let month = e.take("month", YearMonth::parse_input(&input.month));
    let amount = e.take("amount", parse_dong(&input.amount));
    if amount == Some(0) {
        e.push("amount", Problem::NotANumber);
    }
    let on = match optional(input.remitted_on.as_deref()) {
        None => Some(today),
        Some(d) => e.take(
            "remitted_on",
            effective_date_after(
                d,
                today,
                NaiveDate::from_ymd_opt(1930, 1, 1).unwrap_or(NaiveDate::MIN),
            ),
        ),
    };
    let reference = e.take("reference", optional_text(input.reference.as_deref(), 100));
    let (Some(month), Some(amount), Some(on), Some(reference)) = (month, amount, on, reference)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let version = units::latest_version(&mut tx, unit, on)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(parent) = version.parent_id else {
        return Err(AppError::field("unit_code", Problem::NoParentUnit));
    };
    let new = NewRemittance {
        unit_id: unit.0,
        month: month.code(),
        amount_dong: to_i64(amount),
        to_unit_id: parent,
        remitted_on: on,
        reference,
    };
    let id = repo::insert_remittance(&mut tx, &new, now(), Some(actor.user.0)).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::FeeRemittanceRecord,
        About {
            kind: "unit",
            id: Some(unit.0.to_string()),
            label: Some(version.name.clone()),
            unit_path: Some(path.as_str().to_owned()),
        },
        None::<&()>,
        Some(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
