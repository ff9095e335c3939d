//! Materialised unit paths (`/12/345/6789/`): "inside" is a prefix test here and an indexed
//! `LIKE $1 || '%'` in SQL. Segments are numeric unit ids, so no LIKE wildcard can occur.

use serde::{Deserialize, Serialize};

use crate::ids::UnitId;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnitPath(String);

impl UnitPath {
    /// The path above every root: contains everything.
    pub fn everything() -> Self {
        Self("/".to_owned())
    }

    /// A path as stored; `None` unless it is `/`-delimited numeric segments.
    pub fn from_stored(s: &str) -> Option<Self> {
        let ok = s.starts_with('/')
            && s.ends_with('/')
            && s.trim_matches('/')
                .split('/')
                .all(|seg| seg.is_empty() || seg.bytes().all(|b| b.is_ascii_digit()));
        ok.then(|| Self(s.to_owned()))
    }

    pub fn child(&self, unit: UnitId) -> Self {
        Self(format!("{}{}/", self.0, unit.0))
    }

    /// Whether `other` is this unit or below it.
    pub fn contains(&self, other: &UnitPath) -> bool {
        other.0.starts_with(&self.0)
    }

    /// Whether `unit` appears on the path (the unit itself or one of its ancestors).
    pub fn passes_through(&self, unit: UnitId) -> bool {
        self.0.contains(&format!("/{}/", unit.0))
    }

    /// Number of units on the path (a root has depth 1).
    pub fn depth(&self) -> usize {
        self.0.matches('/').count().saturating_sub(1)
    }

    /// The units on the path, root first.
    pub fn units(&self) -> Vec<UnitId> {
        self.0
            .split('/')
            .filter_map(|s| s.parse().ok())
            .map(UnitId)
            .collect()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containment_is_a_prefix_test_on_whole_segments() {
        let a = UnitPath::everything().child(UnitId(1));
        let ab = a.child(UnitId(23));
        let other = UnitPath::everything().child(UnitId(12));
        assert!(a.contains(&ab));
        assert!(a.contains(&a));
        assert!(!ab.contains(&a));
        assert!(!a.contains(&other), "/1/ must not contain /12/");
        assert!(UnitPath::everything().contains(&other));
        assert_eq!(ab.depth(), 2);
        assert_eq!(ab.units(), vec![UnitId(1), UnitId(23)]);
        assert!(ab.passes_through(UnitId(1)) && !ab.passes_through(UnitId(2)));
    }

    #[test]
    fn only_well_formed_paths_are_accepted_from_storage() {
        assert!(UnitPath::from_stored("/1/23/").is_some());
        assert!(UnitPath::from_stored("/").is_some());
        assert!(UnitPath::from_stored("/1/2%/").is_none());
        assert!(UnitPath::from_stored("1/2/").is_none());
    }
}
