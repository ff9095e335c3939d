//! Temporary exemption of a member working away: under 12 months, chained renewals included
//! (AWY-01), absences without it unexcused (AWY-02), and the 6-monthly renewal (AWY-03).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{AwayParams, AwayRecord, AwayViolation, TemporaryExemption};
use crate::dates::{add_months, months_covered};

/// Exemptions that follow each other without a gap (the next starting by the day after the
/// previous one ends) form one chain: renewals of one absence, counted together.
fn chains(
    periods: impl IntoIterator<Item = (NaiveDate, NaiveDate)>,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut sorted: Vec<_> = periods.into_iter().filter(|(f, u)| f <= u).collect();
    sorted.sort();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (from, until) in sorted {
        match out.last_mut() {
            Some(last)
                if last
                    .1
                    .checked_add_days(Days::new(1))
                    .is_none_or(|n| from <= n) =>
            {
                last.1 = last.1.max(until);
            }
            _ => out.push((from, until)),
        }
    }
    out
}

/// The chain of temporary exemptions covering `day`: its first and last day.
pub fn exemption_chain(
    exemptions: &[TemporaryExemption],
    day: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    chains(exemptions.iter().map(|e| (e.from, e.until)))
        .into_iter()
        .find(|(f, u)| *f <= day && day <= *u)
}

/// AWY-01: a new temporary exemption `from ..= until` beside the `existing` ones: refused when
/// it, or the chain it extends, reaches `temp_exempt_max_months` (propose a transfer instead).
/// Returns the months of the chain.
pub fn check_temporary_exemption(
    existing: &[TemporaryExemption],
    from: NaiveDate,
    until: NaiveDate,
    params: &AwayParams,
) -> Result<u32, AwayViolation> {
    if until < from {
        return Err(AwayViolation::EndsBeforeStart { from, until });
    }
    let all = existing
        .iter()
        .map(|e| (e.from, e.until))
        .chain(std::iter::once((from, until)));
    let months = chains(all)
        .into_iter()
        .find(|(f, u)| *f <= from && from <= *u)
        .map_or(0, |(f, u)| months_covered(f, u));
    if months >= params.temp_exempt_max_months {
        return Err(AwayViolation::TransferDue {
            months,
            max_months: params.temp_exempt_max_months,
        });
    }
    Ok(months)
}

/// AWY-01: on `day` the member's chain of temporary exemptions has reached the limit, so the
/// system proposes a transfer (records kept from before the check, or imported, can get here).
pub fn transfer_prompt(record: &AwayRecord, day: NaiveDate, params: &AwayParams) -> bool {
    exemption_chain(&record.exemptions, day)
        .is_some_and(|(f, u)| months_covered(f, u) >= params.temp_exempt_max_months)
}

/// AWY-01/MTG-03: temporarily exempted on `day`, so outside the attendance base.
pub fn temporarily_exempted_on(record: &AwayRecord, day: NaiveDate) -> bool {
    record.exemptions.iter().any(|e| e.covers(day))
}

/// How a working-away member's absence from a meeting on a day counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwayAbsence {
    /// Covered by a temporary exemption (AWY-01): excused, and never a removal month (REM-04).
    ExcusedByTemporaryExemption,
    /// Away without an exemption (AWY-02): unexcused, feeding the removal counters (REM-02).
    Unexcused,
    /// Not away on that day: the ordinary presence rules apply.
    NotAway,
}

impl AwayAbsence {
    pub fn code(self) -> &'static str {
        match self {
            Self::ExcusedByTemporaryExemption => "excused_by_temporary_exemption",
            Self::Unexcused => "unexcused",
            Self::NotAway => "not_away",
        }
    }
}

/// AWY-01, AWY-02: how an absence on `day` counts for a member with this record.
pub fn absence_on(record: &AwayRecord, day: NaiveDate) -> AwayAbsence {
    if temporarily_exempted_on(record, day) {
        AwayAbsence::ExcusedByTemporaryExemption
    } else if record.away_on(day) {
        AwayAbsence::Unexcused
    } else {
        AwayAbsence::NotAway
    }
}

/// AWY-03: when a temporary exemption must be renewed, and the reminder before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalSchedule {
    pub due_on: NaiveDate,
    pub remind_on: NaiveDate,
}

/// AWY-03: the renewal of an exemption starting `from` falls `renewal_months` later, the
/// reminder `renewal_notice_days` before. `None` past chrono's last date.
pub fn renewal_schedule(from: NaiveDate, params: &AwayParams) -> Option<RenewalSchedule> {
    let due_on = add_months(from, params.renewal_months)?;
    let remind_on = due_on.checked_sub_days(Days::new(u64::from(params.renewal_notice_days)))?;
    Some(RenewalSchedule { due_on, remind_on })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::MemberId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn exemption(from: NaiveDate, until: NaiveDate) -> TemporaryExemption {
        TemporaryExemption {
            from,
            until,
            resolution_ref: "NQ 03/CB".to_owned(),
        }
    }

    fn away(since: NaiveDate, exemptions: Vec<TemporaryExemption>) -> AwayRecord {
        AwayRecord {
            member: MemberId(1),
            since,
            ended_on: None,
            place: "Cà Mau".to_owned(),
            employer: None,
            contact: None,
            contact_person: None,
            remote_group: None,
            messaging_group: None,
            exemptions,
            contacts: vec![],
        }
    }

    #[test]
    fn awy_01_an_eight_month_exemption_excuses_absences_and_12_months_is_refused() {
        let p = AwayParams::default();
        assert_eq!(
            check_temporary_exemption(&[], d(2025, 3, 1), d(2025, 10, 31), &p),
            Ok(8)
        );
        let r = away(
            d(2025, 2, 20),
            vec![exemption(d(2025, 3, 1), d(2025, 10, 31))],
        );
        assert_eq!(
            absence_on(&r, d(2025, 6, 10)),
            AwayAbsence::ExcusedByTemporaryExemption
        );
        assert!(temporarily_exempted_on(&r, d(2025, 10, 31)));
        assert!(!temporarily_exempted_on(&r, d(2025, 11, 1)));
        let e = check_temporary_exemption(&[], d(2025, 3, 1), d(2026, 2, 28), &p).unwrap_err();
        assert_eq!(
            e,
            AwayViolation::TransferDue {
                months: 12,
                max_months: 12
            }
        );
        assert_eq!((e.rule(), e.code()), ("AWY-01", "transfer_due"));
        assert!(e.message().contains("chuyển sinh hoạt"));
        assert_eq!(
            check_temporary_exemption(&[], d(2025, 3, 1), d(2025, 2, 1), &p)
                .unwrap_err()
                .code(),
            "ends_before_start"
        );
    }

    #[test]
    fn awy_01_a_chain_of_renewals_reaching_12_months_prompts_a_transfer() {
        let p = AwayParams::default();
        let first = exemption(d(2025, 1, 1), d(2025, 6, 30));
        // Renewed right after: 6 + 5 months stay under 12; 6 + 6 reach it.
        assert_eq!(
            check_temporary_exemption(
                std::slice::from_ref(&first),
                d(2025, 7, 1),
                d(2025, 11, 30),
                &p
            ),
            Ok(11)
        );
        assert_eq!(
            check_temporary_exemption(
                std::slice::from_ref(&first),
                d(2025, 7, 1),
                d(2025, 12, 31),
                &p
            ),
            Err(AwayViolation::TransferDue {
                months: 12,
                max_months: 12
            })
        );
        // After a gap a new exemption starts a new chain.
        assert_eq!(
            check_temporary_exemption(
                std::slice::from_ref(&first),
                d(2025, 9, 1),
                d(2026, 2, 28),
                &p
            ),
            Ok(6)
        );
        // An imported chain of 12 months prompts; one of 11 does not.
        let long = away(
            d(2024, 12, 1),
            vec![first.clone(), exemption(d(2025, 7, 1), d(2025, 12, 31))],
        );
        assert_eq!(
            exemption_chain(&long.exemptions, d(2025, 8, 1)),
            Some((d(2025, 1, 1), d(2025, 12, 31)))
        );
        assert!(transfer_prompt(&long, d(2025, 8, 1), &p));
        let short = away(
            d(2024, 12, 1),
            vec![first, exemption(d(2025, 7, 1), d(2025, 11, 30))],
        );
        assert!(!transfer_prompt(&short, d(2025, 8, 1), &p));
    }

    #[test]
    fn awy_02_absences_of_a_member_away_without_exemption_are_unexcused() {
        let r = away(d(2025, 3, 10), vec![]);
        for month in 4..=6 {
            assert_eq!(absence_on(&r, d(2025, month, 15)), AwayAbsence::Unexcused);
        }
        assert_eq!(absence_on(&r, d(2025, 3, 1)), AwayAbsence::NotAway);
        let back = AwayRecord {
            ended_on: Some(d(2025, 7, 1)),
            ..r
        };
        assert_eq!(absence_on(&back, d(2025, 7, 15)), AwayAbsence::NotAway);
        assert_eq!(AwayAbsence::Unexcused.code(), "unexcused");
    }

    #[test]
    fn awy_03_an_exemption_from_15_january_is_renewed_by_15_july_with_a_reminder_on_1_july() {
        let p = AwayParams::default();
        assert_eq!(
            renewal_schedule(d(2025, 1, 15), &p),
            Some(RenewalSchedule {
                due_on: d(2025, 7, 15),
                remind_on: d(2025, 7, 1)
            })
        );
        let quarterly = AwayParams {
            renewal_months: 3,
            renewal_notice_days: 7,
            ..p
        };
        assert_eq!(
            renewal_schedule(d(2025, 1, 15), &quarterly),
            Some(RenewalSchedule {
                due_on: d(2025, 4, 15),
                remind_on: d(2025, 4, 8)
            })
        );
    }
}
