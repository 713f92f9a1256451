//! The Kintsugi binary: one executable for every task of whoever runs an instance.

mod coach;
mod data;
mod files;
mod settings;

use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use kintsugi_store::Store;
use kintsugi_web::{AppState, RateLimits, WebConfig, accounts};
use settings::{Overrides, Settings};

/// mimalloc instead of the system allocator: a request that opens a list of sealed records
/// allocates many small buffers across threads, where glibc's arenas spend much of their time
/// in locks (measured with perf on GET /api/v1/reflections; see ARCHITECTURE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Kintsugi: tools for two partners rebuilding trust.
#[derive(Parser)]
#[command(name = "kintsugi", version, about)]
struct Cli {
    /// A TOML configuration file (optional).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Folder for the SQLite database [env: KINTSUGI_DATA_DIR] [default: ./kintsugi-data].
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web app.
    Serve {
        /// Address to listen on [env: KINTSUGI_BIND] [default: 127.0.0.1:8080].
        #[arg(long)]
        bind: Option<String>,
    },
    /// Run only the reminder worker (plans and sends reminders; `serve` runs one too).
    Worker,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Analyse text with the coach: from arguments, or stdin when none are given.
    Coach(coach::CoachArgs),
    /// Write everything a person wrote, and what was shared with them, as JSON. Their password
    /// (or, with --recovery-key, their recovery key) is read from stdin: the server alone
    /// can't open anyone's writing.
    Export {
        /// Their username.
        #[arg(long)]
        user: String,
        /// Read their recovery key instead of their password.
        #[arg(long)]
        recovery_key: bool,
        /// Write to this new file (readable by you alone) instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Copy the SQLite database to FILE while the server runs (a consistent snapshot).
    Backup {
        /// The new file.
        file: PathBuf,
    },
    /// Replace the SQLite database with FILE, after checking it (stop the server first).
    Restore {
        /// The backup.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from stdin, and the recovery key is printed.
    Create {
        /// Username.
        #[arg(long)]
        username: String,
        /// Display name.
        #[arg(long)]
        display_name: String,
    },
    /// Disable an account (it can no longer sign in; its sessions end).
    Disable {
        /// Username.
        #[arg(long)]
        username: String,
    },
    /// Re-enable a disabled account.
    Enable {
        /// Username.
        #[arg(long)]
        username: String,
    },
    /// Set a new password, read from stdin. Private writing cannot be recovered this way.
    ResetPassword {
        /// Username.
        #[arg(long)]
        username: String,
        /// Confirm that you have read what a reset cannot recover.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print the effective configuration, with secrets hidden.
    Check,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Coach(args) = cli.command {
        return coach::run(args);
    }
    let bind = match &cli.command {
        Command::Serve { bind } => bind.clone(),
        _ => None,
    };
    let settings = Settings::load(
        cli.config.as_deref(),
        Overrides {
            bind,
            data_dir: cli.data_dir.clone(),
        },
    )?;
    match &cli.command {
        Command::Config(ConfigCommand::Check) => {
            print!("{}", settings.redacted());
            return Ok(());
        }
        Command::Backup { file } => return data::backup(&settings, file),
        Command::Restore { file } => return data::restore(&settings, file),
        _ => {}
    }
    init_logging(&settings);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(run(cli.command, settings))
}

fn init_logging(settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KINTSUGI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if settings.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn open_store(settings: &Settings) -> anyhow::Result<Arc<dyn Store>> {
    match settings.database_url.as_deref() {
        Some(url) if url.starts_with("postgres") => {
            let store = kintsugi_store_postgres::open_url(url)
                .await
                .context("connecting to PostgreSQL (check database_url)")?;
            tracing::info!("using PostgreSQL");
            Ok(Arc::new(store))
        }
        Some(url) => Ok(Arc::new(
            kintsugi_store_sqlite::open_url(url)
                .await
                .context("opening the SQLite database")?,
        )),
        None => {
            files::data_dir(&settings.data_dir)?;
            let path = settings.data_dir.join(files::DATABASE_FILE);
            let store = kintsugi_store_sqlite::open(&path)
                .await
                .with_context(|| format!("opening {}", path.display()))?;
            tracing::info!(path = %path.display(), "using SQLite");
            Ok(Arc::new(store))
        }
    }
}

fn web_config(settings: &Settings, lookup_key: kintsugi_vault::LookupKey) -> WebConfig {
    let rate_limits = if settings.rate_limits == "off" {
        tracing::warn!(
            "rate limits are OFF (KINTSUGI_RATE_LIMITS=off): use this only for load testing"
        );
        None
    } else {
        Some(RateLimits {
            sign_in_per_minute: settings.rate_limit_sign_in_per_minute,
            sign_up_per_hour: settings.rate_limit_sign_up_per_hour,
            join_per_minute: settings.rate_limit_join_per_minute,
            coach_per_minute: settings.rate_limit_coach_per_minute,
        })
    };
    WebConfig {
        secure_cookies: settings.secure_cookies,
        quick_exit_url: settings.quick_exit_url.clone(),
        helplines: settings.helpline_list().into(),
        rate_limits,
        auth_cache: std::time::Duration::from_millis(settings.auth_cache_ms),
        lookup_key: Arc::new(lookup_key),
        connections: kintsugi_web::server::Connections {
            max: kintsugi_web::server::Connections::within(open_files()),
            ..Default::default()
        },
        mail: mailer(settings),
        public_url: settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", settings.bind)),
    }
}

/// The mailer, when SMTP is configured (the settings checked it reads).
fn mailer(settings: &Settings) -> Option<Arc<kintsugi_web::reminders::mail::Mailer>> {
    let (url, from) = (settings.smtp_url.as_ref()?, settings.smtp_from.as_ref()?);
    match kintsugi_web::reminders::mail::Mailer::new(url, from) {
        Ok(m) => Some(Arc::new(m)),
        Err(e) => {
            tracing::warn!(error = %e, "e-mail is off");
            None
        }
    }
}

/// The process's open-file limit, raised first to the most the system allows, and said in the
/// log: the connection bound stays below it.
fn open_files() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => {
            tracing::info!(open_files = n, "open-file limit");
            n
        }
        Err(e) => {
            let n = rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft);
            tracing::warn!(error = %e, open_files = n, "couldn't raise the open-file limit");
            n
        }
    }
}

pub(crate) fn read_password() -> anyhow::Result<String> {
    eprintln!("Type the password and press Enter:");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from stdin")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    let store = open_store(&settings).await?;
    // Only the server and the worker use the lookup secret (invite codes, links in e-mails).
    let lookup_key = match command {
        Command::Serve { .. } | Command::Worker => files::lookup_key(&settings)?,
        _ => kintsugi_vault::LookupKey::generate(),
    };
    let state = AppState::new(store, web_config(&settings, lookup_key));
    match command {
        Command::Serve { .. } => serve(state, &settings).await,
        Command::Worker => worker_alone(state, &settings).await,
        Command::Migrate => {
            println!("The database is migrated and ready.");
            Ok(())
        }
        Command::User(cmd) => user(state, cmd).await,
        Command::Export {
            user,
            recovery_key,
            out,
        } => data::export(state, &user, recovery_key, out.as_deref()).await,
        Command::Config(_)
        | Command::Coach(_)
        | Command::Backup { .. }
        | Command::Restore { .. } => Ok(()),
    }
}

async fn serve(state: AppState, settings: &Settings) -> anyhow::Result<()> {
    // Held while serving, so a restore can't replace the data under a running server.
    let _lock = data::lock_for_serving(settings)?;
    let listener = tokio::net::TcpListener::bind(&settings.bind)
        .await
        .with_context(|| format!("listening on {}", settings.bind))?;
    let addr = listener.local_addr()?;
    tokio::spawn(sweep_now_and_hourly(state.store.clone()));
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let tick = std::time::Duration::from_millis(settings.worker_tick_ms);
    let worker = tokio::spawn(kintsugi_web::reminders::worker::run(
        state.clone(),
        tick,
        stopping,
    ));
    tracing::info!(%addr, "Kintsugi is listening");
    eprintln!("Kintsugi is running at http://{addr}/ (Ctrl-C to stop)");
    let shutdown = async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    };
    kintsugi_web::serve(listener, state, shutdown).await?;
    // The worker finishes the e-mail it is sending, if any (bounded by its timeout).
    let _ = tokio::time::timeout(kintsugi_web::reminders::mail::SEND_TIMEOUT, worker).await;
    tracing::info!("stopped");
    Ok(())
}

/// The reminder worker alone, until Ctrl-C or SIGTERM.
async fn worker_alone(state: AppState, settings: &Settings) -> anyhow::Result<()> {
    anyhow::ensure!(
        state.config.mail.is_some(),
        "the worker sends e-mail: set smtp_url and smtp_from (KINTSUGI_SMTP_URL, KINTSUGI_SMTP_FROM)"
    );
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let tick = std::time::Duration::from_millis(settings.worker_tick_ms);
    let worker = tokio::spawn(kintsugi_web::reminders::worker::run(state, tick, stopping));
    eprintln!("The reminder worker is running (Ctrl-C to stop)");
    shutdown_signal().await;
    let _ = stop.send(true);
    let _ = tokio::time::timeout(kintsugi_web::reminders::mail::SEND_TIMEOUT, worker).await;
    tracing::info!("stopped");
    Ok(())
}

/// Deletes expired invites (with their key wraps) and sessions, addresses whose confirmation
/// link expired unopened, and jobs that ended long ago, at start and every hour.
async fn sweep_now_and_hourly(store: Arc<dyn Store>) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        match store.sweep(kintsugi_web::now()).await {
            Ok(n) => tracing::info!(removed = n, "swept expired invites and sessions"),
            Err(e) => tracing::warn!(error = %e, "sweeping expired invites and sessions failed"),
        }
        match store.sweep_reminders(kintsugi_web::now()).await {
            Ok(n) => tracing::info!(removed = n, "swept unconfirmed addresses and old jobs"),
            Err(e) => tracing::warn!(error = %e, "sweeping reminders failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn user(state: AppState, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Create {
            username,
            display_name,
        } => {
            let password = read_password()?;
            let new = accounts::NewAccount {
                username,
                display_name,
                password,
                time_zone: None,
            };
            let signed = accounts::sign_up(&state, &new, None)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("Created {}.", signed.username);
            println!("Recovery key (give it to them privately; it is shown only once):");
            println!("{}", signed.recovery.expose());
        }
        UserCommand::Disable { username } => {
            accounts::set_disabled(&state, &username, true)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("Disabled {username}; their sessions have ended.");
        }
        UserCommand::Enable { username } => {
            accounts::set_disabled(&state, &username, false)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("Enabled {username}.");
        }
        UserCommand::ResetPassword { username, yes } => {
            eprintln!("{}", accounts::RESET_WARNING);
            if !yes {
                anyhow::bail!(
                    "Nothing was changed. Run again with --yes once you have read the above."
                );
            }
            let password = read_password()?;
            accounts::admin_reset_password(&state, &username, &password)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "The password of {username} is reset. Their sessions have ended, and they have no recovery key until they make a new one in Account."
            );
        }
    }
    Ok(())
}
