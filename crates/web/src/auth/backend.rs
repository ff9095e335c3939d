//! The axum-login backend: loads the session's account through the application layer.

use axum_login::{AuthUser, AuthnBackend, UserId};
use chibo_app::users::{login, session_user};
use chibo_app::{App, AppError};

/// The account a session belongs to. Its password hash signs the session, so changing the
/// password ends every other session of the account.
#[derive(Clone)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    hash: Vec<u8>,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser")
            .field("id", &self.id)
            .field("username", &self.username)
            .finish()
    }
}

impl SessionUser {
    pub fn new(id: i64, username: String, password_hash: &str) -> Self {
        Self {
            id,
            username,
            hash: password_hash.as_bytes().to_vec(),
        }
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.hash
    }
}

#[derive(Clone, Debug)]
pub struct Users {
    app: App,
}

impl Users {
    pub fn new(app: App) -> Self {
        Self { app }
    }
}

/// Username, password and the client address that throttling counts.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub username: String,
    pub password: String,
    pub client: Option<String>,
}

impl AuthnBackend for Users {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AppError;

    async fn authenticate(&self, c: Credentials) -> Result<Option<SessionUser>, AppError> {
        match login(&self.app, &c.username, &c.password, c.client.as_deref()).await {
            Ok(l) => Ok(Some(SessionUser::new(
                l.user.id,
                l.user.username,
                &l.user.password_hash,
            ))),
            Err(AppError::BadCredentials) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionUser>, AppError> {
        let row = session_user(&self.app, chibo_domain::ids::UserId(*id)).await?;
        Ok(row.map(|r| SessionUser::new(r.id, r.username, &r.password_hash)))
    }
}
