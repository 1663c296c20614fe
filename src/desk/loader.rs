//! Loading a corpus for a desk: in one go for the headless commands (with progress), or
//! on a background thread in growing batches for the TUI. Claims come from the store's
//! cache when the same extractor made them, else from extraction on every core.

use super::{DeskError, OpenOptions};
use crate::corpus::{self, Corpus, CorpusError, Doc, Layout, SharedLines};
use crate::extract::{self, Cues};
use crate::model::{Article, Claim, Problem, Related, Status};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// How far a load has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stage {
    /// Walking folders and decoding files (no count yet).
    #[default]
    Reading,
    /// Finding claims, article by article.
    Extracting,
    /// Linking claims that report the same event, across the corpus.
    Linking,
    Done,
}

impl Progress {
    pub(super) fn reading() -> Progress {
        Progress::default()
    }
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.stage {
            Stage::Reading => f.write_str("reading files…"),
            Stage::Extracting => write!(f, "finding claims {}/{} articles", self.done, self.total),
            Stage::Linking => f.write_str("linking related claims…"),
            Stage::Done => write!(f, "{} articles", self.total),
        }
    }
}

/// What the background loader sends.
#[derive(Debug)]
pub enum Loaded {
    Progress(Progress),
    Problems(Vec<Problem>),
    Batch(Vec<(Article, Vec<Claim>)>),
    /// Related claims found across the corpus: claim id, its links, and its suggestion
    /// (a numeric disagreement suggests `contradicted`).
    Related(Vec<(String, Vec<Related>, Status)>),
    Done,
    /// The corpus could not be read at all.
    Failed(String),
}

/// Loads a corpus on its own thread, in batches that grow as they go (the first screen
/// comes fast; later batches are larger, up to a size the UI thread takes in one go).
pub struct Loader {
    rx: std::sync::mpsc::Receiver<Loaded>,
}

/// Articles extracted between two progress reports.
const PROGRESS_EVERY: usize = 256;
/// Articles in the first batch; each next batch is twice as large, up to the maximum.
const FIRST_BATCH: usize = 32;
/// The UI thread takes a batch in one go, so a batch stays small enough (about 5,000
/// claims of news text, a few tens of milliseconds) not to hold the keys up; the filter
/// index grows by each batch's claims only, so small batches cost little.
const MAX_BATCH: usize = 256;

impl Loader {
    pub(super) fn spawn(opts: OpenOptions, db: PathBuf) -> Loader {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            if let Err(message) = load_in_batches(&opts, &db, &tx) {
                let _ = tx.send(Loaded::Failed(message));
            }
        });
        Loader { rx }
    }

    /// The next message, if one is waiting.
    pub fn try_recv(&self) -> Option<Loaded> {
        self.rx.try_recv().ok()
    }
}

fn load_in_batches(
    opts: &OpenOptions,
    db: &Path,
    tx: &std::sync::mpsc::Sender<Loaded>,
) -> Result<(), String> {
    let send = |m: Loaded| tx.send(m).map_err(|_| "the TUI went away".to_string());
    send(Loaded::Progress(Progress::reading()))?;
    let read = corpus::read(&opts.corpus).map_err(|e| e.to_string())?;
    send(Loaded::Problems(read.problems.clone()))?;
    // Our own connection: SQLite connections are not shared between threads.
    let store = if db.as_os_str() == ":memory:" {
        None
    } else {
        Some(Store::open(db).map_err(|e| e.to_string())?)
    };
    let mut layouts = Layouts::of(&read, store.as_ref());
    let total = read.docs.len();
    let mut docs = read.docs.into_iter();
    let (mut done, mut size) = (0, FIRST_BATCH);
    // Linking related claims needs every claim; it runs here, not on the TUI's thread.
    let mut all: Vec<Claim> = Vec::new();
    loop {
        let chunk: Vec<Doc> = docs.by_ref().take(size).collect();
        if chunk.is_empty() {
            break;
        }
        let chunk = layouts.articles(chunk);
        let claims = claims_for(&chunk, store.as_ref(), &opts.cues, &mut |_| {})
            .map_err(|e| e.to_string())?;
        done += chunk.len();
        all.extend(claims.iter().flatten().cloned());
        send(Loaded::Batch(chunk.into_iter().zip(claims).collect()))?;
        send(Loaded::Progress(Progress {
            stage: Stage::Extracting,
            done,
            total,
        }))?;
        size = (size * 2).min(MAX_BATCH);
    }
    layouts.keep(store.as_ref());
    send(Loaded::Progress(Progress {
        stage: Stage::Linking,
        done,
        total,
    }))?;
    let links = related_links(&mut all, store.as_ref());
    send(Loaded::Related(links))?;
    send(Loaded::Progress(Progress {
        stage: Stage::Done,
        done,
        total,
    }))?;
    send(Loaded::Done)
}

/// Load a whole corpus (the headless commands), its layouts from the store's cache when
/// this corpus was read before.
pub(super) fn load_corpus(path: &Path, store: Option<&Store>) -> Result<Corpus, CorpusError> {
    let read = corpus::read(path)?;
    let mut layouts = Layouts::of(&read, store);
    let articles = layouts.articles(read.docs);
    layouts.keep(store);
    Ok(Corpus {
        root: read.root,
        articles,
        problems: read.problems,
    })
}

/// Where articles' layouts come from: the store's cache when this corpus was read
/// before, else reading them (which needs the lines shared across the corpus's files);
/// those are cached once every article is read.
enum Layouts {
    Cached(std::vec::IntoIter<Layout>),
    Fresh {
        key: String,
        shared: SharedLines,
        made: Vec<Layout>,
    },
}

impl Layouts {
    fn of(read: &corpus::Read, store: Option<&Store>) -> Layouts {
        let key = read.layout_key();
        let cached = store
            .and_then(|s| s.cached_layouts(&key).ok().flatten())
            .and_then(|json| serde_json::from_str::<Vec<Layout>>(&json).ok())
            .filter(|layouts| fits(&read.docs, layouts));
        match cached {
            Some(layouts) => Layouts::Cached(layouts.into_iter()),
            None => Layouts::Fresh {
                key,
                shared: read.shared_lines(),
                made: Vec::new(),
            },
        }
    }

    /// The next docs as articles.
    fn articles(&mut self, docs: Vec<Doc>) -> Vec<Article> {
        match self {
            Layouts::Cached(layouts) => {
                let these: Vec<Layout> = layouts.by_ref().take(docs.len()).collect();
                corpus::articles_from(docs, these)
            }
            Layouts::Fresh { shared, made, .. } => {
                let articles = corpus::articles(docs, shared);
                made.extend(articles.iter().map(Article::layout));
                articles
            }
        }
    }

    /// Cache layouts read fresh (call once every doc went through [`Layouts::articles`]).
    fn keep(self, store: Option<&Store>) {
        if let (Layouts::Fresh { key, made, .. }, Some(s)) = (self, store) {
            if made.is_empty() {
                return;
            }
            if let Ok(json) = serde_json::to_string(&made) {
                // A cache that cannot be written only costs the next start some time.
                let _ = s.cache_layouts(&key, &json);
            }
        }
    }
}

/// Cached layouts fit the docs: one each, and every range on the doc's char boundaries
/// (the store is a file like any other; a damaged cache is read again, never trusted).
fn fits(docs: &[Doc], layouts: &[Layout]) -> bool {
    docs.len() == layouts.len()
        && docs.iter().zip(layouts).all(|(d, l)| {
            l.boilerplate.iter().all(|r| {
                r.start <= r.end
                    && d.text().is_char_boundary(r.start)
                    && d.text().is_char_boundary(r.end)
            })
        })
}

/// A corpus's related-claim links: claim id, its links, and its (possibly changed)
/// suggestion. Read from the store when the same extractor made the same claims; else
/// linked (which also updates `claims`) and cached.
pub(super) type Links = Vec<(String, Vec<Related>, Status)>;

pub(super) fn related_links(claims: &mut [Claim], store: Option<&Store>) -> Links {
    if claims.is_empty() {
        // Nothing to link; and the empty desk a TUI starts with must not replace the
        // cached links of the corpus it is about to load.
        return Links::new();
    }
    let key = crate::ids::corpus_key(extract::VERSION, claims.iter().map(|c| c.id.as_str()));
    let cached = store
        .and_then(|s| s.cached_related(&key).ok().flatten())
        .and_then(|json| serde_json::from_str::<Links>(&json).ok());
    if let Some(links) = cached {
        return links;
    }
    extract::link_related(claims);
    let links: Links = claims
        .iter()
        .filter(|c| !c.related.is_empty())
        .map(|c| (c.id.clone(), c.related.clone(), c.suggested))
        .collect();
    if let (Some(s), Ok(json)) = (store, serde_json::to_string(&links)) {
        // A cache that cannot be written only costs the next start some time.
        let _ = s.cache_related(&key, &json);
    }
    links
}

/// Claims for each article: from the store's cache when this extractor made them, else
/// extracted (on every core) and cached.
pub(super) fn claims_for(
    articles: &[Article],
    store: Option<&Store>,
    cues: &Cues,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Vec<Claim>>, DeskError> {
    use rayon::prelude::*;
    let total = articles.len();
    // Read the cache in one thread (one connection), parse it on every core.
    let mut cached: Vec<Option<String>> = Vec::with_capacity(total);
    for a in articles {
        cached.push(match store {
            Some(s) => s.cached_claims_json(&a.id, extract::VERSION)?,
            None => None,
        });
    }
    let mut out: Vec<Option<Vec<Claim>>> = cached
        .into_par_iter()
        .zip(articles)
        .with_min_len(16)
        .map(|(json, a)| json.and_then(|j| crate::store::parse_cached_claims(&j, a)))
        .collect();
    let missing: Vec<usize> = (0..total).filter(|&i| out[i].is_none()).collect();
    progress(Progress {
        stage: Stage::Extracting,
        done: total - missing.len(),
        total,
    });
    let mut fresh: Vec<(usize, Vec<Claim>)> = Vec::with_capacity(missing.len());
    for chunk in missing.chunks(PROGRESS_EVERY) {
        fresh.par_extend(
            chunk
                .par_iter()
                .map(|&i| (i, extract::extract(&articles[i], cues))),
        );
        progress(Progress {
            stage: Stage::Extracting,
            done: total - missing.len() + fresh.len(),
            total,
        });
    }
    if let Some(s) = store {
        let entries: Vec<(&Article, &[Claim])> = fresh
            .iter()
            .map(|(i, c)| (&articles[*i], c.as_slice()))
            .collect();
        s.cache_many(extract::VERSION, &entries)?;
    }
    for (i, c) in fresh {
        out[i] = Some(c);
    }
    progress(Progress {
        stage: Stage::Done,
        done: total,
        total,
    });
    Ok(out.into_iter().map(Option::unwrap_or_default).collect())
}
