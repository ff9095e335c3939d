//! Exemptions from party work and activities (issue 6, point 2; rules EXM-01 … EXM-03). The
//! cell decides on the member's request when old age or poor health qualifies (EXM-01), by a
//! resolution whose reference is required (EXM-02); the member resumes on their own request.
//! The decision appends `exempted` and the resumption `exemption_ended` through the members'
//! path, so the registry's state and periods carry the exemption. Its effects (EXM-03) are the
//! domain's functions, re-exported here with the member-on-a-day lookups meeting and vote
//! code need.
//!
//! The planned end (`to`) and its renewals are kept for the record and the lists; the
//! exemption itself lasts until the recorded resumption, since EXM-02 ends it on the member's
//! request, not on a date.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::exemption::{
    ExemptionKind, ExemptionParams, ExemptionRequest, ExemptionViolation, check_decision,
    check_qualifies, check_resume,
};
use chibo_domain::field::{FieldErrors, Problem, optional};
use chibo_domain::ids::MemberId;
use chibo_domain::member::{EventKind, state_on};
use chibo_domain::person::Sex;
use chibo_storage::exemptions::{self as repo, ExemptionRenewalRow, ExemptionRow, NewExemption};
use chibo_storage::now;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use chibo_domain::exemption::{Rating, in_attendance_base, in_vote_base, rating};

use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::transfers::day;
use crate::{App, AppError, clock};

const REF_MAX: usize = 100;

/// The exemption rules' settings in force on `day` (GEN-03: the day the cell decides).
pub async fn params(
    tx: &mut chibo_storage::Tx,
    day: NaiveDate,
) -> Result<ExemptionParams, AppError> {
    Ok(crate::settings::load_on(tx, day).await?.exemption)
}

/// The cell's decision as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DecideInput {
    /// The day the member asked; empty when they did not (EXM-01 then refuses).
    pub requested_on: Option<String>,
    pub treatment_months: Option<String>,
    pub has_medical_records: bool,
    pub resolution_ref: String,
    pub resolution_on: String,
    pub from: String,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RenewInput {
    pub resolution_ref: String,
    pub decided_on: String,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ResumeInput {
    pub resumed_on: String,
    /// EXM-02: the member asked to resume.
    pub requested_by_member: bool,
}

/// An exemption with its renewals, as the member's page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ExemptionView {
    pub exemption: ExemptionRow,
    pub renewals: Vec<ExemptionRenewalRow>,
    /// The planned end after the renewals.
    pub planned_until: Option<NaiveDate>,
}

/// EXM-01, EXM-02: decides the exemption of a member of the caller's scope.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: MemberId,
    input: &DecideInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) = find_member(&mut tx, actor, Permission::EditMembers, id, today).await?;
    let mut e = FieldErrors::new();
    let requested_on = match optional(input.requested_on.as_deref()) {
        None => None,
        Some(d) => e.take("requested_on", day(d)),
    };
    let treatment_months = match optional(input.treatment_months.as_deref()) {
        None => Some(0),
        Some(t) => e.take(
            "treatment_months",
            t.parse::<u32>().map_err(|_| Problem::NotACount),
        ),
    };
    let resolution_on = e.take(
        "resolution_on",
        effective_date_after(&input.resolution_on, today, row.admitted_on),
    );
    let from = e.take(
        "from",
        effective_date_after(&input.from, today, row.admitted_on),
    );
    let to = match optional(input.to.as_deref()) {
        None => None,
        Some(d) => e.take("to", day(d)),
    };
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        e.push(
            "to",
            Problem::DateBefore {
                other_field: "from",
            },
        );
    }
    let sex = e.take("sex", Sex::parse(&row.sex));
    let (Some(treatment_months), Some(resolution_on), Some(from), Some(sex)) =
        (treatment_months, resolution_on, from, sex)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    // EXM-01 on the day the cell decides.
    let params = params(&mut tx, resolution_on).await?;
    let grounds = check_qualifies(
        &ExemptionRequest {
            requested: requested_on.is_some(),
            birth_date: row.birth_date,
            sex,
            treatment_months,
            has_medical_records: input.has_medical_records,
        },
        resolution_on,
        &params,
    )?;
    let requested_on = requested_on.ok_or(ExemptionViolation::NotRequested)?;
    // EXM-02: the resolution's reference is required.
    let resolution_ref = check_decision(&input.resolution_ref)?;
    if resolution_ref.chars().count() > REF_MAX {
        return Err(AppError::field(
            "resolution_ref",
            Problem::TooLong { max: REF_MAX },
        ));
    }
    let reason = if grounds.old_age {
        "old_age"
    } else {
        "poor_health"
    };
    let before = chibo_storage::members::state(&mut tx, id).await?;
    let life = NewLife {
        kind: EventKind::Exempted,
        on: from,
        unit: None,
        decision_ref: Some(resolution_ref.clone()),
        reason: None,
    };
    let state = append_and_project(&mut tx, id, Append::Life(&[life]), Some(actor.user)).await?;
    let event = crate::transfers::last_event_id(&mut tx, id).await?;
    let record = NewExemption {
        member: id,
        kind: ExemptionKind::Full.code(),
        reason,
        requested_on,
        resolution_ref: &resolution_ref,
        resolution_on,
        from_on: from,
        to_on: to,
        exempted_event_id: Some(event),
        recorded_at: now(),
        recorded_by: Some(actor.user),
    };
    let exemption = repo::insert(&mut tx, &record).await?;
    #[derive(Serialize)]
    struct After<'a> {
        exemption_id: i64,
        reason: &'a str,
        resolution_ref: &'a str,
        from: NaiveDate,
        to: Option<NaiveDate>,
        event_id: i64,
        state: &'a chibo_domain::member::MemberState,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::ExemptionDecide,
        About::member(id, &row.full_name, audit_path(&paths)),
        before.as_ref(),
        Some(&After {
            exemption_id: exemption,
            reason,
            resolution_ref: &resolution_ref,
            from,
            to,
            event_id: event,
            state: &state,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(exemption)
}

async fn editable(
    tx: &mut chibo_storage::Tx,
    actor: &Actor,
    exemption: i64,
    today: NaiveDate,
) -> Result<(ExemptionRow, String, Option<String>), AppError> {
    let row = repo::get(tx, exemption).await?.ok_or(AppError::NotFound)?;
    let (member, paths, _) = find_member(
        tx,
        actor,
        Permission::EditMembers,
        MemberId(row.member_id),
        today,
    )
    .await?;
    Ok((row, member.full_name, audit_path(&paths)))
}

/// EXM-02: extends an exemption's planned end by a new resolution.
pub async fn renew(
    app: &App,
    actor: &Actor,
    exemption: i64,
    input: &RenewInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, name, path) = editable(&mut tx, actor, exemption, today).await?;
    if row.resumed_on.is_some() {
        return Err(AppError::NotFound);
    }
    let mut e = FieldErrors::new();
    let decided_on = e.take(
        "decided_on",
        effective_date_after(&input.decided_on, today, row.from_on),
    );
    let to = match optional(input.to.as_deref()) {
        None => None,
        Some(d) => e.take("to", day(d)),
    };
    let renewals = repo::renewals(&mut tx, exemption).await?;
    let current = renewals.last().map_or(row.to_on, |r| r.to_on);
    if let (Some(to), Some(current)) = (to, current)
        && to <= current
    {
        e.push("to", Problem::DateTooEarly);
    }
    let Some(decided_on) = decided_on else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let resolution_ref = check_decision(&input.resolution_ref)?;
    if resolution_ref.chars().count() > REF_MAX {
        return Err(AppError::field(
            "resolution_ref",
            Problem::TooLong { max: REF_MAX },
        ));
    }
    let id = repo::insert_renewal(
        &mut tx,
        exemption,
        &resolution_ref,
        decided_on,
        to,
        now(),
        Some(actor.user),
    )
    .await?;
    #[derive(Serialize)]
    struct Renewed<'a> {
        renewal_id: i64,
        resolution_ref: &'a str,
        decided_on: NaiveDate,
        to: Option<NaiveDate>,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::ExemptionRenew,
        About::member(MemberId(row.member_id), &name, path),
        Some(&row),
        Some(&Renewed {
            renewal_id: id,
            resolution_ref: &resolution_ref,
            decided_on,
            to,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// EXM-02: the member resumes activity on their own request.
pub async fn resume(
    app: &App,
    actor: &Actor,
    exemption: i64,
    input: &ResumeInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, name, path) = editable(&mut tx, actor, exemption, today).await?;
    if row.resumed_on.is_some() {
        return Err(AppError::NotFound);
    }
    let on = effective_date_after(&input.resumed_on, today, row.from_on)
        .map_err(|p| AppError::field("resumed_on", p))?;
    check_resume(input.requested_by_member)?;
    let member = MemberId(row.member_id);
    let before = chibo_storage::members::state(&mut tx, member).await?;
    let life = NewLife {
        kind: EventKind::ExemptionEnded,
        on,
        unit: None,
        decision_ref: None,
        reason: None,
    };
    let state =
        append_and_project(&mut tx, member, Append::Life(&[life]), Some(actor.user)).await?;
    let event = crate::transfers::last_event_id(&mut tx, member).await?;
    if !repo::mark_resumed(&mut tx, exemption, on, Some(event)).await? {
        return Err(AppError::NotFound);
    }
    #[derive(Serialize)]
    struct Resumed<'a> {
        exemption_id: i64,
        resumed_on: NaiveDate,
        event_id: i64,
        state: &'a chibo_domain::member::MemberState,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::ExemptionResume,
        About::member(member, &name, path),
        before.as_ref(),
        Some(&Resumed {
            exemption_id: exemption,
            resumed_on: on,
            event_id: event,
            state: &state,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The exemptions of a member the caller may see, newest first.
pub async fn of_member(
    app: &App,
    actor: &Actor,
    id: MemberId,
) -> Result<Vec<ExemptionView>, AppError> {
    let mut tx = app.db.read().await?;
    find_member(&mut tx, actor, Permission::ViewMembers, id, clock::today()).await?;
    let mut out = Vec::new();
    for exemption in repo::of_member(&mut tx, id).await? {
        let renewals = repo::renewals(&mut tx, exemption.id).await?;
        let planned_until = renewals.last().map_or(exemption.to_on, |r| r.to_on);
        out.push(ExemptionView {
            exemption,
            renewals,
            planned_until,
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// Whether the member is exempted at the end of `day` per the registry history.
async fn exempted_on(
    tx: &mut chibo_storage::Tx,
    member: MemberId,
    on: NaiveDate,
) -> Result<Option<bool>, AppError> {
    let history = crate::members::history_entries(tx, member).await?;
    let state = state_on(&history, on, None).map_err(|e| AppError::Transition(e.error))?;
    Ok(state.filter(|s| s.is_member()).map(|s| s.exempted))
}

/// EXM-03, MTG-03: whether a member of the caller's scope is in their cell's attendance base
/// on `on` (a member on that day and not exempted). Meeting code uses this or the domain's
/// [`in_attendance_base`] on a state it already holds.
pub async fn member_in_attendance_base(
    app: &App,
    actor: &Actor,
    id: MemberId,
    on: NaiveDate,
) -> Result<bool, AppError> {
    let mut tx = app.db.read().await?;
    find_member(&mut tx, actor, Permission::ViewMembers, id, clock::today()).await?;
    let exempted = exempted_on(&mut tx, id, on).await?;
    tx.commit().await?;
    Ok(exempted.is_some_and(in_attendance_base))
}

/// EXM-03, REM-09: whether a member of the caller's scope is in a vote base counted over
/// attending members on `on`.
pub async fn member_in_vote_base(
    app: &App,
    actor: &Actor,
    id: MemberId,
    on: NaiveDate,
) -> Result<bool, AppError> {
    let mut tx = app.db.read().await?;
    find_member(&mut tx, actor, Permission::ViewMembers, id, clock::today()).await?;
    let exempted = exempted_on(&mut tx, id, on).await?;
    tx.commit().await?;
    Ok(exempted.is_some_and(in_vote_base))
}
