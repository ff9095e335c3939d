//! The member registry: each person's profile and the projection of their history (the
//! state after all events), written in the same transaction as the events.

use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::member::MemberState;
use chibo_domain::person::MemberProfile;
use chibo_domain::text::{name_sort_key, search_key};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::db::{StorageError, Tx, on, unique};

/// Everything stored about a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub member_key: String,
    pub full_name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub citizen_id: Option<String>,
    pub card_number: Option<String>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<String>,
    pub professional_level: Option<String>,
    pub political_theory: Option<String>,
    pub occupation: Option<String>,
    pub residence_admin_code: Option<String>,
    pub residential_area_id: Option<i64>,
    pub hometown: Option<String>,
    pub current_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub biography_number: Option<String>,
    pub status: String,
    pub cell_id: i64,
    pub in_transit: bool,
    pub transit_since: Option<NaiveDate>,
    pub transit_to_id: Option<i64>,
    pub temp_host_id: Option<i64>,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
    pub recognized_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl MemberRow {
    pub fn member(&self) -> MemberId {
        MemberId(self.id)
    }
}

/// A line of a member list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct MemberSummary {
    pub id: i64,
    pub member_key: String,
    pub full_name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub card_number: Option<String>,
    pub status: String,
    pub cell_id: i64,
    pub cell_code: String,
    pub cell_name: Option<String>,
    pub in_transit: bool,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
}

/// The projected state columns, as `chibo check` compares them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StateColumns {
    pub status: String,
    pub cell_id: i64,
    pub in_transit: bool,
    pub transit_since: Option<NaiveDate>,
    pub transit_to_id: Option<i64>,
    pub temp_host_id: Option<i64>,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
    pub recognized_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
}

impl From<&MemberState> for StateColumns {
    fn from(s: &MemberState) -> Self {
        Self {
            status: s.status.code().to_owned(),
            cell_id: s.cell.0,
            in_transit: s.transit.is_some(),
            transit_since: s.transit.map(|t| t.since),
            transit_to_id: s.transit.and_then(|t| t.destination).map(|u| u.0),
            temp_host_id: s.temp_host.map(|u| u.0),
            exempted: s.exempted,
            working_away: s.working_away,
            admitted_on: s.admitted_on,
            recognized_on: s.recognized_on,
            left_on: s.left_on,
        }
    }
}

const INSERT: &str =
    "INSERT INTO member (member_key, full_name, search_key, sort_key, sex, birth_date,
    citizen_id, card_number, ethnicity, religion, education, professional_level, political_theory,
    occupation, residence_admin_code, residential_area_id, hometown, current_address, phone, email,
    biography_number, status, cell_id, in_transit, transit_since, transit_to_id, temp_host_id,
    exempted, working_away, admitted_on, recognized_on, left_on, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
    $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $33)
    RETURNING id";
const UPDATE_PROFILE: &str = "UPDATE member SET full_name = $2, search_key = $3, sort_key = $4,
    sex = $5, birth_date = $6, citizen_id = $7, card_number = $8, ethnicity = $9, religion = $10,
    education = $11, professional_level = $12, political_theory = $13, occupation = $14,
    residence_admin_code = $15, residential_area_id = $16, hometown = $17, current_address = $18,
    phone = $19, email = $20, biography_number = $21, updated_at = $22
    WHERE id = $1";
const UPDATE_STATE: &str = "UPDATE member SET status = $2, cell_id = $3, in_transit = $4,
    transit_since = $5, transit_to_id = $6, temp_host_id = $7, exempted = $8, working_away = $9,
    admitted_on = $10, recognized_on = $11, left_on = $12, updated_at = $13
    WHERE id = $1";
const GET: &str = "SELECT id, member_key, full_name, sex, birth_date, citizen_id, card_number,
    ethnicity, religion, education, professional_level, political_theory, occupation,
    residence_admin_code, residential_area_id, hometown, current_address, phone, email,
    biography_number, status, cell_id, in_transit, transit_since, transit_to_id, temp_host_id,
    exempted, working_away, admitted_on, recognized_on, left_on, created_at, updated_at
    FROM member WHERE id = $1";
const ID_BY_KEY: &str = "SELECT id FROM member WHERE member_key = $1";
const STATE: &str =
    "SELECT status, cell_id, in_transit, transit_since, transit_to_id, temp_host_id,
    exempted, working_away, admitted_on, recognized_on, left_on FROM member WHERE id = $1";
const IDS_AFTER: &str = "SELECT id FROM member WHERE id > $1 ORDER BY id LIMIT $2";
const COUNT: &str = "SELECT COUNT(*) FROM member";

// Members inside the caller's scope in whose name every token starts a word (or whose
// citizen ID or card number is the query). Scope: everything, one member, or a subtree by the path the
// record's cell has today (or last had), or the path of a transfer's destination.
macro_rules! search_from_where {
    () => {
        " FROM member m
        JOIN unit cu ON cu.id = m.cell_id
        LEFT JOIN unit_version cv ON cv.unit_id = m.cell_id
             AND cv.valid_from <= $1 AND (cv.valid_to IS NULL OR cv.valid_to >= $1)
        WHERE ($2
            OR m.id = $3
            OR EXISTS (SELECT 1 FROM unit_path p WHERE p.unit_id = m.cell_id AND p.path >= $4 AND p.path < $5
                AND p.valid_from = (SELECT MAX(x.valid_from) FROM unit_path x WHERE x.unit_id = m.cell_id AND x.valid_from <= $1))
            OR EXISTS (SELECT 1 FROM unit_path p WHERE p.unit_id = m.transit_to_id AND p.path >= $4 AND p.path < $5
                AND p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to >= $1)))
          AND (((' ' || m.search_key) LIKE ('% ' || $6 || '%') AND (' ' || m.search_key) LIKE ('% ' || $7 || '%')
                AND (' ' || m.search_key) LIKE ('% ' || $8 || '%') AND (' ' || m.search_key) LIKE ('% ' || $9 || '%'))
               OR m.citizen_id = $10 OR m.card_number = $10)
          AND ($11 OR m.status IN ('probationary', 'official'))"
    };
}
const SEARCH: &str = concat!(
    "SELECT m.id, m.member_key, m.full_name, m.sex, m.birth_date, m.card_number, m.status,
        m.cell_id, cu.code AS cell_code, cv.name AS cell_name, m.in_transit, m.exempted,
        m.working_away, m.admitted_on",
    search_from_where!(),
    " ORDER BY m.sort_key, m.id LIMIT $12 OFFSET $13"
);
const SEARCH_COUNT: &str = concat!("SELECT COUNT(*)", search_from_where!());

/// Who a search may return.
#[derive(Debug, Clone)]
pub enum Visible {
    Everything,
    /// The subtree `[lo, hi)` of today's tree.
    Subtree(String, String),
    One(MemberId),
    Nothing,
}

/// A member search.
#[derive(Debug, Clone)]
pub struct Search<'a> {
    pub today: NaiveDate,
    pub visible: &'a Visible,
    pub query: &'a str,
    pub include_former: bool,
    pub limit: i64,
    pub offset: i64,
}

/// Up to four folded words, each of which must begin a word of the name ("an" finds An and
/// Anh, not Văn); longer queries fold the rest into the fourth, so `nguyen van an` and
/// `Nguyễn Văn An` both find "Nguyễn Văn An".
fn tokens(query: &str) -> [String; 4] {
    let key = search_key(query);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: [String; 4] = Default::default();
    for (i, w) in words.iter().enumerate() {
        let slot = i.min(3);
        if !out[slot].is_empty() {
            out[slot].push(' ');
        }
        out[slot].push_str(w);
    }
    out
}

pub async fn search(
    tx: &mut Tx,
    s: &Search<'_>,
) -> Result<(Vec<MemberSummary>, i64), StorageError> {
    let (all, one, lo, hi) = match s.visible {
        Visible::Everything => (true, 0, String::new(), String::new()),
        Visible::Subtree(lo, hi) => (false, 0, lo.clone(), hi.clone()),
        Visible::One(m) => (false, m.0, String::new(), String::new()),
        Visible::Nothing => return Ok((Vec::new(), 0)),
    };
    let [t1, t2, t3, t4] = tokens(s.query);
    let raw: String = s.query.chars().filter(|c| !c.is_whitespace()).collect();
    let rows = on!(tx, c => sqlx::query_as(SEARCH)
        .bind(s.today).bind(all).bind(one).bind(&lo).bind(&hi)
        .bind(&t1).bind(&t2).bind(&t3).bind(&t4).bind(&raw).bind(s.include_former)
        .bind(s.limit).bind(s.offset)
        .fetch_all(c).await)?;
    let total: i64 = on!(tx, c => sqlx::query_scalar(SEARCH_COUNT)
        .bind(s.today).bind(all).bind(one).bind(&lo).bind(&hi)
        .bind(&t1).bind(&t2).bind(&t3).bind(&t4).bind(&raw).bind(s.include_former)
        .fetch_one(c).await)?;
    Ok((rows, total))
}

/// Inserts a member with their profile and current state; `UniqueViolation` when the key,
/// citizen ID or card number is taken.
pub async fn insert(
    tx: &mut Tx,
    member_key: &str,
    p: &MemberProfile,
    residential_area: Option<i64>,
    state: &MemberState,
    at: DateTime<Utc>,
) -> Result<MemberId, StorageError> {
    let s = StateColumns::from(state);
    let name = p.full_name.as_str();
    let id: i64 = on!(tx, c => sqlx::query_scalar(INSERT)
        .bind(member_key).bind(name).bind(search_key(name)).bind(name_sort_key(name))
        .bind(p.sex.code()).bind(p.birth_date)
        .bind(p.citizen_id.as_ref().map(|v| v.as_str())).bind(p.card_number.as_ref().map(|v| v.as_str()))
        .bind(&p.ethnicity).bind(&p.religion).bind(&p.education)
        .bind(p.professional_level.map(|l| l.code())).bind(p.political_theory.map(|l| l.code()))
        .bind(&p.occupation).bind(&p.residence_admin_code).bind(residential_area)
        .bind(&p.hometown).bind(&p.current_address)
        .bind(p.phone.as_ref().map(|v| v.as_str())).bind(p.email.as_ref().map(|v| v.as_str()))
        .bind(&p.biography_number)
        .bind(&s.status).bind(s.cell_id).bind(s.in_transit).bind(s.transit_since).bind(s.transit_to_id)
        .bind(s.temp_host_id).bind(s.exempted).bind(s.working_away).bind(s.admitted_on)
        .bind(s.recognized_on).bind(s.left_on).bind(at)
        .fetch_one(c).await)
    .map_err(unique)?;
    Ok(MemberId(id))
}

pub async fn update_profile(
    tx: &mut Tx,
    id: MemberId,
    p: &MemberProfile,
    residential_area: Option<i64>,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let name = p.full_name.as_str();
    on!(tx, c => sqlx::query(UPDATE_PROFILE)
        .bind(id.0).bind(name).bind(search_key(name)).bind(name_sort_key(name))
        .bind(p.sex.code()).bind(p.birth_date)
        .bind(p.citizen_id.as_ref().map(|v| v.as_str())).bind(p.card_number.as_ref().map(|v| v.as_str()))
        .bind(&p.ethnicity).bind(&p.religion).bind(&p.education)
        .bind(p.professional_level.map(|l| l.code())).bind(p.political_theory.map(|l| l.code()))
        .bind(&p.occupation).bind(&p.residence_admin_code).bind(residential_area)
        .bind(&p.hometown).bind(&p.current_address)
        .bind(p.phone.as_ref().map(|v| v.as_str())).bind(p.email.as_ref().map(|v| v.as_str()))
        .bind(&p.biography_number).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))
    .map_err(unique)?;
    Ok(())
}

/// Writes the projected state of a member.
pub async fn update_state(
    tx: &mut Tx,
    id: MemberId,
    s: &StateColumns,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    on!(tx, c => sqlx::query(UPDATE_STATE)
        .bind(id.0).bind(&s.status).bind(s.cell_id).bind(s.in_transit).bind(s.transit_since)
        .bind(s.transit_to_id).bind(s.temp_host_id).bind(s.exempted).bind(s.working_away)
        .bind(s.admitted_on).bind(s.recognized_on).bind(s.left_on).bind(at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: MemberId) -> Result<Option<MemberRow>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(GET).bind(id.0).fetch_optional(c).await)?)
}

pub async fn id_by_key(tx: &mut Tx, key: &str) -> Result<Option<MemberId>, StorageError> {
    let id: Option<i64> =
        on!(tx, c => sqlx::query_scalar(ID_BY_KEY).bind(key).fetch_optional(c).await)?;
    Ok(id.map(MemberId))
}

pub async fn state(tx: &mut Tx, id: MemberId) -> Result<Option<StateColumns>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(STATE).bind(id.0).fetch_optional(c).await)?)
}

/// Member ids in order, a batch at a time, for whole-registry passes such as `chibo check`.
pub async fn ids_after(tx: &mut Tx, after: i64, limit: i64) -> Result<Vec<MemberId>, StorageError> {
    let ids: Vec<i64> =
        on!(tx, c => sqlx::query_scalar(IDS_AFTER).bind(after).bind(limit).fetch_all(c).await)?;
    Ok(ids.into_iter().map(MemberId).collect())
}

pub async fn count(tx: &mut Tx) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(COUNT).fetch_one(c).await)?)
}

/// The units that place a member in a scope: the record's cell and, during a transfer, its
/// destination.
pub fn placing_units(row: &MemberRow) -> Vec<UnitId> {
    let mut units = vec![UnitId(row.cell_id)];
    if row.in_transit {
        units.extend(row.transit_to_id.map(UnitId));
    }
    units
}

const CURRENT_IN_CELL: &str = "SELECT COUNT(*) FROM member
    WHERE cell_id = $1 AND status IN ('probationary', 'official') AND NOT in_transit";
const CURRENT_IDS_IN_CELL: &str = "SELECT id FROM member
    WHERE cell_id = $1 AND status IN ('probationary', 'official') AND NOT in_transit ORDER BY id";

/// Members whose record is in the cell today (not counting those in transit from it).
pub async fn current_in_cell(tx: &mut Tx, cell: UnitId) -> Result<i64, StorageError> {
    Ok(on!(tx, c => sqlx::query_scalar(CURRENT_IN_CELL).bind(cell.0).fetch_one(c).await)?)
}

pub async fn current_ids_in_cell(tx: &mut Tx, cell: UnitId) -> Result<Vec<MemberId>, StorageError> {
    let ids: Vec<i64> =
        on!(tx, c => sqlx::query_scalar(CURRENT_IDS_IN_CELL).bind(cell.0).fetch_all(c).await)?;
    Ok(ids.into_iter().map(MemberId).collect())
}

const ID_BY_CITIZEN_ID: &str = "SELECT id FROM member WHERE citizen_id = $1";
const ID_BY_CARD: &str = "SELECT id FROM member WHERE card_number = $1";

/// The member holding a citizen ID, if any.
pub async fn id_by_citizen_id(
    tx: &mut Tx,
    citizen_id: &str,
) -> Result<Option<MemberId>, StorageError> {
    let id: Option<i64> = on!(tx, c => sqlx::query_scalar(ID_BY_CITIZEN_ID).bind(citizen_id).fetch_optional(c).await)?;
    Ok(id.map(MemberId))
}

/// The member holding a party card number, if any.
pub async fn id_by_card_number(tx: &mut Tx, card: &str) -> Result<Option<MemberId>, StorageError> {
    let id: Option<i64> =
        on!(tx, c => sqlx::query_scalar(ID_BY_CARD).bind(card).fetch_optional(c).await)?;
    Ok(id.map(MemberId))
}

const ALL_KEYS: &str = "SELECT member_key, citizen_id, card_number FROM member";

/// Every member's key, citizen ID and card number (imports refuse ones already taken).
pub async fn all_keys(
    tx: &mut Tx,
) -> Result<Vec<(String, Option<String>, Option<String>)>, StorageError> {
    Ok(on!(tx, c => sqlx::query_as(ALL_KEYS).fetch_all(c).await)?)
}

#[cfg(test)]
mod tests {
    use super::tokens;

    #[test]
    fn queries_fold_into_at_most_four_tokens() {
        assert_eq!(
            tokens("Nguyễn Văn An"),
            [
                "nguyen".to_owned(),
                "van".into(),
                "an".into(),
                String::new()
            ]
        );
        assert_eq!(
            tokens("a b c d e"),
            ["a".to_owned(), "b".into(), "c".into(), "d e".into()]
        );
        assert_eq!(tokens(""), <[String; 4]>::default());
    }
}
