//! The configurable values of the meeting rules, with the rule catalogue's defaults (GEN-03).

use serde::{Deserialize, Serialize};

/// MTG-05: the points of each part of a meeting's score (a provincial scheme; Bình Thuận,
/// Phú Thọ, Tây Ninh), summing to 100 by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreWeights {
    #[serde(rename = "score_weight_preparation")]
    pub preparation: u32,
    #[serde(rename = "score_weight_attendance")]
    pub attendance: u32,
    #[serde(rename = "score_weight_conduct")]
    pub conduct: u32,
    #[serde(rename = "score_weight_conclusion")]
    pub conclusion: u32,
}

/// MTG-05: lowest scores of the good, fair and average grades; below `average` is weak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreBands {
    #[serde(rename = "score_band_good")]
    pub good: u32,
    #[serde(rename = "score_band_fair")]
    pub fair: u32,
    #[serde(rename = "score_band_average")]
    pub average: u32,
}

/// Settings of the meeting rules. `Default` gives the rule catalogue's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingParams {
    /// MTG-01: regular meetings required per month per cell.
    pub regular_per_month: u32,
    /// MTG-01: whole-organisation meetings per year of a grassroots committee.
    pub general_per_year: u32,
    /// MTG-01: an online meeting counts only where piloted.
    pub online_allowed: bool,
    /// MTG-03: leave temporarily exempted members (AWY-01) out of the base. Exempted (EXM-03)
    /// and in-transit (TRF-03) members are always out: those rules are not configurable.
    pub exclude_temporarily_exempted: bool,
    /// MTG-03: leave members on a temporary transfer out of the home cell's base (they are in
    /// the host's as arrivals).
    pub exclude_temporarily_out: bool,
    /// MTG-02: thematic meetings required per quarter.
    pub thematic_per_quarter: u32,
    /// MTG-04: attendance must be strictly above this percentage of the base (recheck the
    /// 85%, rules.md §15.5).
    pub min_attendance_pct: u32,
    /// MTG-04: most unexcused absences a good meeting may have.
    pub max_unexcused: u32,
    /// MTG-04: shortest good meeting, in minutes.
    pub min_duration_min: u32,
    /// MTG-06: an absence recorded without a reason is unexcused.
    pub missing_reason_is_unexcused: bool,
    /// MTG-05: points per part.
    #[serde(flatten)]
    pub weights: ScoreWeights,
    /// MTG-05: grade bands.
    #[serde(flatten)]
    pub bands: ScoreBands,
    /// MTG-05: good meetings a good year needs, beside all being fair or better.
    pub year_good_min: u32,
}

impl Default for MeetingParams {
    fn default() -> Self {
        Self {
            regular_per_month: 1,
            general_per_year: 2,
            online_allowed: false,
            exclude_temporarily_exempted: true,
            exclude_temporarily_out: true,
            thematic_per_quarter: 1,
            min_attendance_pct: 85,
            max_unexcused: 0,
            min_duration_min: 90,
            missing_reason_is_unexcused: true,
            weights: ScoreWeights {
                preparation: 15,
                attendance: 20,
                conduct: 45,
                conclusion: 20,
            },
            bands: ScoreBands {
                good: 90,
                fair: 70,
                average: 50,
            },
            year_good_min: 7,
        }
    }
}
