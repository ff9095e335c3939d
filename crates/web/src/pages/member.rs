//! A member's profile and timeline, and the forms that add a member, edit the profile,
//! record an event and correct one.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use chibo_app::members::{self, EventInput, MemberView, NewMemberInput, ProfileUpdate, VoidInput};
use chibo_app::recognition::{RecognitionView, recognition_of};
use chibo_domain::access::{Actor, Permission, Scope};
use chibo_domain::ids::{EventId, MemberId};
use chibo_domain::member::EventKind;
use chibo_domain::person::{PoliticalTheory, ProfessionalLevel, ProfileInput};
use serde::Deserialize;

use super::form::{Field, FormPage, options};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

fn section(actor: &Actor, id: MemberId) -> Section {
    match actor.scope {
        Scope::OwnRecord(m) if m == id => Section::Me,
        _ => Section::Members,
    }
}

#[derive(Template)]
#[template(path = "members/member.html")]
struct MemberPage {
    layout: Layout,
    v: MemberView,
    today_text: String,
    /// The recognition procedure, when there is one to show.
    recognition: Option<RecognitionView>,
    /// The candidate record the member was admitted from, when the caller may read it.
    candidate_key: Option<String>,
    transfers: chibo_app::transfers::MemberTransfers,
    exemptions: Vec<chibo_app::exemptions::ExemptionView>,
    /// The latest period working away, for accounts that see members.
    away: Option<chibo_app::away::AwayView>,
    /// The member has an open working-away record (else the declare button shows).
    away_open: bool,
    /// Party fees, for those who may see them.
    fees: Option<super::fees::FeeSummary>,
    /// The latest screening (REM-09), for accounts that see the cell's records.
    screening: Option<super::screening::MemberScreening>,
    /// Disciplinary measures (REM-07), for accounts that see the cell's records.
    discipline: Option<super::discipline::DisciplineSection>,
    /// Removal, complaints and leaving on request, for accounts that see members.
    procedures: Option<chibo_app::removal::Procedures>,
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let v = members::member_view(&s.app, &actor, MemberId(id)).await?;
    // A member's own account sees the profile without the cell's transfer papers.
    let (transfers, exemptions) = if actor.can(Permission::ViewMembers) {
        (
            chibo_app::transfers::of_member(&s.app, &actor, MemberId(id)).await?,
            chibo_app::exemptions::of_member(&s.app, &actor, MemberId(id)).await?,
        )
    } else {
        (
            chibo_app::transfers::MemberTransfers {
                letters: Vec::new(),
                temporaries: Vec::new(),
            },
            Vec::new(),
        )
    };
    let recognition =
        Some(recognition_of(&s.app, &actor, MemberId(id)).await?).filter(RecognitionView::shown);
    let candidate_key =
        chibo_app::candidates::candidate_of_member(&s.app, &actor, MemberId(id)).await?;
    let today = chibo_app::clock::today();
    // A member's own account sees the profile but not the cell's working-away record.
    let away = match chibo_app::away::get(&s.app, &actor, MemberId(id), today).await {
        Ok(a) => a,
        Err(AppError::NotFound | AppError::Forbidden(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let away_open = away.as_ref().is_some_and(|a| a.period.ended_on.is_none());
    let fees = super::fees::summary(&s, &actor, MemberId(id)).await;
    let screening = super::screening::section(&s, &actor, MemberId(id)).await?;
    let discipline = super::discipline::section(&s, &actor, MemberId(id)).await?;
    let procedures = match chibo_app::removal::of_member(&s.app, &actor, MemberId(id)).await {
        Ok(p) => Some(p),
        Err(AppError::NotFound | AppError::Forbidden(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let page = MemberPage {
        screening,
        discipline,
        procedures,
        recognition,
        candidate_key,
        transfers,
        exemptions,
        away,
        away_open,
        fees,
        layout: Layout::new(
            &actor,
            &token,
            v.row.full_name.clone(),
            section(&actor, MemberId(id)),
        ),
        today_text: format::date(&chibo_app::clock::today()),
        v,
    };
    render(token, page)
}

fn profile_fields(p: &ProfileInput) -> Vec<Field> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let sexes = options("— chọn —", [("M", "Nam"), ("F", "Nữ")]);
    let levels = options(
        "— không —",
        ProfessionalLevel::ALL
            .iter()
            .map(|l| (l.code(), messages::professional_level(l.code()))),
    );
    let theory = options(
        "— không —",
        PoliticalTheory::ALL
            .iter()
            .map(|l| (l.code(), messages::political_theory(l.code()))),
    );
    vec![
        Field::text("full_name", s(&p.full_name)).required(),
        Field::select("sex", s(&p.sex), sexes).required(),
        Field::date("birth_date", s(&p.birth_date)).required(),
        Field::text("citizen_id", s(&p.citizen_id))
            .numeric()
            .hint("12 chữ số"),
        Field::text("card_number", s(&p.card_number)).hint("chỉ đảng viên chính thức"),
        Field::text("ethnicity", s(&p.ethnicity)).hint("ví dụ Kinh, Tày, Khmer"),
        Field::text("religion", s(&p.religion)).hint("để trống nếu không theo tôn giáo"),
        Field::text("education", s(&p.education)).hint("ví dụ 12/12, 9/12"),
        Field::select("professional_level", s(&p.professional_level), levels),
        Field::select("political_theory", s(&p.political_theory), theory),
        Field::text("occupation", s(&p.occupation)),
        Field::text("residence_admin_code", s(&p.residence_admin_code))
            .numeric()
            .hint("mã xã, phường theo danh mục 2025"),
        Field::text("hometown", s(&p.hometown)),
        Field::text("current_address", s(&p.current_address)),
        Field::text("phone", s(&p.phone)).numeric(),
        Field::text("email", s(&p.email)),
        Field::text("biography_number", s(&p.biography_number)),
    ]
}

fn new_fields(i: &NewMemberInput) -> Vec<Field> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut fields = vec![
        Field::unit("cell_code", &i.cell_code).required(),
        Field::date("admitted_on", &i.admitted_on).required(),
        Field::date("recognized_on", s(&i.recognized_on))
            .hint("chỉ nhập với người đã là đảng viên chính thức"),
        Field::text("decision_ref", s(&i.decision_ref)).hint("số quyết định kết nạp"),
    ];
    fields.extend(profile_fields(&i.profile));
    fields.push(Field::text("member_key", s(&i.member_key)).hint("để trống để hệ thống tự tạo"));
    fields
}

fn member_form(
    actor: &Actor,
    token: &CsrfToken,
    heading: String,
    back: (String, String),
    action: String,
    submit: &'static str,
    fields: Vec<Field>,
) -> FormPage {
    FormPage {
        layout: Layout::new(actor, token, heading.clone(), Section::Members),
        heading,
        intro: None,
        back,
        action,
        form_id: "member-form",
        submit,
        alert: None,
        fields,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewQuery {
    cell: Option<String>,
}

fn new_page(actor: &Actor, token: &CsrfToken, input: &NewMemberInput) -> FormPage {
    let back = ("/members".to_owned(), "Đảng viên".to_owned());
    member_form(
        actor,
        token,
        "Thêm đảng viên".into(),
        back,
        "/members".into(),
        "Lưu",
        new_fields(input),
    )
}

/// Forms that change members are for accounts that may change them.
fn may_edit(actor: &Actor) -> Result<(), WebError> {
    if actor.can(Permission::EditMembers) {
        Ok(())
    } else {
        Err(AppError::Forbidden(Permission::EditMembers).into())
    }
}

pub async fn new_form(
    Caller(actor): Caller,
    token: CsrfToken,
    Query(q): Query<NewQuery>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let input = NewMemberInput {
        cell_code: q.cell.unwrap_or_default(),
        ..NewMemberInput::default()
    };
    render(token.clone(), new_page(&actor, &token, &input))
}

pub async fn create(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<NewMemberInput>,
) -> Result<Response, WebError> {
    match members::add_member(&s.app, &actor, &input).await {
        Ok(id) => Ok(redirect(&headers, &format!("/members/{}", id.0))),
        Err(e) => new_page(&actor, &token, &input).sent_back(token.clone(), e),
    }
}

/// The profile form with the residential areas of the commune typed in it to choose from.
async fn edit_page(
    s: &AppState,
    actor: &Actor,
    token: &CsrfToken,
    id: i64,
    name: &str,
    input: &ProfileUpdate,
) -> Result<FormPage, WebError> {
    let areas = match input
        .profile
        .residence_admin_code
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        Some(code) => chibo_app::reference::residential_areas(&s.app, code).await?,
        None => Vec::new(),
    };
    let mut choices = vec![(String::new(), "— không chọn —".to_owned())];
    choices.extend(areas.iter().map(|a| (a.id.to_string(), a.name.clone())));
    let mut fields = profile_fields(&input.profile);
    let area = Field::select(
        "residential_area_id",
        input.residential_area_id.clone().unwrap_or_default(),
        choices,
    )
    .hint("thôn, ấp, khu phố của xã, phường nơi cư trú");
    let at = fields
        .iter()
        .position(|f| f.name == "residence_admin_code")
        .map_or(fields.len(), |i| i + 1);
    fields.insert(at, area);
    let back = (format!("/members/{id}"), name.to_owned());
    Ok(member_form(
        actor,
        token,
        format!("Sửa hồ sơ: {name}"),
        back,
        format!("/members/{id}"),
        "Lưu",
        fields,
    ))
}

pub async fn edit_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let v = members::member_view(&s.app, &actor, MemberId(id)).await?;
    let r = &v.row;
    let profile = ProfileInput {
        full_name: Some(r.full_name.clone()),
        sex: Some(r.sex.clone()),
        birth_date: Some(format::date(&r.birth_date)),
        citizen_id: r.citizen_id.clone(),
        card_number: r.card_number.clone(),
        ethnicity: r.ethnicity.clone(),
        religion: r.religion.clone(),
        education: r.education.clone(),
        professional_level: r.professional_level.clone(),
        political_theory: r.political_theory.clone(),
        occupation: r.occupation.clone(),
        residence_admin_code: r.residence_admin_code.clone(),
        hometown: r.hometown.clone(),
        current_address: r.current_address.clone(),
        phone: r.phone.clone(),
        email: r.email.clone(),
        biography_number: r.biography_number.clone(),
    };
    let input = ProfileUpdate {
        profile,
        residential_area_id: r.residential_area_id.map(|a| a.to_string()),
    };
    let page = edit_page(&s, &actor, &token, id, &r.full_name, &input).await?;
    render(token, page)
}

pub async fn update(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<ProfileUpdate>,
) -> Result<Response, WebError> {
    match members::update_profile(&s.app, &actor, MemberId(id), &input).await {
        Ok(()) => Ok(redirect(&headers, &format!("/members/{id}"))),
        Err(e) => {
            let name = input.profile.full_name.clone().unwrap_or_default();
            let page = edit_page(&s, &actor, &token, id, &name, &input).await?;
            page.sent_back(token, e)
        }
    }
}

fn event_fields(i: &EventInput) -> Vec<Field> {
    let kinds = options(
        "— chọn sự kiện —",
        EventKind::ALL
            .iter()
            .map(|k| (k.code(), messages::event_kind(k.code()))),
    );
    vec![
        Field::select("kind", &i.kind, kinds)
            .required()
            .label("Sự kiện"),
        Field::date("on", &i.on).required(),
        Field::unit("unit_code", i.unit_code.clone().unwrap_or_default()).hint(
            "kết nạp, tiếp nhận, sinh hoạt tạm thời: chi bộ đến; chuyển đi: nơi đến (nếu có)",
        ),
        Field::text("decision_ref", i.decision_ref.clone().unwrap_or_default()),
        Field::textarea("reason", i.reason.clone().unwrap_or_default()),
    ]
}

fn event_page(actor: &Actor, token: &CsrfToken, id: i64, input: &EventInput) -> FormPage {
    let back = (format!("/members/{id}"), "Hồ sơ đảng viên".to_owned());
    let mut form = member_form(
        actor,
        token,
        "Ghi sự kiện".into(),
        back,
        format!("/members/{id}/events"),
        "Ghi sự kiện",
        event_fields(input),
    );
    form.form_id = "event-form";
    form
}

pub async fn event_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    may_edit(&actor)?;
    let v = members::member_view(&s.app, &actor, MemberId(id)).await?;
    let input = EventInput {
        on: format::date(&chibo_app::clock::today()),
        ..EventInput::default()
    };
    let mut form = event_page(&actor, &token, id, &input);
    form.heading = format!("Ghi sự kiện: {}", v.row.full_name);
    render(token, form)
}

pub async fn record(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<EventInput>,
) -> Result<Response, WebError> {
    match members::record_event(&s.app, &actor, MemberId(id), &input).await {
        Ok(()) => Ok(redirect(&headers, &format!("/members/{id}"))),
        Err(e) => event_page(&actor, &token, id, &input).sent_back(token.clone(), e),
    }
}

pub async fn void(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path((id, event)): Path<(i64, i64)>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<VoidInput>,
) -> Result<Response, WebError> {
    match members::void_event(&s.app, &actor, MemberId(id), EventId(event), &input).await {
        Ok(()) => Ok(redirect(&headers, &format!("/members/{id}"))),
        Err(e @ (AppError::Transition(_) | AppError::Invalid(_))) => {
            let back = (format!("/members/{id}"), "Hồ sơ đảng viên".to_owned());
            let form = member_form(
                &actor,
                &token,
                "Đính chính sự kiện".into(),
                back,
                format!("/members/{id}/events/{event}/void"),
                "Đính chính",
                vec![Field::textarea(
                    "reason",
                    input.reason.clone().unwrap_or_default(),
                )],
            );
            render_status(StatusCode::UNPROCESSABLE_ENTITY, token, form.with_error(&e))
        }
        Err(other) => Err(other.into()),
    }
}
