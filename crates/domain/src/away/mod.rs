//! Members working away from home (đảng viên làm ăn xa, rules AWY-01 … AWY-04): the record a
//! cell keeps on them, temporary exemption and its renewal, monthly contact, and ties with
//! the residence cell. The state itself is the member's `working_away` overlay.

mod exemption;
mod params;
mod record;
mod residence;
mod violation;

pub use exemption::{
    AwayAbsence, RenewalSchedule, absence_on, absence_while_away, check_temporary_exemption,
    exemption_chain, renewal_schedule, renewal_status, temporarily_exempted_on, transfer_prompt,
};
pub use params::AwayParams;
pub use record::{AwayPeriod, ContactChannel, ContactEntry, TemporaryExemption};
pub use residence::{
    ResidenceFacts, ResidenceTie, ResidenceTieException, residence_comment_missing, residence_tie,
};
pub use violation::AwayViolation;
