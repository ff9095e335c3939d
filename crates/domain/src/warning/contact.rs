//! AWY-03: a committee member keeps monthly contact with each member working away; a member
//! not heard from for more than `contact_gap_months` is flagged.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{add_months, completed_months};

/// A member working away (AwayPeriod in the glossary) and the contacts recorded with them
/// (phone, chat group) since they left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwayPeriod {
    pub away_since: NaiveDate,
    pub contacts: Vec<NaiveDate>,
}

impl AwayPeriod {
    /// The last contact on or before `as_of`, or the day they left when there was none since.
    pub fn last_heard_on(&self, as_of: NaiveDate) -> NaiveDate {
        self.contacts
            .iter()
            .copied()
            .filter(|c| *c >= self.away_since && *c <= as_of)
            .max()
            .unwrap_or(self.away_since)
    }
}

/// Completed months since the member was last heard from (GEN-02).
pub fn months_without_contact(away: &AwayPeriod, as_of: NaiveDate) -> u32 {
    completed_months(away.last_heard_on(as_of), as_of)
}

/// AWY-03: more than `gap_months` months without contact: `as_of` is past the day `gap_months`
/// months after the last contact (so one day over three months is "more than three").
pub fn contact_lapsed(away: &AwayPeriod, as_of: NaiveDate, gap_months: u32) -> bool {
    add_months(away.last_heard_on(as_of), gap_months).is_some_and(|limit| as_of > limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn awy_03_more_than_three_months_without_contact_is_flagged() {
        let away = AwayPeriod {
            away_since: d(2025, 1, 15),
            contacts: vec![d(2025, 2, 10), d(2025, 3, 10)],
        };
        assert!(!contact_lapsed(&away, d(2025, 6, 10), 3));
        assert!(contact_lapsed(&away, d(2025, 6, 11), 3));
        assert_eq!(months_without_contact(&away, d(2025, 6, 11)), 3);
        // A contact recorded after the report day does not help that report.
        let later = AwayPeriod {
            contacts: vec![d(2025, 6, 1)],
            ..away.clone()
        };
        assert!(!contact_lapsed(&later, d(2025, 6, 11), 3));
        assert!(contact_lapsed(&later, d(2025, 5, 20), 3));
        // Never contacted: counted from the day they left.
        let silent = AwayPeriod {
            away_since: d(2025, 1, 15),
            contacts: Vec::new(),
        };
        assert!(contact_lapsed(&silent, d(2025, 4, 16), 3));
        assert!(!contact_lapsed(&silent, d(2025, 4, 15), 3));
    }
}
