//! Reading: one member's record, the members away in a scope on a day, and those among them
//! with no contact for longer than the configured months (AWY-03).

use chibo_domain::access::{Actor, Permission};
use chibo_domain::ids::MemberId;
use chibo_storage::away as repo;
use chibo_storage::db::prefix_range;
use chibo_storage::paths;
use chrono::NaiveDate;
use serde::Serialize;

use super::{AwayStatus, AwayView, contact_gap_months, view};
use crate::audit::By;
use crate::scope::find_member;
use crate::stats::scope_unit;
use crate::{App, AppError, clock};

/// The member's latest record (open, else the last ended one) seen on `as_of`, if any.
pub async fn get(
    app: &App,
    actor: &Actor,
    member: MemberId,
    as_of: NaiveDate,
) -> Result<Option<AwayView>, AppError> {
    let gap = contact_gap_months(app).await?;
    let mut tx = app.db.read().await?;
    find_member(
        &mut tx,
        actor,
        Permission::ViewMembers,
        member,
        clock::today(),
    )
    .await?;
    let latest = repo::of_member(&mut tx, member.0).await?.pop();
    let out = match latest {
        Some(p) => Some(view(&mut tx, p, as_of, gap).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(out)
}

/// A line of the list of members away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwayLine {
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub unit_code: String,
    pub place: String,
    pub employer: Option<String>,
    pub since: NaiveDate,
    /// The remote party group's unit code, else its name.
    pub remote_group: Option<String>,
    pub messaging_group: Option<String>,
    pub contact_person_name: Option<String>,
    #[serde(flatten)]
    pub status: AwayStatus,
}

/// The members away on `as_of` whose cell is in `unit` (by default the caller's scope; the
/// whole registry for the system), by name, with their last contact, the months without
/// contact flagged past `gap_months` (default [`contact_gap_months`]) and the renewal due.
pub async fn list(
    app: &App,
    by: By<'_>,
    as_of: NaiveDate,
    unit: Option<&str>,
    gap_months: Option<u32>,
) -> Result<Vec<AwayLine>, AppError> {
    if let By::User(actor) = by
        && !actor.can(Permission::ViewMembers)
    {
        return Err(AppError::Forbidden(Permission::ViewMembers));
    }
    let gap = match gap_months {
        Some(g) => g,
        None => contact_gap_months(app).await?,
    };
    let unit = scope_unit(app, by, unit).await?;
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let (everything, lo, hi) = match unit {
        None => (true, String::new(), String::new()),
        Some(u) => match paths::latest_path(&mut tx, u, today).await? {
            Some(p) => {
                let (lo, hi) = prefix_range(p.as_str());
                (false, lo, hi)
            }
            None => return Ok(Vec::new()),
        },
    };
    let rows = repo::away_on(&mut tx, as_of, everything, &lo, &hi, today).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let v = view(&mut tx, row, as_of, gap).await?;
        let p = v.period;
        out.push(AwayLine {
            member_id: p.member_id,
            member_key: p.member_key,
            full_name: p.full_name,
            unit_code: p.unit_code,
            place: p.place,
            employer: p.employer,
            since: p.since,
            remote_group: p.remote_group_code.or(p.remote_group),
            messaging_group: p.messaging_group,
            contact_person_name: p.contact_person_name,
            status: v.status,
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// AWY-03: the members away on `as_of` in scope with no contact for longer than
/// `gap_months` months (default [`contact_gap_months`]), longest silence first.
pub async fn no_contact(
    app: &App,
    by: By<'_>,
    as_of: NaiveDate,
    unit: Option<&str>,
    gap_months: Option<u32>,
) -> Result<Vec<AwayLine>, AppError> {
    let mut out: Vec<AwayLine> = list(app, by, as_of, unit, gap_months)
        .await?
        .into_iter()
        .filter(|l| l.status.contact_lapsed)
        .collect();
    out.sort_by(|a, b| {
        (b.status.months_without_contact, &a.unit_code, &a.member_key).cmp(&(
            a.status.months_without_contact,
            &b.unit_code,
            &b.member_key,
        ))
    });
    Ok(out)
}
