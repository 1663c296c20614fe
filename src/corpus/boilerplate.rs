//! Rules that tell site furniture from story: the lexicon (config/boilerplate.toml),
//! link and domain lines, menus, repeated titles, and short lines shared by several files
//! of the corpus. Each rule looks at one line; `page` decides where they apply.

use crate::text::normalize::search_key;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use memchr::memmem::Finder;
use serde::Deserialize;
use std::ops::Range;
use std::sync::OnceLock;

pub(super) const LEXICON_TOML: &str = include_str!("../../config/boilerplate.toml");

/// Lexicon prefix/contains rules only apply to lines this short: furniture is brief, and
/// a paragraph that happens to start with "Click here" is still a paragraph.
const LEXICON_MAX_WORDS: usize = 30;

/// Only lines this short can be furniture by being shared across files. A longer line
/// in several files is syndicated story text (the same agency paragraph in three
/// outlets), which a fact-checker needs to see.
pub const SHARED_MAX_WORDS: usize = 12;

/// The lookup key of a line: search folding, white space collapsed, punctuation and
/// symbols trimmed from both ends.
pub fn line_key(text: &str) -> String {
    let phrase = phrase_key(text);
    let key = key_range(&phrase);
    if key.len() == phrase.len() {
        phrase
    } else {
        phrase.get(key).unwrap_or_default().to_string()
    }
}

/// Where the [`line_key`] of a line lies in its [`phrase_key`].
pub fn key_range(phrase: &str) -> std::ops::Range<usize> {
    let not_alphanumeric = |c: char| !c.is_alphanumeric();
    let start = phrase.len() - phrase.trim_start_matches(not_alphanumeric).len();
    let end = phrase.trim_end_matches(not_alphanumeric).len().max(start);
    start..end
}

/// Search folding and collapsed white space, punctuation kept ("related:" must not match
/// "Related to this").
pub fn phrase_key(text: &str) -> String {
    crate::extract::fold_space_owned(search_key(text))
}

#[derive(Debug, Default, Deserialize)]
struct LexiconFile {
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    starts: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    notices: Vec<String>,
}

/// The furniture lexicon, folded once.
#[derive(Debug, Default)]
pub struct Lexicon {
    lines: HashSet<String>,
    /// The longest key in `lines`: a longer line is none of them, unhashed.
    longest_line: usize,
    starts: Vec<String>,
    /// Phrases searched for in every short line and every long one, with memchr's
    /// substring search built once.
    contains: Vec<Finder<'static>>,
    notices: Vec<Finder<'static>>,
}

impl Lexicon {
    pub fn parse(toml_text: &str) -> Result<Lexicon, toml::de::Error> {
        let file: LexiconFile = toml::from_str(toml_text)?;
        let lines: HashSet<String> = file.lines.iter().map(|s| line_key(s)).collect();
        let finders = |phrases: &[String]| -> Vec<Finder<'static>> {
            phrases
                .iter()
                .map(|s| Finder::new(phrase_key(s).as_bytes()).into_owned())
                .collect()
        };
        Ok(Lexicon {
            longest_line: lines.iter().map(String::len).max().unwrap_or(0),
            lines,
            starts: file.starts.iter().map(|s| phrase_key(s)).collect(),
            contains: finders(&file.contains),
            notices: finders(&file.notices),
        })
    }

    /// The built-in lexicon (its parse is checked by a test).
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(LEXICON_TOML).unwrap_or_default())
    }

    /// The line is a widget, menu entry or form text named in the lexicon. `phrase` is
    /// the line's [`phrase_key`], `key` its [`line_key`].
    pub fn matches(&self, text: &str, phrase: &str, key: &str, words: usize) -> bool {
        if key.len() <= self.longest_line && self.lines.contains(key) {
            return true;
        }
        // Widgets glued on one line: "Advertisement · Scroll to continue".
        const WIDGET_SEPARATORS: [char; 3] = ['|', '·', '•'];
        if count_separators(text, [b'|', 0xC2, 0xE2], &WIDGET_SEPARATORS) > 0
            && text
                .split(WIDGET_SEPARATORS)
                .all(|p| p.trim().is_empty() || self.lines.contains(&line_key(p)))
        {
            return true;
        }
        let found = |finders: &[Finder], text: &str| {
            finders.iter().any(|f| f.find(text.as_bytes()).is_some())
        };
        if words > LEXICON_MAX_WORDS {
            return found(&self.notices, phrase);
        }
        if text.contains('©') {
            return true;
        }
        let phrase = phrase.trim_start_matches(|c: char| !c.is_alphanumeric());
        self.starts.iter().any(|s| starts_with_words(phrase, s)) || found(&self.contains, phrase)
    }
}

/// `text` starts with `prefix` and the prefix ends at a word boundary.
fn starts_with_words(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|rest| {
        rest.is_empty()
            || prefix.ends_with(|c: char| !c.is_alphanumeric())
            || rest.starts_with(|c: char| !c.is_alphanumeric())
    })
}

/// A token that is a URL, a bare domain (`www.eremnews.com`, `bbc.co.uk/news`) or an
/// e-mail address.
pub fn is_link(token: &str) -> bool {
    domain_of(token).is_some()
}

/// The host of a URL, domain or e-mail token, without `www.`, lowercased.
pub fn domain_of(token: &str) -> Option<String> {
    let t = token.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '<' | '>' | '[' | ']' | ',' | '"' | '\'' | '«' | '»'
        )
    });
    let t = t.trim_end_matches(['.', ':', ';', '،']);
    let lower = t.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last()?;
    let valid = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && (2..=24).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_alphabetic());
    valid.then(|| host.strip_prefix("www.").unwrap_or(host).to_string())
}

/// Separators that join links or menu entries on one line.
pub fn is_separator_token(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| !c.is_alphanumeric())
}

/// The line is only links (and separators): "www.eremnews.com", "https://x.com/a | b.org".
pub fn is_link_line(text: &str) -> bool {
    let mut links = 0;
    for t in text.split_whitespace() {
        if is_link(t) {
            links += 1;
        } else if !is_separator_token(t) {
            return false;
        }
    }
    links > 0
}

/// A breadcrumb or menu: three or more short entries between separators
/// ("Home › World › Middle East", "الرئيسية | سياسة | اقتصاد").
pub fn is_menu(text: &str) -> bool {
    const SEPARATORS: [char; 10] = ['|', '•', '·', '»', '›', '>', '/', '\\', '–', '—'];
    // Entries of at most three words: a line of more words than 3 per part plus the
    // separators themselves is no menu (most lines, found without splitting them).
    let separators = count_separators(text, [b'|', b'>', b'/'], &SEPARATORS)
        + count_separators(text, [b'\\', 0xC2, 0xE2], &SEPARATORS);
    if more_words_than(text, 4 * separators + 3) {
        return false;
    }
    let parts = parts_between(text, &SEPARATORS);
    parts.len() >= 3 && parts.iter().all(|p| p.split_whitespace().count() <= 3)
}

/// A menu run together on one line without separators: some word said three or more
/// times ("قناة صدى البلد البلد سبورت صدى البلد جامعات صدى البلد عقارات"), no sentence.
pub fn is_run_on_menu(text: &str, key: &str, words: usize) -> bool {
    if !(4..=24).contains(&words) || ends_sentence(text) || text.contains([',', '،']) {
        return false;
    }
    let list: Vec<&str> = key.split(' ').filter(|w| w.chars().count() >= 4).collect();
    list.iter()
        .any(|w| list.iter().filter(|o| *o == w).count() >= 3)
}

/// Most words one entry of a tag list has ("وقف فوري لإطلاق النار", "Middle East").
const TAG_WORDS: usize = 4;

/// A list of tags or keywords on one line, as a page's keyword widget gives it: four or
/// more short entries between commas, no sentence ("الخارجية,مصر تدين,غزة,وقف إطلاق
/// النار", "Gaza, Israel, Hamas, Ceasefire, Middle East"). Prose with that many commas
/// has a space after each and longer clauses, or joins them with "and"/"و".
pub fn is_tag_list(text: &str, words: usize) -> bool {
    if words > LEXICON_MAX_WORDS || ends_sentence(text) {
        return false;
    }
    let commas = text.matches([',', '،']).count();
    if commas < 3 || more_words_than(text, TAG_WORDS * (commas + 1)) {
        return false;
    }
    let parts: Vec<&str> = text.split([',', '،']).map(str::trim).collect();
    let short = parts
        .iter()
        .all(|p| (1..=TAG_WORDS).contains(&p.split_whitespace().count()));
    // tags are glued ("a,b,c") or, spaced, none opens like a clause ("and …", "وأضاف …")
    let tight = text
        .split([',', '،'])
        .skip(1)
        .filter(|p| !p.starts_with(' '))
        .count();
    let clause = |p: &&str| {
        let first = p.split_whitespace().next().unwrap_or("");
        first.chars().count() > 3 && first.starts_with(['و', 'ف'])
            || matches!(
                first.to_lowercase().as_str(),
                "and" | "but" | "or" | "which" | "who"
            )
    };
    short && parts.len() >= 4 && (tight * 2 >= commas || !parts.iter().any(clause))
}

/// A list of headlines on one line: three or more parts between bullets or bars, none
/// of them a sentence ("Bank of England to investigate … • 840,000 at risk … • Oil
/// prices decline …").
pub fn is_headline_list(text: &str) -> bool {
    const SEPARATORS: [char; 5] = ['•', '·', '|', '●', '▪'];
    // three parts need two separators, and parts of at most 16 words bound the line's
    let separators = count_separators(text, [b'|', 0xC2, 0xE2], &SEPARATORS);
    if separators < 2 || more_words_than(text, 17 * separators + 16) {
        return false;
    }
    let parts = parts_between(text, &SEPARATORS);
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !ends_sentence(p) && p.split_whitespace().count() <= 16)
}

/// How many chars of `text` that start with one of the bytes `leads` are `separators`:
/// memchr finds the candidates (ASCII marks, or 0xC2 for '·' and '»', 0xE2 for '•', '›',
/// '–', '—', '●', '▪'), so the text is not decoded char by char.
/// The non-blank parts of `text` between `separators`, trimmed.
fn parts_between<'t>(text: &'t str, separators: &[char]) -> Vec<&'t str> {
    text.split(separators)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn count_separators(text: &str, [a, b, c]: [u8; 3], separators: &[char]) -> usize {
    memchr::memchr3_iter(a, b, c, text.as_bytes())
        .filter(|&i| {
            text.get(i..)
                .is_some_and(|rest| rest.starts_with(separators))
        })
        .count()
}

/// The text has more than `n` words (counts no further than that).
pub fn more_words_than(text: &str, n: usize) -> bool {
    text.split_whitespace().nth(n).is_some()
}

/// `text.split_whitespace().count()`, from bytes: a word starts at a byte that is not
/// white space right after one that is. Only chars that start with 0xC2 or 0xE1..=0xE3
/// can be white space beyond ASCII; a text with such a white space char is counted the
/// slow way.
pub fn word_count(text: &str) -> usize {
    let b = text.as_bytes();
    let other_space = memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b)
        .chain(memchr::memchr_iter(0xE1, b))
        .any(|i| {
            text.get(i..)
                .is_some_and(|r| r.starts_with(char::is_whitespace))
        });
    if other_space {
        return text.split_whitespace().count();
    }
    // branch-free, so that the compiler can count many bytes at a time
    let space = |x: u8| (x == b' ') | (x.wrapping_sub(b'\t') <= b'\r' - b'\t');
    // continuation bytes follow a byte of their own char, so they never start a word
    let first = usize::from(b.first().is_some_and(|&x| !space(x)));
    // counted in bytes, a block of 255 pairs at a time: the loop then runs on vectors
    let after = b.get(1..).unwrap_or_default();
    let starts: usize = (b.chunks(255).zip(after.chunks(255)))
        .map(|(before, x)| {
            let block: u8 = (before.iter().zip(x))
                .map(|(&before, &x)| u8::from(space(before) & !space(x)))
                .fold(0, u8::wrapping_add);
            usize::from(block)
        })
        .sum();
    first + starts
}

/// Where markup left on a line ends ("see helvetica, cheap sans-serif;”>Bin Hammam
/// had said …"): just after the tag's closing `>`, when what comes before it reads as
/// style or attribute text.
pub fn markup_prefix(text: &str) -> Option<usize> {
    let head = text.get(..text.len().min(160))?;
    // every tag end below closes with '>'
    memchr::memchr(b'>', head.as_bytes())?;
    let close = ["\">", "”>", "'>", "\"/>"]
        .iter()
        .filter_map(|t| head.find(t).map(|i| i + t.len()))
        .min()?;
    let before = &text[..close];
    let styled = before.contains(';')
        || before.contains('=')
        || ["serif", "font", "style", "color", "px", "class", "href"]
            .iter()
            .any(|w| before.contains(w));
    let rest = text[close..].trim();
    (styled && more_words_than(rest, 2)).then_some(close)
}

/// Where a page's script left on a line ends ("- لندن - Share var addthis_pub =
/// \"site\"; var addthis_options = 'email, print'; أكد شاهد …"): just after the `;` that
/// closes the last `var … = …` statement near the start, when prose follows.
pub fn script_prefix(text: &str) -> Option<usize> {
    let head = text
        .get(..text.len().min(SCRIPT_HEAD_BYTES))
        .unwrap_or(text);
    let bytes = head.as_bytes();
    // a statement ends with ';', which news prose rarely has (memchr: no scan per byte)
    memchr::memchr(b';', bytes)?;
    let var =
        memchr::memmem::rfind_iter(bytes, b"var ").find(|&at| at == 0 || bytes[at - 1] == b' ')?;
    let close = var + memchr::memchr(b';', &bytes[var..])? + 1;
    // the statement assigns: "var name = …;"
    memchr::memmem::find(&bytes[var..close], b" = ")?;
    let rest = text[close..].trim();
    more_words_than(rest, 5).then_some(close)
}

/// How far into a line a script prefix is looked for.
const SCRIPT_HEAD_BYTES: usize = 600;

/// Menu entries glued without spaces ("…CorporationWatchHomeNewsSport…") a line needs
/// at least, counted as a lower-case letter right before a capital.
const GLUED_MENU_JOINS: usize = 8;

/// Where a navigation bar glued onto the story's line ends, as some scrapes of a page
/// give it ("British Broadcasting CorporationWatchHomeNewsSport…NewslettersHeadline?
/// ReutersA file picture of …"): after the last glued join before the first sentence
/// break (". " after a word, not an initial's "N. "). Eight joins or more: a sentence
/// naming brands has a few.
pub fn glued_menu_prefix(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // branch-free over the bar's window first, so that the compiler tests many bytes at
    // a time: nearly every line has no join there
    let window = &bytes[..bytes.len().min(GLUED_MENU_FIRST_JOIN + 1)];
    let any_join = (window.iter().zip(window.get(1..).unwrap_or_default()))
        .fold(false, |found, (&a, &b)| {
            found | (a.is_ascii_lowercase() & b.is_ascii_uppercase())
        });
    if !any_join {
        return None;
    }
    let mut joins = 0;
    let mut end = None;
    // one pass, up to the first sentence's end (not an initial's: "N. Ireland"); the bar
    // opens the line, so a line with no join in its first bytes has none (nearly every
    // story line is asked, Arabic ones included)
    for i in 1..bytes.len() {
        let (before, b) = (bytes[i - 1], bytes[i]);
        if b.is_ascii_uppercase() && before.is_ascii_lowercase() {
            joins += 1;
            end = Some(i);
        } else if matches!(b, b'.' | b'?' | b'!')
            && bytes.get(i + 1) == Some(&b' ')
            && (before.is_ascii_lowercase() || before.is_ascii_digit())
        {
            break;
        }
        if end.is_none() && i >= GLUED_MENU_FIRST_JOIN {
            return None;
        }
    }
    let end = end.filter(|_| joins >= GLUED_MENU_JOINS)?;
    more_words_than(&text[end..], 2).then_some(end)
}

/// How far into a line a glued navigation bar's first join may be.
const GLUED_MENU_FIRST_JOIN: usize = 256;

/// Markers of a link to another story run into a paragraph, followed by `|` or `:`.
const TEASER_MARKERS: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ أيضًا",
    "اقرأ ايضا",
    "إقرأ أيضا",
    "إقرأ أيضاً",
    "إقرأ ايضا",
    "شاهد أيضا",
    "شاهد أيضاً",
    "شاهد ايضا",
    "read also",
    "also read",
    "read more",
    "see also",
];

/// Words a teaser's headline may run to before its sentence end; one that runs longer is
/// the story going on, and only its marker is furniture.
const TEASER_WORDS: usize = 25;

/// "Read also" teasers run into a story's paragraph ("… باتت منسية. اقرأ أيضا| الأطفال
/// يعانون من الجوع.. وفي وقت سابق …"): each from its marker, at the start of the line or
/// of a sentence and followed by `|` or `:`, to the end of the headline it links (the
/// next sentence end), as byte ranges of `text`.
pub fn inline_teasers(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Every teaser has its delimiter: only the text before each one is looked at. The
    // delimiters are found by their bytes ("：" is EF BC 9A), not by decoding every char.
    let b = text.as_bytes();
    let delimiters = memchr::memchr3_iter(b'|', b':', 0xEF, b).filter_map(|i| match b[i] {
        0xEF => b
            .get(i..i + 3)
            .filter(|w| *w == "：".as_bytes())
            .map(|_| (i, "：")),
        b'|' => Some((i, "|")),
        _ => Some((i, ":")),
    });
    for (delimiter, mark) in delimiters {
        let before = text[..delimiter].trim_end();
        let Some(at) = TEASER_MARKERS.iter().find_map(|m| {
            let at = before.len().checked_sub(m.len())?;
            before
                .get(at..)
                .filter(|tail| tail.eq_ignore_ascii_case(m))
                .map(|_| at)
        }) else {
            continue;
        };
        let opening = text[..at].trim_end();
        if !(opening.is_empty() || opening.ends_with(['.', '!', '?', '؟', '…'])) {
            continue;
        }
        let headline_at = delimiter + mark.len();
        let headline = &text[headline_at..];
        let end = headline
            .char_indices()
            .find(|&(_, c)| matches!(c, '.' | '!' | '?' | '؟' | '…'))
            .map(|(i, _)| i)
            .filter(|&i| headline[..i].split_whitespace().count() <= TEASER_WORDS);
        let end = match end {
            Some(i) => {
                // the headline's own end marks (".." "?!") go with it
                let tail = &headline[i..];
                let marks = tail.len() - tail.trim_start_matches(['.', '!', '?', '؟', '…']).len();
                headline_at + i + marks
            }
            None if headline.split_whitespace().count() <= TEASER_WORDS => text.len(),
            None => headline_at,
        };
        out.push(at..end);
    }
    out
}

/// Markup a page left in its text: a shortcode ("[covid19-card region=”EG” …]") or a
/// template slot ("{Current column}").
pub fn is_markup(text: &str) -> bool {
    let t = text.trim();
    let shortcode = t.starts_with('[') && t.contains('=');
    let slot = t.find('{').is_some_and(|open| {
        t[open..].find('}').is_some_and(|close| {
            let inner = &t[open + 1..open + close];
            !inner.is_empty()
                && inner.len() <= 30
                && inner
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_')
        })
    });
    shortcode || slot
}

/// Agency credits a photo caption ends with.
const CREDITS: &[&str] = &[
    "(afp)",
    "(reuters)",
    "(ap)",
    "(getty images)",
    "(epa)",
    "afp",
    "reuters",
    "ap photo",
    "(facebook)",
    "(twitter)",
    "(social media)",
    "(فيس بوك)",
    "(فيسبوك)",
    "(تويتر)",
    "(انترنت)",
    "(متداول)",
    "(مواقع التواصل)",
    "(مواقع التواصل الاجتماعي)",
    "getty images",
    "(ا.ف.ب)",
    "(ا ف ب)",
    "(اف ب)",
    "(رويترز)",
    "(الاناضول)",
    "(د ب ا)",
    "(اب)",
    "(افب)",
    "(وكالات)",
    "(ارشيفيه)",
    "ارشيفيه",
    "(صوره ارشيفيه)",
    "[reuters]",
    "[afp]",
    "[ap]",
    "[getty images]",
    "[epa]",
    "/file photo",
];

/// Words a caption opens with.
const CAPTION_STARTS: &[&str] = &[
    "file photo",
    "photo:",
    "picture:",
    "image:",
    "photo credit",
    "(photo",
    "لقطه من",
    "صوره من",
    "صوره ارشيفيه",
    "صوره:",
    "الصوره:",
    "تصوير:",
    "تصوير",
    "صور:",
];

/// A photo caption: short, not a sentence of the story, opening like one ("File Photo:",
/// "لقطة من") or ending with a picture credit ("… (ا.ف.ب)", "Picture: AFP", "- أرشيفية").
/// `phrase` is the line's [`phrase_key`].
pub fn is_caption(phrase: &str, words: usize) -> bool {
    if words > 60 {
        return false;
    }
    let key = lower_case(phrase);
    let key = key.as_ref();
    if CAPTION_STARTS.iter().any(|s| starts_with_words(key, s))
        || photo_credit_last(key)
        || agency_photographer_last(key)
        || dashed_pic_credit_last(key)
    {
        return true;
    }
    if words > 30 {
        return false;
    }
    let tail = key.trim_end_matches(['.', ' ']);
    // "… / Reuters Archive", "- AFP File": the credit with the kind of picture
    let tail = [" archive", " file", " handout"]
        .iter()
        .find_map(|kind| tail.strip_suffix(kind))
        .unwrap_or(tail);
    let credited = CREDITS.iter().any(|c| {
        tail.strip_suffix(c).is_some_and(|before| {
            // "Reuters" alone is an outlet's line; a caption has words before its credit,
            // and not a word that makes it prose ("… requests for comment from AFP.")
            let prose = before.ends_with(' ')
                && before.split_whitespace().last().is_some_and(|w| {
                    matches!(
                        w,
                        "from"
                            | "to"
                            | "told"
                            | "with"
                            | "of"
                            | "for"
                            | "at"
                            | "on"
                            | "in"
                            | "said"
                            | "says"
                            | "the"
                            | "and"
                            | "ل"
                            | "عن"
                            | "من"
                            | "الى"
                            | "مع"
                            | "و"
                    )
                });
            before.split_whitespace().count() >= 3
                && before.ends_with([' ', '-', '–', '—', '|', '/', '.'])
                && !prose
        })
    }) || after_last(tail, "picture:")
        .or_else(|| after_last(tail, "photo:"))
        .or_else(|| after_last(tail, "credit:"))
        .is_some_and(|who| who.split_whitespace().count() <= 3);
    credited && words <= 25
}

/// Ends with a credit after a dash that says it is a picture ("… in Kuala Lumpur July
/// 22, 2020. — Bernama pic", "…. — Reuters pic", ". — Picture by Jane Doe"), after a
/// full stop: no sentence of a story does.
fn dashed_pic_credit_last(key: &str) -> bool {
    // both dashes are E2 80 9x: a byte search finds the last one
    let b = key.as_bytes();
    let Some(at) = memchr::memrchr_iter(0xE2, b)
        .find(|&i| b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x93 | 0x94)))
    else {
        return false;
    };
    let who = key[at..]
        .trim_start_matches(['—', '–'])
        .trim()
        .trim_end_matches('.');
    let words = who.split_whitespace().count();
    let pic = [" pic", " pix", " photo", " picture"]
        .iter()
        .any(|k| who.ends_with(k))
        || who.starts_with("picture by ")
        || who.starts_with("pic by ");
    // the caption's own sentence ends before the credit
    let before = key[..at].trim_end();
    pic && (1..=5).contains(&words)
        && before.ends_with('.')
        && before.split_whitespace().count() >= 3
}

/// Ends with a photographer's credit in brackets, which no sentence of a story does,
/// however long the caption before it ("… in Sanaa, Yemen, Tuesday Mar. 19, 2019. (AP
/// Photo/Hani Mohammed)", "(Photo by Jane Doe)", "(تصوير: …)").
fn photo_credit_last(key: &str) -> bool {
    const OPENS: &[&str] = &[
        "ap photo",
        "afp photo",
        "reuters photo",
        "photo by",
        "photo:",
        "photo credit",
        "تصوير",
        "صوره:",
        "الصوره:",
        "مصدر الصوره",
    ];
    let Some((_, credit)) = trailing_brackets(key.trim_end_matches(['.', ' '])) else {
        return false;
    };
    let credit = credit.trim_start();
    credit.split_whitespace().count() <= 6 && OPENS.iter().any(|o| starts_with_words(credit, o))
}

/// Agencies whose picture credit names the photographer after a slash.
const PHOTO_AGENCIES: &[&str] = &[
    "reuters",
    "afp",
    "ap",
    "epa",
    "getty images",
    "anadolu",
    "anadolu agency",
    "xinhua",
];

/// Ends with a wire picture's credit, agency and photographer joined by a slash, which
/// no sentence of a story does: "… February 27, 2017. REUTERS/Ammar Awad", "… (Jane
/// Roe/AFP via Getty Images)", "(Omar Haj/Anadolu Agency)".
fn agency_photographer_last(key: &str) -> bool {
    let key = key.trim_end_matches(['.', ' ']);
    let is_agency = |w: &str| {
        let w = w.trim();
        PHOTO_AGENCIES
            .iter()
            .any(|a| w == *a || w.strip_prefix(a).is_some_and(|r| r.starts_with(" via ")))
    };
    let name_like =
        |w: &str| (1..=4).contains(&w.split_whitespace().count()) && !w.contains([',', ':']);
    if let Some((_, credit)) = trailing_brackets(key) {
        // "(Photographer/Agency)" or "(Agency/Photographer)"
        return credit.split_whitespace().count() <= 8
            && credit.split_once('/').is_some_and(|(a, b)| {
                is_agency(a) && name_like(b) || is_agency(b) && name_like(a)
            });
    }
    // "… 2017. REUTERS/Ammar Awad": the agency opens the line's last sentence
    let Some(slash) = key.rfind('/') else {
        return false;
    };
    let (before, name) = (&key[..slash], &key[slash + 1..]);
    let agency_at = before.rfind([' ', '.']).map_or(0, |at| at + 1);
    let agency = &before[agency_at..];
    PHOTO_AGENCIES.contains(&agency) && agency_at > 0 && name_like(name) && !name.contains('/')
}

/// A key in lower case. Search keys nearly are already: only letters outside ASCII and
/// Arabic (which has no case) need `to_lowercase`, and white space is left as it is.
fn lower_case(key: &str) -> std::borrow::Cow<'_, str> {
    if is_caseless(key) {
        std::borrow::Cow::Borrowed(key)
    } else {
        std::borrow::Cow::Owned(key.to_lowercase())
    }
}

/// Made only of chars that `to_lowercase` leaves as they are, told by their UTF-8 lead
/// bytes: ASCII but capitals, U+0080..=U+00BF, Arabic (U+0600..=U+06FF) and general
/// punctuation (U+2000..=U+207F).
fn is_caseless(key: &str) -> bool {
    let b = key.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        i += match x {
            b'A'..=b'Z' => return false,
            0x00..=0x7F => 1,
            0xC2 | 0xD8..=0xDB => 2,
            0xE2 if matches!(b.get(i + 1), Some(0x80 | 0x81)) => 3,
            _ => return false,
        };
    }
    true
}

/// What follows the last `credit` in `text` ("… picture: afp" → " afp").
fn after_last<'a>(text: &'a str, credit: &str) -> Option<&'a str> {
    let at = memchr::memmem::rfind(text.as_bytes(), credit.as_bytes())?;
    text.get(at + credit.len()..)
}

/// A cut teaser of the story ("… are likely behind the leak of se ..."): ends in an
/// ellipsis after a broken word, and its last whole words are said again in `others`.
pub fn is_cut_teaser(text: &str, others: &[&str]) -> bool {
    let t = text.trim_end();
    let Some(body) = t.strip_suffix("...").or_else(|| t.strip_suffix('…')) else {
        return false;
    };
    let words: Vec<&str> = body.split_whitespace().collect();
    if words.len() < 8 {
        return false;
    }
    // drop the broken last word, keep the five before it
    let tail = words[words.len() - 6..words.len() - 1].join(" ");
    others
        .iter()
        .any(|o| o.len() > tail.len() && o.contains(&tail) && *o != text)
}

/// No letters at all: dividers ("* * *"), lone numbers, times.
pub fn is_symbols(key: &str, words: usize) -> bool {
    words <= 6 && !key.chars().any(char::is_alphabetic)
}

/// What comes before the bracketed words `text` ends with, and those words: "The
/// ministers meet. (Foreign Ministry)" → ("The ministers meet. ", "Foreign Ministry").
pub fn trailing_brackets(text: &str) -> Option<(&str, &str)> {
    text.trim_end().strip_suffix(')')?.rsplit_once('(')
}

/// A reading-time widget: "2 MIN READ", "Reading time: 4 minutes", "3 دقائق للقراءة",
/// "مدة القراءة: دقيقتان". Every word is one of the widget's words or a number, and it
/// names both the minutes and the reading, so "I read it in a minute" stays story.
pub fn is_reading_time(key: &str, words: usize) -> bool {
    const MINUTES: [&str; 8] = [
        "min",
        "mins",
        "minute",
        "minutes",
        "دقيقه",
        "دقائق",
        "دقيقتان",
        "دقيقتين",
    ];
    const READING: [&str; 5] = ["read", "reading", "قراءه", "للقراءه", "القراءه"];
    const OTHERS: [&str; 9] = [
        "time",
        "estimated",
        "a",
        "less",
        "than",
        "وقت",
        "مده",
        "واحده",
        "اقل",
    ];
    if !(2..=6).contains(&words) {
        return false;
    }
    let (mut minutes, mut reading) = (false, false);
    let all_widget = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            minutes |= MINUTES.contains(&w);
            reading |= READING.contains(&w);
            MINUTES.contains(&w)
                || READING.contains(&w)
                || OTHERS.contains(&w)
                || w.bytes().all(|b| b.is_ascii_digit())
        });
    all_widget && minutes && reading
}

/// Ends like a sentence, so it is story text however short ("He was 84.").
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '»', '”', '’', ')']);
    t.ends_with(['.', '!', '?', '؟', '。']) && !t.ends_with("..")
}

/// A line that repeats the title: the title itself, the title glued to itself
/// ("TT"), a cut-down title ("مهازل الصراع في سوريا.."), or one widget word before a
/// cut-down title ("طباعة مهازل الصراع في سوريا..", "Print Title").
pub fn is_title_repeat(line_key: &str, title_key: &str) -> bool {
    if line_key.is_empty() || title_key.is_empty() {
        return false;
    }
    // Keys are single-spaced (see `line_key`), so lengths decide most lines at once.
    let spaces = |k: &str| memchr::memchr_iter(b' ', k.as_bytes()).count();
    let (squeezed_len, title_len) = (
        line_key.len() - spaces(line_key),
        title_key.len() - spaces(title_key),
    );
    if title_len > 0 && squeezed_len % title_len == 0 {
        let squeeze = |k: &str| k.split(' ').collect::<String>();
        if squeeze(line_key) == squeeze(title_key).repeat(squeezed_len / title_len) {
            return true;
        }
    }
    let is_prefix = |p: &str| {
        title_key
            .strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
    };
    let words = spaces(line_key) + 1;
    (words >= 2 && is_prefix(line_key))
        || (words >= 4
            && line_key
                .split_once(' ')
                .is_some_and(|(_, rest)| is_prefix(rest)))
}

/// Short lines that occur in several files of the corpus: the furniture of a site that
/// the lexicon does not know.
#[derive(Debug, Default)]
pub struct SharedLines {
    keys: HashSet<String>,
}

impl SharedLines {
    /// A line is shared when it occurs in 3 or more articles; in a corpus of 4 or fewer
    /// articles, 2 is all the evidence there can be (two pages of one site), so 2.
    pub fn threshold(articles: usize) -> usize {
        if articles <= 4 {
            2
        } else {
            3
        }
    }

    pub fn count<'a>(texts: impl IntoIterator<Item = &'a str>) -> SharedLines {
        let mut seen_in: HashMap<String, usize> = HashMap::new();
        let mut articles = 0;
        for text in texts {
            articles += 1;
            let mut mine = HashSet::new();
            for line in text.split('\n') {
                // one to SHARED_MAX_WORDS words, counted no further than that
                if line.trim().is_empty() || more_words_than(line, SHARED_MAX_WORDS) {
                    continue;
                }
                let key = line_key(line);
                if !key.is_empty() && mine.insert(key.clone()) {
                    *seen_in.entry(key).or_default() += 1;
                }
            }
        }
        let threshold = Self::threshold(articles);
        SharedLines {
            keys: seen_in
                .into_iter()
                .filter(|(_, n)| *n >= threshold)
                .map(|(k, _)| k)
                .collect(),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_also_teaser_inside_a_paragraph_is_furniture_to_its_headline_end() {
        let text =
            "باتت منسية. اقرأ أيضا| الأطفال يعانون من الجوع.. وفي وقت سابق تعهد الجيش بفك الحصار.";
        let found: Vec<&str> = inline_teasers(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["اقرأ أيضا| الأطفال يعانون من الجوع.."]);
        let english = "Talks resumed. READ MORE: Floods kill 14 in Nepal. The army said 14 died.";
        let found: Vec<&str> = inline_teasers(english)
            .into_iter()
            .map(|r| &english[r])
            .collect();
        assert_eq!(found, ["READ MORE: Floods kill 14 in Nepal."]);
        // Not a teaser: the words used in a sentence, or without a delimiter.
        for prose in [
            "وقال إن عليهم أن يقرأوا، واقرأ أيضا: هذا ليس إعلانا.",
            "He urged them to read more: books, papers and reports.",
            "اقرأ أيضا ما كتبه الوزير في مذكراته عن الحرب.",
        ] {
            assert!(inline_teasers(prose).is_empty(), "{prose}");
        }
    }

    #[test]
    fn builtin_lexicon_parses_and_knows_the_seed_furniture() {
        let lex = Lexicon::parse(LEXICON_TOML).expect("config/boilerplate.toml parses");
        let is = |t: &str| {
            let words = t.split_whitespace().count();
            lex.matches(t, &phrase_key(t), &line_key(t), words)
        };
        for furniture in [
            "الأكثر قراءة",
            "اترك تعليقاً",
            "مقالات ذات صلة",
            "شاهد ايضا : ظهور تنظيم داعش المدعوم أمريكيا في حماة",
            "Share This",
            "fbpx",
            "No stories found.",
            "Your email address will not be published. Required fields are marked *",
            "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
            "طباعة",
            "logo",
            "© 2017 Reuters",
            "Related: Iran deal collapses",
            "Advertisement · Scroll to continue",
            "شاهد المحتوى الأصلي علي موقع الخبر - الشرطة تفرق المحتجين في الساحة",
            "Aucun commentaire:",
            "For the latest news, follow us on Twitter @Daily_News.",
            "Comments are closed on this story.",
        ] {
            assert!(is(furniture), "{furniture}");
        }
        for story in [
            "Related to this, the minister said the talks had failed.",
            "Share prices fell sharply on Monday.",
            "طباعة العملة تزيد التضخم بحسب البنك المركزي",
            "Top officials met in Geneva.",
        ] {
            assert!(!is(story), "{story}");
        }
    }

    #[test]
    fn a_share_script_run_into_a_paragraph_is_cut_off_before_the_story() {
        let line = "- القاهرة - وكالات Share var share_pub = \"siteid\"; اطبع var \
                    share_labels = { print: \"اطبع\", mail: \"أرسل\" }; var share_list = \
                    'mail, print, facebook';  قال مسؤول محلي إن الأمطار أغرقت عشرات المنازل \
                    في القرية.";
        let end = script_prefix(line).expect("a script prefix");
        assert!(line[end..].trim().starts_with("قال مسؤول محلي"));
        for prose in [
            "The var of the samples was 0.3; the team said more tests were needed soon.",
            "قال مسؤول محلي إن الأمطار أغرقت عشرات المنازل في القرية.",
            "Police said var = x; nothing",
        ] {
            assert_eq!(script_prefix(prose), None, "{prose}");
        }
    }

    #[test]
    fn a_wires_pledge_and_an_agencys_site_note_are_furniture_at_any_length() {
        let lex = Lexicon::parse(LEXICON_TOML).expect("config/boilerplate.toml parses");
        let is = |t: &str| lex.matches(t, &phrase_key(t), &line_key(t), word_count(t));
        assert!(is("Our Standards:The Thomson Reuters Trust Principles."));
        assert!(is(
            "ما تنشره الوكالة على موقعها العام جزء يسير مما يصل إلى عملائها المشتركين في \
             خدمتها عبر نظام تدفق الأخبار (HAS) الخاص بها، ويمكن لكل مؤسسة إعلامية أو \
             جهة حكومية أو خاصة أن تطلب الخدمة بالتواصل مع قسم المبيعات في مقر الوكالة \
             بالعاصمة أنقرة."
        ));
        assert!(is("من أجل الاشتراك لدى الوكالة يرجى مراسلة القسم المختص."));
        assert!(!is(
            "The minister said the principles of the deal were agreed."
        ));
        assert!(!is(
            "وقالت الوكالة إن عدد المشتركين في خدماتها ارتفع هذا العام."
        ));
    }

    #[test]
    fn links_and_domains_but_not_abbreviations() {
        assert_eq!(
            domain_of("www.eremnews.com").as_deref(),
            Some("eremnews.com")
        );
        assert_eq!(
            domain_of("https://www.bbc.co.uk/news/world-123?x=1").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(domain_of("info@site.org").as_deref(), Some("site.org"));
        assert_eq!(domain_of("U.S."), None);
        assert_eq!(domain_of("e.g."), None);
        assert_eq!(domain_of("3.5"), None);
        assert!(is_link_line("www.eremnews.com"));
        assert!(is_link_line("https://a.com/x | b.org"));
        assert!(!is_link_line("إرم نيوز www.eremnews.com"));
    }

    #[test]
    fn title_repeats_cover_glued_cut_and_widget_forms() {
        let t = line_key("مهازل الصراع في سوريا.. اتهامات دعم داعش \"تتفاقم\" بين واشنطن وموسكو");
        for repeat in [
            "مهازل الصراع في سوريا..",
            "طباعة مهازل الصراع في سوريا..",
            "مهازل الصراع في سوريا.. اتهامات دعم داعش \"تتفاقم\" بين واشنطن وموسكومهازل الصراع في سوريا.. اتهامات دعم داعش \"تتفاقم\" بين واشنطن وموسكو",
        ] {
            assert!(is_title_repeat(&line_key(repeat), &t), "{repeat}");
        }
        assert!(
            !is_title_repeat(&line_key("مهازل"), &t),
            "one word is not enough"
        );
        assert!(!is_title_repeat(
            &line_key("مهازل الصراع في سوريا لا تنتهي بحسب المراقبين"),
            &t
        ));
    }

    #[test]
    fn shared_lines_need_enough_files_and_must_be_short() {
        let furniture = "Follow our live coverage";
        let long = "The ministry said forty eight trucks left the city under the watch of the coalition forces.";
        let texts: Vec<String> = (0..5)
            .map(|i| format!("Title {i}\n{furniture}\n{long}\nOnly in {i}"))
            .collect();
        let shared = SharedLines::count(texts.iter().map(String::as_str));
        assert!(shared.contains(&line_key(furniture)));
        assert!(
            !shared.contains(&line_key(long)),
            "paragraphs are never shared furniture"
        );
        assert!(!shared.contains(&line_key("Only in 1")));
        let two = SharedLines::count(texts[..2].iter().map(String::as_str));
        assert!(two.contains(&line_key(furniture)), "2 of 2 files is enough");
    }

    /// Lines of the seeds and page fixtures, and made-up menus and lists.
    fn sample_lines() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines: Vec<String> = [
            "Home › World › Middle East",
            "a/b/c | d — e – f • g · h » i \\ j > k",
            "| | | / / /",
            "One two three | four five six | seven eight nine ten",
            "Bank of England to look at sterling • 840,000 at risk of hunger • Oil prices decline",
            "Advertisement · Scroll to continue",
            "● one ● two ▪ three",
            "“quoted” — «مقتبس» ● ▪ ·",
        ]
        .map(String::from)
        .to_vec();
        for dir in [
            "seeds",
            "tests/fixtures/corpus/pages",
            "tests/fixtures/extract",
        ] {
            for entry in std::fs::read_dir(root.join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                lines.extend(text.lines().map(str::to_string));
            }
        }
        lines
    }

    #[test]
    fn menu_and_headline_rules_agree_with_splitting_every_line() {
        let parts = |text: &str, separators: &[char]| -> Vec<String> {
            text.split(separators)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        };
        let menu_separators = ['|', '•', '·', '»', '›', '>', '/', '\\', '–', '—'];
        let list_separators = ['•', '·', '|', '●', '▪'];
        for line in sample_lines() {
            let menu = parts(&line, &menu_separators);
            let expected =
                menu.len() >= 3 && menu.iter().all(|p| p.split_whitespace().count() <= 3);
            assert_eq!(is_menu(&line), expected, "{line:?}");
            let list = parts(&line, &list_separators);
            let expected = list.len() >= 3
                && list
                    .iter()
                    .all(|p| !ends_sentence(p) && p.split_whitespace().count() <= 16);
            assert_eq!(is_headline_list(&line), expected, "{line:?}");
        }
    }

    #[test]
    fn a_credit_that_ends_a_sentence_of_prose_is_not_a_caption() {
        let caption = |line: &str| is_caption(&phrase_key(line), word_count(line));
        assert!(caption("Rescuers search the rubble in Derna - AFP"));
        assert!(caption("Rescuers search the rubble in Derna. REUTERS"));
        assert!(caption(
            "Spokeswoman Maria Zakharova said the reports were \"disinformation\". / Reuters Archive"
        ));
        assert!(!caption("The court said it would keep the file."));
        assert!(caption(
            "The head of the rebels' political council, a veteran of several rounds of talks, \
             speaks to a reporter during an interview in Sanaa, Yemen, on Tuesday, March 19, \
             2019. (AP Photo/Jane Roe)"
        ));
        assert!(caption(
            "متظاهرون أمام مبنى البرلمان في بيروت (تصوير: سامي علي)"
        ));
        assert!(caption(
            "العميد وعناصره على طريق دمشق- درعا- الأربعاء 31 أيار (فيس بوك)"
        ));
        assert!(!caption(
            "The minister (photographed here last year) said he would resign."
        ));
        assert!(!caption(
            "The minister, Fakridine Mahamoud, did not respond to requests for comment from AFP."
        ));
        assert!(!caption(
            "The shelling killed three people, the governor told Reuters."
        ));
    }

    #[test]
    fn a_caption_signed_agency_slash_photographer_is_a_caption_however_long() {
        let caption = |line: &str| is_caption(&phrase_key(line), word_count(line));
        assert!(caption(
            "Firefighters spray water on a warehouse as it burns after shelling on the \
             outskirts of the port city, in the early hours of March 3, 2022. \
             REUTERS/Maria Example reuters_tickers"
        ));
        assert!(caption(
            "A boy walks past a mural in Tripoli. AFP/Omar Sample"
        ));
        // a story may mention the agency's pages, never sign with it
        assert!(!caption(
            "The footage, first posted on the Reuters/Ipsos site, showed the convoy leaving."
        ));
        assert!(!caption(
            "The photo was distributed by Reuters and AFP on Monday."
        ));
    }

    #[test]
    fn captions_read_the_phrase_key_as_the_line_in_lower_case() {
        for line in sample_lines().iter().chain(&[
            "FILE PHOTO: Planes. REUTERS/File Photo".to_string(),
            "Ünïcode Picture: AFP".to_string(),
        ]) {
            let key = search_key(line.trim()).to_lowercase();
            let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(lower_case(&phrase_key(line)), key, "{line:?}");
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let mut lines = sample_lines();
        lines.extend(
            [
                "",
                " ",
                "a",
                " a ",
                "a  b\tc\r\nd",
                "قال\u{00A0}الوزير",
                "x\u{2009}y\u{3000}z",
                "\u{1680}a\u{85}b",
                "“quoted” — «x»",
                "\u{200B}",
                "a\u{2028}b",
            ]
            .map(String::from),
        );
        // lines longer than one block of 255 byte pairs, a word across a block's edge
        lines.extend(["كلمة ".repeat(300), format!("x{}", "ab ".repeat(200))]);
        for line in &lines {
            assert_eq!(
                word_count(line),
                line.split_whitespace().count(),
                "{line:?}"
            );
        }
    }

    #[test]
    fn caseless_keys_are_their_own_lower_case() {
        for c in ('\u{0}'..='\u{2FFF}').filter(|&c| is_caseless(&c.to_string())) {
            assert_eq!(c.to_lowercase().to_string(), c.to_string(), "{c:?}");
        }
        assert!(is_caseless("قال: «لا» — “no” 12"));
        assert!(!is_caseless("Said"));
        assert!(!is_caseless("é"));
    }

    #[test]
    fn reading_time_widgets_but_not_sentences_about_reading() {
        let widget = |line: &str| is_reading_time(&line_key(line), word_count(line));
        for line in [
            "2 MIN READ",
            "5 min read",
            "Reading time: 4 minutes",
            "Less than a minute read",
            "3 دقائق للقراءة",
            "مدة القراءة: دقيقتان",
            "وقت القراءة ٤ دقائق",
        ] {
            assert!(widget(line), "{line}");
        }
        for line in [
            "I read it in a minute",
            "Read more",
            "5 minutes",
            "قراءة في الصحف",
            "Minutes of the meeting were read aloud by the clerk",
        ] {
            assert!(!widget(line), "{line}");
        }
    }

    #[test]
    fn menus_dividers_and_sentence_ends() {
        assert!(is_menu("Home › World › Middle East"));
        assert!(is_menu("الرئيسية | سياسة | اقتصاد | رياضة"));
        assert!(!is_menu("تنسيق عسكري روسي -اميركي معلن.. ماذا بعد ؟"));
        assert!(is_symbols(&line_key("* * *"), 3));
        assert!(!is_symbols(&line_key("Top"), 1));
        assert!(ends_sentence("He was 84."));
        assert!(ends_sentence("قال: «لا»."));
        assert!(!ends_sentence("مهازل الصراع في سوريا.."));
        assert!(!ends_sentence("Pin It on Pinterest"));
    }

    #[test]
    fn a_caption_with_a_dashed_picture_credit_is_a_caption() {
        let is = |t: &str| is_caption(&phrase_key(t), word_count(t));
        for caption in [
            "The state minister speaks during a press conference at the assembly building in \
             Ipoh July 22, 2020. — Bernama pic",
            "Traders wait for customers at a market in Penang. — Reuters pic",
            "Rescue workers search the rubble in the old town. — Picture by Sam Lee",
        ] {
            assert!(is(caption), "{caption}");
        }
        for story in [
            "The barge left port on Monday — the ministry said it carried no cargo.",
            "Officials said the pic was taken before the rule began — a claim disputed by critics.",
            "He shared the photo — a family picture",
        ] {
            assert!(!is(story), "{story}");
        }
    }

    #[test]
    fn a_wire_caption_ending_in_agency_slash_photographer_is_a_caption() {
        let is = |t: &str| is_caption(&phrase_key(t), word_count(t));
        for caption in [
            "Fishermen haul their nets at dawn in the harbour of Tyre, Lebanon March 3, 2019. \
             REUTERS/Nadia Karam",
            "A boy walks past a damaged school in Idlib, Syria, January 9, 2020. AFP/Omar Said",
            "Delegates arrive for the summit in Geneva on May 4, 2021. (Lea Fontaine/AFP via \
             Getty Images)",
            "Protesters gather outside the parliament in Ankara (Murat Kaya/Anadolu Agency)",
        ] {
            assert!(is(caption), "{caption}");
        }
        for story in [
            "The ministry said the ratio of 3/4 had not changed since the war began.",
            "Reuters/Ipsos polling showed the party ahead by four points in the capital.",
            "He told Reuters that the talks and/or the ceasefire would resume on Monday.",
        ] {
            assert!(!is(story), "{story}");
        }
    }

    #[test]
    fn a_glued_navigation_bar_before_the_story_on_one_line_is_its_prefix() {
        let text = "Harbour Daily NewsHomeWorldBusinessSportCultureTravelWeatherVideoAudio\
            PodcastsNewslettersIN PICTURES: Dock strike endsReutersA crane operator at the port on Monday. \
            The union said the strike was over.";
        let end = glued_menu_prefix(text).expect("a glued menu");
        assert!(
            text[end..].starts_with("A crane operator"),
            "{}",
            &text[end..]
        );
        for prose in [
            "Shares in YouTube, McDonald's, PlayStation and LinkedIn rose on Monday. Others fell.",
            "The minister said the talks would resume next week in Geneva.",
        ] {
            assert_eq!(glued_menu_prefix(prose), None, "{prose}");
        }
    }

    #[test]
    fn a_line_of_comma_separated_tags_is_furniture_but_a_list_in_prose_is_not() {
        let is = |t: &str| is_tag_list(t, word_count(t));
        for tags in [
            "وزارة الزراعة,الأردن يرحب,أسعار القمح,موسم الحصاد,دعم المزارعين",
            "الصحة، لبنان، المستشفيات، نقص الأدوية، الطوارئ",
            "Sudan, Khartoum, Ceasefire talks, Humanitarian aid, Africa",
            "Floods,Pakistan,Monsoon,Relief",
        ] {
            assert!(is(tags), "{tags}");
        }
        for prose in [
            // a sentence, however listy
            "The delegation visited Amman, Cairo, Riyadh and Doha.",
            // clauses joined by commas, without a full stop (Arabic pages often drop it)
            "وقال الوزير، في بيان، وأضاف المتحدث، ولفت إلى أن المفاوضات مستمرة",
            "He said, and the others agreed, which surprised many, that talks resumed",
            // long clauses between commas
            "بعد أن وصلت القافلة إلى المعبر الحدودي، بدأ العمال تفريغ الشحنات الغذائية، ثم نقلت إلى المخازن، في وقت متأخر",
            // too few entries
            "Gaza, Rafah, Khan Younis",
        ] {
            assert!(!is(prose), "{prose}");
        }
    }

    #[test]
    fn read_also_labels_cookie_notices_newsletter_promotions_and_a_staff_box_are_in_the_lexicon() {
        let lex = Lexicon::parse(LEXICON_TOML).expect("config/boilerplate.toml parses");
        let is = |t: &str| lex.matches(t, &phrase_key(t), &line_key(t), word_count(t));
        for furniture in [
            "ALSO READ:",
            "Also read",
            "قد يهمك أيضاّ : الوزير يلتقي نظيره في العاصمة لبحث التعاون",
            "قد يهمك أيضا",
            "هذا الموقع يستخدم ملف تعريف الارتباط Cookie",
            "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك",
            "رئيس مجلسى الإدارة والتحرير",
            "Subscribe free to our weekly newsletter for the best of the week. Straight to \
             your inbox every Monday.",
            "اشترك الآن في نشرتنا البريدية لتصلك أهم الأخبار",
        ] {
            assert!(is(furniture), "{furniture}");
        }
        for story in [
            "Also read by the committee was a letter from the families.",
            "قد يهمك أن تعرف أن الوزارة رفعت الأسعار مرتين هذا العام.",
            "The website uses cookies to track readers, the regulator found.",
            "The ministry sends a weekly bulletin to farmers by text message.",
            // a promotion glued after a story's sentence leaves the sentence story
            "The convoy reached the town on Monday, the agency said. Sign up for our newsletter",
        ] {
            assert!(!is(story), "{story}");
        }
    }
}
