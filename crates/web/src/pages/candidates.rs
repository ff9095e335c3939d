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
    self, Board, CandidateDeadline, DocumentInput, EducationInput, NewCandidateInput, SponsorInput,
    StepInput, Timeline,
};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::admission::{
    COMMENT_EXCEPTIONS, DecidingBody, DossierItem, EducationLevel, Stage,
};
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

/// The schooling select: each `EducationLevel` with its Vietnamese name.
fn education_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "— chưa ghi —".to_owned()))
        .chain(EducationLevel::ALL.iter().map(|l| {
            let label = l.label();
            let mut c = label.chars();
            let label = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            (l.code().to_owned(), label)
        }))
        .collect()
}

/// The schooling fields (ADM-03), on the new-candidate form and the schooling form.
fn education_fields(i: &EducationInput) -> Vec<Field> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        Field::select("education", s(&i.education), education_options())
            .hint("bằng tốt nghiệp đã có; cần trước khi chi bộ biểu quyết"),
        Field::select("hardship_area", i.hardship_area.to_string(), yes_no()),
        Field::select("fisherman", i.fisherman.to_string(), yes_no()),
        Field::select(
            "elder_or_hamlet_head",
            i.elder_or_hamlet_head.to_string(),
            yes_no(),
        ),
        Field::text("education_consent_ref", s(&i.education_consent_ref))
            .hint("khi kết nạp già làng, trưởng thôn chỉ biết đọc, biết viết"),
        Field::date("education_consent_on", s(&i.education_consent_on)),
    ]
}

fn new_fields(i: &NewCandidateInput) -> Vec<Field> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut fields = vec![
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
    ];
    fields.extend(education_fields(&EducationInput {
        education: i.education.clone(),
        hardship_area: i.hardship_area,
        fisherman: i.fisherman,
        elder_or_hamlet_head: i.elder_or_hamlet_head,
        education_consent_ref: i.education_consent_ref.clone(),
        education_consent_on: i.education_consent_on.clone(),
    }));
    fields
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
        Err(e) => new_page(&actor, &token, &input).sent_back(token.clone(), e),
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
    pub endorsement_ref: String,
    pub conclusion: String,
    /// One checkbox per `VERIFIED_RELATIONS` code (a plain form cannot post a list).
    pub relative_birth_parents: String,
    pub relative_parents_in_law: String,
    pub relative_carers: String,
    pub relative_spouse: String,
    pub relative_adult_children: String,
    pub comment_summary_ref: String,
    pub comment_exception: String,
    pub healthy_and_respected: String,
    pub over_60_ground: String,
    pub over_60_consent_ref: String,
    pub over_60_consent_on: String,
    pub official_members: String,
    pub absent_exempted: String,
    pub approvals: String,
    pub committee_size: String,
    pub extended: String,
    pub received_on: String,
    pub deciding_body: String,
    pub delegation_ref: String,
    pub superior_consent: String,
}

impl StepForm {
    /// The relatives' checkboxes: (code, field name, posted value), in `VERIFIED_RELATIONS`
    /// order.
    fn relatives(&self) -> [(&'static str, &'static str, &str); 5] {
        [
            (
                "birth_parents",
                "relative_birth_parents",
                &self.relative_birth_parents,
            ),
            (
                "parents_in_law",
                "relative_parents_in_law",
                &self.relative_parents_in_law,
            ),
            ("carers", "relative_carers", &self.relative_carers),
            ("spouse", "relative_spouse", &self.relative_spouse),
            (
                "adult_children",
                "relative_adult_children",
                &self.relative_adult_children,
            ),
        ]
    }
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
                Field::text("endorsement_ref", &f.endorsement_ref)
                    .hint("khi Đoàn hoặc Công đoàn giới thiệu; thuộc hồ sơ kết nạp"),
            ]);
        }
        Stage::Verified => {
            fields.push(Field::textarea("conclusion", &f.conclusion).required());
            fields.extend(
                f.relatives()
                    .into_iter()
                    .map(|(_, name, v)| Field::checkbox(name, yes(v))),
            );
            fields.extend(comment_fields(f));
        }
        Stage::CellVote => {
            fields.extend([
                Field::text("official_members", &f.official_members)
                    .numeric()
                    .required(),
                Field::text("absent_exempted", &f.absent_exempted)
                    .numeric()
                    .hint("đảng viên được miễn sinh hoạt vắng mặt"),
                Field::text("approvals", &f.approvals).numeric().required(),
            ]);
            fields.extend(comment_fields(f));
            fields.extend([
                Field::select("healthy_and_respected", &f.healthy_and_respected, yes_no())
                    .hint("chỉ với người trên 60 tuổi"),
                Field::select(
                    "over_60_ground",
                    &f.over_60_ground,
                    std::iter::once((String::new(), "— không —".to_owned()))
                        .chain(
                            chibo_domain::admission::Over60Ground::CODES
                                .iter()
                                .map(|c| ((*c).to_owned(), messages::over_60_ground(c).to_owned())),
                        )
                        .collect(),
                ),
                Field::text("over_60_consent_ref", &f.over_60_consent_ref),
                Field::date("over_60_consent_on", &f.over_60_consent_on),
            ]);
        }
        Stage::CommitteeVote => fields.extend([
            Field::text("committee_size", &f.committee_size)
                .numeric()
                .required(),
            Field::text("approvals", &f.approvals).numeric().required(),
            Field::select("extended", &f.extended, yes_no())
                .hint("trường hợp đặc biệt được kéo dài thời hạn xét"),
        ]),
        Stage::Decided => fields.extend([
            Field::select(
                "deciding_body",
                &f.deciding_body,
                std::iter::once((String::new(), "— chọn —".to_owned()))
                    .chain(
                        DecidingBody::CODES
                            .iter()
                            .map(|c| ((*c).to_owned(), messages::deciding_body(c).to_owned())),
                    )
                    .collect(),
            )
            .required(),
            Field::text("delegation_ref", &f.delegation_ref)
                .hint("bắt buộc khi đảng ủy cơ sở quyết định theo ủy quyền"),
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

/// ADM-08: the comment summary's reference, or the exception that stands in for it.
fn comment_fields(f: &StepForm) -> [Field; 2] {
    [
        Field::text("comment_summary_ref", &f.comment_summary_ref)
            .hint("cần trước khi chi bộ biểu quyết, trừ trường hợp ngoại lệ"),
        Field::select(
            "comment_exception",
            &f.comment_exception,
            std::iter::once((String::new(), "— không —".to_owned()))
                .chain(
                    COMMENT_EXCEPTIONS
                        .iter()
                        .map(|c| ((*c).to_owned(), messages::comment_exception(c).to_owned())),
                )
                .collect(),
        ),
    ]
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
            endorsement_ref: opt(&self.endorsement_ref),
            conclusion: opt(&self.conclusion),
            relatives: self
                .relatives()
                .into_iter()
                .filter(|(_, _, v)| yes(v))
                .map(|(code, _, _)| code.to_owned())
                .collect(),
            comment_summary_ref: opt(&self.comment_summary_ref),
            comment_exception: opt(&self.comment_exception),
            healthy_and_respected: yes(&self.healthy_and_respected),
            over_60_ground: opt(&self.over_60_ground),
            over_60_consent_ref: opt(&self.over_60_consent_ref),
            over_60_consent_on: opt(&self.over_60_consent_on),
            official_members: count(&mut e, "official_members", &self.official_members),
            absent_exempted: count(&mut e, "absent_exempted", &self.absent_exempted),
            approvals: count(&mut e, "approvals", &self.approvals),
            committee_size: count(&mut e, "committee_size", &self.committee_size),
            extended: yes(&self.extended),
            received_on: opt(&self.received_on),
            deciding_body: opt(&self.deciding_body),
            delegation_ref: opt(&self.delegation_ref),
            superior_consent: yes(&self.superior_consent),
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
    /// A failed vote (ADM-09, ADM-10): "ADM-09: the reason".
    pub failed: Option<String>,
}

/// "ADM-09: Chỉ có 5 trên 9 …" for a recorded failed vote.
fn failure_of(s: &chibo_app::model::StepRow) -> Option<String> {
    if s.passed {
        return None;
    }
    let v = s
        .detail
        .as_deref()
        .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
        .map(|d| d["violation"].clone())
        .unwrap_or_default();
    Some(match (v["rule"].as_str(), v["message"].as_str()) {
        (Some(r), Some(m)) => format!("{r}: {m}"),
        _ => "không đủ hai phần ba số tán thành".to_owned(),
    })
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
                failed: failure_of(s),
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
    if let Some(r) = v.get("endorsement_ref").and_then(|r| r.as_str()) {
        out.push(format!("Nghị quyết giới thiệu số {r}"));
    }
    if let Some(c) = v.get("conclusion").and_then(|c| c.as_str()) {
        out.push(format!("Kết luận: {c}"));
    }
    if let Some(list) = v.get("relatives").and_then(|r| r.as_array())
        && !list.is_empty()
    {
        let names: Vec<&str> = list
            .iter()
            .filter_map(|r| r.as_str())
            .map(messages::verified_relation)
            .collect();
        out.push(format!("Đã thẩm tra: {}", names.join(", ")));
    }
    if let Some(r) = v.get("comment_summary_ref").and_then(|r| r.as_str()) {
        out.push(format!("Tổng hợp ý kiến nhận xét số {r}"));
    }
    if let Some(x) = v.get("comment_exception").and_then(|r| r.as_str()) {
        out.push(format!(
            "Không cần tổng hợp ý kiến nhận xét: {}",
            messages::comment_exception(x)
        ));
    }
    if let Some(o) = v.get("over_60").filter(|o| o.is_object()) {
        let mut line = "Trên 60 tuổi".to_owned();
        if let Some(g) = o.get("ground").and_then(|g| g.as_str()) {
            line.push_str(&format!(": {}", messages::over_60_ground(g)));
        }
        if let Some(c) = o.get("consent").filter(|c| c.is_object()) {
            line.push_str(&format!(
                "; văn bản đồng ý số {} ngày {}",
                c["reference"].as_str().unwrap_or_default(),
                c["dated_on"]
                    .as_str()
                    .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
                    .map(|d| format::date(&d))
                    .unwrap_or_default()
            ));
        }
        out.push(line);
    }
    if let Some(b) = v.get("deciding_body").and_then(|b| b.as_str()) {
        out.push(format!("Cấp quyết định: {}", messages::deciding_body(b)));
    }
    if let Some(r) = v.get("delegation_ref").and_then(|r| r.as_str()) {
        out.push(format!("Theo văn bản ủy quyền số {r}"));
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
    /// The last recorded step is a failed vote: what failed, and that it may be held again.
    failed_notice: Option<String>,
    deadline: Option<DeadlineText>,
    alert: Option<String>,
    fields: Vec<Field>,
    /// The schooling as recorded (ADM-03).
    education: String,
    /// Dossier documents recorded apart from the steps: item, reference, date.
    documents: Vec<(&'static str, String, String)>,
    /// ADM-15: what the dossier still lacks before the decision.
    missing: Vec<&'static str>,
    /// The schooling and document forms, for accounts that may edit.
    can_edit: bool,
    education_alert: Option<String>,
    education_fields: Vec<Field>,
    document_alert: Option<String>,
    document_fields: Vec<Field>,
}

/// What a candidate page's forms hold: as typed when sent back, else their defaults.
#[derive(Default)]
struct Typed {
    step: StepForm,
    education: Option<EducationInput>,
    document: DocumentForm,
}

/// The dossier document form as posted: its reference field is named apart from the step
/// form's `document_ref`, on the same page.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct DocumentForm {
    item: String,
    dossier_document_ref: String,
    dated_on: String,
}

impl DocumentForm {
    fn input(&self) -> DocumentInput {
        DocumentInput {
            item: self.item.clone(),
            document_ref: self.dossier_document_ref.clone(),
            dated_on: self.dated_on.clone(),
        }
    }
}

/// Which of the page's forms a refusal is about.
enum Refused<'a> {
    Step(&'a AppError),
    Education(&'a AppError),
    Document(&'a AppError),
}

fn education_text(e: &chibo_app::model::Education) -> String {
    let mut out =
        e.level
            .as_deref()
            .and_then(EducationLevel::parse)
            .map_or("Chưa ghi".to_owned(), |l| {
                let label = l.label();
                let mut c = label.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            });
    if e.hardship_area {
        out.push_str("; ở vùng khó khăn");
    }
    if e.fisherman {
        out.push_str("; ngư dân");
    }
    if e.elder_or_hamlet_head {
        out.push_str("; già làng, trưởng thôn");
    }
    if let (Some(r), Some(d)) = (&e.consent_ref, e.consent_on) {
        out.push_str(&format!(
            "; văn bản đồng ý số {r} ngày {}",
            format::date(&d)
        ));
    }
    out
}

fn document_fields(d: &DocumentForm) -> Vec<Field> {
    vec![
        Field::select(
            "item",
            &d.item,
            std::iter::once((String::new(), "— chọn —".to_owned()))
                .chain(DossierItem::ALL.iter().map(|i| {
                    let label = i.label();
                    let mut c = label.chars();
                    (
                        i.code().to_owned(),
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect())
                            .unwrap_or_default(),
                    )
                }))
                .collect(),
        )
        .required(),
        Field::text("dossier_document_ref", &d.dossier_document_ref).required(),
        Field::date("dated_on", &d.dated_on).required(),
    ]
}

fn candidate_page(
    actor: &Actor,
    token: &CsrfToken,
    t: &Timeline,
    typed: &Typed,
    refused: Option<Refused<'_>>,
) -> CandidatePage {
    let c = &t.view.candidate;
    let form = &typed.step;
    let can_edit = actor.can(Permission::EditMembers);
    let next = t.view.next_stage.filter(|_| can_edit);
    let mut fields = next.map(|s| step_fields(s, form)).unwrap_or_default();
    let stored = &c.education;
    let education_input = typed.education.clone().unwrap_or_else(|| EducationInput {
        education: stored.level.clone(),
        hardship_area: stored.hardship_area,
        fisherman: stored.fisherman,
        elder_or_hamlet_head: stored.elder_or_hamlet_head,
        education_consent_ref: stored.consent_ref.clone(),
        education_consent_on: stored.consent_on.map(|d| format::date(&d)),
    });
    let mut education_fields = education_fields(&education_input);
    let mut document_fields = document_fields(&typed.document);
    let (mut education_alert, mut document_alert) = (None, None);
    let error = match refused {
        Some(Refused::Step(e)) => Some(e),
        Some(Refused::Education(e)) => {
            education_alert = place_errors(&mut education_fields, e);
            None
        }
        Some(Refused::Document(e)) => {
            let e = match e {
                AppError::Invalid(errs) => &AppError::Invalid(
                    errs.iter()
                        .map(|fe| FieldError {
                            field: match fe.field {
                                "document_ref" => "dossier_document_ref",
                                other => other,
                            },
                            problem: fe.problem.clone(),
                        })
                        .collect(),
                ),
                other => other,
            };
            document_alert = place_errors(&mut document_fields, e);
            None
        }
        None => None,
    };
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
    let last = t.view.steps.iter().rev().find(|s| s.passed);
    let failed_notice = t
        .view
        .steps
        .last()
        .and_then(|s| failure_of(s).map(|why| (s, why)))
        .map(|(s, why)| {
            let stage = Stage::parse(&s.stage).map_or("—", Stage::label);
            format!(
                "Biểu quyết ngày {} không đạt ({why}). Đã ghi lại; quần chúng vẫn ở bước trước, \
                 có thể biểu quyết lại «{stage}».",
                format::date(&s.effective_on)
            )
        });
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
        failed_notice,
        deadline: t.deadline.as_ref().map(deadline_text),
        alert,
        fields,
        education: education_text(stored),
        documents: t
            .view
            .documents
            .iter()
            .map(|d| {
                (
                    DossierItem::parse(&d.item).map_or("Tài liệu khác", DossierItem::label),
                    d.document_ref.clone(),
                    format::date(&d.dated_on),
                )
            })
            .collect(),
        missing: t.view.missing_documents.iter().map(|i| i.label()).collect(),
        can_edit,
        education_alert,
        education_fields,
        document_alert,
        document_fields,
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
    let today = format::date(&chibo_app::clock::today());
    let typed = Typed {
        step: StepForm {
            on: today.clone(),
            stage: t
                .view
                .next_stage
                .map(Stage::code)
                .unwrap_or_default()
                .into(),
            ..StepForm::default()
        },
        education: None,
        document: DocumentForm {
            dated_on: today,
            ..DocumentForm::default()
        },
    };
    render(
        token.clone(),
        candidate_page(&actor, &token, &t, &typed, None),
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
    let typed = Typed {
        step: form,
        ..Typed::default()
    };
    let page = candidate_page(&actor, &token, &t, &typed, Some(Refused::Step(&e)));
    render_status(status_of(&e), token, page)
}

/// The schooling form as posted (the yes/no selects send text).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EducationForm {
    education: Option<String>,
    hardship_area: String,
    fisherman: String,
    elder_or_hamlet_head: String,
    education_consent_ref: Option<String>,
    education_consent_on: Option<String>,
}

impl EducationForm {
    fn input(self) -> EducationInput {
        EducationInput {
            education: self.education,
            hardship_area: yes(&self.hardship_area),
            fisherman: yes(&self.fisherman),
            elder_or_hamlet_head: yes(&self.elder_or_hamlet_head),
            education_consent_ref: self.education_consent_ref,
            education_consent_on: self.education_consent_on,
        }
    }
}

/// Records or corrects the candidate's schooling (ADM-03).
pub async fn education(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Path(key): Path<String>,
    CsrfForm { token, form }: CsrfForm<EducationForm>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = form.input();
    let e = match candidates::update_education(&s.app, &actor, &key, &input).await {
        Ok(()) => return Ok(redirect(&headers, &format!("/candidates/{key}"))),
        Err(e @ AppError::Invalid(_)) => e,
        Err(other) => return Err(other.into()),
    };
    let t = candidates::timeline(&s.app, &actor, &key).await?;
    let typed = Typed {
        education: Some(input),
        ..Typed::default()
    };
    let page = candidate_page(&actor, &token, &t, &typed, Some(Refused::Education(&e)));
    render_status(status_of(&e), token, page)
}

/// Records a dossier document apart from its step (ADM-08, ADM-15).
pub async fn document(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Path(key): Path<String>,
    CsrfForm { token, form }: CsrfForm<DocumentForm>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let e = match candidates::add_document(&s.app, &actor, &key, &form.input()).await {
        Ok(()) => return Ok(redirect(&headers, &format!("/candidates/{key}"))),
        Err(e @ AppError::Invalid(_)) => e,
        Err(other) => return Err(other.into()),
    };
    let t = candidates::timeline(&s.app, &actor, &key).await?;
    let typed = Typed {
        document: form,
        ..Typed::default()
    };
    let page = candidate_page(&actor, &token, &t, &typed, Some(Refused::Document(&e)));
    render_status(status_of(&e), token, page)
}
