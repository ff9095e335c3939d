//! The early warning on the web (issue 6, point 6; REM-03, AWY-03): the dashboard's block with
//! the reasons in Vietnamese and links to members, the full list, the API's CSV with the
//! command's header, each limited to the caller's scope.

use axum::http::StatusCode;
use chibo_app::away::{AwayInput, declare};
use chibo_app::members::{NewMemberInput, add_member};
use chibo_domain::person::ProfileInput;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;

use crate::client::World;

const AWAY: &str = "Trần Văn Đi Xa";

/// A member of C1-G1 working away since the start of 2020 who never got in touch.
async fn silent_member_away(w: &World) -> i64 {
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let admin = chibo_app::users::login(&w.app, "quantri", crate::client::PASSWORD, None)
        .await
        .unwrap()
        .actor;
    let input = NewMemberInput {
        profile: ProfileInput {
            full_name: Some(AWAY.into()),
            sex: Some("M".into()),
            birth_date: Some("01/01/1985".into()),
            ..ProfileInput::default()
        },
        member_key: Some("di-xa".into()),
        cell_code: "C1-G1".into(),
        admitted_on: "03/02/2010".into(),
        recognized_on: Some("03/02/2011".into()),
        ..NewMemberInput::default()
    };
    let id = add_member(&w.app, &admin, &input).await.unwrap();
    let away = AwayInput {
        since: "01/01/2020".into(),
        place: "Dĩ An, Bình Dương".into(),
        ..AwayInput::default()
    };
    declare(&w.app, &admin, id, &away).await.unwrap();
    id.0
}

#[rstest]
#[tokio::test]
async fn awy_03_the_dashboard_warns_of_the_silent_member_and_no_other_unit_sees_it(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    let id = silent_member_away(&w).await;
    let mut c = w.signed_in("officer1").await;
    let res = c.get("/").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Cảnh báo sớm"), "{}", res.body);
    assert!(res.body.contains(AWAY), "{}", res.body);
    assert!(res.body.contains(&format!("href=\"/members/{id}\"")));
    assert!(res.body.contains("Đi làm ăn xa không giữ liên lạc"));
    assert!(res.body.contains("badge warning warning"));
    assert!(res.body.contains("href=\"/warnings\""));

    let res = c.get("/warnings?unit=C1-G1").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains(AWAY), "{}", res.body);
    assert!(res.body.contains("/api/v1/warnings?format=csv"));
    let res = c.get("/api/v1/warnings?unit=C1-G1&format=csv").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let mut lines = res.body.lines();
    assert_eq!(
        lines.next(),
        Some("member_key,full_name,unit_code,reason,count,threshold,level")
    );
    assert!(
        res.body.lines().any(
            |l| l.starts_with(&format!("di-xa,{AWAY},C1-G1,no_contact,"))
                && l.ends_with(",3,warning")
        ),
        "{}",
        res.body
    );
    let res = c.get("/warnings?as_of=31/02/2024").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    for username in ["officer2", "inspector2", "secretary2"] {
        let mut other = w.signed_in(username).await;
        let res = other.get("/").await;
        assert_eq!(res.status, StatusCode::OK, "{username}");
        assert!(!res.body.contains(AWAY), "{username}: {}", res.body);
        for path in ["/warnings?unit=C1-G1", "/api/v1/warnings?unit=C1-G1"] {
            let res = other.get(path).await;
            assert_eq!(res.status, StatusCode::NOT_FOUND, "{username} {path}");
            assert!(!res.body.contains(AWAY), "{username} {path}");
        }
        let res = other.get("/warnings").await;
        assert!(!res.body.contains(AWAY), "{username}");
    }
}
