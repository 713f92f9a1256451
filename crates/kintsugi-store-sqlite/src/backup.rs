//! Backups of an SQLite database: a consistent copy made while the server runs (`VACUUM INTO`,
//! one read transaction, so it holds every committed write up to a moment and nothing after),
//! and a restore that checks the copy first (its integrity, and only migrations this version
//! knows) and never replaces the data of a running server.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::MIGRATOR;

/// What can go wrong with a backup or a restore, in words for whoever runs the server.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The file isn't a usable copy.
    #[error("{0}")]
    Refused(String),
    /// The database or a file couldn't be read or written.
    #[error("{0}: {1}")]
    Io(&'static str, String),
}

fn io(what: &'static str) -> impl Fn(String) -> BackupError {
    move |e| BackupError::Io(what, e)
}

/// The lock a running server holds on its data folder (`serve` takes it for its lifetime).
pub fn lock_path(database: &Path) -> PathBuf {
    database.with_extension("lock")
}

/// Takes the server's lock on `database`'s folder, or says that another server holds it.
pub fn lock(database: &Path) -> Result<File, BackupError> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(database))
        .map_err(|e| io("opening the lock file")(e.to_string()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(_) => Err(BackupError::Refused(
            "A Kintsugi server is running on this data folder. Stop it first.".into(),
        )),
    }
}

/// Copies the database at `database` to `to` (a new file, readable by its owner only) while
/// writers go on: a consistent snapshot of every committed write.
pub fn backup(database: &Path, to: &Path) -> Result<(), BackupError> {
    if to.exists() {
        return Err(BackupError::Refused(format!(
            "{} already exists; choose a new file name, so no backup is overwritten.",
            to.display()
        )));
    }
    let conn = Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| io("opening the database")(e.to_string()))?;
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(|e| io("waiting for the database")(e.to_string()))?;
    let target = to
        .to_str()
        .ok_or_else(|| BackupError::Refused("the file name must be UTF-8".into()))?;
    conn.execute("VACUUM INTO ?1", [target])
        .map_err(|e| io("writing the copy")(e.to_string()))?;
    private(to)
}

#[cfg(unix)]
fn private(path: &Path) -> Result<(), BackupError> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| io("making the copy private")(e.to_string()))
}

#[cfg(not(unix))]
fn private(_: &Path) -> Result<(), BackupError> {
    Ok(())
}

/// Checks that `file` is a whole SQLite database of Kintsugi's, whose migrations this version
/// knows; returns how many it has applied.
pub fn verify(file: &Path) -> Result<usize, BackupError> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| io("opening the backup")(e.to_string()))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| {
            BackupError::Refused(format!("{} isn't an SQLite database.", file.display()))
        })?;
    if check != "ok" {
        return Err(BackupError::Refused(format!(
            "{} is damaged (the integrity check says: {check}). Nothing was restored.",
            file.display()
        )));
    }
    let applied: Vec<i64> = conn
        .prepare("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|_| {
            BackupError::Refused(format!("{} isn't a Kintsugi database.", file.display()))
        })?;
    let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
    if let Some(v) = applied.iter().find(|v| !known.contains(v)) {
        return Err(BackupError::Refused(format!(
            "{} was made by a newer Kintsugi (migration {v} is unknown here). Upgrade first; nothing was restored.",
            file.display()
        )));
    }
    if applied.is_empty() {
        return Err(BackupError::Refused(format!(
            "{} holds no Kintsugi data.",
            file.display()
        )));
    }
    Ok(applied.len())
}

/// Replaces the database at `database` with the verified copy `from`, while no server runs on
/// it (the lock is held throughout); the old write-ahead log goes with the old database.
pub fn restore(from: &Path, database: &Path) -> Result<usize, BackupError> {
    let migrations = verify(from)?;
    let _lock = lock(database)?;
    let staging = database.with_extension("restoring");
    std::fs::copy(from, &staging).map_err(|e| io("copying the backup")(e.to_string()))?;
    private(&staging)?;
    for old in ["-wal", "-shm"] {
        let path = PathBuf::from(format!("{}{old}", database.display()));
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| io("removing the old log")(e.to_string()))?;
        }
    }
    std::fs::rename(&staging, database)
        .map_err(|e| io("putting the backup in place")(e.to_string()))?;
    Ok(migrations)
}
