//! Exemption from party work and activities (miễn công tác và sinh hoạt đảng, rules EXM-01 …
//! EXM-03): who qualifies, the cell's decision and resumption, and what exemption changes.
//! The state itself is the member's `exempted` overlay (events `exempted`, `exemption_ended`).

mod decision;
mod effects;
mod params;
mod qualify;
mod violation;

pub use decision::{ExemptionDecision, ExemptionKind, check_decision, check_resume};
pub use effects::{Rating, in_attendance_base, in_vote_base, owes_dues, rating};
pub use params::{ExemptCondition, ExemptionParams};
pub use qualify::{ExemptionGrounds, ExemptionRequest, check_qualifies};
pub use violation::ExemptionViolation;
