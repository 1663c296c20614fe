//! Running a prepared query over many items: in parallel on every core, over all items
//! or over an earlier query's matches (resuming their walks), with top-k selection
//! instead of a full sort.

use super::index::Index;
use super::matcher::{End, Plan, Prepared, Scored, Subject, NO_END};
use super::scorer::Scorer;
use rayon::prelude::*;

/// Items handed to one rayon task at least; below this, splitting costs more than it saves.
const MIN_TASK: usize = 512;
/// Candidates scanned between two looks at whether a newer query came.
const BLOCK: usize = 256;
/// How many candidates ahead a key is prefetched.
const AHEAD: usize = 16;

/// A query's matches in original order, and for each match the end of every slot's walk
/// (`stride` ends per match), so that a longer query can resume them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Found {
    pub hits: Vec<Scored>,
    pub ends: Vec<End>,
    pub stride: usize,
}

impl Found {
    pub fn new(stride: usize) -> Found {
        Found {
            stride,
            ..Found::default()
        }
    }

    /// Room for `n` matches: a scan appends without copying what it found so far (the
    /// pages never written are never resident).
    pub fn with_capacity(stride: usize, n: usize) -> Found {
        Found {
            hits: Vec::with_capacity(n),
            ends: Vec::with_capacity(n * stride),
            stride,
        }
    }

    /// Give back the room not used, before the result is cached.
    pub fn shrink_to_fit(&mut self) {
        self.hits.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.hits.len()
    }

    /// Memory held.
    pub fn bytes(&self) -> usize {
        self.hits.capacity() * std::mem::size_of::<Scored>()
            + self.ends.capacity() * std::mem::size_of::<End>()
    }

    /// Append `other` (same stride), keeping the order.
    pub fn append(&mut self, other: Found) {
        if self.hits.is_empty() && self.hits.capacity() < other.hits.len() {
            *self = Found {
                stride: self.stride,
                ..other
            };
            return;
        }
        self.hits.extend(other.hits);
        self.ends.extend(other.ends);
    }
}

/// Which items a scan looks at.
#[derive(Clone, Debug)]
pub(crate) enum Candidates<'a> {
    Range(std::ops::Range<u32>),
    /// An earlier query's matches `range`, when the new query can only narrow them.
    List(&'a Found, std::ops::Range<usize>),
}

impl Candidates<'_> {
    fn len(&self) -> usize {
        match self {
            Candidates::Range(r) => r.len(),
            Candidates::List(_, r) => r.len(),
        }
    }
}

/// The last of the rows kept so far: a match that cannot outrank it is not scored.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Floor {
    score: i64,
    len: usize,
    index: u32,
}

impl Floor {
    pub fn of(index: &Index, last: Scored) -> Floor {
        Floor {
            score: i64::from(last.score),
            len: index.key_len(last.index as usize),
            index: last.index,
        }
    }

    /// The score item `i` (its key `len` bytes long) needs to rank at least as high: ties
    /// go to the shorter item, then to the earlier one.
    #[inline]
    fn need(&self, i: u32, len: usize) -> i64 {
        if (len, i) <= (self.len, self.index) {
            self.score
        } else {
            self.score + 1
        }
    }
}

/// Candidates scanned by one task at most: small enough that both cores share a chunk
/// evenly, large enough to amortise the task.
const TASK: usize = 4096;

/// One scan of a query: what each of its tasks needs.
pub(crate) struct Scan<'a> {
    pub index: &'a Index,
    pub query: &'a Prepared,
    pub scorer: &'a dyn Scorer,
    /// How walks resume from the candidates' ends.
    pub plan: &'a Plan,
    /// With a floor, matches that cannot rank as high as it are kept
    /// [`UNSCORED`](super::matcher::UNSCORED).
    pub floor: Option<Floor>,
    /// Polled per block, so that a newer query stops the work early.
    pub stale: &'a (dyn Fn() -> bool + Sync),
}

impl Scan<'_> {
    /// Append the matches among `candidates` (item indices in original order) to `out`,
    /// in that order.
    pub fn run(&self, candidates: Candidates<'_>, out: &mut Found) {
        let stride = self.query.slots();
        let n = candidates.len();
        let task = |lo: usize, hi: usize| -> Found {
            let mut part = Found::with_capacity(stride, hi - lo);
            match &candidates {
                Candidates::Range(r) => {
                    let first = r.start;
                    self.walk(lo, hi, |p| (first + p as u32, &[]), &mut part);
                }
                Candidates::List(found, r) => {
                    let base = r.start;
                    let s = found.stride;
                    let at = |p: usize| -> (u32, &[End]) {
                        let q = base + p;
                        let i = found.hits.get(q).map_or(u32::MAX, |h| h.index);
                        (i, found.ends.get(q * s..q * s + s).unwrap_or(&[]))
                    };
                    self.walk(lo, hi, at, &mut part);
                }
            }
            part
        };
        let parts: Vec<Found> = (0..n.div_ceil(TASK))
            .into_par_iter()
            .map(|t| task(t * TASK, ((t + 1) * TASK).min(n)))
            .collect();
        let found: usize = parts.iter().map(Found::len).sum();
        out.hits.reserve(found);
        out.ends.reserve(found * stride);
        for part in parts {
            out.append(part);
        }
    }

    /// Append the matches among candidates `lo..hi` to `part`, the `p`-th candidate
    /// being `at(p)` (its item and its base walk ends): generic, so that the kind of
    /// candidates is not matched per item.
    #[inline]
    fn walk<'c>(
        &self,
        lo: usize,
        hi: usize,
        at: impl Fn(usize) -> (u32, &'c [End]),
        part: &mut Found,
    ) {
        let (index, query) = (self.index, self.query);
        // The first slot's resumed walk starts where its base walk ended: prefetch there.
        let resumes = self.plan.resumes_first_slot();
        let mut ends = vec![NO_END; part.stride];
        for p in lo..hi {
            if (p - lo) % BLOCK == 0 && (self.stale)() {
                break;
            }
            if p + AHEAD < hi {
                let (ahead, resume) = at(p + AHEAD);
                let from = resumes
                    .and_then(|b| resume.get(b))
                    .map_or(0, |&e| e as usize);
                index.prefetch(ahead as usize, from);
            }
            let (i, resume) = at(p);
            let subject = if self.plan.masks {
                let subject = Subject::of(index, i as usize);
                if query.rejects_mask(subject.mask) {
                    continue;
                }
                subject
            } else {
                Subject::unmasked(index, i as usize)
            };
            let need = self.floor.map(|f| f.need(i, subject.hay.bytes().len()));
            if let Some(score) =
                query.eval(&subject, self.scorer, self.plan, resume, &mut ends, need)
            {
                part.hits.push(Scored { index: i, score });
                part.ends.extend_from_slice(&ends);
            }
        }
    }
}

/// Score the matches a bounded scan left [`UNSCORED`](super::matcher::UNSCORED), from
/// the walk ends kept with them.
pub(crate) fn rescore(index: &Index, query: &Prepared, scorer: &dyn Scorer, found: &mut Found) {
    let plan = query.own_plan(scorer);
    let stride = found.stride;
    let ends = &found.ends;
    found
        .hits
        .par_iter_mut()
        .enumerate()
        .with_min_len(MIN_TASK)
        .filter(|(_, s)| !s.is_scored())
        .for_each_init(
            || vec![NO_END; stride],
            |scratch, (p, s)| {
                let resume = ends.get(p * stride..p * stride + stride).unwrap_or(&[]);
                let subject = Subject::of(index, s.index as usize);
                if let Some(score) = query.eval(&subject, scorer, &plan, resume, scratch, None) {
                    s.score = score;
                }
            },
        );
}

/// The best `k` of `matches`, best first.
pub(crate) fn top_k(index: &Index, query: &Prepared, matches: &[Scored], k: usize) -> Vec<Scored> {
    let len = |i: u32| index.key_len(i as usize);
    if !query.ranked {
        // Matches are already in original order.
        return matches.iter().take(k).copied().collect();
    }
    if k == 0 {
        return Vec::new();
    }
    let mut best: Vec<Scored> = matches.to_vec();
    if best.len() > k {
        best.select_nth_unstable_by(k - 1, |a, b| query.cmp(a, b, len));
        best.truncate(k);
    }
    best.sort_unstable_by(|a, b| query.cmp(a, b, len));
    best
}

/// Every match, best first (the headless commands).
pub(crate) fn rank_all(index: &Index, query: &Prepared, matches: &mut [Scored]) {
    if query.ranked {
        let len = |i: u32| index.key_len(i as usize);
        matches.par_sort_unstable_by(|a, b| query.cmp(a, b, len));
    }
}
