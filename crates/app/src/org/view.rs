//! The tree and a unit as they stood on any day. Visibility follows today's tree (a unit is
//! visible when it is inside the caller's subtree today); counts follow the tree of the day.

use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::ids::UnitId;
use chibo_domain::org::{UnitKind, UnitPath};
use chibo_storage::db::prefix_range;
use chibo_storage::periods::{self, Headcount, MemberOnDay};
use chibo_storage::reference::{self, Commune};
use chibo_storage::residential::{self, AreaRow};
use chibo_storage::units::{self, UnitLink, UnitRow};
use chibo_storage::{Tx, paths};
use chrono::NaiveDate;
use serde::Serialize;

use crate::scope::find_unit;
use crate::{App, AppError, Page, Paged, clock};

/// How a unit is named in links and timelines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitLabel {
    pub code: String,
    pub name: String,
    pub kind: String,
}

impl From<&UnitRow> for UnitLabel {
    fn from(r: &UnitRow) -> Self {
        Self {
            code: r.code.clone(),
            name: r.name.clone(),
            kind: r.kind.clone(),
        }
    }
}

/// A unit in a tree listing with its headcount on the day.
#[derive(Debug, Clone, Serialize)]
pub struct TreeRow {
    pub unit: UnitRow,
    pub count: Headcount,
    pub children: i64,
}

/// A version of the unit with the parent it had then.
#[derive(Debug, Clone, Serialize)]
pub struct VersionLine {
    pub version: UnitRow,
    pub parent: Option<UnitLabel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub day: NaiveDate,
    pub unit: UnitRow,
    /// Whether the unit existed on `day` (otherwise `unit` is its nearest version).
    pub existed: bool,
    pub breadcrumb: Vec<UnitLabel>,
    pub count: Headcount,
    pub children: Vec<TreeRow>,
    pub members: Option<Paged<MemberOnDay>>,
    pub versions: Vec<VersionLine>,
    pub merged_into: Vec<UnitLink>,
    pub merged_from: Vec<UnitLink>,
    pub commune: Option<Commune>,
    pub areas: Vec<AreaRow>,
    pub can_manage: bool,
    pub can_edit_members: bool,
}

async fn rows_with_counts(
    tx: &mut Tx,
    rows: Vec<UnitRow>,
    day: NaiveDate,
    parent: Option<&UnitPath>,
) -> Result<Vec<TreeRow>, AppError> {
    let (range, depth) = match parent {
        Some(p) => (prefix_range(p.as_str()), p.depth() as i64 + 1),
        None => (prefix_range("/"), 1),
    };
    let counts = periods::headcounts_by_unit(tx, day, &range, depth).await?;
    let mut out = Vec::with_capacity(rows.len());
    for unit in rows {
        let count = counts
            .iter()
            .find(|c| c.unit_id == unit.id)
            .map(|c| c.count)
            .unwrap_or_default();
        let children = units::child_count_on(tx, unit.unit(), day).await?;
        out.push(TreeRow {
            unit,
            count,
            children,
        });
    }
    Ok(out)
}

/// The top of the caller's tree on `day`: every root for administrators, the caller's own
/// unit otherwise.
pub async fn roots(app: &App, actor: &Actor, day: NaiveDate) -> Result<Vec<TreeRow>, AppError> {
    if !actor.can(Permission::ViewUnits) {
        return Err(AppError::Forbidden(Permission::ViewUnits));
    }
    let mut tx = app.db.read().await?;
    let rows = match &actor.scope {
        Scope::Everything => {
            let roots = units::children_on(&mut tx, None, day).await?;
            rows_with_counts(&mut tx, roots, day, None).await?
        }
        Scope::Subtree(path) => {
            let Some(unit) = path.units().last().copied() else {
                return Ok(Vec::new());
            };
            match (
                units::version_on(&mut tx, unit, day).await?,
                paths::path_on(&mut tx, unit, day).await?,
            ) {
                (Some(row), Some(p)) => {
                    let count = periods::headcount(&mut tx, day, &prefix_range(p.as_str())).await?;
                    let children = units::child_count_on(&mut tx, unit, day).await?;
                    vec![TreeRow {
                        unit: row,
                        count,
                        children,
                    }]
                }
                _ => Vec::new(),
            }
        }
        Scope::OwnRecord(_) | Scope::Nothing => Vec::new(),
    };
    tx.commit().await?;
    Ok(rows)
}

/// The units directly under a visible unit on `day`, with their headcounts.
pub async fn children(
    app: &App,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
) -> Result<Vec<TreeRow>, AppError> {
    let mut tx = app.db.read().await?;
    let (unit, _, _) =
        find_unit(&mut tx, actor, Permission::ViewUnits, code, clock::today()).await?;
    let Some(path) = paths::path_on(&mut tx, unit, day).await? else {
        return Ok(Vec::new());
    };
    let rows = units::children_on(&mut tx, Some(unit), day).await?;
    let out = rows_with_counts(&mut tx, rows, day, Some(&path)).await?;
    tx.commit().await?;
    Ok(out)
}

/// Everything the unit page shows for `day`.
pub async fn unit_view(
    app: &App,
    actor: &Actor,
    code: &str,
    day: NaiveDate,
    page: Page,
) -> Result<UnitView, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let (unit, _, _) = find_unit(&mut tx, actor, Permission::ViewUnits, code, today).await?;
    let on_day = units::version_on(&mut tx, unit, day).await?;
    let existed = on_day.is_some();
    let row = match on_day {
        Some(r) => r,
        None => units::latest_version(&mut tx, unit, day)
            .await?
            .ok_or(AppError::NotFound)?,
    };
    let day_path = paths::path_on(&mut tx, unit, day).await?;
    let mut breadcrumb = Vec::new();
    let mut count = Headcount::default();
    let mut children = Vec::new();
    let mut members = None;
    if let Some(p) = &day_path {
        for ancestor in p.units().into_iter().filter(|u| *u != unit) {
            let visible = paths::latest_path(&mut tx, ancestor, today)
                .await?
                .is_some_and(|ap| actor.scope.contains_unit(&ap));
            if let (true, Some(v)) = (visible, units::version_on(&mut tx, ancestor, day).await?) {
                breadcrumb.push(UnitLabel::from(&v));
            }
        }
        let range = prefix_range(p.as_str());
        count = periods::headcount(&mut tx, day, &range).await?;
        let rows = units::children_on(&mut tx, Some(unit), day).await?;
        children = rows_with_counts(&mut tx, rows, day, Some(p)).await?;
        if actor.can(Permission::ViewMembers) {
            let (items, total) =
                periods::members_on(&mut tx, day, &range, page.size, page.offset()).await?;
            members = Some(Paged { items, total, page });
        }
    }
    let mut versions = Vec::new();
    for v in units::versions(&mut tx, unit).await? {
        let parent = match v.parent_id {
            Some(p) => units::latest_version(&mut tx, UnitId(p), v.valid_from)
                .await?
                .as_ref()
                .map(UnitLabel::from),
            None => None,
        };
        versions.push(VersionLine { version: v, parent });
    }
    let (merged_into, merged_from) = units::links(&mut tx, unit).await?;
    let is_commune = row.kind == UnitKind::CommuneCommittee.code();
    let (commune, areas) = match row.admin_unit_code.as_deref().filter(|_| is_commune) {
        Some(c) => (
            reference::commune(&mut tx, c).await?,
            residential::of_commune(&mut tx, c, today).await?,
        ),
        None => (None, Vec::new()),
    };
    tx.commit().await?;
    Ok(UnitView {
        day,
        unit: row,
        existed,
        breadcrumb,
        count,
        children,
        members,
        versions,
        merged_into,
        merged_from,
        commune,
        areas,
        can_manage: actor.can(Permission::ManageTree),
        can_edit_members: actor.can(Permission::EditMembers),
    })
}

/// Units of the caller's scope matching `query` (name or code), for the unit pickers of the
/// forms; `members_only` keeps cells, grassroots cells and party groups.
pub async fn units_for_picker(
    app: &App,
    actor: &Actor,
    query: &str,
    members_only: bool,
) -> Result<Vec<UnitRow>, AppError> {
    let Some(prefix) = actor.scope.unit_prefix() else {
        return Ok(Vec::new());
    };
    if !actor.can(Permission::ViewUnits) {
        return Ok(Vec::new());
    }
    let range = prefix_range(prefix);
    let mut tx = app.db.read().await?;
    let mut rows = units::search_on(&mut tx, clock::today(), &range, query, None, 200).await?;
    tx.commit().await?;
    if members_only {
        rows.retain(|r| r.kind().is_ok_and(UnitKind::holds_members));
    }
    Ok(rows)
}
