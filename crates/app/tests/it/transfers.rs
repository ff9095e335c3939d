//! Transfers (issue 6, point 1; TRF-01 … TRF-05): letters that put members in transit, their
//! presentation at the receiving cell or confirmation outside the registry, the in-transit list
//! that never loses anyone, and temporary transfers counted at home and listed at the host.
//! Every case on both engines.

use std::collections::BTreeMap;

use chibo_app::audit::By;
use chibo_app::transfers::{
    ConfirmInput, IssueInput, PresentInput, RenewInput, ReturnInput, TemporaryInput,
    confirm_outside, host_list, in_transit, incoming, issue_letter, present_letter,
    renew_temporary, return_temporary, start_temporary,
};
use chibo_app::{App, AppError};
use chibo_domain::field::Problem;
use chibo_domain::ids::MemberId;
use chibo_domain::stats::{Dimension, StatsQuery};
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn setup(engine: Engine) -> (Fixture, MemberId) {
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    let m = f
        .member(
            "dv-1",
            "Nguyễn Văn An",
            "C1-G1",
            "01/02/2010",
            Some("01/02/2011"),
        )
        .await;
    (f, m)
}

/// A complete official letter (TRF-04) to `to` on `on`.
fn letter(number: &str, on: &str, to: &str) -> IssueInput {
    IssueInput {
        letter_number: number.into(),
        issued_on: on.into(),
        to_unit_code: Some(to.into()),
        fees_paid_through: Some("10/2025".into()),
        card_number: Some("12.345678".into()),
        biography_number: Some("LL-0456".into()),
        cell_register_number: Some("17".into()),
        transfer_register_number: Some("125".into()),
        addressee: Some("Đảng ủy phường Sa Đéc".into()),
        ..IssueInput::default()
    }
}

/// How many audit rows of `action` there are.
async fn audited(f: &Fixture, action: &str) -> i64 {
    let q = chibo_app::audit::AuditQuery {
        action: Some(action.into()),
        ..Default::default()
    };
    chibo_app::audit::list(&f.app, &f.admin, &q)
        .await
        .unwrap()
        .total
}

async fn by_unit(app: &App, as_of: NaiveDate) -> BTreeMap<String, Vec<i64>> {
    let mut q = StatsQuery::on(as_of);
    q.unit = Some("P".into());
    q.by = vec![Dimension::Unit];
    let r = chibo_app::stats::query(app, By::System("test"), &q)
        .await
        .unwrap();
    r.rows
        .into_iter()
        .map(|row| (row.dims[0].clone(), row.values))
        .collect()
}

/// A measure of a unit (0 when the unit has no row).
fn at(counts: &BTreeMap<String, Vec<i64>>, unit: &str, i: usize) -> i64 {
    counts.get(unit).map_or(0, |v| v[i])
}

fn fields(r: Result<impl std::fmt::Debug, AppError>) -> Vec<(&'static str, Problem)> {
    match r {
        Err(AppError::Invalid(v)) => v.into_iter().map(|f| (f.field, f.problem)).collect(),
        other => panic!("expected invalid fields, got {other:?}"),
    }
}

fn refused(r: Result<impl std::fmt::Debug, AppError>) -> (&'static str, &'static str) {
    match r {
        Err(AppError::Refused(v)) => (v.rule, v.code),
        other => panic!("expected a rule refusal, got {other:?}"),
    }
}

#[rstest]
#[tokio::test]
async fn trf_02_trf_03_a_letter_never_presented_stays_in_transit_overdue_until_presented(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    issue_letter(
        &f.app,
        &f.admin,
        m,
        &letter("125-GGT/ĐU", "03/11/2025", "C2-G1"),
    )
    .await
    .unwrap();
    let sys = By::System("test");

    // TRF-03: in transit of the cell left and its superiors, not the receiver's.
    let mid = d(2025, 11, 10);
    let rows = in_transit(&f.app, sys, mid, Some("C1")).await.unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        (
            r.member_key.as_str(),
            r.from_unit_code.as_str(),
            r.to_unit_code.as_str(),
            r.issued_on,
            r.days_in_transit,
            r.overdue
        ),
        ("dv-1", "C1-G1", "C2-G1", d(2025, 11, 3), 7, false)
    );
    assert!(
        in_transit(&f.app, sys, mid, Some("C2"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        in_transit(&f.app, sys, d(2025, 11, 2), None)
            .await
            .unwrap()
            .is_empty()
    );
    let counts = by_unit(&f.app, mid).await;
    assert_eq!(
        (at(&counts, "C1", 0), at(&counts, "C1", 5)),
        (0, 1),
        "members, in transit"
    );
    assert_eq!(at(&counts, "C2", 0), 0);

    // TRF-02: past 30 days it is overdue, and it is never dropped while unpresented.
    let late = in_transit(&f.app, sys, d(2025, 12, 4), None).await.unwrap();
    assert_eq!((late[0].days_in_transit, late[0].overdue), (31, true));
    let much_later = in_transit(&f.app, sys, d(2026, 6, 1), Some("P"))
        .await
        .unwrap();
    assert_eq!(much_later.len(), 1);
    assert!(much_later[0].overdue);

    // Only the receiving side presents: the sending cell's secretary does not find it.
    let sender = f.user("btc-g1", "secretary", Some("C1-G1"), None).await;
    let receiver = f.user("btc-c2", "secretary", Some("C2-G1"), None).await;
    let letter_id = incoming(&f.app, &receiver).await.unwrap()[0].letter.id;
    assert!(incoming(&f.app, &sender).await.unwrap().is_empty());
    let present = |on: &str, why: Option<&str>| PresentInput {
        presented_on: on.into(),
        late_explanation: why.map(str::to_owned),
    };
    assert!(matches!(
        present_letter(
            &f.app,
            &sender,
            letter_id,
            &present("10/12/2025", Some("ốm"))
        )
        .await,
        Err(AppError::NotFound)
    ));
    // Presented after 37 days: late, so the explanation is required.
    assert_eq!(
        fields(present_letter(&f.app, &receiver, letter_id, &present("10/12/2025", None)).await),
        vec![("late_explanation", Problem::Required)]
    );
    assert_eq!(
        in_transit(&f.app, sys, d(2025, 12, 11), None)
            .await
            .unwrap()
            .len(),
        1
    );
    let done = present_letter(
        &f.app,
        &receiver,
        letter_id,
        &present("10/12/2025", Some("Nằm viện hai tuần")),
    )
    .await
    .unwrap();
    assert_eq!(
        (done.days_taken, done.late, done.due_on),
        (37, true, d(2025, 12, 3))
    );

    // Closed by the presentation: listed before that day, not from it; now counted by C2.
    assert_eq!(
        in_transit(&f.app, sys, d(2025, 12, 9), None)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        in_transit(&f.app, sys, d(2025, 12, 10), None)
            .await
            .unwrap()
            .is_empty()
    );
    let after = by_unit(&f.app, d(2025, 12, 10)).await;
    assert_eq!((at(&after, "C2", 0), at(&after, "C1", 5)), (1, 0));
    let view = chibo_app::members::member_view(&f.app, &f.admin, m)
        .await
        .unwrap();
    let kinds: Vec<&str> = view.events.iter().map(|e| e.row.kind.as_str()).collect();
    assert!(
        kinds.ends_with(&["transfer_out", "transfer_in"]),
        "{kinds:?}"
    );
    assert_eq!(
        (
            audited(&f, "transfer.issue").await,
            audited(&f, "transfer.present").await
        ),
        (1, 1),
        "the refused presentations left no trace"
    );
    // Presented once only.
    assert!(matches!(
        present_letter(
            &f.app,
            &receiver,
            letter_id,
            &present("11/12/2025", Some("x"))
        )
        .await,
        Err(AppError::NotFound)
    ));
}

#[rstest]
#[tokio::test]
async fn trf_02_a_letter_presented_within_30_days_needs_no_explanation(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    issue_letter(&f.app, &f.admin, m, &letter("7/GGT", "03/11/2025", "C1-G2"))
        .await
        .unwrap();
    let id = incoming(&f.app, &f.admin).await.unwrap()[0].letter.id;
    let done = present_letter(
        &f.app,
        &f.admin,
        id,
        &PresentInput {
            presented_on: "03/12/2025".into(),
            late_explanation: None,
        },
    )
    .await
    .unwrap();
    assert_eq!((done.days_taken, done.late), (30, false));
}

#[rstest]
#[tokio::test]
async fn trf_03_a_transfer_outside_the_registry_stays_listed_until_confirmed(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let outside = IssueInput {
        to_unit_code: None,
        to_outside: Some("Đảng bộ Quân sự tỉnh".into()),
        ..letter("9/GGT", "01/09/2025", "")
    };
    issue_letter(&f.app, &f.admin, m, &outside).await.unwrap();
    let sys = By::System("test");
    let rows = in_transit(&f.app, sys, d(2025, 10, 4), Some("C1-G1"))
        .await
        .unwrap();
    assert_eq!(rows[0].to_unit_code, "Đảng bộ Quân sự tỉnh");
    assert!(rows[0].overdue);
    let id = rows[0].letter_id;
    // Nobody in the registry receives it.
    assert!(incoming(&f.app, &f.admin).await.unwrap().is_empty());
    let other = f.user("btc-c2", "secretary", Some("C2-G1"), None).await;
    let confirm = |r: &str| ConfirmInput {
        confirmed_on: "20/10/2025".into(),
        confirmation_ref: r.into(),
    };
    assert!(matches!(
        confirm_outside(&f.app, &other, id, &confirm("Phiếu báo số 3")).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(
        fields(confirm_outside(&f.app, &f.admin, id, &confirm("  ")).await),
        vec![("confirmation_ref", Problem::Required)]
    );
    assert_eq!(
        in_transit(&f.app, sys, d(2025, 10, 25), None)
            .await
            .unwrap()
            .len(),
        1
    );
    confirm_outside(&f.app, &f.admin, id, &confirm("Phiếu báo số 3"))
        .await
        .unwrap();
    assert_eq!(
        in_transit(&f.app, sys, d(2025, 10, 19), None)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        in_transit(&f.app, sys, d(2025, 10, 20), None)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        confirm_outside(&f.app, &f.admin, id, &confirm("again")).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(audited(&f, "transfer.confirm").await, 1);
}

#[rstest]
#[tokio::test]
async fn trf_04_a_letter_missing_boxes_is_refused_box_by_box_and_nothing_is_written(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let bare = IssueInput {
        letter_number: "1/GGT".into(),
        issued_on: "03/11/2025".into(),
        to_unit_code: Some("C2-G1".into()),
        to_outside: Some("Nơi khác".into()),
        ..IssueInput::default()
    };
    let problems = fields(issue_letter(&f.app, &f.admin, m, &bare).await);
    for field in [
        "to_outside",
        "card_number",
        "biography_number",
        "cell_register_number",
        "transfer_register_number",
        "addressee",
        "fees_paid_through",
    ] {
        assert!(
            problems.iter().any(|(f, _)| *f == field),
            "{field}: {problems:?}"
        );
    }
    assert!(
        in_transit(&f.app, By::System("test"), d(2025, 12, 1), None)
            .await
            .unwrap()
            .is_empty()
    );
    let view = chibo_app::members::member_view(&f.app, &f.admin, m)
        .await
        .unwrap();
    assert!(view.events.iter().all(|e| e.row.kind != "transfer_out"));
    // Another unit's secretary cannot issue one.
    let other = f.user("btc-c2", "secretary", Some("C2-G1"), None).await;
    assert!(matches!(
        issue_letter(&f.app, &other, m, &letter("2/GGT", "03/11/2025", "C2-G1")).await,
        Err(AppError::NotFound)
    ));
    // A complete letter passes; a second one while in transit is refused by the registry.
    issue_letter(&f.app, &f.admin, m, &letter("2/GGT", "03/11/2025", "C2-G1"))
        .await
        .unwrap();
    assert!(matches!(
        issue_letter(&f.app, &f.admin, m, &letter("3/GGT", "04/11/2025", "C1-G2")).await,
        Err(AppError::Transition(_))
    ));
}

#[rstest]
#[tokio::test]
async fn trf_01_a_letter_after_60_working_days_from_retirement_is_flagged_late(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let retire = |on: &str| IssueInput {
        move_reason: Some("retirement".into()),
        move_on: Some("01/10/2025".into()),
        ..letter("5/GGT", on, "C2-G1")
    };
    assert_eq!(
        fields(
            issue_letter(
                &f.app,
                &f.admin,
                m,
                &IssueInput {
                    move_reason: Some("holiday".into()),
                    ..retire("26/12/2025")
                }
            )
            .await
        )[0]
        .0,
        "move_reason"
    );
    let issued = issue_letter(&f.app, &f.admin, m, &retire("26/12/2025"))
        .await
        .unwrap();
    assert_eq!(issued.start_due_on, Some(d(2025, 12, 24)));
    assert!(issued.started_late);
}

#[rstest]
#[tokio::test]
async fn trf_01_a_letter_within_60_working_days_is_on_time(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let issued = issue_letter(
        &f.app,
        &f.admin,
        m,
        &IssueInput {
            move_reason: Some("retirement".into()),
            move_on: Some("01/10/2025".into()),
            ..letter("5/GGT", "24/12/2025", "C2-G1")
        },
    )
    .await
    .unwrap();
    assert_eq!(issued.start_due_on, Some(d(2025, 12, 24)));
    assert!(!issued.started_late);
}

#[rstest]
#[tokio::test]
async fn trf_05_a_temporary_transfer_is_counted_at_home_listed_at_the_host_renewed_and_ended(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let temp = |reason: &str, until: &str| TemporaryInput {
        letter_number: "12/GGT-TT".into(),
        host_unit_code: "C2-G1".into(),
        reason: reason.into(),
        from: "01/09/2025".into(),
        until: until.into(),
    };
    // A 14-month posting is too long for a temporary transfer; a 2-month one too short.
    assert_eq!(
        refused(start_temporary(&f.app, &f.admin, m, &temp("move", "31/10/2026")).await),
        ("TRF-05", "temporary_too_long")
    );
    assert_eq!(
        refused(start_temporary(&f.app, &f.admin, m, &temp("move", "31/10/2025")).await),
        ("TRF-05", "temporary_too_short")
    );
    assert_eq!(
        fields(start_temporary(&f.app, &f.admin, m, &temp("holiday", "31/10/2026")).await)[0].0,
        "reason"
    );
    // An 18-month course is accepted.
    let t = start_temporary(
        &f.app,
        &f.admin,
        m,
        &temp("study_or_secondment", "28/02/2027"),
    )
    .await
    .unwrap();
    let day = d(2025, 10, 1);
    let counts = by_unit(&f.app, day).await;
    assert_eq!(
        (at(&counts, "C1", 0), at(&counts, "C2", 0)),
        (1, 0),
        "counted at home only"
    );
    let host = f.user("btc-c2", "secretary", Some("C2-G1"), None).await;
    let home = f.user("btc-g1", "secretary", Some("C1-G1"), None).await;
    let listed = host_list(&f.app, &host, day).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (
            listed[0].member_key.as_str(),
            listed[0].home_unit_code.as_str()
        ),
        ("dv-1", "C1-G1")
    );
    assert!(host_list(&f.app, &home, day).await.unwrap().is_empty());
    assert!(
        host_list(&f.app, &host, d(2025, 8, 31))
            .await
            .unwrap()
            .is_empty()
    );

    // Renewals: the host cannot; not later is refused; past 24 months an official transfer is
    // suggested.
    let renew = |on: &str, until: &str| RenewInput {
        decided_on: on.into(),
        until: until.into(),
    };
    assert!(matches!(
        renew_temporary(&f.app, &host, t, &renew("01/02/2026", "30/06/2027")).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(
        refused(renew_temporary(&f.app, &home, t, &renew("01/02/2026", "01/01/2027")).await),
        ("TRF-05", "renewal_not_later")
    );
    assert!(
        !renew_temporary(&f.app, &home, t, &renew("01/02/2026", "30/06/2027"))
            .await
            .unwrap()
    );
    assert!(
        renew_temporary(&f.app, &home, t, &renew("01/03/2026", "31/12/2027"))
            .await
            .unwrap()
    );

    // The return ends it: no longer listed at the host from that day.
    let back = |on: &str| ReturnInput {
        returned_on: on.into(),
    };
    assert_eq!(
        fields(return_temporary(&f.app, &home, t, &back("31/13/2025")).await),
        vec![("returned_on", Problem::InvalidDate)]
    );
    return_temporary(&f.app, &home, t, &back("01/06/2026"))
        .await
        .unwrap();
    assert_eq!(
        host_list(&f.app, &host, d(2026, 5, 31))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        host_list(&f.app, &host, d(2026, 6, 1))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        refused(return_temporary(&f.app, &home, t, &back("02/06/2026")).await),
        ("TRF-05", "already_returned")
    );
    let view = chibo_app::members::member_view(&f.app, &f.admin, m)
        .await
        .unwrap();
    let kinds: Vec<&str> = view.events.iter().map(|e| e.row.kind.as_str()).collect();
    assert!(kinds.ends_with(&["temp_out", "temp_return"]), "{kinds:?}");
}

#[rstest]
#[tokio::test]
async fn trf_05_an_official_letter_ends_a_temporary_transfer_at_the_host(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    start_temporary(
        &f.app,
        &f.admin,
        m,
        &TemporaryInput {
            letter_number: "3/TT".into(),
            host_unit_code: "C2-G1".into(),
            reason: "move".into(),
            from: "01/09/2025".into(),
            until: "31/03/2026".into(),
        },
    )
    .await
    .unwrap();
    issue_letter(&f.app, &f.admin, m, &letter("4/GGT", "03/11/2025", "C2-G1"))
        .await
        .unwrap();
    let host = f.user("btc-c2", "secretary", Some("C2-G1"), None).await;
    assert_eq!(
        host_list(&f.app, &host, d(2025, 11, 2))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        host_list(&f.app, &host, d(2025, 11, 3))
            .await
            .unwrap()
            .is_empty()
    );
    // Now in transit, counted by the sender only.
    let counts = by_unit(&f.app, d(2025, 11, 3)).await;
    assert_eq!((at(&counts, "C1", 5), at(&counts, "C2", 0)), (1, 0));
}

/// GEN-03, TRF-02: a presentation limit of 10 days set from 15/11/2025 applies to a letter
/// dated 20/11/2025 (due 30/11, overdue on 01/12) and not to one dated 03/11/2025, which keeps
/// the 30 days in force on its date (due 03/12, not overdue on 01/12).
#[rstest]
#[tokio::test]
async fn gen_03_trf_02_a_presentation_limit_set_from_a_day_applies_to_letters_dated_from_it(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let other = f
        .member(
            "dv-2",
            "Trần Thị Bình",
            "C1-G1",
            "02/02/2010",
            Some("02/02/2011"),
        )
        .await;
    chibo_app::settings::set(
        &f.app,
        By::User(&f.admin),
        "letter_presentation_limit",
        "10",
        Some(d(2025, 11, 15)),
    )
    .await
    .unwrap();
    issue_letter(&f.app, &f.admin, m, &letter("1/GGT", "03/11/2025", "C2-G1"))
        .await
        .unwrap();
    issue_letter(
        &f.app,
        &f.admin,
        other,
        &letter("2/GGT", "20/11/2025", "C2-G1"),
    )
    .await
    .unwrap();
    let rows = in_transit(&f.app, By::System("test"), d(2025, 12, 1), None)
        .await
        .unwrap();
    let seen: BTreeMap<&str, (Option<NaiveDate>, bool)> = rows
        .iter()
        .map(|r| (r.member_key.as_str(), (r.due_on, r.overdue)))
        .collect();
    assert_eq!(seen["dv-1"], (Some(d(2025, 12, 3)), false));
    assert_eq!(seen["dv-2"], (Some(d(2025, 11, 30)), true));
}

/// GEN-03, TRF-05: the transfer use cases read `temp_work_max_months` in force on the
/// transfer's start: a 14-month move is refused under the default 12, still refused with 18
/// set only from a later day, and accepted with 18 in force on its start.
#[rstest]
#[tokio::test]
async fn gen_03_trf_05_the_temporary_work_limit_is_the_setting_in_force_on_the_start(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let (f, m) = setup(engine).await;
    let move_14_months = TemporaryInput {
        letter_number: "12/GGT-TT".into(),
        host_unit_code: "C2-G1".into(),
        reason: "move".into(),
        from: "01/09/2025".into(),
        until: "31/10/2026".into(),
    };
    assert_eq!(
        refused(start_temporary(&f.app, &f.admin, m, &move_14_months).await),
        ("TRF-05", "temporary_too_long")
    );
    let set_from = |day| {
        chibo_app::settings::set(
            &f.app,
            By::User(&f.admin),
            "temp_work_max_months",
            "18",
            Some(day),
        )
    };
    set_from(d(2025, 10, 1)).await.unwrap();
    assert_eq!(
        refused(start_temporary(&f.app, &f.admin, m, &move_14_months).await),
        ("TRF-05", "temporary_too_long")
    );
    set_from(d(2025, 9, 1)).await.unwrap();
    start_temporary(&f.app, &f.admin, m, &move_14_months)
        .await
        .unwrap();
}
