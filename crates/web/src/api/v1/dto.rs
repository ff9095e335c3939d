//! The shapes of API requests and responses: the public contract, kept apart from storage
//! rows so the database can change without breaking clients.

use chibo_app::members::{EventInput, EventLine, MemberView, NewMemberInput, ProfileUpdate};
use chibo_app::model::{Headcount, MemberOnDay, MemberSummary, UnitLink, UnitRow};
use chibo_app::org::{TreeRow, UnitLabel, UnitView, VersionLine};
use chibo_domain::person::ProfileInput;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// As-of measures, as interchange statistics name them.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeadcountDto {
    pub members: i64,
    pub official: i64,
    pub probationary: i64,
    pub exempted: i64,
    pub working_away: i64,
    /// Members in transit from this subtree (not inside `members`).
    pub in_transit: i64,
}

impl From<&Headcount> for HeadcountDto {
    fn from(c: &Headcount) -> Self {
        Self {
            members: c.members,
            official: c.official,
            probationary: c.probationary,
            exempted: c.exempted,
            working_away: c.working_away,
            in_transit: c.in_transit,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
    /// `province_committee`, `commune_committee`, `agency_committee`, `grassroots_committee`, `grassroots_cell`, `cell` or `party_group`.
    pub kind: String,
}

impl From<&UnitLabel> for UnitRef {
    fn from(l: &UnitLabel) -> Self {
        Self {
            code: l.code.clone(),
            name: l.name.clone(),
            kind: l.kind.clone(),
        }
    }
}

/// A unit as it stood on a day (one version).
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitDto {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub admin_unit_code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl From<&UnitRow> for UnitDto {
    fn from(r: &UnitRow) -> Self {
        Self {
            code: r.code.clone(),
            name: r.name.clone(),
            kind: r.kind.clone(),
            admin_unit_code: r.admin_unit_code.clone(),
            valid_from: r.valid_from,
            valid_to: r.valid_to,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitCountDto {
    pub unit: UnitDto,
    pub headcount: HeadcountDto,
    /// Units directly under it on the day.
    pub children: i64,
}

impl From<&TreeRow> for UnitCountDto {
    fn from(r: &TreeRow) -> Self {
        Self {
            unit: UnitDto::from(&r.unit),
            headcount: HeadcountDto::from(&r.count),
            children: r.children,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionDto {
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub name: String,
    pub kind: String,
    pub parent: Option<UnitRef>,
}

impl From<&VersionLine> for VersionDto {
    fn from(v: &VersionLine) -> Self {
        Self {
            valid_from: v.version.valid_from,
            valid_to: v.version.valid_to,
            name: v.version.name.clone(),
            kind: v.version.kind.clone(),
            parent: v.parent.as_ref().map(UnitRef::from),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkDto {
    pub code: String,
    pub kind: String,
    pub effective_on: NaiveDate,
}

impl From<&UnitLink> for LinkDto {
    fn from(l: &UnitLink) -> Self {
        Self {
            code: l.other_code.clone(),
            kind: l.kind.clone(),
            effective_on: l.effective_on,
        }
    }
}

/// A member of a subtree on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOnDayDto {
    pub id: i64,
    pub full_name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub card_number: Option<String>,
    /// `official` or `probationary`.
    pub status: String,
    pub cell_code: String,
    pub cell_name: Option<String>,
    pub in_transit: bool,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
}

impl From<&MemberOnDay> for MemberOnDayDto {
    fn from(m: &MemberOnDay) -> Self {
        Self {
            id: m.id,
            full_name: m.full_name.clone(),
            sex: m.sex.clone(),
            birth_date: m.birth_date,
            card_number: m.card_number.clone(),
            status: m.standing.clone(),
            cell_code: m.cell_code.clone(),
            cell_name: m.cell_name.clone(),
            in_transit: m.in_transit,
            exempted: m.exempted,
            working_away: m.working_away,
            admitted_on: m.admitted_on,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MembersOnDayPage {
    pub items: Vec<MemberOnDayDto>,
    pub total: i64,
    pub page: i64,
    pub size: i64,
}

/// A unit on a day, with its place in the tree, counts, units under it and members.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitDetailDto {
    pub day: NaiveDate,
    pub unit: UnitDto,
    /// False when the unit did not exist on `day` (then `unit` is its nearest version).
    pub existed: bool,
    pub ancestors: Vec<UnitRef>,
    pub headcount: HeadcountDto,
    pub children: Vec<UnitCountDto>,
    /// Absent when the caller may not see member lists.
    pub members: Option<MembersOnDayPage>,
    pub versions: Vec<VersionDto>,
    pub merged_into: Vec<LinkDto>,
    pub merged_from: Vec<LinkDto>,
}

impl From<&UnitView> for UnitDetailDto {
    fn from(v: &UnitView) -> Self {
        Self {
            day: v.day,
            unit: UnitDto::from(&v.unit),
            existed: v.existed,
            ancestors: v.breadcrumb.iter().map(UnitRef::from).collect(),
            headcount: HeadcountDto::from(&v.count),
            children: v.children.iter().map(UnitCountDto::from).collect(),
            members: v.members.as_ref().map(|m| MembersOnDayPage {
                items: m.items.iter().map(MemberOnDayDto::from).collect(),
                total: m.total,
                page: m.page.number,
                size: m.page.size,
            }),
            versions: v.versions.iter().map(VersionDto::from).collect(),
            merged_into: v.merged_into.iter().map(LinkDto::from).collect(),
            merged_from: v.merged_from.iter().map(LinkDto::from).collect(),
        }
    }
}

/// A line of a member list.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberSummaryDto {
    pub id: i64,
    pub member_key: String,
    pub full_name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub card_number: Option<String>,
    /// `probationary`, `official`, or how membership ended (`removed`, `expelled`, `resigned`, `deceased`, `not_recognized`).
    pub status: String,
    pub cell_code: String,
    pub cell_name: Option<String>,
    pub in_transit: bool,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
}

impl From<&MemberSummary> for MemberSummaryDto {
    fn from(m: &MemberSummary) -> Self {
        Self {
            id: m.id,
            member_key: m.member_key.clone(),
            full_name: m.full_name.clone(),
            sex: m.sex.clone(),
            birth_date: m.birth_date,
            card_number: m.card_number.clone(),
            status: m.status.clone(),
            cell_code: m.cell_code.clone(),
            cell_name: m.cell_name.clone(),
            in_transit: m.in_transit,
            exempted: m.exempted,
            working_away: m.working_away,
            admitted_on: m.admitted_on,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberPage {
    pub items: Vec<MemberSummaryDto>,
    pub total: i64,
    pub page: i64,
    pub size: i64,
}

/// One entry of a member's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    pub id: i64,
    pub seq: i64,
    /// An interchange event kind, or `void` for a correction.
    pub kind: String,
    pub effective_on: NaiveDate,
    pub unit: Option<UnitRef>,
    pub decision_ref: Option<String>,
    pub reason: Option<String>,
    /// For a correction: the entry it voids.
    pub voids_event_id: Option<i64>,
    /// The correction that voided this entry, if any.
    pub voided_by: Option<i64>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<String>,
}

impl From<&EventLine> for EventDto {
    fn from(e: &EventLine) -> Self {
        Self {
            id: e.row.id,
            seq: e.row.seq,
            kind: e.row.kind.clone(),
            effective_on: e.row.effective_on,
            unit: e.unit.as_ref().map(UnitRef::from),
            decision_ref: e.row.decision_ref.clone(),
            reason: e.row.reason.clone(),
            voids_event_id: e.row.voids_event_id,
            voided_by: e.voided_by,
            recorded_at: e.row.recorded_at,
            recorded_by: e.row.recorded_by_name.clone(),
        }
    }
}

/// A member's full record.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
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
    pub cell: UnitRef,
    pub in_transit: bool,
    pub transit_to: Option<UnitRef>,
    pub temp_host: Option<UnitRef>,
    pub exempted: bool,
    pub working_away: bool,
    pub admitted_on: NaiveDate,
    pub recognized_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub age_years: u32,
    pub party_age_years: Option<u32>,
    pub events: Vec<EventDto>,
}

impl From<&MemberView> for MemberDto {
    fn from(v: &MemberView) -> Self {
        let r = &v.row;
        Self {
            id: r.id,
            member_key: r.member_key.clone(),
            full_name: r.full_name.clone(),
            sex: r.sex.clone(),
            birth_date: r.birth_date,
            citizen_id: r.citizen_id.clone(),
            card_number: r.card_number.clone(),
            ethnicity: r.ethnicity.clone(),
            religion: r.religion.clone(),
            education: r.education.clone(),
            professional_level: r.professional_level.clone(),
            political_theory: r.political_theory.clone(),
            occupation: r.occupation.clone(),
            residence_admin_code: r.residence_admin_code.clone(),
            residential_area_id: r.residential_area_id,
            hometown: r.hometown.clone(),
            current_address: r.current_address.clone(),
            phone: r.phone.clone(),
            email: r.email.clone(),
            biography_number: r.biography_number.clone(),
            status: r.status.clone(),
            cell: UnitRef::from(&v.cell),
            in_transit: r.in_transit,
            transit_to: v.transit_to.as_ref().map(UnitRef::from),
            temp_host: v.temp_host.as_ref().map(UnitRef::from),
            exempted: r.exempted,
            working_away: r.working_away,
            admitted_on: r.admitted_on,
            recognized_on: r.recognized_on,
            left_on: r.left_on,
            age_years: v.age_years,
            party_age_years: v.party_age_years,
            events: v.events.iter().map(EventDto::from).collect(),
        }
    }
}

/// A person's particulars as sent. Dates as `dd/mm/yyyy` or `yyyy-mm-dd`.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProfileBody {
    pub full_name: Option<String>,
    /// `M` or `F`.
    pub sex: Option<String>,
    pub birth_date: Option<String>,
    /// 12 digits.
    pub citizen_id: Option<String>,
    /// Official members only.
    pub card_number: Option<String>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<String>,
    /// `trung_cap`, `cao_dang`, `dai_hoc`, `thac_si` or `tien_si`.
    pub professional_level: Option<String>,
    /// `so_cap`, `trung_cap`, `cao_cap` or `cu_nhan`.
    pub political_theory: Option<String>,
    pub occupation: Option<String>,
    /// Commune code of the 2025 reference list.
    pub residence_admin_code: Option<String>,
    pub residential_area_id: Option<i64>,
    pub hometown: Option<String>,
    pub current_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub biography_number: Option<String>,
}

impl ProfileBody {
    pub fn into_input(self) -> (ProfileInput, Option<String>) {
        let area = self.residential_area_id.map(|a| a.to_string());
        let p = ProfileInput {
            full_name: self.full_name,
            sex: self.sex,
            birth_date: self.birth_date,
            citizen_id: self.citizen_id,
            card_number: self.card_number,
            ethnicity: self.ethnicity,
            religion: self.religion,
            education: self.education,
            professional_level: self.professional_level,
            political_theory: self.political_theory,
            occupation: self.occupation,
            residence_admin_code: self.residence_admin_code,
            hometown: self.hometown,
            current_address: self.current_address,
            phone: self.phone,
            email: self.email,
            biography_number: self.biography_number,
        };
        (p, area)
    }

    pub fn into_update(self) -> ProfileUpdate {
        let (profile, residential_area_id) = self.into_input();
        ProfileUpdate {
            profile,
            residential_area_id,
        }
    }
}

/// A new member: particulars and admission (and recognition, for someone long official).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct MemberCreate {
    #[serde(flatten)]
    pub profile: ProfileBody,
    /// Generated when absent.
    pub member_key: Option<String>,
    /// The admitting cell.
    pub cell_code: String,
    pub admitted_on: String,
    pub recognized_on: Option<String>,
    pub decision_ref: Option<String>,
}

impl MemberCreate {
    pub fn into_input(self) -> NewMemberInput {
        let (profile, residential_area_id) = self.profile.into_input();
        NewMemberInput {
            profile,
            member_key: self.member_key,
            residential_area_id,
            cell_code: self.cell_code,
            admitted_on: self.admitted_on,
            recognized_on: self.recognized_on,
            decision_ref: self.decision_ref,
        }
    }
}

/// A life-cycle event to record.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct EventCreate {
    /// An interchange event kind, e.g. `recognized`, `transfer_out`.
    pub kind: String,
    /// Effective date.
    pub on: String,
    /// Required for `admitted`, `transfer_in`, `temp_out`; optional for `transfer_out`; otherwise absent.
    pub unit_code: Option<String>,
    pub decision_ref: Option<String>,
    pub reason: Option<String>,
}

impl From<EventCreate> for EventInput {
    fn from(e: EventCreate) -> Self {
        Self {
            kind: e.kind,
            on: e.on,
            unit_code: e.unit_code,
            decision_ref: e.decision_ref,
            reason: e.reason,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct VoidBody {
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UnitCreate {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub parent_code: Option<String>,
    pub admin_unit_code: Option<String>,
    pub valid_from: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UnitRename {
    pub name: String,
    pub on: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UnitMove {
    pub parent_code: String,
    pub on: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UnitMerge {
    pub into_code: String,
    pub on: String,
    pub decision_ref: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UnitDissolve {
    pub on: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedMember {
    pub id: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedUnit {
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MergeResult {
    pub members_moved: usize,
    pub units_moved: usize,
}

/// `?on=` a day (`dd/mm/yyyy` or `yyyy-mm-dd`; today when absent) and `?page=`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct DayParams {
    pub on: Option<String>,
    pub page: Option<i64>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct MemberParams {
    /// Name (diacritics optional), citizen ID or card number.
    pub q: String,
    /// Include people who have left the party.
    pub former: bool,
    pub page: Option<i64>,
    /// 1 to 500, default 50.
    pub size: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResult {
    pub members: Vec<MemberSummaryDto>,
    pub units: Vec<UnitDto>,
}
