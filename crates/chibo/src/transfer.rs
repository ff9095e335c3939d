//! `chibo import` and `chibo export`: interchange v1 in and out, with a progress bar (rows or
//! bytes per second, time left) on a terminal and one line per stage otherwise.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chibo_app::App;
use chibo_app::audit::By;
use chibo_app::interchange::{
    self, ExportFormat, ExportOptions, ImportOptions, Progress, Source, Stage,
};
use chibo_web::format::num;
use indicatif::{ProgressBar, ProgressStyle};

struct Bar {
    bar: ProgressBar,
    plain: bool,
    stage: Mutex<Option<Stage>>,
    started: Instant,
}

impl Progress for Bar {
    fn stage(&self, stage: Stage, total: u64) {
        if let Ok(mut s) = self.stage.lock() {
            *s = Some(stage);
        }
        let name = chibo_web::messages::import_stage(stage);
        if self.plain {
            if stage != Stage::Done {
                // The elapsed time lets a log (or a benchmark) see where the time goes.
                let secs = self.started.elapsed().as_secs_f64();
                eprintln!("{name}… (từ giây {})", chibo_web::format::decimal(secs, 1));
            }
            return;
        }
        let reading = matches!(
            stage,
            Stage::ReadUnits | Stage::ReadMembers | Stage::ReadEvents
        );
        let template = if reading {
            "{msg:<28} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} còn {eta}"
        } else {
            "{msg:<28} [{bar:30}] {human_pos}/{human_len} ({per_sec}) còn {eta}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.reset();
        self.bar.set_length(total);
        self.bar.set_message(name);
    }

    fn advance(&self, done: u64) {
        self.bar.set_position(done);
    }
}

pub async fn import(app: &App, path: &Path, dry_run: bool) -> anyhow::Result<bool> {
    let started = Instant::now();
    let source = match Source::open(path) {
        Ok(s) => s,
        Err(e) => {
            println!(
                "{}: {}",
                path.display(),
                chibo_web::messages::import_problem(&e.problem)
            );
            return Ok(false);
        }
    };
    let plain = !std::io::stderr().is_terminal();
    let bar = Arc::new(Bar {
        bar: ProgressBar::new(0),
        plain,
        stage: Mutex::new(None),
        started,
    });
    let report = interchange::import(
        app,
        By::System("cli"),
        &source,
        &ImportOptions { dry_run },
        bar.clone(),
    )
    .await?;
    bar.bar.finish_and_clear();
    let c = &report.counts;
    let counts = format!(
        "{} tổ chức ({} phiên bản), {} đảng viên, {} sự kiện",
        num(c.units),
        num(c.unit_versions),
        num(c.members),
        num(c.events)
    );
    if report.errors_total > 0 {
        for e in &report.errors {
            println!("{}", chibo_web::messages::import_error(e));
        }
        let shown = report.errors.len() as u64;
        if report.errors_total > shown {
            println!("… và {} lỗi khác.", report.errors_total - shown);
        }
        println!(
            "Bộ dữ liệu bị từ chối: {} lỗi; không có gì được ghi.",
            report.errors_total
        );
        return Ok(false);
    }
    if report.dry_run {
        println!("Chạy thử: bộ dữ liệu hợp lệ, sẽ ghi {counts}. Không có gì được ghi.");
    } else {
        println!(
            "Đã nhập {counts} trong {} giây.",
            chibo_web::format::decimal(started.elapsed().as_secs_f64(), 1)
        );
    }
    Ok(true)
}

pub async fn export(
    app: &App,
    path: &Path,
    unit: Option<String>,
    as_of: Option<String>,
) -> anyhow::Result<()> {
    let as_of = match as_of {
        Some(s) => Some(chibo_domain::dates::parse_date(&s).map_err(|_| {
            anyhow::anyhow!(
                "«--as-of»: {}",
                chibo_web::messages::problem(&chibo_domain::field::Problem::InvalidDate)
            )
        })?),
        None => None,
    };
    let format = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        ExportFormat::Zip
    } else {
        ExportFormat::Dir
    };
    let started = Instant::now();
    let report = interchange::export(
        app,
        By::System("cli"),
        path,
        format,
        &ExportOptions { unit, as_of },
    )
    .await?;
    println!(
        "Đã xuất {} phiên bản tổ chức, {} đảng viên, {} sự kiện vào {} trong {} giây.",
        num(report.unit_versions),
        num(report.members),
        num(report.events),
        path.display(),
        chibo_web::format::decimal(started.elapsed().as_secs_f64(), 1)
    );
    Ok(())
}
