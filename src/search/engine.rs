//! Running a prepared query over many items: in parallel on every core, over all items
//! or over an earlier query's matches, with top-k selection instead of a full sort.

use super::index::Index;
use super::matcher::{compact, Prepared, Scored, Subject};
use super::scorer::Scorer;
use rayon::prelude::*;

/// Items handed to one rayon task at least; below this, splitting costs more than it saves.
const MIN_TASK: usize = 512;

/// The matches among `candidates` (item indices in original order), in that order.
/// With a `floor` (the last of the rows kept so far, all of them before `candidates`),
/// matches that cannot outrank it are kept [`UNSCORED`](super::matcher::UNSCORED).
/// `stale` is polled per item so that a newer query stops the work early.
pub(crate) fn scan(
    index: &Index,
    query: &Prepared,
    scorer: &dyn Scorer,
    candidates: Candidates<'_>,
    floor: Option<Scored>,
    stale: &(dyn Fn() -> bool + Sync),
) -> Vec<Scored> {
    let floor_len = floor.map_or(0, |f| index.key_len(f.index as usize));
    let one = |i: u32| -> Option<Scored> {
        if stale() || query.rejects_mask(index.mask(i as usize)) {
            return None;
        }
        // A later item ties with the floor's score only to lose, unless it is shorter.
        let need = floor.map(|f| {
            let score = i64::from(f.score);
            if index.key_len(i as usize) < floor_len {
                score
            } else {
                score + 1
            }
        });
        let score = query.score_above(&Subject::of(index, i as usize), scorer, need)?;
        Some(Scored { index: i, score })
    };
    // Blocks of candidates, each walked in order with the keys a few items ahead
    // prefetched; blocks run in parallel and their matches are concatenated in order.
    let n = candidates.len();
    let at = |p: usize| candidates.at(p);
    (0..n.div_ceil(BLOCK))
        .into_par_iter()
        .with_min_len(MIN_TASK / BLOCK)
        .flat_map_iter(|b| {
            let lo = b * BLOCK;
            let hi = (lo + BLOCK).min(n);
            (lo..hi).filter_map(move |p| {
                if p + AHEAD < n {
                    let ahead = at(p + AHEAD);
                    if !query.rejects_mask(index.mask(ahead as usize)) {
                        index.prefetch(ahead as usize);
                    }
                }
                one(at(p))
            })
        })
        .collect()
}

/// Candidates walked in order by one task.
const BLOCK: usize = 256;
/// How many candidates ahead a key is prefetched.
const AHEAD: usize = 16;

/// Which items a scan looks at.
#[derive(Clone, Debug)]
pub(crate) enum Candidates<'a> {
    Range(std::ops::Range<u32>),
    /// An earlier query's matches, when the new query can only narrow them.
    List(&'a [Scored]),
}

impl Candidates<'_> {
    fn len(&self) -> usize {
        match self {
            Candidates::Range(r) => r.len(),
            Candidates::List(l) => l.len(),
        }
    }

    /// The item index of the `p`-th candidate.
    #[inline]
    fn at(&self, p: usize) -> u32 {
        match self {
            Candidates::Range(r) => r.start + p as u32,
            Candidates::List(l) => l.get(p).map_or(u32::MAX, |s| s.index),
        }
    }
}

/// Score the matches a bounded scan left [`UNSCORED`](super::matcher::UNSCORED).
pub(crate) fn rescore(
    index: &Index,
    query: &Prepared,
    scorer: &dyn Scorer,
    matches: &mut [Scored],
) {
    matches
        .par_iter_mut()
        .with_min_len(MIN_TASK)
        .filter(|s| !s.is_scored())
        .for_each(|s| {
            let score = query.score(&Subject::of(index, s.index as usize), scorer);
            s.score = compact(score.unwrap_or(0));
        });
}

/// The best `k` of `matches`, best first.
pub(crate) fn top_k(index: &Index, query: &Prepared, matches: &[Scored], k: usize) -> Vec<Scored> {
    let len = |i: u32| index.key_len(i as usize);
    if !query.ranked {
        // Matches are already in original order.
        return matches.iter().take(k).copied().collect();
    }
    let mut best: Vec<Scored> = matches.to_vec();
    if k == 0 {
        return Vec::new();
    }
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
