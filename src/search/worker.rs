//! The background matcher for the TUI. Every keystroke bumps a generation counter; the
//! worker drops stale work at once, answers from its cache when it can (backspace), rescans
//! only an earlier result when the query narrows it (each match's walk resumed where it
//! stopped, the earlier best rows that still match shown at once), and publishes partial
//! results as chunks finish. The UI thread never matches: it posts queries and reads
//! snapshots.

use super::engine::{self, Candidates, Floor, Found, Scan};
use super::index::Index;
use super::matcher::{Prepared, Scored, Subject, NO_END};
use super::query::Query;
use super::scorer::{default_scorer, Scorer};
use super::{Fields, Hit, Item};
use std::collections::VecDeque;
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
/// Cached match lists, in bytes summed over entries (a match and its walk ends).
const CACHE_BYTES: usize = 48 << 20;
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
    /// Items to add after the last one, in order: in the batches they came in (moved,
    /// not copied, under the lock).
    added: Vec<Vec<Item>>,
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
        lock(&self.shared.inbox).added.push(items);
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

    /// How many items the index holds (items handed over by [`Worker::extend`] or
    /// [`Worker::from_items`] count once they are folded).
    pub fn indexed(&self) -> usize {
        lock(&self.shared.out).total
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
        self.wait_until(generation, timeout, true)
    }

    /// Block until the first rows of `generation` are published, partial or final (or
    /// `timeout` passes): the benchmark times the first screen without polling.
    pub fn wait_first(&self, generation: u64, timeout: Duration) -> Option<Snapshot> {
        self.wait_until(generation, timeout, false)
    }

    fn wait_until(&self, generation: u64, timeout: Duration, done: bool) -> Option<Snapshot> {
        let deadline = Instant::now() + timeout;
        let mut out = lock(&self.shared.out);
        loop {
            if out.generation == generation && (out.done || !done) {
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

/// A finished query's matches (original order, with their walk ends) and its best rows.
struct Entry {
    query: Query,
    matches: Arc<Found>,
    top: Vec<Scored>,
    /// Some matches were left unscored: they could not reach `top`.
    unscored: bool,
}

/// An earlier result a narrowing query rescans.
struct Base {
    matches: Arc<Found>,
    query: Prepared,
    /// Its best rows: most of them rank high for the narrower query too.
    top: Vec<Scored>,
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
    fn base(&self, query: &Query) -> Option<Base> {
        self.entries
            .iter()
            .filter(|e| query.narrows(&e.query))
            .min_by_key(|e| e.matches.len())
            .map(|e| Base {
                matches: Arc::clone(&e.matches),
                query: Prepared::new(&e.query),
                top: e.top.clone(),
            })
    }

    fn insert(&mut self, entry: Entry) {
        self.entries.push_front(entry);
        let mut kept = 0;
        let mut keep = 0;
        for e in &self.entries {
            let bytes = e.matches.bytes();
            if keep > 0 && (kept + bytes > CACHE_BYTES || keep >= CACHE_ENTRIES) {
                break;
            }
            kept += bytes;
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
            index.extend(added.into_iter().flatten());
            lock(&shared.out).total = index.len();
            // Every cached result misses the new items.
            cache = Cache::default();
        }
        if !fields.is_empty() {
            let mut index = shared.index.write().unwrap_or_else(|e| e.into_inner());
            for (i, f) in fields {
                index.set_fields(i, &f);
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

/// The rows of an earlier, wider query that match `query`, scored and ranked.
fn seed(
    index: &Index,
    query: &Prepared,
    scorer: &dyn Scorer,
    rows: &[Scored],
    k: usize,
) -> Vec<Scored> {
    let plan = query.plan(None, scorer);
    let mut ends = vec![NO_END; query.slots()];
    let scored: Vec<Scored> = rows
        .iter()
        .filter_map(|r| {
            let subject = Subject::of(index, r.index as usize);
            if query.rejects_mask(subject.mask) {
                return None;
            }
            let score = query.eval(&subject, scorer, &plan, &[], &mut ends, None)?;
            Some(Scored {
                index: r.index,
                score,
            })
        })
        .collect();
    engine::top_k(index, query, &scored, k)
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
            entry.top = engine::top_k(index, &prepared, &entry.matches.hits, rows);
        }
        let n = entry.matches.len();
        let top = entry.top.iter().take(rows).copied().collect::<Vec<_>>();
        publish(shared, snapshot(&top, n, n, n, true));
        return;
    }
    let base = cache.base(query);
    let plan = prepared.plan(base.as_ref().map(|b| &b.query), shared.scorer);
    let candidates = base.as_ref().map_or(total, |b| b.matches.len());
    let mut matches = Found::with_capacity(prepared.slots(), candidates);
    // The base's best rows that still match, ranked: shown at once, and the floor that
    // spares the scan from scoring what cannot beat them. The scan finds them again and
    // does not add them twice.
    let seeded = base
        .as_ref()
        .filter(|_| prepared.ranked)
        .map(|b| seed(index, &prepared, shared.scorer, &b.top, rows))
        .unwrap_or_default();
    let mut top = seeded.clone();
    let mut seeded: Vec<u32> = seeded.iter().map(|s| s.index).collect();
    seeded.sort_unstable();
    if !top.is_empty() {
        publish(shared, snapshot(&top, top.len(), 0, candidates, false));
    }
    let mut searched = 0;
    let mut chunk = FIRST_CHUNK;
    let mut last_publish: Option<Instant> = None;
    while searched < candidates {
        if stale() {
            return;
        }
        let end = (searched + chunk).min(candidates);
        let part = match &base {
            Some(b) => Candidates::List(&b.matches, searched..end),
            None => Candidates::Range(searched as u32..end as u32),
        };
        // Once `rows` matches are ranked, an item scoring below the last of them cannot
        // be shown: it is counted and kept, but not scored.
        let floor = top
            .last()
            .filter(|last| prepared.ranked && top.len() >= rows && last.is_scored())
            .map(|&last| Floor::of(index, last));
        let from = matches.len();
        let scan = Scan {
            index,
            query: &prepared,
            scorer: shared.scorer,
            plan: &plan,
            floor,
            stale: &stale,
        };
        scan.run(part, &mut matches);
        if stale() {
            return;
        }
        // Unscored matches cannot reach the rows; the rest compete with them.
        let found = &matches.hits[from..];
        if prepared.ranked {
            // A match scoring below the floor cannot displace a row (a scan without
            // fuzzy terms scores every match; ranking them all would be the work).
            top.extend(found.iter().filter(|s| {
                s.is_scored()
                    && floor.is_none_or(|f| f.admits(**s))
                    && seeded.binary_search(&s.index).is_err()
            }));
        } else {
            top.extend(found.iter().take(rows.saturating_sub(top.len())));
        }
        top = engine::top_k(index, &prepared, &top, rows);
        searched = end;
        chunk = (chunk * 2).min(MAX_CHUNK);
        let due = last_publish.is_none_or(|t| t.elapsed() >= PUBLISH_EVERY);
        if due && searched < candidates {
            // At least the seeded rows match, whatever part of the scan has found them.
            let matched = matches.len().max(seeded.len());
            publish(shared, snapshot(&top, matched, searched, candidates, false));
            last_publish = Some(Instant::now());
        }
    }
    let n = matches.len();
    publish(shared, snapshot(&top, n, candidates, candidates, true));
    matches.shrink_to_fit();
    cache.insert(Entry {
        query: query.clone(),
        unscored: matches.hits.iter().any(|m| !m.is_scored()),
        matches: Arc::new(matches),
        top,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::greedy::Greedy;

    /// xorshift64*: the test must not depend on a crate's sequence.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1) as u64) as usize
        }
    }

    /// Claims made by recombining the words of the seed articles, with the spelling
    /// variants readers type (bare alef, ha for ta marbuta) and some English.
    fn seed_claims(n: usize, rng: &mut Rng) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("seeds/")
            .flatten()
            .map(|e| e.path())
            .collect();
        paths.sort();
        let mut words: Vec<String> = paths
            .iter()
            .flat_map(|p| {
                let text = std::fs::read_to_string(p).unwrap_or_default();
                text.split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        words.extend(
            "the pentagon said trained rebels remain loyal to washington moscow lavrov"
                .split(' ')
                .map(str::to_string),
        );
        (0..n)
            .map(|_| {
                let len = 3 + rng.below(25);
                let at = rng.below(words.len());
                let mut claim: Vec<String> = (0..len)
                    .map(|k| words[(at + k) % words.len()].clone())
                    .collect();
                if rng.below(3) == 0 {
                    claim = claim.iter().map(|w| w.replace('أ', "ا")).collect();
                }
                if rng.below(4) == 0 {
                    let extra = rng.below(words.len());
                    claim.insert(rng.below(claim.len()), words[extra].clone());
                }
                claim.join(" ")
            })
            .collect()
    }

    /// Every item's score for a query of fuzzy terms, the plain way: each term scored
    /// over the whole key, no resumed walk, no bound; ranked by score, length, order.
    fn brute_force(index: &Index, needles: &[String]) -> Vec<(u32, i64)> {
        let mut all: Vec<(u32, i64)> = (0..index.len())
            .filter_map(|i| {
                let key = index.key_text(i);
                let total = needles
                    .iter()
                    .map(|n| Greedy.score(&key, n))
                    .sum::<Option<i64>>()?;
                Some((i as u32, total))
            })
            .collect();
        all.sort_by_key(|&(i, s)| (-s, index.key_len(i as usize), i));
        all
    }

    #[test]
    fn typed_queries_rank_like_a_brute_force_scan_of_every_claim() {
        let mut rng = Rng(0x5EED);
        let claims = seed_claims(7000, &mut rng);
        let items: Vec<Item> = claims
            .iter()
            .map(|t| Item {
                text: t.clone(),
                packed: None,
                fields: Fields {
                    status: Some(crate::model::Status::ALL[rng.below(4)]),
                    ..Fields::default()
                },
            })
            .collect();
        let index = Index::new(items.clone());
        let worker = Worker::new(Index::new(items));
        let rows = DEFAULT_ROWS;
        // Typed after a fixed start: a negation, an exact run, a field, an OR (their
        // rankings come from the plain full scan, `filter`).
        let starts = ["", "", "!الروس ", "'ال ", "status:unverified ", "لا | pen "];
        for session in 0..36 {
            let start = starts[session % starts.len()];
            // Words of a random claim, typed letter by letter, a letter sometimes
            // skipped (fuzzy), then some backspaces and more letters.
            let claim: Vec<&str> = claims[rng.below(claims.len())].split(' ').collect();
            let from = rng.below(claim.len());
            let mut target: String = claim[from..(from + 1 + rng.below(2)).min(claim.len())]
                .join(" ")
                .chars()
                .filter(|_| rng.below(6) != 0)
                .collect();
            target.push_str(["", " ال", " و", " pen"][rng.below(4)]);
            let mut typed: Vec<char> = start.chars().collect();
            let mut steps: Vec<String> = Vec::new();
            for c in target.chars() {
                typed.push(c);
                steps.push(typed.iter().collect());
            }
            for _ in 0..rng.below(4) {
                typed.pop();
                steps.push(typed.iter().collect());
            }
            for c in "الامريكيه".chars().take(rng.below(4)) {
                typed.push(c);
                steps.push(typed.iter().collect());
            }
            for raw in steps {
                let q = Query::parse(&raw).expect("query");
                let want: Vec<(u32, i64)> = if start.is_empty() && !q.is_empty() {
                    let needles: Vec<String> = q
                        .clauses
                        .iter()
                        .filter_map(|c| c.terms.first().and_then(|t| t.text()))
                        .map(|p| p.needle.clone())
                        .collect();
                    brute_force(&index, &needles)
                } else {
                    crate::search::filter(&index, &q)
                        .iter()
                        .map(|h| (h.index as u32, h.score))
                        .collect()
                };
                let snap = worker
                    .wait(worker.search(q), Duration::from_secs(30))
                    .expect("answer");
                assert_eq!(snap.matched, want.len(), "session {session}, {raw:?}");
                let got: Vec<(u32, i64)> =
                    snap.top.iter().map(|h| (h.index as u32, h.score)).collect();
                let n = got.len();
                assert_eq!(n, want.len().min(rows), "session {session}, {raw:?}");
                if let Some(k) = (0..n).find(|&k| got[k] != want[k]) {
                    panic!(
                        "session {session}, {raw:?}: row {k} is {:?}, a full ranking has {:?}",
                        got[k], want[k]
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod long_keys {
    use super::*;

    #[test]
    fn claims_too_long_to_keep_a_walk_end_still_narrow_right() {
        // Matches that end past what a walk end can hold (64 KiB into the key) are walked
        // again from the start on the next keystroke, and found all the same.
        let long = format!("{} lavrov said {}", "x".repeat(70_000), "y".repeat(10));
        // Its only "a" lies past 64 KiB but before its only "l": "la" must not match it.
        let trap = format!("{} a {} l zzz", "x".repeat(65_600), "x".repeat(4_400));
        let texts = [
            long.as_str(),
            trap.as_str(),
            "lavrov said",
            "la va ro v",
            "nothing",
        ];
        let items: Vec<Item> = texts
            .iter()
            .map(|t| Item {
                text: t.to_string(),
                ..Item::default()
            })
            .collect();
        let index = Index::new(items.clone());
        let worker = Worker::new(Index::new(items));
        for raw in [
            "l",
            "la",
            "lav",
            "lavr",
            "lavro",
            "lavrov",
            "lavrov s",
            "lavrov sd",
        ] {
            let q = Query::parse(raw).expect("query");
            let want: Vec<usize> = crate::search::filter(&index, &q)
                .iter()
                .map(|h| h.index)
                .collect();
            let snap = worker
                .wait(worker.search(q), Duration::from_secs(10))
                .expect("answer");
            let got: Vec<usize> = snap.top.iter().map(|h| h.index).collect();
            assert_eq!(got, want, "{raw:?}");
            assert!(got.contains(&0), "{raw:?}: the long claim");
            assert_eq!(got.contains(&1), raw == "l", "{raw:?}: the trap");
        }
    }
}

#[cfg(test)]
mod field_prefix {
    use super::*;

    #[test]
    fn a_field_name_typed_alone_is_answered() {
        let items: Vec<Item> = ["status of talks", "lavrov said", "nothing"]
            .iter()
            .map(|t| Item {
                text: t.to_string(),
                packed: None,
                fields: Fields::default(),
            })
            .collect();
        let worker = Worker::new(Index::new(items));
        for raw in ["status", "status:", "status:unv", "status"] {
            let q = Query::parse(raw).expect("query");
            let snap = worker.wait(worker.search(q), Duration::from_secs(5));
            assert!(snap.is_some_and(|s| s.done), "{raw:?} is answered");
        }
    }
}
