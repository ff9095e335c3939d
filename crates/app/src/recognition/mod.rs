//! Official recognition of probationers (issue 5, point 3; rules PRB-01 … PRB-05): the cell's
//! review rounds and the committee's decision, each checked by the domain against the steps
//! recorded before it. The decision appends the registry event it leads to — `recognized` on
//! the probation end (PRB-04) or `not_recognized` on the decision day — in the same
//! transaction as the step and its audit row.

mod deadline;
mod decision;
mod review;
mod view;

pub use deadline::open_deadline;
pub use decision::{DecisionInput, record_committee_decision};
pub use review::{ReviewInput, record_cell_review};
pub use view::{RecognitionView, recognition_of};

use chibo_domain::admission::AdmissionParams;
use chibo_domain::calendar::WorkingCalendar;
use chibo_domain::field::Problem;
use chibo_domain::recognition::{
    CellReview, CommitteeDecision, DecidingBody, Decision, Position, Step, position,
};
use chibo_storage::recognition::{CELL_REVIEW, RecognitionStepRow};
use chibo_storage::{Tx, calendar};

use crate::AppError;

/// The stored steps as the domain's, in the order recorded.
pub(crate) fn domain_steps(rows: &[RecognitionStepRow]) -> Result<Vec<Step>, AppError> {
    let n = |v: Option<i64>| u32::try_from(v.unwrap_or(0)).unwrap_or(0);
    rows.iter()
        .map(|r| {
            if r.kind == CELL_REVIEW {
                Ok(Step::CellReview(CellReview {
                    on: r.effective_on,
                    official_members: n(r.vote_base),
                    absent_exempted: n(r.absent_exempted),
                    for_recognition: n(r.approvals),
                    for_removal: n(r.removal_votes),
                }))
            } else {
                let decision = Decision::parse(&r.outcome)
                    .ok_or_else(|| AppError::Internal(format!("decision {}", r.outcome)))?;
                let body = r
                    .deciding_body
                    .as_deref()
                    .and_then(DecidingBody::parse)
                    .ok_or_else(|| AppError::Internal("decision without a body".into()))?;
                Ok(Step::CommitteeDecision(CommitteeDecision {
                    on: r.effective_on,
                    decision,
                    body,
                    extended: r.extended,
                }))
            }
        })
        .collect()
}

/// Where the recorded steps leave the procedure.
pub(crate) fn position_of(rows: &[RecognitionStepRow]) -> Result<Position, AppError> {
    let steps = domain_steps(rows)?;
    // Only steps the domain accepted were stored, so a refusal here is a corrupt history.
    position(&steps, &AdmissionParams::default()).map_err(|e| AppError::Internal(e.to_string()))
}

pub(crate) async fn working_calendar_in(tx: &mut Tx) -> Result<WorkingCalendar, AppError> {
    let entries = calendar::list(tx, None).await?;
    WorkingCalendar::new(entries).map_err(|e| AppError::Internal(e.to_string()))
}

/// Reads a count of members typed in a form or sent as text.
pub(crate) fn count(
    e: &mut chibo_domain::field::FieldErrors,
    field: &'static str,
    input: Option<&str>,
    required: bool,
) -> Option<u32> {
    match input.map(str::trim).filter(|s| !s.is_empty()) {
        None if required => {
            e.push(field, Problem::Required);
            None
        }
        None => Some(0),
        Some(s) if s.bytes().all(|b| b.is_ascii_digit()) => match s.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                e.push(field, Problem::NotACount);
                None
            }
        },
        Some(_) => {
            e.push(field, Problem::NotACount);
            None
        }
    }
}
