//! `/api/v1/candidates`: party development, the same operations as the pages. The board of a
//! unit's candidates by stage, listing a new candidate, a candidate with their steps, and
//! recording the next step after the rule checks (a refusal is a 422 problem with the rule ID).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::candidates::{
    self, Board, CandidateDeadline, DocumentInput, EducationInput, FailedCheck, NewCandidateInput,
    SponsorInput, StepInput, StepOutcome, Timeline,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// The query string of `GET /api/v1/candidates`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardParams {
    /// A cell, or a committee for every cell below it; the caller's own unit (the whole tree, for an administrator) when absent.
    pub unit: Option<String>,
}

/// A time limit on a candidate's next step.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineDto {
    /// `ADM-11` (the admission decision after the cell's vote) or `ADM-13` (the ceremony after the decision is received).
    pub rule: String,
    /// The stage due: `decided` or `ceremony`.
    pub stage: String,
    pub due_on: NaiveDate,
    /// `not_yet_due`, `due_soon`, `due` or `overdue` today.
    pub status: String,
}

impl From<&CandidateDeadline> for DeadlineDto {
    fn from(d: &CandidateDeadline) -> Self {
        Self {
            rule: d.rule.to_owned(),
            stage: d.stage.code().to_owned(),
            due_on: d.due_on,
            status: d.status.to_owned(),
        }
    }
}

/// A candidate on the board.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardCardDto {
    pub candidate_key: String,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub cell_code: String,
    pub cell_name: String,
    /// The date of the current stage.
    pub stage_on: NaiveDate,
    pub deadline: Option<DeadlineDto>,
}

/// The candidates whose last recorded step is `stage`.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardColumnDto {
    /// `outstanding`, `awareness_class`, `application`, `sponsors`, `verified`, `cell_vote`, `committee_vote`, `decided` or `ceremony`.
    pub stage: String,
    /// The stage's Vietnamese name.
    pub stage_name: String,
    pub candidates: Vec<BoardCardDto>,
}

/// The pipeline board: one column per stage, in the pipeline's order.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoardDto {
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub columns: Vec<BoardColumnDto>,
}

impl From<Board> for BoardDto {
    fn from(b: Board) -> Self {
        Self {
            unit_code: b.unit_code,
            unit_name: b.unit_name,
            columns: b
                .columns
                .into_iter()
                .map(|c| BoardColumnDto {
                    stage: c.stage.code().to_owned(),
                    stage_name: c.stage.label().to_owned(),
                    candidates: c
                        .cards
                        .into_iter()
                        .map(|k| BoardCardDto {
                            candidate_key: k.candidate_key,
                            full_name: k.full_name,
                            birth_date: k.birth_date,
                            cell_code: k.cell_code,
                            cell_name: k.cell_name,
                            stage_on: k.stage_on,
                            deadline: k.deadline.as_ref().map(DeadlineDto::from),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A person to put on a cell's list of outstanding non-members.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct CandidateCreate {
    /// Generated when absent.
    pub candidate_key: Option<String>,
    pub cell_code: String,
    pub full_name: String,
    /// `M` or `F`.
    pub sex: String,
    /// yyyy-mm-dd or dd/mm/yyyy.
    pub birth_date: String,
    pub citizen_id: Option<String>,
    pub youth_union_member: bool,
    /// The day the cell listed the person.
    pub listed_on: String,
    pub document_ref: Option<String>,
    /// ADM-03: the schooling: `none`, `literate`, `primary`, `lower_secondary`, `upper_secondary`.
    pub education: Option<String>,
    /// ADM-03: lives or works in a hardship, border, island, mountain or minority area.
    #[serde(default)]
    pub hardship_area: bool,
    #[serde(default)]
    pub fisherman: bool,
    /// ADM-03: a village elder or hamlet head there, admitted on literacy with the province's consent.
    #[serde(default)]
    pub elder_or_hamlet_head: bool,
    pub education_consent_ref: Option<String>,
    /// yyyy-mm-dd or dd/mm/yyyy.
    pub education_consent_on: Option<String>,
}

/// The key of the candidate created.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedCandidate {
    pub candidate_key: String,
}

/// One recorded step.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepDto {
    pub seq: i64,
    pub stage: String,
    pub stage_name: String,
    pub on: NaiveDate,
    /// `false` for a failed vote (ADM-09, ADM-10): recorded, but the stage was not reached; `detail.violation` says why.
    pub passed: bool,
    pub document_ref: Option<String>,
    /// Votes: approvals of `vote_base` (the cell's official members, or the committee's size).
    pub approvals: Option<i64>,
    pub vote_base: Option<i64>,
    pub absent_exempted: Option<i64>,
    /// `decided`: the day the cell received the decision.
    pub received_on: Option<NaiveDate>,
    /// `decided`: the ADM-11 deadline; `ceremony`: the ADM-13 deadline.
    pub due_on: Option<NaiveDate>,
    /// The stage's particulars (sponsors, conclusion, …) as recorded.
    #[schema(value_type = Option<Object>)]
    pub detail: Option<serde_json::Value>,
    /// `ceremony`: the member created.
    pub member_id: Option<i64>,
    pub recorded_at: DateTime<Utc>,
    /// Display name of who recorded the step.
    pub recorded_by: Option<String>,
}

/// A candidate and every recorded step.
#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateDto {
    pub candidate_key: String,
    pub cell_code: String,
    pub full_name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub citizen_id: Option<String>,
    pub youth_union_member: bool,
    /// ADM-03: the schooling as recorded.
    pub education: EducationDto,
    /// The last stage reached (failed votes reach nothing).
    pub stage: Option<String>,
    /// The stage that may be recorded next; null once the ceremony is recorded.
    pub next_stage: Option<String>,
    /// The time limit running on the next step, if any.
    pub deadline: Option<DeadlineDto>,
    pub steps: Vec<StepDto>,
    /// Dossier documents recorded apart from the steps.
    pub documents: Vec<DocumentDto>,
    /// ADM-15: the dossier items still missing (`DossierItem` codes) until the decision is recorded.
    pub missing_documents: Vec<String>,
}

/// A candidate's schooling and the circumstances that relax the requirement (ADM-03).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct EducationDto {
    /// `none`, `literate`, `primary`, `lower_secondary`, `upper_secondary`; null until recorded.
    pub education: Option<String>,
    /// Lives or works in a hardship, border, island, mountain or minority area.
    pub hardship_area: bool,
    pub fisherman: bool,
    /// A village elder or hamlet head there, admitted on literacy with the province's consent.
    pub elder_or_hamlet_head: bool,
    /// The province's consent: its reference and date (yyyy-mm-dd or dd/mm/yyyy).
    pub education_consent_ref: Option<String>,
    pub education_consent_on: Option<String>,
}

/// A dossier document recorded apart from its step.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentDto {
    /// `certificate`, `application`, `biography`, `sponsor_letters`, `endorsement`, `comment_summary`, `cell_resolution` or `committee_resolution`.
    pub item: String,
    pub document_ref: String,
    pub dated_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

/// A dossier document to record (ADM-15), or the comment summary before the cell vote (ADM-08).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct DocumentCreate {
    /// `certificate`, `application`, `biography`, `sponsor_letters`, `endorsement`, `comment_summary`, `cell_resolution` or `committee_resolution`.
    pub item: String,
    pub document_ref: String,
    /// The document's date (yyyy-mm-dd or dd/mm/yyyy); it counts for steps on or after it.
    pub dated_on: String,
}

impl From<&Timeline> for CandidateDto {
    fn from(t: &Timeline) -> Self {
        let c = &t.view.candidate;
        Self {
            candidate_key: c.candidate_key.clone(),
            cell_code: t.view.cell_code.clone(),
            full_name: c.full_name.clone(),
            sex: c.sex.clone(),
            birth_date: c.birth_date,
            citizen_id: c.citizen_id.clone(),
            youth_union_member: c.youth_union_member,
            education: EducationDto {
                education: c.education.level.clone(),
                hardship_area: c.education.hardship_area,
                fisherman: c.education.fisherman,
                elder_or_hamlet_head: c.education.elder_or_hamlet_head,
                education_consent_ref: c.education.consent_ref.clone(),
                education_consent_on: c.education.consent_on.map(|d| d.to_string()),
            },
            stage: t
                .view
                .steps
                .iter()
                .rev()
                .find(|s| s.passed)
                .map(|s| s.stage.clone()),
            next_stage: t.view.next_stage.map(|s| s.code().to_owned()),
            deadline: t.deadline.as_ref().map(DeadlineDto::from),
            steps: t
                .view
                .steps
                .iter()
                .map(|s| StepDto {
                    seq: s.seq,
                    stage: s.stage.clone(),
                    stage_name: chibo_domain::admission::Stage::parse(&s.stage)
                        .map(|st| st.label().to_owned())
                        .unwrap_or_default(),
                    on: s.effective_on,
                    passed: s.passed,
                    document_ref: s.document_ref.clone(),
                    approvals: s.approvals,
                    vote_base: s.vote_base,
                    absent_exempted: s.absent_exempted,
                    received_on: s.received_on,
                    due_on: s.due_on,
                    detail: s
                        .detail
                        .as_deref()
                        .and_then(|d| serde_json::from_str(d).ok()),
                    member_id: s.member_id,
                    recorded_at: s.recorded_at,
                    recorded_by: Some(t.recorder(s.recorded_by).to_owned())
                        .filter(|n| !n.is_empty()),
                })
                .collect(),
            documents: t
                .view
                .documents
                .iter()
                .map(|d| DocumentDto {
                    item: d.item.clone(),
                    document_ref: d.document_ref.clone(),
                    dated_on: d.dated_on,
                    recorded_at: d.recorded_at,
                })
                .collect(),
            missing_documents: t
                .view
                .missing_documents
                .iter()
                .map(|i| i.code().to_owned())
                .collect(),
        }
    }
}

/// One sponsor letter (3-KNĐ).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct SponsorBody {
    /// The sponsoring member's key.
    pub member_key: String,
    /// Since when the sponsor has worked or lived with the candidate.
    pub together_since: String,
    /// `sponsor_moved` or `sponsor_disciplined` when replacing a first sponsor.
    pub replaces: Option<String>,
}

/// The next step of a candidate; which fields count depends on `stage`.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct StepCreate {
    /// The stage to record: the one after the last recorded (ADM-14).
    pub stage: String,
    /// The step's date (certificate, letter, vote, decision signature, ceremony).
    pub on: String,
    /// Required for `decided` (the decision's number).
    pub document_ref: Option<String>,
    /// `sponsors`: the letters.
    pub sponsors: Vec<SponsorBody>,
    /// `sponsors`: `youth_union` or `trade_union` endorsing in place of a sponsor.
    pub endorsement: Option<String>,
    /// `sponsors`: the endorsement resolution's reference (4-KNĐ, part of the ADM-15 dossier).
    pub endorsement_ref: Option<String>,
    /// `verified`: the verification's conclusion (required, ADM-07).
    pub conclusion: Option<String>,
    /// `verified`: the relatives whose background was verified: `birth_parents`, `parents_in_law`, `carers`, `spouse`, `adult_children`.
    pub relatives: Vec<String>,
    /// `verified` or `cell_vote`: the comment summary's reference (5-KNĐ); the cell vote needs it or an exception (ADM-08).
    pub comment_summary_ref: Option<String>,
    /// `verified` or `cell_vote`: `no_organisation_same_residence` in place of the comment summary (ADM-08).
    pub comment_exception: Option<String>,
    /// `cell_vote` of an applicant over 60 (ADM-02): healthy and respected.
    pub healthy_and_respected: bool,
    /// `cell_vote` over 60: `no_party_presence` or `special_need`.
    pub over_60_ground: Option<String>,
    /// `cell_vote` over 60: the province standing committee's consent, reference and date (on or before the vote).
    pub over_60_consent_ref: Option<String>,
    pub over_60_consent_on: Option<String>,
    /// `cell_vote`: the cell's official members.
    pub official_members: Option<u32>,
    /// `cell_vote`: official members absent with an exemption.
    pub absent_exempted: Option<u32>,
    /// `cell_vote`, `committee_vote`: the approvals.
    pub approvals: Option<u32>,
    /// `committee_vote`: the committee's size.
    pub committee_size: Option<u32>,
    /// `committee_vote` or `decided`: the special-case extension (ADM-11).
    pub extended: bool,
    /// `decided`: the day the cell received the decision.
    pub received_on: Option<String>,
    /// `decided`: `grassroots_committee` or `superior_standing_committee` (required, ADM-12).
    pub deciding_body: Option<String>,
    /// `decided`: the delegation a grassroots committee decides under (required for it, ADM-12).
    pub delegation_ref: Option<String>,
    /// `ceremony`: the superior's consent to a late ceremony (ADM-13).
    pub superior_consent: bool,
}

impl From<StepCreate> for StepInput {
    fn from(b: StepCreate) -> Self {
        StepInput {
            stage: b.stage,
            on: b.on,
            document_ref: b.document_ref,
            sponsors: b
                .sponsors
                .into_iter()
                .map(|s| SponsorInput {
                    member_key: s.member_key,
                    together_since: s.together_since,
                    replaces: s.replaces,
                })
                .collect(),
            endorsement: b.endorsement,
            endorsement_ref: b.endorsement_ref,
            conclusion: b.conclusion,
            relatives: b.relatives,
            comment_summary_ref: b.comment_summary_ref,
            comment_exception: b.comment_exception,
            healthy_and_respected: b.healthy_and_respected,
            over_60_ground: b.over_60_ground,
            over_60_consent_ref: b.over_60_consent_ref,
            over_60_consent_on: b.over_60_consent_on,
            official_members: b.official_members,
            absent_exempted: b.absent_exempted,
            approvals: b.approvals,
            committee_size: b.committee_size,
            extended: b.extended,
            received_on: b.received_on,
            deciding_body: b.deciding_body,
            delegation_ref: b.delegation_ref,
            superior_consent: b.superior_consent,
        }
    }
}

/// What a recorded step produced.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepRecorded {
    pub stage: String,
    pub on: NaiveDate,
    /// `false` for a vote short of two thirds (ADM-09, ADM-10): recorded, but the stage is not reached and the vote may be held again.
    pub passed: bool,
    /// Why the vote failed.
    pub violation: Option<ViolationDto>,
    /// `decided`: the ADM-11 deadline; `ceremony`: the ADM-13 deadline.
    pub due_on: Option<NaiveDate>,
    /// `ceremony`: the member created.
    pub member_id: Option<i64>,
}

/// A rule check a recorded step failed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ViolationDto {
    /// The rule ID (`ADM-09`, `ADM-10`).
    pub rule: String,
    /// A stable code (`cell_vote_short`, `committee_vote_short`).
    pub code: String,
    /// The reason, in Vietnamese.
    pub message: String,
}

impl From<FailedCheck> for ViolationDto {
    fn from(f: FailedCheck) -> Self {
        Self {
            rule: f.rule.to_owned(),
            code: f.code.to_owned(),
            message: f.message,
        }
    }
}

impl From<StepOutcome> for StepRecorded {
    fn from(o: StepOutcome) -> Self {
        Self {
            stage: o.stage.code().to_owned(),
            on: o.on,
            passed: o.passed,
            violation: o.violation.map(ViolationDto::from),
            due_on: o.due_on,
            member_id: o.member.map(|m| m.0),
        }
    }
}

/// The candidates of a unit's cells, a column per stage of the admission pipeline.
#[utoipa::path(get, path = "/candidates", tag = "candidates", params(BoardParams),
    responses((status = 200, body = BoardDto), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn board(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<BoardParams>,
) -> Result<Json<BoardDto>, ApiError> {
    let b = candidates::board(&s.app, &actor, p.unit.as_deref()).await?;
    Ok(Json(BoardDto::from(b)))
}

/// Puts a person on a cell's list of outstanding non-members (the pipeline's first stage). Audited.
#[utoipa::path(post, path = "/candidates", tag = "candidates", request_body = CandidateCreate,
    responses((status = 201, body = CreatedCandidate), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(b): ApiJson<CandidateCreate>,
) -> Result<Response, ApiError> {
    let input = NewCandidateInput {
        candidate_key: b.candidate_key,
        cell_code: b.cell_code,
        full_name: b.full_name,
        sex: b.sex,
        birth_date: b.birth_date,
        citizen_id: b.citizen_id,
        youth_union_member: b.youth_union_member,
        listed_on: b.listed_on,
        document_ref: b.document_ref,
        education: b.education,
        hardship_area: b.hardship_area,
        fisherman: b.fisherman,
        elder_or_hamlet_head: b.elder_or_hamlet_head,
        education_consent_ref: b.education_consent_ref,
        education_consent_on: b.education_consent_on,
    };
    let key = candidates::add_candidate(&s.app, &actor, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedCandidate { candidate_key: key }),
    )
        .into_response())
}

/// A candidate with every recorded step and the stage that may come next.
#[utoipa::path(get, path = "/candidates/{key}", tag = "candidates", params(("key" = String, Path)),
    responses((status = 200, body = CandidateDto), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get_candidate(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(key): Path<String>,
) -> Result<Json<CandidateDto>, ApiError> {
    let t = candidates::timeline(&s.app, &actor, &key).await?;
    Ok(Json(CandidateDto::from(&t)))
}

/// Records a candidate's next step after the rule checks of its stage; a refusal writes nothing and answers 422 with the rule ID. The ceremony creates the member. Audited.
#[utoipa::path(post, path = "/candidates/{key}/steps", tag = "candidates", params(("key" = String, Path)),
    request_body = StepCreate,
    responses((status = 201, body = StepRecorded), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn record_step(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(key): Path<String>,
    ApiJson(b): ApiJson<StepCreate>,
) -> Result<Response, ApiError> {
    let o = candidates::record_step(&s.app, &actor, &key, &StepInput::from(b)).await?;
    Ok((StatusCode::CREATED, Json(StepRecorded::from(o))).into_response())
}

/// Records or corrects a candidate's schooling (ADM-03), which the cell vote requires. Audited.
#[utoipa::path(put, path = "/candidates/{key}/education", tag = "candidates", params(("key" = String, Path)),
    request_body = EducationDto,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update_education(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(key): Path<String>,
    ApiJson(b): ApiJson<EducationDto>,
) -> Result<StatusCode, ApiError> {
    let input = EducationInput {
        education: b.education,
        hardship_area: b.hardship_area,
        fisherman: b.fisherman,
        elder_or_hamlet_head: b.elder_or_hamlet_head,
        education_consent_ref: b.education_consent_ref,
        education_consent_on: b.education_consent_on,
    };
    candidates::update_education(&s.app, &actor, &key, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records a dossier document apart from its step: one the step lacked (ADM-15), or the comment summary before the cell vote (ADM-08). Audited.
#[utoipa::path(post, path = "/candidates/{key}/documents", tag = "candidates", params(("key" = String, Path)),
    request_body = DocumentCreate,
    responses((status = 201), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn add_document(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(key): Path<String>,
    ApiJson(b): ApiJson<DocumentCreate>,
) -> Result<StatusCode, ApiError> {
    let input = DocumentInput {
        item: b.item,
        document_ref: b.document_ref,
        dated_on: b.dated_on,
    };
    candidates::add_document(&s.app, &actor, &key, &input).await?;
    Ok(StatusCode::CREATED)
}
