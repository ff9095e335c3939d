//! A list report in the format the caller asked for: JSON (the default), a CSV download, or
//! the command line's text table.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chibo_app::AppError;
use chibo_domain::stats::OutputFormat;

use crate::api::problem::ApiError;

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
