//! The access matrix: every page and API route, called as users of another unit and as each
//! role, is refused (403 or 404) without a trace of the other unit's personal data, and
//! changes nothing. Users of the unit itself get through, so the test can fail.

use axum::http::StatusCode;
use chibo_testkit::{Engine, Postgres, Sqlite};
use rstest::rstest;

use crate::client::{Client, SECRET_CITIZEN_ID, SECRET_NAME, World};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// About one record of unit C1: outsiders must be refused.
    Record,
    /// A list filtered by scope: outsiders get their own (empty) view, never C1's data.
    Listing,
    /// Administrators only (the working-day calendar): every other account is refused.
    Admin,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Body {
    None,
    Form(&'static [(&'static str, &'static str)]),
    Json(&'static str),
}

struct Route {
    method: &'static str,
    path: &'static str,
    body: Body,
    kind: Kind,
    /// Changes data (so insiders without the permission are refused too).
    write: bool,
}

const fn r(method: &'static str, path: &'static str, body: Body, kind: Kind, write: bool) -> Route {
    Route {
        method,
        path,
        body,
        kind,
        write,
    }
}

use Body as B;
use Kind::{Admin, Listing, Record};

/// `{m}` the secret member, `{e}` their first event, `{a}` C1's residential area, `{j}` an
/// import job of officer1's.
const ROUTES: &[Route] = &[
    r("GET", "/", B::None, Listing, false),
    r("GET", "/units", B::None, Listing, false),
    r(
        "GET",
        "/units/options?field=unit_code&unit_code=An",
        B::None,
        Listing,
        false,
    ),
    r("GET", "/members", B::None, Listing, false),
    r("GET", "/members?q=bi+mat", B::None, Listing, false),
    r("GET", "/members/new", B::None, Listing, true),
    r("GET", "/audit", B::None, Listing, false),
    r("GET", "/stats", B::None, Listing, false),
    r("GET", "/stats?unit=C1&by=unit,sex", B::None, Record, false),
    r("GET", "/api/v1/stats", B::None, Listing, false),
    r(
        "GET",
        "/api/v1/stats?unit=C1&by=unit&format=csv",
        B::None,
        Record,
        false,
    ),
    r("GET", "/deadlines", B::None, Listing, false),
    r(
        "GET",
        "/deadlines?as_of=01/12/2026",
        B::None,
        Listing,
        false,
    ),
    r("GET", "/deadlines?unit=C1", B::None, Record, false),
    r("GET", "/api/v1/deadlines", B::None, Listing, false),
    r(
        "GET",
        "/api/v1/deadlines?unit=C1-G1&format=csv",
        B::None,
        Record,
        false,
    ),
    r("GET", "/units/C1-G1", B::None, Record, false),
    r("GET", "/units/C1-G1?on=01/01/2020", B::None, Record, false),
    r("GET", "/units/C1/children", B::None, Record, false),
    r("GET", "/units/C1-G1/new", B::None, Record, true),
    r("GET", "/units/C1-G1/rename", B::None, Record, true),
    r("GET", "/units/C1-G1/move", B::None, Record, true),
    r("GET", "/units/C1-G1/merge", B::None, Record, true),
    r("GET", "/units/C1-G1/dissolve", B::None, Record, true),
    r("GET", "/units/C1/areas", B::None, Record, true),
    r("GET", "/members/{m}", B::None, Record, false),
    r("GET", "/members/{m}/edit", B::None, Record, true),
    r("GET", "/members/{m}/events", B::None, Record, true),
    r(
        "POST",
        "/units",
        B::Form(&[
            ("code", "X9"),
            ("name", "Chi bộ mới"),
            ("kind", "grassroots_cell"),
            ("parent_code", "C1"),
            ("valid_from", "01/01/2020"),
        ]),
        Record,
        true,
    ),
    r(
        "POST",
        "/units/C1-G1/rename",
        B::Form(&[("name", "Tên mới"), ("on", "01/01/2021")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/units/C1-G1/move",
        B::Form(&[("parent_code", "C2"), ("on", "01/01/2021")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/units/C1-G1/merge",
        B::Form(&[("into_code", "C2-G1"), ("on", "01/01/2021")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/units/C1-G1/dissolve",
        B::Form(&[("on", "01/01/2021")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/units/C1/areas",
        B::Form(&[("name", "Ấp Mới"), ("kind", "ap")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/units/C1/areas/{a}/cover",
        B::Form(&[("covering_unit_code", "")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members",
        B::Form(&[
            ("full_name", "Lê Văn Mới"),
            ("sex", "M"),
            ("birth_date", "01/01/1980"),
            ("cell_code", "C1-G1"),
            ("admitted_on", "01/01/2020"),
        ]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}",
        B::Form(&[
            ("full_name", "Tên Đổi"),
            ("sex", "F"),
            ("birth_date", "01/01/1970"),
        ]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/events",
        B::Form(&[("kind", "exempted"), ("on", "01/01/2021")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/events/{e}/void",
        B::Form(&[("reason", "x")]),
        Record,
        true,
    ),
    r("GET", "/admin/calendar", B::None, Admin, false),
    r("GET", "/admin/calendar?year=2025", B::None, Admin, false),
    r(
        "POST",
        "/admin/calendar",
        B::Form(&[
            ("date", "08/10/2025"),
            ("kind", "day_off"),
            ("name", "Nghỉ trái phép"),
        ]),
        Admin,
        true,
    ),
    r(
        "POST",
        "/admin/calendar/delete",
        B::Form(&[("date", "2025-09-02")]),
        Admin,
        true,
    ),
    r("GET", "/api/v1/calendar", B::None, Admin, false),
    r("GET", "/api/v1/calendar?year=2025", B::None, Admin, false),
    r(
        "PUT",
        "/api/v1/calendar/{date}",
        B::Json(r#"{"kind":"day_off","name":"Nghỉ trái phép"}"#),
        Admin,
        true,
    ),
    r(
        "DELETE",
        "/api/v1/calendar/{date}",
        B::Json("{}"),
        Admin,
        true,
    ),
    r("GET", "/targets", B::None, Listing, false),
    r("GET", "/targets?year=2025&unit=C1", B::None, Record, false),
    r("GET", "/api/v1/targets?year=2025", B::None, Listing, false),
    r(
        "GET",
        "/api/v1/targets?year=2025&unit=C1",
        B::None,
        Record,
        false,
    ),
    r(
        "GET",
        "/api/v1/targets/progress?year=2025",
        B::None,
        Listing,
        false,
    ),
    r(
        "GET",
        "/api/v1/targets/progress?year=2025&unit=C1",
        B::None,
        Record,
        false,
    ),
    r(
        "POST",
        "/targets",
        B::Form(&[("unit", "C1"), ("year", "2025"), ("count", "3")]),
        Record,
        true,
    ),
    r(
        "PUT",
        "/api/v1/targets",
        B::Json(r#"{"unit":"C1","year":2025,"count":3}"#),
        Record,
        true,
    ),
    r("GET", "/imports", B::None, Listing, true),
    r("POST", "/imports", B::Form(&[]), Listing, true),
    r("GET", "/imports/{j}", B::None, Record, false),
    r("GET", "/imports/{j}/progress", B::None, Record, false),
    r("GET", "/imports/{j}/errors.csv", B::None, Record, false),
    r("GET", "/units/C1-G1/export.zip", B::None, Record, false),
    r("GET", "/api/v1/export?unit=C1-G1", B::None, Record, false),
    r("GET", "/api/v1/units", B::None, Listing, false),
    r("GET", "/api/v1/members?q=bi+mat", B::None, Listing, false),
    r("GET", "/api/v1/search?q=bi+mat", B::None, Listing, false),
    r("GET", "/api/v1/units/C1-G1", B::None, Record, false),
    r("GET", "/api/v1/units/C1/children", B::None, Record, false),
    r("GET", "/api/v1/members/{m}", B::None, Record, false),
    r("GET", "/api/v1/members/{m}/events", B::None, Record, false),
    r(
        "POST",
        "/api/v1/units",
        B::Json(
            r#"{"code":"X9","name":"Chi bộ mới","kind":"grassroots_cell","parent_code":"C1","valid_from":"2020-01-01"}"#,
        ),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/units/C1-G1/rename",
        B::Json(r#"{"name":"Tên mới","on":"2021-01-01"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/units/C1-G1/move",
        B::Json(r#"{"parent_code":"C2","on":"2021-01-01"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/units/C1-G1/merge",
        B::Json(r#"{"into_code":"C2-G1","on":"2021-01-01"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/units/C1-G1/dissolve",
        B::Json(r#"{"on":"2021-01-01"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members",
        B::Json(
            r#"{"full_name":"Lê Văn Mới","sex":"M","birth_date":"1980-01-01","cell_code":"C1-G1","admitted_on":"2020-01-01"}"#,
        ),
        Record,
        true,
    ),
    r(
        "PUT",
        "/api/v1/members/{m}",
        B::Json(r#"{"full_name":"Tên Đổi","sex":"F","birth_date":"1970-01-01"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/events",
        B::Json(r#"{"kind":"exempted","on":"2021-01-01"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/events/{e}/void",
        B::Json(r#"{"reason":"x"}"#),
        Record,
        true,
    ),
    r("GET", "/fees", B::None, Listing, false),
    r(
        "GET",
        "/fees?unit=C1-G1&month=2026-03",
        B::None,
        Record,
        false,
    ),
    r("GET", "/fees?unit=C1&month=03/2026", B::None, Record, false),
    r(
        "GET",
        "/fees/sheet?unit=C1-G1&month=2026-03",
        B::None,
        Record,
        false,
    ),
    r("GET", "/members/{m}/fees", B::None, Record, false),
    r(
        "POST",
        "/fees/members/{m}/pay",
        B::Form(&[("unit", "C1-G1"), ("month", "2026-03"), ("amount", "5000")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/fees/remittances",
        B::Form(&[("unit", "C1-G1"), ("month", "2026-03"), ("amount", "5000")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/fees",
        B::Form(&[("category", "student"), ("category_from", "2026-03")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/fees/payments",
        B::Form(&[("from_month", "2026-03"), ("amount", "5000")]),
        Record,
        true,
    ),
    r(
        "GET",
        "/api/v1/fees/sheet?unit=C1-G1&month=2026-03",
        B::None,
        Record,
        false,
    ),
    r(
        "GET",
        "/api/v1/fees/totals?unit=C1&month=2026-03",
        B::None,
        Record,
        false,
    ),
    r("GET", "/api/v1/members/{m}/fees", B::None, Record, false),
    r(
        "PUT",
        "/api/v1/members/{m}/fees",
        B::Json(r#"{"category":"student","category_from":"2026-03"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/fees/payments",
        B::Json(r#"{"from_month":"2026-03","amount":5000}"#),
        Record,
        true,
    ),
    r("GET", "/api/v1/fees/rates", B::None, Listing, false),
    r(
        "PUT",
        "/api/v1/fees/rates/{key}",
        B::Json(r#"{"category":"other_uninsured","amount":3000}"#),
        Admin,
        true,
    ),
    r(
        "POST",
        "/api/v1/fees/remittances",
        B::Json(r#"{"unit":"C1-G1","month":"2026-03","amount":5000}"#),
        Record,
        true,
    ),
];

struct Ids {
    m: i64,
    e: i64,
    a: i64,
    j: i64,
}

fn path(route: &Route, ids: &Ids) -> String {
    route
        .path
        .replace("{m}", &ids.m.to_string())
        .replace("{e}", &ids.e.to_string())
        .replace("{a}", &ids.a.to_string())
        .replace("{j}", &ids.j.to_string())
        // The current fee regime, whose FEE-02 table a wrongly allowed write would fill.
        .replace("{key}", "qd_01_2026")
        // A shipped holiday (Quốc khánh), so a wrongly allowed write would show.
        .replace("{date}", "2025-09-02")
}

async fn call(c: &mut Client, route: &Route, ids: &Ids) -> crate::client::Response {
    let p = path(route, ids);
    match route.body {
        B::None => c.get(&p).await,
        B::Form(fields) => c.post(&p, fields).await,
        B::Json(text) => {
            c.json(route.method, &p, serde_json::from_str(text).unwrap(), None)
                .await
        }
    }
}

fn leaks(body: &str) -> bool {
    body.contains(SECRET_NAME) || body.contains(SECRET_CITIZEN_ID) || body.contains("Bí Mật")
}

async fn ids(w: &World) -> Ids {
    let admin = chibo_domain::access::Actor {
        user: chibo_domain::ids::UserId(1),
        username: "quantri".into(),
        role: chibo_domain::access::Role::Admin,
        scope: chibo_domain::access::Scope::Everything,
    };
    let v = chibo_app::members::member_view(
        &w.app,
        &admin,
        chibo_domain::ids::MemberId(w.secret_member),
    )
    .await
    .unwrap();
    let unit = chibo_app::org::unit_view(
        &w.app,
        &admin,
        "C1",
        chibo_app::clock::today(),
        chibo_app::Page::new(None, None),
    )
    .await
    .unwrap();
    Ids {
        m: w.secret_member,
        e: v.events[0].row.id,
        a: unit.areas[0].id,
        j: w.job,
    }
}

#[rstest]
#[tokio::test]
async fn users_of_another_unit_and_lesser_roles_are_refused_everywhere(
    #[values(Sqlite, Postgres)] engine: Engine,
) {
    let w = World::new(engine).await;
    chibo_app::setup::prepare(&w.app).await.unwrap();
    let ids = ids(&w).await;
    let mut failures = Vec::new();
    for username in [
        "officer2",
        "secretary2",
        "inspector2",
        "member2",
        "inspector1",
        "member1",
    ] {
        let mut c = w.signed_in(username).await;
        for route in ROUTES {
            // What this account may legitimately see of unit C1: an inspector of C1 reads it;
            // the secret member's own account reads their own record.
            let own = [
                "/members/{m}",
                "/api/v1/members/{m}",
                "/api/v1/members/{m}/events",
                "/members/{m}/fees",
                "/api/v1/members/{m}/fees",
            ]
            .contains(&route.path);
            let may_see = !route.write
                && match username {
                    "inspector1" => true,
                    "member1" => own || route.kind == Listing,
                    _ => false,
                };
            let res = call(&mut c, route, &ids).await;
            if leaks(&res.body) && !may_see {
                failures.push(format!(
                    "{username} {} {}: personal data in the body",
                    route.method, route.path
                ));
            }
            let refused = matches!(res.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND);
            let must_refuse = match route.kind {
                Record => !may_see,
                Admin => true,
                Listing => false,
            };
            if must_refuse && !refused {
                failures.push(format!(
                    "{username} {} {}: expected 403/404, got {}",
                    route.method, route.path, res.status
                ));
            }
            if res.status.is_server_error() {
                failures.push(format!(
                    "{username} {} {}: {}",
                    route.method, route.path, res.status
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access matrix failures:\n{}",
        failures.join("\n")
    );

    // Nothing was changed by any of it.
    let admin = w.signed_in("quantri").await;
    let mut admin = admin;
    let unit = admin.get("/api/v1/units/C1-G1").await;
    assert!(
        unit.body.contains("Chi bộ ấp An Lợi") && !unit.body.contains("Tên mới"),
        "{}",
        unit.body
    );
    let member = admin.get(&format!("/api/v1/members/{}", ids.m)).await;
    let v: serde_json::Value = serde_json::from_str(&member.body).unwrap();
    assert_eq!(v["full_name"], SECRET_NAME);
    assert_eq!(v["events"].as_array().unwrap().len(), 2);
    assert_eq!(v["exempted"], false);
    let calendar = chibo_app::calendar::working_calendar(&w.app).await.unwrap();
    assert_eq!(
        calendar,
        chibo_domain::calendar::shipped_calendar().unwrap()
    );
    let targets = chibo_app::targets::report(
        &w.app,
        chibo_app::audit::By::System("test"),
        2025,
        None,
        None,
    )
    .await
    .unwrap();
    assert!(targets.rows.iter().all(|r| r.target.is_none()));
    let fees = chibo_app::fees::member_fees(
        &w.app,
        &admin_actor(),
        chibo_domain::ids::MemberId(ids.m),
        None,
    )
    .await
    .unwrap();
    assert!(fees.category.is_none() && fees.payments.is_empty());
    let rates = chibo_app::fees::list_rates(&w.app, &admin_actor())
        .await
        .unwrap();
    assert!(rates.iter().all(|r| {
        r.flat_amount(chibo_domain::fees::FeeCategory::OtherUninsured)
            .is_none()
    }));
    let month = chibo_domain::month::YearMonth::new(2026, 3).unwrap();
    let totals = chibo_app::fees::unit_totals(&w.app, &admin_actor(), "C1", month)
        .await
        .unwrap();
    assert!(totals.children.iter().all(|c| c.remitted_dong == 0));
}

fn admin_actor() -> chibo_domain::access::Actor {
    chibo_domain::access::Actor {
        user: chibo_domain::ids::UserId(1),
        username: "quantri".into(),
        role: chibo_domain::access::Role::Admin,
        scope: chibo_domain::access::Scope::Everything,
    }
}

#[rstest]
#[tokio::test]
async fn users_of_the_unit_see_its_records(#[values(Sqlite)] engine: Engine) {
    let w = World::new(engine).await;
    let ids = ids(&w).await;
    let mut c = w.signed_in("officer1").await;
    for route in ROUTES
        .iter()
        .filter(|r| r.kind == Record && r.method == "GET")
    {
        let res = call(&mut c, route, &ids).await;
        // A finished job's progress answers 286, htmx's "stop polling".
        let ok = if route.path.ends_with("/progress") {
            StatusCode::from_u16(286).unwrap()
        } else {
            StatusCode::OK
        };
        assert_eq!(res.status, ok, "officer1 {} {}", route.method, route.path);
    }
    let own = w.signed_in("member1").await;
    let mut own = own;
    let res = own.get(&format!("/members/{}", ids.m)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains(SECRET_NAME));
}

#[tokio::test]
async fn anonymous_requests_go_to_login_or_get_401() {
    let w = World::new(Sqlite).await;
    let ids = ids(&w).await;
    let mut c = w.client();
    c.get("/login").await;
    for route in ROUTES {
        let res = call(&mut c, route, &ids).await;
        assert!(!leaks(&res.body), "{} {}", route.method, route.path);
        let ok = if route.path.starts_with("/api/") {
            res.status == StatusCode::UNAUTHORIZED
                && res.headers["content-type"] == "application/problem+json"
        } else {
            res.status == StatusCode::SEE_OTHER && res.location() == Some("/login")
        };
        assert!(
            ok,
            "anonymous {} {}: {}",
            route.method, route.path, res.status
        );
    }
}

/// Every route the router serves is in the matrix above.
#[test]
fn the_matrix_covers_every_route() {
    let pages = include_str!("../../src/pages/mod.rs");
    let mut missing = Vec::new();
    // Every `.route(` is followed by its path as the next string literal.
    for chunk in pages.split(".route(").skip(1) {
        let path = chunk.split('"').nth(1).unwrap();
        if path == "/login" || path == "/logout" {
            continue;
        }
        let placeholders = |p: &str, unit: &str| {
            p.replace("{code}", unit)
                .replace("{id}", "{m}")
                .replace("{event}", "{e}")
                .replace("{area}", "{a}")
        };
        let (pattern, alt) = (placeholders(path, "C1-G1"), placeholders(path, "C1"));
        let job = path.replace("{id}", "{j}");
        let covered = ROUTES.iter().any(|r| {
            let p = r.path.split('?').next().unwrap();
            p == pattern || p == alt || p == job
        });
        if !covered {
            missing.push(path.to_owned());
        }
    }
    let doc = chibo_web::api::openapi();
    for (p, item) in doc.paths.paths.iter() {
        let pattern = format!("/api/v1{}", p.trim_start_matches("/api/v1"))
            .replace("{code}", "C1-G1")
            .replace("{id}", "{m}")
            .replace("{event}", "{e}");
        let alt = pattern.replace("C1-G1", "C1");
        let methods = [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("DELETE", item.delete.is_some()),
        ];
        for (m, present) in methods {
            if present
                && !ROUTES.iter().any(|r| {
                    r.method == m
                        && (r.path.split('?').next() == Some(&pattern)
                            || r.path.split('?').next() == Some(&alt))
                })
            {
                missing.push(format!("{m} {p}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes missing from the access matrix: {missing:?}"
    );
}
