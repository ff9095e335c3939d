//! `/api/v1/fees`: party fees (FEE-01 … FEE-05). A cell's collection sheet and a unit's totals
//! for a month; a member's statement (GET) and what sets their fee (PUT); payments; and what a
//! unit passed up to the level above. Amounts in whole đồng; months `yyyy-mm`. Same rules as
//! the pages and `chibo fees report`; every write audited.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chibo_app::AppError;
use chibo_app::fees::{
    self, CollectionSheet, FeeProblem, FeeProfileInput, FeeTotals, MemberFees, PaymentInput,
    RemittanceInput, UnitFeeTotal,
};
use chibo_domain::ids::MemberId;
use chibo_domain::month::YearMonth;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::problem::{ApiError, ApiJson, Problem};
use crate::auth::ApiCaller;

/// The query string of the sheet and the totals.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeesParams {
    /// The unit's code (a cell for the sheet).
    pub unit: Option<String>,
    /// yyyy-mm or mm/yyyy; the current month when absent.
    pub month: Option<String>,
}

/// The query string of a member's statement.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MonthParams {
    /// yyyy-mm or mm/yyyy; the current month when absent.
    pub month: Option<String>,
}

/// A fee rule that kept figures from being computed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeeProblemDto {
    /// The rule ID, e.g. `FEE-02`.
    pub rule: String,
    pub code: String,
    /// In Vietnamese.
    pub message: String,
}

impl From<&FeeProblem> for FeeProblemDto {
    fn from(p: &FeeProblem) -> Self {
        Self {
            rule: p.rule.to_owned(),
            code: p.code.to_owned(),
            message: p.message.clone(),
        }
    }
}

/// A member's line on the sheet.
#[derive(Debug, Serialize, ToSchema)]
pub struct SheetLineDto {
    pub member_id: i64,
    pub full_name: String,
    /// insured, pensioner, student, other_uninsured or abroad; null when not recorded.
    pub category: Option<String>,
    /// The income base recorded for the month.
    pub base: Option<u64>,
    /// none, exempt (FEE-03), reduced (FEE-04) or not_member.
    pub relief: Option<String>,
    pub due: u64,
    /// Paid toward this month.
    pub paid: u64,
    /// Owed for every billed month up to and including this one.
    pub arrears: u64,
    pub problem: Option<FeeProblemDto>,
}

/// A cell's collection sheet.
#[derive(Debug, Serialize, ToSchema)]
pub struct SheetDto {
    pub unit_code: String,
    pub unit_name: String,
    pub month: String,
    pub due: u64,
    pub collected: u64,
    pub arrears: u64,
    pub lines: Vec<SheetLineDto>,
}

impl From<&CollectionSheet> for SheetDto {
    fn from(s: &CollectionSheet) -> Self {
        Self {
            unit_code: s.unit_code.clone(),
            unit_name: s.unit_name.clone(),
            month: s.month.code(),
            due: s.due_dong,
            collected: s.collected_dong,
            arrears: s.arrears_dong,
            lines: s
                .lines
                .iter()
                .map(|l| SheetLineDto {
                    member_id: l.member_id,
                    full_name: l.full_name.clone(),
                    category: l.category.map(|c| c.code().to_owned()),
                    base: l.base_dong,
                    relief: l.relief.as_ref().map(|r| r.code().to_owned()),
                    due: l.due_dong,
                    paid: l.paid_dong,
                    arrears: l.arrears_dong,
                    problem: l.problem.as_ref().map(FeeProblemDto::from),
                })
                .collect(),
        }
    }
}

/// A unit's figures for the month.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitTotalDto {
    pub unit_code: String,
    pub unit_name: String,
    pub members: u64,
    pub due: u64,
    pub collected: u64,
    pub arrears: u64,
    /// Members whose fee could not be computed.
    pub unpriced: u64,
    /// What the unit recorded passing up for the month.
    pub remitted: u64,
}

impl From<&UnitFeeTotal> for UnitTotalDto {
    fn from(t: &UnitFeeTotal) -> Self {
        Self {
            unit_code: t.unit_code.clone(),
            unit_name: t.unit_name.clone(),
            members: t.members,
            due: t.due_dong,
            collected: t.collected_dong,
            arrears: t.arrears_dong,
            unpriced: t.unpriced,
            remitted: t.remitted_dong,
        }
    }
}

/// A unit's totals and those of each unit directly under it (which add up to it).
#[derive(Debug, Serialize, ToSchema)]
pub struct TotalsDto {
    pub month: String,
    pub unit: UnitTotalDto,
    pub children: Vec<UnitTotalDto>,
}

impl From<&FeeTotals> for TotalsDto {
    fn from(t: &FeeTotals) -> Self {
        Self {
            month: t.month.code(),
            unit: UnitTotalDto::from(&t.unit),
            children: t.children.iter().map(UnitTotalDto::from).collect(),
        }
    }
}

/// One month of a member's statement.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthLineDto {
    pub month: String,
    /// The fee regime billed under, e.g. `qd_01_2026`.
    pub rate_key: Option<String>,
    pub category: Option<String>,
    /// Before any reduction.
    pub gross: u64,
    pub relief: String,
    pub due: u64,
    pub paid: u64,
    pub arrears: u64,
    pub settled_on: Option<NaiveDate>,
}

/// A recorded payment.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentDto {
    pub id: i64,
    pub from_month: String,
    pub to_month: String,
    pub amount: i64,
    /// cash, bank_transfer or national_portal.
    pub channel: String,
    /// Null when the member paid.
    pub payer_name: Option<String>,
    pub paid_on: NaiveDate,
    pub receipt_ref: Option<String>,
}

/// A FEE-03 exemption or FEE-04 reduction as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReliefDto {
    /// The ground (exemptions) or `reduction`.
    pub kind: String,
    /// 100 for an exemption.
    pub percent: i64,
    pub from_month: String,
    pub until_month: Option<String>,
    pub decision_ref: Option<String>,
}

/// A member's fees as of a month.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberFeesDto {
    pub member_id: i64,
    pub full_name: String,
    pub month: String,
    pub category: Option<String>,
    pub income_kind: Option<String>,
    pub income: Option<u64>,
    /// FEE-03: nothing is due from this month on (50 years of party age).
    pub party_age_exempt_from: Option<String>,
    pub reliefs: Vec<ReliefDto>,
    pub payments: Vec<PaymentDto>,
    /// The last twelve billed months up to `month`.
    pub lines: Vec<MonthLineDto>,
    /// Owed for every billed month up to `month`.
    pub arrears: u64,
    pub credit: u64,
    pub paid_up_to: Option<String>,
    pub problem: Option<FeeProblemDto>,
}

impl From<&MemberFees> for MemberFeesDto {
    fn from(f: &MemberFees) -> Self {
        let mut reliefs: Vec<ReliefDto> = f
            .exemptions
            .iter()
            .map(|e| ReliefDto {
                kind: e.ground.clone(),
                percent: 100,
                from_month: e.from_month.clone(),
                until_month: e.until_month.clone(),
                decision_ref: None,
            })
            .collect();
        reliefs.extend(f.reductions.iter().map(|r| ReliefDto {
            kind: "reduction".into(),
            percent: i64::from(r.percent),
            from_month: r.from_month.clone(),
            until_month: Some(r.until_month.clone()),
            decision_ref: Some(r.decision_ref.clone()),
        }));
        Self {
            member_id: f.member_id,
            full_name: f.full_name.clone(),
            month: f.month.code(),
            category: f.category.map(|c| c.code().to_owned()),
            income_kind: f.income.as_ref().map(|i| i.kind.to_owned()),
            income: f.income.as_ref().map(|i| i.amount_dong),
            party_age_exempt_from: f.party_age_exempt_from.map(YearMonth::code),
            reliefs,
            payments: f
                .payments
                .iter()
                .map(|p| PaymentDto {
                    id: p.id,
                    from_month: p.from_month.clone(),
                    to_month: p.to_month.clone(),
                    amount: p.amount_dong,
                    channel: p.channel.clone(),
                    payer_name: p.payer_name.clone(),
                    paid_on: p.paid_on,
                    receipt_ref: p.receipt_ref.clone(),
                })
                .collect(),
            lines: f
                .lines
                .iter()
                .map(|l| MonthLineDto {
                    month: l.month.code(),
                    rate_key: l.rate_key.clone(),
                    category: l.category.map(|c| c.code().to_owned()),
                    gross: l.gross_dong,
                    relief: l.relief.code().to_owned(),
                    due: l.due_dong,
                    paid: l.paid_dong,
                    arrears: l.arrears_dong,
                    settled_on: l.settled_on,
                })
                .collect(),
            arrears: f.arrears_dong,
            credit: f.credit_dong,
            paid_up_to: f.paid_up_to.map(YearMonth::code),
            problem: f.problem.as_ref().map(FeeProblemDto::from),
        }
    }
}

/// What sets a member's fee; each part is applied when its first field is given.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct FeeProfileBody {
    /// insured, pensioner, student, other_uninsured or abroad (FEE-01, FEE-02).
    pub category: Option<String>,
    /// yyyy-mm.
    pub category_from: Option<String>,
    /// insurance_salary, sickness_allowance, maternity_allowance or pension.
    pub income_kind: Option<String>,
    pub income_amount: Option<u64>,
    pub income_from: Option<String>,
    /// FEE-03: party_age_50, social_pension_allowance, poor_household or serious_illness.
    pub exemption_ground: Option<String>,
    pub exemption_from: Option<String>,
    pub exemption_until: Option<String>,
    /// FEE-04: 30, 50, 70 or 100, for at most 12 months.
    pub reduction_percent: Option<u32>,
    pub reduction_from: Option<String>,
    pub reduction_until: Option<String>,
    pub reduction_decision_ref: Option<String>,
}

/// A payment (FEE-05).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct PaymentBody {
    /// First month covered, yyyy-mm.
    pub from_month: String,
    /// Last month covered; the first when absent.
    pub to_month: Option<String>,
    /// In đồng; what the covered months still owe when absent.
    pub amount: Option<u64>,
    /// cash (default), bank_transfer or national_portal.
    pub channel: Option<String>,
    /// Someone paying on the member's behalf.
    pub payer_name: Option<String>,
    /// yyyy-mm-dd or dd/mm/yyyy; today when absent.
    pub paid_on: Option<String>,
    pub receipt_ref: Option<String>,
}

/// An amount passed up to the level above.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RemittanceBody {
    pub unit: String,
    /// The month collected for, yyyy-mm.
    pub month: String,
    /// In đồng: the actual amount handed over.
    pub amount: u64,
    /// yyyy-mm-dd or dd/mm/yyyy; today when absent.
    pub remitted_on: Option<String>,
    pub reference: Option<String>,
}

/// The id of what was recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    pub id: i64,
}

fn month_of(input: Option<&str>) -> Result<YearMonth, ApiError> {
    fees::month_or_current(input).map_err(|p| AppError::field("month", p).into())
}

fn unit_of(p: &FeesParams) -> Result<&str, ApiError> {
    match p.unit.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(u) => Ok(u),
        None => Err(AppError::field("unit", chibo_domain::field::Problem::Required).into()),
    }
}

/// A cell's collection sheet for a month: each member's category, base, due, paid and arrears.
#[utoipa::path(get, path = "/fees/sheet", tag = "fees", params(FeesParams),
    responses((status = 200, body = SheetDto), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn sheet(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<FeesParams>,
) -> Result<Json<SheetDto>, ApiError> {
    let month = month_of(p.month.as_deref())?;
    let sheet = fees::collection_sheet(&s.app, &actor, unit_of(&p)?, month).await?;
    Ok(Json(SheetDto::from(&sheet)))
}

/// A unit's fee totals for a month (due, collected, arrears), with each unit directly under it.
#[utoipa::path(get, path = "/fees/totals", tag = "fees", params(FeesParams),
    responses((status = 200, body = TotalsDto), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn totals(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Query(p): Query<FeesParams>,
) -> Result<Json<TotalsDto>, ApiError> {
    let month = month_of(p.month.as_deref())?;
    let t = fees::unit_totals(&s.app, &actor, unit_of(&p)?, month).await?;
    Ok(Json(TotalsDto::from(&t)))
}

/// A member's fee statement as of a month: the last twelve months, arrears and payments.
#[utoipa::path(get, path = "/members/{id}/fees", tag = "fees", params(("id" = i64, Path), MonthParams),
    responses((status = 200, body = MemberFeesDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn member(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    Query(p): Query<MonthParams>,
) -> Result<Json<MemberFeesDto>, ApiError> {
    let month = month_of(p.month.as_deref())?;
    let f = fees::member_fees(&s.app, &actor, MemberId(id), Some(month)).await?;
    Ok(Json(MemberFeesDto::from(&f)))
}

/// Sets what a member's fee is computed from: category, income base, an exemption or a reduction. Audited.
#[utoipa::path(put, path = "/members/{id}/fees", tag = "fees", params(("id" = i64, Path)), request_body = FeeProfileBody,
    responses((status = 200, body = MemberFeesDto), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn put_profile(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<FeeProfileBody>,
) -> Result<Json<MemberFeesDto>, ApiError> {
    let input = FeeProfileInput {
        category: b.category,
        category_from: b.category_from,
        income_kind: b.income_kind,
        income_amount: b.income_amount.map(|a| a.to_string()),
        income_from: b.income_from,
        exemption_ground: b.exemption_ground,
        exemption_from: b.exemption_from,
        exemption_until: b.exemption_until,
        reduction_percent: b.reduction_percent.map(|p| p.to_string()),
        reduction_from: b.reduction_from,
        reduction_until: b.reduction_until,
        reduction_decision_ref: b.reduction_decision_ref,
    };
    fees::set_fee_profile(&s.app, &actor, MemberId(id), &input).await?;
    let f = fees::member_fees(&s.app, &actor, MemberId(id), None).await?;
    Ok(Json(MemberFeesDto::from(&f)))
}

/// Records a payment covering one or more months (FEE-05). Audited.
#[utoipa::path(post, path = "/members/{id}/fees/payments", tag = "fees", params(("id" = i64, Path)), request_body = PaymentBody,
    responses((status = 201, body = Recorded), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn pay(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<PaymentBody>,
) -> Result<Response, ApiError> {
    let input = PaymentInput {
        from_month: b.from_month,
        to_month: b.to_month,
        amount: b.amount.map(|a| a.to_string()),
        channel: b.channel,
        payer_name: b.payer_name,
        paid_on: b.paid_on,
        receipt_ref: b.receipt_ref,
        cell_code: None,
    };
    let id = fees::record_payment(&s.app, &actor, MemberId(id), &input).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id })).into_response())
}

/// Records what a unit passed up to the unit above it for a month (the actual amount). Audited.
#[utoipa::path(post, path = "/fees/remittances", tag = "fees", request_body = RemittanceBody,
    responses((status = 201, body = Recorded), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn remit(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(b): ApiJson<RemittanceBody>,
) -> Result<Response, ApiError> {
    let input = RemittanceInput {
        unit_code: b.unit,
        month: b.month,
        amount: b.amount.to_string(),
        remitted_on: b.remitted_on,
        reference: b.reference,
    };
    let id = fees::record_remittance(&s.app, &actor, &input).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id })).into_response())
}

/// A flat monthly amount of a regime.
#[derive(Debug, Serialize, ToSchema)]
pub struct FlatAmountDto {
    pub category: String,
    pub amount: u64,
}

/// A fee regime (GEN-03): the rates billed for the months whose first day it covers.
#[derive(Debug, Serialize, ToSchema)]
pub struct RateDto {
    pub key: String,
    pub source_ref: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// Share of the insured member's base, in basis points (100 = 1%).
    pub insured_bp: u32,
    /// `previous` (the month before the billed one) or `same`.
    pub insured_base: String,
    /// Share of the pension, in basis points.
    pub pension_bp: u32,
    /// FEE-01 students and FEE-02's table; a category missing here cannot be billed.
    pub flat: Vec<FlatAmountDto>,
}

/// A flat amount to set in a regime (FEE-02); no amount removes it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct FlatAmountBody {
    /// student, other_uninsured or abroad.
    pub category: String,
    pub amount: Option<u64>,
}

/// The fee regimes, oldest first.
#[utoipa::path(get, path = "/fees/rates", tag = "fees",
    responses((status = 200, body = Vec<RateDto>), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn rates(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<RateDto>>, ApiError> {
    let versions = fees::list_rates(&s.app, &actor).await?;
    Ok(Json(
        versions
            .into_iter()
            .map(|v| RateDto {
                insured_base: match v.insured_base {
                    chibo_domain::fees::BaseMonth::Previous => "previous".into(),
                    chibo_domain::fees::BaseMonth::Same => "same".into(),
                },
                flat: v
                    .flat
                    .iter()
                    .map(|f| FlatAmountDto {
                        category: f.category.code().to_owned(),
                        amount: f.amount_dong,
                    })
                    .collect(),
                key: v.key,
                source_ref: v.source_ref,
                valid_from: v.valid_from,
                valid_to: v.valid_to,
                insured_bp: v.insured_bp,
                pension_bp: v.pension_bp,
            })
            .collect(),
    ))
}

/// Sets or removes a flat monthly amount in a regime, filling FEE-02's table (administrators). Audited.
#[utoipa::path(put, path = "/fees/rates/{key}", tag = "fees", params(("key" = String, Path)), request_body = FlatAmountBody,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn put_flat(
    State(s): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Path(key): Path<String>,
    ApiJson(b): ApiJson<FlatAmountBody>,
) -> Result<StatusCode, ApiError> {
    let amount = b.amount.map(|a| a.to_string()).unwrap_or_default();
    fees::set_flat_amount(&s.app, &actor, &key, &b.category, &amount).await?;
    Ok(StatusCode::NO_CONTENT)
}
