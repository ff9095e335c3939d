//! Version 1 of the JSON API: units, members, their events and recognition, search,
//! statistics, deadlines, the working-day calendar, admission targets, candidates for
//! admission, transfers and exemptions, cell meetings and members working away.
//! Version 1 of the JSON API: units, members, their events, search, statistics, deadlines,
//! the working-day calendar, admission targets and party fees.

mod away;
mod calendar;
mod candidates;
mod deadlines;
mod discipline;
pub mod dto;
mod export;
mod fees;
mod meetings;
mod members;
mod recognition;
mod removal;
mod report;
mod screening;
mod search;
mod settings;
pub mod stats;
mod targets;
mod transfers;
mod units;
mod warnings;

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
        .routes(routes!(recognition::get))
        .routes(routes!(recognition::review))
        .routes(routes!(recognition::decision))
        .routes(routes!(search::search))
        .routes(routes!(export::export))
        .routes(routes!(stats::stats))
        .routes(routes!(deadlines::list))
        .routes(routes!(discipline::list, discipline::create))
        .routes(routes!(removal::removal_cases, removal::removal_step))
        .routes(routes!(removal::complaints, removal::complaint_step))
        .routes(routes!(removal::leave_cases, removal::leave_step))
        .routes(routes!(warnings::list))
        .routes(routes!(screening::list))
        .routes(routes!(screening::get))
        .routes(routes!(screening::step))
        .routes(routes!(screening::removal))
        .routes(routes!(calendar::list))
        .routes(routes!(calendar::put, calendar::delete))
        .routes(routes!(settings::list, settings::set))
        .routes(routes!(targets::report, targets::put))
        .routes(routes!(targets::progress))
        .routes(routes!(candidates::board, candidates::create))
        .routes(routes!(candidates::get_candidate))
        .routes(routes!(candidates::record_step))
        .routes(routes!(transfers::in_transit))
        .routes(routes!(transfers::incoming))
        .routes(routes!(transfers::arrivals))
        .routes(routes!(transfers::issue))
        .routes(routes!(transfers::present))
        .routes(routes!(transfers::confirm))
        .routes(routes!(transfers::start_temporary))
        .routes(routes!(transfers::renew_temporary))
        .routes(routes!(transfers::return_temporary))
        .routes(routes!(transfers::exemptions_of, transfers::decide))
        .routes(routes!(transfers::renew_exemption))
        .routes(routes!(transfers::resume))
        .routes(routes!(meetings::list, meetings::create))
        .routes(routes!(meetings::compliance))
        .routes(routes!(meetings::get_meeting, meetings::update))
        .routes(routes!(meetings::attendance))
        .routes(routes!(away::list))
        .routes(routes!(away::get_away, away::declare, away::update))
        .routes(routes!(away::end))
        .routes(routes!(away::contact))
        .routes(routes!(away::exemption))
        .routes(routes!(candidates::update_education))
        .routes(routes!(candidates::add_document))
        .routes(routes!(fees::sheet))
        .routes(routes!(fees::totals))
        .routes(routes!(fees::member, fees::put_profile))
        .routes(routes!(fees::pay))
        .routes(routes!(fees::remit))
        .routes(routes!(fees::rates))
        .routes(routes!(fees::put_flat))
}
