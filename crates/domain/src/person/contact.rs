//! Contact details: Vietnamese phone numbers (normalised to the domestic 0… form) and e-mail.

use serde::{Deserialize, Serialize};

use crate::field::Problem;

/// A phone number in domestic form: 10 or 11 digits starting with 0 (+84 is rewritten to 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let s = input.trim();
        if !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+' | '(' | ')'))
        {
            return Err(Problem::PhoneFormat);
        }
        let plus = s.starts_with('+');
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        let domestic = match digits.strip_prefix("84") {
            Some(rest) if plus || digits.len() == 11 && !digits.starts_with('0') => {
                format!("0{rest}")
            }
            _ if plus => return Err(Problem::PhoneFormat),
            _ => digits,
        };
        if !domestic.starts_with('0') || !(10..=11).contains(&domestic.len()) {
            return Err(Problem::PhoneFormat);
        }
        Ok(Self(domestic))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        Self::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

/// An e-mail address, syntax checked by the `email_address` crate (RFC 5321/5322).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Problem> {
        let s = input.trim();
        // The crate accepts dotless domains (user@localhost); members' mail is on the internet.
        let (_, domain) = s.rsplit_once('@').ok_or(Problem::EmailFormat)?;
        if s.len() > 254 || !domain.contains('.') || !email_address::EmailAddress::is_valid(s) {
            return Err(Problem::EmailFormat);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = Problem;
    fn try_from(s: String) -> Result<Self, Problem> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_normalise_to_domestic_form() {
        assert_eq!(Phone::parse("0912 345 678").unwrap().as_str(), "0912345678");
        assert_eq!(
            Phone::parse("+84 912.345.678").unwrap().as_str(),
            "0912345678"
        );
        assert_eq!(Phone::parse("84912345678").unwrap().as_str(), "0912345678");
        assert_eq!(
            Phone::parse("024 3825 1234").unwrap().as_str(),
            "02438251234"
        );
    }

    #[test]
    fn bad_phones_are_refused() {
        for bad in ["12345", "0912abc678", "+1 202 555 0100", "912345678"] {
            assert_eq!(Phone::parse(bad), Err(Problem::PhoneFormat), "{bad}");
        }
    }

    #[test]
    fn emails_need_a_real_domain() {
        assert!(Email::parse("an.nguyen@example.vn").is_ok());
        assert_eq!(Email::parse("an@localhost"), Err(Problem::EmailFormat));
        assert_eq!(Email::parse("not an email"), Err(Problem::EmailFormat));
    }
}
