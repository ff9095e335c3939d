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
/// import job of officer1's, `{k}` the secret candidate of C1-G1.
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
    r("GET", "/warnings", B::None, Listing, false),
    r("GET", "/warnings?as_of=01/12/2026", B::None, Listing, false),
    r("GET", "/warnings?unit=C1", B::None, Record, false),
    r("GET", "/api/v1/warnings", B::None, Listing, false),
    r(
        "GET",
        "/api/v1/warnings?unit=C1-G1&format=csv",
        B::None,
        Record,
        false,
    ),
    r("GET", "/screening", B::None, Listing, false),
    r(
        "GET",
        "/screening?as_of=01/12/2026",
        B::None,
        Listing,
        false,
    ),
    r("GET", "/screening?unit=C1", B::None, Record, false),
    r("GET", "/api/v1/screening", B::None, Listing, false),
    r(
        "GET",
        "/api/v1/screening?unit=C1-G1&format=csv",
        B::None,
        Record,
        false,
    ),
    r("GET", "/members/{m}/screening/flag", B::None, Record, true),
    r("GET", "/members/{m}/screening/help", B::None, Record, true),
    r(
        "GET",
        "/members/{m}/screening/review",
        B::None,
        Record,
        true,
    ),
    r(
        "GET",
        "/members/{m}/screening/removal",
        B::None,
        Record,
        true,
    ),
    r("GET", "/members/{m}/discipline", B::None, Record, true),
    r(
        "POST",
        "/members/{m}/screening/flag",
        B::Form(&[
            ("on", "01/06/2024"),
            ("official_members", "10"),
            ("approvals", "9"),
            ("method", "secret_ballot"),
        ]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/screening/help",
        B::Form(&[("on", "02/06/2024"), ("responsible_member", "Lê Văn An")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/screening/review",
        B::Form(&[("on", "03/06/2025"), ("progress", "false")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/screening/removal",
        B::Form(&[("on", "04/06/2025"), ("decision_ref", "1-QĐ")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/discipline",
        B::Form(&[
            ("kind", "reprimand"),
            ("decided_on", "01/06/2025"),
            ("decision_ref", "1-QĐ"),
        ]),
        Record,
        true,
    ),
    r(
        "GET",
        "/api/v1/members/{m}/screening",
        B::None,
        Record,
        false,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/screening/steps",
        B::Json(
            r#"{"kind":"flagged","on":"2024-06-01","official_members":10,"approvals":9,"method":"secret_ballot"}"#,
        ),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/screening/removal",
        B::Json(r#"{"on":"2025-06-04","decision_ref":"1-QĐ"}"#),
        Record,
        true,
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
        "GET",
        "/members/{m}/recognition/review",
        B::None,
        Record,
        true,
    ),
    r(
        "GET",
        "/members/{m}/recognition/decision",
        B::None,
        Record,
        true,
    ),
    r("GET", "/members/{m}/removal", B::None, Record, true),
    r("GET", "/members/{m}/complaints", B::None, Record, true),
    r("GET", "/members/{m}/leave", B::None, Record, true),
    r("GET", "/removals", B::None, Listing, false),
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
    r(
        "POST",
        "/members/{m}/recognition/review",
        B::Form(&[
            ("on", "01/06/2021"),
            ("official_members", "10"),
            ("for_recognition", "9"),
        ]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/removal?step=opened",
        B::Form(&[("on", "01/06/2025"), ("ground", "abandoned_activity")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/complaints?step=decision_received",
        B::Form(&[("on", "01/06/2025"), ("removal_case", "1")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/leave?step=requested",
        B::Form(&[("on", "01/06/2025"), ("reasons", "Lý do riêng")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/recognition/decision",
        B::Form(&[
            ("on", "01/07/2021"),
            ("document_ref", "1-QĐ"),
            ("decision", "recognized"),
            ("deciding_body", "grassroots_committee"),
        ]),
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
    r("GET", "/settings", B::None, Admin, false),
    r("GET", "/settings?on=01/01/2026", B::None, Admin, false),
    r(
        "POST",
        "/settings",
        B::Form(&[
            ("key", "ceremony_wd"),
            ("value", "20"),
            ("valid_from", "01/01/2026"),
        ]),
        Admin,
        true,
    ),
    r("GET", "/api/v1/settings", B::None, Admin, false),
    r(
        "GET",
        "/api/v1/settings?on=2026-01-01",
        B::None,
        Admin,
        false,
    ),
    r(
        "POST",
        "/api/v1/settings",
        B::Json(r#"{"key":"ceremony_wd","value":"20","valid_from":"2026-01-01"}"#),
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
    r("GET", "/candidates", B::None, Listing, false),
    r("GET", "/candidates?unit=C1", B::None, Record, false),
    r("GET", "/candidates?unit=C1-G1", B::None, Record, false),
    r("GET", "/candidates/new", B::None, Listing, true),
    r("GET", "/candidates/{k}", B::None, Record, false),
    r(
        "POST",
        "/candidates",
        B::Form(&[
            ("full_name", "Lê Văn Mới"),
            ("sex", "M"),
            ("birth_date", "01/01/2000"),
            ("cell_code", "C1-G1"),
            ("listed_on", "01/01/2025"),
        ]),
        Record,
        true,
    ),
    r(
        "POST",
        "/candidates/{k}/steps",
        B::Form(&[("stage", "awareness_class"), ("on", "01/02/2025")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/candidates/{k}/education",
        B::Form(&[("education", "upper_secondary")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/candidates/{k}/documents",
        B::Form(&[
            ("item", "application"),
            ("dossier_document_ref", "1-KNĐ"),
            ("dated_on", "01/03/2025"),
        ]),
        Record,
        true,
    ),
    r("GET", "/api/v1/candidates", B::None, Listing, false),
    r(
        "GET",
        "/api/v1/candidates?unit=C1-G1",
        B::None,
        Record,
        false,
    ),
    r("GET", "/api/v1/candidates/{k}", B::None, Record, false),
    r(
        "POST",
        "/api/v1/candidates",
        B::Json(
            r#"{"full_name":"Lê Văn Mới","sex":"M","birth_date":"2000-01-01","cell_code":"C1-G1","listed_on":"2025-01-01"}"#,
        ),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/candidates/{k}/steps",
        B::Json(r#"{"stage":"awareness_class","on":"2025-02-01"}"#),
        Record,
        true,
    ),
    r(
        "PUT",
        "/api/v1/candidates/{k}/education",
        B::Json(r#"{"education":"upper_secondary"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/candidates/{k}/documents",
        B::Json(r#"{"item":"application","document_ref":"1-KNĐ","dated_on":"2025-03-01"}"#),
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
        "GET",
        "/api/v1/members/{m}/recognition",
        B::None,
        Record,
        false,
    ),
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
    r(
        "GET",
        "/api/v1/members/{m}/discipline",
        B::None,
        Record,
        false,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/discipline",
        B::Json(r#"{"kind":"reprimand","decided_on":"2025-06-01","decision_ref":"1-QĐ"}"#),
        Record,
        true,
    ),
    // Removal of name, complaints and leaving on request (REM-05 to REM-08).
    r("GET", "/api/v1/members/{m}/removal", B::None, Record, false),
    r(
        "POST",
        "/api/v1/members/{m}/removal",
        B::Json(r#"{"step":"opened","on":"2025-06-01","ground":"abandoned_activity"}"#),
        Record,
        true,
    ),
    r(
        "GET",
        "/api/v1/members/{m}/complaints",
        B::None,
        Record,
        false,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/complaints",
        B::Json(r#"{"step":"decision_received","on":"2025-06-01","removal_case":1}"#),
        Record,
        true,
    ),
    r("GET", "/api/v1/members/{m}/leave", B::None, Record, false),
    r(
        "POST",
        "/api/v1/members/{m}/leave",
        B::Json(r#"{"step":"requested","on":"2025-06-01","reasons":"Lý do riêng"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/recognition/review",
        B::Json(r#"{"on":"2021-06-01","official_members":10,"for_recognition":9}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/recognition/decision",
        B::Json(
            r#"{"on":"2021-07-01","document_ref":"1-QĐ","decision":"recognized","deciding_body":"grassroots_committee"}"#,
        ),
        Record,
        true,
    ),
    // Transfers and exemptions (issue 6). `{l}` a letter from C2-G1 to C1-G1 (received by
    // C1), `{o}` a letter from C1-G1 to outside the registry, `{t}` a temporary transfer and
    // `{x}` an exemption of a C1-G1 member.
    r("GET", "/transfers", B::None, Listing, false),
    r("GET", "/transfers?unit=C1", B::None, Record, false),
    r("GET", "/transfers/incoming", B::None, Listing, true),
    r("GET", "/transfers/{l}/present", B::None, Listing, true),
    r(
        "POST",
        "/transfers/{l}/present",
        B::Form(&[("presented_on", "01/12/2025"), ("late_explanation", "x")]),
        Record,
        true,
    ),
    r("GET", "/transfers/{o}/confirm", B::None, Listing, true),
    r(
        "POST",
        "/transfers/{o}/confirm",
        B::Form(&[("confirmed_on", "01/12/2025"), ("confirmation_ref", "x")]),
        Record,
        true,
    ),
    r("GET", "/members/{m}/transfer", B::None, Listing, true),
    r(
        "POST",
        "/members/{m}/transfer",
        B::Form(&[
            ("letter_number", "9/GGT"),
            ("issued_on", "01/12/2025"),
            ("to_unit_code", "C2-G1"),
            ("fees_paid_through", "11/2025"),
            ("card_number", "12.345678"),
            ("biography_number", "1"),
            ("cell_register_number", "1"),
            ("transfer_register_number", "1"),
            ("addressee", "x"),
        ]),
        Record,
        true,
    ),
    r("GET", "/members/{m}/temporary", B::None, Listing, true),
    r(
        "POST",
        "/members/{m}/temporary",
        B::Form(&[
            ("letter_number", "9/TT"),
            ("host_unit_code", "C2-G1"),
            ("reason", "move"),
            ("from", "01/09/2025"),
            ("until", "31/12/2025"),
        ]),
        Record,
        true,
    ),
    r("GET", "/temporary/{t}/renew", B::None, Listing, true),
    r(
        "POST",
        "/temporary/{t}/renew",
        B::Form(&[("decided_on", "01/12/2025"), ("until", "31/05/2026")]),
        Record,
        true,
    ),
    r("GET", "/temporary/{t}/return", B::None, Listing, true),
    r(
        "POST",
        "/temporary/{t}/return",
        B::Form(&[("returned_on", "01/12/2025")]),
        Record,
        true,
    ),
    r("GET", "/members/{m}/exemption", B::None, Listing, true),
    r(
        "POST",
        "/members/{m}/exemption",
        B::Form(&[
            ("requested_on", "01/11/2025"),
            ("treatment_months", "6"),
            ("has_medical_records", "false"),
            ("resolution_ref", "1-NQ"),
            ("resolution_on", "01/12/2025"),
            ("from", "01/12/2025"),
        ]),
        Record,
        true,
    ),
    r("GET", "/exemptions/{x}/renew", B::None, Listing, true),
    r(
        "POST",
        "/exemptions/{x}/renew",
        B::Form(&[("resolution_ref", "2-NQ"), ("decided_on", "01/12/2025")]),
        Record,
        true,
    ),
    r("GET", "/exemptions/{x}/resume", B::None, Listing, true),
    r(
        "POST",
        "/exemptions/{x}/resume",
        B::Form(&[
            ("resumed_on", "01/12/2025"),
            ("requested_by_member", "true"),
        ]),
        Record,
        true,
    ),
    r(
        "GET",
        "/api/v1/transfers/in-transit",
        B::None,
        Listing,
        false,
    ),
    r(
        "GET",
        "/api/v1/transfers/in-transit?unit=C1&format=csv",
        B::None,
        Record,
        false,
    ),
    r("GET", "/api/v1/transfers/incoming", B::None, Listing, false),
    r(
        "GET",
        "/api/v1/transfers/temporary",
        B::None,
        Listing,
        false,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/transfers",
        B::Json(
            r#"{"letter_number":"9/GGT","issued_on":"2025-12-01","to_unit_code":"C2-G1","fees_paid_through":"2025-11","card_number":"12.345678","biography_number":"1","cell_register_number":"1","transfer_register_number":"1","addressee":"x"}"#,
        ),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/transfers/{l}/present",
        B::Json(r#"{"presented_on":"2025-12-01","late_explanation":"x"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/transfers/{o}/confirm",
        B::Json(r#"{"confirmed_on":"2025-12-01","confirmation_ref":"x"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/temporary-transfers",
        B::Json(
            r#"{"letter_number":"9/TT","host_unit_code":"C2-G1","reason":"move","from":"2025-09-01","until":"2025-12-31"}"#,
        ),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/transfers/temporary/{t}/renew",
        B::Json(r#"{"decided_on":"2025-12-01","until":"2026-05-31"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/transfers/temporary/{t}/return",
        B::Json(r#"{"returned_on":"2025-12-01"}"#),
        Record,
        true,
    ),
    r(
        "GET",
        "/api/v1/members/{m}/exemptions",
        B::None,
        Record,
        false,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/exemptions",
        B::Json(
            r#"{"requested_on":"2025-11-01","treatment_months":"6","resolution_ref":"1-NQ","resolution_on":"2025-12-01","from":"2025-12-01"}"#,
        ),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/exemptions/{x}/renew",
        B::Json(r#"{"resolution_ref":"2-NQ","decided_on":"2025-12-01"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/exemptions/{x}/resume",
        B::Json(r#"{"resumed_on":"2025-12-01","requested_by_member":true}"#),
        Record,
        true,
    ),
    r("GET", "/meetings", B::None, Listing, false),
    r(
        "GET",
        "/meetings?unit=C1-G1&year=2025",
        B::None,
        Record,
        false,
    ),
    r("GET", "/meetings?unit=C1", B::None, Record, false),
    r("GET", "/meetings/new", B::None, Listing, true),
    r("GET", "/meetings/new?unit=C1-G1", B::None, Record, true),
    r(
        "POST",
        "/meetings",
        B::Form(&[
            ("cell", "C1-G1"),
            ("kind", "regular"),
            ("held_on", "01/03/2025"),
            ("duration_minutes", "120"),
            ("agenda", "Họp trái phép"),
        ]),
        Record,
        true,
    ),
    r("GET", "/meetings/{g}", B::None, Record, false),
    r("GET", "/meetings/{g}/edit", B::None, Record, true),
    r(
        "POST",
        "/meetings/{g}/edit",
        B::Form(&[("kind", "regular"), ("duration_minutes", "5")]),
        Record,
        true,
    ),
    r("GET", "/meetings/{g}/attendance", B::None, Record, true),
    r(
        "POST",
        "/meetings/{g}/attendance",
        B::Form(&[("all_present", "1")]),
        Record,
        true,
    ),
    r(
        "GET",
        "/api/v1/meetings?unit=C1-G1&year=2025",
        B::None,
        Record,
        false,
    ),
    r(
        "POST",
        "/api/v1/meetings",
        B::Json(
            r#"{"cell":"C1-G1","kind":"regular","held_on":"2025-03-01","duration_minutes":120,"agenda":["x"]}"#,
        ),
        Record,
        true,
    ),
    r("GET", "/api/v1/meetings/{g}", B::None, Record, false),
    r(
        "PUT",
        "/api/v1/meetings/{g}",
        B::Json(r#"{"kind":"regular","held_on":"2025-03-01","duration_minutes":5,"agenda":["x"]}"#),
        Record,
        true,
    ),
    r(
        "PUT",
        "/api/v1/meetings/{g}/attendance",
        B::Json(r#"{"lines":[]}"#),
        Record,
        true,
    ),
    r(
        "GET",
        "/api/v1/meetings/compliance",
        B::None,
        Listing,
        false,
    ),
    r(
        "GET",
        "/api/v1/meetings/compliance?unit=C1&year=2025",
        B::None,
        Record,
        false,
    ),
    // Members working away.
    r("GET", "/away", B::None, Listing, false),
    r("GET", "/away?unit=C1", B::None, Record, false),
    r("GET", "/members/{m}/away", B::None, Record, true),
    r("GET", "/members/{m}/away/edit", B::None, Record, true),
    r("GET", "/members/{m}/away/end", B::None, Record, true),
    r("GET", "/members/{m}/away/contacts", B::None, Record, true),
    r("GET", "/members/{m}/away/exemptions", B::None, Record, true),
    r(
        "POST",
        "/members/{m}/away",
        B::Form(&[("since", "01/03/2025"), ("place", "Bình Dương")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/away/edit",
        B::Form(&[("place", "Bình Dương")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/away/end",
        B::Form(&[("on", "01/06/2025")]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/away/contacts",
        B::Form(&[
            ("on", "01/04/2025"),
            ("channel", "phone"),
            ("by_member_key", "x"),
        ]),
        Record,
        true,
    ),
    r(
        "POST",
        "/members/{m}/away/exemptions",
        B::Form(&[
            ("decided_on", "01/03/2025"),
            ("from", "01/03/2025"),
            ("until", "31/05/2025"),
            ("resolution_ref", "NQ 1"),
        ]),
        Record,
        true,
    ),
    r("GET", "/api/v1/away", B::None, Listing, false),
    r("GET", "/api/v1/away?unit=C1", B::None, Record, false),
    r(
        "GET",
        "/api/v1/away?unit=C1&no_contact_months=3",
        B::None,
        Record,
        false,
    ),
    r("GET", "/api/v1/members/{m}/away", B::None, Record, false),
    r(
        "POST",
        "/api/v1/members/{m}/away",
        B::Json(r#"{"since":"2025-03-01","place":"Bình Dương"}"#),
        Record,
        true,
    ),
    r(
        "PUT",
        "/api/v1/members/{m}/away",
        B::Json(r#"{"place":"Bình Dương"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/away/end",
        B::Json(r#"{"on":"2025-06-01"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/away/contacts",
        B::Json(r#"{"on":"2025-04-01","channel":"phone","by_member_key":"x"}"#),
        Record,
        true,
    ),
    r(
        "POST",
        "/api/v1/members/{m}/away/exemptions",
        B::Json(
            r#"{"decided_on":"2025-03-01","from":"2025-03-01","until":"2025-05-31","resolution_ref":"NQ 1"}"#,
        ),
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
    /// A meeting of C1-G1 chaired by the secret member.
    g: i64,
    e: i64,
    a: i64,
    j: i64,
    l: i64,
    o: i64,
    t: i64,
    x: i64,
    k: String,
}

fn path(route: &Route, ids: &Ids) -> String {
    route
        .path
        .replace("{m}", &ids.m.to_string())
        .replace("{e}", &ids.e.to_string())
        .replace("{a}", &ids.a.to_string())
        .replace("{l}", &ids.l.to_string())
        .replace("{o}", &ids.o.to_string())
        .replace("{t}", &ids.t.to_string())
        .replace("{x}", &ids.x.to_string())
        .replace("{j}", &ids.j.to_string())
        .replace("{g}", &ids.g.to_string())
        .replace("{k}", &ids.k)
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
    // A candidate of C1-G1 named like the secret member, so a leak of it shows.
    let k = match chibo_app::candidates::add_candidate(
        &w.app,
        &admin,
        &chibo_app::candidates::NewCandidateInput {
            candidate_key: Some("secret-candidate".into()),
            cell_code: "C1-G1".into(),
            full_name: "Trần Thị Bí Mật".into(),
            sex: "F".into(),
            birth_date: "01/01/2000".into(),
            listed_on: "01/01/2025".into(),
            ..Default::default()
        },
    )
    .await
    {
        Ok(k) => k,
        // Called twice on one world: the candidate is there already.
        Err(chibo_app::AppError::Invalid(_)) => "secret-candidate".to_owned(),
        Err(e) => panic!("{e}"),
    };
    let papers = transfer_papers(w, &admin).await;
    let g = chibo_app::meetings::create(
        &w.app,
        &admin,
        &chibo_app::meetings::MeetingInput {
            cell: "C1-G1".into(),
            kind: "regular".into(),
            held_on: chibo_app::clock::today().format("%d/%m/%Y").to_string(),
            duration_minutes: "120".into(),
            chair: Some(w.secret_member.to_string()),
            recorder: Some(w.secret_member.to_string()),
            agenda: "Sinh hoạt thường kỳ".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    Ids {
        m: w.secret_member,
        g,
        e: v.events[0].row.id,
        a: unit.areas[0].id,
        j: w.job,
        l: papers.0,
        o: papers.1,
        t: papers.2,
        x: papers.3,
        k,
    }
}

/// Transfer papers of two further members, written through the services: a letter from
/// C2-G1 to C1-G1 (C1 receives it), and for a C1-G1 member an exemption, a temporary transfer
/// to C2-G1 and then a letter to an organisation outside the registry (C1 confirms it).
async fn transfer_papers(w: &World, admin: &chibo_domain::access::Actor) -> (i64, i64, i64, i64) {
    use chibo_app::members::{NewMemberInput, add_member};
    use chibo_app::transfers::{IssueInput, TemporaryInput, issue_letter, start_temporary};
    let member = |key: &str, name: &str, cell: &str| NewMemberInput {
        profile: chibo_domain::person::ProfileInput {
            full_name: Some(name.into()),
            sex: Some("M".into()),
            birth_date: Some("01/01/1960".into()),
            ..Default::default()
        },
        member_key: Some(key.into()),
        cell_code: cell.into(),
        admitted_on: "01/02/2000".into(),
        recognized_on: Some("01/02/2001".into()),
        ..NewMemberInput::default()
    };
    let letter = |number: &str, on: &str| IssueInput {
        letter_number: number.into(),
        issued_on: on.into(),
        fees_paid_through: Some("10/2025".into()),
        card_number: Some("12.345678".into()),
        biography_number: Some("1".into()),
        cell_register_number: Some("1".into()),
        transfer_register_number: Some("1".into()),
        addressee: Some("Nơi nhận".into()),
        ..IssueInput::default()
    };
    let incoming = add_member(&w.app, admin, &member("den-c1", "Lê Văn Đến", "C2-G1"))
        .await
        .unwrap();
    issue_letter(
        &w.app,
        admin,
        incoming,
        &IssueInput {
            to_unit_code: Some("C1-G1".into()),
            ..letter("1/GGT", "03/11/2025")
        },
    )
    .await
    .unwrap();
    let l = chibo_app::transfers::of_member(&w.app, admin, incoming)
        .await
        .unwrap()
        .letters[0]
        .id;
    let local = add_member(&w.app, admin, &member("di-c1", "Phạm Văn Đi", "C1-G1"))
        .await
        .unwrap();
    let x = chibo_app::exemptions::decide(
        &w.app,
        admin,
        local,
        &chibo_app::exemptions::DecideInput {
            requested_on: Some("01/09/2025".into()),
            resolution_ref: "3-NQ/CB".into(),
            resolution_on: "01/10/2025".into(),
            from: "01/10/2025".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let t = start_temporary(
        &w.app,
        admin,
        local,
        &TemporaryInput {
            letter_number: "2/TT".into(),
            host_unit_code: "C2-G1".into(),
            reason: "move".into(),
            from: "01/09/2025".into(),
            until: "31/03/2026".into(),
        },
    )
    .await
    .unwrap();
    issue_letter(
        &w.app,
        admin,
        local,
        &IssueInput {
            to_outside: Some("Đảng bộ Quân sự tỉnh".into()),
            ..letter("3/GGT", "10/11/2025")
        },
    )
    .await
    .unwrap();
    let o = chibo_app::transfers::of_member(&w.app, admin, local)
        .await
        .unwrap()
        .letters
        .iter()
        .find(|l| l.to_outside.is_some())
        .unwrap()
        .id;
    (l, o, t, x)
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
                "/api/v1/members/{m}/recognition",
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
    let rule_versions =
        chibo_app::settings::history(&w.app, chibo_app::audit::By::System("test"), None)
            .await
            .unwrap();
    assert!(rule_versions.is_empty(), "{rule_versions:?}");
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
    let admin_actor = admin_actor();
    let meeting = chibo_app::meetings::get(&w.app, &admin_actor, ids.g)
        .await
        .unwrap();
    assert!(!meeting.attendance_taken);
    assert_eq!(meeting.meeting.duration_minutes, 120);
    let plan = chibo_app::meetings::year_plan(&w.app, &admin_actor, "C1-G1", 2025)
        .await
        .unwrap();
    assert!(
        plan.meetings.is_empty(),
        "a meeting was recorded by an outsider"
    );
    let board = admin.get("/api/v1/candidates?unit=C1").await;
    let v: serde_json::Value = serde_json::from_str(&board.body).unwrap();
    let cards: Vec<&serde_json::Value> = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["candidates"].as_array().unwrap())
        .collect();
    assert_eq!(cards.len(), 1, "{}", board.body);
    assert_eq!(v["columns"][0]["candidates"][0]["candidate_key"], ids.k);
    // Members working away.
    let away = chibo_app::away::get(
        &w.app,
        &admin_actor,
        chibo_domain::ids::MemberId(ids.m),
        chibo_app::clock::today(),
    )
    .await
    .unwrap();
    assert!(away.is_none(), "no working-away record was written");
    let measures =
        chibo_app::discipline::of_member(&w.app, &admin_actor, chibo_domain::ids::MemberId(ids.m))
            .await
            .unwrap();
    assert!(measures.is_empty(), "no disciplinary measure was recorded");
    let screened =
        chibo_app::screening::get(&w.app, &admin_actor, chibo_domain::ids::MemberId(ids.m))
            .await
            .unwrap();
    assert!(screened.is_none(), "no screening step was recorded");
    let procedures =
        chibo_app::removal::of_member(&w.app, &admin_actor, chibo_domain::ids::MemberId(ids.m))
            .await
            .unwrap();
    assert!(
        procedures.cases.is_empty(),
        "no removal, complaint or leave step was recorded"
    );
    let fees = chibo_app::fees::member_fees(
        &w.app,
        &admin_actor,
        chibo_domain::ids::MemberId(ids.m),
        None,
    )
    .await
    .unwrap();
    assert!(fees.category.is_none() && fees.payments.is_empty());
    let rates = chibo_app::fees::list_rates(&w.app, &admin_actor)
        .await
        .unwrap();
    assert!(rates.iter().all(|r| {
        r.flat_amount(chibo_domain::fees::FeeCategory::OtherUninsured)
            .is_none()
    }));
    let month = chibo_domain::month::YearMonth::new(2026, 3).unwrap();
    let totals = chibo_app::fees::unit_totals(&w.app, &admin_actor, "C1", month)
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
                .replace("{key}", "{k}")
                .replace("{temporary}", "{t}")
                .replace("{exemption}", "{x}")
                .replace("{letter}", "{l}")
        };
        let (pattern, alt) = (placeholders(path, "C1-G1"), placeholders(path, "C1"));
        let job = path.replace("{id}", "{j}");
        let meeting = path.replace("{id}", "{g}");
        let covered = ROUTES.iter().any(|r| {
            // Both letters stand for `{letter}`.
            let p = r.path.split('?').next().unwrap().replace("{o}", "{l}");
            p == pattern
                || p == alt
                || p == job
                || p == meeting
                || p == pattern.replace("{k}", "{key}")
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
            .replace("{event}", "{e}")
            .replace("{key}", "{k}")
            .replace("{temporary}", "{t}")
            .replace("{exemption}", "{x}")
            .replace("{letter}", "{l}");
        let alt = pattern.replace("C1-G1", "C1");
        let meeting = pattern.replace("{m}", "{g}");
        let methods = [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("DELETE", item.delete.is_some()),
        ];
        for (m, present) in methods {
            if present
                && !ROUTES.iter().any(|r| {
                    let p = r.path.split('?').next().map(|p| p.replace("{o}", "{l}"));
                    r.method == m
                        && (p.as_ref() == Some(&pattern)
                            || p.as_ref() == Some(&alt)
                            || p.as_ref() == Some(&meeting)
                            || p.as_ref() == Some(&pattern.replace("{k}", "{key}")))
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
