//! Reads for the pages and the API: the pipeline as a board of stages over a unit's cells, and
//! a candidate's timeline with the names of those who recorded each step.

use std::collections::BTreeMap;

use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::admission::Stage;
use chibo_domain::ids::UserId;
use chibo_domain::org::UnitPath;
use chibo_storage::candidates as repo;
use chibo_storage::db::prefix_range;
use chibo_storage::{units, users};
use chrono::NaiveDate;
use serde::Serialize;

use super::CandidateView;
use crate::scope::find_unit;
use crate::{App, AppError, clock};

/// A candidate's card on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardCard {
    pub candidate_key: String,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub cell_code: String,
    pub cell_name: String,
    /// The date of the candidate's current stage.
    pub stage_on: NaiveDate,
}

/// One column: the candidates whose last recorded step is `stage`, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardColumn {
    pub stage: Stage,
    pub cards: Vec<BoardCard>,
}

/// The candidates of every cell in a unit's subtree, a column per stage in pipeline order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board {
    /// The unit asked for, or the account's own unit; `None` for the whole tree.
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub columns: Vec<BoardColumn>,
}

impl Board {
    pub fn total(&self) -> usize {
        self.columns.iter().map(|c| c.cards.len()).sum()
    }
}

/// The board of `unit_code` (a cell, or a committee with every cell below it), or of the
/// caller's whole scope when `None`. A unit outside the scope is not found.
pub async fn board(app: &App, actor: &Actor, unit_code: Option<&str>) -> Result<Board, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let (path, unit_code, unit_name) = match unit_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => {
            let (unit, path, _) =
                find_unit(&mut tx, actor, Permission::ViewMembers, code, today).await?;
            let name = units::latest_version(&mut tx, unit, today)
                .await?
                .map(|v| v.name);
            (path, Some(code.to_owned()), name)
        }
        None => {
            if !actor.can(Permission::ViewMembers) {
                return Err(AppError::Forbidden(Permission::ViewMembers));
            }
            match &actor.scope {
                Scope::Everything => (UnitPath::everything(), None, None),
                Scope::Subtree(p) => {
                    // The account's own unit, named on the board.
                    let (code, name) = match p.units().last() {
                        Some(u) => (
                            units::code_of(&mut tx, *u).await?,
                            units::latest_version(&mut tx, *u, today)
                                .await?
                                .map(|v| v.name),
                        ),
                        None => (None, None),
                    };
                    (p.clone(), code, name)
                }
                Scope::OwnRecord(_) | Scope::Nothing => return Err(AppError::NotFound),
            }
        }
    };
    let rows = repo::board_in_subtree(&mut tx, today, &prefix_range(path.as_str())).await?;
    tx.commit().await?;
    let mut columns: Vec<BoardColumn> = Stage::ALL
        .iter()
        .map(|s| BoardColumn {
            stage: *s,
            cards: Vec::new(),
        })
        .collect();
    for row in rows {
        // A candidate always has the first step (written with them); skip a torn record.
        let (Some(stage), Some(stage_on)) = (row.stage.as_deref(), row.stage_on) else {
            continue;
        };
        let stage =
            Stage::parse(stage).ok_or_else(|| AppError::Internal(format!("stage {stage}")))?;
        if let Some(col) = columns.iter_mut().find(|c| c.stage == stage) {
            col.cards.push(BoardCard {
                candidate_key: row.candidate_key,
                full_name: row.full_name,
                birth_date: row.birth_date,
                cell_name: row.cell_name.unwrap_or_else(|| row.cell_code.clone()),
                cell_code: row.cell_code,
                stage_on,
            });
        }
    }
    Ok(Board {
        unit_code,
        unit_name,
        columns,
    })
}

/// A candidate with their steps and, per user id, the display name of who recorded a step.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub view: CandidateView,
    pub recorders: BTreeMap<i64, String>,
}

impl Timeline {
    /// Who recorded a step, by name (empty when unknown).
    pub fn recorder(&self, id: Option<i64>) -> &str {
        id.and_then(|i| self.recorders.get(&i))
            .map_or("", String::as_str)
    }
}

/// [`super::get`] and the names of the users who recorded the steps (a handful per candidate).
pub async fn timeline(app: &App, actor: &Actor, key: &str) -> Result<Timeline, AppError> {
    let view = super::get(app, actor, key).await?;
    let mut recorders = BTreeMap::new();
    let mut tx = app.db.read().await?;
    for id in view.steps.iter().filter_map(|s| s.recorded_by) {
        if recorders.contains_key(&id) {
            continue;
        }
        if let Some(u) = users::by_id(&mut tx, UserId(id)).await? {
            recorders.insert(id, u.display_name);
        }
    }
    tx.commit().await?;
    Ok(Timeline { view, recorders })
}
