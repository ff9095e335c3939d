//! Running the web server, and filling a new database with demonstration data.

use std::net::SocketAddr;
use std::time::Duration;

use chibo_app::App;
use chibo_web::{AppState, WebConfig};

use crate::config::Config;

/// Marks a database filled by the demo generator, so every start reprints the demo logins.
const DEMO_MARK: &str = "demo_accounts";

pub async fn fill_demo(app: &App, members: usize, seed: u64) -> anyhow::Result<()> {
    println!("Đang tạo dữ liệu mẫu: {members} đảng viên (seed {seed})…");
    let started = std::time::Instant::now();
    let data = chibo_app::demo::generate(members, seed, chibo_app::clock::today())?;
    let report = chibo_app::demo::write(app, &data).await?;
    chibo_app::setup::secret(app, DEMO_MARK).await?;
    println!(
        "Đã tạo {} tổ chức, {} đảng viên, {} sự kiện trong {:.1} giây.",
        report.units,
        report.members,
        report.events,
        started.elapsed().as_secs_f64()
    );
    print_logins(
        &report
            .logins
            .iter()
            .map(|l| (l.username.clone(), l.role.clone(), l.unit.clone()))
            .collect::<Vec<_>>(),
    );
    Ok(())
}

fn print_logins(logins: &[(String, String, String)]) {
    println!(
        "Tài khoản mẫu (mật khẩu: {}):",
        chibo_app::demo::DEMO_PASSWORD
    );
    for (username, role, unit) in logins {
        println!(
            "  {:<10} {:<30} {}",
            username,
            chibo_web::messages::role(role),
            unit
        );
    }
}

pub async fn serve(app: App, config: Config, bind: Option<String>) -> anyhow::Result<()> {
    let fresh = chibo_app::setup::is_empty(&app).await?;
    if fresh && config.demo_members > 0 {
        fill_demo(&app, config.demo_members, config.demo_seed).await?;
    } else if has_demo_accounts(&app).await? {
        let users =
            chibo_app::users::list_users(&app, chibo_app::audit::By::System("serve")).await?;
        let logins: Vec<_> = users
            .into_iter()
            .filter(|u| !u.disabled)
            .map(|u| (u.username, u.role, u.unit_code.unwrap_or_default()))
            .collect();
        print_logins(&logins);
    }
    chibo_app::interchange::jobs::interrupt_unfinished(&app).await?;
    let csrf_secret = chibo_app::setup::secret(&app, "csrf_key").await?;
    let state = AppState::new(
        app.clone(),
        WebConfig {
            secure_cookies: config.secure_cookies,
            csrf_secret,
        },
    );
    let router = chibo_web::router(state);
    let addr = bind.unwrap_or(config.bind);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| anyhow::anyhow!("không mở được cổng {addr}: {e}"))?;
    let local = listener.local_addr()?;
    println!("Chibo đang chạy tại http://{local}/ (dừng: Ctrl+C)");
    spawn_session_cleanup(app.clone());
    // Build the statistics index in the background, so the first statistics page is quick.
    let warm = app.clone();
    tokio::spawn(async move {
        if let Err(e) = warm.stats.warm(&warm.db).await {
            tracing::warn!(error = %e, "statistics index not built; the first query retries");
        }
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await?;
    app.db.close().await;
    Ok(())
}

async fn has_demo_accounts(app: &App) -> anyhow::Result<bool> {
    Ok(chibo_app::setup::has_setting(app, DEMO_MARK).await?)
}

/// Removes expired sessions every ten minutes.
fn spawn_session_cleanup(app: App) {
    tokio::spawn(async move {
        let mut timer = tokio::time::interval(Duration::from_secs(600));
        loop {
            timer.tick().await;
            let now = chrono_now_ms();
            if let Err(e) = chibo_app::users::sessions::delete_expired(&app, now).await {
                tracing::warn!(error = %e, "session cleanup failed; the next tick retries");
            }
        }
    });
}

fn chrono_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
