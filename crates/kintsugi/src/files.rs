//! The data folder and the server's lookup secret: created readable by their owner only.

use std::path::Path;

use anyhow::Context;
use data_encoding::BASE64;
use kintsugi_vault::LookupKey;

use crate::settings::Settings;

/// The file in the data folder that holds the lookup secret when none is configured.
pub const SECRET_FILE: &str = "lookup-secret";

/// Creates the data folder (mode 0700) if it is missing.
pub fn data_dir(path: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(path)
        .with_context(|| format!("creating the data folder {}", path.display()))
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
}
