//! The member profile: every person field of interchange members.csv plus the ones members'
//! files carry (hometown, address, biography number), parsed as one form.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    CardNumber, CitizenId, Email, FullName, Phone, PoliticalTheory, ProfessionalLevel, Sex,
};
use crate::dates::{completed_years, parse_date};
use crate::field::{FieldError, FieldErrors, Problem, optional, optional_text};

/// A validated profile. Built only by [`ProfileInput::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberProfile {
    pub full_name: FullName,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub citizen_id: Option<CitizenId>,
    pub card_number: Option<CardNumber>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<String>,
    pub professional_level: Option<ProfessionalLevel>,
    pub political_theory: Option<PoliticalTheory>,
    pub occupation: Option<String>,
    pub residence_admin_code: Option<String>,
    pub hometown: Option<String>,
    pub current_address: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub biography_number: Option<String>,
}

/// The profile as typed: every field a string, any of them possibly missing or wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    pub full_name: Option<String>,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
    pub citizen_id: Option<String>,
    pub card_number: Option<String>,
    pub ethnicity: Option<String>,
    pub religion: Option<String>,
    pub education: Option<String>,
    pub professional_level: Option<String>,
    pub political_theory: Option<String>,
    pub occupation: Option<String>,
    pub residence_admin_code: Option<String>,
    pub hometown: Option<String>,
    pub current_address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub biography_number: Option<String>,
}

/// The youngest a person can be on the register: the admission age floor (ADM-01, 18 years).
pub const MIN_MEMBER_AGE_YEARS: u32 = 18;

impl ProfileInput {
    /// Parses every field and reports every problem at once. `today` bounds the birth date.
    pub fn parse(&self, today: NaiveDate) -> Result<MemberProfile, Vec<FieldError>> {
        let mut e = FieldErrors::new();
        let full_name = e.take(
            "full_name",
            FullName::parse(self.full_name.as_deref().unwrap_or("")),
        );
        let sex = e.take("sex", Sex::parse(self.sex.as_deref().unwrap_or("")));
        let birth_date = e.take("birth_date", birth_date(self.birth_date.as_deref(), today));
        let citizen_id = e.take("citizen_id", opt(&self.citizen_id, CitizenId::parse));
        let card_number = e.take("card_number", opt(&self.card_number, CardNumber::parse));
        let ethnicity = e.take("ethnicity", optional_text(self.ethnicity.as_deref(), 50));
        let religion = e.take("religion", optional_text(self.religion.as_deref(), 50));
        let education = e.take("education", optional_text(self.education.as_deref(), 20));
        let professional_level = e.take(
            "professional_level",
            opt(&self.professional_level, ProfessionalLevel::parse),
        );
        let political_theory = e.take(
            "political_theory",
            opt(&self.political_theory, PoliticalTheory::parse),
        );
        let occupation = e.take("occupation", optional_text(self.occupation.as_deref(), 200));
        let residence_admin_code = e.take(
            "residence_admin_code",
            opt(&self.residence_admin_code, admin_code),
        );
        let hometown = e.take("hometown", optional_text(self.hometown.as_deref(), 200));
        let current_address = e.take(
            "current_address",
            optional_text(self.current_address.as_deref(), 300),
        );
        let phone = e.take("phone", opt(&self.phone, Phone::parse));
        let email = e.take("email", opt(&self.email, Email::parse));
        let biography_number = e.take(
            "biography_number",
            optional_text(self.biography_number.as_deref(), 30),
        );
        e.finish(|| {
            Some(MemberProfile {
                full_name: full_name?,
                sex: sex?,
                birth_date: birth_date?,
                citizen_id: citizen_id?,
                card_number: card_number?,
                ethnicity: ethnicity?,
                religion: religion?,
                education: education?,
                professional_level: professional_level?,
                political_theory: political_theory?,
                occupation: occupation?,
                residence_admin_code: residence_admin_code?,
                hometown: hometown?,
                current_address: current_address?,
                phone: phone?,
                email: email?,
                biography_number: biography_number?,
            })
        })
    }
}

impl From<&MemberProfile> for ProfileInput {
    fn from(p: &MemberProfile) -> Self {
        let s = |v: &str| Some(v.to_owned());
        Self {
            full_name: s(p.full_name.as_str()),
            sex: s(p.sex.code()),
            birth_date: Some(p.birth_date.format("%Y-%m-%d").to_string()),
            citizen_id: p.citizen_id.as_ref().map(|c| c.as_str().to_owned()),
            card_number: p.card_number.as_ref().map(|c| c.as_str().to_owned()),
            ethnicity: p.ethnicity.clone(),
            religion: p.religion.clone(),
            education: p.education.clone(),
            professional_level: p.professional_level.map(|l| l.code().to_owned()),
            political_theory: p.political_theory.map(|l| l.code().to_owned()),
            occupation: p.occupation.clone(),
            residence_admin_code: p.residence_admin_code.clone(),
            hometown: p.hometown.clone(),
            current_address: p.current_address.clone(),
            phone: p.phone.as_ref().map(|v| v.as_str().to_owned()),
            email: p.email.as_ref().map(|v| v.as_str().to_owned()),
            biography_number: p.biography_number.clone(),
        }
    }
}

fn opt<T>(
    input: &Option<String>,
    parse: impl Fn(&str) -> Result<T, Problem>,
) -> Result<Option<T>, Problem> {
    optional(input.as_deref()).map(parse).transpose()
}

fn birth_date(input: Option<&str>, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let s = optional(input).ok_or(Problem::Required)?;
    let d = parse_date(s).map_err(|_| Problem::InvalidDate)?;
    if d > today {
        return Err(Problem::DateInFuture);
    }
    if d < NaiveDate::from_ymd_opt(1890, 1, 1).unwrap_or(d) {
        return Err(Problem::DateTooEarly);
    }
    if completed_years(d, today) < MIN_MEMBER_AGE_YEARS {
        return Err(Problem::BirthDateTooRecent);
    }
    Ok(d)
}

/// Administrative codes are numbers; leading zeros as some sources print them are dropped.
pub fn admin_code(input: &str) -> Result<String, Problem> {
    let s = input.trim();
    if s.is_empty() || s.len() > 10 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::UnknownCommune);
    }
    let t = s.trim_start_matches('0');
    Ok(if t.is_empty() { "0" } else { t }.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn valid() -> ProfileInput {
        ProfileInput {
            full_name: Some("Nguyễn Văn An".into()),
            sex: Some("M".into()),
            birth_date: Some("15/03/1980".into()),
            citizen_id: Some("001080012345".into()),
            phone: Some("0912345678".into()),
            ..ProfileInput::default()
        }
    }

    #[test]
    fn a_valid_profile_parses() {
        let p = valid().parse(today()).unwrap();
        assert_eq!(p.full_name.as_str(), "Nguyễn Văn An");
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1980, 3, 15).unwrap());
        assert_eq!(p.email, None);
    }

    #[test]
    fn every_bad_field_is_reported_by_name() {
        let input = ProfileInput {
            full_name: Some("".into()),
            sex: Some("X".into()),
            birth_date: Some("32/01/1980".into()),
            citizen_id: Some("123".into()),
            email: Some("nope".into()),
            professional_level: Some("giao_su".into()),
            ..ProfileInput::default()
        };
        let errors = input.parse(today()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                "full_name",
                "sex",
                "birth_date",
                "citizen_id",
                "professional_level",
                "email"
            ]
        );
    }

    #[test]
    fn a_child_cannot_be_on_the_register() {
        let input = ProfileInput {
            birth_date: Some("01/01/2015".into()),
            ..valid()
        };
        let errors = input.parse(today()).unwrap_err();
        assert_eq!(
            errors,
            vec![FieldError::new("birth_date", Problem::BirthDateTooRecent)]
        );
    }

    #[test]
    fn profile_round_trips_through_its_input_form() {
        let p = valid().parse(today()).unwrap();
        assert_eq!(ProfileInput::from(&p).parse(today()).unwrap(), p);
    }
}
