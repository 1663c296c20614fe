//! Deciding whether one item matches a parsed query, and how well. Cheap tests run first
//! (fields, the char mask, an in-order memchr walk, resumed where the previous query's
//! walk stopped) and a score bound next, so that most items never reach the fuzzy
//! scorer; positions are computed only when a row is drawn.

use super::index::{char_mask, FieldKeys, Index};
use super::key::{pack, Hay};
use super::query::{Clause, Flag, Kind, Pattern, Query, Test};
use super::scorer::{Needle, Scorer};
use super::walk::{forward, Unit};
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
    /// The key: packed for an index item, UTF-8 for a bare line. Walks and runs read
    /// its bytes with no char-boundary check, which would read the key's first and last
    /// bytes (two cache misses for a walk that resumes in the middle of the key).
    pub hay: Hay<'a>,
    /// Char mask of the key; `u64::MAX` when unknown (skips the mask test).
    pub mask: u64,
    /// The item in its index; `None` for a bare line of text (`filter --lines`).
    item: Option<(&'a Index, usize)>,
}

impl<'a> Subject<'a> {
    #[inline]
    pub fn of(index: &'a Index, i: usize) -> Subject<'a> {
        Subject {
            hay: Hay::packed(index.key_bytes(i)),
            mask: index.mask(i),
            item: Some((index, i)),
        }
    }

    /// Item `i` of `index` without its char mask (when the mask cannot reject it).
    #[inline]
    pub fn unmasked(index: &'a Index, i: usize) -> Subject<'a> {
        Subject {
            hay: Hay::packed(index.key_bytes(i)),
            mask: u64::MAX,
            item: Some((index, i)),
        }
    }

    /// A bare line of text: no fields.
    pub fn line(key: &'a str) -> Subject<'a> {
        Subject {
            hay: Hay::utf8(key),
            mask: u64::MAX,
            item: None,
        }
    }

    /// True when the item's fields pass `test` (a bare line has none).
    fn fields_match(&self, test: &Test) -> bool {
        let Some((index, i)) = self.item else {
            return false;
        };
        index
            .fields(i)
            .is_some_and(|f| fields_match(f, index.date(i), test))
    }

    fn field_key(&self, pick: fn(&'a Index, usize) -> &'a str) -> Hay<'a> {
        Hay::utf8(self.item.map_or("", |(index, i)| pick(index, i)))
    }
}

/// A query ready to run: needles with their masks and memmem finders, and the fuzzy
/// terms the engine walks itself ("slots": a positive fuzzy text term alone in its
/// clause, the common case), whose walks can resume where an earlier query's stopped.
pub(crate) struct Prepared {
    clauses: Vec<PClause>,
    pub ranked: bool,
    /// The chars of every clause that is one positive text term: an item whose char mask
    /// lacks one of them fails, without reading its key.
    mask_all: u64,
    /// Per other clause made only of positive text terms, their char masks: an item whose
    /// mask covers none of them fails.
    mask_any: Vec<Vec<u64>>,
    slots: Vec<Needle>,
}

struct PClause {
    terms: Vec<PTerm>,
    /// The clause is one positive fuzzy text term, walked as this slot.
    slot: Option<usize>,
    /// The clause as parsed, to recognise it in an earlier query.
    source: Clause,
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
    /// The needle in both forms, and a finder for each (runs).
    packed: Vec<u8>,
    finder: memmem::Finder<'static>,
    packed_finder: memmem::Finder<'static>,
    /// The fuzzy needle's walk units.
    fuzzy: Option<Needle>,
}

/// Where a slot's forward walk starts, for candidates taken from an earlier query's
/// matches: at the end of that query's walk of slot `base`, whose needle is the first
/// `skip` chars of this one (typing one more letter walks one letter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct SlotPlan {
    base: Option<usize>,
    skip: usize,
}

/// How one scan runs a query: where each slot's walk resumes, which clauses every
/// candidate is known to satisfy at no score (a negation or a field the earlier query
/// had too), and what each slot can score at best (for bounds).
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    slots: Vec<SlotPlan>,
    /// What to do for each clause, in order.
    steps: Vec<Step>,
    slot_best: Vec<i64>,
    /// The sum of `slot_best`; `None` when the scorer has no bound (always score).
    best: Option<i64>,
    /// False when no candidate can fail the char-mask test: the base's matches have
    /// every char this query needs (typing a letter the word already has).
    pub masks: bool,
}

/// What [`Prepared::eval`] does for one clause.
#[derive(Clone, Copy, Debug)]
enum Step {
    /// Every candidate satisfies it, at no score.
    Skip,
    /// Walk slot `slot`, from the end of base slot `base` on (less its first `skip`
    /// chars) when the candidate has one.
    Walk {
        slot: usize,
        base: Option<usize>,
        skip: usize,
    },
    /// Test its terms.
    Terms,
}

/// Where a slot's walk ended in a match's key, kept with the match: 16 bits are enough for
/// a sentence, and a cached result of a million matches stays small.
pub(crate) type End = u16;
/// An end too far into a key to keep: walks from it start over instead.
pub(crate) const NO_END: End = End::MAX;

impl Plan {
    /// The base slot the first slot resumes from, if it does (where to prefetch keys).
    pub fn resumes_first_slot(&self) -> Option<usize> {
        self.slots.first().and_then(|s| s.base)
    }
}

impl PPattern {
    fn new(p: &Pattern) -> PPattern {
        let packed = pack(&p.needle);
        PPattern {
            kind: p.kind,
            needle: p.needle.clone(),
            mask: char_mask(&p.needle),
            finder: memmem::Finder::new(p.needle.as_bytes()).into_owned(),
            packed_finder: memmem::Finder::new(&packed).into_owned(),
            packed,
            fuzzy: (p.kind == Kind::Fuzzy).then(|| Needle::new(&p.needle)),
        }
    }

    /// Byte range in `hay` of an exact-kind occurrence.
    fn find_run(&self, hay: &Hay) -> Option<Range<usize>> {
        let bytes = hay.bytes();
        let (needle, finder) = if hay.is_packed() {
            (&self.packed[..], &self.packed_finder)
        } else {
            (self.needle.as_bytes(), &self.finder)
        };
        let n = needle.len();
        match self.kind {
            Kind::Fuzzy => None,
            Kind::Exact => finder.find(bytes).map(|s| s..s + n),
            Kind::Boundary => finder
                .find_iter(bytes)
                .find(|&s| at_boundary(hay, s, s + n))
                .map(|s| s..s + n),
            Kind::Prefix => bytes.starts_with(needle).then_some(0..n),
            Kind::Suffix => bytes
                .ends_with(needle)
                .then(|| bytes.len() - n..bytes.len()),
            Kind::Equal => (bytes == needle).then_some(0..n),
        }
    }

    /// Where the fuzzy needle's first in-order match in `hay` ends.
    fn walk(&self, hay: &Hay) -> Option<usize> {
        let needle = self.fuzzy.as_ref()?;
        forward(hay.bytes(), 0, needle.units_for(hay))
    }

    /// True when `hay` matches, without scoring.
    fn is_match(&self, hay: &Hay) -> bool {
        match self.kind {
            Kind::Fuzzy => self.walk(hay).is_some(),
            _ => self.find_run(hay).is_some(),
        }
    }

    /// The score of the match in an item's key.
    fn score(&self, item: &Subject, scorer: &dyn Scorer) -> Option<i64> {
        if item.mask & self.mask != self.mask {
            return None;
        }
        match (self.kind, &self.fuzzy) {
            (Kind::Fuzzy, Some(needle)) => {
                let end = self.walk(&item.hay)?;
                Some(scorer.score_matched(&item.hay, needle, end))
            }
            _ => {
                let run = self.find_run(&item.hay)?;
                Some(scorer.score_run(&item.hay, &self.needle, run))
            }
        }
    }

    /// Char positions in `key` of the match, for highlighting.
    fn positions(&self, key: &str, scorer: &dyn Scorer) -> Option<Vec<usize>> {
        match self.kind {
            Kind::Fuzzy => scorer.positions(key, &self.needle),
            _ => {
                let run = self.find_run(&Hay::utf8(key))?;
                let first = key.get(..run.start)?.chars().count();
                let n = key.get(run)?.chars().count();
                Some((first..first + n).collect())
            }
        }
    }
}

/// True when the occurrence `start..end` neither starts nor ends inside a word.
fn at_boundary(hay: &Hay, start: usize, end: usize) -> bool {
    let before = hay.char_before(start).map(|(_, c)| c);
    let after = hay.char_after(end);
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

impl Prepared {
    pub fn new(query: &Query) -> Prepared {
        let mut slots = Vec::new();
        let clauses: Vec<PClause> = query
            .clauses
            .iter()
            .map(|c| {
                let terms: Vec<PTerm> = c
                    .terms
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
                    .collect();
                let slot = match terms.as_slice() {
                    [PTerm {
                        negated: false,
                        test: PTest::Text(p),
                    }] if p.kind == Kind::Fuzzy => {
                        slots.push(Needle::new(&p.needle));
                        Some(slots.len() - 1)
                    }
                    _ => None,
                };
                PClause {
                    terms,
                    slot,
                    source: c.clone(),
                }
            })
            .collect();
        let mut mask_all = 0;
        let mut mask_any = Vec::new();
        for clause in &clauses {
            let masks: Option<Vec<u64>> = clause
                .terms
                .iter()
                .map(|t| match &t.test {
                    PTest::Text(p) if !t.negated => Some(p.mask),
                    _ => None,
                })
                .collect();
            match masks.as_deref() {
                Some([m]) => mask_all |= m,
                Some(_) => mask_any.extend(masks),
                None => {}
            }
        }
        Prepared {
            clauses,
            ranked: query.is_ranked(),
            mask_all,
            mask_any,
            slots,
        }
    }

    /// True when an item with char mask `mask` cannot match (a needle char is missing).
    #[inline]
    pub fn rejects_mask(&self, mask: u64) -> bool {
        mask & self.mask_all != self.mask_all
            || self
                .mask_any
                .iter()
                .any(|clause| clause.iter().all(|&m| mask & m != m))
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// How many walk ends [`Prepared::eval`] writes per match.
    pub fn slots(&self) -> usize {
        self.slots.len()
    }

    /// The plan for a scan of all items, or of the matches of `base` (an earlier query
    /// this one narrows): each slot resumes from the longest base needle it extends, and
    /// clauses the base had too are skipped when they score nothing.
    pub fn plan(&self, base: Option<&Prepared>, scorer: &dyn Scorer) -> Plan {
        let slots = self
            .slots
            .iter()
            .map(|needle| {
                let Some(base) = base else {
                    return SlotPlan::default();
                };
                base.slots
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| needle.units().starts_with(b.units()))
                    .max_by_key(|(_, b)| b.chars())
                    .map_or(SlotPlan::default(), |(i, b)| SlotPlan {
                        base: Some(i),
                        skip: b.chars(),
                    })
            })
            .collect();
        let skip = self
            .clauses
            .iter()
            .map(|c| {
                let scores = c
                    .terms
                    .iter()
                    .any(|t| !t.negated && matches!(t.test, PTest::Text(_)));
                !scores && base.is_some_and(|b| b.clauses.iter().any(|w| w.source == c.source))
            })
            .collect();
        let mut plan = self.with_bounds(slots, skip, scorer);
        plan.masks =
            !base.is_some_and(|b| self.mask_any.is_empty() && self.mask_all & !b.mask_all == 0);
        plan
    }

    /// The plan for rescoring this query's own matches: every walk is already done.
    pub fn own_plan(&self, scorer: &dyn Scorer) -> Plan {
        let slots = (0..self.slots.len())
            .map(|i| SlotPlan {
                base: Some(i),
                skip: self.slots[i].chars(),
            })
            .collect();
        self.with_bounds(slots, vec![false; self.clauses.len()], scorer)
    }

    fn with_bounds(&self, slots: Vec<SlotPlan>, skip: Vec<bool>, scorer: &dyn Scorer) -> Plan {
        let steps = self
            .clauses
            .iter()
            .zip(&skip)
            .map(|(c, &skip)| match c.slot {
                _ if skip => Step::Skip,
                Some(slot) => {
                    let plan = slots.get(slot).copied().unwrap_or_default();
                    Step::Walk {
                        slot,
                        base: plan.base,
                        skip: plan.skip,
                    }
                }
                None => Step::Terms,
            })
            .collect();
        let slot_best: Vec<i64> = self.slots.iter().map(|n| scorer.max_score(n)).collect();
        let best = slot_best
            .iter()
            .try_fold(0i64, |sum, &b| sum.checked_add(b).filter(|&s| s < i64::MAX));
        Plan {
            slots,
            steps,
            slot_best,
            best,
            masks: true,
        }
    }

    /// The item's compact score when it matches every clause, with the end of each slot's
    /// walk written to `ends`. `resume` holds the candidate's walk ends under the base
    /// query of `plan`. With `need`, a match whose score cannot reach it is kept
    /// [`UNSCORED`]; whether it matches is always decided exactly, so match counts do not
    /// depend on `need`.
    #[inline]
    pub fn eval(
        &self,
        item: &Subject,
        scorer: &dyn Scorer,
        plan: &Plan,
        resume: &[End],
        ends: &mut [End],
        need: Option<i64>,
    ) -> Option<i32> {
        let hay = &item.hay;
        let key = hay.bytes();
        let mut rest: i64 = 0;
        for (step, clause) in plan.steps.iter().zip(&self.clauses) {
            match *step {
                Step::Skip => {}
                Step::Walk { slot, base, skip } => {
                    let units = self.slots.get(slot)?.units_for(hay);
                    let (from, units) = match base.and_then(|b| resume.get(b)) {
                        Some(&e) if e != NO_END => (e as usize, units.get(skip..).unwrap_or(&[])),
                        _ => (0, units),
                    };
                    let end = forward(key, from, units)?;
                    if let Some(e) = ends.get_mut(slot) {
                        *e = End::try_from(end).unwrap_or(NO_END);
                    }
                }
                Step::Terms => {
                    let mut best: Option<i64> = None;
                    for term in &clause.terms {
                        if let Some(s) = term.test(item, scorer) {
                            best = Some(best.map_or(s, |b| b.max(s)));
                        }
                    }
                    rest = rest.saturating_add(best?);
                }
            }
        }
        if self.slots.is_empty() {
            return Some(compact(rest));
        }
        let end_of = |t: usize| -> usize {
            match ends.get(t) {
                Some(&e) if e != NO_END => e as usize,
                _ => self
                    .slots
                    .get(t)
                    .and_then(|n| forward(key, 0, n.units_for(hay)))
                    .unwrap_or(key.len()),
            }
        };
        if let (Some(need), Some(_), [needle]) = (need, plan.best, self.slots.as_slice()) {
            // One slot: bounding and scoring share one walk.
            let need = need.saturating_sub(rest);
            return Some(
                scorer
                    .score_from(hay, needle, end_of(0), need)
                    .map_or(UNSCORED, |s| compact(rest.saturating_add(s))),
            );
        }
        if let (Some(need), Some(best)) = (need, plan.best) {
            let need = need.saturating_sub(rest);
            let mut bound: i64 = 0;
            for (t, needle) in self.slots.iter().enumerate() {
                // What this slot must earn if every other slot earned its best.
                let budget = need - (best - plan.slot_best.get(t).copied().unwrap_or(0));
                let Some(b) = scorer.bound_matched(hay, needle, end_of(t), budget) else {
                    return Some(UNSCORED);
                };
                bound = bound.saturating_add(b);
            }
            if bound < need {
                return Some(UNSCORED);
            }
        }
        let mut total = rest;
        for (t, needle) in self.slots.iter().enumerate() {
            total = total.saturating_add(scorer.score_matched(hay, needle, end_of(t)));
        }
        Some(compact(total))
    }

    /// The scan of this query under `plan` when it walks one fuzzy term and tests
    /// nothing else (other clauses, if any, are skipped by the plan): the common case of
    /// typing a word, which [`OneSlot::eval`] runs without the per-clause dispatch.
    pub fn one_slot(&self, plan: &Plan) -> Option<OneSlot<'_>> {
        let [needle] = self.slots.as_slice() else {
            return None;
        };
        let mut walk = None;
        for step in &plan.steps {
            match *step {
                Step::Skip => {}
                Step::Walk {
                    slot: 0,
                    base,
                    skip,
                } if walk.is_none() => walk = Some((base, skip)),
                _ => return None,
            }
        }
        let (base, skip) = walk?;
        let all = needle.packed_units();
        Some(OneSlot {
            needle,
            all,
            rest: all.get(skip..).unwrap_or(&[]),
            base,
            bounded: plan.best.is_some(),
        })
    }

    /// Char positions in `key` (the item's full fold) that the positive text terms match.
    pub fn positions(&self, key: &str, scorer: &dyn Scorer) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .clauses
            .iter()
            .flat_map(|c| &c.terms)
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

/// A query that is one fuzzy term, over index items (packed keys): see
/// [`Prepared::one_slot`].
pub(crate) struct OneSlot<'a> {
    needle: &'a Needle,
    /// The needle's packed units, all of them and those after the base needle's.
    all: &'a [Unit],
    rest: &'a [Unit],
    /// The base slot whose walk end a candidate resumes from.
    pub base: Option<usize>,
    /// The scorer bounds scores, so a floor can spare the scoring.
    bounded: bool,
}

impl OneSlot<'_> {
    /// What [`Prepared::eval`] gives for the packed key `key` whose base walk ended at
    /// `resume` (`NO_END` when unknown): the compact score and the walk's end.
    #[inline]
    pub fn eval(
        &self,
        key: &[u8],
        resume: End,
        scorer: &dyn Scorer,
        need: Option<i64>,
    ) -> Option<(i32, End)> {
        let end = match resume {
            NO_END => forward(key, 0, self.all)?,
            e => forward(key, e as usize, self.rest)?,
        };
        let hay = Hay::packed(key);
        let score = match need {
            Some(need) if self.bounded => scorer
                .score_from(&hay, self.needle, end, need)
                .map_or(UNSCORED, compact),
            _ => compact(scorer.score_matched(&hay, self.needle, end)),
        };
        Some((score, End::try_from(end).unwrap_or(NO_END)))
    }
}

impl PTerm {
    /// The term's score for `item`.
    fn test(&self, item: &Subject, scorer: &dyn Scorer) -> Option<i64> {
        let hit = match &self.test {
            PTest::Text(p) if self.negated => p.is_match(&item.hay).then_some(0),
            PTest::Text(p) => p.score(item, scorer),
            PTest::Source(p) => p.is_match(&item.field_key(Index::source_key)).then_some(0),
            PTest::Outlet(p) => p.is_match(&item.field_key(Index::outlet_key)).then_some(0),
            PTest::Article(p) => p.is_match(&item.field_key(Index::article_key)).then_some(0),
            PTest::Other(test) => item.fields_match(test).then_some(0),
        };
        match (hit, self.negated) {
            (Some(_), true) => None,
            (None, true) => Some(0),
            (hit, false) => hit,
        }
    }
}

fn fields_match(f: &FieldKeys, date: Option<&str>, test: &Test) -> bool {
    match test {
        Test::Status(s) => f.status.unwrap_or_default() == *s,
        Test::Type(t) => f.source_type == Some(*t),
        Test::Date { from, to } => date.is_some_and(|d| {
            from.as_deref().is_none_or(|from| d >= from)
                && to
                    .as_deref()
                    .is_none_or(|to| d.get(..to.len()).unwrap_or(d) <= to)
        }),
        Test::Flag(Flag::Note) => f.has_note(),
        Test::Flag(Flag::Related) => f.related(),
        Test::Flag(Flag::Disputed) => f.disputed(),
        Test::Flag(Flag::Source) => f.has_source(),
        Test::Flag(Flag::Date) => f.has_date(),
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

    /// The one-slot path and the general one give the same match, score and end for
    /// every item, resumed or not, under every floor.
    #[test]
    fn one_slot_scans_agree_with_eval() {
        use super::super::greedy::Greedy;
        use super::super::Item;
        let texts = [
            "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار",
            "الامريكي والامريكيه في الولايات المتحده الامريكيه",
            "أكدت وزارة الدفاع الروسية أن الطائرات الأمريكية",
            "the pentagon said the trained rebels remain loyal to washington",
            "lavrov: la la la, lav, lavr, lavrov",
            "",
        ];
        let long = format!("{} لافروف", "ب".repeat(70_000));
        let items: Vec<Item> = texts
            .iter()
            .map(|t| t.to_string())
            .chain([long])
            .map(|text| Item {
                text,
                fields: Default::default(),
                packed: None,
            })
            .collect();
        let index = Index::new(items);
        let scorer = &Greedy;
        let q = |raw: &str| Prepared::new(&Query::parse(raw).unwrap());
        let mut compared = 0;
        for (base, next, fast) in [
            ("", "لا", true),
            ("لا", "لاف", true),
            ("لاف", "لافروف", true),
            ("الام", "الامريكيه", true),
            ("la", "lav", true),
            ("", "pentagon", true),
            ("!washington la", "!washington lav", true),
            ("status:unverified ال", "status:unverified الا", true),
            // Clauses the base did not have are tested per item: the general path.
            ("la", "la !washington", false),
            ("", "lav | lavr", false),
            ("la", "la 'pent", false),
        ] {
            let (base, next) = (q(base), q(next));
            let own = base.plan(None, scorer);
            let plan = next.plan(Some(&base), scorer);
            let one = next.one_slot(&plan);
            assert_eq!(one.is_some(), fast, "{:?}", next.clauses[0].source);
            let Some(one) = one else { continue };
            for i in 0..index.len() {
                let subject = Subject::of(&index, i);
                let mut base_ends = vec![NO_END; base.slots()];
                let resume = if base.is_empty() {
                    NO_END
                } else if base
                    .eval(&subject, scorer, &own, &[], &mut base_ends, None)
                    .is_some()
                {
                    one.base
                        .and_then(|b| base_ends.get(b).copied())
                        .unwrap_or(NO_END)
                } else {
                    continue;
                };
                for need in [None, Some(0), Some(50), Some(200), Some(i64::MAX / 4)] {
                    let mut ends = vec![NO_END; 1];
                    let general = next
                        .eval(&subject, scorer, &plan, &base_ends, &mut ends, need)
                        .map(|s| (s, ends[0]));
                    let fast = one.eval(index.key_bytes(i), resume, scorer, need);
                    assert_eq!(fast, general, "item {i}, need {need:?}");
                    compared += usize::from(general.is_some());
                }
            }
        }
        assert!(compared >= 60, "{compared} matches compared");
    }

    #[test]
    fn boundary_runs_need_word_edges() {
        let p = PPattern::new(&Pattern {
            kind: Kind::Boundary,
            needle: "war".into(),
        });
        for (text, boundary) in [
            ("the war ended", true),
            ("war", true),
            ("the warship", false),
            ("postwar", false),
        ] {
            assert_eq!(p.is_match(&Hay::utf8(text)), boundary, "{text}");
            let packed = pack(text);
            assert_eq!(p.is_match(&Hay::packed(&packed)), boundary, "{text}");
        }
        let p = PPattern::new(&Pattern {
            kind: Kind::Boundary,
            needle: "الحرب".into(),
        });
        for (text, boundary) in [
            ("في الحرب الاخيره", true),
            ("بالحربي", false),
            ("«الحرب»", true),
        ] {
            assert_eq!(p.is_match(&Hay::utf8(text)), boundary, "{text}");
            let packed = pack(text);
            assert_eq!(p.is_match(&Hay::packed(&packed)), boundary, "{text}");
        }
    }
}
