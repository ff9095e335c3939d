//! `/api/v1/members/{id}/removal`, `/complaints`, `/leave`: a member's removal cases (REM-05),
//! complaints against a removal or a disciplinary measure (REM-06, REM-07) and requests to
//! leave (REM-08), and recording their next step. Each step is checked by its rule and
//! audited; the decisions append `removed` or `resigned`, and a complaint settled against the
//! contested decision voids its event. Refusals are 422 problems naming the field or the rule.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::removal::{
    COMPLAINT, CaseView, ComplaintInput, LEAVE, LeaveInput, REMOVAL, RemovalInput, StepOutcome,
    of_member, record_complaint, record_leave, record_removal,
};
use chibo_domain::ids::MemberId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// One recorded step of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepDto {
    pub seq: i64,
    /// The step's code (`opened`, `self_review_requested`, `cell_vote`, `decided`, `requested`,
    /// `cell_forwarded`, `decision_received`, `lodged`, `settled`, …).
    pub kind: String,
    pub on: NaiveDate,
    pub ground: Option<String>,
    /// Votes: the members voting (cell) or the committee's size.
    pub base: Option<i64>,
    pub approvals: Option<i64>,
    pub decision_ref: Option<String>,
    pub reasons: Option<String>,
    pub standards_breach: Option<bool>,
    pub level: Option<String>,
    pub decision_stands: Option<bool>,
}

/// A case and where it stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDto {
    pub id: i64,
    /// `removal`, `leave` or `complaint`.
    pub procedure: String,
    /// REM-05, REM-06, REM-07 or REM-08.
    pub rule: String,
    /// A complaint: the removal case, the disciplinary measure or the screening (whose
    /// removal decision) it contests.
    pub contests_case_id: Option<i64>,
    pub contests_discipline_id: Option<i64>,
    pub contests_screening_id: Option<i64>,
    pub opened_on: NaiveDate,
    /// The state (`awaiting_self_review`, `self_reviewed`, `cell_approved`,
    /// `committee_approved`, `removed`, `not_approved`; `requested`, `forwarded`, `left`;
    /// `received`, `lodged`, `settled`).
    pub state: String,
    pub closed: bool,
    pub ground: Option<String>,
    /// Unanswered self-review requests so far (REM-05).
    pub requests: Option<u32>,
    /// A complaint: the last day to lodge it, or to settle it once lodged.
    pub next_due: Option<NaiveDate>,
    pub decision_stands: Option<bool>,
    /// A settled complaint: settled after its due date.
    pub settled_late: Option<bool>,
    /// A decided removal whose complaint was settled with the decision not standing (the
    /// `removed` event is voided).
    pub overturned: bool,
    /// The steps that may come next.
    pub next_steps: Vec<String>,
    pub steps: Vec<StepDto>,
}

impl From<CaseView> for CaseDto {
    fn from(c: CaseView) -> Self {
        Self {
            id: c.id,
            procedure: c.procedure,
            rule: c.rule.to_owned(),
            contests_case_id: c.contests_case_id,
            contests_discipline_id: c.contests_discipline_id,
            contests_screening_id: c.contests_screening_id,
            opened_on: c.opened_on,
            state: c.state.to_owned(),
            closed: c.closed,
            ground: c.ground,
            requests: c.requests,
            next_due: c.next_due,
            decision_stands: c.decision_stands,
            settled_late: c.settled_late,
            overturned: c.overturned,
            next_steps: c.next_steps.iter().map(|s| (*s).to_owned()).collect(),
            steps: c
                .steps
                .into_iter()
                .map(|s| StepDto {
                    seq: s.seq,
                    kind: s.kind,
                    on: s.effective_on,
                    ground: s.ground,
                    base: s.base,
                    approvals: s.approvals,
                    decision_ref: s.decision_ref,
                    reasons: s.reasons,
                    standards_breach: s.standards_breach,
                    level: s.level,
                    decision_stands: s.decision_stands,
                })
                .collect(),
        }
    }
}

/// What recording a step led to.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepOutcomeDto {
    pub case_id: i64,
    /// The case's state after the step.
    pub state: String,
    /// Whether the member's history changed (an event appended or voided).
    pub history_changed: bool,
}

fn created(o: StepOutcome) -> Response {
    (
        StatusCode::CREATED,
        Json(StepOutcomeDto {
            case_id: o.case_id,
            state: o.state.to_owned(),
            history_changed: o.history_changed,
        }),
    )
        .into_response()
}

async fn cases(
    s: &AppState,
    actor: &chibo_domain::access::Actor,
    id: i64,
    procedure: &str,
) -> Result<Json<Vec<CaseDto>>, ApiError> {
    let p = of_member(&s.app, actor, MemberId(id)).await?;
    Ok(Json(
        p.cases
            .into_iter()
            .filter(|c| c.procedure == procedure)
            .map(CaseDto::from)
            .collect(),
    ))
}

/// The member's removal cases (REM-05), oldest first.
#[utoipa::path(get, path = "/members/{id}/removal", tag = "removal", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CaseDto>), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn removal_cases(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<CaseDto>>, ApiError> {
    cases(&s, &actor, id, REMOVAL).await
}

/// A removal step.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RemovalBody {
    /// `opened`, `self_review_requested`, `self_reviewed`, `cell_vote`, `committee_vote` or
    /// `decided`.
    pub step: String,
    /// The step's date (yyyy-mm-dd or dd/mm/yyyy).
    pub on: String,
    /// Opened: `abandoned_activity`, `unpaid_fees`, `card_returned_or_destroyed`,
    /// `no_progress_after_help`, `standards_breach_two_years`, `political_standard_failed` or
    /// `foreign_citizenship` (REM-10).
    pub ground: Option<String>,
    /// Cell vote: the members voting; committee vote: the committee's size.
    pub base: Option<u32>,
    /// Votes: those approving (two thirds needed).
    pub approvals: Option<u32>,
    /// Decided: the decision's number (required).
    pub decision_ref: Option<String>,
}

/// Records the next removal step (audited): `opened` starts a case for a current member
/// without an open one; the decision appends `removed`; a vote short of two thirds ends the
/// case (`not_approved`).
#[utoipa::path(post, path = "/members/{id}/removal", tag = "removal", params(("id" = i64, Path)), request_body = RemovalBody,
    responses((status = 201, body = StepOutcomeDto), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn removal_step(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<RemovalBody>,
) -> Result<Response, ApiError> {
    let input = RemovalInput {
        step: b.step,
        on: b.on,
        ground: b.ground,
        base: b.base.map(|n| n.to_string()),
        approvals: b.approvals.map(|n| n.to_string()),
        decision_ref: b.decision_ref,
    };
    Ok(created(
        record_removal(&s.app, &actor, MemberId(id), &input).await?,
    ))
}

/// The member's complaints (REM-06 against a removal, REM-07 against a disciplinary measure).
#[utoipa::path(get, path = "/members/{id}/complaints", tag = "removal", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CaseDto>), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn complaints(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<CaseDto>>, ApiError> {
    cases(&s, &actor, id, COMPLAINT).await
}

/// A complaint step.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ComplaintBody {
    /// `decision_received`, `lodged` or `settled`.
    pub step: String,
    /// The step's date (for `decision_received`, when the member received the decision).
    pub on: String,
    /// Lodged, settled: the complaint (by default the member's complaint not yet settled).
    pub complaint: Option<i64>,
    /// Decision received: the decided removal case contested (REM-06) …
    pub removal_case: Option<i64>,
    /// … or the disciplinary measure contested (REM-07) …
    pub discipline: Option<i64>,
    /// … or the screening case whose removal decision is contested (REM-09, then REM-06).
    pub screening: Option<i64>,
    /// Lodged: `local` (default) or `central`.
    pub level: Option<String>,
    /// Settled: whether the contested decision stands (required).
    pub decision_stands: Option<bool>,
}

/// Records a complaint step (audited). Lodging after the due date is refused (REM-06: 30
/// working days from receipt; REM-07: one month); a settlement by which the decision does not
/// stand voids its `removed` or `expelled` event.
#[utoipa::path(post, path = "/members/{id}/complaints", tag = "removal", params(("id" = i64, Path)), request_body = ComplaintBody,
    responses((status = 201, body = StepOutcomeDto), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn complaint_step(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ComplaintBody>,
) -> Result<Response, ApiError> {
    let input = ComplaintInput {
        step: b.step,
        on: b.on,
        complaint: b.complaint.map(|n| n.to_string()),
        removal_case: b.removal_case.map(|n| n.to_string()),
        discipline: b.discipline.map(|n| n.to_string()),
        screening: b.screening.map(|n| n.to_string()),
        level: b.level,
        decision_stands: b.decision_stands.map(|v| v.to_string()),
    };
    Ok(created(
        record_complaint(&s.app, &actor, MemberId(id), &input).await?,
    ))
}

/// The member's requests to leave (REM-08).
#[utoipa::path(get, path = "/members/{id}/leave", tag = "removal", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CaseDto>), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn leave_cases(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<CaseDto>>, ApiError> {
    cases(&s, &actor, id, LEAVE).await
}

/// A step of a request to leave.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct LeaveBody {
    /// `requested`, `cell_forwarded` or `decided`.
    pub step: String,
    /// The step's date (yyyy-mm-dd or dd/mm/yyyy).
    pub on: String,
    /// Requested: the written reasons (required by REM-08).
    pub reasons: Option<String>,
    /// Requested: the member is known to have breached the standards (refused).
    pub standards_breach: Option<bool>,
    /// Decided: the decision's number (required).
    pub decision_ref: Option<String>,
}

/// Records a step of a request to leave (audited). A request during an open discipline case
/// (an open removal case, a complaint against discipline not yet settled) is refused; the
/// decision appends `resigned`.
#[utoipa::path(post, path = "/members/{id}/leave", tag = "removal", params(("id" = i64, Path)), request_body = LeaveBody,
    responses((status = 201, body = StepOutcomeDto), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn leave_step(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<LeaveBody>,
) -> Result<Response, ApiError> {
    let input = LeaveInput {
        step: b.step,
        on: b.on,
        reasons: b.reasons,
        standards_breach: b.standards_breach.map(|v| v.to_string()),
        decision_ref: b.decision_ref,
    };
    Ok(created(
        record_leave(&s.app, &actor, MemberId(id), &input).await?,
    ))
}
