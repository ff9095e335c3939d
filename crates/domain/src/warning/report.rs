//! The warning report: one row per member and reason that has reached a level, shaped
//! `member_key,full_name,unit_code,reason,count,threshold,level`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    Absence, WarningLevel, WarningParams, WarningReason, counted_absence_months,
    counted_unpaid_months, level_for,
};
use crate::away::AwayPeriod;
use crate::month::{MonthSpan, YearMonth};

/// What the warning needs to know about one member, gathered by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberWatch {
    pub member_key: String,
    pub full_name: String,
    pub unit_code: String,
    pub absences: Vec<Absence>,
    /// Months whose fee was unpaid by its deadline ([`crate::fees::overdue_months`]; the count
    /// keeps those in its window).
    pub unpaid_months: Vec<YearMonth>,
    /// REM-04: exemption and temporary-exemption periods, as months (see
    /// [`MonthSpan::of_days`]).
    pub excused: Vec<MonthSpan>,
    /// AWY-03: set while the member is working away.
    pub away: Option<AwayPeriod>,
}

/// One row of the warning report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningRow {
    pub member_key: String,
    pub full_name: String,
    pub unit_code: String,
    pub reason: WarningReason,
    /// Counted months (REM-02), or completed months without contact (AWY-03).
    pub count: u32,
    /// The removal threshold, or the contact gap allowed.
    pub threshold: u32,
    pub level: WarningLevel,
}

impl WarningRow {
    pub const HEADER: [&'static str; 7] = [
        "member_key",
        "full_name",
        "unit_code",
        "reason",
        "count",
        "threshold",
        "level",
    ];

    /// The row's fields in [`WarningRow::HEADER`] order, codes as stored.
    pub fn record(&self) -> [String; 7] {
        [
            self.member_key.clone(),
            self.full_name.clone(),
            self.unit_code.clone(),
            self.reason.code().to_owned(),
            self.count.to_string(),
            self.threshold.to_string(),
            self.level.code().to_owned(),
        ]
    }
}

/// REM-02, REM-03, AWY-03: the member's rows on `as_of`. A lapsed contact is reported at the
/// `warning` level: the rules make it no removal ground by itself (AWY-02 counts the missed
/// meetings instead), but the committee member in charge of the contact must act.
pub fn evaluate(watch: &MemberWatch, as_of: NaiveDate, params: &WarningParams) -> Vec<WarningRow> {
    let row = |reason, count, threshold, level| WarningRow {
        member_key: watch.member_key.clone(),
        full_name: watch.full_name.clone(),
        unit_code: watch.unit_code.clone(),
        reason,
        count,
        threshold,
        level,
    };
    let mut rows = Vec::new();
    let counts = [
        (
            WarningReason::UnexcusedAbsence,
            counted_absence_months(&watch.absences, &watch.excused, as_of, params).len(),
        ),
        (
            WarningReason::UnpaidFees,
            counted_unpaid_months(&watch.unpaid_months, &watch.excused, as_of, params).len(),
        ),
    ];
    for (reason, n) in counts {
        let count = u32::try_from(n).unwrap_or(u32::MAX);
        if let Some(level) = level_for(count, params) {
            rows.push(row(reason, count, params.threshold, level));
        }
    }
    if let Some(away) = &watch.away
        && away.contact_lapsed(as_of, params.contact_gap_months)
    {
        rows.push(row(
            WarningReason::NoContact,
            away.contact_gap_months(as_of),
            params.contact_gap_months,
            WarningLevel::Warning,
        ));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn watch() -> MemberWatch {
        MemberWatch {
            member_key: "DV-0042".to_owned(),
            full_name: "Nguyễn Văn An".to_owned(),
            unit_code: "CB-AP-A".to_owned(),
            absences: Vec::new(),
            unpaid_months: Vec::new(),
            excused: Vec::new(),
            away: None,
        }
    }

    #[test]
    fn rem_03_the_second_unpaid_2025_month_escalates_to_the_committee() {
        let mut w = watch();
        w.unpaid_months = vec![ym(2025, 2)];
        let p = WarningParams::default();
        let rows = evaluate(&w, d(2025, 6, 30), &p);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].level, WarningLevel::Notice);
        w.unpaid_months.push(ym(2025, 6));
        let rows = evaluate(&w, d(2025, 7, 1), &p);
        assert_eq!(
            rows[0].record(),
            [
                "DV-0042",
                "Nguyễn Văn An",
                "CB-AP-A",
                "unpaid_fees",
                "2",
                "3",
                "warning"
            ]
            .map(String::from)
        );
    }

    #[test]
    fn rem_01_unexcused_absences_in_february_may_and_september_open_a_removal_review() {
        let mut w = watch();
        w.absences = [d(2025, 2, 5), d(2025, 5, 5), d(2025, 9, 5)]
            .map(|meeting_on| Absence {
                meeting_on,
                excused: false,
            })
            .to_vec();
        let rows = evaluate(&w, d(2025, 9, 30), &WarningParams::default());
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].reason, rows[0].count, rows[0].level),
            (
                WarningReason::UnexcusedAbsence,
                3,
                WarningLevel::RemovalReview
            )
        );
        // Before September's meeting only two months count.
        assert_eq!(
            evaluate(&w, d(2025, 8, 31), &WarningParams::default())[0].level,
            WarningLevel::Warning
        );
    }

    #[test]
    fn rem_02_two_absence_months_and_one_unpaid_month_are_not_added_together() {
        let mut w = watch();
        w.absences = [d(2025, 2, 5), d(2025, 5, 5)]
            .map(|meeting_on| Absence {
                meeting_on,
                excused: false,
            })
            .to_vec();
        w.unpaid_months = vec![ym(2025, 8)];
        let rows = evaluate(&w, d(2025, 12, 31), &WarningParams::default());
        let levels: Vec<(WarningReason, u32, WarningLevel)> =
            rows.iter().map(|r| (r.reason, r.count, r.level)).collect();
        assert_eq!(
            levels,
            vec![
                (WarningReason::UnexcusedAbsence, 2, WarningLevel::Warning),
                (WarningReason::UnpaidFees, 1, WarningLevel::Notice),
            ]
        );
    }

    #[test]
    fn awy_03_a_member_away_without_contact_is_reported_and_one_in_touch_is_not() {
        let mut w = watch();
        w.away = Some(AwayPeriod {
            member: crate::ids::MemberId(1),
            since: d(2025, 1, 15),
            ended_on: None,
            place: "Bình Dương".to_owned(),
            employer: None,
            contact: None,
            contact_person: None,
            remote_group: None,
            messaging_group: None,
            exemptions: vec![],
            contacts: vec![crate::away::ContactEntry {
                on: d(2025, 3, 10),
                channel: crate::away::ContactChannel::Phone,
                by: crate::ids::MemberId(2),
                note: None,
            }],
        });
        let p = WarningParams::default();
        let rows = evaluate(&w, d(2025, 7, 1), &p);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].record()[3..],
            ["no_contact", "3", "3", "warning"].map(String::from)
        );
        assert!(evaluate(&w, d(2025, 6, 10), &p).is_empty());
        let patient = WarningParams {
            contact_gap_months: 6,
            ..p
        };
        assert!(evaluate(&w, d(2025, 7, 1), &patient).is_empty());
    }

    #[test]
    fn rem_01_three_months_unpaid_in_the_fee_account_open_a_removal_case_unless_excused() {
        use crate::fees::{
            CategoryPeriod, FeeCategory, FeeParams, FeePayment, FeeProfile, Payer, PaymentChannel,
            shipped_schedule, statement, unpaid_months,
        };
        use crate::removal::{Recorded, RemovalGround, RemovalParams, RemovalStep, removal_state};
        let student = FeeProfile {
            membership: MonthSpan {
                from: ym(2024, 9),
                to: None,
            },
            categories: vec![CategoryPeriod {
                from: ym(2026, 3),
                category: FeeCategory::Student,
            }],
            incomes: Vec::new(),
            exemptions: Vec::new(),
            reductions: Vec::new(),
        };
        let cash = |paid_on, month| FeePayment {
            paid_on,
            months: vec![month],
            amount_dong: 5_000,
            channel: PaymentChannel::Cash,
            payer: Payer::Member,
        };
        // March on time, April paid late in May, May never, June on time, July never.
        let payments = [
            cash(d(2026, 3, 20), ym(2026, 3)),
            cash(d(2026, 5, 5), ym(2026, 4)),
            cash(d(2026, 6, 10), ym(2026, 6)),
        ];
        let st = statement(
            &student,
            &payments,
            ym(2026, 3),
            ym(2026, 7),
            &shipped_schedule(),
            &FeeParams::default(),
        )
        .unwrap();
        let as_of = d(2026, 8, 1);
        let p = WarningParams::default();
        let mut w = watch();
        w.unpaid_months = unpaid_months(&st, 2026, as_of, &p.unpaid_rule());
        assert_eq!(w.unpaid_months, vec![ym(2026, 4), ym(2026, 5), ym(2026, 7)]);
        let rows = evaluate(&w, as_of, &p);
        assert_eq!(
            (rows[0].count, rows[0].level),
            (3, WarningLevel::RemovalReview)
        );
        let ground = RemovalGround::from_warning(rows[0].reason).unwrap();
        let case = [Recorded::new(as_of, RemovalStep::Opened { ground })];
        assert_eq!(
            removal_state(&case, &RemovalParams::default())
                .unwrap()
                .unwrap()
                .code(),
            "awaiting_self_review"
        );
        // A temporary exemption over July (REM-04) leaves two months: the committee is warned.
        w.excused = vec![MonthSpan::of_days(d(2026, 7, 1), Some(d(2026, 7, 31)))];
        assert_eq!(evaluate(&w, as_of, &p)[0].level, WarningLevel::Warning);
    }

    #[test]
    fn a_member_with_nothing_counted_is_not_reported() {
        assert!(evaluate(&watch(), d(2025, 12, 31), &WarningParams::default()).is_empty());
        assert_eq!(
            WarningRow::HEADER.join(","),
            "member_key,full_name,unit_code,reason,count,threshold,level"
        );
    }
}
