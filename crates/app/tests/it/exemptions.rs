//! Exemptions from activities (issue 6, point 2; EXM-01 … EXM-03): the member's request and a
//! ground, the cell's resolution, the resumption on request, and the effect on the attendance
//! and vote bases. Every case on both engines.

use chibo_app::AppError;
use chibo_app::exemptions::{
    DecideInput, RenewInput, ResumeInput, decide, member_in_attendance_base, member_in_vote_base,
    of_member, renew, resume,
};
use chibo_domain::field::Problem;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn refused(r: Result<impl std::fmt::Debug, AppError>) -> (&'static str, &'static str) {
    match r {
        Err(AppError::Refused(v)) => (v.rule, v.code),
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

/// A decision for the fixture's member (a man born 15/03/1970, so 55 in 2025).
fn decision(treatment: &str, resolution: &str) -> DecideInput {
    DecideInput {
        requested_on: Some("01/09/2025".into()),
        treatment_months: Some(treatment.into()),
        has_medical_records: false,
        resolution_ref: resolution.into(),
        resolution_on: "10/10/2025".into(),
        from: "10/10/2025".into(),
        to: Some("09/10/2026".into()),
    }
}

#[rstest]
#[tokio::test]
async fn exm_01_exm_02_exm_03_an_exemption_is_decided_on_request_and_leaves_the_attendance_base(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let m = f
        .member(
            "dv-1",
            "Nguyễn Văn An",
            "C1-G1",
            "01/02/2010",
            Some("01/02/2011"),
        )
        .await;
    let a = &f.admin;
    // EXM-01: without the member's request, no exemption.
    let unasked = DecideInput {
        requested_on: None,
        ..decision("4", "05-NQ/CB")
    };
    assert_eq!(
        refused(decide(&f.app, a, m, &unasked).await),
        ("EXM-01", "not_requested")
    );
    // EXM-01: 55 years old (old age from 60) with 2 months of treatment: no ground.
    assert_eq!(
        refused(decide(&f.app, a, m, &decision("2", "05-NQ/CB")).await),
        ("EXM-01", "no_ground")
    );
    // EXM-02: the resolution's reference is required.
    assert_eq!(
        refused(decide(&f.app, a, m, &decision("4", "  ")).await),
        ("EXM-02", "no_resolution")
    );
    match decide(&f.app, a, m, &decision("bốn", "05-NQ/CB")).await {
        Err(AppError::Invalid(v)) => {
            assert_eq!(
                (v[0].field, &v[0].problem),
                ("treatment_months", &Problem::NotACount)
            )
        }
        other => panic!("{other:?}"),
    }
    let day = d(2025, 11, 1);
    assert!(member_in_attendance_base(&f.app, a, m, day).await.unwrap());
    assert!(
        of_member(&f.app, a, m).await.unwrap().is_empty(),
        "nothing written"
    );

    // Poor health (4 months of treatment) qualifies.
    let e = decide(&f.app, a, m, &decision("4", "05-NQ/CB"))
        .await
        .unwrap();
    // EXM-03: outside the attendance and vote bases from the decision's day, not before.
    assert!(!member_in_attendance_base(&f.app, a, m, day).await.unwrap());
    assert!(!member_in_vote_base(&f.app, a, m, day).await.unwrap());
    assert!(
        member_in_attendance_base(&f.app, a, m, d(2025, 10, 9))
            .await
            .unwrap()
    );
    let listed = of_member(&f.app, a, m).await.unwrap();
    assert_eq!(listed[0].exemption.reason, "poor_health");
    assert_eq!(listed[0].planned_until, Some(d(2026, 10, 9)));

    // Renewal of the planned end, by a new resolution.
    renew(
        &f.app,
        a,
        e,
        &RenewInput {
            resolution_ref: "09-NQ/CB".into(),
            decided_on: "01/10/2026".into(),
            to: Some("09/10/2027".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        of_member(&f.app, a, m).await.unwrap()[0].planned_until,
        Some(d(2027, 10, 9))
    );

    // Another unit's secretary sees nothing of it.
    let other = f.user("btc-c2", "secretary", Some("C2-G1"), None).await;
    let back = |asked: bool| ResumeInput {
        resumed_on: "01/03/2026".into(),
        requested_by_member: asked,
    };
    assert!(matches!(
        resume(&f.app, &other, e, &back(true)).await,
        Err(AppError::NotFound)
    ));
    // EXM-02: resuming is the member's own request.
    assert_eq!(
        refused(resume(&f.app, a, e, &back(false)).await),
        ("EXM-02", "resume_not_requested")
    );
    resume(&f.app, a, e, &back(true)).await.unwrap();
    for (action, n) in [
        ("exemption.decide", 1),
        ("exemption.renew", 1),
        ("exemption.resume", 1),
    ] {
        let q = chibo_app::audit::AuditQuery {
            action: Some(action.into()),
            ..Default::default()
        };
        let rows = chibo_app::audit::list(&f.app, a, &q).await.unwrap();
        assert_eq!(rows.total, n, "{action}");
    }
    assert!(
        member_in_attendance_base(&f.app, a, m, d(2026, 3, 1))
            .await
            .unwrap()
    );
    assert!(
        !member_in_attendance_base(&f.app, a, m, d(2026, 2, 28))
            .await
            .unwrap()
    );
    assert!(matches!(
        resume(&f.app, a, e, &back(true)).await,
        Err(AppError::NotFound)
    ));
}

#[rstest]
#[tokio::test]
async fn exm_01_old_age_alone_or_medical_records_alone_qualify(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::members::{NewMemberInput, add_member};
    use chibo_domain::person::ProfileInput;
    let f = Fixture::new(engine).await;
    let elder = add_member(
        &f.app,
        &f.admin,
        &NewMemberInput {
            profile: ProfileInput {
                full_name: Some("Trần Văn Lão".into()),
                sex: Some("M".into()),
                birth_date: Some("20/05/1958".into()),
                ..ProfileInput::default()
            },
            member_key: Some("dv-3".into()),
            cell_code: "C1-G2".into(),
            admitted_on: "01/02/1995".into(),
            recognized_on: Some("01/02/1996".into()),
            ..NewMemberInput::default()
        },
    )
    .await
    .unwrap();
    // A man of 67 who asks, without any treatment: old age.
    decide(&f.app, &f.admin, elder, &decision("0", "11-NQ/CB"))
        .await
        .unwrap();
    let listed = of_member(&f.app, &f.admin, elder).await.unwrap();
    assert_eq!(listed[0].exemption.reason, "old_age");
    assert!(listed[0].exemption.exempted_event_id.is_some());
    // A man of 55 with medical records but no months of treatment: poor health.
    let m = f
        .member(
            "dv-2",
            "Trần Văn Hai",
            "C1-G2",
            "01/02/2000",
            Some("01/02/2001"),
        )
        .await;
    let with_records = DecideInput {
        has_medical_records: true,
        ..decision("0", "12-NQ/CB")
    };
    decide(&f.app, &f.admin, m, &with_records).await.unwrap();
    let listed = of_member(&f.app, &f.admin, m).await.unwrap();
    assert_eq!(listed[0].exemption.reason, "poor_health");
}
