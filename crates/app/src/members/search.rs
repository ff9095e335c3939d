//! Finding members: diacritic-insensitive name search (`nguyen van an` finds "Nguyễn Văn An",
//! `d` finds `đ`), or an exact citizen ID or card number, inside the caller's scope.

use chibo_domain::access::Actor;
use chibo_storage::members::{self, MemberSummary, Search};
use serde::Deserialize;

use crate::scope::visible_members;
use crate::{App, AppError, Page, Paged, clock};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
    /// Also list people who have left the party.
    pub former: bool,
    pub page: Option<i64>,
    pub size: Option<i64>,
}

pub async fn search_members(
    app: &App,
    actor: &Actor,
    q: &SearchQuery,
) -> Result<Paged<MemberSummary>, AppError> {
    let visible = visible_members(actor);
    let page = Page::new(q.page, q.size);
    let mut tx = app.db.read().await?;
    let (items, total) = members::search(
        &mut tx,
        &Search {
            today: clock::today(),
            visible: &visible,
            query: q.q.trim(),
            include_former: q.former,
            limit: page.size,
            offset: page.offset(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Paged { items, total, page })
}
