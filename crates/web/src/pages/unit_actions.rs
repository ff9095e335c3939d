//! Forms that change the tree: founding a unit under another, renaming, moving, merging,
//! dissolving, and residential areas. Each form comes back with its errors next to the
//! fields when the service refuses it.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_csrf::CsrfToken;
use chibo_app::org::{
    self, AreaInput, CoverInput, CreateUnitInput, DissolveInput, MergeInput, MoveInput, RenameInput,
};
use chibo_app::{AppError, Page};
use chibo_domain::access::{Actor, Permission};
use chibo_domain::org::{ResidentialUnitKind, UnitKind};

use super::form::{Field, FormPage, options};
use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::{Caller, CsrfForm};
use crate::error::WebError;
use crate::{AppState, format, messages};

fn today_text() -> String {
    format::date(&chibo_app::clock::today())
}

/// The unit's current name, for the heading of a form that changes the tree: the caller must
/// see the unit and may change the tree.
async fn unit_name(s: &AppState, actor: &Actor, code: &str) -> Result<String, AppError> {
    let day = chibo_app::clock::today();
    if !actor.can(Permission::ManageTree) {
        return Err(AppError::Forbidden(Permission::ManageTree));
    }
    let v = org::unit_view(&s.app, actor, code, day, Page::new(Some(1), Some(1))).await?;
    Ok(v.unit.name)
}

struct Spec {
    heading: String,
    intro: Option<String>,
    back: String,
    back_label: String,
    action: String,
    submit: &'static str,
}

fn page(actor: &Actor, token: &CsrfToken, spec: Spec, fields: Vec<Field>) -> FormPage {
    FormPage {
        layout: Layout::new(actor, token, spec.heading.clone(), Section::Tree),
        heading: spec.heading,
        intro: spec.intro,
        back: (spec.back, spec.back_label),
        action: spec.action,
        form_id: "unit-form",
        submit: spec.submit,
        alert: None,
        fields,
    }
}

/// Sends the form back with its errors (422), or goes on to the unit's page.
fn outcome(
    headers: &HeaderMap,
    token: CsrfToken,
    form: FormPage,
    result: Result<String, AppError>,
) -> Result<Response, WebError> {
    match result {
        Ok(to) => Ok(redirect(headers, &to)),
        Err(
            e @ (AppError::Invalid(_)
            | AppError::Tree(_)
            | AppError::Transition(_)
            | AppError::NoSuchReference { .. }),
        ) => render_status(crate::error::status_of(&e), token, form.with_error(&e)),
        Err(other) => Err(other.into()),
    }
}

fn kind_options() -> Vec<(String, String)> {
    options(
        "— chọn loại —",
        UnitKind::ALL
            .iter()
            .map(|k| (k.code(), messages::unit_kind(k.code()))),
    )
}

fn create_fields(i: &CreateUnitInput) -> Vec<Field> {
    vec![
        Field::text("code", &i.code)
            .required()
            .hint("mã ổn định, ví dụ X29983-G05"),
        Field::text("name", &i.name).required(),
        Field::select("kind", &i.kind, kind_options()).required(),
        Field::unit("parent_code", i.parent_code.clone().unwrap_or_default()),
        Field::text(
            "admin_unit_code",
            i.admin_unit_code.clone().unwrap_or_default(),
        )
        .numeric()
        .hint("mã tỉnh (đảng bộ tỉnh) hoặc mã xã, phường theo danh mục 2025"),
        Field::date("valid_from", &i.valid_from).required(),
    ]
}

fn create_spec(parent: &str, name: &str) -> Spec {
    Spec {
        heading: format!("Thành lập tổ chức trực thuộc {name}"),
        intro: None,
        back: format!("/units/{parent}"),
        back_label: name.to_owned(),
        action: "/units".into(),
        submit: "Thành lập",
    }
}

pub async fn create_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let name = unit_name(&s, &actor, &code).await?;
    let input = CreateUnitInput {
        parent_code: Some(code.clone()),
        valid_from: today_text(),
        ..CreateUnitInput::default()
    };
    let form = page(
        &actor,
        &token,
        create_spec(&code, &name),
        create_fields(&input),
    );
    render(token, form)
}

pub async fn create(
    State(s): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<CreateUnitInput>,
) -> Result<Response, WebError> {
    let parent = input.parent_code.clone().unwrap_or_default();
    let result = org::create_unit(&s.app, &actor, &input)
        .await
        .map(|code| format!("/units/{code}"));
    let spec = create_spec(&parent, &parent);
    outcome(
        &headers,
        token.clone(),
        page(&actor, &token, spec, create_fields(&input)),
        result,
    )
}

fn simple_spec(
    code: &str,
    name: &str,
    heading: &str,
    action: &str,
    submit: &'static str,
    intro: Option<&str>,
) -> Spec {
    Spec {
        heading: format!("{heading}: {name}"),
        intro: intro.map(str::to_owned),
        back: format!("/units/{code}"),
        back_label: name.to_owned(),
        action: format!("/units/{code}/{action}"),
        submit,
    }
}

fn rename_fields(i: &RenameInput) -> Vec<Field> {
    vec![
        Field::text("name", &i.name).required().label("Tên mới"),
        Field::date("on", &i.on).required(),
    ]
}

const RENAME_INTRO: &str = "Tên cũ được giữ trong lịch sử; báo cáo các ngày trước dùng tên cũ.";

pub async fn rename_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let name = unit_name(&s, &actor, &code).await?;
    let input = RenameInput {
        name: name.clone(),
        on: today_text(),
    };
    let spec = simple_spec(
        &code,
        &name,
        "Đổi tên",
        "rename",
        "Đổi tên",
        Some(RENAME_INTRO),
    );
    render(
        token.clone(),
        page(&actor, &token, spec, rename_fields(&input)),
    )
}

pub async fn rename(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<RenameInput>,
) -> Result<Response, WebError> {
    let result = org::rename_unit(&s.app, &actor, &code, &input)
        .await
        .map(|()| format!("/units/{code}"));
    let spec = simple_spec(
        &code,
        &code,
        "Đổi tên",
        "rename",
        "Đổi tên",
        Some(RENAME_INTRO),
    );
    outcome(
        &headers,
        token.clone(),
        page(&actor, &token, spec, rename_fields(&input)),
        result,
    )
}

fn move_fields(i: &MoveInput) -> Vec<Field> {
    vec![
        Field::unit("parent_code", &i.parent_code)
            .required()
            .label("Cấp trên mới (mã)"),
        Field::date("on", &i.on).required(),
    ]
}

const MOVE_INTRO: &str = "Tổ chức và toàn bộ tổ chức trực thuộc chuyển sang cấp trên mới từ ngày hiệu lực; trước ngày đó vẫn thuộc cấp trên cũ.";

pub async fn move_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let name = unit_name(&s, &actor, &code).await?;
    let input = MoveInput {
        parent_code: String::new(),
        on: today_text(),
    };
    let spec = simple_spec(
        &code,
        &name,
        "Chuyển cấp trên",
        "move",
        "Chuyển",
        Some(MOVE_INTRO),
    );
    render(
        token.clone(),
        page(&actor, &token, spec, move_fields(&input)),
    )
}

pub async fn relocate(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<MoveInput>,
) -> Result<Response, WebError> {
    let result = org::move_unit(&s.app, &actor, &code, &input)
        .await
        .map(|()| format!("/units/{code}"));
    let spec = simple_spec(
        &code,
        &code,
        "Chuyển cấp trên",
        "move",
        "Chuyển",
        Some(MOVE_INTRO),
    );
    outcome(
        &headers,
        token.clone(),
        page(&actor, &token, spec, move_fields(&input)),
        result,
    )
}

fn merge_fields(i: &MergeInput) -> Vec<Field> {
    vec![
        Field::unit("into_code", &i.into_code).required(),
        Field::date("on", &i.on).required(),
        Field::text("decision_ref", i.decision_ref.clone().unwrap_or_default()),
    ]
}

const MERGE_INTRO: &str = "Đảng viên của tổ chức này chuyển sinh hoạt sang tổ chức được hợp nhất vào từ ngày hiệu lực; các tổ chức trực thuộc chuyển theo; tổ chức này kết thúc vào ngày trước đó.";

pub async fn merge_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let name = unit_name(&s, &actor, &code).await?;
    let input = MergeInput {
        on: today_text(),
        ..MergeInput::default()
    };
    let spec = simple_spec(
        &code,
        &name,
        "Hợp nhất",
        "merge",
        "Hợp nhất",
        Some(MERGE_INTRO),
    );
    render(
        token.clone(),
        page(&actor, &token, spec, merge_fields(&input)),
    )
}

pub async fn merge(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<MergeInput>,
) -> Result<Response, WebError> {
    let result = org::merge_unit(&s.app, &actor, &code, &input)
        .await
        .map(|_| format!("/units/{}", input.into_code.trim()));
    let spec = simple_spec(
        &code,
        &code,
        "Hợp nhất",
        "merge",
        "Hợp nhất",
        Some(MERGE_INTRO),
    );
    outcome(
        &headers,
        token.clone(),
        page(&actor, &token, spec, merge_fields(&input)),
        result,
    )
}

const DISSOLVE_INTRO: &str = "Chỉ giải thể được khi không còn đảng viên và tổ chức trực thuộc. Lịch sử của tổ chức được giữ nguyên.";

pub async fn dissolve_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let name = unit_name(&s, &actor, &code).await?;
    let spec = simple_spec(
        &code,
        &name,
        "Giải thể",
        "dissolve",
        "Giải thể",
        Some(DISSOLVE_INTRO),
    );
    render(
        token.clone(),
        page(
            &actor,
            &token,
            spec,
            vec![Field::date("on", today_text()).required()],
        ),
    )
}

pub async fn dissolve(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<DissolveInput>,
) -> Result<Response, WebError> {
    let result = org::dissolve_unit(&s.app, &actor, &code, &input)
        .await
        .map(|()| format!("/units/{code}"));
    let spec = simple_spec(
        &code,
        &code,
        "Giải thể",
        "dissolve",
        "Giải thể",
        Some(DISSOLVE_INTRO),
    );
    outcome(
        &headers,
        token.clone(),
        page(
            &actor,
            &token,
            spec,
            vec![Field::date("on", &input.on).required()],
        ),
        result,
    )
}

fn area_fields(i: &AreaInput) -> Vec<Field> {
    let kinds = options(
        "— chọn loại —",
        ResidentialUnitKind::ALL
            .iter()
            .map(|k| (k.code(), messages::residential_kind(k.code()))),
    );
    vec![
        Field::text("name", &i.name)
            .required()
            .hint("ví dụ Ấp An Lợi, Tổ dân phố 3"),
        Field::select("kind", &i.kind, kinds).required(),
        Field::unit(
            "covering_unit_code",
            i.covering_unit_code.clone().unwrap_or_default(),
        )
        .hint("để trống nếu chưa có chi bộ"),
    ]
}

pub async fn area_form(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let name = unit_name(&s, &actor, &code).await?;
    let spec = simple_spec(
        &code,
        &name,
        "Thêm thôn, ấp, khu phố",
        "areas",
        "Thêm",
        None,
    );
    render(
        token.clone(),
        page(&actor, &token, spec, area_fields(&AreaInput::default())),
    )
}

pub async fn add_area(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(code): Path<String>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<AreaInput>,
) -> Result<Response, WebError> {
    let result = org::add_area(&s.app, &actor, &code, &input)
        .await
        .map(|_| format!("/units/{code}"));
    let spec = simple_spec(
        &code,
        &code,
        "Thêm thôn, ấp, khu phố",
        "areas",
        "Thêm",
        None,
    );
    outcome(
        &headers,
        token.clone(),
        page(&actor, &token, spec, area_fields(&input)),
        result,
    )
}

pub async fn cover_area(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path((code, area)): Path<(String, i64)>,
    headers: HeaderMap,
    CsrfForm { token, form: input }: CsrfForm<CoverInput>,
) -> Result<Response, WebError> {
    let result = org::set_area_cover(&s.app, &actor, &code, area, &input)
        .await
        .map(|()| format!("/units/{code}"));
    let spec = simple_spec(
        &code,
        &code,
        "Đổi chi bộ phụ trách",
        &format!("areas/{area}/cover"),
        "Lưu",
        None,
    );
    let fields = vec![Field::unit(
        "covering_unit_code",
        input.covering_unit_code.clone().unwrap_or_default(),
    )];
    outcome(
        &headers,
        token.clone(),
        page(&actor, &token, spec, fields),
        result,
    )
}
