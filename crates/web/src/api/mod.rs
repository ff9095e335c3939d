//! The JSON API under `/api/v1`, with the same services and scope rules as the pages; errors
//! are RFC 9457 problem documents. The OpenAPI 3.1 document is generated from the handlers'
//! annotations and served at `/api/openapi.json`, with Swagger UI at `/api/docs`.

pub mod problem;
pub mod v1;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Chibo API",
        description = "Sổ đảng viên và tổ chức đảng: tổ chức, đảng viên, sự kiện, tìm kiếm. Mọi yêu cầu cần phiên đăng nhập hoặc khóa API (Authorization: Bearer …); dữ liệu giới hạn trong phạm vi của tài khoản.",
        version = "1"
    ),
    modifiers(&Security),
    security(("bearer" = []), ("session" = []))
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut OpenApiDoc) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("chibo_session"))),
        );
    }
}

/// The API routes, the OpenAPI document and the documentation page.
pub fn router() -> Router<AppState> {
    let (api, doc) = openapi_router().split_for_parts();
    let docs: Router<AppState> = Router::from(SwaggerUi::new("/api/docs").url("/api/openapi.json", doc.clone()))
        // Swagger UI styles its elements inline.
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'"),
        ));
    api.merge(docs)
}

/// The router with its OpenAPI paths, before the two are split.
pub fn openapi_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1::routes())
}

/// The OpenAPI document as served.
pub fn openapi() -> OpenApiDoc {
    openapi_router().split_for_parts().1
}
