//! The actor an account acts as: its role and today's scope.

use chibo_domain::access::{Actor, Role, Scope};
use chibo_domain::ids::{MemberId, UnitId, UserId};
use chibo_storage::users::{self, UserRow};
use chibo_storage::{Tx, paths};

use crate::{App, AppError, clock};

pub(crate) async fn actor_from_row(tx: &mut Tx, row: &UserRow) -> Result<Option<Actor>, AppError> {
    if row.disabled {
        return Ok(None);
    }
    let role =
        Role::parse(&row.role).map_err(|_| AppError::Internal(format!("role {}", row.role)))?;
    let scope = match role {
        Role::Admin => Scope::Everything,
        Role::Member => row
            .member_id
            .map(|m| Scope::OwnRecord(MemberId(m)))
            .unwrap_or(Scope::Nothing),
        Role::Officer | Role::Secretary | Role::Inspector => match row.unit_id {
            Some(u) => match paths::latest_path(tx, UnitId(u), clock::today()).await? {
                Some(p) => Scope::Subtree(p),
                None => Scope::Nothing,
            },
            None => Scope::Nothing,
        },
    };
    Ok(Some(Actor {
        user: row.user(),
        username: row.username.clone(),
        role,
        scope,
    }))
}

/// The actor of an account; `None` for a missing or disabled account.
pub async fn actor_for(app: &App, user: UserId) -> Result<Option<Actor>, AppError> {
    let mut tx = app.db.read().await?;
    let actor = match users::by_id(&mut tx, user).await? {
        Some(row) => actor_from_row(&mut tx, &row).await?,
        None => None,
    };
    tx.commit().await?;
    Ok(actor)
}
