//! Filtering: the query language, the matcher over normalised haystacks, and the
//! background worker. Never blocks the key-handling path.

use crate::model::{SourceType, Status};

/// What the filter knows about one item besides its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    pub status: Option<Status>,
    pub source_type: Option<SourceType>,
    pub source: String,
    pub outlet: String,
    pub article: String,
    pub date: Option<String>,
    pub has_note: bool,
    pub related: bool,
    pub disputed: bool,
}

/// One searchable item: a claim or an article.
#[derive(Clone, Debug, Default)]
pub struct Item {
    pub text: String,
    pub fields: Fields,
}

/// A parsed query.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub raw: String,
}

/// A query that cannot be understood, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("query {query:?}: {message}")]
pub struct QueryError {
    pub query: String,
    pub message: String,
}

impl Query {
    pub fn parse(raw: &str) -> Result<Query, QueryError> {
        Ok(Query {
            raw: raw.to_string(),
        })
    }
    pub fn is_empty(&self) -> bool {
        self.raw.trim().is_empty()
    }
}

/// Items prepared for matching (normalised haystacks built once).
#[derive(Debug, Default)]
pub struct Index {
    items: Vec<Item>,
}

impl Index {
    pub fn new(items: Vec<Item>) -> Index {
        Index { items }
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Update an item's fields (a mark changed its status, a note was added).
    pub fn set_fields(&mut self, i: usize, fields: Fields) {
        if let Some(item) = self.items.get_mut(i) {
            item.fields = fields;
        }
    }
}

/// One match: the item's index and its score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: i64,
}

/// Matching items, best first; an empty query keeps every item in its original order.
pub fn filter(index: &Index, query: &Query) -> Vec<Hit> {
    let _ = query;
    (0..index.len())
        .map(|index| Hit { index, score: 0 })
        .collect()
}

/// Byte ranges of item `i`'s text to highlight for `query`.
pub fn highlight(index: &Index, i: usize, query: &Query) -> Vec<std::ops::Range<usize>> {
    let _ = (index, i, query);
    Vec::new()
}

/// `filter --lines`: read newline-separated items, write matching ones best first (like
/// `fzf --filter`). Returns how many matched.
pub fn filter_lines(
    query: &Query,
    input: &mut dyn std::io::BufRead,
    out: &mut dyn std::io::Write,
) -> std::io::Result<usize> {
    let _ = (query, input, out);
    Ok(0)
}
