//! Statistics over the registry as interchange.md defines them: dimensions, measures, the query
//! (as-of date, unit, breakdown, period, comparison date) parsed from CLI or API input, bands
//! cut exactly as the domain counts whole years, and the result table.

mod bands;
mod dimension;
mod measure;
mod query;
mod result;

pub use bands::{BandCutoffs, UNDER_18, age_band_labels, party_age_band_labels};
pub use dimension::Dimension;
pub use measure::{AS_OF_MEASURES, PERIOD_MEASURES, PeriodMeasure, attributed_after};
pub use query::{OutputFormat, StatsInput, StatsQuery};
pub use result::{StatsResult, StatsRow};
