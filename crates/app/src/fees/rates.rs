//! The fee regimes in force (GEN-03), as stored, and filling FEE-02's flat table.

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::fees::{
    FeeCategory, FeeParams, FeeSchedule, FlatAmount, RateVersion, schedule_over, shipped_schedule,
};
use chibo_domain::field::{FieldErrors, Problem};
use chibo_domain::month::YearMonth;
use chibo_storage::fees::{self as repo, RateRow};
use chibo_storage::{StorageError, Tx};
use chrono::NaiveDate;
use serde::Serialize;

use super::parse_dong;
use crate::audit::{self, About, Action, By};
use crate::{App, AppError};

/// The stored regimes, or the shipped ones on a database not yet prepared.
pub async fn schedule(tx: &mut Tx) -> Result<FeeSchedule, AppError> {
    let rows = repo::rates(tx).await?;
    if rows.is_empty() {
        return Ok(shipped_schedule());
    }
    let mut versions = Vec::with_capacity(rows.len());
    for r in rows {
        let v: RateVersion = serde_json::from_str(&r.body)
            .map_err(|e| StorageError::corrupt(format!("fee regime {}: {e}", r.rate_key)))?;
        versions.push(v);
    }
    Ok(FeeSchedule::new(versions)?)
}

/// The settings that lay the QĐ 01/2026 rates and start month over the regimes.
const RATE_KEYS: [&str; 3] = ["rate_insured", "rate_pension", "fee_rule_from"];

/// The stored regimes with the QĐ 01/2026 rates and start month as the rule settings set
/// them over time (GEN-03): each month is billed by the rates in force on its first day.
pub async fn schedule_in_force(tx: &mut Tx) -> Result<FeeSchedule, AppError> {
    let rules = crate::settings::timeline(tx).await?;
    let mut days: Vec<NaiveDate> = rules
        .versions(None)
        .iter()
        .filter(|v| RATE_KEYS.contains(&v.key.as_str()))
        .map(|v| v.valid_from)
        .collect();
    days.sort_unstable();
    days.dedup();
    let mut steps = vec![(NaiveDate::MIN, rules.on(NaiveDate::MIN).fee)];
    steps.extend(days.into_iter().map(|d| (d, rules.on(d).fee)));
    Ok(schedule_over(&schedule(tx).await?, &steps)?)
}

/// The fee rules' settings in force on `month`'s first day (GEN-03: a month is billed by the
/// values in force when it starts).
pub async fn params_for(tx: &mut Tx, month: YearMonth) -> Result<FeeParams, AppError> {
    Ok(crate::settings::load_on(tx, month.first_day()).await?.fee)
}

/// The regimes in force over time, for anyone who may see units (the rates are public).
pub async fn list_rates(app: &App, actor: &Actor) -> Result<Vec<RateVersion>, AppError> {
    if !actor.can(Permission::ViewUnits) {
        return Err(AppError::Forbidden(Permission::ViewUnits));
    }
    let mut tx = app.db.read().await?;
    let s = schedule_in_force(&mut tx).await?;
    tx.commit().await?;
    Ok(s.into())
}

#[derive(Serialize)]
struct FlatChange<'a> {
    rate_key: &'a str,
    category: &'static str,
    amount_dong: Option<u64>,
}

/// FEE-02: sets (or, with an empty amount, removes) the flat monthly amount of a category in
/// one regime. Administrators only: the rates bind every unit.
pub async fn set_flat_amount(
    app: &App,
    actor: &Actor,
    rate_key: &str,
    category: &str,
    amount: &str,
) -> Result<(), AppError> {
    authorize(actor, Permission::ManageCalendar, Target::System)?;
    let mut e = FieldErrors::new();
    let category = e.take("category", FeeCategory::parse(category));
    let amount = match chibo_domain::field::optional(Some(amount)) {
        None => Some(None),
        Some(a) => e.take("amount", parse_dong(a)).map(Some),
    };
    if let Some(c) = category
        && matches!(c, FeeCategory::Insured | FeeCategory::Pensioner)
    {
        // These are percentages of an income (FEE-01), never flat.
        e.push(
            "category",
            Problem::NotOneOf {
                allowed: &["student", "other_uninsured", "abroad"],
            },
        );
    }
    let (Some(category), Some(amount)) = (category, amount) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let mut tx = app.db.write().await?;
    repo::ensure_rates_loaded(&mut tx).await?;
    let mut versions: Vec<RateVersion> = schedule(&mut tx).await?.into();
    let v = versions
        .iter_mut()
        .find(|v| v.key == rate_key.trim())
        .ok_or(AppError::field(
            "rate_key",
            Problem::NotOneOf { allowed: &[] },
        ))?;
    v.flat.retain(|f| f.category != category);
    if let Some(amount_dong) = amount {
        v.flat.push(FlatAmount {
            category,
            amount_dong,
        });
    }
    let body = serde_json::to_string(&*v)
        .map_err(|err| AppError::Internal(format!("fee regime: {err}")))?;
    repo::upsert_rate(
        &mut tx,
        &RateRow {
            rate_key: v.key.clone(),
            source_ref: v.source_ref.clone(),
            valid_from: v.valid_from,
            valid_to: v.valid_to,
            body,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::FeeRateSave,
        About {
            kind: "fee_rate",
            id: Some(v.key.clone()),
            label: Some(v.source_ref.clone()),
            unit_path: None,
        },
        None::<&()>,
        Some(&FlatChange {
            rate_key: &v.key,
            category: category.code(),
            amount_dong: amount,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
