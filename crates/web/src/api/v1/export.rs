//! `/api/v1/export`: interchange v1 as a .zip.

use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::units::day;
use crate::AppState;
use crate::api::problem::{ApiError, Problem};
use crate::auth::ApiCaller;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct ExportParams {
    /// A unit: its subtree only (with the units its members' events name). Default: the
    /// caller's whole scope.
    pub unit: Option<String>,
    /// Only events up to this day and units begun by then (`dd/mm/yyyy` or `yyyy-mm-dd`).
    pub as_of: Option<String>,
}

/// The registry, or a subtree, as an interchange v1 .zip (units.csv, members.csv, events.csv).
#[utoipa::path(get, path = "/export", tag = "interchange", params(ExportParams),
    responses((status = 200, content_type = "application/zip", description = "the data set"), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn export(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<ExportParams>,
) -> Result<Response, ApiError> {
    let as_of = match p.as_of.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => Some(day(Some(d)).map_err(|_| {
            ApiError(chibo_app::AppError::field(
                "as_of",
                chibo_domain::field::Problem::InvalidDate,
            ))
        })?),
        None => None,
    };
    Ok(crate::pages::export::zip_download(&s, &actor, p.unit, as_of).await?)
}
