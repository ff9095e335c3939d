//! TRF-05: temporary transfers (chuyển sinh hoạt đảng tạm thời): the member stays on the home
//! cell's record and is attached to a host for a bounded time, renewed with a report home,
//! and ended by the return.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Destination, TransferParams, TransferViolation};
use crate::dates::months_covered;

/// Why the member leaves for a while: the two cases of TRF-05, with different limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemporaryReason {
    /// A move for work or residence of 3 to under 12 months.
    Move,
    /// Full-time study or secondment in Vietnam of 3 to 24 months, then return.
    StudyOrSecondment,
}

impl TemporaryReason {
    pub fn code(self) -> &'static str {
        match self {
            Self::Move => "move",
            Self::StudyOrSecondment => "study_or_secondment",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "move" => Some(Self::Move),
            "study_or_secondment" => Some(Self::StudyOrSecondment),
            _ => None,
        }
    }
}

/// TRF-05: a planned temporary transfer from `from` to `until` (last day) fits its reason's
/// limits; returns the months covered. Too long means an official transfer is suggested.
pub fn check_temporary_duration(
    reason: TemporaryReason,
    from: NaiveDate,
    until: NaiveDate,
    params: &TransferParams,
) -> Result<u32, TransferViolation> {
    if until < from {
        return Err(TransferViolation::EndsBeforeStart { from, until });
    }
    let months = months_covered(from, until);
    if months < params.temp_min_months {
        return Err(TransferViolation::TemporaryTooShort {
            months,
            min_months: params.temp_min_months,
        });
    }
    let too_long = match reason {
        TemporaryReason::Move => months >= params.temp_work_max_months,
        TemporaryReason::StudyOrSecondment => months > params.temp_study_max_months,
    };
    if too_long {
        let max_months = match reason {
            TemporaryReason::Move => params.temp_work_max_months,
            TemporaryReason::StudyOrSecondment => params.temp_study_max_months,
        };
        return Err(TransferViolation::TemporaryTooLong { months, max_months });
    }
    Ok(months)
}

/// One extension of a temporary transfer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renewal {
    pub decided_on: NaiveDate,
    pub until: NaiveDate,
    /// The day the home cell was told (TRF-05: extensions are reported home).
    pub reported_home_on: Option<NaiveDate>,
}

/// A temporary transfer as recorded (the member's `temp_out` and `temp_return` events carry
/// its start and end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryTransfer {
    pub reason: TemporaryReason,
    pub host: Destination,
    pub from: NaiveDate,
    /// The planned last day, before any renewal.
    pub until: NaiveDate,
    pub renewals: Vec<Renewal>,
    pub returned_on: Option<NaiveDate>,
}

/// What a renewal leads to: the transfer extended, and the report home it calls for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenewalOutcome {
    pub transfer: TemporaryTransfer,
    /// Always true: the extension must be reported to the home cell (TRF-05).
    pub report_home: bool,
    /// The whole stay now exceeds the study limit; allowed (courses overrun) but an official
    /// transfer should be considered.
    pub official_suggested: bool,
}

impl TemporaryTransfer {
    /// The last day as extended by the latest renewal.
    pub fn effective_until(&self) -> NaiveDate {
        self.renewals.last().map_or(self.until, |r| r.until)
    }

    /// Attached to the host on `day`: from the start through the extended end, until the return.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.from <= day
            && day <= self.effective_until()
            && self.returned_on.is_none_or(|r| day < r)
    }

    /// TRF-05: extends the stay to `until`. A move stays under its limit (past it the member
    /// should transfer officially, as AWY-01 prompts at 12 months); a study or secondment may
    /// run over with the report home and a suggestion. The rules set no cap on renewals.
    pub fn renew(
        &self,
        decided_on: NaiveDate,
        until: NaiveDate,
        params: &TransferParams,
    ) -> Result<RenewalOutcome, TransferViolation> {
        if let Some(returned_on) = self.returned_on {
            return Err(TransferViolation::AlreadyReturned { returned_on });
        }
        let current_until = self.effective_until();
        if until <= current_until {
            return Err(TransferViolation::RenewalNotLater {
                current_until,
                until,
            });
        }
        let months = months_covered(self.from, until);
        let official_suggested = match self.reason {
            TemporaryReason::Move => {
                if months >= params.temp_work_max_months {
                    return Err(TransferViolation::TemporaryTooLong {
                        months,
                        max_months: params.temp_work_max_months,
                    });
                }
                false
            }
            TemporaryReason::StudyOrSecondment => months > params.temp_study_max_months,
        };
        let mut transfer = self.clone();
        transfer.renewals.push(Renewal {
            decided_on,
            until,
            reported_home_on: None,
        });
        Ok(RenewalOutcome {
            transfer,
            report_home: true,
            official_suggested,
        })
    }

    /// TRF-05: the member's return ends the temporary transfer (the `temp_return` event).
    pub fn end(&self, on: NaiveDate) -> Result<TemporaryTransfer, TransferViolation> {
        if let Some(returned_on) = self.returned_on {
            return Err(TransferViolation::AlreadyReturned { returned_on });
        }
        if on < self.from {
            return Err(TransferViolation::ReturnBeforeStart {
                from: self.from,
                on,
            });
        }
        Ok(TemporaryTransfer {
            returned_on: Some(on),
            ..self.clone()
        })
    }

    /// Renewals not yet reported home.
    pub fn unreported_renewals(&self) -> impl Iterator<Item = &Renewal> {
        self.renewals
            .iter()
            .filter(|r| r.reported_home_on.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UnitId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn course(from: NaiveDate, until: NaiveDate) -> TemporaryTransfer {
        TemporaryTransfer {
            reason: TemporaryReason::StudyOrSecondment,
            host: Destination::Unit(UnitId(30)),
            from,
            until,
            renewals: vec![],
            returned_on: None,
        }
    }

    #[test]
    fn trf_05_a_14_month_posting_is_refused_and_an_18_month_course_accepted() {
        let p = TransferParams::default();
        let from = d(2025, 9, 1);
        let posting = check_temporary_duration(TemporaryReason::Move, from, d(2026, 10, 31), &p);
        let e = posting.unwrap_err();
        assert_eq!(
            e,
            TransferViolation::TemporaryTooLong {
                months: 14,
                max_months: 12
            }
        );
        assert_eq!((e.rule(), e.code()), ("TRF-05", "temporary_too_long"));
        assert!(e.message().contains("chuyển sinh hoạt đảng chính thức"));
        assert_eq!(
            check_temporary_duration(TemporaryReason::StudyOrSecondment, from, d(2027, 2, 28), &p),
            Ok(18)
        );
        // A move: 11 months fits, 12 does not (under 12); 2 months is too short.
        assert_eq!(
            check_temporary_duration(TemporaryReason::Move, from, d(2026, 7, 31), &p),
            Ok(11)
        );
        assert!(check_temporary_duration(TemporaryReason::Move, from, d(2026, 8, 31), &p).is_err());
        assert_eq!(
            check_temporary_duration(TemporaryReason::Move, from, d(2025, 10, 31), &p),
            Err(TransferViolation::TemporaryTooShort {
                months: 2,
                min_months: 3
            })
        );
        // Study: 24 months fits, 25 does not.
        assert_eq!(
            check_temporary_duration(TemporaryReason::StudyOrSecondment, from, d(2027, 8, 31), &p),
            Ok(24)
        );
        assert!(
            check_temporary_duration(TemporaryReason::StudyOrSecondment, from, d(2027, 9, 30), &p)
                .is_err()
        );
        assert_eq!(
            check_temporary_duration(TemporaryReason::Move, from, d(2025, 8, 1), &p)
                .unwrap_err()
                .code(),
            "ends_before_start"
        );
        assert_eq!(TemporaryReason::parse("move"), Some(TemporaryReason::Move));
    }

    #[test]
    fn trf_05_renewal_extends_and_is_reported_home_and_return_ends_it() {
        let p = TransferParams::default();
        let t = course(d(2025, 9, 1), d(2026, 8, 31));
        assert!(t.active_on(d(2026, 8, 31)));
        assert!(!t.active_on(d(2026, 9, 1)));
        let renewed = t.renew(d(2026, 8, 1), d(2027, 2, 28), &p).unwrap();
        assert!(renewed.report_home);
        assert!(!renewed.official_suggested);
        assert!(renewed.transfer.active_on(d(2026, 9, 1)));
        assert_eq!(renewed.transfer.unreported_renewals().count(), 1);
        // Past 24 months a course may still be extended, with the suggestion.
        let long = renewed
            .transfer
            .renew(d(2027, 2, 1), d(2027, 12, 31), &p)
            .unwrap();
        assert!(long.official_suggested);
        // A renewal must extend.
        assert_eq!(
            t.renew(d(2026, 8, 1), d(2026, 8, 31), &p)
                .unwrap_err()
                .code(),
            "renewal_not_later"
        );
        // A move cannot be renewed to 12 months.
        let mv = TemporaryTransfer {
            reason: TemporaryReason::Move,
            ..course(d(2025, 9, 1), d(2026, 2, 28))
        };
        assert_eq!(
            mv.renew(d(2026, 2, 1), d(2026, 8, 31), &p),
            Err(TransferViolation::TemporaryTooLong {
                months: 12,
                max_months: 12
            })
        );
        assert!(mv.renew(d(2026, 2, 1), d(2026, 7, 31), &p).is_ok());
        // The return ends it; nothing after the return.
        let back = renewed.transfer.end(d(2026, 12, 15)).unwrap();
        assert!(back.active_on(d(2026, 12, 14)));
        assert!(!back.active_on(d(2026, 12, 15)));
        assert_eq!(
            back.renew(d(2026, 12, 20), d(2027, 6, 30), &p)
                .unwrap_err()
                .code(),
            "already_returned"
        );
        assert_eq!(
            back.end(d(2026, 12, 20)).unwrap_err().code(),
            "already_returned"
        );
        assert_eq!(
            t.end(d(2025, 8, 1)).unwrap_err().code(),
            "return_before_start"
        );
    }
}
