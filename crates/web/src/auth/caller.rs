//! The acting user of a request. Pages redirect to the login page without a session; the API
//! answers 401 unless a session or a bearer token identifies the caller.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chibo_domain::access::Actor;
use chibo_domain::ids::UserId;

use super::AuthSession;
use crate::AppState;
use crate::api::problem::Problem;
use crate::messages;

/// The signed-in user of a page request.
pub struct Caller(pub Actor);

/// The caller of an API request, by bearer token or session.
pub struct ApiCaller(pub Actor);

async fn session_actor(parts: &mut Parts, state: &AppState) -> Option<Actor> {
    let auth = AuthSession::from_request_parts(parts, state).await.ok()?;
    let user = auth.user?;
    chibo_app::users::actor_for(&state.app, UserId(user.id))
        .await
        .ok()
        .flatten()
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if let Some(actor) = session_actor(parts, state).await {
            return Ok(Caller(actor));
        }
        // htmx follows redirects inside the page; ask it to load the login page instead.
        if parts.headers.contains_key("hx-request") {
            let mut r = StatusCode::UNAUTHORIZED.into_response();
            r.headers_mut()
                .insert("hx-redirect", HeaderValue::from_static("/login"));
            return Err(r);
        }
        Err(Redirect::to("/login").into_response())
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .map(str::to_owned);
        let actor = match bearer {
            Some(token) => chibo_app::users::actor_for_token(&state.app, &token)
                .await
                .ok()
                .flatten(),
            None => session_actor(parts, state).await,
        };
        actor.map(ApiCaller).ok_or_else(|| {
            Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                messages::LOGIN_REQUIRED,
            )
            .into_response()
        })
    }
}
