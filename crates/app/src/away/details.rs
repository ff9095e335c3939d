//! The details of a period away as typed in a form or API body, checked field by field.

use chibo_domain::access::{Actor, Permission, Target, authorize};
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::org::UnitKind;
use chibo_storage::away::{Details, PeriodRow};
use chibo_storage::{Tx, members, units};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::AppError;
use crate::scope::{find_member, unit_path};

/// AWY-04: what the member does away, which decides their ties with the residence cell:
/// `other` (none owed), `agency` (an agency or enterprise), `barracks` (army or police in
/// barracks), `study` (a cadre in full-time study, with its months), `student` (a student far
/// from home).
pub const WORK_KINDS: &[&str] = &["other", "agency", "barracks", "study", "student"];

/// A declaration of working away, or an update of its details (`since` is ignored then).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AwayInput {
    /// The day the member left (dd/mm/yyyy or yyyy-mm-dd).
    pub since: String,
    pub place: String,
    pub employer: Option<String>,
    pub contact: Option<String>,
    /// The committee member in charge of keeping contact, by member key.
    pub contact_person_key: Option<String>,
    /// The remote party group: the code of a party group of the tree …
    pub remote_group_code: Option<String>,
    /// … or its name, where it is not in the tree.
    pub remote_group: Option<String>,
    /// The chat group's link or name, as text.
    pub messaging_group: Option<String>,
    /// One of [`WORK_KINDS`]; `other` when empty.
    pub work_kind: Option<String>,
    /// Months of full-time study, with `work_kind` `study`.
    pub study_months: Option<String>,
    /// Reference of the cell's record of the departure, kept on the registry event.
    pub decision_ref: Option<String>,
}

pub(super) fn work_kind_of(row: &PeriodRow) -> &'static str {
    match (
        row.works_in_agency,
        row.barracks_based,
        row.full_time_study_months.is_some(),
        row.student_away,
    ) {
        (_, true, _, _) => "barracks",
        (_, _, true, _) => "study",
        (_, _, _, true) => "student",
        (true, _, _, _) => "agency",
        _ => "other",
    }
}

/// A member of the caller's scope named by key in a field, else the field's error.
pub(super) async fn member_in_scope(
    tx: &mut Tx,
    actor: &Actor,
    key: &str,
    today: NaiveDate,
) -> Result<Result<MemberId, Problem>, AppError> {
    let Some(id) = members::id_by_key(tx, key.trim()).await? else {
        return Ok(Err(Problem::UnknownMember));
    };
    match find_member(tx, actor, Permission::ViewMembers, id, today).await {
        Ok(_) => Ok(Ok(id)),
        Err(AppError::NotFound | AppError::Forbidden(_)) => Ok(Err(Problem::UnknownMember)),
        Err(e) => Err(e),
    }
}

/// Checks every field but `since`, adding problems to `e`; `None` when one is wrong.
pub(super) async fn check_details(
    tx: &mut Tx,
    actor: &Actor,
    input: &AwayInput,
    today: NaiveDate,
    e: &mut FieldErrors,
) -> Result<Option<Details>, AppError> {
    let place = match optional_text(Some(&input.place), 200) {
        Ok(Some(p)) => Some(p),
        Ok(None) => {
            e.push("place", Problem::Required);
            None
        }
        Err(p) => {
            e.push("place", p);
            None
        }
    };
    let employer = e.take("employer", optional_text(input.employer.as_deref(), 200));
    let contact = e.take("contact", optional_text(input.contact.as_deref(), 200));
    let remote_group = e.take(
        "remote_group",
        optional_text(input.remote_group.as_deref(), 200),
    );
    let messaging_group = e.take(
        "messaging_group",
        optional_text(input.messaging_group.as_deref(), 500),
    );
    let contact_person = match optional(input.contact_person_key.as_deref()) {
        None => Some(None),
        Some(k) => e.take(
            "contact_person_key",
            member_in_scope(tx, actor, k, today).await?.map(Some),
        ),
    };
    // ORG-07: the remote group, where the tree has it, is a party group in the caller's scope.
    let group_unit = match optional(input.remote_group_code.as_deref()) {
        None => Some(None),
        Some(code) => match units::id_by_code(tx, code.trim()).await? {
            None => {
                return Err(AppError::NoSuchReference {
                    field: "remote_group_code",
                });
            }
            Some(id) => {
                let path = unit_path(tx, id, today).await?;
                if authorize(actor, Permission::ViewUnits, Target::Unit(&path)).is_err() {
                    return Err(AppError::NoSuchReference {
                        field: "remote_group_code",
                    });
                }
                match units::version_on(tx, id, today).await? {
                    Some(v) if v.kind()? == UnitKind::PartyGroup => Some(Some(id.0)),
                    Some(_) => {
                        e.push(
                            "remote_group_code",
                            Problem::NotOneOf {
                                allowed: &["party_group"],
                            },
                        );
                        None
                    }
                    None => {
                        e.push("remote_group_code", Problem::UnitNotValidOnDate);
                        None
                    }
                }
            }
        },
    };
    let kind = optional(input.work_kind.as_deref()).unwrap_or("other");
    let kind = if WORK_KINDS.contains(&kind) {
        Some(kind)
    } else {
        e.push(
            "work_kind",
            Problem::NotOneOf {
                allowed: WORK_KINDS,
            },
        );
        None
    };
    let study_months = match (kind, optional(input.study_months.as_deref())) {
        (Some("study"), None) => {
            e.push("study_months", Problem::Required);
            None
        }
        (Some("study"), Some(m)) => match m.parse::<u16>() {
            Ok(n) if n > 0 => Some(Some(i64::from(n))),
            _ => {
                e.push("study_months", Problem::NotANumber);
                None
            }
        },
        (_, Some(_)) => {
            e.push("study_months", Problem::NotExpected);
            None
        }
        (_, None) => Some(None),
    };
    let (
        Some(place),
        Some(employer),
        Some(contact),
        Some(remote_group),
        Some(messaging_group),
        Some(contact_person),
        Some(group_unit),
        Some(kind),
        Some(study_months),
    ) = (
        place,
        employer,
        contact,
        remote_group,
        messaging_group,
        contact_person,
        group_unit,
        kind,
        study_months,
    )
    else {
        return Ok(None);
    };
    Ok(Some(Details {
        place,
        employer,
        contact,
        contact_person_id: contact_person.map(|m| m.0),
        remote_group_unit_id: group_unit,
        remote_group,
        messaging_group,
        works_in_agency: matches!(kind, "agency" | "barracks" | "study"),
        barracks_based: kind == "barracks",
        full_time_study_months: study_months,
        student_away: kind == "student",
    }))
}
