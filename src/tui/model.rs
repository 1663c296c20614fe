//! The TUI's whole state. `update` changes it; views only read it.

use super::keymap::Keymap;
use super::layout::{self, Panes};
use crate::desk::{Desk, Loaded, Progress, Stage};
use crate::model::Status;
use crate::search::{self, Index, Query, Worker};
use crate::text::display::{self, Order, VisualLine};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Articles,
    Text,
    Claims,
}

impl Focus {
    pub fn next(self) -> Focus {
        match self {
            Focus::Articles => Focus::Text,
            Focus::Text => Focus::Claims,
            Focus::Claims => Focus::Articles,
        }
    }
    pub fn prev(self) -> Focus {
        self.next().next()
    }
    /// The pane to the left, stopping at the edge.
    pub fn left(self) -> Focus {
        match self {
            Focus::Claims => Focus::Text,
            _ => Focus::Articles,
        }
    }
    pub fn right(self) -> Focus {
        match self {
            Focus::Articles => Focus::Text,
            _ => Focus::Claims,
        }
    }
}

/// Which list a filter applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Articles,
    Claims,
}

/// A one-line prompt at the bottom of the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompt {
    Filter {
        target: ListKind,
        input: String,
        /// Keys typed on a US layout produce Arabic letters.
        arabic_layout: bool,
    },
    Note {
        claim: usize,
        input: String,
    },
    /// Name a claim's source by hand.
    Source {
        claim: usize,
        input: String,
    },
    /// Export: first a format key, then the file to write.
    Export {
        format: Option<crate::cli::ExportFormat>,
        input: String,
    },
}

impl Prompt {
    /// The text being typed.
    pub fn input_mut(&mut self) -> &mut String {
        match self {
            Prompt::Filter { input, .. }
            | Prompt::Note { input, .. }
            | Prompt::Source { input, .. }
            | Prompt::Export { input, .. } => input,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Problems {
        scroll: usize,
    },
    /// Every decision about one claim: who, what, when, note.
    History {
        claim: usize,
        scroll: usize,
    },
    /// The figures of `claimdesk stats`, as bars (computed when opened).
    Dashboard {
        stats: Box<crate::stats::Stats>,
        scroll: usize,
    },
}

/// Whether the reviewer's last decision reached the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Nothing,
    Saved { status: Status },
    Failed { message: String },
}

/// A filterable list: the rows shown (indices into articles or claims), the selection and
/// the scroll offset, both counted in rows.
#[derive(Clone, Debug, Default)]
pub struct ListView {
    pub rows: Vec<usize>,
    pub selected: usize,
    pub offset: usize,
    pub query: String,
    pub parsed: Option<Query>,
}

impl ListView {
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    pub fn select_value(&mut self, value: usize) -> bool {
        match self.rows.iter().position(|&r| r == value) {
            Some(p) => {
                self.selected = p;
                true
            }
            None => false,
        }
    }

    /// Keep the selection inside `visible` rows from the offset.
    pub fn scroll_into_view(&mut self, visible: usize) {
        let visible = visible.max(1);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        let max_offset = self.rows.len().saturating_sub(visible);
        self.offset = self.offset.min(max_offset);
    }

    pub fn is_filtered(&self) -> bool {
        self.parsed.as_ref().is_some_and(|q| !q.is_empty())
    }
}

/// One line of the article text pane: laid out for the screen, with glyph source ranges
/// already shifted to byte offsets in the article text.
#[derive(Clone, Debug)]
pub struct TextLine {
    pub line: VisualLine,
    /// Header lines (title, metadata) are drawn bold and carry no claims.
    pub header: bool,
}

/// The article text laid out for one width.
#[derive(Clone, Debug, Default)]
pub struct TextLayout {
    pub article: usize,
    pub width: usize,
    pub lines: Vec<TextLine>,
}

/// One decision, so it can be undone and redone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub claim: usize,
    pub before: (Status, Option<String>),
    pub after: (Status, Option<String>),
}

/// Claims whose filter items may wait for a busy load before the filter takes them: about
/// two batches, so that what is left to index once the load is over (the gauge waits for
/// it, on the search thread alone) is small. At 50,000 a warm 10k start ended with up to
/// 50,000 claims to index after its last batch (traced: 60–75 ms on a busy host).
const INDEX_BACKLOG: usize = 10_000;

pub struct Model {
    pub desk: Desk,
    pub keymap: Keymap,
    pub order: Order,
    pub focus: Focus,
    /// The article shown in the text pane.
    pub article: usize,
    pub articles: ListView,
    /// The current article's claims, or with a filter the matching claims of the corpus.
    pub claims: ListView,
    pub article_index: Index,
    /// Claims given to `claim_search` so far (a load adds them batch by batch).
    indexed_claims: usize,
    /// Items of the claims loaded after those, not yet given to `claim_search` (see
    /// [`Model::index_loaded`]).
    /// Kept as the load batches came (a batch is moved, never copied, on its way to the
    /// filter's thread).
    pending_items: Vec<Vec<search::Item>>,
    /// Claims are matched on the search worker's thread, never on the key path.
    pub claim_search: Worker,
    /// The generation of the newest claim query sent to the worker, until its final
    /// results are in.
    pub claim_search_pending: Option<u64>,
    /// Claims matching the current claim filter (the list holds only the best of them).
    pub claim_matches: usize,
    /// The query whose results the list shows.
    claim_applied_query: String,
    pub text: TextLayout,
    pub text_scroll: usize,
    /// The current article's sentences, and the reading cursor over them (text pane).
    pub sentences: Vec<Range<usize>>,
    pub sentence: usize,
    pub size: (u16, u16),
    pub prompt: Option<Prompt>,
    pub overlay: Option<Overlay>,
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
    pub saved: SaveState,
    pub message: Option<String>,
    pub quit: bool,
    /// ClaimReview `author` and verdict names, from the config.
    pub export_organisation: String,
    pub export_verdicts: std::collections::BTreeMap<String, String>,
    /// Where the background load is, until it is done.
    pub loading: Option<Progress>,
    /// Something changed since the last draw.
    pub dirty: bool,
}

impl Model {
    pub fn new(desk: Desk, keymap: Keymap, order: Order, size: (u16, u16)) -> Model {
        let article_index = Index::new(article_items(&desk, 0));
        let claim_search = Worker::from_items(desk.search_items());
        let indexed_claims = desk.claims.len();
        let mut model = Model {
            articles: ListView {
                rows: (0..desk.corpus.articles.len()).collect(),
                ..Default::default()
            },
            claims: ListView::default(),
            desk,
            keymap,
            order,
            focus: Focus::Claims,
            article: 0,
            indexed_claims,
            pending_items: Vec::new(),
            article_index,
            claim_search,
            claim_search_pending: None,
            claim_matches: 0,
            claim_applied_query: String::new(),
            text: TextLayout::default(),
            text_scroll: 0,
            sentences: Vec::new(),
            sentence: 0,
            size,
            prompt: None,
            overlay: None,
            undo: Vec::new(),
            redo: Vec::new(),
            saved: SaveState::Nothing,
            message: None,
            quit: false,
            export_organisation: String::new(),
            export_verdicts: Default::default(),
            loading: None,
            dirty: true,
        };
        model.show_article(0);
        model
    }

    pub fn panes(&self) -> Panes {
        layout::panes(self.size.0, self.size.1, self.focus)
    }

    /// The claim the reviewer is working on.
    pub fn selected_claim(&self) -> Option<usize> {
        self.claims.current()
    }

    /// Show article `a`: its claims in the sidebar (unless a corpus-wide claim filter is
    /// on), its text from the top.
    pub fn show_article(&mut self, a: usize) {
        if a >= self.desk.corpus.articles.len() {
            return;
        }
        if self.article != a || self.text.lines.is_empty() {
            self.text_scroll = 0;
        }
        self.article = a;
        self.articles.select_value(a);
        if !self.claims.is_filtered() {
            self.claims.rows = self.article_claim_range().collect();
            self.claims.selected = 0;
            self.claims.offset = 0;
        }
        self.sync();
    }

    /// Select claim `c`, switching article if needed.
    pub fn show_claim(&mut self, c: usize) {
        let a = self.desk.claim_article[c];
        if !self.claims.rows.contains(&c) {
            self.claims.query.clear();
            self.claims.parsed = None;
            self.claims.rows.clear();
        }
        if a != self.article || self.claims.rows.is_empty() {
            self.show_article(a);
        }
        self.claims.select_value(c);
        self.sync();
        self.scroll_to_claim();
    }

    /// Recompute what depends on size, article and selection: text layout, list offsets.
    pub fn sync(&mut self) {
        let panes = self.panes();
        let width = panes.text.inner_width();
        if self.text.article != self.article
            || self.text.width != width
            || self.text.lines.is_empty()
        {
            let unreadable = self.desk.load_text(self.article).err();
            self.text = layout_article(&self.desk, self.article, width, self.order);
            if let Some(p) = unreadable {
                self.text.lines.extend(
                    display::layout_paragraph(&p.to_string(), width.max(1), self.order)
                        .into_iter()
                        .map(|line| TextLine {
                            line,
                            header: false,
                        }),
                );
            }
            self.sentences = self
                .desk
                .corpus
                .articles
                .get(self.article)
                .map(crate::extract::sentence_spans)
                .unwrap_or_default();
            self.sentence = self.sentence.min(self.sentences.len().saturating_sub(1));
        }
        self.articles
            .scroll_into_view(panes.articles.inner_height());
        self.claims
            .scroll_into_view(panes.claims.inner_height() / layout::CLAIM_ROW_HEIGHT);
        let max_scroll = self.text.lines.len().saturating_sub(1);
        self.text_scroll = self.text_scroll.min(max_scroll);
        self.dirty = true;
    }

    /// Text lines (first, last) that show the selected claim.
    pub fn claim_lines(&self) -> Option<Range<usize>> {
        let c = self.selected_claim()?;
        if self.desk.claim_article[c] != self.article {
            return None;
        }
        self.lines_of(&self.desk.claims[c].span)
    }

    /// Text lines that show a byte range of the current article.
    pub fn lines_of(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let touches = |l: &TextLine| {
            !l.header
                && l.line
                    .glyphs
                    .iter()
                    .any(|g| g.src.start < span.end && g.src.end > span.start)
        };
        let first = self.text.lines.iter().position(touches)?;
        let last = self.text.lines.iter().rposition(touches)?;
        Some(first..last + 1)
    }

    /// Scroll the text so the selected claim is in view (a third of the way down).
    pub fn scroll_to_claim(&mut self) {
        let Some(lines) = self.claim_lines() else {
            return;
        };
        self.scroll_to_lines(lines);
    }

    /// Scroll the text so a byte range of the article is in view.
    pub fn scroll_to_range(&mut self, span: Range<usize>) {
        if let Some(lines) = self.lines_of(&span) {
            self.scroll_to_lines(lines);
        }
    }

    fn scroll_to_lines(&mut self, lines: Range<usize>) {
        let height = self.panes().text.inner_height().max(1);
        let visible = self.text_scroll..self.text_scroll + height;
        if lines.start >= visible.start && lines.end <= visible.end {
            return;
        }
        self.text_scroll = lines.start.saturating_sub(height / 3);
        self.dirty = true;
    }

    /// Recompute a list's rows from its query (after the query or the corpus changed),
    /// keeping the selection where it can.
    pub fn refilter(&mut self, target: ListKind) {
        match target {
            ListKind::Articles => {
                let current = self.article;
                self.articles.rows = match &self.articles.parsed {
                    Some(q) => search::filter(&self.article_index, q)
                        .into_iter()
                        .map(|h| h.index)
                        .collect(),
                    None => (0..self.desk.corpus.articles.len()).collect(),
                };
                if !self.articles.select_value(current) {
                    self.articles.selected = 0;
                }
            }
            ListKind::Claims => {
                let current = self.selected_claim();
                if self.claims.parsed.is_some() {
                    // A query looks at every claim loaded so far.
                    self.index_loaded();
                }
                match &self.claims.parsed {
                    Some(q) => {
                        // Results arrive through `poll_search`; the old rows stay until then.
                        self.claim_search_pending = Some(self.claim_search.search(q.clone()));
                        return;
                    }
                    None => {
                        self.claim_search_pending = None;
                        self.claims.rows = self.article_claim_range().collect();
                    }
                }
                self.claims.selected = 0;
                if let Some(c) = current {
                    self.claims.select_value(c);
                }
                if let Some(c) = self.claims.current() {
                    if self.desk.claim_article[c] != self.article {
                        self.article = self.desk.claim_article[c];
                        self.articles.select_value(self.article);
                        self.text_scroll = 0;
                    }
                }
            }
        }
    }

    /// Take the search worker's newest results for the claim filter; true when the list
    /// changed.
    pub fn poll_search(&mut self) -> bool {
        let Some(snapshot) = self.claim_search.poll() else {
            return false;
        };
        self.apply_snapshot(snapshot)
    }

    /// Give the claim filter up to `max` to publish the first rows of the query just
    /// typed, and take them; true when the list changed. A query already answered, or
    /// none pending, returns at once.
    pub fn await_first_results(&mut self, max: std::time::Duration) -> bool {
        let Some(generation) = self.claim_search_pending else {
            return false;
        };
        if self.claim_search.wait_first(generation, max).is_none() {
            return false;
        }
        self.poll_search()
    }

    /// Wait for the claim filter's final results (tests and headless use; the TUI polls).
    pub fn settle(&mut self) {
        if let Some(generation) = self.claim_search_pending {
            if let Some(s) = self
                .claim_search
                .wait(generation, std::time::Duration::from_secs(10))
            {
                self.apply_snapshot(s);
            }
        }
    }

    fn apply_snapshot(&mut self, s: crate::search::Snapshot) -> bool {
        if self.claim_search_pending != Some(s.generation) || !self.claims.is_filtered() {
            return false;
        }
        if s.done {
            self.claim_search_pending = None;
        }
        // A new query starts at its best match, like fzf; the same query re-run (a mark
        // changed a field) keeps the reviewer where they were.
        let current = self.selected_claim();
        let same_query = self.claim_applied_query == s.query;
        self.claims.rows = s.top.iter().map(|h| h.index).collect();
        self.claim_matches = s.matched;
        self.claims.selected = 0;
        if same_query {
            if let Some(c) = current {
                self.claims.select_value(c);
            }
        } else {
            self.claims.offset = 0;
        }
        self.claim_applied_query = s.query;
        if let Some(c) = self.claims.current() {
            if self.desk.claim_article[c] != self.article {
                self.article = self.desk.claim_article[c];
                self.articles.select_value(self.article);
                self.text_scroll = 0;
            }
        }
        self.sync();
        self.scroll_to_claim();
        true
    }

    /// Every claim matching the current claim filter, in corpus order (for an export:
    /// the list itself holds only the best rows).
    pub fn all_claim_matches(&self) -> Vec<usize> {
        let Some(q) = &self.claims.parsed else {
            return (0..self.desk.claims.len()).collect();
        };
        let mut all: Vec<usize> = self
            .claim_search
            .with_index(|ix| search::filter(ix, q))
            .into_iter()
            .map(|h| h.index)
            .collect();
        all.sort_unstable();
        all
    }

    /// The current article's claims (none while nothing is loaded).
    pub fn article_claim_range(&self) -> Range<usize> {
        self.desk
            .article_claims
            .get(self.article)
            .cloned()
            .unwrap_or(0..0)
    }

    /// Take a message from the background loader.
    pub fn apply_loaded(&mut self, message: Loaded) {
        let (message, items) = match message {
            Loaded::Indexed { batch, items } => (Loaded::Batch(batch), Some(items)),
            other => (other, None),
        };
        let batch = matches!(message, Loaded::Batch(_));
        let done = matches!(message, Loaded::Done);
        let reset = matches!(message, Loaded::Reset);
        if let Loaded::Progress(p) = &message {
            self.loading = Some(*p);
        }
        let was_empty = self.desk.corpus.articles.is_empty();
        let claims_before = self.desk.claims.len();
        if self.desk.apply(message) {
            self.loading = None;
        }
        if batch {
            self.grow(claims_before, items);
            if was_empty {
                self.show_article(0);
            }
        } else if reset {
            // Everything shown points at articles and claims that are gone.
            self.article = 0;
            self.articles.rows.clear();
            self.claims.rows.clear();
            self.claims.selected = 0;
            self.claims.offset = 0;
            self.text = TextLayout::default();
            self.sentences.clear();
            self.reindex();
        } else if done {
            self.index_loaded();
            if self.desk.claims.len() == self.indexed_claims {
                // Links, corrections and re-anchored marks change fields, not claims.
                let fields = (self.desk.annotated_claims().into_iter())
                    .map(|c| (c, self.desk.search_fields(c)))
                    .collect();
                self.claim_search.set_many_fields(fields);
                let selected = self
                    .selected_claim()
                    .map(|c| self.desk.claims[c].id.clone());
                self.relist(selected);
                self.text.lines.clear();
            } else {
                // A reviewer's added claims moved the others: index everything again.
                self.reindex();
            }
            // The gauge stays up until the filter can search every claim.
            self.loading = Some(Progress {
                stage: Stage::Indexing,
                done: 0,
                total: self.desk.claims.len(),
            });
            self.poll_indexing();
        }
        self.sync();
    }

    /// After a load, while the claim filter's index is still taking claims in: the gauge
    /// shows how far it is, and goes once every claim can be searched. True when that
    /// changed what the status bar shows.
    pub fn poll_indexing(&mut self) -> bool {
        if !self.loading.is_some_and(|p| p.stage == Stage::Indexing) {
            return false;
        }
        let total = self.desk.claims.len();
        let done = self.claim_search.indexed().min(total);
        let next = (done < total).then_some(Progress {
            stage: Stage::Indexing,
            done,
            total,
        });
        let changed = next != self.loading;
        self.loading = next;
        changed
    }

    /// Give the claim filter the claims loaded since it last had them. While a load
    /// still has batches waiting this waits (the TUI calls it when the loader pauses,
    /// and at the end): folding every claim for the filter would compete with the load
    /// for the cores.
    pub fn index_loaded(&mut self) {
        if self.pending_items.is_empty() {
            return;
        }
        self.index_pending();
    }

    /// [`Model::index_loaded`] while the loader still has batches waiting, once that many
    /// claims wait: a loader that keeps ahead of the UI (a warm start) would otherwise
    /// leave every claim's item waiting until its end, beside the index that then copies
    /// them (968k claims, warm starts: 887–982 MiB at the peak before, 825–867 after).
    pub fn index_backlog(&mut self) {
        if self.pending_len() >= INDEX_BACKLOG {
            self.index_pending();
        }
    }

    /// Claims whose items wait for the filter.
    fn pending_len(&self) -> usize {
        self.pending_items.iter().map(Vec::len).sum()
    }

    fn index_pending(&mut self) {
        self.indexed_claims += self.pending_len();
        for batch in std::mem::take(&mut self.pending_items) {
            self.claim_search.extend(batch);
        }
    }

    /// Rebuild the search indexes and the lists after claims were added or moved (a
    /// claim added by a reviewer), keeping the selection on the same claim.
    pub fn reindex(&mut self) {
        let selected = self
            .selected_claim()
            .and_then(|c| self.desk.claims.get(c))
            .map(|c| c.id.clone());
        self.article_index = Index::new(article_items(&self.desk, 0));
        self.claim_search = Worker::from_items(self.desk.search_items());
        self.indexed_claims = self.desk.claims.len();
        self.pending_items.clear();
        self.relist(selected);
        self.text.lines.clear();
        self.sync();
    }

    /// Take in what a load batch appended (articles and claims after `claims_before`):
    /// articles are indexed now, claims' items wait for [`Model::index_loaded`]. `items`
    /// are the batch's items as the loader made them, one per claim.
    fn grow(&mut self, claims_before: usize, items: Option<Vec<search::Item>>) {
        let selected = self
            .selected_claim()
            .map(|c| self.desk.claims[c].id.clone());
        let from = self.article_index.len();
        self.article_index.extend(article_items(&self.desk, from));
        let added = claims_before..self.desk.claims.len();
        let batch = match items.filter(|items| items.len() == added.len()) {
            Some(mut items) => {
                // The loader knew no marks: fix the fields of the claims that have one.
                for c in added.filter(|&c| self.desk.has_mark(c)) {
                    items[c - claims_before].fields = self.desk.search_fields(c);
                }
                items
            }
            None => added.map(|c| self.desk.search_item(c)).collect(),
        };
        if !batch.is_empty() {
            self.pending_items.push(batch);
        }
        self.relist(selected);
    }

    /// Filter both lists again, keeping the selection on the claim with id `selected`.
    fn relist(&mut self, selected: Option<String>) {
        self.refilter(ListKind::Articles);
        if self.claims.is_filtered() {
            self.refilter(ListKind::Claims);
        } else if !self.desk.corpus.articles.is_empty() {
            self.claims.rows = self.article_claim_range().collect();
        }
        if let Some(c) = selected.and_then(|id| self.desk.claim_index(&id)) {
            self.claims.select_value(c);
        }
    }

    /// The claim a decision applies to: in the text pane, the claim under the sentence
    /// cursor (none when that sentence is not a claim); elsewhere the selected claim.
    pub fn target_claim(&self) -> Option<usize> {
        if self.focus != Focus::Text {
            return self.selected_claim();
        }
        let span = self.sentences.get(self.sentence)?;
        self.article_claim_range().find(|&c| {
            let s = &self.desk.claims[c].span;
            s.start < span.end && span.start < s.end
        })
    }

    /// Move the sentence cursor (text pane) and select the claim it is on, if any.
    pub fn move_sentence(&mut self, to: usize) {
        if self.sentences.is_empty() {
            return;
        }
        self.sentence = to.min(self.sentences.len() - 1);
        if let Some(c) = self.target_claim() {
            self.claims.select_value(c);
        }
        self.sync();
        self.scroll_to_range(self.sentences[self.sentence].clone());
    }

    /// Refresh the filter fields of one claim after its mark changed.
    pub fn refresh_claim_fields(&mut self, c: usize) {
        let fields = self.desk.search_fields(c);
        let pending = c.checked_sub(self.indexed_claims);
        match pending.and_then(|k| self.pending_items.iter_mut().flatten().nth(k)) {
            // Not given to the filter yet: its item waits with the new fields.
            Some(item) => item.fields = fields,
            None => self.claim_search.set_fields(c, fields),
        }
    }

    /// Progress figures for the status bar: (triaged, total, counts by status).
    pub fn progress(&self) -> (usize, usize, [usize; 4]) {
        let counts = self.desk.counts();
        let total = counts.iter().sum();
        (total - counts[0], total, counts)
    }
}

/// Search items for the articles from `from` on.
fn article_items(desk: &Desk, from: usize) -> Vec<search::Item> {
    desk.corpus.articles[from.min(desk.corpus.articles.len())..]
        .iter()
        .map(|a| search::Item {
            text: a.title.clone(),
            packed: None,
            fields: search::Fields {
                outlet: a.outlet.as_deref().unwrap_or_default().into(),
                article: a.path.as_str().into(),
                date: a.date.as_deref().map(Into::into),
                ..Default::default()
            },
        })
        .collect()
}

/// Lay out an article for the text pane: title, a metadata line, then the body
/// paragraphs (boilerplate left out), a blank line between paragraphs.
pub fn layout_article(desk: &Desk, a: usize, width: usize, order: Order) -> TextLayout {
    let mut lines = Vec::new();
    let Some(article) = desk.corpus.articles.get(a) else {
        return TextLayout::default();
    };
    let width = width.max(1);
    for l in display::layout_paragraph(&article.title, width, order) {
        lines.push(TextLine {
            line: l,
            header: true,
        });
    }
    // The date goes first: after Arabic words the UBA turns its digits into Arabic
    // numbers and the hyphens would reverse it ("15-11-2017").
    let meta: Vec<&str> = [&article.date, &article.outlet, &article.author]
        .into_iter()
        .filter_map(|m| m.as_deref())
        .filter(|m| !m.trim().is_empty())
        .collect();
    if !meta.is_empty() {
        for l in display::layout_paragraph(&meta.join(" · "), width, order) {
            lines.push(TextLine {
                line: l,
                header: true,
            });
        }
    }
    let title = article.title.trim();
    for range in article.body_lines() {
        let para = &article.text[range.clone()];
        if para.trim() == title {
            continue;
        }
        lines.push(TextLine {
            line: VisualLine::default(),
            header: false,
        });
        for mut l in display::layout_paragraph(para, width, order) {
            for g in &mut l.glyphs {
                g.src = g.src.start + range.start..g.src.end + range.start;
            }
            lines.push(TextLine {
                line: l,
                header: false,
            });
        }
    }
    TextLayout {
        article: a,
        width,
        lines,
    }
}
