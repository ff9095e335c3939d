//! Granting or renewing a temporary exemption (tạm miễn sinh hoạt) of a member away.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::away::{TemporaryExemption, check_temporary_exemption};
use chibo_domain::dates::parse_date;
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::ids::MemberId;
use chibo_storage::{away as repo, now};
use serde::{Deserialize, Serialize};

use super::{open_period, params};
use crate::audit::{self, About, Action, By};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExemptionInput {
    /// The day the cell decided it (for a renewal, the day of the renewal).
    pub decided_on: String,
    pub from: String,
    /// The last day covered.
    pub until: String,
    /// Number and date of the cell's resolution.
    pub resolution_ref: String,
}

fn day(input: &str) -> Result<chrono::NaiveDate, Problem> {
    parse_date(input).map_err(|e| match e {
        chibo_domain::dates::DateProblem::Empty => Problem::Required,
        chibo_domain::dates::DateProblem::Format => Problem::InvalidDate,
    })
}

/// Appends a temporary exemption to the member's open record. AWY-01: refused when it, with
/// the exemptions it renews without a gap, reaches 12 months (the cell proposes a transfer
/// instead); a renewal is the next exemption of the chain, dated by its decision (AWY-03).
pub async fn grant_exemption(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &ExemptionInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let period = open_period(&mut tx, member)
        .await?
        .ok_or(AppError::Transition(
            chibo_domain::member::TransitionError::NotWorkingAway,
        ))?;
    let mut e = FieldErrors::new();
    let decided_on = e.take(
        "decided_on",
        effective_date_after(&input.decided_on, today, row.admitted_on),
    );
    let from = e.take("from", day(&input.from));
    let until = e.take("until", day(&input.until));
    let resolution_ref = match optional_text(Some(&input.resolution_ref), 100) {
        Ok(Some(r)) => Some(r),
        Ok(None) => {
            e.push("resolution_ref", Problem::Required);
            None
        }
        Err(p) => {
            e.push("resolution_ref", p);
            None
        }
    };
    if from.is_some_and(|f| f < period.since) {
        e.push(
            "from",
            Problem::DateBefore {
                other_field: "since",
            },
        );
    }
    let (Some(decided_on), Some(from), Some(until), Some(resolution_ref)) =
        (decided_on, from, until, resolution_ref)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let existing: Vec<TemporaryExemption> = repo::exemptions(&mut tx, period.id)
        .await?
        .into_iter()
        .map(|x| TemporaryExemption {
            decided_on: x.decided_on,
            from: x.from_on,
            until: x.until_on,
            resolution_ref: x.resolution_ref,
        })
        .collect();
    // AWY-01 by the values in force on the day the exemption starts.
    let p = params(&mut tx, from).await?;
    let chain_months = check_temporary_exemption(&existing, from, until, &p)?;
    let id = repo::insert_exemption(
        &mut tx,
        period.id,
        decided_on,
        from,
        until,
        &resolution_ref,
        now(),
        Some(actor.user.0),
    )
    .await?;
    #[derive(Serialize)]
    struct Granted<'a> {
        period_id: i64,
        exemption: &'a TemporaryExemption,
        chain_months: u32,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::AwayExemption,
        About::member(member, &row.full_name, audit_path(&paths)),
        None::<&()>,
        Some(&Granted {
            period_id: period.id,
            exemption: &TemporaryExemption {
                decided_on,
                from,
                until,
                resolution_ref,
            },
            chain_months,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
