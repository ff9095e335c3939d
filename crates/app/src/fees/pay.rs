//! Recording a payment (FEE-05): the months it covers (one or many at once), the amount, the
//! channel and the payer, for a member the actor may edit.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::fees::{FeePayment, FeeViolation, Payer, PaymentChannel, check_payment};
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::MemberId;
use chibo_domain::month::YearMonth;
use chibo_storage::fees::{self as repo, NewPayment};
use chibo_storage::{now, units};
use serde::{Deserialize, Serialize};

use super::account::Account;
use super::{parse_dong, rates, to_i64};
use crate::audit::{self, About, Action, By};
use crate::org::effective_date_after;
use crate::scope::{audit_path, find_member};
use crate::{App, AppError, clock};

const CHANNEL_CODES: &[&str] = &["cash", "national_portal", "bank_transfer"];

/// The form and API body of a payment.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct PaymentInput {
    /// First month covered (`yyyy-mm` or `mm/yyyy`).
    pub from_month: String,
    /// Last month covered; the first when empty.
    pub to_month: Option<String>,
    /// In đồng; when empty, what the covered months still owe.
    pub amount: Option<String>,
    /// `cash` (the default), `bank_transfer` or `national_portal`.
    pub channel: Option<String>,
    /// Someone paying on the member's behalf; empty when the member paid.
    pub payer_name: Option<String>,
    /// dd/mm/yyyy; today when empty.
    pub paid_on: Option<String>,
    pub receipt_ref: Option<String>,
    /// When recorded from a cell's collection sheet: the member must be of that cell.
    pub cell_code: Option<String>,
}

/// Records a payment; its id.
pub async fn record_payment(
    app: &App,
    actor: &Actor,
    member: MemberId,
    input: &PaymentInput,
) -> Result<i64, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (row, paths, _) =
        find_member(&mut tx, actor, Permission::EditMembers, member, today).await?;
    let mut e = FieldErrors::new();
    let from = e.take("from_month", YearMonth::parse_input(&input.from_month));
    let to = match optional(input.to_month.as_deref()) {
        None => from,
        Some(t) => e.take("to_month", YearMonth::parse_input(t)),
    };
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        e.push(
            "to_month",
            Problem::DateBefore {
                other_field: "from_month",
            },
        );
    }
    let amount = match optional(input.amount.as_deref()) {
        None => Some(None),
        Some(a) => e.take("amount", parse_dong(a)).map(Some),
    };
    let channel = match optional(input.channel.as_deref()) {
        None => Some(PaymentChannel::Cash),
        Some(c) => {
            let ch = PaymentChannel::parse(c);
            if ch.is_none() {
                e.push(
                    "channel",
                    Problem::NotOneOf {
                        allowed: CHANNEL_CODES,
                    },
                );
            }
            ch
        }
    };
    let payer_name = e.take(
        "payer_name",
        optional_text(input.payer_name.as_deref(), 100),
    );
    let receipt_ref = e.take(
        "receipt_ref",
        optional_text(input.receipt_ref.as_deref(), 100),
    );
    let paid_on = match optional(input.paid_on.as_deref()) {
        None => Some(today),
        Some(d) => e.take("paid_on", effective_date_after(d, today, row.admitted_on)),
    };
    if let Some(code) = optional(input.cell_code.as_deref())
        && units::id_by_code(&mut tx, code).await? != Some(chibo_domain::ids::UnitId(row.cell_id))
    {
        // A sheet shows one cell: a member of another cell is not on it.
        e.push("member", Problem::UnknownMember);
    }
    let (
        Some(from),
        Some(to),
        Some(amount),
        Some(channel),
        Some(payer_name),
        Some(receipt_ref),
        Some(paid_on),
    ) = (from, to, amount, channel, payer_name, receipt_ref, paid_on)
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    // The values in force on the last month paid for (GEN-03).
    let params = rates::params_for(&mut tx, to).await?;
    let schedule = rates::schedule_in_force(&mut tx).await?;
    let account = Account::load(&mut tx, &row, &params).await?;
    let months: Vec<YearMonth> = YearMonth::range(from, to).collect();
    // Every covered month must be priceable (FEE-01, FEE-02) and billed at all.
    let before = account.statement(Some(from), to, &schedule, &params)?;
    let owed = match &before {
        Some(s) if account.billing_from().is_some_and(|b| b <= from) => s.arrears_dong,
        _ => {
            return Err(AppError::field("from_month", Problem::DateTooEarly));
        }
    };
    // FEE-05: months billed and already settled are a payment entered twice. Months that owe
    // nothing (exempt) may still take a voluntary payment, kept as credit.
    if let Some(s) = &before {
        let covered: Vec<_> = s
            .lines
            .iter()
            .filter(|l| months.contains(&l.month))
            .collect();
        if !covered.is_empty()
            && covered
                .iter()
                .all(|l| l.due_dong > 0 && l.arrears_dong == 0)
        {
            return Err(FeeViolation::MonthsAlreadyPaid { from, to }.into());
        }
    }
    let amount = match amount {
        Some(a) => a,
        None if owed > 0 => owed,
        None => return Err(AppError::field("amount", Problem::Required)),
    };
    let payment = FeePayment {
        paid_on,
        months,
        amount_dong: amount,
        channel,
        payer: match &payer_name {
            Some(name) => Payer::OnBehalf { name: name.clone() },
            None => Payer::Member,
        },
    };
    check_payment(&payment)?;
    account
        .with_payment(payment)
        .statement(Some(from), to, &schedule, &params)?;
    let new = NewPayment {
        member_id: row.id,
        cell_id: row.cell_id,
        from_month: from.code(),
        to_month: to.code(),
        amount_dong: to_i64(amount),
        channel: channel.code().to_owned(),
        payer_name,
        paid_on,
        receipt_ref,
    };
    let id = repo::insert_payment(&mut tx, &new, now(), Some(actor.user.0)).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::FeePaymentRecord,
        About::member(member, &row.full_name, audit_path(&paths)),
        None::<&()>,
        Some(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
