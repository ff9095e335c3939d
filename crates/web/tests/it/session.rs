//! Login, cookies, CSRF and throttling.

use axum::http::StatusCode;
use chibo_testkit::Sqlite;

use crate::client::{PASSWORD, World};

#[tokio::test]
async fn session_cookies_are_http_only_and_same_site() {
    let w = World::new(Sqlite).await;
    let mut c = w.client();
    let page = c.get("/login").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"vi\">") && page.body.contains("Đăng nhập"));
    let res = c
        .post(
            "/login",
            &[("username", "officer1"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        (res.status, res.location()),
        (StatusCode::SEE_OTHER, Some("/"))
    );
    let cookies: Vec<String> = res
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("chibo_session="))
        .expect("a session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Đảng bộ xã Phú Cường"));
    let out = c.post("/logout", &[]).await;
    assert_eq!(
        (out.status, out.location()),
        (StatusCode::SEE_OTHER, Some("/login"))
    );
    assert_eq!(c.get("/").await.location(), Some("/login"));
}

#[tokio::test]
async fn every_form_post_without_a_valid_csrf_token_is_refused() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("quantri").await;
    let id = w.secret_member;
    let posts = [
        "/logout".to_owned(),
        "/units".into(),
        "/units/C1-G1/rename".into(),
        "/units/C1-G1/move".into(),
        "/units/C1-G1/merge".into(),
        "/units/C1-G1/dissolve".into(),
        "/units/C1/areas".into(),
        "/units/C1/areas/1/cover".into(),
        "/members".into(),
        format!("/members/{id}"),
        format!("/members/{id}/events"),
        format!("/members/{id}/events/1/void"),
        format!("/members/{id}/away"),
        format!("/members/{id}/away/edit"),
        format!("/members/{id}/away/end"),
        format!("/members/{id}/away/contacts"),
        format!("/members/{id}/away/exemptions"),
        "/admin/calendar".into(),
        "/admin/calendar/delete".into(),
    ];
    for p in &posts {
        let none = c.post_raw(p, "name=x&on=01%2F01%2F2021".into()).await;
        assert_eq!(none.status, StatusCode::FORBIDDEN, "{p} without a token");
        assert!(none.body.contains("Phiên làm việc đã hết hạn"), "{p}");
        let forged = c.post_raw(p, "csrf_token=Zm9yZ2Vk&name=x".into()).await;
        assert_eq!(
            forged.status,
            StatusCode::FORBIDDEN,
            "{p} with a forged token"
        );
    }
    // The login form is protected too (login CSRF).
    let mut fresh = w.client();
    let res = fresh
        .post_raw("/login", format!("username=quantri&password={PASSWORD}"))
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // And still signed in: nothing above logged the admin out.
    assert_eq!(c.get("/").await.status, StatusCode::OK);
}

#[tokio::test]
async fn failed_logins_are_throttled_with_a_vietnamese_message() {
    let w = World::new(Sqlite).await;
    let mut c = w.client();
    c.get("/login").await;
    let bad = c
        .post("/login", &[("username", "officer1"), ("password", "sai")])
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(bad.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"));
    for _ in 0..5 {
        c.post("/login", &[("username", "officer1"), ("password", "sai")])
            .await;
    }
    let locked = c
        .post(
            "/login",
            &[("username", "officer1"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.body.contains("Đăng nhập sai quá nhiều lần"));
}

#[tokio::test]
async fn a_disabled_account_loses_its_session() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    assert_eq!(c.get("/").await.status, StatusCode::OK);
    chibo_app::users::set_disabled(
        &w.app,
        chibo_app::audit::By::System("test"),
        "officer1",
        true,
    )
    .await
    .unwrap();
    assert_eq!(c.get("/").await.location(), Some("/login"));
}
