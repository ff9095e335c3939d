//! Roles and what each may do, before scope is considered.

use serde::{Deserialize, Serialize};

use crate::field::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The whole system, including user accounts.
    Admin,
    /// An organisation-board officer: a unit and its subtree, tree and members.
    Officer,
    /// A cell secretary: one cell (and its party groups), its members.
    Secretary,
    /// Read-only over a subtree.
    Inspector,
    /// A party member: their own record only.
    Member,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// The tree, unit pages and headcounts.
    ViewUnits,
    /// Member lists and full profiles.
    ViewMembers,
    /// Add members, edit profiles, record and correct life-cycle events.
    EditMembers,
    /// Found, rename, move, merge and dissolve units; residential areas.
    ManageTree,
    /// The audit log of the scope.
    ViewAudit,
    /// User accounts.
    ManageUsers,
    /// The working-day calendar: holidays, days off, make-up working days.
    ManageCalendar,
    /// Yearly admission targets of the units of the scope (TGT-03).
    SetTargets,
    /// One's own member record.
    ViewOwnRecord,
}

impl Role {
    pub const ALL: &'static [Role] = &[
        Self::Admin,
        Self::Officer,
        Self::Secretary,
        Self::Inspector,
        Self::Member,
    ];
    pub const CODES: &'static [&'static str] =
        &["admin", "officer", "secretary", "inspector", "member"];

    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Officer => "officer",
            Self::Secretary => "secretary",
            Self::Inspector => "inspector",
            Self::Member => "member",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Problem> {
        Self::ALL
            .iter()
            .copied()
            .find(|r| r.code() == input.trim())
            .ok_or(Problem::NotOneOf {
                allowed: Self::CODES,
            })
    }

    pub fn permits(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Self::Admin => true,
            Self::Officer => matches!(
                p,
                ViewUnits
                    | ViewMembers
                    | EditMembers
                    | ManageTree
                    | ViewAudit
                    | SetTargets
                    | ViewOwnRecord
            ),
            Self::Secretary => matches!(p, ViewUnits | ViewMembers | EditMembers | ViewOwnRecord),
            Self::Inspector => matches!(p, ViewUnits | ViewMembers | ViewOwnRecord),
            Self::Member => p == ViewOwnRecord,
        }
    }

    /// Roles bound to a unit need one; a member account needs a member record instead.
    pub fn needs_unit(self) -> bool {
        matches!(self, Self::Officer | Self::Secretary | Self::Inspector)
    }
}
