//! `/api/v1/members/{id}/discipline`: a member's disciplinary measures (REM-07) and recording
//! one. A probationer can only be reprimanded or warned (PRB-06); expulsion ends membership
//! with the `expelled` registry event. Refusals are 422 problems naming the field or the rule.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::discipline::{DisciplineInput, of_member, record};
use chibo_domain::ids::MemberId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// A measure to record.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct DisciplineBody {
    /// `reprimand`, `warning`, `removal_from_post` or `expulsion`.
    pub kind: String,
    /// The decision's date (yyyy-mm-dd or dd/mm/yyyy).
    pub decided_on: String,
    /// The decision's number (required).
    pub decision_ref: String,
    pub reason: Option<String>,
}

/// A recorded measure.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisciplineDto {
    pub id: i64,
    pub kind: String,
    pub decided_on: NaiveDate,
    pub decision_ref: String,
    pub reason: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// The member's measures, oldest first.
#[utoipa::path(get, path = "/members/{id}/discipline", tag = "discipline", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<DisciplineDto>), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<DisciplineDto>>, ApiError> {
    let rows = of_member(&s.app, &actor, MemberId(id)).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| DisciplineDto {
                id: r.id,
                kind: r.kind,
                decided_on: r.decided_on,
                decision_ref: r.decision_ref,
                reason: r.reason,
                recorded_at: r.recorded_at,
            })
            .collect(),
    ))
}

/// Records a measure (audited); expulsion appends the `expelled` event.
#[utoipa::path(post, path = "/members/{id}/discipline", tag = "discipline", params(("id" = i64, Path)), request_body = DisciplineBody,
    responses((status = 201, body = Vec<DisciplineDto>), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<DisciplineBody>,
) -> Result<Response, ApiError> {
    let input = DisciplineInput {
        kind: b.kind,
        decided_on: b.decided_on,
        decision_ref: b.decision_ref,
        reason: b.reason,
    };
    record(&s.app, &actor, MemberId(id), &input).await?;
    let Json(rows) = list(State(s), ApiCaller(actor), Path(id)).await?;
    Ok((StatusCode::CREATED, Json(rows)).into_response())
}
