//! The working-day calendar for administrators: a year's holidays, days off and make-up
//! working days, a form to add or change the entry of a date, and a delete button per row.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use chibo_app::calendar::{self, CalendarInput};
use chibo_domain::access::Actor;
use chibo_domain::calendar::{CalendarEntry, DayKind};
use chibo_domain::dates::parse_date;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::form::{Field, options};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    year: Option<i32>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    date: String,
}

/// One row of the year's table.
pub struct Row {
    pub date: String,
    pub iso: String,
    pub weekday: &'static str,
    pub kind: &'static str,
    pub name: String,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    layout: Layout,
    year: i32,
    rows: Vec<Row>,
    alert: Option<String>,
    fields: Vec<Field>,
}

const KINDS: [DayKind; 3] = [DayKind::Holiday, DayKind::DayOff, DayKind::MakeupWorkday];

fn fields(i: &CalendarInput) -> Vec<Field> {
    vec![
        Field::date("date", &i.date).required(),
        Field::select(
            "kind",
            &i.kind,
            options(
                "— chọn loại —",
                KINDS
                    .iter()
                    .map(|k| (k.code(), messages::day_kind(k.code()))),
            ),
        )
        .required(),
        Field::text("name", &i.name)
            .required()
            .hint("ví dụ: Nghỉ Tết Nguyên đán, Làm bù cho ngày 02/05"),
    ]
}

fn row(e: &CalendarEntry) -> Row {
    Row {
        date: format::date(&e.date),
        iso: e.date.to_string(),
        weekday: messages::weekday(e.date.weekday()),
        kind: messages::day_kind(e.kind.code()),
        name: e.name.clone(),
    }
}

async fn page(
    s: &AppState,
    actor: &Actor,
    token: &CsrfToken,
    year: i32,
    input: &CalendarInput,
) -> Result<CalendarPage, AppError> {
    let entries = calendar::list(&s.app, actor, Some(year)).await?;
    Ok(CalendarPage {
        layout: Layout::new(actor, token, "Lịch ngày nghỉ, ngày lễ", Section::Calendar),
        year,
        rows: entries.iter().map(row).collect(),
        alert: None,
        fields: fields(input),
    })
}

fn this_year() -> i32 {
    chibo_app::clock::today().year()
}

/// A year the page can show (chrono's range, and a sane one).
fn clamp_year(y: i32) -> i32 {
    y.clamp(1930, 2200)
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let year = clamp_year(q.year.unwrap_or_else(this_year));
    let input = CalendarInput {
        kind: DayKind::DayOff.code().into(),
        ..CalendarInput::default()
    };
    let p = page(&s, &actor, &token, year, &input).await?;
    render(token, p)
}

fn link(year: i32) -> String {
    format!("/admin/calendar?year={year}")
}

pub async fn save(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<CalendarInput>,
) -> Result<Response, WebError> {
    match calendar::save(&s.app, &actor, &input).await {
        Ok(e) => Ok(redirect(&headers, &link(e.date.year()))),
        Err(e @ AppError::Invalid(_)) => {
            let year = parse_date(&input.date).map_or_else(|_| this_year(), |d| d.year());
            let mut p = page(&s, &actor, &token, clamp_year(year), &input).await?;
            p.alert = Some(place_errors(&mut p.fields, &e));
            render_status(StatusCode::UNPROCESSABLE_ENTITY, token, p)
        }
        Err(other) => Err(other.into()),
    }
}

/// Puts each field error next to its field; returns the alert above the form.
fn place_errors(fields: &mut [Field], error: &AppError) -> String {
    let mut alert = messages::INVALID.to_owned();
    if let AppError::Invalid(errors) = error {
        for e in errors {
            match fields.iter_mut().find(|f| f.name == e.field) {
                Some(f) => f.error = Some(messages::problem(&e.problem)),
                None => {
                    alert.push(' ');
                    alert.push_str(&messages::field_error(e));
                }
            }
        }
    }
    alert
}

pub async fn delete(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { form, .. }: CsrfForm<DeleteForm>,
) -> Result<Response, WebError> {
    let date: NaiveDate = parse_date(&form.date).map_err(|_| AppError::NotFound)?;
    calendar::delete(&s.app, &actor, date).await?;
    Ok(redirect(&headers, &link(date.year())))
}
