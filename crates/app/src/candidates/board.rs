//! Reads for the pages and the API: the pipeline as a board of stages over a unit's cells, and
//! a candidate's timeline with the names of those who recorded each step.

use std::collections::BTreeMap;

use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::admission::Stage;
use chibo_domain::calendar::{WorkingCalendar, status};
use chibo_domain::ids::{MemberId, UserId};
use chibo_domain::org::UnitPath;
use chibo_storage::candidates::{self as repo, StepRow};
use chibo_storage::db::prefix_range;
use chibo_storage::{units, users};
use chrono::NaiveDate;
use serde::Serialize;

use super::CandidateView;
use crate::deadlines::DeadlineKind;
use crate::scope::find_unit;
use crate::settings::Settings;
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
    /// The time limit running on the next step, if any.
    pub deadline: Option<CandidateDeadline>,
}

/// A time limit on a candidate's next step: the cell vote while the awareness certificate is
/// valid (ADM-04), the admission decision after the cell's vote (ADM-11) or the ceremony after
/// the decision is received (ADM-13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateDeadline {
    /// `ADM-04`, `ADM-11` or `ADM-13`.
    pub rule: &'static str,
    /// The stage the limit is for: `cell_vote`, `decided` or `ceremony`.
    pub stage: Stage,
    pub due_on: NaiveDate,
    /// `not_yet_due`, `due_soon`, `due` or `overdue` today.
    pub status: &'static str,
}

/// The limit running on the next step of a candidate with these steps (failed votes do not
/// count as the stage reached), by the same computation as the deadline lists.
fn deadline_of(
    steps: &[StepRow],
    certificate: Option<NaiveDate>,
    calendar: &WorkingCalendar,
    settings: &Settings,
    today: NaiveDate,
) -> Result<Option<CandidateDeadline>, AppError> {
    let open = super::open_deadlines(steps, certificate, calendar, &settings.admission)?;
    Ok(open.into_iter().next().map(|(kind, due_on)| {
        let (rule, stage) = match kind {
            DeadlineKind::AwarenessCertificate => ("ADM-04", Stage::CellVote),
            DeadlineKind::AdmissionDecision => ("ADM-11", Stage::Decided),
            DeadlineKind::AdmissionCeremony => ("ADM-13", Stage::Ceremony),
            DeadlineKind::RecognitionReview
            | DeadlineKind::RecognitionDecision
            | DeadlineKind::ScreeningReview
            | DeadlineKind::ComplaintSettlement => ("PRB-02", Stage::Ceremony),
        };
        CandidateDeadline {
            rule,
            stage,
            due_on,
            status: status(due_on, today, settings.due_soon_working_days, calendar).code(),
        }
    }))
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

    /// The cards with a time limit running, the earliest first.
    pub fn deadlines(&self) -> Vec<&BoardCard> {
        let mut out: Vec<&BoardCard> = self
            .columns
            .iter()
            .flat_map(|c| &c.cards)
            .filter(|c| c.deadline.is_some())
            .collect();
        out.sort_by_key(|c| c.deadline.as_ref().map(|d| d.due_on));
        out
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
    let range = prefix_range(path.as_str());
    let (candidates, steps) = repo::in_subtree_with_steps(&mut tx, today, &range).await?;
    // Renewed certificates (ADM-04), the newest per candidate (they come by date).
    let renewed: std::collections::HashMap<i64, NaiveDate> =
        repo::certificates_in_subtree(&mut tx, today, &range)
            .await?
            .into_iter()
            .collect();
    let settings = crate::settings::load_in(&mut tx).await?;
    tx.commit().await?;
    let calendar = crate::calendar::working_calendar(app).await?;
    let mut columns: Vec<BoardColumn> = Stage::ALL
        .iter()
        .map(|s| BoardColumn {
            stage: *s,
            cards: Vec::new(),
        })
        .collect();
    let mut steps = steps.into_iter().peekable();
    for c in candidates {
        // Both lists are ordered by candidate id; a candidate's steps come in one run.
        let mut own: Vec<StepRow> = Vec::new();
        while let Some(s) = steps.next_if(|s| s.candidate_id <= c.id) {
            if s.candidate_id == c.id {
                own.push(s);
            }
        }
        // A candidate always has the first step (written with them); skip a torn record.
        let Some((stage, stage_on)) = super::last_stage(&own)? else {
            continue;
        };
        let certificate = super::newest_certificate(&own, renewed.get(&c.id).copied());
        let deadline = deadline_of(&own, certificate, &calendar, &settings, today)?;
        if let Some(col) = columns.iter_mut().find(|col| col.stage == stage) {
            col.cards.push(BoardCard {
                candidate_key: c.candidate_key,
                full_name: c.full_name,
                birth_date: c.birth_date,
                cell_name: c.cell_name.unwrap_or_else(|| c.cell_code.clone()),
                cell_code: c.cell_code,
                stage_on,
                deadline,
            });
        }
    }
    for col in &mut columns {
        col.cards.sort_by(|a, b| {
            (&a.full_name, &a.candidate_key).cmp(&(&b.full_name, &b.candidate_key))
        });
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
    /// The time limit running on the next step, if any.
    pub deadline: Option<CandidateDeadline>,
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
    let calendar = crate::calendar::working_calendar(app).await?;
    let settings = crate::settings::load(app).await?;
    let today = clock::today();
    let certificate = super::certificate_issued(&view.steps, &view.documents, today);
    let deadline = deadline_of(&view.steps, certificate, &calendar, &settings, today)?;
    Ok(Timeline {
        view,
        recorders,
        deadline,
    })
}

/// The key of the candidate record a member was admitted from, when the caller may read it
/// (a member's own account sees their profile, not the candidate record).
pub async fn candidate_of_member(
    app: &App,
    actor: &Actor,
    member: MemberId,
) -> Result<Option<String>, AppError> {
    if !actor.can(Permission::ViewMembers) {
        return Ok(None);
    }
    let mut tx = app.db.read().await?;
    let key = repo::key_of_member(&mut tx, member.0).await?;
    tx.commit().await?;
    let Some(key) = key else { return Ok(None) };
    match super::get(app, actor, &key).await {
        Ok(_) => Ok(Some(key)),
        Err(AppError::NotFound | AppError::Forbidden(_)) => Ok(None),
        Err(e) => Err(e),
    }
}
