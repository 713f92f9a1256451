//! The web app over real HTTP, as stories: one test binary, with a `TestApp` (a real server on
//! port 0 and a fresh SQLite database) whose helpers do the request plumbing.

#![allow(clippy::unwrap_used, missing_docs)]

mod helpers;

mod agreements;
mod apology;
mod document;
mod hangups;
mod http;
mod inbox;
mod leaving;
mod live;
mod promises;
mod queries;
mod resets;
mod roots;
mod talk;
mod time_zones;
mod triggers;
