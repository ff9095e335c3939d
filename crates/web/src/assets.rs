//! Static assets compiled into the binary: htmx (vendored, no CDN), the style sheet, the
//! small script that configures htmx.

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::Embed;

use crate::AppState;

#[derive(Embed)]
#[folder = "assets/"]
struct Assets;

pub fn routes() -> Router<AppState> {
    Router::new().route("/assets/{file}", get(asset))
}

async fn asset(Path(file): Path<String>) -> Response {
    let Some(content) = Assets::get(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mime = match file.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        content.data,
    )
        .into_response()
}
