//! Finding the article files under a corpus folder: recursive, hidden entries skipped
//! (`.claimdesk`, `.git`), symlinks followed but never round a loop, result sorted by
//! relative path. Never reads file contents.

use crate::model::Problem;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Deeper than this is a generated tree, not a corpus; stop rather than recurse forever.
const MAX_DEPTH: usize = 64;

/// What a file holds, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `.txt`, `.md`: one article.
    Text,
    /// `.jsonl`: one article per line.
    Jsonl,
    /// `.csv`: one article per record after the header.
    Csv,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "markdown" => Some(Kind::Text),
            "jsonl" | "ndjson" => Some(Kind::Jsonl),
            "csv" => Some(Kind::Csv),
            _ => None,
        }
    }
}

/// One file to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// Relative to the corpus root, with `/` separators.
    pub rel: String,
    pub kind: Kind,
    /// What the file looked like when it was found, to tell later whether it changed.
    pub stamp: Stamp,
}

/// A file's identity as `stat` gives it (as git's index keeps it): a file whose stamp is
/// unchanged is taken to hold what it held, without reading it again to compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub len: u64,
    /// Modification and status-change times, in nanoseconds since the epoch.
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub ino: u64,
    pub dev: u64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
            Stamp {
                len: meta.len(),
                mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
                ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
                ino: meta.ino(),
                dev: meta.dev(),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            Stamp {
                len: meta.len(),
                mtime_ns,
                ..Stamp::default()
            }
        }
    }

    /// Whether the file may still change without its stamp changing: it was modified so
    /// shortly before `seen` (nanoseconds since the epoch, taken before the file was
    /// read) that a write right after the read could leave the same time, as file
    /// times are coarse (a clock tick; whole seconds on some file systems). Such a file
    /// must be compared by content next time (git's "racily clean" entries).
    pub fn racy(&self, seen: i64) -> bool {
        let whole_seconds = self.mtime_ns % 1_000_000_000 == 0;
        let margin = if whole_seconds {
            2_000_000_000
        } else {
            100_000_000
        };
        self.mtime_ns.saturating_add(margin) >= seen || self.ctime_ns.saturating_add(margin) >= seen
    }
}

/// What the TUI names the exports it writes into the corpus folder by default
/// (`claimdesk-export.csv`, …): the walk leaves them out, or the next start would read an
/// export's claims back as articles.
pub const EXPORT_STEM: &str = "claimdesk-export";

/// The article files under `root`, sorted by relative path, and the folders that could
/// not be read. Hidden files and folders and claimdesk's own exports are left out.
pub fn walk(root: &Path) -> (Vec<Source>, Vec<Problem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    if let Ok(canonical) = root.canonicalize() {
        seen.insert(canonical);
    }
    visit(root, root, 0, &mut seen, &mut found, &mut problems);
    found.sort_by(|a: &Source, b| a.rel.cmp(&b.rel));
    problems.sort_by(|a: &Problem, b| a.path.cmp(&b.path));
    (found, problems)
}

fn visit(
    root: &Path,
    dir: &Path,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
    found: &mut Vec<Source>,
    problems: &mut Vec<Problem>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem {
                path: rel_path(root, dir),
                message: format!("cannot open folder: {e}; skipped (check its permissions)"),
            });
            return;
        }
    };
    let entries: Vec<std::fs::DirEntry> = entries
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    // One stat per entry, on every core (a folder of 10k articles is 10k stats, the
    // walk's largest part); taken in order below.
    let metas: Vec<std::io::Result<std::fs::Metadata>> =
        entries.par_iter().map(metadata_of).collect();
    for (entry, meta) in entries.into_iter().zip(metas) {
        let name = entry.file_name();
        let path = entry.path();
        // `metadata_of` follows symlinks; a dangling link fails here.
        let meta = match meta {
            Ok(m) => m,
            Err(e) => {
                let dangling = e.kind() == std::io::ErrorKind::NotFound
                    && entry.file_type().is_ok_and(|t| t.is_symlink());
                if dangling && Kind::of(&path).is_some() {
                    problems.push(Problem {
                        path: rel_path(root, &path),
                        message: "a link to a file that does not exist; skipped".into(),
                    });
                } else if !dangling
                    && (Kind::of(&path).is_some() || e.kind() != std::io::ErrorKind::NotFound)
                {
                    problems.push(Problem {
                        path: rel_path(root, &path),
                        message: super::decode::io_message(&e),
                    });
                }
                continue;
            }
        };
        if meta.is_dir() {
            let Ok(canonical) = path.canonicalize() else {
                continue;
            };
            if !seen.insert(canonical) {
                // A symlink back to a folder already walked: following it would loop or
                // load the same articles twice.
                continue;
            }
            if depth + 1 >= MAX_DEPTH {
                problems.push(Problem {
                    path: rel_path(root, &path),
                    message: format!("nested more than {MAX_DEPTH} folders deep; skipped"),
                });
                continue;
            }
            visit(root, &path, depth + 1, seen, found, problems);
        } else if meta.is_file() && !name.to_string_lossy().starts_with(EXPORT_STEM) {
            if let Some(kind) = Kind::of(&path) {
                found.push(Source {
                    rel: rel_path(root, &path),
                    path,
                    kind,
                    stamp: Stamp::of(&meta),
                });
            }
        }
    }
}

/// The entry's metadata, through a symlink. A plain entry is looked up in its folder
/// (`fstatat` on the folder's open handle), not by its whole path again.
fn metadata_of(entry: &std::fs::DirEntry) -> std::io::Result<std::fs::Metadata> {
    match entry.file_type() {
        Ok(t) if !t.is_symlink() => entry.metadata(),
        _ => std::fs::metadata(entry.path()),
    }
}

/// `path` relative to `root`, `/`-separated, for display and for article paths.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_decide_the_kind_case_insensitively() {
        assert_eq!(Kind::of(Path::new("a/B.TXT")), Some(Kind::Text));
        assert_eq!(Kind::of(Path::new("x.md")), Some(Kind::Text));
        assert_eq!(Kind::of(Path::new("rows.JSONL")), Some(Kind::Jsonl));
        assert_eq!(Kind::of(Path::new("rows.csv")), Some(Kind::Csv));
        assert_eq!(Kind::of(Path::new("page.html")), None);
        assert_eq!(Kind::of(Path::new("README")), None);
    }

    #[test]
    fn a_file_written_just_before_it_was_read_is_racy() {
        let second = 1_000_000_000;
        let seen = 1_700_000_000 * second + 500_000_000;
        let at = |mtime_ns: i64| Stamp {
            mtime_ns,
            ctime_ns: mtime_ns,
            ..Stamp::default()
        };
        assert!(!at(seen - second).racy(seen), "a second before: settled");
        assert!(
            at(seen - 50_000_000).racy(seen),
            "50 ms before: a write may follow unseen"
        );
        assert!(at(seen + 5).racy(seen), "after the read began");
        // Whole-second file times (FAT, some network file systems) need a wider margin.
        assert!(at(seen - seen % second - second).racy(seen));
        assert!(!at(seen - seen % second - 3 * second).racy(seen));
    }

    #[test]
    fn claimdesks_own_exports_in_the_corpus_folder_are_not_articles() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("story.txt"), "Title\n\nBody.\n").unwrap();
        let row = r#"{"article":"story.txt","text":"Body.","source_type":"unattributed"}"#;
        std::fs::write(dir.path().join("claimdesk-export.jsonl"), row).unwrap();
        std::fs::write(dir.path().join("claimdesk-export.csv"), "claim_id,claim\n").unwrap();
        let (found, problems) = walk(dir.path());
        let rels: Vec<&str> = found.iter().map(|s| s.rel.as_str()).collect();
        assert_eq!(rels, ["story.txt"]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn walk_sorts_by_path_skips_hidden_and_survives_a_symlink_loop() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/inner")).unwrap();
        std::fs::create_dir_all(root.join(".claimdesk")).unwrap();
        std::fs::write(root.join("b/inner/z.txt"), "z").unwrap();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        std::fs::write(root.join("b.md"), "b").unwrap();
        std::fs::write(root.join(".hidden.txt"), "h").unwrap();
        std::fs::write(root.join(".claimdesk/notes.txt"), "n").unwrap();
        std::fs::write(root.join("page.html"), "<p>").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("b/inner/loop")).unwrap();
        let (found, problems) = walk(root);
        let rels: Vec<&str> = found.iter().map(|s| s.rel.as_str()).collect();
        assert_eq!(rels, ["a.txt", "b.md", "b/inner/z.txt"]);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
