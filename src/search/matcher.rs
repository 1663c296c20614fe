//! Deciding whether one item matches a parsed query, and how well. Cheap tests run first
//! (fields, the char mask, an in-order memchr walk) so that most items never reach the
//! fuzzy scorer; positions are computed only when a row is drawn.

use super::index::{char_mask, Index};
use super::query::{Flag, Kind, Pattern, Query, Test};
use super::scorer::Scorer;
use super::Fields;
use memchr::memmem;
use std::cmp::Ordering;
use std::ops::Range;

/// One match kept by the engine: small, so a million of them stay cheap to cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Scored {
    pub index: u32,
    pub score: i32,
}

/// The score kept for a match that was found but not scored, because it could not
/// reach the rows asked for (see [`Prepared::score_above`]). Sorts after every score.
pub(crate) const UNSCORED: i32 = i32::MIN;

impl Scored {
    pub fn is_scored(&self) -> bool {
        self.score != UNSCORED
    }
}

/// What one term looks at in one item: its search key, and its fields on demand (most
/// queries never read them, so they are not fetched per item).
pub(crate) struct Subject<'a> {
    pub key: &'a str,
    /// Char mask of `key`; `u64::MAX` when unknown (skips the mask test).
    pub mask: u64,
    /// The item in its index; `None` for a bare line of text (`filter --lines`).
    pub item: Option<(&'a Index, usize)>,
}

impl<'a> Subject<'a> {
    pub fn of(index: &'a Index, i: usize) -> Subject<'a> {
        Subject {
            key: index.key(i),
            mask: index.mask(i),
            item: Some((index, i)),
        }
    }

    /// A bare line of text: no fields.
    pub fn line(key: &'a str) -> Subject<'a> {
        Subject {
            key,
            mask: u64::MAX,
            item: None,
        }
    }

    fn fields(&self) -> Option<&'a Fields> {
        self.item.and_then(|(index, i)| index.fields(i))
    }

    fn field_key(&self, pick: fn(&'a Index, usize) -> &'a str) -> &'a str {
        self.item.map_or("", |(index, i)| pick(index, i))
    }
}

/// A query ready to run: needles with their masks and memmem finders.
pub(crate) struct Prepared {
    clauses: Vec<Vec<PTerm>>,
    pub ranked: bool,
    /// Per clause made only of positive text terms, their char masks: an item whose mask
    /// covers none of them fails, without reading its key.
    masks: Vec<Vec<u64>>,
    /// The one scoring term, when the query is a single positive text term.
    single: bool,
}

struct PTerm {
    negated: bool,
    test: PTest,
}

enum PTest {
    Text(PPattern),
    Source(PPattern),
    Outlet(PPattern),
    Article(PPattern),
    Other(Test),
}

struct PPattern {
    kind: Kind,
    needle: String,
    mask: u64,
    finder: memmem::Finder<'static>,
}

impl PPattern {
    fn new(p: &Pattern) -> PPattern {
        PPattern {
            kind: p.kind,
            needle: p.needle.clone(),
            mask: char_mask(&p.needle),
            finder: memmem::Finder::new(p.needle.as_bytes()).into_owned(),
        }
    }

    /// Byte range in `hay` of an exact-kind occurrence.
    fn find_run(&self, hay: &str) -> Option<Range<usize>> {
        let n = self.needle.len();
        match self.kind {
            Kind::Fuzzy => None,
            Kind::Exact => self.finder.find(hay.as_bytes()).map(|s| s..s + n),
            Kind::Boundary => self
                .finder
                .find_iter(hay.as_bytes())
                .find(|&s| at_boundary(hay, s, s + n))
                .map(|s| s..s + n),
            Kind::Prefix => hay.starts_with(&self.needle).then_some(0..n),
            Kind::Suffix => hay
                .ends_with(&self.needle)
                .then(|| hay.len() - n..hay.len()),
            Kind::Equal => (hay == self.needle).then_some(0..n),
        }
    }

    /// True when `hay` matches, without scoring.
    fn is_match(&self, hay: &str) -> bool {
        match self.kind {
            Kind::Fuzzy => in_order(hay.as_bytes(), &self.needle),
            _ => self.find_run(hay).is_some(),
        }
    }

    /// The score of the match in an item's key; `mask` is the item's char mask.
    fn score(&self, key: &str, mask: u64, scorer: &dyn Scorer) -> Option<i64> {
        if mask & self.mask != self.mask {
            return None;
        }
        match self.kind {
            Kind::Fuzzy => {
                // A scorer that finds the in-order match itself needs no second pass.
                if !scorer.checks_order() && !in_order(key.as_bytes(), &self.needle) {
                    return None;
                }
                scorer.score(key, &self.needle)
            }
            _ => {
                let run = self.find_run(key)?;
                // Score the run with the char before it, so a word start earns its bonus.
                let from = key[..run.start]
                    .char_indices()
                    .next_back()
                    .map_or(0, |(i, _)| i);
                Some(scorer.score(&key[from..run.end], &self.needle).unwrap_or(0))
            }
        }
    }

    /// At least [`PPattern::score`], `None` exactly when it is; cheaper for fuzzy terms.
    fn upper_bound(&self, key: &str, mask: u64, scorer: &dyn Scorer) -> Option<i64> {
        match self.kind {
            Kind::Fuzzy => {
                if mask & self.mask != self.mask {
                    return None;
                }
                if !scorer.checks_order() && !in_order(key.as_bytes(), &self.needle) {
                    return None;
                }
                scorer.upper_bound(key, &self.needle)
            }
            _ => self.score(key, mask, scorer),
        }
    }

    /// [`PPattern::score`] when it can reach `need`; `Some(None)` when it matches but
    /// cannot.
    fn score_from(
        &self,
        key: &str,
        mask: u64,
        scorer: &dyn Scorer,
        need: i64,
    ) -> Option<Option<i64>> {
        match self.kind {
            Kind::Fuzzy => {
                if mask & self.mask != self.mask {
                    return None;
                }
                if !scorer.checks_order() && !in_order(key.as_bytes(), &self.needle) {
                    return None;
                }
                scorer.score_from(key, &self.needle, need)
            }
            _ => self
                .score(key, mask, scorer)
                .map(|s| (s >= need).then_some(s)),
        }
    }

    /// Char positions in `key` of the match, for highlighting.
    fn positions(&self, key: &str, scorer: &dyn Scorer) -> Option<Vec<usize>> {
        match self.kind {
            Kind::Fuzzy => scorer.positions(key, &self.needle),
            _ => {
                let run = self.find_run(key)?;
                let first = key[..run.start].chars().count();
                let n = key[run].chars().count();
                Some((first..first + n).collect())
            }
        }
    }
}

/// True when the occurrence `start..end` neither starts nor ends inside a word.
fn at_boundary(hay: &str, start: usize, end: usize) -> bool {
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// True when the chars of `needle` appear in `hay` in order. UTF-8 is self-synchronising,
/// so finding a char's bytes finds the char: memchr on its last byte, then check the rest.
pub(crate) fn in_order(hay: &[u8], needle: &str) -> bool {
    in_order_end(hay, needle).is_some()
}

/// Where the first in-order match of `needle` ends (byte offset after its last char).
pub(crate) fn in_order_end(hay: &[u8], needle: &str) -> Option<usize> {
    let mut at = 0;
    let mut buf = [0u8; 4];
    for c in needle.chars() {
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        let Some((&last, lead)) = bytes.split_last() else {
            continue;
        };
        let mut from = at + lead.len();
        loop {
            let rest = hay.get(from..)?;
            let p = memchr::memchr(last, rest)?;
            let end = from + p;
            if ends_with_lead(hay, end, lead) {
                at = end + 1;
                break;
            }
            from = end + 1;
        }
    }
    Some(at)
}

/// True when the bytes just before `at` are `lead` (the first bytes of a char, at most
/// three: compared one by one, cheaper than a call to memcmp).
#[inline]
fn ends_with_lead(hay: &[u8], at: usize, lead: &[u8]) -> bool {
    let Some(from) = at.checked_sub(lead.len()) else {
        return false;
    };
    hay.get(from..at)
        .is_some_and(|got| got.iter().zip(lead).all(|(a, b)| a == b))
}

/// Where the last in-order match of `needle` in `hay` starts (byte offset of its first
/// char): the needle walked backwards from the end, memrchr on each char's last byte.
pub(crate) fn in_order_start(hay: &[u8], needle: &str) -> Option<usize> {
    let mut at = hay.len();
    let mut buf = [0u8; 4];
    for c in needle.chars().rev() {
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        let Some((&last, lead)) = bytes.split_last() else {
            continue;
        };
        loop {
            let p = memchr::memrchr(last, hay.get(..at)?)?;
            if ends_with_lead(hay, p, lead) {
                at = p - lead.len();
                break;
            }
            at = p;
        }
    }
    Some(at)
}

impl Prepared {
    pub fn new(query: &Query) -> Prepared {
        let clauses: Vec<Vec<PTerm>> = query
            .clauses
            .iter()
            .map(|c| {
                c.terms
                    .iter()
                    .map(|t| PTerm {
                        negated: t.negated,
                        test: match &t.test {
                            Test::Text(p) => PTest::Text(PPattern::new(p)),
                            Test::Source(p) => PTest::Source(PPattern::new(p)),
                            Test::Outlet(p) => PTest::Outlet(PPattern::new(p)),
                            Test::Article(p) => PTest::Article(PPattern::new(p)),
                            other => PTest::Other(other.clone()),
                        },
                    })
                    .collect()
            })
            .collect();
        let masks = clauses
            .iter()
            .filter_map(|clause| {
                clause
                    .iter()
                    .map(|t| match &t.test {
                        PTest::Text(p) if !t.negated => Some(p.mask),
                        _ => None,
                    })
                    .collect::<Option<Vec<u64>>>()
            })
            .collect();
        let single = matches!(
            clauses.as_slice(),
            [clause] if matches!(clause.as_slice(), [t] if !t.negated && matches!(t.test, PTest::Text(_)))
        );
        Prepared {
            clauses,
            ranked: query.is_ranked(),
            masks,
            single,
        }
    }

    /// True when an item with char mask `mask` cannot match (a needle char is missing).
    #[inline]
    pub fn rejects_mask(&self, mask: u64) -> bool {
        self.masks
            .iter()
            .any(|clause| clause.iter().all(|&m| mask & m != m))
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The item's score when it matches every clause.
    pub fn score(&self, item: &Subject, scorer: &dyn Scorer) -> Option<i64> {
        self.total(|term| term.score(item, scorer))
    }

    /// The item's compact score when it matches every clause and the score can reach
    /// `floor`; [`UNSCORED`] when it matches but cannot. Whether it matches is always
    /// decided exactly, so match counts do not depend on `floor`.
    pub fn score_above(
        &self,
        item: &Subject,
        scorer: &dyn Scorer,
        floor: Option<i64>,
    ) -> Option<i32> {
        let Some(floor) = floor.filter(|_| scorer.has_cheap_bound()) else {
            return self.score(item, scorer).map(compact);
        };
        if self.single {
            if let Some(PTerm {
                test: PTest::Text(p),
                ..
            }) = self.clauses.first().and_then(|c| c.first())
            {
                return Some(
                    p.score_from(item.key, item.mask, scorer, floor)?
                        .map_or(UNSCORED, compact),
                );
            }
        }
        let bound = self.total(|term| term.upper_bound(item, scorer))?;
        if bound < floor {
            return Some(UNSCORED);
        }
        self.score(item, scorer).map(compact)
    }

    /// Sum over clauses of the best term in each; `None` when a clause has no match.
    fn total(&self, term_score: impl Fn(&PTerm) -> Option<i64>) -> Option<i64> {
        let mut total: i64 = 0;
        for clause in &self.clauses {
            let mut best: Option<i64> = None;
            for term in clause {
                if let Some(s) = term_score(term) {
                    best = Some(best.map_or(s, |b| b.max(s)));
                }
            }
            total = total.saturating_add(best?);
        }
        Some(total)
    }

    /// Char positions in `key` (the item's full fold) that the positive text terms match.
    pub fn positions(&self, key: &str, scorer: &dyn Scorer) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .clauses
            .iter()
            .flatten()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.test {
                PTest::Text(p) => p.positions(key, scorer),
                _ => None,
            })
            .flatten()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Ranking order: higher score, then shorter item, then original order (as fzf).
    /// Unranked queries keep the original order.
    pub fn cmp(&self, a: &Scored, b: &Scored, len: impl Fn(u32) -> usize) -> Ordering {
        if !self.ranked {
            return a.index.cmp(&b.index);
        }
        b.score
            .cmp(&a.score)
            .then_with(|| len(a.index).cmp(&len(b.index)))
            .then_with(|| a.index.cmp(&b.index))
    }
}

impl PTerm {
    fn score(&self, item: &Subject, scorer: &dyn Scorer) -> Option<i64> {
        self.test(item, scorer, false)
    }

    fn upper_bound(&self, item: &Subject, scorer: &dyn Scorer) -> Option<i64> {
        self.test(item, scorer, true)
    }

    /// The term's score for `item` (its upper bound when `bound`).
    fn test(&self, item: &Subject, scorer: &dyn Scorer, bound: bool) -> Option<i64> {
        let hit = match &self.test {
            PTest::Text(p) if self.negated => p.is_match(item.key).then_some(0),
            PTest::Text(p) if bound => p.upper_bound(item.key, item.mask, scorer),
            PTest::Text(p) => p.score(item.key, item.mask, scorer),
            PTest::Source(p) => p.is_match(item.field_key(Index::source_key)).then_some(0),
            PTest::Outlet(p) => p.is_match(item.field_key(Index::outlet_key)).then_some(0),
            PTest::Article(p) => p.is_match(item.field_key(Index::article_key)).then_some(0),
            PTest::Other(test) => item
                .fields()
                .is_some_and(|f| fields_match(f, test))
                .then_some(0),
        };
        match (hit, self.negated) {
            (Some(_), true) => None,
            (None, true) => Some(0),
            (hit, false) => hit,
        }
    }
}

fn fields_match(f: &Fields, test: &Test) -> bool {
    match test {
        Test::Status(s) => f.status.unwrap_or_default() == *s,
        Test::Type(t) => f.source_type == Some(*t),
        Test::Date { from, to } => f.date.as_deref().is_some_and(|d| {
            from.as_deref().is_none_or(|from| d >= from)
                && to
                    .as_deref()
                    .is_none_or(|to| d.get(..to.len()).unwrap_or(d) <= to)
        }),
        Test::Flag(Flag::Note) => f.has_note,
        Test::Flag(Flag::Related) => f.related,
        Test::Flag(Flag::Disputed) => f.disputed,
        Test::Flag(Flag::Source) => !f.source.trim().is_empty(),
        Test::Flag(Flag::Date) => f.date.is_some(),
        Test::Text(_) | Test::Source(_) | Test::Outlet(_) | Test::Article(_) => false,
    }
}

/// Clamp an engine score into the compact form kept per match (never [`UNSCORED`]).
pub(crate) fn compact(score: i64) -> i32 {
    score.clamp(i64::from(UNSCORED) + 1, i64::from(i32::MAX)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_order_walks_multibyte_chars() {
        assert!(in_order("وقال لافروف".as_bytes(), "لفف"));
        assert!(!in_order("وقال لافروف".as_bytes(), "ففل"));
        assert!(in_order(b"moscow", "msw"));
        assert!(!in_order(b"moscow", "wm"));
        assert!(in_order(b"", ""));
        assert!(!in_order(b"", "a"));
        // same last byte, different lead byte: U+0644 (D9 84) vs U+0104 (C4 84)
        assert!(!in_order("ل".as_bytes(), "Ą"));
    }

    #[test]
    fn in_order_start_walks_back_by_chars() {
        let hay = "لافروف لافروف";
        assert_eq!(
            in_order_start(hay.as_bytes(), "لف"),
            Some(hay.len() - "لافروف".len())
        );
        assert_eq!(in_order_start(b"moscow msw", "msw"), Some(7));
        assert_eq!(in_order_start(b"moscow", "mw"), Some(0));
        assert_eq!(in_order_start(b"moscow", "wm"), None);
        assert_eq!(in_order_start(b"abc", ""), Some(3));
        // same last byte, different lead byte: U+0644 (D9 84) vs U+0104 (C4 84)
        assert_eq!(in_order_start("ل".as_bytes(), "Ą"), None);
        assert_eq!(in_order_start("Ąل".as_bytes(), "Ą"), Some(0));
    }

    #[test]
    fn boundary_runs_need_word_edges() {
        let p = PPattern::new(&Pattern {
            kind: Kind::Boundary,
            needle: "war".into(),
        });
        assert!(p.is_match("the war ended"));
        assert!(p.is_match("war"));
        assert!(!p.is_match("the warship"));
        assert!(!p.is_match("postwar"));
    }
}
