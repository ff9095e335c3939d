//! `/api/v1/meetings`: cell meetings (MTG-01 … MTG-06), the same operations as the pages.
//! GET lists a cell's year (plan lines and meetings held, with compliance); POST records a
//! meeting; `/meetings/{id}` reads and corrects one; `/meetings/{id}/attendance` takes the
//! attendance; `/meetings/compliance` gives a unit's yearly compliance with its children's.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::meetings::{
    self, AttendanceInput, AttendanceLine, ComplianceReport, MeetingInput, MeetingView, VoteInput,
    YearPlan,
};
use chibo_app::targets;
use chibo_domain::field::FieldErrors;
use chibo_domain::meetings::MeetingCompliance;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// The query string of the list and the compliance report.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParams {
    /// Unit code: a cell for the list; any unit for compliance (the caller's own when absent).
    pub unit: Option<String>,
    /// The year (1930–2100); the current year when absent.
    pub year: Option<String>,
}

fn year_of(p: &YearParams) -> Result<i32, ApiError> {
    match p.year.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(chibo_app::clock::today().year()),
        Some(y) => {
            let mut e = FieldErrors::new();
            e.take("year", targets::parse_year(y))
                .ok_or_else(|| chibo_app::AppError::Invalid(e.into_vec()).into())
        }
    }
}

/// Yearly figures of a unit or subtree.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplianceDto {
    /// Cells counted.
    pub units: u32,
    /// Meetings the plans require (monthly regular, quarterly thematic).
    pub required: u32,
    /// Requirements met, each at most once.
    pub met: u32,
    /// Meetings held that count.
    pub held: u32,
    /// Sums over the meetings held of the attendance base and of those present.
    pub attendance_base: u64,
    pub attendance_present: u64,
    /// Meetings of good quality (MTG-04).
    pub good_quality: u32,
    /// Cells whose scored year is good (MTG-05).
    pub good_years: u32,
    /// met / required, 0–1; null when nothing is required.
    pub fulfilment: Option<f64>,
    /// present / base, 0–1; null without a base.
    pub attendance_rate: Option<f64>,
}

impl From<&MeetingCompliance> for ComplianceDto {
    fn from(c: &MeetingCompliance) -> Self {
        Self {
            units: c.units,
            required: c.required,
            met: c.met,
            held: c.held,
            attendance_base: c.attendance_base,
            attendance_present: c.attendance_present,
            good_quality: c.good_quality,
            good_years: c.good_years,
            fulfilment: c.fulfilment(),
            attendance_rate: c.attendance_rate(),
        }
    }
}

/// One line of a cell's plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanLineDto {
    /// `regular`, `thematic` or `general`.
    pub requirement: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub count: u32,
    pub held: u32,
    pub met: bool,
    /// Over without enough meetings, as of today.
    pub missed: bool,
    pub meeting_ids: Vec<i64>,
}

/// A meeting held, as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeldMeetingDto {
    pub id: i64,
    pub held_on: NaiveDate,
    pub kind: String,
    pub thematic: bool,
    pub duration_minutes: i64,
    pub attendance_taken: bool,
    pub base: u32,
    pub present: u32,
    pub excused: u32,
    pub unexcused: u32,
    pub good_quality: bool,
}

/// A cell's year.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearPlanDto {
    pub unit_code: String,
    pub unit_name: String,
    pub year: i32,
    pub lines: Vec<PlanLineDto>,
    pub meetings: Vec<HeldMeetingDto>,
    pub compliance: ComplianceDto,
}

impl From<&YearPlan> for YearPlanDto {
    fn from(p: &YearPlan) -> Self {
        Self {
            unit_code: p.unit_code.clone(),
            unit_name: p.unit_name.clone(),
            year: p.year,
            lines: p
                .lines
                .iter()
                .map(|l| PlanLineDto {
                    requirement: l.requirement.code().to_owned(),
                    first_day: l.first_day,
                    last_day: l.last_day,
                    count: l.count,
                    held: l.held,
                    met: l.met,
                    missed: l.missed,
                    meeting_ids: l.meeting_ids.clone(),
                })
                .collect(),
            meetings: p
                .meetings
                .iter()
                .map(|m| HeldMeetingDto {
                    id: m.id,
                    held_on: m.held_on,
                    kind: m.kind.clone(),
                    thematic: m.thematic,
                    duration_minutes: m.duration_minutes,
                    attendance_taken: m.attendance_taken,
                    base: m.base,
                    present: m.present,
                    excused: m.excused,
                    unexcused: m.unexcused,
                    good_quality: m.quality.good,
                })
                .collect(),
            compliance: ComplianceDto::from(&p.compliance),
        }
    }
}

/// A child unit's line.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplianceRowDto {
    pub unit_code: String,
    pub unit_name: String,
    pub compliance: ComplianceDto,
}

/// A unit's yearly compliance, the sum of the cells below it, with each direct child's.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplianceReportDto {
    pub unit_code: String,
    pub unit_name: String,
    pub year: i32,
    /// The day the tree is read on.
    pub as_of: NaiveDate,
    pub total: ComplianceDto,
    pub rows: Vec<ComplianceRowDto>,
}

impl From<&ComplianceReport> for ComplianceReportDto {
    fn from(r: &ComplianceReport) -> Self {
        Self {
            unit_code: r.unit_code.clone(),
            unit_name: r.unit_name.clone(),
            year: r.year,
            as_of: r.as_of,
            total: ComplianceDto::from(&r.total),
            rows: r
                .rows
                .iter()
                .map(|row| ComplianceRowDto {
                    unit_code: row.unit_code.clone(),
                    unit_name: row.unit_name.clone(),
                    compliance: ComplianceDto::from(&row.compliance),
                })
                .collect(),
        }
    }
}

/// A vote on a resolution.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct VoteDto {
    pub subject: String,
    pub approvals: i64,
    pub against: i64,
    pub abstain: i64,
}

/// A meeting to record or the corrected record (the cell cannot change).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct MeetingBody {
    /// The cell's code.
    pub cell: String,
    /// `regular`, `thematic`, `general` or `extraordinary`.
    pub kind: String,
    /// A regular meeting that also holds the quarter's thematic topic.
    pub thematic: bool,
    pub topic: Option<String>,
    /// yyyy-mm-dd or dd/mm/yyyy, not in the future.
    pub held_on: String,
    /// HH:MM.
    pub started_at: Option<String>,
    pub duration_minutes: Option<i64>,
    pub online: bool,
    /// Member ids, of the cell's roster on the day.
    pub chair: Option<i64>,
    pub recorder: Option<i64>,
    /// Agenda items.
    pub agenda: Vec<String>,
    pub minutes: Option<String>,
    pub resolution: Option<String>,
    pub prepared_content: bool,
    pub draft_resolution: bool,
    pub broad_participation: bool,
    pub principles_respected: bool,
    pub minutes_complete: bool,
    /// MTG-05 score parts, all four or none (maxima 15, 20, 45, 20).
    pub score_preparation: Option<i64>,
    pub score_attendance: Option<i64>,
    pub score_conduct: Option<i64>,
    pub score_conclusion: Option<i64>,
    pub full_attendance: bool,
    pub full_duration: bool,
    pub full_participation: bool,
    pub full_minutes: bool,
    pub votes: Vec<VoteDto>,
}

impl MeetingBody {
    fn input(&self) -> MeetingInput {
        let n = |v: Option<i64>| v.map(|v| v.to_string());
        MeetingInput {
            cell: self.cell.clone(),
            kind: self.kind.clone(),
            thematic: self.thematic,
            topic: self.topic.clone(),
            held_on: self.held_on.clone(),
            started_at: self.started_at.clone(),
            duration_minutes: n(self.duration_minutes).unwrap_or_default(),
            online: self.online,
            chair: n(self.chair),
            recorder: n(self.recorder),
            agenda: self.agenda.join("\n"),
            minutes: self.minutes.clone(),
            resolution: self.resolution.clone(),
            prepared_content: self.prepared_content,
            draft_resolution: self.draft_resolution,
            broad_participation: self.broad_participation,
            principles_respected: self.principles_respected,
            minutes_complete: self.minutes_complete,
            score_preparation: n(self.score_preparation),
            score_attendance: n(self.score_attendance),
            score_conduct: n(self.score_conduct),
            score_conclusion: n(self.score_conclusion),
            full_attendance: self.full_attendance,
            full_duration: self.full_duration,
            full_participation: self.full_participation,
            full_minutes: self.full_minutes,
            votes: self
                .votes
                .iter()
                .map(|v| VoteInput {
                    subject: v.subject.clone(),
                    approvals: v.approvals.to_string(),
                    against: v.against.to_string(),
                    abstain: v.abstain.to_string(),
                })
                .collect(),
        }
    }
}

/// One member of the roster with their mark.
#[derive(Debug, Serialize, ToSchema)]
pub struct RosterLineDto {
    pub member_id: i64,
    pub full_name: String,
    /// `own`, `arrival`, `exempted`, `temporarily_exempted`, `temporarily_out`, `in_transit`.
    pub base_role: String,
    /// In the attendance base (MTG-03).
    pub in_base: bool,
    /// `present`, `excused`, `unexcused`, or null.
    pub presence: Option<String>,
    pub reason: Option<String>,
}

/// The quality assessment.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualityDto {
    pub good: bool,
    /// MTG-04 criteria failed: `attendance`, `no_unexcused_absence`, `duration`, `prepared_content`, `draft_resolution`, `broad_participation`, `principles_respected`, `minutes_complete`.
    pub failures: Vec<String>,
    /// MTG-05 grade where scored: `good`, `fair`, `average`, `weak`.
    pub grade: Option<String>,
    pub score_total: Option<u32>,
}

/// A meeting with its attendance and assessment.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingDto {
    pub id: i64,
    pub cell: String,
    pub kind: String,
    pub thematic: bool,
    pub topic: Option<String>,
    pub held_on: NaiveDate,
    pub started_at: Option<String>,
    pub duration_minutes: i64,
    pub online: bool,
    pub chair: Option<i64>,
    pub recorder: Option<i64>,
    pub agenda: Vec<String>,
    pub minutes: Option<String>,
    pub resolution: Option<String>,
    pub votes: Vec<VoteDto>,
    pub attendance_taken: bool,
    pub roster: Vec<RosterLineDto>,
    pub base: u32,
    pub present: u32,
    pub excused: u32,
    pub unexcused: u32,
    pub quality: QualityDto,
}

impl From<&MeetingView> for MeetingDto {
    fn from(v: &MeetingView) -> Self {
        let m = &v.meeting;
        Self {
            id: m.id,
            cell: v.cell_code.clone(),
            kind: m.kind.clone(),
            thematic: m.thematic,
            topic: m.topic.clone(),
            held_on: m.held_on,
            started_at: m.started_at.clone(),
            duration_minutes: m.duration_minutes,
            online: m.online,
            chair: m.chair_id,
            recorder: m.recorder_id,
            agenda: m.agenda.lines().map(str::to_owned).collect(),
            minutes: m.minutes.clone(),
            resolution: m.resolution.clone(),
            votes: v
                .votes
                .iter()
                .map(|b| VoteDto {
                    subject: b.subject.clone(),
                    approvals: b.approvals,
                    against: b.against,
                    abstain: b.abstain,
                })
                .collect(),
            attendance_taken: v.attendance_taken,
            roster: v
                .roster
                .iter()
                .map(|l| RosterLineDto {
                    member_id: l.member_id,
                    full_name: l.full_name.clone(),
                    base_role: l.base_role.clone(),
                    in_base: l.in_base,
                    presence: l.presence.clone(),
                    reason: l.reason.clone(),
                })
                .collect(),
            base: v.tally.base,
            present: v.tally.present,
            excused: v.tally.excused,
            unexcused: v.tally.unexcused,
            quality: QualityDto {
                good: v.quality.good,
                failures: v
                    .quality
                    .failures
                    .iter()
                    .map(|f| f.code().to_owned())
                    .collect(),
                grade: v.quality.grade.map(|g| g.code().to_owned()),
                score_total: v.quality.score_total,
            },
        }
    }
}

/// A mark on the attendance sheet.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct AttendanceLineBody {
    pub member_id: i64,
    /// `present`, `excused` (without a reason it is recorded as unexcused) or `unexcused`; may be empty for a member outside the base.
    pub presence: String,
    pub reason: Option<String>,
}

/// The whole sheet: every member of the base must be marked.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct AttendanceBody {
    pub lines: Vec<AttendanceLineBody>,
}

/// A cell's meetings of a year against its plan, with its compliance.
#[utoipa::path(get, path = "/meetings", tag = "meetings", params(YearParams),
    responses((status = 200, body = YearPlanDto), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<YearParams>,
) -> Result<Json<YearPlanDto>, ApiError> {
    let year = year_of(&p)?;
    let unit = p.unit.as_deref().unwrap_or("").trim();
    if unit.is_empty() {
        return Err(
            chibo_app::AppError::field("unit", chibo_domain::field::Problem::Required).into(),
        );
    }
    let plan = meetings::year_plan(&s.app, &actor, unit, year).await?;
    Ok(Json(YearPlanDto::from(&plan)))
}

/// Records a meeting of a cell in the caller's scope. Audited.
#[utoipa::path(post, path = "/meetings", tag = "meetings", request_body = MeetingBody,
    responses((status = 201, body = MeetingDto), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(b): ApiJson<MeetingBody>,
) -> Result<Response, ApiError> {
    let id = meetings::create(&s.app, &actor, &b.input()).await?;
    let v = meetings::get(&s.app, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(MeetingDto::from(&v))).into_response())
}

/// A meeting with its roster, attendance, votes and quality assessment.
#[utoipa::path(get, path = "/meetings/{id}", tag = "meetings", params(("id" = i64, Path)),
    responses((status = 200, body = MeetingDto), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get_meeting(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<MeetingDto>, ApiError> {
    let v = meetings::get(&s.app, &actor, id).await?;
    Ok(Json(MeetingDto::from(&v)))
}

/// Corrects a meeting's record (the cell stays). Audited with before and after.
#[utoipa::path(put, path = "/meetings/{id}", tag = "meetings", params(("id" = i64, Path)), request_body = MeetingBody,
    responses((status = 200, body = MeetingDto), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<MeetingBody>,
) -> Result<Json<MeetingDto>, ApiError> {
    let v = meetings::update(&s.app, &actor, id, &b.input()).await?;
    Ok(Json(MeetingDto::from(&v)))
}

/// Takes a meeting's attendance: one mark per member of the roster; replaces the previous sheet. Audited.
#[utoipa::path(put, path = "/meetings/{id}/attendance", tag = "meetings", params(("id" = i64, Path)), request_body = AttendanceBody,
    responses((status = 200, body = MeetingDto), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn attendance(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<AttendanceBody>,
) -> Result<Json<MeetingDto>, ApiError> {
    let input = AttendanceInput {
        lines: b
            .lines
            .into_iter()
            .map(|l| AttendanceLine {
                member_id: l.member_id,
                presence: l.presence,
                reason: l.reason,
            })
            .collect(),
    };
    let v = meetings::record_attendance(&s.app, &actor, id, &input).await?;
    Ok(Json(MeetingDto::from(&v)))
}

/// A unit's yearly meeting compliance (the sum of the cells below it) with each direct child's.
#[utoipa::path(get, path = "/meetings/compliance", tag = "meetings", params(YearParams),
    responses((status = 200, body = ComplianceReportDto), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn compliance(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<YearParams>,
) -> Result<Json<ComplianceReportDto>, ApiError> {
    let year = year_of(&p)?;
    let r = meetings::compliance(&s.app, &actor, p.unit.as_deref(), year).await?;
    Ok(Json(ComplianceReportDto::from(&r)))
}
