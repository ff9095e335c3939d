//! `/api/v1/stats`: headcounts and flows as of a date, broken down by dimensions; JSON, or CSV
//! with `format=csv`. Same parameters and scope rules as `chibo stats` and the page.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chibo_app::audit::By;
use chibo_app::{AppError, clock, stats};
use chibo_domain::stats::{OutputFormat, StatsInput, StatsResult};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, Problem};
use crate::auth::ApiCaller;

/// The query string of `/api/v1/stats`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// Reporting day (yyyy-mm-dd or dd/mm/yyyy); today when absent.
    pub as_of: Option<String>,
    /// Code of the unit whose subtree is counted; the caller's own unit (or every root for an administrator) when absent.
    pub unit: Option<String>,
    /// Comma-separated dimensions: unit, sex, age_band, ethnicity, religion, education, professional_level, political_theory, party_age_band, status.
    pub by: Option<String>,
    /// First day of the period measures (with `to`, inclusive).
    pub from: Option<String>,
    /// Last day of the period measures.
    pub to: Option<String>,
    /// A second day whose as-of measures are added (`…_compare`), with the differences (`…_change`).
    pub compare: Option<String>,
    /// `json` (default), `csv` or `table`.
    pub format: Option<String>,
}

impl From<StatsParams> for StatsInput {
    fn from(p: StatsParams) -> Self {
        Self {
            as_of: p.as_of,
            unit: p.unit,
            by: p.by,
            from: p.from,
            to: p.to,
            compare: p.compare,
            format: p.format,
        }
    }
}

/// A unit by code and name.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsUnitDto {
    pub code: String,
    pub name: String,
}

/// A statistics table.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsDto {
    pub as_of: NaiveDate,
    /// The unit counted; absent for the whole registry.
    pub unit: Option<StatsUnitDto>,
    pub by: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub compare: Option<NaiveDate>,
    /// Dimension columns (`unit_code`, `unit_name`, `sex`, …) then measure columns (`members`, `official`, `probationary`, `exempted`, `working_away`, `in_transit`; with a period `admitted` … `not_recognized`; with `compare` each as-of measure as `…_compare` and `…_change`).
    pub columns: Vec<String>,
    /// One object per combination of dimension values with a non-zero measure, sorted by the dimension columns: each column name → its value (strings for dimensions, integers for measures).
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<Map<String, Value>>,
    /// Each measure of the whole scope.
    #[schema(value_type = Object)]
    pub total: Map<String, Value>,
}

impl From<&StatsResult> for StatsDto {
    fn from(r: &StatsResult) -> Self {
        let row = |dims: &[String], values: &[i64]| {
            let mut m = Map::new();
            for (c, v) in r.dim_columns.iter().zip(dims) {
                m.insert((*c).to_owned(), Value::from(v.clone()));
            }
            for (c, v) in r.measure_columns.iter().zip(values) {
                m.insert(c.clone(), Value::from(*v));
            }
            m
        };
        Self {
            as_of: r.query.as_of,
            unit: r.unit.as_ref().map(|(code, name)| StatsUnitDto {
                code: code.clone(),
                name: name.clone(),
            }),
            by: r.query.by.iter().map(|d| d.code().to_owned()).collect(),
            from: r.query.period.map(|p| p.0),
            to: r.query.period.map(|p| p.1),
            compare: r.query.compare,
            columns: r.columns().iter().map(|c| (*c).to_owned()).collect(),
            rows: r.rows.iter().map(|x| row(&x.dims, &x.values)).collect(),
            total: row(&[], &r.total),
        }
    }
}

/// Headcounts as of a day (and flows over a period, and a comparison day), broken down by dimensions, counted as interchange.md defines (the tree as valid on the day; members in transit only in `in_transit`; party groups within their cell).
#[utoipa::path(get, path = "/stats", tag = "stats", params(StatsParams),
    responses((status = 200, body = StatsDto, description = "JSON; with format=csv a text/csv table with a header row"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn stats(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<StatsParams>,
) -> Result<Response, ApiError> {
    let q = StatsInput::from(p)
        .parse(clock::today())
        .map_err(AppError::Invalid)?;
    let result = stats::query(&s.app, By::User(&actor), &q).await?;
    Ok(match q.format.unwrap_or(OutputFormat::Json) {
        OutputFormat::Json => Json(StatsDto::from(&result)).into_response(),
        OutputFormat::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"thong-ke.csv\"",
                ),
            ],
            stats::to_csv(&result)?,
        )
            .into_response(),
        OutputFormat::Table => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            stats::to_table(&result),
        )
            .into_response(),
    })
}
