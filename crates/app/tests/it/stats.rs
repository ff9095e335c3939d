//! Statistics: the engine against the naive oracle on demo data, the index seeing later
//! writes, scope refusals and the CSV form. Every case on both engines.

use std::collections::BTreeMap;

use chibo_app::audit::By;
use chibo_app::demo::{DemoData, generate, write};
use chibo_app::interchange::{ExportFormat, ExportOptions, export};
use chibo_app::members::{EventInput, ProfileUpdate, VoidInput};
use chibo_app::org::MoveInput;
use chibo_app::stats::{query, to_csv};
use chibo_app::{App, AppError, clock};
use chibo_domain::ids::EventId;
use chibo_domain::interchange::EventRecord;
use chibo_domain::org::UnitKind;
use chibo_domain::person::ProfileInput;
use chibo_domain::stats::{Dimension, StatsQuery, StatsResult};
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite, TestDb};
use chrono::NaiveDate;
use rstest::rstest;

use crate::stats_oracle::{Ask, Records, answer, records};
use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn demo(engine: Engine) -> (TestDb, App, DemoData) {
    let db = TestDb::fresh(engine).await;
    let app = App::new(db.db.clone());
    let data = generate(700, 11, clock::today()).unwrap();
    write(&app, &data).await.unwrap();
    (db, app, data)
}

/// The registry's events as exported: the generated histories and what the demo's use cases
/// recorded after them (the secretary's cell: a transfer letter, a member working away).
async fn exported_events(app: &App) -> Vec<EventRecord> {
    let dir = tempfile::tempdir().unwrap();
    export(
        app,
        By::System("test"),
        dir.path(),
        ExportFormat::Dir,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    csv::Reader::from_path(dir.path().join("events.csv"))
        .unwrap()
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn dims(codes: &[&str]) -> Vec<Dimension> {
    codes.iter().map(|c| Dimension::parse(c).unwrap()).collect()
}

fn rows(r: &StatsResult) -> BTreeMap<Vec<String>, Vec<i64>> {
    r.rows
        .iter()
        .filter(|row| row.values.iter().any(|v| *v != 0))
        .map(|row| (row.dims.clone(), row.values.clone()))
        .collect()
}

async fn ask(app: &App, a: &Ask<'_>) -> StatsResult {
    let q = StatsQuery {
        as_of: a.as_of,
        unit: a.unit.map(str::to_owned),
        by: dims(a.by),
        period: a.period,
        compare: a.compare,
        format: None,
    };
    query(app, By::System("test"), &q).await.unwrap()
}

fn first_commune(data: &DemoData) -> &str {
    &data
        .units
        .iter()
        .find(|u| {
            u.versions[0].kind == UnitKind::CommuneCommittee && u.versions[0].valid_to.is_none()
        })
        .unwrap()
        .code
}

fn first_cell_with_groups(data: &DemoData) -> Option<&str> {
    let group = data
        .units
        .iter()
        .find(|u| u.versions[0].kind == UnitKind::PartyGroup)?;
    group.versions[0].parent.as_deref()
}

#[rstest]
#[tokio::test]
async fn the_engine_agrees_with_the_oracle_on_demo_data(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (_db, app, data) = demo(engine).await;
    let mut r: Records = records(&data);
    r.events = exported_events(&app).await;
    let today = clock::today();
    let commune = first_commune(&data).to_owned();
    let cell = first_cell_with_groups(&data).map(str::to_owned);
    let days = [
        d(1990, 1, 1),
        d(2010, 6, 30),
        d(2025, 6, 30),
        d(2025, 7, 1),
        today,
    ];
    let breakdowns: &[&[&str]] = &[
        &[],
        &["unit"],
        &["unit", "sex", "age_band"],
        &["status", "party_age_band"],
        &["ethnicity", "religion"],
        &["education", "professional_level", "political_theory"],
    ];
    let mut asks = Vec::new();
    for day in days {
        for by in breakdowns {
            for unit in [None, Some(commune.as_str())] {
                asks.push(Ask {
                    as_of: day,
                    unit,
                    by,
                    period: None,
                    compare: None,
                });
            }
        }
    }
    asks.push(Ask {
        as_of: today,
        unit: None,
        by: &["unit", "sex"],
        period: Some((d(2000, 1, 1), today)),
        compare: Some(d(2015, 1, 1)),
    });
    asks.push(Ask {
        as_of: d(2025, 12, 31).min(today),
        unit: Some(commune.as_str()),
        by: &["unit", "status"],
        period: Some((d(2024, 1, 1), d(2025, 12, 31).min(today))),
        compare: Some(d(2024, 12, 31)),
    });
    asks.push(Ask {
        as_of: today,
        unit: Some(commune.as_str()),
        by: &["age_band", "party_age_band"],
        period: Some((d(1975, 1, 1), today)),
        compare: None,
    });
    if let Some(cell) = cell.as_deref() {
        asks.push(Ask {
            as_of: today,
            unit: Some(cell),
            by: &["unit", "sex"],
            period: Some((d(1975, 1, 1), today)),
            compare: Some(d(2020, 1, 1)),
        });
    }
    let mut nonzero = 0;
    for a in &asks {
        let engine_rows = rows(&ask(&app, a).await);
        let oracle_rows = answer(&r, a);
        nonzero += usize::from(!oracle_rows.is_empty());
        assert_eq!(
            engine_rows, oracle_rows,
            "as of {} unit {:?} by {:?} period {:?} compare {:?}",
            a.as_of, a.unit, a.by, a.period, a.compare
        );
    }
    assert!(nonzero > asks.len() / 2, "the data set counts something");
}

#[rstest]
#[tokio::test]
async fn sta_01_every_breakdown_sums_to_the_total(#[values(Sqlite, Postgres)] engine: Engine) {
    let (_db, app, data) = demo(engine).await;
    let commune = first_commune(&data).to_owned();
    for unit in [None, Some(commune.as_str())] {
        for dim in Dimension::ALL {
            let code = [dim.code()];
            let a = Ask {
                as_of: clock::today(),
                unit,
                by: &code,
                period: Some((d(2000, 1, 1), clock::today())),
                compare: Some(d(2010, 1, 1)),
            };
            let r = ask(&app, &a).await;
            let mut sum = vec![0i64; r.total.len()];
            for row in &r.rows {
                for (s, v) in sum.iter_mut().zip(&row.values) {
                    *s += v;
                }
            }
            assert_eq!(sum, r.total, "{dim:?} in {unit:?}");
            let whole = ask(&app, &Ask { by: &[], ..a }).await;
            assert_eq!(whole.rows.len(), 1);
            assert_eq!(whole.rows[0].values, r.total, "{dim:?}");
        }
    }
}

fn ev(kind: &str, on: &str, unit: Option<&str>) -> EventInput {
    EventInput {
        kind: kind.into(),
        on: on.into(),
        unit_code: unit.map(str::to_owned),
        decision_ref: None,
        reason: None,
    }
}

async fn by_unit(app: &App, as_of: NaiveDate) -> BTreeMap<String, Vec<i64>> {
    let mut q = StatsQuery::on(as_of);
    q.unit = Some("P".into());
    q.by = vec![Dimension::Unit];
    let r = query(app, By::System("test"), &q).await.unwrap();
    r.rows
        .into_iter()
        .map(|row| (row.dims[0].clone(), row.values))
        .collect()
}

#[rstest]
#[tokio::test]
async fn the_index_sees_every_write_made_after_it_was_built(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let a = f
        .member(
            "a",
            "Nguyễn Văn An",
            "C1-G1",
            "01/02/2000",
            Some("01/02/2001"),
        )
        .await;
    f.member("b", "Trần Thị Bình", "C1-G2", "01/02/2000", None)
        .await;
    f.member(
        "c",
        "Lê Văn Cường",
        "C2-G1",
        "01/02/2000",
        Some("01/02/2001"),
    )
    .await;
    let today = clock::today();
    let before = by_unit(&f.app, today).await;
    assert_eq!(before["C1"][..3], [2, 1, 1]);
    assert_eq!(before["C2"][..3], [1, 1, 0]);

    // An event recorded after the index was built.
    chibo_app::members::record_event(&f.app, &f.admin, a, &ev("exempted", "01/03/2020", None))
        .await
        .unwrap();
    let after = by_unit(&f.app, today).await;
    assert_eq!(after["C1"][3], 1, "exempted");
    assert_eq!(
        by_unit(&f.app, d(2020, 2, 1)).await["C1"][3],
        0,
        "not before its date"
    );

    // Voiding it takes it away again.
    let view = chibo_app::members::member_view(&f.app, &f.admin, a)
        .await
        .unwrap();
    let exempted = view
        .events
        .iter()
        .find(|e| e.row.kind == "exempted")
        .unwrap()
        .row
        .id;
    chibo_app::members::void_event(
        &f.app,
        &f.admin,
        a,
        EventId(exempted),
        &VoidInput::default(),
    )
    .await
    .unwrap();
    assert_eq!(by_unit(&f.app, today).await["C1"][3], 0, "voided");

    // A unit moved with its members: the tree of each day decides.
    chibo_app::org::move_unit(
        &f.app,
        &f.admin,
        "C1-G2",
        &MoveInput {
            parent_code: "C2".into(),
            on: "01/01/2024".into(),
        },
    )
    .await
    .unwrap();
    let moved = by_unit(&f.app, today).await;
    assert_eq!((moved["C1"][0], moved["C2"][0]), (1, 2));
    let earlier = by_unit(&f.app, d(2023, 12, 31)).await;
    assert_eq!((earlier["C1"][0], earlier["C2"][0]), (2, 1));

    // A new member and a profile change.
    f.member("d", "Phạm Thị Dung", "C2-G1", "01/02/2020", None)
        .await;
    let update = ProfileUpdate {
        profile: ProfileInput {
            full_name: Some("Nguyễn Thị An".into()),
            sex: Some("F".into()),
            birth_date: Some("15/03/1970".into()),
            ..ProfileInput::default()
        },
        residential_area_id: None,
    };
    chibo_app::members::update_profile(&f.app, &f.admin, a, &update)
        .await
        .unwrap();
    let mut q = StatsQuery::on(today);
    q.by = vec![Dimension::Sex];
    let r = query(&f.app, By::System("test"), &q).await.unwrap();
    let sexes: Vec<(String, i64)> = r
        .rows
        .iter()
        .map(|row| (row.dims[0].clone(), row.values[0]))
        .collect();
    // The fixture admits everyone as M; only the edited profile is F.
    assert_eq!(sexes, [("M".to_owned(), 3), ("F".to_owned(), 1)]);

    // Another instance (a second App on the same database) agrees, and so does a rebuild.
    let other = App::new(f.app.db.clone());
    assert_eq!(by_unit(&other, today).await, by_unit(&f.app, today).await);
    f.app.stats.invalidate().await;
    assert_eq!(by_unit(&other, today).await, by_unit(&f.app, today).await);
}

#[rstest]
#[tokio::test]
async fn users_count_only_inside_their_scope(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    f.member("a", "Nguyễn Văn An", "C1-G1", "01/02/2000", None)
        .await;
    f.member("c", "Lê Văn Cường", "C2-G1", "01/02/2000", None)
        .await;
    let officer = f.user("canbo2", "officer", Some("C2"), None).await;
    let mut q = StatsQuery::on(clock::today());
    q.unit = Some("C1".into());
    let refused = query(&f.app, By::User(&officer), &q).await.unwrap_err();
    assert!(
        matches!(refused, AppError::NoSuchReference { field: "unit" }),
        "{refused:?}"
    );
    q.unit = Some("NO-SUCH".into());
    let missing = query(&f.app, By::User(&officer), &q).await.unwrap_err();
    assert!(matches!(
        missing,
        AppError::NoSuchReference { field: "unit" }
    ));

    q.unit = None;
    q.by = vec![Dimension::Unit];
    let own = query(&f.app, By::User(&officer), &q).await.unwrap();
    assert_eq!(own.unit.as_ref().unwrap().0, "C2");
    assert_eq!(own.rows.len(), 1);
    assert_eq!(own.rows[0].dims[0], "C2-G1");
    let everything = query(&f.app, By::User(&f.admin), &q).await.unwrap();
    assert_eq!(everything.rows[0].dims[0], "P");
    assert_eq!(everything.total[0], 2);

    f.member("m", "Đảng Viên", "C2-G1", "01/02/2000", None)
        .await;
    let member = f.user("dangvien", "member", None, Some("m")).await;
    assert!(matches!(
        query(&f.app, By::User(&member), &q).await.unwrap_err(),
        AppError::Forbidden(_)
    ));
}

#[rstest]
#[tokio::test]
async fn csv_has_a_header_sorted_rows_and_no_zero_rows(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    f.member(
        "a",
        "Nguyễn Văn An",
        "C2-G1",
        "01/02/2000",
        Some("01/02/2001"),
    )
    .await;
    f.member("b", "Trần Văn Bình", "C1-G2", "01/02/2000", None)
        .await;
    f.member("c", "Lê Văn Cường", "C1-G1", "01/02/2010", None)
        .await;
    let mut q = StatsQuery::on(d(2005, 1, 1));
    q.unit = Some("P".into());
    q.by = vec![Dimension::Unit, Dimension::Status];
    q.period = Some((d(2000, 1, 1), d(2004, 12, 31)));
    let csv = to_csv(&query(&f.app, By::System("test"), &q).await.unwrap()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "unit_code,unit_name,status,members,official,probationary,exempted,working_away,in_transit,\
         admitted,recognized,transferred_in,transferred_out,removed,expelled,resigned,deceased,not_recognized"
    );
    // C1 has one probationary member on the day (the one admitted in 2010 is not counted yet);
    // C2's member is official on the day, was admitted as a probationer (a row of its own,
    // with no as-of count) and recognized in the period; the empty C1 × official is left out.
    assert_eq!(
        &lines[1..],
        [
            "C1,Đảng bộ xã Phú Cường,probationary,1,0,1,0,0,0,1,0,0,0,0,0,0,0,0",
            "C2,Đảng bộ phường Sa Đéc,official,1,1,0,0,0,0,0,1,0,0,0,0,0,0,0",
            "C2,Đảng bộ phường Sa Đéc,probationary,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0",
        ]
    );
    q.by = Vec::new();
    q.period = None;
    q.as_of = d(1995, 1, 1);
    let empty = to_csv(&query(&f.app, By::System("test"), &q).await.unwrap()).unwrap();
    assert_eq!(
        empty, "members,official,probationary,exempted,working_away,in_transit\n0,0,0,0,0,0\n",
        "without a breakdown, one row for the whole scope even when it is zero"
    );
}

/// The index reads the registry packed into one text per window of members; unpacked, it must
/// give back exactly what the row-by-row reads give: particulars (an absent text apart from an
/// empty one), every period, every event with its recording instant to the microsecond.
#[rstest]
#[tokio::test]
async fn the_packed_registry_read_gives_back_every_member_period_and_event(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_domain::ids::MemberId;
    use chibo_domain::member::{EntryBody, Standing};
    use chibo_storage::{events, members, periods, stats as repo};

    let (db, _app, _data) = demo(engine).await;
    let mut tx = db.db.read().await.unwrap();
    let (max_member, _) = repo::max_ids(&mut tx).await.unwrap();
    let mut records = repo::records(&mut tx, 1, max_member / 2).await.unwrap();
    records.extend(
        repo::records(&mut tx, max_member / 2 + 1, max_member)
            .await
            .unwrap(),
    );
    assert_eq!(records.len() as i64, members::count(&mut tx).await.unwrap());
    let (period_count, event_count) = repo::row_counts(&mut tx).await.unwrap();
    assert_eq!(
        records.iter().map(|r| r.periods.len()).sum::<usize>(),
        period_count
    );
    assert_eq!(
        records.iter().map(|r| r.history.len()).sum::<usize>(),
        event_count
    );
    assert!(records.iter().any(|r| r.member.ethnicity.is_some()));
    assert!(records.iter().any(|r| r.member.religion.is_none()));

    for r in &records {
        assert!(r.history.windows(2).all(|w| w[0].seq < w[1].seq));
        let id = MemberId(r.member.id);
        let row = members::get(&mut tx, id).await.unwrap().unwrap();
        assert_eq!(
            (
                &r.member.sex,
                r.member.birth_date,
                &r.member.ethnicity,
                &r.member.religion
            ),
            (&row.sex, row.birth_date, &row.ethnicity, &row.religion),
        );
        assert_eq!(
            (
                &r.member.education,
                &r.member.professional_level,
                &r.member.political_theory
            ),
            (
                &row.education,
                &row.professional_level,
                &row.political_theory
            ),
        );

        let stored = periods::of_member(&mut tx, id).await.unwrap();
        let read: Vec<_> = r
            .periods
            .iter()
            .map(|p| {
                let standing = if p.standing == "official" {
                    Standing::Official
                } else {
                    Standing::Probationary
                };
                (
                    p.valid_from,
                    p.valid_to,
                    standing,
                    p.cell_id,
                    p.in_transit,
                    p.exempted,
                    p.working_away,
                    p.admitted_on,
                )
            })
            .collect();
        let expected: Vec<_> = stored
            .iter()
            .map(|p| {
                (
                    p.valid_from,
                    p.valid_to,
                    p.standing,
                    p.cell.0,
                    p.in_transit,
                    p.exempted,
                    p.working_away,
                    p.admitted_on,
                )
            })
            .collect();
        assert_eq!(read, expected, "periods of member {}", r.member.id);

        let mut history = events::history(&mut tx, id).await.unwrap();
        history.sort_by_key(|e| e.seq);
        assert_eq!(history.len(), r.history.len());
        for (e, got) in history.iter().zip(&r.history) {
            assert_eq!(
                (e.id, e.seq, e.recorded_at),
                (got.id.0, got.seq, got.recorded_at)
            );
            match &got.body {
                EntryBody::Life(ev) => assert_eq!(
                    (e.kind.as_str(), e.effective_on, e.unit_id),
                    (ev.kind.code(), ev.on, ev.unit.map(|u| u.0))
                ),
                EntryBody::Void { target } => assert_eq!(e.voids_event_id, Some(target.0)),
            }
        }
    }
}
