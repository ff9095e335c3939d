//! Recording one step of a candidate's pipeline, with the rule checks that apply on its date.

use chibo_domain::access::{Actor, Permission};
use chibo_domain::admission::{
    AdmissionParams, CellVote, Endorsement, EndorsingBody, ReplacementReason, Sponsor, Stage,
    admission_decision_due, ceremony_due, check_age, check_awareness_certificate, check_cell_vote,
    check_ceremony_on_time, check_committee_vote, check_next_stage, check_sponsors,
};
use chibo_domain::calendar::WorkingCalendar;
use chibo_domain::field::{FieldErrors, Problem, optional, optional_text};
use chibo_domain::ids::{MemberId, UnitId};
use chibo_domain::org::UnitKind;
use chibo_domain::person::ProfileInput;
use chibo_storage::candidates::{self as repo, NewStep, StepRow};
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
    /// `sponsors`: the letters, and an endorsement resolution (`youth_union`, `trade_union`).
    pub sponsors: Vec<SponsorInput>,
    pub endorsement: Option<String>,
    /// `verified`: the verification's conclusion (required).
    pub conclusion: Option<String>,
    /// `cell_vote`: the cell's official members, exempted absentees and approvals.
    pub official_members: Option<u32>,
    pub absent_exempted: Option<u32>,
    /// `cell_vote`, `committee_vote`: the approvals.
    pub approvals: Option<u32>,
    /// `committee_vote`: the committee's size.
    pub committee_size: Option<u32>,
    /// `decided`: the special-case extension of ADM-11, and the day the cell received the
    /// decision (the decision's date when empty).
    pub extended: bool,
    pub received_on: Option<String>,
    /// `ceremony`: the superior's consent to a late ceremony (ADM-13).
    pub superior_consent: bool,
}

/// What a recorded step produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepOutcome {
    pub stage: Stage,
    pub on: NaiveDate,
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

fn step_of(steps: &[StepRow], stage: Stage) -> Option<&StepRow> {
    steps.iter().rev().find(|s| s.stage == stage.code())
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
    let params = AdmissionParams::default();
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
    let steps = repo::steps(&mut tx, cand.id).await?;
    // ADM-14: the stages in order, dates never going backwards.
    check_next_stage(last_stage(&steps)?, stage, on)?;

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
                    // The registry records no disciplinary measures yet.
                    under_discipline: false,
                    replaces,
                });
                details.push(SponsorDetail {
                    member_key: s.member_key.trim(),
                    together_since: together,
                    replaces,
                });
            }
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
                serde_json::json!({ "sponsors": details, "endorsement": endorsement }).to_string(),
            );
        }
        Stage::Verified => match optional_text(input.conclusion.as_deref(), 2000) {
            Ok(Some(c)) => step.detail = Some(serde_json::json!({ "conclusion": c }).to_string()),
            Ok(None) => e.push("conclusion", Problem::Required),
            Err(p) => e.push("conclusion", p),
        },
        Stage::CellVote => {
            let official_members = require(&mut e, "official_members", input.official_members);
            let approvals = require(&mut e, "approvals", input.approvals);
            let absent_exempted = input.absent_exempted.unwrap_or(0);
            if !e.is_empty() {
                return Err(AppError::Invalid(e.into_vec()));
            }
            // ADM-04: the certificate, recorded at the awareness-class stage, valid on the vote.
            let issued = step_of(&steps, Stage::AwarenessClass).map(|s| s.effective_on);
            check_awareness_certificate(issued, on, &params)?;
            // ADM-01: the age window on the vote day (the ADM-02 exception is not recorded yet).
            check_age(cand.birth_date, on, &params)?;
            // ADM-09: two thirds of the cell's official members.
            check_cell_vote(
                &CellVote {
                    official_members,
                    absent_exempted,
                    approvals,
                },
                &params,
            )?;
            step.approvals = Some(approvals.into());
            step.vote_base = Some(official_members.into());
            step.absent_exempted = Some(absent_exempted.into());
        }
        Stage::CommitteeVote => {
            let size = require(&mut e, "committee_size", input.committee_size);
            let approvals = require(&mut e, "approvals", input.approvals);
            if !e.is_empty() {
                return Err(AppError::Invalid(e.into_vec()));
            }
            // ADM-10: two thirds of all the committee's members.
            check_committee_vote(size, approvals)?;
            step.approvals = Some(approvals.into());
            step.vote_base = Some(size.into());
        }
        Stage::Decided => {
            if step.document_ref.is_none() {
                e.push("document_ref", Problem::Required);
            }
            let received = match optional(input.received_on.as_deref()) {
                Some(r) => parse_date(&mut e, "received_on", r, today, on),
                None => Some(on),
            };
            if !e.is_empty() {
                return Err(AppError::Invalid(e.into_vec()));
            }
            let resolution_on = step_of(&steps, Stage::CellVote)
                .map(|s| s.effective_on)
                .ok_or_else(|| AppError::Internal("decision without a cell vote".into()))?;
            let cal = working_calendar_in(&mut tx).await?;
            // ADM-11: the deadline the decision was due by, kept with it.
            step.due_on = admission_decision_due(resolution_on, input.extended, &cal, &params);
            step.received_on = received;
            if input.extended {
                step.detail = Some(serde_json::json!({ "extended": true }).to_string());
            }
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
        due_on: step.due_on,
        member,
    })
}

const EARLIEST: NaiveDate = chibo_domain::dates::EARLIEST_DAY;
