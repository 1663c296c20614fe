//! Fuzzy scorers behind one small trait, so the benchmark can compare them on the same
//! engine: skim's V2 (fuzzy-matcher) and nucleo's. Both see folded, lowercased keys only;
//! neither decides what matches (the prefilter and the query do), only how well.

use super::key::pack;
pub use super::key::Hay;
use super::walk::{packed_units, units, Unit};
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cell::RefCell;
use std::ops::Range;

/// Scores a needle against a key; both are already folded by the one normalisation.
pub trait Scorer: Send + Sync + std::fmt::Debug {
    fn name(&self) -> &'static str;
    /// The best alignment's score (higher is better), `None` when the needle's chars do
    /// not appear in order.
    fn score(&self, key: &str, needle: &str) -> Option<i64>;
    /// The char positions in `key` of that alignment.
    fn positions(&self, key: &str, needle: &str) -> Option<Vec<usize>>;
    /// The score of `needle` found as one run at byte range `run` of `key` (an exact
    /// term): the run scored with the char before it, so a word start earns its bonus.
    fn score_run(&self, key: &Hay, needle: &str, run: Range<usize>) -> i64 {
        let from = key.char_before(run.start).map_or(run.start, |(at, _)| at);
        let window: String = key.chars(from..run.end).collect();
        self.score(&window, needle).unwrap_or(0)
    }
    /// The score of a key the engine found to hold `needle` in order, its first in-order
    /// match ending at byte `end` (a scorer that scores one window around it need not
    /// look for the match again).
    fn score_matched(&self, key: &Hay, needle: &Needle, end: usize) -> i64 {
        let _ = end;
        self.score(&key.text(), needle.text()).unwrap_or(0)
    }
    /// A number no smaller than [`Scorer::score_matched`], when that number is `need` or
    /// more; `None` when the score cannot reach `need`. Lets the engine skip scoring
    /// matches that cannot reach the rows shown; the default never skips.
    fn bound_matched(&self, key: &Hay, needle: &Needle, end: usize, need: i64) -> Option<i64> {
        let _ = (key, needle, end, need);
        Some(i64::MAX)
    }
    /// [`Scorer::score_matched`] when it can be `need` or more; `None` when it cannot
    /// (then nothing is scored). One call where bounding and scoring share their work;
    /// the default scores every match.
    fn score_from(&self, key: &Hay, needle: &Needle, end: usize, need: i64) -> Option<i64> {
        let _ = need;
        Some(self.score_matched(key, needle, end))
    }
    /// No key scores `needle` higher than this.
    fn max_score(&self, needle: &Needle) -> i64 {
        let _ = needle;
        i64::MAX
    }
}

/// A fuzzy needle as the engine walks it: its folded text, and its chars as walk units
/// for UTF-8 and for packed keys.
#[derive(Clone, Debug)]
pub struct Needle {
    text: String,
    units: Vec<Unit>,
    packed: Vec<u8>,
    packed_units: Vec<Unit>,
}

impl Needle {
    pub(crate) fn new(text: &str) -> Needle {
        Needle {
            text: text.to_string(),
            units: units(text),
            packed: pack(text),
            packed_units: packed_units(text),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The walk units for `key`'s form.
    #[inline]
    pub(crate) fn units_for(&self, key: &Hay) -> &[Unit] {
        if key.is_packed() {
            self.packed_units()
        } else {
            &self.units
        }
    }

    /// True when every char of the packed needle takes one byte.
    pub(crate) fn packs_small(&self) -> bool {
        self.packed.len() == self.units.len()
    }

    /// The needle's bytes in `key`'s form.
    #[inline]
    pub(crate) fn bytes_for(&self, key: &Hay) -> &[u8] {
        if key.is_packed() {
            &self.packed
        } else {
            self.text.as_bytes()
        }
    }

    /// The walk units for packed keys (index items).
    #[inline]
    pub(crate) fn packed_units(&self) -> &[Unit] {
        &self.packed_units
    }

    /// The UTF-8 walk units (packed ones have as many: one per char).
    pub(crate) fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Length in chars.
    pub fn chars(&self) -> usize {
        self.units.len()
    }
}

/// The scorer the engine uses unless told otherwise (chosen by the benchmark: see
/// BENCHMARKS.md).
pub fn default_scorer() -> &'static dyn Scorer {
    &super::greedy::Greedy
}

/// Look a scorer up by the name the benchmark prints.
pub fn by_name(name: &str) -> Option<&'static dyn Scorer> {
    match name {
        "skim" => Some(&*SKIM),
        "nucleo" => Some(&NUCLEO),
        "greedy" => Some(&super::greedy::Greedy),
        _ => None,
    }
}

static SKIM: std::sync::LazyLock<Skim> = std::sync::LazyLock::new(|| Skim {
    // Keys and needles are lowercased already; respecting case skips a second fold.
    matcher: SkimMatcherV2::default().respect_case(),
});
static NUCLEO: Nucleo = Nucleo;

/// fuzzy-matcher's SkimMatcherV2 (one instance shared by all threads: it keeps its
/// scratch matrices per thread).
pub struct Skim {
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for Skim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Skim")
    }
}

impl Scorer for Skim {
    fn name(&self) -> &'static str {
        "skim"
    }
    fn score(&self, key: &str, needle: &str) -> Option<i64> {
        self.matcher.fuzzy_match(key, needle)
    }
    fn positions(&self, key: &str, needle: &str) -> Option<Vec<usize>> {
        self.matcher.fuzzy_indices(key, needle).map(|(_, p)| p)
    }
}

/// nucleo-matcher's optimal fuzzy matcher, one `Matcher` per thread (it needs `&mut`).
#[derive(Debug)]
pub struct Nucleo;

struct NucleoScratch {
    matcher: Matcher,
    key: Vec<char>,
    needle: Vec<char>,
    indices: Vec<u32>,
}

thread_local! {
    static NUCLEO_SCRATCH: RefCell<NucleoScratch> = RefCell::new(NucleoScratch {
        matcher: Matcher::new(nucleo_config()),
        key: Vec::new(),
        needle: Vec::new(),
        indices: Vec::new(),
    });
}

fn nucleo_config() -> Config {
    let mut config = Config::DEFAULT;
    // The one normalisation already folded and lowercased both sides.
    config.normalize = false;
    config.ignore_case = false;
    config
}

/// One char per key char (not per grapheme, as `Utf32Str::new` does), so that positions
/// index the key exactly as `Folded::origin` does.
fn utf32<'a>(s: &'a str, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
    if s.is_ascii() {
        return Utf32Str::Ascii(s.as_bytes());
    }
    buf.clear();
    buf.extend(s.chars());
    Utf32Str::Unicode(buf)
}

impl Scorer for Nucleo {
    fn name(&self) -> &'static str {
        "nucleo"
    }
    fn score(&self, key: &str, needle: &str) -> Option<i64> {
        if key.len() > u32::MAX as usize / 4 {
            return None;
        }
        NUCLEO_SCRATCH.with_borrow_mut(|s| {
            let NucleoScratch {
                matcher,
                key: kb,
                needle: nb,
                ..
            } = s;
            matcher
                .fuzzy_match(utf32(key, kb), utf32(needle, nb))
                .map(i64::from)
        })
    }
    fn positions(&self, key: &str, needle: &str) -> Option<Vec<usize>> {
        if key.len() > u32::MAX as usize / 4 {
            return None;
        }
        NUCLEO_SCRATCH.with_borrow_mut(|s| {
            let NucleoScratch {
                matcher,
                key: kb,
                needle: nb,
                indices,
            } = s;
            indices.clear();
            matcher.fuzzy_indices(utf32(key, kb), utf32(needle, nb), indices)?;
            Some(indices.iter().map(|&i| i as usize).collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_scorers_agree_on_what_matches_and_where() {
        for scorer in ["skim", "nucleo", "greedy"].into_iter().filter_map(by_name) {
            assert!(scorer.score("وقال لافروف", "لافروف").is_some(), "{scorer:?}");
            assert!(scorer.score("وقال لافروف", "فرول").is_none(), "{scorer:?}");
            assert_eq!(
                scorer.positions("moscow said", "msc"),
                Some(vec![0, 2, 3]),
                "{scorer:?}"
            );
            let whole = scorer.score("the lavrov file", "lavrov");
            let scattered = scorer.score("lxaxvxrxoxvx", "lavrov");
            assert!(whole > scattered, "{scorer:?}: contiguous ranks higher");
        }
    }
}
