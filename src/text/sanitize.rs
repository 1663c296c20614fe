//! Untrusted text made safe for a terminal: nothing from an article may move the cursor,
//! change colours, or reorder the screen. Used on every string before it is drawn or
//! printed in a line-oriented format.

use std::borrow::Cow;

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

/// Remove control characters, escape sequences' introducers and bidi controls. A tab
/// becomes a space; newlines are kept (the caller splits lines).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return Cow::Borrowed(s);
    }
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
    fn escape_sequences_lose_their_introducer() {
        let hostile = "title\x1b[2J\x1b]0;pwned\x07 \u{9b}31m end";
        let out = clean(hostile);
        assert!(!out.contains('\x1b'));
        assert!(!out.contains('\x07'));
        assert!(!out.contains('\u{9b}'));
        assert!(out.starts_with("title[2J]0;pwned"));
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
