//! What a unit is: its stable code, its kind (interchange units.csv `kind`) and its name.

use serde::{Deserialize, Serialize};

use crate::field::Problem;
use crate::text::clean_text;

/// Kinds of party organisation, exactly as interchange v1 names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Đảng bộ tỉnh / thành phố.
    ProvinceCommittee,
    /// Đảng bộ xã / phường / đặc khu, directly under the province since 2025-07-01.
    CommuneCommittee,
    /// Đảng bộ khối cơ quan (agencies, enterprises) at province level.
    AgencyCommittee,
    /// Đảng bộ cơ sở: a grassroots organisation with subordinate cells.
    GrassrootsCommittee,
    /// Chi bộ cơ sở: a grassroots organisation that is itself a cell.
    GrassrootsCell,
    /// Chi bộ trực thuộc: a cell inside a grassroots committee.
    Cell,
    /// Tổ đảng: a group inside a cell; its members are counted by the cell above too.
    PartyGroup,
}

impl UnitKind {
    pub const ALL: &'static [UnitKind] = &[
        Self::ProvinceCommittee,
        Self::CommuneCommittee,
        Self::AgencyCommittee,
        Self::GrassrootsCommittee,
        Self::GrassrootsCell,
        Self::Cell,
        Self::PartyGroup,
    ];
    pub const CODES: &'static [&'static str] = &[
        "province_committee",
        "commune_committee",
        "agency_committee",
        "grassroots_committee",
        "grassroots_cell",
        "cell",
        "party_group",
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::ProvinceCommittee => "province_committee",
            Self::CommuneCommittee => "commune_committee",
            Self::AgencyCommittee => "agency_committee",
            Self::GrassrootsCommittee => "grassroots_committee",
            Self::GrassrootsCell => "grassroots_cell",
            Self::Cell => "cell",
            Self::PartyGroup => "party_group",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Problem> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.code() == input.trim())
            .ok_or(Problem::NotOneOf {
                allowed: Self::CODES,
            })
    }

    /// What a unit's `admin_unit_code` may name (interchange: "the province or commune where
    /// the unit sits"): a province committee's a province, a commune committee's a commune,
    /// and any other unit's either (an agency's cell sits in a province, a hamlet's in a
    /// commune).
    pub fn admin_level(self) -> AdminLevel {
        match self {
            Self::ProvinceCommittee => AdminLevel::Province,
            Self::CommuneCommittee => AdminLevel::Commune,
            _ => AdminLevel::Either,
        }
    }

    /// Members belong to cells, grassroots cells and party groups (interchange units.csv).
    pub fn holds_members(self) -> bool {
        matches!(self, Self::GrassrootsCell | Self::Cell | Self::PartyGroup)
    }

    /// Whether a unit of this kind may stand under a parent of `parent` kind (rule ORG-03:
    /// grassroots organisations sit under a level with superior powers; ORG-06: subordinate
    /// cells sit in grassroots committees and party groups in cells).
    pub fn may_be_child_of(self, parent: UnitKind) -> bool {
        use UnitKind::*;
        match self {
            ProvinceCommittee => false,
            CommuneCommittee => parent == ProvinceCommittee,
            AgencyCommittee => matches!(parent, ProvinceCommittee | AgencyCommittee),
            GrassrootsCommittee | GrassrootsCell => {
                matches!(
                    parent,
                    ProvinceCommittee | CommuneCommittee | AgencyCommittee
                )
            }
            Cell => parent == GrassrootsCommittee,
            PartyGroup => matches!(parent, Cell | GrassrootsCell),
        }
    }

    /// Whether a unit of this kind may be a root of a data set (a province, or a commune or
    /// grassroots organisation exchanged on its own). Cells and groups always have a parent.
    pub fn may_be_root(self) -> bool {
        !matches!(self, Self::Cell | Self::PartyGroup)
    }
}

/// Which administrative reference a unit's `admin_unit_code` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminLevel {
    Province,
    Commune,
    Either,
}

impl AdminLevel {
    /// Whether `code` is acceptable, given whether it is a province code and a commune code.
    pub fn accepts(self, is_province: bool, is_commune: bool) -> bool {
        match self {
            Self::Province => is_province,
            Self::Commune => is_commune,
            Self::Either => is_province || is_commune,
        }
    }

    /// The problem when it is not.
    pub fn problem(self) -> Problem {
        match self {
            Self::Province => Problem::UnknownProvince,
            Self::Commune | Self::Either => Problem::UnknownCommune,
        }
    }
}

/// A stable unit code: letters, digits, `.`, `_` and `-`, 1 to 40 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnitCode(String);

impl UnitCode {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Problem::Required);
        }
        let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
        if s.len() > 40 || !s.chars().all(ok) {
            return Err(Problem::UnitCodeFormat);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UnitCode {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        Self::parse(&s)
    }
}

impl From<UnitCode> for String {
    fn from(c: UnitCode) -> String {
        c.0
    }
}

impl std::fmt::Display for UnitCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A unit's display name in Vietnamese, 2 to 200 characters, no markup characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnitName(String);

impl UnitName {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let s = clean_text(input);
        if s.is_empty() {
            return Err(Problem::Required);
        }
        if s.chars().count() > 200 {
            return Err(Problem::TooLong { max: 200 });
        }
        if s.chars().count() < 2 || s.contains(['<', '>']) {
            return Err(Problem::NameFormat);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for UnitName {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        Self::parse(&s)
    }
}

impl From<UnitName> for String {
    fn from(n: UnitName) -> String {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for k in UnitKind::ALL {
            assert_eq!(UnitKind::parse(k.code()), Ok(*k));
        }
        assert!(UnitKind::parse("district_committee").is_err());
    }

    #[test]
    fn org_06_groups_sit_in_cells_and_cells_in_grassroots_committees() {
        assert!(UnitKind::PartyGroup.may_be_child_of(UnitKind::Cell));
        assert!(UnitKind::PartyGroup.may_be_child_of(UnitKind::GrassrootsCell));
        assert!(!UnitKind::PartyGroup.may_be_child_of(UnitKind::CommuneCommittee));
        assert!(UnitKind::Cell.may_be_child_of(UnitKind::GrassrootsCommittee));
        assert!(!UnitKind::Cell.may_be_child_of(UnitKind::CommuneCommittee));
        assert!(!UnitKind::Cell.may_be_root());
    }

    #[test]
    fn codes_are_restricted_to_safe_characters() {
        assert!(UnitCode::parse("P82-C29983_1.a").is_ok());
        assert_eq!(UnitCode::parse("a/b"), Err(Problem::UnitCodeFormat));
        assert_eq!(UnitCode::parse("a%"), Err(Problem::UnitCodeFormat));
        assert_eq!(UnitCode::parse(""), Err(Problem::Required));
    }
}
