//! Early warning before removal (issue 6, point 6; rules REM-02 … REM-04, AWY-03): every
//! member of the caller's scope on a day, scored from the months of unexcused absence and of
//! unpaid fees in the count window and from the contact gap while working away, against the
//! removal threshold with the configured margin. Scope is resolved as for statistics and
//! deadlines: a unit outside the caller's scope is not found; without a unit an officer sees
//! their own unit, an administrator (and the CLI) the whole registry.
//!
//! Sources: members of the subtree, unexcused absences and members away are read in bulk;
//! unpaid months (the fee account) and exemptions are read per member.

mod render;

use std::collections::{BTreeMap, HashMap, HashSet};

use chibo_domain::access::Permission;
use chibo_domain::ids::MemberId;
use chibo_domain::month::MonthSpan;
use chibo_domain::warning::{
    Absence, CountWindow, MemberWatch, WarningParams, WarningRow, count_window, evaluate,
};
use chibo_storage::db::prefix_range;
use chibo_storage::{away as away_repo, exemptions as exemption_repo, meetings as meeting_repo};
use chibo_storage::{paths, periods};
use chrono::{Datelike, NaiveDate};

pub use render::{COLUMNS, to_csv, to_json, to_table};

use crate::audit::By;
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
    let from = NaiveDate::from_ymd_opt(window.from.year(), window.from.month(), 1).unwrap_or(as_of);
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
    let mut away = HashMap::new();
    for row in away_repo::away_on(&mut tx, as_of, true, "", "", today).await? {
        if ids.contains(&row.member_id) {
            let exemptions = away_repo::exemptions(&mut tx, row.id).await?;
            let contacts = away_repo::contacts(&mut tx, row.id).await?;
            away.insert(
                row.member_id,
                crate::away::to_domain(&row, &exemptions, &contacts),
            );
        }
    }
    let mut excused: BTreeMap<i64, Vec<MonthSpan>> = BTreeMap::new();
    for m in &members {
        // REM-04: exemptions from party work, to their resumption or planned end.
        let spans = excused.entry(m.id).or_default();
        for e in exemption_repo::of_member(&mut tx, MemberId(m.id)).await? {
            spans.push(MonthSpan::of_days(e.from_on, e.resumed_on.or(e.to_on)));
        }
    }
    tx.commit().await?;
    let years: Vec<i32> = match params.count_window {
        CountWindow::CalendarYear => vec![as_of.year()],
        CountWindow::Rolling12Months => vec![as_of.year() - 1, as_of.year()],
    };
    let mut out = Vec::new();
    for m in members {
        let mut unpaid = Vec::new();
        for y in &years {
            unpaid
                .extend(crate::fees::unpaid_months_in_year(app, MemberId(m.id), *y, as_of).await?);
        }
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
