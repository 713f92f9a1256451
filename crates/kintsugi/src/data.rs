//! The CLI's data commands: a person's export (their password or recovery key opens it: the
//! server alone can't), a backup of the SQLite database while the server runs, and a restore
//! that checks the copy and refuses while a server runs on the data folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use kintsugi_store_sqlite::backup;
use kintsugi_web::AppState;

use crate::files;
use crate::settings::Settings;

/// Where the SQLite database is, or why this command can't work on it.
fn sqlite_file(settings: &Settings, what: &str) -> anyhow::Result<PathBuf> {
    match settings.database_url.as_deref() {
        Some(url) if url.starts_with("postgres") => anyhow::bail!(
            "This Kintsugi uses PostgreSQL, so `kintsugi {what}` doesn't handle its data. Use PostgreSQL's own tools: `pg_dump --format=custom --file=kintsugi.dump <database_url>` to back up, `pg_restore --clean --dbname=<database_url> kintsugi.dump` to restore (with the server stopped). Keep the server_secret from your configuration with the dump."
        ),
        Some(url) => Ok(PathBuf::from(
            url.trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:"),
        )),
        None => Ok(settings.data_dir.join(files::DATABASE_FILE)),
    }
}

/// `kintsugi backup FILE`.
pub fn backup(settings: &Settings, to: &Path) -> anyhow::Result<()> {
    let database = sqlite_file(settings, "backup")?;
    anyhow::ensure!(
        database.exists(),
        "There is no database at {} yet.",
        database.display()
    );
    backup::backup(&database, to)?;
    println!("Backed up {} to {}.", database.display(), to.display());
    let secret = settings.data_dir.join(files::SECRET_FILE);
    if settings.server_secret.is_none() && secret.exists() {
        println!(
            "Keep {} with it: it looks up invite codes. Without it, codes made before the backup stop working (people make new ones); nothing anyone wrote depends on it.",
            secret.display()
        );
    }
    println!(
        "The copy is readable by you alone. What people wrote stays sealed in it: it opens only with their passwords or recovery keys."
    );
    Ok(())
}

/// `kintsugi restore FILE`.
pub fn restore(settings: &Settings, from: &Path) -> anyhow::Result<()> {
    let database = sqlite_file(settings, "restore")?;
    files::data_dir(&settings.data_dir)?;
    let migrations = backup::restore(from, &database)?;
    println!(
        "Restored {} from {} ({migrations} migrations; newer ones apply when the server starts).",
        database.display(),
        from.display()
    );
    Ok(())
}

/// Takes the data folder's lock for a running server (released when it stops).
pub fn lock_for_serving(settings: &Settings) -> anyhow::Result<Option<std::fs::File>> {
    match sqlite_file(settings, "serve") {
        Ok(database) if !database.to_string_lossy().contains(":memory:") => {
            Ok(Some(backup::lock(&database)?))
        }
        _ => Ok(None),
    }
}

/// `kintsugi export --user NAME`: the secret is read from stdin.
pub async fn export(
    state: AppState,
    user: &str,
    recovery_key: bool,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    eprintln!(
        "Whoever runs the server can't open anyone's writing: this needs {user}'s {}.",
        if recovery_key {
            "recovery key"
        } else {
            "password"
        }
    );
    let secret = crate::read_password()?;
    let actor = kintsugi_web::accounts::actor_from_secret(&state, user, &secret, recovery_key)
        .await
        .map_err(|e| anyhow::anyhow!("{e} Nothing was exported."))?;
    let export = kintsugi_app::export::export(&actor, user, None)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let json = serde_json::to_string_pretty(&export)?;
    match out {
        Some(path) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .with_context(|| format!("creating {} (it must not exist yet)", path.display()))?;
            file.write_all(json.as_bytes())?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
            }
            eprintln!(
                "Wrote {} records to {}.",
                export.records.len(),
                path.display()
            );
        }
        None => println!("{json}"),
    }
    Ok(())
}
