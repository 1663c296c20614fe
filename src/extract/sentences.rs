//! Tokens and sentences of one body line. A line is folded once (the one normalisation
//! in `text::normalize`); its tokens borrow their keys from that fold and carry their
//! byte span in the article text, so every later stage matches folded words but reports
//! spans into the original text.

use super::cues::{Lexicon, Word};
use crate::text::normalize::{fold, fold_plain, Folded};
use std::ops::Range;

/// One word, number or punctuation mark.
#[derive(Clone, Debug)]
pub(crate) struct Token<'k> {
    /// Folded key (`أكدت` → `اكدت`, `Said` → `said`), a slice of the line's fold.
    pub key: &'k str,
    /// Where `key` starts in the line's fold.
    pub key_at: usize,
    /// What the cue lexicon says of the key, looked up once.
    pub lex: Word<'k>,
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

impl Token<'_> {
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

/// Letters and digits, with ASCII, Latin and Arabic answered from a table instead of
/// the slow Unicode look-up (it dominated profiles).
fn is_word_char(c: char) -> bool {
    WORD_CHARS
        .get(c as usize)
        .copied()
        .unwrap_or_else(|| c.is_alphanumeric())
}

/// [`char::is_alphanumeric`] of every char below U+0800.
static WORD_CHARS: std::sync::LazyLock<Vec<bool>> = std::sync::LazyLock::new(|| {
    (0..0x800u32)
        .map(|u| char::from_u32(u).is_some_and(char::is_alphanumeric))
        .collect()
});

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// One line of the article text, folded once: its tokens borrow their keys from it.
pub(crate) struct Line<'t> {
    /// The line's text.
    src: &'t str,
    /// Where the line starts in the article text.
    offset: usize,
    folded: Folded,
    /// Every char folds alone (see `normalize::fold_plain`).
    plain: bool,
}

impl<'t> Line<'t> {
    /// `text[range]` folded (an empty line when `range` is not one of `text`).
    pub fn new(text: &'t str, range: Range<usize>) -> Line<'t> {
        let src = text.get(range.clone()).unwrap_or_default();
        let (folded, plain) = fold_plain(src).map_or_else(|| (fold(src), false), |f| (f, true));
        Line {
            src,
            offset: range.start,
            folded,
            plain,
        }
    }

    /// The text of `tokens[r]` and its search key, straight from the tokens when that
    /// can be done: a plain line, tokens apart by nothing or one space, none sharing a
    /// source char with its neighbour ("…" is three stops). Then the text is already
    /// what `fold_space` makes of it, and its key is the tokens' keys with those spaces
    /// (no key of a token holds white space, so the key's is folded too). `None` asks
    /// for `fold_space` and `search_key`.
    pub fn plain_text_and_key(&self, tokens: &[Token], r: Range<usize>) -> Option<(&'t str, &str)> {
        if !self.plain || r.is_empty() {
            return None;
        }
        let (first, last) = (tokens.get(r.start)?, tokens.get(r.end - 1)?);
        let apart = |a: &Token, b: &Token| a.span.end <= b.span.start;
        let before = r.start.checked_sub(1).and_then(|i| tokens.get(i));
        if before.is_some_and(|b| !apart(b, first))
            || tokens.get(r.end).is_some_and(|a| !apart(last, a))
        {
            return None;
        }
        for pair in tokens[r].windows(2) {
            if !matches!(self.source(pair[0].span.end..pair[1].span.start)?, "" | " ") {
                return None;
            }
        }
        // the fold of a plain line is char by char, so the key between the first token
        // and the last is their keys with the same spaces between them
        let key = self
            .folded
            .key
            .get(first.key_at..last.key_at + last.key.len())?;
        Some((self.source(first.span.start..last.span.end)?, key))
    }

    /// The text of a span of the article text that lies in this line.
    fn source(&self, span: Range<usize>) -> Option<&'t str> {
        let start = span.start.checked_sub(self.offset)?;
        let end = span.end.checked_sub(self.offset)?;
        self.src.get(start..end)
    }

    /// The line's tokens, with quotation marks paired and their keys looked up in `lex`.
    pub fn tokens<'a>(&'a self, lex: &'a Lexicon) -> Vec<Token<'a>> {
        // a token every four bytes of key or so: one allocation for most lines
        let mut tokens = Vec::with_capacity(self.folded.key.len() / 4);
        let mut chars = KeyChars::new(&self.folded.key);
        while let Some(c) = chars.peek() {
            if c.is_whitespace() {
                chars.advance();
                continue;
            }
            let (start_k, start_byte) = (chars.k, chars.byte);
            let kind = self.scan(&mut chars, c);
            tokens.push(self.token(start_k..chars.k, start_byte..chars.byte, kind, lex));
        }
        pair_quotes(&mut tokens);
        tokens
    }

    /// Moves `chars` past the token that starts with `c`, and says what it is.
    fn scan(&self, chars: &mut KeyChars, c: char) -> Kind {
        if !is_word_char(c) {
            chars.advance();
            return Kind::Punct(c);
        }
        let origin = &self.folded.origin;
        let mut all_digits = is_digit(c);
        chars.advance();
        while let Some(d) = chars.peek() {
            // same grapheme origin means the fold split one source letter: keep together
            let glued = || origin.get(chars.k) == origin.get(chars.k - 1);
            if is_word_char(d) || !d.is_whitespace() && glued() {
                all_digits &= is_digit(d);
                chars.advance();
            } else if !all_digits
                && matches!(d, '-' | '\'' | '’')
                && chars.prev.is_ascii_alphabetic()
                && chars
                    .peek_second()
                    .is_some_and(|n| n.is_ascii_alphanumeric())
            {
                // "Al-Thobaiti", "Hamas-run", "emirate's": one Latin word
                chars.advance();
                chars.advance();
            } else if all_digits
                && matches!(d, '.' | ',' | '٫' | '٬')
                && chars.peek_second().is_some_and(is_digit)
            {
                chars.advance();
                chars.advance();
            } else {
                break;
            }
        }
        if !all_digits {
            return Kind::Word;
        }
        if chars.peek().is_some_and(|d| matches!(d, '%' | '٪')) {
            chars.advance();
        }
        Kind::Number
    }

    /// The token made of key chars `ks` (bytes `key` of the fold).
    fn token<'a>(
        &'a self,
        ks: Range<usize>,
        key: Range<usize>,
        kind: Kind,
        lex: &'a Lexicon,
    ) -> Token<'a> {
        let (src, folded) = (self.src, &self.folded);
        let start = folded.origin.get(ks.start).copied().unwrap_or(src.len());
        let end = folded.source_range(src, ks.end - 1).end;
        let first = src.get(start..).and_then(|s| s.chars().next());
        let spaced = start == 0
            || src
                .get(..start)
                .and_then(|s| s.chars().next_back())
                .is_some_and(char::is_whitespace);
        let key_at = key.start;
        let key = folded.key.get(key).unwrap_or_default();
        Token {
            key,
            key_at,
            lex: lex.word(key),
            span: self.offset + start..self.offset + end,
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
        }
    }
}

/// The chars of a folded key with their index `k` (into `Folded::origin`) and byte
/// offset, decoded once each as the tokenizer steps through them.
struct KeyChars<'k> {
    /// The chars after the next one.
    rest: std::str::Chars<'k>,
    /// The next char.
    next: Option<char>,
    /// Index of the next char.
    k: usize,
    /// Byte offset of the next char.
    byte: usize,
    /// The char stepped over last.
    prev: char,
}

impl<'k> KeyChars<'k> {
    fn new(key: &'k str) -> KeyChars<'k> {
        let mut rest = key.chars();
        KeyChars {
            next: rest.next(),
            rest,
            k: 0,
            byte: 0,
            prev: '\0',
        }
    }

    fn peek(&self) -> Option<char> {
        self.next
    }

    /// The char after the next one.
    fn peek_second(&self) -> Option<char> {
        self.rest.clone().next()
    }

    fn advance(&mut self) {
        if let Some(c) = self.next {
            self.k += 1;
            self.byte += c.len_utf8();
            self.prev = c;
            self.next = self.rest.next();
        }
    }
}

/// Tokens that own their keys, for callers that keep words past the line they came from
/// (the linker's reference implementation in its tests).
#[cfg(test)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OwnedToken {
    pub key: String,
    pub kind: Kind,
}

/// Tokens of `text[line]`, owning their keys.
#[cfg(test)]
pub(crate) fn tokenize(text: &str, line: Range<usize>) -> Vec<OwnedToken> {
    Line::new(text, line)
        .tokens(Lexicon::empty())
        .into_iter()
        .map(|t| OwnedToken {
            key: t.key.to_string(),
            kind: t.kind,
        })
        .collect()
}

/// Pair quotation marks: «» nest, curly marks close whichever curly mark is open (Arabic
/// text uses both “…” and ”…“), straight marks alternate. A mark left open at the end of
/// the line is not a quotation (typos must not swallow a paragraph).
fn pair_quotes(tokens: &mut [Token<'_>]) {
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

/// Abbreviations of titles, which a name always follows: a full stop after one never ends
/// a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "st", "rep", "sen",
    "gov", "pres", "brig", "adm", "cmdr", "supt", "insp", "cpl", "pvt", "hon", "rev", "fr", "mt",
    "no",
];

/// Other Latin abbreviations: a full stop after one ends a sentence only when a word that
/// opens one follows ("… at Exxon Mobil Corp. He has …").
const OTHER_ABBREVIATIONS: &[&str] = &[
    "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "approx", "ft",
];

/// Words (keys, lower case) that open a sentence and never follow an initial inside a
/// name.
const SENTENCE_OPENERS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "the",
    "this",
    "these",
    "those",
    "but",
    "his",
    "her",
    "their",
    "its",
    "our",
    "there",
    "however",
    "meanwhile",
];

/// A Latin abbreviation after which a full stop does not end a sentence ("Gen.", "Dr.").
pub(crate) fn is_abbreviation(key: &str) -> bool {
    TITLES.contains(&key) || OTHER_ABBREVIATIONS.contains(&key)
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
        if asks_within(tokens, i, j) {
            i = j;
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

/// A question or exclamation inside a title the sentence goes on past ("a report
/// entitled ‘Langgar PKP Lagi?’ while another portal …"): the marks `i..j`, then
/// closing marks, then a Latin word in lower case. (Single quotation marks are not
/// paired: "’" is the apostrophe too.)
fn asks_within(tokens: &[Token], i: usize, j: usize) -> bool {
    if !tokens[i].punct().is_some_and(|c| matches!(c, '?' | '!')) {
        return false;
    }
    let mut k = j;
    while tokens
        .get(k)
        .and_then(Token::punct)
        .is_some_and(|c| matches!(c, '’' | '\'' | '”' | '"' | ')'))
    {
        k += 1;
    }
    k > j
        && tokens
            .get(k)
            .is_some_and(|n| n.kind == Kind::Word && !n.arabic && !n.upper)
}

/// Whether the single full stop at `i` ends a sentence.
fn breaks_after_stop(tokens: &[Token], i: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
    let next = tokens.get(i + 1);
    if let Some(p) = prev.filter(|p| p.kind == Kind::Word && !p.arabic) {
        // an initial ("J. K. Rowling") or an abbreviation ("Mr.", "U.S."); but one
        // that is no title may end a sentence when a word that opens one follows
        // ("… at Exxon Mobil Corp. He has questioned …", "… in the U.S. The …")
        if p.key.chars().count() == 1 || is_abbreviation(p.key) {
            let title = TITLES.contains(&p.key);
            let opens = next.is_some_and(|n| {
                n.spaced && n.upper && n.kind == Kind::Word && SENTENCE_OPENERS.contains(&n.key)
            });
            return !title && opens;
        }
    }
    let Some(next) = next else {
        return true;
    };
    if !next.spaced {
        // "سوريا.وأوضحت" and "«…مكان».وتجنبت" are two Arabic sentences; "U.S" or
        // "eremnews.com" is one word
        let closing = |p: &Token| {
            p.punct().is_some_and(|c| is_quote(c) || c == ')')
                && i.checked_sub(2)
                    .and_then(|b| tokens.get(b))
                    .is_some_and(|b| b.is_word())
        };
        return next.arabic
            && prev.is_some_and(|p| p.arabic && p.key.chars().count() > 1 || closing(p));
    }
    // "approx. five" or "a.m. on" continue in lower case
    !(next.kind == Kind::Word && !next.arabic && !next.upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let line = Line::new(text, 0..text.len());
        let toks = line.tokens(Lexicon::empty());
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
    fn a_stop_glued_after_a_closing_quote_still_splits() {
        assert_eq!(
            split("وقالت: \"الحصبة في كل مكان\".وتجنبت انتقاد الرئيس (ترامب).لكنها أضافت"),
            vec![
                "وقالت: \"الحصبة في كل مكان\".",
                "وتجنبت انتقاد الرئيس (ترامب).",
                "لكنها أضافت"
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
    fn claim_text_and_key_from_tokens_are_those_of_the_span() {
        use crate::text::normalize::search_key;
        let mut texts: Vec<String> = [
            "قال  الوزير: «لن نتراجع…» وأضاف… ثم غادر",
            "وأكّدت الوزارةُ ١٥٪ من 2,500 عـــرب ـ ثم\u{00A0}قال \u{200C}هو",
            "He said\tthe U.S. \u{2009}would \u{064E}leave “soon”. Al-Thobaiti's 3.5 cases",
            "Café au lait \u{0627}\u{0654} \u{0600}1 😀 end ",
            "a  \u{301}b: a space can carry a mark",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["seeds", "tests/fixtures/extract"] {
            for entry in std::fs::read_dir(root.join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                texts.extend(std::fs::read_to_string(entry.path()));
            }
        }
        for text in &texts {
            for line in text.split('\n') {
                let parsed = Line::new(line, 0..line.len());
                let toks = parsed.tokens(Lexicon::empty());
                let short = (0..toks.len())
                    .flat_map(|s| (s + 1..=toks.len().min(s + 4)).map(move |e| s..e));
                for r in sentences(&toks).into_iter().chain(short) {
                    let Some((text, key)) = parsed.plain_text_and_key(&toks, r.clone()) else {
                        continue;
                    };
                    let raw = &line[toks[r.start].span.start..toks[r.end - 1].span.end];
                    assert_eq!(text, super::super::fold_space(raw), "{raw:?}");
                    assert_eq!(key, search_key(text), "{raw:?}");
                    assert_eq!(key, super::super::fold_space(key), "{raw:?}");
                }
            }
        }
    }

    #[test]
    fn a_question_in_a_quoted_title_goes_on_with_its_sentence() {
        assert_eq!(
            split("A portal ran a story entitled ‘Is It Over?’ while another ran ‘More Tests’. Next one."),
            vec![
                "A portal ran a story entitled ‘Is It Over?’ while another ran ‘More Tests’.",
                "Next one."
            ]
        );
        // a question then a new sentence still splits
        assert_eq!(split("Is it over? The ministry says no.").len(), 2);
        assert_eq!(split("He asked ‘is it over?’ Then he left.").len(), 2);
    }

    #[test]
    fn tokens_keep_spans_into_the_original_text() {
        let text = "وأكّدت الوزارةُ ١٥٪ من 2,500";
        let line = Line::new(text, 0..text.len());
        let toks = line.tokens(Lexicon::empty());
        let keys: Vec<&str> = toks.iter().map(|t| t.key).collect();
        assert_eq!(keys, vec!["واكدت", "الوزاره", "15٪", "من", "2,500"]);
        assert_eq!(&text[toks[0].span.clone()], "وأكّدت");
        assert_eq!(&text[toks[1].span.clone()], "الوزارةُ");
        assert_eq!(&text[toks[2].span.clone()], "١٥٪");
        assert_eq!(toks[2].kind, Kind::Number);
    }
}
