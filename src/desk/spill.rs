//! Claim texts kept in a file instead of in memory. A TUI on a large corpus shows a few
//! dozen claims at a time and filters on their folded keys, so the loader writes each
//! batch's claim texts to a file of the session's own and the desk reads a claim's text
//! back when it is drawn (one positioned read). The file is unlinked as soon as it is
//! made: it leaves nothing behind, however the program ends.
//!
//! Spilling saves memory and nothing else: a file that cannot be made or written leaves
//! the texts in memory, as a headless load always keeps them.
//!
//! A load that read every file (a cold start) gives its spill file a name beside the
//! snapshot it keeps ([`Spill::persist`]): the snapshot records the file's stamp, and
//! the next start's claims point into that file ([`SpillReader::open`]) instead of
//! writing every text out again. Where the system cannot name a file made nameless
//! (Linux's `O_TMPFILE` is the way), the texts are written again at every start.

use crate::corpus::Stamp;
use crate::model::{Article, Claim, Spilled};
use crate::store::snapshot::{read_exact_at, unlinked_file};
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::Arc;

/// The loader's end: appends texts.
pub struct Spill {
    file: Arc<File>,
    end: u64,
    /// Made with `O_TMPFILE`, so that it can be given a name later.
    nameable: bool,
}

/// The desk's end: reads texts back.
#[derive(Clone, Debug)]
pub struct SpillReader {
    file: Arc<File>,
}

impl Spill {
    /// A new spill file in `dir`, already gone from the folder (or never in it).
    pub fn create(dir: &Path) -> io::Result<(Spill, SpillReader)> {
        let (file, nameable) = match nameless_file(dir) {
            Ok(file) => (file, true),
            Err(_) => (unlinked_file(dir)?, false),
        };
        let file = Arc::new(file);
        let reader = SpillReader {
            file: Arc::clone(&file),
        };
        let spill = Spill {
            file,
            end: 0,
            nameable,
        };
        Ok((spill, reader))
    }

    /// How many bytes have been appended.
    pub fn written(&self) -> u64 {
        self.end
    }

    /// A reader of this file.
    pub fn reader(&self) -> SpillReader {
        SpillReader {
            file: Arc::clone(&self.file),
        }
    }

    /// Give the file the name `path` (through a temporary name and a rename, so that a
    /// reader never finds half of it), and return its stamp as it is now, for
    /// [`SpillReader::open`]. Written once only: appending after this would change it.
    pub fn persist(&self, path: &Path) -> io::Result<Stamp> {
        if !self.nameable {
            return Err(io::Error::from(io::ErrorKind::Unsupported));
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".{}.tmp", std::process::id()));
        let tmp = std::path::PathBuf::from(tmp);
        let _ = std::fs::remove_file(&tmp);
        name_file(&self.file, &tmp)?;
        if let Err(e) = std::fs::rename(&tmp, path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        Ok(Stamp::of(&self.file.metadata()?))
    }

    /// Append `bytes`; returns where they start.
    pub fn append(&mut self, bytes: &[u8]) -> io::Result<u64> {
        let start = self.end;
        // the file is written only here, in order; reads are positioned and do not move
        // its cursor
        io::Write::write_all(&mut &*self.file, bytes)?;
        self.end += bytes.len() as u64;
        Ok(start)
    }
}

/// Move the texts of a batch's claims into `texts`, each claim keeping its place there in
/// `spilled` (to be written with [`Spill::append`], or put back if that fails).
pub fn gather(batch: &mut [(Article, Vec<Claim>)], texts: &mut Vec<u8>) {
    for claim in batch.iter_mut().flat_map(|(_, c)| c.iter_mut()) {
        let Ok(len) = u32::try_from(claim.text.len()) else {
            continue; // a text of 4 GiB stays where it is
        };
        claim.spilled = Some(Spilled {
            at: texts.len() as u64,
            len,
        });
        texts.extend_from_slice(std::mem::take(&mut claim.text).as_bytes());
    }
}

/// Reads many texts in file order a window at a time (re-indexing every claim), instead
/// of one read each.
pub struct Window<'a> {
    reader: &'a SpillReader,
    start: u64,
    buf: Vec<u8>,
}

/// How much of the file a [`Window`] reads at once.
const WINDOW: usize = 8 << 20;

impl Window<'_> {
    /// The text at `at`: from the window when it lies there, else read with the window
    /// moved to start at it.
    pub fn get(&mut self, at: Spilled) -> io::Result<&str> {
        let end = at.at + u64::from(at.len);
        let inside = at.at >= self.start && end <= self.start + self.buf.len() as u64;
        if !inside {
            let mut buf = vec![0; WINDOW.max(at.len as usize)];
            let n = self.reader.read_some_at(&mut buf, at.at)?;
            buf.truncate(n);
            if n < at.len as usize {
                return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
            }
            (self.start, self.buf) = (at.at, buf);
        }
        let from = (at.at - self.start) as usize;
        let bytes = &self.buf[from..from + at.len as usize];
        std::str::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

impl SpillReader {
    /// The spill file a load persisted at `path`, if it is still the file with `stamp`
    /// (the one a snapshot names): any other file there is not read.
    pub fn open(path: &Path, stamp: &Stamp) -> Option<SpillReader> {
        let file = File::open(path).ok()?;
        let now = Stamp::of(&file.metadata().ok()?);
        (now == *stamp).then(|| SpillReader {
            file: Arc::new(file),
        })
    }

    /// Whether the file holds `bytes` at `at` (a start checks that a persisted file
    /// still holds the texts it decodes, before its claims point there).
    pub fn holds(&self, at: u64, bytes: &[u8]) -> bool {
        let mut buf = vec![0; bytes.len()];
        self.read_at(&mut buf, at).is_ok() && buf == bytes
    }

    /// A [`Window`] over the file, for reading many texts in order.
    pub fn window(&self) -> Window<'_> {
        Window {
            reader: self,
            start: 0,
            buf: Vec::new(),
        }
    }

    /// Up to `buf.len()` bytes from `at`; fewer only at the end of the file.
    fn read_some_at(&self, buf: &mut [u8], at: u64) -> io::Result<usize> {
        let len = self.file.metadata()?.len();
        let n = buf.len().min(len.saturating_sub(at) as usize);
        self.read_at(&mut buf[..n], at)?;
        Ok(n)
    }

    /// The text at `at`.
    pub fn get(&self, at: Spilled) -> io::Result<String> {
        let mut buf = vec![0; at.len as usize];
        self.read_at(&mut buf, at.at)?;
        String::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    fn read_at(&self, buf: &mut [u8], at: u64) -> io::Result<()> {
        read_exact_at(&self.file, buf, at)
    }
}

/// A file in `dir` that never had a name (Linux: `O_TMPFILE`).
#[cfg(target_os = "linux")]
fn nameless_file(dir: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(dir)
}

#[cfg(not(target_os = "linux"))]
fn nameless_file(_dir: &Path) -> io::Result<File> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Give a file made by [`nameless_file`] the name `path`.
#[cfg(target_os = "linux")]
fn name_file(file: &File, path: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let from = std::ffi::CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
    let to = std::ffi::CString::new(path.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn name_file(_file: &File, _path: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str) -> Claim {
        Claim {
            text: text.to_string(),
            ..Default::default()
        }
    }

    #[cfg(unix)]
    #[test]
    fn texts_go_to_a_file_nobody_else_sees_and_come_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (mut spill, reader) = Spill::create(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "the file is unlinked at once"
        );
        let texts = ["قال الوزير إن الجيش تقدم", "", "The minister said so."];
        let mut batch = vec![(
            Article::default(),
            texts.iter().map(|t| claim(t)).collect::<Vec<_>>(),
        )];
        let mut second = vec![(Article::default(), vec![claim("ثم «ماذا»؟")])];
        for batch in [&mut batch, &mut second] {
            let mut texts = Vec::new();
            gather(batch, &mut texts);
            let start = spill.append(&texts).unwrap();
            for at in batch
                .iter_mut()
                .flat_map(|(_, c)| c)
                .filter_map(|c| c.spilled.as_mut())
            {
                at.at += start;
            }
        }
        let all: Vec<&Claim> = batch[0].1.iter().chain(&second[0].1).collect();
        assert!(all.iter().all(|c| c.text.is_empty() && c.spilled.is_some()));
        let back: Vec<String> = (all.iter())
            .map(|c| reader.get(c.spilled.unwrap()).unwrap())
            .collect();
        assert_eq!(
            back,
            [
                "قال الوزير إن الجيش تقدم",
                "",
                "The minister said so.",
                "ثم «ماذا»؟"
            ]
        );
        // a place past the end is an error, not a panic or a made-up text
        let past = Spilled {
            at: 1 << 20,
            len: 4,
        };
        assert!(reader.get(past).is_err());
        // read in order through a window, the same texts
        let mut window = reader.window();
        let through: Vec<String> = (all.iter())
            .map(|c| window.get(c.spilled.unwrap()).unwrap().to_string())
            .collect();
        assert_eq!(through, back);
        assert!(window.get(past).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_cannot_take_the_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Spill::create(&dir.path().join("missing")).is_err());
    }
}
