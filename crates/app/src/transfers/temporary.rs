//! Temporary transfers (TRF-05): the member attends a host cell for a bounded time while the
//! record, the headcount and the dues stay at home. Start (`temp_out` into the host), renewal
//! (reported home; a study posting past its limit is accepted with an official transfer
//! suggested, a move past its limit refused) and return (`temp_return`). The home cell acts.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::member::EventKind;
use chibo_domain::transfer::{
    Destination, Renewal, TemporaryReason, TemporaryTransfer, check_temporary_duration,
};
use chibo_storage::transfers::{self as repo, NewLetter, NewTemporary, RenewalRow, TemporaryRow};
use chibo_storage::{Tx, now, units};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::issue::NUMBER_MAX;
use super::{day, last_event_id, params};
use crate::audit::{self, About, Action, By};
use crate::members::{Append, NewLife, append_and_project};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

const REASON_CODES: &[&str] = &["move", "study_or_secondment"];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TemporaryInput {
    pub letter_number: String,
    pub host_unit_code: String,
    /// `move` or `study_or_secondment`.
    pub reason: String,
    pub from: String,
    pub until: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RenewInput {
    pub decided_on: String,
    pub until: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReturnInput {
    pub returned_on: String,
}

/// A temporary transfer with its renewals and the end they lead to.
#[derive(Debug, Clone, Serialize)]
pub struct TemporaryView {
    pub transfer: TemporaryRow,
    pub renewals: Vec<RenewalRow>,
    pub effective_until: NaiveDate,
    /// TRF-05: the last renewal took a study posting past its limit.
    pub official_suggested: bool,
}

fn domain(row: &TemporaryRow, renewals: &[RenewalRow]) -> Result<TemporaryTransfer, AppError> {
    Ok(TemporaryTransfer {
        reason: TemporaryReason::parse(&row.reason)
            .ok_or_else(|| AppError::Internal(format!("temporary reason {}", row.reason)))?,
        host: Destination::Unit(UnitId(row.host_unit_id)),
        from: row.from_on,
        until: row.until_on,
        renewals: renewals
            .iter()
            .map(|r| Renewal {
                decided_on: r.decided_on,
                until: r.until_on,
                // Renewals are recorded by the home cell, so reported home when recorded.
                reported_home_on: Some(r.decided_on),
            })
            .collect(),
        returned_on: row.returned_on,
    })
}

pub(super) async fn view(tx: &mut Tx, row: TemporaryRow) -> Result<TemporaryView, AppError> {
    let renewals = repo::renewals(tx, row.id).await?;
    let d = domain(&row, &renewals)?;
    let p = params(tx, d.from).await?;
    let official_suggested = d.reason == TemporaryReason::StudyOrSecondment
        && chibo_domain::dates::months_covered(d.from, d.effective_until())
            > p.temp_study_max_months;
    Ok(TemporaryView {
        effective_until: d.effective_until(),
        transfer: row,
        renewals,
        official_suggested,
    })
}

/// Starts a temporary transfer of a member of the caller's scope to a host cell.
pub async fn start_temporary(
    app: &App,
    actor: &Actor,
    id: MemberId,
    input: &TemporaryInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) = find_member(&mut tx, actor, Permission::EditMembers, id, today).await?;
    let mut e = FieldErrors::new();
    let number = match optional_text(Some(&input.letter_number), NUMBER_MAX) {
        Ok(Some(n)) => Some(n),
        Ok(None) => {
            e.push("letter_number", Problem::Required);
            None
        }
        Err(p) => {
            e.push("letter_number", p);
            None
        }
    };
    let reason = e.take(
        "reason",
        TemporaryReason::parse(&input.reason).ok_or(Problem::NotOneOf {
            allowed: REASON_CODES,
        }),
    );
    let from = e.take(
        "from",
        effective_date_after(&input.from, today, row.admitted_on),
    );
    let until = e.take("until", day(&input.until));
    let mut host = None;
    match optional(Some(&input.host_unit_code)) {
        None => e.push("host_unit_code", Problem::Required),
        Some(code) => {
            let unit =
                units::id_by_code(&mut tx, code)
                    .await?
                    .ok_or(AppError::NoSuchReference {
                        field: "host_unit_code",
                    })?;
            if let Some(from) = from {
                match units::version_on(&mut tx, unit, from).await? {
                    None => e.push("host_unit_code", Problem::UnitNotValidOnDate),
                    Some(v) if !v.kind()?.holds_members() => {
                        e.push("host_unit_code", Problem::UnitHoldsNoMembers)
                    }
                    Some(_) => host = Some(unit),
                }
            }
        }
    }
    let (Some(number), Some(reason), Some(from), Some(until), Some(host)) =
        (number, reason, from, until, host)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    // TRF-05: 3 to under 12 months for a move, 3 to 24 for study or secondment.
    let p = params(&mut tx, from).await?;
    check_temporary_duration(reason, from, until, &p)?;
    let before = chibo_storage::members::state(&mut tx, id).await?;
    let life = NewLife {
        kind: EventKind::TempOut,
        on: from,
        unit: Some(host),
        decision_ref: Some(number.clone()),
        reason: None,
    };
    let state = append_and_project(&mut tx, id, Append::Life(&[life]), Some(actor.user)).await?;
    let event = last_event_id(&mut tx, id).await?;
    let at = now();
    let letter = repo::insert_letter(
        &mut tx,
        &NewLetter {
            member: id,
            kind: "temporary",
            letter_number: &number,
            issued_on: from,
            from_unit: UnitId(row.cell_id),
            to_unit: Some(host),
            to_outside: None,
            fees_paid_through: None,
            content: "{}",
            move_reason: None,
            move_on: None,
            start_due_on: None,
            out_event_id: Some(event),
            recorded_at: at,
            recorded_by: Some(actor.user),
        },
    )
    .await?;
    let temp = repo::insert_temporary(
        &mut tx,
        &NewTemporary {
            letter_id: letter,
            member: id,
            host_unit: host,
            reason: reason.code(),
            from_on: from,
            until_on: until,
            out_event_id: Some(event),
            recorded_at: at,
            recorded_by: Some(actor.user),
        },
    )
    .await?;
    #[derive(Serialize)]
    struct After<'a> {
        temporary_transfer_id: i64,
        letter_number: &'a str,
        host_unit: i64,
        reason: &'a str,
        from: NaiveDate,
        until: NaiveDate,
        event_id: i64,
        state: &'a chibo_domain::member::MemberState,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::TemporaryStart,
        About::member(id, &row.full_name, audit_path(&paths)),
        before.as_ref(),
        Some(&After {
            temporary_transfer_id: temp,
            letter_number: &number,
            host_unit: host.0,
            reason: reason.code(),
            from,
            until,
            event_id: event,
            state: &state,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(temp)
}

/// The temporary transfer `temp` of a member the caller may edit (the home side).
async fn editable(
    tx: &mut Tx,
    actor: &Actor,
    temp: i64,
    today: NaiveDate,
) -> Result<(TemporaryRow, Vec<RenewalRow>, Option<String>), AppError> {
    let row = repo::temporary(tx, temp).await?.ok_or(AppError::NotFound)?;
    let (_, paths, _) = find_member(
        tx,
        actor,
        Permission::EditMembers,
        MemberId(row.member_id),
        today,
    )
    .await?;
    let renewals = repo::renewals(tx, temp).await?;
    Ok((row, renewals, audit_path(&paths)))
}

/// Extends a temporary transfer (TRF-05). Returns whether an official transfer is suggested.
pub async fn renew_temporary(
    app: &App,
    actor: &Actor,
    temp: i64,
    input: &RenewInput,
) -> Result<bool, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, renewals, path) = editable(&mut tx, actor, temp, today).await?;
    let mut e = FieldErrors::new();
    let decided_on = e.take(
        "decided_on",
        effective_date_after(&input.decided_on, today, row.from_on),
    );
    let until = e.take("until", day(&input.until));
    let (Some(decided_on), Some(until)) = (decided_on, until) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let current = domain(&row, &renewals)?;
    let p = params(&mut tx, row.from_on).await?;
    let outcome = current.renew(decided_on, until, &p)?;
    let id =
        repo::insert_renewal(&mut tx, temp, decided_on, until, now(), Some(actor.user)).await?;
    #[derive(Serialize)]
    struct Renewed {
        renewal_id: i64,
        decided_on: NaiveDate,
        until: NaiveDate,
        official_suggested: bool,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::TemporaryRenew,
        About::member(MemberId(row.member_id), &row.full_name, path),
        Some(&current),
        Some(&Renewed {
            renewal_id: id,
            decided_on,
            until,
            official_suggested: outcome.official_suggested,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(outcome.official_suggested)
}

/// Ends a temporary transfer: the member is back at the home cell only.
pub async fn return_temporary(
    app: &App,
    actor: &Actor,
    temp: i64,
    input: &ReturnInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, renewals, path) = editable(&mut tx, actor, temp, today).await?;
    let on = effective_date_after(&input.returned_on, today, row.from_on)
        .map_err(|p| AppError::field("returned_on", p))?;
    let current = domain(&row, &renewals)?;
    let ended = current.end(on)?;
    let member = MemberId(row.member_id);
    let before = chibo_storage::members::state(&mut tx, member).await?;
    let life = NewLife {
        kind: EventKind::TempReturn,
        on,
        unit: None,
        decision_ref: Some(row.letter_number.clone()),
        reason: None,
    };
    let state =
        append_and_project(&mut tx, member, Append::Life(&[life]), Some(actor.user)).await?;
    let event = last_event_id(&mut tx, member).await?;
    if !repo::mark_returned(&mut tx, temp, on, Some(event)).await? {
        return Err(AppError::NotFound);
    }
    #[derive(Serialize)]
    struct Returned<'a> {
        temporary_transfer_id: i64,
        transfer: &'a TemporaryTransfer,
        event_id: i64,
        state: &'a chibo_domain::member::MemberState,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::TemporaryReturn,
        About::member(member, &row.full_name, path),
        before.as_ref(),
        Some(&Returned {
            temporary_transfer_id: temp,
            transfer: &ended,
            event_id: event,
            state: &state,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
