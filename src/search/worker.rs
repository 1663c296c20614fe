//! The background matcher for the TUI. Every keystroke bumps a generation counter; the
//! worker drops stale work at once, answers from its cache when it can (backspace), rescans
//! only an earlier result when the query narrows it, and publishes partial results as
//! chunks finish. The UI thread never matches: it posts queries and reads snapshots.

use super::engine::{self, Candidates};
use super::index::Index;
use super::matcher::{Prepared, Scored};
use super::query::Query;
use super::scorer::{default_scorer, Scorer};
use super::{highlight_text, Fields, Hit, Item};
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Ranked rows kept in a snapshot unless the UI asks for more ([`Worker::show_rows`]).
pub const DEFAULT_ROWS: usize = 256;
/// The first chunk is small so that the first screen appears fast; later ones grow.
const FIRST_CHUNK: usize = 2 * 1024;
const MAX_CHUNK: usize = 32 * 1024;
/// Partial results are published at most this often (besides the first chunk).
const PUBLISH_EVERY: Duration = Duration::from_millis(8);
/// Cached match lists, in matches summed over entries (8 bytes each).
const CACHE_MATCHES: usize = 4_000_000;
const CACHE_ENTRIES: usize = 64;

/// What the UI shows: the best rows found so far for one query.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// The generation [`Worker::search`] returned for this query.
    pub generation: u64,
    pub query: String,
    /// Best matches so far, best first (up to the rows asked for).
    pub top: Arc<[Hit]>,
    /// Matches found so far, and how many candidates were looked at out of `candidates`.
    pub matched: usize,
    pub searched: usize,
    pub candidates: usize,
    /// All items in the index.
    pub total: usize,
    /// False while matching goes on: `top` may still change.
    pub done: bool,
}

/// Background matching over an [`Index`] it owns.
pub struct Worker {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    index: RwLock<Index>,
    scorer: &'static dyn Scorer,
    generation: AtomicU64,
    inbox: Mutex<Inbox>,
    wake: Condvar,
    out: Mutex<Snapshot>,
    published: Condvar,
    fresh: AtomicBool,
}

#[derive(Default)]
struct Inbox {
    query: Option<(u64, Query)>,
    fields: Vec<(usize, Fields)>,
    /// Items to add after the last one, in order.
    added: Vec<Item>,
    rows: usize,
    quit: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not take the UI down with it: the data is still usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Worker {
    pub fn new(index: Index) -> Worker {
        Worker::with_scorer(index, default_scorer())
    }

    /// Build the index on the worker's own thread: folding a large corpus takes seconds,
    /// and the UI must not wait for it. Queries sent meanwhile are answered once it is built.
    pub fn from_items(items: Vec<Item>) -> Worker {
        Worker::spawn(Index::new(Vec::new()), default_scorer(), Some(items))
    }

    pub fn with_scorer(index: Index, scorer: &'static dyn Scorer) -> Worker {
        Worker::spawn(index, scorer, None)
    }

    fn spawn(index: Index, scorer: &'static dyn Scorer, build: Option<Vec<Item>>) -> Worker {
        let total = index.len();
        let shared = Arc::new(Shared {
            index: RwLock::new(index),
            scorer,
            generation: AtomicU64::new(0),
            inbox: Mutex::new(Inbox {
                rows: DEFAULT_ROWS,
                ..Inbox::default()
            }),
            wake: Condvar::new(),
            out: Mutex::new(Snapshot {
                total,
                ..Snapshot::default()
            }),
            published: Condvar::new(),
            fresh: AtomicBool::new(false),
        });
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("claimdesk-search".into())
            .spawn(move || {
                if let Some(items) = build {
                    let built = Index::new(items);
                    lock(&for_thread.out).total = built.len();
                    *for_thread.index.write().unwrap_or_else(|e| e.into_inner()) = built;
                }
                run(&for_thread)
            })
            .ok();
        Worker { shared, thread }
    }

    /// Start matching `query`, abandoning any older one. Returns its generation.
    pub fn search(&self, query: Query) -> u64 {
        let mut inbox = lock(&self.shared.inbox);
        let generation = self.shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
        inbox.query = Some((generation, query));
        drop(inbox);
        self.shared.wake.notify_one();
        generation
    }

    /// Update an item's fields (a mark, a note); the current query is run again.
    pub fn set_fields(&self, i: usize, fields: Fields) {
        self.set_many_fields(vec![(i, fields)]);
    }

    /// Update many items' fields at once (a load that ends with marks re-anchored and
    /// corrections applied).
    pub fn set_many_fields(&self, fields: Vec<(usize, Fields)>) {
        lock(&self.shared.inbox).fields.extend(fields);
        self.shared.wake.notify_one();
    }

    /// Add items after the last one (a corpus still loading); they are folded on the
    /// worker's thread, and the current query is run again over all items.
    pub fn extend(&self, items: Vec<Item>) {
        if items.is_empty() {
            return;
        }
        lock(&self.shared.inbox).added.extend(items);
        self.shared.wake.notify_one();
    }

    /// How many ranked rows the UI needs (the end of its visible window).
    pub fn show_rows(&self, rows: usize) {
        let mut inbox = lock(&self.shared.inbox);
        if rows > inbox.rows {
            inbox.rows = rows;
            drop(inbox);
            self.shared.wake.notify_one();
        }
    }

    /// The latest snapshot if it changed since the last call: redraw only then.
    pub fn poll(&self) -> Option<Snapshot> {
        self.shared
            .fresh
            .swap(false, Ordering::AcqRel)
            .then(|| self.snapshot())
    }

    /// The latest snapshot.
    pub fn snapshot(&self) -> Snapshot {
        lock(&self.shared.out).clone()
    }

    /// Run `f` on the index the worker matches over (a one-off full filter, e.g. for an
    /// export of every match rather than the visible rows).
    pub fn with_index<R>(&self, f: impl FnOnce(&Index) -> R) -> R {
        let index = self.shared.index.read().unwrap_or_else(|e| e.into_inner());
        f(&index)
    }

    /// Block until `generation` is done (or `timeout` passes): tests, benchmarks, and
    /// headless callers.
    pub fn wait(&self, generation: u64, timeout: Duration) -> Option<Snapshot> {
        let deadline = Instant::now() + timeout;
        let mut out = lock(&self.shared.out);
        loop {
            if out.generation == generation && out.done {
                return Some(out.clone());
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            out = self
                .shared
                .published
                .wait_timeout(out, left)
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }

    /// Highlight ranges for item `i` (call only for visible rows).
    pub fn highlight(&self, i: usize, query: &Query) -> Vec<Range<usize>> {
        let index = self.shared.index.read().unwrap_or_else(|e| e.into_inner());
        index
            .item(i)
            .map(|item| highlight_text(&item.text, query, self.shared.scorer))
            .unwrap_or_default()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        lock(&self.shared.inbox).quit = true;
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
        self.shared.wake.notify_one();
        // Not joined: a worker still building a large index would hold the UI up. The
        // thread sees `quit` and ends on its own.
        drop(self.thread.take());
    }
}

/// A finished query's matches (original order) and its best rows.
struct Entry {
    query: Query,
    matches: Arc<Vec<Scored>>,
    top: Vec<Scored>,
    /// Some matches were left unscored: they could not reach `top`.
    unscored: bool,
}

/// The last results: the current one answers a bigger window, the others backspace and
/// narrowing.
#[derive(Default)]
struct Cache {
    entries: VecDeque<Entry>,
}

impl Cache {
    fn find(&mut self, query: &Query) -> Option<&mut Entry> {
        let at = self.entries.iter().position(|e| e.query.same_as(query))?;
        let entry = self.entries.remove(at)?;
        self.entries.push_front(entry);
        self.entries.front_mut()
    }

    /// The smallest cached result that `query` can only narrow.
    fn base(&self, query: &Query) -> Option<Arc<Vec<Scored>>> {
        self.entries
            .iter()
            .filter(|e| query.narrows(&e.query))
            .min_by_key(|e| e.matches.len())
            .map(|e| Arc::clone(&e.matches))
    }

    fn insert(&mut self, entry: Entry) {
        self.entries.push_front(entry);
        let mut kept = 0;
        let mut keep = 0;
        for e in &self.entries {
            if keep > 0 && (kept + e.matches.len() > CACHE_MATCHES || keep >= CACHE_ENTRIES) {
                break;
            }
            kept += e.matches.len();
            keep += 1;
        }
        self.entries.truncate(keep);
    }

    /// Marks changed: results that read fields are no longer true.
    fn forget_fields(&mut self) {
        self.entries.retain(|e| !e.query.uses_fields());
    }
}

fn run(shared: &Shared) {
    let mut cache = Cache::default();
    let mut current: Option<(u64, Query)> = None;
    loop {
        let (job, fields, added, rows) = {
            let mut inbox = lock(&shared.inbox);
            loop {
                if inbox.quit {
                    return;
                }
                let more_rows = {
                    let out = lock(&shared.out);
                    out.done && out.top.len() < inbox.rows.min(out.matched)
                };
                if inbox.query.is_some()
                    || !inbox.fields.is_empty()
                    || !inbox.added.is_empty()
                    || more_rows
                {
                    break;
                }
                inbox = shared.wake.wait(inbox).unwrap_or_else(|e| e.into_inner());
            }
            (
                inbox.query.take(),
                std::mem::take(&mut inbox.fields),
                std::mem::take(&mut inbox.added),
                inbox.rows,
            )
        };
        if !added.is_empty() {
            let mut index = shared.index.write().unwrap_or_else(|e| e.into_inner());
            index.extend(added);
            lock(&shared.out).total = index.len();
            // Every cached result misses the new items.
            cache = Cache::default();
        }
        if !fields.is_empty() {
            let mut index = shared.index.write().unwrap_or_else(|e| e.into_inner());
            for (i, f) in fields {
                index.set_fields(i, f);
            }
            cache.forget_fields();
        }
        if let Some(job) = job {
            current = Some(job);
        }
        if let Some((generation, query)) = &current {
            let index = shared.index.read().unwrap_or_else(|e| e.into_inner());
            search(shared, &index, &mut cache, *generation, query, rows);
        }
    }
}

fn publish(shared: &Shared, snapshot: Snapshot) {
    *lock(&shared.out) = snapshot;
    shared.fresh.store(true, Ordering::Release);
    shared.published.notify_all();
}

fn hits(top: &[Scored]) -> Arc<[Hit]> {
    top.iter().map(|&s| Hit::from(s)).collect()
}

fn search(
    shared: &Shared,
    index: &Index,
    cache: &mut Cache,
    generation: u64,
    query: &Query,
    rows: usize,
) {
    let stale = || shared.generation.load(Ordering::Relaxed) != generation;
    let total = index.len();
    let snapshot = |top: &[Scored], matched, searched, candidates, done| Snapshot {
        generation,
        query: query.raw.clone(),
        top: hits(top),
        matched,
        searched,
        candidates,
        total,
        done,
    };
    let prepared = Prepared::new(query);
    if prepared.is_empty() {
        let top: Arc<[Hit]> = (0..total.min(rows))
            .map(|index| Hit { index, score: 0 })
            .collect();
        publish(
            shared,
            Snapshot {
                top,
                ..snapshot(&[], total, total, total, true)
            },
        );
        return;
    }
    if let Some(entry) = cache.find(query) {
        if entry.top.len() < rows.min(entry.matches.len()) {
            if entry.unscored {
                // More rows than the scan bounded its scores for: score the rest now.
                let matches = Arc::make_mut(&mut entry.matches);
                engine::rescore(index, &prepared, shared.scorer, matches);
                entry.unscored = false;
            }
            entry.top = engine::top_k(index, &prepared, &entry.matches, rows);
        }
        let n = entry.matches.len();
        let top = entry.top.iter().take(rows).copied().collect::<Vec<_>>();
        publish(shared, snapshot(&top, n, n, n, true));
        return;
    }
    let base = cache.base(query);
    let candidates = base.as_ref().map_or(total, |b| b.len());
    let mut matches: Vec<Scored> = Vec::new();
    let mut top: Vec<Scored> = Vec::new();
    let mut searched = 0;
    let mut chunk = FIRST_CHUNK;
    let mut last_publish: Option<Instant> = None;
    while searched < candidates {
        if stale() {
            return;
        }
        let end = (searched + chunk).min(candidates);
        let part = match &base {
            Some(b) => Candidates::List(&b[searched..end]),
            None => Candidates::Range(searched as u32..end as u32),
        };
        // Once `rows` matches are ranked, an item scoring below the last of them cannot
        // be shown: it is counted and kept, but not scored.
        let floor = top
            .last()
            .filter(|last| prepared.ranked && top.len() >= rows && last.is_scored())
            .copied();
        let found = engine::scan(index, &prepared, shared.scorer, part, floor, &stale);
        if stale() {
            return;
        }
        // Unscored matches cannot reach the rows; the rest compete with them.
        if prepared.ranked {
            top.extend(found.iter().filter(|s| s.is_scored()));
        } else {
            top.extend(found.iter().take(rows.saturating_sub(top.len())));
        }
        top = engine::top_k(index, &prepared, &top, rows);
        matches.extend(found);
        searched = end;
        chunk = (chunk * 2).min(MAX_CHUNK);
        let due = last_publish.is_none_or(|t| t.elapsed() >= PUBLISH_EVERY);
        if due && searched < candidates {
            publish(
                shared,
                snapshot(&top, matches.len(), searched, candidates, false),
            );
            last_publish = Some(Instant::now());
        }
    }
    let n = matches.len();
    publish(shared, snapshot(&top, n, candidates, candidates, true));
    cache.insert(Entry {
        query: query.clone(),
        unscored: matches.iter().any(|m| !m.is_scored()),
        matches: Arc::new(matches),
        top,
    });
}
