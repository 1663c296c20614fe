//! The items prepared for matching: every search key folded once at load into one
//! contiguous buffer, a 64-bit char mask per item for the prefilter, and folded field
//! values interned (many claims share an article, an outlet, a source).

use super::{Fields, Item};
use crate::text::normalize::search_key_into;
use rayon::prelude::*;
use std::collections::HashMap;

/// Items prepared for matching (normalised haystacks built once).
#[derive(Debug, Default)]
pub struct Index {
    items: Vec<Item>,
    /// The search keys in blocks of [`BUILD_CHUNK`] items, back to back within a block,
    /// each block kept as folded (not copied into one buffer, which briefly took twice
    /// the keys' memory and left the copy's source behind in the allocator).
    blocks: Vec<Box<str>>,
    /// Where item `i`'s key starts in its block; it ends where the next one starts, or
    /// at the end of the block.
    starts: Vec<usize>,
    masks: Vec<u64>,
    fields: Vec<FieldKeys>,
    pool: Pool,
}

/// Folded field values of one item, as ids into the pool.
#[derive(Clone, Copy, Debug, Default)]
struct FieldKeys {
    source: u32,
    outlet: u32,
    article: u32,
}

#[derive(Debug, Default)]
struct Pool {
    strings: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
}

impl Pool {
    fn intern(&mut self, raw: &str, scratch: &mut String) -> u32 {
        search_key_into(raw, scratch);
        if let Some(&id) = self.ids.get(scratch.as_str()) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        let key: Box<str> = scratch.as_str().into();
        self.strings.push(key.clone());
        self.ids.insert(key, id);
        id
    }

    fn get(&self, id: u32) -> &str {
        self.strings.get(id as usize).map_or("", |s| s)
    }
}

/// Items folded per parallel task; large enough to amortise, small enough to balance.
const BUILD_CHUNK: usize = 4096;

impl Index {
    pub fn new(items: Vec<Item>) -> Index {
        let mut index = Index::default();
        index.extend(items);
        index
    }

    /// Add items after the last one (a corpus that is still loading): only the new items
    /// are folded. Every block but the last holds [`BUILD_CHUNK`] items, so a partial last
    /// block is topped up first.
    pub fn extend(&mut self, items: Vec<Item>) {
        let have = self.items.len();
        let room = (BUILD_CHUNK - have % BUILD_CHUNK) % BUILD_CHUNK;
        let top = room.min(items.len());
        if top > 0 {
            let mut block = String::from(self.blocks.pop().unwrap_or_default());
            let mut key = String::new();
            for item in &items[..top] {
                search_key_into(&item.text, &mut key);
                self.starts.push(block.len());
                block.push_str(&key);
                self.masks.push(char_mask(&key));
            }
            self.blocks.push(block.into_boxed_str());
        }
        // Fold the rest in parallel, block by block.
        let folded: Vec<(Box<str>, Vec<usize>, Vec<u64>)> = items[top..]
            .par_chunks(BUILD_CHUNK)
            .map(|chunk| {
                let mut keys = String::new();
                let mut starts = Vec::with_capacity(chunk.len());
                let mut masks = Vec::with_capacity(chunk.len());
                let mut key = String::new();
                for item in chunk {
                    search_key_into(&item.text, &mut key);
                    starts.push(keys.len());
                    keys.push_str(&key);
                    masks.push(char_mask(&key));
                }
                (keys.into_boxed_str(), starts, masks)
            })
            .collect();
        self.starts.reserve(items.len());
        self.masks.reserve(items.len());
        for (block, s, m) in folded {
            self.blocks.push(block);
            self.starts.extend(s);
            self.masks.extend(m);
        }
        let mut scratch = String::new();
        for item in &items {
            let keys = field_keys(&mut self.pool, &item.fields, &mut scratch);
            self.fields.push(keys);
        }
        self.items.extend(items);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Update an item's fields (a mark changed its status, a note was added).
    pub fn set_fields(&mut self, i: usize, fields: Fields) {
        if self.items.get(i).is_some_and(|item| item.fields == fields) {
            return;
        }
        let mut scratch = String::new();
        let keys = field_keys(&mut self.pool, &fields, &mut scratch);
        if let (Some(item), Some(slot)) = (self.items.get_mut(i), self.fields.get_mut(i)) {
            item.fields = fields;
            *slot = keys;
        }
    }

    /// The item as given.
    pub fn item(&self, i: usize) -> Option<&Item> {
        self.items.get(i)
    }

    /// Item `i`'s key as its block and byte range there.
    #[inline]
    fn span(&self, i: usize) -> Option<(&str, usize, usize)> {
        let block = self.blocks.get(i / BUILD_CHUNK)?;
        let start = *self.starts.get(i)?;
        let end = if (i + 1) % BUILD_CHUNK == 0 {
            block.len()
        } else {
            self.starts.get(i + 1).copied().unwrap_or(block.len())
        };
        Some((block, start, end))
    }

    /// Item `i`'s search key.
    pub(crate) fn key(&self, i: usize) -> &str {
        self.span(i)
            .and_then(|(block, s, e)| block.get(s..e))
            .unwrap_or("")
    }

    /// Item `i`'s search key as bytes (no char-boundary check, so its ends are not read).
    #[inline]
    pub(crate) fn key_bytes(&self, i: usize) -> &[u8] {
        self.span(i)
            .and_then(|(block, s, e)| block.as_bytes().get(s..e))
            .unwrap_or(b"")
    }

    /// Ask the CPU to start loading item `i`'s key from byte `from` on: scans call this a
    /// few items ahead, so that reading a key does not wait on memory (keys of 100k
    /// claims outgrow the caches; waiting for them was a third of a keystroke's time).
    #[inline]
    pub(crate) fn prefetch(&self, i: usize, from: usize) {
        let Some((block, start, end)) = self.span(i) else {
            return;
        };
        let at = block.as_ptr().wrapping_add(start + from.min(end - start));
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

    /// Length used to break score ties: shorter items first.
    pub(crate) fn key_len(&self, i: usize) -> usize {
        self.span(i).map_or(0, |(_, s, e)| e - s)
    }

    pub(crate) fn fields(&self, i: usize) -> Option<&Fields> {
        self.items.get(i).map(|item| &item.fields)
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

fn field_keys(pool: &mut Pool, fields: &Fields, scratch: &mut String) -> FieldKeys {
    FieldKeys {
        source: pool.intern(&fields.source, scratch),
        outlet: pool.intern(&fields.outlet, scratch),
        article: pool.intern(&fields.article, scratch),
    }
}

/// One bit per char class present, so that an item missing any of a needle's chars is
/// rejected with one AND. Latin letters get a bit each and other chars share the rest, so
/// that Arabic letters never share a bit with Latin ones (code points modulo 64 put each
/// of U+0621..U+063A on the bit of a Latin letter, and a Latin query then passed every
/// Arabic claim).
pub(crate) fn char_mask(key: &str) -> u64 {
    key.chars()
        .filter(|c| !c.is_whitespace())
        .fold(0, |m, c| m | (1u64 << mask_bit(c)))
}

#[inline]
fn mask_bit(c: char) -> u32 {
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
            assert_eq!(index.key(i), format!("claim {i} قالت"));
            assert_eq!(index.key_len(i), index.key(i).len());
            index.prefetch(i, 0);
        }
        assert_eq!(index.key(n), "");
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
            assert_eq!(grown.key(i), whole.key(i), "key {i}");
            assert_eq!(grown.mask(i), whole.mask(i), "mask {i}");
        }
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
