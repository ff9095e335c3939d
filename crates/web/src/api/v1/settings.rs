//! `/api/v1/settings`: the configurable rule values (GEN-03) in force on a day, and setting
//! one from a day on; administrators only. Its shapes live here: nothing else uses them.

use axum::Json;
use axum::extract::{Query, State};
use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::settings::{self, InForce, SettingInput};
use chibo_domain::field::Problem as FieldProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// One setting as in force on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingDto {
    /// The setting's name, e.g. `letter_presentation_limit`.
    pub key: String,
    /// Its value as text: a count, `true`/`false`, a code, a percentage (`0.5%`), a list of
    /// percentages (`30,50,70,100`) or a month (`2026-03`).
    pub value: String,
    /// The rule it belongs to, e.g. `TRF-02`.
    pub rule: Option<String>,
    /// The day the value took effect; absent for the rule catalogue's default.
    pub valid_from: Option<NaiveDate>,
}

impl From<InForce> for SettingDto {
    fn from(l: InForce) -> Self {
        Self {
            key: l.key,
            value: l.value,
            rule: l.rule.map(str::to_owned),
            valid_from: l.since,
        }
    }
}

/// A value to set.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct SettingBody {
    pub key: String,
    pub value: String,
    /// The day the value takes effect (`yyyy-mm-dd` or `dd/mm/yyyy`); today when absent.
    pub valid_from: Option<String>,
}

/// `?on=` (today when absent).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct OnParams {
    /// `yyyy-mm-dd` or `dd/mm/yyyy`.
    pub on: Option<String>,
}

/// Every setting in force on a day, by name.
#[utoipa::path(get, path = "/settings", tag = "settings", params(OnParams),
    responses((status = 200, body = Vec<SettingDto>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn list(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<OnParams>,
) -> Result<Json<Vec<SettingDto>>, ApiError> {
    let on = match p.on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(
            chibo_domain::dates::parse_date(d)
                .map_err(|_| ApiError(AppError::field("on", FieldProblem::InvalidDate)))?,
        ),
    };
    let lines = settings::in_force(&s.app, By::User(&actor), on).await?;
    Ok(Json(lines.into_iter().map(SettingDto::from).collect()))
}

/// Sets one value from a day on, as a new version (earlier events keep the value in force on
/// their date); the setting as in force from that day.
#[utoipa::path(post, path = "/settings", tag = "settings", request_body = SettingBody,
    responses((status = 200, body = SettingDto), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn set(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(b): ApiJson<SettingBody>,
) -> Result<Json<SettingDto>, ApiError> {
    let input = SettingInput {
        key: b.key,
        value: b.value,
        valid_from: b.valid_from.unwrap_or_default(),
    };
    let (_, from) = settings::set_input(&s.app, By::User(&actor), &input).await?;
    let line = settings::in_force(&s.app, By::User(&actor), Some(from))
        .await?
        .into_iter()
        .find(|l| l.key == input.key.trim())
        .ok_or_else(|| AppError::Internal(format!("setting {}", input.key)))?;
    Ok(Json(SettingDto::from(line)))
}
