//! Members working away (issue 6, point 3): the list of members away in the caller's scope
//! with the contact gap flagged, and the forms of a member's record — declare, update, log a
//! contact, grant or renew a temporary exemption, end. The member page shows the record.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::audit::By;
use chibo_app::away::{
    self, AwayInput, AwayLine, ContactInput, EndInput, ExemptionInput, WORK_KINDS,
};
use chibo_app::{AppError, clock, members};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::away::ContactChannel;
use chibo_domain::dates::parse_date;
use chibo_domain::field::{FieldError, Problem};
use chibo_domain::ids::MemberId;
use serde::Deserialize;

use super::form::{Field, FormPage, options};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub as_of: String,
    pub unit: String,
    /// Months without contact past which a member is flagged; the setting when empty.
    pub months: String,
}

/// A member away as the list shows them.
pub struct Row {
    pub member_id: i64,
    pub name: String,
    pub unit_code: String,
    pub place: String,
    pub since: String,
    pub group: String,
    pub messaging_group: String,
    pub last_contact: String,
    pub months: u32,
    pub lapsed: bool,
    pub renewal: String,
    pub renewal_class: &'static str,
    pub unexcused: bool,
}

impl From<&AwayLine> for Row {
    fn from(l: &AwayLine) -> Self {
        let st = &l.status;
        let renewal = match (st.renewal_due_on, st.renewal_status) {
            (Some(d), Some(s)) => format!("{} ({})", format::date(&d), messages::renewal_status(s)),
            _ => "—".to_owned(),
        };
        Self {
            member_id: l.member_id,
            name: l.full_name.clone(),
            unit_code: l.unit_code.clone(),
            place: l.place.clone(),
            since: format::date(&l.since),
            group: l.remote_group.clone().unwrap_or_else(|| "—".into()),
            messaging_group: l.messaging_group.clone().unwrap_or_default(),
            last_contact: st
                .last_contact
                .map_or_else(|| "Chưa liên hệ".to_owned(), |d| format::date(&d)),
            months: st.months_without_contact,
            lapsed: st.contact_lapsed,
            renewal,
            renewal_class: match st.renewal_status {
                Some("overdue") => "overdue",
                Some("due") => "due",
                Some("due_soon") => "due_soon",
                _ => "",
            },
            unexcused: st.absence == "unexcused",
        }
    }
}

#[derive(Template)]
#[template(path = "away.html")]
struct AwayPage {
    layout: Layout,
    f: Filters,
    errors: Vec<String>,
    day_text: String,
    gap_months: u32,
    rows: Option<Vec<Row>>,
}

/// `/away`: the members working away in scope on a day.
pub async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Query(mut f): Query<Filters>,
) -> Result<Response, WebError> {
    if f.as_of.trim().is_empty() {
        f.as_of = format::date(&clock::today());
    }
    let mut errors = Vec::new();
    let as_of = match parse_date(f.as_of.trim()) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(messages::field_error(&FieldError::new(
                "as_of",
                Problem::InvalidDate,
            )));
            None
        }
    };
    let months = match f.months.trim() {
        "" => Some(None),
        m => match m.parse::<u32>() {
            Ok(n) if n <= 1200 => Some(Some(n)),
            _ => {
                errors.push(messages::field_error(&FieldError::new(
                    "months",
                    Problem::NotANumber,
                )));
                None
            }
        },
    };
    let gap_default = away::contact_gap_months(&s.app).await?;
    let mut page = AwayPage {
        layout: Layout::new(&actor, &token, "Đảng viên đi làm ăn xa", Section::Away),
        f,
        errors,
        day_text: String::new(),
        gap_months: gap_default,
        rows: None,
    };
    let (Some(as_of), Some(months)) = (as_of, months) else {
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
    };
    let unit = Some(page.f.unit.trim()).filter(|u| !u.is_empty());
    let rows = match away::list(&s.app, By::User(&actor), as_of, unit, months).await {
        Ok(rows) => rows,
        Err(e @ AppError::NoSuchReference { .. }) => {
            page.errors.push(messages::app_error(&e));
            return render_status(StatusCode::NOT_FOUND, token, page);
        }
        Err(e) => return Err(e.into()),
    };
    page.gap_months = months.unwrap_or(gap_default);
    page.day_text = format::date(&as_of);
    page.rows = Some(rows.iter().map(Row::from).collect());
    render(token, page)
}

/// Forms that change members are for accounts that may change them.
fn may_edit(actor: &Actor) -> Result<(), WebError> {
    if actor.can(Permission::EditMembers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Permission::EditMembers).into())
    }
}

fn form(
    actor: &Actor,
    token: &CsrfToken,
    id: i64,
    heading: String,
    action: &str,
    form_id: &'static str,
    fields: Vec<Field>,
) -> FormPage {
    FormPage {
        layout: Layout::new(actor, token, heading.clone(), Section::Members),
        heading,
        intro: None,
        back: (format!("/members/{id}"), "Hồ sơ đảng viên".to_owned()),
        action: format!("/members/{id}/away{action}"),
        form_id,
        submit: "Lưu",
        alert: None,
        fields,
    }
}

/// The member's name, once the caller may see them (a miss is "not found").
async fn name_of(s: &AppState, actor: &Actor, id: i64) -> Result<String, WebError> {
    Ok(members::member_view(&s.app, actor, MemberId(id))
        .await?
        .row
        .full_name)
}

fn details_fields(i: &AwayInput, declaring: bool) -> Vec<Field> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let kinds = options(
        "— chọn —",
        WORK_KINDS.iter().map(|k| (*k, messages::away_work_kind(k))),
    );
    let mut fields = Vec::new();
    if declaring {
        fields.push(Field::date("since", &i.since).required());
    }
    fields.extend([
        Field::text("place", &i.place)
            .required()
            .hint("xã, tỉnh hoặc nước nơi đang làm ăn, sinh sống"),
        Field::text("employer", s(&i.employer)),
        Field::text("contact", s(&i.contact)).hint("số điện thoại, Zalo…"),
        Field::text("contact_person_key", s(&i.contact_person_key))
            .hint("cấp ủy viên giữ liên hệ hằng tháng"),
        Field::unit("remote_group_code", s(&i.remote_group_code))
            .hint("tổ đảng làm ăn xa trong hệ thống, nếu có"),
        Field::text("remote_group", s(&i.remote_group)).hint("nếu tổ đảng chưa có trong hệ thống"),
        Field::text("messaging_group", s(&i.messaging_group)),
        Field::select("work_kind", s(&i.work_kind), kinds),
        Field::text("study_months", s(&i.study_months))
            .numeric()
            .hint("chỉ với cán bộ đi học tập trung"),
    ]);
    if declaring {
        fields.push(
            Field::text("decision_ref", s(&i.decision_ref)).hint("biên bản, đơn báo của đảng viên"),
        );
    }
    fields
}

pub async fn declare_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let name = name_of(&s, &actor, id).await?;
    let input = AwayInput {
        since: format::date(&clock::today()),
        ..AwayInput::default()
    };
    let heading = format!("Đi làm ăn xa: {name}");
    let page = form(
        &actor,
        &token,
        id,
        heading,
        "",
        "away-form",
        details_fields(&input, true),
    );
    render(token, page)
}

pub async fn declare(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<AwayInput>,
) -> Result<Response, WebError> {
    match away::declare(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}#away"))),
        Err(e) => {
            let fields = details_fields(&input, true);
            let page = form(
                &actor,
                &token,
                id,
                "Đi làm ăn xa".into(),
                "",
                "away-form",
                fields,
            );
            page.sent_back(token, e)
        }
    }
}

pub async fn edit_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let name = name_of(&s, &actor, id).await?;
    let open = away::get(&s.app, &actor, MemberId(id), clock::today())
        .await?
        .filter(|v| v.period.ended_on.is_none());
    let input = match &open {
        Some(v) => {
            let p = &v.period;
            AwayInput {
                place: p.place.clone(),
                employer: p.employer.clone(),
                contact: p.contact.clone(),
                contact_person_key: p.contact_person_key.clone(),
                remote_group_code: p.remote_group_code.clone(),
                remote_group: p.remote_group.clone(),
                messaging_group: p.messaging_group.clone(),
                work_kind: Some(v.work_kind.to_owned()),
                study_months: p.full_time_study_months.map(|m| m.to_string()),
                ..AwayInput::default()
            }
        }
        None => AwayInput::default(),
    };
    let fields = details_fields(&input, false);
    let heading = format!("Sửa thông tin làm ăn xa: {name}");
    let mut page = form(
        &actor,
        &token,
        id,
        heading,
        "/edit",
        "away-edit-form",
        fields,
    );
    if open.is_none() {
        page.alert = Some(messages::transition(
            &chibo_domain::member::TransitionError::NotWorkingAway,
        ));
    }
    render(token, page)
}

pub async fn edit(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<AwayInput>,
) -> Result<Response, WebError> {
    match away::update(&s.app, &actor, MemberId(id), &input).await {
        Ok(()) => Ok(redirect(&headers, &format!("/members/{id}#away"))),
        Err(e) => {
            let fields = details_fields(&input, false);
            let heading = "Sửa thông tin làm ăn xa".to_owned();
            let page = form(
                &actor,
                &token,
                id,
                heading,
                "/edit",
                "away-edit-form",
                fields,
            );
            page.sent_back(token, e)
        }
    }
}

fn end_fields(i: &EndInput) -> Vec<Field> {
    vec![
        Field::date("on", &i.on).required().label("Ngày trở về"),
        Field::text("decision_ref", i.decision_ref.clone().unwrap_or_default()),
    ]
}

pub async fn end_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let name = name_of(&s, &actor, id).await?;
    let input = EndInput {
        on: format::date(&clock::today()),
        decision_ref: None,
    };
    let heading = format!("Trở về sau làm ăn xa: {name}");
    let page = form(
        &actor,
        &token,
        id,
        heading,
        "/end",
        "away-end-form",
        end_fields(&input),
    );
    render(token, page)
}

pub async fn end(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<EndInput>,
) -> Result<Response, WebError> {
    match away::end(&s.app, &actor, MemberId(id), &input).await {
        Ok(()) => Ok(redirect(&headers, &format!("/members/{id}#away"))),
        Err(e) => {
            let heading = "Trở về sau làm ăn xa".to_owned();
            let page = form(
                &actor,
                &token,
                id,
                heading,
                "/end",
                "away-end-form",
                end_fields(&input),
            );
            page.sent_back(token, e)
        }
    }
}

fn contact_fields(i: &ContactInput) -> Vec<Field> {
    let channels = options(
        "— chọn —",
        ContactChannel::CODES
            .iter()
            .map(|c| (*c, messages::contact_channel(c))),
    );
    vec![
        Field::date("on", &i.on).required().label("Ngày liên hệ"),
        Field::select("channel", &i.channel, channels).required(),
        Field::text("by_member_key", &i.by_member_key).required(),
        Field::textarea("note", i.note.clone().unwrap_or_default()),
    ]
}

pub async fn contact_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let name = name_of(&s, &actor, id).await?;
    let input = ContactInput {
        on: format::date(&clock::today()),
        channel: "phone".into(),
        ..ContactInput::default()
    };
    let heading = format!("Ghi liên hệ: {name}");
    let fields = contact_fields(&input);
    let page = form(
        &actor,
        &token,
        id,
        heading,
        "/contacts",
        "away-contact-form",
        fields,
    );
    render(token, page)
}

pub async fn contact(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<ContactInput>,
) -> Result<Response, WebError> {
    match away::log_contact(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}#away"))),
        Err(e) => {
            let fields = contact_fields(&input);
            let heading = "Ghi liên hệ".to_owned();
            let page = form(
                &actor,
                &token,
                id,
                heading,
                "/contacts",
                "away-contact-form",
                fields,
            );
            page.sent_back(token, e)
        }
    }
}

fn exemption_fields(i: &ExemptionInput) -> Vec<Field> {
    vec![
        Field::date("decided_on", &i.decided_on).required(),
        Field::date("from", &i.from).required(),
        Field::date("until", &i.until)
            .required()
            .hint("ngày cuối được tạm miễn; cả chuỗi gia hạn dưới 12 tháng"),
        Field::text("resolution_ref", &i.resolution_ref).required(),
    ]
}

pub async fn exemption_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let name = name_of(&s, &actor, id).await?;
    let input = ExemptionInput {
        decided_on: format::date(&clock::today()),
        ..ExemptionInput::default()
    };
    let heading = format!("Tạm miễn sinh hoạt, gia hạn: {name}");
    let fields = exemption_fields(&input);
    let page = form(
        &actor,
        &token,
        id,
        heading,
        "/exemptions",
        "away-exemption-form",
        fields,
    );
    render(token, page)
}

pub async fn exemption(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<ExemptionInput>,
) -> Result<Response, WebError> {
    match away::grant_exemption(&s.app, &actor, MemberId(id), &input).await {
        Ok(_) => Ok(redirect(&headers, &format!("/members/{id}#away"))),
        Err(e) => {
            let fields = exemption_fields(&input);
            let heading = "Tạm miễn sinh hoạt, gia hạn".to_owned();
            let page = form(
                &actor,
                &token,
                id,
                heading,
                "/exemptions",
                "away-exemption-form",
                fields,
            );
            page.sent_back(token, e)
        }
    }
}
