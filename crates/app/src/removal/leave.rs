//! REM-08: leaving on request. A current member with no standards breach asks in writing, with
//! reasons; the request waits while a discipline case is open (an open removal case, or a
//! complaint against a disciplinary measure not yet settled). The cell forwards it and the
//! competent committee decides, which appends the registry event `resigned`.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::removal::{LeaveStep, Recorded, RemovalViolation, leave_state, removal_state};
use chibo_storage::now;
use chibo_storage::removal::{self as repo, Contests, NewStep};
use serde::Deserialize;

use super::{
    COMPLAINT, LEAVE, Loaded, REMOVAL, StepOutcome, decision_ref, leave_steps, load, params,
    parse_bool, removal_steps,
};
use crate::audit::{About, Action};
use crate::members::NewLife;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

const RULE: &str = "REM-08";
const STEPS: &[&str] = &["requested", "cell_forwarded", "decided"];

/// A step of a request to leave as typed in a form or an API body.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LeaveInput {
    /// `requested`, `cell_forwarded` or `decided`.
    pub step: String,
    /// The step's date.
    pub on: String,
    /// Requested: the written reasons.
    pub reasons: Option<String>,
    /// Requested: the member is known to have breached the standards.
    pub standards_breach: Option<String>,
    /// Decided: the decision's number.
    pub decision_ref: Option<String>,
}

/// Whether a discipline case is open for the member: a removal case not closed, or a
/// complaint against a disciplinary measure not settled.
pub(crate) fn discipline_case_open(loaded: &Loaded) -> Result<bool, AppError> {
    for c in &loaded.cases {
        let steps = loaded.steps(c.id);
        let open = match c.procedure.as_str() {
            REMOVAL => removal_state(&removal_steps(steps)?, &params(&loaded.rules, c.opened_on))?
                .is_some_and(|s| !s.is_closed()),
            COMPLAINT => {
                c.contests_discipline_id.is_some() && !steps.iter().any(|s| s.kind == "settled")
            }
            _ => false,
        };
        if open {
            return Ok(true);
        }
    }
    Ok(false)
}

/// REM-08: records a step of the member's request to leave.
pub async fn record_leave(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &LeaveInput,
) -> Result<StepOutcome, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let mut e = FieldErrors::new();
    let on = super::step_date(&mut e, &input.on, today, row.admitted_on);
    let loaded = load(&mut tx, member.0).await?;
    let mut reasons: Option<String> = None;
    let step = match input.step.trim() {
        "requested" => {
            reasons = e
                .take("reasons", optional_text(input.reasons.as_deref(), 2000))
                .flatten();
            let breach = parse_bool(
                &mut e,
                "standards_breach",
                input.standards_breach.as_deref(),
            );
            breach.map(|standards_breach| LeaveStep::Requested {
                written_reasons: reasons.is_some(),
                standards_breach,
                open_discipline_case: false,
            })
        }
        "cell_forwarded" => Some(LeaveStep::CellForwarded),
        "decided" => decision_ref(&mut e, input.decision_ref.as_deref())
            .map(|decision_ref| LeaveStep::Decided { decision_ref }),
        _ => {
            e.push("step", Problem::NotOneOf { allowed: STEPS });
            None
        }
    };
    let (Some(on), Some(mut step), true) = (on, step, e.is_empty()) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let open = match loaded.latest(LEAVE) {
        Some(c) => {
            let steps = leave_steps(loaded.steps(c.id))?;
            match leave_state(&steps)? {
                Some(s) if s.event_kind().is_none() => Some((c.id, steps, s)),
                _ => None,
            }
        }
        None => None,
    };
    let (case, mut steps) = match (open, &mut step) {
        (Some((_, _, state)), LeaveStep::Requested { .. }) => {
            return Err(RemovalViolation::StepOutOfOrder {
                rule: RULE,
                state: state.code(),
                step: "requested",
            }
            .into());
        }
        (
            None,
            LeaveStep::Requested {
                open_discipline_case,
                ..
            },
        ) => {
            if !super::is_current(&row.status) {
                return Err(super::not_current(RULE));
            }
            *open_discipline_case = discipline_case_open(&loaded)?;
            (None, Vec::new())
        }
        (Some((case, steps, _)), _) => (Some(case), steps),
        (None, s) => {
            return Err(RemovalViolation::StepOutOfOrder {
                rule: RULE,
                state: "none",
                step: s.code(),
            }
            .into());
        }
    };
    steps.push(Recorded::new(on, step.clone()));
    let state =
        leave_state(&steps)?.ok_or_else(|| AppError::Internal("leave without a state".into()))?;
    let at = now();
    let by = Some(actor.user.0);
    let case = match case {
        Some(c) => c,
        None => repo::open_case(&mut tx, member.0, LEAVE, Contests::default(), on, at, by).await?,
    };
    let event =
        if let (Some(kind), LeaveStep::Decided { decision_ref }) = (state.event_kind(), &step) {
            let request = loaded
                .steps(case)
                .iter()
                .find(|s| s.kind == "requested")
                .and_then(|s| s.reasons.clone());
            Some(NewLife {
                kind,
                on,
                unit: None,
                decision_ref: Some(decision_ref.trim().to_owned()),
                reason: Some(match request {
                    Some(r) => format!("REM-08: xin ra khỏi Đảng — {r}"),
                    None => "REM-08: xin ra khỏi Đảng".to_owned(),
                }),
            })
        } else {
            None
        };
    let new = NewStep {
        kind: step.code(),
        effective_on: Some(on),
        reasons,
        standards_breach: match &step {
            LeaveStep::Requested {
                standards_breach, ..
            } => Some(*standards_breach),
            _ => None,
        },
        decision_ref: match &step {
            LeaveStep::Decided { decision_ref } => Some(decision_ref.trim().to_owned()),
            _ => None,
        },
        ..NewStep::default()
    };
    super::write_step(
        tx,
        actor,
        Action::LeaveStep,
        About::member(member, &row.full_name, audit_path(&paths)),
        member,
        case,
        &new,
        state.code(),
        event,
    )
    .await
}
