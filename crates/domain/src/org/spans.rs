//! Path spans: for each period in which a unit's chain of ancestors stays the same, its full
//! path. Derived from the unit's versions and its parents' spans; stored so that "inside this
//! subtree on date D" is one indexed query on either engine.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{TreeError, UnitPath, UnitVersion};
use crate::ids::UnitId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathSpan {
    pub unit: UnitId,
    pub path: UnitPath,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl PathSpan {
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// The spans of one unit. `versions` are the unit's versions; `parent_spans` gives the spans
/// of a parent unit. Fails if a parent does not exist on some day of a version (interchange:
/// a parent must exist for every day of the child's version) or if the unit would sit under
/// itself.
pub fn unit_spans(
    versions: &[UnitVersion],
    parent_spans: &dyn Fn(UnitId) -> Vec<PathSpan>,
) -> Result<Vec<PathSpan>, TreeError> {
    let mut sorted: Vec<&UnitVersion> = versions.iter().collect();
    sorted.sort_by_key(|v| v.valid_from);
    let mut out: Vec<PathSpan> = Vec::new();
    for v in sorted {
        let Some(parent) = v.parent else {
            push_merged(
                &mut out,
                PathSpan {
                    unit: v.unit,
                    path: UnitPath::everything().child(v.unit),
                    valid_from: v.valid_from,
                    valid_to: v.valid_to,
                },
            );
            continue;
        };
        let mut above = parent_spans(parent);
        above.sort_by_key(|s| s.valid_from);
        let mut cursor = Some(v.valid_from); // first day not yet covered; None = covered to the end
        for s in above {
            let Some(day) = cursor else { break };
            if s.valid_to.is_some_and(|to| to < day) {
                continue;
            }
            if v.valid_to.is_some_and(|to| s.valid_from > to) {
                break;
            }
            if s.valid_from > day {
                return Err(TreeError::ParentMissing { on: day });
            }
            if s.path.passes_through(v.unit) {
                return Err(TreeError::Cycle);
            }
            let end = min_end(s.valid_to, v.valid_to);
            push_merged(
                &mut out,
                PathSpan {
                    unit: v.unit,
                    path: s.path.child(v.unit),
                    valid_from: day,
                    valid_to: end,
                },
            );
            cursor = end.and_then(|e| e.checked_add_days(Days::new(1)));
        }
        if let Some(day) = cursor
            && v.valid_to.is_none_or(|to| day <= to)
        {
            return Err(TreeError::ParentMissing { on: day });
        }
    }
    Ok(out)
}

fn min_end(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

/// Appends a span, extending the previous one when it continues it with the same path
/// (a rename changes the version but not the path).
fn push_merged(out: &mut Vec<PathSpan>, span: PathSpan) {
    if let Some(last) = out.last_mut() {
        let continues = last
            .valid_to
            .and_then(|to| to.checked_add_days(Days::new(1)))
            .is_some_and(|next| next == span.valid_from);
        if continues && last.path == span.path {
            last.valid_to = span.valid_to;
            return;
        }
    }
    out.push(span);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::{UnitKind, UnitName};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn version(
        unit: i64,
        parent: Option<i64>,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> UnitVersion {
        UnitVersion {
            unit: UnitId(unit),
            parent: parent.map(UnitId),
            name: UnitName::parse("Đơn vị").unwrap(),
            kind: UnitKind::GrassrootsCell,
            admin_unit_code: None,
            valid_from: from,
            valid_to: to,
        }
    }

    fn span(unit: i64, path: &str, from: NaiveDate, to: Option<NaiveDate>) -> PathSpan {
        PathSpan {
            unit: UnitId(unit),
            path: UnitPath::from_stored(path).unwrap(),
            valid_from: from,
            valid_to: to,
        }
    }

    #[test]
    fn org_09_a_move_of_the_parent_splits_the_childs_path() {
        // Unit 3 sits under 2 from 1990; 2 moves from root 1 to root 9 on 2025-07-01.
        let parents = move |u: UnitId| match u.0 {
            2 => vec![
                span(2, "/1/2/", d(1980, 1, 1), Some(d(2025, 6, 30))),
                span(2, "/9/2/", d(2025, 7, 1), None),
            ],
            _ => vec![],
        };
        let spans = unit_spans(&[version(3, Some(2), d(1990, 1, 1), None)], &parents).unwrap();
        assert_eq!(
            spans,
            vec![
                span(3, "/1/2/3/", d(1990, 1, 1), Some(d(2025, 6, 30))),
                span(3, "/9/2/3/", d(2025, 7, 1), None),
            ]
        );
    }

    #[test]
    fn a_rename_keeps_one_span() {
        let root = |_: UnitId| vec![span(1, "/1/", d(1970, 1, 1), None)];
        let versions = [
            version(3, Some(1), d(1990, 1, 1), Some(d(2000, 1, 1))),
            version(3, Some(1), d(2000, 1, 2), None),
        ];
        assert_eq!(
            unit_spans(&versions, &root).unwrap(),
            vec![span(3, "/1/3/", d(1990, 1, 1), None)]
        );
    }

    #[test]
    fn a_child_cannot_outlive_or_predate_its_parent() {
        let short = |_: UnitId| vec![span(1, "/1/", d(1980, 1, 1), Some(d(2000, 12, 31)))];
        assert_eq!(
            unit_spans(&[version(3, Some(1), d(1990, 1, 1), None)], &short),
            Err(TreeError::ParentMissing { on: d(2001, 1, 1) })
        );
        let late = |_: UnitId| vec![span(1, "/1/", d(1995, 1, 1), None)];
        assert_eq!(
            unit_spans(&[version(3, Some(1), d(1990, 1, 1), None)], &late),
            Err(TreeError::ParentMissing { on: d(1990, 1, 1) })
        );
        let gap = |_: UnitId| {
            vec![
                span(1, "/1/", d(1980, 1, 1), Some(d(1991, 1, 1))),
                span(1, "/1/", d(1992, 1, 1), None),
            ]
        };
        assert_eq!(
            unit_spans(&[version(3, Some(1), d(1990, 1, 1), None)], &gap),
            Err(TreeError::ParentMissing { on: d(1991, 1, 2) })
        );
    }

    #[test]
    fn a_unit_cannot_sit_under_its_own_descendant() {
        let below = |_: UnitId| vec![span(4, "/1/3/4/", d(1980, 1, 1), None)];
        assert_eq!(
            unit_spans(&[version(3, Some(4), d(1990, 1, 1), None)], &below),
            Err(TreeError::Cycle)
        );
    }
}
