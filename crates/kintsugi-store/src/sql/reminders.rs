//! Reminders in SQL: each person's choices, their confirmed address and calendar feed, each
//! change one transaction.

use async_trait::async_trait;
use kintsugi_domain::UserId;
use sqlx::Transaction;
use uuid::Uuid;

use crate::{NewJob, Reminded, ReminderChoice, ReminderSettings, Result, StoreError, Timestamp};

/// The columns a person's settings are read from, in [`SettingsRow`]'s order.
const COLUMNS: &str = "s.kinds, s.daily_at, s.quiet_from, s.quiet_to, s.email_on, s.email, \
     s.email_pending, s.email_token_expires, s.email_nonce, s.calendar_hash, s.calendar_sealed, \
     s.calendar_plain, s.version";

fn choice_of(
    kinds: &str,
    daily_at: i64,
    quiet: (Option<i64>, Option<i64>),
    email_on: i64,
    plain: i64,
) -> ReminderChoice {
    ReminderChoice {
        kinds: kinds
            .split(',')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect(),
        daily_at,
        quiet: quiet.0.zip(quiet.1),
        email_on: email_on != 0,
        calendar_plain: plain != 0,
    }
}

/// Takes back a person's reminders planned and not yet claimed (their choice changed).
const UNPLAN: &str = "DELETE FROM jobs WHERE user_id = $1 AND kind = 'remind' AND done_at IS NULL \
     AND claim IS NULL";

sql_impl! {
impl {
    /// Makes sure the person has a row (the defaults the app filled in are written by the
    /// first choice; until then, an empty one that reads as not chosen).
    async fn settings_row(
        tx: &mut Transaction<'static, B::Db>,
        user: UserId,
    ) -> std::result::Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO reminder_settings (user_id, kinds, daily_at, version) \
             VALUES ($1, '', -1, 0) ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user.0)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}
}

sql_impl! {
#[async_trait]
impl crate::Reminders {
    async fn reminder_settings(&self, user: UserId) -> Result<ReminderSettings> {
        let sql = format!(
            "SELECT {COLUMNS}, u.time_zone FROM users u LEFT JOIN reminder_settings s \
             ON s.user_id = u.id WHERE u.id = $1"
        );
        let row: Option<(
            Option<String>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<Vec<u8>>,
            Option<Vec<u8>>,
            Option<Vec<u8>>,
            Option<i64>,
            Option<i64>,
            String,
        )> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(user.0)
            .fetch_optional(&self.pool)
            .await
            .map_err(super::db)?;
        let Some(r) = row else { return Err(StoreError::NotFound) };
        let version = r.12.unwrap_or(0);
        let daily_at = r.1.unwrap_or(-1);
        Ok(ReminderSettings {
            choice: choice_of(
                r.0.as_deref().unwrap_or(""),
                daily_at,
                (r.2, r.3),
                r.4.unwrap_or(0),
                r.11.unwrap_or(0),
            ),
            email: r.5,
            email_pending: r.6.zip(r.7),
            email_nonce: r.8,
            calendar_sealed: r.9.zip(r.10),
            time_zone: r.13,
            version,
            stored: daily_at >= 0,
        })
    }

    async fn choose_reminders(
        &self,
        user: UserId,
        choice: &ReminderChoice,
        time_zone: Option<&str>,
        version: i64,
    ) -> Result<i64> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            Self::settings_row(&mut tx, user).await?;
            let found: Option<(i64, Option<String>)> = sqlx::query_as(
                "SELECT version, email FROM reminder_settings WHERE user_id = $1",
            )
            .bind(user.0)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((now_version, email)) = found else { return Ok(Err(StoreError::NotFound)) };
            if now_version != version {
                return Ok(Err(StoreError::Stale));
            }
            if choice.email_on && email.is_none() {
                return Ok(Err(StoreError::State("no confirmed address")));
            }
            let kinds = choice.kinds.join(",");
            sqlx::query(
                "UPDATE reminder_settings SET kinds = $2, daily_at = $3, quiet_from = $4, \
                 quiet_to = $5, email_on = $6, calendar_plain = $7, version = version + 1 \
                 WHERE user_id = $1",
            )
            .bind(user.0)
            .bind(kinds)
            .bind(choice.daily_at)
            .bind(choice.quiet.map(|q| q.0))
            .bind(choice.quiet.map(|q| q.1))
            .bind(i64::from(choice.email_on))
            .bind(i64::from(choice.calendar_plain))
            .execute(&mut *tx)
            .await?;
            if let Some(zone) = time_zone {
                sqlx::query("UPDATE users SET time_zone = $2 WHERE id = $1")
                    .bind(user.0)
                    .bind(zone)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(UNPLAN).bind(user.0).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Ok(version + 1))
        })
        .await
    }

    async fn ask_email(
        &self,
        user: UserId,
        address: &str,
        nonce: &[u8],
        token_hash: &[u8],
        expires: Timestamp,
        job: NewJob,
    ) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            Self::settings_row(&mut tx, user).await?;
            sqlx::query(
                "UPDATE reminder_settings SET email_pending = $2, email_nonce = $3, \
                 email_token_hash = $4, email_token_expires = $5, version = version + 1 \
                 WHERE user_id = $1",
            )
            .bind(user.0)
            .bind(address)
            .bind(nonce.to_vec())
            .bind(token_hash.to_vec())
            .bind(expires)
            .execute(&mut *tx)
            .await?;
            // A confirmation asked for before is replaced, sent or not.
            sqlx::query(
                "DELETE FROM jobs WHERE user_id = $1 AND kind = 'confirm' AND done_at IS NULL \
                 AND claim IS NULL",
            )
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
            Self::insert_jobs(&mut tx, std::slice::from_ref(&job)).await?;
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn confirm_email(&self, token_hash: &[u8], now: Timestamp) -> Result<UserId> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let found: Option<(Uuid,)> = sqlx::query_as(
                "SELECT user_id FROM reminder_settings WHERE email_token_hash = $1 \
                 AND email_token_expires > $2 AND email_pending IS NOT NULL",
            )
            .bind(token_hash.to_vec())
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((user,)) = found else { return Ok(Err(StoreError::NotFound)) };
            sqlx::query(
                "UPDATE reminder_settings SET email = email_pending, email_pending = NULL, email_on = 1, \
                 email_nonce = NULL, email_token_hash = NULL, email_token_expires = NULL, \
                 version = version + 1 WHERE user_id = $1",
            )
            .bind(user)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Ok(UserId(user)))
        })
        .await
    }

    async fn email_off(&self, user: UserId) -> Result<bool> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let done = sqlx::query(
                "UPDATE reminder_settings SET email_on = 0, version = version + 1 \
                 WHERE user_id = $1 AND email_on <> 0",
            )
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
            sqlx::query(UNPLAN).bind(user.0).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(Ok(B::rows(&done) == 1))
        })
        .await
    }

    async fn remove_email(&self, user: UserId) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            sqlx::query(
                "UPDATE reminder_settings SET email_on = 0, email = NULL, email_pending = NULL, \
                 email_nonce = NULL, email_token_hash = NULL, email_token_expires = NULL, \
                 version = version + 1 WHERE user_id = $1",
            )
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM jobs WHERE user_id = $1 AND done_at IS NULL AND claim IS NULL")
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn set_calendar(&self, user: UserId, feed: Option<(Vec<u8>, Vec<u8>)>) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            Self::settings_row(&mut tx, user).await?;
            let (hash, sealed) = feed.clone().unzip();
            sqlx::query(
                "UPDATE reminder_settings SET calendar_hash = $2, calendar_sealed = $3, \
                 version = version + 1 WHERE user_id = $1",
            )
            .bind(user.0)
            .bind(hash)
            .bind(sealed)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn calendar_owner(&self, hash: &[u8]) -> Result<Option<(UserId, bool)>> {
        let row: Option<(Uuid, i64)> = sqlx::query_as(
            "SELECT s.user_id, s.calendar_plain FROM reminder_settings s JOIN users u \
             ON u.id = s.user_id WHERE s.calendar_hash = $1 AND NOT u.disabled",
        )
        .bind(hash.to_vec())
        .fetch_optional(&self.pool)
        .await
        .map_err(super::db)?;
        Ok(row.map(|(u, plain)| (UserId(u), plain != 0)))
    }

    async fn sweep_reminders(&self, now: Timestamp) -> Result<u64> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let unconfirmed = sqlx::query(
                "UPDATE reminder_settings SET email_pending = NULL, email_nonce = NULL, \
                 email_token_hash = NULL, email_token_expires = NULL \
                 WHERE email_token_expires <= $1",
            )
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let old = sqlx::query("DELETE FROM jobs WHERE done_at IS NOT NULL AND done_at < $1")
                .bind(now - crate::KEEP_JOBS)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Ok(B::rows(&unconfirmed) + B::rows(&old)))
        })
        .await
    }

    async fn reminded(&self) -> Result<Vec<Reminded>> {
        let rows: Vec<(Uuid, String, String, i64, Option<i64>, Option<i64>, i64, i64)> =
            sqlx::query_as(
                "SELECT s.user_id, u.time_zone, s.kinds, s.daily_at, s.quiet_from, s.quiet_to, \
                 s.email_on, s.calendar_plain FROM reminder_settings s JOIN users u \
                 ON u.id = s.user_id WHERE s.email_on <> 0 AND s.email IS NOT NULL \
                 AND NOT u.disabled",
            )
            .fetch_all(&self.pool)
            .await
            .map_err(super::db)?;
        Ok(rows
            .into_iter()
            .map(|r| Reminded {
                user: UserId(r.0),
                time_zone: r.1,
                choice: choice_of(&r.2, r.3, (r.4, r.5), r.6, r.7),
            })
            .collect())
    }
}
}
