//! Transfers of party activity (rules TRF-01 … TRF-06): the official transfer's start deadline,
//! the transfer letter and the member's time in transit, the letter's required boxes,
//! temporary transfers and members abroad. Plain records in, decisions out.

mod abroad;
mod content;
mod kind;
mod letter;
mod official;
mod params;
mod temporary;
mod violation;

pub use abroad::{AbroadGuidance, classify_abroad, may_form_overseas_cell};
pub use content::{LetterBoxes, LetterContent, validate_letter_content};
pub use kind::TransferKind;
pub use letter::{Closure, ClosureKind, Destination, Presentation, TransferLetter};
pub use official::{MoveReason, official_transfer_start, official_transfer_start_due};
pub use params::{DayUnit, TransferParams};
pub use temporary::{
    Renewal, RenewalOutcome, TemporaryReason, TemporaryTransfer, check_temporary_duration,
};
pub use violation::TransferViolation;
