//! `chibo away`: members working away, and those with no contact for too long (AWY-03).

use chibo_app::audit::By;
use chibo_app::away::{AwayInput, ContactInput, declare, log_contact};
use chibo_app::members::{NewMemberInput, SearchQuery, add_member, search_members};
use chibo_app::users::{NewUserInput, actor_for, add_user};
use chibo_domain::ids::MemberId;
use chibo_domain::person::ProfileInput;
use chibo_testkit::{Engine, Postgres, Sqlite, TestDb};
use rstest::rstest;

use super::{chibo, one_probationer, text};

/// DV-A away since 2025-01-01, last contacted 2025-03-10; DV-B away since the same day,
/// contacted 2025-06-20.
async fn two_away(t: &TestDb) {
    one_probationer(t).await;
    let app = chibo_app::App::new(t.db.clone());
    let input = NewUserInput {
        username: "quantri2".into(),
        display_name: "Quản trị".into(),
        password: "mat-khau-dai".into(),
        role: "admin".into(),
        ..NewUserInput::default()
    };
    let id = add_user(&app, By::System("test"), &input).await.unwrap();
    let admin = actor_for(&app, id).await.unwrap().unwrap();
    let b = NewMemberInput {
        profile: ProfileInput {
            full_name: Some("Trần Thị Bình".into()),
            sex: Some("F".into()),
            birth_date: Some("15/03/1980".into()),
            ..ProfileInput::default()
        },
        member_key: Some("DV-B".into()),
        cell_code: "C1-G1".into(),
        admitted_on: "01/10/2020".into(),
        recognized_on: Some("01/10/2021".into()),
        ..NewMemberInput::default()
    };
    let b = add_member(&app, &admin, &b).await.unwrap();
    let found = search_members(
        &app,
        &admin,
        &SearchQuery {
            q: "Nguyễn Văn An".into(),
            ..SearchQuery::default()
        },
    )
    .await
    .unwrap();
    let a = MemberId(found.items[0].id);
    let place = |p: &str| AwayInput {
        since: "01/01/2025".into(),
        place: p.into(),
        ..AwayInput::default()
    };
    declare(&app, &admin, a, &place("Dĩ An, Bình Dương"))
        .await
        .unwrap();
    declare(&app, &admin, b, &place("Quận 7, TP. Hồ Chí Minh"))
        .await
        .unwrap();
    for (m, on) in [(a, "10/03/2025"), (b, "20/06/2025")] {
        let c = ContactInput {
            on: on.into(),
            channel: "chat".into(),
            by_member_key: "DV-B".into(),
            note: None,
        };
        log_contact(&app, &admin, m, &c).await.unwrap();
    }
}

#[rstest]
#[tokio::test]
async fn away_no_contact_lists_members_silent_for_longer_than_the_months_given(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let t = TestDb::fresh(engine).await;
    two_away(&t).await;
    let header = "member_key,full_name,unit_code,place,since,last_contact,months_without_contact\n";
    let csv = chibo(
        &t.url,
        &[
            "away",
            "--no-contact",
            "--as-of",
            "2025-07-15",
            "--unit",
            "C1-G1",
            "--format",
            "csv",
        ],
    );
    assert!(csv.status.success(), "{}", text(&csv));
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        format!("{header}DV-A,Nguyễn Văn An,C1-G1,\"Dĩ An, Bình Dương\",2025-01-01,2025-03-10,4\n")
    );
    // Five months: nobody; without --no-contact: everyone away, silent or not.
    let longer = chibo(
        &t.url,
        &[
            "away",
            "--no-contact",
            "--as-of",
            "2025-07-15",
            "--months",
            "5",
        ],
    );
    assert_eq!(String::from_utf8_lossy(&longer.stdout), header);
    let all = chibo(&t.url, &["away", "--as-of", "2025-07-15"]);
    let keys: Vec<String> = String::from_utf8_lossy(&all.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_owned())
        .collect();
    assert_eq!(keys, ["DV-A", "DV-B"]);
    let table = chibo(
        &t.url,
        &[
            "away",
            "--no-contact",
            "--as-of",
            "15/07/2025",
            "--format",
            "table",
        ],
    );
    let out = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(
        out.starts_with("Mã đảng viên") && out.contains("10/03/2025"),
        "{out}"
    );

    let bad = chibo(
        &t.url,
        &[
            "away",
            "--no-contact",
            "--as-of",
            "2025-07-15",
            "--months",
            "ba",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("Lỗi: --months"), "{}", text(&bad));
    let unknown = chibo(
        &t.url,
        &[
            "away",
            "--no-contact",
            "--as-of",
            "2025-07-15",
            "--unit",
            "KHONG-CO",
        ],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown).contains("--unit"), "{}", text(&unknown));
}
