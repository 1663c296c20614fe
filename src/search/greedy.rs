//! A linear-time scorer in the manner of fzf's `--algo=v1`: find the needle's chars in
//! order, shrink the window from the end, then score that one window with fzf's bonuses.
//! Char classes come from a table that knows Arabic, so scoring never reaches the slow
//! Unicode property lookups that dominate skim's and nucleo's time on Arabic keys.

use super::key::{all_single, single};
use super::scorer::{Hay, Needle, Scorer};
use super::walk::{backward, forward, units};
use std::sync::LazyLock;

const SCORE_MATCH: i64 = 16;
const GAP_START: i64 = -3;
const GAP_EXTENSION: i64 = -1;
const BONUS_BOUNDARY: i64 = SCORE_MATCH / 2;
const BONUS_NON_WORD: i64 = SCORE_MATCH / 2;
const BONUS_CAMEL_123: i64 = BONUS_BOUNDARY + GAP_EXTENSION;
const BONUS_CONSECUTIVE: i64 = -(GAP_START + GAP_EXTENSION);
const BONUS_FIRST_CHAR_MULTIPLIER: i64 = 2;
const BONUS_BOUNDARY_WHITE: i64 = BONUS_BOUNDARY + 2;
const BONUS_BOUNDARY_DELIMITER: i64 = BONUS_BOUNDARY + 1;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    White,
    NonWord,
    Delimiter,
    Lower,
    Upper,
    Letter,
    Number,
}

fn class(c: char) -> Class {
    match c {
        ' ' | '\t' | '\n' | '\r' => Class::White,
        '/' | ',' | ':' | ';' | '|' => Class::Delimiter,
        'a'..='z' => Class::Lower,
        'A'..='Z' => Class::Upper,
        '0'..='9' => Class::Number,
        c if c.is_ascii() => Class::NonWord,
        // Arabic letters, and the Arabic comma, semicolon and question mark
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06FA}'..='\u{06FF}' => Class::Letter,
        '\u{060C}' | '\u{061B}' => Class::Delimiter,
        '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}' => Class::NonWord,
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => Class::Number,
        c if c.is_whitespace() => Class::White,
        c if c.is_lowercase() => Class::Lower,
        c if c.is_uppercase() => Class::Upper,
        c if c.is_alphabetic() => Class::Letter,
        c if c.is_numeric() => Class::Number,
        _ => Class::NonWord,
    }
}

/// The class of every byte of a packed key that is a char of its own (for the others,
/// never looked up, `NonWord`).
static PACKED: LazyLock<[Class; 256]> = LazyLock::new(|| {
    let mut table = [Class::NonWord; 256];
    for (b, slot) in table.iter_mut().enumerate() {
        if let Some(c) = single(b as u8) {
            *slot = class(c);
        }
    }
    table
});

/// The class of every char below U+0800 (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic):
/// one load instead of a chain of range tests per char scored.
static SMALL: LazyLock<[Class; 0x800]> = LazyLock::new(|| {
    let mut table = [Class::NonWord; 0x800];
    for (i, slot) in table.iter_mut().enumerate() {
        *slot = char::from_u32(i as u32).map_or(Class::NonWord, class);
    }
    table
});

#[inline]
fn class_in(table: &[Class; 0x800], c: char) -> Class {
    table.get(c as usize).copied().unwrap_or_else(|| class(c))
}

fn bonus(prev: Class, cur: Class) -> i64 {
    if cur > Class::Delimiter {
        match prev {
            Class::White => return BONUS_BOUNDARY_WHITE,
            Class::Delimiter => return BONUS_BOUNDARY_DELIMITER,
            Class::NonWord => return BONUS_BOUNDARY,
            _ => {}
        }
    }
    if (prev == Class::Lower && cur == Class::Upper)
        || (prev != Class::Number && cur == Class::Number)
    {
        return BONUS_CAMEL_123;
    }
    match cur {
        Class::NonWord | Class::Delimiter => BONUS_NON_WORD,
        Class::White => BONUS_BOUNDARY_WHITE,
        _ => 0,
    }
}

/// Chars in UTF-8 bytes: the bytes that do not continue a char.
fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// fzf v1 over folded keys.
#[derive(Debug)]
pub struct Greedy;

impl Greedy {
    /// The window `start..end` (bytes) holding the last-starting match that ends first:
    /// the first in-order match's end, then the needle walked back from there (both
    /// memchr walks over bytes, never decoding the key).
    fn window(key: &str, needle: &str) -> Option<(usize, usize)> {
        if needle.is_empty() {
            return None;
        }
        let units = units(needle);
        let end = forward(key.as_bytes(), 0, &units)?;
        let start = backward(key.as_bytes(), 0, end, &units)?;
        Some((start, end))
    }

    /// The widest window (in chars) whose [`Greedy::bound`] for a needle of `n` chars
    /// is still `need` or more; `None` when even a window of `n` chars falls short.
    fn widest(n: usize, need: i64) -> Option<usize> {
        let best = Greedy::bound(n, n);
        if need > best {
            return None;
        }
        // bound(n + g) = best - (g + 2) for a gap g of one char or more.
        let gap = usize::try_from(best - need - 2).unwrap_or(0);
        Some(n.saturating_add(gap))
    }

    /// The best score a window of `width` chars holding a needle of `n` chars can earn:
    /// every char matched with the largest bonus (the first one doubled), and the gap
    /// chars in one run (each run costs `GAP_START`, each further char `GAP_EXTENSION`).
    fn bound(width: usize, n: usize) -> i64 {
        let (width, n) = (width as i64, n as i64);
        let gap = (width - n).max(0);
        let penalty = if gap > 0 {
            -GAP_START + (gap - 1) * -GAP_EXTENSION
        } else {
            0
        };
        n * SCORE_MATCH + (n + BONUS_FIRST_CHAR_MULTIPLIER - 1) * BONUS_BOUNDARY_WHITE - penalty
    }

    /// fzf's `calculateScore` over `key[start..end]`; pushes matched char positions.
    fn score_window(
        key: &str,
        needle: &str,
        start: usize,
        end: usize,
        positions: Option<&mut Vec<usize>>,
    ) -> i64 {
        let first_char = if positions.is_some() {
            key[..start].chars().count()
        } else {
            0
        };
        let prev = key[..start].chars().next_back();
        Greedy::score_chars(prev, key[start..end].chars(), needle, first_char, positions)
    }

    /// [`Greedy::score_window`] over a window's chars: `prev` is the char before it,
    /// `first_char` the window's position in chars (for `positions`).
    fn score_chars(
        prev: Option<char>,
        window: impl Iterator<Item = char>,
        needle: &str,
        first_char: usize,
        positions: Option<&mut Vec<usize>>,
    ) -> i64 {
        let table = &*SMALL;
        let prev = prev.map_or(Class::White, |c| class_in(table, c));
        let window = window.map(|c| (c, class_in(table, c)));
        Greedy::score_units(prev, window, needle.chars(), first_char, positions)
    }

    /// fzf's `calculateScore` over units of a window with their classes, the needle as
    /// units of the same kind (chars, or the bytes of a packed key whose chars all take
    /// one byte).
    fn score_units<T: PartialEq + Copy>(
        prev: Class,
        window: impl Iterator<Item = (T, Class)>,
        needle: impl Iterator<Item = T>,
        first_char: usize,
        mut positions: Option<&mut Vec<usize>>,
    ) -> i64 {
        let mut want = needle.peekable();
        let mut prev = prev;
        let (mut score, mut in_gap, mut consecutive, mut first_bonus) = (0, false, 0, 0);
        let mut matched = 0;
        for (k, (c, cur)) in window.enumerate() {
            if want.peek() == Some(&c) {
                let is_first = matched == 0;
                matched += 1;
                want.next();
                score += SCORE_MATCH;
                let mut b = bonus(prev, cur);
                if consecutive == 0 {
                    first_bonus = b;
                } else {
                    if b >= BONUS_BOUNDARY && b > first_bonus {
                        first_bonus = b;
                    }
                    b = b.max(first_bonus).max(BONUS_CONSECUTIVE);
                }
                score += if is_first {
                    b * BONUS_FIRST_CHAR_MULTIPLIER
                } else {
                    b
                };
                in_gap = false;
                consecutive += 1;
                if let Some(p) = positions.as_deref_mut() {
                    p.push(first_char + k);
                }
            } else {
                score += if in_gap { GAP_EXTENSION } else { GAP_START };
                in_gap = true;
                consecutive = 0;
                first_bonus = 0;
            }
            prev = cur;
        }
        score
    }

    /// The score of the window `start..end` of `key`: byte by byte when the key is
    /// packed and every char of the window and the needle takes one byte (nearly
    /// always), char by char otherwise.
    fn score_span(key: &Hay, needle: &Needle, start: usize, end: usize) -> i64 {
        let prev = key.char_before(start).map(|(_, c)| c);
        let window = key.bytes().get(start..end).unwrap_or(&[]);
        if key.is_packed() && needle.packs_small() && all_single(window) {
            let table = &*PACKED;
            let prev = prev.map_or(Class::White, |c| class_in(&SMALL, c));
            let units = window.iter().map(|&b| (b, table[usize::from(b)]));
            let needle = needle.bytes_for(key).iter().copied();
            return Greedy::score_units(prev, units, needle, 0, None);
        }
        Greedy::score_chars(prev, key.chars(start..end), needle.text(), 0, None)
    }

    /// The window of `key` ending at `end` (a match's end) scored: walked back from
    /// `end`, then its chars scored with the one before it.
    fn score_back_from(key: &Hay, needle: &Needle, end: usize) -> i64 {
        let start = backward(key.bytes(), 0, end, needle.units_for(key)).unwrap_or(0);
        Greedy::score_span(key, needle, start, end)
    }

    /// Where the window of a match ending at `end` starts, when it is narrow enough for
    /// its bound to reach `need`: the needle walked back from `end` only as far as such a
    /// window reaches (a few bytes per needle char, not the rest of the key).
    fn start_within(key: &Hay, needle: &Needle, end: usize, need: i64) -> Option<usize> {
        let n = needle.chars();
        let widest = Greedy::widest(n, need)?;
        let bytes = key.bytes();
        if widest == n {
            // Only a gap-free window will do: the needle itself just before `end`.
            let text = needle.bytes_for(key);
            let start = end.checked_sub(text.len())?;
            return (bytes.get(start..end)? == text).then_some(start);
        }
        // A char takes at most five bytes (packed) or four (UTF-8).
        let lo = end.saturating_sub(widest.saturating_mul(5));
        let start = backward(bytes, lo, end, needle.units_for(key))?;
        let width = bytes.get(start..end).map_or(0, char_count);
        (Greedy::bound(width, n) >= need).then_some(start)
    }
}

impl Scorer for Greedy {
    fn name(&self) -> &'static str {
        "greedy"
    }
    fn score_run(&self, key: &Hay, needle: &str, run: std::ops::Range<usize>) -> i64 {
        // A run is its own window: nothing to walk.
        let prev = key.char_before(run.start).map(|(_, c)| c);
        Greedy::score_chars(prev, key.chars(run), needle, 0, None)
    }
    fn score_matched(&self, key: &Hay, needle: &Needle, end: usize) -> i64 {
        Greedy::score_back_from(key, needle, end)
    }
    fn bound_matched(&self, key: &Hay, needle: &Needle, end: usize, need: i64) -> Option<i64> {
        let start = Greedy::start_within(key, needle, end, need)?;
        let width = key.bytes().get(start..end).map_or(0, char_count);
        Some(Greedy::bound(width, needle.chars()))
    }
    fn score_from(&self, key: &Hay, needle: &Needle, end: usize, need: i64) -> Option<i64> {
        let start = Greedy::start_within(key, needle, end, need)?;
        Some(Greedy::score_span(key, needle, start, end))
    }
    fn max_score(&self, needle: &Needle) -> i64 {
        Greedy::bound(needle.chars(), needle.chars())
    }
    fn score(&self, key: &str, needle: &str) -> Option<i64> {
        let (start, end) = Greedy::window(key, needle)?;
        Some(Greedy::score_window(key, needle, start, end, None))
    }
    fn positions(&self, key: &str, needle: &str) -> Option<Vec<usize>> {
        let (start, end) = Greedy::window(key, needle)?;
        let mut p = Vec::new();
        Greedy::score_window(key, needle, start, end, Some(&mut p));
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window found by decoding chars (the plain definition).
    fn window_by_chars(key: &str, needle: &str) -> Option<(usize, usize)> {
        let mut want = needle.chars().peekable();
        let mut end = None;
        for (i, c) in key.char_indices() {
            if want.peek() == Some(&c) {
                want.next();
                if want.peek().is_none() {
                    end = Some(i + c.len_utf8());
                    break;
                }
            }
        }
        let end = end?;
        let mut want = needle.chars().rev().peekable();
        let mut start = end;
        for (i, c) in key[..end].char_indices().rev() {
            if want.peek() == Some(&c) {
                want.next();
                start = i;
                if want.peek().is_none() {
                    break;
                }
            }
        }
        Some((start, end))
    }

    #[test]
    fn byte_walks_find_the_same_window_as_decoding_chars() {
        let keys = [
            "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار",
            "the pentagon said the trained rebels remain loyal to washington",
            "الامريكي والامريكيه في الولايات المتحده الامريكيه pentagon ĄلĄ",
            "",
        ];
        let needles = [
            "لافروف",
            "الامريكي",
            "pentagon",
            "ptg",
            "لل",
            "ĄĄ",
            "Ą",
            "tn",
            "zz",
        ];
        for key in keys {
            for needle in needles {
                assert_eq!(
                    Greedy::window(key, needle),
                    window_by_chars(key, needle),
                    "{key:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn bounds_are_never_below_scores() {
        let keys = [
            "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار",
            "the pentagon said the trained rebels remain loyal to washington",
            "الامريكي والامريكيه في الولايات المتحده الامريكيه pentagon/Pentagon ĄلĄ",
            " pentagon",
            "a/b:c d|e",
        ];
        let needles = [
            "لافروف",
            "الامريكي",
            "pentagon",
            "ptg",
            "لل",
            "Ą",
            "tn",
            "abcde",
            "p",
            "a",
        ];
        for key in keys {
            for needle in needles {
                let n = Needle::new(needle);
                let score = Greedy.score(key, needle);
                let packed = crate::search::key::pack(key);
                for hay in [Hay::utf8(key), Hay::packed(&packed)] {
                    let end = forward(hay.bytes(), 0, n.units_for(&hay));
                    assert_eq!(end.is_some(), score.is_some(), "{key:?} {needle:?}");
                    let (Some(end), Some(score)) = (end, score) else {
                        continue;
                    };
                    assert_eq!(Greedy.score_matched(&hay, &n, end), score);
                    assert!(score <= Greedy.max_score(&n), "{key:?} {needle:?}");
                    for need in score - 40..=score + 40 {
                        match Greedy.bound_matched(&hay, &n, end, need) {
                            Some(b) => assert!(
                                b >= need && b >= score,
                                "{key:?} {needle:?} need {need}: bound {b} < score {score}"
                            ),
                            None => assert!(
                            score < need,
                            "{key:?} {needle:?}: score {score} reaches {need} but was bounded out"
                        ),
                        }
                    }
                }
            }
        }
        // a contiguous match at a word start after a space reaches the bound exactly
        let n = Needle::new("pentagon");
        assert_eq!(
            Greedy.score(" pentagon", "pentagon"),
            Some(Greedy.max_score(&n))
        );
        assert_eq!(char_count("aلĄ中😀".as_bytes()), 5);
    }

    #[test]
    fn the_class_table_agrees_with_the_class_tests() {
        let table = &*SMALL;
        for c in ('\0'..'\u{0800}').chain(['\u{3000}', 'ß', 'Ж', '中']) {
            assert!(class_in(table, c) == class(c), "{c:?}");
        }
    }
}
