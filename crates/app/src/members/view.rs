//! A member's full record and timeline. Each view is an audited read of personal data.

use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::dates::completed_years;
use chibo_domain::ids::{MemberId, UnitId};
use chibo_storage::events::{self, EventRow};
use chibo_storage::members::MemberRow;
use chibo_storage::reference::{self, Commune};
use chibo_storage::residential::{self, AreaRow};
use chibo_storage::{Tx, units};
use chrono::NaiveDate;
use serde::Serialize;

use crate::audit::{self, About, Action, By};
use crate::org::UnitLabel;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

/// One line of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventLine {
    pub row: EventRow,
    pub unit: Option<UnitLabel>,
    /// The correcting entry that voided this one.
    pub voided_by: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub row: MemberRow,
    pub cell: UnitLabel,
    pub transit_to: Option<UnitLabel>,
    pub temp_host: Option<UnitLabel>,
    pub commune: Option<Commune>,
    pub area: Option<AreaRow>,
    pub events: Vec<EventLine>,
    pub age_years: u32,
    /// Whole years since the latest admission (interchange statistics), while a member.
    pub party_age_years: Option<u32>,
    pub can_edit: bool,
    /// Open deadlines today (the recognition review while probationary).
    pub deadlines: Vec<crate::deadlines::MemberDeadline>,
}

pub(crate) async fn label(
    tx: &mut Tx,
    unit: UnitId,
    day: NaiveDate,
) -> Result<UnitLabel, AppError> {
    let row = units::latest_version(tx, unit, day)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(UnitLabel {
        code: row.code,
        name: row.name,
        kind: row.kind,
    })
}

pub async fn member_view(app: &App, actor: &Actor, id: MemberId) -> Result<MemberView, AppError> {
    let today = clock::today();
    let perm = match actor.scope {
        Scope::OwnRecord(m) if m == id => Permission::ViewOwnRecord,
        _ => Permission::ViewMembers,
    };
    // A write transaction: the view itself is audited.
    let mut tx = app.db.write().await?;
    let (row, paths, _granted) = find_member(&mut tx, actor, perm, id, today).await?;
    let history = events::history(&mut tx, id).await?;
    let mut lines = Vec::with_capacity(history.len());
    for e in &history {
        let unit = match e.unit_id {
            Some(u) => Some(label(&mut tx, UnitId(u), e.effective_on).await?),
            None => None,
        };
        let voided_by = history
            .iter()
            .find(|v| v.voids_event_id == Some(e.id))
            .map(|v| v.id);
        lines.push(EventLine {
            row: e.clone(),
            unit,
            voided_by,
        });
    }
    let cell = label(&mut tx, UnitId(row.cell_id), today).await?;
    let transit_to = match row.transit_to_id.filter(|_| row.in_transit) {
        Some(u) => Some(label(&mut tx, UnitId(u), today).await?),
        None => None,
    };
    let temp_host = match row.temp_host_id {
        Some(u) => Some(label(&mut tx, UnitId(u), today).await?),
        None => None,
    };
    let commune = match &row.residence_admin_code {
        Some(c) => reference::commune(&mut tx, c).await?,
        None => None,
    };
    let area = match row.residential_area_id {
        Some(a) => residential::get(&mut tx, a, today).await?,
        None => None,
    };
    let is_member = matches!(row.status.as_str(), "probationary" | "official");
    let about = About::member(id, &row.full_name, audit_path(&paths));
    audit::record(
        &mut tx,
        By::User(actor),
        Action::MemberView,
        about,
        None::<&()>,
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    let deadlines =
        crate::deadlines::of_member(app, id, &row.status, row.admitted_on, today).await?;
    Ok(MemberView {
        deadlines,
        age_years: completed_years(row.birth_date, today),
        party_age_years: is_member.then(|| completed_years(row.admitted_on, today)),
        can_edit: actor.can(Permission::EditMembers),
        row,
        cell,
        transit_to,
        temp_host,
        commune,
        area,
        events: lines,
    })
}
