//! `/api/v1/members/{id}/recognition`: a probationer's official recognition (PRB-02 … PRB-05):
//! the steps so far and the open deadline, and recording a cell review round or the
//! committee's decision. Refusals are 422 problems naming the field or the rule.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::recognition::{
    DecisionInput, RecognitionView, ReviewInput, recognition_of, record_cell_review,
    record_committee_decision,
};
use chibo_domain::ids::MemberId;
use chibo_domain::recognition::Position;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// A round of the cell's review (PRB-02): two thirds of the ADM-09 base decide each question.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReviewBody {
    /// The resolution's date (yyyy-mm-dd or dd/mm/yyyy), not before probation ends.
    pub on: String,
    /// The resolution's number.
    pub document_ref: Option<String>,
    /// The cell's official members on the day, exempted ones included; probationers not counted.
    pub official_members: Option<u32>,
    /// Exempted official members absent from the vote (0 when absent).
    pub absent_exempted: Option<u32>,
    /// Votes for official recognition.
    pub for_recognition: Option<u32>,
    /// Votes for removal from the probationary list (0 when absent).
    pub for_removal: Option<u32>,
}

/// The competent committee's decision (PRB-03, ADM-12).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct DecisionBody {
    /// The decision's date (yyyy-mm-dd or dd/mm/yyyy).
    pub on: String,
    /// The decision's number (required).
    pub document_ref: Option<String>,
    /// `recognized` or `not_recognized`.
    pub decision: String,
    /// `grassroots_committee` or `superior_standing_committee` (required after three undecided rounds).
    pub deciding_body: String,
    /// The special-case extension of 30 working days was used.
    pub extended: bool,
}

/// One recorded step.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecognitionStepDto {
    pub seq: i64,
    /// `cell_review` or `committee_decision`.
    pub kind: String,
    pub effective_on: NaiveDate,
    pub document_ref: Option<String>,
    /// Cell review: votes for recognition.
    pub approvals: Option<i64>,
    /// Cell review: votes for removal from the probationary list.
    pub removal_votes: Option<i64>,
    /// Cell review: the cell's official members.
    pub vote_base: Option<i64>,
    pub absent_exempted: Option<i64>,
    /// Cell review: `recognize`, `not_recognize` or `undecided`; decision: `recognized` or `not_recognized`.
    pub outcome: String,
    /// Cell review: the round's number.
    pub round: Option<i32>,
    pub deciding_body: Option<String>,
    pub extended: bool,
    /// Decision: the PRB-03 deadline it was due by.
    pub due_on: Option<NaiveDate>,
    pub recorded_at: DateTime<Utc>,
}

/// The open deadline.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecognitionDeadlineDto {
    /// `recognition_review` (PRB-02) or `recognition_decision` (PRB-03).
    pub kind: String,
    pub due_date: NaiveDate,
    /// `not_yet_due`, `due_soon`, `due` or `overdue`.
    pub status: String,
}

/// A member's recognition procedure.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecognitionDto {
    /// The member's standing now (`probationary`, `official`, or how they left).
    pub status: String,
    /// PRB-01: 12 months after the ceremony.
    pub probation_ends: Option<NaiveDate>,
    /// `awaiting_review`, `awaiting_decision` or `decided`.
    pub stage: String,
    /// The number the next cell review round would have.
    pub next_round: Option<u32>,
    /// Three rounds gave two thirds neither way: the superior decides (PRB-05).
    pub referred_to_superior: bool,
    pub deadline: Option<RecognitionDeadlineDto>,
    pub steps: Vec<RecognitionStepDto>,
}

impl From<RecognitionView> for RecognitionDto {
    fn from(v: RecognitionView) -> Self {
        let stage = match v.position {
            Position::AwaitingReview { .. } => "awaiting_review",
            Position::AwaitingDecision { .. } => "awaiting_decision",
            Position::Decided { .. } => "decided",
        };
        Self {
            referred_to_superior: v.referred_to_superior(),
            stage: stage.to_owned(),
            next_round: v.next_round,
            deadline: v.deadline.map(|d| RecognitionDeadlineDto {
                kind: d.kind.code().to_owned(),
                due_date: d.due_date,
                status: d.status.code().to_owned(),
            }),
            steps: v
                .steps
                .into_iter()
                .map(|s| RecognitionStepDto {
                    seq: s.seq,
                    kind: s.kind,
                    effective_on: s.effective_on,
                    document_ref: s.document_ref,
                    approvals: s.approvals,
                    removal_votes: s.removal_votes,
                    vote_base: s.vote_base,
                    absent_exempted: s.absent_exempted,
                    outcome: s.outcome,
                    round: s.round,
                    deciding_body: s.deciding_body,
                    extended: s.extended,
                    due_on: s.due_on,
                    recorded_at: s.recorded_at,
                })
                .collect(),
            status: v.status,
            probation_ends: v.probation_ends,
        }
    }
}

/// A member's recognition procedure: steps, stage and open deadline.
#[utoipa::path(get, path = "/members/{id}/recognition", tag = "recognition", params(("id" = i64, Path)),
    responses((status = 200, body = RecognitionDto), (status = 404, body = Problem)))]
pub async fn get(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<RecognitionDto>, ApiError> {
    Ok(Json(
        recognition_of(&s.app, &actor, MemberId(id)).await?.into(),
    ))
}

/// Records a round of the cell's review; 422 when a field or a rule (PRB-02, PRB-05) refuses it.
#[utoipa::path(post, path = "/members/{id}/recognition/review", tag = "recognition", params(("id" = i64, Path)), request_body = ReviewBody,
    responses((status = 201, body = RecognitionDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn review(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ReviewBody>,
) -> Result<Response, ApiError> {
    let text = |n: Option<u32>| n.map(|n| n.to_string());
    let input = ReviewInput {
        on: b.on,
        document_ref: b.document_ref,
        official_members: text(b.official_members),
        absent_exempted: text(b.absent_exempted),
        for_recognition: text(b.for_recognition),
        for_removal: text(b.for_removal),
    };
    record_cell_review(&s.app, &actor, MemberId(id), &input).await?;
    let v: RecognitionDto = recognition_of(&s.app, &actor, MemberId(id)).await?.into();
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// Records the committee's decision and its registry event (`recognized` effective on the
/// probation end, or `not_recognized` on the decision day); 422 when refused (PRB-03, PRB-05).
#[utoipa::path(post, path = "/members/{id}/recognition/decision", tag = "recognition", params(("id" = i64, Path)), request_body = DecisionBody,
    responses((status = 201, body = RecognitionDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn decision(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<DecisionBody>,
) -> Result<Response, ApiError> {
    let input = DecisionInput {
        on: b.on,
        document_ref: b.document_ref,
        decision: b.decision,
        deciding_body: b.deciding_body,
        extended: b.extended,
    };
    record_committee_decision(&s.app, &actor, MemberId(id), &input).await?;
    let v: RecognitionDto = recognition_of(&s.app, &actor, MemberId(id)).await?.into();
    Ok((StatusCode::CREATED, Json(v)).into_response())
}
