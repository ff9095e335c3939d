//! Screening (rà soát, sàng lọc; rule REM-09; issue 6, point 6): the cell flags a member by
//! secret ballot, plans help with a responsible member, reviews after the help period (12
//! months by default) and keeps the member or proposes exit; the removal decision on a
//! proposed exit appends the registry event `removed` in the same transaction. Every step is
//! stored append-only (`screening_step`) and audited; the domain's `screening_state` replays
//! the stored steps with the new one and refuses a step out of order, a short or open vote, a
//! plan without a responsible member and a review before the period has run.
//!
//! Not yet here: the full REM-05 removal procedure (self-review requests, the cell's and the
//! committee's votes) and the REM-06 complaint period; the decision is recorded with its
//! reference on the screening's proposal.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::ids::MemberId;
use chibo_domain::member::{EventKind, MemberState};
use chibo_domain::removal::{
    Recorded, RemovalParams, RemovalViolation, ScreeningState, ScreeningStep, ScreeningVote,
    VoteMethod, screening_state,
};
use chibo_storage::now;
use chibo_storage::screening::{self as repo, NewScreeningStep, ScreeningStepRow};
use chrono::NaiveDate;
use serde::Serialize;

use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

/// `kind` of the removal decision step (after the domain's three).
const REMOVAL_DECIDED: &str = "removal_decided";

/// The rule values in force on the day the case opened (REM-09: `help_period_months`; GEN-03),
/// `first` being its first step's date (today for a case not yet opened).
async fn params(
    tx: &mut chibo_storage::Tx,
    first: Option<NaiveDate>,
) -> Result<RemovalParams, AppError> {
    let day = first.unwrap_or_else(clock::today);
    Ok(crate::settings::load_on(tx, day).await?.removal)
}

/// The date of a case's first step.
fn opened_on(rows: &[ScreeningStepRow]) -> Option<NaiveDate> {
    rows.first().map(|r| r.effective_on)
}

fn to_domain(rows: &[ScreeningStepRow]) -> Result<Vec<Recorded<ScreeningStep>>, AppError> {
    let n = |v: Option<i64>| u32::try_from(v.unwrap_or(0)).unwrap_or(0);
    rows.iter()
        .filter(|r| r.kind != REMOVAL_DECIDED)
        .map(|r| {
            let step = match r.kind.as_str() {
                "flagged" => ScreeningStep::Flagged {
                    vote: ScreeningVote {
                        official_members: n(r.official_members),
                        exempted: n(r.exempted),
                        approvals: n(r.approvals),
                        method: if r.vote_method.as_deref() == Some("secret_ballot") {
                            VoteMethod::SecretBallot
                        } else {
                            VoteMethod::RaisedCard
                        },
                    },
                },
                "help_planned" => ScreeningStep::HelpPlanned {
                    responsible_member: r.responsible_member.clone().unwrap_or_default(),
                },
                "reviewed" => ScreeningStep::Reviewed {
                    progress: r.progress.unwrap_or(false),
                },
                other => return Err(AppError::Internal(format!("screening step {other}"))),
            };
            Ok(Recorded::new(r.effective_on, step))
        })
        .collect()
}

fn new_step(on: NaiveDate, step: &ScreeningStep) -> NewScreeningStep {
    let mut s = NewScreeningStep {
        kind: step.code(),
        effective_on: Some(on),
        ..NewScreeningStep::default()
    };
    match step {
        ScreeningStep::Flagged { vote } => {
            s.official_members = Some(i64::from(vote.official_members));
            s.exempted = Some(i64::from(vote.exempted));
            s.approvals = Some(i64::from(vote.approvals));
            s.vote_method = Some(vote.method.code());
        }
        ScreeningStep::HelpPlanned { responsible_member } => {
            s.responsible_member = Some(responsible_member.trim().to_owned());
        }
        ScreeningStep::Reviewed { progress } => s.progress = Some(*progress),
    }
    s
}

/// Where a member's latest screening stands: the case, its state, whether removal was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScreeningView {
    pub case_id: i64,
    pub state: ScreeningState,
    pub removed: bool,
    pub steps: Vec<ScreeningStepRow>,
}

async fn current(
    tx: &mut chibo_storage::Tx,
    member: MemberId,
) -> Result<Option<(i64, Vec<ScreeningStepRow>)>, AppError> {
    Ok(match repo::latest_case(tx, member.0).await? {
        Some(case) => Some((case, repo::steps(tx, case).await?)),
        None => None,
    })
}

/// The member's latest screening, if any.
pub async fn get(
    app: &App,
    actor: &Actor,
    member: MemberId,
) -> Result<Option<ScreeningView>, AppError> {
    let mut tx = app.db.read().await?;
    find_member(
        &mut tx,
        actor,
        Permission::ViewMembers,
        member,
        clock::today(),
    )
    .await?;
    let out = match current(&mut tx, member).await? {
        Some((case_id, steps)) => {
            let p = params(&mut tx, opened_on(&steps)).await?;
            let state = screening_state(&to_domain(&steps)?, &p)?;
            state.map(|state| ScreeningView {
                case_id,
                state,
                removed: steps.iter().any(|s| s.kind == REMOVAL_DECIDED),
                steps,
            })
        }
        None => None,
    };
    tx.commit().await?;
    Ok(out)
}

/// REM-09: records a step of the member's screening on `on`. A flag opens a new case when the
/// member has none open (none yet, or the last one kept or closed by a decision).
pub async fn record(
    app: &App,
    actor: &Actor,
    member: MemberId,
    on: NaiveDate,
    step: &ScreeningStep,
) -> Result<ScreeningState, AppError> {
    let mut tx = app.db.write().await?;
    let (row, paths, _) = find_member(
        &mut tx,
        actor,
        Permission::EditMembers,
        member,
        clock::today(),
    )
    .await?;
    let existing = current(&mut tx, member).await?;
    let open = match existing {
        Some((case, steps)) => {
            let p = params(&mut tx, opened_on(&steps)).await?;
            let state = screening_state(&to_domain(&steps)?, &p)?;
            let closed = steps.iter().any(|s| s.kind == REMOVAL_DECIDED)
                || matches!(state, Some(ScreeningState::Kept));
            (!closed).then_some((case, steps))
        }
        None => None,
    };
    let mut steps = match &open {
        Some((_, rows)) => to_domain(rows)?,
        None => Vec::new(),
    };
    let first = open.as_ref().and_then(|(_, rows)| opened_on(rows));
    let p = params(&mut tx, first.or(Some(on))).await?;
    steps.push(Recorded::new(on, step.clone()));
    let state = screening_state(&steps, &p)?
        .ok_or_else(|| AppError::Internal("screening without a state".into()))?;
    let at = now();
    let by = Some(actor.user.0);
    let case = match open {
        Some((case, _)) => case,
        None => repo::open_case(&mut tx, member.0, on, at, by).await?,
    };
    let new = new_step(on, step);
    repo::insert_step(&mut tx, case, &new, at, by).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::ScreeningStep,
        About::member(member, &row.full_name, audit_path(&paths)),
        None::<&()>,
        Some(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(state)
}

/// REM-09 → REM-05: the removal decision on a screening that proposed exit, with the
/// decision's reference; appends the registry event `removed` on `on` in the same transaction.
pub async fn decide_removal(
    app: &App,
    actor: &Actor,
    member: MemberId,
    on: NaiveDate,
    decision_ref: &str,
) -> Result<MemberState, AppError> {
    let decision_ref = decision_ref.trim();
    if decision_ref.is_empty() {
        return Err(AppError::field(
            "decision_ref",
            chibo_domain::field::Problem::Required,
        ));
    }
    let mut tx = app.db.write().await?;
    let (row, paths, _) = find_member(
        &mut tx,
        actor,
        Permission::EditMembers,
        member,
        clock::today(),
    )
    .await?;
    let (case, rows) = current(&mut tx, member)
        .await?
        .ok_or(RemovalViolation::StepOutOfOrder {
            rule: "REM-09",
            state: "none",
            step: REMOVAL_DECIDED,
        })?;
    let p = params(&mut tx, opened_on(&rows)).await?;
    let state = screening_state(&to_domain(&rows)?, &p)?;
    let decided = rows.iter().any(|s| s.kind == REMOVAL_DECIDED);
    if decided || !matches!(state, Some(ScreeningState::ExitProposed)) {
        return Err(RemovalViolation::StepOutOfOrder {
            rule: "REM-09",
            state: if decided {
                "removed"
            } else {
                state.as_ref().map_or("none", ScreeningState::code)
            },
            step: REMOVAL_DECIDED,
        }
        .into());
    }
    if rows.last().is_some_and(|r| on < r.effective_on) {
        return Err(RemovalViolation::StepDateBackwards {
            rule: "REM-09",
            previous_on: rows.last().map_or(on, |r| r.effective_on),
            on,
        }
        .into());
    }
    let before = chibo_storage::members::state(&mut tx, member).await?;
    let events = [NewLife {
        kind: EventKind::Removed,
        on,
        unit: None,
        decision_ref: Some(decision_ref.to_owned()),
        reason: Some("REM-09: không tiến bộ sau thời gian giúp đỡ".to_owned()),
    }];
    let state =
        append_and_project(&mut tx, member, Append::Life(&events), Some(actor.user)).await?;
    let step = NewScreeningStep {
        kind: REMOVAL_DECIDED,
        effective_on: Some(on),
        decision_ref: Some(decision_ref.to_owned()),
        ..NewScreeningStep::default()
    };
    repo::insert_step(&mut tx, case, &step, now(), Some(actor.user.0)).await?;
    #[derive(Serialize)]
    struct Decided<'a> {
        step: &'a NewScreeningStep,
        event: &'a NewLife,
        state: &'a MemberState,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::ScreeningRemoval,
        About::member(member, &row.full_name, audit_path(&paths)),
        before.as_ref(),
        Some(&Decided {
            step: &step,
            event: &events[0],
            state: &state,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(state)
}
