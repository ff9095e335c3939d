//! `/api/v1/members`: the registry, profiles and life-cycle events.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::members::{self, SearchQuery, VoidInput};
use chibo_domain::ids::{EventId, MemberId};

use super::dto::*;
use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// Members of the caller's scope, searched by name (diacritics optional), citizen ID or card.
#[utoipa::path(get, path = "/members", tag = "members", params(MemberParams),
    responses((status = 200, body = MemberPage), (status = 401, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<MemberParams>,
) -> Result<Json<MemberPage>, ApiError> {
    let r = members::search_members(
        &s.app,
        &actor,
        &SearchQuery {
            q: p.q,
            former: p.former,
            page: p.page,
            size: p.size,
        },
    )
    .await?;
    Ok(Json(MemberPage {
        items: r.items.iter().map(MemberSummaryDto::from).collect(),
        total: r.total,
        page: r.page.number,
        size: r.page.size,
    }))
}

/// Adds a member with their admission.
#[utoipa::path(post, path = "/members", tag = "members", request_body = MemberCreate,
    responses((status = 201, body = CreatedMember), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(b): ApiJson<MemberCreate>,
) -> Result<Response, ApiError> {
    let id = members::add_member(&s.app, &actor, &b.into_input()).await?;
    Ok((StatusCode::CREATED, Json(CreatedMember { id: id.0 })).into_response())
}

/// A member's full record and history (an audited read of personal data).
#[utoipa::path(get, path = "/members/{id}", tag = "members", params(("id" = i64, Path)),
    responses((status = 200, body = MemberDto), (status = 404, body = Problem)))]
pub async fn get_member(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<MemberDto>, ApiError> {
    let v = members::member_view(&s.app, &actor, MemberId(id)).await?;
    Ok(Json(MemberDto::from(&v)))
}

/// Replaces a member's particulars.
#[utoipa::path(put, path = "/members/{id}", tag = "members", params(("id" = i64, Path)), request_body = ProfileBody,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ProfileBody>,
) -> Result<StatusCode, ApiError> {
    members::update_profile(&s.app, &actor, MemberId(id), &b.into_update()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A member's history, corrections included.
#[utoipa::path(get, path = "/members/{id}/events", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<EventDto>), (status = 404, body = Problem)))]
pub async fn events(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<Vec<EventDto>>, ApiError> {
    let v = members::member_view(&s.app, &actor, MemberId(id)).await?;
    Ok(Json(v.events.iter().map(EventDto::from).collect()))
}

/// Records a life-cycle event; refused (422) when the history would not allow it.
#[utoipa::path(post, path = "/members/{id}/events", tag = "events", params(("id" = i64, Path)), request_body = EventCreate,
    responses((status = 201), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn record(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<EventCreate>,
) -> Result<StatusCode, ApiError> {
    members::record_event(&s.app, &actor, MemberId(id), &b.into()).await?;
    Ok(StatusCode::CREATED)
}

/// Voids an event with a correcting entry (history is never edited).
#[utoipa::path(post, path = "/members/{id}/events/{event}/void", tag = "events", params(("id" = i64, Path), ("event" = i64, Path)), request_body = VoidBody,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn void(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path((id, event)): Path<(i64, i64)>,
    ApiJson(b): ApiJson<VoidBody>,
) -> Result<StatusCode, ApiError> {
    members::void_event(
        &s.app,
        &actor,
        MemberId(id),
        EventId(event),
        &VoidInput { reason: b.reason },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
