//! Password hashing with argon2id (m = 19 MiB, t = 2, p = 1, the crate's defaults and OWASP's
//! recommendation), off the async threads because it is deliberately slow.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::AppError;

pub const MIN_PASSWORD_LEN: usize = 8;

pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("hashing task failed: {e}")))?
}

/// Whether `password` matches `hash`. A malformed hash never matches.
pub async fn verify_password(password: &str, hash: &str) -> Result<bool, AppError> {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| AppError::Internal(format!("verify task failed: {e}")))
}
