//! `/api/v1/targets`: yearly admission targets (TGT-03). GET reports a unit and its direct
//! children against their targets (the rows of `chibo targets report`); PUT sets a unit's
//! target for a year, replacing the one there was. Same rules as the command.
//! `/api/v1/targets/progress` gives a unit's cumulative admissions month by month with its
//! target and year-end forecast (the data of the page's chart).

use axum::Json;
use axum::extract::{Query, State};
use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::targets::{self, TargetInput, TargetReport, TargetValue};
use chibo_domain::dates::parse_date;
use chibo_domain::field::{FieldErrors, Problem as FieldProblem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// The query string of `GET /api/v1/targets`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TargetsParams {
    /// The year (1930–2100).
    pub year: Option<String>,
    /// Code of the unit reported with its direct children; the caller's own unit (or the roots, for an administrator) when absent.
    pub unit: Option<String>,
    /// Admissions are counted up to this day (yyyy-mm-dd or dd/mm/yyyy; today when absent, at most 31 December).
    pub as_of: Option<String>,
}

/// One unit against its target.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetRowDto {
    pub unit_code: String,
    pub unit_name: String,
    /// In people: the count, or the percentage of the members on 1 January rounded half up; without a target of its own, the sum of the children's; null when none.
    pub target: Option<i64>,
    /// Admissions from 1 January to `to` in the unit's subtree.
    pub admitted: i64,
    /// admitted / target × 100 with two decimals, e.g. "106.24"; null without a target or with a target of 0.
    pub percent: Option<String>,
    /// Admitted so far plus the candidates who can still be admitted this year (past the cell vote, with the rules' time limits ending within the year).
    pub forecast: i64,
    /// Members on the report day, the base of the admission rate (STA-05).
    pub members: i64,
    /// TGT-01: admitted / members × 100 with two decimals, e.g. "3.98"; null without members.
    pub admission_rate: Option<String>,
    /// TGT-01: `below`, `within` or `above` the 3–4 % band; null without members.
    pub rate_position: Option<String>,
}

/// The report.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetReportDto {
    pub year: i32,
    /// The day the members a percentage applies to are counted on (1 January).
    pub base_day: NaiveDate,
    /// The last day of admissions counted.
    pub to: NaiveDate,
    pub rows: Vec<TargetRowDto>,
}

impl From<&TargetReport> for TargetReportDto {
    fn from(r: &TargetReport) -> Self {
        Self {
            year: r.year,
            base_day: r.base_day,
            to: r.to,
            rows: r
                .rows
                .iter()
                .map(|row| TargetRowDto {
                    unit_code: row.unit_code.clone(),
                    unit_name: row.unit_name.clone(),
                    target: row.target,
                    admitted: row.admitted,
                    percent: row
                        .percent_hundredths
                        .map(|p| targets::percent_text(p, '.')),
                    forecast: row.forecast,
                    members: row.members,
                    admission_rate: row
                        .admission_rate_hundredths
                        .map(|p| targets::percent_text(p, '.')),
                    rate_position: row.rate_position.map(|p| {
                        match p {
                            chibo_domain::goals::RatePosition::Below => "below",
                            chibo_domain::goals::RatePosition::Within => "within",
                            chibo_domain::goals::RatePosition::Above => "above",
                        }
                        .to_owned()
                    }),
                })
                .collect(),
        }
    }
}

/// A target to set: give exactly one of `count` and `percent`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TargetBody {
    /// The unit's code.
    pub unit: String,
    pub year: Option<i64>,
    /// A whole number of admissions, zero or more.
    pub count: Option<i64>,
    /// A percentage of the unit's members on 1 January, above 0 and at most 100, up to two decimals.
    pub percent: Option<f64>,
}

/// The target as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetDto {
    pub unit: String,
    pub year: i32,
    pub count: Option<i64>,
    /// Two decimals, e.g. "3.50".
    pub percent: Option<String>,
    pub set_by: String,
}

/// The year and the report day of the query string; every bad one named.
fn year_and_day(p: &TargetsParams) -> Result<(i32, Option<NaiveDate>), ApiError> {
    let mut e = FieldErrors::new();
    let year = e.take("year", targets::parse_year(p.year.as_deref().unwrap_or("")));
    let as_of = match p.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => e
            .take(
                "as_of",
                parse_date(s).map_err(|_| FieldProblem::InvalidDate),
            )
            .map(Some),
        None => Some(None),
    };
    match (year, as_of, e.is_empty()) {
        (Some(year), Some(as_of), true) => Ok((year, as_of)),
        _ => Err(AppError::Invalid(e.into_vec()).into()),
    }
}

/// A unit and its direct children against their admission targets for a year.
#[utoipa::path(get, path = "/targets", tag = "targets", params(TargetsParams),
    responses((status = 200, body = TargetReportDto), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn report(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<TargetsParams>,
) -> Result<Json<TargetReportDto>, ApiError> {
    let (year, as_of) = year_and_day(&p)?;
    let unit = p.unit.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let r = targets::report(&s.app, By::User(&actor), year, unit, as_of).await?;
    Ok(Json(TargetReportDto::from(&r)))
}

/// Sets a unit's admission target for a year, replacing the one there was (administrators; officers within their scope). Audited.
#[utoipa::path(put, path = "/targets", tag = "targets", request_body = TargetBody,
    responses((status = 200, body = TargetDto), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn put(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(b): ApiJson<TargetBody>,
) -> Result<Json<TargetDto>, ApiError> {
    let input = TargetInput {
        unit: b.unit.clone(),
        year: b.year.map(|y| y.to_string()).unwrap_or_default(),
        count: b.count.map(|n| n.to_string()),
        percent: b.percent.map(|p| p.to_string()),
    };
    let t = targets::set(&s.app, By::User(&actor), &input).await?;
    let (count, percent) = match t.value {
        TargetValue::Count(n) => (Some(n), None),
        TargetValue::PercentHundredths(h) => (None, Some(targets::percent_text(i64::from(h), '.'))),
    };
    Ok(Json(TargetDto {
        unit: b.unit.trim().to_owned(),
        year: t.year,
        count,
        percent,
        set_by: t.set_by,
    }))
}

/// Admissions from 1 January to the end of a month.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthProgressDto {
    /// 1 to 12.
    pub month: u32,
    /// The last day counted: the month's last day, or the report day for its month.
    pub until: NaiveDate,
    /// Cumulative since 1 January.
    pub admitted: i64,
}

/// A unit's progress over the year against its target.
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetProgressDto {
    pub year: i32,
    /// Null for the whole registry (its roots added up).
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    /// The last day of admissions counted: the earlier of `as_of` and 31 December.
    pub to: NaiveDate,
    /// January up to the month of `to`, never a month after it; the last one's `admitted` is the report's.
    pub months: Vec<MonthProgressDto>,
    /// In people, as in the report; null when none.
    pub target: Option<i64>,
    /// Admissions expected by 31 December, as in the report.
    pub forecast: i64,
}

/// A unit's cumulative admissions month by month up to `as_of`, with its target and year-end forecast.
#[utoipa::path(get, path = "/targets/progress", tag = "targets", params(TargetsParams),
    responses((status = 200, body = TargetProgressDto), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn progress(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<TargetsParams>,
) -> Result<Json<TargetProgressDto>, ApiError> {
    let (year, as_of) = year_and_day(&p)?;
    let unit = p.unit.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let r = targets::progress_by_month(&s.app, By::User(&actor), unit, year, as_of).await?;
    Ok(Json(TargetProgressDto {
        year: r.year,
        unit_code: r.unit_code,
        unit_name: r.unit_name,
        to: r.to,
        months: r
            .months
            .iter()
            .map(|m| MonthProgressDto {
                month: m.month,
                until: m.until,
                admitted: m.admitted,
            })
            .collect(),
        target: r.target,
        forecast: r.forecast,
    }))
}
