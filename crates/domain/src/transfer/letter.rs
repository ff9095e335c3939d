//! The transfer letter (giấy giới thiệu sinh hoạt đảng) and the time the member spends in
//! transit: presenting it within a limit (TRF-02) and how the member counts meanwhile (TRF-03).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TransferParams;
use crate::calendar::{Timeliness, WorkingCalendar, due, timeliness};
use crate::ids::UnitId;
use crate::month::YearMonth;

/// Where the letter sends the member: a unit in this registry, or an organisation outside it
/// (another province's system, the army, abroad), named as printed on the letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Destination {
    Unit(UnitId),
    Outside(String),
}

/// How the transit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureKind {
    /// The receiving cell recorded the arrival here (the member's `transfer_in` event).
    Received,
    /// An organisation outside the registry confirmed receipt (the returned slip), so the
    /// sender closes the transit itself.
    Confirmed,
}

impl ClosureKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Confirmed => "confirmed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "received" => Some(Self::Received),
            "confirmed" => Some(Self::Confirmed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub on: NaiveDate,
    pub kind: ClosureKind,
}

/// One official transfer letter as the sending cell records it. `issued_on` is the date of
/// the member's `transfer_out` event; a `Received` closure's date is that of `transfer_in`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferLetter {
    /// The letter's number as printed.
    pub number: String,
    pub issued_on: NaiveDate,
    /// The cell the member leaves; it keeps counting them while in transit (TRF-03).
    pub from_cell: UnitId,
    pub destination: Destination,
    /// The last month of dues paid, as printed on the letter (TRF-04).
    pub fees_paid_through: Option<YearMonth>,
    /// The day the member presented the letter to the receiving committee (TRF-02).
    pub presented_on: Option<NaiveDate>,
    pub closure: Option<Closure>,
}

/// TRF-02 as seen on a day: the due date, the days the member has taken (to presentation, or
/// so far) and whether it was on time; late means an explanation is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presentation {
    pub due_on: NaiveDate,
    pub days_taken: u32,
    pub timeliness: Timeliness,
}

impl Presentation {
    /// TRF-02: the member explains the delay to the competent committee.
    pub fn explanation_required(&self) -> bool {
        self.timeliness.is_late()
    }
}

impl TransferLetter {
    /// TRF-03: in transit from the letter's date until the day before the closure.
    pub fn in_transit_on(&self, day: NaiveDate) -> bool {
        self.issued_on <= day && self.closure.is_none_or(|c| day < c.on)
    }

    /// Calendar days from the letter's date to `as_of`, stopping at the closure: never
    /// decreasing as `as_of` moves on (zero before the letter's date).
    pub fn days_in_transit(&self, as_of: NaiveDate) -> u32 {
        let end = self.closure.map_or(as_of, |c| c.on.min(as_of));
        u32::try_from((end - self.issued_on).num_days().max(0)).unwrap_or(u32::MAX)
    }

    /// TRF-02: the last day to present the letter. `None` past chrono's last date.
    pub fn presentation_due(
        &self,
        calendar: &WorkingCalendar,
        params: &TransferParams,
    ) -> Option<NaiveDate> {
        due(self.issued_on, params.letter_presentation(), calendar)
    }

    /// TRF-02 on `as_of`. A recorded reception counts as presentation when no separate
    /// presentation date was kept: the receiver cannot record an arrival without the letter.
    pub fn presentation(
        &self,
        as_of: NaiveDate,
        calendar: &WorkingCalendar,
        params: &TransferParams,
    ) -> Option<Presentation> {
        let due_on = self.presentation_due(calendar, params)?;
        let presented_on = self.presented_on.or(self.closure.map(|c| c.on));
        let known = presented_on.filter(|p| *p <= as_of);
        let until = known.unwrap_or(as_of);
        Some(Presentation {
            due_on,
            days_taken: u32::try_from((until - self.issued_on).num_days().max(0))
                .unwrap_or(u32::MAX),
            timeliness: timeliness(due_on, presented_on, as_of, 0, calendar),
        })
    }

    /// TRF-03: the sender counts the member on `day`, in its `in_transit` figure beside (not
    /// inside) its members, as interchange.md counts; so do the units above it.
    pub fn counted_by_sender_on(&self, day: NaiveDate) -> bool {
        self.in_transit_on(day)
    }

    /// TRF-03: the receiving unit counts the member only from the recorded reception.
    pub fn counted_by_receiver_on(&self, unit: UnitId, day: NaiveDate) -> bool {
        self.destination == Destination::Unit(unit)
            && self
                .closure
                .is_some_and(|c| c.kind == ClosureKind::Received && c.on <= day)
    }

    /// TRF-03: a member in transit belongs to no cell's meetings, so owes no attendance.
    pub fn owes_attendance_on(&self, day: NaiveDate) -> bool {
        !self.in_transit_on(day)
    }

    /// TRF-03: once TRF-02's limit has passed with the member still in transit and no letter
    /// presented on time, they join the screening list (CT 28's unfinished transfers). A
    /// letter presented on time but not yet recorded by the receiver is the organisations'
    /// delay, not the member's, so it does not list them.
    pub fn on_screening_list(
        &self,
        as_of: NaiveDate,
        calendar: &WorkingCalendar,
        params: &TransferParams,
    ) -> bool {
        self.in_transit_on(as_of)
            && self
                .presentation(as_of, calendar, params)
                .is_some_and(|p| p.timeliness.is_late())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::DeadlineStatus;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn letter(issued_on: NaiveDate) -> TransferLetter {
        TransferLetter {
            number: "125-GGT/ĐU".to_owned(),
            issued_on,
            from_cell: UnitId(7),
            destination: Destination::Unit(UnitId(9)),
            fees_paid_through: None,
            presented_on: None,
            closure: None,
        }
    }

    #[test]
    fn trf_02_a_letter_presented_after_37_days_is_late_and_needs_an_explanation() {
        let cal = WorkingCalendar::default();
        let p = TransferParams::default();
        let l = TransferLetter {
            presented_on: Some(d(2025, 12, 10)),
            ..letter(d(2025, 11, 3))
        };
        let seen = l.presentation(d(2025, 12, 15), &cal, &p).unwrap();
        assert_eq!(seen.due_on, d(2025, 12, 3));
        assert_eq!(seen.days_taken, 37);
        assert_eq!(seen.timeliness, Timeliness::Late);
        assert!(seen.explanation_required());
        // Presented on day 30: on time.
        let on_time = TransferLetter {
            presented_on: Some(d(2025, 12, 3)),
            ..l.clone()
        };
        let seen = on_time.presentation(d(2025, 12, 15), &cal, &p).unwrap();
        assert_eq!((seen.days_taken, seen.timeliness), (30, Timeliness::OnTime));
        assert!(!seen.explanation_required());
        // Not presented yet on 04/12: overdue, the days so far counted.
        let open = letter(d(2025, 11, 3));
        let seen = open.presentation(d(2025, 12, 4), &cal, &p).unwrap();
        assert_eq!(seen.days_taken, 31);
        assert_eq!(seen.timeliness, Timeliness::Open(DeadlineStatus::Overdue));
        // In working days (the unconfirmed alternative unit), 10/12 is on time.
        let wd = TransferParams {
            letter_presentation_unit: crate::transfer::DayUnit::WorkingDays,
            ..p
        };
        let seen = l.presentation(d(2025, 12, 15), &cal, &wd).unwrap();
        assert_eq!(seen.due_on, d(2025, 12, 15));
        assert_eq!(seen.timeliness, Timeliness::OnTime);
    }

    #[test]
    fn trf_03_transfer_keeps_member_counted_by_the_sender_while_in_transit() {
        let received = TransferLetter {
            closure: Some(Closure {
                on: d(2025, 11, 20),
                kind: ClosureKind::Received,
            }),
            ..letter(d(2025, 11, 3))
        };
        let mid = d(2025, 11, 10);
        assert!(received.in_transit_on(mid));
        assert!(received.counted_by_sender_on(mid));
        assert!(!received.counted_by_receiver_on(UnitId(9), mid));
        assert!(!received.owes_attendance_on(mid));
        // From the reception: the receiver's, no longer in transit, attending again.
        let arrived = d(2025, 11, 20);
        assert!(!received.in_transit_on(arrived));
        assert!(!received.counted_by_sender_on(arrived));
        assert!(received.counted_by_receiver_on(UnitId(9), arrived));
        assert!(!received.counted_by_receiver_on(UnitId(8), arrived));
        assert!(received.owes_attendance_on(arrived));
        // Before the letter: not in transit either.
        assert!(!received.in_transit_on(d(2025, 11, 2)));
        // Outside the registry a confirmation closes the transit but nobody here receives.
        let outside = TransferLetter {
            destination: Destination::Outside("Đảng bộ Quân sự tỉnh".to_owned()),
            closure: Some(Closure {
                on: d(2025, 11, 20),
                kind: ClosureKind::Confirmed,
            }),
            ..letter(d(2025, 11, 3))
        };
        assert!(!outside.in_transit_on(arrived));
        assert!(!outside.counted_by_receiver_on(UnitId(9), arrived));
        assert_eq!(
            ClosureKind::parse("confirmed"),
            Some(ClosureKind::Confirmed)
        );
        assert_eq!(
            ClosureKind::parse(ClosureKind::Received.code()),
            Some(ClosureKind::Received)
        );
    }

    #[test]
    fn trf_03_an_unreceived_letter_joins_the_screening_list_after_the_presentation_limit() {
        let cal = WorkingCalendar::default();
        let p = TransferParams::default();
        let l = letter(d(2025, 9, 1));
        assert!(!l.on_screening_list(d(2025, 10, 1), &cal, &p));
        assert!(l.on_screening_list(d(2025, 10, 4), &cal, &p));
        // Presented on time, still waiting for the receiver: not listed.
        let presented = TransferLetter {
            presented_on: Some(d(2025, 9, 20)),
            ..l.clone()
        };
        assert!(!presented.on_screening_list(d(2025, 10, 4), &cal, &p));
        // Received: not in transit, not listed.
        let received = TransferLetter {
            closure: Some(Closure {
                on: d(2025, 10, 10),
                kind: ClosureKind::Received,
            }),
            ..l
        };
        assert!(!received.on_screening_list(d(2025, 10, 20), &cal, &p));
        assert!(received.on_screening_list(d(2025, 10, 9), &cal, &p));
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0i64..3000).prop_map(|n| d(2020, 1, 1) + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn trf_03_days_in_transit_never_decrease_with_the_as_of_date(
            issued in any_day(), a in any_day(), b in any_day(), closed in proptest::option::of(any_day())
        ) {
            let l = TransferLetter {
                closure: closed.filter(|c| *c >= issued).map(|on| Closure { on, kind: ClosureKind::Received }),
                ..letter(issued)
            };
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(l.days_in_transit(early) <= l.days_in_transit(late));
            // In transit exactly while the letter is out and the transit not closed.
            prop_assert_eq!(l.in_transit_on(early), l.counted_by_sender_on(early));
            prop_assert_eq!(l.in_transit_on(early), !l.owes_attendance_on(early));
        }
    }
}
