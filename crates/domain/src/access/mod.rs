//! Who may see and change what. Every user has a role and a scope (a subtree of the tree, one
//! member's own record, or everything). Services call [`authorize`] before every read of one
//! record and every write; only it makes the [`Granted`] that writes require.

mod authorize;
mod role;
mod scope;

pub use authorize::{Actor, Denied, Granted, Target, authorize};
pub use role::{Permission, Role};
pub use scope::Scope;
