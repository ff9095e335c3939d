//! The audit log page: administrators see every row, officers the rows of their subtree,
//! filtered by unit, user, action and dates.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::Paged;
use chibo_app::audit::{self, Action, AuditQuery};
use chibo_app::model::AuditRow;
use chibo_domain::dates::parse_date;
use serde::Deserialize;

use super::layout::{Layout, Section};
use super::render;
use crate::auth::Caller;
use crate::error::WebError;
use crate::{AppState, messages};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Filters {
    unit: String,
    user: String,
    action: String,
    from: String,
    until: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    f: Filters,
    actions: Vec<(&'static str, &'static str)>,
    result: Paged<AuditRow>,
    errors: Vec<String>,
    page_link: String,
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let mut errors = Vec::new();
    let mut date = |name: &'static str, v: &str| {
        if v.trim().is_empty() {
            return None;
        }
        parse_date(v)
            .map_err(|_| {
                errors.push(format!(
                    "«{}»: {}",
                    messages::field_label(name),
                    messages::problem(&chibo_domain::field::Problem::InvalidDate)
                ))
            })
            .ok()
    };
    let q = AuditQuery {
        unit_code: Some(f.unit.clone()),
        username: Some(f.user.trim().to_owned()),
        action: Some(f.action.clone()),
        from: date("from", &f.from),
        until: date("until", &f.until),
        page: f.page,
    };
    let result = audit::list(&s.app, &actor, &q).await?;
    let page_link = format!(
        "/audit?{}",
        serde_urlencoded::to_string([
            ("unit", &f.unit),
            ("user", &f.user),
            ("action", &f.action),
            ("from", &f.from),
            ("until", &f.until)
        ])
        .unwrap_or_default()
    );
    let actions = Action::ALL
        .iter()
        .map(|a| (a.code(), messages::audit_action(a.code())))
        .collect();
    let page = AuditPage {
        layout: Layout::new(&actor, &token, "Nhật ký", Section::Audit),
        f,
        actions,
        result,
        errors,
        page_link,
    };
    render(token, page)
}
