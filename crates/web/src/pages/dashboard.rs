//! The dashboard: today's headcounts of the caller's part of the tree, its open deadlines
//! and its early warnings before removal.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_csrf::CsrfToken;
use chibo_app::model::Headcount;
use chibo_app::org::{self, TreeRow};
use chibo_domain::access::{Permission, Scope};
use serde::Deserialize;

use super::layout::{Layout, Section};
use super::{day_query, render, view_day};
use crate::auth::Caller;
use crate::error::WebError;
use crate::{AppState, format};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DayQuery {
    pub on: Option<String>,
}

/// A root of the caller's tree with the units directly under it.
pub struct Block {
    pub root: TreeRow,
    pub children: Vec<TreeRow>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    layout: Layout,
    day_text: String,
    day_link: String,
    error: Option<String>,
    total: Headcount,
    blocks: Vec<Block>,
    deadlines: Option<super::deadlines::Block>,
    warnings: Option<super::warnings::Block>,
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<DayQuery>,
) -> Result<Response, WebError> {
    if let Scope::OwnRecord(m) = actor.scope {
        return Ok(Redirect::to(&format!("/members/{}", m.0)).into_response());
    }
    let (day, error) = view_day(q.on.as_deref());
    let mut blocks = Vec::new();
    let mut total = Headcount::default();
    if actor.can(Permission::ViewUnits) {
        for root in org::roots(&s.app, &actor, day).await? {
            add(&mut total, &root.count);
            let children = org::children(&s.app, &actor, &root.unit.code, day).await?;
            blocks.push(Block { root, children });
        }
    }
    let deadlines = super::deadlines::block(&s, &actor, day).await?;
    let warnings = super::warnings::block(&s, &actor, day).await?;
    let page = Dashboard {
        deadlines,
        warnings,
        layout: Layout::new(&actor, &token, "Tổng quan", Section::Dashboard),
        day_text: format::date(&day),
        day_link: day_query(day),
        error,
        total,
        blocks,
    };
    render(token, page)
}

fn add(total: &mut Headcount, c: &Headcount) {
    total.members += c.members;
    total.official += c.official;
    total.probationary += c.probationary;
    total.exempted += c.exempted;
    total.working_away += c.working_away;
    total.in_transit += c.in_transit;
}
