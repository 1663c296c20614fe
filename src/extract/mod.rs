//! Claim extraction: sentences, attribution (cue, source, type), signals and the
//! suggested status. Works on one article at a time; `related` links claims across a
//! corpus. Knows nothing of files, the store or the terminal.

use crate::model::{Article, Claim};

/// Bump when extraction output changes, so cached claims are recomputed.
pub const VERSION: &str = "0";

/// The cue lexicons (built-in `config/cues/*.toml`, extended by the user's).
#[derive(Clone, Debug, Default)]
pub struct Cues {}

/// A cue lexicon file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct CuesError {
    pub path: std::path::PathBuf,
    pub message: String,
}

impl Cues {
    /// The built-in lexicons.
    pub fn builtin() -> Cues {
        Cues {}
    }

    /// The built-in lexicons extended by the user's files (entries are added, never
    /// removed).
    pub fn load(extra: &[std::path::PathBuf]) -> Result<Cues, CuesError> {
        let _ = extra;
        Ok(Cues::builtin())
    }
}

/// The claims one article makes, in text order.
pub fn extract(article: &Article, cues: &Cues) -> Vec<Claim> {
    let _ = (article, cues);
    Vec::new()
}

/// Link claims across the corpus that report the same event (fills `Claim::related`).
pub fn link_related(claims: &mut [Claim]) {
    let _ = claims;
}
