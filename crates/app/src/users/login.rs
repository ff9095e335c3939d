//! Logging in. Failed attempts are counted in the database (so every instance of a
//! deployment sees them) per account and per client address; past the limit, logins are
//! refused for the rest of the window even with the right password.

use chibo_domain::access::Actor;
use chibo_storage::users::{self, UserRow};
use chrono::Utc;
use tokio::sync::OnceCell;

use super::actor::actor_from_row;
use super::password::{hash_password, verify_password};
use crate::audit::{self, About, Action, By};
use crate::{App, AppError};

pub const THROTTLE_WINDOW_SECS: i64 = 15 * 60;
pub const MAX_FAILURES_PER_USER: i64 = 5;
pub const MAX_FAILURES_PER_CLIENT: i64 = 30;

/// A successful login.
#[derive(Debug, Clone)]
pub struct Login {
    pub user: UserRow,
    pub actor: Actor,
}

/// A hash to verify against when the account does not exist, so both cases take as long.
async fn dummy_hash() -> Result<&'static str, AppError> {
    static DUMMY: OnceCell<String> = OnceCell::const_new();
    DUMMY
        .get_or_try_init(|| hash_password("no such account, no such password"))
        .await
        .map(String::as_str)
}

pub async fn login(
    app: &App,
    username: &str,
    password: &str,
    client: Option<&str>,
) -> Result<Login, AppError> {
    let username = username.trim().to_lowercase();
    let now_ms = Utc::now().timestamp_millis();
    let since = now_ms - THROTTLE_WINDOW_SECS * 1000;
    let mut tx = app.db.read().await?;
    let by_user = users::failures_for_user(&mut tx, &username, since).await?;
    let by_client = match client {
        Some(c) => users::failures_from_client(&mut tx, c, since).await?,
        None => 0,
    };
    let row = users::by_username(&mut tx, &username).await?;
    tx.commit().await?;
    if by_user >= MAX_FAILURES_PER_USER || by_client >= MAX_FAILURES_PER_CLIENT {
        return Err(AppError::TooManyAttempts {
            retry_after_secs: THROTTLE_WINDOW_SECS as u64,
        });
    }
    let hash = match &row {
        Some(r) => r.password_hash.clone(),
        None => dummy_hash().await?.to_owned(),
    };
    let matches = verify_password(password, &hash).await?;
    let mut tx = app.db.write().await?;
    let actor = match (&row, matches) {
        (Some(r), true) => actor_from_row(&mut tx, r).await?,
        _ => None,
    };
    users::record_attempt(&mut tx, &username, client, now_ms, actor.is_some()).await?;
    users::prune_attempts(&mut tx, now_ms - 24 * 3600 * 1000).await?;
    let about = About::user(row.as_ref().map(|r| r.id), &username);
    let (action, by) = match &actor {
        Some(a) => (Action::LoginSucceeded, By::User(a)),
        None => (Action::LoginFailed, By::System(&username)),
    };
    audit::record(&mut tx, by, action, about, None::<&()>, client.as_ref()).await?;
    tx.commit().await?;
    match (row, actor) {
        (Some(user), Some(actor)) => Ok(Login { user, actor }),
        _ => Err(AppError::BadCredentials),
    }
}

/// Records a logout in the audit log.
pub async fn logout(app: &App, actor: &Actor) -> Result<(), AppError> {
    let mut tx = app.db.write().await?;
    let about = About::user(Some(actor.user.0), &actor.username);
    audit::record(
        &mut tx,
        By::User(actor),
        Action::Logout,
        about,
        None::<&()>,
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
