//! The query logic both SQL backends share.
//!
//! SQLite and PostgreSQL keep their own crates, connections and migrations, but the queries and
//! the code around them are the same: placeholders are written `$1`, `$2`, … (sqlx's SQLite
//! driver binds `$N` to argument N, as PostgreSQL does). What differs is passed in: how a write
//! transaction begins, and which column gives insertion order.

/// Implements [`Store`](crate::Store) for a SQL backend.
///
/// The backend's store type must have a field `pool: sqlx::Pool<$db>`, and its crate must depend
/// on `sqlx`, `uuid`, `async-trait` and `kintsugi-domain`. The generated module `sql` also
/// provides `sql::db`, the mapping from sqlx errors to [`StoreError`](crate::StoreError).
#[macro_export]
macro_rules! impl_sql_store {
    (store = $store:ty, db = $db:ty, begin_write = $begin:literal, insertion_order = $order:literal) => {
        /// The shared query logic (see `kintsugi_store::impl_sql_store`).
        pub(crate) mod sql {
            use super::*;
            use ::async_trait::async_trait;
            use ::kintsugi_domain::{CoupleId, RecordId, SessionId, UserId, Viewer, Visibility};
            use ::sqlx::Row;
            use ::uuid::Uuid;
            use $crate::{
                Authenticated, Couple, Invite, NewUser, Record, RecordChange, Rekey, Result, Session, Store,
                StoreError, Timestamp, User, authorize,
            };

            /// Maps a sqlx error: a unique violation is a conflict, anything else a database error.
            pub(crate) fn db(e: ::sqlx::Error) -> StoreError {
                if let ::sqlx::Error::Database(d) = &e
                    && d.is_unique_violation()
                {
                    return StoreError::Conflict("name");
                }
                StoreError::Database(Box::new(e))
            }

            impl $store {
                /// Takes a connection and begins a write transaction on it.
                async fn begin_write(&self) -> Result<::sqlx::pool::PoolConnection<$db>> {
                    let mut conn = self.pool.acquire().await.map_err(db)?;
                    ::sqlx::query($begin).execute(&mut *conn).await.map_err(db)?;
                    Ok(conn)
                }
            }

            fn user_from(r: &<$db as ::sqlx::Database>::Row) -> std::result::Result<User, ::sqlx::Error> {
                Ok(User {
                    id: UserId(r.try_get("id")?),
                    username: r.try_get("username")?,
                    display_name: r.try_get("display_name")?,
                    password_hash: r.try_get("password_hash")?,
                    kek_salt: r.try_get("kek_salt")?,
                    password_wrap: r.try_get("password_wrap")?,
                    recovery_wrap: r.try_get("recovery_wrap")?,
                    disabled: r.try_get("disabled")?,
                    created_at: r.try_get("created_at")?,
                })
            }

            fn session_from(r: &<$db as ::sqlx::Database>::Row) -> std::result::Result<Session, ::sqlx::Error> {
                Ok(Session {
                    id: SessionId(r.try_get("id")?),
                    user_id: UserId(r.try_get("user_id")?),
                    token_hash: r.try_get("token_hash")?,
                    key_wrap: r.try_get("key_wrap")?,
                    client: r.try_get("client")?,
                    created_at: r.try_get("created_at")?,
                    expires_at: r.try_get("expires_at")?,
                })
            }

            fn invite_from(r: &<$db as ::sqlx::Database>::Row) -> std::result::Result<Invite, ::sqlx::Error> {
                Ok(Invite {
                    code_hash: r.try_get("code_hash")?,
                    inviter: UserId(r.try_get("inviter_id")?),
                    couple_id: CoupleId(r.try_get("couple_id")?),
                    inviter_wrap: r.try_get("inviter_wrap")?,
                    code_wrap: r.try_get("code_wrap")?,
                    code_salt: r.try_get("code_salt")?,
                    created_at: r.try_get("created_at")?,
                    expires_at: r.try_get("expires_at")?,
                })
            }

            fn record_from(r: &<$db as ::sqlx::Database>::Row) -> std::result::Result<Record, ::sqlx::Error> {
                let visibility: String = r.try_get("visibility")?;
                Ok(Record {
                    id: RecordId(r.try_get("id")?),
                    kind: r.try_get("kind")?,
                    author: UserId(r.try_get("author_id")?),
                    couple: r.try_get::<Option<Uuid>, _>("couple_id")?.map(CoupleId),
                    visibility: Visibility::parse(&visibility).unwrap_or(Visibility::Private),
                    body: r.try_get("body")?,
                    parent: r.try_get::<Option<Uuid>, _>("parent_id")?.map(RecordId),
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            const ACTIVE_COUPLE: &str = "SELECT c.id, c.created_at, u.id AS partner, u.display_name, k.key_wrap \
                 FROM couples c \
                 JOIN users u ON u.id = CASE WHEN c.user_a = $1 THEN c.user_b ELSE c.user_a END \
                 JOIN couple_keys k ON k.couple_id = c.id AND k.user_id = $1 \
                 WHERE (c.user_a = $1 OR c.user_b = $1) AND c.ended_at IS NULL";

            const AUTHENTICATE: &str = "SELECT s.id AS s_id, s.user_id, s.token_hash, s.key_wrap AS s_key_wrap, \
                 s.client, s.created_at AS s_created_at, s.expires_at, u.*, \
                 c.id AS c_id, c.created_at AS c_since, p.id AS partner_id, p.display_name AS partner_name, \
                 k.key_wrap AS c_key_wrap \
                 FROM sessions s JOIN users u ON u.id = s.user_id \
                 LEFT JOIN couples c ON (c.user_a = u.id OR c.user_b = u.id) AND c.ended_at IS NULL \
                 LEFT JOIN users p ON p.id = CASE WHEN c.user_a = u.id THEN c.user_b ELSE c.user_a END \
                 LEFT JOIN couple_keys k ON k.couple_id = c.id AND k.user_id = u.id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled";

            /// Records the viewer may see: their own, or shared in the couple they claim *and* are in
            /// now. The membership check is made here, fresh, so a caller's stale idea of the couple can
            /// only narrow what it gets; `authorize` then applies the one rule to every row.
            const LIST_RECORDS: &str = concat!(
                "SELECT * FROM records WHERE kind = $1 AND (author_id = $2 OR (visibility = 'shared' AND couple_id IS NOT NULL AND couple_id = $3 AND EXISTS (SELECT 1 FROM couples c WHERE c.id = records.couple_id AND c.ended_at IS NULL AND (c.user_a = $2 OR c.user_b = $2)))) ORDER BY created_at DESC, ",
                $order,
                " DESC"
            );
            const ONE_RECORD: &str = "SELECT * FROM records WHERE id = $1 AND (author_id = $2 OR (visibility = 'shared' AND couple_id IS NOT NULL AND couple_id = $3 AND EXISTS (SELECT 1 FROM couples c WHERE c.id = records.couple_id AND c.ended_at IS NULL AND (c.user_a = $2 OR c.user_b = $2))))";
            const CHILD_RECORDS: &str = concat!(
                "SELECT * FROM records WHERE parent_id = $1 AND (author_id = $2 OR (visibility = 'shared' AND couple_id IS NOT NULL AND couple_id = $3 AND EXISTS (SELECT 1 FROM couples c WHERE c.id = records.couple_id AND c.ended_at IS NULL AND (c.user_a = $2 OR c.user_b = $2)))) ORDER BY ",
                $order
            );

            const IN_A_COUPLE: &str =
                "SELECT COUNT(*) FROM couples WHERE (user_a = $1 OR user_b = $1) AND ended_at IS NULL";

            #[async_trait]
            impl Store for $store {
                async fn ping(&self) -> Result<()> {
                    ::sqlx::query("SELECT 1")
                        .execute(&self.pool)
                        .await
                        .map_err(db)?;
                    Ok(())
                }

                async fn create_user(&self, u: NewUser) -> Result<()> {
                    ::sqlx::query(
                        "INSERT INTO users (id, username, display_name, password_hash, kek_salt, password_wrap, \
                         recovery_wrap, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8)",
                    )
                    .bind(u.id.0)
                    .bind(&u.username)
                    .bind(&u.display_name)
                    .bind(&u.password_hash)
                    .bind(&u.kek_salt)
                    .bind(&u.password_wrap)
                    .bind(&u.recovery_wrap)
                    .bind(u.created_at)
                    .execute(&self.pool)
                    .await
                    .map_err(|e| match db(e) {
                        StoreError::Conflict(_) => StoreError::Conflict("username"),
                        other => other,
                    })?;
                    Ok(())
                }

                async fn user_by_username(&self, username: &str) -> Result<Option<User>> {
                    let row = ::sqlx::query("SELECT * FROM users WHERE username = $1")
                        .bind(username)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?;
                    row.as_ref().map(user_from).transpose().map_err(db)
                }

                async fn user(&self, id: UserId) -> Result<Option<User>> {
                    let row = ::sqlx::query("SELECT * FROM users WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?;
                    row.as_ref().map(user_from).transpose().map_err(db)
                }

                async fn rekey_user(&self, id: UserId, k: Rekey) -> Result<()> {
                    let mut conn = self.begin_write().await?;
                    let result = async {
                        let done = ::sqlx::query(
                            "UPDATE users SET password_hash = $2, kek_salt = $3, password_wrap = $4 WHERE id = $1",
                        )
                        .bind(id.0)
                        .bind(&k.password_hash)
                        .bind(&k.kek_salt)
                        .bind(&k.password_wrap)
                        .execute(&mut *conn)
                        .await?;
                        if let Some(recovery) = &k.recovery_wrap {
                            ::sqlx::query("UPDATE users SET recovery_wrap = $2 WHERE id = $1")
                                .bind(id.0)
                                .bind(recovery)
                                .execute(&mut *conn)
                                .await?;
                        }
                        Ok::<_, ::sqlx::Error>(done.rows_affected())
                    }
                    .await;
                    finish(&mut conn, result).await.and_then(|n| {
                        if n == 0 {
                            Err(StoreError::NotFound)
                        } else {
                            Ok(())
                        }
                    })
                }

                async fn set_recovery_wrap(&self, id: UserId, wrap: Option<Vec<u8>>) -> Result<()> {
                    let done = ::sqlx::query("UPDATE users SET recovery_wrap = $2 WHERE id = $1")
                        .bind(id.0)
                        .bind(wrap)
                        .execute(&self.pool)
                        .await
                        .map_err(db)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(())
                }

                async fn set_disabled(&self, id: UserId, disabled: bool) -> Result<()> {
                    let mut conn = self.begin_write().await?;
                    let result = async {
                        let done = ::sqlx::query("UPDATE users SET disabled = $2 WHERE id = $1")
                            .bind(id.0)
                            .bind(disabled)
                            .execute(&mut *conn)
                            .await?;
                        if disabled {
                            ::sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                                .bind(id.0)
                                .execute(&mut *conn)
                                .await?;
                        }
                        Ok::<_, ::sqlx::Error>(done.rows_affected())
                    }
                    .await;
                    finish(&mut conn, result).await.and_then(|n| {
                        if n == 0 {
                            Err(StoreError::NotFound)
                        } else {
                            Ok(())
                        }
                    })
                }

                async fn create_session(&self, s: Session) -> Result<()> {
                    ::sqlx::query(
                        "INSERT INTO sessions (id, user_id, token_hash, key_wrap, client, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(s.id.0)
                    .bind(s.user_id.0)
                    .bind(&s.token_hash)
                    .bind(&s.key_wrap)
                    .bind(&s.client)
                    .bind(s.created_at)
                    .bind(s.expires_at)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                    Ok(())
                }

                async fn authenticate(
                    &self,
                    token_hash: &[u8],
                    now: Timestamp,
                ) -> Result<Option<Authenticated>> {
                    let row = ::sqlx::query(AUTHENTICATE)
                        .bind(token_hash)
                        .bind(now)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?;
                    row.map(|r| {
                        let session = Session {
                            id: SessionId(r.try_get("s_id")?),
                            user_id: UserId(r.try_get("user_id")?),
                            token_hash: r.try_get("token_hash")?,
                            key_wrap: r.try_get("s_key_wrap")?,
                            client: r.try_get("client")?,
                            created_at: r.try_get("s_created_at")?,
                            expires_at: r.try_get("expires_at")?,
                        };
                        let couple = match r.try_get::<Option<Uuid>, _>("c_id")? {
                            Some(id) => Some(Couple {
                                id: CoupleId(id),
                                partner: UserId(r.try_get("partner_id")?),
                                partner_display_name: r.try_get("partner_name")?,
                                since: r.try_get("c_since")?,
                                key_wrap: r.try_get("c_key_wrap")?,
                            }),
                            None => None,
                        };
                        Ok(Authenticated {
                            session,
                            user: user_from(&r)?,
                            couple,
                        })
                    })
                    .transpose()
                    .map_err(db)
                }

                async fn sessions_of(&self, user: UserId, now: Timestamp) -> Result<Vec<Session>> {
                    let rows = ::sqlx::query(
                        "SELECT * FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC",
                    )
                    .bind(user.0)
                    .bind(now)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db)?;
                    rows.iter()
                        .map(session_from)
                        .collect::<std::result::Result<_, _>>()
                        .map_err(db)
                }

                async fn delete_session(&self, user: UserId, id: SessionId) -> Result<bool> {
                    let done = ::sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
                        .bind(id.0)
                        .bind(user.0)
                        .execute(&self.pool)
                        .await
                        .map_err(db)?;
                    Ok(done.rows_affected() == 1)
                }

                async fn delete_sessions_of(&self, user: UserId, keep: Option<SessionId>) -> Result<u64> {
                    let done = ::sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2")
                        .bind(user.0)
                        .bind(keep.map(|k| k.0))
                        .execute(&self.pool)
                        .await
                        .map_err(db)?;
                    Ok(done.rows_affected())
                }

                async fn active_couple(&self, user: UserId) -> Result<Option<Couple>> {
                    let row = ::sqlx::query(ACTIVE_COUPLE)
                        .bind(user.0)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?;
                    row.map(|r| {
                        Ok(Couple {
                            id: CoupleId(r.try_get("id")?),
                            partner: UserId(r.try_get("partner")?),
                            partner_display_name: r.try_get("display_name")?,
                            since: r.try_get("created_at")?,
                            key_wrap: r.try_get("key_wrap")?,
                        })
                    })
                    .transpose()
                    .map_err(db)
                }

                async fn create_invite(&self, i: Invite) -> Result<()> {
                    let mut conn = self.begin_write().await?;
                    let result = async {
                        let (n,): (i64,) = ::sqlx::query_as(IN_A_COUPLE)
                            .bind(i.inviter.0)
                            .fetch_one(&mut *conn)
                            .await?;
                        if n > 0 {
                            return Ok(false);
                        }
                        ::sqlx::query(
                            "INSERT INTO invites (code_hash, inviter_id, couple_id, inviter_wrap, code_wrap, \
                             code_salt, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        )
                        .bind(&i.code_hash)
                        .bind(i.inviter.0)
                        .bind(i.couple_id.0)
                        .bind(&i.inviter_wrap)
                        .bind(&i.code_wrap)
                        .bind(&i.code_salt)
                        .bind(i.created_at)
                        .bind(i.expires_at)
                        .execute(&mut *conn)
                        .await?;
                        Ok(true)
                    }
                    .await;
                    match finish(&mut conn, result).await? {
                        true => Ok(()),
                        false => Err(StoreError::State("You are already in a couple.")),
                    }
                }

                async fn invite_by_code(&self, code_hash: &[u8], now: Timestamp) -> Result<Option<Invite>> {
                    let row = ::sqlx::query(
                        "SELECT * FROM invites WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2",
                    )
                    .bind(code_hash)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db)?;
                    row.as_ref().map(invite_from).transpose().map_err(db)
                }

                async fn accept_invite(
                    &self,
                    code_hash: &[u8],
                    joiner: UserId,
                    joiner_wrap: Vec<u8>,
                    now: Timestamp,
                ) -> Result<CoupleId> {
                    let mut conn = self.begin_write().await?;
                    let result = async {
                        let row = ::sqlx::query(
                            "SELECT * FROM invites WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2",
                        )
                        .bind(code_hash)
                        .bind(now)
                        .fetch_optional(&mut *conn)
                        .await?;
                        let Some(invite) = row.as_ref().map(invite_from).transpose()? else {
                            return Ok(Err(StoreError::NotFound));
                        };
                        if invite.inviter == joiner {
                            return Ok(Err(StoreError::State("You can't accept your own invite.")));
                        }
                        for who in [invite.inviter, joiner] {
                            let (n,): (i64,) = ::sqlx::query_as(IN_A_COUPLE)
                                .bind(who.0)
                                .fetch_one(&mut *conn)
                                .await?;
                            if n > 0 {
                                return Ok(Err(StoreError::State(
                                    "One of you is already in a couple. A person can be in one couple at a time.",
                                )));
                            }
                        }
                        ::sqlx::query("UPDATE invites SET used_at = $2 WHERE code_hash = $1")
                            .bind(code_hash)
                            .bind(now)
                            .execute(&mut *conn)
                            .await?;
                        ::sqlx::query("INSERT INTO couples (id, user_a, user_b, created_at) VALUES ($1, $2, $3, $4)")
                            .bind(invite.couple_id.0)
                            .bind(invite.inviter.0)
                            .bind(joiner.0)
                            .bind(now)
                            .execute(&mut *conn)
                            .await?;
                        for (who, wrap) in [(invite.inviter, &invite.inviter_wrap), (joiner, &joiner_wrap)] {
                            ::sqlx::query("INSERT INTO couple_keys (couple_id, user_id, key_wrap) VALUES ($1, $2, $3)")
                                .bind(invite.couple_id.0)
                                .bind(who.0)
                                .bind(wrap)
                                .execute(&mut *conn)
                                .await?;
                        }
                        Ok(Ok(invite.couple_id))
                    }
                    .await;
                    finish_checked(&mut conn, result).await
                }

                async fn leave_couple(&self, user: UserId, now: Timestamp) -> Result<()> {
                    let done = ::sqlx::query(
                        "UPDATE couples SET ended_at = $2 WHERE (user_a = $1 OR user_b = $1) AND ended_at IS NULL",
                    )
                    .bind(user.0)
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(())
                }

                async fn put_record(&self, r: Record) -> Result<()> {
                    ::sqlx::query(
                        "INSERT INTO records (id, kind, author_id, couple_id, visibility, body, parent_id, \
                         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(r.id.0)
                    .bind(&r.kind)
                    .bind(r.author.0)
                    .bind(r.couple.map(|c| c.0))
                    .bind(r.visibility.as_str())
                    .bind(&r.body)
                    .bind(r.parent.map(|p| p.0))
                    .bind(r.created_at)
                    .bind(r.updated_at)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                    Ok(())
                }

                async fn update_record(&self, author: UserId, c: RecordChange) -> Result<()> {
                    let done = ::sqlx::query(
                        "UPDATE records SET visibility = $3, couple_id = $4, body = $5, updated_at = $6 \
                         WHERE id = $1 AND author_id = $2",
                    )
                    .bind(c.id.0)
                    .bind(author.0)
                    .bind(c.visibility.as_str())
                    .bind(c.couple.map(|x| x.0))
                    .bind(&c.body)
                    .bind(c.updated_at)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(())
                }

                async fn delete_record(&self, author: UserId, id: RecordId) -> Result<()> {
                    let done = ::sqlx::query("DELETE FROM records WHERE id = $1 AND author_id = $2")
                        .bind(id.0)
                        .bind(author.0)
                        .execute(&self.pool)
                        .await
                        .map_err(db)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(())
                }

                async fn children(&self, viewer: &Viewer, parent: RecordId) -> Result<Vec<Record>> {
                    let rows = ::sqlx::query(CHILD_RECORDS)
                        .bind(parent.0)
                        .bind(viewer.user.0)
                        .bind(viewer.couple.map(|c| c.0))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    let candidates = rows
                        .iter()
                        .map(record_from)
                        .collect::<std::result::Result<Vec<_>, _>>()
                        .map_err(db)?;
                    Ok(authorize(viewer, candidates))
                }

                async fn couple_key_wrap(&self, user: UserId, couple: CoupleId) -> Result<Option<Vec<u8>>> {
                    let row: Option<(Vec<u8>,)> = ::sqlx::query_as(
                        "SELECT key_wrap FROM couple_keys WHERE couple_id = $1 AND user_id = $2",
                    )
                    .bind(couple.0)
                    .bind(user.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db)?;
                    Ok(row.map(|(w,)| w))
                }

                async fn records(&self, viewer: &Viewer, kind: &str) -> Result<Vec<Record>> {
                    let rows = ::sqlx::query(LIST_RECORDS)
                        .bind(kind)
                        .bind(viewer.user.0)
                        .bind(viewer.couple.map(|c| c.0))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db)?;
                    let candidates = rows
                        .iter()
                        .map(record_from)
                        .collect::<std::result::Result<Vec<_>, _>>()
                        .map_err(db)?;
                    Ok(authorize(viewer, candidates))
                }

                async fn record(&self, viewer: &Viewer, id: RecordId) -> Result<Option<Record>> {
                    let row = ::sqlx::query(ONE_RECORD)
                        .bind(id.0)
                        .bind(viewer.user.0)
                        .bind(viewer.couple.map(|c| c.0))
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db)?;
                    let candidates: Vec<Record> = row
                        .as_ref()
                        .map(record_from)
                        .transpose()
                        .map_err(db)?
                        .into_iter()
                        .collect();
                    Ok(authorize(viewer, candidates).pop())
                }
            }

            /// Commits on success, rolls back on a database error.
            async fn finish<T>(
                conn: &mut ::sqlx::pool::PoolConnection<$db>,
                result: std::result::Result<T, ::sqlx::Error>,
            ) -> Result<T> {
                match result {
                    Ok(v) => {
                        ::sqlx::query("COMMIT")
                            .execute(&mut **conn)
                            .await
                            .map_err(db)?;
                        Ok(v)
                    }
                    Err(e) => {
                        let _ = ::sqlx::query("ROLLBACK").execute(&mut **conn).await;
                        Err(db(e))
                    }
                }
            }

            /// Like [`finish`], but a rule refusal (inner `Err`) also rolls back.
            async fn finish_checked<T>(
                conn: &mut ::sqlx::pool::PoolConnection<$db>,
                result: std::result::Result<Result<T>, ::sqlx::Error>,
            ) -> Result<T> {
                match result {
                    Ok(Ok(v)) => finish(conn, Ok(v)).await,
                    Ok(Err(refusal)) => {
                        let _ = ::sqlx::query("ROLLBACK").execute(&mut **conn).await;
                        Err(refusal)
                    }
                    Err(e) => finish::<T>(conn, Err(e)).await,
                }
            }
        }
    };
}
