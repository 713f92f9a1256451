//! Reads a backend can make in one hop to its driver per call, not one per row: sqlx's SQLite
//! driver hands each row from its worker thread to the async side through a channel, and on a
//! list of records that hand-off, not the query or the decryption, was most of the cost (perf:
//! a quarter of the samples in the kernel's task switch, a seventh in the channel and the futex
//! wake-ups behind it). The SQLite store gives its own reader (connections of its own on
//! blocking threads, a whole statement at a time); PostgreSQL reads through sqlx as before.
//!
//! A reader runs the statements `Queries` writes, with `$N` placeholders bound to the values
//! given, and returns raw rows; the store turns them into records and every one still goes
//! through `authorize` with the reader's couples, read in the same call.

use std::future::Future;
use std::pin::Pin;

use uuid::Uuid;

pub use super::rows::RawRecord;
use crate::Result;

/// A value bound to a placeholder.
#[derive(Debug, Clone)]
pub enum Value {
    /// A UUID (stored as its 16 bytes).
    Uuid(Uuid),
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
}

/// A boxed future, for an object-safe reader.
pub type Reading<T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'static>>;

/// A backend's own reader of records.
pub trait FastReads: Send + Sync + 'static {
    /// The rows `sql` selects from `records` with `params` bound to `$1`, `$2`, …, and the
    /// couples `user` is or was in, read in one call.
    fn records(
        &self,
        sql: String,
        params: Vec<Value>,
        user: Uuid,
    ) -> Reading<(Vec<RawRecord>, Vec<Uuid>)>;
}
