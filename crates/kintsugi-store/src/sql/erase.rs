//! Deleting an account in SQL: one transaction that removes everything of the person, leaves
//! their partner's own records readable, and tells the partner.

use async_trait::async_trait;
use kintsugi_domain::UserId;
use uuid::Uuid;

use crate::{NoticeKind, Result, StoreError, Timestamp};

sql_impl! {
#[async_trait]
impl crate::Erase {
    async fn delete_user(&self, id: UserId, expected_hash: &str, now: Timestamp) -> Result<()> {
        let done = self
            .retrying(|| async {
                let mut tx = self.begin().await?;
                let found: Option<(String,)> =
                    sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                match found {
                    None => return Ok(Err(StoreError::NotFound)),
                    Some((hash,)) if hash != expected_hash => return Ok(Err(StoreError::Stale)),
                    Some(_) => {}
                }
                // The partner is told, and the couple ends, as when someone leaves.
                Self::end_active_couple(&mut tx, id, NoticeKind::PartnerDeleted, now).await?;
                // Couples the person was in now name a stand-in that holds nothing (no key, no
                // way in), so the partner keeps their history and their own records.
                let stand_in = Uuid::new_v4();
                sqlx::query(
                    "INSERT INTO users (id, username, display_name, password_hash, kek_salt, \
                     password_wrap, disabled, created_at) \
                     SELECT $1, $2, $3, '', $4, $4, $5, $6 \
                     WHERE EXISTS (SELECT 1 FROM couples WHERE user_a = $7 OR user_b = $7)",
                )
                .bind(stand_in)
                .bind(format!("deleted-{}", stand_in.simple()))
                .bind("A deleted account")
                .bind(Vec::<u8>::new())
                .bind(true)
                .bind(now)
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
                for statement in [
                    "UPDATE couples SET user_a = $2 WHERE user_a = $1",
                    "UPDATE couples SET user_b = $2 WHERE user_b = $1",
                ] {
                    sqlx::query(statement).bind(id.0).bind(stand_in).execute(&mut *tx).await?;
                }
                for statement in [
                    // What points at the person's records from others' rows.
                    "DELETE FROM inbox WHERE about_id IN (SELECT id FROM records WHERE author_id = $1)",
                    "DELETE FROM report_links WHERE made_by = $1",
                    // Their records (with what waits, falls due or reports on them).
                    "DELETE FROM records WHERE author_id = $1",
                    "DELETE FROM couple_keys WHERE user_id = $1",
                    "DELETE FROM invites WHERE inviter_id = $1",
                    "DELETE FROM users WHERE id = $1",
                ] {
                    sqlx::query(statement).bind(id.0).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(Ok(()))
            })
            .await;
        // Their rows' old copies leave the files too (SQLite's write-ahead log).
        self.forget_deleted().await;
        done
    }
}
}
