//! The configurable rule values (GEN-03): stored settings with the rule catalogue's defaults,
//! changed by administrators only, audited, and read by the admission checks.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, By, list as audit_list};
use chibo_app::candidates::{NewCandidateInput, StepInput, add_candidate, record_step};
use chibo_app::settings::{Settings, load, set};
use chibo_domain::access::Permission;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use rstest::rstest;

use crate::support::Fixture;

fn step(stage: &str, on: &str) -> StepInput {
    StepInput {
        stage: stage.into(),
        on: on.into(),
        ..StepInput::default()
    }
}

/// ADM-04 with the validity set to 48 months from 2025-01-01: a certificate of 2020-04-01
/// (valid for a vote on 2025-04-01 by default) is refused as expired on 2024-04-02; set back
/// to 60 from the same day, it passes (GEN-03: the vote is judged by the value of its date).
#[rstest]
#[tokio::test]
async fn gen_03_adm_04_the_certificate_validity_is_a_setting_the_cell_vote_reads(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    for key in ["sp-1", "sp-2"] {
        f.member(
            key,
            "Người Giới Thiệu",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    }
    assert_eq!(load(&f.app).await.unwrap(), Settings::default());
    let key = add_candidate(
        &f.app,
        &f.admin,
        &NewCandidateInput {
            cell_code: "C1-G1".into(),
            full_name: "Phạm Thị Tư".into(),
            sex: "F".into(),
            birth_date: "15/05/2000".into(),
            listed_on: "10/01/2020".into(),
            education: Some("lower_secondary".into()),
            ..NewCandidateInput::default()
        },
    )
    .await
    .unwrap();
    for input in [
        step("awareness_class", "01/04/2020"),
        step("application", "10/02/2025"),
        StepInput {
            sponsors: ["sp-1", "sp-2"]
                .iter()
                .map(|k| chibo_app::candidates::SponsorInput {
                    member_key: (*k).into(),
                    together_since: "01/01/2020".into(),
                    replaces: None,
                })
                .collect(),
            ..step("sponsors", "15/02/2025")
        },
        StepInput {
            conclusion: Some("Đạt".into()),
            comment_summary_ref: Some("5-KNĐ".into()),
            ..step("verified", "01/03/2025")
        },
    ] {
        record_step(&f.app, &f.admin, &key, &input).await.unwrap();
    }
    let vote = StepInput {
        official_members: Some(10),
        approvals: Some(9),
        ..step("cell_vote", "01/04/2025")
    };
    // GEN-03: set from a day after the vote, the value does not apply to it.
    set(
        &f.app,
        By::User(&f.admin),
        "awareness_cert_valid_months",
        "48",
        Some(chrono::NaiveDate::from_ymd_opt(2025, 4, 2).unwrap()),
    )
    .await
    .unwrap();
    let validity_on = |day: chrono::NaiveDate| {
        let app = f.app.clone();
        async move {
            let mut tx = app.db.read().await.unwrap();
            let s = chibo_app::settings::load_on(&mut tx, day).await.unwrap();
            tx.commit().await.unwrap();
            s.admission.awareness_cert_valid_months
        }
    };
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    assert_eq!(validity_on(day(4, 1)).await, 60);
    assert_eq!(validity_on(day(4, 2)).await, 48);
    set(
        &f.app,
        By::User(&f.admin),
        "awareness_cert_valid_months",
        "48",
        Some(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()),
    )
    .await
    .unwrap();
    assert_eq!(
        load(&f.app)
            .await
            .unwrap()
            .admission
            .awareness_cert_valid_months,
        48
    );
    match record_step(&f.app, &f.admin, &key, &vote).await {
        Err(AppError::Rule(v)) => {
            assert_eq!(v.code(), "awareness_certificate_expired");
            assert!(v.message().contains("01/04/2024"), "{}", v.message());
        }
        other => panic!("{other:?}"),
    }
    // Set back to 60 from today, the vote of 2025 is still judged by 48; from the same day
    // as the 48, the value set last wins and the vote passes.
    set(
        &f.app,
        By::System("cli"),
        "awareness_cert_valid_months",
        "60",
        None,
    )
    .await
    .unwrap();
    assert!(record_step(&f.app, &f.admin, &key, &vote).await.is_err());
    set(
        &f.app,
        By::System("cli"),
        "awareness_cert_valid_months",
        "60",
        Some(day(1, 1)),
    )
    .await
    .unwrap();
    record_step(&f.app, &f.admin, &key, &vote).await.unwrap();

    let changes = audit_list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("setting.set".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(changes.total, 4);
}

/// Only administrators change settings; a bad name or value is refused naming the field and
/// changes nothing.
#[rstest]
#[tokio::test]
async fn gen_03_settings_are_changed_by_administrators_only_and_validated(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let officer = f.user("canbo", "officer", Some("C1"), None).await;
    assert!(matches!(
        set(&f.app, By::User(&officer), "ceremony_wd", "20", None).await,
        Err(AppError::Forbidden(Permission::ManageUsers))
    ));
    assert!(matches!(
        chibo_app::settings::in_force(&f.app, By::User(&officer), None).await,
        Err(AppError::Forbidden(Permission::ManageUsers))
    ));
    assert!(matches!(
        chibo_app::settings::history(&f.app, By::User(&officer), None).await,
        Err(AppError::Forbidden(Permission::ManageUsers))
    ));
    assert!(
        chibo_app::settings::in_force(&f.app, By::User(&f.admin), None)
            .await
            .is_ok()
    );
    let field = |r: Result<Settings, AppError>| match r {
        Err(AppError::Invalid(v)) => v[0].field,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(set(&f.app, By::User(&f.admin), "no_such", "1", None).await),
        "key"
    );
    assert_eq!(
        field(set(&f.app, By::User(&f.admin), "ceremony_wd", "ba mươi", None).await),
        "value"
    );
    assert_eq!(
        field(set(&f.app, By::User(&f.admin), "max_age_months", "200", None).await),
        "value"
    );
    assert_eq!(load(&f.app).await.unwrap(), Settings::default());
    let s = set(
        &f.app,
        By::User(&f.admin),
        "exclude_absent_exempted",
        "true",
        None,
    )
    .await
    .unwrap();
    assert!(s.admission.exclude_absent_exempted);
    assert_eq!(load(&f.app).await.unwrap(), s);
}

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// GEN-03: a value set from a day is in force from that day on and not before; a value set
/// earlier for the same key stays in force until then; every version is kept in the history;
/// a value that would disagree with a later version of another key is refused.
#[rstest]
#[tokio::test]
async fn gen_03_a_value_set_from_a_day_is_in_force_from_that_day_and_kept_in_the_history(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::settings::{history, in_force, load_on};
    let f = Fixture::new(engine).await;
    let on = |day| {
        let app = f.app.clone();
        async move {
            let mut tx = app.db.read().await.unwrap();
            let s = load_on(&mut tx, day).await.unwrap();
            tx.commit().await.unwrap();
            s.warning.threshold
        }
    };
    let admin = By::User(&f.admin);
    set(&f.app, admin, "warning_threshold", "4", Some(d(2026, 1, 1)))
        .await
        .unwrap();
    assert_eq!(on(d(2025, 12, 31)).await, 3, "the default before the day");
    assert_eq!(on(d(2026, 1, 1)).await, 4);
    set(&f.app, admin, "warning_threshold", "5", Some(d(2025, 6, 1)))
        .await
        .unwrap();
    assert_eq!(on(d(2025, 5, 31)).await, 3);
    assert_eq!(on(d(2025, 7, 1)).await, 5);
    assert_eq!(
        on(d(2026, 2, 1)).await,
        4,
        "the later version still wins after its day"
    );

    // The margin of 3 agrees with the threshold of 4 in force from 2026; a threshold of 3 from
    // March 2026 would then disagree with it from June, so it is refused and nothing changes.
    set(&f.app, admin, "warning_margin", "3", Some(d(2026, 6, 1)))
        .await
        .unwrap();
    assert!(matches!(
        set(&f.app, admin, "warning_threshold", "3", Some(d(2026, 3, 1))).await,
        Err(AppError::Invalid(v)) if v[0].field == "value"
    ));
    assert!(matches!(
        set(&f.app, admin, "warning_margin", "5", Some(d(2025, 8, 1))).await,
        Err(AppError::Invalid(v)) if v[0].field == "value"
    ));

    let versions = history(&f.app, admin, Some("warning_threshold"))
        .await
        .unwrap();
    let listed: Vec<_> = versions
        .iter()
        .map(|v| (v.value.as_str(), v.valid_from, v.set_by.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("5", d(2025, 6, 1), "quantri"),
            ("4", d(2026, 1, 1), "quantri")
        ]
    );
    assert_eq!(history(&f.app, admin, None).await.unwrap().len(), 3);
    assert!(matches!(
        history(&f.app, admin, Some("nope")).await,
        Err(AppError::Invalid(v)) if v[0].field == "key"
    ));
    // The list in force on a day names the rule and the day each value took effect.
    let lines = in_force(&f.app, admin, Some(d(2026, 7, 1))).await.unwrap();
    let line = |k: &str| lines.iter().find(|l| l.key == k).unwrap().clone();
    let t = line("warning_threshold");
    assert_eq!(
        (t.value.as_str(), t.rule, t.since),
        ("4", Some("REM-01"), Some(d(2026, 1, 1)))
    );
    let c = line("ceremony_wd");
    assert_eq!((c.value.as_str(), c.since), ("30", None));
    let changes = audit_list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("setting.set".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(changes.total, 3, "only the accepted versions are audited");
}
