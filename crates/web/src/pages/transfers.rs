//! Transfers and exemptions (issue 6, points 1 and 2): the in-transit list of the caller's
//! scope with temporary arrivals at its host cells (`/transfers`), the letters addressed to the
//! caller's cells with the reception form (`/transfers/incoming`), and the forms reached from
//! the member's page: issue a letter, confirm an outside transfer, start, renew and end a
//! temporary transfer, decide, renew and end an exemption. Every rule and scope check is the
//! application's; a refused form comes back with its errors next to the fields.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::exemptions::{self, DecideInput, RenewInput as ExemptionRenewInput, ResumeInput};
use chibo_app::transfers::{
    self, ConfirmInput, HostArrival, InTransit, Incoming, IssueInput, PresentInput, RenewInput,
    ReturnInput, TemporaryInput,
};
use chibo_app::{AppError, clock};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::ids::MemberId;
use chibo_domain::stats::StatsInput;
use chibo_domain::transfer::MoveReason;
use serde::Deserialize;

use super::form::{Field, FormPage, options};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

fn may_edit(actor: &Actor) -> Result<(), WebError> {
    if actor.can(Permission::EditMembers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Permission::EditMembers).into())
    }
}

#[allow(clippy::too_many_arguments)]
fn form(
    actor: &Actor,
    token: &CsrfToken,
    heading: String,
    intro: Option<String>,
    back: (String, String),
    action: String,
    submit: &'static str,
    fields: Vec<Field>,
) -> FormPage {
    FormPage {
        layout: Layout::new(actor, token, heading.clone(), Section::Members),
        heading,
        intro,
        back,
        action,
        form_id: "transfer-form",
        submit,
        alert: None,
        fields,
    }
}

fn member_back(id: i64) -> (String, String) {
    (format!("/members/{id}"), "Hồ sơ đảng viên".to_owned())
}

fn yes_no(name: &'static str, value: bool) -> Field {
    let v = if value { "true" } else { "false" };
    Field::select(
        name,
        v,
        vec![
            ("false".to_owned(), "Không".to_owned()),
            ("true".to_owned(), "Có".to_owned()),
        ],
    )
}

// ---- Issue a letter -----------------------------------------------------------------------

fn issue_page(actor: &Actor, token: &CsrfToken, id: i64, i: &IssueInput) -> FormPage {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let reasons = options(
        "— không ghi —",
        MoveReason::ALL
            .iter()
            .map(|r| (r.code(), messages::move_reason(r.code()))),
    );
    form(
        actor,
        token,
        "Cấp giấy giới thiệu sinh hoạt đảng".into(),
        Some(
            "Từ ngày cấp giấy, đảng viên ở trạng thái đang chuyển sinh hoạt cho đến khi chi bộ nơi đến tiếp nhận (quy tắc TRF-02, TRF-03)."
                .into(),
        ),
        member_back(id),
        format!("/members/{id}/transfer"),
        "Cấp giấy",
        vec![
            Field::text("letter_number", &i.letter_number).required(),
            Field::date("issued_on", &i.issued_on).required(),
            Field::unit("to_unit_code", s(&i.to_unit_code))
                .hint("chi bộ nơi đến trong hệ thống; để trống nếu chuyển ra ngoài"),
            Field::text("to_outside", s(&i.to_outside))
                .hint("tên tổ chức đảng nơi đến nếu ngoài hệ thống"),
            Field::text("fees_paid_through", s(&i.fees_paid_through))
                .required()
                .numeric()
                .hint("tháng/năm, ví dụ 10/2025"),
            Field::text("card_number", s(&i.card_number)).hint("đảng viên chính thức"),
            Field::text("biography_number", s(&i.biography_number)).required(),
            Field::text("cell_register_number", s(&i.cell_register_number)).required(),
            Field::text("transfer_register_number", s(&i.transfer_register_number)).required(),
            Field::text("addressee", s(&i.addressee)).required(),
            Field::select("move_reason", s(&i.move_reason), reasons),
            Field::date("move_on", s(&i.move_on))
                .hint("ngày quyết định có hiệu lực hoặc ngày chuyển đến nơi mới (TRF-01)"),
        ],
    )
}

pub async fn issue_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = IssueInput {
        issued_on: format::date(&clock::today()),
        ..IssueInput::default()
    };
    render(token.clone(), issue_page(&actor, &token, id, &input))
}

pub async fn issue(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<IssueInput>,
) -> Result<Response, WebError> {
    match transfers::issue_letter(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}"))),
        Err(e) => issue_page(&actor, &token, id, &input).sent_back(token.clone(), e),
    }
}

// ---- Present at the receiving cell ----------------------------------------------------------

fn present_page(actor: &Actor, token: &CsrfToken, letter: i64, i: &PresentInput) -> FormPage {
    form(
        actor,
        token,
        "Tiếp nhận đảng viên chuyển đến".into(),
        Some("Nộp giấy giới thiệu quá 30 ngày kể từ ngày cấp thì cần ghi lý do chậm (quy tắc TRF-02).".into()),
        ("/transfers/incoming".into(), "Giấy giới thiệu gửi đến".into()),
        format!("/transfers/{letter}/present"),
        "Tiếp nhận",
        vec![
            Field::date("presented_on", &i.presented_on).required(),
            Field::textarea(
                "late_explanation",
                i.late_explanation.clone().unwrap_or_default(),
            ),
        ],
    )
}

pub async fn present_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(letter): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = PresentInput {
        presented_on: format::date(&clock::today()),
        late_explanation: None,
    };
    render(token.clone(), present_page(&actor, &token, letter, &input))
}

pub async fn present(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(letter): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<PresentInput>,
) -> Result<Response, WebError> {
    match transfers::present_letter(&s.app, &actor, letter, &input).await {
        Ok(_) => Ok(redirect(&headers, "/transfers/incoming")),
        Err(e) => present_page(&actor, &token, letter, &input).sent_back(token.clone(), e),
    }
}

// ---- Confirm a transfer outside the registry -------------------------------------------------

fn confirm_page(actor: &Actor, token: &CsrfToken, letter: i64, i: &ConfirmInput) -> FormPage {
    form(
        actor,
        token,
        "Xác nhận đã chuyển sinh hoạt ra ngoài hệ thống".into(),
        Some("Ghi phiếu báo đã nhận của tổ chức đảng nơi đến; từ ngày đó đảng viên ra khỏi danh sách đang chuyển sinh hoạt.".into()),
        ("/transfers".into(), "Chuyển sinh hoạt".into()),
        format!("/transfers/{letter}/confirm"),
        "Xác nhận",
        vec![
            Field::date("confirmed_on", &i.confirmed_on).required(),
            Field::text("confirmation_ref", &i.confirmation_ref).required(),
        ],
    )
}

pub async fn confirm_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(letter): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = ConfirmInput {
        confirmed_on: format::date(&clock::today()),
        ..ConfirmInput::default()
    };
    render(token.clone(), confirm_page(&actor, &token, letter, &input))
}

pub async fn confirm(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(letter): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<ConfirmInput>,
) -> Result<Response, WebError> {
    match transfers::confirm_outside(&s.app, &actor, letter, &input).await {
        Ok(()) => Ok(redirect(&headers, "/transfers")),
        Err(e) => confirm_page(&actor, &token, letter, &input).sent_back(token.clone(), e),
    }
}

// ---- Temporary transfers ----------------------------------------------------------------------

fn temporary_page(actor: &Actor, token: &CsrfToken, id: i64, i: &TemporaryInput) -> FormPage {
    let reasons = options(
        "— chọn —",
        [
            ("move", messages::temporary_reason("move")),
            (
                "study_or_secondment",
                messages::temporary_reason("study_or_secondment"),
            ),
        ],
    );
    form(
        actor,
        token,
        "Chuyển sinh hoạt đảng tạm thời".into(),
        Some("Từ 3 đến dưới 12 tháng khi chuyển nơi làm việc, cư trú; đến 24 tháng khi đi học, biệt phái trong nước (quy tắc TRF-05). Đảng viên vẫn được tính ở chi bộ gốc.".into()),
        member_back(id),
        format!("/members/{id}/temporary"),
        "Chuyển tạm thời",
        vec![
            Field::text("letter_number", &i.letter_number).required(),
            Field::unit("host_unit_code", &i.host_unit_code).required(),
            Field::select("reason", &i.reason, reasons).required(),
            Field::date("from", &i.from).required(),
            Field::date("until", &i.until).required(),
        ],
    )
}

pub async fn temporary_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = TemporaryInput {
        from: format::date(&clock::today()),
        ..TemporaryInput::default()
    };
    render(token.clone(), temporary_page(&actor, &token, id, &input))
}

pub async fn temporary(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<TemporaryInput>,
) -> Result<Response, WebError> {
    match transfers::start_temporary(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}"))),
        Err(e) => temporary_page(&actor, &token, id, &input).sent_back(token.clone(), e),
    }
}

fn renew_page(actor: &Actor, token: &CsrfToken, t: i64, i: &RenewInput) -> FormPage {
    form(
        actor,
        token,
        "Gia hạn sinh hoạt tạm thời".into(),
        None,
        ("/transfers".into(), "Chuyển sinh hoạt".into()),
        format!("/temporary/{t}/renew"),
        "Gia hạn",
        vec![
            Field::date("decided_on", &i.decided_on).required(),
            Field::date("until", &i.until).required(),
        ],
    )
}

pub async fn renew_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(t): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = RenewInput {
        decided_on: format::date(&clock::today()),
        ..RenewInput::default()
    };
    render(token.clone(), renew_page(&actor, &token, t, &input))
}

pub async fn renew(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(t): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<RenewInput>,
) -> Result<Response, WebError> {
    match transfers::renew_temporary(&s.app, &actor, t, &input).await {
        Ok(_) => Ok(redirect(&headers, "/transfers")),
        Err(e) => renew_page(&actor, &token, t, &input).sent_back(token.clone(), e),
    }
}

fn return_page(actor: &Actor, token: &CsrfToken, t: i64, i: &ReturnInput) -> FormPage {
    form(
        actor,
        token,
        "Trở về sinh hoạt tại chi bộ gốc".into(),
        None,
        ("/transfers".into(), "Chuyển sinh hoạt".into()),
        format!("/temporary/{t}/return"),
        "Ghi nhận trở về",
        vec![Field::date("returned_on", &i.returned_on).required()],
    )
}

pub async fn return_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(t): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = ReturnInput {
        returned_on: format::date(&clock::today()),
    };
    render(token.clone(), return_page(&actor, &token, t, &input))
}

pub async fn return_home(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(t): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<ReturnInput>,
) -> Result<Response, WebError> {
    match transfers::return_temporary(&s.app, &actor, t, &input).await {
        Ok(()) => Ok(redirect(&headers, "/transfers")),
        Err(e) => return_page(&actor, &token, t, &input).sent_back(token.clone(), e),
    }
}

// ---- Exemptions -------------------------------------------------------------------------------

fn exemption_page(actor: &Actor, token: &CsrfToken, id: i64, i: &DecideInput) -> FormPage {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    form(
        actor,
        token,
        "Miễn công tác và sinh hoạt đảng".into(),
        Some("Cần đề nghị của chính đảng viên, và tuổi cao (nam từ 60, nữ từ 55) hoặc sức khỏe yếu (điều trị từ 3 tháng hoặc có hồ sơ bệnh án) (quy tắc EXM-01); chi bộ quyết định bằng nghị quyết (EXM-02).".into()),
        member_back(id),
        format!("/members/{id}/exemption"),
        "Quyết định miễn",
        vec![
            Field::date("requested_on", s(&i.requested_on))
                .hint("ngày đảng viên đề nghị; để trống nếu chưa đề nghị"),
            Field::text("treatment_months", s(&i.treatment_months)).numeric(),
            yes_no("has_medical_records", i.has_medical_records),
            Field::text("resolution_ref", &i.resolution_ref).required(),
            Field::date("resolution_on", &i.resolution_on).required(),
            Field::date("from", &i.from).required(),
            Field::date("to", s(&i.to)).hint("để trống nếu không định thời hạn"),
        ],
    )
}

pub async fn exemption_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let today = format::date(&clock::today());
    let input = DecideInput {
        resolution_on: today.clone(),
        from: today,
        ..DecideInput::default()
    };
    render(token.clone(), exemption_page(&actor, &token, id, &input))
}

pub async fn exemption(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<DecideInput>,
) -> Result<Response, WebError> {
    match exemptions::decide(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}"))),
        Err(e) => exemption_page(&actor, &token, id, &input).sent_back(token.clone(), e),
    }
}

fn exemption_renew_page(
    actor: &Actor,
    token: &CsrfToken,
    e: i64,
    i: &ExemptionRenewInput,
) -> FormPage {
    form(
        actor,
        token,
        "Gia hạn miễn công tác và sinh hoạt đảng".into(),
        None,
        ("/transfers".into(), "Chuyển sinh hoạt".into()),
        format!("/exemptions/{e}/renew"),
        "Gia hạn",
        vec![
            Field::text("resolution_ref", &i.resolution_ref).required(),
            Field::date("decided_on", &i.decided_on).required(),
            Field::date("to", i.to.clone().unwrap_or_default()),
        ],
    )
}

pub async fn exemption_renew_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(e): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = ExemptionRenewInput {
        decided_on: format::date(&clock::today()),
        ..ExemptionRenewInput::default()
    };
    render(
        token.clone(),
        exemption_renew_page(&actor, &token, e, &input),
    )
}

pub async fn exemption_renew(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(e): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<ExemptionRenewInput>,
) -> Result<Response, WebError> {
    match exemptions::renew(&s.app, &actor, e, &input).await {
        Ok(()) => Ok(redirect(&headers, "/transfers")),
        Err(err) => exemption_renew_page(&actor, &token, e, &input).sent_back(token.clone(), err),
    }
}

fn resume_page(actor: &Actor, token: &CsrfToken, e: i64, i: &ResumeInput) -> FormPage {
    form(
        actor,
        token,
        "Trở lại sinh hoạt đảng".into(),
        Some("Đảng viên được trở lại sinh hoạt khi chính mình đề nghị (quy tắc EXM-02).".into()),
        ("/transfers".into(), "Chuyển sinh hoạt".into()),
        format!("/exemptions/{e}/resume"),
        "Ghi nhận",
        vec![
            Field::date("resumed_on", &i.resumed_on).required(),
            yes_no("requested_by_member", i.requested_by_member),
        ],
    )
}

pub async fn resume_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Path(e): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = ResumeInput {
        resumed_on: format::date(&clock::today()),
        requested_by_member: true,
    };
    render(token.clone(), resume_page(&actor, &token, e, &input))
}

pub async fn resume(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(e): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<ResumeInput>,
) -> Result<Response, WebError> {
    match exemptions::resume(&s.app, &actor, e, &input).await {
        Ok(()) => Ok(redirect(&headers, "/transfers")),
        Err(err) => resume_page(&actor, &token, e, &input).sent_back(token.clone(), err),
    }
}

// ---- Lists ------------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub as_of: String,
    pub unit: String,
}

#[derive(Template)]
#[template(path = "transfers/list.html")]
struct ListPage {
    layout: Layout,
    f: Filters,
    errors: Vec<String>,
    day_text: String,
    can_edit: bool,
    rows: Vec<InTransit>,
    arrivals: Vec<HostArrival>,
}

/// `/transfers`: members in transit from the scope's cells on a day, and temporary arrivals
/// at its host cells.
pub async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(mut f): Query<Filters>,
) -> Result<Response, WebError> {
    if f.as_of.trim().is_empty() {
        f.as_of = format::date(&clock::today());
    }
    let parsed = StatsInput {
        as_of: Some(f.as_of.clone()),
        unit: Some(f.unit.clone()),
        ..StatsInput::default()
    }
    .parse(clock::today());
    let mut page = ListPage {
        layout: Layout::new(&actor, &token, "Chuyển sinh hoạt", Section::Members),
        f,
        errors: Vec::new(),
        day_text: String::new(),
        can_edit: actor.can(Permission::EditMembers),
        rows: Vec::new(),
        arrivals: Vec::new(),
    };
    let q = match parsed {
        Ok(q) => q,
        Err(fields) => {
            page.errors = fields.iter().map(messages::field_error).collect();
            return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
        }
    };
    page.rows = transfers::in_transit(&s.app, By::User(&actor), q.as_of, q.unit.as_deref()).await?;
    page.arrivals = transfers::host_list(&s.app, &actor, q.as_of).await?;
    page.day_text = format::date(&q.as_of);
    render(token, page)
}

#[derive(Template)]
#[template(path = "transfers/incoming.html")]
struct IncomingPage {
    layout: Layout,
    rows: Vec<Incoming>,
}

/// `/transfers/incoming`: the letters addressed to the caller's cells, to receive.
pub async fn incoming(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let rows = transfers::incoming(&s.app, &actor).await?;
    let page = IncomingPage {
        layout: Layout::new(&actor, &token, "Giấy giới thiệu gửi đến", Section::Members),
        rows,
    };
    render(token, page)
}
