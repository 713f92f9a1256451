//! The store suite on SQLite (always) and PostgreSQL (when KINTSUGI_TEST_POSTGRES_URL is set,
//! each test in its own fresh database).

#![allow(clippy::unwrap_used, missing_docs)]

use kintsugi_store::Store;
use kintsugi_store_postgres::PostgresStore;
use kintsugi_store_sqlite::SqliteStore;
use kintsugi_store_tests as suite;

async fn sqlite() -> (SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = kintsugi_store_sqlite::open(&dir.path().join("kintsugi.db"))
        .await
        .unwrap();
    (store, dir)
}

/// A fresh PostgreSQL database, or None when no server is configured.
async fn postgres() -> Option<PostgresStore> {
    let base = std::env::var("KINTSUGI_TEST_POSTGRES_URL").ok()?;
    let name = format!("kintsugi_test_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::PgPool::connect(&base).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let (prefix, _) = base.rsplit_once('/').unwrap();
    Some(
        kintsugi_store_postgres::open_url(&format!("{prefix}/{name}"))
            .await
            .unwrap(),
    )
}

macro_rules! on_both {
    ($($story:ident),* $(,)?) => {
        mod on_sqlite {
            use super::*;
            $(
                #[tokio::test]
                async fn $story() {
                    let (store, _dir) = sqlite().await;
                    suite::$story(&store).await;
                    eprintln!("{} on SQLite: {} retries", stringify!($story), store.retries());
                }
            )*
        }
        mod on_postgres {
            use super::*;
            $(
                #[tokio::test]
                async fn $story() {
                    let Some(store) = postgres().await else {
                        eprintln!("KINTSUGI_TEST_POSTGRES_URL is not set: PostgreSQL story skipped");
                        return;
                    };
                    suite::$story(&store).await;
                    eprintln!("{} on PostgreSQL: {} retries", stringify!($story), store.retries());
                }
            )*
        }
    };
}

on_both!(
    reminder_choices_and_addresses_follow_their_rules,
    jobs_run_once_under_racing_workers,
    answers_to_one_state_have_one_winner,
    reports_move_only_as_their_rules_allow,
    report_links_end_with_the_couple,
    accounts_are_unique_and_found,
    sessions_expire_and_can_be_ended,
    pairing_rules_hold,
    an_invite_code_is_kept_until_used_stopped_or_replaced,
    partner_and_stranger_get_nothing_private,
    concurrent_writes_lose_nothing,
    rekeying_and_disabling,
    threads_changes_and_deletion,
    children_of_many_parents_at_once,
    leaving_keeps_a_readable_history,
    leaving_can_withdraw_everything_at_once,
    dropped_writes_leave_no_lock_and_no_partial_write,
    concurrent_joins_have_one_winner,
    racing_changes_have_one_winner,
    reset_ends_the_couple_and_tells_the_partner,
    inbox_entries_belong_to_their_owner,
    a_stale_change_writes_none_of_its_effects,
    entries_and_due_moments_go_with_their_couple_and_record,
    a_dropped_write_leaves_its_record_and_entry_together,
    a_write_from_an_ended_session_is_refused,
    long_lists_are_read_a_page_at_a_time,
    answers_are_revealed_after_both,
    shared_facts_are_the_couples_shared_records_without_bodies,
);

/// Bytes no other value in the stories uses, to find a used invite's wrap in the raw data.
const USED_WRAP: u8 = 0xA7;

#[tokio::test]
async fn a_used_invite_leaves_no_wrap_in_the_raw_sqlite_files() {
    let (store, dir) = sqlite().await;
    suite::used_and_expired_invites_are_deleted(&store, USED_WRAP).await;
    // Checkpoint so the file, not only the WAL, has been written; then read both.
    store.ping().await.unwrap();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!contains(&bytes, &[USED_WRAP; 72]));
    }
}

/// A stopped or replaced invite's wrap leaves the files at once, not at the next sweep: no
/// old copy stays in the write-ahead log.
#[tokio::test]
async fn a_stopped_or_replaced_invite_leaves_no_wrap_in_the_raw_sqlite_files_at_once() {
    let (store, dir) = sqlite().await;
    let raw_has = |marker: u8| {
        std::fs::read_dir(dir.path()).unwrap().any(|entry| {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            contains(&bytes, &[marker; 72])
        })
    };
    let a = suite::user(&store, "raw-a").await;
    store
        .create_invite(suite::invite(a, b"first", 0xB1))
        .await
        .unwrap();
    assert!(raw_has(0xB1), "the test finds a live wrap");
    // Replaced by a new one: the first goes.
    store
        .create_invite(suite::invite(a, b"second", 0xB2))
        .await
        .unwrap();
    assert!(!raw_has(0xB1), "replaced");
    // Stopped: the second goes too.
    store.revoke_invites(a).await.unwrap();
    assert!(!raw_has(0xB2), "stopped");
}

#[tokio::test]
async fn a_used_invite_leaves_no_wrap_in_the_postgres_tables() {
    let Some(store) = postgres().await else {
        eprintln!("KINTSUGI_TEST_POSTGRES_URL is not set: PostgreSQL check skipped");
        return;
    };
    suite::used_and_expired_invites_are_deleted(&store, USED_WRAP).await;
    let dump = kintsugi_store_postgres::dump_for_tests(&store)
        .await
        .unwrap();
    assert!(!dump.is_empty());
    assert!(!contains(&dump, &[USED_WRAP; 72]));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn sealed_text_is_absent_from_the_raw_sqlite_files() {
    let (store, dir) = sqlite().await;
    let secret = suite::write_sealed_note(&store).await;
    store.ping().await.unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!contains(&bytes, secret.as_bytes()));
        assert!(!contains(&bytes, b"feeling unsafe"));
        checked += 1;
    }
    assert!(checked >= 2, "the database file and its WAL were both read");
}

#[tokio::test]
async fn sealed_text_is_absent_from_the_postgres_tables() {
    let Some(store) = postgres().await else {
        eprintln!("KINTSUGI_TEST_POSTGRES_URL is not set: PostgreSQL check skipped");
        return;
    };
    let secret = suite::write_sealed_note(&store).await;
    let dump = kintsugi_store_postgres::dump_for_tests(&store)
        .await
        .unwrap();
    assert!(!dump.is_empty());
    assert!(!contains(&dump, secret.as_bytes()));
}

/// A deleted account leaves nothing in the raw SQLite files (write-ahead log included): not its
/// id, its username or anything it sealed; what its partner wrote is still found there.
#[tokio::test]
async fn a_deleted_account_leaves_nothing_in_the_raw_sqlite_files() {
    let (store, dir) = sqlite().await;
    let needles = suite::deleting_an_account_leaves_nothing_of_it(&store).await;
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        files.push(std::fs::read(entry.unwrap().path()).unwrap());
    }
    assert!(
        files.len() >= 2,
        "the database file and its WAL were both read"
    );
    assert!(
        files.iter().any(|f| contains(f, b"partner-own")),
        "the search finds what stays"
    );
    for needle in &needles {
        for f in &files {
            assert!(
                !contains(f, needle),
                "{:?} is gone",
                String::from_utf8_lossy(needle)
            );
        }
    }
}

/// The same in every PostgreSQL table.
#[tokio::test]
async fn a_deleted_account_leaves_nothing_in_the_postgres_tables() {
    let Some(store) = postgres().await else {
        eprintln!("KINTSUGI_TEST_POSTGRES_URL is not set: PostgreSQL check skipped");
        return;
    };
    let needles = suite::deleting_an_account_leaves_nothing_of_it(&store).await;
    let dump = kintsugi_store_postgres::dump_for_tests(&store)
        .await
        .unwrap();
    assert!(
        contains(&dump, b"partner-own"),
        "the search finds what stays"
    );
    for needle in &needles {
        assert!(
            !contains(&dump, needle),
            "{:?} is gone",
            String::from_utf8_lossy(needle)
        );
    }
}

#[test]
fn both_backends_have_the_same_migrations() {
    assert_eq!(
        SqliteStore::migration_names(),
        PostgresStore::migration_names()
    );
}

#[cfg(unix)]
#[tokio::test]
async fn the_sqlite_files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (store, dir) = sqlite().await;
    suite::write_sealed_note(&store).await;
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{:?}", entry.file_name());
        seen.push(entry.file_name());
    }
    assert!(seen.len() >= 2, "the database and its WAL: {seen:?}");
}

#[tokio::test]
async fn a_database_that_cannot_be_written_refuses_to_start() {
    let (store, dir) = sqlite().await;
    store.pool().close().await;
    drop(store);
    let path = dir.path().join("kintsugi.db");
    // Read-only as the file system would make it (tests may run as root, who ignores modes).
    let url = format!("sqlite://{}?mode=ro", path.display());
    let refused = kintsugi_store_sqlite::open_url(&url).await;
    let Err(e) = refused else {
        panic!("a read-only database started");
    };
    assert!(e.to_string().contains("can't be written"), "{e}");
}
