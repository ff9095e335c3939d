//! API bearer tokens: shown once when created, stored only as a SHA-256 hash.

use chibo_domain::access::Actor;
use chibo_domain::field::Problem;
use chibo_storage::{now, users};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::actor::actor_from_row;
use crate::audit::{self, About, Action, By};
use crate::{App, AppError};

const PREFIX: &str = "chibo_";

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a token for `username`; returns the token, which is not stored anywhere.
pub async fn create_token(
    app: &App,
    by: By<'_>,
    username: &str,
    label: &str,
) -> Result<String, AppError> {
    if let By::User(actor) = by {
        chibo_domain::access::authorize(
            actor,
            chibo_domain::access::Permission::ManageUsers,
            chibo_domain::access::Target::System,
        )?;
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!(
        "{PREFIX}{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let mut tx = app.db.write().await?;
    let user = users::by_username(&mut tx, username.trim())
        .await?
        .ok_or(AppError::field("username", Problem::UnknownUser))?;
    users::insert_token(&mut tx, user.user(), &digest(&token), label, now()).await?;
    let about = About::user(Some(user.id), &user.username);
    audit::record(
        &mut tx,
        by,
        Action::TokenCreate,
        about,
        None::<&()>,
        Some(&label),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The actor a bearer token stands for; `None` if it is unknown, revoked or its account is
/// disabled.
pub async fn actor_for_token(app: &App, token: &str) -> Result<Option<Actor>, AppError> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let mut tx = app.db.read().await?;
    let actor = match users::by_token(&mut tx, &digest(token)).await? {
        Some(row) => actor_from_row(&mut tx, &row).await?,
        None => None,
    };
    tx.commit().await?;
    Ok(actor)
}
