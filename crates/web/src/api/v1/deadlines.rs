//! `/api/v1/deadlines`: the open deadlines in the caller's scope on a day (due soon, due
//! today or overdue), as the JSON array of `chibo deadlines --format json`, or CSV with
//! `format=csv`. Same parameters and scope rules as the command and the `/deadlines` page.

use super::report::DayReportParams;
use axum::extract::{Query, State};
use axum::response::Response;
use chibo_app::audit::By;
use chibo_app::deadlines;
use chibo_domain::stats::OutputFormat;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::problem::{ApiError, Problem};
use crate::auth::ApiCaller;

/// One open deadline (the shape of `chibo deadlines --format json`).
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineDto {
    /// `recognition_review`: the cell's review of a probationer once probation ends (PRB-02);
    /// `recognition_decision`: the committee's decision on the cell's resolution (PRB-03).
    /// `awareness_certificate`: a candidate's certificate stops being valid for the cell vote
    /// (ADM-04); `admission_decision`: the decision after the cell's resolution (ADM-11);
    /// `admission_ceremony`: the ceremony after the decision is received (ADM-13);
    /// `screening_review`: the cell's review of a member it helps, at the end of the help
    /// period (REM-09); `complaint_settlement`: the settlement of a lodged complaint (REM-06).
    pub kind: String,
    /// The member's interchange key, or the candidate's key.
    pub subject_key: String,
    pub subject_name: String,
    /// The member's cell on the day (the cell they left, when in transit), or the candidate's.
    pub unit_code: String,
    pub due_date: NaiveDate,
    /// `due_soon`, `due` or `overdue`.
    pub status: String,
}

/// Open deadlines on a day in the caller's scope, by due date, unit code and subject key: the recognition review of each probationary member (12 months of probation, then 30 working days on the administrators' calendar), and for each candidate the certificate's validity before the cell vote, the admission decision after it and the ceremony after the decision; listed when due within the configured window (5 working days by default), due today or overdue.
#[utoipa::path(get, path = "/deadlines", tag = "deadlines", params(DayReportParams),
    responses((status = 200, body = Vec<DeadlineDto>, description = "JSON; with format=csv a text/csv table (kind,subject_key,subject_name,unit_code,due_date,status)"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<DayReportParams>,
) -> Result<Response, ApiError> {
    let q = p.parse()?;
    let rows = deadlines::list(&s.app, By::User(&actor), q.as_of, q.unit.as_deref()).await?;
    super::report::respond(q.format, "han-can-xu-ly.csv", |f| match f {
        OutputFormat::Json => deadlines::to_json(&rows),
        OutputFormat::Csv => deadlines::to_csv(&rows),
        OutputFormat::Table => Ok(deadlines::to_table(&rows)),
    })
}
