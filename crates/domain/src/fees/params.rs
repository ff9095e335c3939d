//! The configurable values of the fee rules, with the rule catalogue's defaults.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error as _};

use crate::month::YearMonth;

/// Settings of the fee rules (FEE-01, FEE-03, FEE-04). `Default` gives the catalogue's values;
/// a deployment loads those in force (GEN-03) and passes them in. The regimes themselves
/// (source texts, validity, flat amounts) live in [`super::FeeSchedule`]; the rates and the
/// start month of QĐ 01/2026 set here are laid over it by [`FeeParams::apply_to`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeParams {
    /// FEE-01: the insured member's rate under QĐ 01/2026, in basis points (1% = 100).
    #[serde(rename = "rate_insured", with = "percent_text")]
    pub rate_insured_bp: u32,
    /// FEE-01: the uninsured pensioner's rate under QĐ 01/2026, in basis points.
    #[serde(rename = "rate_pension", with = "percent_text")]
    pub rate_pension_bp: u32,
    /// GEN-03: the first month billed under QĐ 01/2026 (the months before under QĐ 342).
    #[serde(rename = "fee_rule_from")]
    pub rule_from: YearMonth,
    /// FEE-03: party age, in completed years, from which no fee is due (from the next month).
    pub exempt_party_age_years: u32,
    /// FEE-04: the reductions a hardship decision may grant, in percent (100 = exemption).
    #[serde(with = "percent_list")]
    pub reduction_options_pct: Vec<u32>,
    /// FEE-04: the longest a hardship decision may run, in months.
    pub reduction_max_months: u32,
}

/// The key of the QĐ 01/2026 regime in the shipped schedule.
pub const CURRENT_REGIME: &str = "qd_01_2026";

impl Default for FeeParams {
    fn default() -> Self {
        Self {
            rate_insured_bp: 100,
            rate_pension_bp: 50,
            rule_from: YearMonth::new(2026, 3).unwrap_or(YearMonth::of(chrono::NaiveDate::MIN)),
            exempt_party_age_years: 50,
            reduction_options_pct: vec![30, 50, 70, 100],
            reduction_max_months: 12,
        }
    }
}

impl FeeParams {
    /// The regimes of `schedule` with this QĐ 01/2026 rate and start month: the
    /// [`CURRENT_REGIME`] takes the rates and starts on `rule_from`'s first day, and the regime
    /// that ended the day before it did now ends the day before `rule_from`. A schedule without
    /// that regime is returned as it is.
    pub fn apply_to(
        &self,
        schedule: &super::FeeSchedule,
    ) -> Result<super::FeeSchedule, super::FeeViolation> {
        let mut versions = schedule.versions().to_vec();
        let Some(i) = versions.iter().position(|v| v.key == CURRENT_REGIME) else {
            return Ok(schedule.clone());
        };
        let old_start = versions[i].valid_from;
        let new_start = self.rule_from.first_day();
        for v in &mut versions {
            if v.valid_to
                .is_some_and(|to| to.succ_opt() == Some(old_start))
            {
                v.valid_to = new_start.pred_opt();
            }
        }
        let current = &mut versions[i];
        current.valid_from = new_start;
        current.insured_bp = self.rate_insured_bp;
        current.pension_bp = self.rate_pension_bp;
        super::FeeSchedule::new(versions)
    }
}

/// The regimes of `base` as fee settings that change over time lay them (GEN-03): `steps`
/// gives, in order of day, each day from which a set of values applies (the first one applies
/// before its day too). Each stretch between two steps takes the regimes of its values'
/// [`FeeParams::apply_to`], so a month is billed by the rates in force on its first day.
pub fn schedule_over(
    base: &super::FeeSchedule,
    steps: &[(chrono::NaiveDate, FeeParams)],
) -> Result<super::FeeSchedule, super::FeeViolation> {
    let mut pieces: Vec<super::RateVersion> = Vec::new();
    for (i, (_, params)) in steps.iter().enumerate() {
        let from = if i == 0 { None } else { Some(steps[i].0) };
        let to = steps.get(i + 1).and_then(|(next, _)| next.pred_opt());
        for v in params.apply_to(base)?.versions() {
            let start = from.map_or(v.valid_from, |f| f.max(v.valid_from));
            let end = match (v.valid_to, to) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if end.is_some_and(|e| e < start) {
                continue;
            }
            let piece = super::RateVersion {
                valid_from: start,
                valid_to: end,
                ..v.clone()
            };
            // A piece continuing the previous one unchanged is merged into it.
            match pieces.last_mut() {
                Some(last)
                    if last.valid_to.and_then(|t| t.succ_opt()) == Some(start)
                        && super::RateVersion {
                            valid_from: start,
                            valid_to: end,
                            ..last.clone()
                        } == piece =>
                {
                    last.valid_to = end;
                }
                _ => pieces.push(piece),
            }
        }
    }
    super::FeeSchedule::new(pieces)
}

/// A rate in basis points as the percentage text settings show ("1%", "0.5%", "0.25%").
pub fn percent_bp_text(bp: u32) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    match frac {
        0 => format!("{whole}%"),
        f if f % 10 == 0 => format!("{whole}.{}%", f / 10),
        f => format!("{whole}.{f:02}%"),
    }
}

/// Reads a percentage from 0 to 100 with at most two decimals (a dot or a comma, an optional
/// `%`) as basis points.
pub fn parse_percent_bp(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches('%').trim();
    let (whole, frac) = s.split_once(['.', ',']).unwrap_or((s, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return None;
    }
    if s.contains(['.', ',']) && frac.is_empty() {
        return None;
    }
    let bp = whole.parse::<u32>().ok()? * 100 + format!("{frac:0<2}").parse::<u32>().ok()?;
    (bp <= 10_000).then_some(bp)
}

/// Reads a list of whole percentages from 1 to 100 separated by commas, none twice, sorted.
pub fn parse_percent_list(s: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let p = part.trim().trim_end_matches('%').trim();
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = p.parse().ok()?;
        if n == 0 || n > 100 || out.contains(&n) {
            return None;
        }
        out.push(n);
    }
    out.sort_unstable();
    Some(out)
}

mod percent_text {
    use super::*;

    pub fn serialize<S: Serializer>(bp: &u32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&percent_bp_text(*bp))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let t = String::deserialize(d)?;
        parse_percent_bp(&t).ok_or_else(|| D::Error::custom(format!("not a percentage: {t}")))
    }
}

mod percent_list {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let parts: Vec<String> = v.iter().map(u32::to_string).collect();
        s.serialize_str(&parts.join(","))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        let t = String::deserialize(d)?;
        parse_percent_list(&t)
            .ok_or_else(|| D::Error::custom(format!("not a percentage list: {t}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fees::shipped_schedule;

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn gen_03_the_default_overlay_leaves_the_shipped_schedule_unchanged() {
        let s = shipped_schedule();
        assert_eq!(FeeParams::default().apply_to(&s).unwrap(), s);
    }

    #[test]
    fn gen_03_fee_01_the_qd_01_2026_start_month_and_rates_move_the_regime_boundary() {
        let p = FeeParams {
            rule_from: ym(2026, 5),
            rate_insured_bp: 150,
            ..FeeParams::default()
        };
        let s = p.apply_to(&shipped_schedule()).unwrap();
        assert_eq!(s.for_month(ym(2026, 4)).unwrap().key, "qd_342_2010");
        let may = s.for_month(ym(2026, 5)).unwrap();
        assert_eq!((may.key.as_str(), may.insured_bp), (CURRENT_REGIME, 150));
        // Before QĐ 342 started, the move is refused as overlapping.
        let early = FeeParams {
            rule_from: ym(2010, 1),
            ..FeeParams::default()
        };
        assert!(early.apply_to(&shipped_schedule()).is_err());
    }

    #[test]
    fn gen_03_fee_01_a_rate_set_from_a_day_bills_the_months_from_that_day_only() {
        let day = |y, m| chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        let base = shipped_schedule();
        let raised = FeeParams {
            rate_insured_bp: 150,
            ..FeeParams::default()
        };
        let s = schedule_over(
            &base,
            &[(day(1900, 1), FeeParams::default()), (day(2026, 6), raised)],
        )
        .unwrap();
        assert_eq!(s.for_month(ym(2026, 1)).unwrap().key, "qd_342_2010");
        assert_eq!(s.for_month(ym(2026, 5)).unwrap().insured_bp, 100);
        assert_eq!(s.for_month(ym(2026, 6)).unwrap().insured_bp, 150);
        assert_eq!(s.for_month(ym(2030, 1)).unwrap().insured_bp, 150);
        // One step of defaults is the shipped schedule itself.
        let same = schedule_over(&base, &[(day(1900, 1), FeeParams::default())]).unwrap();
        assert_eq!(same, base);
        // A start month set from before the new rule moves the boundary.
        let later = FeeParams {
            rule_from: ym(2026, 5),
            ..FeeParams::default()
        };
        let s = schedule_over(
            &base,
            &[(day(1900, 1), FeeParams::default()), (day(2026, 2), later)],
        )
        .unwrap();
        assert_eq!(s.for_month(ym(2026, 4)).unwrap().key, "qd_342_2010");
        assert_eq!(s.for_month(ym(2026, 5)).unwrap().key, CURRENT_REGIME);
    }

    #[test]
    fn percentages_print_and_parse_back() {
        for bp in [0, 50, 100, 125, 10_000] {
            assert_eq!(parse_percent_bp(&percent_bp_text(bp)), Some(bp));
        }
        assert_eq!(parse_percent_bp("0,5"), Some(50));
        assert_eq!(parse_percent_bp("101"), None);
        assert_eq!(parse_percent_bp("1."), None);
        assert_eq!(parse_percent_list("70, 30,100"), Some(vec![30, 70, 100]));
        assert_eq!(parse_percent_list("30,30"), None);
        assert_eq!(parse_percent_list("0"), None);
        assert_eq!(parse_percent_list(""), None);
    }
}
