//! The party-awareness class certificate (ADM-04): held at the cell vote and no older than
//! the validity period then.

use chrono::NaiveDate;

use super::{AdmissionParams, RuleViolation};
use crate::dates::add_months;

/// ADM-04: a certificate issued on `issued_on` is valid for a vote up to and including the day
/// `awareness_cert_valid_months` later (issued 2020-04-01: valid on 2025-04-01, not on
/// 2025-04-02). Its issuer is free data and not checked here.
pub fn check_awareness_certificate(
    issued_on: Option<NaiveDate>,
    vote_on: NaiveDate,
    params: &AdmissionParams,
) -> Result<(), RuleViolation> {
    let issued_on = issued_on.ok_or(RuleViolation::NoAwarenessCertificate)?;
    if issued_on > vote_on {
        return Err(RuleViolation::AwarenessCertificateAfterVote { issued_on });
    }
    match add_months(issued_on, params.awareness_cert_valid_months) {
        Some(valid_until) if vote_on > valid_until => {
            Err(RuleViolation::AwarenessCertificateExpired {
                issued_on,
                valid_until,
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn adm_04_a_certificate_is_valid_60_months_to_the_day() {
        let params = AdmissionParams::default();
        let issued = Some(d(2020, 4, 1));
        assert_eq!(
            check_awareness_certificate(issued, d(2025, 4, 1), &params),
            Ok(())
        );
        let e = check_awareness_certificate(issued, d(2025, 4, 2), &params).unwrap_err();
        assert_eq!(
            e,
            RuleViolation::AwarenessCertificateExpired {
                issued_on: d(2020, 4, 1),
                valid_until: d(2025, 4, 1)
            }
        );
        assert_eq!(
            (e.rule(), e.code()),
            ("ADM-04", "awareness_certificate_expired")
        );
        assert!(e.message().contains("01/04/2025"));
    }

    #[test]
    fn adm_04_needs_a_certificate_held_at_the_vote() {
        let params = AdmissionParams::default();
        assert_eq!(
            check_awareness_certificate(None, d(2025, 4, 1), &params),
            Err(RuleViolation::NoAwarenessCertificate)
        );
        assert_eq!(
            check_awareness_certificate(Some(d(2025, 4, 2)), d(2025, 4, 1), &params),
            Err(RuleViolation::AwarenessCertificateAfterVote {
                issued_on: d(2025, 4, 2)
            })
        );
    }

    #[test]
    fn adm_04_the_validity_period_is_a_setting() {
        let params = AdmissionParams {
            awareness_cert_valid_months: 36,
            ..AdmissionParams::default()
        };
        assert!(check_awareness_certificate(Some(d(2020, 4, 1)), d(2023, 4, 2), &params).is_err());
        assert!(check_awareness_certificate(Some(d(2020, 4, 1)), d(2023, 4, 1), &params).is_ok());
    }
}
