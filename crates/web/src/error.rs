//! The one place that turns application errors into HTTP responses for pages. Storage and
//! internal errors are logged with an incident id; users see only the id.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chibo_app::AppError;

use crate::messages;
use crate::pages::layout::Layout;

/// An application error on its way to the browser.
#[derive(Debug)]
pub struct WebError(pub AppError);

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        Self(AppError::Internal(format!("template: {e}")))
    }
}

/// The status code of an application error; shared with the API.
pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::NotFound | AppError::NoSuchReference { .. } => StatusCode::NOT_FOUND,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::Invalid(_)
        | AppError::Transition(_)
        | AppError::Tree(_)
        | AppError::Rule(_)
        | AppError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::BadCredentials => StatusCode::UNAUTHORIZED,
        AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Storage(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The sentence for an error; for a failure of the system, a logged incident id instead of
/// any detail.
pub fn user_message(e: &AppError) -> String {
    match e {
        AppError::Storage(_) | AppError::Internal(_) => {
            let incident = uuid::Uuid::now_v7();
            tracing::error!(%incident, error = ?e, "request failed");
            format!("Hệ thống gặp lỗi. Mã sự cố: {incident}")
        }
        other => messages::app_error(other),
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        error_page(status_of(&self.0), &user_message(&self.0))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout,
    message: &'a str,
}

/// A page with one message, for errors met before or outside a page handler.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let page = ErrorPage {
        layout: Layout::anonymous("Lỗi"),
        message,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, message.to_owned()).into_response(),
    }
}
