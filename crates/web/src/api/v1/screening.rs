//! Screening (rà soát, sàng lọc; REM-09): `/api/v1/screening`, the cases in the caller's scope
//! on a day as the JSON array of `chibo screening --format json` (CSV with `format=csv`), and
//! `/api/v1/members/{id}/screening`, a member's latest case, with the forms' operations:
//! recording the next step and the removal decision. Refusals are 422 problems naming the
//! field or the rule.

use super::report::DayReportParams;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::audit::By;
use chibo_app::screening::{
    self, RemovalInput, ScreeningView, StepInput, decide_removal_input, record_input,
};
use chibo_domain::ids::MemberId;
use chibo_domain::removal::ScreeningState;
use chibo_domain::stats::OutputFormat;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// One member's latest screening on the day (the shape of `chibo screening --format json`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ScreeningRowDto {
    pub member_id: i64,
    /// The member's interchange key.
    pub member_key: String,
    pub full_name: String,
    /// The member's cell on the day (the cell they left, when removed).
    pub unit_code: String,
    /// `flagged`, `helping`, `kept`, `exit_proposed` or `removed`.
    pub state: String,
    pub flagged_on: NaiveDate,
    pub responsible_member: Option<String>,
    /// The help plan's date plus the help period (12 months by default); null before the plan.
    pub review_due: Option<NaiveDate>,
    /// The review is past due and not recorded.
    pub overdue: bool,
    /// `kept`, `exit_proposed` or `removed`; null while the case is open.
    pub decision: Option<String>,
    /// The removal decision's number.
    pub decision_ref: Option<String>,
}

/// The screening cases on a day in the caller's scope, by unit code and member key: each member's latest case (flagged by the cell's secret ballot, helped by a responsible member, reviewed after the help period, kept or proposed for exit and removed), with the review's due date and whether it is overdue.
#[utoipa::path(get, path = "/screening", tag = "screening", params(DayReportParams),
    responses((status = 200, body = Vec<ScreeningRowDto>, description = "JSON; with format=csv a text/csv table (member_key,full_name,unit_code,state,flagged_on,responsible_member,review_due,overdue)"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<DayReportParams>,
) -> Result<Response, ApiError> {
    let q = p.parse()?;
    let rows = screening::list(&s.app, By::User(&actor), q.unit.as_deref(), q.as_of).await?;
    super::report::respond(q.format, "ra-soat-sang-loc.csv", |f| match f {
        OutputFormat::Json => screening::to_json(&rows),
        OutputFormat::Csv => screening::to_csv(&rows),
        OutputFormat::Table => Ok(screening::to_table(&rows)),
    })
}

/// The next step of a member's screening (REM-09), by `kind`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepBody {
    /// The cell's vote listing the member for help: a secret ballot with two thirds of the official members not exempted.
    Flagged {
        /// The vote's date (yyyy-mm-dd or dd/mm/yyyy).
        on: String,
        /// Official members of the cell on the vote day.
        official_members: u32,
        /// Of those, members exempted from party work (left out of the base); 0 when absent.
        #[serde(default)]
        exempted: u32,
        approvals: u32,
        /// `secret_ballot` (required by REM-09) or `raised_card` (refused).
        method: String,
    },
    /// The help plan with the member responsible for it.
    HelpPlanned {
        on: String,
        responsible_member: String,
    },
    /// The review after the help period: progress keeps the member, none proposes exit.
    Reviewed { on: String, progress: bool },
}

/// The removal decision on a screening that proposed exit.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RemovalBody {
    /// The decision's date (yyyy-mm-dd or dd/mm/yyyy).
    pub on: String,
    /// The decision's number (required).
    pub decision_ref: String,
}

/// One recorded step.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScreeningStepDto {
    pub seq: i64,
    /// `flagged`, `help_planned`, `reviewed` or `removal_decided`.
    pub kind: String,
    pub effective_on: NaiveDate,
    pub official_members: Option<i64>,
    pub exempted: Option<i64>,
    pub approvals: Option<i64>,
    /// `secret_ballot`.
    pub vote_method: Option<String>,
    pub responsible_member: Option<String>,
    pub progress: Option<bool>,
    pub decision_ref: Option<String>,
}

/// A member's latest screening.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberScreeningDto {
    /// `flagged`, `helping`, `kept` or `exit_proposed`; null when the member was never flagged.
    pub state: Option<String>,
    /// While helping: the first day the review may be held (the end of the help period).
    pub review_from: Option<NaiveDate>,
    /// The removal decision was recorded.
    pub removed: bool,
    pub steps: Vec<ScreeningStepDto>,
}

impl From<Option<ScreeningView>> for MemberScreeningDto {
    fn from(v: Option<ScreeningView>) -> Self {
        let Some(v) = v else {
            return Self {
                state: None,
                review_from: None,
                removed: false,
                steps: Vec::new(),
            };
        };
        Self {
            state: Some(v.state.code().to_owned()),
            review_from: match &v.state {
                ScreeningState::Helping { review_from, .. } => Some(*review_from),
                _ => None,
            },
            removed: v.removed,
            steps: v
                .steps
                .into_iter()
                .map(|s| ScreeningStepDto {
                    seq: s.seq,
                    kind: s.kind,
                    effective_on: s.effective_on,
                    official_members: s.official_members,
                    exempted: s.exempted,
                    approvals: s.approvals,
                    vote_method: s.vote_method,
                    responsible_member: s.responsible_member,
                    progress: s.progress,
                    decision_ref: s.decision_ref,
                })
                .collect(),
        }
    }
}

/// A member's latest screening: state, steps and whether removal was decided.
#[utoipa::path(get, path = "/members/{id}/screening", tag = "screening", params(("id" = i64, Path)),
    responses((status = 200, body = MemberScreeningDto), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<MemberScreeningDto>, ApiError> {
    Ok(Json(
        screening::get(&s.app, &actor, MemberId(id)).await?.into(),
    ))
}

/// Records the next step of the member's screening (audited); a flag opens a new case when none is open. 422 when a field or REM-09 refuses it (a raised-card or short vote, nobody responsible, a review before the help period has run, a step out of order).
#[utoipa::path(post, path = "/members/{id}/screening/steps", tag = "screening", params(("id" = i64, Path)), request_body = StepBody,
    responses((status = 201, body = MemberScreeningDto), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn step(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<StepBody>,
) -> Result<Response, ApiError> {
    let input = match b {
        StepBody::Flagged {
            on,
            official_members,
            exempted,
            approvals,
            method,
        } => StepInput {
            kind: "flagged".into(),
            on,
            official_members: official_members.to_string(),
            exempted: exempted.to_string(),
            approvals: approvals.to_string(),
            method,
            ..StepInput::default()
        },
        StepBody::HelpPlanned {
            on,
            responsible_member,
        } => StepInput {
            kind: "help_planned".into(),
            on,
            responsible_member,
            ..StepInput::default()
        },
        StepBody::Reviewed { on, progress } => StepInput {
            kind: "reviewed".into(),
            on,
            progress: progress.to_string(),
            ..StepInput::default()
        },
    };
    record_input(&s.app, &actor, MemberId(id), &input).await?;
    let v: MemberScreeningDto = screening::get(&s.app, &actor, MemberId(id)).await?.into();
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Records the removal decision on a screening that proposed exit, with the registry event `removed` on its date (audited); 422 when REM-09 refuses it (no exit proposed, already decided).
#[utoipa::path(post, path = "/members/{id}/screening/removal", tag = "screening", params(("id" = i64, Path)), request_body = RemovalBody,
    responses((status = 201, body = MemberScreeningDto), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn removal(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<RemovalBody>,
) -> Result<Response, ApiError> {
    let input = RemovalInput {
        on: b.on,
        decision_ref: b.decision_ref,
    };
    decide_removal_input(&s.app, &actor, MemberId(id), &input).await?;
    let v: MemberScreeningDto = screening::get(&s.app, &actor, MemberId(id)).await?.into();
    Ok((StatusCode::CREATED, Json(v)).into_response())
}
