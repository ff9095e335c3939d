//! `/api/v1/search`: members and units of the caller's scope matching a query.

use axum::Json;
use axum::extract::{Query, State};
use chibo_app::members::{self, SearchQuery};
use chibo_app::org;
use serde::Deserialize;
use utoipa::IntoParams;

use super::dto::*;
use crate::AppState;
use crate::api::problem::{ApiError, Problem};
use crate::auth::ApiCaller;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct SearchParams {
    /// Words of a name, with or without diacritics, or a code, citizen ID or card number.
    pub q: String,
}

/// Up to 20 members and 20 units matching the query.
#[utoipa::path(get, path = "/search", tag = "search", params(SearchParams),
    responses((status = 200, body = SearchResult), (status = 401, body = Problem)))]
pub async fn search(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchResult>, ApiError> {
    let found = members::search_members(
        &s.app,
        &actor,
        &SearchQuery {
            q: p.q.clone(),
            former: true,
            page: Some(1),
            size: Some(20),
        },
    )
    .await?;
    let mut units = org::units_for_picker(&s.app, &actor, &p.q, false).await?;
    units.truncate(20);
    Ok(Json(SearchResult {
        members: found.items.iter().map(MemberSummaryDto::from).collect(),
        units: units.iter().map(UnitDto::from).collect(),
    }))
}
