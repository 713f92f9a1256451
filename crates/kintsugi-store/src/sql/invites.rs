//! Invites: made by one person, accepted once by another, which makes their couple.

use kintsugi_domain::CoupleId;

use super::queries::{IN_A_COUPLE, USABLE_INVITE};
use super::rows::InviteRow;
use crate::{Invite, Joining, Result, StoreError};

sql_impl! {
impl {
    pub(super) async fn sql_accept_invite(&self, joining: Joining<'_>) -> Result<CoupleId> {
        let Joining {
            code_hash,
            joiner,
            joiner_wrap,
            now,
        } = joining;
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let row: Option<InviteRow> = sqlx::query_as(USABLE_INVITE)
                .bind(code_hash.to_vec())
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(invite) = row.map(Invite::from) else {
                return Ok(Err(StoreError::NotFound));
            };
            if invite.inviter == joiner {
                return Ok(Err(StoreError::State("You can't accept your own invite.")));
            }
            for who in [invite.inviter, joiner] {
                let n: i64 = sqlx::query_scalar(IN_A_COUPLE)
                    .bind(who.0)
                    .fetch_one(&mut *tx)
                    .await?;
                if n > 0 {
                    return Ok(Err(StoreError::State(
                        "One of you is already in a couple. A person can be in one couple at a time.",
                    )));
                }
            }
            // The invite, and any other either of them made, go with their wraps of a couple key.
            sqlx::query("DELETE FROM invites WHERE inviter_id = $1 OR inviter_id = $2")
                .bind(invite.inviter.0)
                .bind(joiner.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO couples (id, user_a, user_b, created_at) VALUES ($1, $2, $3, $4)")
                .bind(invite.couple_id.0)
                .bind(invite.inviter.0)
                .bind(joiner.0)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            for (who, wrap) in [(invite.inviter, &invite.inviter_wrap), (joiner, &joiner_wrap)] {
                sqlx::query("INSERT INTO couple_keys (couple_id, user_id, key_wrap) VALUES ($1, $2, $3)")
                    .bind(invite.couple_id.0)
                    .bind(who.0)
                    .bind(wrap)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(Ok(invite.couple_id))
        })
        .await
    }

    pub(super) async fn sql_create_invite(&self, i: Invite) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let in_couple: i64 = sqlx::query_scalar(IN_A_COUPLE)
                .bind(i.inviter.0)
                .fetch_one(&mut *tx)
                .await?;
            if in_couple > 0 {
                return Ok(Err(StoreError::State("You are already in a couple.")));
            }
            // Expired invites go with their key wraps whenever a new one is made, and a new
            // code replaces the inviter's unused one: one live code at a time.
            sqlx::query(
                "DELETE FROM invites WHERE expires_at <= $1 OR (inviter_id = $2 AND used_at IS NULL)",
            )
            .bind(i.created_at)
            .bind(i.inviter.0)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO invites (code_hash, inviter_id, couple_id, inviter_wrap, code_wrap, \
                 code_salt, created_at, expires_at, code_sealed) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&i.code_hash)
            .bind(i.inviter.0)
            .bind(i.couple_id.0)
            .bind(&i.inviter_wrap)
            .bind(&i.code_wrap)
            .bind(&i.code_salt)
            .bind(i.created_at)
            .bind(i.expires_at)
            .bind(&i.code_sealed)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }
}
}

sql_impl! {
impl {
}
}
