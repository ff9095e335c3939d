//! Imports started from the web run as background tasks: the upload is saved, the job row
//! records stage and progress (flushed every second), and the outcome with every error as CSV.
//! Closing the browser does not stop them; a server restart marks unfinished ones interrupted.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chibo_domain::access::{Actor, Permission, Scope};
use chibo_storage::jobs::{self, Finish, JobRow};
use chibo_storage::now;

use super::{ImportError, ImportOptions, ImportReport, Progress, Source, Stage, import};
use crate::audit::By;
use crate::{App, AppError};

/// The shared state a running import updates and the flusher writes out.
#[derive(Default)]
struct Shared {
    stage: Option<Stage>,
    done: u64,
    total: u64,
}

struct JobProgress(Arc<Mutex<Shared>>);

impl Progress for JobProgress {
    fn stage(&self, stage: Stage, total: u64) {
        if let Ok(mut s) = self.0.lock() {
            *s = Shared {
                stage: Some(stage),
                done: 0,
                total,
            };
        }
    }

    fn advance(&self, done: u64) {
        if let Ok(mut s) = self.0.lock() {
            s.done = done;
        }
    }
}

fn may_import(actor: &Actor) -> Result<(), AppError> {
    for p in [Permission::ManageTree, Permission::EditMembers] {
        if !actor.can(p) {
            return Err(AppError::Forbidden(p));
        }
    }
    Ok(())
}

/// How the error rows are offered for download: a header, then one row per error.
pub type ErrorCsv = dyn Fn(&[ImportError]) -> String + Send + Sync;

/// Starts an import of the uploaded file (a .zip) in the background; returns the job id.
/// `render_errors` turns the errors into the downloadable CSV (its sentences are the
/// delivery layer's).
pub async fn start(
    app: &App,
    actor: &Actor,
    upload: PathBuf,
    file_name: &str,
    dry_run: bool,
    render_errors: Arc<ErrorCsv>,
) -> Result<i64, AppError> {
    may_import(actor)?;
    let mut tx = app.db.write().await?;
    let id = jobs::insert(
        &mut tx,
        Some(actor.user),
        &actor.username,
        file_name,
        dry_run,
        now(),
    )
    .await?;
    tx.commit().await?;
    let (app, actor) = (app.clone(), actor.clone());
    tokio::spawn(async move {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let flusher = tokio::spawn(flush(app.clone(), id, shared.clone()));
        let outcome = run(&app, &actor, &upload, dry_run, shared.clone()).await;
        flusher.abort();
        let _ = std::fs::remove_file(&upload);
        let (status, counts, errors_total, errors_csv, message) = match &outcome {
            Ok(r) if r.written => ("written", Some(r), 0, None, None),
            Ok(r) if r.errors_total == 0 => ("checked", Some(r), 0, None, None),
            Ok(r) => (
                "refused",
                Some(r),
                r.errors_total,
                Some(render_errors(&r.errors)),
                None,
            ),
            Err(e) => {
                tracing::error!(job = id, error = %e, "import failed");
                ("failed", None, 0, None, Some(e.to_string()))
            }
        };
        let counts_json = counts.and_then(|r| serde_json::to_string(&r.counts).ok());
        let finish = Finish {
            status,
            counts_json: counts_json.as_deref(),
            errors_total: i64::try_from(errors_total).unwrap_or(i64::MAX),
            errors_csv: errors_csv.as_deref(),
            message: message.as_deref(),
        };
        let saved = async {
            let mut tx = app.db.write().await?;
            jobs::finish(&mut tx, id, &finish, now()).await?;
            tx.commit().await
        };
        if let Err(e) = saved.await {
            tracing::error!(job = id, error = %e, "could not record the outcome of an import");
        }
    });
    Ok(id)
}

async fn run(
    app: &App,
    actor: &Actor,
    upload: &std::path::Path,
    dry_run: bool,
    shared: Arc<Mutex<Shared>>,
) -> Result<ImportReport, AppError> {
    let source = match Source::open(upload) {
        Ok(s) => s,
        Err(e) => {
            return Ok(ImportReport {
                counts: Default::default(),
                errors: vec![e],
                errors_total: 1,
                dry_run,
                written: false,
            });
        }
    };
    import(
        app,
        By::User(actor),
        &source,
        &ImportOptions { dry_run },
        Arc::new(JobProgress(shared)),
    )
    .await
}

/// Writes the progress to the job row every second.
async fn flush(app: App, id: i64, shared: Arc<Mutex<Shared>>) {
    let mut timer = tokio::time::interval(Duration::from_secs(1));
    loop {
        timer.tick().await;
        let (stage, done, total) = match shared.lock() {
            Ok(s) => (s.stage.map_or("queued", Stage::code), s.done, s.total),
            Err(_) => return,
        };
        let saved = async {
            let mut tx = app.db.write().await?;
            jobs::progress(&mut tx, id, stage, done as i64, total as i64, now()).await?;
            tx.commit().await
        };
        if let Err(e) = saved.await {
            tracing::warn!(job = id, error = %e, "could not record import progress");
        }
    }
}

/// A job, if the caller started it (administrators see every job).
pub async fn job(app: &App, actor: &Actor, id: i64) -> Result<JobRow, AppError> {
    let mut tx = app.db.read().await?;
    let row = jobs::get(&mut tx, id).await?;
    tx.commit().await?;
    row.filter(|j| actor.scope == Scope::Everything || j.user_id == Some(actor.user.0))
        .ok_or(AppError::NotFound)
}

/// The caller's latest jobs (everyone's for administrators).
pub async fn recent(app: &App, actor: &Actor) -> Result<Vec<JobRow>, AppError> {
    may_import(actor)?;
    let mut tx = app.db.read().await?;
    let rows = jobs::recent(&mut tx, actor.scope == Scope::Everything, actor.user).await?;
    tx.commit().await?;
    Ok(rows)
}

/// The refused rows of a job as CSV.
pub async fn errors_csv(app: &App, actor: &Actor, id: i64) -> Result<String, AppError> {
    job(app, actor, id).await?;
    let mut tx = app.db.read().await?;
    let csv = jobs::errors_csv(&mut tx, id).await?;
    tx.commit().await?;
    csv.ok_or(AppError::NotFound)
}

/// Marks jobs a previous run of the server left unfinished.
pub async fn interrupt_unfinished(app: &App) -> Result<(), AppError> {
    let mut tx = app.db.write().await?;
    jobs::interrupt_running(&mut tx, now()).await?;
    Ok(tx.commit().await?)
}
