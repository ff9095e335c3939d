//! `/api/v1/calendar`: the working-day calendar's entries (rule GEN-01), for administrators.
//! Its request and response shapes live here rather than in `dto.rs`: nothing else uses them.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chibo_app::AppError;
use chibo_app::calendar::{self, CalendarInput};
use chibo_domain::calendar::CalendarEntry;
use chibo_domain::field::Problem as FieldProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// One entry: a public holiday, a weekday off, or a Saturday or Sunday worked.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarEntryDto {
    pub date: NaiveDate,
    /// `holiday`, `day_off` or `makeup_workday`.
    pub kind: String,
    pub name: String,
}

impl From<&CalendarEntry> for CalendarEntryDto {
    fn from(e: &CalendarEntry) -> Self {
        Self {
            date: e.date,
            kind: e.kind.code().to_owned(),
            name: e.name.clone(),
        }
    }
}

/// The entry of a date, as written.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CalendarEntryBody {
    /// `holiday`, `day_off` or `makeup_workday` (only on a Saturday or Sunday).
    pub kind: String,
    pub name: String,
}

/// `?year=` (every entry when absent).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct YearParams {
    pub year: Option<i32>,
}

fn date(s: &str) -> Result<NaiveDate, ApiError> {
    chibo_domain::dates::parse_date(s)
        .map_err(|_| ApiError(AppError::field("date", FieldProblem::InvalidDate)))
}

/// The calendar's entries of a year, in date order.
#[utoipa::path(get, path = "/calendar", tag = "calendar", params(YearParams),
    responses((status = 200, body = Vec<CalendarEntryDto>), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<YearParams>,
) -> Result<Json<Vec<CalendarEntryDto>>, ApiError> {
    let rows = calendar::list(&s.app, &actor, p.year).await?;
    Ok(Json(rows.iter().map(CalendarEntryDto::from).collect()))
}

/// Adds the entry of a date (`yyyy-mm-dd`) or replaces it.
#[utoipa::path(put, path = "/calendar/{date}", tag = "calendar", params(("date" = String, Path)), request_body = CalendarEntryBody,
    responses((status = 200, body = CalendarEntryDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn put(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(day): Path<String>,
    ApiJson(b): ApiJson<CalendarEntryBody>,
) -> Result<Json<CalendarEntryDto>, ApiError> {
    let input = CalendarInput {
        date: day,
        kind: b.kind,
        name: b.name,
    };
    let e = calendar::save(&s.app, &actor, &input).await?;
    Ok(Json(CalendarEntryDto::from(&e)))
}

/// Removes the entry of a date (`yyyy-mm-dd`); the day follows the week again.
#[utoipa::path(delete, path = "/calendar/{date}", tag = "calendar", params(("date" = String, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn delete(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(day): Path<String>,
) -> Result<StatusCode, ApiError> {
    calendar::delete(&s.app, &actor, date(&day)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
