//! Configuration: defaults, then an optional `chibo.toml` (or the file named by
//! `CHIBO_CONFIG`), then `CHIBO_*` environment variables, then command-line flags.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// `sqlite:chibo.sqlite` (default: a file in the working directory) or `postgres://…`.
    pub database_url: String,
    /// Address the web server listens on.
    pub bind: String,
    /// `human` (default) or `json` log lines.
    pub log_format: String,
    /// Mark cookies `Secure`; set when Chibo is served over HTTPS.
    pub secure_cookies: bool,
    /// Members of the demonstration data a new, empty database is filled with (0: none).
    pub demo_members: usize,
    pub demo_seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: "sqlite:chibo.sqlite".into(),
            bind: "127.0.0.1:8080".into(),
            log_format: "human".into(),
            secure_cookies: false,
            demo_members: chibo_app::demo::DEFAULT_MEMBERS,
            demo_seed: chibo_app::demo::DEFAULT_SEED,
        }
    }
}

impl Config {
    pub fn load() -> Result<Config, Box<figment::Error>> {
        let file = std::env::var("CHIBO_CONFIG").unwrap_or_else(|_| "chibo.toml".into());
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("CHIBO_"))
            .extract()
            .map_err(Box::new)
    }
}
