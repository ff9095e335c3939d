//! The monthly party life of the secretary's demo cell, recorded through the same use cases a
//! secretary uses, so a fresh start shows the early warning, the collection sheet, the list of
//! members away and the in-transit list with something in them. Deterministic: everything
//! follows today's date and each member's place in the cell's roster.

use chibo_domain::access::Actor;
use chibo_domain::ids::MemberId;
use chibo_domain::member::{Standing, Status};
use chibo_domain::month::YearMonth;
use chibo_storage::members::MemberRow;
use chrono::{Datelike, Days, Months, NaiveDate};

use crate::away::{self, AwayInput, ContactInput};
use crate::fees::{self, FeeProfileInput, PaymentInput};
use crate::transfers::{self, IssueInput};
use crate::{App, AppError, clock, meetings};

/// What the meetings added afterwards need to know: members away without a temporary
/// exemption, whose absences are unexcused (AWY-02).
#[derive(Debug, Default)]
pub(super) struct PartyLife {
    pub away_unexcused: Vec<i64>,
}

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Records, in the secretary's cell: a transfer letter never presented (TRF-03, overdue by
/// TRF-02), a member working away with one contact long ago (AWY-03) and fee profiles and
/// payments for every member, two of whom fall behind (REM-02).
pub(super) async fn add_party_life(
    app: &App,
    secretary: &Actor,
    cell: &str,
) -> Result<PartyLife, AppError> {
    let today = clock::today();
    let roster = meetings::roster_on(app, secretary, cell, today).await?;
    // A small cell keeps its life plain: no departures, so the meetings keep a base.
    if roster.len() < 8 {
        return Ok(PartyLife::default());
    }
    let rows = member_rows(app, &roster).await?;
    let committee_key = &rows[0].member_key;
    let away_member = rows[3].id;
    // The letter carries the card number (TRF-04): an official member who has one.
    let Some(leaving) = rows[4..].iter().rev().find(|r| {
        r.card_number.is_some()
            && Status::from_code(&r.status) == Some(Status::Member(Standing::Official))
    }) else {
        return Ok(PartyLife::default());
    };

    // Before the meetings of the last three months: the letter is dated before all of them.
    let issued_on = today - Days::new(100);
    transfers::issue_letter(
        app,
        secretary,
        MemberId(leaving.id),
        &IssueInput {
            letter_number: "45-GGT/ĐU".into(),
            issued_on: date(issued_on),
            card_number: leaving.card_number.clone(),
            biography_number: Some(format!("LL-{}", leaving.id)),
            cell_register_number: Some(format!("{}", 100 + leaving.id % 900)),
            transfer_register_number: Some("12/2026".into()),
            fees_paid_through: Some(YearMonth::of(issued_on - Months::new(1)).code()),
            to_outside: Some("Chi bộ Trường Đại học Sư phạm, Đảng ủy Đại học Đà Nẵng".into()),
            addressee: Some("Đảng ủy Đại học Đà Nẵng".into()),
            move_reason: Some("new_post".into()),
            move_on: Some(date(issued_on - Days::new(20))),
            ..IssueInput::default()
        },
    )
    .await?;

    let since = today - Months::new(5);
    away::declare(
        app,
        secretary,
        MemberId(away_member),
        &AwayInput {
            since: date(since),
            place: "Khu công nghiệp VSIP, Thành phố Hồ Chí Minh".into(),
            employer: Some("Công ty TNHH Điện tử Phúc An".into()),
            contact: Some("0912 345 678".into()),
            contact_person_key: Some(committee_key.clone()),
            remote_group: Some("Tổ đảng viên làm ăn xa tại TP. Hồ Chí Minh".into()),
            messaging_group: Some("Nhóm Zalo \"Chi bộ - xa quê\"".into()),
            ..AwayInput::default()
        },
    )
    .await?;
    away::log_contact(
        app,
        secretary,
        MemberId(away_member),
        &ContactInput {
            on: date(since + Days::new(20)),
            channel: "phone".into(),
            by_member_key: committee_key.clone(),
            note: Some("Đã gọi điện, đồng chí hứa gửi nhận xét nơi cư trú.".into()),
        },
    )
    .await?;

    add_fees(app, secretary, &rows, away_member, leaving.id).await?;
    Ok(PartyLife {
        away_unexcused: vec![away_member],
    })
}

async fn member_rows(app: &App, roster: &[(i64, String)]) -> Result<Vec<MemberRow>, AppError> {
    let mut tx = app.db.read().await?;
    let mut rows = Vec::with_capacity(roster.len());
    for (id, _) in roster {
        let row = chibo_storage::members::get(&mut tx, MemberId(*id))
            .await?
            .ok_or(AppError::NotFound)?;
        rows.push(row);
    }
    tx.commit().await?;
    Ok(rows)
}

/// Every member insured from January of last year on a base that varies with their place;
/// paid up to last month, except the member away (paid to three months ago) and one who owes
/// the last two months.
async fn add_fees(
    app: &App,
    secretary: &Actor,
    rows: &[MemberRow],
    away_member: i64,
    leaving: i64,
) -> Result<(), AppError> {
    let today = clock::today();
    let Some(january) = YearMonth::new(today.year() - 1, 1) else {
        return Ok(());
    };
    let last_month = YearMonth::of(today - Months::new(1));
    for (i, row) in rows.iter().enumerate() {
        let id = &row.id;
        if *id == leaving {
            continue;
        }
        // A member admitted since pays from the month after the admission.
        let start = match YearMonth::of(row.admitted_on).next() {
            Some(m) if m > january => m,
            _ => january,
        };
        let base = 6_500_000 + 350_000 * i as u64;
        fees::set_fee_profile(
            app,
            secretary,
            MemberId(*id),
            &FeeProfileInput {
                category: Some("insured".into()),
                category_from: Some(start.code()),
                income_kind: Some("insurance_salary".into()),
                income_amount: Some(base.to_string()),
                // FEE-01: a month's fee is on the previous month's insurance salary base.
                income_from: Some(start.prev().unwrap_or(start).code()),
                ..FeeProfileInput::default()
            },
        )
        .await?;
        let behind = match (*id == away_member, i) {
            (true, _) => 3,
            (false, 5) => 2,
            _ => 0,
        };
        let to = YearMonth::of(today - Months::new(1 + behind));
        if to < start {
            continue;
        }
        // Last year in one payment, this year month by month at the cell.
        let year_end = YearMonth::new(today.year() - 1, 12)
            .unwrap_or(start)
            .min(to);
        pay(
            app,
            secretary,
            *id,
            start,
            year_end,
            first_day(today.year(), 1),
        )
        .await?;
        let this_january = YearMonth::new(today.year(), 1).unwrap_or(start).max(start);
        for m in YearMonth::range(this_january, to) {
            if m > last_month {
                break;
            }
            let paid_on = m.first_day().checked_add_days(Days::new(12));
            pay(app, secretary, *id, m, m, paid_on.unwrap_or(today)).await?;
        }
    }
    Ok(())
}

fn first_day(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

async fn pay(
    app: &App,
    secretary: &Actor,
    member: i64,
    from: YearMonth,
    to: YearMonth,
    paid_on: NaiveDate,
) -> Result<(), AppError> {
    if to < from {
        return Ok(());
    }

    fees::record_payment(
        app,
        secretary,
        MemberId(member),
        &PaymentInput {
            from_month: from.code(),
            to_month: Some(to.code()),
            channel: Some("cash".into()),
            paid_on: Some(date(paid_on.min(clock::today()))),
            ..PaymentInput::default()
        },
    )
    .await?;
    Ok(())
}
