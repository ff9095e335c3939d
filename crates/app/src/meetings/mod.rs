//! Cell meetings (issue 6, point 4; rules MTG-01 … MTG-06): the yearly plan of a cell, each
//! meeting's record (agenda, day, duration, chair, recorder, minutes, resolution, votes), the
//! attendance of every member of the roster on the day, the quality assessment and the yearly
//! compliance per cell, rolled up the tree.
//!
//! * **Roster.** From the registry on the meeting day: the members whose record the cell holds
//!   (those in transit from it too) and temporary arrivals (a `temp_out` whose host is the
//!   cell). Each gets a place in the base by the domain's `base_role` (MTG-03); exempted,
//!   temporarily-out and in-transit members are listed but outside the base. Temporary
//!   exemptions while away (AWY-01) are not stored by the registry yet, so none is applied.
//! * **Fixed at recording.** The base is computed when attendance is taken and stored with
//!   each line, so a later change in the registry does not rewrite a past meeting.
//! * **Settings.** The rule catalogue's defaults (`MeetingParams::default()`).
//!
//! Reading needs `ViewMembers` on the cell (a meeting lists members by name); compliance needs
//! `ViewUnits`; writing needs `EditMembers`. Every write is audited in its transaction.

mod absences;
mod attendance;
mod compliance;
mod quality;
mod save;

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::meetings::{
    Attendance, AttendanceEntry, AttendanceTally, BaseExclusion, BaseRole, ConductFacts,
    MeetingGrade, MeetingKind, MeetingParams, MeetingRecord, QualityCriterion, base_role,
};
use chibo_domain::member::{MemberState, Standing, Status, Transit};
use chibo_domain::org::{UnitKind, UnitPath};
use chibo_storage::Tx;
use chibo_storage::meetings::{self as repo, AttendanceRow, MeetingRow, RosterRow, VoteRow};
use chibo_storage::units;
use chrono::NaiveDate;
use serde::Serialize;

pub use absences::{unexcused_absence_months, unexcused_months_by_member};
pub use attendance::{AttendanceInput, AttendanceLine, record_attendance};
pub use compliance::{ComplianceReport, ComplianceRow, PlanLine, YearPlan, compliance, year_plan};
pub use quality::{Quality, assess};
pub use save::{MeetingInput, VoteInput, create, update};

use crate::scope::unit_path;
use crate::{App, AppError, clock};

/// The meeting rules' settings in force on `day` (GEN-03: a meeting is judged by the values
/// in force on the day it is held).
pub async fn params(tx: &mut Tx, day: NaiveDate) -> Result<MeetingParams, AppError> {
    Ok(crate::settings::load_on(tx, day).await?.meeting)
}

/// Units whose meetings are recorded here: cells, which owe the monthly and quarterly plan.
pub fn holds_meetings(kind: UnitKind) -> bool {
    matches!(kind, UnitKind::Cell | UnitKind::GrassrootsCell)
}

/// A member's place in the base as stored (`base_role` column).
pub fn role_code(role: BaseRole) -> &'static str {
    match role {
        BaseRole::Own => "own",
        BaseRole::Arrival => "arrival",
        BaseRole::Excluded(BaseExclusion::Exempted) => "exempted",
        BaseRole::Excluded(BaseExclusion::TemporarilyExempted) => "temporarily_exempted",
        BaseRole::Excluded(BaseExclusion::TemporarilyOut) => "temporarily_out",
        BaseRole::Excluded(BaseExclusion::InTransit) => "in_transit",
        BaseRole::Outside => "outside",
    }
}

/// One person of the roster on the attendance sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterLine {
    pub member_id: i64,
    pub full_name: String,
    /// See [`role_code`].
    pub base_role: String,
    pub in_base: bool,
    /// `present`, `excused`, `unexcused`, or none yet.
    pub presence: Option<String>,
    pub reason: Option<String>,
}

/// A meeting with everything its page shows.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    pub meeting: MeetingRow,
    pub cell_code: String,
    pub cell_name: String,
    pub chair_name: Option<String>,
    pub recorder_name: Option<String>,
    /// The stored attendance once taken; before that, the registry's roster of the day.
    pub roster: Vec<RosterLine>,
    pub attendance_taken: bool,
    pub votes: Vec<VoteRow>,
    pub tally: AttendanceTally,
    pub quality: Quality,
}

impl MeetingView {
    pub fn kind(&self) -> Option<MeetingKind> {
        MeetingKind::parse(&self.meeting.kind).ok()
    }
}

/// The roster of `cell` on `day` with each person's place in the base (MTG-03); people with
/// nothing to do with the cell's meetings are left out.
pub(crate) async fn roster(
    tx: &mut Tx,
    cell: UnitId,
    day: NaiveDate,
    params: &MeetingParams,
) -> Result<Vec<(RosterRow, BaseRole)>, AppError> {
    let rows = repo::roster(tx, cell, day).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let standing = match r.standing.as_str() {
            "official" => Standing::Official,
            "probationary" => Standing::Probationary,
            other => return Err(AppError::Internal(format!("standing {other}"))),
        };
        let state = MemberState {
            status: Status::Member(standing),
            cell: UnitId(r.cell_id),
            transit: r.in_transit.then_some(Transit {
                since: r.valid_from,
                destination: r.transit_to_id.map(UnitId),
            }),
            temp_host: r.temp_host_id.map(UnitId),
            exempted: r.exempted,
            working_away: r.working_away,
            admitted_on: r.admitted_on,
            recognized_on: None,
            left_on: None,
        };
        // No temporary exemption (AWY-01) is stored yet; see the module's note.
        let role = base_role(&state, false, cell, params);
        if role != BaseRole::Outside {
            out.push((r, role));
        }
    }
    Ok(out)
}

/// The meeting `id` if the caller may do `perm` on its cell; otherwise not found.
pub(crate) async fn find_meeting(
    tx: &mut Tx,
    actor: &Actor,
    perm: Permission,
    id: i64,
) -> Result<(MeetingRow, UnitPath), AppError> {
    let row = repo::get(tx, id).await?.ok_or(AppError::NotFound)?;
    let path = unit_path(tx, UnitId(row.cell_id), clock::today()).await?;
    authorize(actor, perm, Target::Unit(&path))?;
    Ok((row, path))
}

/// The domain's record of a stored meeting with its attendance lines.
pub(crate) fn to_record(
    row: &MeetingRow,
    lines: &[AttendanceRow],
    grade: Option<MeetingGrade>,
) -> Result<MeetingRecord, AppError> {
    let kind = MeetingKind::parse(&row.kind)
        .map_err(|_| AppError::Internal(format!("meeting kind {}", row.kind)))?;
    let attendance = lines
        .iter()
        .filter_map(|l| {
            let a = match l.presence.as_deref()? {
                "present" => Attendance::Present,
                "excused" => Attendance::Excused {
                    reason: l.reason.clone().unwrap_or_default(),
                },
                _ => Attendance::Unexcused,
            };
            Some(AttendanceEntry {
                member: MemberId(l.member_id),
                attendance: a,
            })
        })
        .collect();
    Ok(MeetingRecord {
        cell: UnitId(row.cell_id),
        kind,
        thematic: row.thematic,
        topic: row.topic.clone(),
        held_on: row.held_on,
        duration_minutes: u32::try_from(row.duration_minutes).unwrap_or(0),
        online: row.online,
        chair: row.chair_id.map(MemberId),
        recorder: row.recorder_id.map(MemberId),
        agenda: row.agenda.lines().map(str::to_owned).collect(),
        attendance,
        minutes: row.minutes.clone(),
        resolution: row.resolution.clone(),
        conduct: ConductFacts {
            prepared_content: row.prepared_content,
            draft_resolution: row.draft_resolution,
            broad_participation: row.broad_participation,
            principles_respected: row.principles_respected,
            minutes_complete: row.minutes_complete,
        },
        rating: grade,
    })
}

/// The members of the base as stored with the attendance.
pub(crate) fn base_members(lines: &[AttendanceRow]) -> Vec<MemberId> {
    lines
        .iter()
        .filter(|l| l.in_base)
        .map(|l| MemberId(l.member_id))
        .collect()
}

/// The meeting with its roster, votes, attendance tally and quality (MTG-03 … MTG-06).
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<MeetingView, AppError> {
    let mut tx = app.db.read().await?;
    let (row, _) = find_meeting(&mut tx, actor, Permission::ViewMembers, id).await?;
    let view = view(&mut tx, row).await?;
    tx.commit().await?;
    Ok(view)
}

pub(crate) async fn view(tx: &mut Tx, row: MeetingRow) -> Result<MeetingView, AppError> {
    let params = params(tx, row.held_on).await?;
    let cell = UnitId(row.cell_id);
    let cell_code = units::code_of(tx, cell).await?.unwrap_or_default();
    let cell_name = units::latest_version(tx, cell, row.held_on)
        .await?
        .map(|v| v.name)
        .unwrap_or_default();
    let lines = repo::attendance(tx, row.id).await?;
    let attendance_taken = row.attendance_taken_at.is_some();
    let roster_lines: Vec<RosterLine> = if attendance_taken {
        lines
            .iter()
            .map(|l| RosterLine {
                member_id: l.member_id,
                full_name: l.full_name.clone(),
                base_role: l.base_role.clone(),
                in_base: l.in_base,
                presence: l.presence.clone(),
                reason: l.reason.clone(),
            })
            .collect()
    } else {
        roster(tx, cell, row.held_on, &params)
            .await?
            .into_iter()
            .map(|(r, role)| RosterLine {
                member_id: r.member_id,
                full_name: r.full_name,
                base_role: role_code(role).to_owned(),
                in_base: role.in_base(),
                presence: None,
                reason: None,
            })
            .collect()
    };
    let name_of = |id: Option<i64>| {
        id.and_then(|id| {
            roster_lines
                .iter()
                .find(|l| l.member_id == id)
                .map(|l| l.full_name.clone())
        })
    };
    let chair_name = match name_of(row.chair_id) {
        Some(n) => Some(n),
        None => member_name(tx, row.chair_id).await?,
    };
    let recorder_name = match name_of(row.recorder_id) {
        Some(n) => Some(n),
        None => member_name(tx, row.recorder_id).await?,
    };
    let votes = repo::votes(tx, row.id).await?;
    let (tally, quality) = assess(&row, &lines, &params)?;
    Ok(MeetingView {
        meeting: row,
        cell_code,
        cell_name,
        chair_name,
        recorder_name,
        roster: roster_lines,
        attendance_taken,
        votes,
        tally,
        quality,
    })
}

async fn member_name(tx: &mut Tx, id: Option<i64>) -> Result<Option<String>, AppError> {
    let Some(id) = id else { return Ok(None) };
    Ok(chibo_storage::members::get(tx, MemberId(id))
        .await?
        .map(|m| m.full_name))
}

/// The names of MTG-04's failed criteria, for lists.
pub fn criterion_labels(failures: &[QualityCriterion]) -> Vec<&'static str> {
    failures.iter().map(|c| c.label()).collect()
}

/// The people of a cell's roster today, by name, to choose the chair and recorder from; empty
/// for no cell. A cell outside the caller's scope is not found.
pub async fn roster_for_form(
    app: &App,
    actor: &Actor,
    cell_code: &str,
) -> Result<Vec<(i64, String)>, AppError> {
    roster_on(app, actor, cell_code, clock::today()).await
}

/// The cell's roster on `day` (member id and name), for choosing who chaired and recorded a
/// meeting held that day.
pub async fn roster_on(
    app: &App,
    actor: &Actor,
    cell_code: &str,
    day: NaiveDate,
) -> Result<Vec<(i64, String)>, AppError> {
    if cell_code.trim().is_empty() {
        return Ok(Vec::new());
    }
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let (cell, _, _) =
        crate::scope::find_unit(&mut tx, actor, Permission::ViewMembers, cell_code, today).await?;
    let p = params(&mut tx, day).await?;
    let people = roster(&mut tx, cell, day, &p).await?;
    tx.commit().await?;
    Ok(people
        .into_iter()
        .map(|(r, _)| (r.member_id, r.full_name))
        .collect())
}
