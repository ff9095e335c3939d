//! Setting what a member's fee is computed from: the category and the income base (both
//! histories by month), a FEE-03 exemption and a FEE-04 hardship reduction. Each part is
//! applied when its first field is filled; all of it in one transaction or nothing.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::fees::{ExemptionGround, FeeCategory, FeeReduction, party_age_exemption};
use chibo_domain::field::{FieldErrors, Problem, optional};
use chibo_domain::ids::MemberId;
use chibo_domain::month::YearMonth;
use chibo_storage::fees::{self as repo, IncomeRow};
use chibo_storage::now;
use serde::{Deserialize, Serialize};

use super::account::{INCOME_KIND_CODES, income_kind};
use super::{parse_dong, to_i64};
use crate::audit::{self, About, Action, By};
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

const GROUND_CODES: &[&str] = &[
    "party_age_50",
    "social_pension_allowance",
    "poor_household",
    "serious_illness",
];

/// The form and API body; months as `yyyy-mm` or `mm/yyyy`, amounts in đồng.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FeeProfileInput {
    /// FEE-01/FEE-02 category code, from `category_from`.
    pub category: Option<String>,
    pub category_from: Option<String>,
    /// The income base: kind code, amount, from which month.
    pub income_kind: Option<String>,
    pub income_amount: Option<String>,
    pub income_from: Option<String>,
    /// FEE-03: ground code, first month, last month (empty while the ground lasts).
    pub exemption_ground: Option<String>,
    pub exemption_from: Option<String>,
    pub exemption_until: Option<String>,
    /// FEE-04: percent, first and last month, the decision's number.
    pub reduction_percent: Option<String>,
    pub reduction_from: Option<String>,
    pub reduction_until: Option<String>,
    pub reduction_decision_ref: Option<String>,
}

#[derive(Debug, Default, Serialize)]
struct Change {
    category: Option<(String, &'static str)>,
    income: Option<IncomeRow>,
    exemption: Option<(&'static str, String, Option<String>)>,
    reduction: Option<FeeReduction>,
}

fn month(e: &mut FieldErrors, field: &'static str, input: Option<&str>) -> Option<YearMonth> {
    e.take(field, YearMonth::parse_input(input.unwrap_or_default()))
}

/// Records the parts of `input` that are filled for a member the actor may edit.
pub async fn set_fee_profile(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &FeeProfileInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let params = super::rates::params_for(&mut tx, YearMonth::of(today)).await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let mut e = FieldErrors::new();
    let mut change = Change::default();

    if let Some(c) = optional(input.category.as_deref()) {
        let category = e.take("category", FeeCategory::parse(c));
        let from = month(&mut e, "category_from", input.category_from.as_deref());
        if let (Some(category), Some(from)) = (category, from) {
            change.category = Some((from.code(), category.code()));
        }
    }
    if let Some(k) = optional(input.income_kind.as_deref()) {
        let kind = income_kind(k);
        if kind.is_none() {
            e.push(
                "income_kind",
                Problem::NotOneOf {
                    allowed: INCOME_KIND_CODES,
                },
            );
        }
        let amount = e.take(
            "income_amount",
            parse_dong(input.income_amount.as_deref().unwrap_or_default()),
        );
        let from = month(&mut e, "income_from", input.income_from.as_deref());
        if let (Some(kind), Some(amount), Some(from)) = (kind, amount, from) {
            change.income = Some(IncomeRow {
                valid_from: from.code(),
                kind: kind.code().to_owned(),
                amount_dong: to_i64(amount),
            });
        }
    }
    if let Some(g) = optional(input.exemption_ground.as_deref()) {
        let ground = ExemptionGround::parse(g);
        if ground.is_none() {
            e.push(
                "exemption_ground",
                Problem::NotOneOf {
                    allowed: GROUND_CODES,
                },
            );
        }
        let from = month(&mut e, "exemption_from", input.exemption_from.as_deref());
        let until = match optional(input.exemption_until.as_deref()) {
            None => Some(None),
            Some(u) => e
                .take("exemption_until", YearMonth::parse_input(u))
                .map(Some),
        };
        if let (Some(f), Some(Some(u))) = (from, until)
            && u < f
        {
            e.push(
                "exemption_until",
                Problem::DateBefore {
                    other_field: "exemption_from",
                },
            );
        }
        // FEE-03: the party-age ground holds only from the month after the 50th anniversary.
        if let (Some(ExemptionGround::PartyAge50), Some(f)) = (ground, from)
            && party_age_exemption(row.admitted_on, &params).is_none_or(|x| f < x.span.from)
        {
            e.push("exemption_from", Problem::DateTooEarly);
        }
        if let (Some(ground), Some(from), Some(until)) = (ground, from, until) {
            change.exemption = Some((ground.code(), from.code(), until.map(YearMonth::code)));
        }
    }
    if let Some(p) = optional(input.reduction_percent.as_deref()) {
        let percent = e.take(
            "reduction_percent",
            p.trim_end_matches('%')
                .trim()
                .parse::<u32>()
                .map_err(|_| Problem::NotANumber),
        );
        let from = month(&mut e, "reduction_from", input.reduction_from.as_deref());
        let until = month(&mut e, "reduction_until", input.reduction_until.as_deref());
        let decision = e.take(
            "reduction_decision_ref",
            chibo_domain::field::optional_text(input.reduction_decision_ref.as_deref(), 100),
        );
        if let (Some(percent), Some(from), Some(until), Some(decision)) =
            (percent, from, until, decision)
            && e.is_empty()
        {
            // FEE-04: an allowed percentage, a decision, at most 12 months.
            change.reduction = Some(FeeReduction::new(
                decision.as_deref().unwrap_or_default(),
                percent,
                from,
                until,
                &params,
            )?);
        }
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    if change.category.is_none()
        && change.income.is_none()
        && change.exemption.is_none()
        && change.reduction.is_none()
    {
        return Err(AppError::field("category", Problem::Required));
    }
    let at = now();
    let by = Some(actor.user.0);
    if let Some((from, category)) = &change.category {
        repo::upsert_profile(&mut tx, row.id, from, category, at, by).await?;
    }
    if let Some(income) = &change.income {
        repo::upsert_income(&mut tx, row.id, income, at, by).await?;
    }
    if let Some((ground, from, until)) = &change.exemption {
        repo::insert_exemption(&mut tx, row.id, ground, from, until.as_deref(), at, by).await?;
    }
    if let Some(r) = &change.reduction {
        repo::insert_reduction(
            &mut tx,
            row.id,
            i32::try_from(r.percent).unwrap_or(i32::MAX),
            &r.from.code(),
            &r.to.code(),
            &r.decision_ref,
            at,
            by,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        By::User(actor),
        Action::FeeProfileSet,
        About::member(member, &row.full_name, audit_path(&paths)),
        None::<&()>,
        Some(&change),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
