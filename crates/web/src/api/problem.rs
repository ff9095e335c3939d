//! RFC 9457 problem details: every API error is `application/problem+json` with a stable
//! `type`, a Vietnamese `detail`, and for invalid input one entry per field.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chibo_app::AppError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use crate::error::{status_of, user_message};
use crate::messages;

/// One invalid field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field's name in the request body.
    pub field: String,
    /// A stable code of the problem, e.g. `citizen_id_format`.
    pub code: String,
    /// The problem in Vietnamese, naming the field.
    pub message: String,
}

/// An error response (RFC 9457).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// A refused admission rule check: the rule's ID in the catalogue, e.g. `ADM-09`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// With `rule`: the refusal's stable code, e.g. `cell_vote_short`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violation: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &str, detail: &str) -> Self {
        Self {
            kind: format!("https://chibo.vn/problems/{code}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.to_owned(),
            rule: None,
            violation: None,
            errors: Vec::new(),
        }
    }
}

fn code_of(e: &AppError) -> &'static str {
    match e {
        AppError::NotFound => "not-found",
        AppError::Forbidden(_) => "forbidden",
        AppError::Invalid(_) => "invalid-input",
        AppError::NoSuchReference { .. } => "unknown-reference",
        AppError::Transition(_) => "event-refused",
        AppError::Rule(_) | AppError::Refused(_) => "rule-violation",
        AppError::Tree(_) => "tree-change-refused",
        AppError::BadCredentials => "bad-credentials",
        AppError::TooManyAttempts { .. } => "too-many-attempts",
        AppError::Storage(_) | AppError::Internal(_) => "internal",
    }
}

impl From<&AppError> for Problem {
    fn from(e: &AppError) -> Self {
        let mut p = Problem::new(status_of(e), code_of(e), &user_message(e));
        if let AppError::NoSuchReference { field } = e {
            p.errors = vec![FieldProblem {
                field: (*field).to_owned(),
                code: "unknown_unit".into(),
                message: messages::app_error(e),
            }];
        }
        if let AppError::Rule(v) = e {
            p.rule = Some(v.rule().to_owned());
            p.violation = Some(v.code().to_owned());
        }
        if let AppError::Invalid(fields) = e {
            p.detail = messages::INVALID.to_owned();
            p.errors = fields
                .iter()
                .map(|f| FieldProblem {
                    field: f.field.to_owned(),
                    code: serde_json::to_value(&f.problem)
                        .ok()
                        .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned))
                        .unwrap_or_default(),
                    message: messages::field_error(f),
                })
                .collect();
        }
        p
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&self).unwrap_or_default();
        (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response()
    }
}

/// An application error answered as a problem document.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        Problem::from(&self.0).into_response()
    }
}

/// A JSON body whose parse errors are problem documents naming what is wrong.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => {
                let (status, text) = match &rejection {
                    JsonRejection::MissingJsonContentType(_) => (
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "Cần gửi dữ liệu JSON (Content-Type: application/json).".to_owned(),
                    ),
                    JsonRejection::JsonSyntaxError(e) => (
                        StatusCode::BAD_REQUEST,
                        format!("JSON không hợp lệ: {}", e.body_text()),
                    ),
                    JsonRejection::JsonDataError(e) => (
                        StatusCode::UNPROCESSABLE_ENTITY,
                        format!("Dữ liệu không đúng cấu trúc: {}", e.body_text()),
                    ),
                    other => (StatusCode::BAD_REQUEST, other.body_text()),
                };
                Err(Problem::new(status, "malformed-body", &text).into_response())
            }
        }
    }
}
