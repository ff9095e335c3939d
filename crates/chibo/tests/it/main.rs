//! The `chibo` command line, run as a user would run it, on both engines.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::process::{Command, Output};

use chibo_testkit::{Engine, Postgres, Sqlite, TestDb};
use rstest::rstest;

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
