//! The working-day calendar's table (rule GEN-01): seeded from the shipped data, edited entry
//! by entry.

use chibo_domain::calendar::{CalendarEntry, DayKind, shipped_calendar};
use chibo_storage::{Engine, calendar};
use chibo_testkit::{Postgres, Sqlite, TestDb};
use chrono::{Datelike, NaiveDate};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[rstest::rstest]
#[tokio::test]
async fn gen_01_calendar_is_seeded_once_and_edited_by_date(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    let mut tx = t.db.write().await.unwrap();
    let shipped: Vec<CalendarEntry> = shipped_calendar().unwrap().entries().cloned().collect();
    assert!(calendar::ensure_loaded(&mut tx).await.unwrap());
    assert!(
        !calendar::ensure_loaded(&mut tx).await.unwrap(),
        "loading twice adds nothing"
    );
    assert_eq!(
        calendar::count(&mut tx).await.unwrap(),
        i64::try_from(shipped.len()).unwrap()
    );
    assert_eq!(calendar::list(&mut tx, None).await.unwrap(), shipped);
    let y2025 = calendar::list(&mut tx, Some(2025)).await.unwrap();
    assert!(!y2025.is_empty());
    assert!(y2025.iter().all(|e| e.date.year_ce().1 == 2025));
    assert_eq!(
        y2025,
        shipped
            .iter()
            .filter(|e| e.date.year_ce().1 == 2025)
            .cloned()
            .collect::<Vec<_>>()
    );
    let years: std::collections::BTreeSet<u32> =
        shipped.iter().map(|e| e.date.year_ce().1).collect();
    assert_eq!(years.first(), Some(&2020));
    assert_eq!(years.last(), Some(&2030));

    // Upsert adds, then replaces; delete removes.
    let day = d(2025, 10, 10);
    assert_eq!(calendar::get(&mut tx, day).await.unwrap(), None);
    let mut e = CalendarEntry {
        date: day,
        kind: DayKind::DayOff,
        name: "Nghỉ thử".into(),
    };
    calendar::upsert(&mut tx, &e).await.unwrap();
    assert_eq!(
        calendar::get(&mut tx, day).await.unwrap().as_ref(),
        Some(&e)
    );
    e.kind = DayKind::Holiday;
    e.name = "Ngày lễ thử".into();
    calendar::upsert(&mut tx, &e).await.unwrap();
    assert_eq!(
        calendar::get(&mut tx, day).await.unwrap().as_ref(),
        Some(&e)
    );
    assert_eq!(
        calendar::count(&mut tx).await.unwrap(),
        i64::try_from(shipped.len()).unwrap() + 1
    );
    assert!(calendar::delete(&mut tx, day).await.unwrap());
    assert!(!calendar::delete(&mut tx, day).await.unwrap());
    assert_eq!(calendar::get(&mut tx, day).await.unwrap(), None);
    tx.commit().await.unwrap();
}
