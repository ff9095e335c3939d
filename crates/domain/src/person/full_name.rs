//! Full names in Vietnamese order (family, middle, given), stored in NFC with single spaces.

use serde::{Deserialize, Serialize};

use crate::field::Problem;
use crate::text::clean_text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FullName(String);

impl FullName {
    /// Letters of any script, spaces, apostrophes, hyphens and dots (ethnic-minority names use
    /// them); 2 to 100 characters. No digits or markup.
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let s = clean_text(input);
        if s.is_empty() {
            return Err(Problem::Required);
        }
        let n = s.chars().count();
        if n > 100 {
            return Err(Problem::TooLong { max: 100 });
        }
        let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '\'' | '-' | '.');
        if n < 2 || !s.chars().all(allowed) {
            return Err(Problem::NameFormat);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The given name (tên), the last word, by which Vietnamese lists are ordered.
    pub fn given_name(&self) -> &str {
        self.0.rsplit(' ').next().unwrap_or(&self.0)
    }
}

impl TryFrom<String> for FullName {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        Self::parse(&s)
    }
}

impl From<FullName> for String {
    fn from(n: FullName) -> String {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_checked() {
        let n = FullName::parse("  Nguyễn   Văn  An ").unwrap();
        assert_eq!(n.as_str(), "Nguyễn Văn An");
        assert_eq!(n.given_name(), "An");
        assert_eq!(FullName::parse(" "), Err(Problem::Required));
        assert_eq!(FullName::parse("Nguyễn Văn 2"), Err(Problem::NameFormat));
        assert_eq!(FullName::parse("<script>"), Err(Problem::NameFormat));
        assert!(FullName::parse("H'Hen Niê").is_ok());
    }
}
