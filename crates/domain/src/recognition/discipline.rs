//! PRB-06: a probationary member can only be reprimanded or warned.

use serde::{Deserialize, Serialize};

use super::RuleViolation;

/// The disciplinary measures for a party member (REM-07).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisciplineKind {
    /// Khiển trách.
    Reprimand,
    /// Cảnh cáo.
    Warning,
    /// Cách chức.
    RemovalFromPost,
    /// Khai trừ.
    Expulsion,
}

impl DisciplineKind {
    pub const ALL: [Self; 4] = [
        Self::Reprimand,
        Self::Warning,
        Self::RemovalFromPost,
        Self::Expulsion,
    ];

    /// The Vietnamese name of the measure.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reprimand => "khiển trách",
            Self::Warning => "cảnh cáo",
            Self::RemovalFromPost => "cách chức",
            Self::Expulsion => "khai trừ",
        }
    }
}

/// PRB-06: a probationer may be reprimanded or warned, never removed from post or expelled.
pub fn check_probationer_discipline(kind: DisciplineKind) -> Result<(), RuleViolation> {
    match kind {
        DisciplineKind::Reprimand | DisciplineKind::Warning => Ok(()),
        DisciplineKind::RemovalFromPost | DisciplineKind::Expulsion => {
            Err(RuleViolation::ProbationerDiscipline { kind })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prb_06_a_probationer_may_be_reprimanded_or_warned() {
        assert_eq!(
            check_probationer_discipline(DisciplineKind::Reprimand),
            Ok(())
        );
        assert_eq!(
            check_probationer_discipline(DisciplineKind::Warning),
            Ok(())
        );
    }

    #[test]
    fn prb_06_expelling_or_removing_a_probationer_from_post_is_refused() {
        for kind in [DisciplineKind::RemovalFromPost, DisciplineKind::Expulsion] {
            let e = check_probationer_discipline(kind).unwrap_err();
            assert_eq!((e.rule(), e.code()), ("PRB-06", "probationer_discipline"));
            assert!(e.message().contains(kind.label()), "{}", e.message());
        }
        assert_eq!(
            DisciplineKind::ALL
                .iter()
                .filter(|k| check_probationer_discipline(**k).is_ok())
                .count(),
            2
        );
    }
}
