//! Health and metrics.

use axum::http::StatusCode;
use chibo_testkit::Sqlite;

use crate::client::World;

#[tokio::test]
async fn health_and_prometheus_metrics_are_served() {
    let w = World::new(Sqlite).await;
    let mut c = w.client();
    let health = c.get("/healthz").await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok")
    );
    c.get("/login").await;
    let metrics = c.get("/metrics").await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert!(
        metrics.body.contains("http_requests_total"),
        "{}",
        metrics.body
    );
    assert!(metrics.body.contains("route=\"/login\""));
    assert!(
        metrics
            .body
            .contains("http_request_duration_seconds_bucket")
    );
    assert!(metrics.body.contains("db_pool_connections"));
}
