//! Party development (issue 5, point 6): the pipeline as a board of stages over a unit's
//! cells, the form that lists a new candidate, and a candidate's page with their timeline and
//! the form of the next stage only. The rule checks are the application's; a refused step
//! comes back with its rule ID (422).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use chibo_app::candidates::{
    self, Board, CandidateDeadline, NewCandidateInput, SponsorInput, StepInput, Timeline,
};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::admission::Stage;
use chibo_domain::field::{FieldError, Problem};
use serde::Deserialize;

use super::form::{Field, FormPage, options, place_errors};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::{WebError, status_of};
use crate::{AppState, format, messages};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BoardQuery {
    unit: Option<String>,
}

#[derive(Template)]
#[template(path = "candidates/board.html")]
struct BoardPage {
    layout: Layout,
    board: Board,
    can_edit: bool,
    /// `?cell=` for the "add" link when the board is of one unit.
    new_link: String,
}

impl BoardPage {
    fn stage_name(&self, s: &Stage) -> &'static str {
        s.label()
    }
}

/// "Quyết định kết nạp: hạn 05/09/2025" and its status, as a card or a list shows it.
pub struct DeadlineText {
    pub what: &'static str,
    pub rule: &'static str,
    pub due: String,
    pub status: &'static str,
    pub class: &'static str,
}

pub fn deadline_text(d: &CandidateDeadline) -> DeadlineText {
    DeadlineText {
        what: d.stage.label(),
        rule: d.rule,
        due: format::date(&d.due_on),
        status: messages::deadline_status(d.status),
        class: d.status,
    }
}

pub async fn board(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<BoardQuery>,
) -> Result<Response, WebError> {
    let board = candidates::board(&s.app, &actor, q.unit.as_deref()).await?;
    let new_link = match &board.unit_code {
        Some(c) => format!("/candidates/new?cell={c}"),
        None => "/candidates/new".to_owned(),
    };
    let page = BoardPage {
        layout: Layout::new(&actor, &token, "Phát triển đảng viên", Section::Candidates),
        can_edit: actor.can(Permission::EditMembers),
        board,
        new_link,
    };
    render(token, page)
}

// ---- A new candidate ----

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    cell: Option<String>,
}

fn yes_no() -> Vec<(String, String)> {
    vec![
        ("false".to_owned(), "Không".to_owned()),
        ("true".to_owned(), "Có".to_owned()),
    ]
}

fn new_fields(i: &NewCandidateInput) -> Vec<Field> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        Field::unit("cell_code", &i.cell_code).required(),
        Field::date("listed_on", &i.listed_on).required(),
        Field::text("full_name", &i.full_name).required(),
        Field::select(
            "sex",
            &i.sex,
            options("— chọn —", [("M", "Nam"), ("F", "Nữ")]),
        )
        .required(),
        Field::date("birth_date", &i.birth_date).required(),
        Field::text("citizen_id", s(&i.citizen_id))
            .numeric()
            .hint("12 chữ số"),
        Field::select(
            "youth_union_member",
            i.youth_union_member.to_string(),
            yes_no(),
        ),
        Field::text("document_ref", s(&i.document_ref))
            .hint("số danh sách hoặc nghị quyết của chi bộ"),
        Field::text("candidate_key", s(&i.candidate_key)).hint("để trống để hệ thống tự tạo"),
    ]
}

fn new_page(actor: &Actor, token: &CsrfToken, input: &NewCandidateInput) -> FormPage {
    let heading = "Thêm quần chúng ưu tú".to_owned();
    FormPage {
        layout: Layout::new(actor, token, heading.clone(), Section::Candidates),
        heading,
        intro: Some(
            "Người được chi bộ đưa vào danh sách quần chúng ưu tú, bước đầu của quy trình kết nạp."
                .into(),
        ),
        back: ("/candidates".into(), "Phát triển đảng viên".into()),
        action: "/candidates".into(),
        form_id: "candidate-form",
        submit: "Lưu",
        alert: None,
        fields: new_fields(input),
    }
}

fn may_edit(actor: &Actor) -> Result<(), WebError> {
    if actor.can(Permission::EditMembers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Permission::EditMembers).into())
    }
}

pub async fn new_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<NewQuery>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let cell_code = match q.cell.filter(|c| !c.trim().is_empty()) {
        Some(c) => c,
        // A secretary's scope holds one cell: it is the one.
        None => {
            let cells = chibo_app::org::units_for_picker(&s.app, &actor, "", true).await?;
            match cells.as_slice() {
                [only] => only.code.clone(),
                _ => String::new(),
            }
        }
    };
    let input = NewCandidateInput {
        cell_code,
        ..NewCandidateInput::default()
    };
    render(token.clone(), new_page(&actor, &token, &input))
}

/// The new-candidate form as posted (a select sends the Youth Union membership as text).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewCandidateForm {
    candidate_key: Option<String>,
    cell_code: String,
    full_name: String,
    sex: String,
    birth_date: String,
    citizen_id: Option<String>,
    youth_union_member: String,
    listed_on: String,
    document_ref: Option<String>,
    education: Option<String>,
    hardship_area: String,
    fisherman: String,
    elder_or_hamlet_head: String,
    education_consent_ref: Option<String>,
    education_consent_on: Option<String>,
}

impl NewCandidateForm {
    fn input(self) -> NewCandidateInput {
        NewCandidateInput {
            candidate_key: self.candidate_key,
            cell_code: self.cell_code,
            full_name: self.full_name,
            sex: self.sex,
            birth_date: self.birth_date,
            citizen_id: self.citizen_id,
            youth_union_member: yes(&self.youth_union_member),
            listed_on: self.listed_on,
            document_ref: self.document_ref,
            education: self.education,
            hardship_area: yes(&self.hardship_area),
            fisherman: yes(&self.fisherman),
            elder_or_hamlet_head: yes(&self.elder_or_hamlet_head),
            education_consent_ref: self.education_consent_ref,
            education_consent_on: self.education_consent_on,
        }
    }
}

fn yes(v: &str) -> bool {
    matches!(v.trim(), "true" | "on" | "1")
}

fn sent_back(token: CsrfToken, form: FormPage, e: AppError) -> Result<Response, WebError> {
    match e {
        AppError::Invalid(_) | AppError::Rule(_) | AppError::NoSuchReference { .. } => {
            render_status(status_of(&e), token, form.with_error(&e))
        }
        other => Err(other.into()),
    }
}

pub async fn create(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { token, form }: CsrfForm<NewCandidateForm>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = form.input();
    match candidates::add_candidate(&s.app, &actor, &input).await {
        Ok(key) => Ok(redirect(&headers, &format!("/candidates/{key}"))),
        Err(e) => sent_back(token.clone(), new_page(&actor, &token, &input), e),
    }
}

// ---- A candidate's page and the next step ----

/// A step form as posted: the two sponsor letters are flat rows of fields.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct StepForm {
    pub stage: String,
    pub on: String,
    pub document_ref: String,
    pub sponsor1_member_key: String,
    pub sponsor1_together_since: String,
    pub sponsor1_replaces: String,
    pub sponsor2_member_key: String,
    pub sponsor2_together_since: String,
    pub sponsor2_replaces: String,
    pub endorsement: String,
    pub conclusion: String,
    pub official_members: String,
    pub absent_exempted: String,
    pub approvals: String,
    pub committee_size: String,
    pub extended: String,
    pub received_on: String,
    pub superior_consent: String,
}

/// What a stage's date is, as the step form labels it.
fn date_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Outstanding => "Ngày đưa vào danh sách",
        Stage::AwarenessClass => "Ngày cấp giấy chứng nhận",
        Stage::Application => "Ngày làm đơn",
        Stage::Sponsors => "Ngày viết giấy giới thiệu",
        Stage::Verified => "Ngày kết luận thẩm tra",
        Stage::CellVote => "Ngày chi bộ biểu quyết",
        Stage::CommitteeVote => "Ngày đảng ủy biểu quyết",
        Stage::Decided => "Ngày ký quyết định",
        Stage::Ceremony => "Ngày tổ chức lễ kết nạp",
    }
}

/// The fields the form of `stage` shows, named as the posted [`StepForm`] (and, but for the
/// sponsor rows, as [`StepInput`]). The one place that says which stage asks for what.
pub fn step_fields(stage: Stage, f: &StepForm) -> Vec<Field> {
    let mut fields = vec![Field::date("on", &f.on).label(date_label(stage)).required()];
    let doc = Field::text("document_ref", &f.document_ref);
    fields.push(if stage == Stage::Decided {
        doc.label("Số quyết định kết nạp").required()
    } else {
        doc.hint("số hiệu văn bản, nếu có")
    });
    let replaces = || {
        options(
            "— không —",
            [
                ("sponsor_moved", "Người giới thiệu trước đã chuyển đi"),
                ("sponsor_disciplined", "Người giới thiệu trước bị kỷ luật"),
            ],
        )
    };
    match stage {
        Stage::Outstanding | Stage::AwarenessClass | Stage::Application => {}
        Stage::Sponsors => {
            fields.extend([
                Field::text("sponsor1_member_key", &f.sponsor1_member_key)
                    .label("Người giới thiệu 1 (mã đảng viên)")
                    .required(),
                Field::date("sponsor1_together_since", &f.sponsor1_together_since)
                    .label("Người giới thiệu 1: cùng công tác, sinh sống từ ngày")
                    .required(),
                Field::select("sponsor1_replaces", &f.sponsor1_replaces, replaces())
                    .label("Người giới thiệu 1: thay người giới thiệu trước"),
                Field::text("sponsor2_member_key", &f.sponsor2_member_key)
                    .label("Người giới thiệu 2 (mã đảng viên)")
                    .hint("để trống nếu Đoàn hoặc Công đoàn giới thiệu thay"),
                Field::date("sponsor2_together_since", &f.sponsor2_together_since)
                    .label("Người giới thiệu 2: cùng công tác, sinh sống từ ngày"),
                Field::select("sponsor2_replaces", &f.sponsor2_replaces, replaces())
                    .label("Người giới thiệu 2: thay người giới thiệu trước"),
                Field::select(
                    "endorsement",
                    &f.endorsement,
                    options(
                        "— không —",
                        [
                            ("youth_union", "Nghị quyết giới thiệu của Đoàn Thanh niên"),
                            ("trade_union", "Nghị quyết giới thiệu của Công đoàn"),
                        ],
                    ),
                ),
            ]);
        }
        Stage::Verified => {
            fields.push(Field::textarea("conclusion", &f.conclusion).required());
        }
        Stage::CellVote => fields.extend([
            Field::text("official_members", &f.official_members)
                .numeric()
                .required(),
            Field::text("absent_exempted", &f.absent_exempted)
                .numeric()
                .hint("đảng viên được miễn sinh hoạt vắng mặt"),
            Field::text("approvals", &f.approvals).numeric().required(),
        ]),
        Stage::CommitteeVote => fields.extend([
            Field::text("committee_size", &f.committee_size)
                .numeric()
                .required(),
            Field::text("approvals", &f.approvals).numeric().required(),
        ]),
        Stage::Decided => fields.extend([
            Field::date("received_on", &f.received_on).hint("để trống nếu là ngày ký quyết định"),
            Field::select("extended", &f.extended, yes_no())
                .hint("trường hợp đặc biệt được kéo dài thời hạn xét"),
        ]),
        Stage::Ceremony => fields.push(
            Field::select("superior_consent", &f.superior_consent, yes_no())
                .hint("khi tổ chức lễ quá thời hạn"),
        ),
    }
    fields
}

fn count(e: &mut Vec<FieldError>, field: &'static str, text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            e.push(FieldError::new(field, Problem::NotACount));
            None
        }
    }
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

impl StepForm {
    /// The application's input; counts that are not whole numbers are field errors.
    // `..default()`: fields the service gains (ADM-02, ADM-03 inputs) stay empty until added here.
    #[allow(clippy::needless_update)]
    pub fn input(&self) -> Result<StepInput, AppError> {
        let mut e = Vec::new();
        let sponsors = [
            (
                &self.sponsor1_member_key,
                &self.sponsor1_together_since,
                &self.sponsor1_replaces,
            ),
            (
                &self.sponsor2_member_key,
                &self.sponsor2_together_since,
                &self.sponsor2_replaces,
            ),
        ]
        .into_iter()
        .filter(|(k, d, _)| !k.trim().is_empty() || !d.trim().is_empty())
        .map(|(k, d, r)| SponsorInput {
            member_key: k.trim().to_owned(),
            together_since: d.trim().to_owned(),
            replaces: opt(r),
        })
        .collect();
        let input = StepInput {
            stage: self.stage.clone(),
            on: self.on.clone(),
            document_ref: opt(&self.document_ref),
            sponsors,
            endorsement: opt(&self.endorsement),
            conclusion: opt(&self.conclusion),
            official_members: count(&mut e, "official_members", &self.official_members),
            absent_exempted: count(&mut e, "absent_exempted", &self.absent_exempted),
            approvals: count(&mut e, "approvals", &self.approvals),
            committee_size: count(&mut e, "committee_size", &self.committee_size),
            extended: yes(&self.extended),
            received_on: opt(&self.received_on),
            superior_consent: yes(&self.superior_consent),
            ..StepInput::default()
        };
        if e.is_empty() {
            Ok(input)
        } else {
            Err(AppError::Invalid(e))
        }
    }
}

/// A line of the candidate's timeline, as shown.
pub struct StepLine {
    pub on: String,
    pub stage: &'static str,
    pub document_ref: Option<String>,
    /// Votes, dates received and due, the conclusion, sponsors: one short sentence each.
    pub facts: Vec<String>,
    pub recorded: String,
    pub member_id: Option<i64>,
}

fn step_lines(t: &Timeline) -> Vec<StepLine> {
    t.view
        .steps
        .iter()
        .map(|s| {
            let stage = Stage::parse(&s.stage);
            let mut facts = Vec::new();
            if let Some(a) = s.approvals {
                let base = s.vote_base.map(format::num).unwrap_or_default();
                let of = if stage == Some(Stage::CommitteeVote) {
                    "ủy viên"
                } else {
                    "đảng viên chính thức"
                };
                facts.push(format!("Tán thành {} trên {} {}", format::num(a), base, of));
            }
            if let Some(x) = s.absent_exempted.filter(|x| *x > 0) {
                facts.push(format!("{} đảng viên vắng mặt được miễn", format::num(x)));
            }
            if let Some(d) = s.received_on {
                facts.push(format!("Chi bộ nhận ngày {}", format::date(&d)));
            }
            if let Some(d) = s.due_on {
                facts.push(format!("Hạn {}", format::date(&d)));
            }
            facts.extend(detail_facts(s.detail.as_deref()));
            let by = t.recorder(s.recorded_by);
            StepLine {
                on: format::date(&s.effective_on),
                stage: stage.map_or("—", Stage::label),
                document_ref: s.document_ref.clone(),
                facts,
                recorded: if by.is_empty() {
                    format!("ghi lúc {}", format::timestamp(&s.recorded_at))
                } else {
                    format!("ghi lúc {} bởi {by}", format::timestamp(&s.recorded_at))
                },
                member_id: s.member_id,
            }
        })
        .collect()
}

/// The step's stored details (sponsors, conclusion, extension, consent) in words.
fn detail_facts(detail: Option<&str>) -> Vec<String> {
    let Some(v) = detail.and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(list) = v.get("sponsors").and_then(|s| s.as_array()) {
        let keys: Vec<&str> = list
            .iter()
            .filter_map(|s| s.get("member_key").and_then(|k| k.as_str()))
            .collect();
        if !keys.is_empty() {
            out.push(format!("Người giới thiệu: {}", keys.join(", ")));
        }
    }
    match v
        .get("endorsement")
        .and_then(|e| e.get("body"))
        .and_then(|b| b.as_str())
    {
        Some("youth_union") => out.push("Đoàn Thanh niên giới thiệu".into()),
        Some("trade_union") => out.push("Công đoàn giới thiệu".into()),
        _ => {}
    }
    if let Some(c) = v.get("conclusion").and_then(|c| c.as_str()) {
        out.push(format!("Kết luận: {c}"));
    }
    if v.get("extended").and_then(|x| x.as_bool()) == Some(true) {
        out.push("Được kéo dài thời hạn xét".into());
    }
    if v.get("superior_consent").and_then(|x| x.as_bool()) == Some(true) {
        out.push("Cấp trên đồng ý tổ chức muộn".into());
    }
    out
}

#[derive(Template)]
#[template(path = "candidates/candidate.html")]
struct CandidatePage {
    layout: Layout,
    key: String,
    name: String,
    sex: &'static str,
    birth_date: String,
    citizen_id: Option<String>,
    youth_union_member: bool,
    cell_code: String,
    stage: &'static str,
    lines: Vec<StepLine>,
    /// The member the ceremony created.
    member_id: Option<i64>,
    /// The next stage's form, for accounts that may record it.
    next: Option<(Stage, &'static str)>,
    deadline: Option<DeadlineText>,
    alert: Option<String>,
    fields: Vec<Field>,
}

fn candidate_page(
    actor: &Actor,
    token: &CsrfToken,
    t: &Timeline,
    form: &StepForm,
    error: Option<&AppError>,
) -> CandidatePage {
    let c = &t.view.candidate;
    let next = t
        .view
        .next_stage
        .filter(|_| actor.can(Permission::EditMembers));
    let mut fields = next.map(|s| step_fields(s, form)).unwrap_or_default();
    let alert = error.and_then(|e| {
        // The service names sponsor fields without their row; they go on the first row.
        let e = match e {
            AppError::Invalid(errs) => &AppError::Invalid(
                errs.iter()
                    .map(|fe| FieldError {
                        field: match fe.field {
                            "sponsors" => "sponsor1_member_key",
                            "together_since" => "sponsor1_together_since",
                            other => other,
                        },
                        problem: fe.problem.clone(),
                    })
                    .collect(),
            ),
            other => other,
        };
        place_errors(&mut fields, e)
    });
    let last = t.view.steps.last();
    CandidatePage {
        layout: Layout::new(actor, token, c.full_name.clone(), Section::Candidates),
        key: c.candidate_key.clone(),
        name: c.full_name.clone(),
        sex: messages::sex(&c.sex),
        birth_date: format::date(&c.birth_date),
        citizen_id: c.citizen_id.clone(),
        youth_union_member: c.youth_union_member,
        cell_code: t.view.cell_code.clone(),
        stage: last
            .and_then(|s| Stage::parse(&s.stage))
            .map_or("—", Stage::label),
        lines: step_lines(t),
        member_id: t.view.steps.iter().find_map(|s| s.member_id),
        next: next.map(|s| (s, s.label())),
        deadline: t.deadline.as_ref().map(deadline_text),
        alert,
        fields,
    }
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(key): Path<String>,
) -> Result<Response, WebError> {
    let t = candidates::timeline(&s.app, &actor, &key).await?;
    // Dated today unless changed, like the member's event form.
    let form = StepForm {
        on: format::date(&chibo_app::clock::today()),
        stage: t
            .view
            .next_stage
            .map(Stage::code)
            .unwrap_or_default()
            .into(),
        ..StepForm::default()
    };
    render(
        token.clone(),
        candidate_page(&actor, &token, &t, &form, None),
    )
}

pub async fn record(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Path(key): Path<String>,
    CsrfForm { token, form }: CsrfForm<StepForm>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let result = match form.input() {
        Ok(input) => candidates::record_step(&s.app, &actor, &key, &input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    let e = match result {
        Ok(()) => return Ok(redirect(&headers, &format!("/candidates/{key}"))),
        Err(e @ (AppError::Invalid(_) | AppError::Rule(_))) => e,
        Err(other) => return Err(other.into()),
    };
    // Sent back with what was typed and why it was refused.
    let t = candidates::timeline(&s.app, &actor, &key).await?;
    let page = candidate_page(&actor, &token, &t, &form, Some(&e));
    render_status(status_of(&e), token, page)
}
