//! Keeps the derived path spans in step with unit versions.

use std::collections::HashMap;

use chibo_domain::ids::UnitId;
use chibo_domain::org::{UnitVersion, unit_spans};
use chibo_storage::stats::{Change, record_change};
use chibo_storage::{Tx, paths, units};

use crate::AppError;

/// Recomputes the spans of `unit` and of every unit that ever stood below it, parents first.
/// Fails (and the caller rolls back) when a version would lack its parent on some day or a
/// unit would sit under itself.
pub(crate) async fn recompute(tx: &mut Tx, unit: UnitId) -> Result<(), AppError> {
    let mut order = vec![unit];
    order.extend(paths::descendants_ever(tx, unit).await?);
    for u in order {
        let versions = units::versions(tx, u)
            .await?
            .iter()
            .map(|r| r.to_version())
            .collect::<Result<Vec<UnitVersion>, _>>()?;
        let mut parents = HashMap::new();
        for p in versions.iter().filter_map(|v| v.parent) {
            if let std::collections::hash_map::Entry::Vacant(e) = parents.entry(p) {
                e.insert(paths::spans(tx, p).await?);
            }
        }
        let spans = unit_spans(&versions, &|p| parents.get(&p).cloned().unwrap_or_default())?;
        paths::replace_spans(tx, u, &spans).await?;
    }
    record_change(tx, Change::Units(&[unit])).await?;
    Ok(())
}
