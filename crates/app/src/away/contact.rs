//! Logging a contact with a member away (AWY-03: monthly, by a named committee member).

use chibo_domain::access::{Actor, Permission};
use chibo_domain::away::ContactChannel;
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::MemberId;
use chibo_storage::{away as repo, now};
use serde::{Deserialize, Serialize};

use super::details::member_in_scope;
use super::open_period;
use crate::audit::{self, About, Action, By};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ContactInput {
    /// The day of the contact.
    pub on: String,
    /// `phone`, `chat`, `in_person` or `other`.
    pub channel: String,
    /// The committee member who made it, by member key.
    pub by_member_key: String,
    pub note: Option<String>,
}

/// Appends a contact to the member's open record; the day falls in the period away.
pub async fn log_contact(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &ContactInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let period = open_period(&mut tx, member)
        .await?
        .ok_or(AppError::Transition(
            chibo_domain::member::TransitionError::NotWorkingAway,
        ))?;
    let mut e = FieldErrors::new();
    let on = e.take("on", effective_date_after(&input.on, today, period.since));
    let channel = e.take(
        "channel",
        ContactChannel::parse(&input.channel).ok_or(Problem::NotOneOf {
            allowed: ContactChannel::CODES,
        }),
    );
    let by = match optional(Some(&input.by_member_key)) {
        None => {
            e.push("by_member_key", Problem::Required);
            None
        }
        Some(k) => e.take(
            "by_member_key",
            member_in_scope(&mut tx, actor, k, today).await?,
        ),
    };
    let note = e.take("note", optional_text(input.note.as_deref(), 1000));
    let (Some(on), Some(channel), Some(by), Some(note)) = (on, channel, by, note) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let id = repo::insert_contact(
        &mut tx,
        period.id,
        on,
        channel.code(),
        by.0,
        note.as_deref(),
        now(),
        Some(actor.user.0),
    )
    .await?;
    #[derive(Serialize)]
    struct Logged<'a> {
        period_id: i64,
        on: chrono::NaiveDate,
        channel: &'a str,
        by_member_id: i64,
        note: Option<&'a str>,
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::AwayContact,
        About::member(member, &row.full_name, audit_path(&paths)),
        None::<&()>,
        Some(&Logged {
            period_id: period.id,
            on,
            channel: channel.code(),
            by_member_id: by.0,
            note: note.as_deref(),
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
