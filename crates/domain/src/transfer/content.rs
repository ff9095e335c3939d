//! TRF-04: the boxes a transfer letter must carry (card, biography, cell-register and
//! transfer-register numbers, last paid dues month, addressee), checked box by box so every
//! missing one is named at once.

use serde::{Deserialize, Serialize};

use crate::field::{FieldError, FieldErrors, Problem, optional};
use crate::member::Standing;
use crate::month::YearMonth;
use crate::person::CardNumber;

/// The boxes of a transfer letter as typed, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterContent {
    pub card_number: Option<String>,
    pub biography_number: Option<String>,
    pub cell_register_number: Option<String>,
    pub transfer_register_number: Option<String>,
    pub fees_paid_through: Option<String>,
    pub addressee: Option<String>,
}

const REGISTER_MAX: usize = 40;
const ADDRESSEE_MAX: usize = 200;

/// The boxes of a transfer letter once checked (TRF-04), ready to print and store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterBoxes {
    /// `None` for a probationary member, who holds no card.
    pub card_number: Option<CardNumber>,
    pub biography_number: String,
    pub cell_register_number: String,
    pub transfer_register_number: String,
    pub fees_paid_through: YearMonth,
    pub addressee: String,
}

/// TRF-04: every required box is filled and well formed; the errors name the boxes. Only an
/// official member holds a card, so a probationer's letter leaves the card box empty.
pub fn validate_letter_content(
    content: &LetterContent,
    standing: Standing,
) -> Result<LetterBoxes, Vec<FieldError>> {
    let mut errors = FieldErrors::new();
    let card_number = match (standing, optional(content.card_number.as_deref())) {
        (Standing::Official, None) => {
            errors.push("card_number", Problem::Required);
            None
        }
        (Standing::Official, Some(c)) => errors.take("card_number", CardNumber::parse(c)),
        (Standing::Probationary, Some(_)) => {
            errors.push("card_number", Problem::CardNeedsOfficial);
            None
        }
        (Standing::Probationary, None) => None,
    };
    let mut text = |field: &'static str, value: &Option<String>, max: usize| {
        let r = match optional(value.as_deref()) {
            None => Err(Problem::Required),
            Some(v) if v.chars().count() > max => Err(Problem::TooLong { max }),
            Some(v) => Ok(v.to_owned()),
        };
        errors.take(field, r)
    };
    let biography_number = text("biography_number", &content.biography_number, REGISTER_MAX);
    let cell_register_number = text(
        "cell_register_number",
        &content.cell_register_number,
        REGISTER_MAX,
    );
    let transfer_register_number = text(
        "transfer_register_number",
        &content.transfer_register_number,
        REGISTER_MAX,
    );
    let addressee = text("addressee", &content.addressee, ADDRESSEE_MAX);
    let fees_paid_through = errors.take(
        "fees_paid_through",
        YearMonth::parse_input(content.fees_paid_through.as_deref().unwrap_or("")),
    );
    let official = standing == Standing::Official;
    errors.finish(|| {
        Some(LetterBoxes {
            card_number: if official { Some(card_number?) } else { None },
            biography_number: biography_number?,
            cell_register_number: cell_register_number?,
            transfer_register_number: transfer_register_number?,
            fees_paid_through: fees_paid_through?,
            addressee: addressee?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> LetterContent {
        LetterContent {
            card_number: Some("12.345678".to_owned()),
            biography_number: Some("LL-0456".to_owned()),
            cell_register_number: Some("17".to_owned()),
            transfer_register_number: Some("125".to_owned()),
            fees_paid_through: Some("2025-10".to_owned()),
            addressee: Some("Đảng ủy phường Bến Thành".to_owned()),
        }
    }

    #[test]
    fn trf_04_a_complete_letter_passes_and_prints_the_last_paid_month() {
        let boxes = validate_letter_content(&complete(), Standing::Official).unwrap();
        assert_eq!(boxes.card_number.unwrap().as_str(), "12.345678");
        assert_eq!(boxes.addressee, "Đảng ủy phường Bến Thành");
        assert_eq!(boxes.fees_paid_through.label(), "10/2025");
        let paid = YearMonth::parse_input("2025-10").unwrap();
        assert_eq!(paid.label(), "10/2025");
        assert_eq!(YearMonth::parse_input("10/2025"), Ok(paid));
        assert_eq!(paid.to_string(), "2025-10");
        assert!(YearMonth::parse_input("2025-13").is_err());
        assert!(YearMonth::parse_input("10.2025").is_err());
    }

    #[test]
    fn trf_04_every_missing_box_is_named() {
        let empty = LetterContent {
            biography_number: Some("   ".to_owned()),
            ..LetterContent::default()
        };
        let errors = validate_letter_content(&empty, Standing::Official).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "card_number",
                "biography_number",
                "cell_register_number",
                "transfer_register_number",
                "addressee",
                "fees_paid_through"
            ]
        );
        assert!(errors.iter().all(|e| e.problem == Problem::Required));
        let bad = LetterContent {
            card_number: Some("12".to_owned()),
            fees_paid_through: Some("13/2025".to_owned()),
            ..complete()
        };
        assert_eq!(
            validate_letter_content(&bad, Standing::Official),
            Err(vec![
                FieldError::new("card_number", Problem::CardNumberFormat),
                FieldError::new("fees_paid_through", Problem::InvalidDate),
            ])
        );
    }

    #[test]
    fn trf_04_a_probationer_letter_has_no_card_number() {
        let probationer = LetterContent {
            card_number: None,
            ..complete()
        };
        let boxes = validate_letter_content(&probationer, Standing::Probationary).unwrap();
        assert_eq!(boxes.card_number, None);
        assert_eq!(
            validate_letter_content(&complete(), Standing::Probationary),
            Err(vec![FieldError::new(
                "card_number",
                Problem::CardNeedsOfficial
            )])
        );
    }
}
