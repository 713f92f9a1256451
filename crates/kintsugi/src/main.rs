//! The Kintsugi binary: one executable for every task of whoever runs an instance.

mod coach;

use clap::{Parser, Subcommand};

/// Kintsugi: tools for two partners rebuilding trust.
#[derive(Parser)]
#[command(name = "kintsugi", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse text with the coach: from arguments, or stdin when none are given.
    Coach(coach::CoachArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Coach(args) => coach::run(args),
    }
}
