//! The statistics page: a date, a unit, up to two dimensions, a period and a comparison date;
//! a pivot table of members (first dimension by second, with totals), the full table of
//! measures, a CSV download and a bar chart of the first dimension (inline SVG by charts-rs,
//! which styles with presentation attributes only, so the page's CSP holds).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::{clock, stats};
use chibo_domain::stats::{Dimension, StatsInput, StatsQuery, StatsResult};

use super::layout::{Layout, Section};
use super::{render, render_status};
use crate::auth::Caller;
use crate::error::WebError;
use crate::{AppState, format, messages};

#[derive(Debug, Default)]
struct Filters {
    as_of: String,
    unit: String,
    by: Vec<String>,
    from: String,
    to: String,
    compare: String,
}

impl Filters {
    fn parse(raw: Option<&str>) -> Self {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(raw.unwrap_or_default()).unwrap_or_default();
        let mut f = Filters::default();
        for (k, v) in pairs {
            match k.as_str() {
                "as_of" => f.as_of = v,
                "unit" => f.unit = v,
                "by" => f.by.extend(
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                ),
                "from" => f.from = v,
                "to" => f.to = v,
                "compare" => f.compare = v,
                _ => {}
            }
        }
        f
    }

    fn input(&self) -> StatsInput {
        let some = |s: &str| Some(s.to_owned());
        StatsInput {
            as_of: some(&self.as_of),
            unit: some(&self.unit),
            by: Some(self.by.join(",")),
            from: some(&self.from),
            to: some(&self.to),
            compare: some(&self.compare),
            format: None,
        }
    }

    /// The query string of the API giving the same table as CSV.
    fn csv_link(&self) -> String {
        let by = self.by.join(",");
        let pairs = [
            ("format", "csv"),
            ("as_of", self.as_of.as_str()),
            ("unit", self.unit.as_str()),
            ("by", by.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
            ("compare", self.compare.as_str()),
        ];
        let kept: Vec<(&str, &str)> = pairs
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        format!(
            "/api/v1/stats?{}",
            serde_urlencoded::to_string(kept).unwrap_or_default()
        )
    }
}

/// One line of the pivot: a value of the first dimension, members per value of the second.
struct PivotRow {
    label: String,
    cells: Vec<i64>,
    total: i64,
}

struct Pivot {
    row_head: &'static str,
    col_head: Option<&'static str>,
    cols: Vec<String>,
    rows: Vec<PivotRow>,
    col_totals: Vec<i64>,
    total: i64,
}

struct Table {
    head: Vec<String>,
    dims: usize,
    rows: Vec<Vec<String>>,
    total: Vec<String>,
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    layout: Layout,
    f: Filters,
    dims: Vec<(&'static str, &'static str, bool)>,
    errors: Vec<String>,
    scope: String,
    day_text: String,
    pivot: Option<Pivot>,
    table: Option<Table>,
    csv_link: String,
    chart: Option<String>,
}

/// (key, label) of each row's value of dimension `i` of `by`.
fn values_of(r: &StatsResult, i: usize) -> Vec<(String, String)> {
    let col = r.query.by[..i]
        .iter()
        .map(|d| d.columns().len())
        .sum::<usize>();
    let d = r.query.by[i];
    r.rows
        .iter()
        .map(|row| match d {
            Dimension::Unit => (row.dims[col].clone(), row.dims[col + 1].clone()),
            other => (
                row.dims[col].clone(),
                messages::dimension_value(other.code(), &row.dims[col]),
            ),
        })
        .collect()
}

fn pivot(main: &StatsResult, first: &StatsResult, second: Option<&StatsResult>) -> Pivot {
    let rows_order: Vec<(String, String)> = values_of(first, 0);
    let cols: Vec<(String, String)> = second.map(|s| values_of(s, 0)).unwrap_or_default();
    let keys1 = values_of(main, 0);
    let keys2 = if second.is_some() {
        values_of(main, 1)
    } else {
        Vec::new()
    };
    let width = cols.len().max(1);
    let mut rows: Vec<PivotRow> = rows_order
        .iter()
        .map(|(_, label)| PivotRow {
            label: label.clone(),
            cells: vec![0; width],
            total: 0,
        })
        .collect();
    for (i, row) in main.rows.iter().enumerate() {
        let members = row.values.first().copied().unwrap_or(0);
        let Some(r) = rows_order.iter().position(|k| k.0 == keys1[i].0) else {
            continue;
        };
        let c = if second.is_some() {
            cols.iter().position(|k| k.0 == keys2[i].0).unwrap_or(0)
        } else {
            0
        };
        rows[r].cells[c] += members;
        rows[r].total += members;
    }
    let col_totals = (0..width)
        .map(|c| rows.iter().map(|r| r.cells[c]).sum())
        .collect();
    Pivot {
        row_head: messages::dimension(main.query.by[0].code()),
        col_head: main.query.by.get(1).map(|d| messages::dimension(d.code())),
        cols: cols.into_iter().map(|c| c.1).collect(),
        rows,
        col_totals,
        total: main.total.first().copied().unwrap_or(0),
    }
}

fn table(r: &StatsResult) -> Table {
    let mut head: Vec<String> = Vec::new();
    for d in &r.query.by {
        if *d == Dimension::Unit {
            head.push("Mã".into());
        }
        head.push(messages::dimension(d.code()).to_owned());
    }
    let dims = head.len();
    head.extend(r.measure_columns.iter().map(|m| messages::measure(m)));
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = Vec::new();
            let mut col = 0;
            for d in &r.query.by {
                if *d == Dimension::Unit {
                    cells.push(row.dims[col].clone());
                    cells.push(row.dims[col + 1].clone());
                    col += 2;
                } else {
                    cells.push(messages::dimension_value(d.code(), &row.dims[col]));
                    col += 1;
                }
            }
            cells.extend(row.values.iter().map(format::num));
            cells
        })
        .collect();
    Table {
        head,
        dims,
        rows,
        total: r.total.iter().map(format::num).collect(),
    }
}

/// A bar chart of members by the first dimension.
fn chart(first: &StatsResult) -> Option<String> {
    let labels: Vec<String> = values_of(first, 0).into_iter().map(|v| v.1).collect();
    if labels.is_empty() {
        return None;
    }
    let values: Vec<f32> = first
        .rows
        .iter()
        .map(|r| r.values.first().copied().unwrap_or(0) as f32)
        .collect();
    let series = charts_rs::Series::new("Đảng viên".into(), values);
    let mut c = charts_rs::BarChart::new(vec![series], labels);
    c.width = 720.0;
    c.height = 320.0;
    c.svg().ok()
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    RawQuery(raw): RawQuery,
) -> Result<Response, WebError> {
    let mut f = Filters::parse(raw.as_deref());
    if f.as_of.trim().is_empty() {
        f.as_of = format::date(&clock::today());
    }
    let mut errors = Vec::new();
    let query = match f.input().parse(clock::today()) {
        Ok(q) if q.by.len() > 2 => {
            errors.push(messages::STATS_TOO_MANY_DIMENSIONS.to_owned());
            None
        }
        Ok(q) => Some(q),
        Err(fields) => {
            errors.extend(fields.iter().map(messages::field_error));
            None
        }
    };
    let dims = Dimension::ALL
        .iter()
        .map(|d| {
            (
                d.code(),
                messages::dimension(d.code()),
                f.by.iter().any(|b| b == d.code()),
            )
        })
        .collect();
    let mut page = StatsPage {
        layout: Layout::new(&actor, &token, "Thống kê đảng viên", Section::Stats),
        csv_link: f.csv_link(),
        f,
        dims,
        errors,
        scope: String::new(),
        day_text: String::new(),
        pivot: None,
        table: None,
        chart: None,
    };
    let Some(q) = query else {
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
    };
    let by = By::User(&actor);
    let main = stats::query(&s.app, by, &q).await?;
    let one = |d: Dimension| StatsQuery {
        by: vec![d],
        period: None,
        compare: None,
        ..q.clone()
    };
    if let Some(d1) = q.by.first() {
        let first = stats::query(&s.app, by, &one(*d1)).await?;
        let second = match q.by.get(1) {
            Some(d2) => Some(stats::query(&s.app, by, &one(*d2)).await?),
            None => None,
        };
        page.pivot = Some(pivot(&main, &first, second.as_ref()));
        page.chart = chart(&first);
    }
    page.scope = match &main.unit {
        Some((code, name)) => format!("{name} ({code})"),
        None => "Toàn bộ hệ thống".to_owned(),
    };
    page.day_text = format::date(&q.as_of);
    page.table = Some(table(&main));
    render(token, page)
}
