//! Search keys as the index stores them, "packed": one byte per char for ASCII, the
//! Arabic letters and the punctuation of news text, so that a key of Arabic takes half
//! its UTF-8 size and a walk reads half the bytes. Any other char takes five bytes. Like
//! UTF-8, a char never starts on a byte in 0x80..=0xBF, so the walks, their lead-byte
//! check and char counting work on both forms unchanged.
//!
//! ASCII is itself; 0xC0..=0xFE are the chars of [`TABLE`]; 0xFF starts any other char,
//! followed by its code point in four bytes of six bits each (0x80..=0xBF).

use std::borrow::Cow;

/// The chars packed in one byte besides ASCII: U+0621..=U+064A (the Arabic letters), then
/// Arabic punctuation, quotes and dashes, and the Persian letters of Arabic-script news.
const TABLE: [char; 63] = {
    let mut t = ['\0'; 63];
    let mut i = 0;
    while i < 42 {
        // U+0621 + i is a valid char for every i below 42
        t[i] = match char::from_u32(0x0621 + i as u32) {
            Some(c) => c,
            None => '\0',
        };
        i += 1;
    }
    let rest = [
        '\u{060C}', '\u{061B}', '\u{061F}', '\u{066A}', '\u{066B}', '\u{066C}', '«', '»', '“', '”',
        '„', '‘', '’', '‚', '–', '—', 'پ', 'چ', 'ژ', 'ڤ', 'گ',
    ];
    let mut k = 0;
    while k < rest.len() {
        t[42 + k] = rest[k];
        k += 1;
    }
    t
};

const FIRST: u8 = 0xC0;
const ESCAPE: u8 = 0xFF;

/// The one-byte code of `c`, if it has one.
#[inline]
fn code(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 {
        return Some(u as u8);
    }
    if (0x0621..=0x064A).contains(&u) {
        return Some(FIRST + (u - 0x0621) as u8);
    }
    TABLE[42..]
        .iter()
        .position(|&t| t == c)
        .map(|k| FIRST + 42 + k as u8)
}

/// `c` packed: its bytes and how many there are.
pub(crate) fn pack_char(c: char) -> ([u8; 5], usize) {
    if let Some(b) = code(c) {
        return ([b, 0, 0, 0, 0], 1);
    }
    let u = c as u32;
    let six = |shift: u32| 0x80 | ((u >> shift) & 0x3F) as u8;
    ([ESCAPE, six(18), six(12), six(6), six(0)], 5)
}

/// Append `text` packed to `out`.
pub(crate) fn pack_into(text: &str, out: &mut Vec<u8>) {
    if text.is_ascii() {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    for c in text.chars() {
        let (bytes, n) = pack_char(c);
        out.extend_from_slice(&bytes[..n]);
    }
}

/// Append `c` packed to `out`.
#[inline]
pub(crate) fn push_packed(c: char, out: &mut Vec<u8>) {
    match code(c) {
        Some(b) => out.push(b),
        None => {
            let (bytes, n) = pack_char(c);
            out.extend_from_slice(&bytes[..n]);
        }
    }
}

/// Append `text` packed to `out`, and return the OR of `1 << bit(c)` over its chars that
/// are not white space (the index's char mask), in the same pass.
#[inline]
pub(crate) fn pack_masked_into(text: &str, out: &mut Vec<u8>, bit: impl Fn(char) -> u32) -> u64 {
    out.reserve(text.len());
    let mut mask = 0u64;
    if text.is_ascii() {
        out.extend_from_slice(text.as_bytes());
        for &b in text.as_bytes() {
            if !char::from(b).is_whitespace() {
                mask |= 1u64 << bit(char::from(b));
            }
        }
        return mask;
    }
    for c in text.chars() {
        if !c.is_whitespace() {
            mask |= 1u64 << bit(c);
        }
        match code(c) {
            Some(b) => out.push(b),
            None => {
                let (bytes, n) = pack_char(c);
                out.extend_from_slice(&bytes[..n]);
            }
        }
    }
    mask
}

/// `text` packed.
pub(crate) fn pack(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    pack_into(text, &mut out);
    out
}

/// True when `bytes` are a key as [`pack_into`] writes it: every byte a one-byte code or
/// an escape followed by four payload bytes that make a char.
pub(crate) fn well_formed(bytes: &[u8]) -> bool {
    // Nearly every key is all one-byte codes: checked 64 bytes at a time without a
    // branch (vectorised), the rest char by char.
    let not_one_byte = |b: u8| (b.wrapping_sub(0x80) < 0x40) | (b == ESCAPE);
    if bytes
        .chunks(64)
        .all(|c| !c.iter().fold(false, |bad, &b| bad | not_one_byte(b)))
    {
        return true;
    }
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            0x80..=0xBF => return false,
            ESCAPE => {
                let Some(p) = bytes.get(at + 1..at + 5) else {
                    return false;
                };
                if !p.iter().all(|&b| (0x80..=0xBF).contains(&b)) {
                    return false;
                }
                let u = p.iter().fold(0u32, |u, &b| (u << 6) | u32::from(b & 0x3F));
                if char::from_u32(u).is_none() {
                    return false;
                }
                at += 5;
            }
            _ => at += 1,
        }
    }
    true
}

/// The char that starts at byte `at` of packed `bytes`, and its length; `None` at the end
/// or inside a char.
#[inline]
fn unpack_at(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let b = *bytes.get(at)?;
    match b {
        0..=0x7F => Some((char::from(b), 1)),
        0x80..=0xBF => None,
        ESCAPE => {
            let p = bytes.get(at + 1..at + 5)?;
            let u = p.iter().fold(0u32, |u, &b| (u << 6) | u32::from(b & 0x3F));
            Some((char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER), 5))
        }
        _ => Some((TABLE[usize::from(b - FIRST)], 1)),
    }
}

/// The char of a one-byte code (ASCII or the table); `None` for the bytes of a longer one.
#[inline]
pub(crate) fn single(b: u8) -> Option<char> {
    match b {
        0..=0x7F => Some(char::from(b)),
        FIRST..=0xFE => TABLE.get(usize::from(b - FIRST)).copied(),
        _ => None,
    }
}

/// True when every char of packed `bytes` takes one byte.
#[inline]
pub(crate) fn all_single(bytes: &[u8]) -> bool {
    memchr::memchr(ESCAPE, bytes).is_none()
}

/// Whether byte `b` starts a char, in UTF-8 and packed keys alike.
#[inline]
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// A key as a matcher reads it: packed (an index item) or UTF-8 (a line of `filter
/// --lines`, a field value).
#[derive(Clone, Copy, Debug)]
pub struct Hay<'a> {
    bytes: &'a [u8],
    text: Option<&'a str>,
}

impl<'a> Hay<'a> {
    pub(crate) fn packed(bytes: &'a [u8]) -> Hay<'a> {
        Hay { bytes, text: None }
    }

    pub(crate) fn utf8(text: &'a str) -> Hay<'a> {
        Hay {
            bytes: text.as_bytes(),
            text: Some(text),
        }
    }

    #[inline]
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    #[inline]
    pub(crate) fn is_packed(&self) -> bool {
        self.text.is_none()
    }

    /// The chars of bytes `range` (which must start and end on chars).
    pub(crate) fn chars(&self, range: std::ops::Range<usize>) -> Chars<'a> {
        match self.text {
            Some(t) => Chars::Utf8(t.get(range).unwrap_or("").chars()),
            None => Chars::Packed {
                bytes: self.bytes.get(range).unwrap_or(&[]),
                at: 0,
            },
        }
    }

    /// The char that ends at byte `at`, and where it starts.
    pub(crate) fn char_before(&self, at: usize) -> Option<(usize, char)> {
        let head = self.bytes.get(..at)?;
        let start = (at.saturating_sub(5)..at)
            .rev()
            .find(|&i| head.get(i).is_some_and(|&b| starts_char(b)))?;
        let c = self.chars(start..at).next()?;
        Some((start, c))
    }

    /// The char that starts at byte `at`.
    pub(crate) fn char_after(&self, at: usize) -> Option<char> {
        match self.text {
            Some(t) => t.get(at..)?.chars().next(),
            None => unpack_at(self.bytes, at).map(|(c, _)| c),
        }
    }

    /// The key as text (decoded when packed): for scorers that only read `&str`.
    pub(crate) fn text(&self) -> Cow<'a, str> {
        match self.text {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(self.chars(0..self.bytes.len()).collect()),
        }
    }
}

/// The chars of part of a [`Hay`].
pub(crate) enum Chars<'a> {
    Utf8(std::str::Chars<'a>),
    Packed { bytes: &'a [u8], at: usize },
}

impl Iterator for Chars<'_> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        match self {
            Chars::Utf8(c) => c.next(),
            Chars::Packed { bytes, at } => loop {
                if *at >= bytes.len() {
                    return None;
                }
                match unpack_at(bytes, *at) {
                    Some((c, n)) => {
                        *at += n;
                        return Some(c);
                    }
                    // a stray payload byte (never written by `pack`): skipped
                    None => *at += 1,
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_keeps_every_char_and_arabic_takes_one_byte() {
        let texts = [
            "وقال وزير الخارجيه الروسي «سيرغي لافروف» — pentagon, 2017؟",
            "ء ي ؤ ئ پ گ “quoted” ‘x’ „y‚ – ٪٫٬ ، ؛",
            "Ĉu ŝi? Привет, 中文 😀 ĄلĄ \u{0600}\u{06FF}\u{0660}",
            "",
        ];
        for text in texts {
            let packed = pack(text);
            let hay = Hay::packed(&packed);
            assert_eq!(hay.text(), text);
            assert_eq!(hay.chars(0..packed.len()).count(), text.chars().count());
            let starts = packed.iter().filter(|&&b| starts_char(b)).count();
            assert_eq!(starts, text.chars().count(), "{text:?}");
        }
        let arabic = "وقال وزير الخارجيه";
        assert_eq!(pack(arabic).len(), arabic.chars().count());
        for c in TABLE {
            assert_eq!(pack_char(c).1, 1, "{c:?}");
        }
    }

    #[test]
    fn packed_keys_are_well_formed_and_damaged_ones_are_not() {
        for text in ["", "abc", "وقال «لافروف» 中文 😀", "\u{10FFFF}"] {
            assert!(well_formed(&pack(text)), "{text:?}");
        }
        let mut cut = pack("x 中");
        cut.pop();
        let bad: [&[u8]; 4] = [
            &[0x80],
            &[b'a', 0xBF],
            &cut,
            &[ESCAPE, 0xBF, 0xBF, 0xBF, 0xBF],
        ];
        for bytes in bad {
            assert!(!well_formed(bytes), "{bytes:?}");
        }
        // Past the first 64 bytes too, with and without a five-byte char.
        for tail in ["", " 中"] {
            let long = format!(
                "{}{tail}",
                "قال الوزير إن المحادثات ستستأنف في جنيف ".repeat(3)
            );
            let mut key = pack(&long);
            assert!(well_formed(&key), "{long:?}");
            key.insert(100, 0x85);
            assert!(
                !well_formed(&key),
                "{long:?} with a continuation byte at 100"
            );
        }
    }

    #[test]
    fn chars_around_a_position_are_found_in_both_forms() {
        let text = "قال: «لافروف» 中 x";
        let packed = pack(text);
        for (hay, bytes) in [
            (Hay::utf8(text), text.as_bytes()),
            (Hay::packed(&packed), &packed[..]),
        ] {
            let mut at = 0;
            let mut prev = None;
            for c in text.chars() {
                assert_eq!(hay.char_after(at), Some(c));
                assert_eq!(hay.char_before(at).map(|(_, c)| c), prev);
                at += if hay.is_packed() {
                    pack_char(c).1
                } else {
                    c.len_utf8()
                };
                prev = Some(c);
            }
            assert_eq!(at, bytes.len());
            assert_eq!(hay.char_after(at), None);
        }
    }
}
