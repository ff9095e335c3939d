//! The rule settings for administrators (GEN-03): every configurable rule value in force on a
//! day (today by default) with its rule and the day it took effect, and a form to set a value
//! from a day on.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::settings::{self, InForce, SettingInput};
use chibo_domain::access::Actor;
use chibo_domain::dates::parse_date;
use chrono::NaiveDate;
use serde::Deserialize;

use super::form::{Field, options, place_errors};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::{WebError, status_of};
use crate::{AppState, format};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OnQuery {
    on: Option<String>,
}

/// One row of the table.
pub struct Row {
    pub key: String,
    pub rule: &'static str,
    pub value: String,
    /// dd/mm/yyyy, or empty for the catalogue's default.
    pub since: String,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    /// The day shown, dd/mm/yyyy.
    on: String,
    rows: Vec<Row>,
    alert: Option<String>,
    fields: Vec<Field>,
}

fn fields(i: &SettingInput) -> Vec<Field> {
    vec![
        Field::select(
            "key",
            &i.key,
            options("— chọn tham số —", settings::KEYS.iter().map(|k| (*k, *k))),
        )
        .required(),
        Field::text("value", &i.value)
            .required()
            .hint("số nguyên, true/false, mã, tỷ lệ % (ví dụ 0,5) hoặc tháng (mm/yyyy)"),
        Field::date("valid_from", &i.valid_from)
            .required()
            .label("Áp dụng từ ngày"),
    ]
}

fn row(l: InForce) -> Row {
    Row {
        rule: l.rule.unwrap_or(""),
        since: l.since.as_ref().map(format::date).unwrap_or_default(),
        key: l.key,
        value: l.value,
    }
}

async fn page(
    s: &AppState,
    actor: &Actor,
    token: &CsrfToken,
    on: NaiveDate,
    input: &SettingInput,
) -> Result<SettingsPage, AppError> {
    let lines = settings::in_force(&s.app, By::User(actor), Some(on)).await?;
    Ok(SettingsPage {
        layout: Layout::new(actor, token, "Tham số quy định", Section::Settings),
        on: format::date(&on),
        rows: lines.into_iter().map(row).collect(),
        alert: None,
        fields: fields(input),
    })
}

fn today_text() -> String {
    format::date(&chibo_app::clock::today())
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<OnQuery>,
) -> Result<Response, WebError> {
    // A day that does not parse shows today, as the other day pickers do.
    let on =
        q.on.as_deref()
            .and_then(|d| parse_date(d).ok())
            .unwrap_or_else(chibo_app::clock::today);
    let input = SettingInput {
        valid_from: today_text(),
        ..SettingInput::default()
    };
    let p = page(&s, &actor, &token, on, &input).await?;
    render(token, p)
}

pub async fn save(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<SettingInput>,
) -> Result<Response, WebError> {
    match settings::set_input(&s.app, By::User(&actor), &input).await {
        Ok((_, from)) => Ok(redirect(
            &headers,
            &format!("/settings?on={}", from.format("%Y-%m-%d")),
        )),
        Err(e @ AppError::Invalid(_)) => {
            let on = parse_date(&input.valid_from).unwrap_or_else(|_| chibo_app::clock::today());
            let mut p = page(&s, &actor, &token, on, &input).await?;
            p.alert = place_errors(&mut p.fields, &e);
            render_status(status_of(&e), token, p)
        }
        Err(other) => Err(other.into()),
    }
}
