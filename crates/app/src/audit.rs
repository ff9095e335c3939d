//! The audit trail: every write (who, when, what, before and after), every view of a full
//! member profile and every export, appended in the transaction of the action itself.

use chibo_domain::access::{Actor, Permission, Scope, Target, authorize};
use chibo_storage::audit::{self as repo, AuditFilter, AuditRow, NewAudit};
use chibo_storage::db::prefix_range;
use chibo_storage::{Tx, now};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::{App, AppError, Page, Paged};

/// What happened, as stored in `audit_log.action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    UnitCreate,
    UnitRename,
    UnitMove,
    UnitMerge,
    UnitDissolve,
    AreaCreate,
    AreaCover,
    MemberCreate,
    MemberUpdate,
    MemberView,
    EventRecord,
    EventVoid,
    UserCreate,
    UserDisable,
    UserEnable,
    UserPassword,
    TokenCreate,
    LoginSucceeded,
    LoginFailed,
    Logout,
    Export,
    Import,
    DemoGenerate,
    CalendarSave,
    CalendarDelete,
    CandidateCreate,
    CandidateStep,
    TargetSet,
    RecognitionReview,
    DisciplineRecord,
    RecognitionDecision,
    CandidateUpdate,
    CandidateDocument,
    SettingSet,
    TransferIssue,
    TransferPresent,
    TransferConfirm,
    TemporaryStart,
    TemporaryRenew,
    TemporaryReturn,
    ExemptionDecide,
    ExemptionRenew,
    ExemptionResume,
    MeetingCreate,
    MeetingUpdate,
    MeetingAttendance,
    AwayDeclare,
    AwayUpdate,
    AwayEnd,
    AwayExemption,
    AwayContact,
    FeeProfileSet,
    FeePaymentRecord,
    FeeRemittanceRecord,
    FeeRateSave,
    ScreeningStep,
    ScreeningRemoval,
    RemovalStep,
    ComplaintStep,
    LeaveStep,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Self::UnitCreate,
        Self::UnitRename,
        Self::UnitMove,
        Self::UnitMerge,
        Self::UnitDissolve,
        Self::AreaCreate,
        Self::AreaCover,
        Self::MemberCreate,
        Self::MemberUpdate,
        Self::MemberView,
        Self::EventRecord,
        Self::EventVoid,
        Self::UserCreate,
        Self::UserDisable,
        Self::UserEnable,
        Self::UserPassword,
        Self::TokenCreate,
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::Logout,
        Self::Export,
        Self::Import,
        Self::DemoGenerate,
        Self::CalendarSave,
        Self::CalendarDelete,
        Self::CandidateCreate,
        Self::CandidateStep,
        Self::TargetSet,
        Self::RecognitionReview,
        Self::DisciplineRecord,
        Self::RecognitionDecision,
        Self::CandidateUpdate,
        Self::CandidateDocument,
        Self::SettingSet,
        Self::TransferIssue,
        Self::TransferPresent,
        Self::TransferConfirm,
        Self::TemporaryStart,
        Self::TemporaryRenew,
        Self::TemporaryReturn,
        Self::ExemptionDecide,
        Self::ExemptionRenew,
        Self::ExemptionResume,
        Self::MeetingCreate,
        Self::MeetingUpdate,
        Self::MeetingAttendance,
        Self::AwayDeclare,
        Self::AwayUpdate,
        Self::AwayEnd,
        Self::AwayExemption,
        Self::AwayContact,
        Self::FeeProfileSet,
        Self::FeePaymentRecord,
        Self::FeeRemittanceRecord,
        Self::FeeRateSave,
        Self::ScreeningStep,
        Self::ScreeningRemoval,
        Self::RemovalStep,
        Self::ComplaintStep,
        Self::LeaveStep,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::UnitCreate => "unit.create",
            Self::UnitRename => "unit.rename",
            Self::UnitMove => "unit.move",
            Self::UnitMerge => "unit.merge",
            Self::UnitDissolve => "unit.dissolve",
            Self::AreaCreate => "area.create",
            Self::AreaCover => "area.cover",
            Self::MemberCreate => "member.create",
            Self::MemberUpdate => "member.update",
            Self::MemberView => "member.view",
            Self::EventRecord => "event.record",
            Self::EventVoid => "event.void",
            Self::UserCreate => "user.create",
            Self::UserDisable => "user.disable",
            Self::UserEnable => "user.enable",
            Self::UserPassword => "user.password",
            Self::TokenCreate => "token.create",
            Self::LoginSucceeded => "login.succeeded",
            Self::LoginFailed => "login.failed",
            Self::Logout => "logout",
            Self::Export => "export",
            Self::Import => "import",
            Self::DemoGenerate => "demo.generate",
            Self::CalendarSave => "calendar.save",
            Self::CalendarDelete => "calendar.delete",
            Self::CandidateCreate => "candidate.create",
            Self::CandidateStep => "candidate.step",
            Self::TargetSet => "target.set",
            Self::RecognitionReview => "recognition.review",
            Self::DisciplineRecord => "discipline.record",
            Self::RecognitionDecision => "recognition.decision",
            Self::CandidateUpdate => "candidate.update",
            Self::CandidateDocument => "candidate.document",
            Self::SettingSet => "setting.set",
            Self::TransferIssue => "transfer.issue",
            Self::TransferPresent => "transfer.present",
            Self::TransferConfirm => "transfer.confirm",
            Self::TemporaryStart => "temporary_transfer.start",
            Self::TemporaryRenew => "temporary_transfer.renew",
            Self::TemporaryReturn => "temporary_transfer.return",
            Self::ExemptionDecide => "exemption.decide",
            Self::ExemptionRenew => "exemption.renew",
            Self::ExemptionResume => "exemption.resume",
            Self::MeetingCreate => "meeting.create",
            Self::MeetingUpdate => "meeting.update",
            Self::MeetingAttendance => "meeting.attendance",
            Self::AwayDeclare => "away.declare",
            Self::AwayUpdate => "away.update",
            Self::AwayEnd => "away.end",
            Self::AwayExemption => "away.exemption",
            Self::AwayContact => "away.contact",
            Self::FeeProfileSet => "fee.profile",
            Self::FeePaymentRecord => "fee.payment",
            Self::FeeRemittanceRecord => "fee.remittance",
            Self::FeeRateSave => "fee.rate",
            Self::ScreeningStep => "screening.step",
            Self::ScreeningRemoval => "screening.removal",
            Self::RemovalStep => "removal.step",
            Self::ComplaintStep => "complaint.step",
            Self::LeaveStep => "leave.step",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|a| a.code() == code)
    }
}

/// Who acted: a signed-in user, or the system itself (CLI set-up, demo data).
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    User(&'a Actor),
    System(&'a str),
}

/// The record an audit row is about.
#[derive(Debug, Clone, Default)]
pub struct About {
    pub kind: &'static str,
    pub id: Option<String>,
    pub label: Option<String>,
    /// Path of the unit concerned, so officers of that subtree see the row.
    pub unit_path: Option<String>,
}

impl About {
    /// A member, placed by the cell holding the record.
    pub fn member(id: chibo_domain::ids::MemberId, name: &str, unit_path: Option<String>) -> Self {
        Self {
            kind: "member",
            id: Some(id.0.to_string()),
            label: Some(name.to_owned()),
            unit_path,
        }
    }

    /// A user account (no place in the tree: administrators see these rows).
    pub fn user(id: Option<i64>, username: &str) -> Self {
        Self {
            kind: "user",
            id: id.map(|i| i.to_string()),
            label: Some(username.to_owned()),
            unit_path: None,
        }
    }
}

/// Appends one audit row in the caller's transaction.
pub async fn record<B: Serialize, A: Serialize>(
    tx: &mut Tx,
    by: By<'_>,
    action: Action,
    about: About,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), AppError> {
    let (user, username) = match by {
        By::User(a) => (Some(a.user), a.username.as_str()),
        By::System(name) => (None, name),
    };
    repo::append(
        tx,
        &NewAudit {
            at: now(),
            user,
            username,
            action: action.code(),
            target_kind: about.kind,
            target_id: about.id,
            target_label: about.label,
            unit_path: about.unit_path,
            before: before.map(to_json),
            after: after.map(to_json),
        },
    )
    .await?;
    Ok(())
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| format!("\"unserialisable: {e}\""))
}

/// Filters of the audit page.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only rows about this unit's subtree (by code).
    pub unit_code: Option<String>,
    pub username: Option<String>,
    pub action: Option<String>,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub page: Option<i64>,
}

/// The audit rows an administrator or officer may read: their subtree's rows (officers) or
/// all rows (administrators), filtered.
pub async fn list(app: &App, actor: &Actor, q: &AuditQuery) -> Result<Paged<AuditRow>, AppError> {
    let mut tx = app.db.read().await?;
    let today = crate::clock::today();
    let scope_range = match &actor.scope {
        Scope::Everything => None,
        Scope::Subtree(p) => Some(prefix_range(p.as_str())),
        Scope::OwnRecord(_) | Scope::Nothing => return Err(AppError::NotFound),
    };
    if !actor.can(Permission::ViewAudit) {
        return Err(AppError::Forbidden(Permission::ViewAudit));
    }
    let range = match q
        .unit_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(code) => {
            let unit = chibo_storage::units::id_by_code(&mut tx, code)
                .await?
                .ok_or(AppError::NotFound)?;
            let path = chibo_storage::paths::latest_path(&mut tx, unit, today)
                .await?
                .ok_or(AppError::NotFound)?;
            authorize(actor, Permission::ViewAudit, Target::Unit(&path))?;
            Some(prefix_range(path.as_str()))
        }
        None => scope_range,
    };
    let page = Page::new(q.page, Some(100));
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| vn_to_utc(t.and_utc()));
    let end = |d: NaiveDate| d.and_hms_opt(23, 59, 59).map(|t| vn_to_utc(t.and_utc()));
    let filter = AuditFilter {
        range,
        username: q.username.clone().filter(|u| !u.trim().is_empty()),
        action: q.action.clone().filter(|a| !a.trim().is_empty()),
        from: q.from.and_then(start),
        until: q.until.and_then(end),
        limit: page.size,
        offset: page.offset(),
    };
    let (items, total) = repo::list(&mut tx, &filter).await?;
    tx.commit().await?;
    Ok(Paged { items, total, page })
}

/// A wall-clock time in Vietnam, given as if it were UTC, to the real UTC instant.
fn vn_to_utc(t: DateTime<Utc>) -> DateTime<Utc> {
    t - chrono::Duration::hours(7)
}
