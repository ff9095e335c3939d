//! Party fees pages (issue 6, point 5). `/fees?unit=&month=` shows a cell's collection sheet,
//! one card per member so a secretary can work from a phone, each with a button to record the
//! month's cash payment (posted to `/fees/members/{id}/pay`); for a committee, the totals of each unit
//! under it. `/fees/sheet` is the printable sheet with a blank column for signatures.
//! `/members/{id}/fees` shows a member's statement with the forms to set what the fee is
//! computed from and to record a payment; the member page shows a summary.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use chibo_app::fees::{
    self, CollectionSheet, FeeProfileInput, FeeTotals, MemberFees, PaymentInput, RemittanceInput,
};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::fees::{FeeCategory, Relief};
use chibo_domain::ids::MemberId;
use chibo_domain::month::YearMonth;
use serde::Deserialize;

use super::form::{Field, options};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

/// `1234567` → `1.234.567 đ`.
pub fn dong(n: u64) -> String {
    format!("{} đ", format::num(n))
}

fn category_label(c: Option<FeeCategory>) -> String {
    c.map_or_else(|| "Chưa xác định".to_owned(), |c| c.label().to_owned())
}

fn relief_label(r: &Relief) -> String {
    match r {
        Relief::None => String::new(),
        Relief::NotMember => "Chưa là đảng viên".into(),
        Relief::Exempt { ground } => format!("Miễn ({})", ground_label(ground.code())),
        Relief::Reduced {
            percent,
            decision_ref,
        } => format!("Giảm {percent}% (QĐ {decision_ref})"),
    }
}

fn ground_label(code: &str) -> &'static str {
    match code {
        "party_age_50" => "50 năm tuổi đảng",
        "social_pension_allowance" => "hưởng trợ cấp hưu trí xã hội",
        "poor_household" => "hộ nghèo, cận nghèo",
        "serious_illness" => "mắc bệnh hiểm nghèo",
        _ => "khác",
    }
}

fn income_label(code: &str) -> &'static str {
    match code {
        "insurance_salary" => "Tiền lương đóng bảo hiểm xã hội",
        "sickness_allowance" => "Trợ cấp ốm đau",
        "maternity_allowance" => "Trợ cấp thai sản",
        "pension" => "Lương hưu",
        _ => "Thu nhập",
    }
}

fn channel_label(code: &str) -> &'static str {
    match code {
        "cash" => "Tiền mặt tại chi bộ",
        "bank_transfer" => "Chuyển khoản",
        "national_portal" => "Cổng Dịch vụ công Quốc gia",
        _ => "Khác",
    }
}

/// A member's line on the sheet, formatted.
pub struct SheetRow {
    pub member_id: i64,
    pub full_name: String,
    pub category: String,
    pub base: String,
    pub relief: String,
    pub due: String,
    /// The month's unpaid part, prefilled in the cash form.
    pub to_collect: u64,
    pub paid: String,
    pub arrears: String,
    pub problem: Option<String>,
}

fn sheet_rows(s: &CollectionSheet) -> Vec<SheetRow> {
    s.lines
        .iter()
        .map(|l| SheetRow {
            member_id: l.member_id,
            full_name: l.full_name.clone(),
            category: category_label(l.category),
            base: l.base_dong.map(dong).unwrap_or_default(),
            relief: l.relief.as_ref().map(relief_label).unwrap_or_default(),
            due: dong(l.due_dong),
            to_collect: l.due_dong.saturating_sub(l.paid_dong),
            paid: dong(l.paid_dong),
            arrears: dong(l.arrears_dong),
            problem: l.problem.as_ref().map(|p| p.message.clone()),
        })
        .collect()
}

/// A unit's totals, formatted.
pub struct TotalRow {
    pub unit_code: String,
    pub unit_name: String,
    pub members: String,
    pub due: String,
    pub collected: String,
    pub arrears: String,
    pub remitted: String,
    pub unpriced: u64,
}

fn total_row(t: &chibo_app::fees::UnitFeeTotal) -> TotalRow {
    TotalRow {
        unit_code: t.unit_code.clone(),
        unit_name: t.unit_name.clone(),
        members: format::num(t.members),
        due: dong(t.due_dong),
        collected: dong(t.collected_dong),
        arrears: dong(t.arrears_dong),
        remitted: dong(t.remitted_dong),
        unpriced: t.unpriced,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeesQuery {
    pub unit: String,
    pub month: String,
}

#[derive(Template)]
#[template(path = "fees/fees.html")]
struct FeesPage {
    layout: Layout,
    unit: String,
    month_input: String,
    month_code: String,
    month_label: String,
    heading: String,
    alert: Option<String>,
    sheet: Option<Vec<SheetRow>>,
    total: Option<TotalRow>,
    children: Vec<TotalRow>,
    can_edit: bool,
}

/// The page for `q`: the sheet of a cell, or the totals of a committee.
async fn fees_page(
    s: &AppState,
    actor: &Actor,
    token: &CsrfToken,
    q: &FeesQuery,
) -> Result<(StatusCode, FeesPage), AppError> {
    let mut page = FeesPage {
        layout: Layout::new(actor, token, "Đảng phí", Section::Fees),
        unit: q.unit.trim().to_owned(),
        month_input: q.month.trim().to_owned(),
        month_code: String::new(),
        month_label: String::new(),
        heading: String::new(),
        alert: None,
        sheet: None,
        total: None,
        children: Vec::new(),
        can_edit: actor.can(Permission::EditMembers),
    };
    let month = match fees::month_or_current(Some(&page.month_input)) {
        Ok(m) => m,
        Err(p) => {
            page.alert = Some(messages::field_error(
                &chibo_domain::field::FieldError::new("month", p),
            ));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    page.month_code = month.code();
    page.month_label = month.label();
    // Shown back as mm/yyyy, however it was typed.
    page.month_input = month.label();
    if page.unit.is_empty() {
        match fees::home_unit(&s.app, actor).await? {
            Some(code) => page.unit = code,
            None => {
                page.alert = Some("Nhập mã tổ chức đảng để xem đảng phí.".into());
                return Ok((StatusCode::OK, page));
            }
        }
    }
    match fees::collection_sheet(&s.app, actor, &page.unit, month).await {
        Ok(sheet) => {
            page.heading = format!(
                "Sổ thu đảng phí tháng {} — {}",
                month.label(),
                sheet.unit_name
            );
            page.total = Some(TotalRow {
                unit_code: sheet.unit_code.clone(),
                unit_name: sheet.unit_name.clone(),
                members: format::num(sheet.lines.len()),
                due: dong(sheet.due_dong),
                collected: dong(sheet.collected_dong),
                arrears: dong(sheet.arrears_dong),
                remitted: String::new(),
                unpriced: 0,
            });
            page.sheet = Some(sheet_rows(&sheet));
        }
        Err(AppError::Invalid(e)) if e.iter().any(|f| f.field == "unit") => {
            let t: FeeTotals = fees::unit_totals(&s.app, actor, &page.unit, month).await?;
            page.heading = format!("Đảng phí tháng {} — {}", month.label(), t.unit.unit_name);
            page.total = Some(total_row(&t.unit));
            page.children = t.children.iter().map(total_row).collect();
        }
        Err(e) => return Err(e),
    }
    Ok((StatusCode::OK, page))
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<FeesQuery>,
) -> Result<Response, WebError> {
    let (status, page) = fees_page(&s, &actor, &token, &q).await?;
    render_status(status, token, page)
}

/// The cash form of a sheet row.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PayForm {
    pub unit: String,
    pub month: String,
    pub amount: String,
    pub payer_name: String,
}

/// Records a month's cash payment from the sheet, then shows the sheet again; a refusal comes
/// back on the sheet with the reason (422), the member's field named.
pub async fn pay(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Path(id): Path<i64>,
    CsrfForm { token, form }: CsrfForm<PayForm>,
) -> Result<Response, WebError> {
    let q = FeesQuery {
        unit: form.unit.clone(),
        month: form.month.clone(),
    };
    let input = PaymentInput {
        from_month: form.month.clone(),
        amount: Some(form.amount.clone()),
        channel: Some("cash".into()),
        payer_name: Some(form.payer_name.clone()),
        cell_code: Some(form.unit.clone()),
        ..PaymentInput::default()
    };
    match fees::record_payment(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => {
            let query = serde_urlencoded::to_string([
                ("unit", form.unit.trim()),
                ("month", form.month.trim()),
            ])
            .unwrap_or_default();
            Ok(redirect(&headers, &format!("/fees?{query}")))
        }
        Err(e @ (AppError::Invalid(_) | AppError::Refused(_))) => {
            let (_, mut page) = fees_page(&s, &actor, &token, &q).await?;
            page.alert = Some(crate::error::user_message(&e));
            render_status(crate::error::status_of(&e), token, page)
        }
        Err(other) => Err(other.into()),
    }
}

/// The remittance form of the fees page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemitForm {
    pub unit: String,
    pub month: String,
    pub amount: String,
    pub remitted_on: String,
    pub reference: String,
}

/// Records what the unit passed up for the month, then shows the page again.
pub async fn remit(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { token, form }: CsrfForm<RemitForm>,
) -> Result<Response, WebError> {
    let input = RemittanceInput {
        unit_code: form.unit.clone(),
        month: form.month.clone(),
        amount: form.amount.clone(),
        remitted_on: Some(form.remitted_on.clone()),
        reference: Some(form.reference.clone()),
    };
    match fees::record_remittance(&s.app, &actor, &input).await {
        Ok(_) => {
            let query = serde_urlencoded::to_string([
                ("unit", form.unit.trim()),
                ("month", form.month.trim()),
            ])
            .unwrap_or_default();
            Ok(redirect(&headers, &format!("/fees?{query}")))
        }
        Err(e @ AppError::Invalid(_)) => {
            let q = FeesQuery {
                unit: form.unit,
                month: form.month,
            };
            let (_, mut page) = fees_page(&s, &actor, &token, &q).await?;
            page.alert = Some(crate::error::user_message(&e));
            render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "fees/print.html")]
struct PrintPage {
    unit_code: String,
    unit_name: String,
    month_label: String,
    rows: Vec<SheetRow>,
    due: String,
    collected: String,
    arrears: String,
    printed_on: String,
}

/// The printable sheet of a cell: A4, one line per member, a column to sign.
pub async fn print(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<FeesQuery>,
) -> Result<Response, WebError> {
    let month = fees::month_or_current(Some(&q.month)).map_err(|p| AppError::field("month", p))?;
    let sheet = fees::collection_sheet(&s.app, &actor, q.unit.trim(), month).await?;
    let page = PrintPage {
        unit_code: sheet.unit_code.clone(),
        unit_name: sheet.unit_name.clone(),
        month_label: month.label(),
        rows: sheet_rows(&sheet),
        due: dong(sheet.due_dong),
        collected: dong(sheet.collected_dong),
        arrears: dong(sheet.arrears_dong),
        printed_on: format::date(&chibo_app::clock::today()),
    };
    render(token, page)
}

/// A month of a member's statement, formatted.
pub struct LineRow {
    pub month: String,
    pub category: String,
    pub relief: String,
    pub due: String,
    pub paid: String,
    pub arrears: String,
}

/// What the member page and the member's fee page show.
pub struct FeeSummary {
    pub category: String,
    pub income: Option<String>,
    pub reliefs: Vec<String>,
    pub lines: Vec<LineRow>,
    pub arrears: String,
    pub owes: bool,
    pub paid_up_to: Option<String>,
    pub problem: Option<String>,
    pub payments: Vec<String>,
}

fn summarise(f: &MemberFees) -> FeeSummary {
    let mut reliefs: Vec<String> = Vec::new();
    if let Some(m) = f.party_age_exempt_from {
        reliefs.push(format!(
            "Miễn đảng phí từ tháng {} (50 năm tuổi đảng)",
            m.label()
        ));
    }
    let month = |code: &str| {
        YearMonth::parse(code)
            .map(YearMonth::label)
            .unwrap_or_default()
    };
    for e in &f.exemptions {
        reliefs.push(format!(
            "Miễn ({}) từ tháng {}{}",
            ground_label(&e.ground),
            month(&e.from_month),
            e.until_month
                .as_deref()
                .map(|u| format!(" đến tháng {}", month(u)))
                .unwrap_or_default()
        ));
    }
    for r in &f.reductions {
        reliefs.push(format!(
            "Giảm {}% từ tháng {} đến tháng {} (QĐ {})",
            r.percent,
            month(&r.from_month),
            month(&r.until_month),
            r.decision_ref
        ));
    }
    FeeSummary {
        category: category_label(f.category),
        income: f
            .income
            .as_ref()
            .map(|i| format!("{}: {}", income_label(i.kind), dong(i.amount_dong))),
        reliefs,
        lines: f
            .lines
            .iter()
            .rev()
            .map(|l| LineRow {
                month: l.month.label(),
                category: category_label(l.category),
                relief: relief_label(&l.relief),
                due: dong(l.due_dong),
                paid: dong(l.paid_dong),
                arrears: dong(l.arrears_dong),
            })
            .collect(),
        arrears: dong(f.arrears_dong),
        owes: f.arrears_dong > 0,
        paid_up_to: f.paid_up_to.map(YearMonth::label),
        problem: f.problem.as_ref().map(|p| p.message.clone()),
        payments: f
            .payments
            .iter()
            .rev()
            .map(|p| {
                let span = if p.from_month == p.to_month {
                    format!("tháng {}", month(&p.from_month))
                } else {
                    format!("tháng {} – {}", month(&p.from_month), month(&p.to_month))
                };
                format!(
                    "{}: {} cho {span}, {}{}",
                    format::date(&p.paid_on),
                    dong(u64::try_from(p.amount_dong).unwrap_or(0)),
                    channel_label(&p.channel),
                    p.payer_name
                        .as_deref()
                        .map(|n| format!(", {n} nộp thay"))
                        .unwrap_or_default()
                )
            })
            .collect(),
    }
}

/// The summary on the member page; `None` for those who may not see it.
pub async fn summary(s: &AppState, actor: &Actor, id: MemberId) -> Option<FeeSummary> {
    fees::member_fees(&s.app, actor, id, None)
        .await
        .ok()
        .map(|f| summarise(&f))
}

#[derive(Template)]
#[template(path = "fees/member.html")]
struct MemberFeesPage {
    layout: Layout,
    id: i64,
    full_name: String,
    fees: FeeSummary,
    can_edit: bool,
    alert: Option<String>,
    profile_fields: Vec<Field>,
    payment_fields: Vec<Field>,
}

fn profile_fields(i: &FeeProfileInput) -> Vec<Field> {
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let categories = options(
        "— không đổi —",
        FeeCategory::ALL.iter().map(|c| (c.code(), c.label())),
    );
    let kinds = options(
        "— không đổi —",
        [
            "insurance_salary",
            "sickness_allowance",
            "maternity_allowance",
            "pension",
        ]
        .into_iter()
        .map(|k| (k, income_label(k))),
    );
    let grounds = options(
        "— không —",
        [
            "party_age_50",
            "social_pension_allowance",
            "poor_household",
            "serious_illness",
        ]
        .into_iter()
        .map(|g| (g, ground_label(g))),
    );
    let percents = options(
        "— không —",
        [
            ("30", "30%"),
            ("50", "50%"),
            ("70", "70%"),
            ("100", "100% (miễn)"),
        ],
    );
    vec![
        Field::select("category", v(&i.category), categories),
        Field::text("category_from", v(&i.category_from)).hint("mm/yyyy"),
        Field::select("income_kind", v(&i.income_kind), kinds),
        Field::text("income_amount", v(&i.income_amount))
            .numeric()
            .hint("ví dụ 8.000.000"),
        Field::text("income_from", v(&i.income_from)).hint("mm/yyyy"),
        Field::select("exemption_ground", v(&i.exemption_ground), grounds),
        Field::text("exemption_from", v(&i.exemption_from)).hint("mm/yyyy"),
        Field::text("exemption_until", v(&i.exemption_until))
            .hint("mm/yyyy; để trống nếu chưa hết"),
        Field::select("reduction_percent", v(&i.reduction_percent), percents),
        Field::text("reduction_from", v(&i.reduction_from)).hint("mm/yyyy"),
        Field::text("reduction_until", v(&i.reduction_until)).hint("mm/yyyy; tối đa 12 tháng"),
        Field::text("reduction_decision_ref", v(&i.reduction_decision_ref)),
    ]
}

fn payment_fields(i: &PaymentInput) -> Vec<Field> {
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let channels = vec![
        ("cash".to_owned(), channel_label("cash").to_owned()),
        (
            "bank_transfer".to_owned(),
            channel_label("bank_transfer").to_owned(),
        ),
        (
            "national_portal".to_owned(),
            channel_label("national_portal").to_owned(),
        ),
    ];
    vec![
        Field::text("from_month", i.from_month.clone())
            .required()
            .hint("mm/yyyy"),
        Field::text("to_month", v(&i.to_month)).hint("mm/yyyy; để trống nếu chỉ một tháng"),
        Field::text("amount", v(&i.amount))
            .numeric()
            .hint("để trống: số còn phải nộp của các tháng"),
        Field::select("channel", v(&i.channel), channels),
        Field::text("payer_name", v(&i.payer_name)).hint("để trống nếu đảng viên tự nộp"),
        Field::date("paid_on", v(&i.paid_on)).hint("để trống: hôm nay"),
        Field::text("receipt_ref", v(&i.receipt_ref)),
    ]
}

fn place(fields: &mut [Field], e: &AppError) {
    if let AppError::Invalid(errors) = e {
        for err in errors {
            if let Some(f) = fields.iter_mut().find(|f| f.name == err.field) {
                f.error = Some(messages::problem(&err.problem));
            }
        }
    }
}

async fn member_page(
    s: &AppState,
    actor: &Actor,
    token: &CsrfToken,
    id: MemberId,
    profile: &FeeProfileInput,
    payment: &PaymentInput,
) -> Result<MemberFeesPage, AppError> {
    let f = fees::member_fees(&s.app, actor, id, None).await?;
    Ok(MemberFeesPage {
        layout: Layout::new(
            actor,
            token,
            format!("Đảng phí — {}", f.full_name),
            Section::Members,
        ),
        id: id.0,
        full_name: f.full_name.clone(),
        fees: summarise(&f),
        can_edit: actor.can(Permission::EditMembers),
        alert: None,
        profile_fields: profile_fields(profile),
        payment_fields: payment_fields(payment),
    })
}

pub async fn member(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let payment = PaymentInput {
        from_month: YearMonth::of(chibo_app::clock::today()).label(),
        ..PaymentInput::default()
    };
    let page = member_page(
        &s,
        &actor,
        &token,
        MemberId(id),
        &FeeProfileInput::default(),
        &payment,
    )
    .await?;
    render(token, page)
}

/// Sets what the member's fee is computed from; errors next to the fields (422).
pub async fn set_profile(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Path(id): Path<i64>,
    CsrfForm { token, form }: CsrfForm<FeeProfileInput>,
) -> Result<Response, WebError> {
    match fees::set_fee_profile(&s.app, &actor, MemberId(id), &form).await {
        Ok(()) => Ok(redirect(&headers, &format!("/members/{id}/fees"))),
        Err(e @ (AppError::Invalid(_) | AppError::Refused(_))) => {
            let mut page = member_page(
                &s,
                &actor,
                &token,
                MemberId(id),
                &form,
                &PaymentInput::default(),
            )
            .await?;
            place(&mut page.profile_fields, &e);
            page.alert = Some(crate::error::user_message(&e));
            render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page)
        }
        Err(other) => Err(other.into()),
    }
}

/// Records a payment from the member's fee page; errors next to the fields (422).
pub async fn record_payment(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    Path(id): Path<i64>,
    CsrfForm { token, form }: CsrfForm<PaymentInput>,
) -> Result<Response, WebError> {
    match fees::record_payment(&s.app, &actor, MemberId(id), &form).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}/fees"))),
        Err(e @ (AppError::Invalid(_) | AppError::Refused(_))) => {
            let mut page = member_page(
                &s,
                &actor,
                &token,
                MemberId(id),
                &FeeProfileInput::default(),
                &form,
            )
            .await?;
            place(&mut page.payment_fields, &e);
            page.alert = Some(crate::error::user_message(&e));
            render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page)
        }
        Err(other) => Err(other.into()),
    }
}
