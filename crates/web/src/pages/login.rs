//! Login and logout.

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use serde::Deserialize;

use super::layout::Layout;
use super::{redirect, render, render_status};
use crate::AppState;
use crate::auth::{AuthSession, Caller, CsrfForm, SessionUser};
use crate::error::{WebError, user_message};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    username: String,
    error: Option<String>,
}

pub async fn show(auth: AuthSession, token: CsrfToken) -> Result<Response, WebError> {
    if auth.user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    render(
        token.clone(),
        LoginPage {
            layout: Layout::with_token("Đăng nhập", &token),
            username: String::new(),
            error: None,
        },
    )
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn submit(
    State(s): State<AppState>,
    mut auth: AuthSession,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    CsrfForm { token, form }: CsrfForm<LoginForm>,
) -> Result<Response, WebError> {
    match chibo_app::users::login(&s.app, &form.username, &form.password, client.as_deref()).await {
        Ok(ok) => {
            let user =
                SessionUser::new(ok.user.id, ok.user.username.clone(), &ok.user.password_hash);
            // axum-login cycles the session id on login (no session fixation).
            auth.login(&user)
                .await
                .map_err(|e| WebError(AppError::Internal(format!("session: {e}"))))?;
            Ok(redirect(&headers, "/"))
        }
        Err(e @ (AppError::BadCredentials | AppError::TooManyAttempts { .. })) => {
            let status = crate::error::status_of(&e);
            let page = LoginPage {
                layout: Layout::with_token("Đăng nhập", &token),
                username: form.username,
                error: Some(user_message(&e)),
            };
            render_status(status, token, page)
        }
        Err(other) => Err(other.into()),
    }
}

/// The client's address when the server knows it (not behind `oneshot` in tests).
pub struct ClientAddr(Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip().to_string()),
        ))
    }
}

pub async fn logout(
    State(s): State<AppState>,
    mut auth: AuthSession,
    Caller(actor): Caller,
    CsrfForm { .. }: CsrfForm<serde::de::IgnoredAny>,
) -> Result<Response, WebError> {
    chibo_app::users::logout(&s.app, &actor).await?;
    auth.logout()
        .await
        .map_err(|e| WebError(AppError::Internal(format!("session: {e}"))))?;
    Ok((StatusCode::SEE_OTHER, [("location", "/login")]).into_response())
}
