//! Claim texts kept in a file instead of in memory. A TUI on a large corpus shows a few
//! dozen claims at a time and filters on their folded keys, so the loader writes each
//! batch's claim texts to a file of the session's own and the desk reads a claim's text
//! back when it is drawn (one positioned read). The file is unlinked as soon as it is
//! made: it leaves nothing behind, however the program ends.
//!
//! Spilling saves memory and nothing else: a file that cannot be made or written leaves
//! the texts in memory, as a headless load always keeps them.

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
}

/// The desk's end: reads texts back.
#[derive(Clone, Debug)]
pub struct SpillReader {
    file: Arc<File>,
}

impl Spill {
    /// A new spill file in `dir`, already gone from the folder.
    pub fn create(dir: &Path) -> io::Result<(Spill, SpillReader)> {
        let file = Arc::new(unlinked_file(dir)?);
        let reader = SpillReader {
            file: Arc::clone(&file),
        };
        Ok((Spill { file, end: 0 }, reader))
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
