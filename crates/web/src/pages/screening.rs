//! Screening (rà soát, sàng lọc; REM-09): the list of cases in the caller's scope on a day (a
//! date and a unit to filter, a CSV download through the API), the section of the member page
//! with the latest case and its steps, and the form of each step: the cell's flag by secret
//! ballot, the help plan, the review after the help period and the removal decision. Each
//! form comes back with the errors next to the fields, or with the refused rule as the alert.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::screening::{
    self, RemovalInput, ScreeningRow, ScreeningView, StepInput, decide_removal_input, record_input,
    state_label,
};
use chibo_app::{AppError, clock};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::ids::MemberId;
use chibo_domain::removal::ScreeningState;

use super::day_filters::{DayReport, Filters};
use super::form::{Field, FormPage, options};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format};

/// A case as the list shows it.
pub struct Row {
    pub link: String,
    pub member_key: String,
    pub name: String,
    pub unit_code: String,
    pub state: &'static str,
    pub responsible: String,
    pub review_due: String,
    pub overdue: bool,
    pub decision_ref: Option<String>,
}

impl From<&ScreeningRow> for Row {
    fn from(r: &ScreeningRow) -> Self {
        Self {
            link: format!("/members/{}", r.member_id),
            member_key: r.member_key.clone(),
            name: r.full_name.clone(),
            unit_code: r.unit_code.clone(),
            state: state_label(r.state),
            responsible: r.responsible_member.clone().unwrap_or_default(),
            review_due: r.review_due.map(|d| format::date(&d)).unwrap_or_default(),
            overdue: r.overdue,
            decision_ref: r.decision_ref.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage {
    layout: Layout,
    r: DayReport<Row>,
}

pub async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let (r, q) = DayReport::parse(f, "/screening", "/api/v1/screening");
    let mut page = ScreeningPage {
        layout: Layout::new(&actor, &token, "Rà soát, sàng lọc", Section::Members),
        r,
    };
    let Some(q) = q else {
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
    };
    let all = screening::list(&s.app, By::User(&actor), q.unit.as_deref(), q.as_of).await?;
    page.r.show(q.as_of, all.iter().map(Row::from).collect());
    render(token, page)
}

/// The member page's section: the latest case, its steps in words, and the next step's form.
pub struct MemberScreening {
    /// The state in words; `None` when the member was never flagged.
    pub state: Option<&'static str>,
    /// While helping: the first day of the review.
    pub review_from: Option<String>,
    /// Each step: its date and what it recorded.
    pub steps: Vec<(String, String)>,
    /// The next step's form, the only one offered.
    pub next: Option<NextStep>,
}

/// The form of a case's next step on the member page.
pub struct NextStep {
    /// `flag`, `help`, `review` or `removal` (`/members/{id}/screening/{step}`).
    pub step: &'static str,
    pub label: &'static str,
    pub fields: Vec<Field>,
}

impl NextStep {
    fn new(step: &'static str) -> Self {
        let today = format::date(&clock::today());
        let (label, fields) = match step {
            "removal" => (
                "Ghi quyết định xóa tên",
                removal_fields(&RemovalInput {
                    on: today,
                    ..RemovalInput::default()
                }),
            ),
            _ => {
                let input = StepInput {
                    on: today,
                    ..StepInput::default()
                };
                let label = match step {
                    "flag" => "Ghi biểu quyết đưa vào diện rà soát",
                    "help" => "Ghi phân công giúp đỡ",
                    _ => "Ghi kết quả xem xét",
                };
                (label, step_fields(step, &input))
            }
        };
        Self {
            step,
            label,
            fields,
        }
    }
}

fn step_text(s: &chibo_app::model::ScreeningStepRow) -> String {
    match s.kind.as_str() {
        "flagged" => {
            let base = s.official_members.unwrap_or(0) - s.exempted.unwrap_or(0);
            format!(
                "Chi bộ biểu quyết (phiếu kín) đưa vào diện giúp đỡ: {}/{} đảng viên chính thức tán thành",
                s.approvals.unwrap_or(0),
                base
            )
        }
        "help_planned" => format!(
            "Phân công giúp đỡ: {}",
            s.responsible_member.clone().unwrap_or_default()
        ),
        "reviewed" if s.progress == Some(true) => {
            "Xem xét sau thời gian giúp đỡ: tiến bộ, tiếp tục sinh hoạt".to_owned()
        }
        "reviewed" => {
            "Xem xét sau thời gian giúp đỡ: không tiến bộ, đề nghị đưa ra khỏi Đảng".to_owned()
        }
        _ => format!(
            "Quyết định xóa tên số {}",
            s.decision_ref.clone().unwrap_or_default()
        ),
    }
}

/// The section for accounts that see the member's cell records; `None` for the others (a
/// member's own account).
pub async fn section(
    s: &AppState,
    actor: &Actor,
    id: MemberId,
) -> Result<Option<MemberScreening>, WebError> {
    let view: Option<ScreeningView> = match screening::get(&s.app, actor, id).await {
        Ok(v) => v,
        Err(AppError::NotFound | AppError::Forbidden(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    // Only those who may record steps get the form.
    let next = |step| {
        actor
            .can(Permission::EditMembers)
            .then(|| NextStep::new(step))
    };
    let Some(v) = view else {
        return Ok(Some(MemberScreening {
            state: None,
            review_from: None,
            steps: Vec::new(),
            next: next("flag"),
        }));
    };
    let next = next(match (&v.state, v.removed) {
        (_, true) | (ScreeningState::Kept, _) => "flag",
        (ScreeningState::Flagged, _) => "help",
        (ScreeningState::Helping { .. }, _) => "review",
        (ScreeningState::ExitProposed, false) => "removal",
    });
    Ok(Some(MemberScreening {
        state: Some(state_label(if v.removed {
            "removed"
        } else {
            v.state.code()
        })),
        review_from: match &v.state {
            ScreeningState::Helping { review_from, .. } => Some(format::date(review_from)),
            _ => None,
        },
        steps: v
            .steps
            .iter()
            .map(|st| (format::date(&st.effective_on), step_text(st)))
            .collect(),
        next,
    }))
}

fn may_edit(actor: &Actor) -> Result<(), WebError> {
    if actor.can(Permission::EditMembers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Permission::EditMembers).into())
    }
}

/// The form of step `step` (`flag`, `help`, `review`, `removal`).
fn page(actor: &Actor, token: &CsrfToken, id: i64, step: &str, fields: Vec<Field>) -> FormPage {
    let heading = match step {
        "flag" => "Biểu quyết đưa đảng viên vào diện rà soát, giúp đỡ",
        "help" => "Phân công đảng viên giúp đỡ",
        "review" => "Xem xét sau thời gian giúp đỡ",
        _ => "Quyết định xóa tên sau rà soát, sàng lọc",
    };
    let intro = match step {
        "flag" => Some(
            "Chi bộ biểu quyết bằng phiếu kín; cần ít nhất hai phần ba số đảng viên chính thức (không tính đảng viên được miễn công tác và sinh hoạt) tán thành (REM-09).",
        ),
        "review" => {
            Some("Chỉ xem xét khi đã hết thời gian giúp đỡ (12 tháng kể từ ngày phân công).")
        }
        _ => None,
    };
    FormPage {
        layout: Layout::new(actor, token, heading.to_owned(), Section::Members),
        heading: heading.to_owned(),
        intro: intro.map(str::to_owned),
        back: (
            format!("/members/{id}#screening"),
            "Hồ sơ đảng viên".to_owned(),
        ),
        action: format!("/members/{id}/screening/{step}"),
        form_id: "screening-form",
        submit: "Ghi",
        alert: None,
        fields,
    }
}

fn step_fields(step: &str, i: &StepInput) -> Vec<Field> {
    let on = Field::date("on", &i.on).required();
    match step {
        "flag" => {
            let methods = options(
                "— chọn —",
                [
                    ("secret_ballot", "Bỏ phiếu kín"),
                    ("raised_card", "Giơ thẻ đảng viên"),
                ],
            );
            vec![
                on.label("Ngày chi bộ biểu quyết"),
                Field::text("official_members", &i.official_members)
                    .numeric()
                    .required(),
                Field::text("exempted", &i.exempted)
                    .numeric()
                    .label("Số đảng viên được miễn công tác và sinh hoạt")
                    .hint("không tính vào số biểu quyết; để trống nếu không có"),
                Field::text("approvals", &i.approvals).numeric().required(),
                Field::select("method", &i.method, methods)
                    .required()
                    .label("Hình thức biểu quyết")
                    .hint("phải bỏ phiếu kín"),
            ]
        }
        "help" => vec![
            on.label("Ngày phân công"),
            Field::text("responsible_member", &i.responsible_member)
                .required()
                .label("Đảng viên được phân công giúp đỡ"),
        ],
        _ => {
            let outcomes = options(
                "— chọn —",
                [
                    ("true", "Tiến bộ: tiếp tục sinh hoạt"),
                    ("false", "Không tiến bộ: đề nghị đưa ra khỏi Đảng"),
                ],
            );
            vec![
                on.label("Ngày chi bộ xem xét"),
                Field::select("progress", &i.progress, outcomes)
                    .required()
                    .label("Kết quả sau thời gian giúp đỡ"),
            ]
        }
    }
}

fn removal_fields(i: &RemovalInput) -> Vec<Field> {
    vec![
        Field::date("on", &i.on).required().label("Ngày quyết định"),
        Field::text("decision_ref", &i.decision_ref).required(),
    ]
}

/// The step's code in the app (`StepInput::kind`) from its form's name.
fn kind_of(step: &str) -> &'static str {
    match step {
        "flag" => "flagged",
        "help" => "help_planned",
        _ => "reviewed",
    }
}

async fn step_form(
    s: AppState,
    actor: Actor,
    token: CsrfToken,
    id: i64,
    step: &'static str,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    // The member must be in the caller's scope.
    screening::get(&s.app, &actor, MemberId(id)).await?;
    let input = StepInput {
        on: format::date(&clock::today()),
        ..StepInput::default()
    };
    let fields = step_fields(step, &input);
    render(token.clone(), page(&actor, &token, id, step, fields))
}

async fn step(
    s: AppState,
    actor: Actor,
    id: i64,
    step: &'static str,
    headers: HeaderMap,
    CsrfForm { token, form }: CsrfForm<StepInput>,
) -> Result<Response, WebError> {
    let input = StepInput {
        kind: kind_of(step).to_owned(),
        ..form
    };
    match record_input(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}#screening"))),
        Err(e) => {
            let fields = step_fields(step, &input);
            page(&actor, &token, id, step, fields).sent_back(token.clone(), e)
        }
    }
}

/// The GET and POST handlers of one step's form at `/members/{id}/screening/{step}`.
macro_rules! step_handlers {
    ($form:ident, $post:ident, $step:literal) => {
        pub async fn $form(
            State(s): State<AppState>,
            Caller(actor): Caller,
            token: CsrfToken,
            Path(id): Path<i64>,
        ) -> Result<Response, WebError> {
            step_form(s, actor, token, id, $step).await
        }

        pub async fn $post(
            State(s): State<AppState>,
            Caller(actor): Caller,
            Path(id): Path<i64>,
            headers: HeaderMap,
            form: CsrfForm<StepInput>,
        ) -> Result<Response, WebError> {
            step(s, actor, id, $step, headers, form).await
        }
    };
}

step_handlers!(flag_form, flag, "flag");
step_handlers!(help_form, help, "help");
step_handlers!(review_form, review, "review");

pub async fn removal_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    screening::get(&s.app, &actor, MemberId(id)).await?;
    let input = RemovalInput {
        on: format::date(&clock::today()),
        ..RemovalInput::default()
    };
    let fields = removal_fields(&input);
    render(token.clone(), page(&actor, &token, id, "removal", fields))
}

pub async fn removal(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<RemovalInput>,
) -> Result<Response, WebError> {
    match decide_removal_input(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}#screening"))),
        Err(e) => {
            let fields = removal_fields(&input);
            page(&actor, &token, id, "removal", fields).sent_back(token.clone(), e)
        }
    }
}
