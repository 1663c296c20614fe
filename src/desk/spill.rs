//! Claim texts kept in a file instead of in memory. A TUI on a large corpus shows a few
//! dozen claims at a time and filters on their folded keys, so the loader writes each
//! batch's claim texts to a file of the session's own and the desk reads a claim's text
//! back when it is drawn (one positioned read). The file is unlinked as soon as it is
//! made: it leaves nothing behind, however the program ends.
//!
//! Spilling saves memory and nothing else: a file that cannot be made or written leaves
//! the texts in memory, as a headless load always keeps them.

use crate::model::{Article, Claim, Spilled};
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
    #[cfg(unix)]
    pub fn create(dir: &Path) -> io::Result<(Spill, SpillReader)> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".claimdesk-texts-{}-{n}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::fs::remove_file(&path)?;
        let file = Arc::new(file);
        let reader = SpillReader {
            file: Arc::clone(&file),
        };
        Ok((Spill { file, end: 0 }, reader))
    }

    /// Without positioned reads and unlinking open files, texts stay in memory.
    #[cfg(not(unix))]
    pub fn create(_dir: &Path) -> io::Result<(Spill, SpillReader)> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "claim texts are spilled only on Unix",
        ))
    }

    /// Write the texts of a batch's claims in one go, and let go of them: each claim
    /// keeps where its text lies. Nothing changes when the write fails.
    pub fn take_texts(&mut self, batch: &mut [(Article, Vec<Claim>)]) -> io::Result<()> {
        let mut buf = Vec::new();
        let mut at = Vec::new();
        for claim in batch.iter().flat_map(|(_, c)| c) {
            let len = u32::try_from(claim.text.len()).map_err(io::Error::other)?;
            at.push(Spilled {
                at: self.end + buf.len() as u64,
                len,
            });
            buf.extend_from_slice(claim.text.as_bytes());
        }
        self.write_at(&buf)?;
        self.end += buf.len() as u64;
        let claims = batch.iter_mut().flat_map(|(_, c)| c.iter_mut());
        for (claim, at) in claims.zip(at) {
            claim.text = String::new();
            claim.spilled = Some(at);
        }
        Ok(())
    }

    #[cfg(unix)]
    fn write_at(&self, buf: &[u8]) -> io::Result<()> {
        std::os::unix::fs::FileExt::write_all_at(&*self.file, buf, self.end)
    }

    #[cfg(not(unix))]
    fn write_at(&self, _buf: &[u8]) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

impl SpillReader {
    /// The text at `at`.
    pub fn get(&self, at: Spilled) -> io::Result<String> {
        let mut buf = vec![0; at.len as usize];
        self.read_at(&mut buf, at.at)?;
        String::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    #[cfg(unix)]
    fn read_at(&self, buf: &mut [u8], at: u64) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(&*self.file, buf, at)
    }

    #[cfg(not(unix))]
    fn read_at(&self, _buf: &mut [u8], _at: u64) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
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
        spill.take_texts(&mut batch).unwrap();
        let mut second = vec![(Article::default(), vec![claim("ثم «ماذا»؟")])];
        spill.take_texts(&mut second).unwrap();
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
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_cannot_take_the_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Spill::create(&dir.path().join("missing")).is_err());
    }
}
