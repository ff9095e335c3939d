//! The party organisation tree: unit kinds, effective-dated versions (interchange units.csv),
//! materialised paths per period, administrative reference units and residential areas.

mod admin;
mod error;
mod path;
mod residential;
mod spans;
mod unit;
mod versions;

pub use admin::{CommuneKind, ProvinceKind};
pub use error::TreeError;
pub use path::UnitPath;
pub use residential::ResidentialUnitKind;
pub use spans::{PathSpan, unit_spans};
pub use unit::{AdminLevel, UnitCode, UnitKind, UnitName};
pub use versions::{
    UnitVersion, VersionChange, check_parent, end_unit, next_version, validate_versions,
};
