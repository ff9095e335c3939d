//! A list report in the format the caller asked for: JSON (the default), a CSV download, or
//! the command line's text table.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chibo_app::{AppError, clock};
use chibo_domain::stats::{OutputFormat, StatsInput, StatsQuery};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::problem::ApiError;

/// The query string of a day report (`/api/v1/deadlines`, `/warnings`, `/screening`,
/// `/transfers/in-transit`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DayReportParams {
    /// The day the list stands on (yyyy-mm-dd or dd/mm/yyyy); today when absent.
    pub as_of: Option<String>,
    /// Code of the unit whose subtree is listed; the caller's own unit (or the whole registry for an administrator) when absent.
    pub unit: Option<String>,
    /// `json` (default), `csv` or `table`.
    pub format: Option<String>,
}

impl DayReportParams {
    /// The day, unit and format parsed, or the fields' problems.
    pub fn parse(self) -> Result<StatsQuery, ApiError> {
        Ok(StatsInput {
            as_of: self.as_of,
            unit: self.unit,
            format: self.format,
            ..StatsInput::default()
        }
        .parse(clock::today())
        .map_err(AppError::Invalid)?)
    }
}

/// `render` gives the body in the chosen format; a CSV comes as an attachment named `filename`.
pub(super) fn respond(
    format: Option<OutputFormat>,
    filename: &'static str,
    render: impl FnOnce(OutputFormat) -> Result<String, AppError>,
) -> Result<Response, ApiError> {
    let format = format.unwrap_or(OutputFormat::Json);
    let body = render(format)?;
    Ok(match format {
        OutputFormat::Json => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        OutputFormat::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
            ],
            body,
        )
            .into_response(),
        OutputFormat::Table => {
            ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
        }
    })
}
