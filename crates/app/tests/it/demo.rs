//! Demonstration data: written through the same projections, passes `chibo check`, and its
//! accounts work.

use chibo_app::audit::By;
use chibo_app::demo::{DEMO_PASSWORD, generate, write};
use chibo_app::users::login;
use chibo_app::{App, check, clock};
use chibo_domain::warning::{WarningLevel, WarningReason};
use chibo_storage::Engine;
use chibo_testkit::{Postgres, Sqlite, TestDb};
use chrono::Datelike;
use rstest::rstest;

#[rstest]
#[tokio::test]
async fn demo_data_is_consistent_and_its_accounts_log_in(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let db = TestDb::fresh(engine).await;
    let app = App::new(db.db.clone());
    let data = generate(400, 3, clock::today()).unwrap();
    let report = write(&app, &data).await.unwrap();
    assert_eq!(report.members, data.members.len());
    assert_eq!(report.logins.len(), 6);
    let result = check::check(&app).await.unwrap();
    assert!(
        result.ok(),
        "{:?}",
        &result.problems[..result.problems.len().min(5)]
    );
    for l in &report.logins {
        let ok = login(&app, &l.username, DEMO_PASSWORD, None).await;
        assert!(ok.is_ok(), "{}: {ok:?}", l.username);
    }
    // The secretary's board shows candidates, at more than one stage (ADM-14 order kept).
    let bithu = login(&app, "bithu", DEMO_PASSWORD, None)
        .await
        .unwrap()
        .actor;
    let board = chibo_app::candidates::board(&app, &bithu, None)
        .await
        .unwrap();
    assert!(board.unit_code.is_some());
    let filled: Vec<_> = board
        .columns
        .iter()
        .filter(|c| !c.cards.is_empty())
        .map(|c| c.stage)
        .collect();
    assert!(filled.len() >= 3, "{filled:?}");
    assert_eq!(board.total(), 5);
    // The secretary's cell has three past meetings with attendance taken.
    let actor = login(&app, "bithu", DEMO_PASSWORD, None)
        .await
        .unwrap()
        .actor;
    let today = clock::today();
    let mut held = Vec::new();
    for year in [today.year() - 1, today.year()] {
        let plan =
            chibo_app::meetings::year_plan(&app, &actor, &cell_code(&app, &actor).await, year)
                .await
                .unwrap();
        held.extend(plan.meetings);
    }
    assert_eq!(held.len(), 3);
    assert!(held.iter().all(|m| m.attendance_taken && m.base > 0));
    // The last one lasted 80 minutes: not good quality.
    assert!(!held[2].quality.good);

    // The cell's party life shows on the secretary's lists (issue 6): the letter never
    // presented is overdue in transit, the member away is out of contact, unpaid and absent
    // three months (removal review), and another member owes two months (warning).
    let by = By::User(&actor);
    let transit = chibo_app::transfers::in_transit(&app, by, today, None)
        .await
        .unwrap();
    assert_eq!(transit.len(), 1, "{transit:?}");
    assert!(transit[0].overdue && transit[0].outside);
    let away = chibo_app::away::list(&app, by, today, None, None)
        .await
        .unwrap();
    assert_eq!(away.len(), 1);
    assert!(away[0].status.contact_lapsed, "{:?}", away[0].status);
    let warnings = chibo_app::warnings::list(&app, by, today, None)
        .await
        .unwrap();
    let of = |key: &str, reason: WarningReason| {
        warnings
            .iter()
            .find(|w| w.member_key == key && w.reason == reason)
            .map(|w| (w.count, w.level))
    };
    let away_key = &away[0].member_key;
    assert_eq!(
        of(away_key, WarningReason::UnexcusedAbsence),
        Some((3, WarningLevel::RemovalReview))
    );
    assert_eq!(
        of(away_key, WarningReason::NoContact).map(|(_, l)| l),
        Some(WarningLevel::Warning)
    );
    assert!(
        warnings.iter().any(|w| &w.member_key != away_key
            && w.reason == WarningReason::UnpaidFees
            && w.level == WarningLevel::Warning),
        "{warnings:?}"
    );
}

#[tokio::test]
async fn adm_14_demo_candidates_are_the_same_for_the_same_seed_and_day() {
    let mut boards = Vec::new();
    for _ in 0..2 {
        let db = TestDb::fresh(Sqlite).await;
        let app = App::new(db.db.clone());
        let data = generate(200, 7, clock::today()).unwrap();
        write(&app, &data).await.unwrap();
        let bithu = login(&app, "bithu", DEMO_PASSWORD, None)
            .await
            .unwrap()
            .actor;
        let board = chibo_app::candidates::board(&app, &bithu, None)
            .await
            .unwrap();
        boards.push(board);
    }
    assert_eq!(boards[0], boards[1]);
    assert!(boards[0].total() > 0);
}

async fn cell_code(app: &App, actor: &chibo_domain::access::Actor) -> String {
    chibo_app::meetings::compliance(app, actor, None, clock::today().year())
        .await
        .unwrap()
        .unit_code
}
