//! TRF-06: members abroad. A long stay without a local party organisation puts the member under
//! the overseas committee's guidance, and enough official members posted together form a cell.

use serde::{Deserialize, Serialize};

use super::TransferParams;

/// Who guides a member going abroad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbroadGuidance {
    /// Shorter than TRF-06's threshold: the home cell keeps the member (temporary exemption
    /// or transfer rules apply as at home).
    HomeCell,
    /// A party organisation exists where the member goes: activity continues there.
    LocalOrganisation,
    /// 12+ months with no local organisation: guided by the overseas committee.
    OverseasCommittee,
}

impl AbroadGuidance {
    pub fn code(self) -> &'static str {
        match self {
            Self::HomeCell => "home_cell",
            Self::LocalOrganisation => "local_organisation",
            Self::OverseasCommittee => "overseas_committee",
        }
    }
}

/// TRF-06: who guides a member abroad for `planned_months`.
pub fn classify_abroad(
    planned_months: u32,
    has_local_organisation: bool,
    params: &TransferParams,
) -> AbroadGuidance {
    if planned_months < params.abroad_min_months {
        AbroadGuidance::HomeCell
    } else if has_local_organisation {
        AbroadGuidance::LocalOrganisation
    } else {
        AbroadGuidance::OverseasCommittee
    }
}

/// TRF-06: official members posted together for a long stay may form an overseas cell (the
/// prompt "form overseas cell").
pub fn may_form_overseas_cell(
    official_members_together: u32,
    planned_months: u32,
    params: &TransferParams,
) -> bool {
    planned_months >= params.abroad_min_months
        && official_members_together >= params.abroad_cell_min_official
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trf_06_a_year_abroad_without_a_local_organisation_goes_to_the_overseas_committee() {
        let p = TransferParams::default();
        assert_eq!(
            classify_abroad(12, false, &p),
            AbroadGuidance::OverseasCommittee
        );
        assert_eq!(
            classify_abroad(24, true, &p),
            AbroadGuidance::LocalOrganisation
        );
        assert_eq!(classify_abroad(11, false, &p), AbroadGuidance::HomeCell);
        assert_eq!(classify_abroad(11, false, &p).code(), "home_cell");
    }

    #[test]
    fn trf_06_three_official_members_posted_together_for_24_months_may_form_a_cell() {
        let p = TransferParams::default();
        assert!(may_form_overseas_cell(3, 24, &p));
        assert!(!may_form_overseas_cell(2, 24, &p));
        assert!(!may_form_overseas_cell(3, 11, &p));
        let four = TransferParams {
            abroad_cell_min_official: 4,
            ..p
        };
        assert!(!may_form_overseas_cell(3, 24, &four));
    }
}
