//! Reports for a therapist in SQL: a report's stage moves inside the write that carries it,
//! links are added only while both consent, and an open is listed in the transaction that
//! finds the link live.

use std::collections::BTreeSet;

use async_trait::async_trait;
use kintsugi_domain::{RecordId, UserId, Viewer};
use sqlx::Transaction;
use uuid::Uuid;

use crate::{
    Link, NewLink, Opened, ReportMove, ReportState, Result, Stage, Store, StoreError, Timestamp,
};

/// The reports of couples `$N` is a member of while they last.
const MEMBER: &str =
    "SELECT id FROM couples WHERE ended_at IS NULL AND (user_a = $N OR user_b = $N)";

fn member(n: u32) -> String {
    MEMBER.replace("$N", &format!("${n}"))
}

sql_impl! {
impl {
    /// Applies a write's move of a report inside its transaction; `Stale` when it doesn't
    /// apply (answered, withdrawn or ended in the meantime, or not the mover's to make).
    pub(super) async fn apply_report(
        tx: &mut Transaction<'static, B::Db>,
        m: &ReportMove,
    ) -> std::result::Result<std::result::Result<(), StoreError>, sqlx::Error> {
        match m {
            ReportMove::Ask { report, couple, asker } => {
                let sql = format!(
                    "INSERT INTO reports (id, couple_id, asker_id, state) \
                     SELECT $1, $2, $3, 'asked' WHERE $2 IN ({})",
                    member(3)
                );
                let done = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(report.0)
                    .bind(couple.0)
                    .bind(asker.0)
                    .execute(&mut **tx)
                    .await?;
                if B::rows(&done) != 1 {
                    return Ok(Err(StoreError::Stale));
                }
            }
            ReportMove::Require { report, by, within } => {
                let m = ReportMove::Move {
                    report: *report,
                    by: *by,
                    from: within,
                    to: Stage::Asked,
                    not_asker: false,
                    at: 0,
                };
                return Self::move_report(tx, &m, true).await;
            }
            m @ ReportMove::Move { .. } => return Self::move_report(tx, m, false).await,
        }
        Ok(Ok(()))
    }

    /// A move (or, with `stay`, only its condition).
    async fn move_report(
        tx: &mut Transaction<'static, B::Db>,
        m: &ReportMove,
        stay: bool,
    ) -> std::result::Result<std::result::Result<(), StoreError>, sqlx::Error> {
        match m {
            ReportMove::Move { report, by, from, to, not_asker, at } => {
                let set = if stay { "state" } else { "$2" };
                let mut sql = format!(
                    "UPDATE reports SET state = {set} WHERE id = $1 AND state IN ($3, $4) \
                     AND couple_id IN ({})",
                    member(5)
                );
                if *not_asker {
                    sql.push_str(" AND asker_id <> $5");
                }
                let first = from.first().copied().unwrap_or(Stage::Asked);
                let second = from.get(1).copied().unwrap_or(first);
                let done = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(report.0)
                    .bind(to.as_str())
                    .bind(first.as_str())
                    .bind(second.as_str())
                    .bind(by.0)
                    .execute(&mut **tx)
                    .await?;
                if from.is_empty() || B::rows(&done) != 1 {
                    return Ok(Err(StoreError::Stale));
                }
                if *to == Stage::Withdrawn && !stay {
                    sqlx::query(
                        "UPDATE report_links SET ended_at = $2, snapshot = NULL \
                         WHERE report_id = $1 AND ended_at IS NULL",
                    )
                    .bind(report.0)
                    .bind(*at)
                    .execute(&mut **tx)
                    .await?;
                }
            }
            _ => return Ok(Err(StoreError::State("not a move"))),
        }
        Ok(Ok(()))
    }
}
}

sql_impl! {
#[async_trait]
impl crate::Reports {
    async fn add_report_link(&self, link: NewLink) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let sql = format!(
                "INSERT INTO report_links (id, report_id, token_hash, token_sealed, snapshot, \
                 made_by, made_at, expires_at) SELECT $1, $2, $3, $4, $5, $6, $7, $8 \
                 WHERE EXISTS (SELECT 1 FROM reports WHERE id = $2 AND state = 'consented' \
                 AND couple_id IN ({}))",
                member(6)
            );
            let done = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(link.id)
                .bind(link.report.0)
                .bind(link.token_hash.clone())
                .bind(link.token_sealed.clone())
                .bind(link.snapshot.clone())
                .bind(link.made_by.0)
                .bind(link.made_at)
                .bind(link.expires_at)
                .execute(&mut *tx)
                .await?;
            if B::rows(&done) != 1 {
                return Ok(Err(StoreError::Stale));
            }
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn end_report_link(&self, user: UserId, link: Uuid, now: Timestamp) -> Result<()> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let sql = format!(
                "UPDATE report_links SET ended_at = $3, snapshot = NULL WHERE id = $1 \
                 AND ended_at IS NULL AND report_id IN \
                 (SELECT id FROM reports WHERE couple_id IN ({}))",
                member(2)
            );
            let done = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(link)
                .bind(user.0)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if B::rows(&done) != 1 {
                return Ok(Err(StoreError::NotFound));
            }
            tx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    async fn report_states(&self, viewer: &Viewer, ids: &[RecordId]) -> Result<Vec<ReportState>> {
        // Only reports the viewer may read, by the one rule.
        let readable: BTreeSet<Uuid> = self
            .records_in(viewer, ids)
            .await?
            .into_iter()
            .map(|r| r.id.0)
            .collect();
        let mut out = Vec::new();
        for id in readable {
            let row: Option<(Uuid, Uuid, String)> =
                sqlx::query_as("SELECT couple_id, asker_id, state FROM reports WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(super::db)?;
            let Some((couple, asker, state)) = row else { continue };
            let links: Vec<(Uuid, Vec<u8>, Uuid, i64, i64, i64)> = sqlx::query_as(
                "SELECT id, token_sealed, made_by, made_at, expires_at, COALESCE(ended_at, -1) \
                 FROM report_links WHERE report_id = $1 ORDER BY made_at, id",
            )
            .bind(id)
            .fetch_all(&self.pool)
            .await
            .map_err(super::db)?;
            let opens: Vec<(Uuid, i64)> = sqlx::query_as(
                "SELECT o.link_id, o.at FROM report_opens o JOIN report_links l \
                 ON l.id = o.link_id WHERE l.report_id = $1 ORDER BY o.at",
            )
            .bind(id)
            .fetch_all(&self.pool)
            .await
            .map_err(super::db)?;
            out.push(ReportState {
                report: RecordId(id),
                couple: kintsugi_domain::CoupleId(couple),
                asker: UserId(asker),
                stage: Stage::parse(&state).ok_or(StoreError::State("an unknown report stage"))?,
                links: links
                    .into_iter()
                    .map(|(l, token_sealed, made_by, made_at, expires_at, ended)| Link {
                        id: l,
                        token_sealed,
                        made_by: UserId(made_by),
                        made_at,
                        expires_at,
                        ended_at: (ended >= 0).then_some(ended),
                        opens: opens.iter().filter(|(o, _)| *o == l).map(|(_, at)| *at).collect(),
                    })
                    .collect(),
            });
        }
        Ok(out)
    }

    async fn open_report_link(&self, token_hash: &[u8], now: Timestamp) -> Result<Option<Opened>> {
        self.retrying(|| async {
            let mut tx = self.begin().await?;
            let found: Option<(Uuid, Uuid, Vec<u8>)> = sqlx::query_as(
                "SELECT l.id, l.report_id, l.snapshot FROM report_links l \
                 JOIN reports r ON r.id = l.report_id JOIN couples c ON c.id = r.couple_id \
                 WHERE l.token_hash = $1 AND l.ended_at IS NULL AND l.snapshot IS NOT NULL \
                 AND l.expires_at > $2 AND r.state = 'consented' AND c.ended_at IS NULL",
            )
            .bind(token_hash.to_vec())
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((link, report, snapshot)) = found else {
                return Ok(Ok(None));
            };
            sqlx::query("INSERT INTO report_opens (link_id, at) VALUES ($1, $2)")
                .bind(link)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Ok(Some(Opened {
                link,
                report: RecordId(report),
                snapshot,
            })))
        })
        .await
    }
}
}
