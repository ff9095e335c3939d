//! Disciplinary measures on the member page (REM-07, PRB-06): the section listing the
//! member's measures and the form recording one. A probationer can only be reprimanded or
//! warned; the refusal comes back as the form's alert with the rule.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::discipline::{DisciplineInput, of_member, record as record_measure};
use chibo_app::{AppError, clock};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::ids::MemberId;
use chibo_domain::removal::DisciplineKind;

use super::form::{Field, FormPage, options};
use super::layout::{Layout, Section};
use super::{redirect, render};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format};

/// A measure as the member page shows it.
pub struct Measure {
    /// In Vietnamese: khiển trách, cảnh cáo, cách chức, khai trừ.
    pub kind: &'static str,
    pub decided_on: String,
    pub decision_ref: String,
    pub reason: Option<String>,
}

/// The member page's section: the measures, and the form for those who may record one.
pub struct DisciplineSection {
    pub measures: Vec<Measure>,
    pub fields: Option<Vec<Field>>,
}

/// The member's measures, for accounts that see the member's cell records; `None` for the
/// others (a member's own account).
pub async fn section(
    s: &AppState,
    actor: &Actor,
    id: MemberId,
) -> Result<Option<DisciplineSection>, WebError> {
    let rows = match of_member(&s.app, actor, id).await {
        Ok(rows) => rows,
        Err(AppError::NotFound | AppError::Forbidden(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let measures = rows
        .into_iter()
        .map(|r| Measure {
            kind: DisciplineKind::parse(&r.kind).map_or("không rõ", DisciplineKind::label),
            decided_on: format::date(&r.decided_on),
            decision_ref: r.decision_ref,
            reason: r.reason,
        })
        .collect();
    let input = DisciplineInput {
        decided_on: format::date(&clock::today()),
        ..DisciplineInput::default()
    };
    Ok(Some(DisciplineSection {
        measures,
        fields: actor.can(Permission::EditMembers).then(|| fields(&input)),
    }))
}

fn fields(i: &DisciplineInput) -> Vec<Field> {
    let kinds = options(
        "— chọn —",
        DisciplineKind::ALL.iter().map(|k| (k.code(), k.label())),
    );
    vec![
        Field::select("kind", &i.kind, kinds)
            .required()
            .label("Hình thức kỷ luật")
            .hint("đảng viên dự bị chỉ bị khiển trách hoặc cảnh cáo"),
        Field::date("decided_on", &i.decided_on).required(),
        Field::text("decision_ref", &i.decision_ref).required(),
        Field::textarea("reason", i.reason.clone().unwrap_or_default()),
    ]
}

fn page(actor: &Actor, token: &CsrfToken, id: i64, i: &DisciplineInput) -> FormPage {
    let heading = "Ghi quyết định kỷ luật".to_owned();
    FormPage {
        layout: Layout::new(actor, token, heading.clone(), Section::Members),
        heading,
        intro: None,
        back: (
            format!("/members/{id}#discipline"),
            "Hồ sơ đảng viên".to_owned(),
        ),
        action: format!("/members/{id}/discipline"),
        form_id: "discipline-form",
        submit: "Ghi",
        alert: None,
        fields: fields(i),
    }
}

pub async fn form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    if !actor.can(Permission::EditMembers) {
        return Err(AppError::Forbidden(Permission::EditMembers).into());
    }
    // The member must be in the caller's scope.
    of_member(&s.app, &actor, MemberId(id)).await?;
    let input = DisciplineInput {
        decided_on: format::date(&clock::today()),
        ..DisciplineInput::default()
    };
    render(token.clone(), page(&actor, &token, id, &input))
}

pub async fn record(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<DisciplineInput>,
) -> Result<Response, WebError> {
    match record_measure(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}#discipline"))),
        Err(e) => page(&actor, &token, id, &input).sent_back(token.clone(), e),
    }
}
