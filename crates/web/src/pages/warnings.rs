//! Early warning before removal (issue 6, point 6; REM-02, REM-03, AWY-03): the members of the
//! caller's scope whose unexcused absences, unpaid months or contact gap while away near or
//! reach the removal threshold, with the reasons; the full list on a day (a date and a unit to
//! filter, a CSV download through the API) and the rows the dashboard shows. The list and its
//! scope come from `chibo_app::warnings::linked`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::{AppError, clock, warnings};
use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::ids::MemberId;
use chibo_domain::removal::RemovalGround;
use chibo_domain::warning::{WarningLevel, WarningRow};
use chrono::NaiveDate;

use super::day_filters::{DayReport, Filters};
use super::layout::{Layout, Section};
use super::{render, render_status};
use crate::auth::Caller;
use crate::error::WebError;
use crate::{AppState, format, messages};

/// How many warnings the dashboard shows before linking to the full list.
pub const DASHBOARD_ROWS: usize = 20;

/// A warning as the pages show it.
pub struct Row {
    /// The member's page.
    pub link: String,
    pub member_key: String,
    pub name: String,
    pub unit_code: String,
    pub reason: &'static str,
    pub count: u32,
    pub threshold: u32,
    pub level: &'static str,
    /// `notice`, `warning` or `removal_review`, the row's style.
    pub class: &'static str,
    /// At the removal threshold, for those who may record it: the form opening the removal
    /// procedure (REM-05) on the matching REM-01 ground.
    pub open_removal: Option<String>,
}

impl Row {
    fn new(id: MemberId, r: &WarningRow, can_edit: bool) -> Self {
        let open_removal = RemovalGround::from_warning(r.reason)
            .filter(|_| can_edit && r.level == WarningLevel::RemovalReview)
            .map(|g| format!("/members/{}/removal?step=opened&ground={}", id.0, g.code()));
        Self {
            open_removal,
            link: format!("/members/{}", id.0),
            member_key: r.member_key.clone(),
            name: r.full_name.clone(),
            unit_code: r.unit_code.clone(),
            reason: messages::warning_reason(r.reason.code()),
            count: r.count,
            threshold: r.threshold,
            level: messages::warning_level(r.level.code()),
            class: r.level.code(),
        }
    }
}

/// The dashboard's block: the first rows, how many more, and the link to them all.
pub struct Block {
    pub rows: Vec<Row>,
    pub more: usize,
    pub link: String,
}

/// The dashboard's warnings on `day`, for accounts that see members of units; `None` for
/// those that do not (a member's own account, an account without a unit).
pub async fn block(s: &AppState, actor: &Actor, day: NaiveDate) -> Result<Option<Block>, WebError> {
    if !actor.can(Permission::ViewUnits)
        || !actor.can(Permission::ViewMembers)
        || matches!(actor.scope, Scope::Nothing | Scope::OwnRecord(_))
    {
        return Ok(None);
    }
    let all = match warnings::linked(&s.app, By::User(actor), day, None).await {
        Ok(all) => all,
        Err(AppError::NotFound | AppError::Forbidden(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let link = if day == clock::today() {
        "/warnings".to_owned()
    } else {
        format!("/warnings?as_of={}", format::date(&day))
    };
    Ok(Some(Block {
        more: all.len().saturating_sub(DASHBOARD_ROWS),
        rows: all
            .iter()
            .take(DASHBOARD_ROWS)
            .map(|(id, r)| Row::new(*id, r, actor.can(Permission::EditMembers)))
            .collect(),
        link,
    }))
}

#[derive(Template)]
#[template(path = "warnings.html")]
struct WarningsPage {
    layout: Layout,
    r: DayReport<Row>,
}

pub async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let (r, q) = DayReport::parse(f, "/warnings", "/api/v1/warnings");
    let mut page = WarningsPage {
        layout: Layout::new(&actor, &token, "Cảnh báo sớm", Section::Dashboard),
        r,
    };
    let Some(q) = q else {
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
    };
    let all = warnings::linked(&s.app, By::User(&actor), q.as_of, q.unit.as_deref()).await?;
    let can_edit = actor.can(Permission::EditMembers);
    page.r.show(
        q.as_of,
        all.iter()
            .map(|(id, w)| Row::new(*id, w, can_edit))
            .collect(),
    );
    render(token, page)
}
