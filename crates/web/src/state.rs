//! Shared state of the HTTP layer.

use axum::extract::FromRef;
use axum_csrf::CsrfConfig;
use chibo_app::App;

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Secret for signing CSRF tokens, shared by every instance (kept in the database).
    pub csrf_secret: String,
}

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub config: WebConfig,
    pub csrf: CsrfConfig,
}

impl AppState {
    pub fn new(app: App, config: WebConfig) -> Self {
        let csrf = CsrfConfig::default()
            .with_cookie_name("chibo_csrf")
            .with_http_only(true)
            .with_secure(config.secure_cookies)
            .with_cookie_same_site(axum_csrf::SameSite::Strict)
            .with_salt(config.csrf_secret.clone());
        Self { app, config, csrf }
    }
}

impl FromRef<AppState> for CsrfConfig {
    fn from_ref(s: &AppState) -> CsrfConfig {
        s.csrf.clone()
    }
}
