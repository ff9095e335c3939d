//! MTG-05: where a province scores meetings, 100 points in four parts give a grade, and a year
//! of grades is good when all are fair or better and enough are good (a local scheme:
//! Bình Thuận, Phú Thọ, Tây Ninh 2018-QĐ/TU; unconfirmed centrally).

use serde::{Deserialize, Serialize};

use super::{MeetingParams, MeetingViolation};

/// MTG-05: the parts a good meeting must score in full.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FullMarks {
    pub attendance: bool,
    pub duration: bool,
    pub participation: bool,
    pub minutes: bool,
}

impl FullMarks {
    pub fn all(self) -> bool {
        self.attendance && self.duration && self.participation && self.minutes
    }
}

/// One meeting's score, in whole points per part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingScore {
    pub preparation: u32,
    pub attendance: u32,
    pub conduct: u32,
    pub conclusion: u32,
    pub full_marks: FullMarks,
}

/// The grade of a scored meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingGrade {
    Weak,
    Average,
    Fair,
    Good,
}

impl MeetingGrade {
    pub fn code(self) -> &'static str {
        match self {
            Self::Weak => "weak",
            Self::Average => "average",
            Self::Fair => "fair",
            Self::Good => "good",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "weak" => Some(Self::Weak),
            "average" => Some(Self::Average),
            "fair" => Some(Self::Fair),
            "good" => Some(Self::Good),
            _ => None,
        }
    }
}

/// MTG-05: the grade of `score`. A score of 90+ without full marks in attendance, duration,
/// participation and minutes is fair (the rules do not say; the next band down is the
/// reading that keeps the bands ordered). A part above its weight is refused.
pub fn grade(
    score: &MeetingScore,
    params: &MeetingParams,
) -> Result<MeetingGrade, MeetingViolation> {
    let w = &params.weights;
    for (part, points, max) in [
        ("preparation", score.preparation, w.preparation),
        ("attendance", score.attendance, w.attendance),
        ("conduct", score.conduct, w.conduct),
        ("conclusion", score.conclusion, w.conclusion),
    ] {
        if points > max {
            return Err(MeetingViolation::ScorePartOverMax { part, points, max });
        }
    }
    let total = score.preparation + score.attendance + score.conduct + score.conclusion;
    let b = &params.bands;
    Ok(if total >= b.good && score.full_marks.all() {
        MeetingGrade::Good
    } else if total >= b.fair {
        MeetingGrade::Fair
    } else if total >= b.average {
        MeetingGrade::Average
    } else {
        MeetingGrade::Weak
    })
}

/// MTG-05: a year is good when every meeting is fair or better and at least `year_good_min`
/// are good.
pub fn year_is_good(grades: &[MeetingGrade], params: &MeetingParams) -> bool {
    let good = grades.iter().filter(|g| **g == MeetingGrade::Good).count();
    grades.iter().all(|g| *g >= MeetingGrade::Fair)
        && u32::try_from(good).is_ok_and(|n| n >= params.year_good_min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> FullMarks {
        FullMarks {
            attendance: true,
            duration: true,
            participation: true,
            minutes: true,
        }
    }

    fn score(preparation: u32, attendance: u32, conduct: u32, conclusion: u32) -> MeetingScore {
        MeetingScore {
            preparation,
            attendance,
            conduct,
            conclusion,
            full_marks: full(),
        }
    }

    #[test]
    fn mtg_05_scores_fall_into_the_bands() {
        let p = MeetingParams::default();
        let g = |s: MeetingScore| grade(&s, &p).unwrap();
        assert_eq!(g(score(15, 20, 40, 15)), MeetingGrade::Good); // 90
        assert_eq!(g(score(15, 20, 39, 15)), MeetingGrade::Fair); // 89
        assert_eq!(g(score(10, 15, 30, 15)), MeetingGrade::Fair); // 70
        assert_eq!(g(score(10, 15, 29, 15)), MeetingGrade::Average); // 69
        assert_eq!(g(score(10, 10, 20, 10)), MeetingGrade::Average); // 50
        assert_eq!(g(score(10, 10, 19, 10)), MeetingGrade::Weak); // 49
        // 100 points but duration not in full: fair.
        let short = MeetingScore {
            full_marks: FullMarks {
                duration: false,
                ..full()
            },
            ..score(15, 20, 45, 20)
        };
        assert_eq!(g(short), MeetingGrade::Fair);
        let e = grade(&score(16, 20, 45, 20), &p).unwrap_err();
        assert_eq!(
            e,
            MeetingViolation::ScorePartOverMax {
                part: "preparation",
                points: 16,
                max: 15
            }
        );
        assert_eq!((e.rule(), e.code()), ("MTG-05", "score_part_over_max"));
        assert!(e.message().contains("Chuẩn bị"));
        assert_eq!(
            MeetingGrade::parse(MeetingGrade::Average.code()),
            Some(MeetingGrade::Average)
        );
    }

    #[test]
    fn mtg_05_seven_good_and_five_fair_make_a_good_year_one_average_does_not() {
        let p = MeetingParams::default();
        let year = |good: usize, fair: usize, average: usize| {
            let mut v = vec![MeetingGrade::Good; good];
            v.extend(vec![MeetingGrade::Fair; fair]);
            v.extend(vec![MeetingGrade::Average; average]);
            v
        };
        assert!(year_is_good(&year(7, 5, 0), &p));
        assert!(!year_is_good(&year(8, 3, 1), &p));
        assert!(!year_is_good(&year(6, 6, 0), &p));
        let stricter = MeetingParams {
            year_good_min: 8,
            ..p
        };
        assert!(!year_is_good(&year(7, 5, 0), &stricter));
    }
}
