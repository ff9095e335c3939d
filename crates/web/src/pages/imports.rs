//! Importing from the web: upload a .zip of an interchange data set, watch the import run in
//! the background (htmx polls its progress), read the refused rows or download them as CSV.

use std::io::Write;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum_csrf::CsrfToken;
use chibo_app::AppError;
use chibo_app::interchange::ImportError;
use chibo_app::interchange::jobs;
use chibo_app::model::JobRow;

use super::layout::{Layout, Section};
use super::{redirect, render, render_status};
use crate::auth::Caller;
use crate::error::{WebError, error_page};
use crate::{AppState, messages};

#[derive(Template)]
#[template(path = "imports/list.html")]
struct ListPage {
    layout: Layout,
    jobs: Vec<JobLine>,
    error: Option<String>,
}

/// A job as pages show it.
pub struct JobLine {
    pub row: JobRow,
    pub status: &'static str,
    pub stage: &'static str,
    pub counts: Option<chibo_app::interchange::ImportCounts>,
    pub running: bool,
}

impl From<JobRow> for JobLine {
    fn from(row: JobRow) -> Self {
        let counts = row
            .counts_json
            .as_deref()
            .and_then(|j| serde_json::from_str::<CountsJson>(j).ok())
            .map(|c| chibo_app::interchange::ImportCounts {
                units: c.units,
                unit_versions: c.unit_versions,
                members: c.members,
                events: c.events,
            });
        Self {
            status: messages::import_status(&row.status),
            stage: stage_name(&row.stage),
            running: row.status == "running",
            counts,
            row,
        }
    }
}

#[derive(serde::Deserialize)]
struct CountsJson {
    units: usize,
    unit_versions: usize,
    members: usize,
    events: usize,
}

fn stage_name(code: &str) -> &'static str {
    use chibo_app::interchange::Stage as S;
    let stage = [
        S::ReadUnits,
        S::ReadMembers,
        S::ReadEvents,
        S::CheckHistories,
        S::WriteUnits,
        S::WriteMembers,
        S::Commit,
        S::Done,
    ]
    .into_iter()
    .find(|s| s.code() == code);
    stage.map_or("Đang chờ", messages::import_stage)
}

async fn list_page(
    s: &AppState,
    actor: &chibo_domain::access::Actor,
    token: &CsrfToken,
    error: Option<String>,
) -> Result<ListPage, WebError> {
    let jobs = jobs::recent(&s.app, actor)
        .await?
        .into_iter()
        .map(JobLine::from)
        .collect();
    Ok(ListPage {
        layout: Layout::new(actor, token, "Nhập dữ liệu", Section::Imports),
        jobs,
        error,
    })
}

pub async fn list(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
) -> Result<Response, WebError> {
    let page = list_page(&s, &actor, &token, None).await?;
    render(token, page)
}

/// The CSV of refused rows: file, line, column, code and the Vietnamese reason.
pub fn errors_csv(errors: &[ImportError]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(["file", "line", "column", "code", "message"]);
    for e in errors {
        let line = e.line.to_string();
        let _ = out.write_record([
            e.file,
            line.as_str(),
            e.column.as_str(),
            e.problem.code().as_str(),
            messages::import_problem(&e.problem).as_str(),
        ]);
    }
    out.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// Receives the upload (the CSRF token must come before the file) and starts the job.
pub async fn upload(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let mut verified = false;
    let mut dry_run = false;
    let mut saved: Option<(std::path::PathBuf, String)> = None;
    let bad = |_| WebError(AppError::Internal("upload interrupted".into()));
    while let Some(mut field) = multipart.next_field().await.map_err(|_| {
        WebError(AppError::field(
            "file",
            chibo_domain::field::Problem::Required,
        ))
    })? {
        match field.name() {
            Some("csrf_token") => {
                let value = field.text().await.unwrap_or_default();
                verified = token.verify(&value).is_ok();
            }
            Some("dry_run") => dry_run = true,
            Some("file") => {
                if !verified {
                    return Ok(error_page(StatusCode::FORBIDDEN, messages::CSRF));
                }
                let name = field.file_name().unwrap_or("du-lieu.zip").to_owned();
                let file = tempfile::Builder::new()
                    .prefix("chibo-import-")
                    .suffix(".zip")
                    .tempfile()
                    .map_err(|e| WebError(AppError::Internal(e.to_string())))?;
                let (mut handle, path) = file
                    .keep()
                    .map_err(|e| WebError(AppError::Internal(e.to_string())))?;
                while let Some(chunk) = field.chunk().await.map_err(bad)? {
                    handle
                        .write_all(&chunk)
                        .map_err(|e| WebError(AppError::Internal(e.to_string())))?;
                }
                saved = Some((path, name));
            }
            _ => {}
        }
    }
    if !verified {
        return Ok(error_page(StatusCode::FORBIDDEN, messages::CSRF));
    }
    let Some((path, name)) = saved.filter(|(p, _)| {
        std::fs::metadata(p).is_ok_and(|m| m.len() > 0) || {
            let _ = std::fs::remove_file(p);
            false
        }
    }) else {
        let page = list_page(&s, &actor, &token, Some(messages::NO_FILE.into())).await?;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, token, page);
    };
    let id = jobs::start(&s.app, &actor, path, &name, dry_run, Arc::new(errors_csv)).await?;
    Ok(redirect(&headers, &format!("/imports/{id}")))
}

#[derive(Template)]
#[template(path = "imports/job.html")]
struct JobPage {
    layout: Layout,
    job: JobLine,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "imports/_progress.html")]
struct ProgressFragment {
    job: JobLine,
}

pub async fn show(
    State(s): State<AppState>,
    Caller(actor): Caller,
    token: CsrfToken,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let job = JobLine::from(jobs::job(&s.app, &actor, id).await?);
    let errors = if job.row.errors_total > 0 {
        let csv = jobs::errors_csv(&s.app, &actor, id)
            .await
            .unwrap_or_default();
        error_lines(&csv)
    } else {
        Vec::new()
    };
    let page = JobPage {
        layout: Layout::new(&actor, &token, "Nhập dữ liệu", Section::Imports),
        job,
        errors,
    };
    render(token, page)
}

/// The first refused rows, as `file:line:column: reason [code]`.
fn error_lines(csv_text: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .take(200)
        .map(|r| format!("{}:{}:{}: {} [{}]", &r[0], &r[1], &r[2], &r[4], &r[3]))
        .collect()
}

/// The progress fragment htmx polls; 286 tells it to stop once the job has ended.
pub async fn progress(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let job = JobLine::from(jobs::job(&s.app, &actor, id).await?);
    let running = job.running;
    let html = Html(ProgressFragment { job }.render()?);
    if running {
        Ok(html.into_response())
    } else {
        // Reload the page once so the outcome (and any errors) show.
        Ok((
            StatusCode::from_u16(286).unwrap_or(StatusCode::OK),
            [("hx-refresh", "true")],
            html,
        )
            .into_response())
    }
}

pub async fn errors(
    State(s): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let csv_text = jobs::errors_csv(&s.app, &actor, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"loi-nhap-du-lieu.csv\"",
            ),
        ],
        csv_text,
    )
        .into_response())
}
