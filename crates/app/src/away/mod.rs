//! Members working away (issue 6, point 3; rules AWY-01 … AWY-04): the record a cell keeps
//! on each period away, from the registry's `working_away_start` event to its
//! `working_away_end` event, the temporary exemptions with their 6-monthly renewal, the
//! contact log, and the lists of members away and of those with no contact for too long.
//! Declaring and ending append the registry event in the same transaction as the record, so
//! history, membership periods and statistics stay consistent.

mod contact;
mod declare;
mod details;
mod end;
mod exemption;
mod list;
mod render;

use chibo_domain::away::{
    AwayParams, AwayPeriod, ContactChannel, ContactEntry, ResidenceFacts, TemporaryExemption,
    absence_on, renewal_status, residence_tie, transfer_prompt,
};
use chibo_domain::ids::MemberId;
use chibo_storage::Tx;
use chibo_storage::away::{self as repo, ContactRow, ExemptionRow, PeriodRow};
use chrono::NaiveDate;
use serde::Serialize;

pub use contact::{ContactInput, log_contact};
pub use declare::{declare, update};
pub use details::{AwayInput, WORK_KINDS};
pub use end::{EndInput, end};
pub use exemption::{ExemptionInput, grant_exemption};
pub use list::{AwayLine, get, list, no_contact};
pub use render::{NO_CONTACT_COLUMNS, no_contact_csv, no_contact_json, no_contact_table};

use crate::{App, AppError};

/// The months without contact past which a member away is flagged (AWY-03): the
/// `contact_gap_months` rule setting (GEN-03, default 3).
pub async fn contact_gap_months(app: &App) -> Result<u32, AppError> {
    Ok(crate::settings::load(app).await?.warning.contact_gap_months)
}

/// The working-away rule settings in force on `day` (GEN-03).
async fn params(tx: &mut Tx, day: NaiveDate) -> Result<AwayParams, AppError> {
    Ok(crate::settings::load_on(tx, day).await?.away)
}

/// Where a period stands on a day, as the pages, the API and the reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwayStatus {
    pub as_of: NaiveDate,
    pub away: bool,
    pub last_contact: Option<NaiveDate>,
    /// Completed months since the last contact (or since leaving, never contacted).
    pub months_without_contact: u32,
    /// AWY-03: no contact for longer than the configured months.
    pub contact_lapsed: bool,
    pub gap_months: u32,
    /// AWY-03: the renewal of the exemption covering the day, where one is needed.
    pub renewal_due_on: Option<NaiveDate>,
    /// `not_yet_due`, `due_soon`, `due`, `overdue`, `on_time` or `late`.
    pub renewal_status: Option<&'static str>,
    /// AWY-01: the chain of exemptions has reached 12 months; propose a transfer.
    pub transfer_prompt: bool,
    /// AWY-01/AWY-02: how an absence from a meeting on the day counts
    /// (`excused_by_temporary_exemption`, `unexcused`, `not_away`).
    pub absence: &'static str,
    /// AWY-04: `not_applicable`, `required` or `excepted_…`.
    pub residence_tie: &'static str,
}

/// A period with its exemptions and contact log, and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct AwayView {
    pub period: PeriodRow,
    /// `other`, `agency`, `barracks`, `study` or `student` (AWY-04).
    pub work_kind: &'static str,
    pub exemptions: Vec<ExemptionRow>,
    /// Latest first.
    pub contacts: Vec<ContactRow>,
    pub status: AwayStatus,
}

/// The domain's record of a stored period.
pub(crate) fn to_domain(
    row: &PeriodRow,
    exemptions: &[ExemptionRow],
    contacts: &[ContactRow],
) -> AwayPeriod {
    AwayPeriod {
        member: MemberId(row.member_id),
        since: row.since,
        ended_on: row.ended_on,
        place: row.place.clone(),
        employer: row.employer.clone(),
        contact: row.contact.clone(),
        contact_person: row.contact_person_id.map(MemberId),
        remote_group: row.remote_group_code.clone().or(row.remote_group.clone()),
        messaging_group: row.messaging_group.clone(),
        exemptions: exemptions
            .iter()
            .map(|e| TemporaryExemption {
                decided_on: e.decided_on,
                from: e.from_on,
                until: e.until_on,
                resolution_ref: e.resolution_ref.clone(),
            })
            .collect(),
        contacts: contacts
            .iter()
            .map(|c| ContactEntry {
                on: c.contacted_on,
                channel: ContactChannel::parse(&c.channel).unwrap_or(ContactChannel::Other),
                by: MemberId(c.by_member_id),
                note: c.note.clone(),
            })
            .collect(),
    }
}

fn facts(row: &PeriodRow) -> ResidenceFacts {
    ResidenceFacts {
        works_in_agency_or_enterprise: row.works_in_agency,
        barracks_based: row.barracks_based,
        full_time_study_months: row
            .full_time_study_months
            .and_then(|m| u32::try_from(m).ok()),
        student_away_from_home: row.student_away,
    }
}

fn status(
    row: &PeriodRow,
    exemptions: &[ExemptionRow],
    contacts: &[ContactRow],
    as_of: NaiveDate,
    gap_months: u32,
    p: &AwayParams,
) -> AwayStatus {
    let record = to_domain(row, exemptions, contacts);
    let renewal = renewal_status(&record, as_of, p);
    AwayStatus {
        as_of,
        away: record.away_on(as_of),
        last_contact: record.last_contact(as_of),
        months_without_contact: record.contact_gap_months(as_of),
        contact_lapsed: record.contact_lapsed(as_of, gap_months),
        gap_months,
        renewal_due_on: renewal.map(|(s, _)| s.due_on),
        renewal_status: renewal.map(|(_, t)| t.code()),
        transfer_prompt: transfer_prompt(&record, as_of, p),
        absence: absence_on(&record, as_of).code(),
        residence_tie: residence_tie(&facts(row), p).code(),
    }
}

/// Loads a period's exemptions and contacts and builds its view on `as_of`.
async fn view(
    tx: &mut Tx,
    period: PeriodRow,
    as_of: NaiveDate,
    gap_months: u32,
) -> Result<AwayView, AppError> {
    let exemptions = repo::exemptions(tx, period.id).await?;
    let contacts = repo::contacts(tx, period.id).await?;
    let p = params(tx, as_of).await?;
    let status = status(&period, &exemptions, &contacts, as_of, gap_months, &p);
    Ok(AwayView {
        work_kind: details::work_kind_of(&period),
        period,
        exemptions,
        contacts,
        status,
    })
}

/// The member's period not ended yet, if any.
async fn open_period(tx: &mut Tx, member: MemberId) -> Result<Option<PeriodRow>, AppError> {
    Ok(repo::of_member(tx, member.0)
        .await?
        .into_iter()
        .rfind(|p| p.ended_on.is_none()))
}
