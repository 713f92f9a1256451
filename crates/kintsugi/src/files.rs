//! The data folder and the server's lookup secret: created readable by their owner only.

use std::path::Path;

use anyhow::Context;
use data_encoding::BASE64;
use kintsugi_vault::LookupKey;

use crate::settings::Settings;

/// The file in the data folder that holds the lookup secret when none is configured.
pub const SECRET_FILE: &str = "lookup-secret";

/// Creates the data folder (mode 0700) if it is missing, and makes it and the private files
/// already in it (the database, its WAL and shared memory, the lookup secret) readable by their
/// owner only: a folder restored from a backup, or made by hand, may have come with wider
/// modes. What was tightened is said in the log.
pub fn data_dir(path: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(path)
        .with_context(|| format!("creating the data folder {}", path.display()))?;
    tighten(path, 0o700)?;
    for name in [
        DATABASE_FILE,
        "kintsugi.db-wal",
        "kintsugi.db-shm",
        SECRET_FILE,
    ] {
        tighten(&path.join(name), 0o600)?;
    }
    Ok(())
}

/// The database file in the data folder.
pub const DATABASE_FILE: &str = "kintsugi.db";

/// Sets `path` (if it exists) to `mode` when its mode is wider, and says so.
fn tighten(path: &Path, mode: u32) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = std::fs::metadata(path) else {
            return Ok(());
        };
        let was = meta.permissions().mode() & 0o777;
        if was & !mode != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
                .with_context(|| format!("making {} private", path.display()))?;
            tracing::warn!(
                path = %path.display(),
                was = format!("{was:o}"),
                now = format!("{mode:o}"),
                "tightened a file's mode: it was readable by others"
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

/// The lookup secret: from the configuration, or from the data folder's file, made (0600) on
/// first start.
pub fn lookup_key(settings: &Settings) -> anyhow::Result<LookupKey> {
    if let Some(configured) = &settings.server_secret {
        let bytes = BASE64
            .decode(configured.trim().as_bytes())
            .context("server_secret must be base64")?;
        return LookupKey::from_bytes(&bytes)
            .map_err(|_| anyhow::anyhow!("server_secret must be 32 bytes, written in base64"));
    }
    data_dir(&settings.data_dir)?;
    let path = settings.data_dir.join(SECRET_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => LookupKey::from_bytes(&bytes).map_err(|_| {
            anyhow::anyhow!(
                "{} is damaged (it must hold 32 bytes). Restore it from a backup; deleting it \
                 only makes pending invite codes stop working.",
                path.display()
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = LookupKey::generate();
            write_private(&path, key.expose())
                .with_context(|| format!("writing {}", path.display()))?;
            tracing::info!(path = %path.display(), "made a new lookup secret");
            Ok(key)
        }
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_folder_and_the_secret_are_private_and_the_secret_is_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut settings = Settings::load(None, Default::default()).expect("defaults");
        settings.data_dir = dir.path().join("data");
        let first = lookup_key(&settings).expect("made");
        let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode(&settings.data_dir), 0o700);
        assert_eq!(mode(&settings.data_dir.join(SECRET_FILE)), 0o600);
        let again = lookup_key(&settings).expect("read back");
        assert_eq!(first.hash(b"code"), again.hash(b"code"));
        settings.server_secret = Some(BASE64.encode(&[7u8; 32]));
        let configured = lookup_key(&settings).expect("configured");
        assert_ne!(configured.hash(b"code"), first.hash(b"code"));
        settings.server_secret = Some("c2hvcnQ=".into());
        assert!(lookup_key(&settings).is_err(), "too short");
    }

    #[test]
    fn a_restored_folder_with_wide_modes_is_made_private_at_start() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("made");
        let wide = |p: &Path, m: u32| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("set")
        };
        wide(&data, 0o755);
        for name in [DATABASE_FILE, "kintsugi.db-wal", SECRET_FILE] {
            std::fs::write(data.join(name), b"x").expect("written");
            wide(&data.join(name), 0o644);
        }
        data_dir(&data).expect("tightened");
        let mode = |p: &Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        for name in [DATABASE_FILE, "kintsugi.db-wal", SECRET_FILE] {
            assert_eq!(mode(&data.join(name)), 0o600, "{name}");
        }
        assert!(
            !data.join("kintsugi.db-shm").exists(),
            "nothing made that wasn't there"
        );
    }
}
