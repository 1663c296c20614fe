//! Loading a corpus for a desk: in one go for the headless commands, or on a background
//! thread in batches for the TUI. When every file kept its stamp since the last load,
//! the corpus comes from the snapshot beside the store (ids, layouts, claims and links as
//! they were; the files are only read for their text). Otherwise every file is read and
//! laid out, and each article's claims come from the snapshot when it still describes
//! that article exactly, else from extraction on every core.

use super::spill::{Spill, SpillReader};
use super::{DeskError, OpenOptions};
use crate::corpus::{self, CorpusError, Doc, Duplicates, Scan};
use crate::extract::{self, Cues};
use crate::model::{Article, Claim, Problem, Related, Status};
use crate::search::{Item, Packed};
use crate::store::snapshot::{
    texts_path, DocEntry, Key, Keys, Link, Snapshot, SourceEntry, Texts, Unwritten, Writer,
};
use foldhash::{HashMap, HashMapExt, HashSet};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How far a load has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stage {
    /// Walking folders and decoding files (no count yet), or reading articles whose
    /// layouts and claims are known from the last load (counted).
    #[default]
    Reading,
    /// Finding claims, article by article.
    Extracting,
    /// Linking claims that report the same event, across the corpus.
    Linking,
    /// Everything is loaded; the claim filter's index is still taking claims in (the TUI
    /// only: its search thread takes each claim's key as the loader made or read it, or
    /// folds the claim's text).
    Indexing,
    Done,
}

impl Progress {
    pub(super) fn reading() -> Progress {
        Progress::default()
    }
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.stage {
            Stage::Reading if self.total > 0 => {
                write!(f, "reading articles {}/{}", self.done, self.total)
            }
            Stage::Reading => f.write_str("reading files…"),
            Stage::Extracting => write!(f, "finding claims {}/{} articles", self.done, self.total),
            Stage::Linking => f.write_str("linking related claims…"),
            Stage::Indexing => write!(
                f,
                "indexing claims for the filter {}/{}",
                self.done, self.total
            ),
            Stage::Done => write!(f, "{} articles", self.total),
        }
    }
}

/// What the background loader sends.
#[derive(Debug)]
pub enum Loaded {
    Progress(Progress),
    Problems(Vec<Problem>),
    Batch(Vec<(Article, Vec<Claim>)>),
    /// A batch with its claims' filter items already made (see
    /// [`super::search_item_of`]), one per claim in order.
    Indexed {
        batch: Vec<(Article, Vec<Claim>)>,
        items: Vec<crate::search::Item>,
    },
    /// Related claims found across the corpus: claim id, its links, and its suggestion
    /// (a numeric disagreement suggests `contradicted`).
    Related(Links),
    /// Forget the articles sent so far: a file changed in a way its stamp did not show,
    /// and the corpus is read again from the start.
    Reset,
    /// Spilled claims' texts are read from this file from now on (see
    /// [`super::spill`]): a warm start's claims point into the file its last cold start
    /// kept, a cold start's into the session's own.
    Texts(SpillReader),
    Done,
    /// The corpus could not be read at all.
    Failed(String),
}

/// Loads a corpus on its own thread, in batches that grow as they go (the first screen
/// comes fast; later batches are larger, up to a size the UI thread takes in one go).
pub struct Loader {
    rx: std::sync::mpsc::Receiver<Loaded>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Messages the loader may send ahead of the UI thread (a batch and its progress each).
const IN_FLIGHT: usize = 8;

/// Articles in the first batch; each next batch is twice as large, up to the maximum.
const FIRST_BATCH: usize = 32;
/// The UI thread takes a batch in one go, so a batch stays small enough (about 5,000
/// claims of news text, a few milliseconds) not to hold the keys up.
const MAX_BATCH: usize = 256;

impl Loader {
    /// With a `spill`, each batch's claim texts go to it on their way (see
    /// [`super::spill`]); a write that fails ends spilling, the texts stay in memory.
    pub(super) fn spawn(opts: OpenOptions, db: PathBuf, spill: Option<Spill>) -> Loader {
        // Bounded: a loader that outruns the UI thread (a warm start that reads no files)
        // waits for it rather than piling batches up in memory.
        let (tx, rx) = std::sync::mpsc::sync_channel(IN_FLIGHT);
        let thread = std::thread::spawn(move || {
            let snapshot = crate::store::snapshot::path_for(&db);
            let mut spill = spill;
            let mut send = |m: Loaded| tx.send(m).is_ok();
            match load(&opts, snapshot.as_deref(), true, &mut spill, &mut send) {
                // The TUI is ready by now: keeping the snapshot only delays the next start.
                Ok(Some(kept)) => keep(snapshot.as_deref(), &kept),
                Ok(None) | Err(LoadError::Gone) => {}
                Err(LoadError::Corpus(e)) => {
                    let _ = tx.send(Loaded::Failed(e.to_string()));
                }
            }
        });
        Loader {
            rx,
            thread: Some(thread),
        }
    }

    /// The next message, if one is waiting.
    pub fn try_recv(&self) -> Option<Loaded> {
        self.rx.try_recv().ok()
    }

    /// Stop a load that is still going (it notices at its next batch) and wait for the
    /// loader's thread, which may be keeping the snapshot for the next start: a TUI
    /// that quits right after loading must not cut that file off.
    pub fn finish(mut self) {
        let thread = self.thread.take();
        drop(self);
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }
}

/// Why a load stopped.
#[derive(Debug)]
pub(super) enum LoadError {
    Corpus(CorpusError),
    /// Whoever took the messages went away (the TUI quit).
    Gone,
}

impl From<LoadError> for DeskError {
    fn from(e: LoadError) -> DeskError {
        match e {
            LoadError::Corpus(e) => DeskError::Corpus(e),
            LoadError::Gone => DeskError::Corpus(CorpusError::Unreadable {
                path: PathBuf::from("."),
                source: std::io::Error::other("the load was abandoned"),
            }),
        }
    }
}

/// Write the snapshot; one that cannot be written only costs the next start some time.
pub(super) fn keep(path: Option<&Path>, snapshot: &Unwritten) {
    if let Some(path) = path {
        let _ = snapshot.write(path);
    }
}

/// A corpus's related-claim links: claim id, its links, and its (possibly changed)
/// suggestion.
pub type Links = Vec<(String, Vec<Related>, Status)>;

/// Where messages go; false when nobody takes them any more.
type Send<'a> = dyn FnMut(Loaded) -> bool + 'a;

fn emit(send: &mut Send<'_>, m: Loaded) -> Result<(), LoadError> {
    if send(m) {
        Ok(())
    } else {
        Err(LoadError::Gone)
    }
}

/// Load `opts.corpus`, sending its articles in batches (with the filter's items when
/// `items`: the TUI filters them), then the related links, then `Done`. Returns a new
/// snapshot to keep at `snapshot`, when the one there (if any) no longer describes the
/// corpus. With a `spill` (the TUI), claims' texts go to it and are not sent.
pub(super) fn load(
    opts: &OpenOptions,
    snapshot: Option<&Path>,
    items: bool,
    spill: &mut Option<Spill>,
    send: &mut Send<'_>,
) -> Result<Option<Unwritten>, LoadError> {
    emit(send, Loaded::Progress(Progress::reading()))?;
    // The walk (a stat per file) and reading the last snapshot were about half and a
    // quarter of a warm 10k start's first, one-thread ~125 ms (perf), and need nothing of
    // each other.
    let (scan, (cached, extractor)) = std::thread::scope(|scope| {
        let read = scope.spawn(|| snapshot.and_then(Snapshot::read));
        // (naming the extractor formats its whole lexicon: ~5 ms, beside the others)
        let key = scope.spawn(|| extractor_key(&opts.cues));
        let scan = corpus::scan(&opts.corpus);
        let read = read.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        let key = key.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (scan, (read, key))
    });
    let scan = scan.map_err(LoadError::Corpus)?;
    let key = Key {
        extractor,
        layout: corpus::layout_fingerprint(),
        corpus: std::fs::canonicalize(&opts.corpus)
            .unwrap_or_else(|_| opts.corpus.clone())
            .to_string_lossy()
            .into_owned(),
    };
    if let Some(snap) = cached.as_ref().filter(|s| s.key == key) {
        if let Some(verified) = unchanged(&scan, snap) {
            // the claims' texts as the last cold start wrote them, if that file is still
            // the one the snapshot names
            let kept_texts = (snapshot.zip(snap.texts))
                .filter(|_| items && spill.is_some())
                .and_then(|(path, t)| Some((SpillReader::open(&texts_path(path), &t.stamp)?, t)));
            let start = spill.as_ref().map_or(0, Spill::written);
            match warm(&scan, snap, &verified, items, spill, kept_texts, send)? {
                Warm::Done { rewrite, spilled } => {
                    // texts written to this session's file are kept for the next start
                    let texts = spilled
                        .then(|| persist(snapshot, spill.as_ref(), start))
                        .flatten();
                    if !rewrite && texts.is_none() {
                        return Ok(None);
                    }
                    let sources = restamped(&scan, snap);
                    let kept = cached.map(|c| c.with_sources(&sources));
                    return Ok(kept.map(|k| match texts {
                        Some(t) => k.with_texts(t),
                        None => k,
                    }));
                }
                Warm::Mismatch => emit(send, Loaded::Reset)?,
            }
        }
    }
    // The snapshot's claims stay good for articles it describes exactly, whatever else
    // changed, as long as the same extractor made them.
    let claims_cache = cached.filter(|s| s.key.extractor == key.extractor);
    // the new snapshot is made beside the old, not in memory
    let spool = snapshot
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty());
    let writer = match spool {
        Some(dir) => Writer::spooled(key, dir),
        None => Writer::new(key),
    };
    if let Some(s) = spill.as_ref() {
        emit(send, Loaded::Texts(s.reader()))?;
    }
    let start = spill.as_ref().map_or(0, Spill::written);
    let made = cold(
        opts,
        scan,
        claims_cache.as_ref(),
        writer,
        items,
        spill,
        send,
    )?;
    // The TUI is ready by now; the texts its claims point into are kept for the next.
    Ok(Some(match persist(snapshot, spill.as_ref(), start) {
        Some(texts) => made.with_texts(texts),
        None => made,
    }))
}

/// Give the session's spill file a name beside the snapshot at `snapshot`, for the next
/// start to read the claims' texts from; they are its bytes from `start` on. `None`
/// when there is no snapshot or no spill (it failed, or the load was headless), or the
/// file cannot be named.
fn persist(snapshot: Option<&Path>, spill: Option<&Spill>, start: u64) -> Option<Texts> {
    let (path, spill) = snapshot.zip(spill)?;
    let stamp = spill.persist(&texts_path(path)).ok()?;
    Some(Texts {
        stamp,
        start,
        len: spill.written() - start,
    })
}

/// Names what claims are made by: the extractor's version and the cue lexicon it uses
/// (built-in and the user's), so that a changed lexicon is a changed extractor.
fn extractor_key(cues: &Cues) -> String {
    let parts = [extract::VERSION.to_string(), cues.fingerprint()];
    let fingerprint = crate::ids::corpus_key("cues", parts.iter().map(String::as_str));
    format!("{} {fingerprint}", extract::VERSION)
}

/// The snapshot's sources are the scan's, by path and kind; each one whose stamp is not
/// the same (or that was racy) is listed, to be verified by content. `None` when the
/// files are not the same files, or a changed one has changed content.
fn unchanged(scan: &Scan, snap: &Snapshot) -> Option<Vec<bool>> {
    if scan.sources.len() != snap.sources.len() {
        return None;
    }
    let mut verify = Vec::with_capacity(scan.sources.len());
    let mut restamped = Vec::new();
    for (i, (src, entry)) in scan.sources.iter().zip(&snap.sources).enumerate() {
        if src.rel != entry.rel {
            return None;
        }
        let same = src.stamp == entry.stamp;
        if !same {
            restamped.push(i);
        }
        verify.push(!same || entry.racy);
    }
    // A file with a new stamp (touched, copied back, edited) is read and hashed now:
    // only if it still holds the same texts can the corpus come from the snapshot.
    let texts_kept = restamped.par_iter().all(|&i| {
        let (docs, _) = corpus::read_source(&scan.sources[i], true);
        same_docs(&docs, &snap.sources[i].docs)
    });
    texts_kept.then_some(verify)
}

/// Docs read now are the ones the snapshot lists (by path, text length and, when the
/// docs were hashed, id).
fn same_docs(docs: &[Doc], entries: &[DocEntry]) -> bool {
    docs.len() == entries.len()
        && docs.iter().zip(entries).all(|(d, e)| {
            d.path() == e.path
                && d.text().len() as u64 == e.text_len
                && (d.id().is_empty() || d.id() == e.id)
        })
}

/// The snapshot's sources with the stamps found now (after a warm load verified them).
fn restamped(scan: &Scan, snap: &Snapshot) -> Vec<SourceEntry> {
    scan.sources
        .iter()
        .zip(&snap.sources)
        .map(|(src, entry)| SourceEntry {
            rel: entry.rel.clone(),
            stamp: src.stamp,
            racy: src.stamp.racy(scan.started),
            docs: entry.docs.clone(),
        })
        .collect()
}

/// An article of a warm batch, ready to send.
struct Prepared {
    article: Article,
    claims: Vec<Claim>,
    items: Vec<Item>,
    /// Its claims' texts, when they are to be spilled (see [`Snapshot::claims_spilled`]),
    /// and their length (the same, unless the article was not read: then `texts` is empty
    /// and the claims' texts are only in the kept file, see [`Snapshot::claims_unread`]).
    texts: Vec<u8>,
    texts_len: u64,
    read: bool,
}

/// A spilled claim's text in the buffer it was decoded into.
fn spilled_text<'a>(texts: &'a [u8], c: &Claim) -> &'a str {
    c.spilled
        .and_then(|s| texts.get(s.at as usize..s.at as usize + s.len as usize))
        .and_then(|b| simdutf8::basic::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Write a batch's claim texts, decoded into `texts` (each claim's place there in its
/// `spilled`), to the spill file; each claim then points into the file. If the file
/// fails, the texts go back into the claims and spilling ends.
fn spill_texts(spill: &mut Option<Spill>, batch: &mut [(Article, Vec<Claim>)], texts: &[u8]) {
    let claims = batch.iter_mut().flat_map(|(_, c)| c.iter_mut());
    match spill.as_mut().map(|s| s.append(texts)) {
        Some(Ok(start)) => {
            for at in claims.filter_map(|c| c.spilled.as_mut()) {
                at.at += start;
            }
        }
        _ => {
            *spill = None;
            for c in claims {
                c.text = spilled_text(texts, c).to_string();
                c.spilled = None;
            }
        }
    }
}

/// An article's claims in a cold load: where they came from (the snapshot's article, or
/// extraction), encoded for the new snapshot (their search keys too, for the TUI), the
/// filter's items, and a hash of each claim's text (the linker takes each distinct
/// text's terms once).
struct Found {
    claims: Vec<Claim>,
    from: Option<usize>,
    encoded: Vec<u8>,
    encoded_keys: Vec<u8>,
    items: Vec<Item>,
    hashes: Vec<u64>,
    /// The claims' link terms, one each, when they were made now for a text seen first
    /// (else `None`, or empty for claims from the cache: the linker makes them from the
    /// text when it meets a text first).
    terms: Vec<Option<extract::Terms>>,
}

/// A claim text the linker has not seen: its terms made by the extractor, or the text
/// (a claim from the cache) to make them from.
enum NewText {
    Made(extract::Terms),
    Text(String),
}

enum Warm {
    /// Everything came from the snapshot; `rewrite` when stamps changed (or were racy)
    /// and the snapshot should say what they are now; `spilled` when the claims' texts
    /// went to the session's spill file (the snapshot named no file that holds them).
    Done { rewrite: bool, spilled: bool },
    /// The snapshot does not fit the texts read now.
    Mismatch,
}

/// Send the corpus from the snapshot, reading the files only for their texts (and
/// hashing the ones in `verify`). With items, their search keys come from the snapshot
/// too, read with each batch's articles (a key section found damaged, on the way or at
/// its end, makes the snapshot unfit); an article the snapshot has no keys for is folded
/// by the filter's index, or here when their texts go to the `spill` (decoded straight
/// into one buffer per batch and written in one go, never a string per claim). With
/// `kept_texts` (the file the last cold start kept, see [`persist`]) the claims point
/// into that file instead, once it is seen to hold the same bytes: nothing is written.
fn warm(
    scan: &Scan,
    snap: &Snapshot,
    verify: &[bool],
    with_items: bool,
    spill: &mut Option<Spill>,
    kept_texts: Option<(SpillReader, Texts)>,
    send: &mut Send<'_>,
) -> Result<Warm, LoadError> {
    emit(send, Loaded::Problems(scan.problems.clone()))?;
    // With the texts' file the snapshot names, each batch's texts are checked against
    // it and the claims point there: nothing is written.
    let mut kept_texts = kept_texts.map(|(reader, texts)| KeptTexts {
        at: texts.start,
        end: texts.start + texts.len,
        reader,
    });
    if let Some(k) = &kept_texts {
        emit(send, Loaded::Texts(k.reader.clone()))?;
    }
    let total = snap.articles.len();
    let linked: HashSet<u32> = snap.links.iter().flat_map(|l| [l.a, l.b]).collect();
    let mut linked_claims: HashMap<u32, (String, Status)> = HashMap::new();
    let mut position = 0u32;
    let mut next_article = 0;
    // With a spill file, claims' texts are decoded into one buffer per article, not a
    // string each, and go to the file (or are checked against the kept one) per batch.
    let spilling = with_items && spill.is_some();
    // Reading and decoding a batch runs on every core while this thread sends the one
    // before (as a cold load does).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Option<WarmBatch>>(1);
    let matched = std::thread::scope(|scope| -> Result<bool, LoadError> {
        // with the kept texts, files that kept their stamps need not be read at all
        let unread = spilling && kept_texts.is_some();
        scope.spawn(move || warm_batches(scan, snap, verify, with_items, spilling, unread, &tx));
        for prepared in rx {
            let Some(WarmBatch {
                made,
                problems,
                articles_so_far,
            }) = prepared
            else {
                return Ok(false);
            };
            next_article = articles_so_far;
            let mut batch = Vec::with_capacity(made.len());
            let mut items = Vec::new();
            let mut texts = Vec::new();
            for mut p in made {
                items.extend(p.items);
                match kept_texts.as_mut().filter(|_| spilling) {
                    Some(kept) => {
                        let read = p.read.then_some(p.texts.as_slice());
                        if !kept.place(&mut p.claims, read, p.texts_len) {
                            return Ok(false);
                        }
                    }
                    None => {
                        let base = texts.len() as u64;
                        for at in p.claims.iter_mut().filter_map(|c| c.spilled.as_mut()) {
                            at.at += base;
                        }
                        texts.extend_from_slice(&p.texts);
                    }
                }
                batch.push((p.article, p.claims));
            }
            if spilling && kept_texts.is_none() {
                spill_texts(spill, &mut batch, &texts);
            }
            for claim in batch.iter().flat_map(|(_, c)| c) {
                if linked.contains(&position) {
                    linked_claims.insert(position, (claim.id.clone(), claim.suggested));
                }
                position += 1;
            }
            if !problems.is_empty() {
                emit(send, Loaded::Problems(problems))?;
            }
            emit(send, batch_message(batch, items, with_items))?;
            emit(
                send,
                Loaded::Progress(Progress {
                    stage: Stage::Reading,
                    done: next_article,
                    total,
                }),
            )?;
        }
        Ok(true)
    })?;
    if !matched {
        return Ok(Warm::Mismatch);
    }
    if next_article != total || kept_texts.as_ref().is_some_and(|k| k.at != k.end) {
        return Ok(Warm::Mismatch);
    }
    let Some(links) = related(&snap.links, |p| linked_claims.get(&p).cloned()) else {
        return Ok(Warm::Mismatch);
    };
    emit(send, Loaded::Related(links))?;
    emit(send, done(total))?;
    emit(send, Loaded::Done)?;
    Ok(Warm::Done {
        rewrite: verify.iter().any(|&v| v),
        spilled: with_items && kept_texts.is_none() && spill.is_some(),
    })
}

/// A warm batch, ready to send: its articles, the problems met reading their files, and
/// how many articles have been read with it.
struct WarmBatch {
    made: Vec<Prepared>,
    problems: Vec<Problem>,
    articles_so_far: usize,
}

/// Read the corpus's files batch by batch and decode their articles from the snapshot
/// (see [`warm`]), handing each batch to `out`; `None` (and no more) when the snapshot
/// does not fit the texts read now.
#[allow(clippy::too_many_arguments)]
fn warm_batches(
    scan: &Scan,
    snap: &Snapshot,
    verify: &[bool],
    with_items: bool,
    spilling: bool,
    unread: bool,
    out: &std::sync::mpsc::SyncSender<Option<WarmBatch>>,
) {
    let mut duplicates = Duplicates::default();
    let (mut next_source, mut next_article) = (0, 0);
    let mut size = FIRST_BATCH;
    // The keys are read batch by batch as the articles are, front to back; a section
    // found damaged on the way, or at its end, makes the snapshot unfit like any misfit.
    let mut keys = with_items.then(|| snap.key_stream()).flatten();
    while next_source < scan.sources.len() {
        let end = (next_source + size).min(scan.sources.len());
        let range = next_source..end;
        next_source = end;
        size = (size * 2).min(MAX_BATCH);
        // With the keys in the snapshot, a `.txt`/`.md` file that kept its stamp, whose
        // text was its bytes as they are (no decoding changed its length, so reading it
        // gave no problem to report), is not read: its article is
        // shelved anyway, its claims' texts are in the kept file, their keys in the
        // snapshot. It is read (and checked against its id) when it is shown.
        // per source of the batch: its text's length when it is not read
        let unread_lens: Vec<Option<usize>> = (range.clone())
            .map(|i| {
                let (src, entry) = (&scan.sources[i], &snap.sources[i]);
                let skip = unread && keys.is_some() && !verify[i] && src.kind == corpus::Kind::Text;
                match entry.docs.as_slice() {
                    [d] if skip && d.text_len == src.stamp.len => Some(d.text_len as usize),
                    _ => None,
                }
            })
            .collect();
        let read: Vec<Option<(Vec<Doc>, Vec<Problem>)>> = range
            .clone()
            .into_par_iter()
            .map(|i| {
                let entry = &snap.sources[i];
                if unread_lens[i - range.start].is_some() {
                    let docs = (entry.docs.iter())
                        .map(|d| Doc::unread(d.path.clone(), d.id.clone()))
                        .collect();
                    return Some((docs, Vec::new()));
                }
                let (mut docs, problems) = corpus::read_source(&scan.sources[i], verify[i]);
                if !same_docs(&docs, &entry.docs) {
                    return None;
                }
                for (doc, e) in docs.iter_mut().zip(&entry.docs) {
                    if doc.id().is_empty() {
                        doc.set_id(e.id.clone());
                    }
                }
                Some((docs, problems))
            })
            .collect();
        let mut problems = Vec::new();
        // each article's place, its doc, and its text's length when it was not read
        let mut kept: Vec<(usize, Doc, Option<usize>)> = Vec::new();
        for (found, unread_len) in read.into_iter().zip(unread_lens) {
            let Some((docs, trouble)) = found else {
                let _ = out.send(None);
                return;
            };
            problems.extend(trouble);
            for doc in docs {
                if !duplicates.keep(&doc, &mut problems) {
                    continue;
                }
                let at = next_article;
                next_article += 1;
                if snap.articles.get(at).is_none_or(|a| a.id != doc.id()) {
                    let _ = out.send(None);
                    return;
                }
                kept.push((at, doc, unread_len));
            }
        }
        // this batch's keys, read in one go (the articles are in order)
        let first = kept.first().map_or(0, |(at, _, _)| *at);
        let last = kept.last().map_or(0, |(at, _, _)| *at + 1);
        let batch_keys = match keys.as_mut().filter(|_| !kept.is_empty()) {
            Some(k) => match k.batch(first..last) {
                Some(b) => Some(b),
                None => {
                    let _ = out.send(None);
                    return;
                }
            },
            None => None,
        };
        let made: Option<Vec<Prepared>> = kept
            .into_par_iter()
            .map(|(at, doc, unread_len)| {
                if let Some(len) = unread_len {
                    return unread_article(snap, at, doc, len, batch_keys.as_ref());
                }
                let layout = snap.layout(at, doc.text())?;
                let article = corpus::article_from(doc, layout);
                let mut texts = Vec::new();
                let claims = if spilling {
                    snap.claims_spilled(at, &article, &mut texts)?
                } else {
                    snap.claims(at, &article)?
                };
                let items = if with_items {
                    let packed = match &batch_keys {
                        Some(keys) => keys.article(at, claims.len())?,
                        None => None,
                    };
                    // a spilled claim has no text for the index to fold: fold it here
                    let packed = packed.or_else(|| {
                        spilling.then(|| {
                            (claims.iter())
                                .map(|c| Packed::of(spilled_text(&texts, c)))
                                .collect()
                        })
                    });
                    items_of(&article, &claims, packed)
                } else {
                    Vec::new()
                };
                Some(Prepared {
                    article,
                    claims,
                    items,
                    texts_len: texts.len() as u64,
                    texts,
                    read: true,
                })
            })
            .collect();
        let Some(made) = made else {
            let _ = out.send(None);
            return;
        };
        let batch = WarmBatch {
            made,
            problems,
            articles_so_far: next_article,
        };
        // the receiver has gone when the load stopped
        if out.send(Some(batch)).is_err() {
            return;
        }
    }
    if keys.is_some_and(|k| !k.finish()) {
        let _ = out.send(None);
    }
}

/// An article whose file was not read (see [`warm_batches`]), from the snapshot alone:
/// `None` if the snapshot cannot give all of it (then the corpus is read again).
fn unread_article(
    snap: &Snapshot,
    at: usize,
    doc: Doc,
    text_len: usize,
    keys: Option<&crate::store::snapshot::BatchKeys>,
) -> Option<Prepared> {
    let layout = snap.layout_unread(at, text_len)?;
    let mut article = corpus::article_from(doc, layout);
    article.shelved = true;
    let (claims, texts_len) = snap.claims_unread(at, &article, text_len)?;
    // no text to fold: the keys must be the snapshot's (an article with no claims has none)
    let packed = match keys?.article(at, claims.len())? {
        Some(keys) => keys,
        None if claims.is_empty() => Vec::new(),
        None => return None,
    };
    let items = items_of(&article, &claims, Some(packed));
    Some(Prepared {
        article,
        claims,
        items,
        texts: Vec::new(),
        texts_len,
        read: false,
    })
}

/// The claims' texts in the file a cold start kept, taken batch by batch in order.
struct KeptTexts {
    reader: SpillReader,
    /// Where the next batch's texts start, and where the last one's end.
    at: u64,
    end: u64,
}

impl KeptTexts {
    /// Point an article's claims at their texts in the file (each claim's place among
    /// the article's `len` bytes of texts in its `spilled`): the next bytes there. With
    /// the texts as decoded now (`read`), only if the file holds exactly those bytes; an
    /// article not read is taken on its file's stamp. False if they cannot be there.
    fn place(&mut self, claims: &mut [Claim], read: Option<&[u8]>, len: u64) -> bool {
        let end = self.at + len;
        let same = read.is_none_or(|t| t.len() as u64 == len && self.reader.holds(self.at, t));
        if end > self.end || !same {
            return false;
        }
        for at in claims.iter_mut().filter_map(|c| c.spilled.as_mut()) {
            at.at += self.at;
        }
        self.at = end;
        true
    }
}

fn extracting(done: usize, total: usize) -> Loaded {
    Loaded::Progress(Progress {
        stage: Stage::Extracting,
        done,
        total,
    })
}

fn done(total: usize) -> Loaded {
    Loaded::Progress(Progress {
        stage: Stage::Done,
        done: total,
        total,
    })
}

/// Links between claim positions as the desk takes them: each linked claim's id, its
/// links sorted by claim id, and `contradicted` as its suggestion when numbers disagree.
/// `claim` gives a position's id and suggestion; `None` if a position is unknown.
fn related(links: &[Link], claim: impl Fn(u32) -> Option<(String, Status)>) -> Option<Links> {
    let mut by_claim: HashMap<u32, Vec<(u32, bool)>> = HashMap::new();
    for l in links {
        by_claim
            .entry(l.a)
            .or_default()
            .push((l.b, l.numbers_disagree));
        by_claim
            .entry(l.b)
            .or_default()
            .push((l.a, l.numbers_disagree));
    }
    let mut positions: Vec<u32> = by_claim.keys().copied().collect();
    positions.sort_unstable();
    let mut out = Links::with_capacity(positions.len());
    for p in positions {
        let (id, mut suggested) = claim(p)?;
        let mut related = Vec::new();
        for &(other, disagree) in &by_claim[&p] {
            related.push(Related {
                claim_id: claim(other)?.0,
                numbers_disagree: disagree,
            });
            if disagree {
                suggested = Status::Contradicted;
            }
        }
        related.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
        related.dedup_by(|a, b| a.claim_id == b.claim_id);
        out.push((id, related, suggested));
    }
    Some(out)
}

/// Read every file (hashing each text), lay every article out, take claims from
/// `cache` where it describes an article exactly and extract the rest, link related
/// claims. Returns the new snapshot, made by `writer`; with a `spill` (the TUI), each
/// batch's claim texts go to it.
fn cold(
    opts: &OpenOptions,
    scan: Scan,
    cache: Option<&Snapshot>,
    mut writer: Writer,
    with_items: bool,
    spill: &mut Option<Spill>,
    send: &mut Send<'_>,
) -> Result<Unwritten, LoadError> {
    let Scan {
        sources,
        mut problems,
        started,
        ..
    } = scan;
    let read: Vec<(Vec<Doc>, Vec<Problem>)> = sources
        .par_iter()
        .map(|s| corpus::read_source(s, true))
        .collect();
    let mut docs = Vec::new();
    for (src, (found, trouble)) in sources.iter().zip(read) {
        writer.source(
            &src.rel,
            &src.stamp,
            src.stamp.racy(started),
            &doc_entries(&found),
        );
        docs.extend(found);
        problems.extend(trouble);
    }
    let docs = corpus::drop_duplicates(docs, &mut problems);
    corpus::sort_problems(&mut problems);
    emit(send, Loaded::Problems(problems))?;
    let shared = corpus::shared_lines(&docs);
    let by_id: HashMap<&str, usize> = cache.map_or_else(HashMap::new, |c| {
        c.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect()
    });
    let total = docs.len();
    // The filter's keys are folded here, on every core, for the snapshot as well as for
    // the filter (a warm start then folds none); those of claims from the cache come
    // from it. A headless load has no filter and keeps no keys.
    let cached_keys = cache.filter(|_| with_items).and_then(Snapshot::keys);
    let mut done_count = 0;
    // Linking needs every claim's terms (numbered words) and, to name the links, its id
    // and suggestion; nothing else is kept past its batch.
    let mut linker = extract::Linker::default();
    let mut named = Named::default();
    // Wire copy repeats sentences across articles: each distinct text (by a 64-bit hash)
    // is tokenized for the linker once.
    let mut text_numbers: HashMap<u64, u32> = HashMap::new();
    let mut new_texts: Vec<NewText> = Vec::new();
    // The texts (by the same hash) whose terms some extracting thread has made: the
    // extractor makes a claim's terms from its tokens only for a text none made before.
    let texts_seen: Mutex<HashSet<u64>> = Mutex::default();
    // Whether every article so far took its claims from the cache, in the cache's order:
    // then the cache's links are this corpus's links too.
    let mut as_cached = cache.is_some_and(|c| c.articles.len() == total);
    // Laying out and extracting a batch runs on every core while this thread takes the
    // batch before it in (snapshot, linker, spill file, the message): that work is one
    // thread's, and a core would stand idle through it between two batches.
    let (made_tx, made_rx) = std::sync::mpsc::sync_channel::<(Vec<Article>, Vec<Found>)>(1);
    std::thread::scope(|scope| -> Result<(), LoadError> {
        let batching = Batching {
            opts,
            shared: &shared,
            cache,
            by_id: &by_id,
            cached_keys: &cached_keys,
            with_items,
            texts_seen: &texts_seen,
        };
        scope.spawn(move || {
            let mut size = FIRST_BATCH;
            let mut docs = docs.into_iter();
            loop {
                let chunk: Vec<Doc> = docs.by_ref().take(size).collect();
                if chunk.is_empty() {
                    break;
                }
                size = (size * 2).min(MAX_BATCH);
                let made = extract_batch(&batching, chunk);
                // the receiver has gone when the load stopped
                if made_tx.send(made).is_err() {
                    break;
                }
            }
        });
        for (articles, made) in made_rx {
            let mut batch = Vec::with_capacity(articles.len());
            let mut items = Vec::new();
            for (k, (article, found)) in articles.into_iter().zip(made).enumerate() {
                let Found {
                    claims,
                    from,
                    encoded,
                    encoded_keys,
                    items: its,
                    hashes,
                    terms,
                } = found;
                items.extend(its);
                as_cached &= from == Some(done_count + k);
                writer.push_article(&article.id, &encoded, &encoded_keys);
                let mut terms = terms.into_iter();
                for (claim, h) in claims.iter().zip(hashes) {
                    let next = linker.texts() + new_texts.len() as u32;
                    let made = terms.next().flatten();
                    let t = *text_numbers.entry(h).or_insert_with(|| {
                        new_texts.push(match made {
                            Some(terms) => NewText::Made(terms),
                            None => NewText::Text(claim.text.clone()),
                        });
                        next
                    });
                    linker.add_claim(t);
                }
                for c in &claims {
                    named.push(&c.id, c.suggested);
                }
                batch.push((article, claims));
            }
            let terms: Vec<extract::Terms> = std::mem::take(&mut new_texts)
                .into_par_iter()
                .map(|t| match t {
                    NewText::Made(terms) => terms,
                    NewText::Text(text) => extract::link_terms(&text),
                })
                .collect();
            terms.into_iter().for_each(|t| {
                linker.add_text(t);
            });
            done_count += batch.len();
            if with_items && spill.is_some() {
                let mut texts = Vec::new();
                super::spill::gather(&mut batch, &mut texts);
                spill_texts(spill, &mut batch, &texts);
            }
            emit(send, batch_message(batch, items, with_items))?;
            emit(send, extracting(done_count, total))?;
        }
        Ok(())
    })?;
    emit(
        send,
        Loaded::Progress(Progress {
            stage: Stage::Linking,
            done: done_count,
            total,
        }),
    )?;
    let links = match cache.filter(|_| as_cached) {
        Some(c) => c.links.clone(),
        None => linker
            .links(|i, j| named.same(i, j))
            .into_iter()
            .map(|(a, b, numbers_disagree)| Link {
                a: a as u32,
                b: b as u32,
                numbers_disagree,
            })
            .collect(),
    };
    let ids_and_suggestions = |p: u32| named.get(p as usize);
    // Positions are the linker's own, so every one is known.
    let related_links = related(&links, ids_and_suggestions).unwrap_or_default();
    emit(send, Loaded::Related(related_links))?;
    emit(send, done(total))?;
    emit(send, Loaded::Done)?;
    Ok(writer.finish(&links))
}

/// Every claim's id and suggestion, by position, for naming the links found at the end
/// of a cold load. An id as `ids::claim_id` makes them (16 hex digits) is kept as the
/// number it spells: at a million claims that is 40 MB less than a string each.
#[derive(Default)]
struct Named {
    claims: Vec<(u64, Status)>,
    /// Ids that are not 16 hex digits, by position (their number above is 0).
    other: HashMap<u32, String>,
}

impl Named {
    fn push(&mut self, id: &str, suggested: Status) {
        let hex = (id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| u64::from_str_radix(id, 16).ok())
            .flatten();
        if hex.is_none() {
            self.other.insert(self.claims.len() as u32, id.to_string());
        }
        self.claims.push((hex.unwrap_or(0), suggested));
    }

    fn id(&self, p: usize) -> String {
        match self.other.get(&(p as u32)) {
            Some(id) => id.clone(),
            None => format!("{:016x}", self.claims[p].0),
        }
    }

    /// Whether positions `i` and `j` hold one claim (the same id).
    fn same(&self, i: usize, j: usize) -> bool {
        let numbers = self.claims[i].0 == self.claims[j].0;
        if self.other.is_empty() {
            return numbers;
        }
        match (self.other.get(&(i as u32)), self.other.get(&(j as u32))) {
            (None, None) => numbers,
            (a, b) => a == b && (a.is_some() || numbers),
        }
    }

    fn get(&self, p: usize) -> Option<(String, Status)> {
        let (_, suggested) = *self.claims.get(p)?;
        Some((self.id(p), suggested))
    }
}

/// What every batch of a cold load is laid out and extracted with.
struct Batching<'a> {
    opts: &'a OpenOptions,
    shared: &'a corpus::SharedLines,
    /// The snapshot, and the index of each of its articles by id.
    cache: Option<&'a Snapshot>,
    by_id: &'a HashMap<&'a str, usize>,
    cached_keys: &'a Option<Keys<'a>>,
    with_items: bool,
    /// The claim texts whose link terms an extracting thread has made.
    texts_seen: &'a Mutex<HashSet<u64>>,
}

/// Lay out a batch of docs and find their claims on every core: from the snapshot
/// `cache` where it describes an article exactly (see [`cold`]), else by extraction.
fn extract_batch(batching: &Batching, chunk: Vec<Doc>) -> (Vec<Article>, Vec<Found>) {
    let Batching {
        opts,
        shared,
        cache,
        by_id,
        cached_keys,
        with_items,
        texts_seen,
    } = *batching;
    let articles = corpus::articles(chunk, shared);
    // the cached keys of this batch's articles, read in one go: they lie together
    // when the corpus kept its order
    let cached: Vec<usize> = (articles.iter())
        .filter_map(|a| by_id.get(a.id.as_str()).copied())
        .collect();
    let span = cached.iter().min().zip(cached.iter().max());
    let batch_keys = (cached_keys.as_ref())
        .zip(span)
        .and_then(|(k, (&first, &last))| k.batch(first..last + 1));
    let made: Vec<Found> = articles
        .par_iter()
        .map(|a| {
            let hit = by_id.get(a.id.as_str()).copied().and_then(|i| {
                let c = cache?;
                let l = c.layout(i, &a.text)?;
                // Claims depend on the text (the id), the title and the furniture.
                (l.title == a.title && l.boilerplate == a.boilerplate)
                    .then(|| c.claims(i, a))
                    .flatten()
                    .map(|claims| (claims, i))
            });
            // A claim made now brings its terms and (mostly) its key from the
            // extractor's own fold; one from the cache has them made from its text.
            let mut terms = Vec::new();
            let mut hashes = Vec::new();
            let mut made_keys = Vec::new();
            let (claims, from) = match hit {
                Some((claims, i)) => (claims, Some(i)),
                None => {
                    let claims = extract::extract_with(a, &opts.cues, |c, made| {
                        let h = text_hash(&c.text);
                        let new = texts_seen.lock().is_ok_and(|mut seen| seen.insert(h));
                        terms.push(new.then(|| made.terms()));
                        hashes.push(h);
                        if with_items {
                            made_keys.push(
                                made.key()
                                    .map_or_else(|| Packed::of(&c.text), Packed::of_key),
                            );
                        }
                    });
                    (claims, None)
                }
            };
            let (encoded_keys, items) = if with_items {
                let kept = from.zip(batch_keys.as_ref());
                let keys = kept
                    .and_then(|(i, k)| k.article(i, claims.len()).flatten())
                    .or_else(|| (made_keys.len() == claims.len()).then_some(made_keys))
                    .unwrap_or_else(|| claims.iter().map(|c| Packed::of(&c.text)).collect());
                (Writer::encode_keys(&keys), items_of(a, &claims, Some(keys)))
            } else {
                (Vec::new(), Vec::new())
            };
            if hashes.len() != claims.len() {
                hashes = claims.iter().map(|c| text_hash(&c.text)).collect();
            }
            Found {
                hashes,
                terms,
                encoded: Writer::encode_article(a, &claims),
                encoded_keys,
                items,
                claims,
                from,
            }
        })
        .collect();
    (articles, made)
}

/// A batch to send; the TUI's (`indexed`) keeps no article's text it can read again
/// when the article is shown (most of a large corpus never is).
fn batch_message(mut batch: Vec<(Article, Vec<Claim>)>, items: Vec<Item>, indexed: bool) -> Loaded {
    if indexed {
        for (article, _) in &mut batch {
            super::shelve(article);
        }
        Loaded::Indexed { batch, items }
    } else {
        Loaded::Batch(batch)
    }
}

/// The filter's items for an article's claims. With their keys (one per claim) already
/// folded the items carry no copy of the claims' text; without, the index folds it.
fn items_of(article: &Article, claims: &[Claim], keys: Option<Vec<Packed>>) -> Vec<Item> {
    let shared = super::ArticleFields::of(article);
    match keys {
        Some(keys) => claims
            .iter()
            .zip(keys)
            .map(|(c, key)| Item {
                text: String::new(),
                fields: super::extracted_fields(c, &shared),
                packed: Some(key),
            })
            .collect(),
        None => claims
            .iter()
            .map(|c| Item {
                text: c.text.clone(),
                fields: super::extracted_fields(c, &shared),
                packed: None,
            })
            .collect(),
    }
}

/// The snapshot's record of the docs read from one file.
fn doc_entries(docs: &[Doc]) -> Vec<DocEntry> {
    docs.iter()
        .map(|d| DocEntry {
            path: d.path().to_string(),
            id: d.id().to_string(),
            text_len: d.text().len() as u64,
        })
        .collect()
}

/// A claim text's hash, naming its distinct text for the linker.
fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x636c_6169_6d64_6573).hash_one(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_that_cannot_be_spilled_go_back_into_their_claims() {
        let texts = "قال الوزيرThe minister said so.";
        let split = "قال الوزير".len();
        let claim = |at: usize, len: usize| Claim {
            spilled: Some(crate::model::Spilled {
                at: at as u64,
                len: len as u32,
            }),
            ..Default::default()
        };
        let mut batch = vec![(
            Article::default(),
            vec![claim(0, split), claim(split, texts.len() - split)],
        )];
        // no spill file (it failed before): the texts stay in memory
        let mut spill = None;
        spill_texts(&mut spill, &mut batch, texts.as_bytes());
        let got: Vec<(&str, bool)> = (batch[0].1.iter())
            .map(|c| (c.text.as_str(), c.spilled.is_some()))
            .collect();
        assert_eq!(
            got,
            [("قال الوزير", false), ("The minister said so.", false)]
        );
    }
}
