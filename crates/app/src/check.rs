//! `chibo check`: rebuilds every member's state and periods from their events, and every
//! unit's path spans from its versions, and reports any difference from what is stored.

use std::collections::HashMap;

use chibo_domain::ids::UnitId;
use chibo_domain::member::{periods, replay};
use chibo_domain::org::{UnitVersion, unit_spans};
use chibo_storage::members::{self, StateColumns};
use chibo_storage::{events, paths, periods as period_repo, units};
use serde::Serialize;

use crate::{App, AppError};

/// A difference between stored projections and what the history rebuilds to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CheckProblem {
    /// The history does not replay.
    HistoryInvalid { member_key: String, error: String },
    /// The member row's state columns differ from the replayed state.
    StateDiffers {
        member_key: String,
        stored: String,
        rebuilt: String,
    },
    /// The stored membership periods differ from the replayed ones.
    PeriodsDiffer { member_key: String },
    /// The unit's stored path spans differ from those its versions give.
    SpansDiffer { unit_code: String },
    /// The unit's versions do not make a valid tree.
    TreeInvalid { unit_code: String, error: String },
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub members: usize,
    pub units: usize,
    pub problems: Vec<CheckProblem>,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

const BATCH: i64 = 500;

pub async fn check(app: &App) -> Result<CheckReport, AppError> {
    let mut report = CheckReport::default();
    let mut after = 0;
    loop {
        let mut tx = app.db.read().await?;
        let ids = members::ids_after(&mut tx, after, BATCH).await?;
        let Some(last) = ids.last() else { break };
        after = last.0;
        for id in ids {
            report.members += 1;
            let Some(row) = members::get(&mut tx, id).await? else {
                continue;
            };
            let history = events::history(&mut tx, id)
                .await?
                .iter()
                .map(|e| e.to_entry())
                .collect::<Result<Vec<_>, _>>()?;
            let key = row.member_key.clone();
            let rebuilt = match (replay(&history, None), periods(&history)) {
                (Ok(Some(state)), Ok(p)) => (StateColumns::from(&state), p),
                (Ok(None), _) => {
                    report.problems.push(CheckProblem::HistoryInvalid {
                        member_key: key,
                        error: "no events".into(),
                    });
                    continue;
                }
                (Err(e), _) | (_, Err(e)) => {
                    report.problems.push(CheckProblem::HistoryInvalid {
                        member_key: key,
                        error: e.to_string(),
                    });
                    continue;
                }
            };
            let stored = members::state(&mut tx, id).await?;
            if stored.as_ref() != Some(&rebuilt.0) {
                report.problems.push(CheckProblem::StateDiffers {
                    member_key: key.clone(),
                    stored: format!("{stored:?}"),
                    rebuilt: format!("{:?}", rebuilt.0),
                });
            }
            if period_repo::of_member(&mut tx, id).await? != rebuilt.1 {
                report
                    .problems
                    .push(CheckProblem::PeriodsDiffer { member_key: key });
            }
        }
        tx.commit().await?;
    }
    check_units(app, &mut report).await?;
    Ok(report)
}

async fn check_units(app: &App, report: &mut CheckReport) -> Result<(), AppError> {
    let mut tx = app.db.read().await?;
    let ids = units::all_ids(&mut tx).await?;
    let mut stored: HashMap<UnitId, Vec<chibo_domain::org::PathSpan>> = HashMap::new();
    for id in &ids {
        stored.insert(*id, paths::spans(&mut tx, *id).await?);
    }
    for id in ids {
        report.units += 1;
        let rows = units::versions(&mut tx, id).await?;
        let code = rows.first().map(|r| r.code.clone()).unwrap_or_default();
        let versions = rows
            .iter()
            .map(|r| r.to_version())
            .collect::<Result<Vec<UnitVersion>, _>>()?;
        // Each unit is rebuilt against its parents' stored spans: a difference anywhere shows
        // up at the first unit whose spans disagree.
        match unit_spans(&versions, &|p| stored.get(&p).cloned().unwrap_or_default()) {
            Ok(spans) if Some(&spans) == stored.get(&id) => {}
            Ok(_) => report
                .problems
                .push(CheckProblem::SpansDiffer { unit_code: code }),
            Err(e) => report.problems.push(CheckProblem::TreeInvalid {
                unit_code: code,
                error: e.to_string(),
            }),
        }
    }
    tx.commit().await?;
    Ok(())
}
