//! Candidates for admission, per cell, from the outstanding list to the ceremony (issue 5,
//! point 2; rules ADM-01 … ADM-14). Each step is appended with its date, documents and who
//! recorded it, after the domain's rule checks on that date; a refused check writes nothing
//! and answers [`AppError::Rule`] with the rule ID and the reason. The ceremony creates the
//! member and their `admitted` event through the registry's service, in the same transaction.

mod board;
mod step;

use chibo_domain::access::{Actor, Denied, Permission, Target, authorize};
use chibo_domain::admission::{AdmissionParams, DossierItem, EducationLevel, Stage};
use chibo_domain::calendar::WorkingCalendar;
use chibo_domain::dates::EARLIEST_DAY;
use chibo_domain::dates::add_months;
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::UnitId;
use chibo_domain::person::{CitizenId, FullName, Sex};
use chibo_storage::candidates::{
    self as repo, CandidateRow, DocumentRow, Education, NewCandidate, NewStep, StepRow,
};
use chibo_storage::{Tx, now, units};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use board::{
    Board, BoardCard, BoardColumn, CandidateDeadline, Timeline, board, candidate_of_member,
    timeline,
};
pub use step::{FailedCheck, SponsorInput, StepInput, StepOutcome, record_step};

use crate::audit::{self, About, Action, By};
use crate::deadlines::DeadlineKind;
use crate::org::effective_date_after;
use crate::scope::{find_unit, unit_path};
use crate::{App, AppError, clock};

/// A person put on a cell's list of outstanding non-members (the pipeline's first stage).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewCandidateInput {
    /// Generated when empty.
    pub candidate_key: Option<String>,
    pub cell_code: String,
    pub full_name: String,
    pub sex: String,
    pub birth_date: String,
    pub citizen_id: Option<String>,
    /// A Youth Union member (ADM-06: the union's endorsement may replace a sponsor).
    pub youth_union_member: bool,
    /// The day the cell listed the person.
    pub listed_on: String,
    /// The list's or the cell resolution's reference.
    pub document_ref: Option<String>,
    /// ADM-03: the schooling (an `EducationLevel` code); may be recorded later.
    pub education: Option<String>,
    /// ADM-03: lives or works in a hardship, border, island, mountain or minority area.
    pub hardship_area: bool,
    pub fisherman: bool,
    /// ADM-03: a village elder or hamlet head there, admitted on literacy with the province's
    /// consent (its reference and date).
    pub elder_or_hamlet_head: bool,
    pub education_consent_ref: Option<String>,
    pub education_consent_on: Option<String>,
}

impl NewCandidateInput {
    fn education_input(&self) -> EducationInput {
        EducationInput {
            education: self.education.clone(),
            hardship_area: self.hardship_area,
            fisherman: self.fisherman,
            elder_or_hamlet_head: self.elder_or_hamlet_head,
            education_consent_ref: self.education_consent_ref.clone(),
            education_consent_on: self.education_consent_on.clone(),
        }
    }
}

/// A candidate's schooling and the circumstances that relax the requirement (ADM-03), as
/// typed in a form or API body; the fields of the same name of [`NewCandidateInput`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EducationInput {
    pub education: Option<String>,
    pub hardship_area: bool,
    pub fisherman: bool,
    pub elder_or_hamlet_head: bool,
    pub education_consent_ref: Option<String>,
    pub education_consent_on: Option<String>,
}

/// Checks the schooling fields; `None` when one is wrong (the problems are in `e`).
fn parse_education(
    e: &mut FieldErrors,
    input: &EducationInput,
    today: NaiveDate,
) -> Option<Education> {
    let level = match optional(input.education.as_deref()) {
        None => Some(None),
        Some(code) => e
            .take(
                "education",
                EducationLevel::parse(code).ok_or(Problem::NotOneOf {
                    allowed: EducationLevel::CODES,
                }),
            )
            .map(|l| Some(l.code().to_owned())),
    };
    let consent_ref = e
        .take(
            "education_consent_ref",
            optional_text(input.education_consent_ref.as_deref(), 100),
        )
        .flatten();
    let consent_on = match optional(input.education_consent_on.as_deref()) {
        None => Some(None),
        Some(d) => e
            .take(
                "education_consent_on",
                effective_date_after(d, today, EARLIEST_DAY),
            )
            .map(Some),
    };
    // The consent is a document: its reference and its date go together.
    match (&consent_ref, &consent_on) {
        (Some(_), Some(None)) => e.push("education_consent_on", Problem::Required),
        (None, Some(Some(_))) => e.push("education_consent_ref", Problem::Required),
        _ => {}
    }
    Some(Education {
        level: level?,
        hardship_area: input.hardship_area,
        fisherman: input.fisherman,
        elder_or_hamlet_head: input.elder_or_hamlet_head,
        consent_ref,
        consent_on: consent_on?,
    })
}

/// A candidate with every recorded step, and the stage that may be recorded next.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateView {
    pub candidate: CandidateRow,
    pub cell_code: String,
    pub steps: Vec<StepRow>,
    /// Dossier documents recorded apart from the steps (ADM-08, ADM-15).
    pub documents: Vec<DocumentRow>,
    /// `None` once the ceremony is recorded. A failed vote leaves it at that vote.
    pub next_stage: Option<Stage>,
    /// The candidate's open deadlines today, whatever their distance (ADM-04, ADM-11, ADM-13).
    pub deadlines: Vec<crate::deadlines::MemberDeadline>,
    /// ADM-15: the dossier items still missing today, until the decision is recorded (then
    /// empty).
    pub missing_documents: Vec<DossierItem>,
}

/// A line of a cell's candidate list.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateSummary {
    pub candidate_key: String,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub stage: Option<Stage>,
    pub stage_on: Option<NaiveDate>,
}

#[derive(Serialize)]
struct Created<'a> {
    candidate_key: &'a str,
    full_name: &'a str,
    sex: &'a str,
    birth_date: NaiveDate,
    citizen_id: Option<&'a str>,
    youth_union_member: bool,
    education: &'a Education,
    step: &'a NewStep,
}

/// Puts a person on the outstanding list of a cell in the actor's scope; the candidate's key.
pub async fn add_candidate(
    app: &App,
    actor: &Actor,
    input: &NewCandidateInput,
) -> Result<String, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let mut e = FieldErrors::new();
    let full_name = e.take("full_name", FullName::parse(&input.full_name));
    let sex = e.take("sex", Sex::parse(&input.sex));
    let birth = e.take(
        "birth_date",
        effective_date_after(&input.birth_date, today, EARLIEST_DAY),
    );
    let citizen_id = match optional(input.citizen_id.as_deref()) {
        Some(c) => e.take("citizen_id", CitizenId::parse(c)).map(Some),
        None => Some(None),
    };
    let listed_on = e.take(
        "listed_on",
        effective_date_after(&input.listed_on, today, birth.unwrap_or(EARLIEST_DAY)),
    );
    let document_ref = e.take(
        "document_ref",
        optional_text(input.document_ref.as_deref(), 100),
    );
    let education = parse_education(&mut e, &input.education_input(), today);
    let key = match optional(input.candidate_key.as_deref()) {
        Some(k)
            if k.len() > 64
                || !k
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) =>
        {
            e.push("candidate_key", Problem::UnitCodeFormat);
            String::new()
        }
        Some(k) => {
            if repo::by_key(&mut tx, k).await?.is_some() {
                e.push("candidate_key", Problem::AlreadyTaken);
            }
            k.to_owned()
        }
        None => format!("c-{}", uuid::Uuid::now_v7().simple()),
    };
    // The cell: in the actor's scope (otherwise answered as unknown) and holding members.
    let cell = units::id_by_code(&mut tx, input.cell_code.trim())
        .await?
        .ok_or(AppError::NoSuchReference { field: "cell_code" })?;
    let path = unit_path(&mut tx, cell, today).await?;
    match authorize(actor, Permission::EditMembers, Target::Unit(&path)) {
        Ok(_) => {}
        Err(Denied::OutOfScope) => return Err(AppError::NoSuchReference { field: "cell_code" }),
        Err(d) => return Err(d.into()),
    }
    match units::version_on(&mut tx, cell, listed_on.unwrap_or(today)).await? {
        None => e.push("cell_code", Problem::UnitNotValidOnDate),
        Some(v) if !v.kind()?.holds_members() => e.push("cell_code", Problem::UnitHoldsNoMembers),
        Some(_) => {}
    }
    let (
        Some(full_name),
        Some(sex),
        Some(birth),
        Some(citizen_id),
        Some(listed_on),
        Some(doc),
        Some(education),
    ) = (
        full_name,
        sex,
        birth,
        citizen_id,
        listed_on,
        document_ref,
        education,
    )
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    let id = repo::insert(
        &mut tx,
        &NewCandidate {
            candidate_key: &key,
            cell_id: cell.0,
            full_name: full_name.as_str(),
            sex: sex.code(),
            birth_date: birth,
            citizen_id: citizen_id.as_ref().map(CitizenId::as_str),
            youth_union_member: input.youth_union_member,
            created_at: now(),
            recorded_by: Some(actor.user.0),
            education: &education,
        },
    )
    .await
    .map_err(|err| match err {
        chibo_storage::StorageError::UniqueViolation => {
            AppError::field("candidate_key", Problem::AlreadyTaken)
        }
        other => other.into(),
    })?;
    let step = NewStep {
        stage: Stage::Outstanding.code().to_owned(),
        effective_on: Some(listed_on),
        document_ref: doc,
        ..NewStep::default()
    };
    repo::insert_step(&mut tx, id, &step, listed_on, now(), Some(actor.user.0)).await?;
    let created = Created {
        candidate_key: &key,
        full_name: full_name.as_str(),
        sex: sex.code(),
        birth_date: birth,
        citizen_id: citizen_id.as_ref().map(CitizenId::as_str),
        youth_union_member: input.youth_union_member,
        education: &education,
        step: &step,
    };
    audit::record(
        &mut tx,
        By::User(actor),
        Action::CandidateCreate,
        about(id, full_name.as_str(), &path),
        None::<&()>,
        Some(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(key)
}

fn about(id: i64, name: &str, cell_path: &chibo_domain::org::UnitPath) -> About {
    About {
        kind: "candidate",
        id: Some(id.to_string()),
        label: Some(name.to_owned()),
        unit_path: Some(cell_path.as_str().to_owned()),
    }
}

/// The candidate of `key` if the actor may do `perm` on its cell; otherwise not found.
async fn find_candidate(
    tx: &mut Tx,
    actor: &Actor,
    perm: Permission,
    key: &str,
    today: NaiveDate,
) -> Result<(CandidateRow, chibo_domain::org::UnitPath), AppError> {
    let row = repo::by_key(tx, key.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let path = unit_path(tx, UnitId(row.cell_id), today).await?;
    authorize(actor, perm, Target::Unit(&path))?;
    Ok((row, path))
}

/// Records or corrects a candidate's schooling (ADM-03), checked at the cell vote; audited.
pub async fn update_education(
    app: &App,
    actor: &Actor,
    key: &str,
    input: &EducationInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (cand, path) = find_candidate(&mut tx, actor, Permission::EditMembers, key, today).await?;
    let mut e = FieldErrors::new();
    let education = parse_education(&mut e, input, today);
    let (Some(education), true) = (education, e.is_empty()) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    repo::update_education(&mut tx, cand.id, &education).await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::CandidateUpdate,
        about(cand.id, &cand.full_name, &path),
        Some(&cand.education),
        Some(&education),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A dossier document recorded apart from its step (ADM-15): one the step lacked, or the
/// comment summary (5-KNĐ) before the cell vote (ADM-08).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DocumentInput {
    /// A `DossierItem` code (`application`, `comment_summary`, …).
    pub item: String,
    pub document_ref: String,
    /// The document's date; it counts for the checks of steps on or after it.
    pub dated_on: String,
}

/// Records a dossier document of the candidate `key`; audited.
pub async fn add_document(
    app: &App,
    actor: &Actor,
    key: &str,
    input: &DocumentInput,
) -> Result<(), AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (cand, path) = find_candidate(&mut tx, actor, Permission::EditMembers, key, today).await?;
    let mut e = FieldErrors::new();
    let item = e.take(
        "item",
        DossierItem::parse(&input.item).ok_or(Problem::NotOneOf {
            allowed: DossierItem::CODES,
        }),
    );
    let document_ref = match optional_text(Some(&input.document_ref), 100) {
        Ok(Some(r)) => Some(r),
        Ok(None) => {
            e.push("document_ref", Problem::Required);
            None
        }
        Err(p) => {
            e.push("document_ref", p);
            None
        }
    };
    let dated_on = e.take(
        "dated_on",
        effective_date_after(&input.dated_on, today, cand.birth_date),
    );
    let (Some(item), Some(document_ref), Some(dated_on), true) =
        (item, document_ref, dated_on, e.is_empty())
    else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    repo::insert_document(
        &mut tx,
        cand.id,
        item.code(),
        &document_ref,
        dated_on,
        now(),
        Some(actor.user.0),
    )
    .await?;
    audit::record(
        &mut tx,
        By::User(actor),
        Action::CandidateDocument,
        about(cand.id, &cand.full_name, &path),
        None::<&()>,
        Some(&serde_json::json!({
            "item": item.code(),
            "document_ref": document_ref,
            "dated_on": dated_on,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The last stage reached and its date: failed votes are recorded but reach nothing.
pub(crate) fn last_stage(steps: &[StepRow]) -> Result<Option<(Stage, NaiveDate)>, AppError> {
    steps
        .iter()
        .rev()
        .find(|s| s.passed)
        .map(|s| {
            Stage::parse(&s.stage)
                .map(|st| (st, s.effective_on))
                .ok_or_else(|| AppError::Internal(format!("stage {}", s.stage)))
        })
        .transpose()
}

/// One candidate with its steps.
pub async fn get(app: &App, actor: &Actor, key: &str) -> Result<CandidateView, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let (candidate, _) =
        find_candidate(&mut tx, actor, Permission::ViewMembers, key, today).await?;
    let steps = repo::steps(&mut tx, candidate.id).await?;
    let documents = repo::documents(&mut tx, candidate.id).await?;
    let cell_code = units::code_of(&mut tx, UnitId(candidate.cell_id))
        .await?
        .unwrap_or_default();
    tx.commit().await?;
    let reached = last_stage(&steps)?.map(|(s, _)| s);
    let next_stage = match reached {
        None => Some(Stage::Outstanding),
        Some(s) => s.next(),
    };
    let missing_documents = if reached.is_some_and(|s| s >= Stage::Decided) {
        Vec::new()
    } else {
        chibo_domain::admission::missing_dossier_items(&step::dossier_of(&steps, &documents, today))
    };
    let certificate = certificate_issued(&steps, &documents, today);
    let deadlines = crate::deadlines::of_candidate(app, &steps, certificate, today).await?;
    Ok(CandidateView {
        candidate,
        cell_code,
        steps,
        documents,
        next_stage,
        deadlines,
        missing_documents,
    })
}

/// The candidates of a cell in the actor's scope, by name, each with its last stage.
pub async fn list(
    app: &App,
    actor: &Actor,
    cell_code: &str,
) -> Result<Vec<CandidateSummary>, AppError> {
    let today = clock::today();
    let mut tx = app.db.read().await?;
    let (cell, _, _) = find_unit(&mut tx, actor, Permission::ViewMembers, cell_code, today).await?;
    let rows = repo::in_cell(&mut tx, cell.0).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let steps = repo::steps(&mut tx, row.id).await?;
        let last = last_stage(&steps)?;
        out.push(CandidateSummary {
            candidate_key: row.candidate_key,
            full_name: row.full_name,
            birth_date: row.birth_date,
            stage: last.map(|l| l.0),
            stage_on: last.map(|l| l.1),
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// The issue day of the candidate's newest awareness-class certificate on `by` (ADM-04): the
/// awareness-class stage's, or a later one recorded as a dossier document when the first
/// expired and the candidate took the class again.
pub(crate) fn certificate_issued(
    steps: &[StepRow],
    documents: &[DocumentRow],
    by: NaiveDate,
) -> Option<NaiveDate> {
    let renewed = documents
        .iter()
        .filter(|d| d.item == DossierItem::Certificate.code() && d.dated_on <= by)
        .map(|d| d.dated_on)
        .max();
    newest_certificate(steps, renewed)
}

/// The newer of the awareness-class stage's certificate and a renewed one.
pub(crate) fn newest_certificate(
    steps: &[StepRow],
    renewed: Option<NaiveDate>,
) -> Option<NaiveDate> {
    step::step_of(steps, Stage::AwarenessClass)
        .map(|s| s.effective_on)
        .max(renewed)
}

/// The time limits running for a candidate with these steps, by kind and last day:
/// the validity of the newest certificate (`certificate`, see [`certificate_issued`]) before
/// the cell vote (ADM-04), the decision after a passed cell
/// vote (ADM-11, extended when the committee vote or decision recorded an extension), the
/// ceremony after the decision's receipt (ADM-13). None before the certificate or after the
/// ceremony.
pub(crate) fn open_deadlines(
    steps: &[StepRow],
    certificate: Option<NaiveDate>,
    calendar: &WorkingCalendar,
    params: &AdmissionParams,
) -> Result<Vec<(DeadlineKind, NaiveDate)>, AppError> {
    use chibo_domain::admission::{admission_decision_due, ceremony_due};
    let Some((reached, _)) = last_stage(steps)? else {
        return Ok(Vec::new());
    };
    let due = match reached {
        Stage::Outstanding | Stage::Ceremony => None,
        Stage::AwarenessClass | Stage::Application | Stage::Sponsors | Stage::Verified => {
            certificate
                .and_then(|issued| add_months(issued, params.awareness_cert_valid_months))
                .map(|d| (DeadlineKind::AwarenessCertificate, d))
        }
        Stage::CellVote | Stage::CommitteeVote => {
            let extended =
                step::detail_of(step::step_of(steps, Stage::CommitteeVote))["extended"] == true;
            step::step_of(steps, Stage::CellVote)
                .and_then(|s| admission_decision_due(s.effective_on, extended, calendar, params))
                .map(|d| (DeadlineKind::AdmissionDecision, d))
        }
        Stage::Decided => step::step_of(steps, Stage::Decided)
            .and_then(|s| ceremony_due(s.received_on.unwrap_or(s.effective_on), calendar, params))
            .map(|d| (DeadlineKind::AdmissionCeremony, d)),
    };
    Ok(due.into_iter().collect())
}
