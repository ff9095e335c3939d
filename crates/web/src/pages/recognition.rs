//! The forms of a probationer's official recognition (PRB-02 … PRB-05): a round of the cell's
//! review and the committee's decision. Each form posts to its own page and comes back with
//! the errors next to the fields, or with the refused rule as the alert.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use chibo_app::recognition::{
    DecisionInput, ReviewInput, recognition_of, record_cell_review, record_committee_decision,
};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::ids::MemberId;
use chibo_domain::recognition::{DecidingBody, Decision};

use super::form::{Field, FormPage, options};
use super::layout::{Layout, Section};
use super::{redirect, render};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

fn may_edit(actor: &Actor) -> Result<(), WebError> {
    if actor.can(Permission::EditMembers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Permission::EditMembers).into())
    }
}

fn page(
    actor: &Actor,
    token: &CsrfToken,
    id: i64,
    heading: &str,
    action: &str,
    fields: Vec<Field>,
) -> FormPage {
    FormPage {
        layout: Layout::new(actor, token, heading.to_owned(), Section::Members),
        heading: heading.to_owned(),
        intro: None,
        back: (format!("/members/{id}"), "Hồ sơ đảng viên".to_owned()),
        action: format!("/members/{id}/recognition/{action}"),
        form_id: "recognition-form",
        submit: "Ghi",
        alert: None,
        fields,
    }
}

fn review_fields(i: &ReviewInput) -> Vec<Field> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        Field::date("on", &i.on)
            .required()
            .label("Ngày nghị quyết của chi bộ")
            .hint("không trước ngày hết thời gian dự bị"),
        Field::text("document_ref", s(&i.document_ref)).label("Số nghị quyết"),
        Field::text("official_members", s(&i.official_members))
            .numeric()
            .required()
            .hint("không tính đảng viên dự bị"),
        Field::text("absent_exempted", s(&i.absent_exempted)).numeric(),
        Field::text("for_recognition", s(&i.for_recognition))
            .numeric()
            .required(),
        Field::text("for_removal", s(&i.for_removal)).numeric(),
    ]
}

fn decision_fields(i: &DecisionInput) -> Vec<Field> {
    let decisions = options(
        "— chọn —",
        Decision::CODES
            .iter()
            .map(|c| (*c, messages::recognition_outcome(c))),
    );
    let bodies = options(
        "— chọn —",
        DecidingBody::CODES
            .iter()
            .map(|c| (*c, messages::deciding_body(c))),
    );
    let extended = vec![
        (String::new(), "Không".to_owned()),
        ("true".to_owned(), "Có (trường hợp đặc biệt)".to_owned()),
    ];
    vec![
        Field::date("on", &i.on).required().label("Ngày quyết định"),
        Field::text("document_ref", i.document_ref.clone().unwrap_or_default())
            .required()
            .label("Số quyết định"),
        Field::select("decision", &i.decision, decisions).required(),
        Field::select("deciding_body", &i.deciding_body, bodies)
            .required()
            .hint("sau 3 lần biểu quyết không đạt hai phần ba: cấp ủy cấp trên"),
        Field::select("extended", if i.extended { "true" } else { "" }, extended)
            .hint("gia hạn thêm 30 ngày làm việc"),
    ]
}

/// The heading with the member's name, after checking the caller may see the member.
async fn heading(s: &AppState, actor: &Actor, id: i64, what: &str) -> Result<String, WebError> {
    let v = recognition_of(&s.app, actor, MemberId(id)).await?;
    let ends = v
        .probation_ends
        .map(|d| format!(" (hết dự bị {})", format::date(&d)))
        .unwrap_or_default();
    Ok(format!("{what}{ends}"))
}

pub async fn review_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let h = heading(&s, &actor, id, "Ghi nghị quyết của chi bộ").await?;
    let input = ReviewInput {
        on: format::date(&chibo_app::clock::today()),
        ..ReviewInput::default()
    };
    render(
        token.clone(),
        page(&actor, &token, id, &h, "review", review_fields(&input)),
    )
}

pub async fn review(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<ReviewInput>,
) -> Result<Response, WebError> {
    match record_cell_review(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}#recognition"))),
        Err(e) => {
            let form = page(
                &actor,
                &token,
                id,
                "Ghi nghị quyết của chi bộ",
                "review",
                review_fields(&input),
            );
            form.sent_back(token.clone(), e)
        }
    }
}

pub async fn decision_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let h = heading(
        &s,
        &actor,
        id,
        "Ghi quyết định công nhận đảng viên chính thức",
    )
    .await?;
    let input = DecisionInput {
        on: format::date(&chibo_app::clock::today()),
        ..DecisionInput::default()
    };
    render(
        token.clone(),
        page(&actor, &token, id, &h, "decision", decision_fields(&input)),
    )
}

pub async fn decision(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<DecisionInput>,
) -> Result<Response, WebError> {
    match record_committee_decision(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}#recognition"))),
        Err(e) => {
            let form = page(
                &actor,
                &token,
                id,
                "Ghi quyết định công nhận đảng viên chính thức",
                "decision",
                decision_fields(&input),
            );
            form.sent_back(token.clone(), e)
        }
    }
}
