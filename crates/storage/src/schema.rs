//! A description of the live schema, so a test can prove the two engines' migrations define
//! the same tables, columns, nullability and indexes.

use std::collections::BTreeMap;

use crate::db::{StorageError, Tx};

/// Table → column → (logical type, nullable); plus the index names and the foreign keys
/// (`table.column -> table.column`, sorted).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemaShape {
    pub columns: BTreeMap<String, BTreeMap<String, (String, bool)>>,
    pub indexes: Vec<String>,
    pub foreign_keys: Vec<String>,
}

/// Engine type names mapped to one vocabulary; SQLite's integer primary key is the rowid
/// alias and PostgreSQL's the identity BIGINT.
fn logical(t: &str) -> String {
    match t.to_ascii_lowercase().as_str() {
        "integer" | "bigint" => "integer",
        "text" => "text",
        "date" => "date",
        "timestamp" | "timestamp with time zone" => "timestamp",
        "boolean" => "boolean",
        "blob" | "bytea" => "bytes",
        other => return other.to_owned(),
    }
    .to_owned()
}

const SQLITE_TABLES: &str = "SELECT name FROM sqlite_master WHERE type = 'table'
    AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name";
const SQLITE_COLUMNS: &str = "SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)";
const SQLITE_INDEXES: &str = "SELECT name FROM sqlite_master WHERE type = 'index'
    AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name";
const SQLITE_FOREIGN_KEYS: &str =
    "SELECT m.name || '.' || k.\"from\" || ' -> ' || k.\"table\" || '.' || k.\"to\"
    FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) k
    WHERE m.type = 'table' ORDER BY 1";
const PG_FOREIGN_KEYS: &str = "SELECT c.conrelid::regclass::text || '.' || a.attname || ' -> '
        || c.confrelid::regclass::text || '.' || f.attname
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace ORDER BY 1";
const PG_COLUMNS: &str = "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text
    FROM information_schema.columns WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'";
// Indexes created by CREATE INDEX, not those behind primary keys and UNIQUE constraints.
const PG_INDEXES: &str = "SELECT i.indexname::text FROM pg_indexes i
    WHERE i.schemaname = current_schema()
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
    ORDER BY i.indexname";

pub async fn describe(tx: &mut Tx) -> Result<SchemaShape, StorageError> {
    let mut shape = SchemaShape::default();
    match tx {
        Tx::Sqlite(t) => {
            let tables: Vec<String> = sqlx::query_scalar(SQLITE_TABLES)
                .fetch_all(&mut **t)
                .await?;
            for table in tables {
                let cols: Vec<(String, String, i64, i64)> = sqlx::query_as(SQLITE_COLUMNS)
                    .bind(&table)
                    .fetch_all(&mut **t)
                    .await?;
                let entry = shape.columns.entry(table).or_default();
                for (name, ty, notnull, pk) in cols {
                    // A single-column INTEGER PRIMARY KEY is NOT NULL though SQLite reports 0.
                    let nullable = notnull == 0 && pk == 0;
                    entry.insert(name, (logical(&ty), nullable));
                }
            }
            shape.indexes = sqlx::query_scalar(SQLITE_INDEXES)
                .fetch_all(&mut **t)
                .await?;
            shape.foreign_keys = sqlx::query_scalar(SQLITE_FOREIGN_KEYS)
                .fetch_all(&mut **t)
                .await?;
        }
        Tx::Postgres(t) => {
            let cols: Vec<(String, String, String, String)> =
                sqlx::query_as(PG_COLUMNS).fetch_all(&mut **t).await?;
            for (table, name, ty, nullable) in cols {
                shape
                    .columns
                    .entry(table)
                    .or_default()
                    .insert(name, (logical(&ty), nullable == "YES"));
            }
            shape.indexes = sqlx::query_scalar(PG_INDEXES).fetch_all(&mut **t).await?;
            shape.foreign_keys = sqlx::query_scalar(PG_FOREIGN_KEYS)
                .fetch_all(&mut **t)
                .await?;
        }
    }
    Ok(shape)
}
