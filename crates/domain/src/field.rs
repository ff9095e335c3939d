//! A problem with one input field. The delivery layers turn these into Vietnamese sentences
//! placed next to the field (forms) or named in the error body (API, CLI).

use serde::Serialize;

/// What is wrong with a field's value. The texts are English, for logs; users read the
/// Vietnamese sentences of the delivery layer's message catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    #[error("required")]
    Required,
    #[error("longer than {max} characters")]
    TooLong { max: usize },
    #[error("not a valid date")]
    InvalidDate,
    #[error("in the future")]
    DateInFuture,
    #[error("too far in the past")]
    DateTooEarly,
    #[error("before {other_field}")]
    DateBefore { other_field: &'static str },
    #[error("the person would be under 18")]
    BirthDateTooRecent,
    #[error("a citizen ID has 12 digits")]
    CitizenIdFormat,
    #[error("not a party card number")]
    CardNumberFormat,
    #[error("only official members hold a party card")]
    CardNeedsOfficial,
    #[error("not a phone number")]
    PhoneFormat,
    #[error("not an e-mail address")]
    EmailFormat,
    #[error("not a valid name")]
    NameFormat,
    #[error("a unit code has letters, digits, '.', '_' and '-' only")]
    UnitCodeFormat,
    #[error("not one of {allowed:?}")]
    NotOneOf { allowed: &'static [&'static str] },
    #[error("no such commune")]
    UnknownCommune,
    #[error("no such province")]
    UnknownProvince,
    #[error("no such unit")]
    UnknownUnit,
    #[error("the unit does not exist on that date")]
    UnitNotValidOnDate,
    #[error("members belong to cells, grassroots cells and party groups only")]
    UnitHoldsNoMembers,
    #[error("must be empty for this kind")]
    NotExpected,
    #[error("no such member")]
    UnknownMember,
    #[error("no such user")]
    UnknownUser,
    #[error("a username has 3 to 32 lowercase letters, digits, '.', '_' or '-'")]
    UsernameFormat,
    #[error("no such residential area")]
    UnknownResidentialArea,
    #[error("already in use")]
    AlreadyTaken,
    #[error("shorter than {min} characters")]
    PasswordTooShort { min: usize },
    #[error("not a number")]
    NotANumber,
    #[error("{value} is given more than once")]
    Repeated { value: String },
    /// Only a Saturday or Sunday can be made a working day (GEN-01).
    #[error("a make-up working day must be a Saturday or Sunday")]
    MakeupNotWeekend,
    /// A year outside the range the registry keeps.
    #[error("a year from {min} to {max}")]
    YearOutOfRange { min: i32, max: i32 },
    /// A target is a count or a percentage, never both nor neither (TGT-03).
    #[error("exactly one of count and percent")]
    CountOrPercent,
    /// A count of people: a whole number, zero or more.
    #[error("a whole number, zero or more")]
    NotACount,
    /// A percentage above 0, at most 100, with at most two decimals.
    #[error("a percentage above 0, at most 100, with at most two decimals")]
    PercentFormat,
    /// A count that must be at least one.
    #[error("a whole number, one or more")]
    NotPositive,
    /// A value that contradicts the value of another field or setting.
    #[error("does not agree with {other_field}")]
    ConflictsWith { other_field: &'static str },
    /// A whole number from `min` to `max` (minutes of a meeting, points of a score part).
    #[error("a whole number from {min} to {max}")]
    OutOfRange { min: u32, max: u32 },
    /// A time of day, HH:MM.
    #[error("a time of day, HH:MM")]
    InvalidTime,
    /// The unit has no unit above it to pass anything up to (party fees).
    #[error("the unit has no unit above it")]
    NoParentUnit,
    /// The member was not a party member on that day.
    #[error("not a party member on that day")]
    NotAMemberOnDate,
}

/// One invalid field: its name (as in the form and the API body) and the problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    #[serde(flatten)]
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: Problem) -> Self {
        Self { field, problem }
    }
}

/// Collects field errors while a whole form is parsed, so the user sees every problem at once.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when the parse succeeded, records the error otherwise.
    pub fn take<T>(&mut self, field: &'static str, r: Result<T, Problem>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(p) => {
                self.0.push(FieldError::new(field, p));
                None
            }
        }
    }

    pub fn push(&mut self, field: &'static str, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    /// `Ok(value)` when no error was recorded.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty()
            && let Some(v) = value()
        {
            return Ok(v);
        }
        Err(self.0)
    }
}

/// Trims and turns an empty string into `None`, the meaning of an empty optional field.
pub fn optional(input: Option<&str>) -> Option<&str> {
    input.map(str::trim).filter(|s| !s.is_empty())
}

/// An optional free-text field of at most `max` characters.
pub fn optional_text(input: Option<&str>, max: usize) -> Result<Option<String>, Problem> {
    match optional(input) {
        None => Ok(None),
        Some(s) if s.chars().count() > max => Err(Problem::TooLong { max }),
        Some(s) => Ok(Some(crate::text::clean_text(s))),
    }
}
