//! The SQLite store's own reader of records: a few read-only connections of its own, each
//! statement run whole on a blocking thread and handed back at once (one hop per call, not one
//! per row as through sqlx's driver). Writes stay on sqlx, in its transactions; with WAL, a
//! reader sees every committed write.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kintsugi_store::StoreError;
use kintsugi_store::sql::fast::{FastReads, RawRecord, Reading, Value};
use rusqlite::{Connection, OpenFlags, Row, ToSql};
use uuid::Uuid;

/// How many statements run at once (each on a blocking thread of its own).
const CONNECTIONS: usize = 4;

/// The reader (cheap to clone: it shares its connections).
#[derive(Clone)]
pub struct Reader(Arc<Inner>);

/// Its database file, its idle connections, and how many may run at once.
struct Inner {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    running: tokio::sync::Semaphore,
}

impl Reader {
    /// A reader of the database at `path` (already made and migrated by the store).
    pub fn new(path: PathBuf) -> Reader {
        Reader(Arc::new(Inner {
            path,
            idle: Mutex::new(Vec::new()),
            running: tokio::sync::Semaphore::new(CONNECTIONS),
        }))
    }
}

impl Inner {
    fn open(&self) -> rusqlite::Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(conn)
    }
}

fn failed(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Database(Box::new(e))
}

/// A UUID column (16 bytes), or `None` for NULL.
fn uuid(row: &Row<'_>, column: &str) -> rusqlite::Result<Option<Uuid>> {
    let bytes: Option<Vec<u8>> = row.get(column)?;
    bytes
        .map(|b| {
            Uuid::from_slice(&b).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Blob,
                    Box::new(e),
                )
            })
        })
        .transpose()
}

fn raw(row: &Row<'_>) -> rusqlite::Result<RawRecord> {
    let required = |id: Option<Uuid>| {
        id.ok_or(rusqlite::Error::InvalidColumnType(
            0,
            "id".into(),
            rusqlite::types::Type::Null,
        ))
    };
    Ok(RawRecord {
        id: required(uuid(row, "id")?)?,
        kind: row.get("kind")?,
        author_id: required(uuid(row, "author_id")?)?,
        couple_id: uuid(row, "couple_id")?,
        visibility: row.get("visibility")?,
        body: row.get("body")?,
        parent_id: uuid(row, "parent_id")?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        version: row.get("version")?,
        withdrawn_at: row.get("withdrawn_at")?,
        own_body: row.get("own_body")?,
    })
}

/// Runs `sql` with `params` bound to `$1`, `$2`, … by name, and reads the couples `user` is or
/// was in, on one connection.
fn read(
    conn: &Connection,
    sql: &str,
    params: &[Value],
    user: Uuid,
) -> rusqlite::Result<(Vec<RawRecord>, Vec<Uuid>)> {
    let mut statement = conn.prepare_cached(sql)?;
    for (i, value) in params.iter().enumerate() {
        let Some(at) = statement.parameter_index(&format!("${}", i + 1))? else {
            continue;
        };
        let bound: Box<dyn ToSql> = match value {
            Value::Uuid(u) => Box::new(u.as_bytes().to_vec()),
            Value::Text(t) => Box::new(t.clone()),
            Value::Int(n) => Box::new(*n),
        };
        statement.raw_bind_parameter(at, bound)?;
    }
    let mut rows = statement.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(raw(row)?);
    }
    let mut memberships =
        conn.prepare_cached("SELECT id FROM couples WHERE user_a = ?1 OR user_b = ?1")?;
    let couples = memberships
        .query_map([user.as_bytes().to_vec()], |row| {
            let b: Vec<u8> = row.get(0)?;
            Ok(Uuid::from_slice(&b).ok())
        })?
        .filter_map(|r| r.transpose())
        .collect::<rusqlite::Result<Vec<Uuid>>>()?;
    Ok((out, couples))
}

impl FastReads for Reader {
    fn records(
        &self,
        sql: String,
        params: Vec<Value>,
        user: Uuid,
    ) -> Reading<(Vec<RawRecord>, Vec<Uuid>)> {
        let this = Arc::clone(&self.0);
        Box::pin(async move {
            let _running = this.running.acquire().await.map_err(failed)?;
            let idle = this.idle.lock().ok().and_then(|mut i| i.pop());
            let conn = match idle {
                Some(c) => c,
                None => this.open().map_err(failed)?,
            };
            let (conn, result) = tokio::task::spawn_blocking(move || {
                let result = read(&conn, &sql, &params, user);
                (conn, result)
            })
            .await
            .map_err(failed)?;
            if let Ok(mut idle) = this.idle.lock() {
                idle.push(conn);
            }
            result.map_err(failed)
        })
    }
}
