//! The open deadline of a probationer's recognition: the cell's review (PRB-02) until a round
//! gives a result, then the committee's decision (PRB-03) until it is recorded.

use chibo_domain::calendar::WorkingCalendar;
use chibo_domain::member::recognition_review_due;
use chibo_domain::recognition::{Position, RecognitionParams, recognition_decision_due};
use chrono::NaiveDate;

use crate::deadlines::DeadlineKind;

/// The deadline open after the procedure reached `position`, for a member admitted on
/// `admitted_on`; `None` once decided. Undecided rounds leave the review's deadline as it was:
/// the cell still owes a result. The decision is due from the last resolution, base limit
/// only: the special-case extension is known when the decision recording it is entered.
pub fn open_deadline(
    admitted_on: NaiveDate,
    position: &Position,
    calendar: &WorkingCalendar,
    params: &RecognitionParams,
) -> Option<(DeadlineKind, NaiveDate)> {
    match position {
        Position::AwaitingReview { .. } => {
            recognition_review_due(admitted_on, calendar, params.review_wd)
                .map(|d| (DeadlineKind::RecognitionReview, d))
        }
        Position::AwaitingDecision { resolution_on, .. } => {
            recognition_decision_due(*resolution_on, false, calendar, params)
                .map(|d| (DeadlineKind::RecognitionDecision, d))
        }
        Position::Decided { .. } => None,
    }
}
