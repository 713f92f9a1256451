//! The Store on PostgreSQL: the scale backend, shared by several stateless app nodes.
//! Write transactions run SERIALIZABLE so the pairing rules hold across nodes.

use std::time::Duration;

use kintsugi_store::{Result, StoreError};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use sql::db;

/// The PostgreSQL store.
#[derive(Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (postgres://…) and applies migrations.
    pub async fn open_url(url: &str) -> Result<PostgresStore> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(db)?;
        let store = PostgresStore { pool };
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

    /// Every row of every table as raw bytes (text columns and bytea), for the test that proves
    /// private text never reaches the database in the clear.
    pub async fn dump_for_tests(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        for query in [
            "SELECT t::text FROM users t",
            "SELECT t::text FROM sessions t",
            "SELECT t::text FROM couples t",
            "SELECT t::text FROM couple_keys t",
            "SELECT t::text FROM invites t",
            "SELECT t::text FROM records t",
        ] {
            let rows: Vec<(String,)> = sqlx::query_as(query)
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
            for (r,) in rows {
                out.extend_from_slice(r.as_bytes());
            }
        }
        let bodies: Vec<(Vec<u8>,)> = sqlx::query_as("SELECT body FROM records")
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        for (b,) in bodies {
            out.extend_from_slice(&b);
        }
        Ok(out)
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
    store = PostgresStore,
    db = sqlx::Postgres,
    begin_write = "BEGIN ISOLATION LEVEL SERIALIZABLE",
    insertion_order = "seq"
);
