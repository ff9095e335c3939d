//! The one access check. Outside the scope is "not found", so existence does not leak; inside
//! the scope without the permission is "forbidden".

use serde::{Deserialize, Serialize};

use super::{Permission, Role, Scope};
use crate::ids::{MemberId, UserId};
use crate::org::UnitPath;

/// The signed-in user as services see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user: UserId,
    pub username: String,
    pub role: Role,
    pub scope: Scope,
}

impl Actor {
    pub fn can(&self, p: Permission) -> bool {
        self.role.permits(p)
    }
}

/// What an action is about.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A unit, by its path in today's tree.
    Unit(&'a UnitPath),
    /// A member, by id and the paths of the units holding them.
    Member { id: MemberId, paths: &'a [UnitPath] },
    /// Something with no place in the tree (user accounts, the whole audit log).
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("outside the caller's scope")]
    OutOfScope,
    #[error("the caller's role does not permit {0:?}")]
    Forbidden(Permission),
}

/// Proof that an access check passed: private fields, built only by [`authorize`].
#[derive(Debug, Clone)]
pub struct Granted {
    permission: Permission,
    user: UserId,
}

impl Granted {
    pub fn permission(&self) -> Permission {
        self.permission
    }

    pub fn user(&self) -> UserId {
        self.user
    }
}

pub fn authorize(
    actor: &Actor,
    permission: Permission,
    target: Target<'_>,
) -> Result<Granted, Denied> {
    let visible = match target {
        Target::Unit(path) => actor.scope.contains_unit(path),
        Target::Member { id, paths } => actor.scope.contains_member(id, paths),
        Target::System => actor.scope == Scope::Everything,
    };
    if !visible {
        return Err(Denied::OutOfScope);
    }
    if !actor.role.permits(permission) {
        return Err(Denied::Forbidden(permission));
    }
    Ok(Granted {
        permission,
        user: actor.user,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{UnitId, UserId};

    fn path(ids: &[i64]) -> UnitPath {
        ids.iter()
            .fold(UnitPath::everything(), |p, i| p.child(UnitId(*i)))
    }

    fn actor(role: Role, scope: Scope) -> Actor {
        Actor {
            user: UserId(1),
            username: "u".into(),
            role,
            scope,
        }
    }

    #[test]
    fn officers_act_inside_their_subtree_only() {
        let officer = actor(Role::Officer, Scope::Subtree(path(&[1, 2])));
        assert!(
            authorize(
                &officer,
                Permission::ManageTree,
                Target::Unit(&path(&[1, 2, 3]))
            )
            .is_ok()
        );
        assert_eq!(
            authorize(
                &officer,
                Permission::ViewUnits,
                Target::Unit(&path(&[1, 4]))
            )
            .unwrap_err(),
            Denied::OutOfScope
        );
        assert_eq!(
            authorize(&officer, Permission::ManageUsers, Target::System).unwrap_err(),
            Denied::OutOfScope
        );
    }

    #[test]
    fn inspectors_see_but_do_not_change() {
        let inspector = actor(Role::Inspector, Scope::Subtree(path(&[1])));
        assert!(
            authorize(
                &inspector,
                Permission::ViewMembers,
                Target::Unit(&path(&[1, 2]))
            )
            .is_ok()
        );
        assert_eq!(
            authorize(
                &inspector,
                Permission::EditMembers,
                Target::Unit(&path(&[1, 2]))
            )
            .unwrap_err(),
            Denied::Forbidden(Permission::EditMembers)
        );
    }

    #[test]
    fn a_member_sees_only_their_own_record() {
        let me = MemberId(42);
        let member = actor(Role::Member, Scope::OwnRecord(me));
        let cell = [path(&[1, 2])];
        assert!(
            authorize(
                &member,
                Permission::ViewOwnRecord,
                Target::Member {
                    id: me,
                    paths: &cell
                }
            )
            .is_ok()
        );
        assert_eq!(
            authorize(
                &member,
                Permission::ViewOwnRecord,
                Target::Member {
                    id: MemberId(43),
                    paths: &cell
                }
            )
            .unwrap_err(),
            Denied::OutOfScope
        );
        assert_eq!(
            authorize(
                &member,
                Permission::EditMembers,
                Target::Member {
                    id: me,
                    paths: &cell
                }
            )
            .unwrap_err(),
            Denied::Forbidden(Permission::EditMembers)
        );
        assert_eq!(
            authorize(&member, Permission::ViewUnits, Target::Unit(&cell[0])).unwrap_err(),
            Denied::OutOfScope
        );
    }

    #[test]
    fn a_member_in_transit_is_visible_at_both_ends() {
        let receiving = actor(Role::Secretary, Scope::Subtree(path(&[9, 8])));
        let paths = [path(&[1, 2, 3]), path(&[9, 8])];
        assert!(
            authorize(
                &receiving,
                Permission::EditMembers,
                Target::Member {
                    id: MemberId(1),
                    paths: &paths
                }
            )
            .is_ok()
        );
    }

    #[test]
    fn admins_reach_everything_and_disabled_accounts_nothing() {
        let admin = actor(Role::Admin, Scope::Everything);
        assert!(authorize(&admin, Permission::ManageUsers, Target::System).is_ok());
        let nobody = actor(Role::Officer, Scope::Nothing);
        assert!(authorize(&nobody, Permission::ViewUnits, Target::Unit(&path(&[1]))).is_err());
    }
}
