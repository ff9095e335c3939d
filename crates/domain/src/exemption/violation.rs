//! Why an exemption step was refused: the rule, a stable code and a Vietnamese sentence.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExemptionViolation {
    #[error("EXM-01: exemption needs the member's own request")]
    NotRequested,
    #[error(
        "EXM-01: aged {age_years} (old age from {min_age_years}) with {treatment_months} months of treatment and no medical records"
    )]
    NoGround {
        age_years: u32,
        min_age_years: u32,
        treatment_months: u32,
    },
    #[error("EXM-01: both old age and poor health are required")]
    NeedsAgeAndHealth,
    #[error("EXM-02: the decision needs the cell's resolution reference")]
    NoResolution,
    #[error("EXM-02: resuming activity needs the member's request")]
    ResumeNotRequested,
}

impl ExemptionViolation {
    pub fn rule(&self) -> &'static str {
        match self {
            Self::NotRequested | Self::NoGround { .. } | Self::NeedsAgeAndHealth => "EXM-01",
            Self::NoResolution | Self::ResumeNotRequested => "EXM-02",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::NotRequested => "not_requested",
            Self::NoGround { .. } => "no_ground",
            Self::NeedsAgeAndHealth => "needs_age_and_health",
            Self::NoResolution => "no_resolution",
            Self::ResumeNotRequested => "resume_not_requested",
        }
    }

    pub fn message(&self) -> String {
        let text = match self {
            Self::NotRequested => {
                "Miễn công tác và sinh hoạt đảng phải do đảng viên tự đề nghị (bằng văn bản hoặc trực tiếp).".to_owned()
            }
            Self::NoGround {
                age_years,
                min_age_years,
                treatment_months,
            } => format!(
                "Chưa đủ điều kiện: {} tuổi (tuổi cao từ {} tuổi), điều trị {} tháng và không có hồ sơ bệnh án.",
                age_years, min_age_years, treatment_months
            ),
            Self::NeedsAgeAndHealth => {
                "Cần đủ cả hai điều kiện tuổi cao và sức khỏe yếu.".to_owned()
            }
            Self::NoResolution => {
                "Quyết định miễn công tác và sinh hoạt đảng phải có số nghị quyết của chi bộ.".to_owned()
            }
            Self::ResumeNotRequested => {
                "Đảng viên trở lại sinh hoạt khi có đề nghị của chính đảng viên.".to_owned()
            }
        };
        format!("{text} (Quy tắc {}.)", self.rule())
    }
}
