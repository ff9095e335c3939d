//! Deadlines (issue 5, point 4): the full list of open deadlines in the caller's scope on a
//! day (a date and a unit to filter, a CSV download through the API), and the rows the
//! dashboard shows. The list and its scope come from `chibo_app::deadlines::list`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::deadlines::{self, Deadline};
use chibo_app::{AppError, clock};
use chibo_domain::access::{Actor, Permission, Scope};
use chrono::NaiveDate;

use super::day_filters::{DayReport, Filters};
use super::layout::{Layout, Section};
use super::{render, render_status};
use crate::auth::Caller;
use crate::error::WebError;
use crate::{AppState, format, messages};

/// How many deadlines the dashboard shows before linking to the full list.
pub const DASHBOARD_ROWS: usize = 20;

/// A deadline as the pages show it.
pub struct Row {
    pub kind: &'static str,
    /// The member's or candidate's page.
    pub link: String,
    pub name: String,
    pub unit_code: String,
    pub due: String,
    pub status: &'static str,
    /// `due_soon`, `due` or `overdue`, the row's style.
    pub class: &'static str,
}

impl From<&Deadline> for Row {
    fn from(d: &Deadline) -> Self {
        Self {
            kind: messages::deadline_kind(d.kind.code()),
            link: d.subject.link(),
            name: d.subject_name.clone(),
            unit_code: d.unit_code.clone(),
            due: format::date(&d.due_date),
            status: messages::deadline_status(d.status.code()),
            class: d.status.code(),
        }
    }
}

/// The dashboard's block: the first rows, how many more, and the link to them all.
pub struct Block {
    pub rows: Vec<Row>,
    pub more: usize,
    pub link: String,
}

/// The dashboard's deadlines on `day`, for accounts that see units; `None` for those that
/// do not (a member's own account, an account without a unit).
pub async fn block(s: &AppState, actor: &Actor, day: NaiveDate) -> Result<Option<Block>, WebError> {
    if !actor.can(Permission::ViewUnits)
        || matches!(actor.scope, Scope::Nothing | Scope::OwnRecord(_))
    {
        return Ok(None);
    }
    let all = match deadlines::list(&s.app, By::User(actor), day, None).await {
        Ok(all) => all,
        Err(AppError::NotFound | AppError::Forbidden(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let link = if day == clock::today() {
        "/deadlines".to_owned()
    } else {
        format!("/deadlines?as_of={}", format::date(&day))
    };
    Ok(Some(Block {
        more: all.len().saturating_sub(DASHBOARD_ROWS),
        rows: all.iter().take(DASHBOARD_ROWS).map(Row::from).collect(),
        link,
    }))
}

#[derive(Template)]
#[template(path = "deadlines.html")]
struct DeadlinesPage {
    layout: Layout,
    r: DayReport<Row>,
}

pub async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let (r, q) = DayReport::parse(f, "/deadlines", "/api/v1/deadlines");
    let mut page = DeadlinesPage {
        layout: Layout::new(&actor, &token, "Hạn cần xử lý", Section::Dashboard),
        r,
    };
    let Some(q) = q else {
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
    };
    let all = deadlines::list(&s.app, By::User(&actor), q.as_of, q.unit.as_deref()).await?;
    page.r.show(q.as_of, all.iter().map(Row::from).collect());
    render(token, page)
}
