//! The working-day calendar as administrators keep it (rule GEN-01): seeded with the shipped
//! holidays, edited by administrators only, validated, audited, and what deadlines count on.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, list as audit_list};
use chibo_app::calendar::{self, CalendarInput};
use chibo_domain::calendar::{CalendarEntry, DayKind, Limit, due, shipped_calendar};
use chibo_domain::field::Problem;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn input(date: &str, kind: &str, name: &str) -> CalendarInput {
    CalendarInput {
        date: date.into(),
        kind: kind.into(),
        name: name.into(),
    }
}

async fn stored(f: &Fixture) -> i64 {
    let mut tx = f.app.db.read().await.unwrap();
    let n = chibo_storage::calendar::count(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    n
}

async fn stats_version(f: &Fixture) -> i64 {
    let mut tx = f.app.db.read().await.unwrap();
    let v = chibo_storage::stats::version(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    v
}

#[rstest]
#[tokio::test]
async fn gen_01_setup_seeds_the_shipped_holidays(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    assert_eq!(stored(&f).await, 0);
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let shipped = shipped_calendar().unwrap();
    assert_eq!(calendar::working_calendar(&f.app).await.unwrap(), shipped);
    // Another start adds nothing.
    chibo_app::setup::prepare(&f.app).await.unwrap();
    assert_eq!(
        stored(&f).await,
        i64::try_from(shipped.entries().count()).unwrap()
    );
    let y2026 = calendar::list(&f.app, &f.admin, Some(2026)).await.unwrap();
    assert!(y2026.iter().any(|e| e.date == d(2026, 9, 2)));
    assert!(
        y2026
            .iter()
            .all(|e| e.date >= d(2026, 1, 1) && e.date <= d(2026, 12, 31))
    );
}

#[rstest]
#[tokio::test]
async fn gen_01_administrators_edit_the_calendar_deadlines_count_on(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let version = stats_version(&f).await;
    // Five working days from Monday 06/10/2025: Tue 7 … Fri 10, Mon 13.
    let trigger = d(2025, 10, 6);
    let five = Limit::WorkingDays(5);
    let cal = calendar::working_calendar(&f.app).await.unwrap();
    assert_eq!(due(trigger, five, &cal), Some(d(2025, 10, 13)));

    let saved = calendar::save(
        &f.app,
        &f.admin,
        &input("08/10/2025", "day_off", "  Nghỉ hoán đổi  "),
    )
    .await
    .unwrap();
    let day_off = CalendarEntry {
        date: d(2025, 10, 8),
        kind: DayKind::DayOff,
        name: "Nghỉ hoán đổi".into(),
    };
    assert_eq!(saved, day_off);
    let cal = calendar::working_calendar(&f.app).await.unwrap();
    assert_eq!(due(trigger, five, &cal), Some(d(2025, 10, 14)));

    // A make-up working Saturday gives the day back.
    calendar::save(
        &f.app,
        &f.admin,
        &input("2025-10-11", "makeup_workday", "Làm bù"),
    )
    .await
    .unwrap();
    let cal = calendar::working_calendar(&f.app).await.unwrap();
    assert_eq!(due(trigger, five, &cal), Some(d(2025, 10, 13)));

    // Changing an entry replaces it; deleting it restores the week.
    calendar::save(&f.app, &f.admin, &input("08/10/2025", "holiday", "Ngày lễ"))
        .await
        .unwrap();
    let cal = calendar::working_calendar(&f.app).await.unwrap();
    assert_eq!(cal.entry_on(d(2025, 10, 8)).unwrap().kind, DayKind::Holiday);
    calendar::delete(&f.app, &f.admin, d(2025, 10, 8))
        .await
        .unwrap();
    calendar::delete(&f.app, &f.admin, d(2025, 10, 11))
        .await
        .unwrap();
    assert!(matches!(
        calendar::delete(&f.app, &f.admin, d(2025, 10, 11)).await,
        Err(AppError::NotFound)
    ));
    let cal = calendar::working_calendar(&f.app).await.unwrap();
    assert_eq!(cal, shipped_calendar().unwrap());

    // Every write is audited with before and after; headcounts are untouched.
    let rows = audit_list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("calendar.save".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(rows.items.len(), 3);
    let changed = rows
        .items
        .iter()
        .find(|r| r.before_json.is_some())
        .expect("the replaced entry");
    assert_eq!(changed.target_kind, "calendar");
    assert_eq!(changed.target_id.as_deref(), Some("2025-10-08"));
    assert_eq!(changed.username, "quantri");
    assert!(changed.before_json.as_deref().unwrap().contains("day_off"));
    assert!(changed.after_json.as_deref().unwrap().contains("holiday"));
    let deleted = audit_list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("calendar.delete".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(deleted.items.len(), 2);
    assert!(
        deleted
            .items
            .iter()
            .all(|r| r.before_json.is_some() && r.after_json.is_none())
    );
    assert_eq!(stats_version(&f).await, version);
}

#[rstest]
#[tokio::test]
async fn gen_01_only_administrators_edit_and_bad_input_writes_nothing(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let before = stored(&f).await;
    let good = input("08/10/2025", "day_off", "Nghỉ");
    for (name, role, unit) in [
        ("canbo", "officer", Some("P")),
        ("bithu", "secretary", Some("C1-G1")),
        ("kiemtra", "inspector", Some("P")),
    ] {
        let actor = f.user(name, role, unit, None).await;
        assert!(
            matches!(
                calendar::save(&f.app, &actor, &good).await,
                Err(AppError::NotFound | AppError::Forbidden(_))
            ),
            "{role}"
        );
        assert!(matches!(
            calendar::delete(&f.app, &actor, d(2025, 9, 2)).await,
            Err(AppError::NotFound | AppError::Forbidden(_))
        ));
        assert!(matches!(
            calendar::list(&f.app, &actor, Some(2025)).await,
            Err(AppError::NotFound | AppError::Forbidden(_))
        ));
    }

    let problems = |r: Result<CalendarEntry, AppError>| match r {
        Err(AppError::Invalid(errors)) => errors
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problems(calendar::save(&f.app, &f.admin, &input("30/02/2025", "festival", " ")).await),
        vec![
            ("date", Problem::InvalidDate),
            (
                "kind",
                Problem::NotOneOf {
                    allowed: calendar::KIND_CODES
                }
            ),
            ("name", Problem::Required),
        ]
    );
    // Friday 10/10/2025 is already a working day.
    assert_eq!(
        problems(
            calendar::save(
                &f.app,
                &f.admin,
                &input("10/10/2025", "makeup_workday", "Làm bù")
            )
            .await
        ),
        vec![("date", Problem::MakeupNotWeekend)]
    );
    assert_eq!(stored(&f).await, before);
    let audit = audit_list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("calendar.save".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(audit.items.is_empty());
}
