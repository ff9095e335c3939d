//! Importing from the web (a background job with progress and downloadable errors) and
//! exporting a subtree.

use std::io::Write;

use axum::http::StatusCode;
use chibo_testkit::Sqlite;

use crate::client::{Client, World};

const UNITS: &str = "code,parent_code,name,kind,admin_unit_code,valid_from,valid_to\nC1-G2,C1,Chi bộ ấp Mới,grassroots_cell,,2020-01-01,\n";
const MEMBERS: &str = "member_key,full_name,sex,birth_date\nn1,Võ Văn Nhập,M,1985-03-03\n";
const EVENTS: &str = "member_key,date,kind,unit_code\nn1,2021-01-01,admitted,C1-G2\n";

fn zip(files: &[(&str, &str)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in files {
        out.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Polls the job page until the import has ended; returns the page.
async fn finished(c: &mut Client, job: &str) -> String {
    for _ in 0..200 {
        let progress = c.get(&format!("{job}/progress")).await;
        if progress.status.as_u16() == 286 {
            return c.get(job).await.body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

#[tokio::test]
async fn an_officer_imports_into_their_subtree_in_the_background() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    assert_eq!(c.get("/imports").await.status, StatusCode::OK);
    let data = zip(&[
        ("units.csv", UNITS),
        ("members.csv", MEMBERS),
        ("events.csv", EVENTS),
    ]);
    let started = c.upload("/imports", &[], "tinh.zip", &data, true).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let job = started.location().unwrap().to_owned();
    let page = finished(&mut c, &job).await;
    assert!(
        page.contains("Đã nhập xong") && page.contains("1 đảng viên"),
        "{page}"
    );
    let found = c.get("/members?q=vo+van+nhap").await;
    assert!(found.body.contains("Võ Văn Nhập"));
    // Someone else's job is not theirs to see.
    let mut other = w.signed_in("officer2").await;
    assert_eq!(other.get(&job).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_refused_import_lists_every_bad_row_and_offers_them_as_csv() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    c.get("/imports").await;
    let bad_members = "member_key,full_name,sex,birth_date\nn1,Võ Văn Nhập,X,1985-03-03\n";
    let outside = "code,parent_code,name,kind,admin_unit_code,valid_from,valid_to\nZ,C2,Chi bộ ngoài,grassroots_cell,,2020-01-01,\n";
    let data = zip(&[
        ("units.csv", outside),
        ("members.csv", bad_members),
        ("events.csv", EVENTS),
    ]);
    let job = c
        .upload("/imports", &[], "loi.zip", &data, true)
        .await
        .location()
        .unwrap()
        .to_owned();
    let page = finished(&mut c, &job).await;
    assert!(
        page.contains("Bị từ chối") && page.contains("không có gì được ghi"),
        "{page}"
    );
    assert!(
        page.contains(
            "units.csv:2:parent_code: Tổ chức này nằm ngoài phạm vi của tài khoản. [out_of_scope]"
        ),
        "{page}"
    );
    let csv = c.get(&format!("{job}/errors.csv")).await;
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.body.starts_with("file,line,column,code,message\n"));
    assert!(
        csv.body.contains("members.csv,2,sex,not_one_of,"),
        "{}",
        csv.body
    );
    assert!(
        c.get("/members?q=vo+van+nhap")
            .await
            .body
            .contains("Không tìm thấy")
    );
}

#[tokio::test]
async fn uploads_need_the_csrf_token_and_the_import_permission() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    c.get("/imports").await;
    let data = zip(&[
        ("units.csv", UNITS),
        ("members.csv", MEMBERS),
        ("events.csv", EVENTS),
    ]);
    let refused = c.upload("/imports", &[], "a.zip", &data, false).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut inspector = w.signed_in("inspector1").await;
    inspector.get("/login").await;
    let refused = inspector
        .upload("/imports", &[], "a.zip", &data, true)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let empty = c.upload("/imports", &[], "a.zip", b"", true).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_subtree_downloads_as_a_zip_and_the_export_is_audited() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    let res = c.get("/units/C1/export.zip").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers["content-type"], "application/zip");
    let mut admin = w.signed_in("quantri").await;
    let audit = admin.get("/audit?action=export").await;
    assert!(audit.body.contains("officer1"), "{}", audit.body);
    let api = admin.get("/api/v1/export?unit=C1&as_of=2020-01-01").await;
    assert_eq!(api.status, StatusCode::OK);
    let mut outsider = w.signed_in("officer2").await;
    assert_eq!(
        outsider.get("/units/C1/export.zip").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        outsider.get("/api/v1/export?unit=C1").await.status,
        StatusCode::NOT_FOUND
    );
}
