//! A probationer's recognition procedure as shown on their page and in the API.

use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::calendar::status;
use chibo_domain::ids::MemberId;
use chibo_domain::member::PROBATION_MONTHS;
use chibo_domain::recognition::Position;
use chibo_storage::recognition::{self as repo, RecognitionStepRow};
use chrono::NaiveDate;
use serde::Serialize;

use super::{open_deadline, position_of, working_calendar_in};
use crate::deadlines::MemberDeadline;
use crate::scope::find_member;
use crate::{App, AppError, clock};

/// The steps so far, where they leave the procedure and the deadline open today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecognitionView {
    /// The member's standing now (`probationary`, `official`, or how they left).
    pub status: String,
    /// PRB-01: 12 months after the ceremony.
    pub probation_ends: Option<NaiveDate>,
    pub steps: Vec<RecognitionStepRow>,
    pub position: Position,
    /// The number the next cell review round would have; `None` when the cell is not to vote.
    pub next_round: Option<u32>,
    /// The open deadline while the member is probationary and undecided.
    pub deadline: Option<MemberDeadline>,
}

impl RecognitionView {
    /// A cell review may be recorded now.
    pub fn awaits_review(&self) -> bool {
        self.status == "probationary" && self.next_round.is_some()
    }

    /// Three rounds gave two thirds neither way: the superior decides (PRB-05).
    pub fn referred_to_superior(&self) -> bool {
        matches!(
            self.position,
            Position::AwaitingDecision {
                proposal: chibo_domain::admission::RoundsOutcome::ReferredToSuperior,
                ..
            }
        )
    }

    /// Worth showing: a probationer, or a member with recorded steps.
    pub fn shown(&self) -> bool {
        self.status == "probationary" || !self.steps.is_empty()
    }

    /// A committee decision may be recorded now.
    pub fn awaits_decision(&self) -> bool {
        self.status == "probationary" && matches!(self.position, Position::AwaitingDecision { .. })
    }
}

/// The recognition procedure of the member `id`, for those who may see the member.
pub async fn recognition_of(
    app: &App,
    actor: &Actor,
    id: MemberId,
) -> Result<RecognitionView, AppError> {
    let today = clock::today();
    let perm = match actor.scope {
        Scope::OwnRecord(m) if m == id => Permission::ViewOwnRecord,
        _ => Permission::ViewMembers,
    };
    let mut tx = app.db.read().await?;
    let (row, _paths, _granted) = find_member(&mut tx, actor, perm, id, today).await?;
    let steps = repo::of_member(&mut tx, id.0).await?;
    let calendar = working_calendar_in(&mut tx).await?;
    let settings = crate::settings::load_in(&mut tx).await?;
    let window = settings.due_soon_working_days;
    tx.commit().await?;
    let position = position_of(&steps)?;
    let probationary = row.status == "probationary";
    let deadline = if probationary {
        open_deadline(row.admitted_on, &position, &calendar, &settings.recognition).map(
            |(kind, due_date)| MemberDeadline {
                kind,
                due_date,
                status: status(due_date, today, window, &calendar),
            },
        )
    } else {
        None
    };
    let next_round = match position {
        Position::AwaitingReview { round } => Some(round),
        _ => None,
    };
    Ok(RecognitionView {
        probation_ends: chibo_domain::dates::add_months(row.admitted_on, PROBATION_MONTHS),
        status: row.status,
        steps,
        position,
        next_round,
        deadline,
    })
}
