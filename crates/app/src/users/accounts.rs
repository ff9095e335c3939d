//! Creating, listing, disabling accounts and setting passwords (administrators, and the CLI
//! acting as the system).

use chibo_domain::access::{Permission, Role, Target, authorize};
use chibo_domain::field::{FieldErrors, Problem};
use chibo_domain::ids::{MemberId, UnitId, UserId};
use chibo_storage::users::{self, NewUser, UserRow};
use chibo_storage::{Tx, members, now, units};
use serde::{Deserialize, Serialize};

use super::password::{MIN_PASSWORD_LEN, hash_password};
use crate::audit::{self, About, Action, By};
use crate::{App, AppError};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewUserInput {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: String,
    /// Officers, secretaries and inspectors: the unit whose subtree they work on.
    pub unit_code: Option<String>,
    /// Member accounts: the member's interchange key.
    pub member_key: Option<String>,
}

/// An account as listed (no password hash).
#[derive(Debug, Clone, Serialize)]
pub struct UserLine {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_code: Option<String>,
    pub member_id: Option<i64>,
    pub disabled: bool,
}

fn check_username(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
    if !(3..=32).contains(&s.len()) || !s.chars().all(ok) {
        return Err(Problem::UsernameFormat);
    }
    Ok(s.to_owned())
}

fn check_password(s: &str) -> Result<(), Problem> {
    if s.chars().count() < MIN_PASSWORD_LEN {
        return Err(Problem::PasswordTooShort {
            min: MIN_PASSWORD_LEN,
        });
    }
    Ok(())
}

/// Creates an account. `by` is the administrator (web, API) or the system (CLI).
pub async fn add_user(app: &App, by: By<'_>, input: &NewUserInput) -> Result<UserId, AppError> {
    if let By::User(actor) = by {
        authorize(actor, Permission::ManageUsers, Target::System)?;
    }
    let mut tx = app.db.write().await?;
    let mut e = FieldErrors::new();
    let username = e.take("username", check_username(&input.username));
    let display = input.display_name.trim();
    if display.is_empty() {
        e.push("display_name", Problem::Required);
    }
    e.take("password", check_password(&input.password));
    let role = e.take("role", Role::parse(&input.role));
    let mut unit = None;
    let mut member = None;
    if let Some(role) = role {
        let unit_code = input
            .unit_code
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let member_key = input
            .member_key
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if role.needs_unit() {
            match unit_code {
                None => e.push("unit_code", Problem::Required),
                Some(code) => match units::id_by_code(&mut tx, code).await? {
                    Some(u) => unit = Some(u),
                    None => e.push("unit_code", Problem::UnknownUnit),
                },
            }
        }
        if role == Role::Member {
            match member_key {
                None => e.push("member_key", Problem::Required),
                Some(key) => match members::id_by_key(&mut tx, key).await? {
                    Some(m) => member = Some(m),
                    None => e.push("member_key", Problem::UnknownMember),
                },
            }
        }
    }
    if let Some(u) = &username
        && users::by_username(&mut tx, u).await?.is_some()
    {
        e.push("username", Problem::AlreadyTaken);
    }
    let (Some(username), Some(role)) = (username, role) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let hash = hash_password(&input.password).await?;
    let id = insert(&mut tx, &username, display, &hash, role, unit, member).await?;
    let line = UserLine {
        id: id.0,
        username: username.clone(),
        display_name: display.to_owned(),
        role: role.code().to_owned(),
        unit_code: input.unit_code.clone(),
        member_id: member.map(|m| m.0),
        disabled: false,
    };
    let about = About::user(Some(id.0), &username);
    audit::record(
        &mut tx,
        by,
        Action::UserCreate,
        about,
        None::<&()>,
        Some(&line),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert(
    tx: &mut Tx,
    username: &str,
    display: &str,
    hash: &str,
    role: Role,
    unit: Option<UnitId>,
    member: Option<MemberId>,
) -> Result<UserId, AppError> {
    let new = NewUser {
        username,
        display_name: display,
        password_hash: hash,
        role: role.code(),
        unit,
        member,
    };
    Ok(users::insert(tx, &new, now()).await?)
}

pub async fn list_users(app: &App, by: By<'_>) -> Result<Vec<UserLine>, AppError> {
    if let By::User(actor) = by {
        authorize(actor, Permission::ManageUsers, Target::System)?;
    }
    let mut tx = app.db.read().await?;
    let rows = users::list(&mut tx).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let unit_code = match r.unit_id {
            Some(u) => units::code_of(&mut tx, UnitId(u)).await?,
            None => None,
        };
        out.push(UserLine {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role: r.role,
            unit_code,
            member_id: r.member_id,
            disabled: r.disabled,
        });
    }
    tx.commit().await?;
    Ok(out)
}

async fn find(tx: &mut Tx, username: &str) -> Result<UserRow, AppError> {
    users::by_username(tx, username.trim())
        .await?
        .ok_or(AppError::field("username", Problem::UnknownUser))
}

pub async fn set_disabled(
    app: &App,
    by: By<'_>,
    username: &str,
    disabled: bool,
) -> Result<(), AppError> {
    if let By::User(actor) = by {
        authorize(actor, Permission::ManageUsers, Target::System)?;
    }
    let mut tx = app.db.write().await?;
    let row = find(&mut tx, username).await?;
    users::set_disabled(&mut tx, row.user(), disabled).await?;
    let action = if disabled {
        Action::UserDisable
    } else {
        Action::UserEnable
    };
    let about = About::user(Some(row.id), &row.username);
    audit::record(
        &mut tx,
        by,
        action,
        about,
        Some(&row.disabled),
        Some(&disabled),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_password(
    app: &App,
    by: By<'_>,
    username: &str,
    password: &str,
) -> Result<(), AppError> {
    if let By::User(actor) = by {
        authorize(actor, Permission::ManageUsers, Target::System)?;
    }
    check_password(password).map_err(|p| AppError::field("password", p))?;
    let hash = hash_password(password).await?;
    let mut tx = app.db.write().await?;
    let row = find(&mut tx, username).await?;
    users::set_password(&mut tx, row.user(), &hash).await?;
    let about = About::user(Some(row.id), &row.username);
    audit::record(
        &mut tx,
        by,
        Action::UserPassword,
        about,
        None::<&()>,
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The stored account, for the session layer (which compares the password hash so that a
/// password change ends every other session). `None` when missing or disabled.
pub async fn session_user(app: &App, id: UserId) -> Result<Option<UserRow>, AppError> {
    let mut tx = app.db.read().await?;
    let row = users::by_id(&mut tx, id).await?.filter(|r| !r.disabled);
    tx.commit().await?;
    Ok(row)
}
