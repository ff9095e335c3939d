//! The read model: a member's cases with their steps, state, next due date and the steps that
//! may follow; and the open cases of the members in a unit's subtree.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::calendar::WorkingCalendar;
use chibo_domain::ids::MemberId;
use chibo_domain::removal::{
    ComplaintState, LeaveState, RemovalState, complaint_state, discipline_complaint_due,
    leave_state, removal_state,
};
use chibo_storage::db::prefix_range;
use chibo_storage::removal::{self as repo, CaseRow, StepRow};
use chrono::NaiveDate;
use serde::Serialize;

use super::complaint::rule_of;
use super::leave::discipline_case_open;
use super::{
    COMPLAINT, LEAVE, Loaded, REMOVAL, complaint_steps, leave_steps, load, params, removal_steps,
};
use crate::audit::By;
use crate::recognition::working_calendar_in;
use crate::scope::find_member;
use crate::settings::Timeline;
use crate::stats::scope_unit;
use crate::{App, AppError, clock};

/// One case with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseView {
    pub id: i64,
    /// `removal`, `leave` or `complaint`.
    pub procedure: String,
    /// The rule the case follows (REM-05, REM-06, REM-07, REM-08).
    pub rule: &'static str,
    /// A complaint: the removal case, the disciplinary measure or the screening it contests.
    pub contests_case_id: Option<i64>,
    pub contests_discipline_id: Option<i64>,
    pub contests_screening_id: Option<i64>,
    pub opened_on: NaiveDate,
    /// The state code (`awaiting_self_review`, `removed`, `not_approved`, `requested`,
    /// `forwarded`, `left`, `received`, `lodged`, `settled`).
    pub state: &'static str,
    pub closed: bool,
    /// Removal: the ground's code.
    pub ground: Option<String>,
    /// Removal awaiting self-review: the requests made so far.
    pub requests: Option<u32>,
    /// A complaint: the last day to lodge it (received) or to settle it (lodged).
    pub next_due: Option<NaiveDate>,
    /// A settled complaint: whether the contested decision stands, and whether the settlement
    /// came after its due date.
    pub decision_stands: Option<bool>,
    pub settled_late: Option<bool>,
    /// A decided removal whose complaint was settled with the decision not standing.
    pub overturned: bool,
    /// The step codes that may come next.
    pub next_steps: Vec<&'static str>,
    pub steps: Vec<StepRow>,
}

/// A member's procedures and what may be started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Procedures {
    pub cases: Vec<CaseView>,
    /// A removal may be opened (a current member without an open removal case).
    pub can_open_removal: bool,
    /// A request to leave may be recorded (a current member without an open request).
    pub can_request_leave: bool,
    /// A discipline case is open (REM-08 holds a request to leave meanwhile).
    pub discipline_case_open: bool,
    /// Decisions a complaint may still be opened against: decided removal cases …
    pub contestable_removals: Vec<i64>,
    /// … disciplinary measures (id, kind code, decision date, reference) …
    pub contestable_measures: Vec<(i64, String, NaiveDate, String)>,
    /// … and the removal a screening decided (case id, decision date, reference).
    pub contestable_screening: Option<(i64, NaiveDate, String)>,
}

fn view_of(
    case: &CaseRow,
    rows: &[StepRow],
    measure_received: Option<NaiveDate>,
    cal: &WorkingCalendar,
    rules: &Timeline,
) -> Result<CaseView, AppError> {
    let p = params(rules, case.opened_on);
    let mut v = CaseView {
        id: case.id,
        procedure: case.procedure.clone(),
        rule: "REM-05",
        contests_case_id: case.contests_case_id,
        contests_discipline_id: case.contests_discipline_id,
        contests_screening_id: case.contests_screening_id,
        opened_on: case.opened_on,
        state: "none",
        closed: false,
        ground: rows.first().and_then(|r| r.ground.clone()),
        requests: None,
        next_due: None,
        decision_stands: None,
        settled_late: None,
        overturned: false,
        next_steps: Vec::new(),
        steps: rows.to_vec(),
    };
    match case.procedure.as_str() {
        REMOVAL => {
            let state = removal_state(&removal_steps(rows)?, &p)?;
            if let Some(s) = &state {
                v.state = s.code();
                v.closed = s.is_closed();
                v.next_steps = match s {
                    RemovalState::AwaitingSelfReview { requests, .. } => {
                        v.requests = Some(*requests);
                        let mut n = vec!["self_review_requested", "self_reviewed"];
                        if *requests >= p.max_requests {
                            n.push("cell_vote");
                        }
                        n
                    }
                    RemovalState::SelfReviewed { .. } => vec!["cell_vote"],
                    RemovalState::CellApproved { .. } => vec!["committee_vote"],
                    RemovalState::CommitteeApproved { .. } => vec!["decided"],
                    RemovalState::Removed { .. } | RemovalState::NotApproved { .. } => vec![],
                };
            }
        }
        LEAVE => {
            v.rule = "REM-08";
            if let Some(s) = leave_state(&leave_steps(rows)?)? {
                v.state = s.code();
                v.closed = s == LeaveState::Left;
                v.next_steps = match s {
                    LeaveState::Requested => vec!["cell_forwarded"],
                    LeaveState::Forwarded => vec!["decided"],
                    LeaveState::Left => vec![],
                };
            }
        }
        COMPLAINT => {
            v.rule = rule_of(case);
            if let Some(s) = complaint_state(&complaint_steps(rows)?, &p, cal)? {
                v.state = s.code();
                match s {
                    ComplaintState::Received { lodge_by } => {
                        v.next_due = if v.rule == "REM-07" {
                            measure_received.and_then(|r| discipline_complaint_due(r, &p))
                        } else {
                            Some(lodge_by)
                        };
                        v.next_steps = vec!["lodged"];
                    }
                    ComplaintState::Lodged { settle_by, .. } => {
                        v.next_due = Some(settle_by);
                        v.next_steps = vec!["settled"];
                    }
                    ComplaintState::Settled {
                        decision_stands,
                        late,
                    } => {
                        v.closed = true;
                        v.decision_stands = Some(decision_stands);
                        v.settled_late = Some(late);
                    }
                }
            }
        }
        other => return Err(AppError::Internal(format!("procedure {other}"))),
    }
    Ok(v)
}

fn views(loaded: &Loaded, cal: &WorkingCalendar) -> Result<Vec<CaseView>, AppError> {
    loaded
        .cases
        .iter()
        .map(|c| {
            let rows = loaded.steps(c.id);
            let received = rows.first().map(|r| r.effective_on);
            view_of(c, rows, received, cal, &loaded.rules)
        })
        .collect()
}

/// The member's procedures, for those who may see the member.
pub async fn of_member(app: &App, actor: &Actor, id: MemberId) -> Result<Procedures, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let (row, _, _) = find_member(&mut tx, actor, Permission::ViewMembers, id, today).await?;
    let loaded = load(&mut tx, id.0).await?;
    let cal = working_calendar_in(&mut tx).await?;
    let measures = chibo_storage::discipline::of_member(&mut tx, id.0).await?;
    let screening = match chibo_storage::screening::latest_case(&mut tx, id.0).await? {
        Some(case) => chibo_storage::screening::steps(&mut tx, case)
            .await?
            .into_iter()
            .find(|s| s.kind == crate::screening::REMOVAL_DECIDED)
            .map(|s| (case, s.effective_on, s.decision_ref.unwrap_or_default())),
        None => None,
    };
    tx.commit().await?;
    let mut cases = views(&loaded, &cal)?;
    let overturned: Vec<i64> = cases
        .iter()
        .filter(|c| c.decision_stands == Some(false))
        .filter_map(|c| c.contests_case_id)
        .collect();
    for c in &mut cases {
        c.overturned = overturned.contains(&c.id);
    }
    let current = super::is_current(&row.status);
    let open = |procedure: &str| {
        cases
            .iter()
            .any(|c| c.procedure == procedure && !c.closed && c.state != "none")
    };
    let contested_cases: Vec<i64> = cases.iter().filter_map(|c| c.contests_case_id).collect();
    let contested_screening =
        |case: i64| cases.iter().any(|c| c.contests_screening_id == Some(case));
    let contestable_screening = screening.filter(|(case, _, _)| !contested_screening(*case));
    let contested_measures: Vec<i64> = cases
        .iter()
        .filter_map(|c| c.contests_discipline_id)
        .collect();
    Ok(Procedures {
        can_open_removal: current && !open(REMOVAL),
        can_request_leave: current && !open(LEAVE),
        discipline_case_open: discipline_case_open(&loaded)?,
        contestable_removals: cases
            .iter()
            .filter(|c| c.procedure == REMOVAL && c.state == "removed")
            .map(|c| c.id)
            .filter(|id| !contested_cases.contains(id))
            .collect(),
        contestable_measures: measures
            .into_iter()
            .filter(|m| !contested_measures.contains(&m.id))
            .map(|m| (m.id, m.kind, m.decided_on, m.decision_ref))
            .collect(),
        contestable_screening,
        cases,
    })
}

/// An open case of a member in scope, for the list of open procedures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenCase {
    #[serde(skip)]
    pub member_id: i64,
    pub member_key: String,
    pub full_name: String,
    pub unit_code: String,
    /// `removal`, `leave` or `complaint`.
    pub procedure: String,
    /// The rule the case follows (not in the reports' columns).
    #[serde(skip)]
    pub rule: &'static str,
    pub state: &'static str,
    pub opened_on: NaiveDate,
    pub next_due: Option<NaiveDate>,
}

/// The open cases of the members whose cell on `as_of` lies in the unit's subtree (the
/// caller's own unit without one; see [`scope_unit`]), by unit code, member key and case.
/// A case counts as open on `as_of` when its steps up to that day leave it open.
pub async fn open_cases(
    app: &App,
    by: By<'_>,
    as_of: NaiveDate,
    unit: Option<&str>,
) -> Result<Vec<OpenCase>, AppError> {
    let unit = scope_unit(app, by, unit).await?;
    let mut tx = app.db.read().await?;
    let range = match unit {
        None => Some(prefix_range("/")),
        Some(u) => chibo_storage::paths::path_on(&mut tx, u, as_of)
            .await?
            .map(|p| prefix_range(p.as_str())),
    };
    let Some(range) = range else {
        tx.commit().await?;
        return Ok(Vec::new());
    };
    let cal = working_calendar_in(&mut tx).await?;
    let rules = crate::settings::timeline(&mut tx).await?;
    let out = open_in(&mut tx, as_of, &range, &cal, &rules).await?;
    tx.commit().await?;
    Ok(out)
}

/// The open cases on `as_of` of the members whose cell lies in the path range.
pub(crate) async fn open_in(
    tx: &mut chibo_storage::Tx,
    as_of: NaiveDate,
    range: &(String, String),
    cal: &WorkingCalendar,
    rules: &Timeline,
) -> Result<Vec<OpenCase>, AppError> {
    let cases = repo::cases_in_subtree(tx, as_of, range).await?;
    let steps = repo::steps_in_subtree(tx, as_of, range).await?;
    let mut by_case = std::collections::HashMap::<i64, Vec<StepRow>>::new();
    for s in steps.into_iter().filter(|s| s.effective_on <= as_of) {
        by_case.entry(s.case_id).or_default().push(s);
    }
    let mut out = Vec::new();
    for c in cases {
        let rows = by_case.remove(&c.id).unwrap_or_default();
        if rows.is_empty() {
            continue;
        }
        let case = CaseRow {
            id: c.id,
            member_id: c.member_id,
            procedure: c.procedure.clone(),
            contests_case_id: c.contests_case_id,
            contests_discipline_id: c.contests_discipline_id,
            contests_screening_id: c.contests_screening_id,
            opened_on: c.opened_on,
        };
        let received = rows.first().map(|r| r.effective_on);
        let v = view_of(&case, &rows, received, cal, rules)?;
        if v.closed {
            continue;
        }
        out.push(OpenCase {
            member_id: c.member_id,
            member_key: c.member_key,
            full_name: c.full_name,
            unit_code: c.unit_code,
            procedure: c.procedure,
            rule: v.rule,
            state: v.state,
            opened_on: c.opened_on,
            next_due: v.next_due,
        });
    }
    Ok(out)
}
