//! A person's keys: changing them (password, recovery copy, the sessions that end, a notice),
//! and an administrator's reset.

use kintsugi_domain::UserId;
use sqlx::{AssertSqlSafe, Transaction};
use uuid::Uuid;

use crate::{Ending, NoticeKind, Rekey, Result, StoreError, Timestamp};

sql_impl! {
impl {
    /// After a write that deleted secrets, what makes their old copies leave the files (see
    /// `Backend::AFTER_DELETING_SECRETS`). Best effort: a checkpoint that can't finish now
    /// (a reader holds an older snapshot) is done by the next one, at the latest the hourly
    /// sweep's.
    pub(super) async fn forget_deleted(&self) {
        if let Some(after) = B::AFTER_DELETING_SECRETS
            && let Err(e) = sqlx::query(after).execute(&self.pool).await
        {
            tracing::warn!(error = %e, "truncating the write-ahead log failed; the sweep will");
        }
    }

    /// Replaces a person's key material within `tx`: the password's, the recovery copy when
    /// `k` names one, the sessions it ends, the notice it leaves. `NotFound` when there is no
    /// such person, `Stale` when the password hash isn't the one `k` expected.
    pub(super) async fn rekey(
        tx: &mut Transaction<'static, B::Db>,
        id: UserId,
        k: &Rekey,
    ) -> sqlx::Result<std::result::Result<(), StoreError>> {
        const SET: &str =
            "UPDATE users SET password_hash = $2, kek_salt = $3, password_wrap = $4 WHERE id = $1";
        let query = match &k.expected_hash {
            Some(_) => sqlx::query(AssertSqlSafe(format!("{SET} AND password_hash = $5"))),
            None => sqlx::query(AssertSqlSafe(SET.to_string())),
        };
        let query = query
            .bind(id.0)
            .bind(&k.password_hash)
            .bind(&k.kek_salt)
            .bind(&k.password_wrap);
        let query = match &k.expected_hash {
            Some(h) => query.bind(h),
            None => query,
        };
        let done = query.execute(&mut **tx).await?;
        if B::rows(&done) == 0 {
            let exists: Option<(Uuid,)> = sqlx::query_as("SELECT id FROM users WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut **tx)
                .await?;
            return Ok(Err(match exists {
                Some(_) => StoreError::Stale,
                None => StoreError::NotFound,
            }));
        }
        if let Some(recovery) = &k.recovery_wrap {
            sqlx::query("UPDATE users SET recovery_wrap = $2 WHERE id = $1")
                .bind(id.0)
                .bind(recovery)
                .execute(&mut **tx)
                .await?;
        }
        let keep = match k.sessions {
            Ending::None => None,
            Ending::All => Some(None),
            Ending::AllBut(s) => Some(Some(s.0)),
        };
        if let Some(keep) = keep {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2")
                .bind(id.0)
                .bind(keep)
                .execute(&mut **tx)
                .await?;
        }
        if let Some((kind, at)) = k.notice {
            sqlx::query("INSERT INTO notices (id, user_id, kind, created_at) VALUES ($1, $2, $3, $4)")
                .bind(Uuid::new_v4())
                .bind(id.0)
                .bind(kind.as_str())
                .bind(at)
                .execute(&mut **tx)
                .await?;
        }
        Ok(Ok(()))
    }

    pub(super) async fn sql_reset_user(&self, id: UserId, k: Rekey, now: Timestamp) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            // New keys and no recovery copy, every session ended; then what was sealed for the
            // old key goes: couple-key wraps, invites, the active couple (the partner told).
            let reset = Rekey {
                recovery_wrap: Some(None),
                sessions: Ending::All,
                ..k.clone()
            };
            if let Err(e) = Self::rekey(&mut tx, id, &reset).await? {
                return Ok(Err(e));
            }
            for statement in [
                "DELETE FROM couple_keys WHERE user_id = $1",
                "DELETE FROM invites WHERE inviter_id = $1",
            ] {
                sqlx::query(statement).bind(id.0).execute(&mut *tx).await?;
            }
            Self::end_active_couple(&mut tx, id, NoticeKind::PartnerReset, now).await?;
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }
}
}
