//! Downloading a unit's subtree as interchange v1 (.zip), as of today or a chosen day. An
//! export of personal data, audited as such.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::interchange::{ExportFormat, ExportOptions, export};
use chibo_domain::access::Actor;
use chrono::NaiveDate;

use super::dashboard::DayQuery;
use crate::AppState;
use crate::auth::Caller;
use crate::error::WebError;

/// The zip of `unit`'s subtree (the caller's whole scope when `None`), as a download.
pub async fn zip_download(
    s: &AppState,
    actor: &Actor,
    unit: Option<String>,
    as_of: Option<NaiveDate>,
) -> Result<Response, AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::Internal(e.to_string()))?;
    let path = dir.path().join("chibo.zip");
    let name = unit.clone().unwrap_or_else(|| "chibo".into());
    export(
        &s.app,
        By::User(actor),
        &path,
        ExportFormat::Zip,
        &ExportOptions { unit, as_of },
    )
    .await?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let disposition = format!("attachment; filename=\"{name}.zip\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

pub async fn unit_zip(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    Query(q): Query<DayQuery>,
) -> Result<Response, WebError> {
    let as_of = match q.on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(
            chibo_domain::dates::parse_date(d)
                .map_err(|_| AppError::field("on", chibo_domain::field::Problem::InvalidDate))?,
        ),
        None => None,
    };
    Ok(zip_download(&s, &actor, Some(code), as_of).await?)
}
