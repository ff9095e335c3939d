//! Temporary exemption of a member working away: under 12 months, chained renewals included
//! (AWY-01), absences without it unexcused (AWY-02), and the 6-monthly renewal (AWY-03).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{AwayParams, AwayPeriod, AwayViolation, TemporaryExemption};
use crate::calendar::{DeadlineStatus, Timeliness};
use crate::dates::{add_months, months_covered};
use crate::meetings::{Attendance, MeetingParams, absence};

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
pub fn transfer_prompt(record: &AwayPeriod, day: NaiveDate, params: &AwayParams) -> bool {
    exemption_chain(&record.exemptions, day)
        .is_some_and(|(f, u)| months_covered(f, u) >= params.temp_exempt_max_months)
}

/// AWY-01/MTG-03: temporarily exempted on `day`, so outside the attendance base.
pub fn temporarily_exempted_on(record: &AwayPeriod, day: NaiveDate) -> bool {
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
pub fn absence_on(record: &AwayPeriod, day: NaiveDate) -> AwayAbsence {
    if temporarily_exempted_on(record, day) {
        AwayAbsence::ExcusedByTemporaryExemption
    } else if record.away_on(day) {
        AwayAbsence::Unexcused
    } else {
        AwayAbsence::NotAway
    }
}

/// AWY-01, AWY-02, MTG-06: the attendance to record for an absent member with this record:
/// excused by the covering exemption (its resolution as the reason), unexcused when away
/// without one whatever reason is given, else the ordinary rule for the typed reason.
pub fn absence_while_away(
    record: &AwayPeriod,
    day: NaiveDate,
    reason: Option<&str>,
    params: &MeetingParams,
) -> Attendance {
    match absence_on(record, day) {
        AwayAbsence::ExcusedByTemporaryExemption => Attendance::Excused {
            reason: record
                .exemptions
                .iter()
                .find(|e| e.covers(day))
                .map(|e| e.resolution_ref.clone())
                .unwrap_or_default(),
        },
        AwayAbsence::Unexcused => Attendance::Unexcused,
        AwayAbsence::NotAway => absence(reason, params),
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

/// AWY-03: the renewal of the exemption covering `as_of`, where one is needed (the exemption
/// runs to its renewal date), with where it stands: renewed on time or late (a renewal is
/// recorded as the next exemption of the chain, dated by its decision), or still open, due
/// soon from the reminder day. `None` when no exemption covers `as_of` or it ends before.
pub fn renewal_status(
    record: &AwayPeriod,
    as_of: NaiveDate,
    params: &AwayParams,
) -> Option<(RenewalSchedule, Timeliness)> {
    let current = record
        .exemptions
        .iter()
        .filter(|e| e.covers(as_of))
        .max_by_key(|e| e.from)?;
    let schedule = renewal_schedule(current.from, params)?;
    if current.until < schedule.due_on {
        return None;
    }
    let renewed_on = record
        .exemptions
        .iter()
        .filter(|e| e.from > current.from && e.decided_on <= as_of)
        .map(|e| e.decided_on)
        .min();
    let t = match renewed_on {
        Some(on) if on <= schedule.due_on => Timeliness::OnTime,
        Some(_) => Timeliness::Late,
        None if as_of > schedule.due_on => Timeliness::Open(DeadlineStatus::Overdue),
        None if as_of == schedule.due_on => Timeliness::Open(DeadlineStatus::Due),
        None if as_of >= schedule.remind_on => Timeliness::Open(DeadlineStatus::DueSoon),
        None => Timeliness::Open(DeadlineStatus::NotYetDue),
    };
    Some((schedule, t))
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
            decided_on: from,
            from,
            until,
            resolution_ref: "NQ 03/CB".to_owned(),
        }
    }

    fn away(since: NaiveDate, exemptions: Vec<TemporaryExemption>) -> AwayPeriod {
        AwayPeriod {
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
        let back = AwayPeriod {
            ended_on: Some(d(2025, 7, 1)),
            ..r.clone()
        };
        assert_eq!(absence_on(&back, d(2025, 7, 15)), AwayAbsence::NotAway);
        assert_eq!(AwayAbsence::Unexcused.code(), "unexcused");
        // Recorded at a meeting: a reason given for a member away without exemption does not
        // excuse them; with an exemption, its resolution is the reason.
        let p = MeetingParams::default();
        assert_eq!(
            absence_while_away(&r, d(2025, 4, 15), Some("đi làm ăn xa"), &p),
            Attendance::Unexcused
        );
        let covered = AwayPeriod {
            exemptions: vec![exemption(d(2025, 4, 1), d(2025, 9, 30))],
            ..r.clone()
        };
        assert_eq!(
            absence_while_away(&covered, d(2025, 4, 15), None, &p),
            Attendance::Excused {
                reason: "NQ 03/CB".to_owned()
            }
        );
        assert_eq!(
            absence_while_away(&r, d(2025, 3, 1), Some("ốm"), &p),
            Attendance::Excused {
                reason: "ốm".to_owned()
            }
        );
        assert_eq!(
            absence_while_away(&r, d(2025, 3, 1), None, &p),
            Attendance::Unexcused
        );
    }

    #[test]
    fn awy_03_renewal_is_tracked_from_the_reminder_to_the_renewal() {
        let p = AwayParams::default();
        let first = exemption(d(2025, 1, 15), d(2025, 10, 14));
        let r = away(d(2025, 1, 1), vec![first.clone()]);
        let state = |as_of| renewal_status(&r, as_of, &p).map(|(_, t)| t);
        assert_eq!(
            state(d(2025, 6, 30)),
            Some(Timeliness::Open(DeadlineStatus::NotYetDue))
        );
        assert_eq!(
            state(d(2025, 7, 1)),
            Some(Timeliness::Open(DeadlineStatus::DueSoon))
        );
        assert_eq!(
            state(d(2025, 7, 15)),
            Some(Timeliness::Open(DeadlineStatus::Due))
        );
        assert_eq!(
            state(d(2025, 7, 16)),
            Some(Timeliness::Open(DeadlineStatus::Overdue))
        );
        // Renewed on 10/07 by the next exemption of the chain: on time; on 20/07: late.
        let renewal = |decided_on| TemporaryExemption {
            decided_on,
            ..exemption(d(2025, 7, 15), d(2025, 12, 31))
        };
        let renewed = away(d(2025, 1, 1), vec![first.clone(), renewal(d(2025, 7, 10))]);
        assert_eq!(
            renewal_status(&renewed, d(2025, 7, 12), &p).map(|(_, t)| t),
            Some(Timeliness::OnTime)
        );
        let late = away(d(2025, 1, 1), vec![first.clone(), renewal(d(2025, 7, 20))]);
        assert_eq!(
            renewal_status(&late, d(2025, 7, 14), &p).map(|(_, t)| t),
            Some(Timeliness::Open(DeadlineStatus::DueSoon))
        );
        // On 20/07 the renewal covers the day and itself ends before its own renewal date.
        assert_eq!(renewal_status(&late, d(2025, 7, 20), &p), None);
        // A 3-month exemption ends before any renewal is due.
        let short = away(
            d(2025, 1, 1),
            vec![exemption(d(2025, 1, 15), d(2025, 4, 14))],
        );
        assert_eq!(renewal_status(&short, d(2025, 4, 1), &p), None);
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
