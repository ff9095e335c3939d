//! Transfers of party activity (issue 6, point 1; rules TRF-01 … TRF-05), one file per action.
//! Every step records the papers (`transfer_letter`, `temporary_transfer`) and appends the
//! registry events through the members' path (`append_and_project`), so the member's state,
//! periods and statistics follow the same history as any other event. Each write is audited
//! in its transaction.
//!
//! The rule settings are the rule catalogue's values ([`TransferParams::default`]); no screen
//! changes them yet.

mod confirm;
mod in_transit;
mod issue;
mod present;
mod temporary;

pub use confirm::{ConfirmInput, confirm_outside};
pub use in_transit::{
    COLUMNS, HostArrival, InTransit, host_list, in_transit, to_csv, to_json, to_table,
};
pub use issue::{IssueInput, Issued, issue_letter};
pub use present::{Incoming, PresentInput, Presented, incoming, present_letter};
pub use temporary::{
    RenewInput, ReturnInput, TemporaryInput, TemporaryView, renew_temporary, return_temporary,
    start_temporary,
};

use chibo_domain::access::{Actor, Permission};
use chibo_domain::dates::{DateProblem, parse_date};
use chibo_domain::field::Problem;
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::month::YearMonth;
use chibo_domain::transfer::{Closure, ClosureKind, Destination, TransferLetter, TransferParams};
use chibo_storage::transfers::{self as repo, LetterRow};
use chibo_storage::{Tx, events};
use chrono::NaiveDate;
use serde::Serialize;

use crate::scope::find_member;
use crate::{App, AppError, clock};

/// The transfer rules' settings in force on `day` (GEN-03: a letter is judged by the values
/// in force on its date, a temporary transfer by those on its start).
pub async fn params(tx: &mut Tx, day: NaiveDate) -> Result<TransferParams, AppError> {
    Ok(crate::settings::load_on(tx, day).await?.transfer)
}

/// A date typed in a form (dd/mm/yyyy or yyyy-mm-dd), any day.
pub(crate) fn day(input: &str) -> Result<NaiveDate, Problem> {
    parse_date(input).map_err(|e| match e {
        DateProblem::Empty => Problem::Required,
        DateProblem::Format => Problem::InvalidDate,
    })
}

/// The domain's view of a stored letter.
pub fn domain_letter(row: &LetterRow) -> TransferLetter {
    TransferLetter {
        number: row.letter_number.clone(),
        issued_on: row.issued_on,
        from_cell: UnitId(row.from_unit_id),
        destination: match (row.to_unit_id, &row.to_outside) {
            (Some(u), _) => Destination::Unit(UnitId(u)),
            (None, o) => Destination::Outside(o.clone().unwrap_or_default()),
        },
        fees_paid_through: row
            .fees_paid_through
            .as_deref()
            .and_then(|m| YearMonth::parse_input(m).ok()),
        presented_on: row.presented_on,
        closure: match (
            row.closed_on,
            row.closure_kind.as_deref().and_then(ClosureKind::parse),
        ) {
            (Some(on), Some(kind)) => Some(Closure { on, kind }),
            _ => None,
        },
    }
}

/// The id of the entry just appended to the member's history (the highest sequence).
pub(crate) async fn last_event_id(tx: &mut Tx, member: MemberId) -> Result<i64, AppError> {
    events::history(tx, member)
        .await?
        .iter()
        .max_by_key(|e| e.seq)
        .map(|e| e.id)
        .ok_or_else(|| AppError::Internal("a history without events".into()))
}

/// A member's transfer papers, for the member's page and the API.
#[derive(Debug, Clone, Serialize)]
pub struct MemberTransfers {
    pub letters: Vec<LetterRow>,
    pub temporaries: Vec<TemporaryView>,
}

/// The letters and temporary transfers of a member the caller may see.
pub async fn of_member(
    app: &App,
    actor: &Actor,
    id: MemberId,
) -> Result<MemberTransfers, AppError> {
    let mut tx = app.db.read().await?;
    find_member(&mut tx, actor, Permission::ViewMembers, id, clock::today()).await?;
    let letters = repo::letters_of(&mut tx, id).await?;
    let mut temporaries = Vec::new();
    for t in repo::temporaries_of(&mut tx, id).await? {
        temporaries.push(temporary::view(&mut tx, t).await?);
    }
    tx.commit().await?;
    Ok(MemberTransfers {
        letters,
        temporaries,
    })
}
