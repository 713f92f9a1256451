//! Inbox entries and due moments in SQL: changed inside a record's write transaction, read
//! without anyone's key.

use kintsugi_domain::UserId;
use sqlx::{AssertSqlSafe, Transaction};

use super::db;
use super::fast::Value;
use super::rows::{DueRow, InboxRow};
use uuid::Uuid;

use crate::{Clearing, Due, DueWhen, Effects, InboxEntry, Result, StoreError, Timestamp};

/// Entries that show at `$2`: arrived by then and not lapsed.
const SHOWING: &str = "user_id = $1 AND at <= $2 AND (until IS NULL OR until > $2)";

/// The statement that clears `c`, `None` when it names neither a person nor an item (its
/// binds: the person if named, the item if named, then the kinds).
fn clearing_sql(c: &Clearing) -> Option<String> {
    let mut conditions = Vec::new();
    let mut next = 1;
    for (named, column) in [
        (c.user.is_some(), "user_id"),
        (c.subject.is_some(), "subject_id"),
    ] {
        if named {
            conditions.push(format!("{column} = ${next}"));
            next += 1;
        }
    }
    if conditions.is_empty() {
        return None;
    }
    if !c.kinds.is_empty() {
        let marks: Vec<String> = (next..next + c.kinds.len())
            .map(|i| format!("${i}"))
            .collect();
        conditions.push(format!("kind IN ({})", marks.join(", ")));
    }
    Some(format!(
        "DELETE FROM inbox WHERE {}",
        conditions.join(" AND ")
    ))
}

/// Binds a clearing's values in the order [`clearing_sql`] numbers them.
macro_rules! bind_clearing {
    ($query:expr, $c:expr) => {{
        let mut q = $query;
        if let Some(user) = $c.user {
            q = q.bind(user.0);
        }
        if let Some(subject) = $c.subject {
            q = q.bind(subject.0);
        }
        for k in &$c.kinds {
            q = q.bind(k.as_str());
        }
        q
    }};
}

sql_impl! {
impl {
    /// Applies a write's effects inside its transaction: clear, then post (replacing an entry
    /// of the same person, kind and item), then the item's due moments.
    pub(super) async fn apply(
        tx: &mut Transaction<'static, B::Db>,
        effects: &Effects,
    ) -> std::result::Result<std::result::Result<(), StoreError>, sqlx::Error> {
        if let Some(session) = effects.session {
            let live: Option<(Uuid,)> = sqlx::query_as("SELECT id FROM sessions WHERE id = $1")
                .bind(session.0)
                .fetch_optional(&mut **tx)
                .await?;
            if live.is_none() {
                return Ok(Err(StoreError::SessionEnded));
            }
        }
        if let Some((item, version)) = effects.after {
            let moved = sqlx::query(
                "UPDATE records SET version = version + 1 WHERE id = $1 AND version = $2",
            )
            .bind(item.0)
            .bind(version)
            .execute(&mut **tx)
            .await?;
            if B::rows(&moved) != 1 {
                return Ok(Err(StoreError::Stale));
            }
        }
        if let Some(m) = &effects.report
            && let Err(refused) = Self::apply_report(tx, m).await?
        {
            return Ok(Err(refused));
        }
        for c in &effects.clear {
            Self::clear_one(tx, c).await?;
        }
        for e in &effects.post {
            sqlx::query("DELETE FROM inbox WHERE user_id = $1 AND kind = $2 AND subject_id = $3")
                .bind(e.user.0)
                .bind(&e.kind)
                .bind(e.subject.0)
                .execute(&mut **tx)
                .await?;
            sqlx::query(
                "INSERT INTO inbox (user_id, kind, subject_id, about_id, couple_id, at, until, seq) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, \
                 (SELECT COALESCE(MAX(seq), 0) + 1 FROM inbox WHERE user_id = $1))",
            )
            .bind(e.user.0)
            .bind(&e.kind)
            .bind(e.subject.0)
            .bind(e.about.map(|a| a.0))
            .bind(e.couple.map(|c| c.0))
            .bind(e.at)
            .bind(e.until)
            .execute(&mut **tx)
            .await?;
        }
        if let Some((subject, moments)) = &effects.due {
            sqlx::query("DELETE FROM due WHERE subject_id = $1")
                .bind(subject.0)
                .execute(&mut **tx)
                .await?;
            for d in moments {
                let (at, day) = match &d.when {
                    DueWhen::At(at) => (Some(*at), None),
                    DueWhen::Day(day) => (None, Some(day.clone())),
                };
                sqlx::query(
                    "INSERT INTO due (user_id, kind, subject_id, at, day, repeat) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(d.user.0)
                .bind(&d.kind)
                .bind(d.subject.0)
                .bind(at)
                .bind(day)
                .bind(d.repeat.clone())
                .execute(&mut **tx)
                .await?;
            }
        }
        Ok(Ok(()))
    }

    async fn clear_one(
        tx: &mut Transaction<'static, B::Db>,
        c: &Clearing,
    ) -> std::result::Result<u64, sqlx::Error> {
        let Some(sql) = clearing_sql(c) else {
            return Ok(0);
        };
        let q = bind_clearing!(sqlx::query(AssertSqlSafe(sql)), c);
        Ok(B::rows(&q.execute(&mut **tx).await?))
    }

    pub(super) async fn sql_inbox(&self, user: UserId, now: Timestamp) -> Result<Vec<InboxEntry>> {
        let sql = format!(
            "SELECT {} FROM inbox WHERE {SHOWING} ORDER BY at DESC, seq DESC",
            InboxRow::COLUMNS
        );
        let binds = vec![Value::Uuid(user.0), Value::Int(now)];
        let rows = match self.fast_rows(&sql, binds, InboxRow::from_cells).await {
            Some(rows) => rows?,
            None => sqlx::query_as(AssertSqlSafe(sql))
                .bind(user.0)
                .bind(now)
                .fetch_all(&self.pool)
                .await
                .map_err(db)?,
        };
        Ok(rows.into_iter().map(InboxEntry::from).collect())
    }

    pub(super) async fn sql_waiting_count(&self, user: UserId, now: Timestamp) -> Result<u64> {
        let sql = format!(
            "SELECT (SELECT COUNT(*) FROM inbox WHERE {SHOWING}) \
             + (SELECT COUNT(*) FROM notices WHERE user_id = $1)"
        );
        let binds = vec![Value::Uuid(user.0), Value::Int(now)];
        let n = match self.fast_rows(&sql, binds, |mut c| c.int()).await {
            Some(n) => n?.first().copied().unwrap_or_default(),
            None => sqlx::query_scalar(AssertSqlSafe(sql))
                .bind(user.0)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(db)?,
        };
        Ok(u64::try_from(n).unwrap_or_default())
    }

    /// Whether anything `c` would clear is there (most page views clear nothing).
    async fn anything_to_clear(&self, c: &Clearing) -> Result<bool> {
        let Some(sql) = clearing_sql(c) else {
            return Ok(false);
        };
        let sql = sql.replacen("DELETE FROM", "SELECT COUNT(*) FROM", 1);
        let mut binds: Vec<Value> = c.user.map(|u| Value::Uuid(u.0)).into_iter().collect();
        binds.extend(c.subject.map(|s| Value::Uuid(s.0)));
        binds.extend(c.kinds.iter().map(|k| Value::Text(k.clone())));
        let n = match self.fast_rows(&sql, binds, |mut c| c.int()).await {
            Some(n) => n?.first().copied().unwrap_or_default(),
            None => {
                let q = bind_clearing!(sqlx::query_scalar::<_, i64>(AssertSqlSafe(sql)), c);
                q.fetch_one(&self.pool).await.map_err(db)?
            }
        };
        Ok(n > 0)
    }

    pub(super) async fn sql_clear_inbox(&self, clearings: &[Clearing]) -> Result<()> {
        if clearings.is_empty() {
            return Ok(());
        }
        // Most page views clear nothing: look before taking the write lock.
        let mut any = false;
        for c in clearings {
            if self.anything_to_clear(c).await? {
                any = true;
                break;
            }
        }
        if !any {
            return Ok(());
        }
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            for c in clearings {
                Self::clear_one(&mut tx, c).await?;
            }
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    pub(super) async fn sql_due_of(&self, user: UserId) -> Result<Vec<Due>> {
        let rows: Vec<DueRow> = sqlx::query_as("SELECT * FROM due WHERE user_id = $1")
            .bind(user.0)
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        Ok(rows.into_iter().filter_map(DueRow::into_due).collect())
    }
}
}
