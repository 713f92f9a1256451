//! The store's pairing, resets and records in SQL: inherent methods the `Store` impl in `store.rs`
//! delegates to (split for size; the bounds are the same as there).

use kintsugi_domain::{CoupleId, RecordId, UserId, Viewer};
use sqlx::{AssertSqlSafe, Transaction};
use uuid::Uuid;

use super::db;
use super::fast::{FastReads, Value};
use super::queries::*;
use super::rows::{CoupleHistoryRow, RecordRow};
use super::store::{records_from, touched};
use crate::{
    CoupleRecord, Effects, NoticeKind, Record, RecordChange, Result, StoreError, Timestamp, Window,
    Withdrawal, authorize,
};
use kintsugi_domain::Reader;

sql_impl! {
impl {
    pub(super) async fn sql_put_record(&self, r: Record, effects: Effects) -> Result<()> {
        self.retrying(|| async {
            let insert = Self::insert(&r);
            // A second answer of one pair (two tabs, two requests at once) loses: one each.
            let second = |e: &sqlx::Error| {
                r.pair.is_some() && matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
            };
            if effects.is_empty() {
                return match insert.execute(&self.pool).await {
                    Err(e) if second(&e) => Ok(Err(StoreError::Stale)),
                    done => done.map(|_| Ok(())),
                };
            }
            let mut tx = self.begin().await?;
            if let Err(e) = insert.execute(&mut *tx).await {
                return if second(&e) { Ok(Err(StoreError::Stale)) } else { Err(e) };
            }
            if let Err(refused) = Self::put_with(&mut tx, r.author, &effects.with).await? {
                return Ok(Err(refused));
            }
            if let Err(refused) = Self::apply(&mut tx, &effects).await? {
                return Ok(Err(refused));
            }
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    pub(super) async fn sql_update_record(
        &self,
        author: UserId,
        c: RecordChange,
        effects: Effects,
    ) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let done = sqlx::query(UPDATE_RECORD)
                .bind(c.id.0)
                .bind(author.0)
                .bind(c.visibility.as_str())
                .bind(c.couple.map(|x| x.0))
                .bind(&c.body)
                .bind(c.updated_at)
                .bind(c.expected_version)
                .execute(&mut *tx)
                .await?;
            if B::rows(&done) == 1 {
                if let Err(refused) = Self::put_with(&mut tx, author, &effects.with).await? {
                    return Ok(Err(refused));
                }
                if let Err(refused) = Self::apply(&mut tx, &effects).await? {
                    return Ok(Err(refused));
                }
                tx.commit().await?;
                return Ok(Ok(()));
            }
            // Nothing changed: tell a stale write from a record that isn't the author's.
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT version FROM records WHERE id = $1 AND author_id = $2")
                    .bind(c.id.0)
                    .bind(author.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            Ok(Err(match exists {
                Some(_) => StoreError::Stale,
                None => StoreError::NotFound,
            }))
        })
        .await
    }

    /// Writes the records that go with a write, all by its author.
    async fn put_with(
        tx: &mut Transaction<'static, B::Db>,
        author: UserId,
        with: &[Record],
    ) -> std::result::Result<Result<()>, sqlx::Error> {
        if with.iter().any(|w| w.author != author) {
            return Ok(Err(StoreError::State("a write can only carry its author's records")));
        }
        for w in with {
            Self::insert(w).execute(&mut **tx).await?;
        }
        Ok(Ok(()))
    }

    /// The statement that stores a new record.
    fn insert(r: &Record) -> sqlx::query::Query<'_, B::Db, <B::Db as sqlx::Database>::Arguments> {
        sqlx::query(INSERT_RECORD)
            .bind(r.id.0)
            .bind(&r.kind)
            .bind(r.author.0)
            .bind(r.couple.map(|c| c.0))
            .bind(r.visibility.as_str())
            .bind(&r.body)
            .bind(r.parent.map(|p| p.0))
            .bind(r.created_at)
            .bind(r.updated_at)
            .bind(r.pair.clone())
    }

    pub(super) async fn sql_delete_record(&self, author: UserId, id: RecordId) -> Result<()> {
        self.retrying(|| async {
            let done = sqlx::query("DELETE FROM records WHERE id = $1 AND author_id = $2")
                .bind(id.0)
                .bind(author.0)
                .execute(&self.pool)
                .await?;
            Ok(touched(B::rows(&done)))
        })
        .await
    }

    pub(super) async fn sql_children_of(
        &self,
        viewer: &Viewer,
        parents: &[RecordId],
        since: Option<Timestamp>,
    ) -> Result<Vec<Record>> {
        if parents.is_empty() {
            return Ok(Vec::new());
        }
        // The couples the rule needs: read here for sqlx, by the fast reader with each chunk.
        let reader = match &self.fast {
            Some(_) => None,
            None => Some(self.reader(viewer.user).await?),
        };
        let mut out = Vec::new();
        for chunk in parents.chunks(PARENTS_PER_QUERY) {
            let sql = self.queries.child_records(chunk.len(), since.is_some());
            if let Some(fast) = &self.fast {
                let mut params = vec![Value::Uuid(viewer.user.0)];
                params.extend(chunk.iter().map(|id| Value::Uuid(id.0)));
                params.extend(since.map(Value::Int));
                out.extend(Self::read_fast(fast.as_ref(), sql, params, viewer.user).await?);
                continue;
            }
            let mut query = sqlx::query_as::<_, RecordRow>(AssertSqlSafe(sql)).bind(viewer.user.0);
            for parent in chunk {
                query = query.bind(parent.0);
            }
            if let Some(since) = since {
                query = query.bind(since);
            }
            let rows = query.fetch_all(&self.pool).await.map_err(db)?;
            if let Some(reader) = &reader {
                out.extend(authorize(reader, records_from(rows)?));
            }
        }
        Ok(out)
    }

    pub(super) async fn sql_couple_key_wrap(
        &self,
        user: UserId,
        couple: CoupleId,
    ) -> Result<Option<Vec<u8>>> {
        sqlx::query_scalar("SELECT key_wrap FROM couple_keys WHERE couple_id = $1 AND user_id = $2")
            .bind(couple.0)
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)
    }

    pub(super) async fn sql_records(
        &self,
        viewer: &Viewer,
        kind: &str,
        window: Window,
    ) -> Result<Vec<Record>> {
        let sql = self.queries.list_records(&window);
        if let Some(fast) = &self.fast {
            let mut params = vec![Value::Text(kind.to_string()), Value::Uuid(viewer.user.0)];
            if let Some((at, id)) = window.before {
                params.extend([Value::Int(at), Value::Uuid(id.0)]);
            }
            params.extend(window.since.map(Value::Int));
            params.extend(window.limit.map(|l| Value::Int(i64::from(l))));
            return Self::read_fast(fast.as_ref(), sql, params, viewer.user).await;
        }
        let mut query = sqlx::query_as::<_, RecordRow>(AssertSqlSafe(sql))
            .bind(kind)
            .bind(viewer.user.0);
        if let Some((at, id)) = window.before {
            query = query.bind(at).bind(id.0);
        }
        if let Some(since) = window.since {
            query = query.bind(since);
        }
        if let Some(limit) = window.limit {
            query = query.bind(i64::from(limit));
        }
        let rows: Vec<RecordRow> = query.fetch_all(&self.pool).await.map_err(db)?;
        Ok(authorize(
            &self.reader(viewer.user).await?,
            records_from(rows)?,
        ))
    }

    pub(super) async fn sql_record(&self, viewer: &Viewer, id: RecordId) -> Result<Option<Record>> {
        if let Some(fast) = &self.fast {
            let sql = self.queries.one_record.to_string();
            let params = vec![Value::Uuid(id.0), Value::Uuid(viewer.user.0)];
            return Ok(Self::read_fast(fast.as_ref(), sql, params, viewer.user)
                .await?
                .pop());
        }
        let row: Option<RecordRow> = sqlx::query_as(AssertSqlSafe(self.queries.one_record.clone()))
            .bind(id.0)
            .bind(viewer.user.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(authorize(&self.reader(viewer.user).await?, records_from(vec![row])?).pop())
    }

    pub(super) async fn sql_records_in(
        &self,
        viewer: &Viewer,
        ids: &[RecordId],
    ) -> Result<Vec<Record>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // The couples the rule needs: read here for sqlx, by the fast reader with each chunk.
        let reader = match &self.fast {
            Some(_) => None,
            None => Some(self.reader(viewer.user).await?),
        };
        let mut out = Vec::new();
        for chunk in ids.chunks(PARENTS_PER_QUERY) {
            let sql = self.queries.records_in(chunk.len());
            if let Some(fast) = &self.fast {
                let mut params = vec![Value::Uuid(viewer.user.0)];
                params.extend(chunk.iter().map(|id| Value::Uuid(id.0)));
                out.extend(Self::read_fast(fast.as_ref(), sql, params, viewer.user).await?);
                continue;
            }
            let mut query = sqlx::query_as::<_, RecordRow>(AssertSqlSafe(sql)).bind(viewer.user.0);
            for id in chunk {
                query = query.bind(id.0);
            }
            let rows = query.fetch_all(&self.pool).await.map_err(db)?;
            if let Some(reader) = &reader {
                out.extend(authorize(reader, records_from(rows)?));
            }
        }
        Ok(out)
    }

    pub(super) async fn sql_shared_by(&self, who: UserId, couple: CoupleId) -> Result<Vec<Record>> {
        let sql = format!(
            "SELECT * FROM records WHERE author_id = $1 AND couple_id = $2 \
             AND visibility = 'shared' AND withdrawn_at IS NULL ORDER BY {}",
            self.queries.order()
        );
        let rows: Vec<RecordRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(who.0)
            .bind(couple.0)
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        records_from(rows)
    }

    pub(super) async fn sql_withdraw(
        &self,
        who: UserId,
        couple: CoupleId,
        withdrawals: &[Withdrawal],
        now: Timestamp,
    ) -> Result<u64> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let member: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM couples WHERE id = $1 AND (user_a = $2 OR user_b = $2)",
            )
            .bind(couple.0)
            .bind(who.0)
            .fetch_one(&mut *tx)
            .await?;
            if member == 0 {
                return Ok(Err(StoreError::NotFound));
            }
            if !Self::apply_withdrawals(&mut tx, who, couple.0, withdrawals, now).await? {
                return Ok(Err(StoreError::Stale));
            }
            tx.commit().await?;
            Ok(Ok(withdrawals.len() as u64))
        })
        .await
    }

    /// Applies withdrawals inside a transaction: each record, still at the version it was read
    /// at and not yet withdrawn, keeps for the other what is left of it and for its author their
    /// own copy; what waited for the other about it goes. `false` (nothing to keep: roll back)
    /// when one of them changed since it was read.
    async fn apply_withdrawals(
        tx: &mut Transaction<'static, B::Db>,
        who: UserId,
        couple: Uuid,
        withdrawals: &[Withdrawal],
        now: Timestamp,
    ) -> std::result::Result<bool, sqlx::Error> {
        for w in withdrawals {
            let done = sqlx::query(
                "UPDATE records SET body = $4, own_body = $5, withdrawn_at = $6, \
                 version = version + 1 WHERE id = $1 AND author_id = $2 AND couple_id = $3 \
                 AND visibility = 'shared' AND withdrawn_at IS NULL AND version = $7",
            )
            .bind(w.id.0)
            .bind(who.0)
            .bind(couple)
            .bind(&w.body)
            .bind(&w.own_body)
            .bind(now)
            .bind(w.expected_version)
            .execute(&mut **tx)
            .await?;
            if B::rows(&done) != 1 {
                return Ok(false);
            }
            sqlx::query("DELETE FROM inbox WHERE subject_id = $1 AND user_id <> $2")
                .bind(w.id.0)
                .bind(who.0)
                .execute(&mut **tx)
                .await?;
        }
        Ok(true)
    }

    /// Ends `user`'s active couple, if any, and leaves the partner a notice of `why`; returns
    /// the couple ended.
    pub(super) async fn end_active_couple(
        tx: &mut Transaction<'static, B::Db>,
        user: UserId,
        why: NoticeKind,
        now: Timestamp,
    ) -> std::result::Result<Option<Uuid>, sqlx::Error> {
        let active: Option<(Uuid, Uuid, Uuid)> = sqlx::query_as(
            "SELECT id, user_a, user_b FROM couples \
             WHERE (user_a = $1 OR user_b = $1) AND ended_at IS NULL",
        )
        .bind(user.0)
        .fetch_optional(&mut **tx)
        .await?;
        let Some((couple, a, b)) = active else {
            return Ok(None);
        };
        sqlx::query("UPDATE couples SET ended_at = $2 WHERE id = $1")
            .bind(couple)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        // Nothing of an ended couple waits or falls due any more.
        for statement in [
            "DELETE FROM inbox WHERE couple_id = $1",
            "DELETE FROM due WHERE subject_id IN (SELECT id FROM records WHERE couple_id = $1)",
        ] {
            sqlx::query(statement).bind(couple).execute(&mut **tx).await?;
        }
        sqlx::query("INSERT INTO notices (id, user_id, kind, created_at) VALUES ($1, $2, $3, $4)")
            .bind(Uuid::new_v4())
            .bind(if a == user.0 { b } else { a })
            .bind(why.as_str())
            .bind(now)
            .execute(&mut **tx)
            .await?;
        Ok(Some(couple))
    }

    pub(super) async fn sql_leave_couple(
        &self,
        user: UserId,
        now: Timestamp,
        withdrawals: &[Withdrawal],
    ) -> Result<CoupleId> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let ended =
                Self::end_active_couple(&mut tx, user, NoticeKind::PartnerLeft, now).await?;
            let Some(couple) = ended else {
                return Ok(Err(StoreError::NotFound));
            };
            if !Self::apply_withdrawals(&mut tx, user, couple, withdrawals, now).await? {
                return Ok(Err(StoreError::Stale));
            }
            tx.commit().await?;
            Ok(Ok(CoupleId(couple)))
        })
        .await
    }

    pub(super) async fn sql_couples_of(&self, user: UserId) -> Result<Vec<CoupleRecord>> {
        let rows: Vec<CoupleHistoryRow> = sqlx::query_as(COUPLES_OF)
            .bind(user.0)
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        Ok(rows.into_iter().map(CoupleRecord::from).collect())
    }
    /// The person as the rule sees them: every couple they are or were in, read fresh.
    /// Records read by the backend's own reader, through the one rule with the couples it read.
    async fn read_fast(
        fast: &dyn FastReads,
        sql: String,
        params: Vec<Value>,
        user: UserId,
    ) -> Result<Vec<Record>> {
        let (rows, couples) = fast.records(sql, params, user.0).await?;
        let reader = Reader {
            user,
            couples: couples.into_iter().map(CoupleId).collect(),
        };
        let records = rows.into_iter().map(Record::try_from).collect::<Result<Vec<_>>>()?;
        Ok(authorize(&reader, records))
    }

    pub(super) async fn reader(&self, user: UserId) -> Result<Reader> {
        let couples: Vec<Uuid> = sqlx::query_scalar(MEMBERSHIPS)
            .bind(user.0)
            .fetch_all(&self.pool)
            .await
            .map_err(db)?;
        Ok(Reader {
            user,
            couples: couples.into_iter().map(CoupleId).collect(),
        })
    }
}
}
