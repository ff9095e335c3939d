//! Interchange v1: all-or-nothing imports with every bad row reported, and exports that
//! round-trip, across engines.

use std::path::Path;
use std::sync::Arc;

use chibo_app::audit::By;
use chibo_app::interchange::{
    ExportFormat, ExportOptions, ImportOptions, ImportProblem, ImportReport, Silent, Source,
    export, import,
};
use chibo_app::{App, check, clock, demo};
use chibo_domain::field::Problem;
use chibo_domain::member::TransitionError;
use chibo_domain::org::TreeError;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite, TestDb};
use rstest::rstest;

pub const UNITS: &str = "code,parent_code,name,kind,admin_unit_code,valid_from,valid_to
P,,Đảng bộ tỉnh Đồng Tháp,province_committee,82,1975-05-01,
C,P,Đảng bộ xã Phú Cường,commune_committee,,1975-05-01,
G,C,Chi bộ ấp An Lợi,grassroots_cell,,1980-01-01,
H,C,Chi bộ ấp Tân Phú,grassroots_cell,,1980-01-01,
";
pub const MEMBERS: &str = "member_key,full_name,sex,birth_date,citizen_id,card_number
m1,Nguyễn Văn An,M,1970-01-01,001070000001,82.000001
m2,Trần Thị Bình,F,1980-05-05,,
";
pub const EVENTS: &str = "member_key,date,kind,unit_code,decision_ref,reason
m1,2000-01-01,admitted,G,12-QĐ/ĐU,
m1,2001-01-01,recognized,,,
m2,2010-01-01,admitted,G,,
m2,2010-06-01,transfer_out,H,,\"chuyển về, ấp \"\"Tân Phú\"\"\"
m2,2010-06-10,transfer_in,H,,
";

pub fn write_set(dir: &Path, units: &str, members: &str, events: &str) {
    std::fs::write(dir.join("units.csv"), units).unwrap();
    std::fs::write(dir.join("members.csv"), members).unwrap();
    std::fs::write(dir.join("events.csv"), events).unwrap();
}

async fn run(app: &App, dir: &Path, dry_run: bool) -> ImportReport {
    let source = Source::open(dir).unwrap();
    import(
        app,
        By::System("test"),
        &source,
        &ImportOptions { dry_run },
        Arc::new(Silent),
    )
    .await
    .unwrap()
}

async fn counts(app: &App) -> (i64, i64) {
    let mut tx = app.db.read().await.unwrap();
    let units = chibo_storage::units::count(&mut tx).await.unwrap();
    let members = chibo_storage::members::count(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    (units, members)
}

fn problems(r: &ImportReport) -> Vec<(String, u64, String, ImportProblem)> {
    r.errors
        .iter()
        .map(|e| {
            (
                e.file.to_owned(),
                e.line,
                e.column.clone(),
                e.problem.clone(),
            )
        })
        .collect()
}

/// Imports `(units, members, events)` into a fresh database and returns the report.
async fn import_set(
    engine: Engine,
    units: &str,
    members: &str,
    events: &str,
) -> (TestDb, ImportReport) {
    let db = TestDb::fresh(engine).await;
    let app = App::new(db.db.clone());
    let dir = tempfile::tempdir().unwrap();
    write_set(dir.path(), units, members, events);
    let report = run(&app, dir.path(), false).await;
    if !report.written {
        assert_eq!(
            counts(&app).await,
            (0, 0),
            "a refused import writes nothing"
        );
    }
    (db, report)
}

#[rstest]
#[tokio::test]
async fn a_valid_set_is_imported_whole(#[values(Sqlite, Postgres)] engine: Engine) {
    let (db, report) = import_set(engine, UNITS, MEMBERS, EVENTS).await;
    assert!(report.written, "{:?}", report.errors);
    assert_eq!(
        (
            report.counts.units,
            report.counts.members,
            report.counts.events
        ),
        (4, 2, 5)
    );
    let app = App::new(db.db.clone());
    assert_eq!(counts(&app).await, (4, 2));
    let checked = check::check(&app).await.unwrap();
    assert!(checked.ok(), "{:?}", checked.problems);
    let admin = chibo_domain::access::Actor {
        user: chibo_domain::ids::UserId(0),
        username: "t".into(),
        role: chibo_domain::access::Role::Admin,
        scope: chibo_domain::access::Scope::Everything,
    };
    let h = chibo_app::org::unit_view(
        &app,
        &admin,
        "H",
        clock::today(),
        chibo_app::Page::new(None, None),
    )
    .await
    .unwrap();
    assert_eq!(h.count.members, 1);
    let g = chibo_app::org::unit_view(
        &app,
        &admin,
        "C",
        chrono::NaiveDate::from_ymd_opt(2010, 6, 5).unwrap(),
        chibo_app::Page::new(None, None),
    )
    .await
    .unwrap();
    assert_eq!((g.count.members, g.count.in_transit), (1, 1));
}

#[rstest]
#[tokio::test]
async fn a_bulk_import_puts_back_every_index_and_foreign_key(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    // An import into an empty registry sets the plain indexes (and PostgreSQL's foreign keys)
    // aside and puts them back at the end.
    let db = TestDb::fresh(engine).await;
    let shape = || async {
        chibo_storage::schema::describe(&mut db.db.read().await.unwrap())
            .await
            .unwrap()
    };
    let before = shape().await;
    let app = App::new(db.db.clone());
    let dir = tempfile::tempdir().unwrap();
    write_set(dir.path(), UNITS, MEMBERS, EVENTS);
    let report = run(&app, dir.path(), false).await;
    assert!(report.written, "{:?}", report.errors);
    let after = shape().await;
    assert!(after.indexes.contains(&"member_event_unit".to_owned()));
    assert_eq!(before, after);
}

#[rstest]
#[tokio::test]
async fn a_dry_run_counts_and_writes_nothing(#[values(Sqlite, Postgres)] engine: Engine) {
    let db = TestDb::fresh(engine).await;
    let app = App::new(db.db.clone());
    let dir = tempfile::tempdir().unwrap();
    write_set(dir.path(), UNITS, MEMBERS, EVENTS);
    let report = run(&app, dir.path(), true).await;
    assert!(report.errors.is_empty() && !report.written && report.dry_run);
    assert_eq!(report.counts.members, 2);
    assert_eq!(counts(&app).await, (0, 0));
}

#[tokio::test]
async fn a_bom_and_windows_line_endings_are_read_as_usual() {
    let crlf = |s: &str| format!("\u{feff}{}", s.replace('\n', "\r\n"));
    let (_db, report) = import_set(Sqlite, &crlf(UNITS), &crlf(MEMBERS), &crlf(EVENTS)).await;
    assert!(report.written, "{:?}", report.errors);
    assert_eq!(report.counts.events, 5);
}

#[rstest]
#[tokio::test]
async fn every_bad_row_is_named_and_nothing_is_written(#[values(Sqlite, Postgres)] engine: Engine) {
    let members = "member_key,full_name,sex,birth_date,nickname
m1,Nguyễn Văn An,M,1970-01-01,
m1,Nguyễn Văn Ba,M,1970-31-01,
m3,,X,1970-01-01,
";
    let events = "member_key,date,kind,unit_code
m1,2000-01-01,admitted,G
m1,1999-01-01,recognized,
m9,2000-01-01,admitted,G
m1,2000-05-01,transfer_in,NOPE
";
    let (_db, report) = import_set(engine, UNITS, members, events).await;
    assert!(!report.written);
    let got = problems(&report);
    let expect = vec![
        (
            "members.csv".to_owned(),
            1,
            "nickname".to_owned(),
            ImportProblem::UnknownColumn,
        ),
        (
            "members.csv".into(),
            3,
            "member_key".into(),
            ImportProblem::Duplicate { first_line: 2 },
        ),
        (
            "members.csv".into(),
            4,
            "full_name".into(),
            ImportProblem::Field(Problem::Required),
        ),
        (
            "members.csv".into(),
            4,
            "sex".into(),
            ImportProblem::Field(Problem::NotOneOf {
                allowed: chibo_domain::person::Sex::CODES,
            }),
        ),
        (
            "events.csv".into(),
            3,
            "kind".into(),
            ImportProblem::Transition(TransitionError::MustStartWithAdmission),
        ),
        (
            "events.csv".into(),
            4,
            "member_key".into(),
            ImportProblem::UnknownMember,
        ),
        (
            "events.csv".into(),
            5,
            "unit_code".into(),
            ImportProblem::UnknownUnit,
        ),
    ];
    assert_eq!(got, expect);
    assert_eq!(report.errors_total, 7);
}

#[tokio::test]
async fn bad_dates_missing_columns_and_files_are_refused() {
    let (_db, r) = import_set(
        Sqlite,
        UNITS,
        "member_key,full_name,sex\nm1,A B,M\n",
        EVENTS,
    )
    .await;
    assert!(problems(&r).contains(&(
        "members.csv".into(),
        1,
        "birth_date".into(),
        ImportProblem::MissingColumn
    )));
    let (_db, r) = import_set(
        Sqlite,
        UNITS,
        "member_key,full_name,sex,birth_date\nm1,Lê Văn A,M,01/02/1970\nm2,Lê Văn B,M,1970-02-01\n",
        "member_key,date,kind,unit_code\nm2,2000-02-30,admitted,G\n",
    )
    .await;
    let got = problems(&r);
    assert!(
        got.contains(&(
            "members.csv".into(),
            2,
            "birth_date".into(),
            ImportProblem::Field(Problem::InvalidDate)
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "events.csv".into(),
            2,
            "date".into(),
            ImportProblem::Field(Problem::InvalidDate)
        )),
        "{got:?}"
    );
    let (_db, r) = import_set(Sqlite, UNITS, "", EVENTS).await;
    assert!(
        problems(&r).contains(&(
            "members.csv".into(),
            1,
            String::new(),
            ImportProblem::EmptyFile
        )),
        "{:?}",
        problems(&r)
    );
    let db = TestDb::fresh(Sqlite).await;
    let app = App::new(db.db.clone());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("units.csv"), UNITS).unwrap();
    let r = run(&app, dir.path(), false).await;
    let files: Vec<_> = r
        .errors
        .iter()
        .map(|e| (e.file, e.problem.clone()))
        .collect();
    assert_eq!(
        files,
        vec![
            ("members.csv", ImportProblem::MissingFile),
            ("events.csv", ImportProblem::MissingFile)
        ]
    );
}

#[tokio::test]
async fn text_that_is_not_utf8_is_refused_at_its_line() {
    let db = TestDb::fresh(Sqlite).await;
    let app = App::new(db.db.clone());
    let dir = tempfile::tempdir().unwrap();
    write_set(dir.path(), UNITS, MEMBERS, EVENTS);
    // "Nguyễn" in Windows-1258 bytes.
    let mut bytes =
        b"member_key,full_name,sex,birth_date\nm1,Nguy\xea\xde\xe3n V\xe3n An,M,1970-01-01\n"
            .to_vec();
    bytes.extend_from_slice(b"m2,Tran Thi Binh,F,1980-05-05\n");
    std::fs::write(dir.path().join("members.csv"), bytes).unwrap();
    let r = run(&app, dir.path(), false).await;
    assert_eq!(
        problems(&r)[0],
        (
            "members.csv".into(),
            2,
            String::new(),
            ImportProblem::NotUtf8
        )
    );
    assert_eq!(counts(&app).await, (0, 0));
}

#[tokio::test]
async fn overlapping_versions_and_orphans_break_the_tree() {
    let units = "code,parent_code,name,kind,admin_unit_code,valid_from,valid_to
P,,Đảng bộ tỉnh Đồng Tháp,province_committee,82,1975-05-01,
C,P,Đảng bộ xã Phú Cường,commune_committee,,1975-05-01,2000-12-31
C,P,Đảng bộ xã Phú Cường mới,commune_committee,,2000-06-01,
G,C,Chi bộ ấp An Lợi,grassroots_cell,,1970-01-01,
H,X,Chi bộ ấp Tân Phú,grassroots_cell,,1980-01-01,
K,G,Chi bộ K,commune_committee,,1990-01-01,
";
    let (_db, r) = import_set(Sqlite, units, MEMBERS, EVENTS).await;
    let got = problems(&r);
    assert!(
        got.contains(&(
            "units.csv".into(),
            3,
            "valid_from".into(),
            ImportProblem::Tree(TreeError::Overlap {
                on: chrono::NaiveDate::from_ymd_opt(2000, 6, 1).unwrap()
            })
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "units.csv".into(),
            6,
            "parent_code".into(),
            ImportProblem::UnknownUnit
        )),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|e| e.1 == 7
                && matches!(e.3, ImportProblem::Tree(TreeError::KindNotAllowed { .. }))),
        "{got:?}"
    );
    assert!(
        got.iter().any(
            |e| e.1 == 5 && matches!(e.3, ImportProblem::Tree(TreeError::ParentMissing { .. }))
        ),
        "G before its parent existed: {got:?}"
    );
}

#[tokio::test]
async fn a_zero_byte_zip_is_not_a_data_set() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("empty.zip");
    std::fs::write(&zip, b"").unwrap();
    let err = Source::open(&zip).err().unwrap();
    assert_eq!(err.problem, ImportProblem::NotADataSet);
}

#[rstest]
#[tokio::test]
async fn a_non_empty_registry_takes_new_keys_and_names_taken_ones(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (db, first) = import_set(engine, UNITS, MEMBERS, EVENTS).await;
    assert!(first.written);
    let app = App::new(db.db.clone());
    let dir = tempfile::tempdir().unwrap();
    let more_units = "code,parent_code,name,kind,admin_unit_code,valid_from,valid_to\nK,C,Chi bộ ấp Mới,grassroots_cell,,2020-01-01,\n";
    let clash = "member_key,full_name,sex,birth_date,citizen_id\nm1,Lê Văn Lặp,M,1970-01-01,\nm3,Lê Văn Mới,M,1990-01-01,001070000001\n";
    write_set(
        dir.path(),
        more_units,
        clash,
        "member_key,date,kind,unit_code\nm3,2021-01-01,admitted,K\n",
    );
    let r = run(&app, dir.path(), false).await;
    assert_eq!(
        problems(&r),
        vec![
            (
                "members.csv".into(),
                2,
                "member_key".into(),
                ImportProblem::AlreadyInRegistry
            ),
            (
                "members.csv".into(),
                3,
                "citizen_id".into(),
                ImportProblem::AlreadyInRegistry
            ),
        ]
    );
    let fine = "member_key,full_name,sex,birth_date\nm3,Lê Văn Mới,M,1990-01-01\n";
    write_set(
        dir.path(),
        more_units,
        fine,
        "member_key,date,kind,unit_code\nm3,2021-01-01,admitted,K\nm3,2022-01-01,transfer_out,G\n",
    );
    let r = run(&app, dir.path(), false).await;
    assert!(r.written, "{:?}", r.errors);
    assert_eq!(counts(&app).await, (5, 3));
    let unit_again = run(&app, dir.path(), false).await;
    assert!(problems(&unit_again).contains(&(
        "units.csv".into(),
        2,
        "code".into(),
        ImportProblem::AlreadyInRegistry
    )));
    assert!(check::check(&app).await.unwrap().ok());
}

#[rstest]
#[case::sqlite_to_postgres(Sqlite, Postgres)]
#[case::postgres_to_sqlite(Postgres, Sqlite)]
#[tokio::test]
async fn export_import_export_gives_the_same_files_across_engines(
    #[case] from: Engine,
    #[case] to: Engine,
) {
    let a = TestDb::fresh(from).await;
    let app_a = App::new(a.db.clone());
    let data = demo::generate(400, 11, clock::today()).unwrap();
    demo::write(&app_a, &data).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    let report = export(
        &app_a,
        By::System("test"),
        &first,
        ExportFormat::Dir,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    assert_eq!(report.members, data.members.len());

    let b = TestDb::fresh(to).await;
    let app_b = App::new(b.db.clone());
    let imported = run(&app_b, &first, false).await;
    assert!(
        imported.written,
        "{:?}",
        &imported.errors[..imported.errors.len().min(5)]
    );
    let checked = check::check(&app_b).await.unwrap();
    assert!(
        checked.ok(),
        "{:?}",
        &checked.problems[..checked.problems.len().min(5)]
    );
    let zip = dir.path().join("second.zip");
    export(
        &app_b,
        By::System("test"),
        &zip,
        ExportFormat::Zip,
        &ExportOptions::default(),
    )
    .await
    .unwrap();
    let second = Source::open(&zip).unwrap();
    for name in ["units.csv", "members.csv", "events.csv"] {
        let a = std::fs::read_to_string(first.join(name)).unwrap();
        let b = std::fs::read_to_string(second.file(name).unwrap()).unwrap();
        assert!(a == b, "{name} differs after the round trip");
    }
}

#[rstest]
#[tokio::test]
async fn a_subtree_export_as_of_a_day_imports_on_its_own(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (db, _) = import_set(engine, UNITS, MEMBERS, EVENTS).await;
    let app = App::new(db.db.clone());
    let dir = tempfile::tempdir().unwrap();
    let opts = ExportOptions {
        unit: Some("H".into()),
        as_of: chrono::NaiveDate::from_ymd_opt(2010, 6, 30),
    };
    let r = export(
        &app,
        By::System("test"),
        dir.path(),
        ExportFormat::Dir,
        &opts,
    )
    .await
    .unwrap();
    assert_eq!((r.members, r.events), (1, 3));
    let units = std::fs::read_to_string(dir.path().join("units.csv")).unwrap();
    assert!(
        units.contains("\nG,C,") && units.contains("\nP,,"),
        "named units and their ancestors come along: {units}"
    );
    let fresh = TestDb::fresh(engine).await;
    let again = run(&App::new(fresh.db.clone()), dir.path(), false).await;
    assert!(again.written, "{:?}", again.errors);
}

#[rstest]
#[tokio::test]
async fn statistics_see_an_import_made_after_the_index_was_built(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (db, _) = import_set(engine, UNITS, MEMBERS, EVENTS).await;
    let app = App::new(db.db.clone());
    // The index is built before the second import.
    let query =
        chibo_domain::stats::StatsQuery::on(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    let members = |r: &chibo_domain::stats::StatsResult| r.total[0];
    let before = chibo_app::stats::query(&app, By::System("test"), &query)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    write_set(
        dir.path(),
        "code,parent_code,name,kind,admin_unit_code,valid_from,valid_to\n",
        "member_key,full_name,sex,birth_date\nm3,Lê Văn Mới,M,1990-01-01\n",
        "member_key,date,kind,unit_code\nm3,2021-01-01,admitted,G\n",
    );
    assert!(run(&app, dir.path(), false).await.written);
    let after = chibo_app::stats::query(&app, By::System("test"), &query)
        .await
        .unwrap();
    assert_eq!(members(&after), members(&before) + 1);
}
