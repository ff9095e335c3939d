//! The rule checks of the candidate pipeline (rules ADM-01 … ADM-15, PRB-05): pure functions
//! over facts the caller gathers, each refusing with a [`RuleViolation`] naming its rule.

mod age;
mod certificate;
mod deadline;
mod dossier;
mod education;
mod params;
mod pipeline;
mod sponsor;
mod violation;
mod vote;

pub use age::{
    Over60Exception, Over60Ground, ProvincialConsent, check_age, check_over_60_exception,
};
pub use certificate::check_awareness_certificate;
pub use deadline::{
    admission_decision_due, ceremony_due, check_ceremony_on_time, latest_admission_day,
};
pub use dossier::{
    COMMENT_EXCEPTIONS, DecidingBody, Dossier, DossierItem, VERIFIED_RELATIONS, check_comments,
    check_decision_authority, check_dossier, check_verification, missing_dossier_items,
};
pub use education::{EducationCase, EducationLevel, check_education};
pub use params::AdmissionParams;
pub use pipeline::{Stage, check_next_stage};
pub use sponsor::{
    Endorsement, EndorsingBody, ReplacementReason, Sponsor, check_sponsor, check_sponsors,
};
pub use violation::RuleViolation;
pub use vote::{
    CellVote, RecognitionRound, RoundsOutcome, cell_vote_base, check_cell_vote,
    check_committee_vote, needed_for_two_thirds, recognition_rounds, two_thirds,
};
