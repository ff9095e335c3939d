//! The forms of removal of name (REM-05), complaints (REM-06, REM-07) and leaving on request
//! (REM-08), one page per procedure with the fields of the step named in the query
//! (`?step=cell_vote`), which the member page links to for the steps that may come next; and
//! the list of open procedures in scope (`/removals`). A refused step comes back as the form
//! with the errors next to the fields, or with the refused rule as the alert.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::removal::{
    ComplaintInput, LeaveInput, OpenCase, Procedures, RemovalInput, of_member, open_cases,
    record_complaint, record_leave, record_removal,
};
use chibo_app::{AppError, clock};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::ids::MemberId;
use chibo_domain::removal::RemovalGround;
use chibo_domain::stats::StatsInput;
use serde::Deserialize;

use super::form::{Field, FormPage, options};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

/// Which step the form records, and for a complaint which case or decision it is about.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepQuery {
    pub step: Option<String>,
    /// Opening a removal: the ground to preselect (from an early warning).
    pub ground: Option<String>,
    pub complaint: Option<String>,
    pub removal_case: Option<String>,
    pub discipline: Option<String>,
    pub screening: Option<String>,
}

impl StepQuery {
    fn to_query(&self, step: &str) -> String {
        let mut pairs = vec![("step", step)];
        for (k, v) in [
            ("complaint", &self.complaint),
            ("removal_case", &self.removal_case),
            ("discipline", &self.discipline),
            ("screening", &self.screening),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
                pairs.push((k, v));
            }
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

fn may_edit(actor: &Actor) -> Result<(), WebError> {
    if actor.can(Permission::EditMembers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Permission::EditMembers).into())
    }
}

/// The form of `step` of a procedure, its fields as `fields` gives them.
fn step_page(
    actor: &Actor,
    token: &CsrfToken,
    id: i64,
    procedure: &str,
    q: &StepQuery,
    step: &str,
    (heading, fields): (&str, Vec<Field>),
) -> FormPage {
    FormPage {
        layout: Layout::new(actor, token, heading.to_owned(), Section::Members),
        heading: heading.to_owned(),
        intro: None,
        back: (
            format!("/members/{id}#removal"),
            "Hồ sơ đảng viên".to_owned(),
        ),
        action: format!(
            "/members/{id}/{}?{}",
            messages::procedure_path(procedure),
            q.to_query(step)
        ),
        form_id: "removal-form",
        submit: "Ghi",
        alert: None,
        fields,
    }
}

/// Back to the member's procedures once a step is recorded.
fn back_to_member(headers: &HeaderMap, id: i64) -> Response {
    redirect(headers, &format!("/members/{id}#removal"))
}

fn today_text() -> String {
    format::date(&clock::today())
}

fn decision_ref_field(v: &Option<String>) -> Field {
    Field::text("decision_ref", v.clone().unwrap_or_default())
        .required()
        .label("Số quyết định")
}

// --- Removal of name (REM-05) ---

fn removal_fields(step: &str, i: &RemovalInput) -> (&'static str, Vec<Field>) {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    match step {
        "opened" => {
            let grounds = options(
                "— chọn —",
                RemovalGround::ALL.iter().map(|g| (g.code(), g.label())),
            );
            (
                "Mở hồ sơ xem xét xóa tên",
                vec![
                    Field::date("on", &i.on)
                        .required()
                        .label("Ngày chi bộ xem xét"),
                    Field::select("ground", s(&i.ground), grounds)
                        .required()
                        .label("Căn cứ xóa tên"),
                ],
            )
        }
        "self_review_requested" => (
            "Ghi yêu cầu đảng viên tự kiểm điểm",
            vec![
                Field::date("on", &i.on)
                    .required()
                    .label("Ngày yêu cầu")
                    .hint("sau 3 lần yêu cầu không thực hiện, chi bộ được xem xét (REM-05)"),
            ],
        ),
        "self_reviewed" => (
            "Ghi bản tự kiểm điểm của đảng viên",
            vec![
                Field::date("on", &i.on)
                    .required()
                    .label("Ngày tự kiểm điểm"),
            ],
        ),
        "committee_vote" => (
            "Ghi biểu quyết của cấp ủy cơ sở",
            vec![
                Field::date("on", &i.on).required().label("Ngày biểu quyết"),
                Field::text("base", s(&i.base))
                    .numeric()
                    .required()
                    .label("Số ủy viên cấp ủy"),
                Field::text("approvals", s(&i.approvals))
                    .numeric()
                    .required()
                    .label("Số tán thành xóa tên")
                    .hint("cần ít nhất hai phần ba"),
            ],
        ),
        "decided" => (
            "Ghi quyết định xóa tên",
            vec![
                Field::date("on", &i.on).required().label("Ngày quyết định"),
                decision_ref_field(&i.decision_ref),
            ],
        ),
        _ => (
            "Ghi biểu quyết của chi bộ",
            vec![
                Field::date("on", &i.on).required().label("Ngày biểu quyết"),
                Field::text("base", s(&i.base))
                    .numeric()
                    .required()
                    .label("Số đảng viên chính thức của chi bộ"),
                Field::text("approvals", s(&i.approvals))
                    .numeric()
                    .required()
                    .label("Số tán thành xóa tên")
                    .hint("cần ít nhất hai phần ba"),
            ],
        ),
    }
}

/// The step a form is for: the one asked for, or else the first that may come next.
fn chosen(q: &StepQuery, next: impl IntoIterator<Item = &'static str>, first: &str) -> String {
    q.step
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| next.into_iter().next().map(str::to_owned))
        .unwrap_or_else(|| first.to_owned())
}

fn next_of<'a>(p: &'a Procedures, procedure: &'a str) -> impl Iterator<Item = &'static str> + 'a {
    p.cases
        .iter()
        .rev()
        .find(|c| c.procedure == procedure && !c.closed)
        .into_iter()
        .flat_map(|c| c.next_steps.iter().copied())
}

pub async fn removal_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
    Query(q): Query<StepQuery>,
) -> Result<Response, WebError> {
    let p = of_member(&s.app, &actor, MemberId(id)).await?;
    may_edit(&actor)?;
    let step = chosen(&q, next_of(&p, "removal"), "opened");
    let input = RemovalInput {
        on: today_text(),
        ground: q.ground.clone(),
        ..RemovalInput::default()
    };
    render(
        token.clone(),
        step_page(
            &actor,
            &token,
            id,
            "removal",
            &q,
            &step,
            removal_fields(&step, &input),
        ),
    )
}

pub async fn removal(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Query(q): Query<StepQuery>,
    headers: HeaderMap,
    CsrfForm {
        token,
        form: mut input,
    }: CsrfForm<RemovalInput>,
) -> Result<Response, WebError> {
    if input.step.trim().is_empty() {
        input.step = q.step.clone().unwrap_or_default();
    }
    match record_removal(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(back_to_member(&headers, id)),
        Err(e) => {
            let fields = removal_fields(&input.step, &input);
            step_page(&actor, &token, id, "removal", &q, &input.step, fields)
                .sent_back(token.clone(), e)
        }
    }
}

// --- Complaints (REM-06, REM-07) ---

fn complaint_fields(step: &str, i: &ComplaintInput, p: &Procedures) -> (&'static str, Vec<Field>) {
    match step {
        "lodged" => {
            let levels = options(
                "— chọn —",
                [
                    ("local", messages::complaint_level("local")),
                    ("central", messages::complaint_level("central")),
                ],
            );
            (
                "Ghi đơn khiếu nại",
                vec![
                    Field::date("on", &i.on)
                        .required()
                        .label("Ngày nộp đơn khiếu nại")
                        .hint("xóa tên: trong 30 ngày làm việc từ khi nhận quyết định; kỷ luật: trong một tháng"),
                    Field::select("level", i.level.clone().unwrap_or_default(), levels)
                        .required()
                        .label("Cấp giải quyết"),
                ],
            )
        }
        "settled" => {
            let outcomes = options(
                "— chọn —",
                [
                    ("true", "Giữ nguyên quyết định"),
                    (
                        "false",
                        "Không giữ nguyên quyết định (đảng viên được khôi phục)",
                    ),
                ],
            );
            (
                "Ghi kết quả giải quyết khiếu nại",
                vec![
                    Field::date("on", &i.on).required().label("Ngày giải quyết"),
                    Field::select(
                        "decision_stands",
                        i.decision_stands.clone().unwrap_or_default(),
                        outcomes,
                    )
                    .required()
                    .label("Kết quả"),
                ],
            )
        }
        _ => {
            let removals: Vec<(String, String)> = std::iter::once((String::new(), "—".to_owned()))
                .chain(p.contestable_removals.iter().map(|c| {
                    let decided = p
                        .cases
                        .iter()
                        .find(|k| k.id == *c)
                        .and_then(|k| k.steps.iter().find(|s| s.kind == "decided"));
                    let label = match decided {
                        Some(d) => format!(
                            "Quyết định xóa tên số {} ngày {}",
                            d.decision_ref.as_deref().unwrap_or("—"),
                            format::date(&d.effective_on)
                        ),
                        None => format!("Hồ sơ xóa tên {c}"),
                    };
                    (c.to_string(), label)
                }))
                .collect();
            let measures: Vec<(String, String)> = std::iter::once((String::new(), "—".to_owned()))
                .chain(p.contestable_measures.iter().map(|(mid, kind, on, r)| {
                    (
                        mid.to_string(),
                        format!(
                            "{} số {} ngày {}",
                            messages::discipline_kind(kind),
                            r,
                            format::date(on)
                        ),
                    )
                }))
                .collect();
            let screenings: Vec<(String, String)> =
                std::iter::once((String::new(), "—".to_owned()))
                    .chain(p.contestable_screening.iter().map(|(case, on, r)| {
                        (
                            case.to_string(),
                            format!("Quyết định xóa tên số {} ngày {}", r, format::date(on)),
                        )
                    }))
                    .collect();
            (
                "Ghi ngày đảng viên nhận quyết định bị khiếu nại",
                vec![
                    Field::date("on", &i.on)
                        .required()
                        .label("Ngày đảng viên nhận quyết định"),
                    Field::select(
                        "removal_case",
                        i.removal_case.clone().unwrap_or_default(),
                        removals,
                    )
                    .label("Quyết định xóa tên bị khiếu nại (REM-06)"),
                    Field::select(
                        "discipline",
                        i.discipline.clone().unwrap_or_default(),
                        measures,
                    )
                    .label("Hoặc quyết định kỷ luật bị khiếu nại (REM-07)"),
                    Field::select(
                        "screening",
                        i.screening.clone().unwrap_or_default(),
                        screenings,
                    )
                    .label("Hoặc quyết định xóa tên sau rà soát, sàng lọc (REM-09)"),
                ],
            )
        }
    }
}

fn complaint_next(p: &Procedures, q: &StepQuery) -> Vec<&'static str> {
    let wanted = q
        .complaint
        .as_deref()
        .and_then(|c| c.trim().parse::<i64>().ok());
    p.cases
        .iter()
        .rev()
        .find(|c| c.procedure == "complaint" && !c.closed && wanted.is_none_or(|w| w == c.id))
        .map(|c| c.next_steps.clone())
        .unwrap_or_default()
}

pub async fn complaint_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
    Query(q): Query<StepQuery>,
) -> Result<Response, WebError> {
    let p = of_member(&s.app, &actor, MemberId(id)).await?;
    may_edit(&actor)?;
    let step = if q.removal_case.is_some() || q.discipline.is_some() || q.screening.is_some() {
        "decision_received".to_owned()
    } else {
        chosen(&q, complaint_next(&p, &q), "decision_received")
    };
    let input = ComplaintInput {
        on: today_text(),
        removal_case: q.removal_case.clone(),
        discipline: q.discipline.clone(),
        screening: q.screening.clone(),
        ..ComplaintInput::default()
    };
    render(
        token.clone(),
        step_page(
            &actor,
            &token,
            id,
            "complaint",
            &q,
            &step,
            complaint_fields(&step, &input, &p),
        ),
    )
}

pub async fn complaint(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Query(q): Query<StepQuery>,
    headers: HeaderMap,
    CsrfForm {
        token,
        form: mut input,
    }: CsrfForm<ComplaintInput>,
) -> Result<Response, WebError> {
    if input.step.trim().is_empty() {
        input.step = q.step.clone().unwrap_or_default();
    }
    if input.complaint.is_none() {
        input.complaint = q.complaint.clone();
    }
    match record_complaint(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(back_to_member(&headers, id)),
        Err(e) => {
            let p = of_member(&s.app, &actor, MemberId(id)).await?;
            let fields = complaint_fields(&input.step, &input, &p);
            step_page(&actor, &token, id, "complaint", &q, &input.step, fields)
                .sent_back(token.clone(), e)
        }
    }
}

// --- Leaving on request (REM-08) ---

fn leave_fields(step: &str, i: &LeaveInput) -> (&'static str, Vec<Field>) {
    match step {
        "cell_forwarded" => (
            "Ghi việc chi bộ chuyển đơn lên cấp ủy",
            vec![
                Field::date("on", &i.on)
                    .required()
                    .label("Ngày chi bộ chuyển đơn"),
            ],
        ),
        "decided" => (
            "Ghi quyết định cho ra khỏi Đảng",
            vec![
                Field::date("on", &i.on).required().label("Ngày quyết định"),
                decision_ref_field(&i.decision_ref),
            ],
        ),
        _ => (
            "Ghi đơn xin ra khỏi Đảng",
            vec![
                Field::date("on", &i.on).required().label("Ngày nộp đơn"),
                Field::textarea("reasons", i.reasons.clone().unwrap_or_default())
                    .required()
                    .label("Lý do nêu trong đơn"),
                Field::checkbox(
                    "standards_breach",
                    i.standards_breach.as_deref() == Some("true"),
                )
                .label("Đảng viên có vi phạm tư cách đảng viên")
                .hint("đảng viên vi phạm không được giải quyết cho ra khỏi Đảng (REM-08)"),
            ],
        ),
    }
}

pub async fn leave_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
    Query(q): Query<StepQuery>,
) -> Result<Response, WebError> {
    let p = of_member(&s.app, &actor, MemberId(id)).await?;
    may_edit(&actor)?;
    let step = chosen(&q, next_of(&p, "leave"), "requested");
    let input = LeaveInput {
        on: today_text(),
        ..LeaveInput::default()
    };
    render(
        token.clone(),
        step_page(
            &actor,
            &token,
            id,
            "leave",
            &q,
            &step,
            leave_fields(&step, &input),
        ),
    )
}

pub async fn leave(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    Query(q): Query<StepQuery>,
    headers: HeaderMap,
    CsrfForm {
        token,
        form: mut input,
    }: CsrfForm<LeaveInput>,
) -> Result<Response, WebError> {
    if input.step.trim().is_empty() {
        input.step = q.step.clone().unwrap_or_default();
    }
    match record_leave(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(back_to_member(&headers, id)),
        Err(e) => {
            let fields = leave_fields(&input.step, &input);
            step_page(&actor, &token, id, "leave", &q, &input.step, fields)
                .sent_back(token.clone(), e)
        }
    }
}

// --- The list of open procedures ---

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub as_of: String,
    pub unit: String,
}

#[derive(Template)]
#[template(path = "removals.html")]
struct RemovalsPage {
    layout: Layout,
    f: Filters,
    errors: Vec<String>,
    day_text: String,
    rows: Option<Vec<OpenCase>>,
}

pub async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(mut f): Query<Filters>,
) -> Result<Response, WebError> {
    if f.as_of.trim().is_empty() {
        f.as_of = format::date(&clock::today());
    }
    let input = StatsInput {
        as_of: Some(f.as_of.clone()),
        unit: Some(f.unit.clone()),
        ..StatsInput::default()
    };
    let parsed = input.parse(clock::today());
    let mut page = RemovalsPage {
        layout: Layout::new(
            &actor,
            &token,
            "Xóa tên, khiếu nại, ra khỏi Đảng",
            Section::Dashboard,
        ),
        f,
        errors: Vec::new(),
        day_text: String::new(),
        rows: None,
    };
    let q = match parsed {
        Ok(q) => q,
        Err(fields) => {
            page.errors = fields.iter().map(messages::field_error).collect();
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
        }
    };
    let rows = open_cases(&s.app, By::User(&actor), q.as_of, q.unit.as_deref()).await?;
    page.day_text = format::date(&q.as_of);
    page.rows = Some(rows);
    render(token, page)
}
