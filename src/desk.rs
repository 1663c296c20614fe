//! A desk: one corpus, its claims and the store of marks, opened together. The TUI and
//! the headless commands are both thin front ends over this.

use crate::corpus::{self, Corpus, CorpusError};
use crate::extract::{self, Cues};
use crate::model::{Article, Claim, Mark, MarkEvent, Problem, QuoteSelector, Status};
use crate::store::{NewMark, Store, StoreError};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Where to find things when opening a desk.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    pub corpus: PathBuf,
    /// Store path; default `CORPUS/.claimdesk/triage.db`.
    pub db: Option<PathBuf>,
    pub reviewer: String,
    pub cues: Cues,
}

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: cannot create the store folder: {source} (is the corpus read-only? use --db PATH to keep the store elsewhere)")]
    StoreDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no claim with id {0} in this corpus (list them with `claimdesk claims`)")]
    UnknownClaim(String),
}

/// The default store path for a corpus root.
pub fn default_db_path(root: &Path) -> PathBuf {
    root.join(".claimdesk").join("triage.db")
}

/// One corpus opened for triage.
pub struct Desk {
    pub corpus: Corpus,
    /// All claims, grouped by article in article order.
    pub claims: Vec<Claim>,
    /// For each article (same index as `corpus.articles`), its range in `claims`.
    pub article_claims: Vec<Range<usize>>,
    /// For each claim, the index of its article.
    pub claim_article: Vec<usize>,
    pub store: Store,
    pub reviewer: String,
    by_id: HashMap<String, usize>,
    marks: HashMap<String, Mark>,
    /// Marks whose claim could not be found in the corpus any more (never dropped).
    pub orphans: Vec<Mark>,
    /// The newest history event this desk has seen.
    last_seq: i64,
}

/// The record `claims --format jsonl` writes: the contract in DESIGN.md.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ClaimRecord {
    pub id: String,
    pub article: String,
    pub article_id: String,
    pub text: String,
    /// Unicode code-point offsets into the article text as decoded.
    pub start: usize,
    pub end: usize,
    pub source: Option<String>,
    pub source_type: &'static str,
    pub cue: Option<String>,
    pub suggested: Status,
    pub status: Status,
    pub note: Option<String>,
    pub reviewer: Option<String>,
    pub updated_at: Option<String>,
}

/// Code-point offset of byte offset `byte` in `text`.
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.get(..byte)
        .map(|s| s.chars().count())
        .unwrap_or_else(|| text.char_indices().take_while(|(i, _)| *i < byte).count())
}

impl Desk {
    /// Load the corpus, extract (or read cached) claims, open the store and read the marks.
    pub fn open(opts: &OpenOptions) -> Result<Desk, DeskError> {
        let corpus = corpus::load(&opts.corpus)?;
        let db = match &opts.db {
            Some(p) => p.clone(),
            None => default_db_path(&corpus.root),
        };
        let store = open_store(&db)?;
        Self::with_store(corpus, store, opts)
    }

    /// Build a desk from a loaded corpus and an open store, extracting claims (or reading
    /// them from the store's cache).
    pub fn with_store(corpus: Corpus, store: Store, opts: &OpenOptions) -> Result<Desk, DeskError> {
        let mut per_article = Vec::with_capacity(corpus.articles.len());
        for article in &corpus.articles {
            per_article.push(match store.cached_claims(&article.id, extract::VERSION)? {
                Some(cached) => cached,
                None => {
                    let fresh = extract::extract(article, &opts.cues);
                    store.cache_claims(&article.id, extract::VERSION, &fresh)?;
                    fresh
                }
            });
        }
        Self::from_parts(corpus, per_article, store, &opts.reviewer)
    }

    /// Build a desk from claims already made, one list per article (tests, tools).
    pub fn from_parts(
        corpus: Corpus,
        per_article: Vec<Vec<Claim>>,
        store: Store,
        reviewer: &str,
    ) -> Result<Desk, DeskError> {
        let mut claims = Vec::new();
        let mut article_claims = Vec::with_capacity(corpus.articles.len());
        let mut claim_article = Vec::new();
        for (ai, found) in per_article.into_iter().enumerate() {
            let start = claims.len();
            claim_article.extend(std::iter::repeat_n(ai, found.len()));
            claims.extend(found);
            article_claims.push(start..claims.len());
        }
        // Articles the caller gave no list for have no claims.
        article_claims.resize(corpus.articles.len(), claims.len()..claims.len());
        extract::link_related(&mut claims);
        let by_id = claims
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut desk = Desk {
            corpus,
            claims,
            article_claims,
            claim_article,
            store,
            reviewer: reviewer.to_string(),
            by_id,
            marks: HashMap::new(),
            orphans: Vec::new(),
            last_seq: 0,
        };
        desk.reload_marks()?;
        Ok(desk)
    }

    /// Re-read every mark from the store.
    pub fn reload_marks(&mut self) -> Result<(), DeskError> {
        self.marks.clear();
        self.orphans.clear();
        for mark in self.store.marks()? {
            if self.by_id.contains_key(&mark.claim_id) {
                self.marks.insert(mark.claim_id.clone(), mark);
            } else {
                self.orphans.push(mark);
            }
        }
        self.last_seq = self.store.last_seq()?;
        Ok(())
    }

    /// Pick up marks other processes made since we last looked. Returns the claim indices
    /// that changed.
    pub fn refresh(&mut self) -> Result<Vec<usize>, DeskError> {
        let events = self.store.events_since(self.last_seq)?;
        if events.is_empty() {
            return Ok(Vec::new());
        }
        self.last_seq = events.last().map_or(self.last_seq, |e| e.seq);
        self.reload_marks()?;
        let mut changed: Vec<usize> = events
            .iter()
            .filter_map(|e| self.by_id.get(&e.claim_id).copied())
            .collect();
        changed.sort_unstable();
        changed.dedup();
        Ok(changed)
    }

    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn article_of(&self, claim: usize) -> &Article {
        &self.corpus.articles[self.claim_article[claim]]
    }

    pub fn mark_of(&self, claim: usize) -> Option<&Mark> {
        self.claims.get(claim).and_then(|c| self.marks.get(&c.id))
    }

    pub fn status(&self, claim: usize) -> Status {
        self.mark_of(claim).map_or(Status::Untriaged, |m| m.status)
    }

    pub fn problems(&self) -> &[Problem] {
        &self.corpus.problems
    }

    /// Record a decision: committed to the store before this returns, then reflected
    /// here. `note: None` keeps the claim's current note, `Some("")` clears it.
    pub fn mark(
        &mut self,
        claim: usize,
        status: Status,
        note: Option<String>,
    ) -> Result<MarkEvent, DeskError> {
        let c = self
            .claims
            .get(claim)
            .ok_or_else(|| DeskError::UnknownClaim(claim.to_string()))?;
        let article = self.article_of(claim);
        // None keeps the current note; an empty note clears it.
        let note = match note {
            None => self.mark_of(claim).and_then(|m| m.note.clone()),
            Some(n) if n.trim().is_empty() => None,
            Some(n) => Some(n),
        };
        let new = NewMark {
            claim_id: c.id.clone(),
            article_id: c.article_id.clone(),
            status,
            note,
            reviewer: self.reviewer.clone(),
            selector: QuoteSelector::for_span(&article.text, &c.span),
        };
        let event = self.store.record(&new)?;
        // Other reviewers may have written in between: take the store's word for it.
        self.refresh()?;
        Ok(event)
    }

    /// Mark by claim id (headless `mark`).
    pub fn mark_id(
        &mut self,
        id: &str,
        status: Status,
        note: Option<String>,
    ) -> Result<MarkEvent, DeskError> {
        let i = self
            .claim_index(id)
            .ok_or_else(|| DeskError::UnknownClaim(id.to_string()))?;
        self.mark(i, status, note)
    }

    /// The contract record for one claim.
    pub fn record(&self, claim: usize) -> ClaimRecord {
        let c = &self.claims[claim];
        let article = self.article_of(claim);
        let mark = self.mark_of(claim);
        ClaimRecord {
            id: c.id.clone(),
            article: article.path.clone(),
            article_id: c.article_id.clone(),
            text: c.text.clone(),
            start: char_offset(&article.text, c.span.start),
            end: char_offset(&article.text, c.span.end),
            source: c.attribution.source.clone(),
            source_type: c.attribution.source_type.as_str(),
            cue: c.attribution.cue.clone(),
            suggested: c.suggested,
            status: mark.map_or(Status::Untriaged, |m| m.status),
            note: mark.and_then(|m| m.note.clone()),
            reviewer: mark.map(|m| m.reviewer.clone()),
            updated_at: mark.map(|m| m.at.clone()),
        }
    }

    /// What the filter knows about each claim, in claim order.
    pub fn search_items(&self) -> Vec<crate::search::Item> {
        (0..self.claims.len())
            .map(|i| self.search_item(i))
            .collect()
    }

    pub fn search_item(&self, claim: usize) -> crate::search::Item {
        let c = &self.claims[claim];
        let a = self.article_of(claim);
        let mark = self.mark_of(claim);
        crate::search::Item {
            text: c.text.clone(),
            fields: crate::search::Fields {
                status: Some(mark.map_or(Status::Untriaged, |m| m.status)),
                source_type: Some(c.attribution.source_type),
                source: c.attribution.source.clone().unwrap_or_default(),
                outlet: a.outlet.clone().unwrap_or_default(),
                article: format!("{} {}", a.path, a.title),
                date: a.date.clone(),
                has_note: mark.is_some_and(|m| m.note.as_deref().is_some_and(|n| !n.is_empty())),
                related: !c.related.is_empty(),
                disputed: mark.is_some_and(|m| m.disputed),
            },
        }
    }

    /// Counts by status, in `Status::ALL` order.
    pub fn counts(&self) -> [usize; 4] {
        let mut counts = [0; 4];
        for i in 0..self.claims.len() {
            let s = self.status(i);
            counts[Status::ALL.iter().position(|x| *x == s).unwrap_or(0)] += 1;
        }
        counts
    }
}

fn open_store(db: &Path) -> Result<Store, DeskError> {
    if db.as_os_str() == ":memory:" {
        return Ok(Store::open_in_memory()?);
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| DeskError::StoreDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(Store::open(db)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points_not_bytes() {
        let t = "قال: نعم";
        assert_eq!(char_offset(t, 0), 0);
        assert_eq!(char_offset(t, "قال".len()), 3);
        assert_eq!(char_offset(t, t.len()), 8);
        assert_eq!(
            char_offset(t, 1),
            1,
            "inside a char: counts the char it starts"
        );
    }
}
