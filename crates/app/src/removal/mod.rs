//! Removal of name (xóa tên; REM-05, REM-10), complaints against a removal (REM-06) or a
//! disciplinary measure (REM-07), and leaving on request (xin ra khỏi Đảng; REM-08) as recorded
//! procedures (issue 6, point 6). Each procedure is a case (`removal_case`) with append-only
//! steps (`removal_step`); a new step is replayed with the stored ones through the domain's
//! state machine (`removal_state`, `complaint_state`, `leave_state`), so a step out of order, a
//! short vote, a late complaint or a request during an open case is refused with its rule and
//! nothing is written. Every step is audited. The decisions write their registry event in the
//! same transaction: `removed` (REM-05), `resigned` (REM-08); a complaint settled with the
//! contested decision not standing voids the `removed` or `expelled` event it contested, so the
//! member is restored in the history.
//!
//! The rule values come from [`params`].

mod case;
mod complaint;
mod leave;
mod render;
mod view;

use std::collections::HashMap;

use chibo_domain::access::Actor;
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::member::{MemberState, Status};
use chibo_domain::removal::{
    ComplaintLevel, ComplaintStep, LeaveStep, Recorded, RemovalGround, RemovalParams, RemovalStep,
};
use chibo_storage::Tx;
use chibo_storage::removal::{self as repo, CaseRow, NewStep, StepRow};
use chrono::NaiveDate;
use serde::Serialize;

pub use case::{RemovalInput, record_removal};
pub use complaint::{ComplaintInput, record_complaint};
pub use leave::{LeaveInput, record_leave};
pub use render::{COLUMNS, to_csv, to_json, to_table};
pub(crate) use view::open_in;
pub use view::{CaseView, OpenCase, Procedures, of_member, open_cases};

use crate::AppError;
use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::settings::Timeline;

/// The rule values (REM-05 `max_requests`, REM-06 `complaint_wd`, `resolve_*_wd`, REM-07
/// `discipline_complaint_months`) a case is judged by: those in force on the day it opened
/// (GEN-03), so a later change of setting never makes its recorded steps unreplayable.
pub(crate) fn params(rules: &Timeline, opened_on: NaiveDate) -> RemovalParams {
    rules.on(opened_on).removal
}

/// The tail of a removal or leave step: the registry event its decision brings (appended and
/// projected, so the member's state follows), the step row and the audit row, in the caller's
/// transaction, then the commit.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn write_step(
    mut tx: Tx,
    actor: &Actor,
    action: Action,
    about: About,
    member: MemberId,
    case: i64,
    new: &NewStep,
    state: &'static str,
    event: Option<NewLife>,
) -> Result<StepOutcome, AppError> {
    let before = chibo_storage::members::state(&mut tx, member).await?;
    let after = match &event {
        Some(life) => Some(
            append_and_project(
                &mut tx,
                member,
                Append::Life(std::slice::from_ref(life)),
                Some(actor.user),
            )
            .await?,
        ),
        None => None,
    };
    repo::insert_step(&mut tx, case, new, chibo_storage::now(), Some(actor.user.0)).await?;
    #[derive(Serialize)]
    struct Audited<'a> {
        case_id: i64,
        step: &'a NewStep,
        state: &'static str,
        event: Option<&'a NewLife>,
        member: Option<&'a MemberState>,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        action,
        about,
        if event.is_some() {
            before.as_ref()
        } else {
            None
        },
        Some(&Audited {
            case_id: case,
            step: new,
            state,
            event: event.as_ref(),
            member: after.as_ref(),
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(StepOutcome {
        case_id: case,
        state,
        history_changed: event.is_some(),
    })
}

/// `removal_case.procedure` of a removal of name.
pub const REMOVAL: &str = "removal";
/// `removal_case.procedure` of a request to leave.
pub const LEAVE: &str = "leave";
/// `removal_case.procedure` of a complaint.
pub const COMPLAINT: &str = "complaint";

/// What recording a step led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepOutcome {
    pub case_id: i64,
    /// The case's state code after the step (`awaiting_self_review`, `removed`, `lodged`, …).
    pub state: &'static str,
    /// Whether the step wrote to (or voided in) the member's history.
    pub history_changed: bool,
}

/// A member's cases and their steps.
pub(crate) struct Loaded {
    pub cases: Vec<CaseRow>,
    pub steps: HashMap<i64, Vec<StepRow>>,
    /// The rule settings over time.
    pub rules: Timeline,
}

impl Loaded {
    pub fn steps(&self, case: i64) -> &[StepRow] {
        self.steps.get(&case).map_or(&[], Vec::as_slice)
    }

    /// The member's latest case of a procedure.
    pub fn latest(&self, procedure: &str) -> Option<&CaseRow> {
        self.cases.iter().rev().find(|c| c.procedure == procedure)
    }
}

pub(crate) async fn load(tx: &mut Tx, member: i64) -> Result<Loaded, AppError> {
    let cases = repo::cases_of(tx, member).await?;
    let mut steps: HashMap<i64, Vec<StepRow>> = HashMap::new();
    for s in repo::steps_of(tx, member).await? {
        steps.entry(s.case_id).or_default().push(s);
    }
    let rules = crate::settings::timeline(tx).await?;
    Ok(Loaded {
        cases,
        steps,
        rules,
    })
}

fn n(v: Option<i64>) -> u32 {
    u32::try_from(v.unwrap_or(0)).unwrap_or(0)
}

fn corrupt(what: &str, kind: &str) -> AppError {
    AppError::Internal(format!("{what} step {kind}"))
}

pub(crate) fn removal_steps(rows: &[StepRow]) -> Result<Vec<Recorded<RemovalStep>>, AppError> {
    rows.iter()
        .map(|r| {
            let step = match r.kind.as_str() {
                "opened" => RemovalStep::Opened {
                    ground: r
                        .ground
                        .as_deref()
                        .and_then(RemovalGround::parse)
                        .ok_or_else(|| corrupt("removal", "opened"))?,
                },
                "self_review_requested" => RemovalStep::SelfReviewRequested,
                "self_reviewed" => RemovalStep::SelfReviewed,
                "cell_vote" => RemovalStep::CellVote {
                    base: n(r.base),
                    approvals: n(r.approvals),
                },
                "committee_vote" => RemovalStep::CommitteeVote {
                    size: n(r.base),
                    approvals: n(r.approvals),
                },
                "decided" => RemovalStep::Decided {
                    decision_ref: r.decision_ref.clone().unwrap_or_default(),
                },
                other => return Err(corrupt("removal", other)),
            };
            Ok(Recorded::new(r.effective_on, step))
        })
        .collect()
}

pub(crate) fn leave_steps(rows: &[StepRow]) -> Result<Vec<Recorded<LeaveStep>>, AppError> {
    rows.iter()
        .map(|r| {
            let step = match r.kind.as_str() {
                // Only accepted requests are stored: no open case then.
                "requested" => LeaveStep::Requested {
                    written_reasons: r.reasons.as_deref().is_some_and(|s| !s.trim().is_empty()),
                    standards_breach: r.standards_breach.unwrap_or(false),
                    open_discipline_case: false,
                },
                "cell_forwarded" => LeaveStep::CellForwarded,
                "decided" => LeaveStep::Decided {
                    decision_ref: r.decision_ref.clone().unwrap_or_default(),
                },
                other => return Err(corrupt("leave", other)),
            };
            Ok(Recorded::new(r.effective_on, step))
        })
        .collect()
}

pub(crate) fn complaint_steps(rows: &[StepRow]) -> Result<Vec<Recorded<ComplaintStep>>, AppError> {
    rows.iter()
        .map(|r| {
            let step = match r.kind.as_str() {
                "decision_received" => ComplaintStep::DecisionReceived,
                "lodged" => ComplaintStep::Lodged {
                    level: ComplaintLevel::parse(r.level.as_deref().unwrap_or("local"))
                        .ok_or_else(|| corrupt("complaint", "lodged"))?,
                },
                "settled" => ComplaintStep::Settled {
                    decision_stands: r.decision_stands.unwrap_or(true),
                },
                other => return Err(corrupt("complaint", other)),
            };
            Ok(Recorded::new(r.effective_on, step))
        })
        .collect()
}

/// A yes/no typed in a form (`on`, `true`, `1`, `yes`, `co`) or sent as text.
pub(crate) fn parse_bool(
    e: &mut FieldErrors,
    field: &'static str,
    input: Option<&str>,
) -> Option<bool> {
    match input.map(str::trim).unwrap_or("") {
        "on" | "true" | "1" | "yes" | "co" => Some(true),
        "" | "false" | "0" | "no" | "khong" => Some(false),
        _ => {
            e.push(
                field,
                Problem::NotOneOf {
                    allowed: &["true", "false"],
                },
            );
            None
        }
    }
}

/// The step's date: required, not in the future, not before the member's admission.
pub(crate) fn step_date(
    e: &mut FieldErrors,
    input: &str,
    today: NaiveDate,
    admitted_on: NaiveDate,
) -> Option<NaiveDate> {
    e.take("on", effective_date_after(input, today, admitted_on))
}

/// A required decision number.
pub(crate) fn decision_ref(e: &mut FieldErrors, input: Option<&str>) -> Option<String> {
    match optional_text(input, 100) {
        Ok(Some(r)) => Some(r),
        Ok(None) => {
            e.push("decision_ref", Problem::Required);
            None
        }
        Err(p) => {
            e.push("decision_ref", p);
            None
        }
    }
}

/// A procedure only a current member can start: removal (REM-05) or a request to leave
/// (REM-08).
pub(crate) fn not_current(rule: &'static str) -> AppError {
    AppError::Refused(crate::error::Refusal {
        rule,
        code: "not_a_current_member",
        message: format!(
            "Đảng viên không còn sinh hoạt đảng: không thể bắt đầu thủ tục này. (Quy tắc {rule}.)"
        ),
    })
}

/// Whether the member's standing (the `member.status` column) is a current membership.
pub(crate) fn is_current(status: &str) -> bool {
    matches!(Status::from_code(status), Some(Status::Member(_)))
}
