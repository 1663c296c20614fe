//! Untrusted text made safe for a terminal: nothing from an article may move the cursor,
//! change colours, or reorder the screen. Used on every string before it is drawn or
//! printed in a line-oriented format.

use std::borrow::Cow;
use std::ops::Range;

/// Characters that must never reach the terminal as such.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{001F}' | '\u{007F}'..='\u{009F}'
        // bidi embeddings, overrides and isolates: we do the reordering ourselves
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        // line/paragraph separators move the cursor on some terminals
        | '\u{2028}' | '\u{2029}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Byte ranges of terminal escape sequences (ECMA-48: CSI, OSC, DCS and other string
/// sequences, two-byte escapes; 7-bit and C1 forms), so that a sequence is removed whole
/// rather than leaving `[2J` on screen. A string sequence with no terminator ends at the
/// line's end: it never swallows the rest of an article.
pub fn escape_ranges(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !s.contains([
        '\x1b', '\u{9b}', '\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}',
    ]) {
        return out;
    }
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let kind = match c {
            '\x1b' => match chars.peek().map(|&(_, n)| n) {
                Some('[') => {
                    chars.next();
                    Seq::Csi
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    Seq::Str
                }
                Some('\x20'..='\x2f') => Seq::Esc,
                Some('\x30'..='\x7e') => {
                    chars.next();
                    Seq::Done
                }
                _ => Seq::Done,
            },
            '\u{9b}' => Seq::Csi,
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Seq::Str,
            _ => continue,
        };
        match kind {
            Seq::Csi => {
                // parameters and intermediates, then one final byte
                while let Some(&(_, n)) = chars.peek() {
                    chars.next();
                    if !matches!(n, '\x20'..='\x3f') {
                        break;
                    }
                }
            }
            Seq::Esc => {
                while let Some(&(_, n)) = chars.peek() {
                    chars.next();
                    if !matches!(n, '\x20'..='\x2f') {
                        break;
                    }
                }
            }
            Seq::Str => {
                while let Some(&(_, n)) = chars.peek() {
                    if n == '\n' {
                        break;
                    }
                    chars.next();
                    if n == '\x07' || n == '\u{9c}' {
                        break;
                    }
                    if n == '\x1b' {
                        if chars.peek().is_some_and(|&(_, t)| t == '\\') {
                            chars.next();
                        }
                        break;
                    }
                }
            }
            Seq::Done => {}
        }
        let end = chars.peek().map_or(s.len(), |&(i, _)| i);
        out.push(start..end);
    }
    out
}

enum Seq {
    Csi,
    Str,
    Esc,
    Done,
}

/// `s` without its escape sequences (borrowed when it has none).
fn without_escapes(s: &str) -> Cow<'_, str> {
    let ranges = escape_ranges(s);
    if ranges.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for r in ranges {
        out.push_str(&s[at..r.start]);
        at = r.end;
    }
    out.push_str(&s[at..]);
    Cow::Owned(out)
}

/// Remove escape sequences, control characters and bidi controls. A tab becomes a space;
/// newlines are kept (the caller splits lines).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
    let s = without_escapes(s);
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\n' => Some('\n'),
                '\t' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// As [`clean`], with newlines and tabs turned into spaces: one line of a TSV cell, a
/// status bar or a list row.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let s = without_escapes(s);
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_removed_whole() {
        let hostile = "title\x1b[2J\x1b]0;pwned\x07 \u{9b}31m end\x1b[?1049l.\x1bP1$r\x1b\\!\x1b(B";
        assert_eq!(clean(hostile), "title  end.!");
        assert_eq!(one_line("a\x1b[31mred\x1b[0m\nb"), "ared b");
    }

    #[test]
    fn an_unterminated_string_sequence_stops_at_the_line_end() {
        assert_eq!(clean("x\x1b]0;never ends\nnext line"), "x\nnext line");
        assert_eq!(clean("trailing\x1b"), "trailing");
    }

    #[test]
    fn bidi_overrides_are_removed_and_arabic_kept() {
        assert_eq!(clean("\u{202E}سلام\u{202C} ok"), "سلام ok");
        assert_eq!(clean("a\tb\nc"), "a b\nc");
        assert_eq!(one_line("a\tb\nc\r"), "a b c");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("نص عادي\nline"), Cow::Borrowed(_)));
    }
}
