//! The member list: diacritic-insensitive search over the caller's scope, paginated; htmx
//! replaces the results as the user types.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::Paged;
use chibo_app::members::{self, SearchQuery};
use chibo_app::model::MemberSummary;
use serde::Deserialize;

use super::layout::{Layout, Section};
use super::render;
use crate::AppState;
use crate::auth::Caller;
use crate::error::WebError;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub former: Option<String>,
    pub page: Option<i64>,
}

#[derive(Template)]
#[template(path = "members/list.html")]
struct ListPage {
    layout: Layout,
    q: String,
    former: bool,
    result: Paged<MemberSummary>,
    can_add: bool,
    page_link: String,
}

pub async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(lq): Query<ListQuery>,
) -> Result<Response, WebError> {
    let former = lq
        .former
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
    let query = SearchQuery {
        q: lq.q.clone(),
        former,
        page: lq.page,
        size: None,
    };
    let result = members::search_members(&s.app, &actor, &query).await?;
    let page_link = format!(
        "/members?{}",
        serde_urlencoded::to_string([
            ("q", lq.q.as_str()),
            ("former", if former { "1" } else { "" })
        ])
        .unwrap_or_default()
    );
    let page = ListPage {
        layout: Layout::new(&actor, &token, "Đảng viên", Section::Members),
        q: lq.q,
        former,
        result,
        can_add: actor.can(chibo_domain::access::Permission::EditMembers),
        page_link,
    };
    render(token, page)
}
