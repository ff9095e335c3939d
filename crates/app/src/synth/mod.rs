//! Synthetic interchange v1 data (`chibo synth`) at any size up to the national one: the tree
//! of the 34 provinces and their communes from the administrative units file, with the 2025
//! reorganisation as re-parented unit versions, and people with Vietnamese names and event
//! histories from 1975. Streamed: the tree is built first (it is small), then people are made
//! and handed over one at a time, province by province. Pure and deterministic; only `write`
//! touches files.

mod life;
mod orgs;
mod people;
mod plan;
mod tree;
mod write;

use chibo_domain::interchange::{EventRecord, MemberRecord, UnitRecord};
use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use write::{SynthFiles, write};

/// The seed used unless another is given.
pub const DEFAULT_SEED: u64 = 2026;
/// The largest data set: member keys have seven digits.
pub const MAX_PEOPLE: u64 = 9_999_999;

/// The fixed "today" that ends every history unless another is given, so that runs on
/// different days give the same files.
pub fn default_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

/// The earliest "today": the data always includes the 2025 reorganisation.
pub fn earliest_today() -> NaiveDate {
    chibo_storage::reference::reorganisation_day()
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthOptions {
    /// People in members.csv: everyone who was a member at some time since 1975.
    pub people: u64,
    pub seed: u64,
    /// The last day of every history.
    pub today: NaiveDate,
}

/// Where generated rows go, in order: every unit row, then each person with their events.
pub trait SynthSink {
    fn unit(&mut self, unit: &UnitRecord) -> Result<(), SynthError>;
    fn member(&mut self, member: &MemberRecord, events: &[EventRecord]) -> Result<(), SynthError>;
}

/// Rows generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SynthCounts {
    pub units: u64,
    pub members: u64,
    pub events: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("people must be between 1 and {MAX_PEOPLE}")]
    People,
    #[error("today must be on or after the 2025 reorganisation")]
    Today,
    #[error("cannot write {path}: {message}")]
    Write { path: String, message: String },
    #[error("reference data: {0}")]
    Reference(String),
    /// A generated row that breaks the interchange rules: a bug in the generator.
    #[error("generator fault: {0}")]
    Fault(String),
}

/// Generates the data set described by `options` into `sink`.
pub fn generate(
    options: &SynthOptions,
    sink: &mut dyn SynthSink,
) -> Result<SynthCounts, SynthError> {
    if options.people == 0 || options.people > MAX_PEOPLE {
        return Err(SynthError::People);
    }
    if options.today < earliest_today() {
        return Err(SynthError::Today);
    }
    let rows = chibo_storage::reference::admin_unit_rows()
        .map_err(|e| SynthError::Reference(e.to_string()))?;
    let mut rng = stream(options.seed, 0);
    let provinces = plan::plan(&rows, options.people, &mut rng);
    let tree = tree::build(&provinces, &mut rng, sink)?;
    let mut counts = SynthCounts {
        units: tree.unit_rows,
        ..SynthCounts::default()
    };
    let mut next_key = 1u64;
    for (pi, p) in tree.provinces.iter().enumerate() {
        let mut rng = stream(options.seed, 1 + pi as u64);
        let made = people::province(&tree, pi, p, next_key, options.today, &mut rng, sink)?;
        next_key += made.members;
        counts.members += made.members;
        counts.events += made.events;
    }
    Ok(counts)
}

/// An independent random stream per part of the data set, so a province's people do not
/// depend on how many random numbers the tree or another province used.
fn stream(seed: u64, part: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(part);
    rng
}
