//! A desk: one corpus, its claims and the store of marks, opened together. The TUI and
//! the headless commands are both thin front ends over this.

mod anchor;
mod by_id;
mod edits;
mod loader;
pub mod spill;

pub use loader::{Loaded, Loader, Progress, Stage};

use crate::corpus::{Corpus, CorpusError};
use crate::extract::Cues;
use crate::model::{Article, Claim, Mark, MarkEvent, Problem, QuoteSelector, Status};
use crate::store::{NewMark, Store, StoreError};
use foldhash::{HashMap, HashMapExt, HashSet};
use serde::Serialize;
use std::cell::Cell;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// An article's text could not be read again (see [`Desk::load_text`]).
    #[error("{0}")]
    Text(Problem),
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
    by_id: by_id::ClaimsById,
    /// Every claim's current mark, by claim id (also marks on claims not loaded).
    marks: HashMap<String, Mark>,
    /// Marks on claim ids the extractor no longer makes, re-anchored by their quote
    /// selector: old id → claim index.
    aliases: HashMap<String, usize>,
    /// The same, the other way: claim index → old ids carried over to it.
    carried: HashMap<usize, Vec<String>>,
    /// Claims a reviewer dismissed (not claims): out of progress, navigation and exports.
    dismissed: HashSet<usize>,
    /// Claims whose source a reviewer named by hand (as of the last `apply_edits`).
    edited: Vec<usize>,
    /// The newest correction this desk has applied.
    last_edit_seq: i64,
    /// Orphans already tried, so a refresh does not look them up again.
    unanchored: HashSet<String>,
    /// The newest history event this desk has seen.
    last_seq: i64,
    /// [`Desk::counts`] as last computed; `None` once a change may have moved them (the
    /// status bar asks on every frame, and a large corpus must not be counted each time).
    counted: Cell<Option<[usize; 4]>>,
    /// Where the texts of spilled claims are read back from (see [`spill`]).
    spill: Option<spill::SpillReader>,
}

/// What another process changed since the desk last looked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Claims whose mark changed.
    pub marks: Vec<usize>,
    /// Reviewers' corrections changed (claims may have been added: indices can move).
    pub edits: bool,
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
        Self::open_with_progress(opts, &mut |_| {})
    }

    /// As [`Desk::open`], reporting progress (for a bar on stderr).
    pub fn open_with_progress(
        opts: &OpenOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Desk, DeskError> {
        progress(Progress::reading());
        let root = corpus_root(&opts.corpus)?;
        let db = db_path(opts, &root);
        let store = open_store(&db)?;
        let empty = Corpus {
            root,
            ..Default::default()
        };
        let mut desk = Self::from_parts(empty, Vec::new(), store, &opts.reviewer)?;
        let snapshot = crate::store::snapshot::path_for(&db);
        let kept = loader::load(
            opts,
            snapshot.as_deref(),
            false,
            &mut None,
            &mut |message| {
                if let Loaded::Progress(p) = &message {
                    progress(*p);
                }
                desk.apply(message);
                true
            },
        )?;
        if let Some(kept) = kept {
            loader::keep(snapshot.as_deref(), &kept);
        }
        Ok(desk)
    }

    /// For the TUI: check the corpus path and open the store now (so their errors come
    /// before the screen), and load the articles on a background thread. The desk starts
    /// empty; feed it the loader's messages with [`Desk::apply`].
    pub fn open_in_background(opts: &OpenOptions) -> Result<(Desk, Loader), DeskError> {
        let root = corpus_root(&opts.corpus)?;
        let db = db_path(opts, &root);
        let store = open_store(&db)?;
        let empty = Corpus {
            root,
            ..Default::default()
        };
        let mut desk = Self::from_parts(empty, Vec::new(), store, &opts.reviewer)?;
        // The claims' texts go to a file beside the store (a store in memory: the
        // temporary folder); without one they stay in memory.
        let dir = (db.parent())
            .filter(|d| !d.as_os_str().is_empty() && db != Path::new(":memory:"))
            .map_or_else(std::env::temp_dir, Path::to_path_buf);
        let spill = match spill::Spill::create(&dir) {
            Ok((writer, reader)) => {
                desk.spill = Some(reader);
                Some(writer)
            }
            Err(_) => None,
        };
        let loader = Loader::spawn(opts.clone(), db, spill);
        Ok((desk, loader))
    }

    /// Build a desk from claims already made, one list per article (tests, tools).
    pub fn from_parts(
        corpus: Corpus,
        per_article: Vec<Vec<Claim>>,
        store: Store,
        reviewer: &str,
    ) -> Result<Desk, DeskError> {
        let Corpus {
            root,
            articles,
            problems,
        } = corpus;
        let mut desk = Desk {
            corpus: Corpus {
                root,
                articles: Vec::new(),
                problems,
            },
            claims: Vec::new(),
            article_claims: Vec::new(),
            claim_article: Vec::new(),
            store,
            reviewer: reviewer.to_string(),
            by_id: Default::default(),
            marks: HashMap::new(),
            aliases: HashMap::new(),
            carried: HashMap::new(),
            unanchored: Default::default(),
            dismissed: Default::default(),
            edited: Vec::new(),
            last_edit_seq: 0,
            last_seq: 0,
            counted: Cell::new(None),
            spill: None,
        };
        let mut per_article = per_article.into_iter();
        let batch: Vec<(Article, Vec<Claim>)> = articles
            .into_iter()
            .map(|a| (a, per_article.next().unwrap_or_default()))
            .collect();
        desk.push(batch);
        desk.link_related();
        desk.apply_edits()?;
        desk.reload_marks()?;
        desk.reanchor();
        Ok(desk)
    }

    /// Add articles with their claims (a loader batch). Returns how many claims were
    /// left out as copies of claims the desk has.
    pub fn push(&mut self, batch: Vec<(Article, Vec<Claim>)>) -> usize {
        let mut skipped = 0;
        let claims: usize = batch.iter().map(|(_, c)| c.len()).sum();
        self.claims.reserve(claims);
        self.claim_article.reserve(claims);
        self.by_id.reserve(claims);
        // a desk with no marks yet (a first start) need not look each new claim up
        let unmarked = self.marks.is_empty() && self.carried.is_empty();
        let mut counts = self.counted.get();
        for (article, found) in batch {
            let ai = self.corpus.articles.len();
            let start = self.claims.len();
            for claim in found {
                let i = self.claims.len();
                if !self.by_id.insert_new(&self.claims, &claim.id, i) {
                    skipped += 1;
                    continue; // the same sentence in two identical articles: keep one
                }
                self.claim_article.push(ai);
                self.claims.push(claim);
                if let Some(counts) = counts.as_mut() {
                    let status = if unmarked {
                        Status::Untriaged
                    } else {
                        self.status(i)
                    };
                    counts[status_slot(status)] += 1;
                }
            }
            self.article_claims.push(start..self.claims.len());
            self.corpus.articles.push(article);
        }
        self.counted.set(counts);
        skipped
    }

    /// Make room at once for the claims of `total` articles, as many per article as so
    /// far (and some to spare), instead of growing by doubling: each doubling of a list
    /// of a million claims copies it whole into pages the system must clear first, on
    /// the thread that draws the screen. Room not yet used costs no memory.
    fn expect(&mut self, total: usize) {
        let articles = self.corpus.articles.len();
        if articles == 0 || total <= articles {
            return;
        }
        let claims = self.claims.len();
        let expected = claims.saturating_mul(total) / articles;
        if self.claims.capacity() >= expected {
            return;
        }
        let more = (expected + expected / 2).saturating_sub(claims);
        self.claims.reserve_exact(more);
        self.claim_article.reserve_exact(more);
        self.by_id.reserve(more);
    }

    /// Link related claims across the whole corpus (after the last batch).
    pub fn link_related(&mut self) {
        if !self.claims.is_empty() {
            crate::extract::link_related(&mut self.claims);
        }
    }

    fn apply_links(&mut self, links: loader::Links) {
        for (id, related, suggested) in links {
            if let Some(i) = self.claim_index(&id) {
                self.claims[i].related = related;
                self.claims[i].suggested = suggested;
            }
        }
    }

    /// Forget every article and claim (the loader starts again); marks stay.
    fn clear_corpus(&mut self) {
        self.counted.set(None);
        self.corpus.articles.clear();
        self.corpus.problems.clear();
        self.claims.clear();
        self.article_claims.clear();
        self.claim_article.clear();
        self.by_id.clear();
        self.aliases.clear();
        self.carried.clear();
        self.unanchored.clear();
        self.dismissed.clear();
        self.edited.clear();
    }

    /// Take one message from a background [`Loader`]; returns true when loading is over.
    pub fn apply(&mut self, message: Loaded) -> bool {
        match message {
            Loaded::Problems(p) => {
                self.corpus.problems.extend(p);
                false
            }
            Loaded::Batch(batch) | Loaded::Indexed { batch, .. } => {
                self.push(batch);
                false
            }
            Loaded::Progress(p) => {
                self.expect(p.total);
                false
            }
            Loaded::Related(links) => {
                self.apply_links(links);
                false
            }
            Loaded::Reset => {
                self.clear_corpus();
                false
            }
            Loaded::Texts(reader) => {
                self.spill = Some(reader);
                false
            }
            Loaded::Done => {
                crate::corpus::sort_problems(&mut self.corpus.problems);
                if let Err(e) = self.apply_edits() {
                    self.corpus.problems.push(Problem {
                        path: self.store.path().display().to_string(),
                        message: format!("reviewers' corrections could not be read: {e}"),
                    });
                }
                self.reanchor();
                true
            }
            Loaded::Failed(message) => {
                self.corpus.problems.push(Problem {
                    path: self.corpus.root.display().to_string(),
                    message,
                });
                true
            }
        }
    }

    /// Re-read every mark from the store.
    pub fn reload_marks(&mut self) -> Result<(), DeskError> {
        self.counted.set(None);
        self.marks = self
            .store
            .marks()?
            .into_iter()
            .map(|m| (m.claim_id.clone(), m))
            .collect();
        self.last_seq = self.store.last_seq()?;
        Ok(())
    }

    /// Marks whose claim is not in the corpus (any more) and could not be re-anchored:
    /// reported, never dropped.
    pub fn orphans(&self) -> Vec<&Mark> {
        let mut out: Vec<&Mark> = self
            .marks
            .values()
            .filter(|m| {
                !self.by_id.contains(&self.claims, &m.claim_id)
                    && !self.aliases.contains_key(&m.claim_id)
            })
            .collect();
        out.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
        out
    }

    /// Match marks on claim ids that are no longer made back to claims, by the quote
    /// selector of their latest event. Runs once per orphan.
    pub fn reanchor(&mut self) {
        let orphans: Vec<String> = self
            .marks
            .keys()
            .filter(|id| {
                !self.by_id.contains(&self.claims, id)
                    && !self.aliases.contains_key(*id)
                    && !self.unanchored.contains(*id)
            })
            .cloned()
            .collect();
        if orphans.is_empty() {
            return;
        }
        let articles: HashMap<String, usize> = self
            .corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let mut found = Vec::new();
        for id in orphans {
            let event = self
                .store
                .history(&id)
                .ok()
                .and_then(|h| h.into_iter().last());
            let target = event.and_then(|e| {
                let ai = *articles.get(e.article_id.as_str())?;
                self.load_text(ai).ok()?;
                let range = anchor::locate(&e.selector, &self.corpus.articles[ai].text)?;
                let claims = self.article_claims[ai].clone();
                anchor::best_claim(&range, &self.claims[claims.clone()]).map(|k| claims.start + k)
            });
            match target {
                Some(c) => found.push((id, c)),
                None => {
                    self.unanchored.insert(id);
                }
            }
        }
        self.counted.set(None);
        for (old, c) in found {
            self.carried.entry(c).or_default().push(old.clone());
            self.aliases.insert(old, c);
        }
    }

    /// How many marks were carried over to changed claims by their quote selector.
    pub fn reanchored(&self) -> usize {
        self.aliases.len()
    }

    /// Pick up marks other processes made since we last looked. Returns the claim indices
    /// that changed.
    pub fn refresh(&mut self) -> Result<Changes, DeskError> {
        let mut changes = Changes::default();
        if self.store.last_edit_seq()? > self.last_edit_seq {
            self.apply_edits()?;
            changes.edits = true;
        }
        let events = self.store.events_since(self.last_seq)?;
        if events.is_empty() {
            return Ok(changes);
        }
        self.counted.set(None);
        self.last_seq = events.last().map_or(self.last_seq, |e| e.seq);
        // Re-read only the claims these events touched: a large store has many marks.
        let mut ids: Vec<&str> = events.iter().map(|e| e.claim_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in &ids {
            self.marks.remove(*id);
        }
        for m in self.store.marks_of(&ids)? {
            self.marks.insert(m.claim_id.clone(), m);
        }
        changes.marks = events
            .iter()
            .filter_map(|e| self.by_id.get(&self.claims, &e.claim_id))
            .collect();
        changes.marks.sort_unstable();
        changes.marks.dedup();
        Ok(changes)
    }

    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(&self.claims, id)
    }

    pub fn article_of(&self, claim: usize) -> &Article {
        &self.corpus.articles[self.claim_article[claim]]
    }

    /// Make sure article `a`'s text is in memory. A TUI load keeps only the texts the
    /// reviewer uses (shown, marked, corrected, exported) and reads the others again from
    /// their files when asked; the error names the file and why its text is not to be
    /// had (the file changed or went away since the load).
    pub fn load_text(&mut self, a: usize) -> Result<(), Problem> {
        let Some(article) = self.corpus.articles.get(a).filter(|a| a.shelved) else {
            return Ok(());
        };
        let text =
            crate::corpus::reread(&self.corpus.root, article).map_err(|message| Problem {
                path: article.path.clone(),
                message,
            })?;
        let article = &mut self.corpus.articles[a];
        article.text = text;
        article.shelved = false;
        Ok(())
    }

    /// [`Desk::load_text`] for the articles of `claims`; returns the articles whose text
    /// was read for it (to [`Desk::shelve`] again), or the first that could not be.
    pub fn load_texts(&mut self, claims: &[usize]) -> Result<Vec<usize>, Problem> {
        let mut articles: Vec<usize> = claims
            .iter()
            .filter_map(|&c| self.claim_article.get(c).copied())
            .filter(|&a| self.corpus.articles[a].shelved)
            .collect();
        articles.sort_unstable();
        articles.dedup();
        for &a in &articles {
            self.load_text(a)?;
        }
        Ok(articles)
    }

    /// Claim `claim`'s text: its own, or read back from the spill file (a read that
    /// fails gives a text that says so, never a panic).
    pub fn claim_text(&self, claim: usize) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        let Some(c) = self.claims.get(claim) else {
            return Cow::Borrowed("");
        };
        match (c.spilled, &self.spill) {
            (Some(at), Some(spill)) if c.text.is_empty() => match spill.get(at) {
                Ok(text) => Cow::Owned(text),
                Err(e) => Cow::Owned(format!("[this claim's text could not be read back: {e}]")),
            },
            _ => Cow::Borrowed(&c.text),
        }
    }

    /// Everything a whole-claim job (an export) reads of `claims`, in memory until
    /// [`Desk::release`]: their articles' texts and their own.
    pub fn hold(&mut self, claims: &[usize]) -> Result<Held, Problem> {
        let articles = self.load_texts(claims)?;
        let mut held = Held {
            articles,
            claims: Vec::new(),
        };
        for &c in claims {
            if self
                .claims
                .get(c)
                .is_some_and(|c| c.spilled.is_some() && c.text.is_empty())
            {
                let text = self.claim_text(c).into_owned();
                self.claims[c].text = text;
                held.claims.push(c);
            }
        }
        Ok(held)
    }

    /// Let go again of what [`Desk::hold`] read, but for the article in `keep`.
    pub fn release(&mut self, held: Held, keep: Option<usize>) {
        let articles: Vec<usize> = (held.articles.into_iter())
            .filter(|&a| Some(a) != keep)
            .collect();
        self.shelve(&articles);
        for c in held.claims {
            if let Some(claim) = self.claims.get_mut(c).filter(|c| c.spilled.is_some()) {
                claim.text = String::new();
            }
        }
    }

    /// Let go of the texts of `articles` that can be read again from their own file.
    pub fn shelve(&mut self, articles: &[usize]) {
        for &a in articles {
            if let Some(article) = self.corpus.articles.get_mut(a) {
                shelve(article);
            }
        }
    }

    /// The claim's current mark: its own, or one re-anchored to it, whichever is newer.
    pub fn mark_of(&self, claim: usize) -> Option<&Mark> {
        let own = self.claims.get(claim).and_then(|c| self.marks.get(&c.id));
        let carried = self
            .carried
            .get(&claim)
            .into_iter()
            .flatten()
            .filter_map(|old| self.marks.get(old))
            .max_by(|a, b| a.at.cmp(&b.at));
        match (own, carried) {
            (Some(a), Some(b)) => Some(if b.at > a.at { b } else { a }),
            (a, b) => a.or(b),
        }
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
        if claim >= self.claims.len() {
            return Err(DeskError::UnknownClaim(claim.to_string()));
        }
        // The quote selector needs the text; a claim whose file changed since the load
        // keeps its mark all the same, anchored by its own words.
        let readable = self.load_text(self.claim_article[claim]).is_ok();
        let c = &self.claims[claim];
        let article = self.article_of(claim);
        let selector = if readable {
            QuoteSelector::for_span(&article.text, &c.span)
        } else {
            QuoteSelector {
                exact: self.claim_text(claim).into_owned(),
                ..Default::default()
            }
        };
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
            selector,
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
        // the end counted on from the start: the span, not the text before it again
        let start = char_offset(&article.text, c.span.start);
        let end = (article.text.get(c.span.clone())).map_or_else(
            || char_offset(&article.text, c.span.end),
            |s| start + s.chars().count(),
        );
        ClaimRecord {
            id: c.id.clone(),
            article: article.path.clone(),
            article_id: c.article_id.clone(),
            text: self.claim_text(claim).into_owned(),
            start,
            end,
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
        // spilled texts are read back a window at a time, not one read per claim
        let mut window = self.spill.as_ref().map(spill::SpillReader::window);
        (0..self.claims.len())
            .map(|i| {
                let c = &self.claims[i];
                let text = match (c.spilled, window.as_mut()) {
                    (Some(at), Some(w)) if c.text.is_empty() => w.get(at).ok().map(str::to_string),
                    _ => None,
                };
                crate::search::Item {
                    text: text.unwrap_or_else(|| self.claim_text(i).into_owned()),
                    packed: None,
                    fields: self.search_fields(i),
                }
            })
            .collect()
    }

    pub fn search_item(&self, claim: usize) -> crate::search::Item {
        crate::search::Item {
            text: self.claim_text(claim).into_owned(),
            packed: None,
            fields: self.search_fields(claim),
        }
    }

    /// Claims whose search fields depend on more than their extraction: a mark (also one
    /// carried over from an older claim id), related claims, or a source named by hand.
    pub fn annotated_claims(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .marks
            .keys()
            .filter_map(|id| {
                self.by_id
                    .get(&self.claims, id)
                    .or_else(|| self.aliases.get(id).copied())
            })
            .collect();
        out.extend(
            self.claims
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.related.is_empty())
                .map(|(i, _)| i),
        );
        out.extend(&self.edited);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// What the filter knows about a claim besides its text.
    pub fn search_fields(&self, claim: usize) -> crate::search::Fields {
        let article = self.article_of(claim);
        let mut fields = extracted_fields(&self.claims[claim], &ArticleFields::of(article));
        if let Some(mark) = self.mark_of(claim) {
            fields.status = Some(mark.status);
            fields.has_note = mark.note.as_deref().is_some_and(|n| !n.is_empty());
            fields.disputed = mark.disputed;
        }
        fields
    }

    /// Whether the claim's filter fields differ from what its extraction alone says
    /// (see [`search_item_of`]): it has a mark, its own or carried over.
    pub fn has_mark(&self, claim: usize) -> bool {
        self.mark_of(claim).is_some()
    }

    /// Counts by status, in `Status::ALL` order.
    /// Dismissed claims are not counted.
    pub fn counts(&self) -> [usize; 4] {
        if let Some(counts) = self.counted.get() {
            return counts;
        }
        let mut counts = [0; 4];
        for i in (0..self.claims.len()).filter(|i| !self.dismissed.contains(i)) {
            counts[status_slot(self.status(i))] += 1;
        }
        self.counted.set(Some(counts));
        counts
    }

    /// Forget the counts: marks, dismissals or claims changed.
    fn recount(&self) {
        self.counted.set(None);
    }
}

/// What the filter knows of a claim from its article and extraction alone, as if it had
/// no mark: made where the claims are made (the loader's threads), so that the UI thread
/// does not copy every claim's text and fields itself.
pub fn search_item_of(article: &Article, claim: &Claim) -> crate::search::Item {
    crate::search::Item {
        text: claim.text.clone(),
        packed: None,
        fields: extracted_fields(claim, &ArticleFields::of(article)),
    }
}

/// An article's part of its claims' filter fields, made once for all of them.
pub(crate) struct ArticleFields {
    outlet: Arc<str>,
    /// What `article:` searches in: the article's path and title.
    name: Arc<str>,
    date: Option<Arc<str>>,
}

impl ArticleFields {
    pub(crate) fn of(a: &Article) -> ArticleFields {
        ArticleFields {
            outlet: a.outlet.as_deref().unwrap_or_default().into(),
            name: format!("{} {}", a.path, a.title).into(),
            date: a.date.as_deref().map(Arc::from),
        }
    }
}

/// A claim's fields as extraction made them, `a` being its article's.
fn extracted_fields(c: &Claim, a: &ArticleFields) -> crate::search::Fields {
    crate::search::Fields {
        status: Some(Status::Untriaged),
        source_type: Some(c.attribution.source_type),
        source: c.attribution.source.clone().unwrap_or_default(),
        outlet: Arc::clone(&a.outlet),
        article: Arc::clone(&a.name),
        date: a.date.clone(),
        has_note: false,
        related: !c.related.is_empty(),
        disputed: false,
    }
}

/// What [`Desk::hold`] read into memory.
#[derive(Debug, Default)]
pub struct Held {
    articles: Vec<usize>,
    claims: Vec<usize>,
}

/// Let go of `article`'s text when it can be read again from its own file (see
/// [`Desk::load_text`]); the text of a row of a `.jsonl`/`.csv` file is kept, since
/// reading one row again means reading its whole file.
pub(crate) fn shelve(article: &mut Article) {
    if !article.shelved && crate::corpus::own_file(article) {
        article.text = String::new();
        article.shelved = true;
    }
}

/// Where a status is counted in [`Desk::counts`].
fn status_slot(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// The folder a corpus path stands for (a file's parent), or why there is none.
fn corpus_root(path: &Path) -> Result<PathBuf, CorpusError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()),
        Ok(_) => Ok(path.to_path_buf()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(CorpusError::NotFound {
            path: path.to_path_buf(),
        }),
        Err(source) => Err(CorpusError::Unreadable {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Where the store is: `--db`, else `CORPUS/.claimdesk/triage.db`.
fn db_path(opts: &OpenOptions, root: &Path) -> PathBuf {
    opts.db.clone().unwrap_or_else(|| default_db_path(root))
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
