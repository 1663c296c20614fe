//! Tokens and sentences of one body line. Tokens carry the folded search key (the one
//! normalisation in `text::normalize`) and their byte span in the article text, so every
//! later stage matches folded words but reports spans into the original text.

use crate::text::normalize::fold;
use std::ops::Range;

/// One word, number or punctuation mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Folded key (`أكدت` → `اكدت`, `Said` → `said`).
    pub key: String,
    /// Byte span in the article text.
    pub span: Range<usize>,
    pub kind: Kind,
    /// The word is written in Arabic script.
    pub arabic: bool,
    /// The word starts with an upper-case letter (Latin names, sentence starts).
    pub upper: bool,
    /// Every letter is upper-case and there are two or more ("WHO", "AFP"): an acronym,
    /// never the pronoun "who".
    pub caps: bool,
    /// White space (or the line start) comes right before it.
    pub spaced: bool,
    /// Inside a closed pair of quotation marks.
    pub quoted: bool,
    /// For a quotation mark: the index of the mark that closes or opens it.
    pub partner: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Number,
    Punct(char),
}

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word | Kind::Number)
    }

    pub fn punct(&self) -> Option<char> {
        match self.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    pub fn is_quote_mark(&self) -> bool {
        self.punct().is_some_and(is_quote)
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

/// Letters and digits, with the common Arabic and ASCII ranges answered without the
/// slow Unicode table look-up (it dominated profiles).
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Tokens of `text[line]`, with quotation marks paired.
pub(crate) fn tokenize(text: &str, line: Range<usize>) -> Vec<Token> {
    let Some(src) = text.get(line.clone()) else {
        return Vec::new();
    };
    let folded = fold(src);
    let chars: Vec<char> = folded.key.chars().collect();
    let mut tokens = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let start_k = k;
        let kind = if is_word_char(c) {
            let mut all_digits = is_digit(c);
            k += 1;
            while k < chars.len() {
                let d = chars[k];
                // same grapheme origin means the fold split one source letter: keep together
                let glued = folded.origin.get(k) == folded.origin.get(k - 1);
                if is_word_char(d) || glued && !d.is_whitespace() {
                    all_digits &= is_digit(d);
                    k += 1;
                } else if !all_digits
                    && matches!(d, '-' | '\'' | '’')
                    && chars[k - 1].is_ascii_alphabetic()
                    && chars.get(k + 1).is_some_and(|n| n.is_ascii_alphanumeric())
                {
                    // "Al-Thobaiti", "Hamas-run", "emirate's": one Latin word
                    k += 2;
                } else if all_digits
                    && matches!(d, '.' | ',' | '٫' | '٬')
                    && chars.get(k + 1).copied().is_some_and(is_digit)
                {
                    k += 2;
                } else {
                    break;
                }
            }
            if all_digits {
                if chars.get(k).is_some_and(|d| matches!(d, '%' | '٪')) {
                    k += 1;
                }
                Kind::Number
            } else {
                Kind::Word
            }
        } else {
            k += 1;
            Kind::Punct(c)
        };
        let key: String = chars[start_k..k].iter().collect();
        let start = folded.origin.get(start_k).copied().unwrap_or(src.len());
        let end = folded.source_range(src, k - 1).end;
        let first = src.get(start..).and_then(|s| s.chars().next());
        let spaced = start == 0
            || src
                .get(..start)
                .and_then(|s| s.chars().next_back())
                .is_some_and(char::is_whitespace);
        tokens.push(Token {
            key,
            span: line.start + start..line.start + end,
            kind,
            arabic: first.is_some_and(is_arabic),
            // Arabic has no case: skip the table look-up for it
            upper: first.is_some_and(|c| !is_arabic(c) && c.is_uppercase()),
            caps: first.is_some_and(|c| c.is_ascii_uppercase())
                && src
                    .get(start..end)
                    .is_some_and(|w| w.len() >= 2 && w.bytes().all(|b| !b.is_ascii_lowercase())),
            spaced,
            quoted: false,
            partner: None,
        });
    }
    pair_quotes(&mut tokens);
    tokens
}

/// Pair quotation marks: «» nest, curly marks close whichever curly mark is open (Arabic
/// text uses both “…” and ”…“), straight marks alternate. A mark left open at the end of
/// the line is not a quotation (typos must not swallow a paragraph).
fn pair_quotes(tokens: &mut [Token]) {
    #[derive(PartialEq)]
    enum Family {
        Guillemet,
        Curly,
        Straight,
    }
    let family = |c: char| match c {
        '«' | '»' => Family::Guillemet,
        '"' => Family::Straight,
        _ => Family::Curly,
    };
    let mut open: Vec<usize> = Vec::new();
    for i in 0..tokens.len() {
        let Some(c) = tokens[i].punct().filter(|c| is_quote(*c)) else {
            continue;
        };
        let fam = family(c);
        // A mark glued to the word after it and spaced from the one before opens
        // ("قال “العمل"); glued to the word before it closes ("تاس” أمس"). That keeps
        // one stray mark from pairing with the wrong partner.
        let next_spaced = tokens.get(i + 1).is_none_or(|n| n.spaced || !n.is_word());
        let opens_only = tokens[i].spaced && !next_spaced && c != '»';
        if opens_only {
            open.push(i);
            continue;
        }
        let closes = open.iter().rposition(|&o| {
            tokens[o].punct().map(family) == Some(Family::Curly) && fam == Family::Curly
                || tokens[o].punct().map(family) == Some(Family::Straight)
                    && fam == Family::Straight
                || tokens[o].punct() == Some('«') && c == '»'
        });
        match closes {
            Some(pos) => {
                let o = open[pos];
                open.truncate(pos);
                tokens[o].partner = Some(i);
                tokens[i].partner = Some(o);
                for t in &mut tokens[o + 1..i] {
                    t.quoted = true;
                }
            }
            None if c != '»' => open.push(i),
            None => {}
        }
    }
}

/// Latin abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "st", "jr", "sr",
    "inc", "ltd", "co", "corp", "vs", "etc", "no", "rep", "sen", "gov", "pres", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "brig", "adm",
    "cmdr", "supt", "insp", "cpl", "pvt", "hon", "rev", "fr", "mt", "ft",
];

/// A Latin abbreviation after which a full stop does not end a sentence ("Gen.", "Dr.").
pub(crate) fn is_abbreviation(key: &str) -> bool {
    ABBREVIATIONS.contains(&key)
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…')
}

/// Sentences of one line, as ranges of token indices. Never splits inside a quotation,
/// inside a number, after an initial or a known abbreviation, or inside `U.S`-like words.
pub(crate) fn sentences(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let is_end = !t.quoted && t.punct().is_some_and(ends_sentence);
        if !is_end {
            i += 1;
            continue;
        }
        // a run of terminators ("...", "?!") ends together
        let mut j = i + 1;
        while j < tokens.len() && tokens[j].punct().is_some_and(ends_sentence) {
            j += 1;
        }
        if t.punct() == Some('.') && j == i + 1 && !breaks_after_stop(tokens, i) {
            i += 1;
            continue;
        }
        push_sentence(&mut out, tokens, start..j);
        start = j;
        i = j;
    }
    push_sentence(&mut out, tokens, start..tokens.len());
    out
}

fn push_sentence(out: &mut Vec<Range<usize>>, tokens: &[Token], range: Range<usize>) {
    if tokens[range.clone()].iter().any(|t| t.is_word()) {
        out.push(range);
    }
}

/// Whether the single full stop at `i` ends a sentence.
fn breaks_after_stop(tokens: &[Token], i: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
    let next = tokens.get(i + 1);
    if let Some(p) = prev.filter(|p| p.kind == Kind::Word && !p.arabic) {
        // an initial ("J. K. Rowling") or an abbreviation ("Mr.", "U.S.")
        if p.key.chars().count() == 1 || is_abbreviation(&p.key) {
            return false;
        }
    }
    let Some(next) = next else {
        return true;
    };
    if !next.spaced {
        // "سوريا.وأوضحت" is two Arabic sentences; "U.S" or "eremnews.com" is one word
        return next.arabic && prev.is_some_and(|p| p.arabic && p.key.chars().count() > 1);
    }
    // "approx. five" or "a.m. on" continue in lower case
    !(next.kind == Kind::Word && !next.arabic && !next.upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let toks = tokenize(text, 0..text.len());
        sentences(&toks)
            .into_iter()
            .map(|r| &text[toks[r.start].span.start..toks[r.end - 1].span.end])
            .collect()
    }

    #[test]
    fn arabic_sentences_split_at_stops_and_question_marks() {
        assert_eq!(
            split("قال الوزير إن الجيش تقدم. وأضاف أن القتال مستمر؟ نعم"),
            vec!["قال الوزير إن الجيش تقدم.", "وأضاف أن القتال مستمر؟", "نعم"]
        );
    }

    #[test]
    fn a_stop_glued_to_the_next_arabic_word_still_splits() {
        assert_eq!(
            split("شراكة عسكرية جديدة في سوريا.وأوضحت الصحيفة أن الحديث يدور"),
            vec![
                "شراكة عسكرية جديدة في سوريا.",
                "وأوضحت الصحيفة أن الحديث يدور"
            ]
        );
    }

    #[test]
    fn quotations_numbers_initials_and_abbreviations_do_not_split() {
        assert_eq!(
            split("قال «لن نتراجع. سنرد بقوة» أمس. وصل 3.5 مليون."),
            vec!["قال «لن نتراجع. سنرد بقوة» أمس.", "وصل 3.5 مليون."]
        );
        assert_eq!(
            split("J. K. Rowling met Mr. Smith in the U.S. on Monday. He left."),
            vec![
                "J. K. Rowling met Mr. Smith in the U.S. on Monday.",
                "He left."
            ]
        );
        assert_eq!(
            split("\"We will respond. Soon,\" he said. Visit eremnews.com today."),
            vec![
                "\"We will respond. Soon,\" he said.",
                "Visit eremnews.com today."
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_does_not_swallow_the_paragraph() {
        assert_eq!(
            split("قال \"نحن هنا\". ثم غادر\". وعاد لاحقا."),
            vec!["قال \"نحن هنا\".", "ثم غادر\".", "وعاد لاحقا."]
        );
    }

    #[test]
    fn tokens_keep_spans_into_the_original_text() {
        let text = "وأكّدت الوزارةُ ١٥٪ من 2,500";
        let toks = tokenize(text, 0..text.len());
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, vec!["واكدت", "الوزاره", "15٪", "من", "2,500"]);
        assert_eq!(&text[toks[0].span.clone()], "وأكّدت");
        assert_eq!(&text[toks[1].span.clone()], "الوزارةُ");
        assert_eq!(&text[toks[2].span.clone()], "١٥٪");
        assert_eq!(toks[2].kind, Kind::Number);
    }
}
