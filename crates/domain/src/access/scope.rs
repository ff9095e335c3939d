//! The part of the registry a user can see.

use serde::{Deserialize, Serialize};

use crate::ids::MemberId;
use crate::org::UnitPath;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Everything,
    /// A unit and everything under it in today's tree.
    Subtree(UnitPath),
    /// One member's own record.
    OwnRecord(MemberId),
    /// A disabled account, or one whose unit no longer exists.
    Nothing,
}

impl Scope {
    /// The path prefix that list queries filter units and members by; `None` when the scope
    /// covers no unit at all.
    pub fn unit_prefix(&self) -> Option<&str> {
        match self {
            Self::Everything => Some("/"),
            Self::Subtree(p) => Some(p.as_str()),
            Self::OwnRecord(_) | Self::Nothing => None,
        }
    }

    pub fn contains_unit(&self, path: &UnitPath) -> bool {
        match self {
            Self::Everything => true,
            Self::Subtree(p) => p.contains(path),
            Self::OwnRecord(_) | Self::Nothing => false,
        }
    }

    /// A member is inside when any unit that holds them is: the record's cell, or the
    /// destination of a transfer under way, so a member in transit is never lost to either.
    pub fn contains_member(&self, member: MemberId, paths: &[UnitPath]) -> bool {
        match self {
            Self::OwnRecord(m) => *m == member,
            _ => paths.iter().any(|p| self.contains_unit(p)),
        }
    }
}
