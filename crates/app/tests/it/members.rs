//! The member registry: adding, recording and correcting events, profiles and search.

use chibo_app::members::{self, EventInput, NewMemberInput, ProfileUpdate, SearchQuery, VoidInput};
use chibo_app::{AppError, Page};
use chibo_domain::field::Problem;
use chibo_domain::ids::EventId;
use chibo_domain::member::TransitionError;
use chibo_domain::person::ProfileInput;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn ev(kind: &str, on: &str, unit: Option<&str>) -> EventInput {
    EventInput {
        kind: kind.into(),
        on: on.into(),
        unit_code: unit.map(str::to_owned),
        decision_ref: None,
        reason: None,
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn q(text: &str) -> SearchQuery {
    SearchQuery {
        q: text.into(),
        ..SearchQuery::default()
    }
}

#[rstest]
#[tokio::test]
async fn adding_a_member_reports_every_bad_field_in_one_go(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let input = NewMemberInput {
        profile: ProfileInput {
            full_name: Some("".into()),
            sex: Some("M".into()),
            birth_date: Some("01/01/1980".into()),
            citizen_id: Some("12345".into()),
            card_number: Some("12.345678".into()),
            phone: Some("abc".into()),
            ..ProfileInput::default()
        },
        cell_code: "C1".into(),
        admitted_on: "31/13/2000".into(),
        ..NewMemberInput::default()
    };
    let AppError::Invalid(errors) = members::add_member(&f.app, &f.admin, &input)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.field, e.problem.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("full_name", Problem::Required),
            ("citizen_id", Problem::CitizenIdFormat),
            ("phone", Problem::PhoneFormat),
            ("admitted_on", Problem::InvalidDate),
            ("card_number", Problem::CardNeedsOfficial),
        ]
    );
    let in_committee = NewMemberInput {
        profile: ProfileInput {
            full_name: Some("Lê Văn Tám".into()),
            sex: Some("M".into()),
            birth_date: Some("01/01/1980".into()),
            ..ProfileInput::default()
        },
        cell_code: "C1".into(),
        admitted_on: "01/01/2005".into(),
        ..NewMemberInput::default()
    };
    let AppError::Invalid(errors) = members::add_member(&f.app, &f.admin, &in_committee)
        .await
        .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(errors[0].field, "cell_code");
    assert_eq!(errors[0].problem, Problem::UnitHoldsNoMembers);
    let search = members::search_members(&f.app, &f.admin, &q(""))
        .await
        .unwrap();
    assert_eq!(search.total, 0, "nothing half-written");
}

#[rstest]
#[tokio::test]
async fn citizen_ids_and_cards_are_unique(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    let mk = |key: &str| NewMemberInput {
        profile: ProfileInput {
            full_name: Some("Nguyễn Văn An".into()),
            sex: Some("M".into()),
            birth_date: Some("01/01/1980".into()),
            citizen_id: Some("001080012345".into()),
            card_number: Some("12.000001".into()),
            ..ProfileInput::default()
        },
        member_key: Some(key.into()),
        cell_code: "C1-G1".into(),
        admitted_on: "01/01/2005".into(),
        recognized_on: Some("01/01/2006".into()),
        ..NewMemberInput::default()
    };
    members::add_member(&f.app, &f.admin, &mk("one"))
        .await
        .unwrap();
    let AppError::Invalid(errors) = members::add_member(&f.app, &f.admin, &mk("one"))
        .await
        .unwrap_err()
    else {
        panic!()
    };
    let got: Vec<_> = errors
        .iter()
        .map(|e| (e.field, e.problem.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("citizen_id", Problem::AlreadyTaken),
            ("card_number", Problem::AlreadyTaken),
            ("member_key", Problem::AlreadyTaken)
        ]
    );
}

#[rstest]
#[tokio::test]
async fn search_ignores_diacritics_and_case(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    f.member("a", "Nguyễn Văn An", "C1-G1", "01/02/2000", None)
        .await;
    f.member("b", "Đặng Thị Đào", "C1-G2", "01/02/2000", None)
        .await;
    f.member("c", "Trần Văn Ân", "C2-G1", "01/02/2000", None)
        .await;
    let names = |p: chibo_app::Paged<chibo_storage::members::MemberSummary>| {
        p.items.into_iter().map(|m| m.full_name).collect::<Vec<_>>()
    };
    assert_eq!(
        names(
            members::search_members(&f.app, &f.admin, &q("nguyen van an"))
                .await
                .unwrap()
        ),
        vec!["Nguyễn Văn An"]
    );
    assert_eq!(
        names(
            members::search_members(&f.app, &f.admin, &q("Nguyen Van An"))
                .await
                .unwrap()
        ),
        vec!["Nguyễn Văn An"]
    );
    assert_eq!(
        names(
            members::search_members(&f.app, &f.admin, &q("dao"))
                .await
                .unwrap()
        ),
        vec!["Đặng Thị Đào"]
    );
    assert_eq!(
        names(
            members::search_members(&f.app, &f.admin, &q("dang"))
                .await
                .unwrap()
        ),
        vec!["Đặng Thị Đào"]
    );
    // Vietnamese order by given name: An, Ân, Đào.
    assert_eq!(
        names(
            members::search_members(&f.app, &f.admin, &q(""))
                .await
                .unwrap()
        ),
        vec!["Nguyễn Văn An", "Trần Văn Ân", "Đặng Thị Đào"]
    );
    let officer = f.user("xa2", "officer", Some("C2"), None).await;
    assert_eq!(
        names(
            members::search_members(&f.app, &officer, &q("an"))
                .await
                .unwrap()
        ),
        vec!["Trần Văn Ân"]
    );
}

#[rstest]
#[tokio::test]
async fn events_are_judged_against_the_whole_history(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    let id = f
        .member("a", "Nguyễn Văn An", "C1-G1", "10/03/2024", None)
        .await;
    let early =
        members::record_event(&f.app, &f.admin, id, &ev("recognized", "09/03/2025", None)).await;
    assert!(
        matches!(
            early,
            Err(AppError::Transition(
                TransitionError::ProbationNotOver { .. }
            ))
        ),
        "{early:?}"
    );
    members::record_event(&f.app, &f.admin, id, &ev("recognized", "10/03/2025", None))
        .await
        .unwrap();
    let twice =
        members::record_event(&f.app, &f.admin, id, &ev("recognized", "11/03/2025", None)).await;
    assert!(matches!(
        twice,
        Err(AppError::Transition(TransitionError::NotProbationary))
    ));
    let AppError::Invalid(e) = members::record_event(
        &f.app,
        &f.admin,
        id,
        &ev("exempted", "01/05/2025", Some("C1-G1")),
    )
    .await
    .unwrap_err() else {
        panic!()
    };
    assert_eq!(
        (e[0].field, e[0].problem.clone()),
        ("unit_code", Problem::NotExpected)
    );
    let AppError::Invalid(e) =
        members::record_event(&f.app, &f.admin, id, &ev("transfer_in", "01/05/2025", None))
            .await
            .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(
        (e[0].field, e[0].problem.clone()),
        ("unit_code", Problem::Required)
    );
    let AppError::Invalid(e) =
        members::record_event(&f.app, &f.admin, id, &ev("exempted", "01/05/2099", None))
            .await
            .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(
        (e[0].field, e[0].problem.clone()),
        ("on", Problem::DateInFuture)
    );
    // A backdated event that the later history contradicts is refused.
    members::record_event(
        &f.app,
        &f.admin,
        id,
        &ev("transfer_out", "01/06/2025", Some("C2-G1")),
    )
    .await
    .unwrap();
    members::record_event(
        &f.app,
        &f.admin,
        id,
        &ev("transfer_in", "20/06/2025", Some("C2-G1")),
    )
    .await
    .unwrap();
    let clash = members::record_event(
        &f.app,
        &f.admin,
        id,
        &ev("transfer_out", "10/06/2025", None),
    )
    .await;
    assert!(
        matches!(clash, Err(AppError::Transition(TransitionError::InTransit))),
        "{clash:?}"
    );
    let view = members::member_view(&f.app, &f.admin, id).await.unwrap();
    assert_eq!(view.cell.code, "C2-G1");
    assert_eq!(view.row.status, "official");
    assert_eq!(view.events.len(), 4);
}

#[rstest]
#[tokio::test]
async fn transfer_keeps_member_counted_while_in_transit(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let id = f
        .member(
            "a",
            "Nguyễn Văn An",
            "C1-G1",
            "01/02/2000",
            Some("01/02/2001"),
        )
        .await;
    members::record_event(
        &f.app,
        &f.admin,
        id,
        &ev("transfer_out", "03/11/2025", Some("C2-G1")),
    )
    .await
    .unwrap();
    let c1 = chibo_app::org::unit_view(
        &f.app,
        &f.admin,
        "C1",
        d(2025, 11, 10),
        Page::new(None, None),
    )
    .await
    .unwrap();
    let c2 = chibo_app::org::unit_view(
        &f.app,
        &f.admin,
        "C2",
        d(2025, 11, 10),
        Page::new(None, None),
    )
    .await
    .unwrap();
    assert_eq!(
        (c1.count.members, c1.count.in_transit, c2.count.members),
        (0, 1, 0)
    );
    // The receiving secretary sees the member on the way and records the arrival.
    let receiver = f.user("btc2", "secretary", Some("C2-G1"), None).await;
    let found = members::search_members(&f.app, &receiver, &q("an"))
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    members::record_event(
        &f.app,
        &receiver,
        id,
        &ev("transfer_in", "20/11/2025", Some("C2-G1")),
    )
    .await
    .unwrap();
    let c2 = chibo_app::org::unit_view(
        &f.app,
        &f.admin,
        "C2",
        d(2025, 11, 20),
        Page::new(None, None),
    )
    .await
    .unwrap();
    assert_eq!((c2.count.members, c2.count.in_transit), (1, 0));
    let sender = f.user("btc1", "secretary", Some("C1-G1"), None).await;
    assert!(matches!(
        members::member_view(&f.app, &sender, id).await,
        Err(AppError::NotFound)
    ));
}

#[rstest]
#[tokio::test]
async fn a_correction_voids_an_event_without_editing_history(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let f = Fixture::new(engine).await;
    let id = f
        .member(
            "a",
            "Nguyễn Văn An",
            "C1-G1",
            "01/02/2000",
            Some("01/02/2001"),
        )
        .await;
    members::record_event(&f.app, &f.admin, id, &ev("deceased", "01/01/2025", None))
        .await
        .unwrap();
    let view = members::member_view(&f.app, &f.admin, id).await.unwrap();
    assert_eq!(view.row.status, "deceased");
    let death = view
        .events
        .iter()
        .find(|e| e.row.kind == "deceased")
        .unwrap()
        .row
        .id;
    let admission = view
        .events
        .iter()
        .find(|e| e.row.kind == "admitted")
        .unwrap()
        .row
        .id;
    let refused = members::void_event(
        &f.app,
        &f.admin,
        id,
        EventId(admission),
        &VoidInput::default(),
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(AppError::Transition(
                TransitionError::MustStartWithAdmission
            ))
        ),
        "{refused:?}"
    );
    members::void_event(
        &f.app,
        &f.admin,
        id,
        EventId(death),
        &VoidInput {
            reason: Some("Nhầm người".into()),
        },
    )
    .await
    .unwrap();
    let view = members::member_view(&f.app, &f.admin, id).await.unwrap();
    assert_eq!(view.row.status, "official");
    assert_eq!(
        view.events.len(),
        4,
        "admitted, recognized, deceased and its correction"
    );
    assert!(
        view.events
            .iter()
            .any(|e| e.row.id == death && e.voided_by.is_some())
    );
    let again =
        members::void_event(&f.app, &f.admin, id, EventId(death), &VoidInput::default()).await;
    assert!(matches!(again, Err(AppError::NotFound)));
}

#[rstest]
#[tokio::test]
async fn profiles_are_edited_with_the_same_checks(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    let a = f
        .member("a", "Nguyễn Văn An", "C1-G1", "01/02/2024", None)
        .await;
    let b = f
        .member(
            "b",
            "Trần Văn Bình",
            "C1-G1",
            "01/02/2000",
            Some("01/02/2001"),
        )
        .await;
    let with = |card: Option<&str>, cid: Option<&str>| ProfileUpdate {
        profile: ProfileInput {
            full_name: Some("Nguyễn Văn An".into()),
            sex: Some("M".into()),
            birth_date: Some("15/03/1970".into()),
            card_number: card.map(str::to_owned),
            citizen_id: cid.map(str::to_owned),
            residence_admin_code: Some("70".into()),
            ..ProfileInput::default()
        },
        residential_area_id: None,
    };
    let AppError::Invalid(e) =
        members::update_profile(&f.app, &f.admin, a, &with(Some("12.000009"), None))
            .await
            .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(
        (e[0].field, e[0].problem.clone()),
        ("card_number", Problem::CardNeedsOfficial)
    );
    members::update_profile(
        &f.app,
        &f.admin,
        b,
        &with(Some("12.000009"), Some("001070000001")),
    )
    .await
    .unwrap();
    let AppError::Invalid(e) =
        members::update_profile(&f.app, &f.admin, a, &with(None, Some("001070000001")))
            .await
            .unwrap_err()
    else {
        panic!()
    };
    assert_eq!(
        (e[0].field, e[0].problem.clone()),
        ("citizen_id", Problem::AlreadyTaken)
    );
    members::update_profile(
        &f.app,
        &f.admin,
        b,
        &with(Some("12.000009"), Some("001070000001")),
    )
    .await
    .unwrap();
    let view = members::member_view(&f.app, &f.admin, b).await.unwrap();
    assert_eq!(view.commune.unwrap().name, "Phường Hoàn Kiếm");
}

#[rstest]
#[tokio::test]
async fn a_member_sees_only_their_own_record(#[values(Sqlite, Postgres)] engine: Engine) {
    let f = Fixture::new(engine).await;
    let mine = f
        .member("me", "Nguyễn Văn An", "C1-G1", "01/02/2000", None)
        .await;
    let other = f
        .member("other", "Trần Văn Bình", "C1-G1", "01/02/2000", None)
        .await;
    let me = f.user("anh", "member", None, Some("me")).await;
    assert_eq!(
        members::member_view(&f.app, &me, mine)
            .await
            .unwrap()
            .row
            .id,
        mine.0
    );
    assert!(matches!(
        members::member_view(&f.app, &me, other).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        members::record_event(&f.app, &me, mine, &ev("exempted", "01/01/2020", None)).await,
        Err(AppError::Forbidden(_))
    ));
    let found = members::search_members(&f.app, &me, &q("")).await.unwrap();
    assert_eq!(
        found.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![mine.0]
    );
}
