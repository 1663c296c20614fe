//! Claim extraction: sentences, attribution (cue, source, type), signals and the
//! suggested status. Works on one article at a time; `related` links claims across a
//! corpus. Knows nothing of files, the store or the terminal, and never reads boilerplate.

mod attribution;
mod cues;
mod related;
mod sentences;
mod signals;
mod suggest;

pub use cues::{Cues, CuesError};

use crate::model::{Article, Claim, SourceType};
use attribution::{attribute, find_matches, passive_voweled, Carry};
pub use attribution::{fold_space, fold_space_into, fold_space_owned};
use foldhash::{HashSet, HashSetExt};
pub(crate) use related::{terms as link_terms, Linker, Terms};
use sentences::{sentences, Line, Token};
use std::ops::Range;

/// Bump when extraction output changes, so cached claims are recomputed.
pub const VERSION: &str = "28";

/// An unattributed sentence is a claim from this many words (fewer with a number or a
/// full stop: "There is no specific treatment for Ebola.").
const MIN_ASSERTION_WORDS: usize = 8;
const MIN_NUMBER_ASSERTION_WORDS: usize = 5;
/// An attributed sentence shorter than this is a fragment, not a claim.
const MIN_ATTRIBUTED_WORDS: usize = 4;
/// A line shorter than this with no full stop is a heading.
const HEADING_WORDS: usize = 10;

/// The claims one article makes, in text order.
pub fn extract(article: &Article, cues: &Cues) -> Vec<Claim> {
    extract_with(article, cues, |_, _| {})
}

/// What the extractor has of a claim as it makes it, so that a corpus load need not
/// fold and tokenize the claim's text again: its tokens (for the linker's terms) and,
/// on a plain line, its search key.
pub struct Made<'a> {
    tokens: &'a [Token<'a>],
    key: Option<&'a str>,
}

impl Made<'_> {
    /// The claim's search key (`search_key` of its text), when the line gave it.
    pub fn key(&self) -> Option<&str> {
        self.key
    }

    /// The claim's link terms: the ones [`link_terms`] makes of its text.
    pub(crate) fn terms(&self) -> Terms {
        related::terms_of(self.tokens)
    }
}

/// [`extract`], calling `each` with every claim as it is made.
pub fn extract_with(
    article: &Article,
    cues: &Cues,
    mut each: impl FnMut(&Claim, Made<'_>),
) -> Vec<Claim> {
    let lex = &cues.lexicon;
    let title_line = Line::new(&article.title, 0..article.title.len());
    let title = words_of(&title_line);
    let mut carry = Carry::default();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    // the line before ended as a sentence does (see `Shape::of`'s headlines)
    let mut after_sentence = false;
    for line in article.body_lines() {
        let line_start = line.start;
        if article.text.get(line.clone()).is_some_and(cut_short) {
            after_sentence = false;
            continue;
        }
        let line = Line::new(&article.text, line);
        let tokens = line.tokens(lex);
        let sents = sentences(&tokens);
        let lone = sents.len() == 1;
        for sent in sents
            .into_iter()
            .flat_map(|s| clauses(&tokens, s, lex, &article.text))
        {
            let span = tokens[sent.start].span.start..tokens[sent.end - 1].span.end;
            if overlaps_boilerplate(article, &span) {
                continue;
            }
            let matches = find_matches(&tokens, sent.clone(), lex);
            let attribution = attribute(
                &tokens,
                sent.clone(),
                &matches,
                lex,
                &article.text,
                &mut carry,
            );
            let signals = signals::signals(&tokens, sent.clone(), &matches, &article.text);
            let attributed = attribution.cue.is_some() || attribution.source.is_some();
            // "… الزيارة. تضيف صحيفة “نيوس دياريو” الإسبانية.": a sentence that is only
            // its cue and source says who said the sentence before it; so does a tweet's
            // signature after its text ("pic.twitter.com/… — Joe Smith (@jsmith) May 3")
            let signature = attributed
                && attribution::tweet_author_at(&tokens, &sent).is_some_and(|author| {
                    tokens[sent.start..author]
                        .iter()
                        .filter(|t| t.is_word() && !is_link_word(t.key))
                        .count()
                        < 2
                });
            if attributed && (signature || says_nothing(&tokens[sent.clone()], &attribution)) {
                if let Some(before) = out.last_mut().filter(|c: &&mut Claim| {
                    c.span.start >= line_start
                        && c.attribution.source_type == SourceType::Unattributed
                }) {
                    before.attribution = attribution;
                    before.suggested = suggest::suggest(&before.attribution, &before.signals);
                }
                continue;
            }
            let lone = Lone {
                alone: lone,
                after_sentence,
            };
            let mut shape = Shape::of(&tokens[sent.clone()], lone, &title, attributed);
            // "ووفقا للمصدر، لا تملك القوات أي معلومات" reports by its cue alone
            shape.reports |= matches.iter().any(|m| m.kind == cues::CueKind::According);
            if !shape.is_claim(attributed, !signals.numbers.is_empty()) {
                continue;
            }
            let Some((text, key, id)) = claim_text_and_id(article, &line, &tokens, sent.clone())
            else {
                continue;
            };
            if !seen.insert(id.clone()) {
                continue;
            }
            let suggested = suggest::suggest(&attribution, &signals);
            let claim = Claim {
                id,
                article_id: article.id.clone(),
                span,
                text,
                attribution,
                signals,
                suggested,
                related: Vec::new(),
                spilled: None,
            };
            each(
                &claim,
                Made {
                    tokens: &tokens[sent],
                    key,
                },
            );
            out.push(claim);
        }
        carry.end_line(&tokens);
        after_sentence =
            closing_mark(&tokens).is_some_and(|c| matches!(c, '.' | '!' | '…' | '?' | '؟'));
    }
    out
}

/// The mark that ends `tokens`, past any closing quotation mark (`None` when a word ends
/// them).
fn closing_mark(tokens: &[Token]) -> Option<char> {
    tokens
        .iter()
        .rev()
        .find(|t| !t.is_quote_mark())
        .and_then(Token::punct)
}

/// A teaser of another story cut mid-word by its widget: "… leaders from Yemen's Houthis
/// who he says will a…", "In a statement late Tuesday, a E…". The ellipsis is glued to a
/// stub of one or two letters at the line's end (a sentence that trails off ends with a
/// whole word).
fn cut_short(line: &str) -> bool {
    let line = line.trim_end();
    let Some(rest) = line.strip_suffix('…').or_else(|| line.strip_suffix("...")) else {
        return false;
    };
    let stub: String = rest
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let before = rest[..rest.len() - stub.len()].chars().next_back();
    (1..=2).contains(&stub.chars().count()) && before.is_some_and(char::is_whitespace)
}

/// The words of a link to a tweet's picture or a short link ("pic.twitter.com/x1Yz",
/// "https://t.co/…").
fn is_link_word(key: &str) -> bool {
    matches!(
        key,
        "pic" | "twitter" | "com" | "https" | "http" | "t" | "co" | "x" | "www"
    ) || key.chars().any(|c| c.is_ascii_digit()) && key.is_ascii()
}

/// Whether an attributed sentence has fewer than two words besides its cue and its source
/// (and the name of what it came in: "في بيان"): it reports no content of its own.
fn says_nothing(tokens: &[Token], a: &crate::model::Attribution) -> bool {
    let inside = |r: &Option<Range<usize>>, t: &Token| {
        r.as_ref()
            .is_some_and(|r| r.start <= t.span.start && t.span.end <= r.end)
    };
    let filler = |t: &Token| {
        matches!(
            t.key,
            "في" | "بيان" | "له" | "لها" | "in" | "a" | "statement"
        )
    };
    let content = tokens
        .iter()
        .filter(|t| t.is_word() && !inside(&a.source_span, t) && !inside(&a.cue_span, t))
        .filter(|t| !filler(t))
        .count();
    // (a long sentence is more likely a source that ran on into its object: "نفى مصدر
    // آخر وجود أي نية …")
    let words = tokens.iter().filter(|t| t.is_word()).count();
    a.source.is_some() && content < 2 && words <= 6
}

/// Where a sentence stands: alone on its line, and after a line that ended as a
/// sentence does.
#[derive(Clone, Copy)]
struct Lone {
    alone: bool,
    after_sentence: bool,
}

/// Most words of a headline run into the story ("Decision to resume international
/// flights to be based on virus spread: Saudi minister" between two paragraphs).
const INNER_HEADLINE_WORDS: usize = 20;

/// A line that reads as a headline, not as a paragraph left without its full stop: no
/// comma, no "that"/"أن", and not opened by a conjunction ("وأضاف …") or, in English, in
/// lower case.
fn headline_like(tokens: &[Token]) -> bool {
    let comma = tokens
        .iter()
        .any(|t| matches!(t.punct(), Some(',' | '،' | ';' | '؛')));
    let that = tokens
        .iter()
        .any(|t| !t.quoted && t.lex.is(cues::List::Complementizer) && t.key != "to");
    let opens = tokens.iter().find(|t| t.is_word()).is_some_and(|w| {
        if w.arabic {
            !w.key.starts_with(['و', 'ف'])
        } else {
            w.upper
        }
    });
    !comma && !that && opens
}

/// A claim's text (white space folded), search key and id, from its tokens when the line
/// allows it (see [`Line::plain_text_and_key`]): most claims are then one copy of their
/// span, and their key is a slice of the line's fold. Otherwise the key is `None`.
fn claim_text_and_id<'l>(
    article: &Article,
    line: &'l Line,
    tokens: &[Token],
    sent: Range<usize>,
) -> Option<(String, Option<&'l str>, String)> {
    if let Some((text, key)) = line.plain_text_and_key(tokens, sent.clone()) {
        let id = crate::ids::claim_id_of_key(&article.id, key);
        return Some((text.to_string(), Some(key), id));
    }
    let span = tokens.get(sent.start)?.span.start..tokens.get(sent.end - 1)?.span.end;
    let text = fold_space(article.text.get(span)?);
    let id = crate::ids::claim_id(&article.id, &text);
    Some((text, None, id))
}

/// A sentence that reports two sources in two clauses ("The WHO said …, while the
/// health ministry said …", "…، فيما قال المتحدث …") is two claims, one per source.
fn clauses(
    tokens: &[Token],
    sent: Range<usize>,
    lex: &cues::Lexicon,
    text: &str,
) -> Vec<Range<usize>> {
    // plain reporting verbs, denials and "according to" forms: a strict cue ("بين",
    // "between") or a relay alone does not make a clause a report
    let reports = |r: Range<usize>| {
        find_matches(tokens, r.clone(), lex).iter().any(|m| {
            matches!(
                m.kind,
                cues::CueKind::Reporting | cues::CueKind::Denial | cues::CueKind::According
            ) && !m.participle
                && !tokens[m.toks.start].quoted
                && !passive_voweled(&tokens[m.toks.start], text)
        })
    };
    let mut out = Vec::new();
    let mut from = sent.start;
    // "ففي حين رأى مصدر …، نفى مصدر آخر …": a sentence that opens with "while" has its
    // main clause after the comma before the second verb
    let key = |i: usize| tokens.get(i).filter(|t| t.is_word()).map(|t| t.key);
    let opens_while = matches!(key(sent.start), Some("بينما" | "وبينما" | "فيما"))
        || matches!(key(sent.start), Some("في" | "ففي" | "وفي"))
            && key(sent.start + 1) == Some("حين")
        || key(sent.start) == Some("while");
    // (after an opening "while", a strict verb with its "أن" reports too: "رأى … أن")
    let strict_reports = |r: Range<usize>| {
        opens_while
            && find_matches(tokens, r.clone(), lex).iter().any(|m| {
                m.kind == cues::CueKind::Strict
                    && tokens[m.toks.end.min(r.end)..r.end]
                        .iter()
                        .take(8)
                        .any(|t| t.lex.is(cues::List::Complementizer))
            })
    };
    for b in sent.start + 1..sent.end {
        let t = &tokens[b];
        if t.quoted {
            continue;
        }
        let after_comma = matches!(tokens[b - 1].punct(), Some(',' | '،'));
        let boundary = match t.punct() {
            Some(';' | '؛') => Some(b + 1),
            // (a verb with "و" goes on with the "while" clause: "في حين لفت …، وقال")
            _ if after_comma
                && opens_while
                && t.lex.is_cue()
                && (!t.arabic || !t.key.starts_with(['و', 'ف'])) =>
            {
                Some(b)
            }
            _ if after_comma
                && (matches!(t.key, "while" | "whereas" | "فيما" | "بينما")
                    || t.key == "في" && tokens.get(b + 1).is_some_and(|n| n.key == "حين")) =>
            {
                Some(b)
            }
            _ => None,
        };
        let Some(cut) = boundary.filter(|&c| c < sent.end) else {
            continue;
        };
        let first = from..b;
        if (reports(first.clone()) || strict_reports(first)) && reports(cut..sent.end) {
            out.push(from..b);
            from = cut;
        }
    }
    out.push(from..sent.end);
    out.retain(|r| tokens[r.clone()].iter().any(Token::is_word));
    out
}

/// Byte spans of the article's body sentences as the extractor cuts them, claims or not
/// (for a reviewer adding a claim the extractor missed).
pub fn sentence_spans(article: &Article) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for line in article.body_lines() {
        let line = Line::new(&article.text, line);
        let tokens = line.tokens(cues::Lexicon::empty());
        for sent in sentences(&tokens) {
            let first = tokens.get(sent.start);
            let last = sent.end.checked_sub(1).and_then(|i| tokens.get(i));
            if let (Some(a), Some(b)) = (first, last) {
                out.push(a.span.start..b.span.end);
            }
        }
    }
    out
}

/// Link claims across the corpus that report the same event (fills `Claim::related`).
pub fn link_related(claims: &mut [Claim]) {
    related::link(claims);
}

fn overlaps_boilerplate(article: &Article, span: &Range<usize>) -> bool {
    article
        .boilerplate
        .iter()
        .any(|b| b.start < span.end && span.start < b.end)
}

/// The folded words of a line (the title's, to spot sentences that repeat it).
fn words_of<'k>(line: &'k Line) -> HashSet<&'k str> {
    line.tokens(cues::Lexicon::empty())
        .into_iter()
        .filter(Token::is_word)
        .map(|t| t.key)
        .collect()
}

/// The form of a sentence, for deciding whether it is a claim at all.
struct Shape {
    words: usize,
    terminated: bool,
    /// A colon, a quotation mark or "أن"/"that": something is reported.
    reports: bool,
    question: bool,
    /// Ends with a colon: what was said comes on the next line.
    introduces: bool,
    heading: bool,
    repeats_title: bool,
    /// A wire photo's caption run into the text (see [`is_wire_caption`]).
    caption: bool,
    /// Says only that someone would not comment (see [`declines_comment`]).
    no_comment: bool,
}

/// "Officials at the ministry declined immediate comment.", "Mr Cameron made no
/// comment.", "رفض المتحدث التعليق", "امتنعت الشركة عن التعليق": nobody claims
/// anything. A refusal word, then "comment"/"التعليق" within five words.
fn declines_comment(tokens: &[Token]) -> bool {
    // "ولم يصدر أي تعليق من الجانب الإسرائيلي", "لم يصدر تعقيب فوري من السلطات": nobody
    // said anything
    let none_issued = tokens.iter().enumerate().any(|(i, t)| {
        matches!(t.key, "يصدر" | "تصدر")
            && i > 0
            && matches!(tokens[i - 1].key, "لم" | "ولم")
            && tokens[i + 1..tokens.len().min(i + 4)]
                .iter()
                .any(|n| matches!(n.key, "تعليق" | "تصريح" | "تعقيب" | "رد" | "بيان" | "موقف"))
    });
    none_issued
        || tokens.iter().enumerate().any(|(i, t)| {
            let refusal = matches!(
                t.key,
                "declined"
                    | "declines"
                    | "refused"
                    | "refuses"
                    | "no"
                    | "رفض"
                    | "رفضت"
                    | "امتنع"
                    | "امتنعت"
                    | "ورفض"
                    | "ورفضت"
                    | "وامتنع"
                    | "وامتنعت"
            );
            refusal
                && tokens[i + 1..tokens.len().min(i + 6)]
                    .iter()
                    .any(|n| matches!(n.key, "comment" | "comments" | "التعليق" | "للتعليق"))
        })
}

impl Shape {
    /// (a caption or a refusal to comment is looked for only in a sentence not
    /// `attributed`: an attributed one is a claim whatever it says)
    fn of(tokens: &[Token], lone: Lone, title: &HashSet<&str>, attributed: bool) -> Shape {
        let words = || tokens.iter().filter(|t| t.is_word());
        let word_count = words().count();
        let last_mark = tokens
            .iter()
            .rev()
            .find(|t| !t.is_word() && !t.is_quote_mark())
            .and_then(Token::punct);
        let ended = tokens.last().is_some_and(|t| !t.is_word());
        // "… ردود الفعل العربية؟..": a question mark anywhere in the closing marks
        let asks = tokens
            .iter()
            .rev()
            .take_while(|t| !t.is_word())
            .any(|t| matches!(t.punct(), Some('?' | '؟')));
        let question = (matches!(last_mark, Some('?' | '؟')) || asks) && ended
            || words().next().is_some_and(|w| w.key == "هل");
        let terminated = closing_mark(tokens).is_some_and(|c| matches!(c, '.' | '!' | '…'));
        // only a sentence about as short as the title can repeat it
        let short = !title.is_empty() && word_count <= title.len() + 3;
        let repeats_title =
            short && words().filter(|w| title.contains(w.key)).count() * 4 >= word_count * 3;
        // speech in quotation marks follows a colon or a cue; «الجزيرة مباشر مصر» in
        // "نفي إغلاق قناة «الجزيرة مباشر مصر»" is a name
        let reports = tokens.iter().enumerate().any(|(i, t)| {
            let speech = t.is_quote_mark()
                && t.partner.is_some_and(|p| p > i)
                && i.checked_sub(1)
                    .and_then(|p| tokens.get(p))
                    .is_none_or(|b| b.punct() == Some(':') || b.lex.is_cue());
            t.punct() == Some(':') || speech || t.lex.is(cues::List::Complementizer)
        });
        Shape {
            words: word_count,
            terminated,
            reports,
            question,
            introduces: tokens.last().and_then(Token::punct) == Some(':'),
            // a short line with no full stop is a heading; a longer one too after a
            // paragraph that had its stop, when it reads as a headline (another story's,
            // run into this one)
            heading: lone.alone
                && !terminated
                && (word_count < HEADING_WORDS
                    || lone.after_sentence
                        && word_count < INNER_HEADLINE_WORDS
                        && headline_like(tokens)),
            repeats_title,
            caption: !attributed && is_wire_caption(tokens),
            no_comment: !attributed && declines_comment(tokens),
        }
    }

    fn is_claim(&self, attributed: bool, has_number: bool) -> bool {
        if self.question
            || self.introduces
            || self.repeats_title
            || self.heading && !(attributed && self.reports)
        {
            // a heading is a claim only when it reports something ("وقال الوزير: لن
            // نتراجع"), not when it names a report ("نفي الهيئة العامة للسجون")
            return false;
        }
        if attributed {
            return self.words >= MIN_ATTRIBUTED_WORDS;
        }
        if self.caption || self.no_comment {
            return false;
        }
        self.words >= MIN_ASSERTION_WORDS
            || (has_number || self.terminated) && self.words >= MIN_NUMBER_ASSERTION_WORDS
    }
}

/// English month names and their short forms, folded.
const MONTHS_EN: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A wire photo's caption run into the text: "A member of Nepalese army carrying a child
/// walks along the flooded colony in Kathmandu, Nepal, July 12." It ends with a place and
/// a date with no "on" before it, as captions do and sentences of a story do not.
fn is_wire_caption(tokens: &[Token]) -> bool {
    // a full stop, and the six tokens before it but quotation marks, in text order: all
    // it looks at (it is asked of most sentences)
    let mut back = tokens.iter().rev().filter(|t| !t.is_quote_mark());
    let Some(stop) = back.next().filter(|t| t.punct() == Some('.')) else {
        return false;
    };
    let mut tail = [stop; 6];
    let mut n = 0;
    for t in back.take(6) {
        n += 1;
        tail[6 - n] = t;
    }
    let mut rest = &tail[6 - n..];
    let number = |t: &Token, digits: std::ops::RangeInclusive<usize>| {
        t.kind == sentences::Kind::Number && digits.contains(&t.key.len())
    };
    // ", 2024"
    if let [.., comma, year] = rest {
        if comma.punct() == Some(',') && number(year, 4..=4) {
            rest = &rest[..rest.len() - 2];
        }
    }
    match *rest {
        [.., place, comma, month, day] => {
            place.is_word()
                && place.upper
                && comma.punct() == Some(',')
                && month.upper
                && MONTHS_EN.contains(&month.key)
                && number(day, 1..=2)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
