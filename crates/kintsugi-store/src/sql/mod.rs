//! The SQL both backends share, written once as generic code over [`Backend`].
//!
//! SQLite and PostgreSQL keep their own crates, connection settings and migrations; each supplies
//! a [`Backend`]: its sqlx database, how a write transaction begins, which column gives insertion
//! order, and which errors are worth another try. Placeholders are written `$1`, `$2`, … (sqlx's
//! SQLite driver binds `$N` to argument N, as PostgreSQL does).
//!
//! Every write that takes more than one statement runs in an sqlx [`Transaction`], which rolls
//! back when dropped: a request whose client hangs up at any await point leaves nothing half
//! written and no lock behind. Writes that lose a race to a serialization failure or a busy
//! database are tried again a bounded number of times, with jitter, so callers never see those.

/// An `impl` block for every [`Backend`], with the bounds sqlx needs written once:
/// `sql_impl! { impl { … } }` for inherent methods, `sql_impl! { impl Store { … } }` for a trait.
macro_rules! sql_impl {
    ($(#[$attr:meta])* impl $($tr:path)? { $($body:tt)* }) => {
        $(#[$attr])*
        impl<B: $crate::sql::Backend> $($tr for)? $crate::sql::SqlStore<B>
        where
            for<'c> &'c mut <B::Db as sqlx::Database>::Connection:
                sqlx::Executor<'c, Database = B::Db>,
            for<'q> uuid::Uuid:
                sqlx::Encode<'q, B::Db> + sqlx::Decode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> Option<uuid::Uuid>: sqlx::Encode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> i64: sqlx::Encode<'q, B::Db> + sqlx::Decode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> Option<i64>: sqlx::Encode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> bool: sqlx::Encode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> String: sqlx::Encode<'q, B::Db> + sqlx::Decode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> Option<String>: sqlx::Encode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> &'q str: sqlx::Encode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> Vec<u8>:
                sqlx::Encode<'q, B::Db> + sqlx::Decode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'q> Option<Vec<u8>>: sqlx::Encode<'q, B::Db> + sqlx::Type<B::Db>,
            for<'r> $crate::sql::rows::UserRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::SessionRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::CoupleRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::AuthRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::InviteRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::RecordRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::NoticeRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::CoupleHistoryRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::InboxRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> $crate::sql::rows::DueRow:
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            for<'r> (uuid::Uuid, uuid::Uuid, uuid::Uuid):
                sqlx::FromRow<'r, <B::Db as sqlx::Database>::Row>,
            usize: sqlx::ColumnIndex<<B::Db as sqlx::Database>::Row>,
            <B::Db as sqlx::Database>::Arguments: sqlx::IntoArguments<B::Db>,
        {
            $($body)*
        }
    };
}

mod counts;
mod erase;
pub mod fast;
mod inbox;
mod invites;
mod jobs;
mod keys;
mod queries;
mod records;
mod reminders;
mod reports;
mod rows;
mod store;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sqlx::migrate::{Migrate, Migrator};
use sqlx::{Database, Pool, Transaction};

use crate::{Result, Store, StoreError};
use queries::Queries;

/// What a SQL backend supplies to [`SqlStore`].
pub trait Backend: Send + Sync + 'static {
    /// The sqlx database.
    type Db: Database;
    /// The statement that begins a write transaction (`BEGIN IMMEDIATE` on SQLite, so writers
    /// queue instead of deadlocking; `SERIALIZABLE` on PostgreSQL, so the pairing rules hold
    /// across nodes).
    const BEGIN_WRITE: &'static str;
    /// What a queue's claim adds to its `SELECT … LIMIT 1` (`FOR UPDATE SKIP LOCKED` on
    /// PostgreSQL, so workers on several nodes pass each other's claims; nothing on SQLite,
    /// whose `BEGIN IMMEDIATE` already lets one writer in at a time).
    const SKIP_LOCKED: &'static str;
    /// The statement that begins a queue's transaction (`READ COMMITTED` on PostgreSQL: a
    /// claim's row lock, not serializability, makes it one worker's, so racing workers don't
    /// fail each other; on SQLite the same as every write).
    const BEGIN_QUEUE: &'static str;
    /// The column that gives the order rows were inserted in (`rowid`, `seq`).
    const INSERTION_ORDER: &'static str;
    /// Whether an error is a transient conflict (busy, serialization failure) worth a retry.
    fn retryable(error: &sqlx::Error) -> bool;
    /// Run after a write that deleted secrets (invites' key wraps: used, stopped, replaced,
    /// swept), outside its transaction: SQLite checkpoints and truncates its WAL so that old
    /// copies of the deleted rows leave the disk too.
    const AFTER_DELETING_SECRETS: Option<&'static str>;
    /// How many rows a statement touched.
    fn rows(result: &<Self::Db as Database>::QueryResult) -> u64;
    /// Its migrations (`sqlx::migrate!` in the backend's crate).
    fn migrator() -> &'static Migrator;
    /// What to tell whoever runs the server when the database can't be written.
    const UNWRITABLE: &'static str;
}

/// How many times a write is tried before its conflict is reported as a database error.
const ATTEMPTS: u32 = 8;

/// The store on a SQL database.
pub struct SqlStore<B: Backend> {
    pool: Pool<B::Db>,
    queries: Arc<Queries>,
    retries: Arc<AtomicU64>,
    /// The backend's own reader of records, where it has one.
    fast: Option<Arc<dyn fast::FastReads>>,
}

impl<B: Backend> Clone for SqlStore<B> {
    fn clone(&self) -> Self {
        SqlStore {
            pool: self.pool.clone(),
            queries: Arc::clone(&self.queries),
            retries: Arc::clone(&self.retries),
            fast: self.fast.clone(),
        }
    }
}

impl<B: Backend> SqlStore<B> {
    /// A store on a pool whose database is already migrated.
    pub fn new(pool: Pool<B::Db>) -> SqlStore<B> {
        SqlStore {
            pool,
            queries: Arc::new(Queries::new(B::INSERTION_ORDER)),
            retries: Arc::new(AtomicU64::new(0)),
            fast: None,
        }
    }

    /// The same store, reading records with the backend's own reader.
    pub fn with_fast_reads(mut self, reads: Arc<dyn fast::FastReads>) -> SqlStore<B> {
        self.fast = Some(reads);
        self
    }

    /// The rows `sql` selects, read by the backend's own reader and each made by `row`; `None`
    /// when the backend has no reader of its own (the caller reads through sqlx).
    async fn fast_rows<T>(
        &self,
        sql: &str,
        params: Vec<fast::Value>,
        row: fn(fast::Cells) -> Result<T>,
    ) -> Option<Result<Vec<T>>> {
        let fast = self.fast.as_ref()?;
        Some(
            async {
                let rows = fast.rows(sql.to_string(), params).await?;
                rows.into_iter().map(|r| row(fast::Cells::new(r))).collect()
            }
            .await,
        )
    }

    /// The names of the backend's migrations, for the test that compares backends.
    pub fn migration_names() -> Vec<String> {
        B::migrator()
            .iter()
            .map(|m| m.description.to_string())
            .collect()
    }

    /// The connection pool (for tests).
    pub fn pool(&self) -> &Pool<B::Db> {
        &self.pool
    }

    /// How many writes were tried again after a transient conflict since the store opened.
    pub fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }

    /// Begins a write transaction; it rolls back if dropped before `commit`.
    ///
    /// The BEGIN runs in a task of its own, so a caller that hangs up can't cut it short:
    /// sqlx 0.9 rolls back a dropped BEGIN only for a nested transaction, and would hand the
    /// next caller a pooled connection still inside this one, where its writes never commit
    /// (the store suite's drop story found it on PostgreSQL).
    async fn begin(&self) -> std::result::Result<Transaction<'static, B::Db>, sqlx::Error> {
        self.begin_as(B::BEGIN_WRITE).await
    }

    /// Begins a transaction with `statement` (see [`SqlStore::begin`]).
    async fn begin_as(
        &self,
        statement: &'static str,
    ) -> std::result::Result<Transaction<'static, B::Db>, sqlx::Error> {
        let pool = self.pool.clone();
        tokio::spawn(async move { pool.begin_with(statement).await })
            .await
            .map_err(|_| sqlx::Error::WorkerCrashed)?
    }

    /// Runs `attempt` until it succeeds, is refused, or fails for a reason a retry can't fix.
    /// An attempt returns `Ok(Err(refusal))` for a rule that says no (its transaction rolls back
    /// when dropped) and `Err` for a database error.
    async fn retrying<T, F, Fut>(&self, mut attempt: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = std::result::Result<Result<T>, sqlx::Error>>,
    {
        let mut tries = 1;
        loop {
            match attempt().await {
                Ok(outcome) => return outcome,
                Err(e) if tries < ATTEMPTS && B::retryable(&e) => {
                    self.retries.fetch_add(1, Ordering::Relaxed);
                    // Exponential backoff with full jitter: 1–2 ms, then up to 4, 8, … 128 ms.
                    let cap = 2u64 << tries.min(7);
                    let wait = rand::random_range(1..=cap);
                    tokio::time::sleep(Duration::from_millis(wait)).await;
                    tries += 1;
                }
                Err(e) => return Err(db(e)),
            }
        }
    }
}

impl<B: Backend> SqlStore<B>
where
    SqlStore<B>: Store,
    <B::Db as Database>::Connection: Migrate,
{
    /// A store on `pool`: migrated, and proven to take writes (a read-only database refuses to
    /// start, saying why).
    pub async fn start(pool: Pool<B::Db>) -> Result<SqlStore<B>> {
        let store = SqlStore::new(pool);
        store.migrate().await?;
        store
            .ping()
            .await
            .map_err(|_| StoreError::State(B::UNWRITABLE))?;
        Ok(store)
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        B::migrator()
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Database(Box::new(e)))
    }
}

/// Maps a sqlx error: a unique violation is a conflict, anything else a database error.
pub fn db(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(d) = &e
        && d.is_unique_violation()
    {
        return StoreError::Conflict("name");
    }
    StoreError::Database(Box::new(e))
}

/// The SQLSTATE or SQLite result code of a database error, if it is one.
pub fn error_code(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(d) => d.code().map(|c| c.into_owned()),
        _ => None,
    }
}
