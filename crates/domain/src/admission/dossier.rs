//! The dossier before the admission decision: the background check's conclusion (ADM-07),
//! the comment summary (ADM-08), who may decide (ADM-12) and the complete dossier (ADM-15).

use serde::{Deserialize, Serialize};

use super::RuleViolation;

/// ADM-07: the relatives whose background the grassroots committee verifies. Siblings and
/// minor children are not among them.
pub const VERIFIED_RELATIONS: &[&str] = &[
    "birth_parents",
    "parents_in_law",
    "carers",
    "spouse",
    "adult_children",
];

/// ADM-08: why the comment summary (5-KNĐ) may be missing: the applicant belongs to no
/// socio-political organisation and lives where the cell itself works, so no other body has
/// anything to comment on. A design reading; the rule says only "unless an exception applies".
pub const COMMENT_EXCEPTIONS: &[&str] = &["no_organisation_same_residence"];

fn present(s: Option<&str>) -> bool {
    s.is_some_and(|s| !s.trim().is_empty())
}

/// ADM-07: a verification is certified only with a conclusion.
pub fn check_verification(conclusion: Option<&str>) -> Result<(), RuleViolation> {
    if present(conclusion) {
        Ok(())
    } else {
        Err(RuleViolation::VerificationWithoutConclusion)
    }
}

/// ADM-08: before the cell votes, the comment summary is recorded (its reference) or an
/// exception from [`COMMENT_EXCEPTIONS`] applies.
pub fn check_comments(
    summary_ref: Option<&str>,
    exception: Option<&str>,
) -> Result<(), RuleViolation> {
    let excepted = exception.is_some_and(|e| COMMENT_EXCEPTIONS.contains(&e.trim()));
    if present(summary_ref) || excepted {
        Ok(())
    } else {
        Err(RuleViolation::NoCommentSummary)
    }
}

/// ADM-12: who signs the admission decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidingBody {
    /// The grassroots committee, as a full committee, when the power was delegated to it.
    GrassrootsCommittee,
    /// The standing committee of the superior level (since July 2025 the commune or ward).
    SuperiorStandingCommittee,
}

impl DecidingBody {
    pub const CODES: &'static [&'static str] =
        &["grassroots_committee", "superior_standing_committee"];

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "grassroots_committee" => Some(Self::GrassrootsCommittee),
            "superior_standing_committee" => Some(Self::SuperiorStandingCommittee),
            _ => None,
        }
    }
}

/// ADM-12: a grassroots committee decides only with the delegation of admission power
/// recorded (its reference); the superior standing committee always may.
pub fn check_decision_authority(
    body: DecidingBody,
    delegation_ref: Option<&str>,
) -> Result<(), RuleViolation> {
    match body {
        DecidingBody::GrassrootsCommittee if !present(delegation_ref) => {
            Err(RuleViolation::DecisionWithoutDelegation)
        }
        _ => Ok(()),
    }
}

/// One item of the admission dossier (ADM-15), in the order of the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierItem {
    /// The awareness-class certificate.
    Certificate,
    /// The application (1-KNĐ).
    Application,
    /// The verified biography (2-KNĐ).
    Biography,
    /// The sponsor letters (3-KNĐ/3A).
    SponsorLetters,
    /// The endorsement resolution (4-KNĐ), when one replaces a sponsor.
    Endorsement,
    /// The comment summary (5-KNĐ), unless an ADM-08 exception applies.
    CommentSummary,
    /// The cell's resolution (6-KNĐ).
    CellResolution,
    /// The grassroots committee's resolution (8-KNĐ).
    CommitteeResolution,
}

impl DossierItem {
    pub const ALL: &'static [DossierItem] = &[
        Self::Certificate,
        Self::Application,
        Self::Biography,
        Self::SponsorLetters,
        Self::Endorsement,
        Self::CommentSummary,
        Self::CellResolution,
        Self::CommitteeResolution,
    ];
    pub const CODES: &'static [&'static str] = &[
        "certificate",
        "application",
        "biography",
        "sponsor_letters",
        "endorsement",
        "comment_summary",
        "cell_resolution",
        "committee_resolution",
    ];

    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL.iter().copied().find(|i| i.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Certificate => "certificate",
            Self::Application => "application",
            Self::Biography => "biography",
            Self::SponsorLetters => "sponsor_letters",
            Self::Endorsement => "endorsement",
            Self::CommentSummary => "comment_summary",
            Self::CellResolution => "cell_resolution",
            Self::CommitteeResolution => "committee_resolution",
        }
    }

    /// The Vietnamese name with the form's code.
    pub fn label(self) -> &'static str {
        match self {
            Self::Certificate => "giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
            Self::Application => "đơn xin vào Đảng (1-KNĐ)",
            Self::Biography => "lý lịch đã thẩm tra (2-KNĐ)",
            Self::SponsorLetters => "giấy giới thiệu (3-KNĐ)",
            Self::Endorsement => "nghị quyết giới thiệu của Đoàn hoặc Công đoàn (4-KNĐ)",
            Self::CommentSummary => "tổng hợp ý kiến nhận xét (5-KNĐ)",
            Self::CellResolution => "nghị quyết của chi bộ (6-KNĐ)",
            Self::CommitteeResolution => "nghị quyết của đảng ủy cơ sở (8-KNĐ)",
        }
    }
}

/// The document references of a candidate's dossier as recorded; blank counts as missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dossier {
    pub certificate: Option<String>,
    pub application: Option<String>,
    pub biography: Option<String>,
    pub sponsor_letters: Option<String>,
    /// Whether an endorsement stands in for a sponsor, and its reference.
    pub endorsement_needed: bool,
    pub endorsement: Option<String>,
    pub comment_summary: Option<String>,
    /// An ADM-08 exception, standing in for the comment summary.
    pub comment_exception: Option<String>,
    pub cell_resolution: Option<String>,
    pub committee_resolution: Option<String>,
}

/// ADM-15: the items the dossier still lacks, in form order; empty when complete.
pub fn missing_dossier_items(d: &Dossier) -> Vec<DossierItem> {
    use DossierItem as I;
    let comments = check_comments(d.comment_summary.as_deref(), d.comment_exception.as_deref());
    [
        (I::Certificate, present(d.certificate.as_deref())),
        (I::Application, present(d.application.as_deref())),
        (I::Biography, present(d.biography.as_deref())),
        (I::SponsorLetters, present(d.sponsor_letters.as_deref())),
        (
            I::Endorsement,
            !d.endorsement_needed || present(d.endorsement.as_deref()),
        ),
        (I::CommentSummary, comments.is_ok()),
        (I::CellResolution, present(d.cell_resolution.as_deref())),
        (
            I::CommitteeResolution,
            present(d.committee_resolution.as_deref()),
        ),
    ]
    .into_iter()
    .filter_map(|(item, ok)| (!ok).then_some(item))
    .collect()
}

/// ADM-15: the decision needs a complete dossier; the refusal lists what is missing.
pub fn check_dossier(d: &Dossier) -> Result<(), RuleViolation> {
    let missing = missing_dossier_items(d);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(RuleViolation::DossierIncomplete { missing })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn complete() -> Dossier {
        let r = |s: &str| Some(s.to_owned());
        Dossier {
            certificate: r("GCN-1"),
            application: r("1-KNĐ"),
            biography: r("2-KNĐ"),
            sponsor_letters: r("3-KNĐ"),
            endorsement_needed: false,
            endorsement: None,
            comment_summary: r("5-KNĐ"),
            comment_exception: None,
            cell_resolution: r("6-KNĐ"),
            committee_resolution: r("8-KNĐ"),
        }
    }

    #[test]
    fn adm_15_a_dossier_without_the_verified_biography_is_incomplete() {
        assert_eq!(missing_dossier_items(&complete()), []);
        assert_eq!(check_dossier(&complete()), Ok(()));
        let d = Dossier {
            biography: Some("  ".into()),
            ..complete()
        };
        assert_eq!(missing_dossier_items(&d), [DossierItem::Biography]);
        let e = check_dossier(&d).unwrap_err();
        assert_eq!((e.rule(), e.code()), ("ADM-15", "dossier_incomplete"));
        assert!(e.message().contains("lý lịch đã thẩm tra (2-KNĐ)"));
    }

    #[test]
    fn adm_15_an_endorsement_is_needed_only_when_it_replaces_a_sponsor() {
        let d = Dossier {
            endorsement_needed: true,
            committee_resolution: None,
            ..complete()
        };
        assert_eq!(
            missing_dossier_items(&d),
            [DossierItem::Endorsement, DossierItem::CommitteeResolution]
        );
        let d = Dossier {
            endorsement: Some("NQ-12/ĐTN".into()),
            ..d
        };
        assert_eq!(
            missing_dossier_items(&d),
            [DossierItem::CommitteeResolution]
        );
    }

    #[test]
    fn adm_08_a_comment_exception_stands_in_for_the_summary() {
        assert_eq!(
            check_comments(None, None),
            Err(RuleViolation::NoCommentSummary)
        );
        assert_eq!(
            check_comments(None, Some("unknown")),
            Err(RuleViolation::NoCommentSummary)
        );
        assert_eq!(check_comments(Some("5-KNĐ/12"), None), Ok(()));
        assert_eq!(
            check_comments(None, Some("no_organisation_same_residence")),
            Ok(())
        );
        let d = Dossier {
            comment_summary: None,
            comment_exception: Some(COMMENT_EXCEPTIONS[0].into()),
            ..complete()
        };
        assert_eq!(missing_dossier_items(&d), []);
        assert_eq!(RuleViolation::NoCommentSummary.rule(), "ADM-08");
    }

    #[test]
    fn adm_07_a_verification_needs_its_conclusion() {
        let e = check_verification(Some(" ")).unwrap_err();
        assert_eq!(
            (e.rule(), e.code()),
            ("ADM-07", "verification_without_conclusion")
        );
        assert_eq!(check_verification(Some("Lý lịch rõ ràng")), Ok(()));
        assert!(!VERIFIED_RELATIONS.contains(&"siblings"));
    }

    #[test]
    fn adm_12_a_grassroots_committee_decides_only_with_delegation() {
        let e = check_decision_authority(DecidingBody::GrassrootsCommittee, None).unwrap_err();
        assert_eq!(
            (e.rule(), e.code()),
            ("ADM-12", "decision_without_delegation")
        );
        assert_eq!(
            check_decision_authority(DecidingBody::GrassrootsCommittee, Some("UQ-05/HU")),
            Ok(())
        );
        assert_eq!(
            check_decision_authority(DecidingBody::SuperiorStandingCommittee, None),
            Ok(())
        );
        for code in DecidingBody::CODES {
            assert!(DecidingBody::parse(code).is_some());
        }
    }

    #[test]
    fn adm_15_dossier_item_codes_round_trip() {
        assert_eq!(DossierItem::ALL.len(), DossierItem::CODES.len());
        for (item, code) in DossierItem::ALL.iter().zip(DossierItem::CODES) {
            assert_eq!(item.code(), *code);
            assert_eq!(DossierItem::parse(code), Some(*item));
        }
    }

    proptest! {
        #[test]
        fn adm_15_missing_items_are_exactly_the_blank_ones(mask in 0u16..512) {
            let bit = |i: u16| mask & (1 << i) != 0;
            let r = |i: u16| (!bit(i)).then(|| format!("REF-{i}"));
            let d = Dossier {
                certificate: r(0),
                application: r(1),
                biography: r(2),
                sponsor_letters: r(3),
                endorsement_needed: bit(8),
                endorsement: r(4),
                comment_summary: r(5),
                comment_exception: None,
                cell_resolution: r(6),
                committee_resolution: r(7),
            };
            let missing = missing_dossier_items(&d);
            let expected: Vec<DossierItem> = [
                (DossierItem::Certificate, bit(0)),
                (DossierItem::Application, bit(1)),
                (DossierItem::Biography, bit(2)),
                (DossierItem::SponsorLetters, bit(3)),
                (DossierItem::Endorsement, bit(8) && bit(4)),
                (DossierItem::CommentSummary, bit(5)),
                (DossierItem::CellResolution, bit(6)),
                (DossierItem::CommitteeResolution, bit(7)),
            ]
            .into_iter()
            .filter_map(|(i, m)| m.then_some(i))
            .collect();
            prop_assert_eq!(&missing, &expected);
            prop_assert_eq!(check_dossier(&d).is_ok(), missing.is_empty());
        }
    }
}
