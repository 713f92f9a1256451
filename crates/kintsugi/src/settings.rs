//! Configuration, in layers: built-in defaults < optional TOML file (`--config`) < environment
//! (`KINTSUGI_*`) < command-line flags.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// The effective configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// Address to listen on.
    pub bind: String,
    /// Folder for the SQLite database (created on first start).
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL instead of SQLite (or `sqlite:…` for another file).
    pub database_url: Option<String>,
    /// Mark cookies Secure (when served over HTTPS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Where the quick exit goes: a neutral page.
    pub quick_exit_url: String,
    /// The country whose built-in helplines the safety card shows (AU, GB, IE or US); unset:
    /// only "your local emergency number", unless `helplines` lists some.
    #[serde(default)]
    pub helpline_country: Option<String>,
    /// Helplines of your own (`[[helplines]]` with `for` = "crisis", "abuse", "behaviour" or "counselling", `name`,
    /// `contact`, optional `url` and `source`); they replace the country's built-in list.
    #[serde(default)]
    pub helplines: Vec<kintsugi_web::helplines::Helpline>,
    /// `on` or `off` (off only for load testing).
    pub rate_limits: String,
    /// Sign-in attempts per minute, per address and per account.
    pub rate_limit_sign_in_per_minute: u32,
    /// New accounts per hour, per address.
    pub rate_limit_sign_up_per_hour: u32,
    /// Invite-code attempts per minute, per account.
    pub rate_limit_join_per_minute: u32,
    /// Coach analyses per minute, per session.
    pub rate_limit_coach_per_minute: u32,
    /// `text` or `json` log lines.
    pub log_format: String,
    /// How long (milliseconds) a node may reuse a session lookup; 0 turns the cache off.
    /// With several nodes, a sign-out elsewhere takes at most this long to reach this one.
    pub auth_cache_ms: u64,
    /// The secret invite codes are looked up by, base64 of 32 bytes; unset: a file in the data
    /// folder, made on first start. Set the same value on every node that shares one database.
    pub server_secret: Option<String>,
    /// Where e-mail goes out: `smtp://host:port` (a plain server on this machine),
    /// `smtps://user:password@host` (TLS) or `smtp://user:password@host?tls=required`
    /// (STARTTLS). Unset: no e-mail is offered.
    #[serde(default)]
    pub smtp_url: Option<String>,
    /// The sender of e-mails (`Kintsugi <kintsugi@example.org>`); needed with `smtp_url`.
    #[serde(default)]
    pub smtp_from: Option<String>,
    /// The address people reach this server at, for links in e-mails and calendar addresses;
    /// unset: `http://` and `bind`.
    #[serde(default)]
    pub public_url: Option<String>,
    /// How often (milliseconds) the reminder worker looks for what is due.
    pub worker_tick_ms: u64,
}

/// Flags that override every other layer.
#[derive(Debug, Default)]
pub struct Overrides {
    /// `--bind`.
    pub bind: Option<String>,
    /// `--data-dir`.
    pub data_dir: Option<PathBuf>,
}

impl Settings {
    /// The helplines the safety card shows: the configured ones, else the country's.
    pub fn helpline_list(&self) -> Vec<kintsugi_web::helplines::Helpline> {
        if !self.helplines.is_empty() {
            return self.helplines.clone();
        }
        let country = self.helpline_country.as_deref();
        country
            .and_then(kintsugi_web::helplines::for_country)
            .unwrap_or_default()
    }

    /// Loads the layers.
    pub fn load(file: Option<&Path>, overrides: Overrides) -> anyhow::Result<Settings> {
        let mut b = config::Config::builder()
            .set_default("bind", "127.0.0.1:8080")?
            .set_default("data_dir", "./kintsugi-data")?
            .set_default("secure_cookies", false)?
            .set_default("quick_exit_url", "https://www.bbc.com/weather")?
            .set_default("rate_limits", "on")?
            .set_default("rate_limit_sign_in_per_minute", 10)?
            .set_default("rate_limit_sign_up_per_hour", 20)?
            .set_default("rate_limit_join_per_minute", 10)?
            .set_default("rate_limit_coach_per_minute", 120)?
            .set_default("log_format", "text")?
            .set_default("auth_cache_ms", 1000)?
            .set_default("worker_tick_ms", 15_000)?;
        if let Some(path) = file {
            b = b.add_source(
                config::File::from(path)
                    .format(config::FileFormat::Toml)
                    .required(true),
            );
        }
        b = b.add_source(config::Environment::with_prefix("KINTSUGI").try_parsing(true));
        if let Some(bind) = overrides.bind {
            b = b.set_override("bind", bind)?;
        }
        if let Some(dir) = overrides.data_dir {
            b = b.set_override("data_dir", dir.to_string_lossy().to_string())?;
        }
        let s: Settings = b
            .build()
            .context("reading the configuration")?
            .try_deserialize()
            .context("the configuration has a value of the wrong kind")?;
        s.validate()?;
        Ok(s)
    }

    fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            matches!(self.rate_limits.as_str(), "on" | "off"),
            "rate_limits must be \"on\" or \"off\", not {:?}",
            self.rate_limits
        );
        anyhow::ensure!(
            [
                self.rate_limit_sign_in_per_minute,
                self.rate_limit_sign_up_per_hour,
                self.rate_limit_join_per_minute,
                self.rate_limit_coach_per_minute,
            ]
            .iter()
            .all(|n| *n > 0),
            "rate limits must be at least 1 (use rate_limits = \"off\" to turn them off)"
        );
        if let Some(c) = &self.helpline_country
            && self.helplines.is_empty()
        {
            anyhow::ensure!(
                kintsugi_web::helplines::for_country(c).is_some(),
                "helpline_country {c:?} has no built-in list (there are: {}); list your own under [[helplines]]",
                kintsugi_web::helplines::COUNTRIES.join(", ")
            );
        }
        anyhow::ensure!(
            matches!(self.log_format.as_str(), "text" | "json"),
            "log_format must be \"text\" or \"json\""
        );
        self.bind.parse::<std::net::SocketAddr>().with_context(|| {
            format!(
                "bind must be an address like 127.0.0.1:8080, not {:?}",
                self.bind
            )
        })?;
        anyhow::ensure!(
            self.smtp_url.is_some() == self.smtp_from.is_some(),
            "smtp_url and smtp_from go together: set both to send e-mail, or neither"
        );
        if let (Some(url), Some(from)) = (&self.smtp_url, &self.smtp_from) {
            kintsugi_web::reminders::mail::Mailer::check(url, from)
                .map_err(|e| anyhow::anyhow!("smtp_url or smtp_from: {e}"))?;
        }
        if let Some(url) = &self.public_url {
            anyhow::ensure!(
                url.starts_with("http://") || url.starts_with("https://"),
                "public_url must start with http:// or https://"
            );
        }
        anyhow::ensure!(self.worker_tick_ms > 0, "worker_tick_ms must be at least 1");
        if let Some(url) = &self.database_url {
            anyhow::ensure!(
                url.starts_with("postgres://")
                    || url.starts_with("postgresql://")
                    || url.starts_with("sqlite:"),
                "database_url must start with postgres:// or sqlite:"
            );
        }
        Ok(())
    }

    /// The configuration as TOML, with the database password hidden.
    pub fn redacted(&self) -> String {
        let mut shown = self.clone();
        shown.database_url = shown.database_url.as_deref().map(hide_password);
        shown.server_secret = shown.server_secret.as_ref().map(|_| "********".into());
        shown.smtp_url = shown.smtp_url.as_deref().map(hide_password);
        toml_lines(&shown)
    }
}

/// Hides the password part of a database URL.
pub fn hide_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((creds, host)) => {
            let user = creds.split_once(':').map_or(creds, |(u, _)| u);
            let masked = if creds.contains(':') {
                format!("{user}:********")
            } else {
                user.to_string()
            };
            format!("{scheme}://{masked}@{host}")
        }
        None => url.to_string(),
    }
}

fn toml_lines(s: &Settings) -> String {
    let value = serde_json::to_value(s).unwrap_or_default();
    let mut out = String::new();
    if let Some(map) = value.as_object() {
        for (k, v) in map {
            match v {
                serde_json::Value::Null => out.push_str(&format!("# {k} is not set\n")),
                other => out.push_str(&format!("{k} = {other}\n")),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_database_urls_are_hidden() {
        assert_eq!(
            hide_password("postgres://app:s3cret@db:5432/k"),
            "postgres://app:********@db:5432/k"
        );
        assert_eq!(hide_password("postgres://app@db/k"), "postgres://app@db/k");
    }

    #[test]
    fn file_then_flags_override_defaults() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("k.toml");
        std::fs::write(
            &file,
            "bind = \"127.0.0.1:9000\"\nquick_exit_url = \"https://example.org/\"\n",
        )
        .expect("write");
        let s = Settings::load(Some(&file), Overrides::default()).expect("loads");
        assert_eq!(s.quick_exit_url, "https://example.org/");
        let s = Settings::load(
            Some(&file),
            Overrides {
                bind: Some("127.0.0.1:9100".into()),
                data_dir: None,
            },
        )
        .expect("loads");
        assert_eq!(s.bind, "127.0.0.1:9100");
        assert_eq!(s.data_dir, PathBuf::from("./kintsugi-data"));
    }

    #[test]
    fn helplines_come_from_the_country_or_the_operators_own_list() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("k.toml");
        let none = Settings::load(None, Overrides::default()).expect("loads");
        assert!(none.helpline_list().is_empty(), "no guessing a country");
        std::fs::write(&file, "helpline_country = \"GB\"\n").expect("write");
        let gb = Settings::load(Some(&file), Overrides::default()).expect("loads");
        assert!(
            gb.helpline_list()
                .iter()
                .any(|l| l.contact.contains("116 123"))
        );
        std::fs::write(&file, "helpline_country = \"ZZ\"\n").expect("write");
        let err = Settings::load(Some(&file), Overrides::default()).expect_err("refused");
        assert!(err.to_string().contains("no built-in list"), "{err}");
        let own = "helpline_country = \"ZZ\"\n[[helplines]]\nfor = \"abuse\"\nname = \"Town line\"\ncontact = \"555 0100\"\n";
        std::fs::write(&file, own).expect("write");
        let s = Settings::load(Some(&file), Overrides::default()).expect("loads");
        let lines = s.helpline_list();
        assert_eq!((lines.len(), lines[0].name.as_str()), (1, "Town line"));
    }

    #[test]
    fn email_needs_both_an_smtp_address_and_a_sender_that_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("k.toml");
        for (toml, says) in [
            ("smtp_url = \"smtp://127.0.0.1:2525\"\n", "go together"),
            (
                "smtp_url = \"gopher://x\"\nsmtp_from = \"k@example.org\"\n",
                "SMTP address",
            ),
            (
                "smtp_url = \"smtp://127.0.0.1:25\"\nsmtp_from = \"nobody\"\n",
                "sender",
            ),
            ("public_url = \"kintsugi.example.org\"\n", "public_url"),
        ] {
            std::fs::write(&file, toml).expect("write");
            let err = Settings::load(Some(&file), Overrides::default()).expect_err(toml);
            assert!(format!("{err:#}").contains(says), "{toml}: {err:#}");
        }
        let ok = "smtp_url = \"smtps://user:secret@mail.example.org\"\nsmtp_from = \"Kintsugi <k@example.org>\"\n";
        std::fs::write(&file, ok).expect("write");
        let s = Settings::load(Some(&file), Overrides::default()).expect("loads");
        assert!(
            s.redacted()
                .contains("smtps://user:********@mail.example.org")
        );
        assert!(
            !s.redacted().contains(":secret@"),
            "the SMTP password is hidden"
        );
    }

    #[test]
    fn bad_values_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("k.toml");
        std::fs::write(&file, "rate_limits = \"sometimes\"\n").expect("write");
        let err = Settings::load(Some(&file), Overrides::default()).expect_err("refused");
        assert!(err.to_string().contains("rate_limits"));
    }
}
