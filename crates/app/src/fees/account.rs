//! A member's stored fee records turned into the domain's `FeeProfile` and payments.

use chibo_domain::fees::{
    CategoryPeriod, ExemptionGround, FeeCategory, FeeExemption, FeeParams, FeePayment, FeeProfile,
    FeeReduction, FeeSchedule, FeeStatement, FeeViolation, IncomeKind, MonthlyIncome, Payer,
    PaymentChannel, party_age_exemption, statement,
};
use chibo_domain::month::{MonthSpan, YearMonth};
use chibo_storage::fees::{
    self as repo, ExemptionRow, IncomeRow, PaymentRow, ProfileRow, ReductionRow,
};
use chibo_storage::members::MemberRow;
use chibo_storage::{StorageError, Tx};
use chrono::NaiveDate;
use std::collections::HashMap;

use super::to_u64;
use crate::AppError;

pub(crate) const INCOME_KINDS: &[IncomeKind] = &[
    IncomeKind::InsuranceSalary,
    IncomeKind::SicknessAllowance,
    IncomeKind::MaternityAllowance,
    IncomeKind::Pension,
];

pub(crate) const INCOME_KIND_CODES: &[&str] = &[
    "insurance_salary",
    "sickness_allowance",
    "maternity_allowance",
    "pension",
];

pub(crate) fn income_kind(code: &str) -> Option<IncomeKind> {
    INCOME_KINDS
        .iter()
        .copied()
        .find(|k| k.code() == code.trim())
}

fn month(code: &str) -> Result<YearMonth, StorageError> {
    YearMonth::parse(code).map_err(|_| StorageError::corrupt(format!("fee month {code}")))
}

/// Everything stored about a member's fees.
#[derive(Debug, Clone)]
pub struct Account {
    pub categories: Vec<ProfileRow>,
    pub incomes: Vec<IncomeRow>,
    pub exemptions: Vec<ExemptionRow>,
    pub reductions: Vec<ReductionRow>,
    pub payments: Vec<PaymentRow>,
    profile: FeeProfile,
    income_history: Vec<(YearMonth, IncomeKind, u64)>,
    fee_payments: Vec<FeePayment>,
}

/// Whose account: the member and the span of their membership, which bounds the billing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub id: i64,
    pub admitted_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

impl From<&MemberRow> for Holder {
    fn from(m: &MemberRow) -> Self {
        Self {
            id: m.id,
            admitted_on: m.admitted_on,
            left_on: m.left_on,
        }
    }
}

/// The stored rows of one account.
#[derive(Debug, Clone, Default)]
struct Rows {
    categories: Vec<ProfileRow>,
    incomes: Vec<IncomeRow>,
    exemptions: Vec<ExemptionRow>,
    reductions: Vec<ReductionRow>,
    payments: Vec<PaymentRow>,
}

impl Account {
    pub async fn load(
        tx: &mut Tx,
        member: &MemberRow,
        params: &FeeParams,
    ) -> Result<Self, AppError> {
        let id = member.id;
        let rows = Rows {
            categories: repo::profiles(tx, id).await?,
            incomes: repo::incomes(tx, id).await?,
            exemptions: repo::exemptions(tx, id).await?,
            reductions: repo::reductions(tx, id).await?,
            payments: repo::payments(tx, id).await?,
        };
        Self::build(member.into(), rows, params)
    }

    /// The accounts of `holders`, read in five statements per thousand members; a member whose
    /// stored rows no longer parse is left out with a log line, not failing the others.
    pub async fn load_many(
        tx: &mut Tx,
        holders: &[Holder],
        params: &FeeParams,
    ) -> Result<HashMap<i64, Self>, AppError> {
        let ids: Vec<i64> = holders.iter().map(|h| h.id).collect();
        let stored = repo::accounts_of(tx, &ids).await?;
        let mut rows: HashMap<i64, Rows> = HashMap::with_capacity(holders.len());
        for r in stored.profiles {
            rows.entry(r.member_id).or_default().categories.push(r.row);
        }
        for r in stored.incomes {
            rows.entry(r.member_id).or_default().incomes.push(r.row);
        }
        for r in stored.exemptions {
            rows.entry(r.member_id).or_default().exemptions.push(r.row);
        }
        for r in stored.reductions {
            rows.entry(r.member_id).or_default().reductions.push(r.row);
        }
        for p in stored.payments {
            rows.entry(p.member_id).or_default().payments.push(p);
        }
        let mut out = HashMap::with_capacity(rows.len());
        for h in holders {
            // No category, nothing billed: no account to read.
            let Some(r) = rows.remove(&h.id) else {
                continue;
            };
            match Self::build(*h, r, params) {
                Ok(a) => {
                    out.insert(h.id, a);
                }
                Err(e) => tracing::warn!(member = h.id, error = %e, "unreadable fee account"),
            }
        }
        Ok(out)
    }

    fn build(holder: Holder, rows: Rows, params: &FeeParams) -> Result<Self, AppError> {
        let Rows {
            categories,
            incomes,
            exemptions,
            reductions,
            payments,
        } = rows;
        let mut periods = Vec::with_capacity(categories.len());
        for c in &categories {
            periods.push(CategoryPeriod {
                from: month(&c.valid_from)?,
                category: FeeCategory::parse(&c.category)
                    .map_err(|_| StorageError::corrupt(format!("fee category {}", c.category)))?,
            });
        }
        let mut income_history = Vec::with_capacity(incomes.len());
        for i in &incomes {
            let kind = income_kind(&i.kind)
                .ok_or_else(|| StorageError::corrupt(format!("income kind {}", i.kind)))?;
            income_history.push((month(&i.valid_from)?, kind, to_u64(i.amount_dong)));
        }
        let mut exempt = Vec::with_capacity(exemptions.len() + 1);
        for e in &exemptions {
            exempt.push(FeeExemption {
                ground: ExemptionGround::parse(&e.ground)
                    .ok_or_else(|| StorageError::corrupt(format!("exemption {}", e.ground)))?,
                span: MonthSpan {
                    from: month(&e.from_month)?,
                    to: e.until_month.as_deref().map(month).transpose()?,
                },
            });
        }
        // FEE-03: 50 years of party age needs no record; it follows from the admission date.
        exempt.extend(party_age_exemption(holder.admitted_on, params));
        let mut reduce = Vec::with_capacity(reductions.len());
        for r in &reductions {
            reduce.push(FeeReduction {
                decision_ref: r.decision_ref.clone(),
                percent: u32::try_from(r.percent).unwrap_or(0),
                from: month(&r.from_month)?,
                to: month(&r.until_month)?,
            });
        }
        let mut fee_payments = Vec::with_capacity(payments.len());
        for p in &payments {
            fee_payments.push(FeePayment {
                paid_on: p.paid_on,
                months: YearMonth::range(month(&p.from_month)?, month(&p.to_month)?).collect(),
                amount_dong: to_u64(p.amount_dong),
                channel: PaymentChannel::parse(&p.channel)
                    .ok_or_else(|| StorageError::corrupt(format!("channel {}", p.channel)))?,
                payer: match &p.payer_name {
                    Some(name) => Payer::OnBehalf { name: name.clone() },
                    None => Payer::Member,
                },
            });
        }
        let profile = FeeProfile {
            membership: MonthSpan::of_days(holder.admitted_on, holder.left_on),
            categories: periods,
            incomes: Vec::new(),
            exemptions: exempt,
            reductions: reduce,
        };
        Ok(Self {
            categories,
            incomes,
            exemptions,
            reductions,
            payments,
            profile,
            income_history,
            fee_payments,
        })
    }

    /// The first month billed: the first with a category, not before admission.
    pub fn billing_from(&self) -> Option<YearMonth> {
        let first = self.profile.categories.iter().map(|c| c.from).min()?;
        Some(first.max(self.profile.membership.from))
    }

    /// The category in force in `m`.
    pub fn category_in(&self, m: YearMonth) -> Option<FeeCategory> {
        self.profile
            .categories
            .iter()
            .filter(|c| c.from <= m)
            .max_by_key(|c| c.from)
            .map(|c| c.category)
    }

    /// The income base in force in `m`: each entry applies until the next one.
    pub fn income_in(&self, m: YearMonth) -> Option<(IncomeKind, u64)> {
        self.income_history
            .iter()
            .filter(|(from, _, _)| *from <= m)
            .max_by_key(|(from, _, _)| *from)
            .map(|(_, k, a)| (*k, *a))
    }

    /// The domain profile with the income history spread over the months `from ..= to`.
    fn profile_over(&self, from: YearMonth, to: YearMonth) -> FeeProfile {
        let mut p = self.profile.clone();
        p.incomes = YearMonth::range(from, to)
            .filter_map(|m| {
                self.income_in(m).map(|(kind, amount_dong)| MonthlyIncome {
                    month: m,
                    kind,
                    amount_dong,
                })
            })
            .collect();
        p
    }

    /// The account from the first billed month (or `from`, if later) to `to`; `None` when
    /// nothing is billed in that range.
    pub fn statement(
        &self,
        from: Option<YearMonth>,
        to: YearMonth,
        schedule: &FeeSchedule,
        params: &FeeParams,
    ) -> Result<Option<FeeStatement>, FeeViolation> {
        let Some(start) = self.billing_from() else {
            return Ok(None);
        };
        let start = from.map_or(start, |f| f.max(start));
        if start > to {
            return Ok(None);
        }
        // Incomes from the month before the first billed one (QĐ 01/2026 bills on the
        // previous month's base) to the last month any payment covers.
        let first = start.prev().unwrap_or(start);
        let last = self
            .fee_payments
            .iter()
            .filter_map(|p| p.months.iter().max().copied())
            .chain([to])
            .max()
            .unwrap_or(to);
        // An earlier payment's months are billed too, on the base of the month before each.
        let earliest = self
            .fee_payments
            .iter()
            .filter_map(|p| p.months.iter().min().copied())
            .filter_map(YearMonth::prev)
            .chain([first])
            .min()
            .unwrap_or(first);
        let profile = self.profile_over(earliest, last);
        statement(&profile, &self.fee_payments, start, to, schedule, params).map(Some)
    }

    /// The statement with a payment added, to check it before it is written.
    pub fn with_payment(&self, p: FeePayment) -> Self {
        let mut a = self.clone();
        a.fee_payments.push(p);
        a
    }
}
