//! Admission targets (issue 5, point 5): a unit and its direct children against their yearly
//! targets, with a bar per unit (a `<meter>` of attainment) and the CSV through the API. The
//! rows and the scope come from `chibo_app::targets::report`; targets are set through
//! `PUT /api/v1/targets` or `chibo targets set`.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::{clock, targets};
use chibo_domain::dates::parse_date;
use chibo_domain::field::{FieldErrors, Problem};
use chrono::Datelike;
use serde::Deserialize;

use super::layout::{Layout, Section};
use super::{render, render_status};
use crate::auth::Caller;
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
}

fn vi_percent(h: i64) -> String {
    format!("{},{:02}", format::num(h / 100), h % 100)
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(mut f): Query<Filters>,
) -> Result<Response, WebError> {
    if f.year.trim().is_empty() {
        f.year = clock::today().year().to_string();
    }
    let mut e = FieldErrors::new();
    let year = e.take("year", targets::parse_year(&f.year));
    let as_of = match Some(f.as_of.trim()).filter(|s| !s.is_empty()) {
        Some(s) => e
            .take("as_of", parse_date(s).map_err(|_| Problem::InvalidDate))
            .map(Some),
        None => Some(None),
    };
    let mut page = TargetsPage {
        layout: Layout::new(&actor, &token, "Chỉ tiêu kết nạp", Section::Stats),
        csv_link: String::new(),
        errors: Vec::new(),
        to_text: String::new(),
        rows: None,
        f,
    };
    let (Some(year), Some(as_of), true) = (year, as_of, e.is_empty()) else {
        page.errors = e.into_vec().iter().map(messages::field_error).collect();
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
    };
    let unit = Some(page.f.unit.trim()).filter(|s| !s.is_empty());
    let r = targets::report(&s.app, By::User(&actor), year, unit, as_of).await?;
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
            })
            .collect(),
    );
    render(token, page)
}
