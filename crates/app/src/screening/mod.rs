//! Screening (rà soát, sàng lọc; rule REM-09; issue 6, point 6): the cell flags a member by
//! secret ballot, plans help with a responsible member, reviews after the help period (12
//! months by default) and keeps the member or proposes exit; the removal decision on a
//! proposed exit appends the registry event `removed` in the same transaction. Every step is
//! stored append-only (`screening_step`) and audited; the domain's `screening_state` replays
//! the stored steps with the new one and refuses a step out of order, a short or open vote, a
//! plan without a responsible member and a review before the period has run.
//!
//! [`list`] is the read model of the cases in a scope on a day (the `/screening` page, the API
//! and `chibo screening`): where each stands, who helps, when the review is due and whether it
//! is overdue, and the decision.
//!
//! Not yet here: the full REM-05 removal procedure (self-review requests, the cell's and the
//! committee's votes) and the REM-06 complaint period; the decision is recorded with its
//! reference on the screening's proposal.

mod render;

use chibo_domain::access::{Actor, Permission};
use chibo_domain::dates::add_months;
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::member::{EventKind, MemberState};
use chibo_domain::removal::{
    Recorded, RemovalParams, RemovalViolation, ScreeningState, ScreeningStep, ScreeningVote,
    VoteMethod, screening_state,
};
use chibo_storage::db::prefix_range;
use chibo_storage::now;
use chibo_storage::screening::{self as repo, NewScreeningStep, ScreeningStepRow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use render::{COLUMNS, state_label, to_csv, to_json, to_table};

use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::settings::Timeline;
use crate::stats::scope_unit;
use crate::{App, AppError, clock};

/// `kind` of the removal decision step (after the domain's three).
pub(crate) const REMOVAL_DECIDED: &str = "removal_decided";

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
    if on < row.admitted_on {
        return Err(AppError::field("on", Problem::DateTooEarly));
    }
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
    if on < row.admitted_on {
        return Err(AppError::field("on", Problem::DateTooEarly));
    }
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

/// A step as typed in a form or sent to the API; the fields a step does not use are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StepInput {
    /// `flagged`, `help_planned` or `reviewed`.
    pub kind: String,
    /// The step's date (the vote, the plan, the review).
    pub on: String,
    /// Flagged: official members of the cell on the vote day.
    pub official_members: String,
    /// Flagged: of those, members exempted from party work (left out of the base).
    pub exempted: String,
    /// Flagged: votes for listing the member.
    pub approvals: String,
    /// Flagged: `secret_ballot` or `raised_card`.
    pub method: String,
    /// Help planned: the member responsible for the help.
    pub responsible_member: String,
    /// Reviewed: `true` (progress: kept) or `false` (no progress: exit proposed).
    pub progress: String,
}

/// The kinds of [`StepInput`].
pub const STEP_KINDS: &[&str] = &["flagged", "help_planned", "reviewed"];
const METHODS: &[&str] = &["secret_ballot", "raised_card"];
const YES_NO: &[&str] = &["true", "false"];

fn count(e: &mut FieldErrors, field: &'static str, input: &str) -> Option<u32> {
    let t = input.trim();
    if t.is_empty() {
        e.push(field, Problem::Required);
        return None;
    }
    e.take(field, t.parse::<u32>().map_err(|_| Problem::NotACount))
}

impl StepInput {
    /// The step and its date, or every field's problem.
    pub fn parse(&self, today: NaiveDate) -> Result<(NaiveDate, ScreeningStep), AppError> {
        let mut e = FieldErrors::new();
        let on = e.take("on", effective_date_after(&self.on, today, NaiveDate::MIN));
        let step = match self.kind.trim() {
            "flagged" => {
                let official_members = count(&mut e, "official_members", &self.official_members);
                let exempted = if self.exempted.trim().is_empty() {
                    Some(0)
                } else {
                    count(&mut e, "exempted", &self.exempted)
                };
                let approvals = count(&mut e, "approvals", &self.approvals);
                let method = match self.method.trim() {
                    "secret_ballot" => Some(VoteMethod::SecretBallot),
                    "raised_card" => Some(VoteMethod::RaisedCard),
                    "" => {
                        e.push("method", Problem::Required);
                        None
                    }
                    _ => {
                        e.push("method", Problem::NotOneOf { allowed: METHODS });
                        None
                    }
                };
                match (official_members, exempted, approvals, method) {
                    (Some(official_members), Some(exempted), Some(approvals), Some(method)) => {
                        Some(ScreeningStep::Flagged {
                            vote: ScreeningVote {
                                official_members,
                                exempted,
                                approvals,
                                method,
                            },
                        })
                    }
                    _ => None,
                }
            }
            "help_planned" => e
                .take(
                    "responsible_member",
                    optional_text(Some(&self.responsible_member), 200),
                )
                .map(|name| ScreeningStep::HelpPlanned {
                    // A blank name is REM-09's refusal (nobody responsible), not a field's.
                    responsible_member: name.unwrap_or_default(),
                }),
            "reviewed" => match self.progress.trim() {
                "true" => Some(ScreeningStep::Reviewed { progress: true }),
                "false" => Some(ScreeningStep::Reviewed { progress: false }),
                "" => {
                    e.push("progress", Problem::Required);
                    None
                }
                _ => {
                    e.push("progress", Problem::NotOneOf { allowed: YES_NO });
                    None
                }
            },
            "" => {
                e.push("kind", Problem::Required);
                None
            }
            _ => {
                e.push(
                    "kind",
                    Problem::NotOneOf {
                        allowed: STEP_KINDS,
                    },
                );
                None
            }
        };
        match (on, step) {
            (Some(on), Some(step)) if e.is_empty() => Ok((on, step)),
            _ => Err(AppError::Invalid(e.into_vec())),
        }
    }
}

/// [`record`] from a form or an API body: bad fields are named and nothing is written.
pub async fn record_input(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &StepInput,
) -> Result<ScreeningState, AppError> {
    let (on, step) = input.parse(clock::today())?;
    record(app, actor, member, on, &step).await
}

/// The removal decision as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RemovalInput {
    /// The decision's date.
    pub on: String,
    /// The decision's number.
    pub decision_ref: String,
}

/// [`decide_removal`] from a form or an API body: bad fields are named and nothing is written.
pub async fn decide_removal_input(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &RemovalInput,
) -> Result<MemberState, AppError> {
    let mut e = FieldErrors::new();
    let on = e.take(
        "on",
        effective_date_after(&input.on, clock::today(), NaiveDate::MIN),
    );
    let decision_ref = match optional_text(Some(&input.decision_ref), 100) {
        Ok(Some(r)) => Some(r),
        Ok(None) => {
            e.push("decision_ref", Problem::Required);
            None
        }
        Err(p) => {
            e.push("decision_ref", p);
            None
        }
    };
    match (on, decision_ref) {
        (Some(on), Some(r)) if e.is_empty() => decide_removal(app, actor, member, on, &r).await,
        _ => Err(AppError::Invalid(e.into_vec())),
    }
}

/// How a screening ended: the review's outcome, then the removal decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Kept,
    ExitProposed,
    Removed,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::ExitProposed => "exit_proposed",
            Self::Removed => "removed",
        }
    }
}

/// One member's latest screening on a day. Serialises to the JSON object of
/// `chibo screening --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScreeningRow {
    /// The member's id (for links to `/members/{id}`).
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    /// The member's cell on the day (the cell they left, when removed).
    pub unit_code: String,
    /// `flagged`, `helping`, `kept`, `exit_proposed` or `removed`.
    pub state: &'static str,
    pub flagged_on: NaiveDate,
    pub responsible_member: Option<String>,
    /// The help plan's date plus the help period (REM-09); none before the plan.
    pub review_due: Option<NaiveDate>,
    /// The review is due before the day and has not been recorded.
    pub overdue: bool,
    pub decision: Option<Decision>,
    /// The removal decision's number, once recorded.
    pub decision_ref: Option<String>,
}

/// The row of one case from its steps up to `as_of`.
fn row_of(
    member_id: i64,
    member_key: String,
    full_name: String,
    unit_code: String,
    steps: &[ScreeningStepRow],
    as_of: NaiveDate,
    params: &RemovalParams,
) -> Result<Option<ScreeningRow>, AppError> {
    let Some(state) = screening_state(&to_domain(steps)?, params)? else {
        return Ok(None);
    };
    let step = |kind: &str| steps.iter().find(|s| s.kind == kind);
    let plan = step("help_planned");
    let review_due = plan.and_then(|p| add_months(p.effective_on, params.help_period_months));
    let reviewed = step("reviewed").is_some();
    let removal = step(REMOVAL_DECIDED);
    let decision = match (&state, removal) {
        (_, Some(_)) => Some(Decision::Removed),
        (ScreeningState::Kept, None) => Some(Decision::Kept),
        (ScreeningState::ExitProposed, None) => Some(Decision::ExitProposed),
        _ => None,
    };
    Ok(Some(ScreeningRow {
        member_id,
        member_key,
        full_name,
        unit_code,
        state: decision.map_or(state.code(), Decision::code),
        flagged_on: steps.first().map_or(as_of, |s| s.effective_on),
        responsible_member: plan.and_then(|p| p.responsible_member.clone()),
        review_due,
        overdue: !reviewed && review_due.is_some_and(|d| as_of > d),
        decision,
        decision_ref: removal.and_then(|r| r.decision_ref.clone()),
    }))
}

/// The rows of the subtree `range` on `as_of`, read in one query, by unit code and member key.
pub(crate) async fn rows_in(
    tx: &mut chibo_storage::Tx,
    as_of: NaiveDate,
    range: &(String, String),
    rules: &Timeline,
) -> Result<Vec<ScreeningRow>, AppError> {
    // Each case by the values in force on the day it opened (GEN-03).
    let mut out = Vec::new();
    let mut rows = repo::in_subtree(tx, as_of, range)
        .await?
        .into_iter()
        .peekable();
    while let Some(first) = rows.next() {
        let mut steps = vec![first.step];
        while let Some(next) = rows.next_if(|r| r.step.case_id == steps[0].case_id) {
            steps.push(next.step);
        }
        out.extend(row_of(
            first.member_id,
            first.member_key,
            first.full_name,
            first.cell_code,
            &steps,
            as_of,
            &rules.on(steps[0].effective_on).removal,
        )?);
    }
    Ok(out)
}

/// REM-09: the latest screening case of each member in scope on `as_of` (steps up to that
/// day), by unit code and member key. Scope as for the early warning: a unit outside the
/// caller's scope is not found; without a unit an officer sees their own unit, an
/// administrator (and the CLI) the whole registry. Members removed by a screening's decision
/// stay listed under the cell they left.
pub async fn list(
    app: &App,
    by: By<'_>,
    unit: Option<&str>,
    as_of: NaiveDate,
) -> Result<Vec<ScreeningRow>, AppError> {
    if let By::User(actor) = by
        && !actor.can(Permission::ViewMembers)
    {
        return Err(AppError::Forbidden(Permission::ViewMembers));
    }
    let unit = scope_unit(app, by, unit).await?;
    let mut tx = app.db.read().await?;
    let range = match unit {
        None => Some(prefix_range("/")),
        Some(u) => chibo_storage::paths::path_on(&mut tx, u, as_of)
            .await?
            .map(|p| prefix_range(p.as_str())),
    };
    let out = match range {
        Some(range) => {
            let rules = crate::settings::timeline(&mut tx).await?;
            rows_in(&mut tx, as_of, &range, &rules).await?
        }
        // The unit did not exist on the day.
        None => Vec::new(),
    };
    tx.commit().await?;
    Ok(out)
}
