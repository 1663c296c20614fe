//! Durable state in SQLite: marks (latest per claim and reviewer), the append-only
//! history, and the claim cache. A mark is committed before `record` returns; nothing
//! here ever overwrites another reviewer's decision silently.

use crate::model::{Claim, Mark, MarkEvent, QuoteSelector, Status};
use std::path::{Path, PathBuf};

/// Why the store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("{path}: written by a newer claimdesk (schema {found}, this one knows {known}); upgrade claimdesk, or use --db for another store")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("store: {0}")]
    Sql(String),
}

/// A decision about to be recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct NewMark {
    pub claim_id: String,
    pub article_id: String,
    pub status: Status,
    pub note: Option<String>,
    pub reviewer: String,
    pub selector: QuoteSelector,
}

/// An open store.
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// Open (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Ok(Store {
            path: path.to_path_buf(),
        })
    }

    /// A store that lives in memory only (tests, `--db :memory:`).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Ok(Store {
            path: PathBuf::from(":memory:"),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Commit one decision and its history row in one transaction.
    pub fn record(&self, mark: &NewMark) -> Result<MarkEvent, StoreError> {
        Err(StoreError::Sql(format!("not built yet: {mark:?}")))
    }

    /// Every claim's current mark (the latest decision across reviewers, with `disputed`).
    pub fn marks(&self) -> Result<Vec<Mark>, StoreError> {
        Ok(Vec::new())
    }

    /// History events with `seq > after`, oldest first.
    pub fn events_since(&self, after: i64) -> Result<Vec<MarkEvent>, StoreError> {
        let _ = after;
        Ok(Vec::new())
    }

    /// One claim's history, oldest first.
    pub fn history(&self, claim_id: &str) -> Result<Vec<MarkEvent>, StoreError> {
        let _ = claim_id;
        Ok(Vec::new())
    }

    /// Cached extraction for an article, if made by extractor `version`.
    pub fn cached_claims(
        &self,
        article_id: &str,
        version: &str,
    ) -> Result<Option<Vec<Claim>>, StoreError> {
        let _ = (article_id, version);
        Ok(None)
    }

    pub fn cache_claims(
        &self,
        article_id: &str,
        version: &str,
        claims: &[Claim],
    ) -> Result<(), StoreError> {
        let _ = (article_id, version, claims);
        Ok(())
    }
}
