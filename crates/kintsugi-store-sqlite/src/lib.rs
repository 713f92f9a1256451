//! The Store on SQLite: the embedded default. WAL mode, a busy timeout, and `BEGIN IMMEDIATE`
//! for write transactions so concurrent writers queue instead of failing.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use kintsugi_store::{Result, StoreError};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use sql::db;

/// The SQLite store.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and applies migrations.
    pub async fn open(path: &Path) -> Result<SqliteStore> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        Self::connect(options).await
    }

    /// Opens a database from a `sqlite:` URL.
    pub async fn open_url(url: &str) -> Result<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(db)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        Self::connect(options).await
    }

    async fn connect(options: SqliteConnectOptions) -> Result<SqliteStore> {
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(db)?;
        let store = SqliteStore { pool };
        store.migrate().await?;
        Ok(store)
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        sqlx::migrate!("./migrations")
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Database(Box::new(e)))
    }

    /// The migration names, for the test that compares backends.
    pub fn migration_names() -> Vec<String> {
        sqlx::migrate!("./migrations")
            .iter()
            .map(|m| m.description.to_string())
            .collect()
    }
}

kintsugi_store::impl_sql_store!(
    store = SqliteStore,
    db = sqlx::Sqlite,
    begin_write = "BEGIN IMMEDIATE",
    insertion_order = "rowid"
);
