//! Cell meetings (rules MTG-01 … MTG-06): the yearly plan and whether it was kept, who counts
//! in attendance, the meeting record, the good-quality test, provincial scoring, and yearly
//! compliance that adds up the organisation tree.

mod base;
mod params;
mod plan;
mod quality;
mod record;
mod rollup;
mod score;
mod violation;

pub use base::{AttendanceBase, BaseExclusion, BaseRole, attendance_base, base_role};
pub use params::{MeetingParams, ScoreBands, ScoreWeights};
pub use plan::{
    PeriodCompliance, PlanPeriod, PlannedMeeting, Requirement, plan_compliance, yearly_plan,
};
pub use quality::{QualityCriterion, quality_failures};
pub use record::{
    Attendance, AttendanceEntry, AttendanceTally, ConductFacts, MeetingKind, MeetingRecord,
    absence, tally, validate_record,
};
pub use rollup::{AssessedMeeting, MeetingCompliance, cell_year_compliance};
pub use score::{FullMarks, MeetingGrade, MeetingScore, grade, year_is_good};
pub use violation::MeetingViolation;
