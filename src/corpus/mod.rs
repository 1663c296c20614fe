//! Loading a corpus: walking folders, decoding files, splitting `.jsonl`/`.csv` rows into
//! articles, finding boilerplate and metadata. Never panics on input; every file that
//! cannot be used becomes a [`Problem`] naming it.

mod boilerplate;
mod date;
mod decode;
mod lang;
mod meta;
mod page;
mod rows;
mod walk;

pub use boilerplate::SharedLines;
pub use date::parse_date;
pub use decode::MAX_FILE_BYTES;

use crate::model::{Article, Problem};
use foldhash::HashMap;
use rayon::prelude::*;
use rows::RowFields;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
pub use walk::{Kind, Source, Stamp, EXPORT_STEM};

/// A `.jsonl`/`.csv` file holds many articles, so it may be larger than one article file.
pub const MAX_ROWS_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Everything loaded from one corpus path.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The folder the corpus lives in (for a single file, its parent folder).
    pub root: PathBuf,
    /// Articles in a stable order (by path, then row).
    pub articles: Vec<Article>,
    /// Files that were skipped or only partly usable, with the reason.
    pub problems: Vec<Problem>,
}

/// Why a corpus could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: no such file or folder (give a folder of .txt/.md/.jsonl/.csv articles)")]
    NotFound { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Bump when a change to this module changes what it finds in the same files (titles,
/// metadata, boilerplate), so that layouts cached by an older build are not used.
pub const LAYOUT_VERSION: &str = "16";

/// The files of a corpus, found (and their stamps taken) but not read.
#[derive(Debug)]
pub struct Scan {
    /// The folder the corpus lives in (for a single file, its parent folder).
    pub root: PathBuf,
    /// Article files, sorted by relative path.
    pub sources: Vec<Source>,
    /// Folders and files that could not be used, found while walking.
    pub problems: Vec<Problem>,
    /// When the walk began, in nanoseconds since the epoch (see [`Stamp::racy`]).
    pub started: i64,
}

/// One article's text before its layout is read.
pub struct Doc {
    /// `file.txt` or `file.jsonl#N`.
    path: String,
    id: String,
    text: String,
    fields: RowFields,
}

/// A corpus read from disk, its articles' layout not yet read: that needs every file,
/// because short lines shared by several files are site furniture.
pub struct Read {
    pub root: PathBuf,
    /// Articles' texts, in a stable order (by path, then row).
    pub docs: Vec<Doc>,
    pub problems: Vec<Problem>,
}

/// What the layout of one article says: everything of an [`Article`] but its text.
/// Cached in the store per corpus, so a warm start does not read layouts again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub lang: String,
    pub boilerplate: Vec<std::ops::Range<usize>>,
}

impl Read {
    /// Short lines that occur in several of the corpus's files.
    pub fn shared_lines(&self) -> SharedLines {
        shared_lines(&self.docs)
    }
}

/// Short lines that occur in several of `docs`. Only short lines can be shared: picking
/// them out of each text runs on every core, and the count itself sees only them.
pub fn shared_lines(docs: &[Doc]) -> SharedLines {
    let short: Vec<String> = docs.par_iter().map(|d| short_lines(&d.text)).collect();
    SharedLines::count(short.iter().map(String::as_str))
}

/// The lines of `text` that [`SharedLines::count`] looks at (one to
/// [`boilerplate::SHARED_MAX_WORDS`] words), each once, one per line.
fn short_lines(text: &str) -> String {
    let mut seen = foldhash::HashSet::default();
    let mut out = String::new();
    for line in text.split('\n') {
        let words = line
            .split_whitespace()
            .take(boilerplate::SHARED_MAX_WORDS + 1)
            .count();
        if words == 0 || words > boilerplate::SHARED_MAX_WORDS || !seen.insert(line) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Names what layouts are read by: this module's version and its furniture lexicon.
/// Layouts kept by a build with another fingerprint are read again.
pub fn layout_fingerprint() -> String {
    crate::ids::corpus_key(
        "layout",
        [LAYOUT_VERSION, boilerplate::LEXICON_TOML].into_iter(),
    )
}

impl Doc {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `file.txt` or `file.jsonl#N`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The article id; empty when the doc was read without hashing its text.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A doc known from a snapshot, its file not read (its stamp is unchanged): path and
    /// id, no text (see `desk::loader`).
    pub fn unread(path: String, id: String) -> Doc {
        Doc {
            path,
            id,
            text: String::new(),
            fields: RowFields::default(),
        }
    }

    /// Give a doc read without hashing the id its text is known to have.
    pub fn set_id(&mut self, id: String) {
        self.id = id;
    }
}

/// Read each doc's layout (on every core) and make it an article.
pub fn articles(docs: Vec<Doc>, shared: &SharedLines) -> Vec<Article> {
    docs.into_par_iter()
        .map(|doc| article(doc, shared))
        .collect()
}

/// An article from its doc and a layout read before (kept in a snapshot).
pub fn article_from(doc: Doc, l: Layout) -> Article {
    Article {
        id: doc.id,
        path: doc.path,
        title: l.title,
        url: l.url,
        outlet: l.outlet,
        date: l.date,
        author: l.author,
        lang: l.lang,
        text: doc.text,
        boilerplate: l.boilerplate,
        shelved: false,
    }
}

impl Article {
    /// The article's layout (to cache it).
    pub fn layout(&self) -> Layout {
        Layout {
            title: self.title.clone(),
            url: self.url.clone(),
            outlet: self.outlet.clone(),
            date: self.date.clone(),
            author: self.author.clone(),
            lang: self.lang.clone(),
            boilerplate: self.boilerplate.clone(),
        }
    }
}

/// Load a folder (recursively) or a single file.
pub fn load(path: &Path) -> Result<Corpus, CorpusError> {
    let read = read(path)?;
    let shared = read.shared_lines();
    Ok(Corpus {
        root: read.root,
        articles: articles(read.docs, &shared),
        problems: read.problems,
    })
}

/// Walk, read and decode a folder (recursively) or a single file.
pub fn read(path: &Path) -> Result<Read, CorpusError> {
    Ok(read_all(scan(path)?))
}

/// Find the article files of a folder (recursively), or take a single file, with their
/// stamps; nothing is read yet.
pub fn scan(path: &Path) -> Result<Scan, CorpusError> {
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CorpusError::NotFound {
            path: path.to_path_buf(),
        },
        _ => CorpusError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let (root, sources, problems) = if meta.is_dir() {
        let (sources, problems) = walk::walk(path);
        (path.to_path_buf(), sources, problems)
    } else {
        single_file(path, &meta)
    };
    Ok(Scan {
        root,
        sources,
        problems,
        started,
    })
}

/// Read, decode and split every file of a scan (on every core), hashing each article's
/// text for its id; one copy of a text is kept.
pub fn read_all(scan: Scan) -> Read {
    let Scan {
        root,
        sources,
        mut problems,
        ..
    } = scan;
    let read: Vec<(Vec<Doc>, Vec<Problem>)> =
        sources.par_iter().map(|s| read_source(s, true)).collect();
    let mut docs = Vec::new();
    for (found, trouble) in read {
        docs.extend(found);
        problems.extend(trouble);
    }
    let docs = drop_duplicates(docs, &mut problems);
    sort_problems(&mut problems);
    Read {
        root,
        docs,
        problems,
    }
}

/// Problems in the order they are shown: by path, and within one file in the order
/// they were found (a file's row problems stay in row order).
pub fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| a.path.cmp(&b.path));
}

fn single_file(path: &Path, meta: &std::fs::Metadata) -> (PathBuf, Vec<Source>, Vec<Problem>) {
    let regular = meta.is_file();
    let root = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let rel = path.file_name().map_or_else(
        || path.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let problem = |message: &str| Problem {
        path: rel.clone(),
        message: message.to_string(),
    };
    match Kind::of(path) {
        Some(kind) if regular => {
            let source = Source {
                path: path.to_path_buf(),
                rel: rel.clone(),
                kind,
                stamp: Stamp::of(meta),
            };
            (root, vec![source], Vec::new())
        }
        Some(_) => (
            root,
            Vec::new(),
            vec![problem("not a regular file; nothing to load")],
        ),
        None => (
            root,
            Vec::new(),
            vec![problem(
                "not a .txt, .md, .jsonl or .csv file; nothing to load (give a folder, or one of those files)",
            )],
        ),
    }
}

/// True when `article` is the only article of its own text file (not a row of a
/// `.jsonl`/`.csv` file): its text can be read again from that file alone, cheaply.
pub fn own_file(article: &Article) -> bool {
    Kind::of(Path::new(&article.path)) == Some(Kind::Text)
}

/// Read `article`'s text again from its file under `root` (a TUI keeps only the texts
/// it shows). The text must be the one the article was made from, so its id is checked:
/// a file edited since, or gone, is an error that says so.
pub fn reread(root: &Path, article: &Article) -> Result<String, String> {
    if !own_file(article) {
        return Err("only a .txt or .md file's text can be read again".to_string());
    }
    let path = root.join(&article.path);
    let meta = std::fs::metadata(&path).map_err(|e| format!("cannot be read again: {e}"))?;
    let source = Source {
        path,
        rel: article.path.clone(),
        kind: Kind::Text,
        stamp: Stamp::of(&meta),
    };
    let (docs, problems) = read_source(&source, true);
    match docs.into_iter().next() {
        Some(doc) if doc.id == article.id => Ok(doc.text),
        Some(_) => Err(
            "changed on disk since claimdesk loaded it; quit and start again to read it anew"
                .to_string(),
        ),
        None => Err(problems
            .into_iter()
            .next()
            .map_or_else(|| "cannot be read again".to_string(), |p| p.message)),
    }
}

/// Read, decode and split one file into articles. With `hash` false the docs' ids are
/// left empty, for a caller that knows them (the file is unchanged since it was read).
pub fn read_source(src: &Source, hash: bool) -> (Vec<Doc>, Vec<Problem>) {
    let id_of = |text: &str| {
        if hash {
            crate::ids::article_id(text)
        } else {
            String::new()
        }
    };
    let problem = |message: String| Problem {
        path: src.rel.clone(),
        message,
    };
    let limit = match src.kind {
        Kind::Text => MAX_FILE_BYTES,
        Kind::Jsonl | Kind::Csv => MAX_ROWS_FILE_BYTES,
    };
    let decoded = match decode::read_limited(&src.path, limit).and_then(decode::decode) {
        Ok(d) => d,
        Err(message) => return (Vec::new(), vec![problem(message)]),
    };
    let mut problems = Vec::new();
    if decoded.replaced > 0 {
        problems.push(problem(decode::replaced_message(decoded.replaced)));
    }
    let (found, row_problems) = match src.kind {
        Kind::Text => {
            let doc = Doc {
                path: src.rel.clone(),
                id: id_of(&decoded.text),
                text: decoded.text,
                fields: RowFields::default(),
            };
            return (vec![doc], problems);
        }
        Kind::Jsonl => rows::jsonl(&decoded.text),
        Kind::Csv => rows::csv(&decoded.text),
    };
    problems.extend(row_problems.into_iter().map(|p| problem(p.message)));
    let docs = found
        .into_iter()
        .map(|row| Doc {
            path: format!("{}#{}", src.rel, row.number),
            id: id_of(&row.body),
            text: row.body,
            fields: row.fields,
        })
        .collect();
    (docs, problems)
}

/// Two copies of one text would share an id and every claim id; keep the first (by
/// path) and report the others.
pub fn drop_duplicates(docs: Vec<Doc>, problems: &mut Vec<Problem>) -> Vec<Doc> {
    let mut seen = Duplicates::default();
    docs.into_iter()
        .filter(|doc| seen.keep(doc, problems))
        .collect()
}

/// The texts seen so far, for [`drop_duplicates`] over docs that arrive in batches.
#[derive(Default)]
pub struct Duplicates {
    first: HashMap<String, String>,
}

impl Duplicates {
    /// Whether `doc` is the first with its text; a later copy is reported.
    pub fn keep(&mut self, doc: &Doc, problems: &mut Vec<Problem>) -> bool {
        if let Some(original) = self.first.get(&doc.id) {
            problems.push(Problem {
                path: doc.path.clone(),
                message: format!(
                    "same text as {original}; skipped (an article's id comes from its text, so one copy is enough)"
                ),
            });
            return false;
        }
        self.first.insert(doc.id.clone(), doc.path.clone());
        true
    }
}

/// Row metadata as one line of text, or nothing when blank.
fn tidy(value: Option<String>) -> Option<String> {
    let value = value?;
    let words: Vec<&str> = value.split_whitespace().collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn article(doc: Doc, shared: &SharedLines) -> Article {
    let layout = page::analyse(&doc.text, &doc.fields, shared);
    let fields = doc.fields;
    let url = tidy(fields.url).or(layout.url);
    let outlet = tidy(fields.outlet)
        .or(layout.outlet)
        .or_else(|| url.as_deref().and_then(boilerplate::domain_of));
    let date = fields.date.as_deref().and_then(parse_date).or(layout.date);
    let title = if layout.title.is_empty() {
        doc.path.clone()
    } else {
        layout.title
    };
    let mut article = Article {
        id: doc.id,
        path: doc.path,
        title,
        url,
        outlet,
        date,
        author: tidy(fields.author).or(layout.author),
        lang: String::new(),
        text: doc.text,
        boilerplate: layout.furniture.into_iter().map(|(r, _)| r).collect(),
        shelved: false,
    };
    let body = article.body_lines();
    let lang = lang::detect(body.iter().filter_map(|r| article.text.get(r.clone())));
    article.lang = lang.to_string();
    article
}
