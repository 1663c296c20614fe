//! Walking a needle's chars in order over a key's bytes (UTF-8 or packed, see
//! [`super::key`]): forwards from where a shorter needle's walk stopped (so that typing
//! one more letter reads only the rest of each key), or backwards inside a window no
//! wider than a score bound allows. Keys are never decoded: both forms are
//! self-synchronising, so a char is found by its last byte and then its lead bytes are
//! checked.

use super::key::pack_char;
use memchr::{memchr, memrchr};

/// One needle char as bytes: its last byte (what memchr looks for) and the bytes before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    last: u8,
    lead: [u8; 4],
    lead_len: u8,
}

impl Unit {
    fn from_bytes(bytes: &[u8]) -> Unit {
        let n = bytes.len().saturating_sub(1).min(4);
        let mut lead = [0u8; 4];
        lead[..n].copy_from_slice(&bytes[..n]);
        Unit {
            last: bytes.get(n).copied().unwrap_or(0),
            lead,
            lead_len: n as u8,
        }
    }

    fn of(c: char) -> Unit {
        Unit::from_bytes(c.encode_utf8(&mut [0u8; 4]).as_bytes())
    }

    fn packed(c: char) -> Unit {
        let (bytes, n) = pack_char(c);
        Unit::from_bytes(&bytes[..n])
    }

    #[inline]
    fn lead_len(&self) -> usize {
        usize::from(self.lead_len)
    }

    /// True when the char's lead bytes end just before `at` (compared one by one, cheaper
    /// than a call to memcmp for at most three bytes).
    #[inline]
    fn lead_ends_at(&self, hay: &[u8], at: usize) -> bool {
        let n = self.lead_len();
        let Some(from) = at.checked_sub(n) else {
            return false;
        };
        hay.get(from..at)
            .is_some_and(|got| got.iter().zip(&self.lead[..n]).all(|(a, b)| a == b))
    }
}

/// The needle's chars as units of UTF-8, in order.
pub(crate) fn units(needle: &str) -> Vec<Unit> {
    needle.chars().map(Unit::of).collect()
}

/// The needle's chars as units of a packed key, in order.
pub(crate) fn packed_units(needle: &str) -> Vec<Unit> {
    needle.chars().map(Unit::packed).collect()
}

/// The first `b` in `hay` at or after `from`. The next 8 bytes are tested as one word
/// first: a needle's next char is often that close, and memchr's set-up costs more.
#[inline]
fn find(hay: &[u8], from: usize, b: u8) -> Option<usize> {
    let rest = hay.get(from..)?;
    if let Some(word) = rest.first_chunk::<8>() {
        const ONES: u64 = u64::from_ne_bytes([1; 8]);
        const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
        // Bytes equal to `b` become zero; the lowest flagged byte is the first zero one
        // (a borrow can only flag bytes above a zero byte).
        let x = u64::from_le_bytes(*word) ^ (ONES * u64::from(b));
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            return Some(from + (zero.trailing_zeros() / 8) as usize);
        }
        return memchr(b, &rest[8..]).map(|k| from + 8 + k);
    }
    memchr(b, rest).map(|k| from + k)
}

/// The last `b` in `hay[lo..at]`.
#[inline]
fn rfind(hay: &[u8], lo: usize, at: usize, b: u8) -> Option<usize> {
    memrchr(b, hay.get(lo..at)?).map(|k| lo + k)
}

/// Where the first in-order match of `units` in `hay[from..]` ends (the byte after its
/// last char); `from` itself when `units` is empty. `from` must be a char boundary.
#[inline]
pub(crate) fn forward(hay: &[u8], from: usize, units: &[Unit]) -> Option<usize> {
    let mut at = from;
    for u in units {
        let mut look = at + u.lead_len();
        loop {
            let p = find(hay, look, u.last)?;
            if u.lead_ends_at(hay, p) {
                at = p + 1;
                break;
            }
            look = p + 1;
        }
    }
    Some(at)
}

/// Where the last in-order match of `units` inside `hay[lo..end]` starts (the byte of
/// its first char); `None` when it does not fit there.
#[inline]
pub(crate) fn backward(hay: &[u8], lo: usize, end: usize, units: &[Unit]) -> Option<usize> {
    let mut at = end;
    for u in units.iter().rev() {
        loop {
            let p = rfind(hay, lo, at, u.last)?;
            if p >= lo + u.lead_len() && u.lead_ends_at(hay, p) {
                at = p - u.lead_len();
                break;
            }
            at = p;
        }
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::search::key::pack;

    /// The walk's answer in chars, the same for UTF-8 and packed keys.
    /// Chars before byte `at` (in UTF-8 or packed form: neither starts a char on
    /// 0x80..=0xBF).
    fn chars(bytes: &[u8], at: usize) -> usize {
        bytes[..at].iter().filter(|&&b| (b as i8) >= -0x40).count()
    }

    fn fwd(hay: &str, needle: &str) -> Option<usize> {
        let utf8 = forward(hay.as_bytes(), 0, &units(needle));
        let packed = pack(hay);
        let p = forward(&packed, 0, &packed_units(needle));
        assert_eq!(
            utf8.map(|e| chars(hay.as_bytes(), e)),
            p.map(|e| chars(&packed, e)),
            "{hay:?} {needle:?}"
        );
        utf8
    }

    fn back(hay: &str, needle: &str) -> Option<usize> {
        let utf8 = backward(hay.as_bytes(), 0, hay.len(), &units(needle));
        let packed = pack(hay);
        let p = backward(&packed, 0, packed.len(), &packed_units(needle));
        assert_eq!(
            utf8.map(|s| chars(hay.as_bytes(), s)),
            p.map(|s| chars(&packed, s)),
            "{hay:?} {needle:?}"
        );
        utf8
    }

    #[test]
    fn forward_walks_multibyte_chars_in_order() {
        assert!(fwd("وقال لافروف", "لفف").is_some());
        assert!(fwd("وقال لافروف", "ففل").is_none());
        assert_eq!(fwd("moscow", "msw"), Some(6));
        assert_eq!(fwd("moscow", "wm"), None);
        assert_eq!(fwd("", ""), Some(0));
        assert_eq!(fwd("", "a"), None);
        // same last byte, different lead byte: U+0644 (D9 84) vs U+0104 (C4 84)
        assert_eq!(fwd("ل", "Ą"), None);
        // chars outside the packed table: five bytes each, found by all of them
        assert!(fwd("привет мир 中文", "пм中").is_some());
        assert!(fwd("привет мир 中文", "中п").is_none());
        assert!(fwd("ĄĈ", "Ĉ").is_some());
        assert!(fwd("Ĉ", "Ą").is_none());
    }

    #[test]
    fn forward_resumes_where_a_shorter_needle_stopped() {
        let hay = "the pentagon said the trained rebels remain loyal";
        for needle in ["pentagon", "ptr", "the rebels", "ال"] {
            let chars: Vec<char> = needle.chars().collect();
            for k in 0..=chars.len() {
                let head: String = chars[..k].iter().collect();
                let tail: String = chars[k..].iter().collect();
                let resumed =
                    fwd(hay, &head).and_then(|e| forward(hay.as_bytes(), e, &units(&tail)));
                assert_eq!(resumed, fwd(hay, needle), "{needle:?} split at {k}");
            }
        }
    }

    #[test]
    fn walks_find_chars_near_and_far() {
        for gap in [0, 1, 15, 16, 17, 31, 32, 33, 100] {
            let pad = "ك".repeat(gap);
            let hay = format!("a{pad}لb{pad}ل");
            assert_eq!(fwd(&hay, "aلbل"), Some(hay.len()), "gap {gap}");
            assert_eq!(back(&hay, "aلbل"), Some(0), "gap {gap}");
            assert_eq!(fwd(&hay, "aلbلل"), None, "gap {gap}");
            assert_eq!(back(&hay, "لaل"), None, "gap {gap}");
        }
    }

    #[test]
    fn backward_walks_back_by_chars_and_stays_inside_its_window() {
        let hay = "لافروف لافروف";
        assert_eq!(back(hay, "لف"), Some(hay.len() - "لافروف".len()));
        assert_eq!(back("moscow msw", "msw"), Some(7));
        assert_eq!(back("moscow", "mw"), Some(0));
        assert_eq!(back("moscow", "wm"), None);
        assert_eq!(back("abc", ""), Some(3));
        assert_eq!(back("ل", "Ą"), None);
        assert_eq!(back("Ąل", "Ą"), Some(0));
        // A window that starts inside a char never matches that char's tail.
        let hay = "Ąل";
        assert_eq!(backward(hay.as_bytes(), 1, hay.len(), &units("Ą")), None);
        assert_eq!(backward(b"moscow", 1, 6, &units("mw")), None);
        assert_eq!(backward(b"moscow", 2, 6, &units("sw")), Some(2));
    }
}
