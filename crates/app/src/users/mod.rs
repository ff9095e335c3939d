//! Accounts, passwords (argon2id), login with throttling, API tokens, web sessions and the
//! actor (role and scope) a signed-in account acts as.

mod accounts;
mod actor;
mod login;
mod password;
pub mod sessions;
mod tokens;

pub use accounts::{
    NewUserInput, UserLine, add_user, list_users, session_user, set_disabled, set_password,
};
pub use actor::actor_for;
pub use login::{
    Login, MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_USER, THROTTLE_WINDOW_SECS, login, logout,
};
pub use password::{MIN_PASSWORD_LEN, hash_password, verify_password};
pub use tokens::{actor_for_token, create_token};
