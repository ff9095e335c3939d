//! Cell meetings (issue 6, point 4): a cell's yearly plan with the meetings held and missing
//! and its compliance; for a committee, the roll-up by child unit with a chart; the record of
//! one meeting; and the phone-first attendance sheet, saved with one submit (plain HTML radio
//! buttons, so it works without JavaScript).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::meetings::{
    self, AttendanceInput, AttendanceLine, MeetingInput, MeetingView, VoteInput, YearPlan,
};
use chibo_app::{AppError, clock, targets};
use chibo_domain::access::Actor;
use chibo_domain::field::FieldError;
use chibo_domain::meetings::{MeetingCompliance, MeetingKind, PlanPeriod, Requirement};
use chrono::Datelike;
use serde::Deserialize;

use super::form::Field;
use super::layout::{Layout, Section};
use super::{redirect, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub unit: String,
    pub year: String,
}

/// Figures of a compliance line, in the Vietnamese format.
pub struct Figures {
    pub required: String,
    pub met: String,
    pub held: String,
    pub fulfilment: String,
    pub attendance: String,
    pub good_quality: String,
    pub good_share: String,
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{} %", format::decimal(v * 100.0, 1)))
        .unwrap_or_else(|| "—".to_owned())
}

impl From<&MeetingCompliance> for Figures {
    fn from(c: &MeetingCompliance) -> Self {
        Self {
            required: format::num(i64::from(c.required)),
            met: format::num(i64::from(c.met)),
            held: format::num(i64::from(c.held)),
            fulfilment: pct(c.fulfilment()),
            attendance: pct(c.attendance_rate()),
            good_quality: format::num(i64::from(c.good_quality)),
            good_share: pct(c.good_quality_share()),
        }
    }
}

pub struct PlanRow {
    pub label: String,
    pub span: String,
    pub required: u32,
    pub held: u32,
    /// `met`, `missed` or `open`.
    pub state: &'static str,
    pub meetings: Vec<(i64, String)>,
}

pub struct MeetingLine {
    pub id: i64,
    pub day: String,
    pub kind: String,
    pub duration: String,
    pub attendance: String,
    pub quality: String,
    pub good: bool,
}

pub struct RollupRow {
    pub code: String,
    pub name: String,
    pub figures: Figures,
}

#[derive(Template)]
#[template(path = "meetings/index.html")]
struct IndexPage {
    layout: Layout,
    f: Filters,
    errors: Vec<String>,
    heading: String,
    total: Option<Figures>,
    /// A cell's plan.
    plan: Option<Vec<PlanRow>>,
    meetings: Vec<MeetingLine>,
    /// A committee's children.
    rollup: Option<Vec<RollupRow>>,
    chart: Option<String>,
    can_record: bool,
}

fn period_label(r: Requirement, p: PlanPeriod) -> String {
    let what = match r {
        Requirement::Regular => "Sinh hoạt thường kỳ",
        Requirement::Thematic => "Sinh hoạt chuyên đề",
        Requirement::General => "Hội nghị toàn đảng bộ",
    };
    match p {
        PlanPeriod::Month(m) => format!("{what} tháng {m}"),
        PlanPeriod::Quarter(q) => format!("{what} quý {q}"),
        PlanPeriod::Year => format!("{what} (cả năm)"),
    }
}

fn meeting_lines(plan: &YearPlan) -> Vec<MeetingLine> {
    plan.meetings
        .iter()
        .map(|m| MeetingLine {
            id: m.id,
            day: format::date(&m.held_on),
            kind: kind_text(&m.kind, m.thematic),
            duration: format!("{} phút", format::num(m.duration_minutes)),
            attendance: if m.attendance_taken {
                format!(
                    "{}/{} có mặt",
                    format::num(i64::from(m.present)),
                    format::num(i64::from(m.base))
                )
            } else {
                "Chưa điểm danh".to_owned()
            },
            quality: quality_text(&m.quality),
            good: m.quality.good,
        })
        .collect()
}

fn kind_text(kind: &str, thematic: bool) -> String {
    let k = messages::meeting_kind(kind);
    if thematic {
        format!("{k} (kết hợp chuyên đề)")
    } else {
        k.to_owned()
    }
}

fn quality_text(q: &meetings::Quality) -> String {
    let mut t = if q.good {
        "Đạt chất lượng".to_owned()
    } else {
        format!("Chưa đạt ({} tiêu chí)", q.failures.len())
    };
    if let Some(g) = q.grade {
        t.push_str(&format!(
            " · xếp loại {}",
            messages::meeting_grade(g.code())
        ));
    }
    t
}

/// Three bars per child unit: requirements met, attendance and good-quality share, in %.
fn rollup_chart(rows: &[RollupRow], data: &[MeetingCompliance]) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let labels = rows.iter().map(|r| r.code.clone()).collect();
    let pcts = |f: fn(&MeetingCompliance) -> Option<f64>| {
        data.iter()
            .map(|c| (f(c).unwrap_or(0.0) * 100.0) as f32)
            .collect::<Vec<f32>>()
    };
    let series = vec![
        charts_rs::Series::new(
            "Thực hiện kế hoạch (%)".into(),
            pcts(MeetingCompliance::fulfilment),
        ),
        charts_rs::Series::new(
            "Tỷ lệ dự họp (%)".into(),
            pcts(MeetingCompliance::attendance_rate),
        ),
        charts_rs::Series::new(
            "Buổi đạt chất lượng (%)".into(),
            pcts(MeetingCompliance::good_quality_share),
        ),
    ];
    let mut c = charts_rs::BarChart::new(series, labels);
    c.width = 720.0;
    c.height = 320.0;
    if let Some(y) = c.y_axis_configs.first_mut() {
        y.min = Some(0.0);
        y.max = Some(100.0);
    }
    c.svg().ok()
}

pub async fn index(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(mut f): Query<Filters>,
) -> Result<Response, WebError> {
    if f.year.trim().is_empty() {
        f.year = clock::today().year().to_string();
    }
    let mut page = IndexPage {
        layout: Layout::new(&actor, &token, "Sinh hoạt chi bộ", Section::Meetings),
        errors: Vec::new(),
        heading: String::new(),
        total: None,
        plan: None,
        meetings: Vec::new(),
        rollup: None,
        chart: None,
        can_record: false,
        f,
    };
    let year = match targets::parse_year(&page.f.year) {
        Ok(y) => y,
        Err(p) => {
            page.errors
                .push(messages::field_error(&FieldError::new("year", p)));
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
        }
    };
    let unit = Some(page.f.unit.trim()).filter(|u| !u.is_empty());
    let report = match meetings::compliance(&s.app, &actor, unit, year).await {
        Ok(r) => r,
        Err(e @ AppError::Invalid(_)) => {
            if let AppError::Invalid(v) = &e {
                page.errors.extend(v.iter().map(messages::field_error));
            }
            return render_status(StatusCode::OK, token, page);
        }
        Err(e) => return Err(e.into()),
    };
    page.f.unit = report.unit_code.clone();
    page.heading = format!("{} ({}) — năm {year}", report.unit_name, report.unit_code);
    page.total = Some(Figures::from(&report.total));
    if meetings::holds_meetings(report.unit_kind) {
        let plan = meetings::year_plan(&s.app, &actor, &report.unit_code, year).await?;
        let names: std::collections::HashMap<i64, String> = plan
            .meetings
            .iter()
            .map(|m| (m.id, format::date(&m.held_on)))
            .collect();
        page.plan = Some(
            plan.lines
                .iter()
                .map(|l| PlanRow {
                    label: period_label(l.requirement, l.period),
                    span: format!(
                        "{} – {}",
                        format::date(&l.first_day),
                        format::date(&l.last_day)
                    ),
                    required: l.count,
                    held: l.held,
                    state: if l.met {
                        "met"
                    } else if l.missed {
                        "missed"
                    } else {
                        "open"
                    },
                    meetings: l
                        .meeting_ids
                        .iter()
                        .map(|id| (*id, names.get(id).cloned().unwrap_or_default()))
                        .collect(),
                })
                .collect(),
        );
        page.meetings = meeting_lines(&plan);
        page.can_record = actor.can(chibo_domain::access::Permission::EditMembers);
    } else {
        let rows: Vec<RollupRow> = report
            .rows
            .iter()
            .map(|r| RollupRow {
                code: r.unit_code.clone(),
                name: r.unit_name.clone(),
                figures: Figures::from(&r.compliance),
            })
            .collect();
        let data: Vec<MeetingCompliance> = report.rows.iter().map(|r| r.compliance).collect();
        page.chart = rollup_chart(&rows, &data);
        page.rollup = Some(rows);
    }
    render_status(StatusCode::OK, token, page)
}

/// The meeting form as posted: flat fields (checkboxes send `true`), three vote lines.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub cell: String,
    pub kind: String,
    pub thematic: Option<String>,
    pub topic: String,
    pub held_on: String,
    pub started_at: String,
    pub duration_minutes: String,
    pub online: Option<String>,
    pub chair: String,
    pub recorder: String,
    pub agenda: String,
    pub minutes: String,
    pub resolution: String,
    pub prepared_content: Option<String>,
    pub draft_resolution: Option<String>,
    pub broad_participation: Option<String>,
    pub principles_respected: Option<String>,
    pub minutes_complete: Option<String>,
    pub score_preparation: String,
    pub score_attendance: String,
    pub score_conduct: String,
    pub score_conclusion: String,
    pub full_attendance: Option<String>,
    pub full_duration: Option<String>,
    pub full_participation: Option<String>,
    pub full_minutes: Option<String>,
    pub vote_subject_1: String,
    pub vote_for_1: String,
    pub vote_against_1: String,
    pub vote_abstain_1: String,
    pub vote_subject_2: String,
    pub vote_for_2: String,
    pub vote_against_2: String,
    pub vote_abstain_2: String,
    pub vote_subject_3: String,
    pub vote_for_3: String,
    pub vote_against_3: String,
    pub vote_abstain_3: String,
}

fn ticked(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.is_empty() && s != "false")
}

fn opt(s: &str) -> Option<String> {
    Some(s.to_owned()).filter(|s| !s.trim().is_empty())
}

impl MeetingForm {
    fn input(&self) -> MeetingInput {
        let vote = |s: &str, a: &str, b: &str, c: &str| VoteInput {
            subject: s.to_owned(),
            approvals: a.to_owned(),
            against: b.to_owned(),
            abstain: c.to_owned(),
        };
        MeetingInput {
            cell: self.cell.clone(),
            kind: self.kind.clone(),
            thematic: ticked(&self.thematic),
            topic: opt(&self.topic),
            held_on: self.held_on.clone(),
            started_at: opt(&self.started_at),
            duration_minutes: self.duration_minutes.clone(),
            online: ticked(&self.online),
            chair: opt(&self.chair),
            recorder: opt(&self.recorder),
            agenda: self.agenda.clone(),
            minutes: opt(&self.minutes),
            resolution: opt(&self.resolution),
            prepared_content: ticked(&self.prepared_content),
            draft_resolution: ticked(&self.draft_resolution),
            broad_participation: ticked(&self.broad_participation),
            principles_respected: ticked(&self.principles_respected),
            minutes_complete: ticked(&self.minutes_complete),
            score_preparation: opt(&self.score_preparation),
            score_attendance: opt(&self.score_attendance),
            score_conduct: opt(&self.score_conduct),
            score_conclusion: opt(&self.score_conclusion),
            full_attendance: ticked(&self.full_attendance),
            full_duration: ticked(&self.full_duration),
            full_participation: ticked(&self.full_participation),
            full_minutes: ticked(&self.full_minutes),
            votes: vec![
                vote(
                    &self.vote_subject_1,
                    &self.vote_for_1,
                    &self.vote_against_1,
                    &self.vote_abstain_1,
                ),
                vote(
                    &self.vote_subject_2,
                    &self.vote_for_2,
                    &self.vote_against_2,
                    &self.vote_abstain_2,
                ),
                vote(
                    &self.vote_subject_3,
                    &self.vote_for_3,
                    &self.vote_against_3,
                    &self.vote_abstain_3,
                ),
            ],
        }
    }

    fn from_view(v: &MeetingView) -> Self {
        let m = &v.meeting;
        let t = |b: bool| b.then(|| "true".to_owned());
        let n = |x: Option<i64>| x.map(|v| v.to_string()).unwrap_or_default();
        let vote = |i: usize| {
            v.votes
                .get(i)
                .map(|v| {
                    (
                        v.subject.clone(),
                        v.approvals.to_string(),
                        v.against.to_string(),
                        v.abstain.to_string(),
                    )
                })
                .unwrap_or_default()
        };
        let (vote_subject_1, vote_for_1, vote_against_1, vote_abstain_1) = vote(0);
        let (vote_subject_2, vote_for_2, vote_against_2, vote_abstain_2) = vote(1);
        let (vote_subject_3, vote_for_3, vote_against_3, vote_abstain_3) = vote(2);
        Self {
            cell: v.cell_code.clone(),
            kind: m.kind.clone(),
            thematic: t(m.thematic),
            topic: m.topic.clone().unwrap_or_default(),
            held_on: format::date(&m.held_on),
            started_at: m.started_at.clone().unwrap_or_default(),
            duration_minutes: m.duration_minutes.to_string(),
            online: t(m.online),
            chair: n(m.chair_id),
            recorder: n(m.recorder_id),
            agenda: m.agenda.clone(),
            minutes: m.minutes.clone().unwrap_or_default(),
            resolution: m.resolution.clone().unwrap_or_default(),
            prepared_content: t(m.prepared_content),
            draft_resolution: t(m.draft_resolution),
            broad_participation: t(m.broad_participation),
            principles_respected: t(m.principles_respected),
            minutes_complete: t(m.minutes_complete),
            score_preparation: n(m.score_preparation),
            score_attendance: n(m.score_attendance),
            score_conduct: n(m.score_conduct),
            score_conclusion: n(m.score_conclusion),
            full_attendance: t(m.full_attendance),
            full_duration: t(m.full_duration),
            full_participation: t(m.full_participation),
            full_minutes: t(m.full_minutes),
            vote_subject_1,
            vote_for_1,
            vote_against_1,
            vote_abstain_1,
            vote_subject_2,
            vote_for_2,
            vote_against_2,
            vote_abstain_2,
            vote_subject_3,
            vote_for_3,
            vote_against_3,
            vote_abstain_3,
        }
    }
}

/// A checkbox of the form.
pub struct Check {
    pub name: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "meetings/form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    back: String,
    alert: Option<String>,
    fields: Vec<Field>,
    checks: Vec<Check>,
    scores: Vec<Field>,
    full_marks: Vec<Check>,
    votes: Vec<[(String, String); 4]>,
}

/// The form's page for `form`, the chair and recorder chosen among the cell's roster.
async fn form_page(
    s: &AppState,
    actor: &Actor,
    token: &CsrfToken,
    form: &MeetingForm,
    editing: Option<i64>,
) -> Result<FormPage, AppError> {
    let people = match chibo_app::meetings::roster_for_form(&s.app, actor, &form.cell).await {
        Ok(p) => p,
        Err(AppError::NotFound | AppError::Invalid(_)) => Vec::new(),
        Err(e) => return Err(e),
    };
    let member_options: Vec<(String, String)> =
        std::iter::once((String::new(), "— chọn đảng viên —".to_owned()))
            .chain(people.into_iter().map(|(id, n)| (id.to_string(), n)))
            .collect();
    let kinds = std::iter::once((String::new(), "— chọn —".to_owned()))
        .chain(
            MeetingKind::CODES
                .iter()
                .map(|c| ((*c).to_owned(), messages::meeting_kind(c).to_owned())),
        )
        .collect();
    let mut cell = Field::text("cell", &form.cell).required();
    if editing.is_some() {
        cell = cell.hint("không đổi được chi bộ của buổi sinh hoạt");
    }
    let fields = vec![
        cell,
        Field::select("kind", &form.kind, kinds).required(),
        Field::date("held_on", &form.held_on).required(),
        Field::text("started_at", &form.started_at).hint("giờ:phút, ví dụ 19:30"),
        Field::text("duration_minutes", &form.duration_minutes)
            .required()
            .numeric()
            .hint("số phút; buổi sinh hoạt chất lượng cần từ 90 phút"),
        Field::text("topic", &form.topic).hint("với sinh hoạt chuyên đề"),
        Field::select("chair", &form.chair, member_options.clone()).required(),
        Field::select("recorder", &form.recorder, member_options).required(),
        Field::textarea("agenda", &form.agenda)
            .required()
            .hint("mỗi nội dung một dòng"),
        Field::textarea("minutes", &form.minutes),
        Field::textarea("resolution", &form.resolution),
    ];
    let c = |name, label, v: &Option<String>| Check {
        name,
        label,
        checked: ticked(v),
    };
    let checks = vec![
        c(
            "thematic",
            "Kết hợp sinh hoạt chuyên đề (buổi thường kỳ)",
            &form.thematic,
        ),
        c("online", "Họp trực tuyến", &form.online),
        c(
            "prepared_content",
            "Chuẩn bị nội dung chu đáo",
            &form.prepared_content,
        ),
        c(
            "draft_resolution",
            "Có dự thảo nghị quyết",
            &form.draft_resolution,
        ),
        c(
            "broad_participation",
            "Nhiều đảng viên tham gia phát biểu",
            &form.broad_participation,
        ),
        c(
            "principles_respected",
            "Thực hiện đúng nguyên tắc sinh hoạt đảng",
            &form.principles_respected,
        ),
        c(
            "minutes_complete",
            "Biên bản ghi đầy đủ",
            &form.minutes_complete,
        ),
    ];
    let scores = vec![
        Field::text("score_preparation", &form.score_preparation)
            .numeric()
            .hint("tối đa 15"),
        Field::text("score_attendance", &form.score_attendance)
            .numeric()
            .hint("tối đa 20"),
        Field::text("score_conduct", &form.score_conduct)
            .numeric()
            .hint("tối đa 45"),
        Field::text("score_conclusion", &form.score_conclusion)
            .numeric()
            .hint("tối đa 20"),
    ];
    let full_marks = vec![
        c("full_attendance", "Đủ điểm tham dự", &form.full_attendance),
        c("full_duration", "Đủ điểm thời gian", &form.full_duration),
        c(
            "full_participation",
            "Đủ điểm phát biểu",
            &form.full_participation,
        ),
        c("full_minutes", "Đủ điểm biên bản", &form.full_minutes),
    ];
    let v = |a: &str, b: &str, c: &str, d: &str, i: usize| {
        [
            (format!("vote_subject_{i}"), a.to_owned()),
            (format!("vote_for_{i}"), b.to_owned()),
            (format!("vote_against_{i}"), c.to_owned()),
            (format!("vote_abstain_{i}"), d.to_owned()),
        ]
    };
    let votes = vec![
        v(
            &form.vote_subject_1,
            &form.vote_for_1,
            &form.vote_against_1,
            &form.vote_abstain_1,
            1,
        ),
        v(
            &form.vote_subject_2,
            &form.vote_for_2,
            &form.vote_against_2,
            &form.vote_abstain_2,
            2,
        ),
        v(
            &form.vote_subject_3,
            &form.vote_for_3,
            &form.vote_against_3,
            &form.vote_abstain_3,
            3,
        ),
    ];
    let (heading, action, back) = match editing {
        Some(id) => (
            "Sửa biên bản sinh hoạt".to_owned(),
            format!("/meetings/{id}/edit"),
            format!("/meetings/{id}"),
        ),
        None => (
            "Ghi buổi sinh hoạt chi bộ".to_owned(),
            "/meetings".to_owned(),
            format!("/meetings?unit={}", form.cell.trim()),
        ),
    };
    Ok(FormPage {
        layout: Layout::new(actor, token, heading.clone(), Section::Meetings),
        heading,
        action,
        back,
        alert: None,
        fields,
        checks,
        scores,
        full_marks,
        votes,
    })
}

fn place_errors(p: &mut FormPage, e: &AppError) {
    let errors = match e {
        AppError::Invalid(v) => v.clone(),
        AppError::NoSuchReference { field } => vec![FieldError::new(
            field,
            chibo_domain::field::Problem::UnknownUnit,
        )],
        other => {
            p.alert = Some(crate::error::user_message(other));
            return;
        }
    };
    let mut alert = messages::INVALID.to_owned();
    for err in &errors {
        match p
            .fields
            .iter_mut()
            .chain(p.scores.iter_mut())
            .find(|f| f.name == err.field)
        {
            Some(f) => f.error = Some(messages::problem(&err.problem)),
            None => {
                alert.push(' ');
                alert.push_str(&messages::field_error(err));
            }
        }
    }
    p.alert = Some(alert);
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    pub unit: String,
}

pub async fn new_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<NewQuery>,
) -> Result<Response, WebError> {
    if !actor.can(chibo_domain::access::Permission::EditMembers) {
        return Err(AppError::Forbidden(chibo_domain::access::Permission::EditMembers).into());
    }
    let form = MeetingForm {
        cell: q.unit.trim().to_owned(),
        kind: "regular".into(),
        held_on: format::date(&clock::today()),
        ..MeetingForm::default()
    };
    if !form.cell.is_empty() {
        // A cell outside the caller's scope is not found, as everywhere else.
        chibo_app::meetings::roster_for_form(&s.app, &actor, &form.cell).await?;
    }
    let p = form_page(&s, &actor, &token, &form, None).await?;
    render_status(StatusCode::OK, token, p)
}

pub async fn create(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { token, form }: CsrfForm<MeetingForm>,
) -> Result<Response, WebError> {
    match meetings::create(&s.app, &actor, &form.input()).await {
        Ok(id) => Ok(redirect(&headers, &format!("/meetings/{id}/attendance"))),
        Err(e @ (AppError::Invalid(_) | AppError::NoSuchReference { .. })) => {
            let mut p = form_page(&s, &actor, &token, &form, None).await?;
            place_errors(&mut p, &e);
            render_status(crate::error::status_of(&e), token, p)
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn edit_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    if !actor.can(chibo_domain::access::Permission::EditMembers) {
        return Err(AppError::Forbidden(chibo_domain::access::Permission::EditMembers).into());
    }
    let v = meetings::get(&s.app, &actor, id).await?;
    let p = form_page(&s, &actor, &token, &MeetingForm::from_view(&v), Some(id)).await?;
    render_status(StatusCode::OK, token, p)
}

pub async fn update(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Path(id): Path<i64>,
    CsrfForm { token, form }: CsrfForm<MeetingForm>,
) -> Result<Response, WebError> {
    match meetings::update(&s.app, &actor, id, &form.input()).await {
        Ok(_) => Ok(redirect(&headers, &format!("/meetings/{id}"))),
        Err(e @ AppError::Invalid(_)) => {
            let mut p = form_page(&s, &actor, &token, &form, Some(id)).await?;
            place_errors(&mut p, &e);
            render_status(crate::error::status_of(&e), token, p)
        }
        Err(e) => Err(e.into()),
    }
}

/// One member's line on the meeting and attendance pages.
pub struct SheetLine {
    pub id: i64,
    pub name: String,
    pub in_base: bool,
    pub role: &'static str,
    pub presence: String,
    pub presence_text: &'static str,
    pub reason: String,
    /// In the base and not marked when the sheet was sent back.
    pub missing: bool,
}

pub struct Tally {
    pub base: String,
    pub present: String,
    pub excused: String,
    pub unexcused: String,
    pub rate: String,
}

fn tally_of(v: &MeetingView) -> Tally {
    Tally {
        base: format::num(i64::from(v.tally.base)),
        present: format::num(i64::from(v.tally.present)),
        excused: format::num(i64::from(v.tally.excused)),
        unexcused: format::num(i64::from(v.tally.unexcused)),
        rate: pct(v.tally.rate()),
    }
}

fn sheet_lines(v: &MeetingView) -> Vec<SheetLine> {
    v.roster
        .iter()
        .map(|l| {
            let presence = l.presence.clone().unwrap_or_default();
            SheetLine {
                id: l.member_id,
                name: l.full_name.clone(),
                in_base: l.in_base,
                role: messages::base_role(&l.base_role),
                presence_text: messages::presence(&presence),
                presence,
                reason: l.reason.clone().unwrap_or_default(),
                missing: false,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
struct ShowPage {
    layout: Layout,
    v: MeetingView,
    title: String,
    kind: String,
    day: String,
    duration: String,
    agenda: Vec<String>,
    lines: Vec<SheetLine>,
    tally: Tally,
    failures: Vec<&'static str>,
    grade: Option<String>,
    can_edit: bool,
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let v = meetings::get(&s.app, &actor, id).await?;
    let title = format!(
        "Sinh hoạt chi bộ {} ngày {}",
        v.cell_code,
        format::date(&v.meeting.held_on)
    );
    let page = ShowPage {
        layout: Layout::new(&actor, &token, title.clone(), Section::Meetings),
        title,
        kind: kind_text(&v.meeting.kind, v.meeting.thematic),
        day: format::date(&v.meeting.held_on),
        duration: format!("{} phút", format::num(v.meeting.duration_minutes)),
        agenda: v.meeting.agenda.lines().map(str::to_owned).collect(),
        lines: sheet_lines(&v),
        tally: tally_of(&v),
        failures: meetings::criterion_labels(&v.quality.failures),
        grade: v.quality.grade.map(|g| {
            format!(
                "{} ({} điểm)",
                messages::meeting_grade(g.code()),
                v.quality.score_total.unwrap_or(0)
            )
        }),
        can_edit: actor.can(chibo_domain::access::Permission::EditMembers),
        v,
    };
    render_status(StatusCode::OK, token, page)
}

#[derive(Template)]
#[template(path = "meetings/attendance.html")]
struct AttendancePage {
    layout: Layout,
    id: i64,
    title: String,
    lines: Vec<SheetLine>,
    tally: Tally,
    taken: bool,
    saved: bool,
    alert: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: String,
}

fn attendance_page(
    actor: &Actor,
    token: &CsrfToken,
    v: &MeetingView,
    saved: bool,
) -> AttendancePage {
    let title = format!(
        "Điểm danh — {} ngày {}",
        v.cell_code,
        format::date(&v.meeting.held_on)
    );
    AttendancePage {
        layout: Layout::new(actor, token, title.clone(), Section::Meetings),
        id: v.meeting.id,
        title,
        lines: sheet_lines(v),
        tally: tally_of(v),
        taken: v.attendance_taken,
        saved,
        alert: None,
    }
}

pub async fn attendance_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, WebError> {
    if !actor.can(chibo_domain::access::Permission::EditMembers) {
        return Err(AppError::Forbidden(chibo_domain::access::Permission::EditMembers).into());
    }
    let v = meetings::get(&s.app, &actor, id).await?;
    let page = attendance_page(&actor, &token, &v, q.saved == "1");
    render_status(StatusCode::OK, token, page)
}

/// The sheet as posted: `p_{member}` = presence, `r_{member}` = reason; `all_present` marks
/// everyone of the base not yet marked present.
pub async fn attendance_save(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Path(id): Path<i64>,
    CsrfForm { token, form }: CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let all_present = form.iter().any(|(k, v)| k == "all_present" && v == "1");
    let mut lines: std::collections::BTreeMap<i64, AttendanceLine> = Default::default();
    for (k, val) in &form {
        let (is_presence, rest) = match (k.strip_prefix("p_"), k.strip_prefix("r_")) {
            (Some(r), _) => (true, r),
            (_, Some(r)) => (false, r),
            _ => continue,
        };
        let Ok(member) = rest.parse::<i64>() else {
            continue;
        };
        let l = lines.entry(member).or_insert_with(|| AttendanceLine {
            member_id: member,
            ..AttendanceLine::default()
        });
        if is_presence {
            l.presence = val.clone();
        } else {
            l.reason = Some(val.clone());
        }
    }
    if all_present {
        let v = meetings::get(&s.app, &actor, id).await?;
        for r in v.roster.iter().filter(|r| r.in_base) {
            let l = lines.entry(r.member_id).or_insert_with(|| AttendanceLine {
                member_id: r.member_id,
                ..AttendanceLine::default()
            });
            if l.presence.trim().is_empty() {
                l.presence = "present".into();
            }
        }
    }
    let input = AttendanceInput {
        lines: lines.into_values().collect(),
    };
    match meetings::record_attendance(&s.app, &actor, id, &input).await {
        Ok(_) => Ok(redirect(
            &headers,
            &format!("/meetings/{id}/attendance?saved=1"),
        )),
        Err(e @ AppError::Invalid(_)) => {
            let v = meetings::get(&s.app, &actor, id).await?;
            let mut page = attendance_page(&actor, &token, &v, false);
            // Show what was typed, and which members of the base are still unmarked.
            for l in &mut page.lines {
                if let Some(typed) = input.lines.iter().find(|t| t.member_id == l.id) {
                    l.presence = typed.presence.trim().to_owned();
                    l.reason = typed.reason.clone().unwrap_or_default();
                } else {
                    l.presence.clear();
                }
                l.missing = l.in_base && l.presence.is_empty();
            }
            if let AppError::Invalid(v) = &e {
                let texts: Vec<String> = v.iter().map(messages::field_error).collect();
                page.alert = Some(format!("{} {}", messages::INVALID, texts.join(" ")));
            }
            render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page)
        }
        Err(e) => Err(e.into()),
    }
}
