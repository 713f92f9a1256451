//! The Store on PostgreSQL: the scale backend, shared by several stateless app nodes.
//! Write transactions run SERIALIZABLE so the pairing rules hold across nodes; serialization
//! failures are tried again inside the store.

use std::str::FromStr;
use std::time::Duration;

use kintsugi_store::Result;
use kintsugi_store::sql::{Backend, SqlStore, db, error_code};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgQueryResult};

/// PostgreSQL as a [`Backend`].
pub struct Postgres;

impl Backend for Postgres {
    type Db = sqlx::Postgres;
    const BEGIN_WRITE: &'static str = "BEGIN ISOLATION LEVEL SERIALIZABLE";
    const BEGIN_QUEUE: &'static str = "BEGIN ISOLATION LEVEL READ COMMITTED";
    const SKIP_LOCKED: &'static str = "FOR UPDATE SKIP LOCKED";
    const INSERTION_ORDER: &'static str = "seq";
    const AFTER_DELETING_SECRETS: Option<&'static str> = None;

    fn retryable(error: &sqlx::Error) -> bool {
        // serialization_failure and deadlock_detected.
        error_code(error).is_some_and(|c| c == "40001" || c == "40P01")
    }

    fn rows(result: &PgQueryResult) -> u64 {
        result.rows_affected()
    }

    fn migrator() -> &'static Migrator {
        &MIGRATOR
    }

    const UNWRITABLE: &'static str = "The PostgreSQL database can't be written to. Check that the role may write and the server isn't read-only.";
}

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The PostgreSQL store.
pub type PostgresStore = SqlStore<Postgres>;

/// Connects to `url` (postgres://…) and applies migrations. A connection left inside a
/// transaction for 30 seconds is closed by the server, whatever happened to its client.
pub async fn open_url(url: &str) -> Result<PostgresStore> {
    let options = PgConnectOptions::from_str(url)
        .map_err(db)?
        .options([("idle_in_transaction_session_timeout", "30s")]);
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(db)?;
    SqlStore::start(pool).await
}

/// Every row of every table as raw bytes (text columns and bytea), for the tests that prove
/// private text and used invite wraps never stay in the database.
pub async fn dump_for_tests(store: &PostgresStore) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    // Every table of the schema, each row as text; and every binary column's bytes as they are
    // (as text they would read as hex).
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
    .fetch_all(store.pool())
    .await
    .map_err(db)?;
    for (table,) in tables {
        let sql = format!("SELECT t::text FROM \"{table}\" t");
        let rows: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_all(store.pool())
            .await
            .map_err(db)?;
        for (r,) in rows {
            out.extend_from_slice(r.as_bytes());
        }
        let columns: Vec<(String,)> = sqlx::query_as(
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = $1 AND data_type = 'bytea'",
        )
        .bind(&table)
        .fetch_all(store.pool())
        .await
        .map_err(db)?;
        for (column,) in columns {
            let sql =
                format!("SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL");
            let blobs: Vec<(Vec<u8>,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .fetch_all(store.pool())
                .await
                .map_err(db)?;
            for (b,) in blobs {
                out.extend_from_slice(&b);
            }
        }
    }
    Ok(out)
}
