//! The pipeline board (issue 5, point 6): the candidates of a cell, or of every cell below a
//! committee, in a column per stage; scope-limited like every other read.

use chibo_app::AppError;
use chibo_app::candidates::{
    NewCandidateInput, StepInput, add_candidate, board, record_step, timeline,
};
use chibo_domain::access::Actor;
use chibo_domain::admission::Stage;
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite};
use rstest::rstest;

use crate::support::Fixture;

async fn listed(f: &Fixture, actor: &Actor, key: &str, name: &str, cell: &str) {
    add_candidate(
        &f.app,
        actor,
        &NewCandidateInput {
            candidate_key: Some(key.into()),
            cell_code: cell.into(),
            full_name: name.into(),
            sex: "F".into(),
            birth_date: "15/05/2000".into(),
            listed_on: "10/01/2025".into(),
            education: Some("upper_secondary".into()),
            ..NewCandidateInput::default()
        },
    )
    .await
    .unwrap();
}

async fn step(f: &Fixture, actor: &Actor, key: &str, stage: &str, on: &str) {
    let input = StepInput {
        stage: stage.into(),
        on: on.into(),
        ..StepInput::default()
    };
    record_step(&f.app, actor, key, &input).await.unwrap();
}

fn names(b: &chibo_app::candidates::Board, stage: Stage) -> Vec<(String, String)> {
    b.columns
        .iter()
        .find(|c| c.stage == stage)
        .unwrap()
        .cards
        .iter()
        .map(|c| (c.full_name.clone(), c.cell_code.clone()))
        .collect()
}

#[rstest]
#[case::sqlite(Sqlite)]
#[case::postgres(Postgres)]
#[tokio::test]
async fn adm_14_the_board_groups_a_subtrees_candidates_by_their_last_stage(#[case] engine: Engine) {
    let f = Fixture::new(engine).await;
    let officer = f.user("officer1", "officer", Some("C1"), None).await;
    listed(&f, &officer, "a", "Bùi Thị An", "C1-G1").await;
    listed(&f, &officer, "b", "Cao Văn Bình", "C1-G2").await;
    listed(&f, &officer, "c", "Đinh Thị Chi", "C1-G1").await;
    listed(&f, &f.admin, "x", "Hồ Văn Xa", "C2-G1").await;
    step(&f, &officer, "a", "awareness_class", "01/02/2025").await;
    step(&f, &officer, "a", "application", "01/03/2025").await;
    step(&f, &officer, "b", "awareness_class", "05/02/2025").await;

    let b = board(&f.app, &officer, Some("C1")).await.unwrap();
    assert_eq!(b.unit_code.as_deref(), Some("C1"));
    assert_eq!(
        b.columns.iter().map(|c| c.stage).collect::<Vec<_>>(),
        Stage::ALL
    );
    assert_eq!(
        names(&b, Stage::Outstanding),
        [("Đinh Thị Chi".to_owned(), "C1-G1".to_owned())]
    );
    assert_eq!(
        names(&b, Stage::AwarenessClass),
        [("Cao Văn Bình".to_owned(), "C1-G2".to_owned())]
    );
    assert_eq!(
        names(&b, Stage::Application),
        [("Bùi Thị An".to_owned(), "C1-G1".to_owned())]
    );
    let card = &b.columns[2].cards[0];
    assert_eq!(
        card.stage_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
    );
    assert_eq!(card.cell_name, "Chi bộ ấp An Lợi");
    assert_eq!(b.total(), 3, "C2's candidate is not on C1's board");

    // One cell only.
    let cell = board(&f.app, &officer, Some("C1-G2")).await.unwrap();
    assert_eq!(cell.total(), 1);
    // The caller's own scope when no unit is given; everything for an administrator.
    assert_eq!(board(&f.app, &officer, None).await.unwrap(), b);
    assert_eq!(board(&f.app, &f.admin, None).await.unwrap().total(), 4);
    // Another commune is not found, and members' accounts have no board.
    assert!(matches!(
        board(&f.app, &officer, Some("C2")).await,
        Err(AppError::NotFound)
    ));
    let secretary = f.user("bithu2", "secretary", Some("C2-G1"), None).await;
    assert_eq!(board(&f.app, &secretary, None).await.unwrap().total(), 1);
}

#[rstest]
#[case::sqlite(Sqlite)]
#[case::postgres(Postgres)]
#[tokio::test]
async fn adm_14_the_timeline_names_who_recorded_each_step(#[case] engine: Engine) {
    let f = Fixture::new(engine).await;
    let officer = f.user("officer1", "officer", Some("C1"), None).await;
    listed(&f, &f.admin, "a", "Bùi Thị An", "C1-G1").await;
    step(&f, &officer, "a", "awareness_class", "01/02/2025").await;
    let t = timeline(&f.app, &officer, "a").await.unwrap();
    let who: Vec<&str> = t
        .view
        .steps
        .iter()
        .map(|s| t.recorder(s.recorded_by))
        .collect();
    assert_eq!(who, ["Quản trị", "officer1"]);
    assert_eq!(t.view.next_stage, Some(Stage::Application));
    let outsider = f.user("officer2", "officer", Some("C2"), None).await;
    assert!(matches!(
        timeline(&f.app, &outsider, "a").await,
        Err(AppError::NotFound)
    ));
}

#[rstest]
#[case::sqlite(Sqlite)]
#[case::postgres(Postgres)]
#[tokio::test]
async fn adm_11_adm_13_the_board_shows_the_time_limit_of_the_next_step(#[case] engine: Engine) {
    use chibo_domain::admission::{AdmissionParams, admission_decision_due, ceremony_due};
    let f = Fixture::new(engine).await;
    chibo_app::setup::prepare(&f.app).await.unwrap();
    for (key, name) in [("sp-1", "Nguyễn Văn Một"), ("sp-2", "Trần Thị Hai")] {
        f.member(key, name, "C1-G1", "01/01/2010", Some("01/01/2011"))
            .await;
    }
    let a = &f.admin;
    listed(&f, a, "a", "Bùi Thị An", "C1-G1").await;
    let with = |stage: &str, on: &str, f: &dyn Fn(&mut StepInput)| {
        // Each step with its document, for a complete dossier (ADM-15).
        let mut s = StepInput {
            stage: stage.into(),
            on: on.into(),
            document_ref: Some(format!("VB-{stage}")),
            ..StepInput::default()
        };
        f(&mut s);
        s
    };
    let steps = [
        with("awareness_class", "01/02/2025", &|_| {}),
        with("application", "10/02/2025", &|_| {}),
        with("sponsors", "15/02/2025", &|s| {
            s.sponsors = ["sp-1", "sp-2"]
                .iter()
                .map(|k| chibo_app::candidates::SponsorInput {
                    member_key: (*k).into(),
                    together_since: "01/01/2020".into(),
                    replaces: None,
                })
                .collect();
        }),
        with("verified", "01/03/2025", &|s| {
            s.conclusion = Some("Đủ tiêu chuẩn.".into());
            s.comment_summary_ref = Some("5-KNĐ".into());
        }),
        with("cell_vote", "10/03/2025", &|s| {
            s.official_members = Some(10);
            s.approvals = Some(8);
        }),
    ];
    for s in &steps {
        record_step(&f.app, a, "a", s).await.unwrap();
    }
    let calendar = chibo_app::calendar::working_calendar(&f.app).await.unwrap();
    let params = AdmissionParams::default();
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let card = |b: &chibo_app::candidates::Board| {
        b.columns
            .iter()
            .flat_map(|c| &c.cards)
            .next()
            .cloned()
            .unwrap()
    };
    // After the cell's vote: the decision is due (ADM-11).
    let b = board(&f.app, a, Some("C1")).await.unwrap();
    let due = card(&b).deadline.unwrap();
    assert_eq!(
        (due.rule, due.stage, Some(due.due_on), due.status),
        (
            "ADM-11",
            Stage::Decided,
            admission_decision_due(d(2025, 3, 10), false, &calendar, &params),
            "overdue"
        )
    );
    assert_eq!(b.deadlines().len(), 1);
    assert_eq!(timeline(&f.app, a, "a").await.unwrap().deadline, Some(due));

    // After the decision, received later than signed: the ceremony is due (ADM-13).
    record_step(
        &f.app,
        a,
        "a",
        &with("committee_vote", "20/03/2025", &|s| {
            s.committee_size = Some(15);
            s.approvals = Some(10);
        }),
    )
    .await
    .unwrap();
    record_step(
        &f.app,
        a,
        "a",
        &with("decided", "01/04/2025", &|s| {
            s.document_ref = Some("12-QĐ/ĐU".into());
            s.received_on = Some("03/04/2025".into());
            s.deciding_body = Some("superior_standing_committee".into());
        }),
    )
    .await
    .unwrap();
    let due = card(&board(&f.app, a, Some("C1-G1")).await.unwrap())
        .deadline
        .unwrap();
    assert_eq!(
        (due.rule, due.stage, Some(due.due_on)),
        (
            "ADM-13",
            Stage::Ceremony,
            ceremony_due(d(2025, 4, 3), &calendar, &params)
        )
    );
    // After the ceremony nothing runs.
    record_step(&f.app, a, "a", &with("ceremony", "10/04/2025", &|_| {}))
        .await
        .unwrap();
    let b = board(&f.app, a, Some("C1")).await.unwrap();
    assert_eq!(card(&b).deadline, None);
    assert!(b.deadlines().is_empty());
    assert_eq!(b.columns[8].cards.len(), 1);
}
