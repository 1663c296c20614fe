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
        start..grapheme_end(source, start)
    }
}

/// Where the grapheme that starts at byte `start` of `source` ends.
fn grapheme_end(source: &str, start: usize) -> usize {
    let Some(rest) = source.get(start..) else {
        return source.len();
    };
    let len = cluster_len(rest)
        .or_else(|| rest.graphemes(true).next().map(str::len))
        .unwrap_or(rest.len());
    start + len
}

/// The length of the grapheme `rest` starts with when it is made of chars that fold
/// alone (a letter of news text and the harakat on it), stepped through with a table;
/// `None` asks grapheme segmentation, which costs ten times more.
fn cluster_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    match cluster(first) {
        Cluster::Breaks => Some(first.len_utf8()),
        Cluster::Base => {
            for (i, c) in chars {
                match cluster(c) {
                    Cluster::Mark => {}
                    Cluster::Base | Cluster::Breaks => return Some(i),
                    Cluster::Other => return None,
                }
            }
            Some(rest.len())
        }
        Cluster::Mark | Cluster::Other => None,
    }
}

/// How a char that folds alone (see [`is_alone`]) takes part in grapheme clusters. Read
/// off grapheme segmentation itself; among these chars a boundary depends only on the
/// two chars either side of it (no emoji, regional indicators or Indic conjuncts), so
/// a cluster is a base and the marks after it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cluster {
    /// Starts a cluster that marks may join (letters, digits, punctuation).
    Base,
    /// A cluster of its own: nothing joins it (controls, line feed).
    Breaks,
    /// Joins the cluster before it (harakat).
    Mark,
    /// Not a char that folds alone: ask grapheme segmentation.
    Other,
}

fn cluster(c: char) -> Cluster {
    match CLUSTERS.get(c as usize) {
        Some(&class) => class,
        // above the table only plain punctuation folds alone ("…", curly quotes, dashes)
        None if is_alone(c) => Cluster::Base,
        None => Cluster::Other,
    }
}

/// [`Cluster`] of every char below U+0800, from grapheme segmentation.
static CLUSTERS: std::sync::LazyLock<Vec<Cluster>> = std::sync::LazyLock::new(|| {
    let count = |s: String| s.graphemes(true).count();
    (0..0x800u32)
        .map(|u| match char::from_u32(u).filter(|&c| is_alone(c)) {
            None => Cluster::Other,
            Some(c) if count(format!("a{c}")) == 1 => Cluster::Mark,
            Some(c) if count(format!("{c}\u{064E}")) == 1 => Cluster::Base,
            Some(_) => Cluster::Breaks,
        })
        .collect()
});

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
    if let Some(plain) = fold_plain(source) {
        return plain;
    }
    let mut out = Folded {
        key: String::with_capacity(source.len()),
        origin: Vec::with_capacity(source.len()),
    };
    for (offset, grapheme) in source.grapheme_indices(true) {
        fold_grapheme(grapheme, |c| {
            out.key.push(c);
            out.origin.push(offset);
        });
    }
    out
}

/// [`fold`] of plain text, whose chars all fold alone (see [`is_alone`]): nearly all
/// news text. It is folded char by char; each kept char is its own grapheme's start, so
/// the origins are the ones grapheme segmentation would give. The key of plain text is
/// its chars' keys one after another, so the key of any part of it is a slice of this
/// key, the one [`search_key`] gives that part. `None` for any other text.
pub fn fold_plain(source: &str) -> Option<Folded> {
    let mut out = Folded {
        key: String::with_capacity(source.len()),
        origin: Vec::with_capacity(source.len()),
    };
    let plain = fold_simple::<true>(source, &mut out.key, |offset| out.origin.push(offset));
    plain.then_some(out)
}

/// Fold one grapheme cluster, handing each key char to `push`.
fn fold_grapheme(grapheme: &str, mut push: impl FnMut(char)) {
    if grapheme.is_ascii() {
        grapheme.chars().for_each(|c| push(c.to_ascii_lowercase()));
        return;
    }
    for c in grapheme.nfkc().filter_map(fold_char) {
        c.to_lowercase().for_each(&mut push);
    }
}

/// Chars whose fold needs neither grapheme context nor NFKC: ASCII, and the Arabic block
/// minus the marks that compose with their base (U+0653..U+0655), have compatibility
/// decompositions (U+0675..U+0678) or are kept and could be reordered (U+0610..U+061A).
/// Every other Arabic mark is dropped by `fold_char`, so its order cannot matter.
fn is_simple(c: char) -> bool {
    c.is_ascii()
        // quotes and dashes common in news text, all NFKC-stable starters
        || matches!(c, '\u{00AB}' | '\u{00BB}' | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
        || (matches!(c, '\u{0600}'..='\u{06FF}')
            && !matches!(
                c,
                '\u{0610}'..='\u{061A}' | '\u{0653}'..='\u{0655}' | '\u{0675}'..='\u{0678}'
            ))
}

/// A simple char that also never joins the grapheme of the char after it: not CR (CR LF
/// is one grapheme) and not an Arabic prepended sign (U+0600..U+0605, U+06DD), so its
/// kept fold starts a grapheme of its own.
fn is_simple_alone(c: char) -> bool {
    is_simple(c) && c != '\r' && !is_prepended(c)
}

/// Arabic signs that join the grapheme after them (number signs, end of ayah).
fn is_prepended(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{0605}' | '\u{06DD}')
}

/// Punctuation of news text that is a grapheme of its own and never joins its
/// neighbours, so it folds alone (NFKC still applies: U+00A0 is a space, "…" is "...").
fn is_plain_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '«' | '»' | '\u{2013}' | '\u{2014}' | '\u{2018}'..='\u{201E}' | '…'
    )
}

/// Chars whose fold does not depend on the chars around them.
fn is_alone(c: char) -> bool {
    is_simple_alone(c) || is_plain_punctuation(c)
}

/// Fold one char for which [`is_alone`] holds.
fn fold_alone(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else if is_plain_punctuation(c) {
        fold_grapheme(c.encode_utf8(&mut [0; 4]), push);
    } else if let Some(f) = fold_char(c) {
        push(f);
    }
}

/// The search key alone.
pub fn search_key(source: &str) -> String {
    let mut key = String::with_capacity(source.len());
    search_key_into(source, &mut key);
    key
}

/// The search key written into `key` (cleared first), so that a loop over a million
/// items reuses one buffer. Text made only of ASCII and plain Arabic letters (nearly all
/// news text) is folded char by char, skipping grapheme segmentation and NFKC, which
/// give the same key for those chars and cost ten times more.
pub fn search_key_into(source: &str, key: &mut String) {
    if source.is_ascii() {
        key.clear();
        key.push_str(source);
        key.make_ascii_lowercase();
        return;
    }
    key.clear();
    if fold_simple::<false>(source, key, |_| {}) {
        return;
    }
    key.clear();
    for grapheme in source.graphemes(true) {
        fold_grapheme(grapheme, |c| key.push(c));
    }
}

/// The search key of `source` given char by char to `each`, for text whose chars all
/// fold alone (nearly all news text: see [`search_key_into`]), so that a caller can pack
/// it as it comes. Returns false, after some chars, when `source` needs the grapheme
/// path: its key is then [`search_key_into`]'s.
#[inline]
pub fn search_key_each(source: &str, mut each: impl FnMut(char)) -> bool {
    if source.is_ascii() {
        for b in source.bytes() {
            each(char::from(b.to_ascii_lowercase()));
        }
        return true;
    }
    let table = &*SMALL;
    for c in source.chars() {
        if c.is_ascii() {
            each(c.to_ascii_lowercase());
            continue;
        }
        let fold = small_index(c).and_then(|i| table.get(i).copied());
        match fold.unwrap_or(Small::Slow) {
            Small::To(f) => each(f.to_ascii_lowercase()),
            Small::Prepended => each(c),
            Small::Drop => {}
            Small::Alone => fold_alone(c, |f| each(f.to_ascii_lowercase())),
            Small::Slow => return false,
        }
    }
    true
}

/// How a char below U+0800 folds in the char-by-char path.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Small {
    /// Folded to one char (most chars: to themselves).
    To(char),
    /// Dropped (harakat, tatweel).
    Drop,
    /// Kept as it is, but joins the grapheme after it (Arabic prepended signs): only
    /// the search key folds it char by char, [`fold`] needs grapheme segmentation.
    Prepended,
    /// Folded alone, to several chars.
    Alone,
    /// Needs grapheme segmentation and NFKC: the whole text takes the slow path.
    Slow,
}

fn small(c: char) -> Small {
    if !is_simple(c) && !is_plain_punctuation(c) {
        return Small::Slow;
    }
    let mut out = [None; 2];
    let mut n = 0;
    fold_alone(c, |f| {
        if let Some(slot) = out.get_mut(n) {
            *slot = Some(f);
        }
        n += 1;
    });
    match (n, out[0]) {
        (0, _) => Small::Drop,
        (1, Some(f)) if f == c && is_prepended(c) => Small::Prepended,
        (1, Some(f)) => Small::To(f),
        _ => Small::Alone,
    }
}

/// [`small`] for every char below U+0800 (ASCII, Latin, Arabic) and of the General
/// Punctuation block (curly quotes, dashes, "…"), looked up per char.
static SMALL: std::sync::LazyLock<Vec<Small>> = std::sync::LazyLock::new(|| {
    (0..0x800u32)
        .chain(GENERAL_PUNCTUATION)
        .map(|u| char::from_u32(u).map_or(Small::Slow, small))
        .collect()
});

const GENERAL_PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2070;

/// Where [`SMALL`] holds `c`.
fn small_index(c: char) -> Option<usize> {
    let u = u32::from(c);
    let index = match u {
        0..0x800 => u,
        _ if GENERAL_PUNCTUATION.contains(&u) => u - GENERAL_PUNCTUATION.start + 0x800,
        _ => return None,
    };
    usize::try_from(index).ok()
}

/// The search key of UTF-8 `source` written into `key`, for text whose chars all fold
/// alone (see [`search_key_into`]). Returns false, with `key` unspecified, when `source`
/// is not valid UTF-8 or holds a char that needs the grapheme path: the caller folds it
/// the slow way.
pub fn search_key_from_bytes(source: &[u8], key: &mut String) -> bool {
    key.clear();
    simdutf8::basic::from_utf8(source).is_ok_and(|source| fold_simple::<false>(source, key, |_| {}))
}

/// The char-by-char fold of `source`, appended to `key`, and for each key char the byte
/// offset of the source char behind it handed to `origin`. Runs of chars that fold to
/// themselves (nearly all of news text) are copied in one go, ASCII capitals and all:
/// no fold of another char is an ASCII capital, so the key is lower-cased at the end.
/// `GRAPHEMES` also refuses the chars that join the grapheme after them (CR, Arabic
/// prepended signs), so that every kept char starts a grapheme of its own, as [`fold`]
/// needs. Returns false, `key` and `origin` left with a prefix only, when `source` holds
/// a char that needs the grapheme path.
#[inline]
fn fold_simple<const GRAPHEMES: bool>(
    source: &str,
    key: &mut String,
    mut origin: impl FnMut(usize),
) -> bool {
    let table = &*SMALL;
    let from = key.len();
    // `source[run..]` is folded to itself so far and not copied yet
    let mut run = 0;
    for (at, c) in source.char_indices() {
        if c.is_ascii() {
            if GRAPHEMES && c == '\r' {
                return false;
            }
            origin(at);
            continue;
        }
        let fold = small_index(c).and_then(|i| table.get(i).copied());
        let fold = fold.unwrap_or(Small::Slow);
        if fold == Small::To(c) || !GRAPHEMES && fold == Small::Prepended {
            origin(at);
            continue;
        }
        key.push_str(source.get(run..at).unwrap_or_default());
        run = at + c.len_utf8();
        match fold {
            Small::To(f) => {
                key.push(f);
                origin(at);
            }
            Small::Drop => {}
            Small::Alone => fold_alone(c, |f| {
                key.push(f);
                origin(at);
            }),
            Small::Slow | Small::Prepended => return false,
        }
    }
    key.push_str(source.get(run..).unwrap_or_default());
    if let Some(folded) = key.get_mut(from..) {
        folded.make_ascii_lowercase();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_char_by_char_is_the_key() {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut lines: Vec<String> = std::fs::read_dir(seeds)
            .unwrap()
            .flat_map(|e| {
                std::fs::read_to_string(e.unwrap().path())
                    .unwrap_or_default()
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        lines.extend(
            [
                "إسلام مدرسة مُحَمَّد ١٢٣ ۱۲۳ ﺳﻼﻡ عـــرب",
                "Ünïcode ABC “quotes” — dash… \u{a0}nbsp",
                "\u{600}\u{661} prepended",
                "ÀÉÎ straße",
                "emoji 🙂",
            ]
            .map(str::to_string),
        );
        let mut simple = 0;
        for line in &lines {
            let mut each = String::new();
            if search_key_each(line, |c| each.push(c)) {
                simple += 1;
                assert_eq!(each, search_key(line), "{line:?}");
            }
        }
        assert!(
            simple > lines.len() / 2,
            "most news text takes the char path"
        );
    }

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

    /// The char-by-char fold as written first: no table, no byte decoding.
    fn reference_key(source: &str) -> String {
        let mut key = String::new();
        for c in source.chars() {
            if !is_simple(c) && !is_plain_punctuation(c) {
                key.clear();
                for grapheme in source.graphemes(true) {
                    fold_grapheme(grapheme, |c| key.push(c));
                }
                return key;
            }
            fold_alone(c, |f| key.push(f));
        }
        key
    }

    #[test]
    fn folding_from_bytes_agrees_with_folding_text() {
        for text in [
            "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار",
            "مُحَمَّد في «المدرسة» — ١٢٣ و۱۲۳ … “quoted” ‘x’ A\u{00A0}B",
            "The Pentagon SAID\r\n",
            "عـــرب کتاب یک مستشفى",
            "",
        ] {
            let mut key = String::new();
            assert!(search_key_from_bytes(text.as_bytes(), &mut key), "{text:?}");
            assert_eq!(key, reference_key(text), "{text:?}");
            assert_eq!(search_key(text), reference_key(text), "{text:?}");
        }
        let mut key = String::new();
        // the slow path: presentation forms, combining marks, four-byte chars, bad bytes
        for bytes in [
            "ﺳﻼﻡ".as_bytes(),
            "Ünïcode".as_bytes(),
            "e\u{301}".as_bytes(),
            "😀".as_bytes(),
            b"ab\xffc",
            b"\xed\xa0\x80",
            b"\xe0\x80\x80",
            b"\xc3",
        ] {
            assert!(!search_key_from_bytes(bytes, &mut key), "{bytes:?}");
        }
        // every char below U+0800 and the punctuation block folds the same either way
        for c in ('\u{1}'..'\u{0800}').chain('\u{2000}'..='\u{206F}') {
            let text = format!("ب{c}ا");
            if search_key_from_bytes(text.as_bytes(), &mut key) {
                assert_eq!(key, reference_key(&text), "{c:?}");
            }
            assert_eq!(search_key(&text), reference_key(&text), "{c:?}");
        }
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

    #[test]
    fn fast_path_agrees_with_the_full_fold_for_every_simple_char() {
        use unicode_normalization::char::canonical_combining_class;
        let punctuation = '\u{2000}'..='\u{206F}';
        for c in ('\u{0}'..='\u{07FF}')
            .chain(punctuation)
            .filter(|&c| is_simple(c))
        {
            let alone: String = c.nfkc().collect();
            assert_eq!(alone, c.to_string(), "{c:?} changes under NFKC");
            let kept = fold_char(c).is_some();
            assert!(
                canonical_combining_class(c) == 0 || !kept,
                "{c:?} is a kept combining mark and could be reordered"
            );
            for base in ["ب", "a", "و"] {
                let s = format!("{base}{c}{base}");
                assert_eq!(search_key(&s), fold(&s).key, "{s:?}");
            }
        }
    }

    #[test]
    fn fold_fast_path_gives_the_origins_of_grapheme_segmentation() {
        let punctuation = ('\u{00A0}'..='\u{00BF}').chain('\u{2000}'..='\u{206F}');
        for c in ('\u{0}'..='\u{07FF}')
            .chain(punctuation)
            .filter(|&c| is_alone(c))
        {
            for base in ["ب", "a", "و", " ", "\u{064E}", "\u{0651}"] {
                let s = format!("{base}{c}{base}{c}");
                let mut full = Folded::default();
                for (offset, grapheme) in s.grapheme_indices(true) {
                    fold_grapheme(grapheme, |k| {
                        full.key.push(k);
                        full.origin.push(offset);
                    });
                }
                assert_eq!(fold(&s), full, "{s:?}");
                assert_eq!(search_key(&s), full.key, "{s:?}");
            }
        }
    }

    /// `source_range` as first written: grapheme segmentation from the key char's origin.
    fn segmented_range(f: &Folded, source: &str, k: usize) -> std::ops::Range<usize> {
        let start = f.origin.get(k).copied().unwrap_or(source.len());
        let end = source
            .get(start..)
            .and_then(|rest| rest.graphemes(true).next())
            .map(|g| start + g.len())
            .unwrap_or(source.len());
        start..end
    }

    #[test]
    fn clusters_of_simple_chars_are_a_base_and_its_marks() {
        let alone: Vec<char> = ('\u{0}'..='\u{07FF}')
            .chain('\u{2000}'..='\u{206F}')
            .filter(|&c| is_alone(c))
            .collect();
        for &c in &alone {
            for &d in &alone {
                let joined = cluster(d) == Cluster::Mark && cluster(c) != Cluster::Breaks;
                let pair = format!("{c}{d}");
                let expected = if joined { 1 } else { 2 };
                assert_eq!(pair.graphemes(true).count(), expected, "{c:?} {d:?}");
            }
        }
    }

    #[test]
    fn source_ranges_cover_the_graphemes_segmentation_finds() {
        let marks = [
            "",
            "\u{064E}",
            "\u{0651}\u{064E}",
            "\u{0654}",
            "\u{200D}",
            "\u{301}",
        ];
        let others = ["\r\n", "\u{0600}1", "😀", "e\u{301}", "ﺳﻼﻡ", "\u{061C}"];
        let chars = ('\u{0}'..='\u{07FF}').chain('\u{2000}'..='\u{206F}');
        let texts = chars.map(String::from).chain(others.map(String::from));
        for text in texts {
            for mark in marks {
                for base in ["ب", "a", " ", "\n"] {
                    let s = format!("{base}{text}{mark}{base}{mark}{text}");
                    let f = fold(&s);
                    for k in 0..=f.origin.len() {
                        let expected = segmented_range(&f, &s, k);
                        assert_eq!(f.source_range(&s, k), expected, "{s:?} {k}");
                    }
                }
            }
        }
        assert_eq!(Folded::default().source_range("ab", 5), 2..2);
    }

    #[test]
    fn prepended_signs_and_crlf_keep_grapheme_origins() {
        let f = fold("\u{0600}1 a\r\nb");
        assert_eq!(f.key, "\u{0600}1 a\r\nb");
        assert_eq!(
            f.origin[1], 0,
            "the number sign and its digit are one grapheme"
        );
        assert_eq!(f.origin[5], f.origin[4], "CR LF is one grapheme");
    }

    #[test]
    fn composing_marks_take_the_full_path() {
        // waw + hamza above composes to U+0624, which is not folded to a bare waw
        assert_eq!(search_key("\u{0648}\u{0654}"), "\u{0624}");
        assert_eq!(search_key("Cafe\u{0301}"), "café");
        let mixed = "قال لافروف: \"ﺳﻼﻡ\" Moscow";
        assert_eq!(search_key(mixed), fold(mixed).key);
    }
}
