//! Why a meeting's score was refused: the rule, a stable code and a Vietnamese sentence.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeetingViolation {
    #[error("MTG-05: {points} points for {part}, over its maximum {max}")]
    ScorePartOverMax {
        part: &'static str,
        points: u32,
        max: u32,
    },
}

impl MeetingViolation {
    pub fn rule(&self) -> &'static str {
        "MTG-05"
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::ScorePartOverMax { .. } => "score_part_over_max",
        }
    }

    pub fn message(&self) -> String {
        let text = match self {
            Self::ScorePartOverMax { part, points, max } => {
                let label = match *part {
                    "preparation" => "Chuẩn bị",
                    "attendance" => "Tham dự",
                    "conduct" => "Tiến hành",
                    _ => "Kết thúc",
                };
                format!("Phần «{label}» được {points} điểm, vượt mức tối đa {max} điểm.")
            }
        };
        format!("{text} (Quy tắc {}.)", self.rule())
    }
}
