//! Sign-in: server-side sessions (tower-sessions, stored through the application layer) in
//! HttpOnly SameSite cookies, axum-login for the session's user, CSRF tokens on every
//! state-changing form, and the extractors that turn a request into the acting user.

mod backend;
mod caller;
mod csrf;
mod store;

pub use backend::{SessionUser, Users};
pub use caller::{ApiCaller, Caller};
pub use csrf::{CSRF_FIELD, CSRF_HEADER, CsrfForm};
pub use store::DbSessions;

use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::AppState;

/// Sessions end after eight hours without a request.
pub const SESSION_IDLE_HOURS: i64 = 8;

pub fn session_layer(state: &AppState) -> SessionManagerLayer<DbSessions> {
    SessionManagerLayer::new(DbSessions::new(state.app.clone()))
        .with_name("chibo_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(
            SESSION_IDLE_HOURS,
        )))
}

pub type AuthSession = axum_login::AuthSession<Users>;
