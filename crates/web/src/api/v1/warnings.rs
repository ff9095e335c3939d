//! `/api/v1/warnings`: the early warning before removal in the caller's scope on a day
//! (REM-02, REM-03, AWY-03), as the JSON array of `chibo warnings --format json`, or CSV with
//! `format=csv`. Same parameters and scope rules as the command and the `/warnings` page.

use super::report::DayReportParams;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chibo_app::audit::By;
use chibo_app::warnings;
use chibo_domain::stats::OutputFormat;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::problem::{ApiError, Problem};
use crate::auth::ApiCaller;

/// One warning row (the shape of `chibo warnings --format json`).
#[derive(Debug, Serialize, ToSchema)]
pub struct WarningDto {
    /// The member's interchange key.
    pub member_key: String,
    pub full_name: String,
    /// The member's cell on the day.
    pub unit_code: String,
    /// `unexcused_absence` (REM-02), `unpaid_fees` (REM-02) or `no_contact` (AWY-03).
    pub reason: String,
    /// Counted months in the calendar year, or completed months without contact.
    pub count: u32,
    /// The removal threshold, or the contact gap allowed.
    pub threshold: u32,
    /// `notice`, `warning` (threshold − margin) or `removal_review` (REM-03).
    pub level: String,
}

/// The early warning on a day in the caller's scope, by unit code, member key and reason: months with an unexcused absence and months unpaid past their deadline in the calendar year (months under exemption not counted), against the removal threshold (3 by default, warned from 2), and members working away with no contact for more than 3 months.
#[utoipa::path(get, path = "/warnings", tag = "warnings", params(DayReportParams),
    responses((status = 200, body = Vec<WarningDto>, description = "JSON; with format=csv a text/csv table (member_key,full_name,unit_code,reason,count,threshold,level)"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<DayReportParams>,
) -> Result<Response, ApiError> {
    let q = p.parse()?;
    let rows = warnings::list(&s.app, By::User(&actor), q.as_of, q.unit.as_deref()).await?;
    Ok(match q.format.unwrap_or(OutputFormat::Json) {
        OutputFormat::Json => (
            [(header::CONTENT_TYPE, "application/json")],
            warnings::to_json(&rows)?,
        )
            .into_response(),
        OutputFormat::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"canh-bao-som.csv\"",
                ),
            ],
            warnings::to_csv(&rows)?,
        )
            .into_response(),
        OutputFormat::Table => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            warnings::to_table(&rows),
        )
            .into_response(),
    })
}
