//! Statistics (issue 4): headcounts and flows as of any date, broken down by any dimensions,
//! counted as interchange.md says, from a compact in-memory index kept fresh by the change
//! log. The query is scope-checked like every read: a unit outside the caller's scope is not
//! found; without a unit an officer counts their own unit, an administrator (and the CLI) the
//! whole registry.

mod count;
mod index;
mod render;

use std::sync::Arc;

use chibo_domain::access::{Permission, Scope};
use chibo_domain::ids::UnitId;
use chibo_domain::stats::{
    Dimension, StatsQuery, StatsResult, StatsRow, age_band_labels, party_age_band_labels,
};
use chibo_storage::{Db, units};
use tokio::sync::{OwnedRwLockReadGuard, RwLock};

pub use render::{to_csv, to_table};

use crate::audit::By;
use crate::scope::find_unit;
use crate::{App, AppError, clock};
use count::{Within, count};
use index::Data;

/// The shared in-memory index; cheap to clone. Empty until the first query (or `warm`).
#[derive(Clone, Default)]
pub struct StatsIndex {
    inner: Arc<RwLock<Option<Data>>>,
}

impl std::fmt::Debug for StatsIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StatsIndex")
    }
}

impl StatsIndex {
    /// Drops the index; the next query rebuilds it from the database.
    pub async fn invalidate(&self) {
        *self.inner.write().await = None;
    }

    /// Builds the index now (at start-up, so the first query does not wait for it).
    pub async fn warm(&self, db: &Db) -> Result<(), AppError> {
        self.fresh(db).await.map(drop)
    }

    /// The index, brought up to the registry's current version first.
    async fn fresh(&self, db: &Db) -> Result<OwnedRwLockReadGuard<Option<Data>>, AppError> {
        let mut tx = db.read().await?;
        let current = chibo_storage::stats::version(&mut tx).await?;
        tx.commit().await?;
        let read = self.inner.clone().read_owned().await;
        if read.as_ref().is_some_and(|d| d.version >= current) {
            return Ok(read);
        }
        drop(read);
        let mut write = self.inner.clone().write_owned().await;
        let reload = match write.as_mut() {
            None => true,
            Some(d) if d.version < current => match d.refresh(db).await {
                Ok(everything) => everything,
                Err(e) => {
                    // Half-applied changes must not be answered from: start over next time.
                    *write = None;
                    return Err(e);
                }
            },
            Some(_) => false,
        };
        if reload {
            *write = None;
            *write = Some(Data::load(db).await?);
        }
        Ok(write.downgrade())
    }
}

/// The unit a query covers (`code`, or by default the caller's own unit; `None` for the whole
/// registry), resolved against the caller's scope. Deadlines share it.
pub(crate) async fn scope_unit(
    app: &App,
    by: By<'_>,
    code: Option<&str>,
) -> Result<Option<UnitId>, AppError> {
    let mut tx = app.db.read().await?;
    let unit = match (by, code) {
        (By::System(_), None) => None,
        (By::System(_), Some(code)) => Some(
            units::id_by_code(&mut tx, code)
                .await?
                .ok_or(AppError::NoSuchReference { field: "unit" })?,
        ),
        (By::User(actor), _) if !actor.can(Permission::ViewUnits) => {
            return Err(AppError::Forbidden(Permission::ViewUnits));
        }
        (By::User(actor), Some(code)) => {
            match find_unit(&mut tx, actor, Permission::ViewUnits, code, clock::today()).await {
                Ok((u, _, _)) => Some(u),
                Err(AppError::NotFound) => return Err(AppError::NoSuchReference { field: "unit" }),
                Err(e) => return Err(e),
            }
        }
        (By::User(actor), None) => match &actor.scope {
            Scope::Everything => None,
            Scope::Subtree(p) => Some(p.units().last().copied().ok_or(AppError::NotFound)?),
            Scope::OwnRecord(_) | Scope::Nothing => return Err(AppError::NotFound),
        },
    };
    tx.commit().await?;
    Ok(unit)
}

/// Answers a statistics query for a user (scope-checked) or for the system (the CLI).
pub async fn query(app: &App, by: By<'_>, q: &StatsQuery) -> Result<StatsResult, AppError> {
    let unit = scope_unit(app, by, q.unit.as_deref()).await?;
    let data = app.stats.fresh(&app.db).await?;
    let within = match (unit, data.as_ref()) {
        (None, _) => Some(Within::Everything),
        (Some(u), Some(d)) => d.tree.dense(u).map(Within::Unit),
        (Some(_), None) => None,
    };
    let owned = q.clone();
    let (counts, row_unit_ids, dicts) = tokio::task::spawn_blocking(move || {
        let Some(d) = data.as_ref() else {
            return (count::Counts::default(), Vec::new(), Vec::new());
        };
        let counts = match within {
            Some(w) => count(d, w, &owned),
            None => count::Counts::default(),
        };
        let ids: Vec<UnitId> = counts
            .row_units
            .units
            .iter()
            .map(|u| d.tree.ids[*u as usize])
            .collect();
        let dicts: Vec<Vec<String>> = d.dicts.iter().map(|x| x.values.clone()).collect();
        (counts, ids, dicts)
    })
    .await
    .map_err(|e| AppError::Internal(format!("statistics task: {e}")))?;
    assemble(app, q, unit, counts, &row_unit_ids, &dicts).await
}

/// Turns counts into the sorted table, naming units as they stood on the day.
async fn assemble(
    app: &App,
    q: &StatsQuery,
    unit: Option<UnitId>,
    counts: count::Counts,
    row_units: &[UnitId],
    dicts: &[Vec<String>],
) -> Result<StatsResult, AppError> {
    let mut tx = app.db.read().await?;
    let mut labels = Vec::with_capacity(row_units.len());
    for u in row_units {
        let v = units::latest_version(&mut tx, *u, q.as_of).await?;
        labels.push(v.map(|v| (v.code, v.name)).unwrap_or_default());
    }
    let scope = match unit {
        Some(u) => units::latest_version(&mut tx, u, q.as_of)
            .await?
            .map(|v| (v.code, v.name)),
        None => None,
    };
    tx.commit().await?;
    let measure_columns = StatsResult::measure_columns(q);
    let mut total = vec![0i64; measure_columns.len()];
    for (_, values) in &counts.rows {
        for (t, v) in total.iter_mut().zip(values) {
            *t += v;
        }
    }
    let text = |i: usize, v: u32| dicts.get(i).and_then(|d| d.get(v as usize)).cloned();
    let mut rows: Vec<(Vec<(u32, String)>, StatsRow)> = Vec::new();
    if q.by.is_empty() {
        rows.push((
            Vec::new(),
            StatsRow {
                dims: Vec::new(),
                values: total.clone(),
            },
        ));
    } else {
        for (idx, values) in counts.rows {
            if values.iter().all(|v| *v == 0) {
                continue;
            }
            let mut dims = Vec::new();
            let mut order = Vec::new();
            for (d, v) in q.by.iter().zip(&idx) {
                let ordered = |labels: &[&str]| {
                    let s = labels.get(*v as usize).copied().unwrap_or_default();
                    ((*v, String::new()), s.to_owned())
                };
                let (key, value) = match d {
                    Dimension::Unit => {
                        let (code, name) = labels.get(*v as usize).cloned().unwrap_or_default();
                        dims.push(code.clone());
                        ((0, code), name)
                    }
                    Dimension::Sex => ordered(&["M", "F"]),
                    Dimension::Status => ordered(&["official", "probationary"]),
                    Dimension::AgeBand => ordered(age_band_labels()),
                    Dimension::PartyAgeBand => ordered(party_age_band_labels()),
                    Dimension::Ethnicity
                    | Dimension::Religion
                    | Dimension::Education
                    | Dimension::ProfessionalLevel
                    | Dimension::PoliticalTheory => {
                        let s = text(text_dict(*d), *v).unwrap_or_default();
                        ((0, s.clone()), s)
                    }
                };
                order.push(key);
                dims.push(value);
            }
            rows.push((order, StatsRow { dims, values }));
        }
        rows.sort_by(|a, b| a.0.cmp(&b.0));
    }
    Ok(StatsResult {
        query: q.clone(),
        unit: scope,
        dim_columns: StatsResult::dim_columns(&q.by),
        measure_columns,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        total,
    })
}

fn text_dict(d: Dimension) -> usize {
    match d {
        Dimension::Ethnicity => index::ETHNICITY,
        Dimension::Religion => index::RELIGION,
        Dimension::Education => index::EDUCATION,
        Dimension::ProfessionalLevel => index::PROFESSIONAL_LEVEL,
        _ => index::POLITICAL_THEORY,
    }
}
