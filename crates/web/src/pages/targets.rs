//! Admission targets (issue 5, point 5): a unit and its direct children against their yearly
//! targets, with a bar per unit (a `<meter>` of attainment), a chart of the unit's progress
//! over the year against its target line, and the JSON through the API. Administrators and
//! officers (`SetTargets`) also get a form to set a unit's target, posted to `/targets` and
//! handled by `chibo_app::targets::set`, as `PUT /api/v1/targets` and `chibo targets set` are.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::targets::{TargetInput, TargetProgress};
use chibo_app::{AppError, clock, org, targets};
use chibo_domain::access::Actor;
use chibo_domain::dates::parse_date;
use chibo_domain::field::{FieldError, FieldErrors, Problem};
use chibo_domain::goals::RatePosition;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::form::Field;
use super::layout::{Layout, Section};
use super::{redirect, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

/// A unit's line as the page shows it, numbers in the Vietnamese format.
pub struct Row {
    pub unit_code: String,
    pub unit_name: String,
    pub target: String,
    pub admitted: String,
    pub percent: String,
    /// Attainment for the bar, capped at 100; `None` without a target.
    pub meter: Option<String>,
    pub forecast: String,
    /// TGT-01: the admission rate over the members, and whether it is in the 3–4 % band.
    pub rate: String,
    pub rate_note: &'static str,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub year: String,
    pub unit: String,
    pub as_of: String,
}

#[derive(Template)]
#[template(path = "targets.html")]
struct TargetsPage {
    layout: Layout,
    f: Filters,
    errors: Vec<String>,
    to_text: String,
    rows: Option<Vec<Row>>,
    csv_link: String,
    /// The progress chart (inline SVG) and what it shows.
    chart: Option<String>,
    chart_caption: String,
    /// The form to set a target, for those who may; its alert above it.
    form: Option<Vec<Field>>,
    form_alert: Option<String>,
}

fn vi_percent(h: i64) -> String {
    format!("{},{:02}", format::num(h / 100), h % 100)
}

/// The form's fields: the unit chosen among those of the caller's scope, the year, and a
/// count or a percentage.
async fn form_fields(
    s: &AppState,
    actor: &Actor,
    input: &TargetInput,
) -> Result<Vec<Field>, AppError> {
    let units = org::units_for_picker(&s.app, actor, "", false).await?;
    let options = std::iter::once((String::new(), "— chọn tổ chức đảng —".to_owned()))
        .chain(
            units
                .into_iter()
                .map(|u| (u.code.clone(), format!("{} — {}", u.code, u.name))),
        )
        .collect();
    Ok(vec![
        Field::select("unit", input.unit.trim(), options).required(),
        Field::text("year", &input.year).required().numeric(),
        Field::text("count", input.count.clone().unwrap_or_default())
            .numeric()
            .hint("số người, ví dụ 12; để trống nếu nhập tỷ lệ"),
        Field::text("percent", input.percent.clone().unwrap_or_default())
            .hint("phần trăm số đảng viên ngày 01/01, ví dụ 3,5; để trống nếu nhập số lượng"),
    ])
}

/// Puts each field error next to its field; returns the alert above the form.
fn place_errors(fields: &mut [Field], error: &AppError) -> String {
    let errors = match error {
        AppError::Invalid(errors) => errors.clone(),
        AppError::NoSuchReference { field } => vec![FieldError::new(field, Problem::UnknownUnit)],
        other => return crate::error::user_message(other),
    };
    let mut alert = messages::INVALID.to_owned();
    for e in &errors {
        match fields.iter_mut().find(|f| f.name == e.field) {
            Some(f) => f.error = Some(messages::problem(&e.problem)),
            None => {
                alert.push(' ');
                alert.push_str(&messages::field_error(e));
            }
        }
    }
    alert
}

const MONTHS: [&str; 12] = [
    "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
];

/// Cumulative admissions by month, the target as a flat line and the forecast as a dashed
/// segment from the report day's month to December; none before the year has begun.
fn progress_chart(p: &TargetProgress) -> Option<String> {
    let last = p.months.last()?;
    let k = (last.month as usize).saturating_sub(1);
    let mut done: Vec<Option<f32>> = vec![None; 12];
    for m in &p.months {
        if let Some(slot) = done.get_mut((m.month as usize).saturating_sub(1)) {
            *slot = Some(m.admitted as f32);
        }
    }
    let mut series = vec![charts_rs::Series::new_nullable(
        "Đã kết nạp (lũy kế)".into(),
        done,
    )];
    if let Some(t) = p.target {
        let mut line = charts_rs::Series::new("Chỉ tiêu".into(), vec![t as f32; 12]);
        line.symbol = Some(charts_rs::Symbol::None);
        series.push(line);
    }
    // A straight dashed line: the values in between lie on it, so the segment has no gap.
    let (from, to) = (last.admitted as f32, p.forecast as f32);
    let span = (11 - k.min(11)) as f32;
    let forecast: Vec<Option<f32>> = (0..12)
        .map(|i| match i {
            i if i < k => None,
            _ if span == 0.0 => Some(to),
            i => Some(from + (to - from) * (i - k) as f32 / span),
        })
        .collect();
    let mut dashed = charts_rs::Series::new_nullable("Dự báo cuối năm".into(), forecast);
    dashed.stroke_dash_array = Some("6,4".into());
    dashed.symbol = Some(charts_rs::Symbol::None);
    series.push(dashed);
    let mut c = charts_rs::LineChart::new(series, MONTHS.iter().map(|m| (*m).to_owned()).collect());
    c.width = 720.0;
    c.height = 320.0;
    if let Some(y) = c.y_axis_configs.first_mut() {
        y.min = Some(0.0);
    }
    c.svg().ok()
}

/// The year and the report day as typed, each error named.
fn year_and_day(f: &Filters) -> Result<(i32, Option<NaiveDate>), Vec<FieldError>> {
    let mut e = FieldErrors::new();
    let year = e.take("year", targets::parse_year(&f.year));
    let as_of = match Some(f.as_of.trim()).filter(|s| !s.is_empty()) {
        Some(s) => e
            .take("as_of", parse_date(s).map_err(|_| Problem::InvalidDate))
            .map(Some),
        None => Some(None),
    };
    match (year, as_of, e.is_empty()) {
        (Some(year), Some(as_of), true) => Ok((year, as_of)),
        _ => Err(e.into_vec()),
    }
}

/// The page for `f`, with the form filled with `input` when the caller may set targets.
async fn page(
    s: &AppState,
    actor: &Actor,
    token: &CsrfToken,
    mut f: Filters,
    input: &TargetInput,
) -> Result<(StatusCode, TargetsPage), AppError> {
    if f.year.trim().is_empty() {
        f.year = clock::today().year().to_string();
    }
    let form = if targets::can_set(actor) {
        Some(form_fields(s, actor, input).await?)
    } else {
        None
    };
    let mut page = TargetsPage {
        layout: Layout::new(actor, token, "Chỉ tiêu kết nạp", Section::Stats),
        csv_link: String::new(),
        errors: Vec::new(),
        to_text: String::new(),
        rows: None,
        chart: None,
        chart_caption: String::new(),
        form,
        form_alert: None,
        f,
    };
    let (year, as_of) = match year_and_day(&page.f) {
        Ok(v) => v,
        Err(errors) => {
            page.errors = errors.iter().map(messages::field_error).collect();
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    let unit = Some(page.f.unit.trim()).filter(|s| !s.is_empty());
    let r = targets::report(&s.app, By::User(actor), year, unit, as_of).await?;
    page.to_text = format::date(&r.to);
    let kept: Vec<(&str, String)> = [
        ("year", year.to_string()),
        ("unit", unit.unwrap_or_default().to_owned()),
        ("as_of", r.to.to_string()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    page.csv_link = format!(
        "/api/v1/targets?{}",
        serde_urlencoded::to_string(kept).unwrap_or_default()
    );
    page.rows = Some(
        r.rows
            .iter()
            .map(|row| Row {
                unit_code: row.unit_code.clone(),
                unit_name: row.unit_name.clone(),
                target: row.target.map(format::num).unwrap_or_default(),
                admitted: format::num(row.admitted),
                percent: row.percent_hundredths.map(vi_percent).unwrap_or_default(),
                meter: row
                    .percent_hundredths
                    .map(|p| targets::percent_text(p.min(10_000), '.')),
                forecast: format::num(row.forecast),
                rate: row
                    .admission_rate_hundredths
                    .map(vi_percent)
                    .unwrap_or_default(),
                rate_note: match row.rate_position {
                    Some(RatePosition::Below) => "dưới mức 3–4 %",
                    Some(RatePosition::Within) => "trong mức 3–4 %",
                    Some(RatePosition::Above) => "trên mức 3–4 %",
                    None => "",
                },
            })
            .collect(),
    );
    let progress = targets::progress_by_month(&s.app, By::User(actor), unit, year, as_of).await?;
    page.chart = progress_chart(&progress);
    let who = match (&progress.unit_code, &progress.unit_name) {
        (Some(c), Some(n)) => format!("{n} ({c})"),
        _ => "toàn hệ thống".to_owned(),
    };
    page.chart_caption = format!(
        "Kết nạp lũy kế năm {year} của {who} đến {}: {}; chỉ tiêu: {}; dự báo cuối năm: {}",
        format::date(&progress.to),
        format::num(progress.admitted()),
        progress
            .target
            .map_or_else(|| "chưa đặt".to_owned(), format::num),
        format::num(progress.forecast),
    );
    Ok((StatusCode::OK, page))
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let input = TargetInput {
        unit: f.unit.trim().to_owned(),
        year: if f.year.trim().is_empty() {
            clock::today().year().to_string()
        } else {
            f.year.trim().to_owned()
        },
        ..TargetInput::default()
    };
    let (status, p) = page(&s, &actor, &token, f, &input).await?;
    render_status(status, token, p)
}

/// Sets a target from the form, then shows the unit's report for that year; bad input comes
/// back with the errors next to the fields (422; an unknown unit or one outside the scope 404).
pub async fn set(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<TargetInput>,
) -> Result<Response, WebError> {
    match targets::set(&s.app, By::User(&actor), &input).await {
        Ok(t) => {
            let q = serde_urlencoded::to_string([
                ("year", t.year.to_string()),
                ("unit", input.unit.trim().to_owned()),
            ])
            .unwrap_or_default();
            Ok(redirect(&headers, &format!("/targets?{q}")))
        }
        Err(e @ (AppError::Invalid(_) | AppError::NoSuchReference { .. })) => {
            // The report beside the form: the caller's own unit, the year typed if it reads.
            let f = Filters {
                year: targets::parse_year(&input.year)
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                ..Filters::default()
            };
            let (_, mut p) = page(&s, &actor, &token, f, &input).await?;
            if let Some(fields) = p.form.as_mut() {
                p.form_alert = Some(place_errors(fields, &e));
            }
            render_status(crate::error::status_of(&e), token, p)
        }
        Err(other) => Err(other.into()),
    }
}
