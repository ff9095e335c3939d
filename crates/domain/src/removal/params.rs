//! The configurable values of the removal rules, with the rule catalogue's defaults.

use serde::{Deserialize, Serialize};

/// Settings of the removal, complaint and screening procedures. `Default` gives the
/// catalogue's values; a deployment loads those in force (GEN-03) and passes them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovalParams {
    /// REM-05: unanswered requests to self-review after which the cell may vote without one.
    pub max_requests: u32,
    /// REM-06: working days from receipt of the removal decision to lodge a complaint.
    pub complaint_wd: u32,
    /// REM-06: working days to settle a complaint locally.
    pub resolve_local_wd: u32,
    /// REM-06: working days to settle a complaint centrally.
    pub resolve_central_wd: u32,
    /// REM-07: months from receipt of a disciplinary decision to complain.
    pub discipline_complaint_months: u32,
    /// REM-07, ADM-05: months a measure stays in force (barring the member from sponsoring an
    /// applicant). The rules give no figure; a year is the period after which a disciplined
    /// member's standing is usually reviewed, so it is the default.
    pub discipline_in_force_months: u32,
    /// REM-09: months of help before the screening review.
    pub help_period_months: u32,
}

impl Default for RemovalParams {
    fn default() -> Self {
        Self {
            max_requests: 3,
            complaint_wd: 30,
            resolve_local_wd: 90,
            resolve_central_wd: 180,
            discipline_complaint_months: 1,
            discipline_in_force_months: 12,
            help_period_months: 12,
        }
    }
}
