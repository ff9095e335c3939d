//! Interchange v1 (shared/domain/interchange.md): the three CSV files that move a registry in
//! and out of Chibo, as raw records (every cell a string, as in the file; empty optional cells
//! are `None`). Parsing them into validated types happens where they are imported.

use serde::{Deserialize, Serialize};

pub const UNITS_FILE: &str = "units.csv";
pub const MEMBERS_FILE: &str = "members.csv";
pub const EVENTS_FILE: &str = "events.csv";

/// Columns of units.csv, in the order Chibo writes them.
pub const UNIT_COLUMNS: &[&str] = &[
    "code",
    "parent_code",
    "name",
    "kind",
    "admin_unit_code",
    "valid_from",
    "valid_to",
];
/// Columns of members.csv, in the order Chibo writes them.
pub const MEMBER_COLUMNS: &[&str] = &[
    "member_key",
    "full_name",
    "sex",
    "birth_date",
    "citizen_id",
    "card_number",
    "ethnicity",
    "religion",
    "education",
    "professional_level",
    "political_theory",
    "occupation",
    "residence_admin_code",
    "phone",
    "email",
];
/// Columns of events.csv, in the order Chibo writes them.
pub const EVENT_COLUMNS: &[&str] = &[
    "member_key",
    "date",
    "kind",
    "unit_code",
    "decision_ref",
    "reason",
];

/// Required columns of each file (the others are optional and may be absent).
pub const UNIT_REQUIRED: &[&str] = &["code", "name", "kind", "valid_from"];
pub const MEMBER_REQUIRED: &[&str] = &["member_key", "full_name", "sex", "birth_date"];
pub const EVENT_REQUIRED: &[&str] = &["member_key", "date", "kind"];

/// One row of units.csv: one version of a unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRecord {
    pub code: String,
    pub parent_code: Option<String>,
    pub name: String,
    pub kind: String,
    pub admin_unit_code: Option<String>,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
    pub valid_to: Option<String>,
}

/// One row of members.csv: a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRecord {
    pub member_key: String,
    pub full_name: String,
    /// `M` or `F`.
    pub sex: String,
    pub birth_date: String,
    pub citizen_id: Option<String>,
    pub card_number: Option<String>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<String>,
    pub professional_level: Option<String>,
    pub political_theory: Option<String>,
    pub occupation: Option<String>,
    pub residence_admin_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// One row of events.csv: a life-cycle event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    pub member_key: String,
    /// Effective date, `YYYY-MM-DD`.
    pub date: String,
    /// An interchange event kind (`admitted`, `recognized`, …).
    pub kind: String,
    pub unit_code: Option<String>,
    pub decision_ref: Option<String>,
    pub reason: Option<String>,
}

impl UnitRecord {
    /// The cells in `UNIT_COLUMNS` order, empty for `None`.
    pub fn cells(&self) -> [&str; 7] {
        [
            &self.code,
            opt(&self.parent_code),
            &self.name,
            &self.kind,
            opt(&self.admin_unit_code),
            &self.valid_from,
            opt(&self.valid_to),
        ]
    }
}

impl MemberRecord {
    /// The cells in `MEMBER_COLUMNS` order, empty for `None`.
    pub fn cells(&self) -> [&str; 15] {
        [
            &self.member_key,
            &self.full_name,
            &self.sex,
            &self.birth_date,
            opt(&self.citizen_id),
            opt(&self.card_number),
            opt(&self.ethnicity),
            opt(&self.religion),
            opt(&self.education),
            opt(&self.professional_level),
            opt(&self.political_theory),
            opt(&self.occupation),
            opt(&self.residence_admin_code),
            opt(&self.phone),
            opt(&self.email),
        ]
    }
}

impl EventRecord {
    /// The cells in `EVENT_COLUMNS` order, empty for `None`.
    pub fn cells(&self) -> [&str; 6] {
        [
            &self.member_key,
            &self.date,
            &self.kind,
            opt(&self.unit_code),
            opt(&self.decision_ref),
            opt(&self.reason),
        ]
    }
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

/// Age bands of interchange statistics (rule STA-03), by whole years on the day.
pub const AGE_BANDS: &[&str] = &[
    "18-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56-60", "61-70", "71+",
];

/// The age band of someone `years` old; `None` under 18.
pub fn age_band(years: u32) -> Option<&'static str> {
    Some(match years {
        0..=17 => return None,
        18..=30 => "18-30",
        31..=35 => "31-35",
        36..=40 => "36-40",
        41..=45 => "41-45",
        46..=50 => "46-50",
        51..=55 => "51-55",
        56..=60 => "56-60",
        61..=70 => "61-70",
        _ => "71+",
    })
}

/// Party-age bands (whole years since admission), as the statistics issue names them.
pub const PARTY_AGE_BANDS: &[&str] = &["<5", "5-9", "10-19", "20-29", "30-39", "40-49", "50+"];

pub fn party_age_band(years: u32) -> &'static str {
    match years {
        0..=4 => "<5",
        5..=9 => "5-9",
        10..=19 => "10-19",
        20..=29 => "20-29",
        30..=39 => "30-39",
        40..=49 => "40-49",
        _ => "50+",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_follow_the_column_order() {
        assert_eq!(UNIT_COLUMNS.len(), UnitRecord::default().cells().len());
        assert_eq!(MEMBER_COLUMNS.len(), MemberRecord::default().cells().len());
        assert_eq!(EVENT_COLUMNS.len(), EventRecord::default().cells().len());
        let e = EventRecord {
            member_key: "k".into(),
            date: "2025-01-01".into(),
            kind: "recognized".into(),
            ..EventRecord::default()
        };
        assert_eq!(e.cells(), ["k", "2025-01-01", "recognized", "", "", ""]);
    }

    #[test]
    fn sta_03_bands() {
        assert_eq!(
            age_band(30),
            Some("18-30"),
            "born 1995-01-01, as of 2025-12-31"
        );
        assert_eq!(age_band(31), Some("31-35"));
        assert_eq!(age_band(70), Some("61-70"));
        assert_eq!(age_band(71), Some("71+"));
        assert_eq!(age_band(17), None);
        assert_eq!(party_age_band(4), "<5");
        assert_eq!(party_age_band(50), "50+");
    }
}
