//! Recording the competent committee's decision on a probationer (PRB-03 … PRB-05, ADM-12) and
//! the registry event it leads to.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::member::{EventKind, MemberState, PROBATION_MONTHS, TransitionError};
use chibo_domain::recognition::{
    CommitteeDecision, DecidingBody, Decision, Position, check_committee_decision,
    recognition_decision_due,
};
use chibo_storage::now;
use chibo_storage::recognition::{self as repo, COMMITTEE_DECISION, NewRecognitionStep};
use serde::{Deserialize, Serialize};

use super::{domain_steps, working_calendar_in};
use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

/// A committee decision as typed in a form or sent as text: its date and number (required),
/// `recognized` or `not_recognized`, the body that signed (ADM-12), and whether the PRB-03
/// extension was used.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DecisionInput {
    pub on: String,
    pub document_ref: Option<String>,
    pub decision: String,
    pub deciding_body: String,
    /// A form checkbox sends "on"; JSON sends `true`.
    #[serde(deserialize_with = "crate::recognition::decision::flag")]
    pub extended: bool,
}

pub(crate) fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    Ok(match Flag::deserialize(d)? {
        Flag::Bool(b) => b,
        Flag::Text(s) => matches!(s.trim(), "on" | "true" | "1"),
    })
}

/// Records the committee's decision on the probationer `id` and, in the same transaction, the
/// `recognized` event effective on the probation end (PRB-04) or the `not_recognized` event
/// on the decision day (PRB-05), which ends membership. A refusal writes nothing.
pub async fn record_committee_decision(
    app: &App,
    actor: &Actor,
    id: MemberId,
    input: &DecisionInput,
) -> Result<Position, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _granted) =
        find_member(&mut tx, actor, Permission::EditMembers, id, today).await?;
    let mut e = FieldErrors::new();
    let on = e.take(
        "on",
        effective_date_after(&input.on, today, row.admitted_on),
    );
    let document_ref = match optional_text(input.document_ref.as_deref(), 100) {
        Ok(Some(r)) => Some(r),
        Ok(None) => {
            e.push("document_ref", Problem::Required);
            None
        }
        Err(p) => {
            e.push("document_ref", p);
            None
        }
    };
    let decision = e.take(
        "decision",
        Decision::parse(input.decision.trim()).ok_or(Problem::NotOneOf {
            allowed: Decision::CODES,
        }),
    );
    let body = e.take(
        "deciding_body",
        DecidingBody::parse(input.deciding_body.trim()).ok_or(Problem::NotOneOf {
            allowed: DecidingBody::CODES,
        }),
    );
    let (Some(on), Some(document_ref), Some(decision), Some(body)) =
        (on, document_ref, decision, body)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    // GEN-03: the values in force on the decision's date.
    let params = crate::settings::load_on(&mut tx, on).await?.admission;
    let ends = chibo_domain::dates::add_months(row.admitted_on, PROBATION_MONTHS)
        .ok_or_else(|| AppError::Internal("probation end past the last date".into()))?;
    let rows = repo::of_member(&mut tx, id.0).await?;
    let steps = domain_steps(&rows)?;
    let step_in = CommitteeDecision {
        on,
        decision,
        body,
        extended: input.extended,
    };
    let effective_on = check_committee_decision(ends, &steps, &step_in, &params)?;
    // After the procedure's own refusals, which say more (already decided, for one).
    if row.status != "probationary" {
        return Err(TransitionError::NotProbationary.into());
    }
    let resolution_on = rows
        .last()
        .map(|r| r.effective_on)
        .ok_or_else(|| AppError::Internal("decision without a review".into()))?;
    let cal = working_calendar_in(&mut tx).await?;
    // PRB-03: the limits in force on the cell's resolution, which starts the time (GEN-03).
    let limits = crate::settings::load_on(&mut tx, resolution_on)
        .await?
        .recognition;
    let step = NewRecognitionStep {
        kind: COMMITTEE_DECISION,
        effective_on: Some(on),
        document_ref: Some(document_ref.clone()),
        outcome: decision.code(),
        deciding_body: Some(body.code()),
        extended: input.extended,
        // PRB-03: the deadline the decision was due by, kept with it.
        due_on: recognition_decision_due(resolution_on, input.extended, &cal, &limits),
        ..NewRecognitionStep::default()
    };
    let before = chibo_storage::members::state(&mut tx, id).await?;
    let event = NewLife {
        kind: match decision {
            Decision::Recognized => EventKind::Recognized,
            Decision::NotRecognized => EventKind::NotRecognized,
        },
        on: effective_on,
        unit: None,
        decision_ref: Some(document_ref),
        reason: None,
    };
    let events = [event];
    let state = append_and_project(&mut tx, id, Append::Life(&events), Some(actor.user)).await?;
    repo::insert(&mut tx, id.0, &step, on, now(), Some(actor.user.0)).await?;
    #[derive(Serialize)]
    struct Decided<'a> {
        step: &'a NewRecognitionStep,
        event: &'a NewLife,
        state: &'a MemberState,
    }
    let after = Decided {
        step: &step,
        event: &events[0],
        state: &state,
    };
    audit::record(
        &mut tx,
        By::User(actor),
        Action::RecognitionDecision,
        About::member(id, &row.full_name, audit_path(&paths)),
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Position::Decided { decision, on })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_flag_reads_a_form_checkbox_a_select_or_a_json_boolean() {
        let read = |json: &str| serde_json::from_str::<DecisionInput>(json).map(|i| i.extended);
        assert_eq!(read(r#"{"extended": true}"#).ok(), Some(true));
        assert_eq!(read(r#"{"extended": false}"#).ok(), Some(false));
        assert_eq!(read(r#"{"extended": "on"}"#).ok(), Some(true));
        assert_eq!(read(r#"{"extended": "true"}"#).ok(), Some(true));
        assert_eq!(read(r#"{"extended": ""}"#).ok(), Some(false));
        assert_eq!(read(r#"{}"#).ok(), Some(false));
    }
}
