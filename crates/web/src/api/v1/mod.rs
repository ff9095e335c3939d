//! Version 1 of the JSON API: units, members, their events, search, statistics, deadlines,
//! the working-day calendar, admission targets and party fees.

mod calendar;
mod deadlines;
pub mod dto;
mod export;
mod fees;
mod members;
mod search;
pub mod stats;
mod targets;
mod units;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(units::list, units::create))
        .routes(routes!(units::get_unit))
        .routes(routes!(units::children))
        .routes(routes!(units::rename))
        .routes(routes!(units::relocate))
        .routes(routes!(units::merge))
        .routes(routes!(units::dissolve))
        .routes(routes!(members::list, members::create))
        .routes(routes!(members::get_member, members::update))
        .routes(routes!(members::events, members::record))
        .routes(routes!(members::void))
        .routes(routes!(search::search))
        .routes(routes!(export::export))
        .routes(routes!(stats::stats))
        .routes(routes!(deadlines::list))
        .routes(routes!(calendar::list))
        .routes(routes!(calendar::put, calendar::delete))
        .routes(routes!(targets::report, targets::put))
        .routes(routes!(targets::progress))
        .routes(routes!(fees::sheet))
        .routes(routes!(fees::totals))
        .routes(routes!(fees::member, fees::put_profile))
        .routes(routes!(fees::pay))
        .routes(routes!(fees::remit))
        .routes(routes!(fees::rates))
        .routes(routes!(fees::put_flat))
}
