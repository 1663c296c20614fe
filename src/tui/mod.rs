//! The terminal front end: Elm shape (`Model`, `Action`, `update`, views that only draw).

pub mod bidi_probe;

use crate::cli::Global;
use crate::config::Config;
use crate::desk::Desk;

/// Run the TUI until the reviewer quits.
pub fn run(desk: Desk, config: &Config, global: &Global) -> anyhow::Result<()> {
    let _ = (desk, config, global);
    Ok(())
}
