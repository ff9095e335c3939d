//! REM-06 and REM-07: a complaint against a removal decision (due within the working days
//! after the member received it, settled within the working days of its level) or against a
//! disciplinary measure (due within a month of receipt; the penalty applies meanwhile). A
//! settlement by which the contested decision does not stand voids its registry event
//! (`removed`, or `expelled` for an expulsion) in the same transaction.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::dates::format_vn;
use chibo_domain::field::{FieldErrors, Problem};
use chibo_domain::ids::{EventId, MemberId};
use chibo_domain::member::MemberState;
use chibo_domain::removal::{
    ComplaintLevel, ComplaintState, ComplaintStep, DisciplineKind, Recorded, RemovalViolation,
    check_discipline_complaint, complaint_state,
};
use chibo_storage::removal::{self as repo, CaseRow, Contests, NewStep};
use chibo_storage::{events, now};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{COMPLAINT, Loaded, REMOVAL, StepOutcome, complaint_steps, load, params, parse_bool};
use crate::audit::{self, About, Action, By};
use crate::members::{Append, append_and_project};
use crate::recognition::working_calendar_in;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

const STEPS: &[&str] = &["decision_received", "lodged", "settled"];

/// A complaint step as typed in a form or an API body.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ComplaintInput {
    /// `decision_received`, `lodged` or `settled`.
    pub step: String,
    /// The step's date (for `decision_received`, the day the member received the decision).
    pub on: String,
    /// Lodged, settled: the complaint case (by default the member's complaint not yet settled).
    pub complaint: Option<String>,
    /// Decision received: the removal case contested (REM-06) …
    pub removal_case: Option<String>,
    /// … or the disciplinary measure contested (REM-07) …
    pub discipline: Option<String>,
    /// … or the screening case whose removal decision is contested (REM-09, then REM-06).
    pub screening: Option<String>,
    /// Lodged: `local` or `central`, the level settling it.
    pub level: Option<String>,
    /// Settled: whether the contested decision stands.
    pub decision_stands: Option<String>,
}

/// The rule a complaint answers to: REM-07 against a disciplinary measure, REM-06 otherwise.
pub(crate) fn rule_of(case: &CaseRow) -> &'static str {
    if case.contests_discipline_id.is_some() {
        "REM-07"
    } else {
        "REM-06"
    }
}

fn id(e: &mut FieldErrors, field: &'static str, input: Option<&str>) -> Option<i64> {
    let s = input.map(str::trim).filter(|s| !s.is_empty())?;
    match s.parse::<i64>() {
        Ok(v) => Some(v),
        Err(_) => {
            e.push(field, Problem::NotANumber);
            None
        }
    }
}

/// The decision a complaint contests: its date, its reference and the history event it wrote.
struct Contested {
    decided_on: NaiveDate,
    decision_ref: String,
    event_kind: Option<&'static str>,
}

async fn contested(
    tx: &mut chibo_storage::Tx,
    member: MemberId,
    loaded: &Loaded,
    case: &CaseRow,
) -> Result<Contested, AppError> {
    if let Some(d) = case.contests_discipline_id {
        let m = chibo_storage::discipline::of_member(tx, member.0)
            .await?
            .into_iter()
            .find(|m| m.id == d)
            .ok_or_else(|| AppError::Internal("complaint about an unknown measure".into()))?;
        let kind = DisciplineKind::parse(&m.kind).and_then(DisciplineKind::event_kind);
        return Ok(Contested {
            decided_on: m.decided_on,
            decision_ref: m.decision_ref,
            event_kind: kind.map(|k| k.code()),
        });
    }
    if let Some(sc) = case.contests_screening_id {
        let decided = chibo_storage::screening::steps(tx, sc)
            .await?
            .into_iter()
            .find(|s| s.kind == crate::screening::REMOVAL_DECIDED)
            .ok_or_else(|| AppError::Internal("complaint about a screening not decided".into()))?;
        return Ok(Contested {
            decided_on: decided.effective_on,
            decision_ref: decided.decision_ref.unwrap_or_default(),
            event_kind: Some("removed"),
        });
    }
    let removal = case
        .contests_case_id
        .ok_or_else(|| AppError::Internal("complaint contesting nothing".into()))?;
    let decided = loaded
        .steps(removal)
        .iter()
        .find(|s| s.kind == "decided")
        .ok_or_else(|| AppError::Internal("complaint about an undecided removal".into()))?;
    Ok(Contested {
        decided_on: decided.effective_on,
        decision_ref: decided.decision_ref.clone().unwrap_or_default(),
        event_kind: Some("removed"),
    })
}

/// REM-06, REM-07: records a step of a complaint. `decision_received` opens the complaint
/// against a decided removal case or a disciplinary measure of the member; `lodged` is refused
/// after its due date; `settled` with the decision not standing voids the contested event.
pub async fn record_complaint(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &ComplaintInput,
) -> Result<StepOutcome, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let mut e = FieldErrors::new();
    let on = super::step_date(&mut e, &input.on, today, row.admitted_on);
    let complaint = id(&mut e, "complaint", input.complaint.as_deref());
    let removal_case = id(&mut e, "removal_case", input.removal_case.as_deref());
    let discipline = id(&mut e, "discipline", input.discipline.as_deref());
    let screening = id(&mut e, "screening", input.screening.as_deref());
    let step = match input.step.trim() {
        "decision_received" => {
            // Exactly one contested decision.
            match [removal_case, discipline, screening]
                .iter()
                .flatten()
                .count()
            {
                0 => e.push("removal_case", Problem::Required),
                1 => {}
                _ => e.push(
                    if discipline.is_some() {
                        "discipline"
                    } else {
                        "screening"
                    },
                    Problem::ConflictsWith {
                        other_field: "removal_case",
                    },
                ),
            }
            Some(ComplaintStep::DecisionReceived)
        }
        "lodged" => e
            .take(
                "level",
                ComplaintLevel::parse(input.level.as_deref().unwrap_or("local")).ok_or(
                    Problem::NotOneOf {
                        allowed: ComplaintLevel::CODES,
                    },
                ),
            )
            .map(|level| ComplaintStep::Lodged { level }),
        "settled" => match input.decision_stands.as_deref().map(str::trim) {
            None | Some("") => {
                e.push("decision_stands", Problem::Required);
                None
            }
            v => parse_bool(&mut e, "decision_stands", v)
                .map(|decision_stands| ComplaintStep::Settled { decision_stands }),
        },
        _ => {
            e.push("step", Problem::NotOneOf { allowed: STEPS });
            None
        }
    };
    let (Some(on), Some(step), true) = (on, step, e.is_empty()) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let loaded = load(&mut tx, member.0).await?;
    let calendar = working_calendar_in(&mut tx).await?;
    let complaints: Vec<&CaseRow> = loaded
        .cases
        .iter()
        .filter(|c| c.procedure == COMPLAINT)
        .collect();
    let (case, rule) = if step == ComplaintStep::DecisionReceived {
        let contests = Contests {
            case_id: removal_case,
            discipline_id: discipline,
            screening_id: screening,
        };
        let rule = if discipline.is_some() {
            "REM-07"
        } else {
            "REM-06"
        };
        if let Some(c) = removal_case {
            let target = loaded
                .cases
                .iter()
                .find(|k| k.id == c && k.procedure == REMOVAL)
                .ok_or(AppError::field("removal_case", Problem::NotExpected))?;
            if !loaded.steps(target.id).iter().any(|s| s.kind == "decided") {
                return Err(AppError::field("removal_case", Problem::NotExpected));
            }
        }
        // A screening's removal decision: the member's latest screening, decided.
        if let Some(sc) = screening {
            let latest = chibo_storage::screening::latest_case(&mut tx, member.0).await?;
            let decided = latest == Some(sc)
                && chibo_storage::screening::steps(&mut tx, sc)
                    .await?
                    .iter()
                    .any(|s| s.kind == crate::screening::REMOVAL_DECIDED);
            if !decided {
                return Err(AppError::field("screening", Problem::NotExpected));
            }
        }
        if let Some(d) = discipline {
            let known = chibo_storage::discipline::of_member(&mut tx, member.0)
                .await?
                .iter()
                .any(|m| m.id == d);
            if !known {
                return Err(AppError::field("discipline", Problem::NotExpected));
            }
        }
        // One complaint per contested decision.
        if let Some(existing) = complaints.iter().find(|k| {
            (removal_case.is_some() && k.contests_case_id == removal_case)
                || (discipline.is_some() && k.contests_discipline_id == discipline)
                || (screening.is_some() && k.contests_screening_id == screening)
        }) {
            let p = params(&loaded.rules, existing.opened_on);
            let state =
                complaint_state(&complaint_steps(loaded.steps(existing.id))?, &p, &calendar)?;
            return Err(RemovalViolation::StepOutOfOrder {
                rule,
                state: state.as_ref().map_or("none", ComplaintState::code),
                step: step.code(),
            }
            .into());
        }
        (Err(contests), rule)
    } else {
        let found = match complaint {
            Some(c) => complaints.iter().find(|k| k.id == c).copied(),
            None => complaints
                .iter()
                .rev()
                .copied()
                .find(|k| !loaded.steps(k.id).iter().any(|s| s.kind == "settled")),
        };
        let Some(found) = found else {
            return Err(if complaint.is_some() {
                AppError::field("complaint", Problem::NotExpected)
            } else {
                RemovalViolation::StepOutOfOrder {
                    rule: "REM-06",
                    state: "none",
                    step: step.code(),
                }
                .into()
            });
        };
        (Ok(found), rule_of(found))
    };
    let mut steps = match case {
        Ok(c) => complaint_steps(loaded.steps(c.id))?,
        Err(_) => Vec::new(),
    };
    // The decision is received after it is taken.
    let target = match case {
        Ok(c) => Some(contested(&mut tx, member, &loaded, c).await?),
        Err(contests) => {
            let probe = CaseRow {
                id: 0,
                member_id: member.0,
                procedure: COMPLAINT.to_owned(),
                contests_case_id: contests.case_id,
                contests_discipline_id: contests.discipline_id,
                contests_screening_id: contests.screening_id,
                opened_on: on,
            };
            Some(contested(&mut tx, member, &loaded, &probe).await?)
        }
    };
    if let Some(t) = &target
        && step == ComplaintStep::DecisionReceived
        && on < t.decided_on
    {
        return Err(RemovalViolation::StepDateBackwards {
            rule,
            previous_on: t.decided_on,
            on,
        }
        .into());
    }
    // The values in force on the day the complaint opened (the decision's receipt; GEN-03).
    let p = params(&loaded.rules, case.map_or(on, |c| c.opened_on));
    // REM-07: a month from receipt, checked before the working-day machinery.
    if rule == "REM-07"
        && matches!(step, ComplaintStep::Lodged { .. })
        && let Some(received) = steps.first()
    {
        check_discipline_complaint(received.on, on, &p)?;
    }
    steps.push(Recorded::new(on, step.clone()));
    let state = complaint_state(&steps, &p, &calendar)?
        .ok_or_else(|| AppError::Internal("complaint without a state".into()))?;
    let at = now();
    let by = Some(actor.user.0);
    let case_id = match case {
        Ok(c) => c.id,
        Err(contests) => {
            repo::open_case(&mut tx, member.0, COMPLAINT, contests, on, at, by).await?
        }
    };
    let before = chibo_storage::members::state(&mut tx, member).await?;
    // The contested decision does not stand: void its event, restoring the member.
    let mut voided: Option<(i64, String)> = None;
    let mut after_state: Option<MemberState> = None;
    if let (
        ComplaintState::Settled {
            decision_stands: false,
            ..
        },
        Some(t),
    ) = (&state, &target)
        && let Some(kind) = t.event_kind
    {
        let history = events::history(&mut tx, member).await?;
        let target_event = history.iter().rev().find(|ev| {
            ev.kind == kind
                && ev.effective_on == t.decided_on
                && ev.decision_ref.as_deref() == Some(t.decision_ref.as_str())
                && !history.iter().any(|x| x.voids_event_id == Some(ev.id))
        });
        if let Some(ev) = target_event {
            let reason = format!(
                "{rule}: khiếu nại được giải quyết ngày {}, quyết định {} không được giữ nguyên",
                format_vn(on),
                t.decision_ref
            );
            after_state = Some(
                append_and_project(
                    &mut tx,
                    member,
                    Append::Void {
                        target: EventId(ev.id),
                        reason: Some(&reason),
                    },
                    Some(actor.user),
                )
                .await?,
            );
            voided = Some((ev.id, reason));
        }
    }
    let new = NewStep {
        kind: step.code(),
        effective_on: Some(on),
        level: match &step {
            ComplaintStep::Lodged { level } => Some(level.code()),
            _ => None,
        },
        decision_stands: match &step {
            ComplaintStep::Settled { decision_stands } => Some(*decision_stands),
            _ => None,
        },
        ..NewStep::default()
    };
    repo::insert_step(&mut tx, case_id, &new, at, by).await?;
    #[derive(Serialize)]
    struct Audited<'a> {
        case_id: i64,
        rule: &'static str,
        step: &'a NewStep,
        state: &'a ComplaintState,
        voided_event: Option<i64>,
        reason: Option<&'a str>,
        member: Option<&'a MemberState>,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::ComplaintStep,
        About::member(member, &row.full_name, audit_path(&paths)),
        if voided.is_some() {
            before.as_ref()
        } else {
            None
        },
        Some(&Audited {
            case_id,
            rule,
            step: &new,
            state: &state,
            voided_event: voided.as_ref().map(|v| v.0),
            reason: voided.as_ref().map(|v| v.1.as_str()),
            member: after_state.as_ref(),
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(StepOutcome {
        case_id,
        state: state.code(),
        history_changed: voided.is_some(),
    })
}
