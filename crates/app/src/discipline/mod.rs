//! Disciplinary measures (rule REM-07): recorded with their decision, refused for a
//! probationer beyond a reprimand or warning (PRB-06), expulsion ending membership through the
//! `expelled` registry event in the same transaction. A measure in force bars the member from
//! sponsoring an applicant (ADM-05, see [`under_discipline_on`]).

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::member::MemberState;
use chibo_domain::removal::{DisciplineKind, check_discipline, discipline_in_force};
use chibo_storage::discipline::{self as repo, DisciplineRow};
use chibo_storage::{Tx, now};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

/// A measure as typed in a form or an API body.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DisciplineInput {
    /// `reprimand`, `warning`, `removal_from_post` or `expulsion`.
    pub kind: String,
    /// The decision's date.
    pub decided_on: String,
    pub decision_ref: String,
    pub reason: Option<String>,
}

/// Records a measure for a member in the caller's scope; a refusal writes nothing.
pub async fn record(
    app: &App,
    actor: &Actor,
    id: MemberId,
    input: &DisciplineInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _granted) =
        find_member(&mut tx, actor, Permission::EditMembers, id, today).await?;
    let mut e = FieldErrors::new();
    let kind = e.take(
        "kind",
        DisciplineKind::parse(&input.kind).ok_or(Problem::NotOneOf {
            allowed: &["reprimand", "warning", "removal_from_post", "expulsion"],
        }),
    );
    let decided_on = e.take(
        "decided_on",
        effective_date_after(&input.decided_on, today, row.admitted_on),
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
    let reason = e
        .take("reason", optional_text(input.reason.as_deref(), 2000))
        .flatten();
    let (Some(kind), Some(decided_on), Some(decision_ref)) = (kind, decided_on, decision_ref)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    // PRB-06: judged on the member's standing on the decision day.
    let standing = chibo_storage::periods::standing_on(&mut tx, id, decided_on)
        .await?
        .map(|(s, _)| s)
        .ok_or(AppError::field("decided_on", Problem::NotAMemberOnDate))?;
    check_discipline(standing, kind).map_err(AppError::from)?;
    let before = chibo_storage::members::state(&mut tx, id).await?;
    let mut state: Option<MemberState> = None;
    if let Some(ev) = kind.event_kind() {
        let events = [NewLife {
            kind: ev,
            on: decided_on,
            unit: None,
            decision_ref: Some(decision_ref.clone()),
            reason: reason.clone(),
        }];
        state =
            Some(append_and_project(&mut tx, id, Append::Life(&events), Some(actor.user)).await?);
    }
    let new_id = repo::insert(
        &mut tx,
        id.0,
        kind.code(),
        decided_on,
        &decision_ref,
        reason.as_deref(),
        now(),
        Some(actor.user.0),
    )
    .await?;
    #[derive(Serialize)]
    struct Recorded<'a> {
        kind: &'a str,
        decided_on: NaiveDate,
        decision_ref: &'a str,
        reason: Option<&'a str>,
        state: Option<&'a MemberState>,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::DisciplineRecord,
        About::member(id, &row.full_name, audit_path(&paths)),
        before.as_ref(),
        Some(&Recorded {
            kind: kind.code(),
            decided_on,
            decision_ref: &decision_ref,
            reason: reason.as_deref(),
            state: state.as_ref(),
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(new_id)
}

/// A member's measures, for those who may see the member.
pub async fn of_member(
    app: &App,
    actor: &Actor,
    id: MemberId,
) -> Result<Vec<DisciplineRow>, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    find_member(&mut tx, actor, Permission::ViewMembers, id, today).await?;
    let rows = repo::of_member(&mut tx, id.0).await?;
    tx.commit().await?;
    Ok(rows)
}

/// ADM-05: whether the member is serving a measure on `day` (REM-07, in force for the
/// configured months from the decision, unless a complaint settled by then overturned it).
pub(crate) async fn under_discipline_on(
    tx: &mut Tx,
    id: MemberId,
    day: NaiveDate,
) -> Result<bool, AppError> {
    // REM-07: each measure runs for the months in force on the day it was decided (GEN-03),
    // until a complaint settled by `day` finds it does not stand.
    let rules = crate::settings::timeline(tx).await?;
    let cases = chibo_storage::removal::cases_of(tx, id.0).await?;
    let steps = chibo_storage::removal::steps_of(tx, id.0).await?;
    let overturned = |measure: i64| {
        cases
            .iter()
            .filter(|c| c.contests_discipline_id == Some(measure))
            .any(|c| {
                steps.iter().any(|s| {
                    s.case_id == c.id
                        && s.kind == "settled"
                        && s.decision_stands == Some(false)
                        && s.effective_on <= day
                })
            })
    };
    Ok(repo::of_member(tx, id.0).await?.iter().any(|r| {
        let params = rules.on(r.decided_on).removal;
        !overturned(r.id)
            && DisciplineKind::parse(&r.kind)
                .is_some_and(|k| discipline_in_force(k, r.decided_on, day, &params))
    }))
}
