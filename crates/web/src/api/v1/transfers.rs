//! `/api/v1/transfers…` and `/api/v1/members/{id}/exemptions` (issue 6, points 1 and 2): the
//! in-transit list (the rows of `chibo transfers --in-transit`), the letters to receive, the
//! temporary arrivals at host cells, and the writes of the pages: issue, present, confirm,
//! temporary start, renewal and return, exemption decision, renewal and resumption. Same rules
//! and scope as the pages; a refused rule answers 422 `rule-violation` naming it.

use super::report::DayReportParams;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::audit::By;
use chibo_app::exemptions::{self, DecideInput, ResumeInput};
use chibo_app::transfers::{
    self, ConfirmInput, IssueInput, PresentInput, RenewInput, ReturnInput, TemporaryInput,
};
use chibo_app::{AppError, clock};
use chibo_domain::ids::MemberId;
use chibo_domain::stats::{OutputFormat, StatsInput};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// One member in transit (the shape of `chibo transfers --in-transit --format json`).
#[derive(Debug, Serialize, ToSchema)]
pub struct InTransitDto {
    pub member_key: String,
    pub full_name: String,
    /// The cell the member left; it keeps counting them in its in-transit figure (TRF-03).
    pub from_unit_code: String,
    /// The receiving unit's code, or the outside organisation's name as printed on the letter.
    pub to_unit_code: String,
    pub issued_on: NaiveDate,
    /// Calendar days from the letter's date to the day.
    pub days_in_transit: u32,
    /// TRF-02's 30 days have passed without presentation.
    pub overdue: bool,
}

/// Members in transit on a day from the cells of the caller's scope, by letter date and member key. A letter stays listed until presented at the receiving cell or confirmed outside the registry.
#[utoipa::path(get, path = "/transfers/in-transit", tag = "transfers", params(DayReportParams),
    responses((status = 200, body = Vec<InTransitDto>, description = "JSON; with format=csv a text/csv table (member_key,full_name,from_unit_code,to_unit_code,issued_on,days_in_transit,overdue)"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn in_transit(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<DayReportParams>,
) -> Result<Response, ApiError> {
    let q = p.parse()?;
    let rows = transfers::in_transit(&s.app, By::User(&actor), q.as_of, q.unit.as_deref()).await?;
    super::report::respond(q.format, "dang-chuyen-sinh-hoat.csv", |f| match f {
        OutputFormat::Json => transfers::to_json(&rows),
        OutputFormat::Csv => transfers::to_csv(&rows),
        OutputFormat::Table => Ok(transfers::to_table(&rows)),
    })
}

/// A letter addressed to one of the caller's cells, not yet received.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncomingDto {
    pub letter_id: i64,
    pub letter_number: String,
    pub member_key: String,
    pub full_name: String,
    pub from_unit_code: String,
    pub to_unit_code: String,
    pub issued_on: NaiveDate,
    /// TRF-02: the last day to present the letter.
    pub due_on: Option<NaiveDate>,
    pub days_in_transit: u32,
    pub overdue: bool,
}

/// The open letters addressed to cells the caller receives members into.
#[utoipa::path(get, path = "/transfers/incoming", tag = "transfers",
    responses((status = 200, body = Vec<IncomingDto>), (status = 401, body = Problem)))]
pub async fn incoming(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<IncomingDto>>, ApiError> {
    let rows = transfers::incoming(&s.app, &actor).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| IncomingDto {
                letter_id: r.letter.id,
                letter_number: r.letter.letter_number,
                member_key: r.letter.member_key,
                full_name: r.letter.full_name,
                from_unit_code: r.letter.from_unit_code,
                to_unit_code: r.letter.to_unit_code.unwrap_or_default(),
                issued_on: r.letter.issued_on,
                due_on: r.due_on,
                days_in_transit: r.days_in_transit,
                overdue: r.overdue,
            })
            .collect(),
    ))
}

/// The query string of `/api/v1/transfers/temporary`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayParams {
    /// The day (yyyy-mm-dd or dd/mm/yyyy); today when absent.
    pub as_of: Option<String>,
}

/// A member attending a host cell on a temporary transfer (counted at home).
#[derive(Debug, Serialize, ToSchema)]
pub struct ArrivalDto {
    pub temporary_transfer_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub home_unit_code: String,
    pub host_unit_code: String,
    /// `move` or `study_or_secondment`.
    pub reason: String,
    pub from: NaiveDate,
    /// The end after renewals.
    pub until: NaiveDate,
}

/// Members attending, on a day, host cells of the caller's scope on a temporary transfer (TRF-05).
#[utoipa::path(get, path = "/transfers/temporary", tag = "transfers", params(DayParams),
    responses((status = 200, body = Vec<ArrivalDto>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn arrivals(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<DayParams>,
) -> Result<Json<Vec<ArrivalDto>>, ApiError> {
    let q = StatsInput {
        as_of: p.as_of,
        ..StatsInput::default()
    }
    .parse(clock::today())
    .map_err(AppError::Invalid)?;
    let rows = transfers::host_list(&s.app, &actor, q.as_of).await?;
    Ok(Json(
        rows.into_iter()
            .map(|a| ArrivalDto {
                temporary_transfer_id: a.temporary_transfer_id,
                member_key: a.member_key,
                full_name: a.full_name,
                home_unit_code: a.home_unit_code,
                host_unit_code: a.host_unit_code,
                reason: a.reason,
                from: a.from,
                until: a.until,
            })
            .collect(),
    ))
}

/// An official transfer letter (TRF-04 boxes; the destination is `to_unit_code` or `to_outside`).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct IssueBody {
    pub letter_number: String,
    /// dd/mm/yyyy or yyyy-mm-dd; not in the future.
    pub issued_on: String,
    pub to_unit_code: Option<String>,
    pub to_outside: Option<String>,
    /// mm/yyyy or yyyy-mm.
    pub fees_paid_through: Option<String>,
    /// Required for an official member, empty for a probationary one.
    pub card_number: Option<String>,
    pub biography_number: Option<String>,
    pub cell_register_number: Option<String>,
    pub transfer_register_number: Option<String>,
    pub addressee: Option<String>,
    /// TRF-01: `new_post`, `retirement`, `left_work`, `demobilised` or `new_residence`.
    pub move_reason: Option<String>,
    /// TRF-01: the day the decision took effect or the member moved.
    pub move_on: Option<String>,
}

/// The letter issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedDto {
    pub letter_id: i64,
    /// TRF-01: the last day to start the transfer, when the move was given.
    pub start_due_on: Option<NaiveDate>,
    pub started_late: bool,
}

/// Issues an official transfer letter: the member is in transit from its date.
#[utoipa::path(post, path = "/members/{id}/transfers", tag = "transfers", params(("id" = i64, Path)), request_body = IssueBody,
    responses((status = 201, body = IssuedDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn issue(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<IssueBody>,
) -> Result<Response, ApiError> {
    let input = IssueInput {
        letter_number: b.letter_number,
        issued_on: b.issued_on,
        to_unit_code: b.to_unit_code,
        to_outside: b.to_outside,
        fees_paid_through: b.fees_paid_through,
        card_number: b.card_number,
        biography_number: b.biography_number,
        cell_register_number: b.cell_register_number,
        transfer_register_number: b.transfer_register_number,
        addressee: b.addressee,
        move_reason: b.move_reason,
        move_on: b.move_on,
    };
    let r = transfers::issue_letter(&s.app, &actor, MemberId(id), &input).await?;
    let dto = IssuedDto {
        letter_id: r.letter_id,
        start_due_on: r.start_due_on,
        started_late: r.started_late,
    };
    Ok((StatusCode::CREATED, Json(dto)).into_response())
}

/// The presentation at the receiving cell.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PresentBody {
    pub presented_on: String,
    /// Required when the letter comes after TRF-02's 30 days.
    pub late_explanation: Option<String>,
}

/// TRF-02 as it stood on the day of presentation.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresentedDto {
    pub due_on: NaiveDate,
    pub days_taken: u32,
    pub late: bool,
}

/// Receives the member at the letter's destination cell (the receiver's act).
#[utoipa::path(post, path = "/transfers/{letter}/present", tag = "transfers", params(("letter" = i64, Path)), request_body = PresentBody,
    responses((status = 200, body = PresentedDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn present(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(letter): Path<i64>,
    ApiJson(b): ApiJson<PresentBody>,
) -> Result<Json<PresentedDto>, ApiError> {
    let input = PresentInput {
        presented_on: b.presented_on,
        late_explanation: b.late_explanation,
    };
    let r = transfers::present_letter(&s.app, &actor, letter, &input).await?;
    Ok(Json(PresentedDto {
        due_on: r.due_on,
        days_taken: r.days_taken,
        late: r.late,
    }))
}

/// The confirmation of a transfer outside the registry.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ConfirmBody {
    pub confirmed_on: String,
    pub confirmation_ref: String,
}

/// Closes a letter to an organisation outside the registry (the sender's act).
#[utoipa::path(post, path = "/transfers/{letter}/confirm", tag = "transfers", params(("letter" = i64, Path)), request_body = ConfirmBody,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn confirm(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(letter): Path<i64>,
    ApiJson(b): ApiJson<ConfirmBody>,
) -> Result<StatusCode, ApiError> {
    let input = ConfirmInput {
        confirmed_on: b.confirmed_on,
        confirmation_ref: b.confirmation_ref,
    };
    transfers::confirm_outside(&s.app, &actor, letter, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A temporary transfer (TRF-05).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TemporaryBody {
    pub letter_number: String,
    pub host_unit_code: String,
    /// `move` (3 to under 12 months) or `study_or_secondment` (3 to 24 months).
    pub reason: String,
    pub from: String,
    pub until: String,
}

/// The record created.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedDto {
    pub id: i64,
}

/// Starts a temporary transfer to a host cell; the member stays counted at home.
#[utoipa::path(post, path = "/members/{id}/temporary-transfers", tag = "transfers", params(("id" = i64, Path)), request_body = TemporaryBody,
    responses((status = 201, body = CreatedDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn start_temporary(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<TemporaryBody>,
) -> Result<Response, ApiError> {
    let input = TemporaryInput {
        letter_number: b.letter_number,
        host_unit_code: b.host_unit_code,
        reason: b.reason,
        from: b.from,
        until: b.until,
    };
    let t = transfers::start_temporary(&s.app, &actor, MemberId(id), &input).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id: t })).into_response())
}

/// A renewal of a temporary transfer.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RenewBody {
    pub decided_on: String,
    pub until: String,
}

/// Whether an official transfer is now suggested.
#[derive(Debug, Serialize, ToSchema)]
pub struct RenewedDto {
    pub official_suggested: bool,
}

/// Extends a temporary transfer (reported home).
#[utoipa::path(post, path = "/transfers/temporary/{temporary}/renew", tag = "transfers", params(("temporary" = i64, Path)), request_body = RenewBody,
    responses((status = 200, body = RenewedDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn renew_temporary(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(t): Path<i64>,
    ApiJson(b): ApiJson<RenewBody>,
) -> Result<Json<RenewedDto>, ApiError> {
    let input = RenewInput {
        decided_on: b.decided_on,
        until: b.until,
    };
    let official_suggested = transfers::renew_temporary(&s.app, &actor, t, &input).await?;
    Ok(Json(RenewedDto { official_suggested }))
}

/// The end of a temporary transfer.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReturnBody {
    pub returned_on: String,
}

/// Ends a temporary transfer: the member is back at the home cell only.
#[utoipa::path(post, path = "/transfers/temporary/{temporary}/return", tag = "transfers", params(("temporary" = i64, Path)), request_body = ReturnBody,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn return_temporary(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(t): Path<i64>,
    ApiJson(b): ApiJson<ReturnBody>,
) -> Result<StatusCode, ApiError> {
    let input = ReturnInput {
        returned_on: b.returned_on,
    };
    transfers::return_temporary(&s.app, &actor, t, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One exemption from party work and activities.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExemptionDto {
    pub id: i64,
    /// `old_age` or `poor_health` (EXM-01).
    pub reason: String,
    pub requested_on: NaiveDate,
    pub resolution_ref: String,
    pub resolution_on: NaiveDate,
    pub from: NaiveDate,
    /// The planned end after renewals, if any.
    pub planned_until: Option<NaiveDate>,
    pub resumed_on: Option<NaiveDate>,
}

/// A member's exemptions, newest first.
#[utoipa::path(get, path = "/members/{id}/exemptions", tag = "exemptions", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ExemptionDto>), (status = 404, body = Problem)))]
pub async fn exemptions_of(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ExemptionDto>>, ApiError> {
    let rows = exemptions::of_member(&s.app, &actor, MemberId(id)).await?;
    Ok(Json(
        rows.into_iter()
            .map(|v| ExemptionDto {
                id: v.exemption.id,
                reason: v.exemption.reason,
                requested_on: v.exemption.requested_on,
                resolution_ref: v.exemption.resolution_ref,
                resolution_on: v.exemption.resolution_on,
                from: v.exemption.from_on,
                planned_until: v.planned_until,
                resumed_on: v.exemption.resumed_on,
            })
            .collect(),
    ))
}

/// The cell's decision on an exemption request.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ExemptionBody {
    /// The day the member asked; absent when they did not (EXM-01 refuses).
    pub requested_on: Option<String>,
    /// Months of treatment so far (a whole number).
    pub treatment_months: Option<String>,
    pub has_medical_records: bool,
    /// The cell's resolution (EXM-02; required).
    pub resolution_ref: String,
    pub resolution_on: String,
    pub from: String,
    pub to: Option<String>,
}

/// Decides an exemption (EXM-01, EXM-02): the member leaves the attendance and vote bases from `from`.
#[utoipa::path(post, path = "/members/{id}/exemptions", tag = "exemptions", params(("id" = i64, Path)), request_body = ExemptionBody,
    responses((status = 201, body = CreatedDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn decide(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ExemptionBody>,
) -> Result<Response, ApiError> {
    let input = DecideInput {
        requested_on: b.requested_on,
        treatment_months: b.treatment_months,
        has_medical_records: b.has_medical_records,
        resolution_ref: b.resolution_ref,
        resolution_on: b.resolution_on,
        from: b.from,
        to: b.to,
    };
    let e = exemptions::decide(&s.app, &actor, MemberId(id), &input).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id: e })).into_response())
}

/// A renewal of an exemption's planned end.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ExemptionRenewBody {
    pub resolution_ref: String,
    pub decided_on: String,
    pub to: Option<String>,
}

/// Extends an exemption's planned end by a new resolution.
#[utoipa::path(post, path = "/exemptions/{exemption}/renew", tag = "exemptions", params(("exemption" = i64, Path)), request_body = ExemptionRenewBody,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn renew_exemption(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(e): Path<i64>,
    ApiJson(b): ApiJson<ExemptionRenewBody>,
) -> Result<StatusCode, ApiError> {
    let input = exemptions::RenewInput {
        resolution_ref: b.resolution_ref,
        decided_on: b.decided_on,
        to: b.to,
    };
    exemptions::renew(&s.app, &actor, e, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The end of an exemption.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ResumeBody {
    pub resumed_on: String,
    /// EXM-02: the member asked to resume (required to be true).
    pub requested_by_member: bool,
}

/// Ends an exemption on the member's request (EXM-02).
#[utoipa::path(post, path = "/exemptions/{exemption}/resume", tag = "exemptions", params(("exemption" = i64, Path)), request_body = ResumeBody,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn resume(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(e): Path<i64>,
    ApiJson(b): ApiJson<ResumeBody>,
) -> Result<StatusCode, ApiError> {
    let input = ResumeInput {
        resumed_on: b.resumed_on,
        requested_by_member: b.requested_by_member,
    };
    exemptions::resume(&s.app, &actor, e, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}
