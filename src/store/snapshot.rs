//! A corpus as its last load left it, in one binary file beside the store: each file's
//! stamp, each article's id, layout and claims (byte spans into the article text, not
//! copies of it), and the related-claim links. A start whose files all kept their stamps
//! reads this instead of hashing, laying out, extracting and linking again.
//!
//! The claims' search keys (folded for the filter) follow in a section of their own,
//! with its own checksum: a start that shows articles does not wait to read and check
//! them, and a headless command never reads them at all.
//!
//! Only a cache: the file is checksummed and versioned, every range in it is checked
//! against the text it points into, and anything that does not fit is ignored (the
//! corpus is read again). Nothing here may panic on a file's contents.

use crate::corpus::{Layout, Stamp};
use crate::extract::{fold_space, fold_space_into};
use crate::model::{Article, Attribution, Claim, Signals, SourceType, Spilled, Status};
use crate::search::{Packed, KEY_VERSION};
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

/// The first bytes of a snapshot file.
const MAGIC: &[u8; 8] = b"CDSNAP\0\0";
/// Bump when the layout of the file changes: an older or newer file is ignored.
pub const FORMAT: u32 = 5;
/// Magic, format, then the length and checksum of the payload (key, sources, articles,
/// links) and of the key section that follows it.
const HEADER: usize = 8 + 4 + (8 + SUM) * 2;
/// A checksum's bytes: XXH3-128, little-endian (a cache's check against damage, not
/// against anyone: it runs at memory speed, where SHA-256 took about 36 ms of a 10k
/// warm start under perf).
const SUM: usize = 16;

fn checksum(bytes: &[u8]) -> [u8; SUM] {
    xxh3_128(bytes).to_le_bytes()
}

/// Where the snapshot of the store at `db` lives (none for a store in memory).
pub fn path_for(db: &Path) -> Option<PathBuf> {
    if db.as_os_str() == ":memory:" {
        return None;
    }
    let mut name = db.as_os_str().to_owned();
    name.push("-snapshot");
    Some(PathBuf::from(name))
}

/// What made a snapshot: a snapshot made by other code, for another corpus, or with
/// another lexicon is of no use as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Key {
    /// `extract::VERSION` and a fingerprint of the cue lexicon: claims depend on both.
    pub extractor: String,
    /// `corpus::layout_fingerprint()`: layouts depend on it.
    pub layout: String,
    /// The corpus as opened (its canonical path), so another corpus's files are not
    /// taken for this one's.
    pub corpus: String,
}

/// One file as it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceEntry {
    pub rel: String,
    pub stamp: Stamp,
    /// Modified so shortly before it was read that its stamp alone proves nothing (see
    /// [`Stamp::racy`]): its texts must be hashed and compared.
    pub racy: bool,
    /// The articles it held, in order, duplicates included.
    pub docs: Vec<DocEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocEntry {
    pub path: String,
    pub id: String,
    /// Length of the decoded text in bytes: a quick check that the text read now is the
    /// one the ranges were made for.
    pub text_len: u64,
}

/// An article's place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleEntry {
    pub id: String,
    /// Its layout and claims, encoded.
    at: Range<usize>,
}

/// A related-claim link between claims `a` and `b` (positions among all the snapshot's
/// claims, article by article), and whether their numbers disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub a: u32,
    pub b: u32,
    pub numbers_disagree: bool,
}

/// Where the claims' texts were written by the load that made a snapshot (the TUI's
/// spill file, given a name beside the snapshot): every claim's text, article after
/// article, claim after claim, is in bytes `start..start + len` of the file with `stamp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Texts {
    pub stamp: Stamp,
    pub start: u64,
    pub len: u64,
}

/// Where the file named in [`Texts`] lives, beside the snapshot at `snapshot`.
pub fn texts_path(snapshot: &Path) -> PathBuf {
    let mut name = snapshot.as_os_str().to_owned();
    name.push("-texts");
    PathBuf::from(name)
}

/// A snapshot as read: sources and articles listed, each article's layout and claims
/// decoded only when asked for.
pub struct Snapshot {
    pub key: Key,
    pub sources: Vec<SourceEntry>,
    pub articles: Vec<ArticleEntry>,
    pub links: Vec<Link>,
    pub texts: Option<Texts>,
    /// The file as read, header included: ranges are into its payload (see
    /// [`Snapshot::payload`]), which is not copied out of it.
    file: Vec<u8>,
    /// Where the articles (count included) are in the payload, to write them out again.
    article_section: Range<usize>,
    keys: KeySection,
}

/// Where a snapshot's key section is: still in the file it was read from, read only
/// when asked for.
struct KeySection {
    /// The file (kept open, so that a snapshot written since by another claimdesk is
    /// not taken for this one's).
    source: Mutex<Box<dyn ReadSeek>>,
    at: u64,
    len: u64,
    sum: [u8; SUM],
}

trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

impl KeySection {
    /// Bytes `range` of the section (offsets from its start), read from the file now.
    fn read_range(&self, range: Range<usize>) -> Option<Vec<u8>> {
        let len = range.end.checked_sub(range.start)?;
        if range.end as u64 > self.len {
            return None;
        }
        let mut source = self.source.lock().ok()?;
        source
            .seek(SeekFrom::Start(self.at + range.start as u64))
            .ok()?;
        let mut bytes = vec![0; len];
        source.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }

    /// The section read from its start, its version and article count checked (against
    /// `articles`): a few megabytes at a time, never the whole section (200 MB at 46k).
    fn stream(&self, articles: usize) -> Option<Streamed<'_>> {
        let mut r = Streamed {
            section: self,
            read: 0,
            left: self.len,
            buf: vec![0; (SPOOL_MEMORY as u64).min(self.len) as usize],
            at: 0,
            end: 0,
            sum: Xxh3::new(),
        };
        let mut expected = Vec::new();
        put_str(&mut expected, KEY_VERSION);
        let version = r.take(expected.len() as u64)?;
        (version == expected && r.var()? == articles as u64).then_some(r)
    }

    /// Copy the section's bytes as the file holds them to `out`, without holding them.
    fn copy_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut source = self
            .source
            .lock()
            .map_err(|_| std::io::Error::other("the snapshot's file was lost"))?;
        source.seek(SeekFrom::Start(self.at))?;
        let copied = std::io::copy(&mut source.by_ref().take(self.len), out)?;
        if copied != self.len {
            return Err(std::io::Error::other("the snapshot's keys were cut short"));
        }
        Ok(())
    }
}

/// The claims' search keys from a snapshot's key section, one list per article, made by
/// the code of [`KEY_VERSION`].
///
/// The section is checked whole once, then only where each article's keys lie is kept:
/// the keys themselves are read again from the file a batch of articles at a time, so a
/// load never holds the whole section beside the index that copies it (at 46k articles
/// that was 200 MB more at the peak). The file stays open, so what is read is what was
/// checked unless the file is written over in place (claimdesk never does; each key is
/// checked well formed again anyway).
pub struct Keys<'s> {
    section: &'s KeySection,
    /// Article `i`'s keys in the section (empty when it has none).
    at: Vec<Range<usize>>,
}

/// The keys of a run of articles, read in one go.
pub struct BatchKeys {
    /// Shared by the keys handed out, which the filter's index copies as it takes them.
    bytes: Arc<Vec<u8>>,
    /// Article `first + k`'s keys in `bytes` (empty when it has none).
    at: Vec<Range<usize>>,
    first: usize,
}

impl Keys<'_> {
    /// The keys of articles `articles`, read from the file; `None` if they cannot be.
    pub fn batch(&self, articles: Range<usize>) -> Option<BatchKeys> {
        let at = self.at.get(articles.clone())?;
        let base = at.iter().find(|r| !r.is_empty()).map_or(0, |r| r.start);
        let end = at
            .iter()
            .rev()
            .find(|r| !r.is_empty())
            .map_or(base, |r| r.end);
        let bytes = if end > base {
            self.section.read_range(base..end)?
        } else {
            Vec::new()
        };
        let at = (at.iter())
            .map(|r| match r.is_empty() {
                true => 0..0,
                false => r.start - base..r.end - base,
            })
            .collect();
        Some(BatchKeys {
            bytes: Arc::new(bytes),
            at,
            first: articles.start,
        })
    }

    /// Article `i`'s keys alone (see [`BatchKeys::article`]).
    pub fn article(&self, i: usize, claims: usize) -> Option<Option<Vec<Packed>>> {
        self.batch(i..i + 1)?.article(i, claims)
    }
}

impl BatchKeys {
    /// Article `i`'s keys, one per claim of its `claims`: `Some(None)` when the snapshot
    /// holds none for it, `None` when the ones it holds are damaged (not one a claim, or
    /// not packed as keys are) or `i` is not in the batch: then the article is not to be
    /// taken from the snapshot.
    pub fn article(&self, i: usize, claims: usize) -> Option<Option<Vec<Packed>>> {
        let at = self.at.get(i.checked_sub(self.first)?)?.clone();
        if at.is_empty() {
            return Some(None);
        }
        let start = at.start;
        let mut r = Reader::new(self.bytes.get(at)?);
        let mut keys = Vec::with_capacity(claims);
        for _ in 0..claims {
            let n = r.len()?;
            let key = start + r.at..start + r.at + n;
            r.skip(n)?;
            keys.push(Packed::shared(&self.bytes, key, r.u64()?)?);
        }
        (r.at == r.bytes.len()).then_some(Some(keys))
    }
}

/// A snapshot's key section read front to back, each run of articles as it is asked
/// for, its checksum taken on the way. A warm start takes the articles in order: its
/// first keys wait for no pass over the whole section, and each byte is read once.
/// Whether the section was intact is known at its end ([`KeyStream::finish`]); until
/// then each key is only checked well formed.
pub struct KeyStream<'s> {
    stream: Streamed<'s>,
    sum: [u8; SUM],
    /// The next article whose keys are read.
    next: usize,
    articles: usize,
}

impl KeyStream<'_> {
    /// The keys of `articles`, which must start where the last run ended; `None` if they
    /// cannot be read (the section ends early, or is not laid out as keys are).
    pub fn batch(&mut self, articles: Range<usize>) -> Option<BatchKeys> {
        if articles.start != self.next || articles.end > self.articles {
            return None;
        }
        let mut bytes = Vec::new();
        let mut at = Vec::with_capacity(articles.len());
        for _ in articles.clone() {
            let n = self.stream.var()?;
            let start = bytes.len();
            self.stream.copy_into(n, &mut bytes)?;
            at.push(start..bytes.len());
        }
        self.next = articles.end;
        Some(BatchKeys {
            bytes: Arc::new(bytes),
            at,
            first: articles.start,
        })
    }

    /// Whether every article's keys were read and the section is as it was written.
    pub fn finish(self) -> bool {
        self.next == self.articles && self.stream.finish() == Some(self.sum)
    }
}

impl Snapshot {
    /// Read the snapshot at `path`; `None` when there is none, or it is damaged, or it
    /// was written in another format. Its key section is read only by [`Snapshot::keys`].
    pub fn read(path: &Path) -> Option<Snapshot> {
        Snapshot::from_source(Box::new(std::fs::File::open(path).ok()?))
    }

    /// A snapshot from its file's bytes; `None` unless they are whole and intact.
    pub fn parse(bytes: Vec<u8>) -> Option<Snapshot> {
        Snapshot::from_source(Box::new(std::io::Cursor::new(bytes)))
    }

    /// Read everything but the key section from `source`, and check it.
    fn from_source(mut source: Box<dyn ReadSeek>) -> Option<Snapshot> {
        let mut head = [0u8; HEADER];
        source.read_exact(&mut head).ok()?;
        if &head[..8] != MAGIC || head[8..12] != FORMAT.to_le_bytes() {
            return None;
        }
        let field = |at: usize| Some(u64::from_le_bytes(head.get(at..at + 8)?.try_into().ok()?));
        let (len, keys_len) = (field(12)?, field(12 + 8 + SUM)?);
        let file_len = source.seek(SeekFrom::End(0)).ok()?;
        // The lengths are checked against the file before anything is allocated for them.
        if (HEADER as u64).checked_add(len)?.checked_add(keys_len)? != file_len {
            return None;
        }
        source.seek(SeekFrom::Start(HEADER as u64)).ok()?;
        let mut bytes = Vec::with_capacity(HEADER + usize::try_from(len).ok()?);
        bytes.extend_from_slice(&head);
        source.by_ref().take(len).read_to_end(&mut bytes).ok()?;
        let payload = bytes.get(HEADER..)?;
        if payload.len() as u64 != len || checksum(payload)[..] != head[20..20 + SUM] {
            return None;
        }
        let keys = KeySection {
            source: Mutex::new(source),
            at: HEADER as u64 + len,
            len: keys_len,
            sum: head[HEADER - SUM..].try_into().ok()?,
        };
        let mut r = Reader::new(payload);
        let key = Key {
            extractor: r.str()?.to_string(),
            layout: r.str()?.to_string(),
            corpus: r.str()?.to_string(),
        };
        let n = r.count()?;
        let mut sources = Vec::with_capacity(n);
        for _ in 0..n {
            let rel = r.str()?.to_string();
            let stamp = read_stamp(&mut r)?;
            let racy = r.byte()? != 0;
            let n = r.count()?;
            let mut docs = Vec::with_capacity(n);
            for _ in 0..n {
                docs.push(DocEntry {
                    path: r.str()?.to_string(),
                    id: r.str()?.to_string(),
                    text_len: r.var()?,
                });
            }
            sources.push(SourceEntry {
                rel,
                stamp,
                racy,
                docs,
            });
        }
        let section_start = r.at;
        let n = r.count()?;
        let mut articles = Vec::with_capacity(n);
        for _ in 0..n {
            let id = r.str()?.to_string();
            let len = r.len()?;
            let start = r.at;
            r.skip(len)?;
            articles.push(ArticleEntry {
                id,
                at: start..start + len,
            });
        }
        let article_section = section_start..r.at;
        let n = r.count()?;
        let mut links = Vec::with_capacity(n);
        for _ in 0..n {
            links.push(Link {
                a: u32::try_from(r.var()?).ok()?,
                b: u32::try_from(r.var()?).ok()?,
                numbers_disagree: r.byte()? != 0,
            });
        }
        let texts = match r.byte()? {
            0 => None,
            1 => Some(Texts {
                stamp: read_stamp(&mut r)?,
                start: r.var()?,
                len: r.var()?,
            }),
            _ => return None,
        };
        if r.at != payload.len() {
            return None;
        }
        Some(Snapshot {
            key,
            sources,
            articles,
            links,
            texts,
            file: bytes,
            article_section,
            keys,
        })
    }

    /// The claims' search keys, read from the file and checked now; `None` when the
    /// snapshot has none, or they are damaged, or were folded by other code.
    pub fn keys(&self) -> Option<Keys<'_>> {
        let mut r = self.keys.stream(self.articles.len())?;
        let mut at = Vec::with_capacity(self.articles.len());
        for _ in 0..self.articles.len() {
            let n = usize::try_from(r.var()?).ok()?;
            let start = usize::try_from(r.position()).ok()?;
            at.push(start..start.checked_add(n)?);
            r.skip(n as u64)?;
        }
        (r.finish()? == self.keys.sum).then_some(Keys {
            section: &self.keys,
            at,
        })
    }

    /// The claims' search keys read front to back, a run of articles at a time (see
    /// [`KeyStream`]); `None` when the snapshot has none or they were folded by other code.
    pub fn key_stream(&self) -> Option<KeyStream<'_>> {
        Some(KeyStream {
            stream: self.keys.stream(self.articles.len())?,
            sum: self.keys.sum,
            next: 0,
            articles: self.articles.len(),
        })
    }

    /// The file's payload: everything after its header.
    fn payload(&self) -> &[u8] {
        self.file.get(HEADER..).unwrap_or_default()
    }

    /// This snapshot with other stamps for its files (the same files, verified by
    /// content), to be written. Its articles are written from the file as read, and its
    /// key section is copied from the file as it is (checksum and all: a damaged one is
    /// refused when read, as it would have been here).
    pub fn with_sources(self, sources: &[SourceEntry]) -> Unwritten {
        let mut w = Writer::new(self.key.clone());
        for s in sources {
            w.source(&s.rel, &s.stamp, s.racy, &s.docs);
        }
        let at = self.article_section.start + HEADER..self.article_section.end + HEADER;
        Unwritten {
            head: w.head(),
            articles: Articles::Kept {
                file: self.file,
                at,
            },
            links: links_bytes(&self.links),
            texts: self.texts,
            keys: KeyPieces::Copied(self.keys),
        }
    }

    /// Article `i`'s layout and its claims' count, if they decode and fit `text`.
    pub fn layout(&self, i: usize, text: &str) -> Option<Layout> {
        let at = self.articles.get(i)?.at.clone();
        let mut r = Reader::new(self.payload().get(at)?);
        read_layout(&mut r, Some(text), text.len())
    }

    /// Article `i` as it was: `article` (its text and layout as read now) with the claims
    /// the snapshot holds for it, or `None` when they do not fit its text.
    pub fn claims(&self, i: usize, article: &Article) -> Option<Vec<Claim>> {
        self.claims_with(i, article, None)
    }

    /// [`Snapshot::claims`], each claim's text appended to `texts` instead of a string
    /// of its own: the claim is left [`Claim::spilled`] at its place there (the caller
    /// moves the bytes to a spill file, see `desk::spill`).
    pub fn claims_spilled(
        &self,
        i: usize,
        article: &Article,
        texts: &mut Vec<u8>,
    ) -> Option<Vec<Claim>> {
        self.claims_with(i, article, Some(texts))
    }

    fn claims_with(
        &self,
        i: usize,
        article: &Article,
        texts: Option<&mut Vec<u8>>,
    ) -> Option<Vec<Claim>> {
        let into = texts.map_or(ClaimText::Own, ClaimText::Into);
        let text = Some(article.text.as_str());
        self.decode_claims(i, article, text, article.text.len(), into)
    }

    /// Article `i`'s claims, decoded against `text` (or, for an article not read, its
    /// length), each claim's text going where `into` says.
    fn decode_claims(
        &self,
        i: usize,
        article: &Article,
        text: Option<&str>,
        text_len: usize,
        mut into: ClaimText<'_>,
    ) -> Option<Vec<Claim>> {
        let at = self.articles.get(i)?.at.clone();
        let mut r = Reader::new(self.payload().get(at)?);
        read_layout(&mut r, text, text_len)?;
        let n = r.count()?;
        let mut claims = Vec::with_capacity(n);
        for _ in 0..n {
            claims.push(read_claim(&mut r, article, text, text_len, &mut into)?);
        }
        (r.at == r.bytes.len()).then_some(claims)
    }

    /// Article `i`'s layout, for an article whose text was not read (its file kept its
    /// stamp): its ranges are checked against the text's length only.
    pub fn layout_unread(&self, i: usize, text_len: usize) -> Option<Layout> {
        let at = self.articles.get(i)?.at.clone();
        let mut r = Reader::new(self.payload().get(at)?);
        read_layout(&mut r, None, text_len)
    }

    /// Article `i`'s claims for an article whose text was not read: each claim is left
    /// [`Claim::spilled`] at its place in the claims' texts of this article, which start
    /// at 0 and run on (the caller moves them to where the kept texts file has them);
    /// returns the claims and their texts' length.
    pub fn claims_unread(
        &self,
        i: usize,
        article: &Article,
        text_len: usize,
    ) -> Option<(Vec<Claim>, u64)> {
        let mut offset = 0u64;
        let into = ClaimText::Unread(&mut offset);
        let claims = self.decode_claims(i, article, None, text_len, into)?;
        Some((claims, offset))
    }

    /// How many claims article `i` has, without decoding them.
    pub fn claim_count(&self, i: usize) -> Option<usize> {
        let at = self.articles.get(i)?.at.clone();
        let bytes = self.payload().get(at)?;
        let mut r = Reader::new(bytes);
        skip_layout(&mut r)?;
        r.count()
    }
}

/// A snapshot being written: sources first, then articles as they are made, links last.
#[derive(Default)]
pub struct Writer {
    key: Key,
    sources: Vec<u8>,
    source_count: u64,
    articles: Spool,
    article_count: u64,
    /// Each article's keys, their length first (0: none).
    keys: Spool,
    /// Whether any article has keys (else the file has no key section).
    any_keys: bool,
}

impl Writer {
    pub fn new(key: Key) -> Writer {
        Writer {
            key,
            ..Writer::default()
        }
    }

    /// A writer that keeps the articles and keys it is given in files of its own in
    /// `dir` (unlinked at once) past the first few megabytes: a large corpus's snapshot
    /// (hundreds of megabytes) is not held in memory while it is made.
    pub fn spooled(key: Key, dir: &Path) -> Writer {
        Writer {
            key,
            articles: Spool::in_dir(dir),
            keys: Spool::in_dir(dir),
            ..Writer::default()
        }
    }

    pub fn source(&mut self, rel: &str, stamp: &Stamp, racy: bool, docs: &[DocEntry]) {
        let w = &mut self.sources;
        put_str(w, rel);
        put_stamp(w, stamp);
        w.push(u8::from(racy));
        put_var(w, docs.len() as u64);
        for d in docs {
            put_str(w, &d.path);
            put_str(w, &d.id);
            put_var(w, d.text_len);
        }
        self.source_count += 1;
    }

    /// Add an article and its claims as extraction made them (before related claims
    /// were linked: links are kept apart), with their search keys if known.
    pub fn article(&mut self, article: &Article, claims: &[Claim], keys: Option<&[Packed]>) {
        let encoded = Writer::encode_article(article, claims);
        let keys = keys.map(Writer::encode_keys).unwrap_or_default();
        self.push_article(&article.id, &encoded, &keys);
    }

    /// An article's layout and claims encoded on their own, so that many can be encoded
    /// at once on every core; add them in order with [`Writer::push_article`].
    pub fn encode_article(article: &Article, claims: &[Claim]) -> Vec<u8> {
        let mut w = Vec::with_capacity(64 + claims.len() * 48);
        put_str(&mut w, &article.title);
        for v in [
            &article.url,
            &article.outlet,
            &article.date,
            &article.author,
        ] {
            put_opt_str(&mut w, v.as_deref());
        }
        put_str(&mut w, &article.lang);
        put_var(&mut w, article.boilerplate.len() as u64);
        for b in &article.boilerplate {
            put_range(&mut w, b);
        }
        put_var(&mut w, claims.len() as u64);
        for c in claims {
            put_claim(&mut w, c, &article.text);
        }
        w
    }

    /// An article's search keys (one per claim, in order) encoded on their own.
    pub fn encode_keys(keys: &[Packed]) -> Vec<u8> {
        let mut w = Vec::with_capacity(keys.iter().map(|k| k.key().len() + 10).sum());
        for k in keys {
            put_var(&mut w, k.key().len() as u64);
            w.extend_from_slice(k.key());
            w.extend_from_slice(&k.mask.to_le_bytes());
        }
        w
    }

    /// Add an encoded article, and its encoded keys (empty: none).
    pub fn push_article(&mut self, id: &str, encoded: &[u8], keys: &[u8]) {
        let mut head = Vec::with_capacity(id.len() + 20);
        put_str(&mut head, id);
        put_var(&mut head, encoded.len() as u64);
        self.articles.extend(&head);
        self.articles.extend(encoded);
        self.article_count += 1;
        head.clear();
        put_var(&mut head, keys.len() as u64);
        self.keys.extend(&head);
        self.keys.extend(keys);
        self.any_keys |= !keys.is_empty();
    }

    /// The snapshot, to be written, with the links between claims (positions in the
    /// order the articles and their claims were added).
    pub fn finish(mut self, links: &[Link]) -> Unwritten {
        let mut count = Vec::new();
        put_var(&mut count, self.article_count);
        self.articles.flush();
        let keys = if self.any_keys {
            let mut head = Vec::new();
            put_str(&mut head, KEY_VERSION);
            put_var(&mut head, self.article_count);
            self.keys.flush();
            KeyPieces::Made {
                head,
                bytes: std::mem::take(&mut self.keys),
            }
        } else {
            KeyPieces::None
        };
        Unwritten {
            head: self.head(),
            articles: Articles::Made {
                count,
                bytes: std::mem::take(&mut self.articles),
            },
            links: links_bytes(links),
            texts: None,
            keys,
        }
    }

    /// The payload's start: the key and the sources.
    fn head(&self) -> Vec<u8> {
        let mut head = Vec::with_capacity(self.sources.len() + 256);
        put_str(&mut head, &self.key.extractor);
        put_str(&mut head, &self.key.layout);
        put_str(&mut head, &self.key.corpus);
        put_var(&mut head, self.source_count);
        head.extend_from_slice(&self.sources);
        head
    }
}

fn put_stamp(w: &mut Vec<u8>, stamp: &Stamp) {
    put_var(w, stamp.len);
    put_int(w, stamp.mtime_ns);
    put_int(w, stamp.ctime_ns);
    put_var(w, stamp.ino);
    put_var(w, stamp.dev);
}

fn read_stamp(r: &mut Reader<'_>) -> Option<Stamp> {
    Some(Stamp {
        len: r.var()?,
        mtime_ns: r.int()?,
        ctime_ns: r.int()?,
        ino: r.var()?,
        dev: r.var()?,
    })
}

fn texts_bytes(texts: Option<&Texts>) -> Vec<u8> {
    let mut w = Vec::new();
    match texts {
        None => w.push(0),
        Some(t) => {
            w.push(1);
            put_stamp(&mut w, &t.stamp);
            put_var(&mut w, t.start);
            put_var(&mut w, t.len);
        }
    }
    w
}

fn links_bytes(links: &[Link]) -> Vec<u8> {
    let mut w = Vec::with_capacity(1 + links.len() * 8);
    put_var(&mut w, links.len() as u64);
    for l in links {
        put_var(&mut w, u64::from(l.a));
        put_var(&mut w, u64::from(l.b));
        w.push(u8::from(l.numbers_disagree));
    }
    w
}

/// A snapshot ready to be written, its payload in the pieces it was made of: writing it
/// hashes and writes them one after the other and never puts the whole file together in
/// memory (a corpus's snapshot runs to tens of megabytes).
pub struct Unwritten {
    /// The key and the sources.
    head: Vec<u8>,
    articles: Articles,
    links: Vec<u8>,
    /// Where the claims' texts are, when the load wrote them to a file it kept.
    pub texts: Option<Texts>,
    keys: KeyPieces,
}

/// The key section of a snapshot being written.
enum KeyPieces {
    None,
    /// Version and count, then each article's keys.
    Made {
        head: Vec<u8>,
        bytes: Spool,
    },
    /// A snapshot's section, still in the file it was read from.
    Copied(KeySection),
}

/// The article section of a snapshot being written.
enum Articles {
    /// Encoded by a [`Writer`]: their count, then the articles.
    Made { count: Vec<u8>, bytes: Spool },
    /// As a snapshot read from a file holds them (count included) at `at`.
    Kept { file: Vec<u8>, at: Range<usize> },
}

/// Takes each piece of a section in turn.
type Sink<'a> = &'a mut dyn FnMut(&[u8]) -> std::io::Result<()>;

/// The length and SHA-256 of the bytes `each` hands over.
fn digest(each: &dyn Fn(Sink<'_>) -> std::io::Result<()>) -> std::io::Result<(u64, [u8; SUM])> {
    let mut sum = Xxh3::new();
    let mut len = 0u64;
    each(&mut |p: &[u8]| {
        sum.update(p);
        len += p.len() as u64;
        Ok(())
    })?;
    Ok((len, sum.digest128().to_le_bytes()))
}

impl Unwritten {
    /// Hand the payload's bytes to `f`, piece by piece, in file order.
    fn each_piece(&self, f: Sink<'_>) -> std::io::Result<()> {
        f(&self.head)?;
        match &self.articles {
            Articles::Made { count, bytes } => {
                f(count)?;
                bytes.each(f)?;
            }
            Articles::Kept { file, at } => f(file.get(at.clone()).unwrap_or_default())?,
        }
        f(&self.links)?;
        f(&texts_bytes(self.texts.as_ref()))
    }

    /// This snapshot, its claims' texts in the file `texts` describes.
    pub fn with_texts(self, texts: Texts) -> Unwritten {
        Unwritten {
            texts: Some(texts),
            ..self
        }
    }

    /// Write the file to `out`: the header (checksums hashed over the pieces), then the
    /// pieces.
    pub fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        let (len, sum) = digest(&|f| self.each_piece(f))?;
        let (keys_len, keys_sum) = match &self.keys {
            KeyPieces::None => (0, [0; SUM]),
            KeyPieces::Made { head, bytes } => digest(&|f| {
                f(head)?;
                bytes.each(f)
            })?,
            KeyPieces::Copied(section) => (section.len, section.sum),
        };
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(&len.to_le_bytes())?;
        out.write_all(&sum)?;
        out.write_all(&keys_len.to_le_bytes())?;
        out.write_all(&keys_sum)?;
        self.each_piece(&mut |p| out.write_all(p))?;
        match &self.keys {
            KeyPieces::None => {}
            KeyPieces::Made { head, bytes } => {
                out.write_all(head)?;
                bytes.each(&mut |p| out.write_all(p))?;
            }
            KeyPieces::Copied(section) => section.copy_to(out)?,
        }
        Ok(())
    }

    /// The file's bytes (for tests and benchmarks: a load writes with [`Unwritten::write`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = self.write_to(&mut out);
        out
    }

    /// Write the snapshot to `path` through a temporary file and a rename, so that a
    /// reader (another reviewer's claimdesk starting) never sees half a snapshot.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".{}.tmp", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let written = std::fs::File::create(&tmp)
            .and_then(|mut f| self.write_to(&mut f))
            .and_then(|()| std::fs::rename(&tmp, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }
}

/// Bytes a [`Writer`] appends, kept in memory, or past [`SPOOL_MEMORY`] in a file of
/// their own (unlinked as soon as it is made, so nothing is left behind). A file that
/// fails to take them makes the snapshot fail to be written, which only costs the next
/// start some time.
#[derive(Debug, Default)]
struct Spool {
    /// Bytes not in the file (all of them without one).
    buf: Vec<u8>,
    /// Where to make the file once `buf` grows past [`SPOOL_MEMORY`].
    dir: Option<PathBuf>,
    file: Option<std::fs::File>,
    /// Bytes in the file.
    spooled: u64,
    failed: bool,
}

/// What a spool keeps in memory before it moves to a file.
const SPOOL_MEMORY: usize = 4 << 20;

impl Spool {
    fn in_dir(dir: &Path) -> Spool {
        Spool {
            dir: Some(dir.to_path_buf()),
            ..Spool::default()
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= SPOOL_MEMORY && self.dir.is_some() && !self.failed {
            self.flush();
        }
    }

    /// Move what is in memory to the file (made now if need be), when there is a folder
    /// for one.
    fn flush(&mut self) {
        let Some(dir) = &self.dir else {
            return;
        };
        if self.failed || self.buf.is_empty() {
            return;
        }
        if self.file.is_none() {
            match unlinked_file(dir) {
                Ok(f) => self.file = Some(f),
                Err(_) => {
                    // keep the bytes in memory from now on
                    self.dir = None;
                    return;
                }
            }
        }
        let written = self.file.as_mut().map(|f| f.write_all(&self.buf));
        match written {
            Some(Ok(())) => {
                self.spooled += self.buf.len() as u64;
                self.buf = Vec::new();
            }
            _ => self.failed = true,
        }
    }

    /// Hand every byte to `f`, in order, a few megabytes at a time.
    fn each(&self, f: Sink<'_>) -> std::io::Result<()> {
        if self.failed {
            return Err(std::io::Error::other(
                "the snapshot's spool file could not be written",
            ));
        }
        if let Some(file) = &self.file {
            let mut chunk = vec![0; SPOOL_MEMORY.min(self.spooled as usize)];
            let mut at = 0u64;
            while at < self.spooled {
                let n = chunk.len().min((self.spooled - at) as usize);
                read_exact_at(file, &mut chunk[..n], at)?;
                f(&chunk[..n])?;
                at += n as u64;
            }
        }
        f(&self.buf)
    }
}

/// A new file in `dir` for this process alone, already gone from the folder (Unix):
/// nothing is left behind however the program ends.
#[cfg(unix)]
pub(crate) fn unlinked_file(dir: &Path) -> std::io::Result<std::fs::File> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = dir.join(format!(".claimdesk-spool-{}-{n}", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)?;
    std::fs::remove_file(&path)?;
    Ok(file)
}

#[cfg(not(unix))]
pub(crate) fn unlinked_file(_dir: &Path) -> std::io::Result<std::fs::File> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(unix)]
pub(crate) fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
pub(crate) fn read_exact_at(
    _file: &std::fs::File,
    _buf: &mut [u8],
    _at: u64,
) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

// How text fields are kept: most are exactly the text at their span, or that with its
// white space folded, and need not be stored.
const TEXT_NONE: u8 = 0;
const TEXT_AS_SPAN: u8 = 1;
const TEXT_FOLDED_SPAN: u8 = 2;
const TEXT_GIVEN: u8 = 3;

fn put_claim(w: &mut Vec<u8>, c: &Claim, text: &str) {
    put_str(w, &c.id);
    put_range(w, &c.span);
    put_text(w, Some(&c.text), Some(&c.span), text);
    // the text's length, so that a start that does not read the article (see
    // [`Snapshot::claims_unread`]) knows where each claim's text lies in the kept file
    put_var(w, c.text.len() as u64);
    let a = &c.attribution;
    w.push(match a.source_type {
        SourceType::Named => 0,
        SourceType::Anonymous => 1,
        SourceType::Unattributed => 2,
    });
    // Sources and cues are a few words: kept as they are, they need no article text.
    put_opt_range(w, a.source_span.as_ref());
    put_text(w, a.source.as_deref(), None, text);
    put_opt_range(w, a.cue_span.as_ref());
    put_text(w, a.cue.as_deref(), None, text);
    put_var(w, a.chain.len() as u64);
    for link in &a.chain {
        put_str(w, link);
    }
    let s = &c.signals;
    w.push(u8::from(s.quoted) | u8::from(s.hedged) << 1 | u8::from(s.denial) << 2);
    put_var(w, s.numbers.len() as u64);
    for n in &s.numbers {
        put_str(w, n);
    }
    w.push(status_byte(c.suggested));
}

fn put_text(w: &mut Vec<u8>, value: Option<&str>, span: Option<&Range<usize>>, text: &str) {
    let Some(value) = value else {
        w.push(TEXT_NONE);
        return;
    };
    let raw = span.and_then(|s| text.get(s.clone()));
    if raw == Some(value) {
        w.push(TEXT_AS_SPAN);
    } else if raw.is_some_and(|r| fold_space(r) == value) {
        w.push(TEXT_FOLDED_SPAN);
    } else {
        w.push(TEXT_GIVEN);
        put_str(w, value);
    }
}

fn read_text(
    r: &mut Reader<'_>,
    span: Option<&Range<usize>>,
    text: &str,
) -> Option<Option<String>> {
    let raw = || span.and_then(|s| text.get(s.clone()));
    Some(match r.byte()? {
        TEXT_NONE => None,
        TEXT_AS_SPAN => Some(raw()?.to_string()),
        TEXT_FOLDED_SPAN => Some(fold_space(raw()?)),
        TEXT_GIVEN => Some(r.str()?.to_string()),
        _ => return None,
    })
}

/// A claim's text appended to `out` (see [`read_text`]); false when there is none.
fn read_text_into(
    r: &mut Reader<'_>,
    span: &Range<usize>,
    text: &str,
    out: &mut Vec<u8>,
) -> Option<bool> {
    let raw = || text.get(span.clone());
    match r.byte()? {
        TEXT_NONE => return Some(false),
        TEXT_AS_SPAN => out.extend_from_slice(raw()?.as_bytes()),
        TEXT_FOLDED_SPAN => fold_space_into(raw()?, out),
        TEXT_GIVEN => out.extend_from_slice(r.str()?.as_bytes()),
        _ => return None,
    }
    Some(true)
}

/// Where a decoded claim's text goes.
enum ClaimText<'a> {
    /// Into the claim, as a string.
    Own,
    /// Appended to a buffer (see [`Snapshot::claims_spilled`]).
    Into(&'a mut Vec<u8>),
    /// Nowhere: the article's text was not read. The claim is spilled at the running
    /// offset (see [`Snapshot::claims_unread`]).
    Unread(&'a mut u64),
}

/// Whether `s` can be a range of the article's text: within `text` on char boundaries,
/// or, for an article not read, within its length (its ranges are checked when its text
/// is read, against the content hash it must have).
fn fits(s: &Range<usize>, text: Option<&str>, len: usize) -> bool {
    match text {
        Some(text) => text.get(s.clone()).is_some(),
        None => s.start <= s.end && s.end <= len,
    }
}

fn read_claim(
    r: &mut Reader<'_>,
    article: &Article,
    text: Option<&str>,
    text_len: usize,
    into: &mut ClaimText<'_>,
) -> Option<Claim> {
    // Every range must point into this text, on char boundaries: a damaged entry must
    // not panic later.
    let fits = |s: &Range<usize>| fits(s, text, text_len);
    let id = r.str()?.to_string();
    let span = r.range().filter(fits)?;
    let (claim_text, spilled) = match (into, text) {
        (ClaimText::Own, Some(text)) => {
            let t = read_text(r, Some(&span), text)??;
            (r.var()? == t.len() as u64).then_some(())?;
            (t, None)
        }
        (ClaimText::Into(out), Some(text)) => {
            let start = out.len();
            if !read_text_into(r, &span, text, out)? {
                return None;
            }
            let len = u32::try_from(out.len() - start).ok()?;
            (r.var()? == u64::from(len)).then_some(())?;
            let at = Spilled {
                at: start as u64,
                len,
            };
            (String::new(), Some(at))
        }
        (ClaimText::Unread(offset), None) => {
            match r.byte()? {
                TEXT_AS_SPAN | TEXT_FOLDED_SPAN => {}
                TEXT_GIVEN => {
                    r.str()?;
                }
                _ => return None,
            }
            let len = u32::try_from(r.var()?).ok()?;
            let at = Spilled { at: **offset, len };
            **offset += u64::from(len);
            (String::new(), Some(at))
        }
        _ => return None,
    };
    let text = text.unwrap_or_default();
    let source_type = match r.byte()? {
        0 => SourceType::Named,
        1 => SourceType::Anonymous,
        2 => SourceType::Unattributed,
        _ => return None,
    };
    let source_span = r.opt_range()?;
    if !source_span.iter().all(fits) {
        return None;
    }
    let source = read_text(r, source_span.as_ref(), text)?;
    let cue_span = r.opt_range()?;
    if !cue_span.iter().all(fits) {
        return None;
    }
    let cue = read_text(r, cue_span.as_ref(), text)?;
    let n = r.count()?;
    let mut chain = Vec::with_capacity(n);
    for _ in 0..n {
        chain.push(r.str()?.to_string());
    }
    let flags = r.byte()?;
    let n = r.count()?;
    let mut numbers = Vec::with_capacity(n);
    for _ in 0..n {
        numbers.push(r.str()?.to_string());
    }
    let suggested = byte_status(r.byte()?)?;
    Some(Claim {
        id,
        article_id: article.id.clone(),
        span,
        text: claim_text,
        attribution: Attribution {
            source_type,
            source,
            source_span,
            cue,
            cue_span,
            chain,
        },
        signals: Signals {
            quoted: flags & 1 != 0,
            numbers,
            hedged: flags & 2 != 0,
            denial: flags & 4 != 0,
        },
        suggested,
        related: Vec::new(),
        spilled,
    })
}

fn read_layout(r: &mut Reader<'_>, text: Option<&str>, text_len: usize) -> Option<Layout> {
    let title = r.str()?.to_string();
    let mut meta = [None, None, None, None];
    for m in &mut meta {
        *m = r.opt_str()?.map(str::to_string);
    }
    let [url, outlet, date, author] = meta;
    let lang = r.str()?.to_string();
    let n = r.count()?;
    let mut boilerplate = Vec::with_capacity(n);
    for _ in 0..n {
        boilerplate.push(r.range().filter(|b| fits(b, text, text_len))?);
    }
    Some(Layout {
        title,
        url,
        outlet,
        date,
        author,
        lang,
        boilerplate,
    })
}

fn skip_layout(r: &mut Reader<'_>) -> Option<()> {
    r.str()?;
    for _ in 0..4 {
        r.opt_str()?;
    }
    r.str()?;
    for _ in 0..r.count()? {
        r.range()?;
    }
    Some(())
}

fn status_byte(s: Status) -> u8 {
    match s {
        Status::Untriaged => 0,
        Status::Attributed => 1,
        Status::Unverified => 2,
        Status::Contradicted => 3,
    }
}

fn byte_status(b: u8) -> Option<Status> {
    Status::ALL.get(usize::from(b)).copied()
}

fn put_var(w: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        w.push((v as u8) | 0x80);
        v >>= 7;
    }
    w.push(v as u8);
}

fn put_int(w: &mut Vec<u8>, v: i64) {
    put_var(w, ((v << 1) ^ (v >> 63)) as u64);
}

fn put_str(w: &mut Vec<u8>, s: &str) {
    put_var(w, s.len() as u64);
    w.extend_from_slice(s.as_bytes());
}

fn put_opt_str(w: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => w.push(0),
        Some(s) => {
            w.push(1);
            put_str(w, s);
        }
    }
}

fn put_range(w: &mut Vec<u8>, r: &Range<usize>) {
    put_var(w, r.start as u64);
    put_var(w, r.end.saturating_sub(r.start) as u64);
}

fn put_opt_range(w: &mut Vec<u8>, r: Option<&Range<usize>>) {
    match r {
        None => w.push(0),
        Some(r) => {
            w.push(1);
            put_range(w, r);
        }
    }
}

/// A number as [`put_var`] wrote it, from its bytes in turn.
fn read_var(mut byte: impl FnMut() -> Option<u8>) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = byte()?;
        v |= u64::from(b & 0x7F).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// A section read from its file a buffer at a time, every byte read going into its
/// checksum: `None` at the first read past its end.
struct Streamed<'s> {
    /// Locked for each read only: a stream kept between batches holds nothing.
    section: &'s KeySection,
    /// Bytes of the section read, and not read yet.
    read: u64,
    left: u64,
    buf: Vec<u8>,
    at: usize,
    end: usize,
    sum: Xxh3,
}

impl Streamed<'_> {
    fn fill(&mut self) -> Option<()> {
        let n = (self.buf.len() as u64).min(self.left) as usize;
        if n == 0 {
            return None;
        }
        let mut source = self.section.source.lock().ok()?;
        source
            .seek(SeekFrom::Start(self.section.at + self.read))
            .ok()?;
        source.read_exact(&mut self.buf[..n]).ok()?;
        self.sum.update(&self.buf[..n]);
        self.left -= n as u64;
        self.read += n as u64;
        (self.at, self.end) = (0, n);
        Some(())
    }

    fn byte(&mut self) -> Option<u8> {
        if self.at == self.end {
            self.fill()?;
        }
        let b = self.buf[self.at];
        self.at += 1;
        Some(b)
    }

    fn var(&mut self) -> Option<u64> {
        read_var(|| self.byte())
    }

    /// The next `n` bytes (a few: they are copied out).
    fn take(&mut self, n: u64) -> Option<Vec<u8>> {
        (0..n).map(|_| self.byte()).collect()
    }

    /// The next `n` bytes, appended to `out`.
    fn copy_into(&mut self, mut n: u64, out: &mut Vec<u8>) -> Option<()> {
        out.reserve(usize::try_from(n).ok()?.min(self.buf.len()));
        loop {
            let here = n.min((self.end - self.at) as u64) as usize;
            out.extend_from_slice(self.buf.get(self.at..self.at + here)?);
            self.at += here;
            n -= here as u64;
            if n == 0 {
                return Some(());
            }
            self.fill()?;
        }
    }

    fn skip(&mut self, mut n: u64) -> Option<()> {
        loop {
            let here = n.min((self.end - self.at) as u64);
            self.at += here as usize;
            n -= here;
            if n == 0 {
                return Some(());
            }
            self.fill()?;
        }
    }

    /// Where the next byte is, from the section's start.
    fn position(&self) -> u64 {
        self.read - (self.end - self.at) as u64
    }

    /// The section's checksum, if every byte of it was taken.
    fn finish(self) -> Option<[u8; SUM]> {
        (self.at == self.end && self.left == 0).then(|| self.sum.digest128().to_le_bytes())
    }
}

/// Reads what the `put_*` functions wrote; every read is checked, `None` at the first
/// thing out of place.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn var(&mut self) -> Option<u64> {
        read_var(|| self.byte())
    }

    fn int(&mut self) -> Option<i64> {
        let v = self.var()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.var()?).ok()?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    /// A count of items that take at least a byte each: never more than the bytes left,
    /// so a damaged count cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        self.len()
    }

    fn skip(&mut self, n: usize) -> Option<()> {
        self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(())
    }

    /// Eight bytes, little-endian.
    fn u64(&mut self) -> Option<u64> {
        let b = self.bytes.get(self.at..self.at + 8)?;
        self.at += 8;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        let s = simdutf8::basic::from_utf8(self.bytes.get(self.at..self.at + n)?).ok()?;
        self.at += n;
        Some(s)
    }

    fn opt_str(&mut self) -> Option<Option<&'a str>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }

    fn range(&mut self) -> Option<Range<usize>> {
        let start = usize::try_from(self.var()?).ok()?;
        let len = usize::try_from(self.var()?).ok()?;
        Some(start..start.checked_add(len)?)
    }

    fn opt_range(&mut self) -> Option<Option<Range<usize>>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.range()?)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Article, Vec<Claim>) {
        let text = "عنوان\n\nوقال  الوزير إن الجيش تقدم 48 كيلومترا.\n\nRead more".to_string();
        let start = text.find("وقال").unwrap();
        let end = text.find('.').unwrap() + 1;
        let cue = start..start + "وقال".len();
        let src = text.find("الوزير").unwrap();
        let article = Article {
            id: crate::ids::article_id(&text),
            path: "a.txt".into(),
            title: "عنوان".into(),
            outlet: Some("إرم".into()),
            lang: "ar".into(),
            boilerplate: std::iter::once(text.len() - 9..text.len()).collect(),
            text,
            ..Article::default()
        };
        let raw = &article.text[start..end];
        let claim = Claim {
            id: crate::ids::claim_id(&article.id, raw),
            article_id: article.id.clone(),
            span: start..end,
            text: fold_space(raw),
            attribution: Attribution {
                source_type: SourceType::Named,
                source: Some("the minister".into()),
                source_span: Some(src..src + "الوزير".len()),
                cue: Some("وقال".into()),
                cue_span: Some(cue),
                chain: vec!["إرم".into()],
            },
            signals: Signals {
                quoted: false,
                numbers: vec!["48".into()],
                hedged: true,
                denial: false,
            },
            suggested: Status::Attributed,
            related: Vec::new(),
            spilled: None,
        };
        (article, vec![claim])
    }

    fn written(article: &Article, claims: &[Claim], keys: Option<&[Packed]>) -> Vec<u8> {
        let mut w = Writer::new(Key {
            extractor: "1 abc".into(),
            layout: "L".into(),
            corpus: "/corpus".into(),
        });
        let stamp = Stamp {
            len: 10,
            mtime_ns: -5,
            ctime_ns: 1_700_000_000_123_456_789,
            ino: 42,
            dev: 7,
        };
        let doc = DocEntry {
            path: "a.txt".into(),
            id: article.id.clone(),
            text_len: article.text.len() as u64,
        };
        w.source("a.txt", &stamp, true, &[doc]);
        w.article(article, claims, keys);
        w.finish(&[Link {
            a: 0,
            b: 0,
            numbers_disagree: true,
        }])
        .to_bytes()
    }

    #[test]
    fn a_spooled_writer_writes_the_same_file_and_leaves_no_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let (article, claims) = sample();
        let keys: Vec<Packed> = claims.iter().map(|c| Packed::of(&c.text)).collect();
        let key = Key {
            extractor: "1 abc".into(),
            layout: "L".into(),
            corpus: "/corpus".into(),
        };
        let (mut memory, mut spooled) =
            (Writer::new(key.clone()), Writer::spooled(key, dir.path()));
        // past the spool's memory, so most of it goes through its file
        let mut articles = 0;
        while memory.articles.buf.len() < 2 * SPOOL_MEMORY + 1000 {
            memory.article(&article, &claims, Some(&keys));
            spooled.article(&article, &claims, Some(&keys));
            articles += 1;
        }
        assert!(spooled.articles.spooled > 0, "the articles went to a file");
        let (memory, spooled) = (memory.finish(&[]), spooled.finish(&[]));
        let bytes = spooled.to_bytes();
        assert_eq!(bytes, memory.to_bytes());
        let snap = Snapshot::parse(bytes).unwrap();
        assert_eq!(snap.articles.len(), articles);
        assert_eq!(snap.claims(articles - 1, &article).unwrap(), claims);
        let path = dir.path().join("snap");
        spooled.write(&path).unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, [std::ffi::OsString::from("snap")]);
    }

    #[test]
    fn what_is_written_is_read_back() {
        let (article, claims) = sample();
        let snap = Snapshot::parse(written(&article, &claims, None)).expect("parses");
        assert_eq!(snap.key.extractor, "1 abc");
        assert_eq!(snap.sources.len(), 1);
        assert_eq!(snap.sources[0].stamp.mtime_ns, -5);
        assert!(snap.sources[0].racy);
        assert_eq!(snap.articles[0].id, article.id);
        assert_eq!(snap.layout(0, &article.text), Some(article.layout()));
        assert_eq!(snap.claims(0, &article), Some(claims));
        assert_eq!(snap.claim_count(0), Some(1));
        assert_eq!(snap.links.len(), 1);
        assert!(snap.keys().is_none(), "none were written");
    }

    /// The sample's claims' keys, as a cold load folds them.
    fn keys_of(claims: &[Claim]) -> Vec<Packed> {
        claims.iter().map(|c| Packed::of(&c.text)).collect()
    }

    #[test]
    fn keys_written_are_read_back_and_an_article_without_keys_has_none() {
        let (article, claims) = sample();
        let keys = keys_of(&claims);
        let snap = Snapshot::parse(written(&article, &claims, Some(&keys))).unwrap();
        assert_eq!(snap.claims(0, &article), Some(claims.clone()));
        let read = snap.keys().expect("the keys are read back");
        assert_eq!(read.article(0, 1), Some(Some(keys.clone())));
        assert_eq!(read.article(0, 2), None, "one key for two claims");
        assert_eq!(read.article(1, 1), None, "no such article");

        // A snapshot with keys for some articles only: the others have none.
        let mut w = Writer::new(Key::default());
        w.article(&article, &claims, None);
        w.article(&article, &claims, Some(&keys));
        let snap = Snapshot::parse(w.finish(&[]).to_bytes()).unwrap();
        let read = snap.keys().unwrap();
        assert_eq!(read.article(0, 1), Some(None));
        assert_eq!(read.article(1, 1), Some(Some(keys.clone())));

        // Read a batch at a time: each article's keys as read alone; none outside it.
        let mut w = Writer::new(Key::default());
        for with in [true, false, true, true] {
            w.article(&article, &claims, with.then_some(&keys[..]));
        }
        let snap = Snapshot::parse(w.finish(&[]).to_bytes()).unwrap();
        let read = snap.keys().unwrap();
        let batch = read.batch(1..4).unwrap();
        for i in 1..4 {
            assert_eq!(batch.article(i, 1), read.article(i, 1), "article {i}");
        }
        assert_eq!(batch.article(0, 1), None, "not in the batch");
        assert!(read.batch(3..5).is_none(), "past the last article");
    }

    #[test]
    fn keys_streamed_front_to_back_are_the_keys_read_at_random() {
        let (article, claims) = sample();
        let keys = keys_of(&claims);
        let mut w = Writer::new(Key::default());
        for with in [true, false, true, true, false] {
            w.article(&article, &claims, with.then_some(&keys[..]));
        }
        let snap = Snapshot::parse(w.finish(&[]).to_bytes()).unwrap();
        let read = snap.keys().unwrap();
        let mut stream = snap.key_stream().unwrap();
        assert!(stream.batch(1..2).is_none(), "not where the last run ended");
        for run in [0..1, 1..1, 1..4, 4..5] {
            let batch = stream.batch(run.clone()).unwrap();
            for i in run.clone() {
                assert_eq!(batch.article(i, 1), read.article(i, 1), "article {i}");
                assert!(batch.article(i, 1).is_some());
            }
            assert_eq!(batch.article(run.end, 1), None, "not in the run");
        }
        assert!(stream.batch(5..6).is_none(), "past the last article");
        assert!(stream.finish(), "read whole and intact");

        // A run that stops short is no whole read.
        let mut stream = snap.key_stream().unwrap();
        stream.batch(0..4).unwrap();
        assert!(!stream.finish());

        // The same section damaged: its keys read as well formed, but the end says so.
        let mut bad = written(&article, &claims, Some(&keys));
        let last = bad.len() - 2;
        bad[last] ^= 0x40;
        let snap = Snapshot::parse(bad).unwrap();
        let mut stream = snap.key_stream().unwrap();
        assert!(stream.batch(0..1).is_some());
        assert!(!stream.finish(), "its checksum fails");

        // None written: no stream (the articles' keys are folded instead).
        let snap = Snapshot::parse(written(&article, &claims, None)).unwrap();
        assert!(snap.key_stream().is_none());
    }

    #[test]
    fn keys_that_are_not_packed_keys_refuse_their_article_without_a_panic() {
        let (article, claims) = sample();
        let mut damaged = keys_of(&claims);
        // Checksummed as written, but a continuation byte where a char should start.
        damaged[0] = Packed::new(vec![b'a', 0x80, b'b'].into(), damaged[0].mask);
        let snap = Snapshot::parse(written(&article, &claims, Some(&damaged))).unwrap();
        assert_eq!(
            snap.claims(0, &article),
            Some(claims),
            "the claims are intact"
        );
        assert_eq!(snap.keys().unwrap().article(0, 1), None);
    }

    #[test]
    fn a_damaged_key_section_costs_the_keys_not_the_claims() {
        let (article, claims) = sample();
        let good = written(&article, &claims, Some(&keys_of(&claims)));
        let mut bad = good.clone();
        let last = bad.len() - 2;
        bad[last] ^= 0x40;
        let snap = Snapshot::parse(bad).expect("the payload is intact");
        assert_eq!(snap.claims(0, &article), Some(claims));
        assert!(snap.keys().is_none(), "their checksum fails");
        // The key section's checksum in the header.
        let mut bad = good;
        bad[HEADER - SUM + 2] ^= 1;
        assert!(Snapshot::parse(bad).unwrap().keys().is_none());
    }

    #[test]
    fn a_restamped_snapshot_keeps_its_articles_and_keys() {
        let (article, claims) = sample();
        let keys = keys_of(&claims);
        let snap = Snapshot::parse(written(&article, &claims, Some(&keys))).unwrap();
        let mut sources = snap.sources.clone();
        sources[0].stamp.mtime_ns = 77;
        let again = Snapshot::parse(snap.with_sources(&sources).to_bytes()).unwrap();
        assert_eq!(again.sources, sources);
        assert_eq!(again.claims(0, &article), Some(claims));
        assert_eq!(again.keys().unwrap().article(0, 1), Some(Some(keys)));
        assert_eq!(again.links.len(), 1);
    }

    #[test]
    fn damaged_truncated_or_foreign_files_are_ignored() {
        let (article, claims) = sample();
        let good = written(&article, &claims, Some(&keys_of(&claims)));
        for cut in [0, 7, HEADER - 1, HEADER, good.len() - 1] {
            assert!(
                Snapshot::parse(good[..cut].to_vec()).is_none(),
                "cut at {cut}"
            );
        }
        // The payload's last byte, before the key section.
        let payload_end =
            HEADER + u64::from_le_bytes(good[12..20].try_into().unwrap()) as usize - 1;
        for at in [0, 9, 14, 30, 40, HEADER + 3, payload_end] {
            let mut bad = good.clone();
            bad[at] ^= 0x40;
            assert!(Snapshot::parse(bad).is_none(), "byte {at} flipped");
        }
        assert!(
            Snapshot::parse(b"SQLite format 3\0 and more bytes than a header".repeat(3)).is_none()
        );
    }

    #[test]
    fn claims_that_do_not_fit_the_text_read_now_are_refused() {
        let (article, claims) = sample();
        let snap = Snapshot::parse(written(&article, &claims, None)).unwrap();
        let shorter = Article {
            text: article.text.chars().take(20).collect(),
            ..article.clone()
        };
        assert_eq!(snap.claims(0, &shorter), None);
        // A span that now ends inside an Arabic letter.
        let shifted = Article {
            text: format!("x{}", article.text),
            ..article
        };
        assert_eq!(snap.claims(0, &shifted), None);
    }

    #[test]
    fn every_number_survives_the_variable_length_encoding() {
        let mut w = Vec::new();
        let values = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        let ints = [0, -1, 1, i64::MIN, i64::MAX, -1_700_000_000_000_000_000];
        for v in values {
            put_var(&mut w, v);
        }
        for v in ints {
            put_int(&mut w, v);
        }
        let mut r = Reader::new(&w);
        for v in values {
            assert_eq!(r.var(), Some(v));
        }
        for v in ints {
            assert_eq!(r.int(), Some(v));
        }
        assert_eq!(r.byte(), None);
        // Eleven continuation bytes are not a number.
        let mut r = Reader::new(&[0xFF; 11]);
        assert_eq!(r.var(), None);
    }
}
