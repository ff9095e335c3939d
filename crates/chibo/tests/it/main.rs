//! The `chibo` command line, run as a user would run it, on both engines.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::process::{Command, Output};

use chibo_testkit::{Engine, Postgres, Sqlite, TestDb};
use rstest::rstest;

mod away;
mod cross_check;
// The statistics tests' oracle, shared with the application's test suite.
#[allow(dead_code)]
#[path = "../../../app/tests/it/stats_oracle.rs"]
mod stats_oracle;

fn chibo(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(args)
        .env("CHIBO_DATABASE_URL", url)
        .env("CHIBO_CONFIG", "/nonexistent/chibo.toml")
        .env_remove("CHIBO_PASSWORD")
        .output()
        .expect("run chibo")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[rstest]
#[tokio::test]
async fn demo_then_check_passes_and_a_tampered_row_fails_it(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::empty(engine).await;
    let migrate = chibo(&t.url, &["migrate"]);
    assert!(migrate.status.success(), "{}", text(&migrate));
    let demo = chibo(&t.url, &["demo", "--members", "300", "--seed", "9"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let out = text(&demo);
    assert!(
        out.contains("Tài khoản mẫu (mật khẩu: chibo-demo)") && out.contains("bithu"),
        "{out}"
    );
    let again = chibo(&t.url, &["demo", "--members", "10"]);
    assert!(!again.status.success());
    assert!(text(&again).contains("cơ sở dữ liệu đã có dữ liệu"));

    let check = chibo(&t.url, &["check"]);
    assert!(check.status.success(), "{}", text(&check));
    assert!(text(&check).contains("Không có sai lệch"));
    chibo_testkit::execute(
        &t.db,
        "UPDATE member SET status = 'deceased' WHERE id = (SELECT MIN(id) FROM member)",
    )
    .await;
    let check = chibo(&t.url, &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(
        text(&check).contains("trạng thái lưu khác trạng thái dựng lại từ sự kiện"),
        "{}",
        text(&check)
    );
}

#[tokio::test]
async fn user_commands_manage_accounts_and_explain_bad_input_in_vietnamese() {
    let t = TestDb::fresh(Sqlite).await;
    let bad = chibo(
        &t.url,
        &["user", "add", "Ab", "--role", "boss", "--password", "x"],
    );
    assert_eq!(bad.status.code(), Some(1));
    let msg = text(&bad);
    assert!(
        msg.contains("«Tên đăng nhập»") && msg.contains("«Mật khẩu»") && msg.contains("«Vai trò»"),
        "{msg}"
    );
    let ok = chibo(
        &t.url,
        &[
            "user",
            "add",
            "quantri",
            "--role",
            "admin",
            "--password",
            "mat-khau-dai",
        ],
    );
    assert!(ok.status.success(), "{}", text(&ok));
    let list = chibo(&t.url, &["user", "list"]);
    assert!(text(&list).contains("quantri") && text(&list).contains("Quản trị hệ thống"));
    assert!(
        chibo(&t.url, &["user", "disable", "quantri"])
            .status
            .success()
    );
    assert!(text(&chibo(&t.url, &["user", "list"])).contains("đã khóa"));
    assert!(
        chibo(&t.url, &["user", "enable", "quantri"])
            .status
            .success()
    );
    let passwd = chibo(&t.url, &["user", "passwd", "quantri", "--password", "ngan"]);
    assert!(
        text(&passwd).contains("ít nhất 8 ký tự"),
        "{}",
        text(&passwd)
    );
    let token = chibo(&t.url, &["user", "token", "quantri"]);
    assert!(text(&token).contains("chibo_"), "{}", text(&token));
    let missing = chibo(&t.url, &["user", "disable", "khong-co"]);
    assert!(text(&missing).contains("Không có tài khoản với tên này"));
}

#[test]
fn help_and_bad_arguments() {
    let help = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .arg("--help")
        .output()
        .unwrap();
    let h = text(&help);
    for sub in ["serve", "migrate", "demo", "user", "check"] {
        assert!(h.contains(sub), "{h}");
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["demo", "--members", "many"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let url = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .arg("migrate")
        .env("CHIBO_DATABASE_URL", "mysql://x")
        .output()
        .unwrap();
    assert!(!url.status.success());
    assert!(
        text(&url).contains("không mở được cơ sở dữ liệu"),
        "{}",
        text(&url)
    );
}

#[tokio::test]
async fn serve_fills_an_empty_database_and_answers_health_checks() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("c.sqlite").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("CHIBO_DATABASE_URL", &url)
        .env("CHIBO_DEMO_MEMBERS", "50")
        .env("CHIBO_CONFIG", "/nonexistent/chibo.toml")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::{BufRead, BufReader};
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut printed = Vec::new();
    let address = loop {
        let line = lines.next().expect("chibo serve exited early").unwrap();
        printed.push(line.clone());
        if let Some(rest) = line.strip_prefix("Chibo đang chạy tại http://") {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    assert!(printed.iter().any(|l| l.contains("admin")), "{printed:?}");
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    use std::io::{Read, Write};
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

/// A data set of `members` members written by the demo generator and exported.
async fn data_set(members: usize, dir: &std::path::Path) {
    let source = TestDb::fresh(Sqlite).await;
    let app = chibo_app::App::new(source.db.clone());
    let data = chibo_app::demo::generate(members, 5, chibo_app::clock::today()).unwrap();
    chibo_app::demo::write(&app, &data).await.unwrap();
    let by = chibo_app::audit::By::System("test");
    chibo_app::interchange::export(
        &app,
        by,
        dir,
        chibo_app::interchange::ExportFormat::Dir,
        &Default::default(),
    )
    .await
    .unwrap();
}

#[rstest]
#[tokio::test]
async fn a_killed_import_leaves_the_database_as_it_was(#[values(Sqlite, Postgres)] engine: Engine) {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    data_set(20_000, dir.path()).await;
    let target = TestDb::empty(engine).await;
    assert!(chibo(&target.url, &["migrate"]).status.success());
    let counts = |db: chibo_app::Db| async move { chibo_testkit::registry_counts(&db).await };
    assert_eq!(counts(target.db.clone()).await, (0, 0, 0));

    let mut child = Command::new(env!("CARGO_BIN_EXE_chibo"))
        .args(["import", dir.path().to_str().unwrap()])
        .env("CHIBO_DATABASE_URL", &target.url)
        .env("CHIBO_CONFIG", "/nonexistent/chibo.toml")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut stages = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        stages.push(line.clone());
        // Units are written and members are being written: kill it in the middle.
        if line.starts_with("Ghi đảng viên") {
            break;
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the import finished before it could be killed: {stages:?}"
    );
    assert_eq!(
        counts(target.db.clone()).await,
        (0, 0, 0),
        "nothing of the killed import remains"
    );

    // The database is sound: the same import now succeeds and checks out.
    let again = chibo(&target.url, &["import", dir.path().to_str().unwrap()]);
    assert!(again.status.success(), "{}", text(&again));
    let (units, members, _) = counts(target.db.clone()).await;
    assert!(units > 100 && members > 19_000, "{units} {members}");
    let check = chibo(&target.url, &["check"]);
    assert!(check.status.success(), "{}", text(&check));
}

#[tokio::test]
async fn import_reports_each_bad_row_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("units.csv"), "code,parent_code,name,kind,admin_unit_code,valid_from,valid_to\nP,,Đảng bộ tỉnh X,province_committee,,1975-05-01,\n").unwrap();
    std::fs::write(
        dir.path().join("members.csv"),
        "member_key,full_name,sex,birth_date\nm1,Nguyễn Văn An,X,1970-01-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.csv"),
        "member_key,date,kind,unit_code\n",
    )
    .unwrap();
    let t = TestDb::fresh(Sqlite).await;
    let out = chibo(
        &t.url,
        &["import", dir.path().to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(out.status.code(), Some(1));
    let printed = text(&out);
    assert!(
        printed.contains(
            "members.csv:2:sex: Giá trị không hợp lệ; chọn một trong: M, F. [not_one_of]"
        ),
        "{printed}"
    );
    assert!(printed.contains("không có gì được ghi"), "{printed}");
    let export = chibo(
        &t.url,
        &[
            "export",
            dir.path().join("out.zip").to_str().unwrap(),
            "--as-of",
            "31/13/2020",
        ],
    );
    assert!(!export.status.success());
    assert!(text(&export).contains("«--as-of»"), "{}", text(&export));
}

#[rstest]
#[tokio::test]
async fn stats_prints_csv_json_and_a_table_and_names_bad_flags(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::empty(engine).await;
    assert!(chibo(&t.url, &["migrate"]).status.success());
    let demo = chibo(&t.url, &["demo", "--members", "300", "--seed", "9"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let csv = chibo(&t.url, &["stats", "--as-of", "2025-12-31", "--by", "sex"]);
    assert!(csv.status.success(), "{}", text(&csv));
    let out = String::from_utf8_lossy(&csv.stdout).into_owned();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "sex,members,official,probationary,exempted,working_away,in_transit"
    );
    assert!(
        lines[1].starts_with("M,") && lines[2].starts_with("F,"),
        "{out}"
    );
    let json = chibo(
        &t.url,
        &[
            "stats",
            "--as-of",
            "31/12/2025",
            "--format",
            "json",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v["total"]["members"].as_i64().unwrap() > 0);
    assert!(v["total"].get("admitted").is_some());
    let table = chibo(
        &t.url,
        &["stats", "--as-of", "2025-12-31", "--format", "table"],
    );
    assert!(String::from_utf8_lossy(&table.stdout).starts_with("members  official"));

    let bad = chibo(
        &t.url,
        &[
            "stats",
            "--as-of",
            "2025-13-01",
            "--by",
            "district",
            "--to",
            "2025-01-01",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    let msg = text(&bad);
    assert!(
        msg.contains("--as-of «Ngày thống kê»") && msg.contains("--by") && msg.contains("--from"),
        "{msg}"
    );
    let unknown = chibo(
        &t.url,
        &["stats", "--as-of", "2025-12-31", "--unit", "KHONG-CO"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown).contains("--unit"));
}

#[test]
fn synth_writes_the_three_files_without_a_database_and_explains_bad_flags() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_chibo"))
            .args(args)
            .env("CHIBO_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
            .env("CHIBO_CONFIG", "/nonexistent/chibo.toml")
            .output()
            .unwrap()
    };
    let ok = run(&[
        "synth",
        "--members",
        "300",
        "--out",
        out.to_str().unwrap(),
        "--seed",
        "3",
    ]);
    assert!(ok.status.success(), "{}", text(&ok));
    let printed = text(&ok);
    assert!(printed.contains("Đã tạo dữ liệu tổng hợp"), "{printed}");
    assert!(
        printed.contains("members.csv") && printed.contains("300 dòng"),
        "{printed}"
    );
    for name in ["units.csv", "members.csv", "events.csv"] {
        assert!(out.join(name).is_file(), "{name}");
    }
    let members = std::fs::read_to_string(out.join("members.csv")).unwrap();
    assert_eq!(members.lines().count(), 301);

    let bad = run(&["synth", "--members", "many", "--out", out.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad).contains("--members phải là số nguyên"),
        "{}",
        text(&bad)
    );
    let bad = run(&["synth", "--members", "10"]);
    assert!(text(&bad).contains("thiếu --out"), "{}", text(&bad));
    let bad = run(&[
        "synth",
        "--members",
        "10",
        "--out",
        out.to_str().unwrap(),
        "--today",
        "2020-01-01",
    ]);
    assert!(text(&bad).contains("--today"), "{}", text(&bad));
}

/// A province, a commune and a cell, with one probationer whose review was due on
/// 2025-11-12 (probation ended 2025-10-01, PRB-01/PRB-02), written through the services.
async fn one_probationer(t: &TestDb) -> (chibo_domain::access::Actor, chibo_domain::ids::MemberId) {
    use chibo_app::audit::By;
    use chibo_app::members::{NewMemberInput, add_member};
    use chibo_app::org::{CreateUnitInput, create_unit};
    use chibo_app::users::{NewUserInput, actor_for, add_user};
    use chibo_domain::person::ProfileInput;
    let app = chibo_app::App::new(t.db.clone());
    let input = NewUserInput {
        username: "quantri".into(),
        display_name: "Quản trị".into(),
        password: "mat-khau-dai".into(),
        role: "admin".into(),
        ..NewUserInput::default()
    };
    let id = add_user(&app, By::System("test"), &input).await.unwrap();
    let admin = actor_for(&app, id).await.unwrap().unwrap();
    for (code, name, kind, parent) in [
        ("P", "Đảng bộ tỉnh Đồng Tháp", "province_committee", None),
        ("C1", "Đảng bộ xã Phú Cường", "commune_committee", Some("P")),
        ("C1-G1", "Chi bộ ấp An Lợi", "grassroots_cell", Some("C1")),
    ] {
        let input = CreateUnitInput {
            code: code.into(),
            name: name.into(),
            kind: kind.into(),
            parent_code: parent.map(str::to_owned),
            admin_unit_code: None,
            valid_from: "01/01/1990".into(),
        };
        create_unit(&app, &admin, &input).await.unwrap();
    }
    let input = NewMemberInput {
        profile: ProfileInput {
            full_name: Some("Nguyễn Văn An".into()),
            sex: Some("M".into()),
            birth_date: Some("15/03/1970".into()),
            ..ProfileInput::default()
        },
        member_key: Some("DV-A".into()),
        cell_code: "C1-G1".into(),
        admitted_on: "01/10/2024".into(),
        ..NewMemberInput::default()
    };
    let id = add_member(&app, &admin, &input).await.unwrap();
    (admin, id)
}

#[rstest]
#[tokio::test]
async fn deadlines_prints_overdue_reviews_and_names_bad_flags(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    one_probationer(&t).await;
    let csv = chibo(&t.url, &["deadlines", "--as-of", "2025-12-22"]);
    assert!(csv.status.success(), "{}", text(&csv));
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        "kind,subject_key,subject_name,unit_code,due_date,status\n\
         recognition_review,DV-A,Nguyễn Văn An,C1-G1,2025-11-12,overdue\n"
    );
    let json = chibo(
        &t.url,
        &[
            "deadlines",
            "--as-of",
            "22/12/2025",
            "--unit",
            "C1",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["subject_key"], "DV-A");
    assert_eq!(v[0]["due_date"], "2025-11-12");
    assert_eq!(v[0]["status"], "overdue");
    let table = chibo(
        &t.url,
        &["deadlines", "--as-of", "2025-12-22", "--format", "table"],
    );
    let out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(
        out.starts_with("Loại hạn") && out.contains("12/11/2025") && out.contains("Quá hạn"),
        "{out}"
    );
    // Before the warning window nothing is listed, only the header.
    let early = chibo(&t.url, &["deadlines", "--as-of", "2025-10-15"]);
    assert_eq!(String::from_utf8_lossy(&early.stdout).lines().count(), 1);

    let bad = chibo(
        &t.url,
        &["deadlines", "--as-of", "2025-13-01", "--format", "xml"],
    );
    assert_eq!(bad.status.code(), Some(2));
    let msg = text(&bad);
    assert!(
        msg.contains("Lỗi: --as-of") && msg.contains("--format") && !msg.contains("panicked"),
        "{msg}"
    );
    let unknown = chibo(
        &t.url,
        &["deadlines", "--as-of", "2025-12-22", "--unit", "KHONG-CO"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown).contains("--unit"), "{}", text(&unknown));
}

#[rstest]
#[tokio::test]
async fn targets_set_and_report_as_csv_and_name_bad_flags(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    // DV-A was admitted to C1-G1 on 01/10/2024.
    one_probationer(&t).await;
    let set = chibo(
        &t.url,
        &[
            "targets", "set", "--unit", "C1", "--year", "2024", "--count", "4",
        ],
    );
    assert!(set.status.success(), "{}", text(&set));
    assert!(text(&set).contains("Đã đặt chỉ tiêu"), "{}", text(&set));
    let csv = chibo(
        &t.url,
        &[
            "targets",
            "report",
            "--year",
            "2024",
            "--unit",
            "C1",
            "--as-of",
            "2024-12-31",
        ],
    );
    assert!(csv.status.success(), "{}", text(&csv));
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        "unit_code,unit_name,target,admitted,percent,forecast\n\
         C1,Đảng bộ xã Phú Cường,4,1,25.00,1\n\
         C1-G1,Chi bộ ấp An Lợi,,1,,1\n"
    );
    let table = chibo(
        &t.url,
        &[
            "targets",
            "report",
            "--year",
            "2024",
            "--as-of",
            "31/12/2024",
            "--format",
            "table",
        ],
    );
    let out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(out.starts_with("Mã") && out.contains("25,00"), "{out}");

    for (args, flag) in [
        (
            &[
                "targets",
                "set",
                "--unit",
                "C1",
                "--year",
                "2024",
                "--percent",
                "0",
            ][..],
            "--percent",
        ),
        (
            &[
                "targets",
                "set",
                "--unit",
                "C1",
                "--year",
                "2024",
                "--count",
                "1",
                "--percent",
                "2",
            ][..],
            "--count",
        ),
        (
            &[
                "targets", "set", "--unit", "C1", "--year", "hai", "--count", "1",
            ][..],
            "--year",
        ),
        (
            &[
                "targets", "set", "--unit", "KHONG-CO", "--year", "2024", "--count", "1",
            ][..],
            "--unit",
        ),
        (&["targets", "report", "--year", "abc"][..], "--year"),
        (
            &[
                "targets",
                "report",
                "--year",
                "2024",
                "--as-of",
                "31/13/2024",
            ][..],
            "--as-of",
        ),
        (
            &["targets", "report", "--year", "2024", "--format", "xml"][..],
            "--format",
        ),
        (
            &["targets", "report", "--year", "2024", "--unit", "KHONG-CO"][..],
            "--unit",
        ),
    ] {
        let bad = chibo(&t.url, args);
        let msg = text(&bad);
        assert_eq!(bad.status.code(), Some(2), "{args:?}: {msg}");
        assert!(
            msg.contains(&format!("Lỗi: {flag}")) && !msg.contains("panicked"),
            "{args:?}: {msg}"
        );
    }
    // The refused settings wrote nothing: the target is still 4.
    let again = chibo(
        &t.url,
        &[
            "targets",
            "report",
            "--year",
            "2024",
            "--unit",
            "C1",
            "--as-of",
            "2024-12-31",
        ],
    );
    assert!(String::from_utf8_lossy(&again.stdout).contains("C1,Đảng bộ xã Phú Cường,4,1,25.00,1"));
}

/// GEN-03: `chibo settings get` lists the rule values with the catalogue's defaults, `set`
/// changes one (audited), and a bad name or value exits 2 naming it.
#[rstest]
#[tokio::test]
async fn gen_03_settings_get_and_set_rule_values_and_refuse_bad_ones(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    let all = chibo(&t.url, &["settings", "get"]);
    assert!(all.status.success(), "{}", text(&all));
    let out = String::from_utf8_lossy(&all.stdout).into_owned();
    assert!(
        out.contains("awareness_cert_valid_months=60\n")
            && out.contains("min_education=lower_secondary\n"),
        "{out}"
    );
    let set = chibo(&t.url, &["settings", "set", "ceremony_wd", "20"]);
    assert!(set.status.success(), "{}", text(&set));
    let one = chibo(&t.url, &["settings", "get", "ceremony_wd"]);
    assert_eq!(String::from_utf8_lossy(&one.stdout), "20\n");
    for (args, names) in [
        (&["settings", "set", "ceremony", "20"][..], "KEY"),
        (&["settings", "set", "ceremony_wd", "hai mươi"][..], "VALUE"),
        (&["settings", "get", "nope"][..], "KEY"),
    ] {
        let bad = chibo(&t.url, args);
        assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
        assert!(text(&bad).contains(names), "{}", text(&bad));
    }
    let still = chibo(&t.url, &["settings", "get", "ceremony_wd"]);
    assert_eq!(String::from_utf8_lossy(&still.stdout), "20\n");
    let mut tx = t.db.read().await.unwrap();
    let audited = chibo_storage::audit::count_action(&mut tx, "setting.set")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(audited, 1);
}

/// GEN-03: `chibo settings set KEY VALUE --from D` starts a value on a day; `get --on D`
/// shows the values in force on a day; `history` lists the versions; a bad date exits 2
/// naming its flag.
#[rstest]
#[tokio::test]
async fn gen_03_settings_set_from_a_day_get_on_a_day_and_history(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    let set = chibo(
        &t.url,
        &[
            "settings",
            "set",
            "min_attendance_pct",
            "80",
            "--from",
            "01/03/2026",
        ],
    );
    assert!(set.status.success(), "{}", text(&set));
    assert!(
        String::from_utf8_lossy(&set.stdout).contains("min_attendance_pct=80 từ ngày 01/03/2026"),
        "{}",
        text(&set)
    );
    let rates = chibo(
        &t.url,
        &[
            "settings",
            "set",
            "reduction_options_pct",
            "50,100",
            "--from",
            "2026-01-01",
        ],
    );
    assert!(rates.status.success(), "{}", text(&rates));
    let on = |day: &str, key: &str| {
        let out = chibo(&t.url, &["settings", "get", key, "--on", day]);
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(on("28/02/2026", "min_attendance_pct"), "85\n");
    assert_eq!(on("2026-03-01", "min_attendance_pct"), "80\n");
    assert_eq!(on("2025-12-31", "reduction_options_pct"), "30,50,70,100\n");
    let all = chibo(&t.url, &["settings", "get", "--on", "2026-03-01"]);
    let all = String::from_utf8_lossy(&all.stdout).into_owned();
    assert!(
        all.contains("min_attendance_pct=80\n") && all.contains("reduction_options_pct=50,100\n"),
        "{all}"
    );
    let history = chibo(&t.url, &["settings", "history"]);
    assert!(history.status.success(), "{}", text(&history));
    let lines: Vec<String> = String::from_utf8_lossy(&history.stdout)
        .lines()
        .map(|l| {
            // Leave the instant out: it is the time of the run.
            let cells: Vec<&str> = l.rsplitn(3, ',').collect();
            format!("{},{}", cells[2], cells[0])
        })
        .collect();
    assert_eq!(
        lines,
        [
            "key,value,valid_from,set_by",
            "min_attendance_pct,80,2026-03-01,cli",
            "reduction_options_pct,\"50,100\",2026-01-01,cli",
        ]
    );
    let one = chibo(&t.url, &["settings", "history", "min_attendance_pct"]);
    assert_eq!(String::from_utf8_lossy(&one.stdout).lines().count(), 2);
    for (args, names) in [
        (
            &[
                "settings",
                "set",
                "min_attendance_pct",
                "80",
                "--from",
                "31/02/2026",
            ][..],
            "--from",
        ),
        (&["settings", "get", "--on", "hôm qua"][..], "--on"),
        (&["settings", "history", "nope"][..], "KEY"),
        (
            &["settings", "set", "min_attendance_pct", "120"][..],
            "VALUE",
        ),
    ] {
        let bad = chibo(&t.url, args);
        assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
        assert!(text(&bad).contains(names), "{}", text(&bad));
    }
    let again = chibo(&t.url, &["settings", "history"]);
    assert_eq!(String::from_utf8_lossy(&again.stdout).lines().count(), 3);
}

/// Two letters out of C1-G1: DV-A's to the cell C1-G2 on 2025-11-03 and DV-B's to an
/// organisation outside the registry on 2025-11-20, written through the services.
async fn two_letters(t: &TestDb) {
    use chibo_app::members::{NewMemberInput, add_member};
    use chibo_app::org::{CreateUnitInput, create_unit};
    use chibo_app::transfers::{IssueInput, issue_letter};
    use chibo_domain::person::ProfileInput;
    let (admin, a) = one_probationer(t).await;
    let app = chibo_app::App::new(t.db.clone());
    create_unit(
        &app,
        &admin,
        &CreateUnitInput {
            code: "C1-G2".into(),
            name: "Chi bộ ấp Tân Phú".into(),
            kind: "grassroots_cell".into(),
            parent_code: Some("C1".into()),
            admin_unit_code: None,
            valid_from: "01/01/1990".into(),
        },
    )
    .await
    .unwrap();
    let b = add_member(
        &app,
        &admin,
        &NewMemberInput {
            profile: ProfileInput {
                full_name: Some("Trần Thị Bình".into()),
                sex: Some("F".into()),
                birth_date: Some("02/02/1980".into()),
                ..ProfileInput::default()
            },
            member_key: Some("DV-B".into()),
            cell_code: "C1-G1".into(),
            admitted_on: "01/10/2010".into(),
            recognized_on: Some("01/10/2011".into()),
            ..NewMemberInput::default()
        },
    )
    .await
    .unwrap();
    let boxes = |number: &str, on: &str| IssueInput {
        letter_number: number.into(),
        issued_on: on.into(),
        fees_paid_through: Some("10/2025".into()),
        biography_number: Some("LL-1".into()),
        cell_register_number: Some("1".into()),
        transfer_register_number: Some("2".into()),
        addressee: Some("Nơi nhận".into()),
        ..IssueInput::default()
    };
    issue_letter(
        &app,
        &admin,
        a,
        &IssueInput {
            to_unit_code: Some("C1-G2".into()),
            ..boxes("1/GGT", "03/11/2025")
        },
    )
    .await
    .unwrap();
    issue_letter(
        &app,
        &admin,
        b,
        &IssueInput {
            to_outside: Some("Đảng bộ Quân sự tỉnh, Ban chỉ huy".into()),
            card_number: Some("12.345678".into()),
            ..boxes("2/GGT", "20/11/2025")
        },
    )
    .await
    .unwrap();
}

#[rstest]
#[tokio::test]
async fn transfers_in_transit_prints_the_csv_columns_and_names_bad_flags(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    two_letters(&t).await;
    let csv = chibo(
        &t.url,
        &[
            "transfers",
            "--in-transit",
            "--as-of",
            "2025-12-10",
            "--format",
            "csv",
        ],
    );
    assert!(csv.status.success(), "{}", text(&csv));
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        "member_key,full_name,from_unit_code,to_unit_code,issued_on,days_in_transit,overdue\n\
         DV-A,Nguyễn Văn An,C1-G1,C1-G2,2025-11-03,37,true\n\
         DV-B,Trần Thị Bình,C1-G1,\"Đảng bộ Quân sự tỉnh, Ban chỉ huy\",2025-11-20,20,false\n"
    );
    // Before the second letter, within the cell's subtree, as JSON.
    let json = chibo(
        &t.url,
        &[
            "transfers",
            "--in-transit",
            "--as-of",
            "10/11/2025",
            "--unit",
            "C1-G1",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["member_key"], "DV-A");
    assert_eq!(v[0]["days_in_transit"], 7);
    assert_eq!(v[0]["overdue"], false);
    // The receiving cell's subtree has nobody in transit from it.
    let receiver = chibo(
        &t.url,
        &[
            "transfers",
            "--in-transit",
            "--as-of",
            "2025-12-10",
            "--unit",
            "C1-G2",
        ],
    );
    assert_eq!(String::from_utf8_lossy(&receiver.stdout).lines().count(), 1);
    let table = chibo(
        &t.url,
        &[
            "transfers",
            "--in-transit",
            "--as-of",
            "2025-12-10",
            "--format",
            "table",
        ],
    );
    let out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(
        out.starts_with("Mã đảng viên") && out.contains("03/11/2025"),
        "{out}"
    );

    let bad = chibo(
        &t.url,
        &[
            "transfers",
            "--in-transit",
            "--as-of",
            "2025-13-01",
            "--format",
            "xml",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    let msg = text(&bad);
    assert!(
        msg.contains("Lỗi: --as-of") && msg.contains("--format"),
        "{msg}"
    );
    let unknown = chibo(
        &t.url,
        &[
            "transfers",
            "--in-transit",
            "--as-of",
            "2025-12-10",
            "--unit",
            "KHONG-CO",
        ],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown).contains("--unit"), "{}", text(&unknown));
    let no_list = chibo(&t.url, &["transfers", "--as-of", "2025-12-10"]);
    assert_eq!(no_list.status.code(), Some(2));
    assert!(
        text(&no_list).contains("--in-transit"),
        "{}",
        text(&no_list)
    );
}

#[rstest]
#[tokio::test]
async fn fees_report_prints_unit_totals_as_csv_and_names_bad_flags(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::audit::By;
    use chibo_app::fees::{FeeProfileInput, PaymentInput, record_payment, set_fee_profile};
    use chibo_app::members::{SearchQuery, search_members};
    use chibo_app::users::{NewUserInput, actor_for, add_user};
    let t = TestDb::fresh(engine).await;
    // DV-A, in C1-G1 under C1 under P, becomes a student paying 5.000 đ from March 2026.
    one_probationer(&t).await;
    let app = chibo_app::App::new(t.db.clone());
    let input = NewUserInput {
        username: "thuquy".into(),
        display_name: "Thủ quỹ".into(),
        password: "mat-khau-dai".into(),
        role: "admin".into(),
        ..NewUserInput::default()
    };
    let id = add_user(&app, By::System("test"), &input).await.unwrap();
    let admin = actor_for(&app, id).await.unwrap().unwrap();
    let q = SearchQuery {
        q: "Nguyễn Văn An".into(),
        ..SearchQuery::default()
    };
    let member =
        chibo_domain::ids::MemberId(search_members(&app, &admin, &q).await.unwrap().items[0].id);
    let profile = FeeProfileInput {
        category: Some("student".into()),
        category_from: Some("2026-03".into()),
        ..FeeProfileInput::default()
    };
    set_fee_profile(&app, &admin, member, &profile)
        .await
        .unwrap();
    let payment = PaymentInput {
        from_month: "2026-03".into(),
        paid_on: Some("05/03/2026".into()),
        ..PaymentInput::default()
    };
    record_payment(&app, &admin, member, &payment)
        .await
        .unwrap();

    let csv = chibo(
        &t.url,
        &["fees", "report", "--unit", "C1", "--month", "2026-04"],
    );
    assert!(csv.status.success(), "{}", text(&csv));
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        "unit_code,unit_name,members,due,collected,arrears\n\
         C1,Đảng bộ xã Phú Cường,1,5000,0,5000\n\
         C1-G1,Chi bộ ấp An Lợi,1,5000,0,5000\n"
    );
    let march = chibo(
        &t.url,
        &[
            "fees", "report", "--unit", "C1-G1", "--month", "03/2026", "--format", "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&march.stdout).unwrap();
    assert_eq!(
        (v[0]["collected"].as_u64(), v[0]["arrears"].as_u64()),
        (Some(5000), Some(0))
    );
    let table = chibo(
        &t.url,
        &[
            "fees", "report", "--unit", "P", "--month", "2026-04", "--format", "table",
        ],
    );
    let out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(out.contains("04/2026") && out.contains("5.000 đ"), "{out}");

    let bad = chibo(
        &t.url,
        &[
            "fees", "report", "--unit", "C1", "--month", "2026-13", "--format", "xml",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    let msg = text(&bad);
    assert!(
        msg.contains("Lỗi: --month") && msg.contains("--format") && !msg.contains("panicked"),
        "{msg}"
    );
    let unknown = chibo(
        &t.url,
        &["fees", "report", "--unit", "KHONG-CO", "--month", "2026-04"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown).contains("--unit"), "{}", text(&unknown));
}

#[rstest]
#[tokio::test]
async fn warnings_prints_the_exact_header_and_the_no_contact_row_awy_03(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::away::{AwayInput, declare};
    let t = TestDb::fresh(engine).await;
    let (admin, a) = one_probationer(&t).await;
    let app = chibo_app::App::new(t.db.clone());
    let input = AwayInput {
        since: "01/01/2025".into(),
        place: "Dĩ An, Bình Dương".into(),
        ..AwayInput::default()
    };
    declare(&app, &admin, a, &input).await.unwrap();
    let csv = chibo(&t.url, &["warnings", "--as-of", "2025-06-15"]);
    assert!(csv.status.success(), "{}", text(&csv));
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        "member_key,full_name,unit_code,reason,count,threshold,level\n\
         DV-A,Nguyễn Văn An,C1-G1,no_contact,5,3,warning\n"
    );
    let json = chibo(
        &t.url,
        &[
            "warnings",
            "--as-of",
            "15/06/2025",
            "--unit",
            "C1",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["reason"], "no_contact");
    assert_eq!(v[0]["level"], "warning");
    let table = chibo(
        &t.url,
        &["warnings", "--as-of", "2025-06-15", "--format", "table"],
    );
    let out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(
        out.starts_with("Mã đảng viên") && out.contains("Đi làm ăn xa không giữ liên lạc"),
        "{out}"
    );
    // Two months away: nothing yet, only the header.
    let early = chibo(&t.url, &["warnings", "--as-of", "2025-03-15"]);
    assert_eq!(String::from_utf8_lossy(&early.stdout).lines().count(), 1);
    let bad = chibo(
        &t.url,
        &["warnings", "--as-of", "2025-13-01", "--format", "xml"],
    );
    assert_eq!(bad.status.code(), Some(2));
    let msg = text(&bad);
    assert!(
        msg.contains("Lỗi: --as-of") && msg.contains("--format") && !msg.contains("panicked"),
        "{msg}"
    );
    let unknown = chibo(
        &t.url,
        &["warnings", "--as-of", "2025-06-15", "--unit", "KHONG-CO"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown).contains("--unit"), "{}", text(&unknown));
}

#[rstest]
#[tokio::test]
async fn screening_prints_the_exact_header_and_the_overdue_review_rem_09(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::screening::record;
    use chibo_domain::removal::{ScreeningStep, ScreeningVote, VoteMethod};
    let t = TestDb::fresh(engine).await;
    let (admin, a) = one_probationer(&t).await;
    let app = chibo_app::App::new(t.db.clone());
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let vote = ScreeningVote {
        official_members: 11,
        exempted: 2,
        approvals: 6,
        method: VoteMethod::SecretBallot,
    };
    record(
        &app,
        &admin,
        a,
        day(2025, 1, 10),
        &ScreeningStep::Flagged { vote },
    )
    .await
    .unwrap();
    let plan = ScreeningStep::HelpPlanned {
        responsible_member: "Lê Thị Giúp".into(),
    };
    record(&app, &admin, a, day(2025, 1, 15), &plan)
        .await
        .unwrap();
    let csv = chibo(&t.url, &["screening", "--as-of", "2026-02-01"]);
    assert!(csv.status.success(), "{}", text(&csv));
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        "member_key,full_name,unit_code,state,flagged_on,responsible_member,review_due,overdue\n\
         DV-A,Nguyễn Văn An,C1-G1,helping,2025-01-10,Lê Thị Giúp,2026-01-15,true\n"
    );
    // On the due day the review is due, not overdue; before the plan nothing is due.
    let due = chibo(
        &t.url,
        &["screening", "--as-of", "15/01/2026", "--unit", "C1"],
    );
    assert!(String::from_utf8_lossy(&due.stdout).ends_with(",2026-01-15,false\n"));
    let flagged = chibo(
        &t.url,
        &["screening", "--as-of", "2025-01-12", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&flagged.stdout).unwrap();
    assert_eq!(v[0]["state"], "flagged");
    assert_eq!(v[0]["review_due"], serde_json::Value::Null);
    let table = chibo(
        &t.url,
        &["screening", "--as-of", "2026-02-01", "--format", "table"],
    );
    let out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(
        out.starts_with("Mã đảng viên")
            && out.contains("Đang giúp đỡ")
            && out.contains("15/01/2026"),
        "{out}"
    );
    // Before the flag: only the header.
    let early = chibo(&t.url, &["screening", "--as-of", "2025-01-01"]);
    assert_eq!(String::from_utf8_lossy(&early.stdout).lines().count(), 1);
    let bad = chibo(
        &t.url,
        &["screening", "--as-of", "2025-13-01", "--format", "xml"],
    );
    assert_eq!(bad.status.code(), Some(2));
    let msg = text(&bad);
    assert!(
        msg.contains("Lỗi: --as-of") && msg.contains("--format") && !msg.contains("panicked"),
        "{msg}"
    );
    let unknown = chibo(
        &t.url,
        &["screening", "--as-of", "2026-02-01", "--unit", "KHONG-CO"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown).contains("--unit"), "{}", text(&unknown));
}

#[rstest]
#[tokio::test]
async fn removals_prints_the_open_procedures_with_the_exact_header_rem_05(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::removal::{RemovalInput, record_removal};
    let t = TestDb::fresh(engine).await;
    let (admin, a) = one_probationer(&t).await;
    let app = chibo_app::App::new(t.db.clone());
    let input = RemovalInput {
        step: "opened".into(),
        on: "01/06/2025".into(),
        ground: Some("abandoned_activity".into()),
        ..RemovalInput::default()
    };
    record_removal(&app, &admin, a, &input).await.unwrap();
    let csv = chibo(&t.url, &["removals", "--as-of", "2025-06-15"]);
    assert!(csv.status.success(), "{}", text(&csv));
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        "member_key,full_name,unit_code,procedure,state,opened_on,next_due\n\
         DV-A,Nguyễn Văn An,C1-G1,removal,awaiting_self_review,2025-06-01,\n"
    );
    // Before the case was opened: only the header.
    let early = chibo(
        &t.url,
        &["removals", "--as-of", "2025-05-31", "--unit", "C1"],
    );
    assert_eq!(String::from_utf8_lossy(&early.stdout).lines().count(), 1);
    let table = chibo(
        &t.url,
        &["removals", "--as-of", "2025-06-15", "--format", "table"],
    );
    let out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(
        out.starts_with("Mã đảng viên") && out.contains("removal (REM-05)"),
        "{out}"
    );
    let unknown = chibo(
        &t.url,
        &["removals", "--as-of", "2025-06-15", "--unit", "KHONG-CO"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown).contains("--unit"), "{}", text(&unknown));
}
