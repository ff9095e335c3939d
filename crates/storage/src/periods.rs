//! Membership periods and the as-of questions they answer: who was in a subtree on a day, and
//! how many, counted as interchange.md says (tree as valid that day; in-transit members only
//! in the `in_transit` figure of the cell they left and the units above it).

use chibo_domain::ids::MemberId;
use chibo_domain::member::StatePeriod;
use chrono::NaiveDate;
use serde::Serialize;

use crate::db::{StorageError, Tx, on};

/// The as-of measures of interchange statistics, in their column order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Headcount {
    pub members: i64,
    pub official: i64,
    pub probationary: i64,
    pub exempted: i64,
    pub working_away: i64,
    pub in_transit: i64,
}

/// A unit's headcount, for the rows of a tree or dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct UnitHeadcount {
    pub unit_id: i64,
    #[sqlx(flatten)]
    pub count: Headcount,
}

/// A member of a subtree on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct MemberOnDay {
    pub id: i64,
    pub full_name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub card_number: Option<String>,
    pub standing: String,
    pub cell_id: i64,
    pub cell_code: String,
    pub cell_name: Option<String>,
    pub in_transit: bool,
    pub exempted: bool,
    pub working_away: bool,
    pub temp_host_id: Option<i64>,
    pub admitted_on: NaiveDate,
}

/// A probationary member of a subtree on a day, for the deadlines their probation sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ProbationerOnDay {
    pub id: i64,
    pub member_key: String,
    pub full_name: String,
    /// The cell the member belongs to on the day (the one they left, when in transit).
    pub cell_code: String,
    pub admitted_on: NaiveDate,
    pub in_transit: bool,
}

const DELETE: &str = "DELETE FROM membership_period WHERE member_id = $1";
const INSERT: &str =
    "INSERT INTO membership_period (member_id, valid_from, valid_to, standing, cell_id,
    in_transit, transit_to_id, temp_host_id, exempted, working_away, admitted_on)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
const OF_MEMBER: &str = "SELECT valid_from, valid_to, standing, cell_id, in_transit, transit_to_id,
    temp_host_id, exempted, working_away, admitted_on FROM membership_period WHERE member_id = $1
    ORDER BY valid_from";

// Periods valid on $1 whose cell lies in the subtree [$2, $3) on that day. A member in transit
// is placed by the cell they left, using its last path on or before the day if it has ended.
macro_rules! in_subtree_on_day {
    ($span:literal) => {
        concat!(
            " p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1)
              AND ",
            $span,
            ".valid_from <= $1
              AND (",
            $span,
            ".valid_to IS NULL OR ",
            $span,
            ".valid_to >= $1
                   OR (p.in_transit AND NOT EXISTS (SELECT 1 FROM unit_path z
                       WHERE z.unit_id = ",
            $span,
            ".unit_id AND z.valid_from > ",
            $span,
            ".valid_from
                         AND z.valid_from <= $1)))"
        )
    };
}
macro_rules! measures {
    () => {
        "COUNT(*) FILTER (WHERE NOT p.in_transit) AS members,
         COUNT(*) FILTER (WHERE NOT p.in_transit AND p.standing = 'official') AS official,
         COUNT(*) FILTER (WHERE NOT p.in_transit AND p.standing = 'probationary') AS probationary,
         COUNT(*) FILTER (WHERE NOT p.in_transit AND p.exempted) AS exempted,
         COUNT(*) FILTER (WHERE NOT p.in_transit AND p.working_away) AS working_away,
         COUNT(*) FILTER (WHERE p.in_transit) AS in_transit"
    };
}
const HEADCOUNT: &str = concat!(
    "SELECT ",
    measures!(),
    "
    FROM membership_period p JOIN unit_path u ON u.unit_id = p.cell_id
    WHERE u.path >= $2 AND u.path < $3 AND",
    in_subtree_on_day!("u")
);
// Each unit of depth $4 inside [$2, $3) on $1 with the headcount of its own subtree.
const HEADCOUNT_BY_UNIT: &str = concat!(
    "SELECT k.unit_id, ",
    measures!(),
    "
    FROM unit_path k
    JOIN unit_path u ON u.path >= k.path AND u.path < substr(k.path, 1, length(k.path) - 1) || '0'
    JOIN membership_period p ON p.cell_id = u.unit_id
    WHERE k.valid_from <= $1 AND (k.valid_to IS NULL OR k.valid_to >= $1)
      AND k.path >= $2 AND k.path < $3 AND k.depth = $4 AND",
    in_subtree_on_day!("u"),
    " GROUP BY k.unit_id"
);
macro_rules! members_from_where {
    () => {
        concat!(
            " FROM membership_period p
            JOIN member m ON m.id = p.member_id
            JOIN unit_path u ON u.unit_id = p.cell_id
            JOIN unit cu ON cu.id = p.cell_id
            LEFT JOIN unit_version cv ON cv.unit_id = p.cell_id
                 AND cv.valid_from <= $1 AND (cv.valid_to IS NULL OR cv.valid_to >= $1)
            WHERE u.path >= $2 AND u.path < $3 AND",
            in_subtree_on_day!("u")
        )
    };
}
const MEMBERS_ON: &str = concat!(
    "SELECT m.id, m.full_name, m.sex, m.birth_date, m.card_number, p.standing, p.cell_id,
        cu.code AS cell_code, cv.name AS cell_name, p.in_transit, p.exempted, p.working_away,
        p.temp_host_id, p.admitted_on",
    members_from_where!(),
    " ORDER BY p.in_transit, m.sort_key, m.id LIMIT $4 OFFSET $5"
);
// Probationary members of the subtree on the day, in transit or not (a member in transit is
// placed by the cell they left).
const PROBATIONERS_ON: &str = concat!(
    "SELECT m.id, m.member_key, m.full_name, cu.code AS cell_code, p.admitted_on, p.in_transit",
    members_from_where!(),
    " AND p.standing = 'probationary' ORDER BY p.admitted_on, cu.code, m.member_key"
);
// Members of the subtree on the day for the early warning: not in transit, by cell and key.
const WATCHED_ON: &str = concat!(
    "SELECT m.id, m.member_key, m.full_name, cu.code AS cell_code, m.admitted_on, m.left_on",
    members_from_where!(),
    " AND NOT p.in_transit ORDER BY cu.code, m.member_key"
);
const MEMBERS_ON_COUNT: &str = concat!("SELECT COUNT(*)", members_from_where!());

#[derive(sqlx::FromRow)]
struct PeriodRow {
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    standing: String,
    cell_id: i64,
    in_transit: bool,
    transit_to_id: Option<i64>,
    temp_host_id: Option<i64>,
    exempted: bool,
    working_away: bool,
    admitted_on: NaiveDate,
}

/// Rewrites a member's periods (derived data, rebuilt from the history on every change).
pub async fn replace(
    tx: &mut Tx,
    member: MemberId,
    periods: &[StatePeriod],
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(DELETE).bind(member.0).execute(c).await.map(|r| r.rows_affected()))?;
    for p in periods {
        on!(tx, c => sqlx::query(INSERT)
            .bind(member.0).bind(p.valid_from).bind(p.valid_to).bind(p.standing.code()).bind(p.cell.0)
            .bind(p.in_transit).bind(p.transit_to.map(|u| u.0)).bind(p.temp_host.map(|u| u.0))
            .bind(p.exempted).bind(p.working_away).bind(p.admitted_on)
            .execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// The stored periods of a member, for `chibo check`.
pub async fn of_member(tx: &mut Tx, member: MemberId) -> Result<Vec<StatePeriod>, StorageError> {
    use chibo_domain::ids::UnitId;
    use chibo_domain::member::Standing;
    let rows: Vec<PeriodRow> =
        on!(tx, c => sqlx::query_as(OF_MEMBER).bind(member.0).fetch_all(c).await)?;
    rows.into_iter()
        .map(|r| {
            let standing = match r.standing.as_str() {
                "official" => Standing::Official,
                "probationary" => Standing::Probationary,
                other => return Err(StorageError::corrupt(format!("standing {other}"))),
            };
            Ok(StatePeriod {
                valid_from: r.valid_from,
                valid_to: r.valid_to,
                standing,
                cell: UnitId(r.cell_id),
                in_transit: r.in_transit,
                transit_to: r.transit_to_id.map(UnitId),
                temp_host: r.temp_host_id.map(UnitId),
                exempted: r.exempted,
                working_away: r.working_away,
                admitted_on: r.admitted_on,
            })
        })
        .collect()
}

/// The headcount of the subtree `[lo, hi)` on `day`.
pub async fn headcount(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Headcount, StorageError> {
    Ok(
        on!(tx, c => sqlx::query_as(HEADCOUNT).bind(day).bind(&range.0).bind(&range.1).fetch_one(c).await)?,
    )
}

/// The headcount of every unit of `depth` inside `[lo, hi)` on `day` (the children of the
/// unit whose subtree that is); units with nobody are left out.
pub async fn headcounts_by_unit(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
    depth: i64,
) -> Result<Vec<UnitHeadcount>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(HEADCOUNT_BY_UNIT)
        .bind(day).bind(&range.0).bind(&range.1).bind(depth)
        .fetch_all(c).await)?)
}

/// Members of the subtree `[lo, hi)` on `day`, those in transit last; and how many in all.
pub async fn members_on(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
    limit: i64,
    offset: i64,
) -> Result<(Vec<MemberOnDay>, i64), StorageError> {
    let rows = on!(tx, c => sqlx::query_as(MEMBERS_ON)
        .bind(day).bind(&range.0).bind(&range.1).bind(limit).bind(offset)
        .fetch_all(c).await)?;
    let total: i64 = on!(tx, c => sqlx::query_scalar(MEMBERS_ON_COUNT)
        .bind(day).bind(&range.0).bind(&range.1)
        .fetch_one(c).await)?;
    Ok((rows, total))
}

/// A member watched by the early warning (REM-02, REM-03).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct WatchedMember {
    pub id: i64,
    pub member_key: String,
    pub full_name: String,
    pub cell_code: String,
    pub admitted_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

/// Members of the subtree `[lo, hi)` on `day` who are not in transit, by cell code and key.
pub async fn watched_on(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<WatchedMember>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(WATCHED_ON)
        .bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?)
}

/// Probationary members of the subtree `[lo, hi)` on `day` (those in transit under the cell
/// they left), by admission date, cell code and member key.
pub async fn probationers_on(
    tx: &mut Tx,
    day: NaiveDate,
    range: &(String, String),
) -> Result<Vec<ProbationerOnDay>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(PROBATIONERS_ON)
        .bind(day).bind(&range.0).bind(&range.1)
        .fetch_all(c).await)?)
}

const STANDING_ON: &str = "SELECT standing, cell_id FROM membership_period \
     WHERE member_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2)";

/// A member's standing and cell on `day`; `None` when not a member then.
pub async fn standing_on(
    tx: &mut Tx,
    member: MemberId,
    day: NaiveDate,
) -> Result<Option<(chibo_domain::member::Standing, chibo_domain::ids::UnitId)>, StorageError> {
    use chibo_domain::member::Standing;
    let row: Option<(String, i64)> =
        on!(tx, c => sqlx::query_as(STANDING_ON).bind(member.0).bind(day).fetch_optional(c).await)?;
    let Some((code, cell)) = row else {
        return Ok(None);
    };
    let standing = match code.as_str() {
        "official" => Standing::Official,
        "probationary" => Standing::Probationary,
        other => return Err(StorageError::corrupt(format!("standing {other}"))),
    };
    Ok(Some((standing, chibo_domain::ids::UnitId(cell))))
}
