//! Typed row identifiers, so a unit id can never be passed where a member id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A party organisation (any level of the tree).
    UnitId
);
id_type!(
    /// A person in the member registry.
    MemberId
);
id_type!(
    /// One entry of a member's history.
    EventId
);
id_type!(
    /// A login account.
    UserId
);
