//! Early warning before removal (issue 6, point 6; rules REM-02 … REM-04, AWY-03): every
//! member of the caller's scope on a day, scored from the months of unexcused absence and of
//! unpaid fees in the count window and from the contact gap while working away, against the
//! removal threshold with the configured margin. Scope is resolved as for statistics and
//! deadlines: a unit outside the caller's scope is not found; without a unit an officer sees
//! their own unit, an administrator (and the CLI) the whole registry.
//!
//! Sources, each read in bulk for the whole scope (a province of 60,000 members is scored in
//! one pass): members of the subtree, unexcused absences, exemptions, fee accounts (five
//! statements per thousand members) and members away.

mod render;

use std::collections::{BTreeMap, HashMap, HashSet};

use chibo_domain::access::Permission;
use chibo_domain::ids::MemberId;
use chibo_domain::month::MonthSpan;
use chibo_domain::warning::{
    Absence, MemberWatch, WarningParams, WarningRow, count_window, evaluate,
};
use chibo_storage::db::prefix_range;
use chibo_storage::{away as away_repo, exemptions as exemption_repo, meetings as meeting_repo};
use chibo_storage::{paths, periods};
use chrono::NaiveDate;

pub use render::{COLUMNS, to_csv, to_json, to_table};

use crate::audit::By;
use crate::fees::{Holder, unpaid_months_of};
use crate::stats::scope_unit;
use crate::{App, AppError, clock};

/// The warning settings in force on `as_of` (REM-02, REM-03, AWY-03), from the rule settings
/// (GEN-03; defaults threshold 3, margin 1, calendar year, contact gap 3 months).
pub async fn params(app: &App, as_of: NaiveDate) -> Result<WarningParams, AppError> {
    let mut tx = app.db.read().await?;
    let p = crate::settings::load_on(&mut tx, as_of).await?.warning;
    tx.commit().await?;
    Ok(p)
}

/// The warning rows of the members in scope on `as_of` (members in transit are left out:
/// their cell changes), by unit code, member key and reason.
pub async fn list(
    app: &App,
    by: By<'_>,
    as_of: NaiveDate,
    unit: Option<&str>,
) -> Result<Vec<WarningRow>, AppError> {
    Ok(linked(app, by, as_of, unit)
        .await?
        .into_iter()
        .map(|(_, row)| row)
        .collect())
}

/// [`list`], each row with the member's id (for links to `/members/{id}`).
pub async fn linked(
    app: &App,
    by: By<'_>,
    as_of: NaiveDate,
    unit: Option<&str>,
) -> Result<Vec<(MemberId, WarningRow)>, AppError> {
    if let By::User(actor) = by
        && !actor.can(Permission::ViewMembers)
    {
        return Err(AppError::Forbidden(Permission::ViewMembers));
    }
    let params = params(app, as_of).await?;
    let unit = scope_unit(app, by, unit).await?;
    let window = count_window(as_of, params.count_window);
    let from_month = window.from;
    let from = from_month.first_day();
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let range = match unit {
        None => Some(prefix_range("/")),
        Some(u) => paths::path_on(&mut tx, u, as_of)
            .await?
            .map(|p| prefix_range(p.as_str())),
    };
    let Some(range) = range else {
        // The unit did not exist on the day.
        return Ok(Vec::new());
    };
    let members = periods::watched_on(&mut tx, as_of, &range).await?;
    let ids: HashSet<i64> = members.iter().map(|m| m.id).collect();
    let mut absences: HashMap<i64, Vec<Absence>> = HashMap::new();
    for (member, day) in meeting_repo::unexcused_absences(&mut tx, from, as_of).await? {
        if ids.contains(&member) {
            absences.entry(member).or_default().push(Absence {
                meeting_on: day,
                excused: false,
            });
        }
    }
    let away_rows: Vec<_> = away_repo::away_on(&mut tx, as_of, true, "", "", today)
        .await?
        .into_iter()
        .filter(|row| ids.contains(&row.member_id))
        .collect();
    let period_ids: Vec<i64> = away_rows.iter().map(|r| r.id).collect();
    let mut exemptions: HashMap<i64, Vec<_>> = HashMap::new();
    for e in away_repo::exemptions_of(&mut tx, &period_ids).await? {
        exemptions.entry(e.period_id).or_default().push(e);
    }
    let mut contacts: HashMap<i64, Vec<_>> = HashMap::new();
    for c in away_repo::contacts_of(&mut tx, &period_ids).await? {
        contacts.entry(c.period_id).or_default().push(c);
    }
    let mut away = HashMap::new();
    for row in &away_rows {
        let exemptions = exemptions.remove(&row.id).unwrap_or_default();
        let contacts = contacts.remove(&row.id).unwrap_or_default();
        away.insert(
            row.member_id,
            crate::away::to_domain(row, &exemptions, &contacts),
        );
    }
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let mut excused: BTreeMap<i64, Vec<MonthSpan>> = BTreeMap::new();
    for e in exemption_repo::of_members(&mut tx, &ids).await? {
        // REM-04: exemptions from party work, to their resumption or planned end.
        excused
            .entry(e.member_id)
            .or_default()
            .push(MonthSpan::of_days(e.from_on, e.resumed_on.or(e.to_on)));
    }
    let holders: Vec<Holder> = members
        .iter()
        .map(|m| Holder {
            id: m.id,
            admitted_on: m.admitted_on,
            left_on: m.left_on,
        })
        .collect();
    let mut unpaid_by_member =
        unpaid_months_of(&mut tx, &holders, from_month, as_of, &params.unpaid_rule()).await?;
    tx.commit().await?;
    let mut out = Vec::new();
    for m in members {
        let unpaid = unpaid_by_member.remove(&m.id).unwrap_or_default();
        let mut spans = excused.remove(&m.id).unwrap_or_default();
        let period = away.remove(&m.id);
        if let Some(p) = &period {
            // REM-04, AWY-01: temporary exemptions while away.
            spans.extend(
                p.exemptions
                    .iter()
                    .map(|e| MonthSpan::of_days(e.from, Some(e.until))),
            );
        }
        let watch = MemberWatch {
            member_key: m.member_key,
            full_name: m.full_name,
            unit_code: m.cell_code,
            absences: absences.remove(&m.id).unwrap_or_default(),
            unpaid_months: unpaid,
            excused: spans,
            away: period,
        };
        out.extend(
            evaluate(&watch, as_of, &params)
                .into_iter()
                .map(|r| (MemberId(m.id), r)),
        );
    }
    out.sort_by(|(_, a), (_, b)| {
        (&a.unit_code, &a.member_key, a.reason).cmp(&(&b.unit_code, &b.member_key, b.reason))
    });
    Ok(out)
}
