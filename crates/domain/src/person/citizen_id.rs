//! Citizen identity numbers (CCCD): exactly 12 digits (rule MEM-02). Only `parse` builds one.

use serde::{Deserialize, Serialize};

use crate::field::Problem;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CitizenId(String);

impl CitizenId {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Problem::CitizenIdFormat);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CitizenId {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        Self::parse(&s)
    }
}

impl From<CitizenId> for String {
    fn from(c: CitizenId) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_twelve_digits_with_spaces_removed() {
        assert_eq!(
            CitizenId::parse("001 085 012345").unwrap().as_str(),
            "001085012345"
        );
    }

    #[test]
    fn rejects_other_lengths_and_letters() {
        assert_eq!(
            CitizenId::parse("00108501234"),
            Err(Problem::CitizenIdFormat)
        );
        assert_eq!(
            CitizenId::parse("0010850123456"),
            Err(Problem::CitizenIdFormat)
        );
        assert_eq!(
            CitizenId::parse("00108501234a"),
            Err(Problem::CitizenIdFormat)
        );
        assert_eq!(
            CitizenId::parse("０01085012345"),
            Err(Problem::CitizenIdFormat)
        );
    }

    proptest! {
        #[test]
        fn any_twelve_digits_parse_and_round_trip(s in "[0-9]{12}") {
            let id = CitizenId::parse(&s).unwrap();
            prop_assert_eq!(id.as_str(), s.as_str());
        }

        #[test]
        fn nothing_but_twelve_digits_parses(s in "\\PC{0,20}") {
            let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let valid = digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit());
            prop_assert_eq!(CitizenId::parse(&s).is_ok(), valid);
        }
    }
}
