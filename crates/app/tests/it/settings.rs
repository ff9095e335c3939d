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

/// ADM-04 with the validity set to 48 months: a certificate of 2020-04-01 (valid for a vote
/// on 2025-04-01 by default) is refused as expired on 2024-04-02; restored, it passes.
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
    set(
        &f.app,
        By::User(&f.admin),
        "awareness_cert_valid_months",
        "48",
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
    set(
        &f.app,
        By::System("cli"),
        "awareness_cert_valid_months",
        "60",
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
    assert_eq!(changes.total, 2);
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
        set(&f.app, By::User(&officer), "ceremony_wd", "20").await,
        Err(AppError::Forbidden(Permission::ManageUsers))
    ));
    let field = |r: Result<Settings, AppError>| match r {
        Err(AppError::Invalid(v)) => v[0].field,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(set(&f.app, By::User(&f.admin), "no_such", "1").await),
        "key"
    );
    assert_eq!(
        field(set(&f.app, By::User(&f.admin), "ceremony_wd", "ba mươi").await),
        "value"
    );
    assert_eq!(
        field(set(&f.app, By::User(&f.admin), "max_age_months", "200").await),
        "value"
    );
    assert_eq!(load(&f.app).await.unwrap(), Settings::default());
    let s = set(
        &f.app,
        By::User(&f.admin),
        "exclude_absent_exempted",
        "true",
    )
    .await
    .unwrap();
    assert!(s.admission.exclude_absent_exempted);
    assert_eq!(load(&f.app).await.unwrap(), s);
}
