//! Recording one round of the cell's review of a probationer (PRB-02, PRB-05).

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::member::{PROBATION_MONTHS, TransitionError};
use chibo_domain::recognition::{CellReview, Position, check_cell_review, position};
use chibo_storage::now;
use chibo_storage::recognition::{self as repo, CELL_REVIEW, NewRecognitionStep};
use serde::{Deserialize, Serialize};

use super::{count, domain_steps};
use crate::audit::{self, About, Action, By};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

/// A cell review as typed in a form or sent as text: the resolution's date (dd/mm/yyyy or
/// yyyy-mm-dd) and number, the cell's official members on the day (probationers not counted),
/// the exempted ones absent, and the votes for recognition and for removal from the
/// probationary list.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ReviewInput {
    pub on: String,
    pub document_ref: Option<String>,
    pub official_members: Option<String>,
    pub absent_exempted: Option<String>,
    pub for_recognition: Option<String>,
    pub for_removal: Option<String>,
}

/// Records a round of the cell's review of the probationer `id` after the PRB-02 and PRB-05
/// checks; a refusal writes nothing. Returns where the procedure then stands.
pub async fn record_cell_review(
    app: &App,
    actor: &Actor,
    id: MemberId,
    input: &ReviewInput,
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
    let document_ref = e
        .take(
            "document_ref",
            optional_text(input.document_ref.as_deref(), 100),
        )
        .flatten();
    let official = count(
        &mut e,
        "official_members",
        input.official_members.as_deref(),
        true,
    );
    let absent = count(
        &mut e,
        "absent_exempted",
        input.absent_exempted.as_deref(),
        false,
    );
    let yes = count(
        &mut e,
        "for_recognition",
        input.for_recognition.as_deref(),
        true,
    );
    let no = count(&mut e, "for_removal", input.for_removal.as_deref(), false);
    let (Some(on), Some(official), Some(absent), Some(yes), Some(no)) =
        (on, official, absent, yes, no)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    // GEN-03: the values in force on the review's date.
    let params = crate::settings::load_on(&mut tx, on).await?.admission;
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let ends = chibo_domain::dates::add_months(row.admitted_on, PROBATION_MONTHS)
        .ok_or_else(|| AppError::Internal("probation end past the last date".into()))?;
    let rows = repo::of_member(&mut tx, id.0).await?;
    let mut steps = domain_steps(&rows)?;
    let review = CellReview {
        on,
        official_members: official,
        absent_exempted: absent,
        for_recognition: yes,
        for_removal: no,
    };
    let (round, outcome) = check_cell_review(ends, &steps, &review, &params)?;
    // After the procedure's own refusals, which say more (already decided, for one).
    if row.status != "probationary" {
        return Err(TransitionError::NotProbationary.into());
    }
    let step = NewRecognitionStep {
        kind: CELL_REVIEW,
        effective_on: Some(on),
        document_ref,
        approvals: Some(yes.into()),
        removal_votes: Some(no.into()),
        vote_base: Some(official.into()),
        absent_exempted: Some(absent.into()),
        outcome: outcome.code(),
        round: i32::try_from(round).ok(),
        ..NewRecognitionStep::default()
    };
    repo::insert(&mut tx, id.0, &step, on, now(), Some(actor.user.0)).await?;
    steps.push(chibo_domain::recognition::Step::CellReview(review));
    let after = position(&steps, &params)?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::RecognitionReview,
        About::member(id, &row.full_name, audit_path(&paths)),
        rows.last(),
        Some(&step),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
