//! The SQLite store's own reader of records: a few read-only connections of its own, each
//! statement run whole on a blocking thread and handed back at once (one hop per call, not one
//! per row as through sqlx's driver). Writes stay on sqlx, in its transactions; with WAL, a
//! reader sees every committed write.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kintsugi_store::StoreError;
use kintsugi_store::sql::fast::{Cell, FastReads, RawRecord, Reading, Value};
use rusqlite::types::ValueRef;
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
fn uuid(row: &Row<'_>, at: usize) -> rusqlite::Result<Option<Uuid>> {
    let bytes: Option<Vec<u8>> = row.get(at)?;
    bytes
        .map(|b| {
            Uuid::from_slice(&b).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    at,
                    rusqlite::types::Type::Blob,
                    Box::new(e),
                )
            })
        })
        .transpose()
}

/// The columns a record is read from, in the order [`raw`] reads them.
const COLUMNS: [&str; 14] = [
    "id",
    "kind",
    "author_id",
    "couple_id",
    "visibility",
    "body",
    "parent_id",
    "created_at",
    "updated_at",
    "version",
    "withdrawn_at",
    "own_body",
    "pair",
    "answered",
];

/// A record from a row whose columns [`COLUMNS`] are at `at` (looked up once per statement,
/// not once per row and column).
fn raw(row: &Row<'_>, at: &[usize; 14]) -> rusqlite::Result<RawRecord> {
    let required = |id: Option<Uuid>, i: usize| {
        id.ok_or(rusqlite::Error::InvalidColumnType(
            i,
            COLUMNS[i].into(),
            rusqlite::types::Type::Null,
        ))
    };
    Ok(RawRecord {
        id: required(uuid(row, at[0])?, at[0])?,
        kind: row.get(at[1])?,
        author_id: required(uuid(row, at[2])?, at[2])?,
        couple_id: uuid(row, at[3])?,
        visibility: row.get(at[4])?,
        body: row.get(at[5])?,
        parent_id: uuid(row, at[6])?,
        created_at: row.get(at[7])?,
        updated_at: row.get(at[8])?,
        version: row.get(at[9])?,
        withdrawn_at: row.get(at[10])?,
        own_body: row.get(at[11])?,
        pair: row.get(at[12])?,
        answered: row.get(at[13])?,
    })
}

/// `sql` prepared (cached) with `params` bound to `$1`, `$2`, … by name.
fn prepared<'c>(
    conn: &'c Connection,
    sql: &str,
    params: &[Value],
) -> rusqlite::Result<rusqlite::CachedStatement<'c>> {
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
    Ok(statement)
}

/// Every row `sql` selects, as cells.
fn cells(conn: &Connection, sql: &str, params: &[Value]) -> rusqlite::Result<Vec<Vec<Cell>>> {
    let mut statement = prepared(conn, sql, params)?;
    let width = statement.column_count();
    let mut rows = statement.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(width);
        for i in 0..width {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(n) => Cell::Int(n),
                ValueRef::Real(x) => Cell::Text(x.to_string()),
                ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Cell::Bytes(b.to_vec()),
            });
        }
        out.push(cells);
    }
    Ok(out)
}

/// Runs `sql` with `params` bound to `$1`, `$2`, … by name, and reads the couples `user` is or
/// was in, on one connection.
fn read(
    conn: &Connection,
    sql: &str,
    params: &[Value],
    user: Uuid,
) -> rusqlite::Result<(Vec<RawRecord>, Vec<Uuid>)> {
    let mut statement = prepared(conn, sql, params)?;
    let mut at = [0; 14];
    for (i, name) in COLUMNS.iter().enumerate() {
        at[i] = statement.column_index(name)?;
    }
    let mut rows = statement.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(raw(row, &at)?);
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

impl Reader {
    /// Runs `read` on an idle connection (or a new one) on a blocking thread.
    fn run<T: Send + 'static>(
        &self,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Reading<T> {
        let this = Arc::clone(&self.0);
        Box::pin(async move {
            let _running = this.running.acquire().await.map_err(failed)?;
            let idle = this.idle.lock().ok().and_then(|mut i| i.pop());
            let conn = match idle {
                Some(c) => c,
                None => this.open().map_err(failed)?,
            };
            let (conn, result) = tokio::task::spawn_blocking(move || {
                let result = read(&conn);
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

impl FastReads for Reader {
    fn records(
        &self,
        sql: String,
        params: Vec<Value>,
        user: Uuid,
    ) -> Reading<(Vec<RawRecord>, Vec<Uuid>)> {
        self.run(move |conn| read(conn, &sql, &params, user))
    }

    fn rows(&self, sql: String, params: Vec<Value>) -> Reading<Vec<Vec<Cell>>> {
        self.run(move |conn| cells(conn, &sql, &params))
    }
}
