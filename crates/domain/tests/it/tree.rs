//! Tree versions never overlap, and each path span places the unit under the path its parent
//! had on those days.

use chibo_domain::ids::UnitId;
use chibo_domain::org::{PathSpan, UnitKind, UnitName, UnitVersion, unit_spans, validate_versions};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use std::collections::HashMap;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(1975, 1, 1).unwrap()
}

/// Random tree history: unit i picks parents among units < i, so there is no cycle; each unit
/// has one to three consecutive versions.
fn forest() -> impl Strategy<Value = Vec<Vec<UnitVersion>>> {
    prop::collection::vec(
        prop::collection::vec((0u64..20000, 0usize..10, any::<bool>()), 1..4),
        1..12,
    )
    .prop_map(|units| {
        units
            .into_iter()
            .enumerate()
            .map(|(i, specs)| {
                let unit = UnitId(i as i64 + 1);
                let mut starts: Vec<u64> = specs.iter().map(|s| s.0).collect();
                starts.sort_unstable();
                starts.dedup();
                let n = starts.len();
                starts
                    .iter()
                    .enumerate()
                    .map(|(k, start)| {
                        let (_, parent_pick, root) = specs[k.min(specs.len() - 1)];
                        let parent = (!root && i > 0).then(|| UnitId((parent_pick % i) as i64 + 1));
                        UnitVersion {
                            unit,
                            parent,
                            name: UnitName::parse("Đơn vị").unwrap(),
                            kind: UnitKind::GrassrootsCell,
                            admin_unit_code: None,
                            valid_from: base() + Days::new(*start),
                            valid_to: starts
                                .get(k + 1)
                                .filter(|_| k + 1 < n)
                                .map(|next| base() + Days::new(next - 1)),
                        }
                    })
                    .collect()
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn spans_never_overlap_and_follow_the_parent(units in forest()) {
        let mut spans: HashMap<UnitId, Vec<PathSpan>> = HashMap::new();
        for versions in &units {
            prop_assert!(validate_versions(versions).is_ok());
            let lookup = |p: UnitId| spans.get(&p).cloned().unwrap_or_default();
            let Ok(mine) = unit_spans(versions, &lookup) else { continue };
            for w in mine.windows(2) {
                prop_assert!(w[0].valid_to.is_some_and(|to| to < w[1].valid_from));
            }
            for v in versions {
                let last = v.valid_to.unwrap_or(v.valid_from + Days::new(400));
                for day in [v.valid_from, v.valid_from + Days::new(17), last] {
                    if day > last {
                        continue;
                    }
                    let covering: Vec<_> = mine.iter().filter(|s| s.is_valid_on(day)).collect();
                    prop_assert_eq!(covering.len(), 1, "day {}", day);
                    let expected = match v.parent {
                        None => chibo_domain::org::UnitPath::everything().child(v.unit),
                        Some(p) => spans[&p].iter().find(|ps| ps.is_valid_on(day)).unwrap().path.child(v.unit),
                    };
                    prop_assert_eq!(&covering[0].path, &expected);
                }
            }
            spans.insert(versions[0].unit, mine);
        }
    }
}
