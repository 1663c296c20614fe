//! A corpus as its last load left it, in one binary file beside the store: each file's
//! stamp, each article's id, layout and claims (byte spans into the article text, not
//! copies of it), and the related-claim links. A start whose files all kept their stamps
//! reads this instead of hashing, laying out, extracting and linking again.
//!
//! Only a cache: the file is checksummed and versioned, every range in it is checked
//! against the text it points into, and anything that does not fit is ignored (the
//! corpus is read again). Nothing here may panic on a file's contents.

use crate::corpus::{Layout, Stamp};
use crate::extract::fold_space;
use crate::model::{Article, Attribution, Claim, Signals, SourceType, Status};
use crate::search::Packed;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The first bytes of a snapshot file.
const MAGIC: &[u8; 8] = b"CDSNAP\0\0";
/// Bump when the layout of the file changes: an older or newer file is ignored.
pub const FORMAT: u32 = 2;
/// Magic, format, payload length, checksum.
const HEADER: usize = 8 + 4 + 8 + 32;

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
    /// `search::KEY_VERSION`: the claims' search keys depend on it.
    pub search: String,
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

/// A snapshot as read: sources and articles listed, each article's layout and claims
/// decoded only when asked for.
pub struct Snapshot {
    pub key: Key,
    pub sources: Vec<SourceEntry>,
    pub articles: Vec<ArticleEntry>,
    pub links: Vec<Link>,
    /// The file as read, header included: ranges are into its payload (see
    /// [`Snapshot::payload`]), which is not copied out of it.
    file: Vec<u8>,
    /// Where the articles (count included) are in the payload, to write them out again.
    article_section: Range<usize>,
}

impl Snapshot {
    /// Read the snapshot at `path`; `None` when there is none, or it is damaged, or it
    /// was written in another format.
    pub fn read(path: &Path) -> Option<Snapshot> {
        let bytes = std::fs::read(path).ok()?;
        Snapshot::parse(bytes)
    }

    /// A snapshot from its file's bytes; `None` unless they are whole and intact.
    pub fn parse(bytes: Vec<u8>) -> Option<Snapshot> {
        let head = bytes.get(..HEADER)?;
        if &head[..8] != MAGIC || head[8..12] != FORMAT.to_le_bytes() {
            return None;
        }
        let len = u64::from_le_bytes(head[12..20].try_into().ok()?);
        if usize::try_from(len).ok()? != bytes.len() - HEADER {
            return None;
        }
        if Sha256::digest(&bytes[HEADER..])[..] != head[20..HEADER] {
            return None;
        }
        let payload = bytes.get(HEADER..)?;
        let mut r = Reader::new(payload);
        let key = Key {
            extractor: r.str()?.to_string(),
            layout: r.str()?.to_string(),
            corpus: r.str()?.to_string(),
            search: r.str()?.to_string(),
        };
        let n = r.count()?;
        let mut sources = Vec::with_capacity(n);
        for _ in 0..n {
            let rel = r.str()?.to_string();
            let stamp = Stamp {
                len: r.var()?,
                mtime_ns: r.int()?,
                ctime_ns: r.int()?,
                ino: r.var()?,
                dev: r.var()?,
            };
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
        if r.at != payload.len() {
            return None;
        }
        Some(Snapshot {
            key,
            sources,
            articles,
            links,
            file: bytes,
            article_section,
        })
    }

    /// The file's payload: everything after its header.
    fn payload(&self) -> &[u8] {
        self.file.get(HEADER..).unwrap_or_default()
    }

    /// This snapshot with other stamps for its files (the same files, verified by
    /// content), to be written. Its articles are written from the file as read, not
    /// copied.
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
        }
    }

    /// Article `i`'s layout and its claims' count, if they decode and fit `text`.
    pub fn layout(&self, i: usize, text: &str) -> Option<Layout> {
        let at = self.articles.get(i)?.at.clone();
        let mut r = Reader::new(self.payload().get(at)?);
        read_layout(&mut r, text)
    }

    /// Article `i` as it was: `article` (its text and layout as read now) with the claims
    /// the snapshot holds for it, or `None` when they do not fit its text.
    pub fn claims(&self, i: usize, article: &Article) -> Option<Vec<Claim>> {
        self.claims_and_keys(i, article).map(|(claims, _)| claims)
    }

    /// [`Snapshot::claims`] with each claim's search key as the filter's index keeps it
    /// (checked to be well formed: a key read from a file is not trusted).
    pub fn claims_and_keys(
        &self,
        i: usize,
        article: &Article,
    ) -> Option<(Vec<Claim>, Vec<Packed>)> {
        let at = self.articles.get(i)?.at.clone();
        let mut r = Reader::new(self.payload().get(at)?);
        read_layout(&mut r, &article.text)?;
        let n = r.count()?;
        let mut claims = Vec::with_capacity(n);
        for _ in 0..n {
            claims.push(read_claim(&mut r, article)?);
        }
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            let key = Packed {
                key: r.raw()?.into(),
                mask: r.u64()?,
            };
            keys.push(Some(key).filter(Packed::well_formed)?);
        }
        (r.at == r.bytes.len()).then_some((claims, keys))
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
    articles: Vec<u8>,
    article_count: u64,
}

impl Writer {
    pub fn new(key: Key) -> Writer {
        Writer {
            key,
            ..Writer::default()
        }
    }

    pub fn source(&mut self, rel: &str, stamp: &Stamp, racy: bool, docs: &[DocEntry]) {
        let w = &mut self.sources;
        put_str(w, rel);
        put_var(w, stamp.len);
        put_int(w, stamp.mtime_ns);
        put_int(w, stamp.ctime_ns);
        put_var(w, stamp.ino);
        put_var(w, stamp.dev);
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
    /// were linked: links are kept apart).
    pub fn article(&mut self, article: &Article, claims: &[Claim]) {
        let keys: Vec<Packed> = claims.iter().map(|c| Packed::of(&c.text)).collect();
        let encoded = Writer::encode_article(article, claims, &keys);
        self.push_article(&article.id, &encoded);
    }

    /// An article's layout and claims (with their search keys, one per claim) encoded on
    /// their own, so that many can be encoded at once on every core; add them in order
    /// with [`Writer::push_article`].
    pub fn encode_article(article: &Article, claims: &[Claim], keys: &[Packed]) -> Vec<u8> {
        debug_assert_eq!(claims.len(), keys.len());
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
        for k in keys.iter().take(claims.len()) {
            put_var(&mut w, k.key.len() as u64);
            w.extend_from_slice(&k.key);
            w.extend_from_slice(&k.mask.to_le_bytes());
        }
        w
    }

    pub fn push_article(&mut self, id: &str, encoded: &[u8]) {
        put_str(&mut self.articles, id);
        put_var(&mut self.articles, encoded.len() as u64);
        self.articles.extend_from_slice(encoded);
        self.article_count += 1;
    }

    /// The snapshot, to be written, with the links between claims (positions in the
    /// order the articles and their claims were added).
    pub fn finish(self, links: &[Link]) -> Unwritten {
        let mut count = Vec::new();
        put_var(&mut count, self.article_count);
        Unwritten {
            head: self.head(),
            articles: Articles::Made {
                count,
                bytes: self.articles,
            },
            links: links_bytes(links),
        }
    }

    /// The payload's start: the key and the sources.
    fn head(&self) -> Vec<u8> {
        let mut head = Vec::with_capacity(self.sources.len() + 256);
        put_str(&mut head, &self.key.extractor);
        put_str(&mut head, &self.key.layout);
        put_str(&mut head, &self.key.corpus);
        put_str(&mut head, &self.key.search);
        put_var(&mut head, self.source_count);
        head.extend_from_slice(&self.sources);
        head
    }
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
}

/// The article section of a snapshot being written.
enum Articles {
    /// Encoded by a [`Writer`]: their count, then the articles.
    Made { count: Vec<u8>, bytes: Vec<u8> },
    /// As a snapshot read from a file holds them (count included) at `at`.
    Kept { file: Vec<u8>, at: Range<usize> },
}

impl Unwritten {
    fn pieces(&self) -> [&[u8]; 4] {
        let (count, articles): (&[u8], &[u8]) = match &self.articles {
            Articles::Made { count, bytes } => (count, bytes),
            Articles::Kept { file, at } => (&[], file.get(at.clone()).unwrap_or_default()),
        };
        [&self.head, count, articles, &self.links]
    }

    /// Write the file to `out`: the header (its checksum hashed over the pieces), then
    /// the pieces.
    pub fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        let pieces = self.pieces();
        let mut sha = Sha256::new();
        for p in pieces {
            sha.update(p);
        }
        let len: usize = pieces.iter().map(|p| p.len()).sum();
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_le_bytes())?;
        out.write_all(&(len as u64).to_le_bytes())?;
        out.write_all(&sha.finalize())?;
        for p in pieces {
            out.write_all(p)?;
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
    let a = &c.attribution;
    w.push(match a.source_type {
        SourceType::Named => 0,
        SourceType::Anonymous => 1,
        SourceType::Unattributed => 2,
    });
    put_opt_range(w, a.source_span.as_ref());
    put_text(w, a.source.as_deref(), a.source_span.as_ref(), text);
    put_opt_range(w, a.cue_span.as_ref());
    put_text(w, a.cue.as_deref(), a.cue_span.as_ref(), text);
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

fn read_claim(r: &mut Reader<'_>, article: &Article) -> Option<Claim> {
    let text = &article.text;
    // Every range must point into this text, on char boundaries: a damaged entry must
    // not panic later.
    let fits = |s: &Range<usize>| text.get(s.clone()).is_some();
    let id = r.str()?.to_string();
    let span = r.range().filter(fits)?;
    let claim_text = read_text(r, Some(&span), text)??;
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
    })
}

fn read_layout(r: &mut Reader<'_>, text: &str) -> Option<Layout> {
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
        boilerplate.push(r.range().filter(|b| text.get(b.clone()).is_some())?);
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
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
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

    /// Bytes with their length first.
    fn raw(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        let b = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        Some(b)
    }

    /// Eight bytes, little-endian.
    fn u64(&mut self) -> Option<u64> {
        let b = self.bytes.get(self.at..self.at + 8)?;
        self.at += 8;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        let s = std::str::from_utf8(self.bytes.get(self.at..self.at + n)?).ok()?;
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
        };
        (article, vec![claim])
    }

    fn written(article: &Article, claims: &[Claim]) -> Vec<u8> {
        let mut w = Writer::new(Key {
            extractor: "1 abc".into(),
            layout: "L".into(),
            corpus: "/corpus".into(),
            search: "k1".into(),
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
        w.article(article, claims);
        w.finish(&[Link {
            a: 0,
            b: 0,
            numbers_disagree: true,
        }])
        .to_bytes()
    }

    #[test]
    fn what_is_written_is_read_back() {
        let (article, claims) = sample();
        let snap = Snapshot::parse(written(&article, &claims)).expect("parses");
        assert_eq!(snap.key.extractor, "1 abc");
        assert_eq!(snap.sources.len(), 1);
        assert_eq!(snap.sources[0].stamp.mtime_ns, -5);
        assert!(snap.sources[0].racy);
        assert_eq!(snap.articles[0].id, article.id);
        assert_eq!(snap.layout(0, &article.text), Some(article.layout()));
        assert_eq!(snap.claims(0, &article), Some(claims));
        assert_eq!(snap.claim_count(0), Some(1));
        assert_eq!(snap.links.len(), 1);
    }

    #[test]
    fn damaged_truncated_or_foreign_files_are_ignored() {
        let (article, claims) = sample();
        let good = written(&article, &claims);
        for cut in [0, 7, HEADER - 1, HEADER, good.len() - 1] {
            assert!(
                Snapshot::parse(good[..cut].to_vec()).is_none(),
                "cut at {cut}"
            );
        }
        for at in [0, 9, 30, HEADER + 3, good.len() - 2] {
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
        let snap = Snapshot::parse(written(&article, &claims)).unwrap();
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
