//! The `chibo` binary: configuration, logging, and the wiring of the web server and the
//! command-line tasks to the application services.

mod cli;
mod config;
mod serve;
mod synth;
mod transfer;

use std::process::ExitCode;

use chibo_app::audit::By;
use chibo_app::{App, AppError, Db};
use chibo_domain::stats::OutputFormat;
use clap::Parser;

use cli::{Cli, Command, UserCommand};
use config::Config;

/// Bulk reads and writes allocate on one thread and free on another (sqlx's SQLite worker
/// builds rows, the runtime drops them); glibc's allocator serialises that on an arena lock,
/// mimalloc keeps a heap per thread. The national statistics index load went from over 245 s
/// to 216 s with it, before the packed read made rows rarer (bench/RESULTS.md, Statistics).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What the operator reads when a command fails: Vietnamese, naming the field.
fn explain(e: &anyhow::Error) -> String {
    match e.downcast_ref::<AppError>() {
        Some(AppError::Invalid(fields)) => fields
            .iter()
            .map(chibo_web::messages::field_error)
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other @ (AppError::Storage(_) | AppError::Internal(_))) => {
            format!("Hệ thống gặp lỗi: {other}")
        }
        Some(other) => chibo_web::messages::app_error(other),
        None => format!("{e:#}"),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Needs neither configuration nor database.
    if let Some(Command::Synth(args)) = &cli.command {
        return match synth::options(args) {
            Err(bad) => {
                eprintln!("Lỗi: {}", bad.0);
                eprintln!("Xem thêm: chibo synth --help");
                ExitCode::from(2)
            }
            Ok((options, out)) => match synth::run(&options, &out) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("Lỗi: {e}");
                    ExitCode::FAILURE
                }
            },
        };
    }
    let mut config = match Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("Lỗi cấu hình (chibo.toml hoặc biến CHIBO_*): {e}");
            return ExitCode::from(2);
        }
    };
    if cli.log_json {
        config.log_format = "json".into();
    }
    // A bulk import's statements are slow by nature; sqlx's warning about each is noise there.
    let bulk = matches!(
        cli.command,
        Some(Command::Import { .. } | Command::Export { .. })
    );
    init_tracing(&config, bulk);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Không khởi động được: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(
        cli.command.unwrap_or(Command::Serve(Default::default())),
        config,
    )) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {}", explain(&e));
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(config: &Config, bulk: bool) {
    let default = if bulk {
        "info,sqlx=warn,sqlx::query=error"
    } else {
        "info,sqlx=warn,tower_http=info"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if config.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn open(config: &Config) -> anyhow::Result<App> {
    let db = Db::connect(&config.database_url).await.map_err(|e| {
        anyhow::anyhow!(
            "không mở được cơ sở dữ liệu {}: {e}",
            redact(&config.database_url)
        )
    })?;
    let app = App::new(db);
    chibo_app::setup::prepare(&app).await?;
    Ok(app)
}

/// The database URL without a password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}@{}", &url[..scheme], user, &url[at + 1..])
        }
        _ => url.to_owned(),
    }
}

fn password(given: Option<String>) -> anyhow::Result<String> {
    if let Some(p) = given.or_else(|| std::env::var("CHIBO_PASSWORD").ok()) {
        return Ok(p);
    }
    rpassword::prompt_password("Mật khẩu: ").map_err(|e| {
        anyhow::anyhow!("không đọc được mật khẩu (dùng --password hoặc CHIBO_PASSWORD): {e}")
    })
}

async fn run(command: Command, config: Config) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve(args) => {
            let app = open(&config).await?;
            serve::serve(app, config, args.bind).await?;
        }
        Command::Migrate => {
            open(&config).await?;
            println!(
                "Đã cập nhật cấu trúc cơ sở dữ liệu ({}).",
                redact(&config.database_url)
            );
        }
        Command::Demo(args) => {
            let app = open(&config).await?;
            if !chibo_app::setup::is_empty(&app).await? {
                anyhow::bail!(
                    "cơ sở dữ liệu đã có dữ liệu; chỉ tạo dữ liệu mẫu trên cơ sở dữ liệu trống"
                );
            }
            serve::fill_demo(&app, args.members, args.seed).await?;
        }
        Command::User(cmd) => {
            let app = open(&config).await?;
            user(&app, cmd).await?;
        }
        Command::Import { path, dry_run } => {
            let app = open(&config).await?;
            if !transfer::import(&app, &path, dry_run).await? {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Export { path, unit, as_of } => {
            let app = open(&config).await?;
            transfer::export(&app, &path, unit, as_of).await?;
        }
        Command::Synth(_) => anyhow::bail!("chibo synth runs before the configuration is read"),
        Command::Check => {
            let app = open(&config).await?;
            let report = chibo_app::check::check(&app).await?;
            println!(
                "Đã kiểm tra {} đảng viên và {} tổ chức.",
                report.members, report.units
            );
            if !report.ok() {
                for p in &report.problems {
                    println!("  {}", describe(p));
                }
                println!(
                    "Phát hiện {} sai lệch giữa dữ liệu lưu và lịch sử sự kiện.",
                    report.problems.len()
                );
                return Ok(ExitCode::FAILURE);
            }
            println!("Không có sai lệch: mọi trạng thái khớp với lịch sử sự kiện.");
        }
        Command::Stats(args) => return stats(&config, args).await,
        Command::Deadlines(args) => return deadlines(&config, args).await,
        Command::Warnings(args) => return warnings(&config, args).await,
        Command::Screening(args) => return screening(&config, args).await,
        Command::Removals(args) => return removals(&config, args).await,
        Command::Targets(cmd) => return targets(&config, cmd).await,
        Command::Settings(cmd) => return settings(&config, cmd).await,
        Command::Transfers(args) => return transfers(&config, args).await,
        Command::Away(args) => return away(&config, args).await,
        Command::Fees(cli::FeesCommand::Report(args)) => return fees_report(&config, args).await,
    }
    Ok(ExitCode::SUCCESS)
}

/// `chibo stats`: the whole registry, as the system.
async fn stats(config: &Config, a: cli::StatsArgs) -> anyhow::Result<ExitCode> {
    use chibo_domain::stats::{OutputFormat, StatsInput};
    let input = StatsInput {
        as_of: Some(a.as_of),
        unit: a.unit,
        by: a.by,
        from: a.from,
        to: a.to,
        compare: a.compare,
        format: Some(a.format),
    };
    let Some(q) = parse_flags(input) else {
        return Ok(ExitCode::from(2));
    };
    let app = open(config).await?;
    let started = std::time::Instant::now();
    let result = match chibo_app::stats::query(&app, By::System("cli"), &q).await {
        Err(AppError::NoSuchReference { field }) => {
            unknown_unit(field);
            return Ok(ExitCode::from(2));
        }
        other => other?,
    };
    tracing::info!(
        elapsed_ms = started.elapsed().as_millis() as u64,
        rows = result.rows.len(),
        "statistics answered (index load included)"
    );
    let out = match q.format.unwrap_or(OutputFormat::Csv) {
        OutputFormat::Csv => chibo_app::stats::to_csv(&result)?,
        OutputFormat::Table => chibo_app::stats::to_table(&result),
        OutputFormat::Json => {
            let dto = chibo_web::api::v1::stats::StatsDto::from(&result);
            let mut s = serde_json::to_string_pretty(&dto)?;
            s.push('\n');
            s
        }
    };
    use std::io::Write;
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `chibo deadlines`: open deadlines over the whole registry (or a unit), as the system.
async fn deadlines(config: &Config, a: cli::DeadlinesArgs) -> anyhow::Result<ExitCode> {
    use chibo_app::deadlines;
    let Some(q) = day_flags(a.as_of, a.unit, a.format) else {
        return Ok(ExitCode::from(2));
    };
    let app = open(config).await?;
    let rows = deadlines::list(&app, By::System("cli"), q.as_of, q.unit.as_deref()).await;
    print_report(rows, q.format, |f, rows| match f {
        OutputFormat::Csv => deadlines::to_csv(rows),
        OutputFormat::Table => Ok(deadlines::to_table(rows)),
        OutputFormat::Json => deadlines::to_json(rows),
    })
}

/// `chibo warnings`: the early warning over the whole registry (or a unit), as the system.
async fn warnings(config: &Config, a: cli::DeadlinesArgs) -> anyhow::Result<ExitCode> {
    use chibo_app::warnings;
    let Some(q) = day_flags(a.as_of, a.unit, a.format) else {
        return Ok(ExitCode::from(2));
    };
    let app = open(config).await?;
    let rows = warnings::list(&app, By::System("cli"), q.as_of, q.unit.as_deref()).await;
    print_report(rows, q.format, |f, rows| match f {
        OutputFormat::Csv => warnings::to_csv(rows),
        OutputFormat::Table => Ok(warnings::to_table(rows)),
        OutputFormat::Json => warnings::to_json(rows),
    })
}

/// `chibo screening`: the screening cases over the whole registry (or a unit), as the system.
async fn screening(config: &Config, a: cli::DeadlinesArgs) -> anyhow::Result<ExitCode> {
    use chibo_app::screening;
    let Some(q) = day_flags(a.as_of, a.unit, a.format) else {
        return Ok(ExitCode::from(2));
    };
    let app = open(config).await?;
    let rows = screening::list(&app, By::System("cli"), q.unit.as_deref(), q.as_of).await;
    print_report(rows, q.format, |f, rows| match f {
        OutputFormat::Csv => screening::to_csv(rows),
        OutputFormat::Table => Ok(screening::to_table(rows)),
        OutputFormat::Json => screening::to_json(rows),
    })
}

/// `chibo removals`: the open removal, complaint and leave procedures over the whole registry
/// (or a unit), as the system.
async fn removals(config: &Config, a: cli::DeadlinesArgs) -> anyhow::Result<ExitCode> {
    use chibo_app::removal;
    let Some(q) = day_flags(a.as_of, a.unit, a.format) else {
        return Ok(ExitCode::from(2));
    };
    let app = open(config).await?;
    let rows = removal::open_cases(&app, By::System("cli"), q.as_of, q.unit.as_deref()).await;
    print_report(rows, q.format, |f, rows| match f {
        OutputFormat::Csv => removal::to_csv(rows),
        OutputFormat::Table => Ok(removal::to_table(rows)),
        OutputFormat::Json => removal::to_json(rows),
    })
}

/// `chibo transfers --in-transit`: members in transit over the whole registry (or a unit), as
/// the system.
async fn transfers(config: &Config, a: cli::TransfersArgs) -> anyhow::Result<ExitCode> {
    use chibo_app::transfers;
    if !a.in_transit {
        eprintln!("Lỗi: cần chọn danh sách cần xem, ví dụ --in-transit.");
        return Ok(ExitCode::from(2));
    }
    let Some(q) = day_flags(a.as_of, a.unit, a.format) else {
        return Ok(ExitCode::from(2));
    };
    let app = open(config).await?;
    let rows = transfers::in_transit(&app, By::System("cli"), q.as_of, q.unit.as_deref()).await;
    print_report(rows, q.format, |f, rows| match f {
        OutputFormat::Csv => transfers::to_csv(rows),
        OutputFormat::Table => Ok(transfers::to_table(rows)),
        OutputFormat::Json => transfers::to_json(rows),
    })
}

/// The `--as-of`, `--unit` and `--format` flags of a day report, read as `chibo stats` reads
/// them; `None` once each bad flag is said.
fn day_flags(
    as_of: String,
    unit: Option<String>,
    format: String,
) -> Option<chibo_domain::stats::StatsQuery> {
    parse_flags(chibo_domain::stats::StatsInput {
        as_of: Some(as_of),
        unit,
        format: Some(format),
        ..chibo_domain::stats::StatsInput::default()
    })
}

/// Prints a day report's rows in `format` (CSV by default); a `--unit` that names no unit is
/// said and exits 2.
fn print_report<R>(
    rows: Result<R, AppError>,
    format: Option<OutputFormat>,
    render: impl FnOnce(OutputFormat, &R) -> Result<String, AppError>,
) -> anyhow::Result<ExitCode> {
    let rows = match rows {
        Err(AppError::NoSuchReference { field }) => {
            unknown_unit(field);
            return Ok(ExitCode::from(2));
        }
        other => other?,
    };
    let out = render(format.unwrap_or(OutputFormat::Csv), &rows)?;
    use std::io::Write;
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Prints a field error as the flag it came from.
fn bad_flag(f: &chibo_domain::field::FieldError) {
    let flag = format!("--{}", f.field.replace('_', "-"));
    eprintln!("Lỗi: {flag} {}", chibo_web::messages::field_error(f));
}

/// `chibo settings get|set|history`, as the system; a bad name, value or date exits 2 saying
/// why.
async fn settings(config: &Config, cmd: cli::SettingsCommand) -> anyhow::Result<ExitCode> {
    use chibo_app::settings;
    use chibo_domain::field::{FieldError, Problem};
    let app = open(config).await?;
    let bad = |fields: Vec<FieldError>| {
        for f in &fields {
            let name = match f.field {
                "key" => "KEY",
                "value" => "VALUE",
                "on" => "--on",
                "from" => "--from",
                other => other,
            };
            eprintln!("Lỗi: {name} {}", chibo_web::messages::field_error(f));
        }
        ExitCode::from(2)
    };
    let day = |field: &'static str, input: Option<&str>| match input.map(str::trim) {
        None => Ok(None),
        Some(s) => chibo_domain::dates::parse_date(s)
            .map(Some)
            .map_err(|_| vec![FieldError::new(field, Problem::InvalidDate)]),
    };
    let unknown_key = || {
        vec![FieldError::new(
            "key",
            Problem::NotOneOf {
                allowed: settings::KEYS,
            },
        )]
    };
    match cmd {
        cli::SettingsCommand::Get { key, on } => {
            let on = match day("on", on.as_deref()) {
                Ok(d) => d,
                Err(e) => return Ok(bad(e)),
            };
            let lines = settings::in_force(&app, By::System("cli"), on).await?;
            match key.as_deref().map(str::trim) {
                None => {
                    for l in lines {
                        println!("{}={}", l.key, l.value);
                    }
                }
                Some(k) => match lines.into_iter().find(|l| l.key == k) {
                    Some(l) => println!("{}", l.value),
                    None => return Ok(bad(unknown_key())),
                },
            }
        }
        cli::SettingsCommand::Set { key, value, from } => {
            let from = match day("from", from.as_deref()) {
                Ok(d) => d,
                Err(e) => return Ok(bad(e)),
            };
            match settings::set(&app, By::System("cli"), &key, &value, from).await {
                Err(AppError::Invalid(fields)) => return Ok(bad(fields)),
                other => {
                    let s = other?;
                    let now = s.value_of(key.trim()).unwrap_or_default();
                    let from = from.unwrap_or_else(chibo_app::clock::today);
                    println!(
                        "Đã đặt {}={now} từ ngày {}.",
                        key.trim(),
                        from.format("%d/%m/%Y")
                    );
                }
            }
        }
        cli::SettingsCommand::History { key } => {
            match settings::history(&app, By::System("cli"), key.as_deref()).await {
                Err(AppError::Invalid(fields)) => return Ok(bad(fields)),
                other => {
                    use std::io::Write;
                    std::io::stdout().write_all(settings::history_csv(&other?)?.as_bytes())?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `chibo targets set|report`, as the system (the whole registry).
async fn targets(config: &Config, cmd: cli::TargetsCommand) -> anyhow::Result<ExitCode> {
    use chibo_app::targets;
    use chibo_domain::field::{FieldError, FieldErrors, Problem};
    use std::io::Write;
    let by = By::System("cli");
    match cmd {
        cli::TargetsCommand::Set(a) => {
            let input = targets::TargetInput {
                unit: a.unit,
                year: a.year,
                count: a.count,
                percent: a.percent,
            };
            if let Err(AppError::Invalid(fields)) = targets::validate(&input) {
                fields.iter().for_each(bad_flag);
                return Ok(ExitCode::from(2));
            }
            let app = open(config).await?;
            let t = match targets::set(&app, by, &input).await {
                Err(AppError::NoSuchReference { field }) => {
                    unknown_unit(field);
                    return Ok(ExitCode::from(2));
                }
                Err(AppError::Invalid(fields)) => {
                    fields.iter().for_each(bad_flag);
                    return Ok(ExitCode::from(2));
                }
                other => other?,
            };
            let what = match t.value {
                targets::TargetValue::Count(n) => format!("{n} đảng viên"),
                targets::TargetValue::PercentHundredths(h) => format!(
                    "{}% số đảng viên ngày 01/01/{}",
                    targets::percent_text(i64::from(h), ','),
                    t.year
                ),
            };
            println!(
                "Đã đặt chỉ tiêu kết nạp năm {} của {}: {what}.",
                t.year,
                input.unit.trim()
            );
            Ok(ExitCode::SUCCESS)
        }
        cli::TargetsCommand::Report(a) => {
            let mut e = FieldErrors::new();
            let year = e.take("year", targets::parse_year(&a.year));
            let as_of = match a.as_of.as_deref().map(str::trim) {
                Some(s) => e
                    .take(
                        "as_of",
                        chibo_domain::dates::parse_date(s).map_err(|_| Problem::InvalidDate),
                    )
                    .map(Some),
                None => Some(None),
            };
            const FORMATS: &[&str] = &["csv", "json", "table"];
            let format = a.format.trim().to_owned();
            if !FORMATS.contains(&format.as_str()) {
                e.push("format", Problem::NotOneOf { allowed: FORMATS });
            }
            let (Some(year), Some(as_of), true) = (year, as_of, e.is_empty()) else {
                e.into_vec().iter().for_each(|f: &FieldError| bad_flag(f));
                return Ok(ExitCode::from(2));
            };
            let app = open(config).await?;
            let report = match targets::report(&app, by, year, a.unit.as_deref(), as_of).await {
                Err(AppError::NoSuchReference { field }) => {
                    unknown_unit(field);
                    return Ok(ExitCode::from(2));
                }
                other => other?,
            };
            let out = match format.as_str() {
                "table" => targets::to_table(&report),
                "json" => targets::to_json(&report)?,
                _ => targets::to_csv(&report)?,
            };
            std::io::stdout().write_all(out.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads the flags `chibo stats` and `chibo deadlines` share; on a bad one, says which and why.
fn parse_flags(input: chibo_domain::stats::StatsInput) -> Option<chibo_domain::stats::StatsQuery> {
    match input.parse(chibo_app::clock::today()) {
        Ok(q) => Some(q),
        Err(fields) => {
            for f in &fields {
                let flag = format!("--{}", f.field.replace('_', "-"));
                eprintln!("Lỗi: {flag} {}", chibo_web::messages::field_error(f));
            }
            None
        }
    }
}

/// The message for a `--unit` code that names no unit.
fn unknown_unit(field: &str) {
    eprintln!(
        "Lỗi: --{field} «{}»: {}",
        chibo_web::messages::field_label(field),
        chibo_web::messages::problem(&chibo_domain::field::Problem::UnknownUnit)
    );
}

fn describe(p: &chibo_app::check::CheckProblem) -> String {
    use chibo_app::check::CheckProblem as P;
    match p {
        P::HistoryInvalid { member_key, error } => {
            format!("Đảng viên {member_key}: lịch sử sự kiện không hợp lệ ({error})")
        }
        P::StateDiffers {
            member_key,
            stored,
            rebuilt,
        } => {
            format!(
                "Đảng viên {member_key}: trạng thái lưu khác trạng thái dựng lại từ sự kiện\n    lưu:      {stored}\n    dựng lại: {rebuilt}"
            )
        }
        P::PeriodsDiffer { member_key } => {
            format!("Đảng viên {member_key}: các giai đoạn sinh hoạt lưu khác lịch sử sự kiện")
        }
        P::SpansDiffer { unit_code } => {
            format!("Tổ chức {unit_code}: vị trí trong cây lưu khác các phiên bản của tổ chức")
        }
        P::TreeInvalid { unit_code, error } => {
            format!("Tổ chức {unit_code}: các phiên bản không hợp lệ ({error})")
        }
    }
}

async fn user(app: &App, cmd: UserCommand) -> anyhow::Result<()> {
    let by = By::System("cli");
    match cmd {
        UserCommand::Add(a) => {
            let input = chibo_app::users::NewUserInput {
                display_name: a.name.unwrap_or_else(|| a.username.clone()),
                username: a.username,
                password: password(a.password)?,
                role: a.role,
                unit_code: a.unit,
                member_key: a.member,
            };
            chibo_app::users::add_user(app, by, &input).await?;
            println!("Đã tạo tài khoản {}.", input.username);
        }
        UserCommand::List => {
            println!(
                "{:<20} {:<28} {:<16} TRẠNG THÁI",
                "TÀI KHOẢN", "VAI TRÒ", "TỔ CHỨC"
            );
            for u in chibo_app::users::list_users(app, by).await? {
                let role = chibo_web::messages::role(&u.role);
                let unit = u
                    .unit_code
                    .clone()
                    .or(u.member_id.map(|m| format!("đảng viên #{m}")))
                    .unwrap_or_default();
                println!(
                    "{:<20} {:<28} {:<16} {}",
                    u.username,
                    role,
                    unit,
                    if u.disabled {
                        "đã khóa"
                    } else {
                        "hoạt động"
                    }
                );
            }
        }
        UserCommand::Disable { username } => {
            chibo_app::users::set_disabled(app, by, &username, true).await?;
            println!("Đã khóa tài khoản {username}.");
        }
        UserCommand::Enable { username } => {
            chibo_app::users::set_disabled(app, by, &username, false).await?;
            println!("Đã mở khóa tài khoản {username}.");
        }
        UserCommand::Passwd {
            username,
            password: given,
        } => {
            chibo_app::users::set_password(app, by, &username, &password(given)?).await?;
            println!("Đã đặt mật khẩu mới cho {username}.");
        }
        UserCommand::Token { username, label } => {
            let token = chibo_app::users::create_token(app, by, &username, &label).await?;
            println!(
                "Khóa API cho {username} (chỉ hiện một lần; gửi kèm tiêu đề Authorization: Bearer …):"
            );
            println!("{token}");
        }
    }
    Ok(())
}

/// `chibo away`: members working away over the whole registry (or a unit), as the system;
/// with `--no-contact` only those with no contact for longer than `--months` months.
async fn away(config: &Config, a: cli::AwayArgs) -> anyhow::Result<ExitCode> {
    use chibo_app::away;
    use chibo_domain::field::{FieldError, Problem};
    use chibo_domain::stats::{OutputFormat, StatsInput};
    let input = StatsInput {
        as_of: Some(a.as_of),
        unit: a.unit,
        format: Some(a.format),
        ..StatsInput::default()
    };
    let Some(q) = parse_flags(input) else {
        return Ok(ExitCode::from(2));
    };
    let months = match a.months.as_deref().map(|m| m.trim().parse::<u32>()) {
        None => None,
        Some(Ok(n)) if n <= 1200 => Some(n),
        Some(_) => {
            bad_flag(&FieldError::new("months", Problem::NotANumber));
            return Ok(ExitCode::from(2));
        }
    };
    let app = open(config).await?;
    let by = By::System("cli");
    let gap = match months {
        Some(n) => n,
        None => away::contact_gap_months(&app).await?,
    };
    let unit = q.unit.as_deref();
    let rows = if a.no_contact {
        away::no_contact(&app, by, q.as_of, unit, Some(gap)).await
    } else {
        away::list(&app, by, q.as_of, unit, Some(gap)).await
    };
    let rows = match rows {
        Err(AppError::NoSuchReference { field }) => {
            unknown_unit(field);
            return Ok(ExitCode::from(2));
        }
        other => other?,
    };
    let out = match q.format.unwrap_or(OutputFormat::Csv) {
        OutputFormat::Csv => away::no_contact_csv(&rows)?,
        OutputFormat::Table => away::no_contact_table(&rows, gap),
        OutputFormat::Json => away::no_contact_json(&rows)?,
    };
    use std::io::Write;
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `chibo fees report`: a unit's fee totals for a month, as the system. Flags are checked
/// before the database is opened; a bad one is named with its Vietnamese message.
async fn fees_report(config: &Config, a: cli::FeesReportArgs) -> anyhow::Result<ExitCode> {
    use chibo_domain::field::{FieldErrors, Problem};
    use chibo_domain::month::YearMonth;
    use std::io::Write;
    let mut e = FieldErrors::new();
    let month = e.take("month", YearMonth::parse_input(&a.month));
    let format = match a.format.trim() {
        "csv" | "json" | "table" => Some(a.format.trim().to_owned()),
        _ => {
            e.push(
                "format",
                Problem::NotOneOf {
                    allowed: &["csv", "json", "table"],
                },
            );
            None
        }
    };
    if a.unit.trim().is_empty() {
        e.push("unit", Problem::Required);
    }
    let (Some(month), Some(format)) = (month, format) else {
        e.into_vec().iter().for_each(bad_flag);
        return Ok(ExitCode::from(2));
    };
    if !e.is_empty() {
        e.into_vec().iter().for_each(bad_flag);
        return Ok(ExitCode::from(2));
    }
    let app = open(config).await?;
    let totals =
        match chibo_app::fees::unit_totals_as(&app, By::System("cli"), &a.unit, month).await {
            Err(AppError::NoSuchReference { field }) => {
                unknown_unit(field);
                return Ok(ExitCode::from(2));
            }
            other => other?,
        };
    let out = match format.as_str() {
        "json" => chibo_app::fees::render::to_json(&totals)?,
        "table" => chibo_app::fees::render::to_table(&totals),
        _ => chibo_app::fees::render::to_csv(&totals)?,
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_appear_in_messages() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u@h:5432/db"
        );
        assert_eq!(redact("sqlite:chibo.sqlite"), "sqlite:chibo.sqlite");
    }
}
