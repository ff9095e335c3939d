//! CSRF protection for forms: the `axum_csrf` double-submit cookie, whose token is an HMAC
//! under the instance secret. Every state-changing page handler takes `CsrfForm<T>` instead of
//! `Form<T>`, so a handler cannot forget the check; a test walks every POST route without a
//! token and expects 403.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_csrf::CsrfToken;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::error_page;
use crate::{AppState, messages};

/// The hidden form field that carries the token.
pub const CSRF_FIELD: &str = "csrf_token";
/// The header htmx requests carry it in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A form body whose CSRF token has been verified, with the token for re-rendering.
pub struct CsrfForm<T> {
    pub token: CsrfToken,
    pub form: T,
}

#[derive(Deserialize)]
struct TokenOnly {
    csrf_token: Option<String>,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let token = CsrfToken::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let header = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let field = serde_urlencoded::from_bytes::<TokenOnly>(&bytes)
            .ok()
            .and_then(|t| t.csrf_token);
        let presented = header.or(field).unwrap_or_default();
        if token.verify(&presented).is_err() {
            return Err(error_page(StatusCode::FORBIDDEN, messages::CSRF));
        }
        let form = serde_urlencoded::from_bytes::<T>(&bytes)
            .map_err(|_| error_page(StatusCode::BAD_REQUEST, messages::BAD_REQUEST))?;
        Ok(CsrfForm { token, form })
    }
}
