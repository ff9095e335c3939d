//! The Vietnamese web pages, a module per page group.

pub mod audit;
pub mod away;
pub mod calendar;
pub mod candidates;
pub mod dashboard;
pub mod day_filters;
pub mod deadlines;
pub mod discipline;
pub mod export;
pub mod fees;
pub mod form;
pub mod imports;
pub mod layout;
pub mod login;
pub mod meetings;
pub mod member;
pub mod members;
pub mod recognition;
pub mod removal;
pub mod screening;
pub mod settings;
pub mod stats;
pub mod targets;
pub mod transfers;
pub mod unit;
pub mod unit_actions;
pub mod units;
pub mod warnings;

use askama::Template;
use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_csrf::CsrfToken;
use chrono::NaiveDate;

use crate::AppState;
use crate::error::WebError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/", get(dashboard::show))
        .route("/units", get(units::tree).post(unit_actions::create))
        .route("/units/options", get(units::options))
        .route("/units/{code}", get(unit::show))
        .route("/units/{code}/children", get(units::children))
        .route("/units/{code}/new", get(unit_actions::create_form))
        .route(
            "/units/{code}/rename",
            get(unit_actions::rename_form).post(unit_actions::rename),
        )
        .route(
            "/units/{code}/move",
            get(unit_actions::move_form).post(unit_actions::relocate),
        )
        .route(
            "/units/{code}/merge",
            get(unit_actions::merge_form).post(unit_actions::merge),
        )
        .route(
            "/units/{code}/dissolve",
            get(unit_actions::dissolve_form).post(unit_actions::dissolve),
        )
        .route(
            "/units/{code}/areas",
            get(unit_actions::area_form).post(unit_actions::add_area),
        )
        .route(
            "/units/{code}/areas/{area}/cover",
            post(unit_actions::cover_area),
        )
        .route("/members", get(members::list).post(member::create))
        .route("/members/new", get(member::new_form))
        .route("/members/{id}", get(member::show).post(member::update))
        .route("/members/{id}/edit", get(member::edit_form))
        .route(
            "/members/{id}/events",
            get(member::event_form).post(member::record),
        )
        .route("/members/{id}/events/{event}/void", post(member::void))
        .route(
            "/members/{id}/recognition/review",
            get(recognition::review_form).post(recognition::review),
        )
        .route(
            "/members/{id}/recognition/decision",
            get(recognition::decision_form).post(recognition::decision),
        )
        .route(
            "/members/{id}/removal",
            get(removal::removal_form).post(removal::removal),
        )
        .route(
            "/members/{id}/complaints",
            get(removal::complaint_form).post(removal::complaint),
        )
        .route(
            "/members/{id}/leave",
            get(removal::leave_form).post(removal::leave),
        )
        .route("/removals", get(removal::list))
        .route(
            "/candidates",
            get(candidates::board).post(candidates::create),
        )
        .route("/candidates/new", get(candidates::new_form))
        .route("/candidates/{key}", get(candidates::show))
        .route("/candidates/{key}/steps", post(candidates::record))
        .route("/away", get(away::list))
        .route(
            "/members/{id}/away",
            get(away::declare_form).post(away::declare),
        )
        .route(
            "/members/{id}/away/edit",
            get(away::edit_form).post(away::edit),
        )
        .route(
            "/members/{id}/away/end",
            get(away::end_form).post(away::end),
        )
        .route(
            "/members/{id}/away/contacts",
            get(away::contact_form).post(away::contact),
        )
        .route(
            "/members/{id}/away/exemptions",
            get(away::exemption_form).post(away::exemption),
        )
        .route("/candidates/{key}/education", post(candidates::education))
        .route("/candidates/{key}/documents", post(candidates::document))
        .route("/audit", get(audit::show))
        .route(
            "/imports",
            get(imports::list)
                .post(imports::upload)
                // A province's data set zipped runs to tens of megabytes, the country's to hundreds.
                .layer(axum::extract::DefaultBodyLimit::max(IMPORT_LIMIT_BYTES)),
        )
        .route("/imports/{id}", get(imports::show))
        .route("/imports/{id}/progress", get(imports::progress))
        .route("/imports/{id}/errors.csv", get(imports::errors))
        .route("/units/{code}/export.zip", get(export::unit_zip))
        .route("/stats", get(stats::show))
        .route("/deadlines", get(deadlines::list))
        .route("/warnings", get(warnings::list))
        .route("/screening", get(screening::list))
        .route(
            "/members/{id}/screening/flag",
            get(screening::flag_form).post(screening::flag),
        )
        .route(
            "/members/{id}/screening/help",
            get(screening::help_form).post(screening::help),
        )
        .route(
            "/members/{id}/screening/review",
            get(screening::review_form).post(screening::review),
        )
        .route(
            "/members/{id}/screening/removal",
            get(screening::removal_form).post(screening::removal),
        )
        .route(
            "/members/{id}/discipline",
            get(discipline::form).post(discipline::record),
        )
        .route("/targets", get(targets::show).post(targets::set))
        .route("/transfers", get(transfers::list))
        .route("/transfers/incoming", get(transfers::incoming))
        .route(
            "/transfers/{letter}/present",
            get(transfers::present_form).post(transfers::present),
        )
        .route(
            "/transfers/{letter}/confirm",
            get(transfers::confirm_form).post(transfers::confirm),
        )
        .route(
            "/members/{id}/transfer",
            get(transfers::issue_form).post(transfers::issue),
        )
        .route(
            "/members/{id}/temporary",
            get(transfers::temporary_form).post(transfers::temporary),
        )
        .route(
            "/temporary/{temporary}/renew",
            get(transfers::renew_form).post(transfers::renew),
        )
        .route(
            "/temporary/{temporary}/return",
            get(transfers::return_form).post(transfers::return_home),
        )
        .route(
            "/members/{id}/exemption",
            get(transfers::exemption_form).post(transfers::exemption),
        )
        .route(
            "/exemptions/{exemption}/renew",
            get(transfers::exemption_renew_form).post(transfers::exemption_renew),
        )
        .route(
            "/exemptions/{exemption}/resume",
            get(transfers::resume_form).post(transfers::resume),
        )
        .route("/meetings", get(meetings::index).post(meetings::create))
        .route("/meetings/new", get(meetings::new_form))
        .route("/meetings/{id}", get(meetings::show))
        .route(
            "/meetings/{id}/edit",
            get(meetings::edit_form).post(meetings::update),
        )
        .route(
            "/meetings/{id}/attendance",
            get(meetings::attendance_form).post(meetings::attendance_save),
        )
        .route("/fees", get(fees::show))
        .route("/fees/sheet", get(fees::print))
        .route("/fees/members/{id}/pay", post(fees::pay))
        .route("/fees/remittances", post(fees::remit))
        .route(
            "/members/{id}/fees",
            get(fees::member).post(fees::set_profile),
        )
        .route("/members/{id}/fees/payments", post(fees::record_payment))
        .route("/admin/calendar", get(calendar::show).post(calendar::save))
        .route("/admin/calendar/delete", post(calendar::delete))
        .route("/settings", get(settings::show).post(settings::save))
}

/// The largest upload an import accepts.
pub const IMPORT_LIMIT_BYTES: usize = 2 << 30;

/// A rendered page, with the CSRF cookie it needs to post its forms back.
pub fn render(token: CsrfToken, page: impl Template) -> Result<Response, WebError> {
    Ok((token, Html(page.render()?)).into_response())
}

/// A page rendered with a status other than 200 (a form sent back with its errors: 422).
pub fn render_status(
    status: StatusCode,
    token: CsrfToken,
    page: impl Template,
) -> Result<Response, WebError> {
    Ok((status, token, Html(page.render()?)).into_response())
}

/// After a successful POST: go to `to` (htmx is told with a header, browsers with a 303).
pub fn redirect(headers: &HeaderMap, to: &str) -> Response {
    if headers.contains_key("hx-request") {
        return ([("hx-redirect", to.to_owned())], StatusCode::NO_CONTENT).into_response();
    }
    Redirect::to(to).into_response()
}

/// The day a page shows: `on` as typed (dd/mm/yyyy or yyyy-mm-dd), else today. A date that
/// does not parse comes back as a message and today.
pub fn view_day(on: Option<&str>) -> (NaiveDate, Option<String>) {
    let today = chibo_app::clock::today();
    match on.map(str::trim).filter(|s| !s.is_empty()) {
        None => (today, None),
        Some(s) => match chibo_domain::dates::parse_date(s) {
            Ok(d) => (d, None),
            Err(_) => (
                today,
                Some(format!(
                    "«{}»: {}",
                    crate::messages::field_label("day"),
                    crate::messages::problem(&chibo_domain::field::Problem::InvalidDate)
                )),
            ),
        },
    }
}

/// `?on=` for links that keep the day being viewed (empty for today).
pub fn day_query(day: NaiveDate) -> String {
    if day == chibo_app::clock::today() {
        String::new()
    } else {
        format!("?on={}", crate::format::date(&day))
    }
}
