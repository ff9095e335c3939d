//! The session store: tower-sessions records kept in the database through the application
//! layer, so every instance of a deployment shares them and they survive restarts.

use async_trait::async_trait;
use chibo_app::App;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};

#[derive(Clone, Debug)]
pub struct DbSessions {
    app: App,
}

impl DbSessions {
    pub fn new(app: App) -> Self {
        Self { app }
    }
}

fn backend(e: chibo_app::AppError) -> Error {
    Error::Backend(e.to_string())
}

fn expiry_ms(r: &Record) -> i64 {
    i64::try_from(r.expiry_date.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

#[async_trait]
impl SessionStore for DbSessions {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        // A fresh id on the rare collision, as the trait asks.
        while !chibo_app::users::sessions::create(
            &self.app,
            &record.id.to_string(),
            &data,
            expiry_ms(record),
        )
        .await
        .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        chibo_app::users::sessions::save(
            &self.app,
            &record.id.to_string(),
            &data,
            expiry_ms(record),
        )
        .await
        .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = chrono::Utc::now().timestamp_millis();
        let Some((data, expires)) =
            chibo_app::users::sessions::load(&self.app, &id.to_string(), now)
                .await
                .map_err(backend)?
        else {
            return Ok(None);
        };
        let data = serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date =
            time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires) * 1_000_000)
                .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        chibo_app::users::sessions::delete(&self.app, &id.to_string())
            .await
            .map_err(backend)
    }
}
