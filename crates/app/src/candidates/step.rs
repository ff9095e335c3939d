//! Recording one step of a candidate's pipeline, with the rule checks that apply on its date.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::admission::{
    COMMENT_EXCEPTIONS, CellVote, DecidingBody, Dossier, DossierItem, EducationCase,
    EducationLevel, Endorsement, EndorsingBody, Over60Exception, Over60Ground, ProvincialConsent,
    ReplacementReason, RuleViolation, Sponsor, Stage, VERIFIED_RELATIONS, admission_decision_due,
    ceremony_due, check_age, check_awareness_certificate, check_cell_vote, check_ceremony_on_time,
    check_comments, check_committee_vote, check_decision_authority, check_dossier, check_education,
    check_next_stage, check_over_60_exception, check_sponsors, check_verification,
};
use chibo_domain::calendar::WorkingCalendar;
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::org::UnitKind;
use chibo_domain::person::ProfileInput;
use chibo_storage::candidates::{self as repo, CandidateRow, DocumentRow, NewStep, StepRow};
use chibo_storage::{Tx, calendar, members, now, periods, units};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{about, find_candidate, last_stage};
use crate::audit::{self, Action, By};
use crate::members::{NewMemberInput, add_member_in};
use crate::org::effective_date_after;
use crate::scope::{find_member, unit_path};
use crate::{App, AppError, clock};

/// One sponsor letter (3-KNĐ); the letter's date is the step's date.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SponsorInput {
    /// The sponsoring member's key in the registry.
    pub member_key: String,
    /// Since when the sponsor has worked, studied or lived with the candidate.
    pub together_since: String,
    /// `sponsor_moved` or `sponsor_disciplined` when replacing a first sponsor.
    pub replaces: Option<String>,
}

/// A step as typed in a form or API body. Which fields count depends on `stage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StepInput {
    /// A [`Stage`] code.
    pub stage: String,
    /// The step's date: the certificate's issue date, the letter date, the vote, the decision
    /// signature, the ceremony.
    pub on: String,
    /// The document's or decision's number (required for the decision).
    pub document_ref: Option<String>,
    /// `sponsors`: the letters, and an endorsement resolution (`youth_union`, `trade_union`)
    /// with its reference (4-KNĐ, part of the ADM-15 dossier).
    pub sponsors: Vec<SponsorInput>,
    pub endorsement: Option<String>,
    pub endorsement_ref: Option<String>,
    /// `verified`: the verification's conclusion (required, ADM-07) and the relatives it
    /// covered ([`VERIFIED_RELATIONS`] codes).
    pub conclusion: Option<String>,
    pub relatives: Vec<String>,
    /// `verified` or `cell_vote`: the comment summary's reference (5-KNĐ), or an exception
    /// ([`COMMENT_EXCEPTIONS`]); one of them before the cell votes (ADM-08).
    pub comment_summary_ref: Option<String>,
    pub comment_exception: Option<String>,
    /// `cell_vote` of an applicant over 60 (ADM-02): healthy and respected, the ground
    /// (`no_party_presence`, `special_need`), and the province standing committee's written
    /// consent (reference and date, on or before the vote).
    pub healthy_and_respected: bool,
    pub over_60_ground: Option<String>,
    pub over_60_consent_ref: Option<String>,
    pub over_60_consent_on: Option<String>,
    /// `cell_vote`: the cell's official members, exempted absentees and approvals.
    pub official_members: Option<u32>,
    pub absent_exempted: Option<u32>,
    /// `cell_vote`, `committee_vote`: the approvals.
    pub approvals: Option<u32>,
    /// `committee_vote`: the committee's size.
    pub committee_size: Option<u32>,
    /// `committee_vote` or `decided`: the special-case extension of ADM-11 (from the committee
    /// vote on, the open decision deadline is the extended one).
    pub extended: bool,
    /// `decided`: the day the cell received the decision (the decision's date when empty).
    pub received_on: Option<String>,
    /// `decided`: who decided (`grassroots_committee`, `superior_standing_committee`), and the
    /// reference of the delegation a grassroots committee decides under (ADM-12).
    pub deciding_body: Option<String>,
    pub delegation_ref: Option<String>,
    /// `ceremony`: the superior's consent to a late ceremony (ADM-13).
    pub superior_consent: bool,
}

/// A rule check a recorded step failed: the rule ID, a stable code, the Vietnamese reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedCheck {
    pub rule: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl From<&RuleViolation> for FailedCheck {
    fn from(v: &RuleViolation) -> Self {
        Self {
            rule: v.rule(),
            code: v.code(),
            message: v.message(),
        }
    }
}

/// What a recorded step produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepOutcome {
    pub stage: Stage,
    pub on: NaiveDate,
    /// `false` for a vote without two thirds (ADM-09, ADM-10): recorded and reported upward,
    /// but the stage is not reached and the vote may be held again.
    pub passed: bool,
    /// Why the vote failed.
    pub violation: Option<FailedCheck>,
    /// `decided`: the ADM-11 deadline of the decision; `ceremony`: the ADM-13 deadline.
    pub due_on: Option<NaiveDate>,
    /// `ceremony`: the member created.
    pub member: Option<MemberId>,
}

#[derive(Serialize)]
struct SponsorDetail<'a> {
    member_key: &'a str,
    together_since: NaiveDate,
    replaces: Option<ReplacementReason>,
}

fn parse_date(
    e: &mut FieldErrors,
    field: &'static str,
    input: &str,
    today: NaiveDate,
    not_before: NaiveDate,
) -> Option<NaiveDate> {
    e.take(field, effective_date_after(input, today, not_before))
}

fn require(e: &mut FieldErrors, field: &'static str, v: Option<u32>) -> u32 {
    v.unwrap_or_else(|| {
        e.push(field, Problem::Required);
        0
    })
}

/// The step that reached `stage` (failed votes left out).
pub(super) fn step_of(steps: &[StepRow], stage: Stage) -> Option<&StepRow> {
    steps
        .iter()
        .rev()
        .find(|s| s.passed && s.stage == stage.code())
}

/// A string field of a step's JSON detail.
fn detail_str(step: Option<&StepRow>, field: &str) -> Option<String> {
    let detail: serde_json::Value = serde_json::from_str(step?.detail.as_deref()?).ok()?;
    detail.get(field)?.as_str().map(str::to_owned)
}

/// A step's JSON detail, or `null`.
pub(super) fn detail_of(step: Option<&StepRow>) -> serde_json::Value {
    step.and_then(|s| s.detail.as_deref())
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// The latest separately recorded document of `item` dated on or before `by`.
fn document(documents: &[DocumentRow], item: DossierItem, by: NaiveDate) -> Option<String> {
    documents
        .iter()
        .rev()
        .find(|d| d.item == item.code() && d.dated_on <= by)
        .map(|d| d.document_ref.clone())
}

/// ADM-08: the comment summary or exception, recorded with the verification or the vote, or
/// the summary recorded as a document dated on or before `by`.
fn comments_of(
    steps: &[StepRow],
    documents: &[DocumentRow],
    by: NaiveDate,
) -> (Option<String>, Option<String>) {
    let verified = step_of(steps, Stage::Verified);
    let vote = step_of(steps, Stage::CellVote);
    let pick = |field: &str| detail_str(vote, field).or_else(|| detail_str(verified, field));
    let summary = pick("comment_summary_ref")
        .or_else(|| document(documents, DossierItem::CommentSummary, by));
    (summary, pick("comment_exception"))
}

/// The ADM-15 dossier on `by`: each stage's document reference, or the document recorded
/// for that item apart from the step.
pub(super) fn dossier_of(steps: &[StepRow], documents: &[DocumentRow], by: NaiveDate) -> Dossier {
    let doc = |stage: Stage, item: DossierItem| {
        step_of(steps, stage)
            .and_then(|s| s.document_ref.clone())
            .or_else(|| document(documents, item, by))
    };
    let sponsors = step_of(steps, Stage::Sponsors);
    let (comment_summary, comment_exception) = comments_of(steps, documents, by);
    Dossier {
        certificate: doc(Stage::AwarenessClass, DossierItem::Certificate),
        application: doc(Stage::Application, DossierItem::Application),
        biography: doc(Stage::Verified, DossierItem::Biography),
        sponsor_letters: doc(Stage::Sponsors, DossierItem::SponsorLetters),
        endorsement_needed: !detail_of(sponsors)["endorsement"].is_null(),
        endorsement: detail_str(sponsors, "endorsement_ref")
            .or_else(|| document(documents, DossierItem::Endorsement, by)),
        comment_summary,
        comment_exception,
        cell_resolution: doc(Stage::CellVote, DossierItem::CellResolution),
        committee_resolution: doc(Stage::CommitteeVote, DossierItem::CommitteeResolution),
    }
}

/// ADM-03: the candidate's schooling case; `None` until the level is recorded.
fn education_case(cand: &CandidateRow) -> Option<EducationCase> {
    let e = &cand.education;
    let level = EducationLevel::parse(e.level.as_deref()?)?;
    let provincial_consent = match (&e.consent_ref, e.consent_on) {
        (Some(reference), Some(dated_on)) => Some(ProvincialConsent {
            reference: reference.clone(),
            dated_on,
        }),
        _ => None,
    };
    Some(EducationCase {
        level,
        hardship_area: e.hardship_area,
        fisherman: e.fisherman,
        elder_or_hamlet_head: e.elder_or_hamlet_head,
        provincial_consent,
    })
}

/// ADM-02: the over-60 exception as typed at the cell vote; `None` when nothing of it is given.
fn over_60_exception(
    e: &mut FieldErrors,
    input: &StepInput,
    today: NaiveDate,
) -> Option<Over60Exception> {
    let reference = optional(input.over_60_consent_ref.as_deref());
    let dated = optional(input.over_60_consent_on.as_deref());
    let ground = optional(input.over_60_ground.as_deref());
    if reference.is_none() && dated.is_none() && ground.is_none() && !input.healthy_and_respected {
        return None;
    }
    let ground = ground.and_then(|g| {
        e.take(
            "over_60_ground",
            Over60Ground::parse(g).ok_or(Problem::NotOneOf {
                allowed: Over60Ground::CODES,
            }),
        )
    });
    let consent = match (reference, dated) {
        (None, None) => None,
        (Some(_), None) => {
            e.push("over_60_consent_on", Problem::Required);
            None
        }
        (None, Some(_)) => {
            e.push("over_60_consent_ref", Problem::Required);
            None
        }
        (Some(reference), Some(d)) => {
            let dated_on = parse_date(e, "over_60_consent_on", d, today, EARLIEST)?;
            Some(ProvincialConsent {
                reference: reference.to_owned(),
                dated_on,
            })
        }
    };
    Some(Over60Exception {
        healthy_and_respected: input.healthy_and_respected,
        ground,
        consent,
    })
}

async fn working_calendar_in(tx: &mut Tx) -> Result<WorkingCalendar, AppError> {
    let entries = calendar::list(tx, None).await?;
    WorkingCalendar::new(entries).map_err(|e| AppError::Internal(e.to_string()))
}

/// The grassroots organisation (a grassroots cell or committee) a unit belongs to, judged on
/// today's tree: the nearest such unit on its path, itself included.
async fn grassroots_of(
    tx: &mut Tx,
    unit: UnitId,
    today: NaiveDate,
) -> Result<Option<UnitId>, AppError> {
    let path = unit_path(tx, unit, today).await?;
    for u in path.units().into_iter().rev() {
        if let Some(v) = units::latest_version(tx, u, today).await?
            && matches!(
                v.kind()?,
                UnitKind::GrassrootsCell | UnitKind::GrassrootsCommittee
            )
        {
            return Ok(Some(u));
        }
    }
    Ok(None)
}

/// Records the next step of the candidate `key` after the rule checks of its stage; a refusal
/// writes nothing. Scope: the candidate's cell must be in the actor's subtree (else not found).
pub async fn record_step(
    app: &App,
    actor: &Actor,
    key: &str,
    input: &StepInput,
) -> Result<StepOutcome, AppError> {
    let today = clock::today();
    let mut tx = app.db.write().await?;
    let (cand, cell_path) =
        find_candidate(&mut tx, actor, Permission::EditMembers, key, today).await?;
    let mut e = FieldErrors::new();
    let stage = e.take(
        "stage",
        Stage::parse(&input.stage).ok_or(Problem::NotOneOf {
            allowed: Stage::CODES,
        }),
    );
    let on = parse_date(&mut e, "on", &input.on, today, cand.birth_date);
    let document_ref = e
        .take(
            "document_ref",
            optional_text(input.document_ref.as_deref(), 100),
        )
        .flatten();
    let (Some(stage), Some(on)) = (stage, on) else {
        return Err(AppError::Invalid(e.into_vec()));
    };
    // GEN-03: the step is judged by the admission values in force on its date.
    let params = crate::settings::load_on(&mut tx, on).await?.admission;
    let steps = repo::steps(&mut tx, cand.id).await?;
    let documents = repo::documents(&mut tx, cand.id).await?;
    // ADM-14: the stages in order, dates never going backwards, not even behind a failed vote.
    let latest = steps.iter().map(|s| s.effective_on).max();
    let last = last_stage(&steps)?.map(|(st, d)| (st, latest.map_or(d, |l| l.max(d))));
    check_next_stage(last, stage, on)?;
    let mut failed: Option<RuleViolation> = None;

    let mut step = NewStep {
        stage: stage.code().to_owned(),
        effective_on: Some(on),
        document_ref,
        ..NewStep::default()
    };
    let mut member = None;
    match stage {
        Stage::Outstanding | Stage::AwarenessClass | Stage::Application => {}
        Stage::Sponsors => {
            let endorsement = match optional(input.endorsement.as_deref()) {
                None => None,
                Some("youth_union") => Some(EndorsingBody::YouthUnion),
                Some("trade_union") => Some(EndorsingBody::TradeUnion),
                Some(_) => {
                    e.push(
                        "endorsement",
                        Problem::NotOneOf {
                            allowed: &["youth_union", "trade_union"],
                        },
                    );
                    None
                }
            };
            if input.sponsors.is_empty() {
                e.push("sponsors", Problem::Required);
            }
            let own = grassroots_of(&mut tx, UnitId(cand.cell_id), today).await?;
            let mut sponsors = Vec::new();
            let mut details = Vec::new();
            for s in &input.sponsors {
                let together =
                    parse_date(&mut e, "together_since", &s.together_since, on, EARLIEST);
                let replaces = match optional(s.replaces.as_deref()) {
                    None => None,
                    Some("sponsor_moved") => Some(ReplacementReason::SponsorMoved),
                    Some("sponsor_disciplined") => Some(ReplacementReason::SponsorDisciplined),
                    Some(_) => {
                        e.push(
                            "replaces",
                            Problem::NotOneOf {
                                allowed: &["sponsor_moved", "sponsor_disciplined"],
                            },
                        );
                        None
                    }
                };
                // A member outside the actor's scope is answered as unknown.
                let id = match members::id_by_key(&mut tx, s.member_key.trim()).await? {
                    Some(id) => {
                        match find_member(&mut tx, actor, Permission::ViewMembers, id, today).await
                        {
                            Ok(_) => Some(id),
                            Err(AppError::NotFound | AppError::Forbidden(_)) => None,
                            Err(other) => return Err(other),
                        }
                    }
                    None => None,
                };
                let Some(id) = id else {
                    e.push("sponsors", Problem::UnknownMember);
                    continue;
                };
                let Some(together) = together else { continue };
                let (standing, same_grassroots) =
                    match periods::standing_on(&mut tx, id, on).await? {
                        Some((standing, cell)) => {
                            let theirs = grassroots_of(&mut tx, cell, today).await?;
                            (Some(standing), theirs.is_some() && theirs == own)
                        }
                        None => (None, false),
                    };
                sponsors.push(Sponsor {
                    letter_on: on,
                    standing,
                    same_grassroots,
                    together_since: together,
                    // REM-07: a measure in force on the letter date bars the sponsor.
                    under_discipline: crate::discipline::under_discipline_on(&mut tx, id, on)
                        .await?,
                    replaces,
                });
                details.push(SponsorDetail {
                    member_key: s.member_key.trim(),
                    together_since: together,
                    replaces,
                });
            }
            let endorsement_ref = e
                .take(
                    "endorsement_ref",
                    optional_text(input.endorsement_ref.as_deref(), 100),
                )
                .flatten();
            if !e.is_empty() {
                return Err(AppError::Invalid(e.into_vec()));
            }
            let endorsement = endorsement.map(|body| Endorsement {
                body,
                resolved_on: on,
            });
            check_sponsors(
                cand.birth_date,
                cand.youth_union_member,
                &sponsors,
                endorsement.as_ref(),
                &params,
            )?;
            step.detail = Some(
                serde_json::json!({
                    "sponsors": details,
                    "endorsement": endorsement,
                    "endorsement_ref": endorsement_ref,
                })
                .to_string(),
            );
        }
        Stage::Verified => {
            let conclusion = e
                .take(
                    "conclusion",
                    optional_text(input.conclusion.as_deref(), 2000),
                )
                .flatten();
            let mut relatives: Vec<&str> = Vec::new();
            for r in &input.relatives {
                let r = r.trim();
                if !VERIFIED_RELATIONS.contains(&r) {
                    e.push(
                        "relatives",
                        Problem::NotOneOf {
                            allowed: VERIFIED_RELATIONS,
                        },
                    );
                } else if relatives.contains(&r) {
                    e.push(
                        "relatives",
                        Problem::Repeated {
                            value: r.to_owned(),
                        },
                    );
                } else {
                    relatives.push(r);
                }
            }
            let (summary, exception) = comments_input(&mut e, input);
            if !e.is_empty() {
                return Err(AppError::Invalid(e.into_vec()));
            }
            // ADM-07: no certification without the verification's conclusion.
            check_verification(conclusion.as_deref())?;
            step.detail = Some(
                serde_json::json!({
                    "conclusion": conclusion,
                    "relatives": relatives,
                    "comment_summary_ref": summary,
                    "comment_exception": exception,
                })
                .to_string(),
            );
        }
        Stage::CellVote => {
            let official_members = require(&mut e, "official_members", input.official_members);
            let approvals = require(&mut e, "approvals", input.approvals);
            let absent_exempted = input.absent_exempted.unwrap_or(0);
            let exception = over_60_exception(&mut e, input, today);
            let (summary, comment_exception) = comments_input(&mut e, input);
            if !e.is_empty() {
                return Err(AppError::Invalid(e.into_vec()));
            }
            // ADM-04: the newest certificate on the vote day — the one of the awareness-class
            // stage, or one recorded later as a dossier document after the candidate took the
            // class again because the first had expired.
            let issued = super::certificate_issued(&steps, &documents, on);
            check_awareness_certificate(issued, on, &params)?;
            // ADM-01 on the vote day; over the window, the ADM-02 exception when one is given,
            // its consent dated on or before the vote (and again before the decision).
            match check_age(cand.birth_date, on, &params) {
                Err(RuleViolation::OverAge { .. }) if exception.is_some() => {
                    let day_after = on.succ_opt().unwrap_or(on);
                    check_over_60_exception(exception.as_ref(), day_after)?;
                }
                other => {
                    other?;
                }
            }
            // ADM-03: the schooling recorded for the candidate.
            let case = education_case(&cand).ok_or(RuleViolation::EducationNotRecorded)?;
            check_education(&case, &params)?;
            // ADM-08: the comment summary, given now or with the verification.
            let (earlier_summary, earlier_exception) = comments_of(&steps, &documents, on);
            check_comments(
                summary.as_deref().or(earlier_summary.as_deref()),
                comment_exception
                    .as_deref()
                    .or(earlier_exception.as_deref()),
            )?;
            // ADM-09: two thirds of the cell's official members; a short vote is recorded.
            match check_cell_vote(
                &CellVote {
                    official_members,
                    absent_exempted,
                    approvals,
                },
                &params,
            ) {
                Ok(()) => {}
                Err(v @ RuleViolation::CellVoteShort { .. }) => failed = Some(v),
                Err(v) => return Err(v.into()),
            }
            step.approvals = Some(approvals.into());
            step.vote_base = Some(official_members.into());
            step.absent_exempted = Some(absent_exempted.into());
            step.detail = Some(
                serde_json::json!({
                    "over_60": exception,
                    "comment_summary_ref": summary,
                    "comment_exception": comment_exception,
                })
                .to_string(),
            );
        }
        Stage::CommitteeVote => {
            let size = require(&mut e, "committee_size", input.committee_size);
            let approvals = require(&mut e, "approvals", input.approvals);
            if !e.is_empty() {
                return Err(AppError::Invalid(e.into_vec()));
            }
            // ADM-10: two thirds of all the committee's members; a short vote is recorded.
            match check_committee_vote(size, approvals) {
                Ok(()) => {}
                Err(v @ RuleViolation::CommitteeVoteShort { .. }) => failed = Some(v),
                Err(v) => return Err(v.into()),
            }
            step.approvals = Some(approvals.into());
            step.vote_base = Some(size.into());
            if input.extended {
                step.detail = Some(serde_json::json!({ "extended": true }).to_string());
            }
        }
        Stage::Decided => {
            if step.document_ref.is_none() {
                e.push("document_ref", Problem::Required);
            }
            let received = match optional(input.received_on.as_deref()) {
                Some(r) => parse_date(&mut e, "received_on", r, today, on),
                None => Some(on),
            };
            let body = match optional(input.deciding_body.as_deref()) {
                None => {
                    e.push("deciding_body", Problem::Required);
                    None
                }
                Some(b) => e.take(
                    "deciding_body",
                    DecidingBody::parse(b).ok_or(Problem::NotOneOf {
                        allowed: DecidingBody::CODES,
                    }),
                ),
            };
            let delegation_ref = e
                .take(
                    "delegation_ref",
                    optional_text(input.delegation_ref.as_deref(), 100),
                )
                .flatten();
            let Some(body) = body else {
                return Err(AppError::Invalid(e.into_vec()));
            };
            if !e.is_empty() {
                return Err(AppError::Invalid(e.into_vec()));
            }
            // ADM-12: a grassroots committee decides only with delegated power.
            check_decision_authority(body, delegation_ref.as_deref())?;
            // ADM-15: the complete dossier, each item with its document reference.
            check_dossier(&dossier_of(&steps, &documents, on))?;
            let vote = step_of(&steps, Stage::CellVote);
            // ADM-02: an over-60 applicant's consent must precede the decision.
            let over_60 = detail_of(vote)["over_60"].clone();
            if !over_60.is_null() {
                let exception: Over60Exception = serde_json::from_value(over_60)
                    .map_err(|e| AppError::Internal(format!("over-60 exception: {e}")))?;
                check_over_60_exception(Some(&exception), on)?;
            }
            let resolution_on = vote
                .map(|s| s.effective_on)
                .ok_or_else(|| AppError::Internal("decision without a cell vote".into()))?;
            let extended = input.extended
                || detail_of(step_of(&steps, Stage::CommitteeVote))["extended"] == true;
            let cal = working_calendar_in(&mut tx).await?;
            // ADM-11: the deadline the decision was due by, kept with it.
            step.due_on = admission_decision_due(resolution_on, extended, &cal, &params);
            step.received_on = received;
            step.detail = Some(
                serde_json::json!({
                    "extended": extended,
                    "deciding_body": body,
                    "delegation_ref": delegation_ref,
                })
                .to_string(),
            );
        }
        Stage::Ceremony => {
            let decision = step_of(&steps, Stage::Decided)
                .ok_or_else(|| AppError::Internal("ceremony without a decision".into()))?;
            let received = decision.received_on.unwrap_or(decision.effective_on);
            let cal = working_calendar_in(&mut tx).await?;
            // ADM-13: within the working days after receipt, or later with consent.
            check_ceremony_on_time(received, on, input.superior_consent, &cal, &params)?;
            step.due_on = ceremony_due(received, &cal, &params);
            if input.superior_consent {
                step.detail = Some(serde_json::json!({ "superior_consent": true }).to_string());
            }
            let cell_code = units::code_of(&mut tx, UnitId(cand.cell_id))
                .await?
                .ok_or(AppError::NotFound)?;
            let new_member = NewMemberInput {
                profile: ProfileInput {
                    full_name: Some(cand.full_name.clone()),
                    sex: Some(cand.sex.clone()),
                    birth_date: Some(cand.birth_date.format("%d/%m/%Y").to_string()),
                    citizen_id: cand.citizen_id.clone(),
                    ..ProfileInput::default()
                },
                member_key: None,
                residential_area_id: None,
                cell_code,
                admitted_on: on.format("%d/%m/%Y").to_string(),
                recognized_on: None,
                decision_ref: decision.document_ref.clone(),
            };
            // The registry's own service: the member, the `admitted` event, its audit row.
            let id = add_member_in(&mut tx, actor, &new_member).await?;
            step.member_id = Some(id.0);
            member = Some(id);
        }
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e.into_vec()));
    }
    step.passed = failed.is_none();
    // The failed check is kept with the vote, for the timeline.
    if let Some(v) = &failed {
        let mut d = step
            .detail
            .as_deref()
            .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
            .filter(serde_json::Value::is_object)
            .unwrap_or_else(|| serde_json::json!({}));
        d["violation"] = serde_json::json!(FailedCheck::from(v));
        step.detail = Some(d.to_string());
    }
    repo::insert_step(&mut tx, cand.id, &step, on, now(), Some(actor.user.0)).await?;
    let before = steps.last();
    audit::record(
        &mut tx,
        By::User(actor),
        Action::CandidateStep,
        about(cand.id, &cand.full_name, &cell_path),
        before,
        Some(&step),
    )
    .await?;
    tx.commit().await?;
    Ok(StepOutcome {
        stage,
        on,
        passed: failed.is_none(),
        violation: failed.as_ref().map(FailedCheck::from),
        due_on: step.due_on,
        member,
    })
}

/// ADM-08: the comment summary's reference and exception as typed.
fn comments_input(e: &mut FieldErrors, input: &StepInput) -> (Option<String>, Option<String>) {
    let summary = e
        .take(
            "comment_summary_ref",
            optional_text(input.comment_summary_ref.as_deref(), 100),
        )
        .flatten();
    let exception = match optional(input.comment_exception.as_deref()) {
        None => None,
        Some(x) if COMMENT_EXCEPTIONS.contains(&x) => Some(x.to_owned()),
        Some(_) => {
            e.push(
                "comment_exception",
                Problem::NotOneOf {
                    allowed: COMMENT_EXCEPTIONS,
                },
            );
            None
        }
    };
    (summary, exception)
}

const EARLIEST: NaiveDate = chibo_domain::dates::EARLIEST_DAY;
