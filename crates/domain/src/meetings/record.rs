//! MTG-06: what a meeting record holds (type, date, duration, chair, recorder, agenda,
//! attendance per member, minutes, resolution, rating) and the attendance it shows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::{MeetingGrade, MeetingParams};
use crate::field::{FieldError, FieldErrors, Problem, optional};
use crate::ids::{MemberId, UnitId};

/// Kinds of sitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// The monthly meeting of a cell (sinh hoạt chi bộ, MTG-01).
    Regular,
    /// A topic meeting on its own sitting (sinh hoạt chuyên đề, MTG-02).
    Thematic,
    /// A meeting of the whole grassroots organisation (MTG-01: twice a year).
    General,
    /// Called outside the plan; counts towards no requirement.
    Extraordinary,
}

impl MeetingKind {
    pub const ALL: &'static [MeetingKind] = &[
        Self::Regular,
        Self::Thematic,
        Self::General,
        Self::Extraordinary,
    ];
    pub const CODES: &'static [&'static str] = &["regular", "thematic", "general", "extraordinary"];

    pub fn code(self) -> &'static str {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::CODES[i]
    }

    pub fn parse(input: &str) -> Result<Self, Problem> {
        let code = input.trim();
        Self::CODES
            .iter()
            .position(|c| *c == code)
            .map(|i| Self::ALL[i])
            .ok_or(Problem::NotOneOf {
                allowed: Self::CODES,
            })
    }
}

/// One member's attendance at a meeting (glossary: `Attendance::Unexcused` is bỏ sinh hoạt).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "attendance", rename_all = "snake_case")]
pub enum Attendance {
    Present,
    Excused {
        reason: String,
    },
    /// Absent without a valid reason: counts towards removal (REM-02).
    Unexcused,
}

impl Attendance {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Present => "present",
            Self::Excused { .. } => "excused",
            Self::Unexcused => "unexcused",
        }
    }
}

/// MTG-06: an absence as typed: with a reason it is excused; without one it is unexcused when
/// `missing_reason_is_unexcused` (the default), else excused with an empty reason.
pub fn absence(reason: Option<&str>, params: &MeetingParams) -> Attendance {
    match optional(reason) {
        Some(r) => Attendance::Excused {
            reason: r.to_owned(),
        },
        None if params.missing_reason_is_unexcused => Attendance::Unexcused,
        None => Attendance::Excused {
            reason: String::new(),
        },
    }
}

/// One line of the record's attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceEntry {
    pub member: MemberId,
    #[serde(flatten)]
    pub attendance: Attendance,
}

/// The facts of MTG-04 that only the record's reader can judge, ticked on the record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConductFacts {
    pub prepared_content: bool,
    pub draft_resolution: bool,
    pub broad_participation: bool,
    pub principles_respected: bool,
    pub minutes_complete: bool,
}

/// One meeting as recorded in the cell's book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    pub cell: UnitId,
    pub kind: MeetingKind,
    /// A regular meeting that also holds the quarter's thematic topic (MTG-02: one sitting
    /// may serve both).
    pub thematic: bool,
    pub topic: Option<String>,
    pub held_on: NaiveDate,
    pub duration_minutes: u32,
    /// Held online; counts only where `online_allowed` (MTG-01).
    pub online: bool,
    pub chair: Option<MemberId>,
    pub recorder: Option<MemberId>,
    pub agenda: Vec<String>,
    pub attendance: Vec<AttendanceEntry>,
    pub minutes: Option<String>,
    pub resolution: Option<String>,
    pub conduct: ConductFacts,
    /// The grade the superior or the cell gave (MTG-05), where scored.
    pub rating: Option<MeetingGrade>,
}

impl MeetingRecord {
    /// MTG-01: the sitting may count towards a requirement at all.
    pub fn counts(&self, params: &MeetingParams) -> bool {
        !self.online || params.online_allowed
    }

    /// MTG-01, MTG-02: a regular sitting is the month's meeting; a thematic sitting alone is not.
    pub fn covers_regular(&self) -> bool {
        self.kind == MeetingKind::Regular
    }

    /// MTG-02: a thematic sitting, or a regular one flagged thematic.
    pub fn covers_thematic(&self) -> bool {
        self.kind == MeetingKind::Thematic || (self.kind == MeetingKind::Regular && self.thematic)
    }
}

/// MTG-06: the record names its chair and recorder, has an agenda and a duration, and lists
/// each member at most once.
pub fn validate_record(record: &MeetingRecord) -> Result<(), Vec<FieldError>> {
    let mut errors = FieldErrors::new();
    if record.chair.is_none() {
        errors.push("chair", Problem::Required);
    }
    if record.recorder.is_none() {
        errors.push("recorder", Problem::Required);
    }
    if record.agenda.iter().all(|a| a.trim().is_empty()) {
        errors.push("agenda", Problem::Required);
    }
    if record.duration_minutes == 0 {
        errors.push("duration_minutes", Problem::Required);
    }
    let mut seen = BTreeSet::new();
    for e in &record.attendance {
        if !seen.insert(e.member) {
            errors.push(
                "attendance",
                Problem::Repeated {
                    value: e.member.to_string(),
                },
            );
        }
    }
    errors.finish(|| Some(()))
}

/// Attendance of one meeting over its base (MTG-03): every base member is present, excused or
/// unexcused; people outside the base (an exempted member who came) are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceTally {
    pub base: u32,
    pub present: u32,
    pub excused: u32,
    pub unexcused: u32,
}

impl AttendanceTally {
    /// Present over base, in `[0, 1]`; `None` for an empty base.
    pub fn rate(&self) -> Option<f64> {
        (self.base > 0).then(|| f64::from(self.present) / f64::from(self.base))
    }

    /// Attendance strictly above `pct` percent, in integers (MTG-04).
    pub fn above_pct(&self, pct: u32) -> bool {
        self.base > 0 && u64::from(self.present) * 100 > u64::from(pct) * u64::from(self.base)
    }
}

/// MTG-03, MTG-06: the attendance of `record` over the members of its base. A base member
/// the record does not list is an absence without a reason.
pub fn tally(
    record: &MeetingRecord,
    base_members: &[MemberId],
    params: &MeetingParams,
) -> AttendanceTally {
    let listed: BTreeMap<MemberId, &Attendance> = record
        .attendance
        .iter()
        .map(|e| (e.member, &e.attendance))
        .collect();
    let unlisted = absence(None, params);
    let members: BTreeSet<MemberId> = base_members.iter().copied().collect();
    let mut t = AttendanceTally::default();
    for m in members {
        t.base += 1;
        match listed.get(&m).copied().unwrap_or(&unlisted) {
            Attendance::Present => t.present += 1,
            Attendance::Excused { .. } => t.excused += 1,
            Attendance::Unexcused => t.unexcused += 1,
        }
    }
    t
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A regular meeting of cell 1 on `on`: 95 minutes, everything prepared, nobody listed.
    pub(crate) fn meeting(on: NaiveDate) -> MeetingRecord {
        MeetingRecord {
            cell: UnitId(1),
            kind: MeetingKind::Regular,
            thematic: false,
            topic: None,
            held_on: on,
            duration_minutes: 95,
            online: false,
            chair: Some(MemberId(1)),
            recorder: Some(MemberId(2)),
            agenda: vec!["Đánh giá tình hình tháng".to_owned()],
            attendance: vec![],
            minutes: Some("…".to_owned()),
            resolution: Some("…".to_owned()),
            conduct: ConductFacts {
                prepared_content: true,
                draft_resolution: true,
                broad_participation: true,
                principles_respected: true,
                minutes_complete: true,
            },
            rating: None,
        }
    }

    fn entry(m: i64, attendance: Attendance) -> AttendanceEntry {
        AttendanceEntry {
            member: MemberId(m),
            attendance,
        }
    }

    #[test]
    fn mtg_06_an_absence_without_a_reason_is_unexcused() {
        let p = MeetingParams::default();
        assert_eq!(absence(Some("  "), &p), Attendance::Unexcused);
        assert_eq!(absence(None, &p), Attendance::Unexcused);
        assert_eq!(
            absence(Some(" ốm "), &p),
            Attendance::Excused {
                reason: "ốm".to_owned()
            }
        );
        let lenient = MeetingParams {
            missing_reason_is_unexcused: false,
            ..p
        };
        assert_eq!(absence(None, &lenient).code(), "excused");
        // A base member missing from the list counts as an unexcused absence.
        let mut m = meeting(d(2025, 10, 10));
        m.attendance = vec![
            entry(1, Attendance::Present),
            entry(2, absence(Some("công tác"), &p)),
            entry(3, absence(None, &p)),
            entry(99, Attendance::Present), // an exempted member who came
        ];
        let base: Vec<MemberId> = (1..=4).map(MemberId).collect();
        assert_eq!(
            tally(&m, &base, &p),
            AttendanceTally {
                base: 4,
                present: 1,
                excused: 1,
                unexcused: 2
            }
        );
    }

    #[test]
    fn mtg_06_a_record_names_chair_recorder_agenda_and_each_member_once() {
        let mut m = meeting(d(2025, 10, 10));
        assert_eq!(validate_record(&m), Ok(()));
        m.chair = None;
        m.agenda = vec![" ".to_owned()];
        m.duration_minutes = 0;
        m.attendance = vec![
            entry(5, Attendance::Present),
            entry(5, Attendance::Unexcused),
        ];
        let fields: Vec<&str> = validate_record(&m)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["chair", "agenda", "duration_minutes", "attendance"]
        );
        for k in MeetingKind::ALL {
            assert_eq!(MeetingKind::parse(k.code()), Ok(*k));
        }
        assert!(MeetingKind::parse("party").is_err());
    }

    fn any_attendance() -> impl Strategy<Value = Option<Attendance>> {
        prop_oneof![
            Just(None),
            Just(Some(Attendance::Present)),
            Just(Some(Attendance::Unexcused)),
            Just(Some(Attendance::Excused {
                reason: "ốm".to_owned()
            })),
        ]
    }

    proptest! {
        #[test]
        fn mtg_03_attendance_rate_stays_between_0_and_1(
            listed in proptest::collection::vec((0i64..40, any_attendance()), 0..40),
            base in proptest::collection::vec(0i64..40, 0..30),
        ) {
            let p = MeetingParams::default();
            let mut m = meeting(d(2025, 10, 10));
            m.attendance = listed
                .into_iter()
                .filter_map(|(id, a)| a.map(|attendance| entry(id, attendance)))
                .collect();
            let base: Vec<MemberId> = base.into_iter().map(MemberId).collect();
            let t = tally(&m, &base, &p);
            prop_assert_eq!(t.present + t.excused + t.unexcused, t.base);
            if let Some(rate) = t.rate() {
                prop_assert!((0.0..=1.0).contains(&rate));
            } else {
                prop_assert_eq!(t.base, 0);
            }
        }
    }
}
