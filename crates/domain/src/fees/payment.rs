//! Fee payments (FEE-05): the months a payment covers, how it was paid and by whom.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::FeeViolation;
use crate::month::YearMonth;

/// FEE-05: how a fee reached the party organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentChannel {
    /// Cash handed to the cell's collector.
    Cash,
    /// Online through the National Public Service Portal (Cổng Dịch vụ công Quốc gia).
    NationalPortal,
    /// A bank transfer to the organisation's account.
    BankTransfer,
}

impl PaymentChannel {
    pub const ALL: &'static [PaymentChannel] =
        &[Self::Cash, Self::NationalPortal, Self::BankTransfer];

    pub fn code(self) -> &'static str {
        match self {
            Self::Cash => "cash",
            Self::NationalPortal => "national_portal",
            Self::BankTransfer => "bank_transfer",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.code() == code.trim())
    }
}

/// FEE-05: who paid: the member, or someone on their behalf (a relative, the collector).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payer {
    Member,
    OnBehalf { name: String },
}

/// One payment, in whole đồng, for one or more months (ahead or in arrears).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeePayment {
    pub paid_on: NaiveDate,
    pub months: Vec<YearMonth>,
    pub amount_dong: u64,
    pub channel: PaymentChannel,
    pub payer: Payer,
}

/// FEE-05: a payment records the months it covers (each once), a positive amount and a named
/// payer when not the member.
pub fn check_payment(p: &FeePayment) -> Result<(), FeeViolation> {
    if p.months.is_empty() {
        return Err(FeeViolation::PaymentWithoutMonths);
    }
    let mut months = p.months.clone();
    months.sort();
    if let Some(w) = months.windows(2).find(|w| w[0] == w[1]) {
        return Err(FeeViolation::PaymentMonthRepeated { month: w[0] });
    }
    if p.amount_dong == 0 {
        return Err(FeeViolation::PaymentAmountZero);
    }
    if let Payer::OnBehalf { name } = &p.payer
        && name.trim().is_empty()
    {
        return Err(FeeViolation::PayerNameMissing);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    fn portal(months: Vec<YearMonth>, amount_dong: u64) -> FeePayment {
        FeePayment {
            paid_on: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
            months,
            amount_dong,
            channel: PaymentChannel::NationalPortal,
            payer: Payer::Member,
        }
    }

    #[test]
    fn fee_05_a_payment_names_its_months_amount_and_payer() {
        assert_eq!(
            check_payment(&portal(vec![ym(2026, 3), ym(2026, 4)], 10_000)),
            Ok(())
        );
        let e = check_payment(&portal(vec![], 10_000)).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("FEE-05", "payment_without_months"));
        assert_eq!(
            check_payment(&portal(vec![ym(2026, 3), ym(2026, 3)], 10_000)),
            Err(FeeViolation::PaymentMonthRepeated { month: ym(2026, 3) })
        );
        assert_eq!(
            check_payment(&portal(vec![ym(2026, 3)], 0)),
            Err(FeeViolation::PaymentAmountZero)
        );
        let anonymous = FeePayment {
            payer: Payer::OnBehalf {
                name: " ".to_owned(),
            },
            ..portal(vec![ym(2026, 3)], 5_000)
        };
        assert_eq!(
            check_payment(&anonymous),
            Err(FeeViolation::PayerNameMissing)
        );
    }

    #[test]
    fn fee_05_channels_round_trip_through_their_codes() {
        for c in PaymentChannel::ALL {
            assert_eq!(PaymentChannel::parse(c.code()), Some(*c));
        }
        assert_eq!(PaymentChannel::parse("cheque"), None);
    }
}
