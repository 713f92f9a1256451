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

/// One column of a row a reader read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// NULL.
    Null,
    /// An integer.
    Int(i64),
    /// Text.
    Text(String),
    /// Bytes (a UUID is its 16).
    Bytes(Vec<u8>),
}

/// A row's cells, taken in the order its statement selects them.
pub struct Cells(std::vec::IntoIter<Cell>);

impl Cells {
    /// The cells of one row.
    pub fn new(row: Vec<Cell>) -> Cells {
        Cells(row.into_iter())
    }

    fn next(&mut self) -> Result<Cell> {
        self.0.next().ok_or_else(|| unexpected("a row ended early"))
    }

    /// A UUID, or NULL.
    pub fn uuid_or_null(&mut self) -> Result<Option<Uuid>> {
        match self.next()? {
            Cell::Null => Ok(None),
            Cell::Bytes(b) => Uuid::from_slice(&b)
                .map(Some)
                .map_err(|_| unexpected("a UUID column of the wrong length")),
            _ => Err(unexpected("a UUID column of another type")),
        }
    }

    /// A UUID.
    pub fn uuid(&mut self) -> Result<Uuid> {
        self.uuid_or_null()?
            .ok_or_else(|| unexpected("a UUID column was NULL"))
    }

    /// An integer, or NULL.
    pub fn int_or_null(&mut self) -> Result<Option<i64>> {
        match self.next()? {
            Cell::Null => Ok(None),
            Cell::Int(n) => Ok(Some(n)),
            _ => Err(unexpected("an integer column of another type")),
        }
    }

    /// An integer.
    pub fn int(&mut self) -> Result<i64> {
        self.int_or_null()?
            .ok_or_else(|| unexpected("an integer column was NULL"))
    }

    /// Text, or NULL.
    pub fn text_or_null(&mut self) -> Result<Option<String>> {
        match self.next()? {
            Cell::Null => Ok(None),
            Cell::Text(t) => Ok(Some(t)),
            _ => Err(unexpected("a text column of another type")),
        }
    }

    /// Text.
    pub fn text(&mut self) -> Result<String> {
        self.text_or_null()?
            .ok_or_else(|| unexpected("a text column was NULL"))
    }
}

fn unexpected(what: &'static str) -> crate::StoreError {
    crate::StoreError::Database(what.into())
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

    /// The rows any other read selects, with `params` bound to `$1`, `$2`, …: each row's cells
    /// in the order the statement names its columns.
    fn rows(&self, sql: String, params: Vec<Value>) -> Reading<Vec<Vec<Cell>>>;
}
