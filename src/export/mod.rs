//! Exports for the rest of the newsroom: csv, jsonl, markdown, ClaimReview JSON-LD and
//! the decision log. Writes to a temporary file and renames, so a crash never leaves half
//! a file. Article text is untrusted: every format neutralises what its reader would run.

mod claimreview;
mod csv;
mod jsonl;
pub mod log;
mod markdown;

use crate::cli::ExportFormat;
use crate::desk::Desk;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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

/// Write `claims` (indices into `desk.claims`, in order) in `format`. Indices past the
/// end are skipped. `log` writes the history of the selected claims, and of claims no
/// longer in the corpus too when every claim is selected.
pub fn export(
    desk: &Desk,
    format: ExportFormat,
    claims: &[usize],
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let claims: Vec<usize> = claims
        .iter()
        .copied()
        .filter(|&i| i < desk.claims.len())
        .collect();
    match format {
        ExportFormat::Csv => csv::write(desk, &claims, opts, out),
        ExportFormat::Jsonl => jsonl::write(desk, &claims, opts, out),
        ExportFormat::Md => markdown::write(desk, &claims, out),
        ExportFormat::Claimreview => claimreview::write(desk, &claims, opts, out),
        ExportFormat::Log => log::write(desk, &claims, out),
    }
}

/// Write a file through a temporary sibling and a rename, so readers see either the old
/// file or the complete new one, even if the process is killed mid-write. The data is
/// fsynced before the rename; a replaced file keeps its permissions.
pub fn write_atomically(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    // Replace what a symlink points at, not the link.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let name = target.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a file name (give a file to write, or - for standard output)",
        )
    })?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp, file) = create_temporary(&dir, &name.to_string_lossy())?;
    let written: io::Result<()> = (|| {
        let mut w = BufWriter::new(&file);
        write(&mut w)?;
        w.flush()?;
        drop(w);
        if let Ok(meta) = std::fs::metadata(&target) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        // Make the rename itself durable; not every platform can open a folder.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// A new hidden file next to the target, never one that already exists.
fn create_temporary(dir: &Path, name: &str) -> io::Result<(PathBuf, std::fs::File)> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.{pid}-{attempt}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 1000 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// A store error where the writer's trait wants an `io::Error`.
fn store_io(e: crate::store::StoreError) -> io::Error {
    io::Error::other(e.to_string())
}
