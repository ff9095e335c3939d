//! Chibo over HTTP: server-rendered Vietnamese pages (askama templates, htmx for partial
//! updates), the JSON API under `/api/v1` with its OpenAPI document, and the operational
//! endpoints. Handlers are thin: they parse, call an application service with the signed-in
//! actor, and render. Only this crate names axum.

pub mod api;
pub mod assets;
pub mod auth;
pub mod error;
pub mod format;
pub mod messages;
pub mod ops;
pub mod pages;
pub mod security;
pub mod state;

pub use state::{AppState, WebConfig};

use axum::Router;

/// The whole application: pages, API, documentation, assets and operations, with sessions,
/// security headers, metrics and tracing.
pub fn router(state: AppState) -> Router {
    let sessions = auth::session_layer(&state);
    let auth_layer =
        axum_login::AuthManagerLayerBuilder::new(auth::Users::new(state.app.clone()), sessions)
            .build();
    let routes = Router::new()
        .merge(pages::routes())
        .merge(api::router())
        .merge(assets::routes())
        .merge(ops::routes())
        .route_layer(axum::middleware::from_fn(ops::track))
        .layer(auth_layer);
    security::with_headers(routes)
        // Forms and API bodies are small; the import route allows more.
        .layer(axum::extract::DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
