//! Counts and facts that read no body: which pairs the other answered, which kinds a person
//! has written, the shared facts of a couple (inherent methods the `Store` impl in `store.rs`
//! delegates to).

use kintsugi_domain::{UserId, Viewer};
use uuid::Uuid;

use super::db;
use crate::{Result, Timestamp};

sql_impl! {
impl {
    pub(super) async fn sql_shared_facts(
        &self,
        viewer: &Viewer,
        kinds: &[String],
        since: Timestamp,
    ) -> Result<Vec<crate::Fact>> {
        let Some(couple) = viewer.couple.filter(|_| !kinds.is_empty()) else {
            return Ok(Vec::new());
        };
        let list: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 4)).collect();
        let sql = format!(
            "SELECT kind, author_id, created_at, pair FROM records \
             WHERE couple_id = $1 AND visibility = 'shared' AND withdrawn_at IS NULL \
             AND created_at >= $3 AND kind IN ({}) \
             AND couple_id IN (SELECT id FROM couples WHERE user_a = $2 OR user_b = $2)",
            list.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, Uuid, i64, Option<String>)>(sqlx::AssertSqlSafe(sql))
            .bind(couple.0)
            .bind(viewer.user.0)
            .bind(since);
        for k in kinds {
            query = query.bind(k.as_str());
        }
        let rows = query.fetch_all(&self.pool).await.map_err(db)?;
        Ok(rows
            .into_iter()
            .map(|(kind, author, created_at, pair)| crate::Fact {
                kind,
                author: UserId(author),
                created_at,
                pair,
            })
            .collect())
    }

    pub(super) async fn sql_kinds_written(&self, author: UserId, kinds: &[String]) -> Result<Vec<String>> {
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        let probes: Vec<String> = (0..kinds.len())
            .map(|i| {
                format!(
                    "SELECT CAST(${k} AS TEXT) AS kind WHERE EXISTS \
                     (SELECT 1 FROM records WHERE kind = ${k} AND author_id = $1)",
                    k = i + 2
                )
            })
            .collect();
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(probes.join(" UNION ALL ")))
            .bind(author.0);
        for k in kinds {
            query = query.bind(k.as_str());
        }
        query.fetch_all(&self.pool).await.map_err(db)
    }

    pub(super) async fn sql_answered_pairs(&self, viewer: &Viewer, pairs: &[String]) -> Result<Vec<String>> {
        let Some(couple) = viewer.couple.filter(|_| !pairs.is_empty()) else {
            return Ok(Vec::new());
        };
        let list: Vec<String> = (0..pairs.len()).map(|i| format!("${}", i + 3)).collect();
        let sql = format!(
            "SELECT pair FROM records WHERE couple_id = $1 AND author_id <> $2 AND pair IN ({}) \
             AND couple_id IN (SELECT id FROM couples WHERE user_a = $2 OR user_b = $2)",
            list.join(", ")
        );
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(couple.0)
            .bind(viewer.user.0);
        for p in pairs {
            query = query.bind(p.as_str());
        }
        query.fetch_all(&self.pool).await.map_err(db)
    }
}
}
