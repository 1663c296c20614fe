//! The items prepared for matching: every search key folded once at load into blocks of
//! contiguous keys, a 64-bit char mask per item for the prefilter, folded field values
//! interned (many claims share an article, an outlet, a source) and the other fields in a
//! few bytes. It keeps no copy of an item's text: whoever shows a row has it already.

use super::key::{pack_masked_into, push_packed};
use super::Fields;
use super::Item;
use crate::model::{SourceType, Status};
use crate::text::normalize::{search_key_each, search_key_into};
use foldhash::HashMap;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::Arc;

/// Items prepared for matching (normalised haystacks built once).
#[derive(Debug, Default)]
pub struct Index {
    /// The search keys, packed (see [`super::key`]), in blocks of [`BUILD_CHUNK`] items,
    /// back to back within a block,
    /// each block kept as folded (not copied into one buffer, which briefly took twice
    /// the keys' memory and left the copy's source behind in the allocator).
    blocks: Vec<Box<[u8]>>,
    /// Where item `i`'s key starts in its block, and its length: one load per lookup,
    /// which every candidate and every ranking comparison makes.
    spans: Vec<Span>,
    masks: Vec<u64>,
    fields: Vec<FieldKeys>,
    /// Folded source, outlet and article names.
    pool: Pool,
    /// Dates as given (compared as ISO text, never folded).
    dates: Pool,
}

/// One item's fields: folded names as ids into the pool, the rest in a few bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FieldKeys {
    source: u32,
    outlet: u32,
    article: u32,
    /// Id in the date pool, or [`NO_DATE`].
    date: u32,
    pub status: Option<Status>,
    pub source_type: Option<SourceType>,
    flags: u8,
}

const NO_DATE: u32 = u32::MAX;
const HAS_NOTE: u8 = 1;
const RELATED: u8 = 2;
const DISPUTED: u8 = 4;
const HAS_SOURCE: u8 = 8;

impl FieldKeys {
    pub fn has_note(&self) -> bool {
        self.flags & HAS_NOTE != 0
    }
    pub fn related(&self) -> bool {
        self.flags & RELATED != 0
    }
    pub fn disputed(&self) -> bool {
        self.flags & DISPUTED != 0
    }
    pub fn has_source(&self) -> bool {
        self.flags & HAS_SOURCE != 0
    }
    pub fn has_date(&self) -> bool {
        self.date != NO_DATE
    }
}

#[derive(Debug, Default)]
struct Pool {
    strings: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
}

impl Pool {
    /// The id of `key`, added if new.
    fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        let key: Box<str> = key.into();
        self.strings.push(key.clone());
        self.ids.insert(key, id);
        id
    }

    /// The id of `raw` folded.
    fn intern(&mut self, raw: &str, scratch: &mut String) -> u32 {
        search_key_into(raw, scratch);
        self.id(scratch)
    }

    fn get(&self, id: u32) -> &str {
        self.strings.get(id as usize).map_or("", |s| s)
    }
}

/// Where a key lies in its block. A block holds [`BUILD_CHUNK`] keys, so offsets fit in
/// 32 bits unless its keys average a megabyte; a key that would lie beyond 4 GiB into its
/// block is kept empty rather than wrong (it would take more memory than a machine has
/// to get there).
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn new(start: usize, len: usize) -> Span {
        match (u32::try_from(start), u32::try_from(start + len)) {
            (Ok(start), Ok(_)) => Span {
                start,
                len: len as u32,
            },
            _ => Span::default(),
        }
    }
}

/// Names the way keys are folded, packed and masked ([`fold_into`] and all it calls):
/// a [`Packed`] key kept from another version of the code is of no use. Bump it when
/// any of them changes (a test pins a fold of sample text, to remind whoever does).
pub const KEY_VERSION: &str = "1";

/// An item's search key folded and packed, with its char mask: made once (a cold load
/// keeps it in the snapshot) and taken by the index as it is.
#[derive(Clone, Debug)]
pub struct Packed {
    key: KeyBytes,
    pub mask: u64,
}

/// A key's bytes: its own, or a range of a buffer many keys share (a snapshot's key
/// section: a warm start makes no copy of each key on its way to the index).
#[derive(Clone, Debug)]
enum KeyBytes {
    Own(Box<[u8]>),
    Shared(Arc<Vec<u8>>, Range<usize>),
}

impl PartialEq for Packed {
    fn eq(&self, other: &Packed) -> bool {
        self.key() == other.key() && self.mask == other.mask
    }
}

impl Eq for Packed {}

impl Packed {
    /// `text`'s key.
    pub fn of(text: &str) -> Packed {
        let mut key = Vec::new();
        let mask = fold_into(text, &mut key, &mut String::new());
        Packed::new(key.into_boxed_slice(), mask)
    }

    /// The key of a text whose search key is `key` (the extractor folded it already).
    pub fn of_key(key: &str) -> Packed {
        let mut packed = Vec::new();
        let mask = pack_masked_into(key, &mut packed, mask_bit);
        Packed::new(packed.into_boxed_slice(), mask)
    }

    /// A key from its parts as they were kept, unchecked (see [`Packed::well_formed`]).
    pub fn new(key: Box<[u8]>, mask: u64) -> Packed {
        Packed {
            key: KeyBytes::Own(key),
            mask,
        }
    }

    /// The key at `at` in `all`, if it lies there and is well formed.
    pub fn shared(all: &Arc<Vec<u8>>, at: Range<usize>, mask: u64) -> Option<Packed> {
        let key = Packed {
            key: KeyBytes::Shared(Arc::clone(all), at.clone()),
            mask,
        };
        (all.get(at).is_some() && key.well_formed()).then_some(key)
    }

    /// The key's bytes, packed.
    pub fn key(&self) -> &[u8] {
        match &self.key {
            KeyBytes::Own(key) => key,
            KeyBytes::Shared(all, at) => all.get(at.clone()).unwrap_or_default(),
        }
    }

    /// True when the key is packed as [`super::key`] writes keys (a key read from a
    /// file may not be).
    pub fn well_formed(&self) -> bool {
        super::key::well_formed(self.key())
    }
}

/// Append `text`'s search key, packed, to `keys`, and return its char mask. Folded and
/// packed in one pass; the rare text that needs the grapheme path is folded first (into
/// `scratch`), then packed.
fn fold_into(text: &str, keys: &mut Vec<u8>, scratch: &mut String) -> u64 {
    let start = keys.len();
    keys.reserve(text.len());
    let mut mask = 0u64;
    let simple = search_key_each(text, |c| {
        if !c.is_whitespace() {
            mask |= 1u64 << mask_bit(c);
        }
        push_packed(c, keys);
    });
    if simple {
        return mask;
    }
    keys.truncate(start);
    search_key_into(text, scratch);
    pack_masked_into(scratch, keys, mask_bit)
}

/// Items folded per parallel task; large enough to amortise, small enough to balance.
const BUILD_CHUNK: usize = 4096;
/// Items folded between two frees of their texts, so that a large batch does not keep
/// every text alive until all of them are folded.
const GROUP: usize = 16 * BUILD_CHUNK;

impl Index {
    pub fn new(items: Vec<Item>) -> Index {
        let mut index = Index::default();
        index.extend(items);
        index
    }

    /// Add items after the last one (a corpus that is still loading): only the new items
    /// are folded, and their texts are dropped once folded.
    pub fn extend(&mut self, items: impl IntoIterator<Item = Item>) {
        let mut items = items.into_iter();
        loop {
            let group: Vec<Item> = items.by_ref().take(GROUP).collect();
            if group.is_empty() {
                break;
            }
            self.fold(&group);
        }
    }

    /// Fold `items` after the last one. Every block but the last holds [`BUILD_CHUNK`]
    /// items, so the first items top up a partial last block; all chunks fold in parallel.
    fn fold(&mut self, items: &[Item]) {
        let room = (BUILD_CHUNK - self.len() % BUILD_CHUNK) % BUILD_CHUNK;
        let (head, rest) = items.split_at(room.min(items.len()));
        let chunks: Vec<&[Item]> = std::iter::once(head)
            .filter(|h| !h.is_empty())
            .chain(rest.chunks(BUILD_CHUNK))
            .collect();
        // Per chunk: its keys back to back, each key's (start, length) there, its masks.
        type Folded = (Vec<u8>, Vec<(usize, usize)>, Vec<u64>);
        let folded: Vec<Folded> = chunks
            .par_iter()
            .map(|chunk| {
                let mut keys = Vec::new();
                let mut spans = Vec::with_capacity(chunk.len());
                let mut masks = Vec::with_capacity(chunk.len());
                let mut key = String::new();
                for item in *chunk {
                    let start = keys.len();
                    let mask = match &item.packed {
                        Some(p) => {
                            keys.extend_from_slice(p.key());
                            p.mask
                        }
                        None => fold_into(&item.text, &mut keys, &mut key),
                    };
                    spans.push((start, keys.len() - start));
                    masks.push(mask);
                }
                (keys, spans, masks)
            })
            .collect();
        self.spans.reserve(items.len());
        self.masks.reserve(items.len());
        for (k, (keys, spans, masks)) in folded.into_iter().enumerate() {
            let offset = if k == 0 && !head.is_empty() {
                let mut block = Vec::from(self.blocks.pop().unwrap_or_default());
                let offset = block.len();
                block.extend_from_slice(&keys);
                self.blocks.push(block.into_boxed_slice());
                offset
            } else {
                self.blocks.push(keys.into_boxed_slice());
                0
            };
            self.spans
                .extend(spans.iter().map(|&(s, n)| Span::new(offset + s, n)));
            self.masks.extend(masks);
        }
        let mut scratch = String::new();
        self.fields.reserve(items.len());
        // The claims of one article follow each other and share its outlet and name
        // (often their source too): a name the item before had is not folded again.
        let mut last: Option<(&Fields, FieldKeys)> = None;
        for item in items {
            let keys = match last {
                Some((before, had)) => {
                    self.field_keys_with(&item.fields, &mut scratch, Some(before), had)
                }
                None => self.field_keys(&item.fields, &mut scratch),
            };
            last = Some((&item.fields, keys));
            self.fields.push(keys);
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Heap bytes the index holds (keys, offsets, masks, fields, pools), for the
    /// benchmark's memory figures.
    pub fn heap_bytes(&self) -> usize {
        let pool = |p: &Pool| p.strings.iter().map(|s| 2 * s.len() + 40).sum::<usize>();
        self.blocks.iter().map(|b| b.len()).sum::<usize>()
            + self.spans.capacity() * std::mem::size_of::<Span>()
            + self.masks.capacity() * 8
            + self.fields.capacity() * std::mem::size_of::<FieldKeys>()
            + pool(&self.pool)
            + pool(&self.dates)
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Update an item's fields (a mark changed its status, a note was added).
    pub fn set_fields(&mut self, i: usize, fields: &Fields) {
        let mut scratch = String::new();
        let keys = self.field_keys(fields, &mut scratch);
        if let Some(slot) = self.fields.get_mut(i) {
            *slot = keys;
        }
    }

    fn field_keys(&mut self, fields: &Fields, scratch: &mut String) -> FieldKeys {
        self.field_keys_with(fields, scratch, None, FieldKeys::default())
    }

    /// `fields`' keys; the names that are the same as in `before` (whose keys are `had`)
    /// are taken from `had` instead of folded again.
    fn field_keys_with(
        &mut self,
        fields: &Fields,
        scratch: &mut String,
        before: Option<&Fields>,
        had: FieldKeys,
    ) -> FieldKeys {
        // Claims of one article share its names: the same string, compared by address.
        let same = |f: fn(&Fields) -> &str| {
            before.is_some_and(|b| {
                let (b, f) = (f(b), f(fields));
                std::ptr::eq(b, f) || b == f
            })
        };
        FieldKeys {
            source: if same(|f| &f.source) {
                had.source
            } else {
                self.pool.intern(&fields.source, scratch)
            },
            outlet: if same(|f| &f.outlet) {
                had.outlet
            } else {
                self.pool.intern(&fields.outlet, scratch)
            },
            article: if same(|f| &f.article) {
                had.article
            } else {
                self.pool.intern(&fields.article, scratch)
            },
            date: if before.is_some_and(|b| b.date == fields.date) {
                had.date
            } else {
                fields.date.as_deref().map_or(NO_DATE, |d| self.dates.id(d))
            },
            status: fields.status,
            source_type: fields.source_type,
            flags: field_flags(fields),
        }
    }

    /// Item `i`'s key as its block and byte range there.
    #[inline]
    fn span(&self, i: usize) -> Option<(&[u8], usize, usize)> {
        let block = self.blocks.get(i / BUILD_CHUNK)?;
        let span = self.spans.get(i)?;
        let start = span.start as usize;
        Some((block, start, start + span.len as usize))
    }

    /// Item `i`'s search key, packed.
    #[inline]
    pub(crate) fn key_bytes(&self, i: usize) -> &[u8] {
        self.span(i)
            .and_then(|(block, s, e)| block.get(s..e))
            .unwrap_or(b"")
    }

    /// Item `i`'s search key as text.
    #[cfg(test)]
    pub(crate) fn key_text(&self, i: usize) -> String {
        let key = self.key_bytes(i);
        super::key::Hay::packed(key).text().into_owned()
    }

    /// Ask the CPU to start loading item `i`'s key from byte `from` on: scans call this a
    /// few items ahead, so that reading a key does not wait on memory (keys of 100k
    /// claims outgrow the caches; waiting for them was a third of a keystroke's time).
    #[inline]
    pub(crate) fn prefetch(&self, i: usize, from: usize) {
        let Some((block, start, end)) = self.span(i) else {
            return;
        };
        let at = block
            .as_ptr()
            .wrapping_add(start + from.min(end.saturating_sub(start)));
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch is a hint: it never faults and has no effect on memory, for
        // any address (`at` is within a block or one past its end anyway).
        unsafe {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            _mm_prefetch::<_MM_HINT_T0>(at.cast());
            _mm_prefetch::<_MM_HINT_T0>(at.wrapping_add(64).cast());
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = at;
    }

    pub(crate) fn mask(&self, i: usize) -> u64 {
        self.masks.get(i).copied().unwrap_or(0)
    }

    /// Length used to break score ties: shorter items first (in chars, nearly: a packed
    /// key takes a byte per char but for rare ones).
    #[inline]
    pub(crate) fn key_len(&self, i: usize) -> usize {
        self.spans.get(i).map_or(0, |s| s.len as usize)
    }

    pub(crate) fn fields(&self, i: usize) -> Option<&FieldKeys> {
        self.fields.get(i)
    }

    /// Item `i`'s date as given, if it has one.
    pub(crate) fn date(&self, i: usize) -> Option<&str> {
        let f = self.fields.get(i)?;
        f.has_date().then(|| self.dates.get(f.date))
    }

    pub(crate) fn source_key(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| self.pool.get(f.source))
    }

    pub(crate) fn outlet_key(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| self.pool.get(f.outlet))
    }

    pub(crate) fn article_key(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| self.pool.get(f.article))
    }
}

/// One bit per char class present, so that an item missing any of a needle's chars is
/// rejected with one AND. Latin letters get a bit each and other chars share the rest, so
/// that Arabic letters never share a bit with Latin ones (code points modulo 64 put each
/// of U+0621..U+063A on the bit of a Latin letter, and a Latin query then passed every
/// Arabic claim).
fn field_flags(fields: &Fields) -> u8 {
    let flag = |on: bool, bit: u8| if on { bit } else { 0 };
    flag(fields.has_note, HAS_NOTE)
        | flag(fields.related, RELATED)
        | flag(fields.disputed, DISPUTED)
        | flag(!fields.source.trim().is_empty(), HAS_SOURCE)
}

pub(crate) fn char_mask(key: &str) -> u64 {
    key.chars()
        .filter(|c| !c.is_whitespace())
        .fold(0, |m, c| m | (1u64 << mask_bit(c)))
}

#[inline]
pub(crate) fn mask_bit(c: char) -> u32 {
    let u = c as u32;
    match c {
        'a'..='z' => u - u32::from(b'a'),
        '0'..='9' => 26 + (u - u32::from(b'0')) % 4,
        c if c.is_ascii() => 30 + u % 2,
        _ => 32 + u % 32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_with_the_mask_is_packing_then_masking() {
        for text in [
            "",
            "lavrov said\u{b} \t x",
            "وزارة الدفاع pentagon «قال» ٤٨",
            "emoji 🙂 and ü and 中文",
            "   ",
        ] {
            let mut packed = Vec::new();
            let mask = super::super::key::pack_masked_into(text, &mut packed, mask_bit);
            assert_eq!(packed, super::super::key::pack(text), "{text:?}");
            assert_eq!(mask, char_mask(text), "{text:?}");
        }
    }

    #[test]
    fn a_key_packed_from_its_fold_is_the_texts_key() {
        for text in [
            "Lavrov said \t x",
            "وأكّدت وزارة الدفاع «قال» ٤٨ شاحنةً",
            "emoji 🙂 and Ü and 中文",
        ] {
            let of_text = Packed::of(text);
            let of_key = Packed::of_key(&crate::text::normalize::search_key(text));
            assert_eq!(of_key.key(), of_text.key(), "{text:?}");
            assert_eq!(of_key.mask, of_text.mask, "{text:?}");
        }
    }

    #[test]
    fn fields_shared_with_the_item_before_are_the_same_keys() {
        let fields = |article: &str, source: &str| Fields {
            article: article.into(),
            source: source.into(),
            outlet: "Reuters".into(),
            date: Some("2017-11-15".into()),
            ..Fields::default()
        };
        let items: Vec<Item> = [
            ("a1 Title", "وزارة الدفاع"),
            ("a1 Title", "وزارة الدفاع"),
            ("a1 Title", ""),
            ("a2 Other", "وزارة الدفاع"),
        ]
        .iter()
        .map(|(a, s)| Item {
            text: "text".into(),
            packed: None,
            fields: fields(a, s),
        })
        .collect();
        let index = Index::new(items.clone());
        let mut alone = Index::default();
        let mut scratch = String::new();
        for (i, item) in items.iter().enumerate() {
            let want = alone.field_keys(&item.fields, &mut scratch);
            assert_eq!(index.fields[i], want, "item {i}");
        }
        assert!(!index.fields[2].has_source() && index.fields[3].has_source());
    }

    #[test]
    fn keys_are_found_across_blocks() {
        let n = BUILD_CHUNK * 2 + 3;
        let items: Vec<Item> = (0..n)
            .map(|i| Item {
                text: format!("Claim {i} قالت"),
                ..Item::default()
            })
            .collect();
        let index = Index::new(items);
        for i in [0, 1, BUILD_CHUNK - 1, BUILD_CHUNK, BUILD_CHUNK + 1, n - 1] {
            assert_eq!(index.key_text(i), format!("claim {i} قالت"));
            assert_eq!(index.key_len(i), index.key_text(i).chars().count());
            index.prefetch(i, 0);
        }
        assert_eq!(index.key_text(n), "");
        assert_eq!(index.key_len(n), 0);
    }

    #[test]
    fn an_index_grown_in_uneven_batches_has_the_keys_of_one_built_at_once() {
        let n = BUILD_CHUNK * 3 + 17;
        let items: Vec<Item> = (0..n)
            .map(|i| Item {
                text: format!("Claim {i} قالت مصادر {}", i % 7),
                ..Item::default()
            })
            .collect();
        let whole = Index::new(items.clone());
        let mut grown = Index::default();
        let mut at = 0;
        for size in [1, 100, BUILD_CHUNK - 101, 5, BUILD_CHUNK * 2, 0, 3000] {
            let end = (at + size).min(n);
            grown.extend(items[at..end].to_vec());
            at = end;
        }
        grown.extend(items[at..].to_vec());
        assert_eq!(grown.len(), n);
        for i in 0..=n {
            assert_eq!(grown.key_bytes(i), whole.key_bytes(i), "key {i}");
            assert_eq!(grown.mask(i), whole.mask(i), "mask {i}");
        }
    }

    /// A fingerprint of the keys and masks [`Packed::of`] makes of sample text: Arabic
    /// with harakat, hamza forms, tatweel and Arabic-Indic digits, Latin with case and
    /// accents, a grapheme that takes the slow path, and white space.
    fn fold_fingerprint() -> String {
        use sha2::{Digest, Sha256};
        let samples = [
            "وقال المتحدثُ باسم الوزارة إنّ «الجيش» تقدّم ٤٨ كيلومتراً",
            "أعلنت إسرائيل وآلاف المحتجين ـــ مؤسسة الأمم المتحدة؟",
            "Lavrov SAID the Café in Zürich — “closed” 2017-11-15",
            "emoji 🙂 and e\u{301}\u{302} and 中文 and ﻻ",
            " \t tabs\nand  spaces ",
        ];
        let mut sha = Sha256::new();
        for text in samples {
            let p = Packed::of(text);
            sha.update((p.key().len() as u64).to_le_bytes());
            sha.update(p.key());
            sha.update(p.mask.to_le_bytes());
        }
        sha.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn folding_is_what_key_version_names() {
        // Keys kept in a snapshot are only as good as the code that folded them: a change
        // to folding, packing or masking must bump KEY_VERSION (and this fingerprint).
        assert_eq!(
            (KEY_VERSION, fold_fingerprint().as_str()),
            ("1", "032560f797e307a0"),
            "search keys fold differently now: bump search::KEY_VERSION and update this \
             fingerprint, or warm starts will use keys the new code would not make"
        );
    }

    #[test]
    fn arabic_and_latin_letters_never_share_a_mask_bit() {
        let arabic: String = ('\u{0621}'..='\u{064A}').collect();
        let latin: String = ('a'..='z').collect();
        assert_eq!(char_mask(&arabic) & char_mask(&latin), 0);
        let m = char_mask("وزارة الدفاع pentagon");
        assert_eq!(m & char_mask("pen"), char_mask("pen"));
        assert_eq!(m & char_mask("دفاع"), char_mask("دفاع"));
        assert_ne!(m & char_mask("x"), char_mask("x"));
    }
}
