//! [`Store`] for every [`Backend`]: each query written and type-checked once.

use async_trait::async_trait;
use kintsugi_domain::{CoupleId, RecordId, SessionId, UserId, Viewer};
use uuid::Uuid;

use super::db;
use super::queries::*;
use super::rows::{AuthRow, CoupleRow, InviteRow, NoticeRow, RecordRow, SessionRow, UserRow};
use crate::{
    Authenticated, Clearing, Couple, CoupleRecord, Due, Effects, InboxEntry, Invite, Joining,
    NewUser, Notice, Preferences, Record, RecordChange, Rekey, Result, Session, Store, StoreError,
    Timestamp, User, Window, Withdrawal,
};

pub(super) fn records_from(rows: Vec<RecordRow>) -> Result<Vec<Record>> {
    rows.into_iter().map(Record::try_from).collect()
}

/// Fails with `NotFound` when a statement touched no row.
pub(super) fn touched(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

sql_impl! {
#[async_trait]
impl Store {
    async fn ping(&self) -> Result<()> {
        // A write that touches nothing, rolled back: a read-only database fails here.
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            sqlx::query("DELETE FROM sessions WHERE expires_at < 0 AND expires_at > 0")
                .execute(&mut *tx)
                .await?;
            tx.rollback().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn sweep(&self, now: Timestamp) -> Result<u64> {
        let swept = self.retrying(|| async {
            let mut tx = self.begin().await?;
            let invites =
                sqlx::query("DELETE FROM invites WHERE expires_at <= $1 OR used_at IS NOT NULL")
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Ok(B::rows(&invites) + B::rows(&sessions)))
        })
        .await?;
        self.forget_deleted().await;
        Ok(swept)
    }

    async fn create_user(&self, u: NewUser) -> Result<()> {
        self.retrying(|| async {
            sqlx::query(
                "INSERT INTO users (id, username, display_name, password_hash, kek_salt, \
                 password_wrap, recovery_wrap, disabled, created_at, time_zone, locker) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8, $9, $10)",
            )
            .bind(u.id.0)
            .bind(&u.username)
            .bind(&u.display_name)
            .bind(&u.password_hash)
            .bind(&u.kek_salt)
            .bind(&u.password_wrap)
            .bind(&u.recovery_wrap)
            .bind(u.created_at)
            .bind(&u.time_zone)
            .bind(&u.locker)
            .execute(&self.pool)
            .await?;
            Ok(Ok(()))
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => StoreError::Conflict("username"),
            other => other,
        })
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as("SELECT * FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?;
        Ok(row.map(User::from))
    }

    async fn user(&self, id: UserId) -> Result<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as("SELECT * FROM users WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?;
        Ok(row.map(User::from))
    }

    async fn rekey_user(&self, id: UserId, k: Rekey) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            if let Err(e) = Self::rekey(&mut tx, id, &k).await? {
                return Ok(Err(e));
            }
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn set_recovery_wrap(&self, id: UserId, wrap: Option<Vec<u8>>) -> Result<()> {
        self.retrying(|| async {
            let done = sqlx::query("UPDATE users SET recovery_wrap = $2 WHERE id = $1")
                .bind(id.0)
                .bind(&wrap)
                .execute(&self.pool)
                .await?;
            Ok(touched(B::rows(&done)))
        })
        .await
    }

    async fn set_disabled(&self, id: UserId, disabled: bool) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let done = sqlx::query("UPDATE users SET disabled = $2 WHERE id = $1")
                .bind(id.0)
                .bind(disabled)
                .execute(&mut *tx)
                .await?;
            if B::rows(&done) == 0 {
                return Ok(Err(StoreError::NotFound));
            }
            if disabled {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn set_preferences(&self, id: UserId, p: &Preferences) -> Result<()> {
        self.retrying(|| async {
            let done = sqlx::query(
                "UPDATE users SET quick_exit_ends_session = $2, time_zone = $3 WHERE id = $1",
            )
            .bind(id.0)
            .bind(p.quick_exit_ends_session)
            .bind(&p.time_zone)
            .execute(&self.pool)
            .await?;
            Ok(touched(B::rows(&done)))
        })
        .await
    }

    async fn reset_user(&self, id: UserId, k: Rekey, now: Timestamp) -> Result<()> {
        self.sql_reset_user(id, k, now).await?;
        self.forget_deleted().await;
        Ok(())
    }

    async fn notices(&self, user: UserId) -> Result<Vec<Notice>> {
        let sql = format!(
            "SELECT {} FROM notices WHERE user_id = $1 ORDER BY created_at, id",
            NoticeRow::COLUMNS
        );
        let binds = vec![super::fast::Value::Uuid(user.0)];
        let rows = match self.fast_rows(&sql, binds, NoticeRow::from_cells).await {
            Some(rows) => rows?,
            None => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(user.0)
                .fetch_all(&self.pool)
                .await
                .map_err(db)?,
        };
        Ok(rows
            .into_iter()
            .filter_map(NoticeRow::into_notice)
            .collect())
    }

    async fn inbox(&self, user: UserId, now: Timestamp) -> Result<Vec<InboxEntry>> {
        self.sql_inbox(user, now).await
    }

    async fn waiting_count(&self, user: UserId, now: Timestamp) -> Result<u64> {
        self.sql_waiting_count(user, now).await
    }

    async fn clear_inbox(&self, clearings: &[Clearing]) -> Result<()> {
        self.sql_clear_inbox(clearings).await
    }

    async fn due_of(&self, user: UserId) -> Result<Vec<Due>> {
        self.sql_due_of(user).await
    }

    async fn dismiss_notice(&self, user: UserId, id: Uuid) -> Result<bool> {
        self.retrying(|| async {
            let done = sqlx::query("DELETE FROM notices WHERE id = $1 AND user_id = $2")
                .bind(id)
                .bind(user.0)
                .execute(&self.pool)
                .await?;
            Ok(Ok(B::rows(&done) == 1))
        })
        .await
    }

    async fn touch_session(
        &self,
        id: SessionId,
        now: Timestamp,
        locker: Option<crate::LockerSwap>,
    ) -> Result<()> {
        self.retrying(|| async {
            let Some(locker) = &locker else {
                sqlx::query(
                    "UPDATE sessions SET last_used_at = $2 WHERE id = $1 AND last_used_at < $2 - 600",
                )
                .bind(id.0)
                .bind(now)
                .execute(&self.pool)
                .await?;
                return Ok(Ok(()));
            };
            let mut tx = self.begin().await?;
            let done = sqlx::query("UPDATE sessions SET last_used_at = $2 WHERE id = $1")
                .bind(id.0)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if B::rows(&done) == 0 {
                return Ok(Err(StoreError::SessionEnded));
            }
            let swapped = sqlx::query(
                "UPDATE users SET locker = $2 WHERE id = (SELECT user_id FROM sessions WHERE id = $1) \
                 AND locker IS NOT DISTINCT FROM $3",
            )
            .bind(id.0)
            .bind(&locker.now)
            .bind(&locker.was)
            .execute(&mut *tx)
            .await?;
            if B::rows(&swapped) == 0 {
                return Ok(Err(StoreError::Stale));
            }
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn create_session(&self, s: Session) -> Result<()> {
        self.retrying(|| async {
            sqlx::query(
                "INSERT INTO sessions (id, user_id, token_hash, key_wrap, client, created_at, \
                 expires_at, device, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(s.id.0)
            .bind(s.user_id.0)
            .bind(&s.token_hash)
            .bind(&s.key_wrap)
            .bind(&s.client)
            .bind(s.created_at)
            .bind(s.expires_at)
            .bind(&s.device)
            .bind(s.last_used_at)
            .execute(&self.pool)
            .await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn authenticate(&self, token: &[u8], now: Timestamp) -> Result<Option<Authenticated>> {
        let row: Option<AuthRow> = sqlx::query_as(AUTHENTICATE)
            .bind(token.to_vec())
            .bind(now)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?;
        Ok(row.map(Authenticated::from))
    }

    async fn sessions_of(&self, user: UserId, now: Timestamp) -> Result<Vec<Session>> {
        let rows: Vec<SessionRow> = sqlx::query_as(
            "SELECT * FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC",
        )
        .bind(user.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        Ok(rows.into_iter().map(Session::from).collect())
    }

    async fn delete_session(&self, user: UserId, id: SessionId) -> Result<bool> {
        self.retrying(|| async {
            let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
                .bind(id.0)
                .bind(user.0)
                .execute(&self.pool)
                .await?;
            Ok(Ok(B::rows(&done) == 1))
        })
        .await
    }

    async fn delete_sessions_of(&self, user: UserId, keep: Option<SessionId>) -> Result<u64> {
        self.retrying(|| async {
            let done =
                sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2")
                    .bind(user.0)
                    .bind(keep.map(|k| k.0))
                    .execute(&self.pool)
                    .await?;
            Ok(Ok(B::rows(&done)))
        })
        .await
    }

    async fn active_couple(&self, user: UserId) -> Result<Option<Couple>> {
        let row: Option<CoupleRow> = sqlx::query_as(ACTIVE_COUPLE)
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?;
        Ok(row.map(Couple::from))
    }

    async fn create_invite(&self, i: Invite) -> Result<()> {
        // It replaces the person's unused one, whose wrap goes.
        self.sql_create_invite(i).await?;
        self.forget_deleted().await;
        Ok(())
    }

    async fn pending_invites(&self, inviter: UserId, now: Timestamp) -> Result<Vec<Invite>> {
        let rows: Vec<InviteRow> = sqlx::query_as(
            "SELECT * FROM invites WHERE inviter_id = $1 AND used_at IS NULL AND expires_at > $2 \
             ORDER BY created_at DESC",
        )
        .bind(inviter.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        Ok(rows.into_iter().map(Invite::from).collect())
    }

    async fn revoke_invites(&self, inviter: UserId) -> Result<u64> {
        let revoked = self.retrying(|| async {
            let done = sqlx::query("DELETE FROM invites WHERE inviter_id = $1 AND used_at IS NULL")
                .bind(inviter.0)
                .execute(&self.pool)
                .await?;
            Ok(Ok(B::rows(&done)))
        })
        .await?;
        // The stopped invite's wrap leaves the files too.
        self.forget_deleted().await;
        Ok(revoked)
    }

    async fn invite_by_code(&self, code_hash: &[u8], now: Timestamp) -> Result<Option<Invite>> {
        let row: Option<InviteRow> = sqlx::query_as(USABLE_INVITE)
            .bind(code_hash.to_vec())
            .bind(now)
            .fetch_optional(&self.pool)
            .await
            .map_err(db)?;
        Ok(row.map(Invite::from))
    }

    async fn accept_invite(&self, joining: Joining<'_>) -> Result<CoupleId> {
        let couple = self.sql_accept_invite(joining).await?;
        self.forget_deleted().await;
        Ok(couple)
    }

    async fn leave_couple(
        &self,
        user: UserId,
        now: Timestamp,
        withdrawals: &[Withdrawal],
    ) -> Result<CoupleId> {
        self.sql_leave_couple(user, now, withdrawals).await
    }

    async fn couples_of(&self, user: UserId) -> Result<Vec<CoupleRecord>> {
        self.sql_couples_of(user).await
    }

    async fn shared_by(&self, who: UserId, couple: CoupleId) -> Result<Vec<Record>> {
        self.sql_shared_by(who, couple).await
    }

    async fn withdraw(
        &self,
        who: UserId,
        couple: CoupleId,
        withdrawals: &[Withdrawal],
        now: Timestamp,
    ) -> Result<u64> {
        self.sql_withdraw(who, couple, withdrawals, now).await
    }

    async fn put_record(&self, r: Record, effects: Effects) -> Result<()> {
        self.sql_put_record(r, effects).await
    }

    async fn update_record(&self, author: UserId, c: RecordChange, effects: Effects) -> Result<()> {
        self.sql_update_record(author, c, effects).await
    }

    async fn delete_record(&self, author: UserId, id: RecordId) -> Result<()> {
        self.sql_delete_record(author, id).await
    }

    async fn children_of(
        &self,
        viewer: &Viewer,
        parents: &[RecordId],
        since: Option<Timestamp>,
    ) -> Result<Vec<Record>> {
        self.sql_children_of(viewer, parents, since).await
    }

    async fn couple_key_wrap(&self, user: UserId, couple: CoupleId) -> Result<Option<Vec<u8>>> {
        self.sql_couple_key_wrap(user, couple).await
    }

    async fn own_tally(&self, author: UserId, kind: &str) -> Result<(u64, Option<Timestamp>)> {
        let sql =
            "SELECT COUNT(*), MAX(created_at) FROM records WHERE kind = $1 AND author_id = $2";
        let binds = vec![
            super::fast::Value::Text(kind.to_string()),
            super::fast::Value::Uuid(author.0),
        ];
        let tally = |mut c: super::fast::Cells| Ok((c.int()?, c.int_or_null()?));
        let (n, newest) = match self.fast_rows(sql, binds, tally).await {
            Some(rows) => rows?.first().copied().unwrap_or_default(),
            None => sqlx::query_as(sql)
                .bind(kind)
                .bind(author.0)
                .fetch_one(&self.pool)
                .await
                .map_err(db)?,
        };
        Ok((u64::try_from(n).unwrap_or_default(), newest))
    }

    async fn records(&self, viewer: &Viewer, kind: &str, window: Window) -> Result<Vec<Record>> {
        self.sql_records(viewer, kind, window).await
    }

    async fn shared_facts(
        &self,
        viewer: &Viewer,
        kinds: &[String],
        since: Timestamp,
    ) -> Result<Vec<crate::Fact>> {
        self.sql_shared_facts(viewer, kinds, since).await
    }

    async fn kinds_written(&self, author: UserId, kinds: &[String]) -> Result<Vec<String>> {
        self.sql_kinds_written(author, kinds).await
    }

    async fn answered_pairs(&self, viewer: &Viewer, pairs: &[String]) -> Result<Vec<String>> {
        self.sql_answered_pairs(viewer, pairs).await
    }

    async fn record(&self, viewer: &Viewer, id: RecordId) -> Result<Option<Record>> {
        self.sql_record(viewer, id).await
    }

    async fn records_in(&self, viewer: &Viewer, ids: &[RecordId]) -> Result<Vec<Record>> {
        self.sql_records_in(viewer, ids).await
    }
}
}
