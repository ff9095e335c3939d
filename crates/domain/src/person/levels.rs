//! Coded training levels of the member record form (interchange members.csv).

use serde::{Deserialize, Serialize};

use crate::field::Problem;

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const CODES: &'static [&'static str] = &[$($code),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(input: &str) -> Result<Self, Problem> {
                match input.trim() {
                    $($code => Ok($name::$variant),)+
                    _ => Err(Problem::NotOneOf { allowed: Self::CODES }),
                }
            }
        }
    };
}

code_enum!(
    /// Professional (vocational or academic) qualification.
    ProfessionalLevel {
        Intermediate = "trung_cap",
        College = "cao_dang",
        University = "dai_hoc",
        Master = "thac_si",
        Doctor = "tien_si",
    }
);

code_enum!(
    /// Political-theory training level.
    PoliticalTheory {
        Elementary = "so_cap",
        Intermediate = "trung_cap",
        Advanced = "cao_cap",
        Bachelor = "cu_nhan",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in ProfessionalLevel::ALL {
            assert_eq!(ProfessionalLevel::parse(l.code()), Ok(*l));
        }
        for l in PoliticalTheory::ALL {
            assert_eq!(PoliticalTheory::parse(l.code()), Ok(*l));
        }
        assert!(PoliticalTheory::parse("tien_si").is_err());
    }
}
