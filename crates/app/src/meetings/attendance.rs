//! Taking attendance (MTG-03, MTG-06): one line per member of the roster on the meeting day,
//! present, excused with a reason or unexcused; an absence without a reason is unexcused.
//! Members outside the base are listed and may be marked present, but owe nothing.

use std::collections::{BTreeMap, BTreeSet};

use chibo_domain::access::{Actor, Permission};
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::UnitId;
use chibo_domain::meetings::{Attendance, absence};
use chibo_storage::meetings::{self as repo, NewAttendance};
use chibo_storage::{now, units};
use serde::{Deserialize, Serialize};

use super::{MeetingView, find_meeting, params, role_code, roster, view};
use crate::audit::{self, About, Action, By};
use crate::{App, AppError, clock};

/// One member's mark as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AttendanceLine {
    pub member_id: i64,
    /// `present`, `excused`, `unexcused`; empty for a member outside the base left unmarked.
    pub presence: String,
    pub reason: Option<String>,
}

/// The whole sheet, saved at once.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct AttendanceInput {
    pub lines: Vec<AttendanceLine>,
}

/// Records the attendance of a meeting that has taken place (or is under way today), for
/// every member of the cell's roster on its day; replaces what was recorded before. Every
/// member of the base must be marked (`presence` names the first problem); a member not on
/// the roster is refused (`member`). Audited with before and after.
pub async fn record_attendance(
    app: &App,
    actor: &Actor,
    id: i64,
    input: &AttendanceInput,
) -> Result<MeetingView, AppError> {
    let mut tx = app.db.write().await?;
    let (row, path) = find_meeting(&mut tx, actor, Permission::EditMembers, id).await?;
    let p = params(&mut tx, row.held_on).await?;
    let mut e = FieldErrors::new();
    if row.held_on > clock::today() {
        e.push("held_on", Problem::DateInFuture);
    }
    let people = roster(&mut tx, UnitId(row.cell_id), row.held_on, &p).await?;
    let mut marks = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for l in &input.lines {
        if !seen.insert(l.member_id) {
            e.push(
                "member",
                Problem::Repeated {
                    value: l.member_id.to_string(),
                },
            );
        } else if !people.iter().any(|(r, _)| r.member_id == l.member_id) {
            e.push("member", Problem::UnknownMember);
        }
        marks.insert(l.member_id, l);
    }
    let mut lines = Vec::with_capacity(people.len());
    let mut unmarked = false;
    for (person, role) in &people {
        let mark = marks.get(&person.member_id);
        let presence = mark.map(|m| m.presence.trim()).unwrap_or("");
        let reason = match mark.map(|m| optional_text(m.reason.as_deref(), 300)) {
            Some(Ok(r)) => r,
            Some(Err(problem)) => {
                e.push("reason", problem);
                None
            }
            None => None,
        };
        let attendance = match presence {
            "present" => Some(Attendance::Present),
            // MTG-06: an absence without a reason is unexcused.
            "excused" | "absent" => Some(absence(reason.as_deref(), &p)),
            "unexcused" => Some(Attendance::Unexcused),
            "" => None,
            _ => {
                e.push(
                    "presence",
                    Problem::NotOneOf {
                        allowed: &["present", "excused", "unexcused"],
                    },
                );
                None
            }
        };
        if attendance.is_none() && role.in_base() && presence.is_empty() {
            unmarked = true;
        }
        let reason = match &attendance {
            Some(Attendance::Excused { reason }) => optional(Some(reason)).map(str::to_owned),
            _ => None,
        };
        lines.push(NewAttendance {
            member_id: person.member_id,
            presence: attendance.as_ref().map(|a| a.code().to_owned()),
            reason,
            in_base: role.in_base(),
            base_role: role_code(*role).to_owned(),
        });
    }
    if unmarked {
        e.push("presence", Problem::Required);
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let before = repo::attendance(&mut tx, id).await?;
    repo::replace_attendance(&mut tx, id, &lines, now()).await?;
    let code = units::code_of(&mut tx, UnitId(row.cell_id))
        .await?
        .unwrap_or_default();
    audit::record(
        &mut tx,
        By::User(actor),
        Action::MeetingAttendance,
        About {
            kind: "meeting",
            id: Some(id.to_string()),
            label: Some(format!("{code} {}", row.held_on.format("%d/%m/%Y"))),
            unit_path: Some(path.as_str().to_owned()),
        },
        Some(&before),
        Some(&lines),
    )
    .await?;
    let row = repo::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let v = view(&mut tx, row).await?;
    tx.commit().await?;
    Ok(v)
}
