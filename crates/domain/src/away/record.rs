//! The record a cell keeps on a member working away (glossary `AwayPeriod`): where and for
//! whom they work, how to reach them, their temporary exemptions and the contact log.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::AwayParams;
use crate::dates::{add_months, completed_months};
use crate::ids::MemberId;

/// One temporary exemption (tạm miễn sinh hoạt, AWY-01), granted by the cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryExemption {
    /// The day the cell decided it; for a renewal, the day the renewal was decided (AWY-03).
    pub decided_on: NaiveDate,
    pub from: NaiveDate,
    /// The last day covered.
    pub until: NaiveDate,
    /// Number and date of the cell's resolution.
    pub resolution_ref: String,
}

impl TemporaryExemption {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.until
    }
}

/// How a contact was made (AWY-03: phone, chat group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    Phone,
    Chat,
    InPerson,
    Other,
}

impl ContactChannel {
    pub const ALL: &'static [ContactChannel] =
        &[Self::Phone, Self::Chat, Self::InPerson, Self::Other];
    pub const CODES: &'static [&'static str] = &["phone", "chat", "in_person", "other"];

    pub fn code(self) -> &'static str {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::CODES[i]
    }

    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::CODES
            .iter()
            .position(|c| *c == code)
            .map(|i| Self::ALL[i])
    }
}

/// One entry of the contact log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEntry {
    pub on: NaiveDate,
    pub channel: ContactChannel,
    /// The committee member who made the contact.
    pub by: MemberId,
    pub note: Option<String>,
}

/// A member working away, from `since` (the `working_away_start` event) until back
/// (`ended_on`, the `working_away_end` event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwayPeriod {
    pub member: MemberId,
    pub since: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// Where the member works or lives now, free text (commune, province, country).
    pub place: String,
    pub employer: Option<String>,
    /// Phone or other way to reach the member.
    pub contact: Option<String>,
    /// The committee member in charge of keeping contact (AWY-03).
    pub contact_person: Option<MemberId>,
    /// The party group for members working far away, where piloted (`OrgKind::AwayGroup`).
    pub remote_group: Option<String>,
    /// The chat group's link or name, as text.
    pub messaging_group: Option<String>,
    pub exemptions: Vec<TemporaryExemption>,
    pub contacts: Vec<ContactEntry>,
}

impl AwayPeriod {
    /// Away on `day`: from `since` until the day before the return.
    pub fn away_on(&self, day: NaiveDate) -> bool {
        self.since <= day && self.ended_on.is_none_or(|e| day < e)
    }

    /// AWY-03: the latest contact on or before `as_of`.
    pub fn last_contact(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.contacts
            .iter()
            .map(|c| c.on)
            .filter(|on| *on <= as_of)
            .max()
    }

    /// The day the contact gap counts from: the last contact, else the day the member left.
    fn contact_reference(&self, as_of: NaiveDate) -> NaiveDate {
        self.last_contact(as_of).unwrap_or(self.since)
    }

    /// AWY-03: the next monthly contact is due `contact_interval_days` after the last one.
    pub fn next_contact_due(&self, as_of: NaiveDate, params: &AwayParams) -> Option<NaiveDate> {
        self.contact_reference(as_of)
            .checked_add_days(chrono::Days::new(u64::from(params.contact_interval_days)))
    }

    /// AWY-03: completed months without contact on `as_of`.
    pub fn contact_gap_months(&self, as_of: NaiveDate) -> u32 {
        completed_months(self.contact_reference(as_of), as_of)
    }

    /// AWY-03: away on `as_of` with no contact for longer than `gap_months` (the warning
    /// report's setting, `WarningParams::contact_gap_months`): past the day `gap_months`
    /// months after the last contact, so one day over three months is "more than three".
    pub fn contact_lapsed(&self, as_of: NaiveDate, gap_months: u32) -> bool {
        self.away_on(as_of)
            && add_months(self.contact_reference(as_of), gap_months)
                .is_some_and(|limit| as_of > limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn away(since: NaiveDate) -> AwayPeriod {
        AwayPeriod {
            member: MemberId(1),
            since,
            ended_on: None,
            place: "KCN Sóng Thần, Dĩ An, Bình Dương".to_owned(),
            employer: Some("Công ty TNHH May Việt".to_owned()),
            contact: Some("0912345678".to_owned()),
            contact_person: Some(MemberId(2)),
            remote_group: None,
            messaging_group: Some("Zalo: Tổ đảng viên làm ăn xa ấp 3".to_owned()),
            exemptions: vec![],
            contacts: vec![],
        }
    }

    fn call(on: NaiveDate) -> ContactEntry {
        ContactEntry {
            on,
            channel: ContactChannel::Phone,
            by: MemberId(2),
            note: None,
        }
    }

    #[test]
    fn awy_03_a_member_without_contact_for_more_than_3_months_is_flagged() {
        let p = AwayParams::default();
        let mut r = away(d(2025, 1, 10));
        r.contacts = vec![call(d(2025, 2, 5)), call(d(2025, 3, 5))];
        assert_eq!(r.last_contact(d(2025, 6, 1)), Some(d(2025, 3, 5)));
        assert_eq!(r.next_contact_due(d(2025, 6, 1), &p), Some(d(2025, 4, 4)));
        assert_eq!(r.contact_gap_months(d(2025, 6, 4)), 2);
        assert_eq!(r.contact_gap_months(d(2025, 6, 5)), 3);
        assert!(!r.contact_lapsed(d(2025, 6, 5), 3));
        assert!(r.contact_lapsed(d(2025, 6, 6), 3));
        // A contact logged later is not known on an earlier day.
        r.contacts.push(call(d(2025, 7, 1)));
        assert!(r.contact_lapsed(d(2025, 6, 6), 3));
        assert!(!r.contact_lapsed(d(2025, 7, 2), 3));
        // Configurable gap: with 2 months the member was flagged earlier.
        assert!(r.contact_lapsed(d(2025, 5, 6), 2));
        // Never contacted: counted from the day they left; back home: not flagged.
        let silent = away(d(2025, 1, 10));
        assert_eq!(silent.contact_gap_months(d(2025, 5, 10)), 4);
        assert!(silent.contact_lapsed(d(2025, 5, 10), 3));
        let back = AwayPeriod {
            ended_on: Some(d(2025, 5, 1)),
            ..silent
        };
        assert!(!back.contact_lapsed(d(2025, 5, 10), 3));
        for c in ContactChannel::ALL {
            assert_eq!(ContactChannel::parse(c.code()), Some(*c));
        }
    }
}
