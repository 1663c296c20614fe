//! The one search normalisation, used for haystacks and queries alike, and for claim ids.
//! It folds what a reader treats as the same letter; it must never be used for display.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// A normalised search key and, for each of its chars, the byte offset in the source of
/// the grapheme that produced it, so that highlights cover original graphemes (harakat
/// included).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    pub key: String,
    /// `origin[k]` is the source byte offset of the grapheme behind the k-th char of `key`.
    pub origin: Vec<usize>,
}

impl Folded {
    /// Byte range in the source of the grapheme that produced key char `k`.
    pub fn source_range(&self, source: &str, k: usize) -> std::ops::Range<usize> {
        let start = self.origin.get(k).copied().unwrap_or(source.len());
        let end = source
            .get(start..)
            .and_then(|rest| rest.graphemes(true).next())
            .map(|g| start + g.len())
            .unwrap_or(source.len());
        start..end
    }
}

/// Fold one char after NFKC; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        // harakat, Quranic marks, superscript alef, tatweel, and invisible controls
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => return None,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => return None,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => '\u{0627}',
        '\u{0649}' | '\u{06CC}' => '\u{064A}',
        '\u{0629}' => '\u{0647}',
        '\u{06A9}' => '\u{0643}',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    })
}

/// The search key with its map back to the source.
pub fn fold(source: &str) -> Folded {
    let mut out = Folded {
        key: String::with_capacity(source.len()),
        origin: Vec::with_capacity(source.len()),
    };
    for (offset, grapheme) in source.grapheme_indices(true) {
        if grapheme.is_ascii() {
            for c in grapheme.chars() {
                out.key.push(c.to_ascii_lowercase());
                out.origin.push(offset);
            }
            continue;
        }
        for c in grapheme.nfkc().filter_map(fold_char) {
            for lc in c.to_lowercase() {
                out.key.push(lc);
                out.origin.push(offset);
            }
        }
    }
    out
}

/// The search key alone.
pub fn search_key(source: &str) -> String {
    if source.is_ascii() {
        return source.to_ascii_lowercase();
    }
    fold(source).key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letter_variants_fold_together() {
        assert_eq!(search_key("إسلام"), search_key("اسلام"));
        assert_eq!(search_key("مدرسة"), search_key("مدرسه"));
        assert_eq!(search_key("مُحَمَّد"), "محمد");
        assert_eq!(search_key("١٢٣"), "123");
        assert_eq!(search_key("۱۲۳"), "123");
        assert_eq!(search_key("مستشفى"), search_key("مستشفي"));
        assert_eq!(search_key("ﺳﻼﻡ"), "سلام", "presentation forms fold back");
        assert_eq!(search_key("کتاب یک"), "كتاب يك");
        assert_eq!(search_key("عـــرب"), "عرب", "tatweel removed");
        assert_eq!(search_key("Ünïcode ABC"), "ünïcode abc");
    }

    #[test]
    fn origin_maps_back_to_whole_graphemes() {
        let src = "مُحَمَّد";
        let f = fold(src);
        assert_eq!(f.key.chars().count(), f.origin.len());
        // the second key char (ح) comes from the grapheme "حَ" which includes its haraka
        let r = f.source_range(src, 1);
        assert_eq!(&src[r], "حَ");
    }
}
