//! Members working away (issue 6, point 3; AWY-01 … AWY-04): declaring and ending through the
//! registry events, temporary exemptions and their renewal, the contact log and the list of
//! members with no contact for too long, each refused outside the caller's scope.

use chibo_app::AppError;
use chibo_app::audit::{AuditQuery, By, list as audit_list};
use chibo_app::away::{
    AwayInput, AwayStatus, ContactInput, EndInput, ExemptionInput, contact_gap_months, declare,
    end, get, grant_exemption, list, log_contact, no_contact, no_contact_csv, update,
};
use chibo_app::stats::{query, to_csv};
use chibo_domain::access::Actor;
use chibo_domain::ids::MemberId;
use chibo_domain::member::TransitionError;
use chibo_domain::stats::StatsQuery;
use chibo_domain::warning::WarningParams;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use chrono::NaiveDate;
use rstest::rstest;

use crate::support::Fixture;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Setup {
    f: Fixture,
    m1: MemberId,
    m2: MemberId,
    other: MemberId,
}

/// Two members and a committee member in C1-G1, one member in C2-G1.
async fn setup(engine: Engine) -> Setup {
    let f = Fixture::new(engine).await;
    let m1 = f
        .member(
            "m-1",
            "Nguyễn Văn An",
            "C1-G1",
            "01/01/2010",
            Some("01/01/2011"),
        )
        .await;
    let m2 = f
        .member(
            "m-2",
            "Trần Thị Bình",
            "C1-G1",
            "01/01/2012",
            Some("01/01/2013"),
        )
        .await;
    f.member(
        "cp-1",
        "Lê Văn Cường",
        "C1-G1",
        "01/01/2005",
        Some("01/01/2006"),
    )
    .await;
    let other = f
        .member(
            "m-9",
            "Phạm Văn Dũng",
            "C2-G1",
            "01/01/2012",
            Some("01/01/2013"),
        )
        .await;
    Setup { f, m1, m2, other }
}

fn away(since: &str) -> AwayInput {
    AwayInput {
        since: since.into(),
        place: "KCN Sóng Thần, Dĩ An, Bình Dương".into(),
        employer: Some("Công ty TNHH May Việt".into()),
        contact: Some("0912345678".into()),
        contact_person_key: Some("cp-1".into()),
        remote_group: Some("Tổ đảng viên làm ăn xa tại Bình Dương".into()),
        messaging_group: Some("https://zalo.me/g/abc123".into()),
        ..AwayInput::default()
    }
}

fn exemption(decided: &str, from: &str, until: &str) -> ExemptionInput {
    ExemptionInput {
        decided_on: decided.into(),
        from: from.into(),
        until: until.into(),
        resolution_ref: "NQ 05/2025".into(),
    }
}

fn call(on: &str) -> ContactInput {
    ContactInput {
        on: on.into(),
        channel: "phone".into(),
        by_member_key: "cp-1".into(),
        note: Some("Vẫn làm ở công ty cũ.".into()),
    }
}

fn fields(r: Result<impl std::fmt::Debug, AppError>) -> Vec<&'static str> {
    match r {
        Err(AppError::Invalid(errors)) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn working_away_count(s: &Setup, as_of: NaiveDate) -> String {
    let q = StatsQuery {
        as_of,
        unit: Some("C1-G1".into()),
        by: vec![],
        period: None,
        compare: None,
        format: None,
    };
    let csv = to_csv(&query(&s.f.app, By::System("test"), &q).await.unwrap()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = header.iter().position(|h| *h == "working_away").unwrap();
    lines[1].split(',').nth(col).unwrap().to_owned()
}

async fn status_on(s: &Setup, m: MemberId, day: NaiveDate) -> AwayStatus {
    get(&s.f.app, &s.f.admin, m, day)
        .await
        .unwrap()
        .unwrap()
        .status
}

#[rstest]
#[tokio::test]
async fn declaring_and_ending_working_away_goes_through_the_registry_and_the_statistics(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let s = setup(engine).await;
    let a = &s.f.admin;
    // A wrong form names its fields and writes nothing.
    let bad = AwayInput {
        since: "31/02/2025".into(),
        place: "  ".into(),
        work_kind: Some("fisher".into()),
        ..AwayInput::default()
    };
    assert_eq!(
        fields(declare(&s.f.app, a, s.m1, &bad).await),
        ["since", "place", "work_kind"]
    );
    assert!(
        get(&s.f.app, a, s.m1, d(2025, 4, 1))
            .await
            .unwrap()
            .is_none()
    );

    declare(&s.f.app, a, s.m1, &away("01/03/2025"))
        .await
        .unwrap();
    let v = get(&s.f.app, a, s.m1, d(2025, 4, 1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.period.since, d(2025, 3, 1));
    assert_eq!(
        v.period.contact_person_name.as_deref(),
        Some("Lê Văn Cường")
    );
    assert_eq!(
        v.period.messaging_group.as_deref(),
        Some("https://zalo.me/g/abc123")
    );
    assert!(v.status.away);
    // The registry has the event, and the statistics count the member away on the day.
    assert_eq!(working_away_count(&s, d(2025, 2, 28)).await, "0");
    assert_eq!(working_away_count(&s, d(2025, 4, 1)).await, "1");
    // Declared twice: refused by the registry's rule, nothing written.
    assert!(matches!(
        declare(&s.f.app, a, s.m1, &away("01/04/2025")).await,
        Err(AppError::Transition(TransitionError::AlreadyWorkingAway))
    ));

    let moved = AwayInput {
        place: "Quận 7, TP. Hồ Chí Minh".into(),
        ..away("")
    };
    update(&s.f.app, a, s.m1, &moved).await.unwrap();
    let v = get(&s.f.app, a, s.m1, d(2025, 4, 1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.period.place, "Quận 7, TP. Hồ Chí Minh");
    assert_eq!(v.period.since, d(2025, 3, 1));

    // Back before leaving: refused; then back on 01/06/2025.
    let early = EndInput {
        on: "01/02/2025".into(),
        decision_ref: None,
    };
    assert_eq!(fields(end(&s.f.app, a, s.m1, &early).await), ["on"]);
    let back = EndInput {
        on: "01/06/2025".into(),
        decision_ref: Some("BB 06/2025".into()),
    };
    end(&s.f.app, a, s.m1, &back).await.unwrap();
    assert_eq!(working_away_count(&s, d(2025, 4, 1)).await, "1");
    assert_eq!(working_away_count(&s, d(2025, 7, 1)).await, "0");
    let v = get(&s.f.app, a, s.m1, d(2025, 7, 1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.period.ended_on, Some(d(2025, 6, 1)));
    assert!(!v.status.away);
    // Not away any more: ending again, a contact or an exemption are refused.
    assert!(matches!(
        end(&s.f.app, a, s.m1, &back).await,
        Err(AppError::Transition(TransitionError::NotWorkingAway))
    ));
    assert!(matches!(
        log_contact(&s.f.app, a, s.m1, &call("02/06/2025")).await,
        Err(AppError::Transition(TransitionError::NotWorkingAway))
    ));

    // Every step is audited.
    for action in ["away.declare", "away.update", "away.end"] {
        let q = AuditQuery {
            action: Some(action.into()),
            ..AuditQuery::default()
        };
        let rows = audit_list(&s.f.app, a, &q).await.unwrap();
        assert_eq!(rows.total, 1, "{action}");
    }
}

#[rstest]
#[tokio::test]
async fn awy_01_exemptions_under_12_months_are_granted_and_a_chain_reaching_12_proposes_a_transfer(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let s = setup(engine).await;
    let a = &s.f.admin;
    declare(&s.f.app, a, s.m1, &away("01/03/2025"))
        .await
        .unwrap();
    grant_exemption(
        &s.f.app,
        a,
        s.m1,
        &exemption("01/03/2025", "01/03/2025", "31/08/2025"),
    )
    .await
    .unwrap();
    // Renewed without a gap: 11 months in all, still under 12.
    grant_exemption(
        &s.f.app,
        a,
        s.m1,
        &exemption("25/08/2025", "01/09/2025", "31/01/2026"),
    )
    .await
    .unwrap();
    // One more month makes the chain 12 months: refused, a transfer is proposed instead.
    let refused = grant_exemption(
        &s.f.app,
        a,
        s.m1,
        &exemption("20/01/2026", "01/02/2026", "28/02/2026"),
    )
    .await;
    match refused {
        Err(AppError::Refused(r)) => {
            assert_eq!((r.rule, r.code), ("AWY-01", "transfer_due"));
            assert!(r.message.contains("12"), "{}", r.message);
        }
        other => panic!("expected AWY-01 transfer_due, got {other:?}"),
    }
    // Ending before starting is refused too; nothing of either was written.
    assert!(matches!(
        grant_exemption(
            &s.f.app,
            a,
            s.m1,
            &exemption("20/01/2026", "01/03/2026", "01/02/2026")
        )
        .await,
        Err(AppError::Refused(r)) if r.code == "ends_before_start"
    ));
    let v = get(&s.f.app, a, s.m1, d(2025, 10, 1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.exemptions.len(), 2);
    assert!(!v.status.transfer_prompt);
    // A fresh exemption after a gap starts a new chain.
    grant_exemption(
        &s.f.app,
        a,
        s.m1,
        &exemption("01/03/2026", "01/03/2026", "31/05/2026"),
    )
    .await
    .unwrap();
    // Missing fields are named.
    assert_eq!(
        fields(grant_exemption(&s.f.app, a, s.m1, &ExemptionInput::default()).await),
        ["decided_on", "from", "until", "resolution_ref"]
    );
}

#[rstest]
#[tokio::test]
async fn awy_02_absences_while_away_without_exemption_are_unexcused_and_excused_once_exempted(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let s = setup(engine).await;
    let a = &s.f.admin;
    declare(&s.f.app, a, s.m1, &away("01/03/2025"))
        .await
        .unwrap();
    // Left without applying: absences count as unexcused.
    assert_eq!(
        status_on(&s, s.m1, d(2025, 4, 10)).await.absence,
        "unexcused"
    );
    assert_eq!(
        status_on(&s, s.m1, d(2025, 2, 10)).await.absence,
        "not_away"
    );
    grant_exemption(
        &s.f.app,
        a,
        s.m1,
        &exemption("28/04/2025", "01/05/2025", "31/10/2025"),
    )
    .await
    .unwrap();
    assert_eq!(
        status_on(&s, s.m1, d(2025, 5, 10)).await.absence,
        "excused_by_temporary_exemption"
    );
    // The months before the exemption stay unexcused.
    assert_eq!(
        status_on(&s, s.m1, d(2025, 4, 10)).await.absence,
        "unexcused"
    );
    assert_eq!(
        status_on(&s, s.m1, d(2025, 11, 10)).await.absence,
        "unexcused"
    );
}

#[rstest]
#[tokio::test]
async fn awy_03_the_renewal_is_due_6_months_on_and_is_tracked_with_the_monthly_contact(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let s = setup(engine).await;
    let a = &s.f.admin;
    declare(&s.f.app, a, s.m1, &away("15/01/2025"))
        .await
        .unwrap();
    grant_exemption(
        &s.f.app,
        a,
        s.m1,
        &exemption("15/01/2025", "15/01/2025", "31/10/2025"),
    )
    .await
    .unwrap();
    let st = status_on(&s, s.m1, d(2025, 6, 20)).await;
    assert_eq!(st.renewal_due_on, Some(d(2025, 7, 15)));
    assert_eq!(st.renewal_status, Some("not_yet_due"));
    assert_eq!(
        status_on(&s, s.m1, d(2025, 7, 1)).await.renewal_status,
        Some("due_soon")
    );
    assert_eq!(
        status_on(&s, s.m1, d(2025, 7, 20)).await.renewal_status,
        Some("overdue")
    );
    grant_exemption(
        &s.f.app,
        a,
        s.m1,
        &exemption("10/07/2025", "01/11/2025", "30/11/2025"),
    )
    .await
    .unwrap();
    assert_eq!(
        status_on(&s, s.m1, d(2025, 7, 20)).await.renewal_status,
        Some("on_time")
    );

    // The contact log: a bad entry names its fields; a good one is the last contact.
    let bad = ContactInput {
        on: "01/01/2025".into(),
        channel: "pigeon".into(),
        by_member_key: "nobody".into(),
        note: None,
    };
    assert_eq!(
        fields(log_contact(&s.f.app, a, s.m1, &bad).await),
        ["on", "channel", "by_member_key"]
    );
    log_contact(&s.f.app, a, s.m1, &call("10/03/2025"))
        .await
        .unwrap();
    let st = status_on(&s, s.m1, d(2025, 7, 15)).await;
    assert_eq!(st.last_contact, Some(d(2025, 3, 10)));
    assert_eq!(st.months_without_contact, 4);
    assert!(st.contact_lapsed);
    log_contact(&s.f.app, a, s.m1, &call("20/06/2025"))
        .await
        .unwrap();
    let v = get(&s.f.app, a, s.m1, d(2025, 7, 15))
        .await
        .unwrap()
        .unwrap();
    assert!(!v.status.contact_lapsed);
    assert_eq!(v.contacts.len(), 2);
    assert_eq!(v.contacts[0].contacted_on, d(2025, 6, 20), "latest first");
    assert_eq!(v.contacts[0].by_name, "Lê Văn Cường");
}

#[rstest]
#[tokio::test]
async fn awy_04_members_of_agencies_owe_residence_ties_unless_excepted(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let s = setup(engine).await;
    let a = &s.f.admin;
    let agency = AwayInput {
        work_kind: Some("agency".into()),
        ..away("01/03/2025")
    };
    declare(&s.f.app, a, s.m1, &agency).await.unwrap();
    let barracks = AwayInput {
        work_kind: Some("barracks".into()),
        ..away("01/03/2025")
    };
    declare(&s.f.app, a, s.m2, &barracks).await.unwrap();
    assert_eq!(
        status_on(&s, s.m1, d(2025, 4, 1)).await.residence_tie,
        "required"
    );
    assert_eq!(
        status_on(&s, s.m2, d(2025, 4, 1)).await.residence_tie,
        "excepted_barracks"
    );
    // A long study is excepted only with its months; they are asked for.
    let study = AwayInput {
        work_kind: Some("study".into()),
        ..away("01/03/2025")
    };
    assert_eq!(
        fields(update(&s.f.app, a, s.m2, &study).await),
        ["study_months"]
    );
    let study = AwayInput {
        study_months: Some("18".into()),
        ..study
    };
    update(&s.f.app, a, s.m2, &study).await.unwrap();
    assert_eq!(
        status_on(&s, s.m2, d(2025, 4, 1)).await.residence_tie,
        "excepted_long_study"
    );
    let short = AwayInput {
        study_months: Some("6".into()),
        ..study
    };
    update(&s.f.app, a, s.m2, &short).await.unwrap();
    assert_eq!(
        status_on(&s, s.m2, d(2025, 4, 1)).await.residence_tie,
        "required"
    );
}

#[rstest]
#[tokio::test]
async fn the_no_contact_list_shows_members_silent_for_longer_than_the_months_given(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let s = setup(engine).await;
    let a = &s.f.admin;
    assert_eq!(
        contact_gap_months(&s.f.app).await.unwrap(),
        WarningParams::default().contact_gap_months
    );
    for m in [s.m1, s.m2, s.other] {
        declare(&s.f.app, a, m, &away("01/01/2025")).await.unwrap();
    }
    // Four months ago, last month.
    log_contact(&s.f.app, a, s.m1, &call("10/03/2025"))
        .await
        .unwrap();
    log_contact(&s.f.app, a, s.m2, &call("20/06/2025"))
        .await
        .unwrap();
    let as_of = d(2025, 7, 15);
    let keys = |rows: Vec<chibo_app::away::AwayLine>| -> Vec<String> {
        rows.into_iter().map(|l| l.member_key).collect()
    };
    let sys = By::System("test");
    // m-9 in C2-G1 was never contacted: silent since leaving.
    assert_eq!(
        keys(no_contact(&s.f.app, sys, as_of, None, None).await.unwrap()),
        ["m-9", "m-1"]
    );
    assert_eq!(
        keys(
            no_contact(&s.f.app, sys, as_of, Some("C1-G1"), None)
                .await
                .unwrap()
        ),
        ["m-1"]
    );
    // A longer setting drops m-1 (4 months), a shorter one keeps m-2 out (contacted 25 days ago).
    assert_eq!(
        keys(
            no_contact(&s.f.app, sys, as_of, Some("C1-G1"), Some(5))
                .await
                .unwrap()
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        keys(
            no_contact(&s.f.app, sys, as_of, Some("C1-G1"), Some(0))
                .await
                .unwrap()
        ),
        ["m-1", "m-2"]
    );
    let csv = no_contact_csv(
        &no_contact(&s.f.app, sys, as_of, Some("C1-G1"), None)
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        csv,
        "member_key,full_name,unit_code,place,since,last_contact,months_without_contact\n\
         m-1,Nguyễn Văn An,C1-G1,\"KCN Sóng Thần, Dĩ An, Bình Dương\",2025-01-01,2025-03-10,4\n"
    );
    // The full list has everyone away, flagged or not.
    let all = list(&s.f.app, sys, as_of, Some("C1-G1"), None)
        .await
        .unwrap();
    let flags: Vec<(String, bool)> = all
        .into_iter()
        .map(|l| (l.member_key, l.status.contact_lapsed))
        .collect();
    assert_eq!(flags, [("m-1".to_owned(), true), ("m-2".to_owned(), false)]);
}

async fn secretary(s: &Setup, name: &str, unit: &str) -> Actor {
    s.f.user(name, "secretary", Some(unit), None).await
}

#[rstest]
#[tokio::test]
async fn a_secretary_of_another_cell_is_refused_every_working_away_step(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let s = setup(engine).await;
    let own = secretary(&s, "bithu1", "C1-G1").await;
    let stranger = secretary(&s, "bithu2", "C2-G1").await;
    let inspector = s.f.user("kiemtra", "inspector", Some("C1"), None).await;
    declare(&s.f.app, &own, s.m1, &away("01/03/2025"))
        .await
        .unwrap();
    let nf = |r: Result<(), AppError>| matches!(r, Err(AppError::NotFound));
    assert!(nf(declare(&s.f.app, &stranger, s.m2, &away("01/03/2025"))
        .await
        .map(|_| ())));
    assert!(nf(update(&s.f.app, &stranger, s.m1, &away("")).await));
    assert!(nf(log_contact(
        &s.f.app,
        &stranger,
        s.m1,
        &call("10/03/2025")
    )
    .await
    .map(|_| ())));
    assert!(nf(grant_exemption(
        &s.f.app,
        &stranger,
        s.m1,
        &exemption("01/03/2025", "01/03/2025", "31/05/2025")
    )
    .await
    .map(|_| ())));
    let back = EndInput {
        on: "01/06/2025".into(),
        decision_ref: None,
    };
    assert!(nf(end(&s.f.app, &stranger, s.m1, &back).await));
    assert!(nf(get(&s.f.app, &stranger, s.m1, d(2025, 4, 1))
        .await
        .map(|_| ())));
    assert!(matches!(
        list(
            &s.f.app,
            By::User(&stranger),
            d(2025, 4, 1),
            Some("C1-G1"),
            None
        )
        .await,
        Err(AppError::NoSuchReference { .. })
    ));
    // Their own list does not show the other cell's member.
    assert!(
        list(&s.f.app, By::User(&stranger), d(2025, 4, 1), None, None)
            .await
            .unwrap()
            .is_empty()
    );
    // The contact person must be in the caller's scope too.
    let foreign = AwayInput {
        contact_person_key: Some("m-9".into()),
        ..away("01/03/2025")
    };
    assert_eq!(
        fields(declare(&s.f.app, &own, s.m2, &foreign).await),
        ["contact_person_key"]
    );
    // An inspector sees, but may not write.
    assert!(matches!(
        log_contact(&s.f.app, &inspector, s.m1, &call("10/03/2025")).await,
        Err(AppError::Forbidden(_))
    ));
    assert_eq!(
        list(&s.f.app, By::User(&inspector), d(2025, 4, 1), None, None)
            .await
            .unwrap()
            .len(),
        1
    );
}

fn event(kind: &str, on: &str) -> chibo_app::members::EventInput {
    chibo_app::members::EventInput {
        kind: kind.into(),
        on: on.into(),
        ..chibo_app::members::EventInput::default()
    }
}

/// The registry stays the one source: a member recorded away through the event form gets the
/// record attached to that event; an end or a correction recorded there ends or removes it.
#[rstest]
#[tokio::test]
async fn the_record_follows_the_registry_events_however_they_were_recorded(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::members::{VoidInput, member_view, record_event, void_event};
    let s = setup(engine).await;
    let a = &s.f.admin;
    record_event(
        &s.f.app,
        a,
        s.m1,
        &event("working_away_start", "01/02/2025"),
    )
    .await
    .unwrap();
    declare(&s.f.app, a, s.m1, &away("01/03/2025"))
        .await
        .unwrap();
    let v = get(&s.f.app, a, s.m1, d(2025, 4, 1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        v.period.since,
        d(2025, 2, 1),
        "the event's day, not a second event"
    );
    let events = member_view(&s.f.app, a, s.m1).await.unwrap().events;
    let starts = events
        .iter()
        .filter(|e| e.row.kind == "working_away_start")
        .count();
    assert_eq!(starts, 1);
    // Back, recorded through the registry's event form: the record ends on that day.
    record_event(&s.f.app, a, s.m1, &event("working_away_end", "01/05/2025"))
        .await
        .unwrap();
    let v = get(&s.f.app, a, s.m1, d(2025, 6, 1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.period.ended_on, Some(d(2025, 5, 1)));
    let on = |day| list(&s.f.app, By::System("test"), day, Some("C1-G1"), None);
    assert_eq!(on(d(2025, 4, 1)).await.unwrap().len(), 1);
    assert!(on(d(2025, 6, 1)).await.unwrap().is_empty());

    // A declaration whose start event is then voided is gone.
    declare(&s.f.app, a, s.m2, &away("01/03/2025"))
        .await
        .unwrap();
    let start = member_view(&s.f.app, a, s.m2)
        .await
        .unwrap()
        .events
        .iter()
        .find(|e| e.row.kind == "working_away_start")
        .map(|e| e.row.id)
        .unwrap();
    void_event(
        &s.f.app,
        a,
        s.m2,
        chibo_domain::ids::EventId(start),
        &VoidInput::default(),
    )
    .await
    .unwrap();
    assert!(
        get(&s.f.app, a, s.m2, d(2025, 4, 1))
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        log_contact(&s.f.app, a, s.m2, &call("10/04/2025")).await,
        Err(AppError::Transition(TransitionError::NotWorkingAway))
    ));
}

/// ORG-07: the remote group, where the tree has it, is a party group of the caller's scope.
#[rstest]
#[tokio::test]
async fn the_remote_group_is_a_party_group_of_the_tree_or_a_name(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    use chibo_app::org::{CreateUnitInput, create_unit};
    let s = setup(engine).await;
    let a = &s.f.admin;
    for (code, parent) in [("C1-G1-X", "C1-G1"), ("C2-G1-X", "C2-G1")] {
        let input = CreateUnitInput {
            code: code.into(),
            name: "Tổ đảng làm ăn xa".into(),
            kind: "party_group".into(),
            parent_code: Some(parent.into()),
            admin_unit_code: None,
            valid_from: "01/01/2024".into(),
        };
        create_unit(&s.f.app, a, &input).await.unwrap();
    }
    let own = secretary(&s, "bithu1", "C1-G1").await;
    let in_group = |code: &str| AwayInput {
        remote_group_code: Some(code.into()),
        remote_group: None,
        ..away("01/03/2025")
    };
    assert_eq!(
        fields(declare(&s.f.app, &own, s.m1, &in_group("C1-G1")).await),
        ["remote_group_code"],
        "a cell is not a party group"
    );
    assert!(matches!(
        declare(&s.f.app, &own, s.m1, &in_group("C2-G1-X")).await,
        Err(AppError::NoSuchReference {
            field: "remote_group_code"
        })
    ));
    declare(&s.f.app, &own, s.m1, &in_group("C1-G1-X"))
        .await
        .unwrap();
    let lines = list(&s.f.app, By::User(&own), d(2025, 4, 1), None, None)
        .await
        .unwrap();
    assert_eq!(lines[0].remote_group.as_deref(), Some("C1-G1-X"));
}
