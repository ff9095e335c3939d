//! Pages and forms: errors next to the fields, escaping, recording events, dates and numbers.

use axum::http::StatusCode;
use chibo_testkit::Sqlite;

use crate::client::World;

#[tokio::test]
async fn a_bad_member_form_comes_back_with_errors_next_to_the_fields() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    assert_eq!(
        c.get("/members/new?cell=C1-G1").await.status,
        StatusCode::OK
    );
    let res = c
        .post(
            "/members",
            &[
                ("full_name", ""),
                ("sex", "M"),
                ("birth_date", "30/02/1980"),
                ("citizen_id", "12ab"),
                ("cell_code", "C1-G1"),
                ("admitted_on", "01/01/2020"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let field = |name: &str| {
        let start = res
            .body
            .find(&format!("id=\"f-{name}-error\""))
            .unwrap_or_else(|| panic!("no error next to {name}"));
        res.body[start..start + 300].to_owned()
    };
    assert!(field("full_name").contains("Bắt buộc nhập"));
    assert!(field("birth_date").contains("Ngày không hợp lệ"));
    assert!(field("citizen_id").contains("12 chữ số"));
    assert!(
        res.body.contains("value=\"12ab\""),
        "what was typed is kept"
    );
    assert!(!res.body.contains("id=\"f-sex-error\""));
}

#[tokio::test]
async fn adding_a_member_and_recording_an_event_through_the_pages() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("officer1").await;
    let res = c
        .post(
            "/members",
            &[
                ("full_name", "Đặng Văn Ơn"),
                ("sex", "M"),
                ("birth_date", "05/09/1985"),
                ("cell_code", "C1-G1"),
                ("admitted_on", "01/03/2024"),
                ("occupation", "<script>alert(1)</script>"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let profile_path = res.location().unwrap().to_owned();
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Đặng Văn Ơn"));
    assert!(profile.body.contains("05/09/1985"), "dates read dd/mm/yyyy");
    assert!(
        profile
            .body
            .contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            && !profile.body.contains("<script>alert(1)"),
        "markup is escaped"
    );
    let early = c
        .post(
            &format!("{profile_path}/events"),
            &[("kind", "recognized"), ("on", "01/01/2025")],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early
            .body
            .contains("Chưa hết thời gian dự bị 12 tháng (đến ngày 01/03/2025) (PRB-01)"),
        "{}",
        early.body
    );
    let ok = c
        .post(
            &format!("{profile_path}/events"),
            &[("kind", "recognized"), ("on", "01/03/2025")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let profile = c.get(&profile_path).await;
    assert!(profile.body.contains("Công nhận đảng viên chính thức"));
    let found = c.get("/members?q=dang+van+on").await;
    assert!(
        found.body.contains("Đặng Văn Ơn"),
        "search without diacritics"
    );
}

#[tokio::test]
async fn unit_pages_show_counts_in_vietnamese_number_format_and_any_date() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("quantri").await;
    let unit = c.get("/units/C1").await;
    assert_eq!(unit.status, StatusCode::OK);
    assert!(unit.body.contains("Chi bộ ấp An Lợi") && unit.body.contains("Nguyễn Thị Bí Mật"));
    let before = c.get("/units/C1?on=01/01/1999").await;
    assert!(
        !before.body.contains("Nguyễn Thị Bí Mật"),
        "not yet admitted in 1999"
    );
    let bad = c.get("/units/C1?on=99/99/2020").await;
    assert!(bad.body.contains("Ngày không hợp lệ"));
    assert_eq!(chibo_web::format::num(1234567), "1.234.567");
    let rename = c
        .post(
            "/units/C1-G1/rename",
            &[("name", "Chi bộ ấp An Lợi A"), ("on", "01/01/1985")],
        )
        .await;
    assert_eq!(
        rename.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a rename before the current version is refused"
    );
    assert!(
        rename
            .body
            .contains("Ngày hiệu lực phải sau ngày 01/01/1990")
    );
}

#[tokio::test]
async fn the_tree_expands_with_htmx_fragments() {
    let w = World::new(Sqlite).await;
    let mut c = w.signed_in("quantri").await;
    let tree = c.get("/units").await;
    assert!(tree.body.contains("hx-get=\"/units/P/children\""));
    let kids = c.get("/units/P/children").await;
    assert_eq!(kids.status, StatusCode::OK);
    assert!(kids.body.contains("Đảng bộ xã Phú Cường") && !kids.body.contains("<html"));
}

#[tokio::test]
async fn editing_a_profile_keeps_and_offers_the_residential_area() {
    let w = World::new(Sqlite).await;
    let mut admin = w.signed_in("quantri").await;
    let unit: serde_json::Value =
        serde_json::from_str(&admin.get("/api/v1/units/C1").await.body).unwrap();
    assert_eq!(unit["unit"]["admin_unit_code"], "29983");
    let areas = chibo_app::reference::residential_areas(&w.app, "29983")
        .await
        .unwrap();
    let area = areas[0].id.to_string();
    let m = w.secret_member;
    let mut c = w.signed_in("officer1").await;
    let fields = [
        ("full_name", "Nguyễn Thị Bí Mật"),
        ("sex", "F"),
        ("birth_date", "01/01/1970"),
        ("citizen_id", "001099000111"),
        ("residence_admin_code", "29983"),
        ("residential_area_id", area.as_str()),
    ];
    let saved = c.post(&format!("/members/{m}"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let form = c.get(&format!("/members/{m}/edit")).await;
    assert!(
        form.body.contains(&format!(
            "<option value=\"{area}\" selected>Ấp An Lợi</option>"
        )),
        "the area is offered and chosen"
    );
    let profile = c.get(&format!("/members/{m}")).await;
    assert!(
        profile.body.contains("Ấp An Lợi"),
        "the profile shows where the member lives"
    );
    let unit_page = c.get("/units/C1").await;
    assert!(unit_page.body.contains("Ấp An Lợi"));
}
