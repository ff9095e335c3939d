//! `chibo synth`: checks the options, writes the synthetic data set and reports what it
//! wrote, in Vietnamese. No database, no configuration.

use std::path::PathBuf;
use std::time::Instant;

use chibo_app::synth::{self, MAX_PEOPLE, SynthError, SynthOptions};
use chibo_web::format::num;
use chrono::{Datelike, NaiveDate};

use crate::cli::SynthArgs;

/// Options that cannot be used, explained with the flag they came from.
#[derive(Debug, PartialEq, Eq)]
pub struct BadOption(pub String);

/// The checked options and the output directory.
pub fn options(args: &SynthArgs) -> Result<(SynthOptions, PathBuf), BadOption> {
    let people = match args.members.as_deref() {
        None => {
            return Err(BadOption(
                "thiếu --members: cho biết số người cần tạo, ví dụ --members 64000.".into(),
            ));
        }
        Some(text) => match text.trim().replace(['_', ' '], "").parse::<u64>() {
            Ok(n) if (1..=MAX_PEOPLE).contains(&n) => n,
            _ => {
                return Err(BadOption(format!(
                    "--members phải là số nguyên từ 1 đến {} (nhận được «{text}»).",
                    num(MAX_PEOPLE as i64)
                )));
            }
        },
    };
    let Some(out) = args.out.clone() else {
        return Err(BadOption(
            "thiếu --out: cho biết thư mục để ghi units.csv, members.csv và events.csv.".into(),
        ));
    };
    if out.exists() && !out.is_dir() {
        return Err(BadOption(format!(
            "--out: «{}» đã có và không phải là thư mục.",
            out.display()
        )));
    }
    let seed = match args.seed.as_deref() {
        None => synth::DEFAULT_SEED,
        Some(text) => text.trim().parse::<u64>().map_err(|_| {
            BadOption(format!(
                "--seed phải là số nguyên không âm (nhận được «{text}»)."
            ))
        })?,
    };
    let earliest = synth::earliest_today();
    let today = match args.today.as_deref() {
        None => synth::default_today(),
        Some(text) => match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(d) if d >= earliest && d.year() <= 2100 => d,
            Ok(_) => {
                return Err(BadOption(format!(
                    "--today phải từ ngày {} đến hết năm 2100: dữ liệu luôn gồm đợt sắp xếp tổ chức năm 2025 (nhận được «{text}»).",
                    earliest.format("%Y-%m-%d")
                )));
            }
            Err(_) => {
                return Err(BadOption(format!(
                    "--today phải là ngày dạng YYYY-MM-DD, ví dụ 2026-11-24 (nhận được «{text}»)."
                )));
            }
        },
    };
    Ok((
        SynthOptions {
            people,
            seed,
            today,
        },
        out,
    ))
}

/// Writes the data set and prints the summary.
pub fn run(options: &SynthOptions, out: &std::path::Path) -> Result<(), String> {
    let started = Instant::now();
    let written = synth::write(options, out).map_err(|e| explain(&e))?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "Đã tạo dữ liệu tổng hợp (định dạng trao đổi v1) tại {} trong {} giây:",
        out.display(),
        decimal(seconds)
    );
    let rows = [
        written.counts.units,
        written.counts.members,
        written.counts.events,
    ];
    for ((path, bytes), rows) in written.files.iter().zip(rows) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "  {name:<12} {:>12} dòng  {:>10} MB",
            num(rows as i64),
            decimal(*bytes as f64 / 1_000_000.0)
        );
    }
    println!(
        "Số người: {}; hạt giống: {}; ngày chốt: {}.",
        num(options.people as i64),
        options.seed,
        options.today.format("%d/%m/%Y")
    );
    Ok(())
}

fn explain(e: &SynthError) -> String {
    match e {
        SynthError::People => format!(
            "--members phải là số nguyên từ 1 đến {}.",
            num(MAX_PEOPLE as i64)
        ),
        SynthError::Today => "--today không được trước ngày 2025-07-01.".into(),
        SynthError::Write { path, message } => {
            format!("không ghi được tệp {path}: {message}")
        }
        SynthError::Reference(m) => format!("không đọc được danh mục đơn vị hành chính: {m}"),
        SynthError::Fault(m) => format!("bộ tạo dữ liệu gặp lỗi nội bộ: {m}"),
    }
}

/// `12.34` → `12,3`.
fn decimal(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(members: Option<&str>, out: Option<&str>) -> SynthArgs {
        SynthArgs {
            members: members.map(str::to_owned),
            out: out.map(PathBuf::from),
            seed: None,
            today: None,
        }
    }

    #[test]
    fn bad_options_name_their_flag_in_vietnamese() {
        let e = options(&args(None, Some("/tmp/x"))).unwrap_err();
        assert!(e.0.contains("thiếu --members"), "{e:?}");
        let e = options(&args(Some("abc"), Some("/tmp/x"))).unwrap_err();
        assert!(e.0.contains("--members phải là số nguyên"), "{e:?}");
        let e = options(&args(Some("0"), Some("/tmp/x"))).unwrap_err();
        assert!(e.0.contains("--members"), "{e:?}");
        let e = options(&args(Some("10"), None)).unwrap_err();
        assert!(e.0.contains("thiếu --out"), "{e:?}");
        let mut a = args(Some("10"), Some("/tmp/x"));
        a.today = Some("2024-12-31".into());
        assert!(
            options(&a)
                .unwrap_err()
                .0
                .contains("--today phải từ ngày 2025-07-01")
        );
        a.today = Some("24/11/2026".into());
        assert!(options(&a).unwrap_err().0.contains("dạng YYYY-MM-DD"));
        a.today = None;
        a.seed = Some("-1".into());
        assert!(options(&a).unwrap_err().0.contains("--seed"));
    }

    #[test]
    fn defaults_are_fixed() {
        let (o, out) = options(&args(Some("5_600_000"), Some("/tmp/x"))).unwrap();
        assert_eq!(o.people, 5_600_000);
        assert_eq!(o.seed, 2026);
        assert_eq!(o.today.to_string(), "2026-11-24");
        assert_eq!(out, PathBuf::from("/tmp/x"));
    }
}
