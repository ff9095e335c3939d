//! `/api/v1/away` and `/api/v1/members/{id}/away…`: members working away (AWY-01 … AWY-04).
//! The list of members away in the caller's scope on a day (with `no_contact_months`, only
//! those with no contact for longer than that), one member's record with its exemptions and
//! contact log, and the writes: declare, update, end, log a contact, grant an exemption.
//! Same rules, scope checks and audit as the pages.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::away::{
    self, AwayInput, AwayLine, AwayStatus, AwayView, ContactInput, EndInput, ExemptionInput,
};
use chibo_app::clock;
use chibo_domain::dates::parse_date;
use chibo_domain::field::{FieldErrors, Problem as FieldProblem};
use chibo_domain::ids::MemberId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// The query string of `GET /api/v1/away`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AwayParams {
    /// The day (yyyy-mm-dd or dd/mm/yyyy); today when absent.
    pub as_of: Option<String>,
    /// Code of a unit of the caller's scope; the caller's own unit (everything, for an administrator) when absent.
    pub unit: Option<String>,
    /// Only members with no contact for longer than this many months (0–1200).
    pub no_contact_months: Option<String>,
}

/// Where a period away stands on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct AwayStatusDto {
    pub as_of: NaiveDate,
    pub away: bool,
    pub last_contact: Option<NaiveDate>,
    /// Completed months since the last contact (or since leaving).
    pub months_without_contact: u32,
    /// AWY-03: no contact for longer than `gap_months`.
    pub contact_lapsed: bool,
    pub gap_months: u32,
    /// AWY-03: the renewal date of the temporary exemption covering the day.
    pub renewal_due_on: Option<NaiveDate>,
    /// not_yet_due, due_soon, due, overdue, on_time or late.
    pub renewal_status: Option<String>,
    /// AWY-01: the exemptions reach 12 months; a transfer is proposed.
    pub transfer_prompt: bool,
    /// AWY-01/AWY-02: excused_by_temporary_exemption, unexcused or not_away.
    pub absence: String,
    /// AWY-04: not_applicable, required, excepted_barracks, excepted_long_study or excepted_student_away.
    pub residence_tie: String,
}

impl From<&AwayStatus> for AwayStatusDto {
    fn from(s: &AwayStatus) -> Self {
        Self {
            as_of: s.as_of,
            away: s.away,
            last_contact: s.last_contact,
            months_without_contact: s.months_without_contact,
            contact_lapsed: s.contact_lapsed,
            gap_months: s.gap_months,
            renewal_due_on: s.renewal_due_on,
            renewal_status: s.renewal_status.map(str::to_owned),
            transfer_prompt: s.transfer_prompt,
            absence: s.absence.to_owned(),
            residence_tie: s.residence_tie.to_owned(),
        }
    }
}

/// A member away, as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct AwayLineDto {
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub unit_code: String,
    pub place: String,
    pub employer: Option<String>,
    pub since: NaiveDate,
    /// The remote party group's unit code, else its name.
    pub remote_group: Option<String>,
    pub messaging_group: Option<String>,
    pub contact_person_name: Option<String>,
    pub status: AwayStatusDto,
}

impl From<&AwayLine> for AwayLineDto {
    fn from(l: &AwayLine) -> Self {
        Self {
            member_id: l.member_id,
            member_key: l.member_key.clone(),
            full_name: l.full_name.clone(),
            unit_code: l.unit_code.clone(),
            place: l.place.clone(),
            employer: l.employer.clone(),
            since: l.since,
            remote_group: l.remote_group.clone(),
            messaging_group: l.messaging_group.clone(),
            contact_person_name: l.contact_person_name.clone(),
            status: AwayStatusDto::from(&l.status),
        }
    }
}

/// A temporary exemption.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExemptionDto {
    pub decided_on: NaiveDate,
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub resolution_ref: String,
}

/// A contact of the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactDto {
    pub on: NaiveDate,
    /// phone, chat, in_person or other.
    pub channel: String,
    pub by_member_id: i64,
    pub by_name: String,
    pub note: Option<String>,
}

/// A member's period away with its exemptions and contact log (latest first).
#[derive(Debug, Serialize, ToSchema)]
pub struct AwayDto {
    pub member_id: i64,
    pub since: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub place: String,
    pub employer: Option<String>,
    pub contact: Option<String>,
    pub contact_person_id: Option<i64>,
    pub contact_person_name: Option<String>,
    pub remote_group_code: Option<String>,
    pub remote_group: Option<String>,
    pub messaging_group: Option<String>,
    /// other, agency, barracks, study or student (AWY-04).
    pub work_kind: String,
    pub study_months: Option<i64>,
    pub exemptions: Vec<ExemptionDto>,
    pub contacts: Vec<ContactDto>,
    pub status: AwayStatusDto,
}

impl From<&AwayView> for AwayDto {
    fn from(v: &AwayView) -> Self {
        let p = &v.period;
        Self {
            member_id: p.member_id,
            since: p.since,
            ended_on: p.ended_on,
            place: p.place.clone(),
            employer: p.employer.clone(),
            contact: p.contact.clone(),
            contact_person_id: p.contact_person_id,
            contact_person_name: p.contact_person_name.clone(),
            remote_group_code: p.remote_group_code.clone(),
            remote_group: p.remote_group.clone(),
            messaging_group: p.messaging_group.clone(),
            work_kind: v.work_kind.to_owned(),
            study_months: p.full_time_study_months,
            exemptions: v
                .exemptions
                .iter()
                .map(|e| ExemptionDto {
                    decided_on: e.decided_on,
                    from: e.from_on,
                    until: e.until_on,
                    resolution_ref: e.resolution_ref.clone(),
                })
                .collect(),
            contacts: v
                .contacts
                .iter()
                .map(|c| ContactDto {
                    on: c.contacted_on,
                    channel: c.channel.clone(),
                    by_member_id: c.by_member_id,
                    by_name: c.by_name.clone(),
                    note: c.note.clone(),
                })
                .collect(),
            status: AwayStatusDto::from(&v.status),
        }
    }
}

/// A declaration of working away, or new details (`since` and `decision_ref` are ignored by PUT).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AwayBody {
    /// The day the member left (yyyy-mm-dd or dd/mm/yyyy).
    pub since: String,
    /// Where the member works or lives now.
    pub place: String,
    pub employer: Option<String>,
    /// Phone or another way to reach the member.
    pub contact: Option<String>,
    /// Member key of the committee member in charge of keeping contact.
    pub contact_person_key: Option<String>,
    /// Code of the remote party group in the tree.
    pub remote_group_code: Option<String>,
    /// The remote group's name, where it is not in the tree.
    pub remote_group: Option<String>,
    /// The chat group's link or name, as text.
    pub messaging_group: Option<String>,
    /// other (default), agency, barracks, study or student (AWY-04).
    pub work_kind: Option<String>,
    /// Months of full-time study, with work_kind study.
    pub study_months: Option<u32>,
    /// Reference kept on the registry's working_away_start event.
    pub decision_ref: Option<String>,
}

impl AwayBody {
    fn into_input(self) -> AwayInput {
        AwayInput {
            since: self.since,
            place: self.place,
            employer: self.employer,
            contact: self.contact,
            contact_person_key: self.contact_person_key,
            remote_group_code: self.remote_group_code,
            remote_group: self.remote_group,
            messaging_group: self.messaging_group,
            work_kind: self.work_kind,
            study_months: self.study_months.map(|m| m.to_string()),
            decision_ref: self.decision_ref,
        }
    }
}

/// The return of a member away.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AwayEndBody {
    /// The day the member came back.
    pub on: String,
    pub decision_ref: Option<String>,
}

/// A contact with a member away.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ContactBody {
    pub on: String,
    /// phone, chat, in_person or other.
    pub channel: String,
    /// Member key of the committee member who made the contact.
    pub by_member_key: String,
    pub note: Option<String>,
}

/// A temporary exemption (AWY-01), or its renewal (AWY-03).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ExemptionBody {
    pub decided_on: String,
    pub from: String,
    /// The last day covered.
    pub until: String,
    pub resolution_ref: String,
}

/// The id of what was created.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedId {
    pub id: i64,
}

fn day_and_months(p: &AwayParams) -> Result<(NaiveDate, Option<u32>), ApiError> {
    let mut e = FieldErrors::new();
    let as_of = match p.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => e.take(
            "as_of",
            parse_date(s).map_err(|_| FieldProblem::InvalidDate),
        ),
        None => Some(clock::today()),
    };
    let months = match p
        .no_contact_months
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => e
            .take(
                "no_contact_months",
                s.parse::<u32>()
                    .ok()
                    .filter(|n| *n <= 1200)
                    .ok_or(FieldProblem::NotANumber),
            )
            .map(Some),
        None => Some(None),
    };
    match (as_of, months, e.is_empty()) {
        (Some(d), Some(m), true) => Ok((d, m)),
        _ => Err(AppError::Invalid(e.into_vec()).into()),
    }
}

/// The members working away on a day in the caller's scope, with their last contact and renewal; with `no_contact_months`, only those with no contact for longer than that.
#[utoipa::path(get, path = "/away", tag = "away", params(AwayParams),
    responses((status = 200, body = Vec<AwayLineDto>), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<AwayParams>,
) -> Result<Json<Vec<AwayLineDto>>, ApiError> {
    let (as_of, months) = day_and_months(&p)?;
    let unit = p.unit.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let by = By::User(&actor);
    let rows = match months {
        Some(m) => away::no_contact(&s.app, by, as_of, unit, Some(m)).await?,
        None => away::list(&s.app, by, as_of, unit, None).await?,
    };
    Ok(Json(rows.iter().map(AwayLineDto::from).collect()))
}

/// A member's latest period away (open, else the last ended one) as of today; null when the member was never away.
#[utoipa::path(get, path = "/members/{id}/away", tag = "away", params(("id" = i64, Path)),
    responses((status = 200, body = Option<AwayDto>), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn get_away(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Option<AwayDto>>, ApiError> {
    let v = away::get(&s.app, &actor, MemberId(id), clock::today()).await?;
    Ok(Json(v.as_ref().map(AwayDto::from)))
}

/// Declares the member working away: appends working_away_start to the registry and opens the record. Audited.
#[utoipa::path(post, path = "/members/{id}/away", tag = "away", params(("id" = i64, Path)), request_body = AwayBody,
    responses((status = 201, body = CreatedId), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn declare(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<AwayBody>,
) -> Result<Response, ApiError> {
    let id = away::declare(&s.app, &actor, MemberId(id), &b.into_input()).await?;
    Ok((StatusCode::CREATED, Json(CreatedId { id })).into_response())
}

/// Replaces the details of the member's open record. Audited.
#[utoipa::path(put, path = "/members/{id}/away", tag = "away", params(("id" = i64, Path)), request_body = AwayBody,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<AwayBody>,
) -> Result<StatusCode, ApiError> {
    away::update(&s.app, &actor, MemberId(id), &b.into_input()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends working away: appends working_away_end and closes the record. Audited.
#[utoipa::path(post, path = "/members/{id}/away/end", tag = "away", params(("id" = i64, Path)), request_body = AwayEndBody,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn end(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<AwayEndBody>,
) -> Result<StatusCode, ApiError> {
    let input = EndInput {
        on: b.on,
        decision_ref: b.decision_ref,
    };
    away::end(&s.app, &actor, MemberId(id), &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Logs a contact with the member away (AWY-03). Audited.
#[utoipa::path(post, path = "/members/{id}/away/contacts", tag = "away", params(("id" = i64, Path)), request_body = ContactBody,
    responses((status = 201, body = CreatedId), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn contact(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ContactBody>,
) -> Result<Response, ApiError> {
    let input = ContactInput {
        on: b.on,
        channel: b.channel,
        by_member_key: b.by_member_key,
        note: b.note,
    };
    let id = away::log_contact(&s.app, &actor, MemberId(id), &input).await?;
    Ok((StatusCode::CREATED, Json(CreatedId { id })).into_response())
}

/// Grants or renews a temporary exemption; refused (422, rule AWY-01) when the chain reaches 12 months. Audited.
#[utoipa::path(post, path = "/members/{id}/away/exemptions", tag = "away", params(("id" = i64, Path)), request_body = ExemptionBody,
    responses((status = 201, body = CreatedId), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn exemption(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ExemptionBody>,
) -> Result<Response, ApiError> {
    let input = ExemptionInput {
        decided_on: b.decided_on,
        from: b.from,
        until: b.until,
        resolution_ref: b.resolution_ref,
    };
    let id = away::grant_exemption(&s.app, &actor, MemberId(id), &input).await?;
    Ok((StatusCode::CREATED, Json(CreatedId { id })).into_response())
}
