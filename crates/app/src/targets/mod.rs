//! Yearly admission targets (rule TGT-03; issue 5, point 5): a unit's target for a year is a
//! count of admissions or a share of its members on 1 January; the report sets each unit's
//! admissions so far against it and forecasts the year's end.
//!
//! * **Target.** A count is taken as is. A percentage is applied to the unit's members (its
//!   whole subtree, the statistics measure `members`) on 1 January of the year and rounded
//!   half up to a whole number of people (3.5 % of 61 members = 2.135 → 2; of 70 = 2.45 → 2;
//!   of 90 = 3.15 → 3; of 100 = 3.5 → 4). A unit without a target of its own gets the sum of
//!   its children's targets (each of them its own or, in turn, its children's sum) when at
//!   least one child has one; otherwise it has none.
//! * **Admitted.** The statistics period measure `admitted` from 1 January to the report day
//!   (the earlier of `as_of` and 31 December) over the unit's subtree, counted by the
//!   statistics engine (interchange.md rules, the tree of the report day).
//! * **Percent.** admitted / target × 100, rounded half up to two decimals; none without a
//!   target or with a target of 0.
//! * **Forecast.** See [`forecast_year_end`].
//! * **Progress.** [`progress_by_month`]: the admitted count at the end of each month up to
//!   the report day, by the report's own query, for the chart against the target line.
//!
//! Setting is for administrators and for officers within their scope (`SetTargets`), audited
//! with before and after; reading is for whoever sees the units (`ViewUnits`), scope-checked
//! as statistics are. Targets change no headcount, so the statistics change log is left alone.

mod render;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

use chibo_domain::access::{Actor, Permission};
use chibo_domain::admission::{Stage, latest_admission_day};
use chibo_domain::calendar::WorkingCalendar;
use chibo_domain::field::{FieldError, FieldErrors, Problem};
use chibo_domain::goals::{GoalParams, RatePosition, admission_rate};
use chibo_domain::ids::UnitId;
use chibo_domain::stats::{Dimension, StatsQuery};
use chibo_storage::db::prefix_range;
use chibo_storage::targets as repo;
pub use chibo_storage::targets::{AdmissionTarget, TargetValue};
use chibo_storage::{Tx, candidates, now, paths, units};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use render::{COLUMNS, percent_text, to_csv, to_json, to_table};

use crate::audit::{self, About, Action, By};
use crate::scope::{find_unit, unit_path};
use crate::{App, AppError, clock, stats};

/// The years a target may be set for.
pub const YEARS: (i32, i32) = (1930, 2100);

/// A target as typed in the form, sent to the API or given on the command line.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TargetInput {
    /// The unit's code.
    pub unit: String,
    pub year: String,
    /// A whole number of admissions, or empty.
    pub count: Option<String>,
    /// A percentage of the members on 1 January, e.g. `3.5` or `3,5`, or empty.
    pub percent: Option<String>,
}

/// A checked target: the year and what it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidTarget {
    pub year: i32,
    pub value: TargetValue,
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Reads a year from 1930 to 2100.
pub fn parse_year(s: &str) -> Result<i32, Problem> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Problem::Required);
    }
    let y: i32 = s.parse().map_err(|_| Problem::NotANumber)?;
    if (YEARS.0..=YEARS.1).contains(&y) {
        Ok(y)
    } else {
        Err(Problem::YearOutOfRange {
            min: YEARS.0,
            max: YEARS.1,
        })
    }
}

/// Reads a whole number of admissions, zero or more.
pub fn parse_count(s: &str) -> Result<i64, Problem> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::NotACount);
    }
    s.parse().map_err(|_| Problem::NotACount)
}

/// Reads a percentage above 0 and at most 100 with at most two decimals (a dot or a comma),
/// in hundredths of a percent.
pub fn parse_percent(s: &str) -> Result<i32, Problem> {
    let s = s.trim().trim_end_matches('%').trim();
    let (whole, frac) = match s.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return Err(Problem::PercentFormat);
    }
    if s.contains(['.', ',']) && frac.is_empty() {
        return Err(Problem::PercentFormat);
    }
    let whole: i32 = whole.parse().map_err(|_| Problem::PercentFormat)?;
    let frac: i32 = format!("{frac:0<2}")
        .parse()
        .map_err(|_| Problem::PercentFormat)?;
    let h = whole * 100 + frac;
    if h > 0 && h <= 10_000 {
        Ok(h)
    } else {
        Err(Problem::PercentFormat)
    }
}

/// Checks a typed target; every bad field is reported (`year`, `count`, `percent`).
pub fn validate(input: &TargetInput) -> Result<ValidTarget, AppError> {
    let mut e = FieldErrors::new();
    let year = e.take("year", parse_year(&input.year));
    let value = match (given(&input.count), given(&input.percent)) {
        (Some(c), None) => e.take("count", parse_count(c)).map(TargetValue::Count),
        (None, Some(p)) => e
            .take("percent", parse_percent(p))
            .map(TargetValue::PercentHundredths),
        (Some(_), Some(_)) | (None, None) => {
            e.push("count", Problem::CountOrPercent);
            None
        }
    };
    match (year, value, e.is_empty()) {
        (Some(year), Some(value), true) => Ok(ValidTarget { year, value }),
        _ => Err(AppError::Invalid(e.into_vec())),
    }
}

/// The unit a target is set on, if the caller may set it; anything else is "no such unit".
async fn target_unit(tx: &mut Tx, by: By<'_>, code: &str) -> Result<(UnitId, String), AppError> {
    let today = clock::today();
    match by {
        By::System(_) => {
            let unit = units::id_by_code(tx, code.trim())
                .await?
                .ok_or(AppError::NoSuchReference { field: "unit" })?;
            let path = unit_path(tx, unit, today).await?;
            Ok((unit, path.as_str().to_owned()))
        }
        By::User(actor) => {
            if !actor.can(Permission::SetTargets) {
                return Err(AppError::Forbidden(Permission::SetTargets));
            }
            match find_unit(tx, actor, Permission::SetTargets, code, today).await {
                Ok((unit, path, _)) => Ok((unit, path.as_str().to_owned())),
                Err(AppError::NotFound) => Err(AppError::NoSuchReference { field: "unit" }),
                Err(e) => Err(e),
            }
        }
    }
}

/// Sets the admission target of a unit for a year, replacing the one there was; for
/// administrators (and the command line) and for officers within their scope. Audited with
/// before and after in the same transaction; bad input writes nothing.
pub async fn set(app: &App, by: By<'_>, input: &TargetInput) -> Result<AdmissionTarget, AppError> {
    if let By::User(actor) = by
        && !actor.can(Permission::SetTargets)
    {
        return Err(AppError::Forbidden(Permission::SetTargets));
    }
    let valid = match (validate(input), input.unit.trim().is_empty()) {
        (Ok(v), false) => v,
        (Ok(_), true) => return Err(AppError::field("unit", Problem::Required)),
        (Err(AppError::Invalid(mut v)), missing_unit) => {
            if missing_unit {
                v.insert(0, FieldError::new("unit", Problem::Required));
            }
            return Err(AppError::Invalid(v));
        }
        (Err(e), _) => return Err(e),
    };
    let mut tx = app.db.write().await?;
    let (unit, path) = target_unit(&mut tx, by, &input.unit).await?;
    let before = repo::get(&mut tx, unit, valid.year).await?;
    let set_by = match by {
        By::User(a) => a.username.clone(),
        By::System(name) => name.to_owned(),
    };
    let target = AdmissionTarget {
        unit_id: unit.0,
        year: valid.year,
        value: valid.value,
        set_at: now(),
        set_by,
    };
    repo::upsert(&mut tx, &target).await?;
    let code = units::code_of(&mut tx, unit).await?.unwrap_or_default();
    audit::record(
        &mut tx,
        by,
        Action::TargetSet,
        About {
            kind: "admission_target",
            id: Some(format!("{code}/{}", valid.year)),
            label: Some(code),
            unit_path: Some(path),
        },
        before.as_ref(),
        Some(&target),
    )
    .await?;
    tx.commit().await?;
    Ok(target)
}

/// The year-end forecast of admissions: the admissions counted so far plus
/// `pipeline_admissible`, the candidates known to the candidate pipeline who can still be
/// admitted by 31 December given their stage and its deadlines.
///
/// Nothing else is added: no projection of the pace so far, no seasonal guess; the pipeline's
/// count comes from [`pipeline_admissible`].
pub fn forecast_year_end(admitted_so_far: i64, pipeline_admissible: i64) -> i64 {
    admitted_so_far + pipeline_admissible.max(0)
}

/// The candidates of `unit`'s subtree (on `day`) who can still be admitted within the year: past
/// the cell vote, not yet admitted, and whose admission falls within the year even if the
/// committee and the cell take all the time the rules allow (ADM-11, ADM-13). Candidates whose
/// latest day is already behind the year have stalled and are not counted; earlier stages run
/// no deadline and are not counted either.
async fn pipeline_admissible(
    app: &App,
    calendar: &WorkingCalendar,
    unit: UnitId,
    day: NaiveDate,
    (year_start, year_end): (NaiveDate, NaiveDate),
) -> Result<i64, AppError> {
    let mut tx = app.db.read().await?;
    let Some(path) = paths::path_on(&mut tx, unit, day).await? else {
        tx.commit().await?;
        return Ok(0);
    };
    let positions =
        candidates::pipeline_in_subtree(&mut tx, day, &prefix_range(path.as_str())).await?;
    let params = crate::settings::load_in(&mut tx).await?.admission;
    tx.commit().await?;
    let count = positions
        .iter()
        .filter_map(|p| {
            let stage = Stage::parse(p.stage.as_deref()?)?;
            latest_admission_day(
                stage,
                p.cell_vote_on,
                p.decision_received_on,
                calendar,
                &params,
            )
        })
        .filter(|last| (year_start..=year_end).contains(last))
        .count();
    Ok(count as i64)
}

/// A target of `members` applied as a share in hundredths of a percent, rounded half up.
pub fn share_of(members: i64, hundredths: i32) -> i64 {
    (members * i64::from(hundredths) + 5_000) / 10_000
}

/// admitted / target × 100 in hundredths of a percent, rounded half up; none for a target
/// of 0.
pub fn attainment_hundredths(admitted: i64, target: i64) -> Option<i64> {
    if target <= 0 {
        return None;
    }
    Some((admitted * 20_000 + target) / (2 * target))
}

/// One line of the report: a unit and how it stands against its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetRow {
    pub unit_code: String,
    pub unit_name: String,
    /// In people; none when neither the unit nor any child has a target.
    pub target: Option<i64>,
    pub admitted: i64,
    /// Attainment in hundredths of a percent (10624 = 106.24 %).
    pub percent_hundredths: Option<i64>,
    pub forecast: i64,
    /// Members on the report day (the year end once the year is over): the base of the
    /// admission rate (STA-05).
    pub members: i64,
    /// TGT-01: admitted ÷ members in hundredths of a percent, and where it stands against the
    /// 3–4 % band; none without members.
    pub admission_rate_hundredths: Option<i64>,
    pub rate_position: Option<RatePosition>,
}

/// The report: the unit (or, for the whole registry, the roots) first, then its direct
/// children in code order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetReport {
    pub year: i32,
    /// 1 January: the day the members a percentage applies to are counted on.
    pub base_day: NaiveDate,
    /// The last day of admissions counted: the earlier of `as_of` and 31 December.
    pub to: NaiveDate,
    pub rows: Vec<TargetRow>,
}

struct Ctx<'a> {
    app: &'a App,
    year: i32,
    base_day: NaiveDate,
    to: NaiveDate,
    targets: HashMap<i64, TargetValue>,
}

const SYSTEM: By<'static> = By::System("targets");

impl Ctx<'_> {
    /// Members of the subtree of `code` on 1 January.
    async fn members_on_base_day(&self, code: &str) -> Result<i64, AppError> {
        let mut q = StatsQuery::on(self.base_day);
        q.unit = Some(code.to_owned());
        let r = stats::query(self.app, SYSTEM, &q).await?;
        Ok(r.measure_total("members"))
    }

    /// The unit's target in people: its own, else the sum of its children's.
    fn target<'s>(
        &'s self,
        unit: UnitId,
        code: &'s str,
    ) -> Pin<Box<dyn Future<Output = Result<Option<i64>, AppError>> + Send + 's>> {
        Box::pin(async move {
            match self.targets.get(&unit.0) {
                Some(TargetValue::Count(n)) => return Ok(Some(*n)),
                Some(TargetValue::PercentHundredths(h)) => {
                    let members = self.members_on_base_day(code).await?;
                    return Ok(Some(share_of(members, *h)));
                }
                None => {}
            }
            let children = {
                let mut tx = self.app.db.read().await?;
                let c = units::children_on(&mut tx, Some(unit), self.to).await?;
                tx.commit().await?;
                c
            };
            let mut sum = None;
            for c in children {
                if let Some(t) = self.target(c.unit(), &c.code).await? {
                    sum = Some(sum.unwrap_or(0) + t);
                }
            }
            Ok(sum)
        })
    }
}

trait MeasureTotal {
    fn measure_total(&self, name: &str) -> i64;
}

impl MeasureTotal for chibo_domain::stats::StatsResult {
    fn measure_total(&self, name: &str) -> i64 {
        self.measure_columns
            .iter()
            .position(|m| m == name)
            .and_then(|i| self.total.get(i).copied())
            .unwrap_or(0)
    }
}

/// The days a report of `year` as of `as_of` spans: 1 January, 31 December, and the report
/// day (the earlier of `as_of`, default today, and 31 December).
struct Frame {
    year: i32,
    base_day: NaiveDate,
    dec31: NaiveDate,
    to: NaiveDate,
}

impl Frame {
    fn new(year: i32, as_of: Option<NaiveDate>) -> Result<Self, AppError> {
        let out_of_range = || {
            AppError::field(
                "year",
                Problem::YearOutOfRange {
                    min: YEARS.0,
                    max: YEARS.1,
                },
            )
        };
        if !(YEARS.0..=YEARS.1).contains(&year) {
            return Err(out_of_range());
        }
        let (Some(base_day), Some(dec31)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Err(out_of_range());
        };
        Ok(Self {
            year,
            base_day,
            dec31,
            to: as_of.unwrap_or_else(clock::today).min(dec31),
        })
    }

    /// Admissions from 1 January to `until` over the subtree of `code` (every unit when
    /// none), broken down by unit, on the tree of the report day: the one count the report
    /// and the monthly progress share, so that they agree.
    async fn admitted(
        &self,
        app: &App,
        code: Option<String>,
        until: NaiveDate,
    ) -> Result<chibo_domain::stats::StatsResult, AppError> {
        let mut q = StatsQuery::on(self.to);
        q.unit = code;
        q.by = vec![Dimension::Unit];
        q.period = Some((self.base_day, until));
        stats::query(app, SYSTEM, &q).await
    }

    fn ctx<'a>(&self, app: &'a App, targets: HashMap<i64, TargetValue>) -> Ctx<'a> {
        Ctx {
            app,
            year: self.year,
            base_day: self.base_day,
            to: self.to,
            targets,
        }
    }
}

/// The targets set for `year`, by unit id.
async fn targets_of(tx: &mut Tx, year: i32) -> Result<HashMap<i64, TargetValue>, AppError> {
    Ok(repo::of_year(tx, year)
        .await?
        .into_iter()
        .map(|t| (t.unit_id, t.value))
        .collect())
}

/// The report of `year` for `unit` (by code; by default the caller's own unit, or the whole
/// registry for administrators and the command line) and its direct children, as of `as_of`
/// (default today). Readers need `ViewUnits`; a unit outside the scope is "no such unit".
pub async fn report(
    app: &App,
    by: By<'_>,
    year: i32,
    unit: Option<&str>,
    as_of: Option<NaiveDate>,
) -> Result<TargetReport, AppError> {
    let frame = Frame::new(year, as_of)?;
    let (base_day, dec31, to) = (frame.base_day, frame.dec31, frame.to);
    let top = stats::scope_unit(app, by, unit).await?;
    let mut tx = app.db.read().await?;
    let targets = targets_of(&mut tx, year).await?;
    // The units of the rows: the unit itself then its children, or the roots.
    let mut lines: Vec<(UnitId, String, String)> = Vec::new();
    if let Some(u) = top
        && let Some(v) = units::latest_version(&mut tx, u, to).await?
    {
        lines.push((u, v.code, v.name));
    }
    let mut children = units::children_on(&mut tx, top, to).await?;
    children.sort_by(|a, b| a.code.cmp(&b.code));
    for c in children {
        lines.push((c.unit(), c.code, c.name));
    }
    tx.commit().await?;

    // Admissions so far, by row: one statistics query broken down by unit.
    let mut admitted: HashMap<String, i64> = HashMap::new();
    let mut members: HashMap<String, i64> = HashMap::new();
    let (mut admitted_total, mut members_total) = (0, 0);
    if to >= base_day {
        let code = top.and(lines.first().map(|l| l.1.clone()));
        let r = frame.admitted(app, code, to).await?;
        admitted_total = r.measure_total("admitted");
        members_total = r.measure_total("members");
        let column = |name: &str| r.measure_columns.iter().position(|m| m == name);
        let (i, m) = (column("admitted"), column("members"));
        for row in &r.rows {
            let Some(code) = row.dims.first() else {
                continue;
            };
            if let Some(v) = i.and_then(|i| row.values.get(i)) {
                admitted.insert(code.clone(), *v);
            }
            if let Some(v) = m.and_then(|m| row.values.get(m)) {
                members.insert(code.clone(), *v);
            }
        }
    }

    let calendar = crate::calendar::working_calendar(app).await?;
    let ctx = frame.ctx(app, targets);
    let mut rows = Vec::with_capacity(lines.len());
    for (i, (u, code, name)) in lines.into_iter().enumerate() {
        let (done, base) = if top.is_some() && i == 0 {
            (admitted_total, members_total)
        } else {
            (
                admitted.get(&code).copied().unwrap_or(0),
                members.get(&code).copied().unwrap_or(0),
            )
        };
        let rate = admission_rate(
            u64::try_from(done).unwrap_or(0),
            u64::try_from(base).unwrap_or(0),
            &GoalParams::default(),
        );
        let target = ctx.target(u, &code).await?;
        let pipeline = pipeline_admissible(app, &calendar, u, to, (base_day, dec31)).await?;
        rows.push(TargetRow {
            percent_hundredths: target.and_then(|t| attainment_hundredths(done, t)),
            forecast: forecast_year_end(done, pipeline),
            unit_code: code,
            unit_name: name,
            target,
            admitted: done,
            members: base,
            admission_rate_hundredths: rate.and_then(|(bp, _)| i64::try_from(bp).ok()),
            rate_position: rate.map(|(_, p)| p),
        });
    }
    Ok(TargetReport {
        year: ctx.year,
        base_day,
        to,
        rows,
    })
}

/// Admissions counted from 1 January to the end of a month (or to the report day, for the
/// report day's month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthProgress {
    /// 1 to 12.
    pub month: u32,
    /// The last day counted: the month's last day, or the report day.
    pub until: NaiveDate,
    /// Cumulative since 1 January.
    pub admitted: i64,
}

/// A unit's progress over the year: the cumulative admissions month by month up to the
/// report day, its target and the year-end forecast, as the report's first row has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetProgress {
    pub year: i32,
    /// The unit; none for the whole registry (its roots added up).
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub base_day: NaiveDate,
    /// The report day: the earlier of `as_of` and 31 December.
    pub to: NaiveDate,
    /// January up to the report day's month; none when the report day is before the year.
    pub months: Vec<MonthProgress>,
    /// In people; none when neither the unit nor any child has a target.
    pub target: Option<i64>,
    pub forecast: i64,
}

impl TargetProgress {
    /// Admissions up to the report day: the last month's cumulative.
    pub fn admitted(&self) -> i64 {
        self.months.last().map_or(0, |m| m.admitted)
    }
}

/// The last day of each month of `frame`'s year from January up to the report day, the
/// report day itself closing its month.
fn month_ends(frame: &Frame) -> Vec<(u32, NaiveDate)> {
    (1..=12u32)
        .filter_map(|m| {
            let first = NaiveDate::from_ymd_opt(frame.year, m, 1)?;
            let next = if m == 12 {
                frame.dec31.succ_opt()?
            } else {
                NaiveDate::from_ymd_opt(frame.year, m + 1, 1)?
            };
            let last = next.pred_opt()?;
            (first <= frame.to).then_some((m, last.min(frame.to)))
        })
        .collect()
}

/// The progress of `unit` (as [`report`] picks it: by default the caller's own unit, or the
/// whole registry) over `year` as of `as_of`: the cumulative admissions at the end of each
/// month counted exactly as the report counts them (so the report day's figure is the
/// report's `admitted`), with the target and the forecast of the report's first row.
pub async fn progress_by_month(
    app: &App,
    by: By<'_>,
    unit: Option<&str>,
    year: i32,
    as_of: Option<NaiveDate>,
) -> Result<TargetProgress, AppError> {
    let frame = Frame::new(year, as_of)?;
    let top = stats::scope_unit(app, by, unit).await?;
    let mut tx = app.db.read().await?;
    let targets = targets_of(&mut tx, year).await?;
    // The unit itself, or for the whole registry its roots.
    let heads: Vec<(UnitId, String, String)> = match top {
        Some(u) => units::latest_version(&mut tx, u, frame.to)
            .await?
            .map(|v| vec![(u, v.code, v.name)])
            .unwrap_or_default(),
        None => units::children_on(&mut tx, None, frame.to)
            .await?
            .into_iter()
            .map(|c| (c.unit(), c.code, c.name))
            .collect(),
    };
    tx.commit().await?;
    let code = top.and(heads.first().map(|h| h.1.clone()));

    let mut months = Vec::new();
    for (month, until) in month_ends(&frame) {
        let r = frame.admitted(app, code.clone(), until).await?;
        months.push(MonthProgress {
            month,
            until,
            admitted: r.measure_total("admitted"),
        });
    }

    let calendar = crate::calendar::working_calendar(app).await?;
    let ctx = frame.ctx(app, targets);
    let (mut target, mut pipeline) = (None, 0);
    for (u, c, _) in &heads {
        if let Some(t) = ctx.target(*u, c).await? {
            target = Some(target.unwrap_or(0) + t);
        }
        pipeline +=
            pipeline_admissible(app, &calendar, *u, frame.to, (frame.base_day, frame.dec31))
                .await?;
    }
    let (unit_code, unit_name) = match (top, heads.first()) {
        (Some(_), Some((_, c, n))) => (Some(c.clone()), Some(n.clone())),
        _ => (None, None),
    };
    let progress = TargetProgress {
        year,
        unit_code,
        unit_name,
        base_day: frame.base_day,
        to: frame.to,
        months,
        target,
        forecast: 0,
    };
    Ok(TargetProgress {
        forecast: forecast_year_end(progress.admitted(), pipeline),
        ..progress
    })
}

/// For the web: whether the actor may set targets at all.
pub fn can_set(actor: &Actor) -> bool {
    actor.can(Permission::SetTargets)
}
