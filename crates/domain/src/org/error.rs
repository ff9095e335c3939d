//! Why a change to the tree was refused.

use chrono::NaiveDate;

use super::UnitKind;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TreeError {
    #[error("version from {valid_from} ends before it starts ({valid_to})")]
    EndsBeforeStart {
        valid_from: NaiveDate,
        valid_to: NaiveDate,
    },
    #[error("versions overlap on {on}")]
    Overlap { on: NaiveDate },
    #[error("the parent does not exist on {on}")]
    ParentMissing { on: NaiveDate },
    #[error("a unit cannot be placed under itself or one of its own units")]
    Cycle,
    #[error("a {kind:?} cannot stand under a {parent:?}")]
    KindNotAllowed { kind: UnitKind, parent: UnitKind },
    #[error("a {kind:?} needs a parent unit")]
    NeedsParent { kind: UnitKind },
    #[error("the unit has already ended")]
    AlreadyEnded,
    #[error("the change must be dated after {since}, the start of the current version")]
    NotAfterCurrentVersion { since: NaiveDate },
    #[error("the unit has no version")]
    NoVersion,
    #[error("nothing would change")]
    NoChange,
    #[error("the unit still has {members} members on {on}")]
    HasMembers { members: i64, on: NaiveDate },
    #[error("the unit still has {children} units under it on {on}")]
    HasChildren { children: i64, on: NaiveDate },
    #[error("a unit cannot be merged into itself or one of its own units")]
    MergeIntoSelf,
    #[error("a {from:?} cannot be merged into a {into:?}")]
    MergeKindMismatch { from: UnitKind, into: UnitKind },
}
