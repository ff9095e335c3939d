//! Yearly admission targets (TGT-03; issue 5, point 5): set by administrators and officers in
//! their scope, audited, validated; reported against the statistics engine's admissions.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, By, list as audit_list};
use chibo_app::targets::{self, TargetInput, TargetRow, TargetValue};
use chibo_domain::field::Problem;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn count(unit: &str, year: &str, n: &str) -> TargetInput {
    TargetInput {
        unit: unit.into(),
        year: year.into(),
        count: Some(n.into()),
        percent: None,
    }
}

fn percent(unit: &str, year: &str, p: &str) -> TargetInput {
    TargetInput {
        unit: unit.into(),
        year: year.into(),
        count: None,
        percent: Some(p.into()),
    }
}

/// Code, target, admitted, percent in hundredths, forecast.
type Cells = (String, Option<i64>, i64, Option<i64>, i64);

fn row(code: &str, target: Option<i64>, admitted: i64, pct: Option<i64>) -> Cells {
    (code.to_owned(), target, admitted, pct, admitted)
}

fn cells(rows: &[TargetRow]) -> Vec<Cells> {
    rows.iter()
        .map(|r| {
            (
                r.unit_code.clone(),
                r.target,
                r.admitted,
                r.percent_hundredths,
                r.forecast,
            )
        })
        .collect()
}

async fn stored(f: &Fixture) -> i64 {
    let mut tx = f.app.db.read().await.unwrap();
    let n = chibo_storage::targets::count(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    n
}

async fn audited(f: &Fixture) -> Vec<chibo_app::model::AuditRow> {
    audit_list(
        &f.app,
        &f.admin,
        &AuditQuery {
            action: Some("target.set".into()),
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap()
    .items
}

#[rstest]
#[tokio::test]
async fn tgt_03_attainment_percentages_and_roll_up(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    // C1: one admitted in 2024 (not counted), two in 2025.
    f.member("DV-1", "Nguyễn Văn Một", "C1-G1", "10/05/2024", None)
        .await;
    f.member("DV-2", "Nguyễn Văn Hai", "C1-G1", "10/03/2025", None)
        .await;
    f.member("DV-3", "Nguyễn Văn Ba", "C1-G2", "01/06/2025", None)
        .await;
    // C2: seven members on 1 January 2025, one admitted on 2 January.
    for i in 0..7 {
        let key = format!("DV-C2-{i}");
        f.member(
            &key,
            "Trần Thị Bảy",
            "C2-G1",
            "15/04/2020",
            Some("15/04/2021"),
        )
        .await;
    }
    f.member("DV-C2-N", "Lê Văn Mới", "C2-G1", "02/01/2025", None)
        .await;

    // TGT-03: a count target of 3, 2 admitted → 2 / 3 × 100 = 66.67 (half up).
    let t = targets::set(&f.app, By::User(&f.admin), &count("C1", "2025", "5"))
        .await
        .unwrap();
    assert_eq!(t.value, TargetValue::Count(5));
    // Setting again replaces it.
    targets::set(&f.app, By::User(&f.admin), &count("C1", "2025", "3"))
        .await
        .unwrap();
    // 50 % of the 7 members on 1 January = 3.5 → 4 people (half up).
    targets::set(&f.app, By::User(&f.admin), &percent("C2", "2025", "50,00"))
        .await
        .unwrap();
    assert_eq!(stored(&f).await, 2);

    let r = targets::report(
        &f.app,
        By::User(&f.admin),
        2025,
        Some("C1"),
        Some(d(2025, 12, 31)),
    )
    .await
    .unwrap();
    assert_eq!(
        cells(&r.rows),
        vec![
            row("C1", Some(3), 2, Some(6_667)),
            row("C1-G1", None, 1, None),
            row("C1-G2", None, 1, None),
        ]
    );
    assert_eq!(r.rows[0].unit_name, "Đảng bộ xã Phú Cường");
    assert_eq!(r.base_day, d(2025, 1, 1));

    let r = targets::report(
        &f.app,
        By::User(&f.admin),
        2025,
        Some("C2"),
        Some(d(2026, 3, 1)),
    )
    .await
    .unwrap();
    assert_eq!(r.to, d(2025, 12, 31));
    assert_eq!(
        cells(&r.rows),
        vec![
            row("C2", Some(4), 1, Some(2_500)),
            row("C2-G1", None, 1, None)
        ]
    );

    // The province has no target of its own: its children's add up (3 + 4); admitted so far
    // on 30 April: C1's one of March, C2's one of January.
    let r = targets::report(
        &f.app,
        By::System("test"),
        2025,
        Some("P"),
        Some(d(2025, 4, 30)),
    )
    .await
    .unwrap();
    assert_eq!(
        cells(&r.rows),
        vec![
            row("P", Some(7), 2, Some(2_857)),
            row("C1", Some(3), 1, Some(3_333)),
            row("C2", Some(4), 1, Some(2_500)),
        ]
    );
    // The whole registry: the roots.
    let all = targets::report(&f.app, By::System("test"), 2025, None, Some(d(2025, 4, 30)))
        .await
        .unwrap();
    assert_eq!(cells(&all.rows), vec![row("P", Some(7), 2, Some(2_857))]);
    // A year without targets: empty targets, admissions still counted.
    let r = targets::report(&f.app, By::System("test"), 2024, Some("C1"), None)
        .await
        .unwrap();
    assert_eq!(r.rows[0].target, None);
    assert_eq!(r.rows[0].admitted, 1);

    // Every setting is audited with before and after.
    let rows = audited(&f).await;
    assert_eq!(rows.len(), 3);
    let replaced = rows
        .iter()
        .find(|r| r.before_json.is_some())
        .expect("the replacement keeps the target it replaced");
    assert!(
        replaced
            .before_json
            .as_deref()
            .unwrap()
            .contains("\"count\":5")
    );
    assert!(
        replaced
            .after_json
            .as_deref()
            .unwrap()
            .contains("\"count\":3")
    );
    assert_eq!(replaced.target_id.as_deref(), Some("C1/2025"));
}

#[rstest]
#[tokio::test]
async fn officers_set_targets_in_their_scope_only(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    let c2 = f.user("canbo2", "officer", Some("C2"), None).await;
    let c1 = f.user("canbo1", "officer", Some("C1"), None).await;
    let secretary = f.user("thuky1", "secretary", Some("C1"), None).await;

    assert!(matches!(
        targets::set(&f.app, By::User(&c2), &count("C1", "2025", "3")).await,
        Err(AppError::NoSuchReference { field: "unit" })
    ));
    assert!(matches!(
        targets::set(&f.app, By::User(&c2), &count("KHONG-CO", "2025", "3")).await,
        Err(AppError::NoSuchReference { field: "unit" })
    ));
    assert!(matches!(
        targets::set(&f.app, By::User(&secretary), &count("C1", "2025", "3")).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        targets::report(&f.app, By::User(&c2), 2025, Some("C1"), None).await,
        Err(AppError::NoSuchReference { field: "unit" })
    ));
    assert_eq!(stored(&f).await, 0);
    assert!(audited(&f).await.is_empty());

    targets::set(&f.app, By::User(&c1), &count("C1-G1", "2025", "2"))
        .await
        .unwrap();
    // Without a unit, an officer's report is of their own unit.
    let r = targets::report(&f.app, By::User(&c1), 2025, None, Some(d(2025, 6, 30)))
        .await
        .unwrap();
    assert_eq!(
        cells(&r.rows),
        vec![
            row("C1", Some(2), 0, Some(0)),
            row("C1-G1", Some(2), 0, Some(0)),
            row("C1-G2", None, 0, None),
        ]
    );
    let rows = audited(&f).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].username, "canbo1");
    assert!(rows[0].before_json.is_none());
}

#[rstest]
#[tokio::test]
async fn bad_targets_are_explained_field_by_field_and_write_nothing(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let cases: Vec<(TargetInput, Vec<(&str, Problem)>)> = vec![
        (
            count("C1", "20x5", "3"),
            vec![("year", Problem::NotANumber)],
        ),
        (
            count("C1", "1800", "3"),
            vec![(
                "year",
                Problem::YearOutOfRange {
                    min: 1930,
                    max: 2100,
                },
            )],
        ),
        (
            count("C1", "2025", "-1"),
            vec![("count", Problem::NotACount)],
        ),
        (
            count("C1", "2025", "2.5"),
            vec![("count", Problem::NotACount)],
        ),
        (
            percent("C1", "2025", "0"),
            vec![("percent", Problem::PercentFormat)],
        ),
        (
            percent("C1", "2025", "100.01"),
            vec![("percent", Problem::PercentFormat)],
        ),
        (
            percent("C1", "2025", "3.125"),
            vec![("percent", Problem::PercentFormat)],
        ),
        (
            percent("C1", "2025", "ba"),
            vec![("percent", Problem::PercentFormat)],
        ),
        (
            TargetInput {
                unit: "C1".into(),
                year: "2025".into(),
                count: Some("3".into()),
                percent: Some("3".into()),
            },
            vec![("count", Problem::CountOrPercent)],
        ),
        (
            TargetInput {
                unit: String::new(),
                year: String::new(),
                count: None,
                percent: None,
            },
            vec![
                ("unit", Problem::Required),
                ("year", Problem::Required),
                ("count", Problem::CountOrPercent),
            ],
        ),
    ];
    for (input, expected) in cases {
        match targets::set(&f.app, By::User(&f.admin), &input).await {
            Err(AppError::Invalid(fields)) => {
                let got: Vec<(&str, Problem)> =
                    fields.into_iter().map(|e| (e.field, e.problem)).collect();
                assert_eq!(got, expected, "{input:?}");
            }
            other => panic!("{input:?} gave {other:?}"),
        }
    }
    assert_eq!(stored(&f).await, 0);
    assert!(audited(&f).await.is_empty());
    // The edges are accepted: 100 %, 0.01 %, a count of 0.
    for input in [
        percent("C1", "2025", "100"),
        percent("C1", "2026", "0,01"),
        count("C1", "2027", "0"),
    ] {
        targets::set(&f.app, By::User(&f.admin), &input)
            .await
            .unwrap();
    }
    assert_eq!(stored(&f).await, 3);
}

#[test]
fn rounding_is_half_up() {
    // TGT-03's worked example: 10,624 admitted against 10,000 → 106.24 %.
    assert_eq!(targets::attainment_hundredths(10_624, 10_000), Some(10_624));
    assert_eq!(targets::attainment_hundredths(2, 3), Some(6_667));
    assert_eq!(targets::attainment_hundredths(1, 8), Some(1_250));
    assert_eq!(targets::attainment_hundredths(1, 0), None);
    // TGT-01 / STA-05: 3.98 % of 64,403 members is 2,563.24 → 2,563.
    assert_eq!(targets::share_of(64_403, 398), 2_563);
    assert_eq!(targets::share_of(7, 5_000), 4);
    assert_eq!(targets::share_of(70, 350), 2);
    assert_eq!(targets::forecast_year_end(12, 3), 15);
    assert_eq!(targets::forecast_year_end(12, -1), 12);
    assert_eq!(targets::parse_percent("3,5"), Ok(350));
    assert_eq!(targets::parse_percent("3.50%"), Ok(350));
}

#[rstest]
#[tokio::test]
async fn tgt_03_progress_by_month_matches_the_report_and_steps_at_admissions(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    // 2024 (not this year), March and June (before the report day), 25 June (after it).
    f.member("DV-1", "Nguyễn Văn Một", "C1-G1", "10/05/2024", None)
        .await;
    f.member("DV-2", "Nguyễn Văn Hai", "C1-G1", "10/03/2025", None)
        .await;
    f.member("DV-3", "Nguyễn Văn Ba", "C1-G2", "01/06/2025", None)
        .await;
    f.member("DV-4", "Nguyễn Văn Bốn", "C1-G2", "25/06/2025", None)
        .await;
    f.member("DV-C2", "Lê Văn Mới", "C2-G1", "02/01/2025", None)
        .await;
    targets::set(&f.app, By::User(&f.admin), &count("C1", "2025", "3"))
        .await
        .unwrap();
    let as_of = d(2025, 6, 20);

    let p = targets::progress_by_month(&f.app, By::User(&f.admin), Some("C1"), 2025, Some(as_of))
        .await
        .unwrap();
    let r = targets::report(&f.app, By::User(&f.admin), 2025, Some("C1"), Some(as_of))
        .await
        .unwrap();
    // January to June only, June closed on the report day.
    let months: Vec<(u32, NaiveDate, i64)> = p
        .months
        .iter()
        .map(|m| (m.month, m.until, m.admitted))
        .collect();
    assert_eq!(
        months,
        vec![
            (1, d(2025, 1, 31), 0),
            (2, d(2025, 2, 28), 0),
            (3, d(2025, 3, 31), 1),
            (4, d(2025, 4, 30), 1),
            (5, d(2025, 5, 31), 1),
            (6, as_of, 2),
        ]
    );
    assert!(p.months.windows(2).all(|w| w[0].admitted <= w[1].admitted));
    assert!(p.months.iter().all(|m| m.until <= as_of));
    // The report day's cumulative, the target and the forecast are the report's.
    assert_eq!(p.admitted(), r.rows[0].admitted);
    assert_eq!(
        (p.target, p.forecast, p.unit_code.as_deref()),
        (r.rows[0].target, r.rows[0].forecast, Some("C1"))
    );
    assert_eq!(p.target, Some(3));

    // The whole year: twelve months, the last one closing on 31 December.
    let year = targets::progress_by_month(
        &f.app,
        By::System("test"),
        Some("C1"),
        2025,
        Some(d(2026, 2, 1)),
    )
    .await
    .unwrap();
    assert_eq!(year.months.len(), 12);
    assert_eq!(year.months[11].until, d(2025, 12, 31));
    assert_eq!(year.admitted(), 3);
    // The whole registry adds up the roots; before the year there is nothing to show.
    let all = targets::progress_by_month(&f.app, By::System("test"), None, 2025, Some(as_of))
        .await
        .unwrap();
    assert_eq!(
        (all.unit_code.as_deref(), all.admitted(), all.target),
        (None, 3, Some(3))
    );
    let early = targets::progress_by_month(
        &f.app,
        By::System("test"),
        Some("C1"),
        2025,
        Some(d(2024, 12, 31)),
    )
    .await
    .unwrap();
    assert!(early.months.is_empty());

    // Outside the caller's scope the unit does not exist.
    let c2 = f.user("canbo2", "officer", Some("C2"), None).await;
    assert!(matches!(
        targets::progress_by_month(&f.app, By::User(&c2), Some("C1"), 2025, Some(as_of)).await,
        Err(AppError::NoSuchReference { field: "unit" })
    ));
}

/// TGT-01: each row gives its admissions over its members on the report day (the year end,
/// STA-05) and where that stands against the 3–4 % band.
#[rstest]
#[tokio::test]
async fn tgt_01_each_row_gives_the_admission_rate_against_the_band(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_domain::goals::RatePosition;
    let f = Fixture::new(engine).await;
    // C2-G1: 29 members from 2020 and one admitted in 2025: 1 / 30 = 3.33 %.
    for i in 0..29 {
        f.member(
            &format!("DV-C2-{i}"),
            "Trần Thị Bảy",
            "C2-G1",
            "15/04/2020",
            Some("15/04/2021"),
        )
        .await;
    }
    f.member("DV-C2-N", "Lê Văn Mới", "C2-G1", "02/03/2025", None)
        .await;
    // C1-G1: three members, none admitted in 2025; C1-G2: one of two admitted in 2025.
    for i in 0..3 {
        f.member(
            &format!("DV-C1-{i}"),
            "Nguyễn Văn Cũ",
            "C1-G1",
            "15/04/2019",
            Some("15/04/2020"),
        )
        .await;
    }
    f.member(
        "DV-C1-X",
        "Phạm Văn Cũ",
        "C1-G2",
        "15/04/2019",
        Some("15/04/2020"),
    )
    .await;
    f.member("DV-C1-N", "Phạm Văn Mới", "C1-G2", "01/06/2025", None)
        .await;
    let rate = |r: &targets::TargetReport, code: &str| {
        let row = r.rows.iter().find(|x| x.unit_code == code).unwrap();
        (
            row.members,
            row.admission_rate_hundredths,
            row.rate_position,
        )
    };
    let c2 = targets::report(
        &f.app,
        By::User(&f.admin),
        2025,
        Some("C2"),
        Some(d(2025, 12, 31)),
    )
    .await
    .unwrap();
    assert_eq!(
        rate(&c2, "C2-G1"),
        (30, Some(333), Some(RatePosition::Within))
    );
    let c1 = targets::report(
        &f.app,
        By::User(&f.admin),
        2025,
        Some("C1"),
        Some(d(2025, 12, 31)),
    )
    .await
    .unwrap();
    assert_eq!(rate(&c1, "C1-G1"), (3, Some(0), Some(RatePosition::Below)));
    assert_eq!(
        rate(&c1, "C1-G2"),
        (2, Some(5_000), Some(RatePosition::Above))
    );
    // The unit's own row adds up its children: 1 of 5.
    assert_eq!(rate(&c1, "C1"), (5, Some(2_000), Some(RatePosition::Above)));
}
