//! `/api/v1/units`: the tree as of a day and changes to it.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::org::{self, CreateUnitInput, DissolveInput, MergeInput, MoveInput, RenameInput};
use chibo_app::{AppError, Page};
use chibo_domain::field::Problem as FieldProblem;
use chrono::NaiveDate;

use super::dto::*;
use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// The day of `?on=`, today when absent.
pub(super) fn day(on: Option<&str>) -> Result<NaiveDate, ApiError> {
    match on.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(chibo_app::clock::today()),
        Some(s) => chibo_domain::dates::parse_date(s)
            .map_err(|_| ApiError(AppError::field("on", FieldProblem::InvalidDate))),
    }
}

/// The top of the caller's tree on a day, with headcounts.
#[utoipa::path(get, path = "/units", tag = "units", params(DayParams),
    responses((status = 200, body = Vec<UnitCountDto>), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<DayParams>,
) -> Result<Json<Vec<UnitCountDto>>, ApiError> {
    let rows = org::roots(&s.app, &actor, day(p.on.as_deref())?).await?;
    Ok(Json(rows.iter().map(UnitCountDto::from).collect()))
}

/// A unit as of a day: place, headcount, units under it, members (paged), history.
#[utoipa::path(get, path = "/units/{code}", tag = "units", params(("code" = String, Path), DayParams),
    responses((status = 200, body = UnitDetailDto), (status = 404, body = Problem)))]
pub async fn get_unit(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(code): Path<String>,
    Query(p): Query<DayParams>,
) -> Result<Json<UnitDetailDto>, ApiError> {
    let v = org::unit_view(
        &s.app,
        &actor,
        &code,
        day(p.on.as_deref())?,
        Page::new(p.page, None),
    )
    .await?;
    Ok(Json(UnitDetailDto::from(&v)))
}

/// The units directly under a unit on a day.
#[utoipa::path(get, path = "/units/{code}/children", tag = "units", params(("code" = String, Path), DayParams),
    responses((status = 200, body = Vec<UnitCountDto>), (status = 404, body = Problem)))]
pub async fn children(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(code): Path<String>,
    Query(p): Query<DayParams>,
) -> Result<Json<Vec<UnitCountDto>>, ApiError> {
    let rows = org::children(&s.app, &actor, &code, day(p.on.as_deref())?).await?;
    Ok(Json(rows.iter().map(UnitCountDto::from).collect()))
}

/// Founds a unit.
#[utoipa::path(post, path = "/units", tag = "units", request_body = UnitCreate,
    responses((status = 201, body = CreatedUnit), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(b): ApiJson<UnitCreate>,
) -> Result<Response, ApiError> {
    let input = CreateUnitInput {
        code: b.code,
        name: b.name,
        kind: b.kind,
        parent_code: b.parent_code,
        admin_unit_code: b.admin_unit_code,
        valid_from: b.valid_from,
    };
    let code = org::create_unit(&s.app, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(CreatedUnit { code })).into_response())
}

/// Renames a unit from a date; the old name stays in its history.
#[utoipa::path(post, path = "/units/{code}/rename", tag = "units", params(("code" = String, Path)), request_body = UnitRename,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn rename(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<UnitRename>,
) -> Result<StatusCode, ApiError> {
    org::rename_unit(
        &s.app,
        &actor,
        &code,
        &RenameInput {
            name: b.name,
            on: b.on,
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves a unit, with its subtree, under another parent from a date.
#[utoipa::path(post, path = "/units/{code}/move", tag = "units", params(("code" = String, Path)), request_body = UnitMove,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn relocate(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<UnitMove>,
) -> Result<StatusCode, ApiError> {
    org::move_unit(
        &s.app,
        &actor,
        &code,
        &MoveInput {
            parent_code: b.parent_code,
            on: b.on,
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Merges a unit into another from a date: members transfer, units under it move, it ends.
#[utoipa::path(post, path = "/units/{code}/merge", tag = "units", params(("code" = String, Path)), request_body = UnitMerge,
    responses((status = 200, body = MergeResult), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn merge(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<UnitMerge>,
) -> Result<Json<MergeResult>, ApiError> {
    let out = org::merge_unit(
        &s.app,
        &actor,
        &code,
        &MergeInput {
            into_code: b.into_code,
            on: b.on,
            decision_ref: b.decision_ref,
        },
    )
    .await?;
    Ok(Json(MergeResult {
        members_moved: out.members_moved,
        units_moved: out.units_moved,
    }))
}

/// Dissolves an empty unit from a date.
#[utoipa::path(post, path = "/units/{code}/dissolve", tag = "units", params(("code" = String, Path)), request_body = UnitDissolve,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn dissolve(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<UnitDissolve>,
) -> Result<StatusCode, ApiError> {
    org::dissolve_unit(&s.app, &actor, &code, &DissolveInput { on: b.on }).await?;
    Ok(StatusCode::NO_CONTENT)
}
