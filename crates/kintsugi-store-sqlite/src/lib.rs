//! The Store on SQLite: the embedded default. WAL mode, a busy timeout, and `BEGIN IMMEDIATE`
//! for write transactions so concurrent writers queue instead of failing. `secure_delete` is on,
//! so a deleted row (a used invite's key wrap, a deleted reflection) is overwritten with zeros in
//! the file rather than left in a free page.

pub mod backup;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use kintsugi_store::sql::{Backend, SqlStore, db, error_code};

mod fast;
use kintsugi_store::{Result, StoreError};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteQueryResult,
    SqliteSynchronous,
};

/// SQLite as a [`Backend`].
pub struct Sqlite;

impl Backend for Sqlite {
    type Db = sqlx::Sqlite;
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const BEGIN_QUEUE: &'static str = "BEGIN IMMEDIATE";
    const SKIP_LOCKED: &'static str = "";
    const INSERTION_ORDER: &'static str = "rowid";
    const AFTER_DELETING_SECRETS: Option<&'static str> = Some("PRAGMA wal_checkpoint(TRUNCATE)");

    fn retryable(error: &sqlx::Error) -> bool {
        // SQLITE_BUSY and SQLITE_LOCKED with their extended codes (the low byte is the family).
        error_code(error)
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| matches!(c & 0xff, 5 | 6))
    }

    fn rows(result: &SqliteQueryResult) -> u64 {
        result.rows_affected()
    }

    fn migrator() -> &'static Migrator {
        &MIGRATOR
    }

    const UNWRITABLE: &'static str = "The SQLite database can't be written to. Check that the file and its folder belong to the user running Kintsugi and are writable.";
}

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The SQLite store.
pub type SqliteStore = SqlStore<Sqlite>;

/// Opens (creating if needed, readable by its owner only) the database file at `path`, applies
/// migrations, and proves it takes writes.
pub async fn open(path: &Path) -> Result<SqliteStore> {
    let store = open_sqlx(path).await?;
    // Records are read by the store's own reader; writes, and everything else, through sqlx.
    Ok(store.with_fast_reads(std::sync::Arc::new(fast::Reader::new(path.to_path_buf()))))
}

/// The same without the store's own reader: every read through sqlx (what the load script
/// compares against).
pub async fn open_sqlx(path: &Path) -> Result<SqliteStore> {
    create_private(path).map_err(|e| StoreError::Database(Box::new(e)))?;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true)
        .pragma("secure_delete", "ON");
    connect(options).await
}

/// Opens a database from a `sqlite:` URL.
pub async fn open_url(url: &str) -> Result<SqliteStore> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(db)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true)
        .pragma("secure_delete", "ON");
    connect(options).await
}

/// Creates an empty database file that only its owner can read (SQLite gives its WAL and
/// shared-memory files the same mode). An existing file is left as it is.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

async fn connect(options: SqliteConnectOptions) -> Result<SqliteStore> {
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .map_err(db)?;
    SqlStore::start(pool).await
}
