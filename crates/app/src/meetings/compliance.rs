//! The yearly plan of a cell against the meetings held (MTG-01, MTG-02) and the yearly
//! compliance of any unit: meetings held against required, attendance over the MTG-03 base
//! and meetings passing MTG-04, summed over the cells below it (rates are recomputed from the
//! sums, never averaged). Units are placed by the tree of the report day (31 December, or
//! today within the current year).

use std::collections::BTreeMap;

use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::field::Problem;
use chibo_domain::ids::UnitId;
use chibo_domain::meetings::{
    AssessedMeeting, MeetingCompliance, MeetingRecord, PlanPeriod, Requirement,
    cell_year_compliance, plan_compliance, tally,
};
use chibo_domain::org::UnitKind;
use chibo_storage::Tx;
use chibo_storage::db::prefix_range;
use chibo_storage::meetings::{self as repo, AttendanceRow, MeetingRow};
use chibo_storage::{paths, units};
use chrono::NaiveDate;
use serde::Serialize;

use super::quality::score_of;
use super::{Quality, assess, base_members, holds_meetings, to_record};
use crate::scope::find_unit;
use crate::settings::Timeline;
use crate::{App, AppError, clock};

/// One line of a cell's plan against the meetings held.
#[derive(Debug, Clone, Serialize)]
pub struct PlanLine {
    pub requirement: Requirement,
    pub period: PlanPeriod,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub count: u32,
    pub held: u32,
    pub met: bool,
    /// The period is over without enough meetings (as of today).
    pub missed: bool,
    /// The meetings of the period that satisfy it.
    pub meeting_ids: Vec<i64>,
}

/// A held meeting as the plan lists it.
#[derive(Debug, Clone, Serialize)]
pub struct HeldMeeting {
    pub id: i64,
    pub held_on: NaiveDate,
    pub kind: String,
    pub thematic: bool,
    pub duration_minutes: i64,
    pub attendance_taken: bool,
    pub base: u32,
    pub present: u32,
    pub excused: u32,
    pub unexcused: u32,
    pub quality: Quality,
}

/// A cell's year: its plan, the meetings held and its compliance.
#[derive(Debug, Clone, Serialize)]
pub struct YearPlan {
    pub unit_code: String,
    pub unit_name: String,
    pub year: i32,
    pub lines: Vec<PlanLine>,
    pub meetings: Vec<HeldMeeting>,
    pub compliance: MeetingCompliance,
}

/// A child unit's line of the roll-up.
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceRow {
    pub unit_code: String,
    pub unit_name: String,
    pub compliance: MeetingCompliance,
}

/// A unit's yearly compliance with the line of each direct child.
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceReport {
    pub unit_code: String,
    pub unit_name: String,
    pub unit_kind: UnitKind,
    pub year: i32,
    /// The day the tree is read on.
    pub as_of: NaiveDate,
    pub total: MeetingCompliance,
    pub rows: Vec<ComplianceRow>,
}

/// The day the year's tree is read on: 31 December, or today within the current year.
fn report_day(year: i32) -> Result<NaiveDate, AppError> {
    let (first, last) = year_span(year)?;
    Ok(last.min(clock::today().max(first)))
}

fn year_span(year: i32) -> Result<(NaiveDate, NaiveDate), AppError> {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(AppError::field("year", Problem::InvalidDate)),
    }
}

/// A cell's meetings of the year with the domain records and their tallies.
struct CellYear {
    rows: Vec<MeetingRow>,
    lines: BTreeMap<i64, Vec<AttendanceRow>>,
    /// The rule values over time: each meeting is judged by those of its day, the year by
    /// those of its report day.
    rules: Timeline,
}

async fn cell_year(tx: &mut Tx, cell: UnitId, year: i32) -> Result<CellYear, AppError> {
    let (from, to) = year_span(year)?;
    let rows = repo::of_cell(tx, cell, from, to).await?;
    let mut lines: BTreeMap<i64, Vec<AttendanceRow>> = BTreeMap::new();
    for l in repo::attendance_of_cell(tx, cell, from, to).await? {
        lines.entry(l.meeting_id).or_default().push(l);
    }
    let rules = crate::settings::timeline(tx).await?;
    Ok(CellYear { rows, lines, rules })
}

impl CellYear {
    fn records(
        &self,
    ) -> Result<Vec<(MeetingRecord, chibo_domain::meetings::AttendanceTally)>, AppError> {
        self.rows
            .iter()
            .map(|r| {
                let p = self.rules.on(r.held_on).meeting;
                let lines = self.lines.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
                let grade = score_of(r).and_then(|s| chibo_domain::meetings::grade(&s, &p).ok());
                let record = to_record(r, lines, grade)?;
                let t = if r.attendance_taken_at.is_some() {
                    tally(&record, &base_members(lines), &p)
                } else {
                    Default::default()
                };
                Ok((record, t))
            })
            .collect()
    }

    fn compliance(&self, kind: UnitKind, year: i32) -> Result<MeetingCompliance, AppError> {
        let records = self.records()?;
        let assessed: Vec<AssessedMeeting<'_>> = records
            .iter()
            .map(|(record, tally)| AssessedMeeting {
                record,
                tally: *tally,
            })
            .collect();
        let p = self.rules.on(report_day(year)?).meeting;
        Ok(cell_year_compliance(kind, year, &assessed, &p))
    }
}

/// The plan of a cell in the caller's scope for `year`, each line with the meetings that
/// satisfy it, the meetings held and the year's compliance.
pub async fn year_plan(
    app: &App,
    actor: &Actor,
    cell_code: &str,
    year: i32,
) -> Result<YearPlan, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let (cell, _, _) = find_unit(&mut tx, actor, Permission::ViewMembers, cell_code, today).await?;
    let version = units::latest_version(&mut tx, cell, report_day(year)?)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = version.kind()?;
    let data = cell_year(&mut tx, cell, year).await?;
    tx.commit().await?;
    let p = data.rules.on(report_day(year)?).meeting;
    let records: Vec<MeetingRecord> = data.records()?.into_iter().map(|(r, _)| r).collect();
    let lines = plan_compliance(kind, year, &records, &p)
        .into_iter()
        .map(|c| PlanLine {
            requirement: c.planned.requirement,
            period: c.planned.period,
            first_day: c.planned.first_day,
            last_day: c.planned.last_day,
            count: c.planned.count,
            held: c.held,
            met: c.met(),
            missed: c.missed_as_of(today),
            meeting_ids: data
                .rows
                .iter()
                .zip(&records)
                .filter(|(_, m)| {
                    m.counts(&p)
                        && c.planned.first_day <= m.held_on
                        && m.held_on <= c.planned.last_day
                        && c.planned.requirement.satisfied_by(m)
                })
                .map(|(r, _)| r.id)
                .collect(),
        })
        .collect();
    let mut meetings = Vec::with_capacity(data.rows.len());
    for r in &data.rows {
        let lines = data.lines.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
        let (t, quality) = assess(r, lines, &p)?;
        meetings.push(HeldMeeting {
            id: r.id,
            held_on: r.held_on,
            kind: r.kind.clone(),
            thematic: r.thematic,
            duration_minutes: r.duration_minutes,
            attendance_taken: r.attendance_taken_at.is_some(),
            base: t.base,
            present: t.present,
            excused: t.excused,
            unexcused: t.unexcused,
            quality,
        });
    }
    let compliance = data.compliance(kind, year)?;
    Ok(YearPlan {
        unit_code: cell_code.trim().to_owned(),
        unit_name: version.name,
        year,
        lines,
        meetings,
        compliance,
    })
}

/// The yearly compliance of a unit in the caller's scope (its own unit when `unit_code` is
/// absent), as the sum over the cells of its subtree, with a line per direct child (each the
/// sum of its own subtree). A cell's total is its own figures and it has no lines.
pub async fn compliance(
    app: &App,
    actor: &Actor,
    unit_code: Option<&str>,
    year: i32,
) -> Result<ComplianceReport, AppError> {
    let today = clock::today();
    let day = report_day(year)?;
    let mut tx = app.db.read().await?;
    let code = match unit_code.map(str::trim).filter(|s| !s.is_empty()) {
        Some(c) => c.to_owned(),
        None => own_unit_code(&mut tx, actor).await?,
    };
    let (unit, _, _) = find_unit(&mut tx, actor, Permission::ViewUnits, &code, today).await?;
    let version = units::latest_version(&mut tx, unit, day)
        .await?
        .ok_or(AppError::NotFound)?;
    let path = paths::latest_path(&mut tx, unit, day)
        .await?
        .ok_or(AppError::NotFound)?;
    let subtree = repo::units_in_subtree(&mut tx, day, &prefix_range(path.as_str())).await?;
    // Each cell's figures, keyed by its path on the report day.
    let mut by_path: Vec<(String, MeetingCompliance)> = Vec::new();
    for (id, _, kind, p) in subtree {
        let kind =
            UnitKind::parse(&kind).map_err(|_| AppError::Internal(format!("unit kind {kind}")))?;
        if !holds_meetings(kind) {
            continue;
        }
        let data = cell_year(&mut tx, UnitId(id), year).await?;
        by_path.push((p, data.compliance(kind, year)?));
    }
    let total: MeetingCompliance = by_path.iter().map(|(_, c)| *c).sum();
    let mut rows = Vec::new();
    for child in units::children_on(&mut tx, Some(unit), day).await? {
        let Some(cp) = paths::path_on(&mut tx, child.unit(), day).await? else {
            continue;
        };
        let compliance = by_path
            .iter()
            .filter(|(p, _)| p.starts_with(cp.as_str()))
            .map(|(_, c)| *c)
            .sum();
        rows.push(ComplianceRow {
            unit_code: child.code.clone(),
            unit_name: child.name.clone(),
            compliance,
        });
    }
    tx.commit().await?;
    Ok(ComplianceReport {
        unit_code: code,
        unit_name: version.name.clone(),
        unit_kind: version.kind()?,
        year,
        as_of: day,
        total,
        rows,
    })
}

/// The code of the unit an account is bound to; administrators must name one.
async fn own_unit_code(tx: &mut Tx, actor: &Actor) -> Result<String, AppError> {
    let Scope::Subtree(p) = &actor.scope else {
        return Err(AppError::field("unit", Problem::Required));
    };
    let Some(unit) = p.units().last().copied() else {
        return Err(AppError::field("unit", Problem::Required));
    };
    units::code_of(tx, unit).await?.ok_or(AppError::NotFound)
}
