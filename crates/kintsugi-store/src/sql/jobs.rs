//! The jobs queue in SQL: planned once by key, claimed by one worker at a time (a claim that
//! lapses with its worker is taken again), ended only under the claim that holds it.

use async_trait::async_trait;
use kintsugi_domain::UserId;
use sqlx::Transaction;
use uuid::Uuid;

use crate::{Job, JobState, Later, NewJob, Outcome, Result, Timestamp};

sql_impl! {
impl {
    /// Plans jobs inside a transaction; a key planned before is left alone. How many were new.
    pub(super) async fn insert_jobs(
        tx: &mut Transaction<'static, B::Db>,
        jobs: &[NewJob],
    ) -> std::result::Result<u64, sqlx::Error> {
        let mut new = 0;
        for job in jobs {
            let done = sqlx::query(
                "INSERT INTO jobs (id, key, kind, user_id, run_at, give_up_at) \
                 SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM users WHERE id = $4) \
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(Uuid::new_v4())
            .bind(job.key.as_str())
            .bind(job.kind.as_str())
            .bind(job.user.0)
            .bind(job.run_at)
            .bind(job.give_up_at)
            .execute(&mut **tx)
            .await?;
            new += B::rows(&done);
        }
        Ok(new)
    }
}
}

sql_impl! {
#[async_trait]
impl crate::Jobs {
    async fn plan_jobs(&self, jobs: &[NewJob]) -> Result<u64> {
        if jobs.is_empty() {
            return Ok(0);
        }
        self.retrying(|| async {
            let mut tx = self.begin_as(B::BEGIN_QUEUE).await?;
            let new = Self::insert_jobs(&mut tx, jobs).await?;
            tx.commit().await?;
            Ok(Ok(new))
        })
        .await
    }

    async fn claim_job(&self, now: Timestamp, hold: i64) -> Result<Option<Job>> {
        let sql = format!(
            "UPDATE jobs SET claim = $1, claimed_until = $3, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $2 \
             AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY run_at LIMIT 1 {}) \
             RETURNING id, key, kind, user_id, run_at, give_up_at, attempts",
            B::SKIP_LOCKED
        );
        self.retrying(|| async {
            let mut tx = self.begin_as(B::BEGIN_QUEUE).await?;
            let claim = Uuid::new_v4();
            let row: Option<(Uuid, String, String, Uuid, i64, i64, i64)> =
                sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(claim)
                    .bind(now)
                    .bind(now + hold)
                    .fetch_optional(&mut *tx)
                    .await?;
            tx.commit().await?;
            Ok(Ok(row.map(|r| Job {
                id: r.0,
                key: r.1,
                kind: r.2,
                user: UserId(r.3),
                run_at: r.4,
                give_up_at: r.5,
                attempts: r.6,
                claim,
            })))
        })
        .await
    }

    async fn finish_job(&self, job: &Job, outcome: Outcome, now: Timestamp) -> Result<bool> {
        self.retrying(|| async {
            let mut tx = self.begin_as(B::BEGIN_QUEUE).await?;
            let done = sqlx::query(
                "UPDATE jobs SET done_at = $3, outcome = $4, claim = NULL, claimed_until = NULL \
                 WHERE id = $1 AND claim = $2 AND done_at IS NULL",
            )
            .bind(job.id)
            .bind(job.claim)
            .bind(now)
            .bind(outcome.as_str())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Ok(B::rows(&done) == 1))
        })
        .await
    }

    async fn put_back_job(&self, job: &Job, later: Later) -> Result<bool> {
        let (at, error, uncount) = match &later {
            Later::Retry(at, why) => (*at, Some(why.clone()), 0i64),
            Later::Postpone(at) => (*at, None, 1),
        };
        self.retrying(|| async {
            let mut tx = self.begin_as(B::BEGIN_QUEUE).await?;
            let done = sqlx::query(
                "UPDATE jobs SET claim = NULL, claimed_until = NULL, run_at = $3, \
                 last_error = COALESCE($4, last_error), attempts = attempts - $5 \
                 WHERE id = $1 AND claim = $2 AND done_at IS NULL",
            )
            .bind(job.id)
            .bind(job.claim)
            .bind(at)
            .bind(error.clone())
            .bind(uncount)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Ok(B::rows(&done) == 1))
        })
        .await
    }

    async fn latest_job(&self, user: UserId, prefix: &str) -> Result<Option<JobState>> {
        let row: Option<(String, Option<String>, i64, Option<String>, i64)> = sqlx::query_as(
            "SELECT key, outcome, attempts, last_error, run_at FROM jobs WHERE user_id = $1 \
             AND substr(key, 1, CAST($3 AS INTEGER)) = $2 ORDER BY run_at DESC LIMIT 1",
        )
        .bind(user.0)
        .bind(prefix)
        .bind(prefix.len() as i64)
        .fetch_optional(&self.pool)
        .await
        .map_err(super::db)?;
        Ok(row.map(|r| JobState {
            key: r.0,
            outcome: r.1,
            attempts: r.2,
            last_error: r.3,
            run_at: r.4,
        }))
    }

    async fn jobs_like(&self, prefix: &str) -> Result<Vec<JobState>> {
        let rows: Vec<(String, Option<String>, i64, Option<String>, i64)> = sqlx::query_as(
            "SELECT key, outcome, attempts, last_error, run_at FROM jobs \
             WHERE substr(key, 1, CAST($2 AS INTEGER)) = $1 ORDER BY run_at, key",
        )
        .bind(prefix)
        .bind(prefix.len() as i64)
        .fetch_all(&self.pool)
        .await
        .map_err(super::db)?;
        Ok(rows
            .into_iter()
            .map(|r| JobState {
                key: r.0,
                outcome: r.1,
                attempts: r.2,
                last_error: r.3,
                run_at: r.4,
            })
            .collect())
    }
}
}
