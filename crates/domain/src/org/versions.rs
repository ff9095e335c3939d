//! Effective-dated unit versions (interchange units.csv): a rename or a move closes the current
//! version the day before and opens a new one, so the tree as of any date stays exact.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{TreeError, UnitKind, UnitName};
use crate::ids::UnitId;

/// One version of a unit: what it was called, what kind it was and where it stood, from
/// `valid_from` to `valid_to` inclusive (`None`: still current).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitVersion {
    pub unit: UnitId,
    pub parent: Option<UnitId>,
    pub name: UnitName,
    pub kind: UnitKind,
    pub admin_unit_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl UnitVersion {
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// What a new version changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionChange {
    Rename(UnitName),
    Move(Option<UnitId>),
}

/// Checks one unit's versions: each ends on or after it starts and none overlap.
pub fn validate_versions(versions: &[UnitVersion]) -> Result<(), TreeError> {
    let mut sorted: Vec<&UnitVersion> = versions.iter().collect();
    sorted.sort_by_key(|v| v.valid_from);
    for v in &sorted {
        if let Some(to) = v.valid_to
            && to < v.valid_from
        {
            return Err(TreeError::EndsBeforeStart {
                valid_from: v.valid_from,
                valid_to: to,
            });
        }
    }
    for pair in sorted.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.valid_to.is_none_or(|to| b.valid_from <= to) {
            return Err(TreeError::Overlap { on: b.valid_from });
        }
    }
    Ok(())
}

/// Whether a unit of `kind` may stand under a parent of `parent` kind (or be a root).
pub fn check_parent(kind: UnitKind, parent: Option<UnitKind>) -> Result<(), TreeError> {
    match parent {
        None if kind.may_be_root() => Ok(()),
        None => Err(TreeError::NeedsParent { kind }),
        Some(p) if kind.may_be_child_of(p) => Ok(()),
        Some(p) => Err(TreeError::KindNotAllowed { kind, parent: p }),
    }
}

fn current(versions: &[UnitVersion], on: NaiveDate) -> Result<&UnitVersion, TreeError> {
    let latest = versions
        .iter()
        .max_by_key(|v| v.valid_from)
        .ok_or(TreeError::NoVersion)?;
    if latest.valid_to.is_some() {
        return Err(TreeError::AlreadyEnded);
    }
    if on <= latest.valid_from {
        return Err(TreeError::NotAfterCurrentVersion {
            since: latest.valid_from,
        });
    }
    Ok(latest)
}

fn day_before(on: NaiveDate) -> Option<NaiveDate> {
    on.checked_sub_days(Days::new(1))
}

/// The current version closed the day before `on`, and the new version that starts on `on`.
pub fn next_version(
    versions: &[UnitVersion],
    change: VersionChange,
    on: NaiveDate,
) -> Result<(UnitVersion, UnitVersion), TreeError> {
    let latest = current(versions, on)?;
    let mut next = UnitVersion {
        valid_from: on,
        valid_to: None,
        ..latest.clone()
    };
    match change {
        VersionChange::Rename(name) => next.name = name,
        VersionChange::Move(parent) => {
            if parent == Some(latest.unit) {
                return Err(TreeError::Cycle);
            }
            next.parent = parent;
        }
    }
    if next.name == latest.name && next.parent == latest.parent {
        return Err(TreeError::NoChange);
    }
    let closed = UnitVersion {
        valid_to: day_before(on),
        ..latest.clone()
    };
    Ok((closed, next))
}

/// The current version closed the day before `on`: the unit no longer exists from `on`
/// (dissolved, or merged into another).
pub fn end_unit(versions: &[UnitVersion], on: NaiveDate) -> Result<UnitVersion, TreeError> {
    let latest = current(versions, on)?;
    Ok(UnitVersion {
        valid_to: day_before(on),
        ..latest.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn v(from: NaiveDate, to: Option<NaiveDate>) -> UnitVersion {
        UnitVersion {
            unit: UnitId(5),
            parent: Some(UnitId(1)),
            name: UnitName::parse("Chi bộ Ấp A").unwrap(),
            kind: UnitKind::GrassrootsCell,
            admin_unit_code: None,
            valid_from: from,
            valid_to: to,
        }
    }

    #[test]
    fn rename_closes_the_current_version_the_day_before() {
        let versions = vec![v(d(1990, 1, 1), None)];
        let name = UnitName::parse("Chi bộ Ấp An Lợi").unwrap();
        let (closed, next) = next_version(
            &versions,
            VersionChange::Rename(name.clone()),
            d(2025, 7, 1),
        )
        .unwrap();
        assert_eq!(closed.valid_to, Some(d(2025, 6, 30)));
        assert_eq!(next.valid_from, d(2025, 7, 1));
        assert_eq!(next.name, name);
        validate_versions(&[closed, next]).unwrap();
    }

    #[test]
    fn changes_must_come_after_the_current_version_and_change_something() {
        let versions = vec![v(d(1990, 1, 1), None)];
        let same = VersionChange::Move(Some(UnitId(1)));
        assert_eq!(
            next_version(&versions, same, d(2000, 1, 1)),
            Err(TreeError::NoChange)
        );
        let moved = VersionChange::Move(Some(UnitId(2)));
        assert_eq!(
            next_version(&versions, moved.clone(), d(1990, 1, 1)),
            Err(TreeError::NotAfterCurrentVersion {
                since: d(1990, 1, 1)
            })
        );
        let ended = vec![v(d(1990, 1, 1), Some(d(2000, 1, 1)))];
        assert_eq!(
            next_version(&ended, moved, d(2001, 1, 1)),
            Err(TreeError::AlreadyEnded)
        );
        assert_eq!(
            next_version(
                &versions,
                VersionChange::Move(Some(UnitId(5))),
                d(2001, 1, 1)
            ),
            Err(TreeError::Cycle)
        );
    }

    #[test]
    fn overlapping_versions_are_refused() {
        let a = v(d(1990, 1, 1), Some(d(2000, 12, 31)));
        let b = v(d(2000, 12, 31), None);
        assert_eq!(
            validate_versions(&[a.clone(), b]),
            Err(TreeError::Overlap {
                on: d(2000, 12, 31)
            })
        );
        let c = v(d(2001, 1, 1), None);
        assert_eq!(validate_versions(&[c, a]), Ok(()));
        let open = v(d(1990, 1, 1), None);
        assert!(validate_versions(&[open, v(d(2001, 1, 1), None)]).is_err());
        let backwards = v(d(2001, 1, 1), Some(d(2000, 1, 1)));
        assert!(matches!(
            validate_versions(&[backwards]),
            Err(TreeError::EndsBeforeStart { .. })
        ));
    }

    #[test]
    fn parents_are_checked_by_kind() {
        assert_eq!(
            check_parent(UnitKind::Cell, None),
            Err(TreeError::NeedsParent {
                kind: UnitKind::Cell
            })
        );
        assert!(
            check_parent(
                UnitKind::CommuneCommittee,
                Some(UnitKind::ProvinceCommittee)
            )
            .is_ok()
        );
        assert!(
            check_parent(UnitKind::CommuneCommittee, Some(UnitKind::CommuneCommittee)).is_err()
        );
    }
}
