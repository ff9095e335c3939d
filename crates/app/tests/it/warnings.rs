//! Early warning before removal (issue 6, point 6; REM-02, REM-03, REM-04, AWY-03): a member
//! who works away, stops paying and misses meetings is warned a month before the threshold,
//! proposed for removal at it, flagged for the lapsed contact; months under a temporary
//! exemption are not counted; other units' users are refused. Every case on both engines.

use chibo_app::AppError;
use chibo_app::audit::By;
use chibo_app::away::{AwayInput, ExemptionInput, declare, grant_exemption};
use chibo_app::fees::{FeeProfileInput, PaymentInput, record_payment, set_fee_profile};
use chibo_app::meetings::{
    AttendanceInput, AttendanceLine, MeetingInput, create, record_attendance,
};
use chibo_app::warnings::{COLUMNS, list, to_csv};
use chibo_domain::ids::MemberId;
use chibo_domain::warning::{WarningLevel, WarningReason, WarningRow};
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct World {
    f: Fixture,
    away: MemberId,
    others: Vec<MemberId>,
}

/// C1-G1: a member who leaves to work away on 01/01/2025 (w-1), a committee member (cp-1)
/// and another member (m-2); a member of C2-G1.
async fn world(engine: Engine) -> World {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let away = f
        .member(
            "w-1",
            "Nguyễn Văn Xa",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    let cp = f
        .member(
            "cp-1",
            "Lê Văn Cường",
            "C1-G1",
            "01/01/2005",
            Some("01/01/2006"),
        )
        .await;
    let m2 = f
        .member(
            "m-2",
            "Trần Thị Bình",
            "C1-G1",
            "01/01/2012",
            Some("01/01/2013"),
        )
        .await;
    f.member(
        "m-9",
        "Phạm Văn Dũng",
        "C2-G1",
        "01/01/2012",
        Some("01/01/2013"),
    )
    .await;
    let input = AwayInput {
        since: "01/01/2025".into(),
        place: "KCN Sóng Thần, Dĩ An, Bình Dương".into(),
        employer: Some("Công ty TNHH May Việt".into()),
        contact: Some("0912345678".into()),
        contact_person_key: Some("cp-1".into()),
        ..AwayInput::default()
    };
    declare(&f.app, &f.admin, away, &input).await.unwrap();
    // Fees from January 2025; only January paid.
    let profile = FeeProfileInput {
        category: Some("insured".into()),
        category_from: Some("2025-01".into()),
        income_kind: Some("insurance_salary".into()),
        income_amount: Some("5.000.000".into()),
        income_from: Some("2024-12".into()),
        ..FeeProfileInput::default()
    };
    set_fee_profile(&f.app, &f.admin, away, &profile)
        .await
        .unwrap();
    let pay = PaymentInput {
        from_month: "2025-01".into(),
        to_month: Some("2025-01".into()),
        amount: Some("50.000".into()),
        paid_on: Some("20/01/2025".into()),
        ..PaymentInput::default()
    };
    record_payment(&f.app, &f.admin, away, &pay).await.unwrap();
    World {
        f,
        away,
        others: vec![cp, m2],
    }
}

/// A monthly meeting of C1-G1 on `held_on` with the member away marked unexcused.
async fn meeting_missed(w: &World, held_on: &str) {
    let chair = w.others[0];
    let input = MeetingInput {
        cell: "C1-G1".into(),
        kind: "regular".into(),
        held_on: held_on.into(),
        started_at: Some("19:30".into()),
        duration_minutes: "120".into(),
        chair: Some(chair.0.to_string()),
        recorder: Some(chair.0.to_string()),
        agenda: "Kiểm điểm công tác tháng".into(),
        minutes: Some("Biên bản đầy đủ.".into()),
        resolution: Some("Nghị quyết tháng".into()),
        prepared_content: true,
        draft_resolution: true,
        broad_participation: true,
        principles_respected: true,
        minutes_complete: true,
        ..MeetingInput::default()
    };
    let id = create(&w.f.app, &w.f.admin, &input).await.unwrap();
    let mut lines: Vec<AttendanceLine> = w
        .others
        .iter()
        .map(|m| AttendanceLine {
            member_id: m.0,
            presence: "present".into(),
            reason: None,
        })
        .collect();
    lines.push(AttendanceLine {
        member_id: w.away.0,
        presence: "unexcused".into(),
        reason: None,
    });
    record_attendance(&w.f.app, &w.f.admin, id, &AttendanceInput { lines })
        .await
        .unwrap();
}

fn of(rows: &[WarningRow], reason: WarningReason) -> Option<(String, u32, u32, WarningLevel)> {
    rows.iter()
        .find(|r| r.reason == reason)
        .map(|r| (r.member_key.clone(), r.count, r.threshold, r.level))
}

#[rstest]
#[tokio::test]
async fn rem_02_rem_03_awy_03_a_member_away_who_stops_paying_and_misses_meetings_is_warned_then_proposed_for_removal(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = world(engine).await;
    let sys = By::System("test");
    meeting_missed(&w, "10/02/2025").await;
    meeting_missed(&w, "10/03/2025").await;
    // After the second month: warned (threshold 3 − margin 1) for the absences.
    let rows = list(&w.f.app, sys, d(2025, 3, 15), Some("C1-G1"))
        .await
        .unwrap();
    assert_eq!(
        of(&rows, WarningReason::UnexcusedAbsence),
        Some(("w-1".into(), 2, 3, WarningLevel::Warning))
    );
    // Two completed months without contact: not yet flagged (AWY-03: more than 3).
    assert_eq!(of(&rows, WarningReason::NoContact), None);
    // Only the member away is on the report.
    assert!(rows.iter().all(|r| r.member_key == "w-1"), "{rows:?}");

    meeting_missed(&w, "10/04/2025").await;
    let rows = list(&w.f.app, sys, d(2025, 5, 15), None).await.unwrap();
    assert_eq!(
        of(&rows, WarningReason::UnexcusedAbsence),
        Some(("w-1".into(), 3, 3, WarningLevel::RemovalReview))
    );
    // February … April unpaid past their deadline: the threshold.
    let unpaid = of(&rows, WarningReason::UnpaidFees).unwrap();
    assert!(unpaid.1 >= 3, "{unpaid:?}");
    assert_eq!(unpaid.3, WarningLevel::RemovalReview);
    // No contact logged since leaving on 01/01/2025: four months.
    assert_eq!(
        of(&rows, WarningReason::NoContact),
        Some(("w-1".into(), 4, 3, WarningLevel::Warning))
    );
    // Sorted by unit, member, reason.
    let reasons: Vec<WarningReason> = rows.iter().map(|r| r.reason).collect();
    assert_eq!(
        reasons,
        [
            WarningReason::UnexcusedAbsence,
            WarningReason::UnpaidFees,
            WarningReason::NoContact
        ]
    );
    let csv = to_csv(&rows).unwrap();
    assert_eq!(
        csv.lines().next().unwrap(),
        "member_key,full_name,unit_code,reason,count,threshold,level"
    );
    assert_eq!(COLUMNS.join(","), csv.lines().next().unwrap());
    assert!(
        csv.lines()
            .any(|l| l == "w-1,Nguyễn Văn Xa,C1-G1,unexcused_absence,3,3,removal_review"),
        "{csv}"
    );
    // Another cell's subtree has nobody to warn.
    assert!(
        list(&w.f.app, sys, d(2025, 5, 15), Some("C2-G1"))
            .await
            .unwrap()
            .is_empty()
    );
}

#[rstest]
#[tokio::test]
async fn rem_04_months_under_a_temporary_exemption_are_not_counted(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = world(engine).await;
    let sys = By::System("test");
    meeting_missed(&w, "10/02/2025").await;
    // March under the cell's temporary exemption (AWY-01): a missed meeting does not count.
    let exemption = ExemptionInput {
        decided_on: "01/03/2025".into(),
        from: "01/03/2025".into(),
        until: "31/03/2025".into(),
        resolution_ref: "NQ 05/2025".into(),
    };
    grant_exemption(&w.f.app, &w.f.admin, w.away, &exemption)
        .await
        .unwrap();
    meeting_missed(&w, "10/03/2025").await;
    let rows = list(&w.f.app, sys, d(2025, 3, 20), None).await.unwrap();
    assert_eq!(
        of(&rows, WarningReason::UnexcusedAbsence),
        Some(("w-1".into(), 1, 3, WarningLevel::Notice))
    );
}

#[rstest]
#[tokio::test]
async fn rem_03_another_units_secretary_is_refused(#[values(Sqlite, Postgres)] engine: Engine) {
    let w = world(engine).await;
    let other = w.f.user("bithu2", "secretary", Some("C2-G1"), None).await;
    assert!(matches!(
        list(&w.f.app, By::User(&other), d(2025, 5, 15), Some("C1-G1")).await,
        Err(AppError::NoSuchReference { field: "unit" })
    ));
    // Their own scope by default: nothing from C1-G1.
    assert!(
        list(&w.f.app, By::User(&other), d(2025, 5, 15), None)
            .await
            .unwrap()
            .is_empty()
    );
}
