//! The tree browser: the caller's units as of a day, expanded level by level with htmx.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use axum_csrf::CsrfToken;
use chibo_app::model::UnitRow;
use chibo_app::org::{self, TreeRow};

use super::dashboard::DayQuery;
use super::layout::{Layout, Section};
use super::{day_query, render, view_day};
use crate::auth::Caller;
use crate::error::WebError;
use crate::{AppState, format};

#[derive(Template)]
#[template(path = "units/tree.html")]
struct TreePage {
    layout: Layout,
    day_text: String,
    day_link: String,
    error: Option<String>,
    rows: Vec<TreeRow>,
}

#[derive(Template)]
#[template(path = "units/_tree_rows.html")]
struct TreeRows {
    day_link: String,
    rows: Vec<TreeRow>,
}

pub async fn tree(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<DayQuery>,
) -> Result<Response, WebError> {
    let (day, error) = view_day(q.on.as_deref());
    let rows = org::roots(&s.app, &actor, day).await?;
    let page = TreePage {
        layout: Layout::new(&actor, &token, "Cây tổ chức đảng", Section::Tree),
        day_text: format::date(&day),
        day_link: day_query(day),
        error,
        rows,
    };
    render(token, page)
}

/// The units under one unit (an htmx fragment).
pub async fn children(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    Query(q): Query<DayQuery>,
) -> Result<Response, WebError> {
    let (day, _) = view_day(q.on.as_deref());
    let rows = org::children(&s.app, &actor, &code, day).await?;
    Ok(Html(
        TreeRows {
            day_link: day_query(day),
            rows,
        }
        .render()?,
    )
    .into_response())
}

#[derive(Template)]
#[template(path = "units/_options.html")]
struct Options {
    units: Vec<UnitRow>,
}

/// `<option>`s of units in the caller's scope matching what is typed in a unit field.
pub async fn options(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let field = q.get("field").map(String::as_str).unwrap_or("");
    let typed = q.get(field).map(String::as_str).unwrap_or("");
    let members_only = matches!(field, "cell_code" | "unit_code" | "covering_unit_code");
    let units = org::units_for_picker(&s.app, &actor, typed, members_only).await?;
    Ok(Html(Options { units }.render()?).into_response())
}
