//! A unit's page as of a day: place in the tree, headcounts, units under it, its members that
//! day, its versions, and the actions the caller may take.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::Page;
use chibo_app::org::{self, UnitView};
use chibo_domain::org::UnitKind;
use serde::Deserialize;

use super::layout::{Layout, Section};
use super::{day_query, render, view_day};
use crate::auth::Caller;
use crate::error::WebError;
use crate::{AppState, format};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UnitQuery {
    pub on: Option<String>,
    pub page: Option<i64>,
}

#[derive(Template)]
#[template(path = "units/unit.html")]
struct UnitPage {
    layout: Layout,
    v: UnitView,
    day_text: String,
    day_link: String,
    day_action: String,
    error: Option<String>,
    holds_members: bool,
    is_commune: bool,
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(code): Path<String>,
    Query(q): Query<UnitQuery>,
) -> Result<Response, WebError> {
    let (day, error) = view_day(q.on.as_deref());
    let v = org::unit_view(&s.app, &actor, &code, day, Page::new(q.page, None)).await?;
    let kind = UnitKind::parse(&v.unit.kind).ok();
    let page = UnitPage {
        layout: Layout::new(&actor, &token, v.unit.name.clone(), Section::Tree),
        day_text: format::date(&day),
        day_link: day_query(day),
        day_action: format!("/units/{}", v.unit.code),
        error,
        holds_members: kind.is_some_and(UnitKind::holds_members),
        is_commune: kind == Some(UnitKind::CommuneCommittee),
        v,
    };
    render(token, page)
}
