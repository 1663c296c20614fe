//! claimdesk: triage the claims in news articles from the terminal.
//!
//! Each stage is a plain library module with no knowledge of the terminal; the TUI
//! (`tui`) and the headless commands (`commands`) are two thin front ends over `desk`.

pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod desk;
pub mod export;
pub mod extract;
pub mod ids;
pub mod model;
pub mod search;
pub mod stats;
pub mod store;
pub mod text;
pub mod tui;
