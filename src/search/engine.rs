//! Running a prepared query over many items: in parallel on every core, over all items
//! or over an earlier query's matches (resuming their walks), with top-k selection
//! instead of a full sort.

use super::index::Index;
use super::matcher::{End, OneSlot, Plan, Prepared, Scored, Subject, NO_END};
use super::scorer::Scorer;
use rayon::prelude::*;
use std::mem::MaybeUninit;

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

    /// False when `hit` ranks below the floor by its score alone.
    #[inline]
    pub fn admits(&self, hit: Scored) -> bool {
        i64::from(hit.score) >= self.score
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
    /// in that order. Each task writes its matches straight into its own window of
    /// `out`'s spare room (so the pages are first touched on every core, not by one
    /// thread copying after them); the windows are then closed up in place.
    pub fn run(&self, candidates: Candidates<'_>, out: &mut Found) {
        let stride = self.query.slots();
        let n = candidates.len();
        out.hits.reserve(n);
        out.ends.reserve(n * stride);
        let len = out.hits.len();
        let ends_len = out.ends.len();
        let (Some(hits), Some(ends)) = (
            out.hits.spare_capacity_mut().get_mut(..n),
            out.ends.spare_capacity_mut().get_mut(..n * stride),
        ) else {
            return;
        };
        let mut windows = Vec::with_capacity(n.div_ceil(TASK));
        let (mut hits_left, mut ends_left) = (&mut hits[..], &mut ends[..]);
        for lo in (0..n).step_by(TASK) {
            let m = TASK.min(n - lo);
            let (h, rest) = std::mem::take(&mut hits_left).split_at_mut(m);
            hits_left = rest;
            let (e, rest) = std::mem::take(&mut ends_left).split_at_mut(m * stride);
            ends_left = rest;
            windows.push((lo, Sink::new(h, e, stride)));
        }
        let one = self.query.one_slot(self.plan);
        let task = |lo: usize, sink: &mut Sink| {
            let hi = lo + sink.hits.len();
            let one = one.as_ref();
            match &candidates {
                Candidates::Range(r) => {
                    let first = r.start;
                    self.walk(one, lo, hi, |p| (first + p as u32, &[]), sink);
                }
                Candidates::List(found, r) => {
                    let base = r.start;
                    let s = found.stride;
                    let at = |p: usize| -> (u32, &[End]) {
                        let q = base + p;
                        let i = found.hits.get(q).map_or(u32::MAX, |h| h.index);
                        (i, found.ends.get(q * s..q * s + s).unwrap_or(&[]))
                    };
                    self.walk(one, lo, hi, at, sink);
                }
            }
        };
        windows
            .par_iter_mut()
            .for_each(|(lo, sink)| task(*lo, sink));
        let counts: Vec<(usize, usize)> = windows.iter().map(|(lo, s)| (*lo, s.n)).collect();
        drop(windows);
        let mut at = 0;
        for (lo, k) in counts {
            if lo != at {
                hits.copy_within(lo..lo + k, at);
                ends.copy_within(lo * stride..(lo + k) * stride, at * stride);
            }
            at += k;
        }
        // SAFETY: every task wrote its first `k` hits and `k * stride` ends (see
        // `Sink::push`), and closing the windows up moved those to the first `at` hits
        // and `at * stride` ends of the spare room, which `reserve` made.
        unsafe {
            out.hits.set_len(len + at);
            out.ends.set_len(ends_len + at * stride);
        }
    }

    /// Append the matches among candidates `lo..hi` to `part`, the `p`-th candidate
    /// being `at(p)` (its item and its base walk ends): generic, so that the kind of
    /// candidates is not matched per item. `one`: the query's one-term form, when it has
    /// one (decided once per scan).
    #[inline]
    fn walk<'c>(
        &self,
        one: Option<&OneSlot>,
        lo: usize,
        hi: usize,
        at: impl Fn(usize) -> (u32, &'c [End]),
        part: &mut Sink,
    ) {
        if let Some(one) = one {
            return self.walk_one(one, lo, hi, at, part);
        }
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
                part.push(Scored { index: i, score }, &ends);
            }
        }
    }

    /// [`Scan::walk`] for a query of one fuzzy term: the same matches, scores and ends.
    #[inline]
    fn walk_one<'c>(
        &self,
        one: &OneSlot,
        lo: usize,
        hi: usize,
        at: impl Fn(usize) -> (u32, &'c [End]),
        part: &mut Sink,
    ) {
        let index = self.index;
        let resume_of = |ends: &[End]| -> End {
            one.base
                .and_then(|b| ends.get(b))
                .copied()
                .unwrap_or(NO_END)
        };
        for p in lo..hi {
            if (p - lo) % BLOCK == 0 && (self.stale)() {
                break;
            }
            if p + AHEAD < hi {
                let (ahead, ends) = at(p + AHEAD);
                let from = match resume_of(ends) {
                    NO_END => 0,
                    e => e as usize,
                };
                index.prefetch(ahead as usize, from);
            }
            let (i, ends) = at(p);
            if self.plan.masks && self.query.rejects_mask(index.mask(i as usize)) {
                continue;
            }
            let key = index.key_bytes(i as usize);
            let need = self.floor.map(|f| f.need(i, key.len()));
            if let Some((score, end)) = one.eval(key, resume_of(ends), self.scorer, need) {
                part.push(Scored { index: i, score }, &[end]);
            }
        }
    }
}

/// One task's window of a scan's output: room for a match per candidate.
pub(crate) struct Sink<'a> {
    hits: &'a mut [MaybeUninit<Scored>],
    ends: &'a mut [MaybeUninit<End>],
    stride: usize,
    /// Matches written so far, at the start of the window.
    n: usize,
}

impl<'a> Sink<'a> {
    fn new(
        hits: &'a mut [MaybeUninit<Scored>],
        ends: &'a mut [MaybeUninit<End>],
        stride: usize,
    ) -> Self {
        Sink {
            hits,
            ends,
            stride,
            n: 0,
        }
    }

    /// Write a match and its walk ends (`stride` of them) after the others.
    #[inline]
    fn push(&mut self, hit: Scored, ends: &[End]) {
        let at = self.n * self.stride;
        let (Some(slot), Some(room)) = (
            self.hits.get_mut(self.n),
            self.ends.get_mut(at..at + self.stride),
        ) else {
            return;
        };
        slot.write(hit);
        // Every end of the match is written, whatever `ends` holds.
        for (d, &e) in room
            .iter_mut()
            .zip(ends.iter().chain(std::iter::repeat(&NO_END)))
        {
            d.write(e);
        }
        self.n += 1;
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
