//! The web app over real HTTP, as stories: one test binary, with a `TestApp` (a real server on
//! port 0 and a fresh SQLite database). `helpers.rs` holds the request plumbing and what every
//! story shares; each step's file holds that step's helpers (an `impl TestApp` block) and its
//! stories.

#![allow(clippy::unwrap_used, missing_docs)]

mod helpers;

mod accounts;
mod agreements;
mod apology;
mod closeness;
mod coach;
mod connections;
mod control;
mod couple;
mod document;
mod hangups;
mod health;
mod inbox;
mod leaving;
mod live;
mod pages_sweep;
mod paging;
mod progress;
mod promises;
mod queries;
mod reminders;
mod reports;
mod resets;
mod roots;
mod safety;
mod security;
mod support;
mod sweep;
mod talk;
mod time_zones;
mod triggers;
mod withdrawal;
mod yours;
