//! Party card numbers (thẻ đảng viên), kept exactly as printed (rule MEM-02): digits, possibly
//! grouped by dots, spaces or dashes, possibly with a letter prefix, 4 to 20 characters.

use serde::{Deserialize, Serialize};

use crate::field::Problem;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CardNumber(String);

impl CardNumber {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let s = input.trim();
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ' ' | '/');
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if !(4..=20).contains(&s.len()) || !s.chars().all(allowed) || digits < 4 {
            return Err(Problem::CardNumberFormat);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CardNumber {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        Self::parse(&s)
    }
}

impl From<CardNumber> for String {
    fn from(c: CardNumber) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_number_as_printed() {
        assert_eq!(
            CardNumber::parse(" 12.345678 ").unwrap().as_str(),
            "12.345678"
        );
        assert_eq!(
            CardNumber::parse("HN-0012345").unwrap().as_str(),
            "HN-0012345"
        );
    }

    #[test]
    fn rejects_junk() {
        assert_eq!(CardNumber::parse("12"), Err(Problem::CardNumberFormat));
        assert_eq!(CardNumber::parse("abcdef"), Err(Problem::CardNumberFormat));
        assert_eq!(
            CardNumber::parse("1234<5678>"),
            Err(Problem::CardNumberFormat)
        );
    }
}
