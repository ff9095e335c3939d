//! MTG-01, MTG-02: the meetings a unit owes in a year (a regular meeting each month and a
//! thematic one each quarter for a cell; whole-organisation meetings for a grassroots
//! committee) and, against the meetings held, which requirements were met.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{MeetingKind, MeetingParams, MeetingRecord};
use crate::org::UnitKind;

/// What a planned meeting satisfies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    Regular,
    Thematic,
    General,
}

impl Requirement {
    pub fn code(self) -> &'static str {
        match self {
            Self::Regular => "regular",
            Self::Thematic => "thematic",
            Self::General => "general",
        }
    }

    /// The sitting counts towards this requirement (MTG-02: a regular meeting flagged
    /// thematic covers both; a thematic sitting does not replace the monthly one).
    pub fn satisfied_by(self, m: &MeetingRecord) -> bool {
        match self {
            Self::Regular => m.covers_regular(),
            Self::Thematic => m.covers_thematic(),
            Self::General => m.kind == MeetingKind::General,
        }
    }
}

/// The span a requirement applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "unit", content = "number", rename_all = "snake_case")]
pub enum PlanPeriod {
    Month(u32),
    Quarter(u32),
    Year,
}

/// One line of the yearly plan: `count` meetings of a kind between two days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedMeeting {
    pub requirement: Requirement,
    pub period: PlanPeriod,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub count: u32,
}

fn month_span(year: i32, first: u32, months: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_ymd_opt(year, first, 1)?;
    let next = crate::dates::add_months(start, months)?;
    Some((start, next.pred_opt()?))
}

/// MTG-01, MTG-02: the plan of a unit of `kind` for `year`. Cells and grassroots cells owe the
/// monthly and quarterly meetings (a grassroots cell's monthly meeting is its whole
/// organisation's); a grassroots committee owes the yearly whole-organisation meetings, its
/// cells their own plans; higher committees have none here.
pub fn yearly_plan(kind: UnitKind, year: i32, params: &MeetingParams) -> Vec<PlannedMeeting> {
    let line = |requirement, period, first, months, count| {
        month_span(year, first, months).map(|(first_day, last_day)| PlannedMeeting {
            requirement,
            period,
            first_day,
            last_day,
            count,
        })
    };
    match kind {
        UnitKind::Cell | UnitKind::GrassrootsCell => {
            let monthly = (1..=12).filter_map(|m| {
                line(
                    Requirement::Regular,
                    PlanPeriod::Month(m),
                    m,
                    1,
                    params.regular_per_month,
                )
            });
            let quarterly = (1..=4).filter_map(|q| {
                line(
                    Requirement::Thematic,
                    PlanPeriod::Quarter(q),
                    3 * q - 2,
                    3,
                    params.thematic_per_quarter,
                )
            });
            monthly.chain(quarterly).filter(|p| p.count > 0).collect()
        }
        UnitKind::GrassrootsCommittee => line(
            Requirement::General,
            PlanPeriod::Year,
            1,
            12,
            params.general_per_year,
        )
        .into_iter()
        .filter(|p| p.count > 0)
        .collect(),
        _ => Vec::new(),
    }
}

/// One plan line against the meetings held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodCompliance {
    pub planned: PlannedMeeting,
    pub held: u32,
}

impl PeriodCompliance {
    pub fn met(&self) -> bool {
        self.held >= self.planned.count
    }

    /// The requirements this line meets, at most its count (a second meeting in a month does
    /// not make up for a missed one).
    pub fn met_count(&self) -> u32 {
        self.held.min(self.planned.count)
    }

    /// MTG-01: the day the alert for a missed requirement falls (the day after the period:
    /// no October meeting → alert on 1 November).
    pub fn alert_on(&self) -> Option<NaiveDate> {
        self.planned.last_day.succ_opt()
    }

    /// Missed, as known on `as_of`: the period is over without enough meetings.
    pub fn missed_as_of(&self, as_of: NaiveDate) -> bool {
        !self.met() && self.alert_on().is_some_and(|a| as_of >= a)
    }
}

/// MTG-01, MTG-02: each line of the plan with the number of sittings held in its period that
/// satisfy it. `meetings` are the unit's own; online sittings count only where allowed.
pub fn plan_compliance(
    kind: UnitKind,
    year: i32,
    meetings: &[MeetingRecord],
    params: &MeetingParams,
) -> Vec<PeriodCompliance> {
    let refs: Vec<&MeetingRecord> = meetings.iter().collect();
    compliance_of(kind, year, &refs, params)
}

/// [`plan_compliance`] over borrowed records.
pub(super) fn compliance_of(
    kind: UnitKind,
    year: i32,
    meetings: &[&MeetingRecord],
    params: &MeetingParams,
) -> Vec<PeriodCompliance> {
    yearly_plan(kind, year, params)
        .into_iter()
        .map(|planned| {
            let held = meetings
                .iter()
                .filter(|m| {
                    m.counts(params)
                        && planned.first_day <= m.held_on
                        && m.held_on <= planned.last_day
                        && planned.requirement.satisfied_by(m)
                })
                .count();
            PeriodCompliance {
                planned,
                held: u32::try_from(held).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::record::tests::{d, meeting};

    fn year_of_regular_meetings(year: i32) -> Vec<MeetingRecord> {
        (1..=12).map(|m| meeting(d(year, m, 10))).collect()
    }

    #[test]
    fn mtg_01_a_cell_owes_a_meeting_every_month_and_a_grassroots_committee_two_a_year() {
        let p = MeetingParams::default();
        let plan = yearly_plan(UnitKind::Cell, 2026, &p);
        assert_eq!(plan.len(), 16);
        assert_eq!(
            plan.iter()
                .filter(|l| l.requirement == Requirement::Regular)
                .count(),
            12
        );
        assert_eq!(plan[1].period, PlanPeriod::Month(2));
        assert_eq!(
            (plan[1].first_day, plan[1].last_day),
            (d(2026, 2, 1), d(2026, 2, 28))
        );
        let grassroots = yearly_plan(UnitKind::GrassrootsCommittee, 2026, &p);
        assert_eq!(grassroots.len(), 1);
        assert_eq!(
            (grassroots[0].requirement, grassroots[0].count),
            (Requirement::General, 2)
        );
        assert!(yearly_plan(UnitKind::ProvinceCommittee, 2026, &p).is_empty());
    }

    #[test]
    fn mtg_01_no_regular_meeting_in_october_alerts_on_1_november() {
        let p = MeetingParams::default();
        let mut held = year_of_regular_meetings(2025);
        held.retain(|m| m.held_on != d(2025, 10, 10));
        let c = plan_compliance(UnitKind::Cell, 2025, &held, &p);
        let october = c
            .iter()
            .find(|l| l.planned.period == PlanPeriod::Month(10))
            .unwrap();
        assert!(!october.met());
        assert_eq!(october.alert_on(), Some(d(2025, 11, 1)));
        assert!(!october.missed_as_of(d(2025, 10, 31)));
        assert!(october.missed_as_of(d(2025, 11, 1)));
        let september = c
            .iter()
            .find(|l| l.planned.period == PlanPeriod::Month(9))
            .unwrap();
        assert!(september.met() && !september.missed_as_of(d(2025, 11, 1)));
        // An online meeting counts only where piloted.
        let mut online = meeting(d(2025, 10, 20));
        online.online = true;
        held.push(online);
        let october_held =
            |p: &MeetingParams| plan_compliance(UnitKind::Cell, 2025, &held, p)[9].held;
        assert_eq!(october_held(&p), 0);
        let pilot = MeetingParams {
            online_allowed: true,
            ..p
        };
        assert_eq!(october_held(&pilot), 1);
        // The grassroots committee with one general meeting has not met its two.
        let mut general = meeting(d(2025, 6, 1));
        general.kind = MeetingKind::General;
        let g = plan_compliance(UnitKind::GrassrootsCommittee, 2025, &[general], &p);
        assert_eq!((g[0].held, g[0].met(), g[0].met_count()), (1, false, 1));
        assert_eq!(g[0].alert_on(), Some(d(2026, 1, 1)));
    }

    #[test]
    fn mtg_02_a_february_meeting_flagged_thematic_covers_both_but_a_thematic_sitting_alone_does_not()
     {
        let p = MeetingParams::default();
        let mut held = year_of_regular_meetings(2026);
        let q1 = |held: &[MeetingRecord]| {
            plan_compliance(UnitKind::Cell, 2026, held, &p)
                .into_iter()
                .find(|l| l.planned.period == PlanPeriod::Quarter(1))
                .unwrap()
        };
        assert!(!q1(&held).met());
        assert!(q1(&held).missed_as_of(d(2026, 4, 1)));
        held[1].thematic = true;
        assert!(q1(&held).met());
        let feb = plan_compliance(UnitKind::Cell, 2026, &held, &p)[1];
        assert!(feb.met());
        // A thematic sitting in March replacing March's regular meeting: quarter met, month not.
        let mut held = year_of_regular_meetings(2026);
        held[2].kind = MeetingKind::Thematic;
        assert!(q1(&held).met());
        assert!(!plan_compliance(UnitKind::Cell, 2026, &held, &p)[2].met());
        assert_eq!(Requirement::Thematic.code(), "thematic");
    }
}
