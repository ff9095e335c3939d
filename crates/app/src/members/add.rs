//! Adding a member to the registry: the profile and the first events (the admission, and the
//! recognition for someone long official), in one transaction with the audit row.

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::field::{FieldError, Problem, optional};
use chibo_domain::ids::MemberId;
use chibo_domain::member::EventKind;
use chibo_domain::person::{MemberProfile, ProfileInput};
use chibo_storage::stats::{Change, record_change};
use chibo_storage::{Tx, members, now};
use serde::{Deserialize, Serialize};

use super::event_input::EventInput;
use super::profile::check_profile_refs;
use super::{NewLife, project_new, write_new};
use crate::audit::{self, About, Action, By};
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewMemberInput {
    #[serde(flatten)]
    pub profile: ProfileInput,
    /// Interchange key; generated when empty.
    pub member_key: Option<String>,
    pub residential_area_id: Option<String>,
    /// The admitting cell.
    pub cell_code: String,
    pub admitted_on: String,
    /// For a member official long ago: the recognition date.
    pub recognized_on: Option<String>,
    pub decision_ref: Option<String>,
}

#[derive(Serialize)]
struct Created<'a> {
    member_key: &'a str,
    profile: &'a MemberProfile,
    events: &'a [NewLife],
}

pub async fn add_member(
    app: &App,
    actor: &Actor,
    input: &NewMemberInput,
) -> Result<MemberId, AppError> {
    let mut tx = app.db.write().await?;
    let id = add_member_in(&mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`add_member`] inside the caller's transaction (the admission ceremony of a candidate
/// creates the member in its own); the caller commits.
pub(crate) async fn add_member_in(
    tx: &mut Tx,
    actor: &Actor,
    input: &NewMemberInput,
) -> Result<MemberId, AppError> {
    let today = clock::today();
    let mut errors: Vec<FieldError> = Vec::new();
    let mut profile = input
        .profile
        .parse(today)
        .map_err(|e| errors.extend(e))
        .ok();
    let area = check_profile_refs(
        tx,
        profile.as_mut(),
        input.residential_area_id.as_deref(),
        None,
        &mut errors,
    )
    .await?;
    // With no valid birth date, admission dates are only held to the registry's earliest day.
    let birth = profile
        .as_ref()
        .map(|p| p.birth_date)
        .unwrap_or(chibo_domain::dates::EARLIEST_DAY);

    let admission = EventInput {
        kind: EventKind::Admitted.code().to_owned(),
        on: input.admitted_on.clone(),
        unit_code: Some(input.cell_code.clone()),
        decision_ref: input.decision_ref.clone(),
        reason: None,
    };
    let mut events = Vec::new();
    let mut cell_path = None;
    match admission.check(tx, actor, today, birth).await {
        Ok(checked) => {
            cell_path = checked.unit_path;
            events.push(checked.life);
        }
        Err(AppError::Invalid(e)) => errors.extend(e.into_iter().map(|f| FieldError {
            field: match f.field {
                "on" => "admitted_on",
                "unit_code" => "cell_code",
                other => other,
            },
            problem: f.problem,
        })),
        Err(AppError::NoSuchReference { .. }) => {
            return Err(AppError::NoSuchReference { field: "cell_code" });
        }
        Err(other) => return Err(other),
    }
    if let Some(recognized) = optional(input.recognized_on.as_deref()) {
        let recognition = EventInput {
            kind: "recognized".into(),
            on: recognized.into(),
            ..EventInput::default()
        };
        match recognition.check(tx, actor, today, birth).await {
            Ok(checked) => events.push(checked.life),
            Err(AppError::Invalid(e)) => errors.extend(e.into_iter().map(|f| FieldError {
                field: "recognized_on",
                problem: f.problem,
            })),
            Err(other) => return Err(other),
        }
    }
    // MEM-05: a card belongs to an official member only.
    let official = optional(input.recognized_on.as_deref()).is_some();
    if optional(input.profile.card_number.as_deref()).is_some() && !official {
        errors.push(FieldError::new("card_number", Problem::CardNeedsOfficial));
    }
    let key = match optional(input.member_key.as_deref()) {
        Some(k)
            if k.len() > 64
                || !k
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) =>
        {
            errors.push(FieldError::new("member_key", Problem::UnitCodeFormat));
            String::new()
        }
        Some(k) => {
            if members::id_by_key(tx, k).await?.is_some() {
                errors.push(FieldError::new("member_key", Problem::AlreadyTaken));
            }
            k.to_owned()
        }
        None => format!("m-{}", uuid::Uuid::now_v7().simple()),
    };
    let (Some(profile), Some(cell_path)) = (profile, cell_path) else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let paths = [cell_path];
    // The member does not exist yet: the check is on the admitting cell (its scope was
    // checked with the admission above; this asks for the permission).
    authorize(actor, Permission::EditMembers, Target::Unit(&paths[0]))?;
    let (state, periods) = project_new(&events)?;
    let id = members::insert(tx, &key, &profile, area, &state, now()).await?;
    write_new(tx, id, &events, &periods, Some(actor.user)).await?;
    record_change(tx, Change::Members(&[id])).await?;
    let about = About::member(
        id,
        profile.full_name.as_str(),
        Some(paths[0].as_str().to_owned()),
    );
    let created = Created {
        member_key: &key,
        profile: &profile,
        events: &events,
    };
    audit::record(
        tx,
        By::User(actor),
        Action::MemberCreate,
        about,
        None::<&()>,
        Some(&created),
    )
    .await?;
    Ok(id)
}
