//! Creating and correcting a meeting's record (MTG-06): every bad field named, nothing
//! written unless all is well, the record audited with before and after.

use chibo_domain::access::{Actor, Denied, Permission, Target, authorize};
use chibo_domain::dates::EARLIEST_DAY;
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::meetings::{ConductFacts, MeetingKind, MeetingRecord, validate_record};
use chibo_storage::meetings::{self as repo, MeetingFields, MeetingRow, VoteRow};
use chibo_storage::{Tx, now, units};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{MeetingView, find_meeting, holds_meetings, params, roster, view};
use crate::audit::{self, About, Action, By};
use crate::org::effective_date_after;
use crate::scope::unit_path;
use crate::{App, AppError, clock};

/// A vote on a resolution, as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct VoteInput {
    pub subject: String,
    pub approvals: String,
    pub against: String,
    pub abstain: String,
}

/// A meeting as typed in the form or sent to the API. Member fields are member ids.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingInput {
    /// The cell's code.
    pub cell: String,
    pub kind: String,
    pub thematic: bool,
    pub topic: Option<String>,
    pub held_on: String,
    /// HH:MM, optional.
    pub started_at: Option<String>,
    pub duration_minutes: String,
    pub online: bool,
    pub chair: Option<String>,
    pub recorder: Option<String>,
    /// One item per line.
    pub agenda: String,
    pub minutes: Option<String>,
    pub resolution: Option<String>,
    pub prepared_content: bool,
    pub draft_resolution: bool,
    pub broad_participation: bool,
    pub principles_respected: bool,
    pub minutes_complete: bool,
    /// MTG-05: all four parts or none.
    pub score_preparation: Option<String>,
    pub score_attendance: Option<String>,
    pub score_conduct: Option<String>,
    pub score_conclusion: Option<String>,
    pub full_attendance: bool,
    pub full_duration: bool,
    pub full_participation: bool,
    pub full_minutes: bool,
    /// Lines with an empty subject and no numbers are ignored.
    pub votes: Vec<VoteInput>,
}

/// Longest meeting accepted, in minutes (a working day).
const MAX_DURATION: u32 = 12 * 60;

fn whole(s: &str, min: u32, max: u32) -> Result<u32, Problem> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::NotANumber);
    }
    match s.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(Problem::OutOfRange { min, max }),
    }
}

fn time_of_day(s: Option<&str>) -> Result<Option<String>, Problem> {
    let Some(s) = optional(s) else {
        return Ok(None);
    };
    let (h, m) = s.split_once([':', 'h', 'g']).ok_or(Problem::InvalidTime)?;
    let h: u32 = h.trim().parse().map_err(|_| Problem::InvalidTime)?;
    let m: u32 = if m.trim().is_empty() {
        0
    } else {
        m.trim().parse().map_err(|_| Problem::InvalidTime)?
    };
    if h > 23 || m > 59 {
        return Err(Problem::InvalidTime);
    }
    Ok(Some(format!("{h:02}:{m:02}")))
}

fn member_ref(s: Option<&str>) -> Result<Option<i64>, Problem> {
    match optional(s) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| Problem::UnknownMember),
    }
}

/// The checked fields and votes of `input` for a cell already resolved.
struct Checked {
    fields: MeetingFields,
    votes: Vec<VoteRow>,
}

async fn check(
    tx: &mut Tx,
    input: &MeetingInput,
    cell: Option<UnitId>,
    mut e: FieldErrors,
) -> Result<Checked, AppError> {
    let today = clock::today();
    let kind = e.take("kind", MeetingKind::parse(&input.kind));
    let held_on = e.take(
        "held_on",
        effective_date_after(&input.held_on, today, EARLIEST_DAY),
    );
    let p = params(tx, held_on.unwrap_or(today)).await?;
    let started_at = e.take("started_at", time_of_day(input.started_at.as_deref()));
    let duration = e.take(
        "duration_minutes",
        whole(&input.duration_minutes, 1, MAX_DURATION),
    );
    let topic = e.take("topic", optional_text(input.topic.as_deref(), 300));
    let minutes = e.take("minutes", optional_text(input.minutes.as_deref(), 20_000));
    let resolution = e.take(
        "resolution",
        optional_text(input.resolution.as_deref(), 10_000),
    );
    let agenda: Vec<String> = input
        .agenda
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(chibo_domain::text::clean_text)
        .collect();
    if agenda.iter().map(|a| a.chars().count()).sum::<usize>() > 5_000 {
        e.push("agenda", Problem::TooLong { max: 5_000 });
    }
    let chair = e
        .take("chair", member_ref(input.chair.as_deref()))
        .flatten();
    let recorder = e
        .take("recorder", member_ref(input.recorder.as_deref()))
        .flatten();
    // Chair and recorder: people of the cell's roster on the day.
    if let (Some(cell), Some(day)) = (cell, held_on) {
        let people: Vec<i64> = roster(tx, cell, day, &p)
            .await?
            .into_iter()
            .map(|(r, _)| r.member_id)
            .collect();
        for (field, id) in [("chair", chair), ("recorder", recorder)] {
            if id.is_some_and(|id| !people.contains(&id)) {
                e.push(field, Problem::UnknownMember);
            }
        }
    }
    // MTG-05: a score is all four parts or none; each part within its weight (the domain's
    // `grade` refuses a part over its weight; checking here names the field).
    let w = &p.weights;
    let parts = [
        ("score_preparation", &input.score_preparation, w.preparation),
        ("score_attendance", &input.score_attendance, w.attendance),
        ("score_conduct", &input.score_conduct, w.conduct),
        ("score_conclusion", &input.score_conclusion, w.conclusion),
    ];
    let given = parts
        .iter()
        .filter(|(_, v, _)| optional(v.as_deref()).is_some())
        .count();
    let mut points = [None; 4];
    if given > 0 {
        for (i, (field, v, max)) in parts.iter().enumerate() {
            points[i] = match optional(v.as_deref()) {
                None => {
                    e.push(field, Problem::Required);
                    None
                }
                Some(s) => e.take(field, whole(s, 0, *max)),
            };
        }
    }
    let mut votes = Vec::new();
    for v in &input.votes {
        let blank = [&v.subject, &v.approvals, &v.against, &v.abstain]
            .iter()
            .all(|s| s.trim().is_empty());
        if blank {
            continue;
        }
        let subject = match e.take("vote_subject", optional_text(Some(&v.subject), 300)) {
            Some(Some(s)) => Some(s),
            Some(None) => {
                e.push("vote_subject", Problem::Required);
                None
            }
            None => None,
        };
        let count = |s: &str| {
            if s.trim().is_empty() {
                Ok(0)
            } else {
                whole(s, 0, 100_000)
            }
        };
        let approvals = e.take("votes", count(&v.approvals));
        let against = e.take("votes", count(&v.against));
        let abstain = e.take("votes", count(&v.abstain));
        if let (Some(subject), Some(a), Some(b), Some(c)) = (subject, approvals, against, abstain) {
            votes.push(VoteRow {
                subject,
                approvals: i64::from(a),
                against: i64::from(b),
                abstain: i64::from(c),
            });
        }
    }
    // MTG-06: chair, recorder, agenda and duration are required (the domain's check).
    if let (Some(kind), Some(held_on), Some(cell)) = (kind, held_on, cell) {
        let record = MeetingRecord {
            cell,
            kind,
            thematic: input.thematic,
            topic: None,
            held_on,
            duration_minutes: duration.unwrap_or(1),
            online: input.online,
            chair: chair.map(MemberId),
            recorder: recorder.map(MemberId),
            agenda: agenda.clone(),
            attendance: Vec::new(),
            minutes: None,
            resolution: None,
            conduct: ConductFacts::default(),
            rating: None,
        };
        if let Err(errs) = validate_record(&record) {
            for err in errs {
                if !(err.field == "duration_minutes" && duration.is_none()) {
                    e.push(err.field, err.problem);
                }
            }
        }
    } else if agenda.is_empty() {
        e.push("agenda", Problem::Required);
    }
    let (Some(kind), Some(held_on), Some(started_at), Some(duration), Some(cell)) =
        (kind, held_on, started_at, duration, cell)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let (Some(topic), Some(minutes), Some(resolution), true) =
        (topic, minutes, resolution, e.is_empty())
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    let part = |v: Option<u32>| v.map(i64::from);
    Ok(Checked {
        fields: MeetingFields {
            cell_id: cell.0,
            kind: kind.code().to_owned(),
            // Only a regular sitting carries the thematic flag (MTG-02).
            thematic: input.thematic && kind == MeetingKind::Regular,
            topic,
            held_on,
            started_at,
            duration_minutes: i64::from(duration),
            online: input.online,
            chair_id: chair,
            recorder_id: recorder,
            agenda: agenda.join("\n"),
            minutes,
            resolution,
            prepared_content: input.prepared_content,
            draft_resolution: input.draft_resolution,
            broad_participation: input.broad_participation,
            principles_respected: input.principles_respected,
            minutes_complete: input.minutes_complete,
            score_preparation: part(points[0]),
            score_attendance: part(points[1]),
            score_conduct: part(points[2]),
            score_conclusion: part(points[3]),
            full_attendance: input.full_attendance,
            full_duration: input.full_duration,
            full_participation: input.full_participation,
            full_minutes: input.full_minutes,
        },
        votes,
    })
}

/// The cell named in the input if the caller may record its meetings; errors go to `e`
/// (an unknown cell and one outside the scope are answered alike).
async fn cell_of(
    tx: &mut Tx,
    actor: &Actor,
    code: &str,
    e: &mut FieldErrors,
) -> Result<Option<(UnitId, String)>, AppError> {
    if code.trim().is_empty() {
        e.push("cell", Problem::Required);
        return Ok(None);
    }
    let Some(cell) = units::id_by_code(tx, code.trim()).await? else {
        return Err(AppError::NoSuchReference { field: "cell" });
    };
    let path = unit_path(tx, cell, clock::today()).await?;
    match authorize(actor, Permission::EditMembers, Target::Unit(&path)) {
        Ok(_) => {}
        Err(Denied::OutOfScope) => return Err(AppError::NoSuchReference { field: "cell" }),
        Err(d) => return Err(d.into()),
    }
    match units::latest_version(tx, cell, clock::today()).await? {
        Some(v) if holds_meetings(v.kind()?) => Ok(Some((cell, path.as_str().to_owned()))),
        _ => {
            e.push("cell", Problem::UnitHoldsNoMembers);
            Ok(None)
        }
    }
}

fn about(id: i64, cell_code: &str, held_on: NaiveDate, path: String) -> About {
    About {
        kind: "meeting",
        id: Some(id.to_string()),
        label: Some(format!("{cell_code} {}", held_on.format("%d/%m/%Y"))),
        unit_path: Some(path),
    }
}

#[derive(Serialize)]
struct Audited<'a> {
    #[serde(flatten)]
    fields: &'a MeetingFields,
    votes: &'a [VoteRow],
}

/// Records a meeting of a cell in the caller's scope; its id.
pub async fn create(app: &App, actor: &Actor, input: &MeetingInput) -> Result<i64, AppError> {
    if !actor.can(Permission::EditMembers) {
        return Err(AppError::Forbidden(Permission::EditMembers));
    }
    let mut tx = app.db.write().await?;
    let mut e = FieldErrors::new();
    let cell = cell_of(&mut tx, actor, &input.cell, &mut e).await?;
    let checked = check(&mut tx, input, cell.as_ref().map(|c| c.0), e).await?;
    let Some((_, path)) = cell else {
        return Err(AppError::field("cell", Problem::Required));
    };
    let id = repo::insert(&mut tx, &checked.fields, now(), Some(actor.user.0)).await?;
    repo::replace_votes(&mut tx, id, &checked.votes).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::MeetingCreate,
        about(id, input.cell.trim(), checked.fields.held_on, path),
        None::<&()>,
        Some(&Audited {
            fields: &checked.fields,
            votes: &checked.votes,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Corrects a meeting's record. The cell may not change; the attendance already taken stays
/// (take it again after moving the day).
pub async fn update(
    app: &App,
    actor: &Actor,
    id: i64,
    input: &MeetingInput,
) -> Result<MeetingView, AppError> {
    let mut tx = app.db.write().await?;
    let (before, path) = find_meeting(&mut tx, actor, Permission::EditMembers, id).await?;
    let cell = UnitId(before.cell_id);
    let code = units::code_of(&mut tx, cell).await?.unwrap_or_default();
    let mut e = FieldErrors::new();
    if !input.cell.trim().is_empty() && input.cell.trim() != code {
        e.push("cell", Problem::NotExpected);
    }
    let checked = check(&mut tx, input, Some(cell), e).await?;
    let before_votes = repo::votes(&mut tx, id).await?;
    repo::update(&mut tx, id, &checked.fields, now()).await?;
    repo::replace_votes(&mut tx, id, &checked.votes).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::MeetingUpdate,
        about(id, &code, checked.fields.held_on, path.as_str().to_owned()),
        Some(&Audited {
            fields: &fields_of(&before),
            votes: &before_votes,
        }),
        Some(&Audited {
            fields: &checked.fields,
            votes: &checked.votes,
        }),
    )
    .await?;
    let row = repo::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let v = view(&mut tx, row).await?;
    tx.commit().await?;
    Ok(v)
}

/// The stored record as the fields a form sets.
pub(crate) fn fields_of(r: &MeetingRow) -> MeetingFields {
    MeetingFields {
        cell_id: r.cell_id,
        kind: r.kind.clone(),
        thematic: r.thematic,
        topic: r.topic.clone(),
        held_on: r.held_on,
        started_at: r.started_at.clone(),
        duration_minutes: r.duration_minutes,
        online: r.online,
        chair_id: r.chair_id,
        recorder_id: r.recorder_id,
        agenda: r.agenda.clone(),
        minutes: r.minutes.clone(),
        resolution: r.resolution.clone(),
        prepared_content: r.prepared_content,
        draft_resolution: r.draft_resolution,
        broad_participation: r.broad_participation,
        principles_respected: r.principles_respected,
        minutes_complete: r.minutes_complete,
        score_preparation: r.score_preparation,
        score_attendance: r.score_attendance,
        score_conduct: r.score_conduct,
        score_conclusion: r.score_conclusion,
        full_attendance: r.full_attendance,
        full_duration: r.full_duration,
        full_participation: r.full_participation,
        full_minutes: r.full_minutes,
    }
}
