//! Filtering: the query language, the matcher over normalised haystacks, and the
//! background worker. Never blocks the key-handling path.
//!
//! Letters are matched after the one search normalisation (`text::normalize`), so `اسلام`
//! finds `إسلام`, `مدرسه` finds `مدرسة`, `محمد` finds `مُحَمَّد` and `123` finds `١٢٣`.
//! Ranking: score, then shorter item, then original order; queries without a positive text
//! term (fields, negations) keep the original order, as in fzf.
//!
//! One engine serves the TUI (through [`Worker`]), `claims --query`, `export --query` and
//! `filter` (through [`filter`]) and `filter --lines` (through [`filter_lines`]).

mod engine;
mod greedy;
mod index;
mod key;
mod lines;
mod matcher;
mod query;
pub mod scorer;
mod walk;
mod worker;

pub use index::{Index, Packed, KEY_VERSION};
pub use lines::filter_lines;
pub use query::{Query, QueryError};
pub use worker::{Snapshot, Worker, DEFAULT_ROWS};

/// The query language, one row per form: for the help screen and the README, so that
/// the syntax is written once.
/// The README's query table, generated from [`QUERY_HELP`] so the two never differ.
pub fn query_help_markdown() -> String {
    let mut out = String::from("| query | finds |\n| --- | --- |\n");
    for (syntax, meaning) in QUERY_HELP {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            syntax.replace('|', "\\|"),
            meaning.replace('|', "\\|")
        ));
    }
    out
}

pub const QUERY_HELP: &[(&str, &str)] = &[
    ("word", "fuzzy: the letters in order, gaps allowed"),
    ("'word", "exact: the letters as one run"),
    ("'word'", "exact, whole word"),
    ("^word", "at the start of the claim"),
    ("word$", "at the end of the claim"),
    ("!word", "claims without this run (also !^word, !word$)"),
    ("a b", "both (space is AND)"),
    ("a | b", "either (OR)"),
    ("\\ ", "a space inside a term"),
    (
        "bw:AlslAm",
        "Arabic typed in Buckwalter transliteration (finds السلام)",
    ),
    (
        "status:unverified",
        "by status (any unambiguous prefix: status:contra)",
    ),
    (
        "type:anonymous",
        "by attribution: named, anonymous, unattributed",
    ),
    (
        "source:لافروف",
        "source contains (also ^ and $); outlet: and article: alike",
    ),
    (
        "date:2017-11..2017-12",
        "date range, either side optional; date:2017 for a year",
    ),
    ("has:note", "has a note (also has:source, has:date)"),
    (
        "related:",
        "has related claims; disputed: marks disputed by another reviewer",
    ),
    ("!status:attributed", "any field term can be negated"),
];

use crate::model::{SourceType, Status};
use crate::text::normalize::fold;
use engine::Candidates;
use matcher::Prepared;
use scorer::Scorer;
use std::ops::Range;
use std::sync::Arc;

/// What the filter knows about one item besides its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    pub status: Option<Status>,
    pub source_type: Option<SourceType>,
    pub source: String,
    /// The article's outlet, name and date are shared by its claims' items (one
    /// allocation each per article, not per claim).
    pub outlet: Arc<str>,
    pub article: Arc<str>,
    pub date: Option<Arc<str>>,
    pub has_note: bool,
    pub related: bool,
    pub disputed: bool,
}

/// One searchable item: a claim or an article. The index folds its text and keeps only
/// the folded key, so the caller keeps the text (to show it, and to highlight matches).
#[derive(Clone, Debug, Default)]
pub struct Item {
    pub text: String,
    pub fields: Fields,
    /// The key already folded and packed (a warm start reads it from the snapshot):
    /// the index takes it as it is and `text` may be left empty.
    pub packed: Option<Packed>,
}

/// One match: the item's index and its score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
}

/// Matching items, best first; an empty query keeps every item in its original order,
/// and so does a query without positive text terms (fields, negations).
pub fn filter(index: &Index, query: &Query) -> Vec<Hit> {
    filter_with(index, query, scorer::default_scorer())
}

/// [`filter`] with a chosen scorer (the benchmark compares them).
pub fn filter_with(index: &Index, query: &Query, scorer: &dyn Scorer) -> Vec<Hit> {
    let prepared = Prepared::new(query);
    if prepared.is_empty() {
        return (0..index.len())
            .map(|index| Hit { index, score: 0 })
            .collect();
    }
    let all = Candidates::Range(0..u32::try_from(index.len()).unwrap_or(u32::MAX));
    let plan = prepared.plan(None, scorer);
    let mut found = engine::Found::new(prepared.slots());
    let scan = engine::Scan {
        index,
        query: &prepared,
        scorer,
        plan: &plan,
        floor: None,
        stale: &|| false,
    };
    scan.run(all, &mut found);
    let mut matches = found.hits;
    engine::rank_all(index, &prepared, &mut matches);
    matches.into_iter().map(Hit::from).collect()
}

impl From<matcher::Scored> for Hit {
    fn from(s: matcher::Scored) -> Hit {
        Hit {
            index: s.index as usize,
            score: i64::from(s.score),
        }
    }
}

/// Byte ranges of an item's `text` (as it was given to the index) to highlight for
/// `query`: whole graphemes of the original text (a letter with its harakat), merged
/// where they touch. Call it only for the rows on screen.
pub fn highlight(text: &str, query: &Query) -> Vec<Range<usize>> {
    highlight_text(text, query, scorer::default_scorer())
}

fn highlight_text(text: &str, query: &Query, scorer: &dyn Scorer) -> Vec<Range<usize>> {
    let folded = fold(text);
    let positions = Prepared::new(query).positions(&folded.key, scorer);
    let mut out: Vec<Range<usize>> = Vec::new();
    for k in positions {
        let r = folded.source_range(text, k);
        match out.last_mut() {
            Some(last) if last.end >= r.start => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}
