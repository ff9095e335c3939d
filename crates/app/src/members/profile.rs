//! Editing a member's profile. Particulars are not life-cycle history: the row is updated and
//! the audit row keeps what it was before and after.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldError, Problem, optional};
use chibo_domain::ids::MemberId;
use chibo_domain::person::{MemberProfile, ProfileInput};
use chibo_storage::stats::{Change, record_change};
use chibo_storage::{Tx, members, now, reference, residential};
use serde::Deserialize;

use crate::audit::{self, About, Action, By};
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProfileUpdate {
    #[serde(flatten)]
    pub profile: ProfileInput,
    pub residential_area_id: Option<String>,
}

/// Checks what a profile refers to in the registry: the residence commune exists, the area
/// belongs to it (and gives the commune when none was typed), and the citizen ID and card
/// number are not another member's. Returns the residential area id.
pub(crate) async fn check_profile_refs(
    tx: &mut Tx,
    mut profile: Option<&mut MemberProfile>,
    area_input: Option<&str>,
    member: Option<MemberId>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<i64>, AppError> {
    let today = clock::today();
    let mut area_id = None;
    if let Some(raw) = optional(area_input) {
        match raw.parse::<i64>() {
            Err(_) => errors.push(FieldError::new(
                "residential_area_id",
                Problem::UnknownResidentialArea,
            )),
            Ok(id) => match residential::get(tx, id, today).await? {
                None => errors.push(FieldError::new(
                    "residential_area_id",
                    Problem::UnknownResidentialArea,
                )),
                Some(area) => {
                    if let Some(p) = profile.as_deref_mut() {
                        match &p.residence_admin_code {
                            Some(c) if *c != area.commune_code => errors.push(FieldError::new(
                                "residential_area_id",
                                Problem::UnknownResidentialArea,
                            )),
                            Some(_) => {}
                            None => p.residence_admin_code = Some(area.commune_code.clone()),
                        }
                    }
                    area_id = Some(area.id);
                }
            },
        }
    }
    let Some(p) = profile else { return Ok(area_id) };
    if let Some(code) = &p.residence_admin_code
        && reference::commune(tx, code).await?.is_none()
    {
        errors.push(FieldError::new(
            "residence_admin_code",
            Problem::UnknownCommune,
        ));
    }
    let other = |found: Option<MemberId>| found.is_some_and(|f| Some(f) != member);
    if let Some(c) = &p.citizen_id
        && other(members::id_by_citizen_id(tx, c.as_str()).await?)
    {
        errors.push(FieldError::new("citizen_id", Problem::AlreadyTaken));
    }
    if let Some(c) = &p.card_number
        && other(members::id_by_card_number(tx, c.as_str()).await?)
    {
        errors.push(FieldError::new("card_number", Problem::AlreadyTaken));
    }
    Ok(area_id)
}

pub async fn update_profile(
    app: &App,
    actor: &Actor,
    id: MemberId,
    input: &ProfileUpdate,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _granted) =
        find_member(&mut tx, actor, Permission::EditMembers, id, today).await?;
    let mut errors = Vec::new();
    let mut profile = input
        .profile
        .parse(today)
        .map_err(|e| errors.extend(e))
        .ok();
    let area = check_profile_refs(
        &mut tx,
        profile.as_mut(),
        input.residential_area_id.as_deref(),
        Some(id),
        &mut errors,
    )
    .await?;
    // MEM-05: only official members hold a card; a former member keeps the one they had.
    let ever_official = row.recognized_on.is_some();
    if profile
        .as_ref()
        .is_some_and(|p| p.card_number.is_some() && !ever_official)
    {
        errors.push(FieldError::new("card_number", Problem::CardNeedsOfficial));
    }
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    members::update_profile(&mut tx, id, &profile, area, now()).await?;
    record_change(&mut tx, Change::Members(&[id])).await?;
    let about = About::member(id, profile.full_name.as_str(), audit_path(&paths));
    audit::record(
        &mut tx,
        By::User(actor),
        Action::MemberUpdate,
        about,
        Some(&row),
        Some(&profile),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
