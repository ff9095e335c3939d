//! REM-05 (and REM-10): a removal case, from its opening on a ground through the self-review
//! (or the unanswered requests), the cell's and the committee's two-thirds votes, to the
//! competent committee's decision, which appends the registry event `removed`.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem};
use chibo_domain::ids::MemberId;
use chibo_domain::removal::{
    Recorded, RemovalGround, RemovalState, RemovalStep, RemovalViolation, removal_state,
};
use chibo_storage::now;
use chibo_storage::removal::{self as repo, Contests, NewStep};
use serde::Deserialize;

use super::{REMOVAL, StepOutcome, decision_ref, load, params, removal_steps};
use crate::audit::{About, Action};
use crate::members::NewLife;
use crate::recognition::count;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

const RULE: &str = "REM-05";
const STEPS: &[&str] = &[
    "opened",
    "self_review_requested",
    "self_reviewed",
    "cell_vote",
    "committee_vote",
    "decided",
];

/// A removal step as typed in a form or an API body.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RemovalInput {
    /// `opened`, `self_review_requested`, `self_reviewed`, `cell_vote`, `committee_vote` or
    /// `decided`.
    pub step: String,
    /// The step's date.
    pub on: String,
    /// Opened: the ground (see [`RemovalGround::CODES`]).
    pub ground: Option<String>,
    /// Cell vote: the members voting; committee vote: the committee's size.
    pub base: Option<String>,
    /// Votes: those approving the removal.
    pub approvals: Option<String>,
    /// Decided: the decision's number.
    pub decision_ref: Option<String>,
}

fn parse_step(e: &mut FieldErrors, input: &RemovalInput) -> Option<RemovalStep> {
    match input.step.trim() {
        "opened" => e
            .take(
                "ground",
                input
                    .ground
                    .as_deref()
                    .and_then(RemovalGround::parse)
                    .ok_or(Problem::NotOneOf {
                        allowed: RemovalGround::CODES,
                    }),
            )
            .map(|ground| RemovalStep::Opened { ground }),
        "self_review_requested" => Some(RemovalStep::SelfReviewRequested),
        "self_reviewed" => Some(RemovalStep::SelfReviewed),
        kind @ ("cell_vote" | "committee_vote") => {
            let base = count(e, "base", input.base.as_deref(), true);
            let approvals = count(e, "approvals", input.approvals.as_deref(), true);
            let (base, approvals) = (base?, approvals?);
            Some(if kind == "cell_vote" {
                RemovalStep::CellVote { base, approvals }
            } else {
                RemovalStep::CommitteeVote {
                    size: base,
                    approvals,
                }
            })
        }
        "decided" => decision_ref(e, input.decision_ref.as_deref())
            .map(|decision_ref| RemovalStep::Decided { decision_ref }),
        _ => {
            e.push("step", Problem::NotOneOf { allowed: STEPS });
            None
        }
    }
}

fn new_step(on: chrono::NaiveDate, step: &RemovalStep) -> NewStep {
    let mut s = NewStep {
        kind: step.code(),
        effective_on: Some(on),
        ..NewStep::default()
    };
    match step {
        RemovalStep::Opened { ground } => s.ground = Some(ground.code()),
        RemovalStep::SelfReviewRequested | RemovalStep::SelfReviewed => {}
        RemovalStep::CellVote { base, approvals } => {
            s.base = Some(i64::from(*base));
            s.approvals = Some(i64::from(*approvals));
        }
        RemovalStep::CommitteeVote { size, approvals } => {
            s.base = Some(i64::from(*size));
            s.approvals = Some(i64::from(*approvals));
        }
        RemovalStep::Decided { decision_ref } => s.decision_ref = Some(decision_ref.clone()),
    }
    s
}

/// REM-05: records the next step of the member's removal. `opened` starts a case for a
/// current member without an open one; the other steps go to the open case. The decision
/// appends `removed` with its reference in the same transaction; a vote short of two thirds
/// ends the case (`not_approved`) and the member stays.
pub async fn record_removal(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &RemovalInput,
) -> Result<StepOutcome, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let mut e = FieldErrors::new();
    let on = super::step_date(&mut e, &input.on, today, row.admitted_on);
    let step = parse_step(&mut e, input);
    let (Some(on), Some(step), true) = (on, step, e.is_empty()) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let loaded = load(&mut tx, member.0).await?;
    let open = match loaded.latest(REMOVAL) {
        Some(c) => {
            let steps = removal_steps(loaded.steps(c.id))?;
            let state = removal_state(&steps, &params(&loaded.rules, c.opened_on))?;
            match state {
                Some(s) if !s.is_closed() => Some((c.id, c.opened_on, steps, s)),
                _ => None,
            }
        }
        None => None,
    };
    // A case is judged by the values in force on the day it opened, a new one by its first step.
    let params = params(&loaded.rules, open.as_ref().map_or(on, |o| o.1));
    let (case, mut steps) = match (open, &step) {
        (Some((_, _, _, state)), RemovalStep::Opened { .. }) => {
            // One open removal case per member.
            return Err(RemovalViolation::StepOutOfOrder {
                rule: RULE,
                state: state.code(),
                step: step.code(),
            }
            .into());
        }
        (None, RemovalStep::Opened { .. }) => {
            if !super::is_current(&row.status) {
                return Err(super::not_current(RULE));
            }
            (None, Vec::new())
        }
        (Some((case, _, steps, _)), _) => (Some(case), steps),
        (None, _) => {
            return Err(RemovalViolation::StepOutOfOrder {
                rule: RULE,
                state: "none",
                step: step.code(),
            }
            .into());
        }
    };
    steps.push(Recorded::new(on, step.clone()));
    let state = removal_state(&steps, &params)?
        .ok_or_else(|| AppError::Internal("removal without a state".into()))?;
    let at = now();
    let by = Some(actor.user.0);
    let case = match case {
        Some(c) => c,
        None => {
            repo::open_case(&mut tx, member.0, REMOVAL, Contests::default(), on, at, by).await?
        }
    };
    let event = if let (
        Some(kind),
        RemovalState::Removed {
            ground,
            decision_ref,
            ..
        },
    ) = (state.event_kind(), &state)
    {
        Some(NewLife {
            kind,
            on,
            unit: None,
            decision_ref: Some(decision_ref.clone()),
            reason: Some(format!("{}: {}", ground.rule(), ground.label())),
        })
    } else {
        None
    };
    let new = new_step(on, &step);
    super::write_step(
        tx,
        actor,
        Action::RemovalStep,
        About::member(member, &row.full_name, audit_path(&paths)),
        member,
        case,
        &new,
        state.code(),
        event,
    )
    .await
}
