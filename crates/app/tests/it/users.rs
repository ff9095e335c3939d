//! Accounts, passwords and login throttling.

use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::users::{self, MAX_FAILURES_PER_USER, NewUserInput, login};
use chibo_domain::access::{Role, Scope};
use chibo_domain::field::Problem;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use rstest::rstest;

use crate::support::Fixture;

#[rstest]
#[tokio::test]
async fn passwords_are_argon2id_and_logins_are_throttled(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    f.user("xa1", "officer", Some("C1"), None).await;
    let mut tx = f.app.db.read().await.unwrap();
    let row = chibo_storage::users::by_username(&mut tx, "xa1")
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    assert!(
        row.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        row.password_hash
    );

    let ok = login(&f.app, "XA1", "mat-khau-dai", Some("10.0.0.1"))
        .await
        .unwrap();
    assert_eq!(ok.actor.role, Role::Officer);
    assert!(matches!(ok.actor.scope, Scope::Subtree(_)));
    assert!(matches!(
        login(&f.app, "nobody", "x", None).await,
        Err(AppError::BadCredentials)
    ));
    for _ in 0..MAX_FAILURES_PER_USER {
        assert!(matches!(
            login(&f.app, "xa1", "wrong", Some("10.0.0.2")).await,
            Err(AppError::BadCredentials)
        ));
    }
    let locked = login(&f.app, "xa1", "mat-khau-dai", Some("10.0.0.1")).await;
    assert!(
        matches!(locked, Err(AppError::TooManyAttempts { .. })),
        "{locked:?}"
    );
}

#[rstest]
#[tokio::test]
async fn accounts_are_validated_and_can_be_disabled(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    let bad = NewUserInput {
        username: "A B".into(),
        display_name: "".into(),
        password: "short".into(),
        role: "officer".into(),
        unit_code: Some("NOPE".into()),
        member_key: None,
    };
    let AppError::Invalid(e) = users::add_user(&f.app, By::System("test"), &bad)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    let got: Vec<_> = e.iter().map(|x| (x.field, x.problem.clone())).collect();
    assert_eq!(
        got,
        vec![
            ("username", Problem::UsernameFormat),
            ("display_name", Problem::Required),
            ("password", Problem::PasswordTooShort { min: 8 }),
            ("unit_code", Problem::UnknownUnit),
        ]
    );
    let officer = f.user("xa1", "officer", Some("C1"), None).await;
    assert!(matches!(
        users::list_users(&f.app, By::User(&officer)).await,
        Err(AppError::NotFound)
    ));
    users::set_disabled(&f.app, By::System("test"), "xa1", true)
        .await
        .unwrap();
    assert!(matches!(
        login(&f.app, "xa1", "mat-khau-dai", None).await,
        Err(AppError::BadCredentials)
    ));
    assert!(
        users::actor_for(&f.app, officer.user)
            .await
            .unwrap()
            .is_none()
    );
    users::set_disabled(&f.app, By::System("test"), "xa1", false)
        .await
        .unwrap();
    users::set_password(&f.app, By::System("test"), "xa1", "mat-khau-moi-2026")
        .await
        .unwrap();
    assert!(
        login(&f.app, "xa1", "mat-khau-moi-2026", None)
            .await
            .is_ok()
    );
    let token = users::create_token(&f.app, By::System("test"), "xa1", "script")
        .await
        .unwrap();
    assert_eq!(
        users::actor_for_token(&f.app, &token)
            .await
            .unwrap()
            .unwrap()
            .username,
        "xa1"
    );
    assert!(
        users::actor_for_token(&f.app, "chibo_nope")
            .await
            .unwrap()
            .is_none()
    );
}
