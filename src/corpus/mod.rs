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
use rayon::prelude::*;
use rows::RowFields;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use walk::{Kind, Source};

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
pub const LAYOUT_VERSION: &str = "2";

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
    /// Names everything the layouts depend on: this module's version and lexicon, and
    /// each article's path, text (by id) and row metadata.
    pub fn layout_key(&self) -> String {
        let mut parts: Vec<String> = vec![
            LAYOUT_VERSION.to_string(),
            boilerplate::LEXICON_TOML.to_string(),
        ];
        for d in &self.docs {
            let f = &d.fields;
            parts.push(d.path.clone());
            parts.push(d.id.clone());
            for v in [&f.title, &f.url, &f.outlet, &f.date, &f.author] {
                parts.push(
                    v.as_ref()
                        .map_or_else(|| "\\0".to_string(), |s| format!("={s}")),
                );
            }
        }
        crate::ids::corpus_key("layout", parts.iter().map(String::as_str))
    }

    /// Short lines that occur in several of the corpus's files.
    pub fn shared_lines(&self) -> SharedLines {
        SharedLines::count(self.docs.iter().map(|d| d.text.as_str()))
    }
}

impl Doc {
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Read each doc's layout (on every core) and make it an article.
pub fn articles(docs: Vec<Doc>, shared: &SharedLines) -> Vec<Article> {
    docs.into_par_iter()
        .map(|doc| article(doc, shared))
        .collect()
}

/// Articles from docs and their cached layouts (in the same order).
pub fn articles_from(docs: Vec<Doc>, layouts: Vec<Layout>) -> Vec<Article> {
    docs.into_iter()
        .zip(layouts)
        .map(|(doc, l)| Article {
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
        })
        .collect()
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
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CorpusError::NotFound {
            path: path.to_path_buf(),
        },
        _ => CorpusError::Unreadable {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let (root, sources, mut problems) = if meta.is_dir() {
        let (sources, problems) = walk::walk(path);
        (path.to_path_buf(), sources, problems)
    } else {
        single_file(path, meta.is_file())
    };

    let read: Vec<(Vec<Doc>, Vec<Problem>)> = sources.par_iter().map(read_source).collect();
    let mut docs = Vec::new();
    for (found, trouble) in read {
        docs.extend(found);
        problems.extend(trouble);
    }
    let docs = drop_duplicates(docs, &mut problems);
    // Stable: a file's row problems stay in row order.
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Read {
        root,
        docs,
        problems,
    })
}

fn single_file(path: &Path, regular: bool) -> (PathBuf, Vec<Source>, Vec<Problem>) {
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

/// Read, decode and split one file into articles.
fn read_source(src: &Source) -> (Vec<Doc>, Vec<Problem>) {
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
                id: crate::ids::article_id(&decoded.text),
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
            id: crate::ids::article_id(&row.body),
            text: row.body,
            fields: row.fields,
        })
        .collect();
    (docs, problems)
}

/// Two copies of one text would share an id and every claim id; keep the first (by
/// path) and report the others.
fn drop_duplicates(docs: Vec<Doc>, problems: &mut Vec<Problem>) -> Vec<Doc> {
    let mut first: HashMap<String, String> = HashMap::new();
    let mut kept = Vec::with_capacity(docs.len());
    for doc in docs {
        if let Some(original) = first.get(&doc.id) {
            problems.push(Problem {
                path: doc.path.clone(),
                message: format!(
                    "same text as {original}; skipped (an article's id comes from its text, so one copy is enough)"
                ),
            });
            continue;
        }
        first.insert(doc.id.clone(), doc.path.clone());
        kept.push(doc);
    }
    kept
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
    };
    let body = article.body_lines();
    let lang = lang::detect(body.iter().filter_map(|r| article.text.get(r.clone())));
    article.lang = lang.to_string();
    article
}
