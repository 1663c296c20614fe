//! One article's layout: which lines are the title, the story, metadata and furniture.
//! Runs the line rules of `boilerplate` and `meta` in a fixed order and returns the
//! metadata and the byte ranges of furniture lines; it never changes the text.

use super::boilerplate::{self as bp, Lexicon, SharedLines, SHARED_MAX_WORDS};
use super::{date, meta, rows::RowFields};
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

/// Paragraphs at least this long (and ending like a sentence, or twice as long) anchor
/// the story: the header is what comes between the title and the first of them, the
/// footer what comes after the last. Headline lists under "Read Next" do not anchor.
const ANCHOR_WORDS: usize = 8;
/// Header and footer lines this short that do not end like a sentence are furniture
/// (section labels, "Top", an author's name on its own line).
const EDGE_MAX_WORDS: usize = 4;
/// Lines this short after the last paragraph that do not end like a sentence are the
/// headlines of other stories.
const FOOTER_HEADLINE_WORDS: usize = 12;
/// A short line said twice in one article is a caption or a widget, not a paragraph.
const REPEAT_MAX_WORDS: usize = 8;
/// A line up to this long said three times or more in one article is a caption (an
/// image's alt text, its caption, the gallery's) or a widget: a story says a thing once.
const THRICE_MAX_WORDS: usize = 30;
/// A date line longer than this is a sentence that mentions a date.
const DATE_LINE_MAX_WORDS: usize = 10;
/// Words more a date line that opens with a publication label may have (a name, an
/// icon's text).
const LABEL_EXTRA_WORDS: usize = 6;
/// Words of the "Updated 5 hours ago" a date line may end with.
const UPDATE_TAIL_WORDS: usize = 5;
/// Shared lines this short are furniture even in the middle of the story
/// ("Advertisement", "Related: …") unless they end like a sentence.
const SHARED_INLINE_MAX_WORDS: usize = 6;

/// Why a line was judged furniture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    Lexicon,
    Link,
    Menu,
    Symbols,
    BeforeTitle,
    TitleRepeat,
    Repeated,
    Shared,
    Date,
    Byline,
    Outlet,
    Edge,
    Caption,
    Teaser,
}

#[derive(Debug)]
struct Line<'a> {
    range: Range<usize>,
    text: &'a str,
    /// [`bp::phrase_key`] of the text.
    phrase: String,
    /// Where [`bp::line_key`] lies in `phrase`.
    key: Range<usize>,
    words: usize,
    why: Option<Why>,
}

impl Line<'_> {
    fn key(&self) -> &str {
        self.phrase.get(self.key.clone()).unwrap_or_default()
    }

    fn mark(&mut self, why: Why) {
        self.why.get_or_insert(why);
    }

    fn is_date_line(&self) -> Option<String> {
        let most = DATE_LINE_MAX_WORDS
            + if self.labelled() {
                LABEL_EXTRA_WORDS
            } else {
                0
            };
        if self.date_words() > most || bp::ends_sentence(self.text) {
            return None;
        }
        date::parse_date(self.text)
    }

    /// Whether the line opens with a publication label ("نشر: …", "تاريخ النشر",
    /// "Published"): a date line then may carry the author's name and an icon's text too
    /// ("نشر: verified icon أمجد الحبيشي 25 يناير 2020 الساعة 09:20 مساءاً").
    fn labelled(&self) -> bool {
        let p = self.phrase.as_str();
        let colon = |w: &str| {
            p.strip_prefix(w)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        };
        colon("نشر")
            || colon("منشور")
            || ["تاريخ النشر", "اخر تحديث", "published", "posted", "updated"]
                .iter()
                .any(|w| p.starts_with(w))
    }

    /// The words of a date line, not counting a short "last updated" tail ("December 3,
    /// 2019 / 8:14 AM / Updated 5 hours ago", "… | آخر تحديث قبل ساعتين").
    fn date_words(&self) -> usize {
        // a line longer than a date and a tail is none (a paragraph: most lines asked)
        if self.words <= DATE_LINE_MAX_WORDS
            || self.words > DATE_LINE_MAX_WORDS + UPDATE_TAIL_WORDS + 1
        {
            return self.words;
        }
        [" updated ", "اخر تحديث"]
            .iter()
            .filter_map(|w| memchr::memmem::find(self.phrase.as_bytes(), w.as_bytes()))
            .min()
            .filter(|&at| !bp::more_words_than(&self.phrase[at..], UPDATE_TAIL_WORDS))
            .map_or(self.words, |at| bp::word_count(&self.phrase[..at]))
    }
}

/// What the layout of one article says.
#[derive(Debug, Default)]
pub struct Layout {
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// Whole furniture lines, in text order, with the rule that caught each.
    pub furniture: Vec<(Range<usize>, Why)>,
}

/// The non-blank lines of `text` with their byte ranges (whole lines, `\n` excluded).
fn split(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split('\n') {
        let end = start + raw.len();
        out.extend(line(text, start..end));
        start = end + 1;
    }
    out
}

/// The line of `text` at `range`, unless it is blank.
fn line(text: &str, range: Range<usize>) -> Option<Line<'_>> {
    let trimmed = text[range.clone()].trim();
    if trimmed.is_empty() {
        return None;
    }
    let phrase = bp::phrase_key(trimmed);
    let key = bp::key_range(&phrase);
    Some(Line {
        range,
        text: trimmed,
        phrase,
        key,
        words: bp::word_count(trimmed),
        why: None,
    })
}

/// Pages kept with their date glued before the headline ("date 2025-08-11 سجّل …", as
/// some crawls store them): the label becomes a line of its own, marked as the date, and
/// its date is returned.
fn split_date_label<'t>(text: &'t str, lines: &mut Vec<Line<'t>>) -> Option<String> {
    let first = lines.first()?;
    let raw = &text[first.range.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let (date, label_len) = meta::date_label(first.text)?;
    let cut = first.range.start + lead + label_len;
    let label = line(text, first.range.start..cut)?;
    let rest = line(text, cut..first.range.end)?;
    lines[0] = rest;
    lines.insert(0, label);
    lines[0].mark(Why::Date);
    Some(date)
}

/// Rules that need nothing but the line itself.
fn local_rule(lexicon: &Lexicon, line: &Line) -> Option<Why> {
    let key = line.key();
    if lexicon.matches(line.text, &line.phrase, key, line.words) {
        Some(Why::Lexicon)
    } else if bp::is_link_line(line.text) {
        Some(Why::Link)
    } else if bp::is_symbols(key, line.words) {
        Some(Why::Symbols)
    } else if bp::is_reading_time(key, line.words) {
        Some(Why::Lexicon)
    } else if bp::is_menu(line.text)
        || bp::is_run_on_menu(line.text, key, line.words)
        || bp::is_headline_list(line.text)
        || bp::is_tag_list(line.text, line.words)
    {
        Some(Why::Menu)
    } else if bp::is_markup(line.text) {
        Some(Why::Symbols)
    } else if bp::is_caption(&line.phrase, line.words) {
        Some(Why::Caption)
    } else {
        None
    }
}

/// A line this long that ends like a sentence is the story's first paragraph, never its
/// headline (a page that starts with the story has no title line).
const PARAGRAPH_WORDS: usize = 15;

fn is_paragraph(l: &Line) -> bool {
    l.words > meta::TITLE_MAX_WORDS || l.words >= PARAGRAPH_WORDS && bp::ends_sentence(l.text)
}

/// The first meaningful line: not furniture, not a date or byline, three words or more
/// (a one-word "أخبار" above a headline is a section label), not said twice if it is
/// that short (a staff box: "رئيس التحرير"), not a paragraph; failing that, any short
/// line before the story. None when the page opens with its story.
fn find_title(lines: &[Line], shared: &SharedLines) -> Option<usize> {
    let said_twice =
        |l: &Line| l.words <= 3 && lines.iter().filter(|o| o.key() == l.key()).count() >= 2;
    let candidate = |l: &Line| {
        l.why.is_none()
            && !(l.words <= EDGE_MAX_WORDS && shared.contains(l.key()))
            && l.is_date_line().is_none()
            && meta::byline(l.text).is_none()
            && meta::source_credit(l.text).is_none()
            && !said_twice(l)
            // "Sana :" on its own line: the story's dateline, not its headline
            && !(l.words <= 2 && l.text.trim_end().ends_with(':'))
    };
    let first_paragraph = lines
        .iter()
        .position(|l| l.why.is_none() && is_paragraph(l))
        .unwrap_or(lines.len());
    // an Arabic story's headline is in Arabic: a line in Latin script only over it is
    // the site's slogan or a language switch ("Les actualités … en français")
    let arabic_story = lines
        .get(first_paragraph)
        .is_some_and(|l| has_arabic(l.text));
    let candidate = |l: &Line| candidate(l) && (!arabic_story || has_arabic(l.text));
    let before = &lines[..first_paragraph];
    // A headline said twice in the header (the page's title over its h1) beats a line
    // before it that is said once: the site's slogan ("حرية سقفها السماء"), a label.
    // Not a sentence, nor one with its credit after it: a photo's caption is said twice
    // too ("The ministers meet in Riyadh. (Foreign Ministry)").
    // (only the header's first lines are compared: a page with no paragraph is all
    // "before", and each line against each other would grow with its square)
    let header = &before[..before.len().min(HEADER_LINES)];
    let said_again = |l: &Line| {
        let uncredited = bp::trailing_brackets(l.text).map_or(l.text, |(before, _)| before);
        l.words >= 4
            && !bp::ends_sentence(l.text)
            && !bp::ends_sentence(uncredited.trim_end())
            && header
                .iter()
                .filter(|o| o.key() == l.key())
                .nth(1)
                .is_some()
    };
    let at = header
        .iter()
        .position(|l| candidate(l) && said_again(l))
        .or_else(|| before.iter().position(|l| candidate(l) && l.words >= 3))
        .or_else(|| before.iter().position(candidate))?;
    // "وكالة معا الإخبارية" over the headline: the site's name, not the title
    let at = match meta::outlet_by_name(lines[at].text) {
        Some(_) => (at + 1..before.len())
            .find(|&j| candidate(&lines[j]) && lines[j].words >= 3)
            .unwrap_or(at),
        None => at,
    };
    // "Site | Headline", "Breadcrumb > Headline -Site": the headline alone on a later
    // line of the header is the title
    let bare = (at + 1..before.len().min(at + 6)).find(|&j| {
        let l = &lines[j];
        candidate(l)
            && l.words >= 4
            && l.words < lines[at].words
            && lines[at].key().contains(l.key())
    });
    Some(bare.unwrap_or(at))
}

/// "شبكة عين الفرات | رويترز: اتفاق …" above the bare headline: the site's name.
fn decorated_site(lines: &[Line], title_at: Option<usize>) -> Option<String> {
    let t = title_at?;
    let title = lines[t].text;
    lines[..t].iter().find_map(|l| {
        let at = l.text.find(title)?;
        let (before, after) = (&l.text[..at], &l.text[at + title.len()..]);
        let site = if before.trim().is_empty() {
            after
        } else {
            before
        };
        let site = site
            .trim()
            .trim_matches(|c: char| matches!(c, '|' | '-' | '–' | '—' | ':' | '>' | '»'))
            .trim();
        // "الرئيسية / شؤون محلية / <headline>": a breadcrumb, sections and no site (keys
        // are folded: "الرئيسيه")
        let crumbs = site.contains(['/', '>', '»', '›'])
            || ["الرئيسيه", "home"]
                .iter()
                .any(|w| bp::line_key(site).starts_with(w));
        if crumbs {
            return None;
        }
        meta::outlet_name(site)
    })
}

/// Reads like a headline, not like the end of a paragraph cut short: no sentence end,
/// no comma, no opening conjunction ("وأضاف", "And"), not ending on a function word
/// ("… aware of the").
fn is_headline(text: &str) -> bool {
    let key = bp::line_key(text);
    let first = key.split(' ').next().unwrap_or("");
    let last = key.rsplit(' ').next().unwrap_or("");
    let conjunction = opens_with_conjunction(first);
    let dangling = matches!(
        last,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "and"
            | "for"
            | "with"
            | "في"
            | "من"
            | "على"
            | "الي"
            | "عن"
            | "مع"
            | "ان"
            | "التي"
            | "الذي"
    );
    !bp::ends_sentence(text) && !text.contains([',', '،']) && !conjunction && !dangling
}

/// How many lines from the top of a page are its header, where a headline said twice
/// is looked for.
const HEADER_LINES: usize = 40;

/// Most words a widget's heading has ("Off the wire", "الأكثر قراءة").
const WIDGET_HEADING_WORDS: usize = 3;

/// The heading of a list widget: a short line that is no sentence, directly over a line
/// of headlines run together ("Off the wire" over "Quake hits … • Talks resume … • …").
/// Without this the heading is the first short line of the page and taken for its title.
fn mark_widget_headings(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let next = &lines[i];
        let list = next.why == Some(Why::Menu)
            && (bp::is_headline_list(next.text)
                || bp::is_run_on_menu(next.text, next.key(), next.words));
        let l = &lines[i - 1];
        if list
            && l.why.is_none()
            && l.words <= WIDGET_HEADING_WORDS
            && !bp::ends_sentence(l.text)
            && l.is_date_line().is_none()
            && meta::byline(l.text).is_none()
        {
            lines[i - 1].mark(Why::Menu);
        }
    }
}

/// "Image caption," alone on a line (as BBC pages have it): the line after it is the
/// caption.
fn mark_labelled_captions(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let label = matches!(
            lines[i - 1].key(),
            "image caption" | "media caption" | "photo caption" | "caption"
        );
        let l = &lines[i];
        if label && l.why.is_none() && l.words <= CAPTION_MAX_WORDS && !bp::ends_sentence(l.text) {
            lines[i].mark(Why::Caption);
        }
    }
}

/// A photo's alt text above its caption: the caption's words without its credit
/// ("… are a concern." over "… are a concern.Credit: Matt Dennien").
fn mark_caption_copies(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let (above, caption) = (&lines[i - 1], &lines[i]);
        let copy = caption.why == Some(Why::Caption)
            && above.why.is_none()
            && above.words >= 4
            && caption.text.len() > above.text.len()
            && caption.text.starts_with(above.text)
            && caption.words <= above.words + 6;
        if copy {
            lines[i - 1].mark(Why::Caption);
        }
    }
}

/// Words a labelled caption has at most.
const CAPTION_MAX_WORDS: usize = 40;

/// Lines in a run of related headlines have this many words.
const RUN_HEADLINE_WORDS: std::ops::RangeInclusive<usize> = 4..=25;
/// A run of related headlines is this many lines or more.
const HEADLINE_RUN: usize = 3;

/// Related headlines set into the story: three or more lines in a row (from `from` on)
/// that do not end like sentences, in a story whose paragraphs do (so an Arabic page
/// that leaves its full stops out keeps every line).
fn mark_headline_runs(lines: &mut [Line], from: usize) {
    let headline = |l: &Line| {
        l.why.is_none()
            && RUN_HEADLINE_WORDS.contains(&l.words)
            && !bp::ends_sentence(l.text)
            && !l
                .text
                .trim_end()
                .ends_with([':', ',', '،', '"', '”', '»', '-', '–', '—'])
            && !l.text.starts_with(['-', '•', '*', '–', '—'])
            && !l.text.starts_with(|c: char| c.is_ascii_digit())
            && is_headline_start(l.text)
    };
    let mut runs = Vec::new();
    let mut i = from;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| headline(l)).count();
        if run >= HEADLINE_RUN {
            runs.push(i..i + run);
        }
        i += run.max(1);
    }
    let in_run = |i: usize| runs.iter().any(|r| r.contains(&i));
    let (mut all, mut ended) = (0, 0);
    for (i, l) in lines.iter().enumerate().skip(from) {
        if l.why.is_none() && l.words >= 12 && !in_run(i) {
            all += 1;
            ended += usize::from(bp::ends_sentence(l.text));
        }
    }
    if all < 3 || ended * 10 < all * 8 {
        return;
    }
    for r in runs {
        for l in &mut lines[r] {
            l.mark(Why::Teaser);
        }
    }
}

/// Ends in an ellipsis right after a word: the site cut the text short ("… As the
/// Syrian army and...").
fn is_cut_short(text: &str) -> bool {
    let t = text.trim_end();
    t.strip_suffix("...")
        .or_else(|| t.strip_suffix('…'))
        .and_then(|body| body.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Most words the headline over a teaser has.
const TEASER_HEADLINE_WORDS: usize = 20;
/// A list of teasers is this many or more.
const TEASER_LIST: usize = 2;

/// A section page or a "more stories" block: headlines, each over its opening words cut
/// short with an ellipsis (a date line may come between). Two or more such teasers make
/// a list; their headlines and cut openings are furniture. A story's own paragraph that
/// ends in "..." comes after another paragraph, not under a headline.
fn mark_teaser_lists(lines: &mut [Line], title_at: Option<usize>) {
    let headline = |l: &Line| {
        l.words <= TEASER_HEADLINE_WORDS
            && !bp::ends_sentence(l.text)
            && !is_cut_short(l.text)
            && !l.text.trim_end().ends_with("..")
    };
    let mut teasers: Vec<(usize, usize)> = Vec::new();
    for i in 1..lines.len() {
        let l = &lines[i];
        if l.why.is_some() || l.words < ANCHOR_WORDS || !is_cut_short(l.text) {
            continue;
        }
        let above = if lines[i - 1].is_date_line().is_some() && i >= 2 {
            i - 2
        } else {
            i - 1
        };
        let h = &lines[above];
        if matches!(h.why, None | Some(Why::BeforeTitle)) && headline(h) {
            teasers.push((above, i));
        }
    }
    if teasers.len() < TEASER_LIST {
        return;
    }
    for (h, cut) in teasers {
        if Some(h) != title_at {
            lines[h].mark(Why::Teaser);
        }
        lines[cut].mark(Why::Teaser);
    }
}

/// Words a page's description has at least, so that a short headline that opens the
/// story word for word ("Floods hit the north") stays the headline.
const DESCRIPTION_WORDS: usize = 8;
/// A description this long need not be cut mid-word: no headline repeats that many of
/// the story's opening words.
const LONG_DESCRIPTION_WORDS: usize = 15;

/// A description's `words` (each a [`bare_word`]) open `para`, cut short: word for
/// word ("و" before the paragraph's first word allowed), its last word whole or cut
/// ("الت" for "التي"); a whole last word only when the copy is long.
fn opens_paragraph(words: &[&str], para: &str) -> bool {
    let mut opening = para
        .split_whitespace()
        .map(bare_word)
        .filter(|w| !w.is_empty());
    let n = words.len();
    for (k, w) in words.iter().enumerate() {
        let Some(p) = opening.next() else {
            return false;
        };
        let same = p == *w || k == 0 && p.strip_prefix('و') == Some(*w);
        if k + 1 == n {
            let cut = p.len() > w.len() && p.starts_with(*w);
            return cut || same && n >= LONG_DESCRIPTION_WORDS && opening.next().is_some();
        }
        if !same {
            return false;
        }
    }
    false
}

/// A word without the punctuation around it.
fn bare_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// A page's description over its headline (scrapers put the meta description first):
/// the story's opening words cut short ("أوضح المتحدث باسم الخارجية أن وزراء … الت").
/// Not the title; its paragraph stays story text.
fn mark_descriptions(lines: &mut [Line]) {
    for i in 0..lines.len().min(HEADER_LINES) {
        let d = &lines[i];
        // over the headline, so before the story's first paragraph
        if d.why.is_none() && is_paragraph(d) {
            break;
        }
        // cut short, so no sentence: a whole sentence said again is the story's
        let cut = !bp::ends_sentence(d.text);
        if d.why.is_some() || !cut || d.words < DESCRIPTION_WORDS || d.words > meta::TITLE_MAX_WORDS
        {
            continue;
        }
        let words: Vec<&str> = d
            .key()
            .split_whitespace()
            .map(bare_word)
            .filter(|w| !w.is_empty())
            .collect();
        let copied = lines[i + 1..]
            .iter()
            .any(|p| p.why.is_none() && p.words > d.words && opens_paragraph(&words, p.key()));
        if copied {
            lines[i].mark(Why::Teaser);
        }
    }
}

/// Most words a ticker's line has ("8.78 ليرة تركية / ريال قطري", "27° Ankara").
const TICKER_WORDS: usize = 7;
/// A ticker is this many lines in a row or more.
const TICKER_LINES: usize = 4;

/// A currency or weather ticker above the story: four or more short lines in a row, each
/// with a number, none a sentence. Only before the first paragraph, where a story's own
/// short lines of figures (results, scores) never are.
fn mark_tickers(lines: &mut [Line]) {
    let end = lines
        .iter()
        .position(|l| {
            l.why.is_none()
                && (is_paragraph(l) || l.words >= ANCHOR_WORDS && bp::ends_sentence(l.text))
        })
        .unwrap_or(lines.len())
        .min(HEADER_LINES);
    let ticker = |l: &Line| {
        l.words <= TICKER_WORDS
            && !bp::ends_sentence(l.text)
            && l.text.chars().any(|c| c.is_numeric())
            && l.is_date_line().is_none()
    };
    let mut i = 0;
    while i < end {
        let run = lines[i..end].iter().take_while(|l| ticker(l)).count();
        if run >= TICKER_LINES {
            for l in &mut lines[i..i + run] {
                l.mark(Why::Symbols);
            }
        }
        i += run.max(1);
    }
}

/// The labels of a paper's staff box, each over a name ("رئيس التحرير" / "إيمان عريف").
const STAFF_LABELS: &[&str] = &[
    "رئيس التحرير",
    "رئيس مجلس الاداره",
    "رئيس مجلسي الاداره",
    "مدير التحرير",
    "نائب رئيس التحرير",
    "المدير العام",
    "الاشراف العام",
    "editor-in-chief",
    "editor in chief",
    "managing editor",
];

/// The name under a staff-box label is furniture too: otherwise it is the page's first
/// short line and taken for its title.
fn mark_staff_names(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let label = &lines[i - 1];
        let is_label = label.why.is_some()
            && label.words <= 5
            && STAFF_LABELS.iter().any(|s| label.key().starts_with(s));
        let name = &lines[i];
        if is_label && name.why.is_none() && name.words <= 4 && !bp::ends_sentence(name.text) {
            lines[i].mark(Why::Lexicon);
        }
    }
}

/// Has Arabic letters.
fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Not a line that carries on the one before ("and …", "وأضاف …", a lower-case start).
fn is_headline_start(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let lower = first.chars().next().is_some_and(char::is_lowercase);
    !lower && !opens_with_conjunction(first)
}

/// A first word that joins its line to the one before: "وأضاف", "فيما", "and", "but".
fn opens_with_conjunction(first: &str) -> bool {
    first.chars().count() > 3 && first.starts_with(['و', 'ف'])
        || matches!(first, "and" | "but" | "or" | "so")
}

/// A date line that says it is the publication date ("منشور السبت 17 أغسطس 2024",
/// "Published: …", "تاريخ النشر") beats one that does not (a photo caption's date).
fn says_published(text: &str) -> bool {
    let key = bp::line_key(text);
    [
        "منشور",
        "نشر",
        "تاريخ النشر",
        "اخر تحديث",
        "تحديث",
        "published",
        "updated",
        "posted",
        "date",
    ]
    .iter()
    .any(|w| key.starts_with(w) || key.contains(&format!(" {w}")))
}

/// Read the layout of one article. `fields` are what a `.jsonl`/`.csv` row stated; they
/// win over what the text suggests.
pub fn analyse(text: &str, fields: &RowFields, shared: &SharedLines) -> Layout {
    let mut lines = split(text);
    let label_date = split_date_label(text, &mut lines);
    let lexicon = Lexicon::builtin();
    for line in &mut lines {
        line.why = local_rule(lexicon, line);
    }
    mark_widget_headings(&mut lines);
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    for line in &mut lines {
        if line.why.is_none() && bp::is_cut_teaser(line.text, &texts) {
            line.mark(Why::Teaser);
        }
    }
    mark_labelled_captions(&mut lines);
    mark_descriptions(&mut lines);
    mark_staff_names(&mut lines);
    mark_tickers(&mut lines);
    mark_caption_copies(&mut lines);

    let row_title = fields
        .title
        .as_deref()
        .map(meta::clean_title)
        .filter(|t| !t.is_empty());
    let title_at = match &row_title {
        Some(t) => {
            let key = bp::line_key(t);
            lines
                .iter()
                .take(5)
                .position(|l| l.why.is_none() && l.key() == key)
        }
        None => find_title(&lines, shared),
    };
    if let (None, Some(t)) = (&row_title, title_at) {
        for line in &mut lines[..t] {
            line.mark(Why::BeforeTitle);
        }
    }
    // No headline: the first paragraph's opening words name the article in lists, and
    // the paragraph stays story text.
    let opening = || {
        lines
            .iter()
            .find(|l| l.why.is_none() && is_paragraph(l))
            .map(|l| {
                // past a dateline ("WASHINGTON (Reuters) -", "دبي - محمود عبدالرازق -")
                let text = l.text.trim_start();
                let story = meta::dateline_end(text)
                    .or_else(|| meta::writer_dateline(text).map(|(_, end)| end))
                    .map_or(text, |end| &text[end..]);
                meta::opening_words(story.trim_start())
            })
    };
    let title = row_title
        .or_else(|| title_at.map(|t| meta::clean_title(lines[t].text)))
        .or_else(opening)
        .unwrap_or_default();
    // only a title that is a line of the page can be repeated by other lines
    let title_key = if title_at.is_some() || fields.title.is_some() {
        bp::line_key(&title)
    } else {
        String::new()
    };
    let not_title = |i: usize| Some(i) != title_at;

    for (i, line) in lines.iter_mut().enumerate() {
        if not_title(i) && line.why.is_none() && bp::is_title_repeat(line.key(), &title_key) {
            line.mark(Why::TitleRepeat);
        }
    }

    let mut said: HashMap<&str, usize> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if not_title(i) && line.words <= THRICE_MAX_WORDS {
            *said.entry(line.key()).or_default() += 1;
        }
    }
    let repeated: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let l = &lines[i];
            let times = said.get(l.key()).copied().unwrap_or(0);
            not_title(i)
                && l.why.is_none()
                && (l.words <= REPEAT_MAX_WORDS && times >= 2
                    || l.words <= THRICE_MAX_WORDS && times >= 3)
        })
        .collect();
    for i in repeated {
        lines[i].mark(Why::Repeated);
    }

    mark_headline_runs(&mut lines, title_at.map_or(0, |t| t + 1));
    mark_teaser_lists(&mut lines, title_at);

    // "Oksana Bozhko is a Contributor to Dubai Voice.": the author box
    let mut bio: Option<(String, Option<String>)> = None;
    for (i, l) in lines.iter_mut().enumerate() {
        if not_title(i) && l.why.is_none() {
            if let Some(found) = meta::author_bio(l.text) {
                bio.get_or_insert(found);
                l.mark(Why::Byline);
            }
        }
    }

    let is_shared = |l: &Line| l.words <= SHARED_MAX_WORDS && shared.contains(l.key());
    let anchor = |i: usize, l: &Line| {
        not_title(i)
            && l.why.is_none()
            && l.words >= ANCHOR_WORDS
            // a standfirst under the headline has no full stop either, and is shorter
            && (l.words >= ANCHOR_WORDS * 3 || bp::ends_sentence(l.text))
            && !is_shared(l)
            && meta::byline(l.text).is_none()
    };
    let first = (0..lines.len()).find(|&i| anchor(i, &lines[i]));
    // the story ends in its own script: a sentence in the other one after it is the
    // theme's or a widget's, unless nothing but story comes between (see below)
    let script = first.map(|f| has_arabic(lines[f].text));
    let last = (0..lines.len())
        .rev()
        .find(|&i| anchor(i, &lines[i]) && script.is_none_or(|a| has_arabic(lines[i].text) == a));
    let start = title_at.map_or(0, |t| t + 1);
    let on_edge = |i: usize| match (first, last) {
        (Some(f), Some(l)) => (start..f).contains(&i) || i > l,
        _ => i >= start,
    };

    for (i, l) in lines.iter_mut().enumerate() {
        let inline = l.words <= SHARED_INLINE_MAX_WORDS && !bp::ends_sentence(l.text);
        if not_title(i) && l.why.is_none() && is_shared(l) && (on_edge(i) || inline) {
            l.mark(Why::Shared);
        }
    }

    // Metadata comes from the header first, then lines above the title, then the footer.
    let mut scan: Vec<usize> = (start..lines.len())
        .filter(|&i| on_edge(i) && first.is_none_or(|f| i < f))
        .collect();
    if let Some(t) = title_at {
        scan.extend(0..t);
    }
    // a date line right under the opening paragraph ("الثلاثاء ٢٢ أكتوبر ٢٠١٩" after
    // the lede), before any in the footer's widgets
    if let Some(f) = first {
        scan.extend(
            (f + 1..lines.len().min(f + 4))
                .filter(|&i| lines[i].words <= 8 && lines[i].is_date_line().is_some()),
        );
    }
    scan.extend(last.map_or(lines.len(), |l| l + 1)..lines.len());
    scan.retain(|&i| not_title(i));
    scan.dedup();

    let mut layout = Layout {
        title,
        ..Layout::default()
    };
    // "فادي نصار" alone on the line under the headline: the writer (before a footer's
    // "Author: …", which is often the account that posted it)
    if let Some(t) = title_at {
        let under = (t + 1..first.unwrap_or(lines.len())).find(|&i| lines[i].why.is_none());
        if let Some(i) = under.filter(|&i| meta::name_line(lines[i].text)) {
            layout.author = Some(lines[i].text.to_string());
            lines[i].mark(Why::Byline);
        }
    }
    let mut domain = None;
    if let Some(&i) = scan
        .iter()
        .find(|&&i| lines[i].is_date_line().is_some() && says_published(lines[i].text))
    {
        layout.date = lines[i].is_date_line();
        lines[i].mark(Why::Date);
    }
    if layout.date.is_none() {
        layout.date = label_date;
    }
    for &i in &scan {
        if let Some(author) = meta::byline(lines[i].text) {
            layout.author.get_or_insert(author);
            lines[i].mark(Why::Byline);
        } else if let Some((author, agency)) = meta::agency_byline(lines[i].text) {
            layout.author.get_or_insert(author);
            layout.outlet.get_or_insert(agency);
            lines[i].mark(Why::Byline);
        }
        if let Some(author) = meta::reporting_credit(lines[i].text) {
            layout.author.get_or_insert(author);
        }
        let free = matches!(lines[i].why, None | Some(Why::BeforeTitle));
        // "Source: Al Jazeera" under a republished story (before a known name: the
        // credit's label may be one, "المصدر")
        if let Some(name) = meta::source_credit(lines[i].text).filter(|_| free) {
            layout.outlet.get_or_insert(name);
            lines[i].mark(Why::Outlet);
        } else if layout.outlet.is_none() && free {
            if let Some(name) = meta::outlet_by_name(lines[i].text) {
                layout.outlet = Some(name);
                lines[i].mark(Why::Outlet);
            }
        }
        if layout.date.is_none() {
            if let Some(date) = lines[i].is_date_line() {
                layout.date = Some(date);
                lines[i].mark(Why::Date);
            }
        }
        let Some((name, found)) = meta::outlet_line(lines[i].text) else {
            continue;
        };
        if layout.url.is_none() {
            layout.url = lines[i]
                .text
                .split_whitespace()
                .find(|t| t.starts_with("http://") || t.starts_with("https://"))
                .map(str::to_string);
        }
        // A domain alone names its outlet on the line above ("إرم نيوز" / "www.eremnews.com").
        let above = i
            .checked_sub(1)
            .filter(|&p| not_title(p) && on_edge(p) && lines[p].why.is_none());
        let name = name
            .map(|n| (n, None))
            .or_else(|| above.and_then(|p| meta::outlet_name(lines[p].text).map(|n| (n, Some(p)))));
        if layout.outlet.is_none() {
            if let Some((name, name_line)) = name {
                layout.outlet = Some(name);
                if let Some(p) = name_line {
                    lines[p].mark(Why::Outlet);
                }
            }
        }
        domain.get_or_insert(found);
        lines[i].mark(Why::Outlet);
    }
    // the story's dateline ("WASHINGTON (Reuters) -"), a "follow us" line, the site that
    // says it followed a statement ("وتابعته الغد برس"), the site name before a decorated
    // headline ("شبكة عين الفرات | …")
    if layout.outlet.is_none() {
        layout.outlet = first
            .into_iter()
            .flat_map(|f| f.saturating_sub(1)..f + 3)
            .filter_map(|i| lines.get(i))
            .find_map(|l| meta::dateline_outlet(l.text))
            .or_else(|| lines.iter().find_map(|l| meta::followed_outlet(l.text)))
            .or_else(|| {
                lines
                    .iter()
                    .filter(|l| l.why.is_none())
                    .find_map(|l| meta::relaying_outlet(l.text))
            })
            .or_else(|| decorated_site(&lines, title_at));
    }
    if let Some((name, outlet)) = bio {
        layout.author.get_or_insert(name);
        if layout.outlet.is_none() {
            layout.outlet = outlet;
        }
    }
    if layout.outlet.is_none() {
        layout.outlet = domain;
    }

    // Below the story, once site furniture has begun, what follows is furniture too
    // (headline lists under "Read Next", tags under "الوسوم") unless it is a sentence.
    if let Some(last) = last {
        let furniture_from = (last + 1..lines.len())
            .find(|&i| matches!(lines[i].why, Some(Why::Lexicon | Why::Link)));
        let from = furniture_from.unwrap_or(lines.len());
        // a sentence in the other script is the theme's or the widget's
        // ("Your Header Sidebar area is currently empty." under an Arabic story)
        for l in lines.iter_mut().skip(from) {
            let other_script = script.is_some_and(|a| has_arabic(l.text) != a);
            if l.why.is_none() && (!bp::ends_sentence(l.text) || other_script) {
                l.mark(Why::Edge);
            }
        }
        // a headline or two after the story ("أول طائرة مساعدات تركية تصل ليبيا …")
        for l in lines.iter_mut().skip(last + 1) {
            if l.why.is_none() && l.words <= FOOTER_HEADLINE_WORDS && is_headline(l.text) {
                l.mark(Why::Edge);
            }
        }
    }

    if first.is_some() {
        for (i, l) in lines.iter_mut().enumerate() {
            if not_title(i)
                && on_edge(i)
                && l.why.is_none()
                && l.words <= EDGE_MAX_WORDS
                && !bp::ends_sentence(l.text)
            {
                l.mark(Why::Edge);
            }
        }
    }

    let mut furniture: Vec<(Range<usize>, Why)> = Vec::new();
    let mut first_story_line = true;
    for l in lines {
        match l.why {
            Some(why) => furniture.push((l.range, why)),
            None => {
                // markup left at the start of a story line: only that part is furniture
                let raw = &text[l.range.clone()];
                let lead = raw.len() - raw.trim_start().len();
                let trimmed = raw.trim_start();
                if let Some(end) = bp::markup_prefix(trimmed).or_else(|| bp::script_prefix(trimmed))
                {
                    furniture.push((l.range.start..l.range.start + lead + end, Why::Symbols));
                } else if let Some(end) = bp::glued_menu_prefix(raw.trim_start()) {
                    // a navigation bar glued onto the line
                    furniture.push((l.range.start..l.range.start + lead + end, Why::Menu));
                }
                // links to other stories run into the paragraph
                for r in bp::inline_teasers(raw) {
                    furniture.push((l.range.start + r.start..l.range.start + r.end, Why::Teaser));
                }
                // the wire's dateline before the story, a credit after it
                let start = l.range.start + lead;
                if let Some(end) = meta::dateline_end(raw.trim_start()) {
                    furniture.push((start..start + end, Why::Outlet));
                } else if first_story_line {
                    // "الدمام - شريف احمد - أهابت …": the place and the writer
                    if let Some((writer, end)) = meta::writer_dateline(raw.trim_start()) {
                        furniture.push((start..start + end, Why::Byline));
                        layout.author.get_or_insert_with(|| writer.to_string());
                    }
                }
                // the headline, kept in the text, comes before the story
                first_story_line &= l.text == layout.title;
                if let Some(at) = meta::credit_start(raw.trim_start()) {
                    furniture.push((start + at..l.range.end, Why::Outlet));
                }
            }
        }
    }
    layout.furniture = furniture;
    layout
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture<'a>(text: &'a str, layout: &Layout) -> Vec<(&'a str, Why)> {
        layout
            .furniture
            .iter()
            .map(|(r, why)| (text[r.clone()].trim(), *why))
            .collect()
    }

    const PARAGRAPH: &str =
        "The ministry said on Tuesday that forty eight trucks had left the city overnight.";

    #[test]
    fn related_headlines_set_into_a_story_and_labelled_captions_are_furniture() {
        let story = "Seven suspects are expected to appear in the Kathu court soon on charges.\n\
            The group was arrested on Sunday by members attached to the Deben police station.\n\
            The suspects allegedly assaulted two victims who were accused of stealing a phone.\n";
        let text = format!(
            "{story}Image caption,\nThe suspects' car was seized at the dumping site on Monday\n\
             Five in court for university murders, minister expected to attend\n\
             'Arrest him': party furious at video of spiritual leader asking boy\n\
             Man turns himself in after allegedly stoning the mother of his child\n\
             \"The vehicle that was used to transport the victims was confiscated,\" he said.\n\
             (Reporting by Jane Doe in Cape Town; Editing by John Roe)\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(
            furniture(&text, &layout),
            [
                ("Image caption,", Why::Lexicon),
                (
                    "The suspects' car was seized at the dumping site on Monday",
                    Why::Caption
                ),
                (
                    "Five in court for university murders, minister expected to attend",
                    Why::Teaser
                ),
                (
                    "'Arrest him': party furious at video of spiritual leader asking boy",
                    Why::Teaser
                ),
                (
                    "Man turns himself in after allegedly stoning the mother of his child",
                    Why::Teaser
                ),
                (
                    "(Reporting by Jane Doe in Cape Town; Editing by John Roe)",
                    Why::Lexicon
                ),
            ]
        );
        // A page that leaves its full stops out keeps its lines.
        let bare = "وقال الوزير إن القوات تقدمت نحو المدينة الليلة الماضية بعد معارك عنيفة\n\
            وأضاف أن الجيش سيطر على ثلاث قرى في الريف الشمالي للمحافظة خلال يومين\n\
            الحكومة تعلن حظر التجول في العاصمة حتى إشعار آخر\n\
            المعارضة ترفض الدعوة إلى الحوار مع الحكومة\n\
            الأمم المتحدة تدعو إلى وقف فوري لإطلاق النار\n\
            وأشار إلى أن المفاوضات مع الأطراف كلها ستستأنف الأسبوع المقبل في جنيف\n";
        let layout = analyse(bare, &RowFields::default(), &SharedLines::default());
        assert!(
            furniture(bare, &layout)
                .iter()
                .all(|(_, why)| *why != Why::Teaser),
            "{:?}",
            furniture(bare, &layout)
        );
    }

    #[test]
    fn a_staff_box_is_not_the_title_and_a_standfirst_does_not_hide_the_byline() {
        let text = format!(
            "رئيس مجلس الإدارة : د. خالد بن ثاني آل ثاني\nمساحة إعلانية\n\
             Home Office staffer suspended over asylum claims\n\
             Police arrest man on suspicion of misconduct in public office after alleged \
             demand for a bribe\n\
             By Jim Dunton\n\n19 Apr 2024\n\n{PARAGRAPH}\n{PARAGRAPH} Again.\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(
            layout.title,
            "Home Office staffer suspended over asylum claims"
        );
        assert_eq!(layout.author.as_deref(), Some("Jim Dunton"));
        assert_eq!(layout.date.as_deref(), Some("2024-04-19"));
    }

    #[test]
    fn a_date_under_the_lede_beats_the_footer_s_widget_dates() {
        let text = format!(
            "تضارب في المعلومات بشأن موعد تشكيل الحكومة الجديدة\n\n\
             {PARAGRAPH}\n\n\
             الثلاثاء ٢٢ أكتوبر ٢٠١٩\n\n\
             {PARAGRAPH} مرة أخرى.\n\n\
             أحدث مقاطع الفيديو\n\
             مشاهدة :44691 الخميس ٢٨ / يناير / ٢٠٢٤\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.date.as_deref(), Some("2019-10-22"));
    }

    #[test]
    fn a_reading_time_label_and_a_list_widget_heading_are_not_the_title() {
        let text = format!(
            "Off the wire\nQuake hits coastal town • Talks resume in Doha • Grain prices fall\n\
             2 MIN READ\nPort workers strike over unpaid wages\n3 دقائق للقراءة\n\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "Port workers strike over unpaid wages");
        let marked = furniture(&text, &layout);
        for (line, why) in [
            ("Off the wire", Why::Menu),
            ("2 MIN READ", Why::Lexicon),
            ("3 دقائق للقراءة", Why::Lexicon),
        ] {
            assert!(marked.contains(&(line, why)), "{line}: {marked:?}");
        }
        // a headline with a comma, then its photo's caption said twice
        let text = format!(
            "× الرئيسية أخبار وتقارير اقتصاد رأي وتحليل رياضة ثقافة النسخة الورقية\n\
             Ministers, envoys stress need for calm in the region\n\
             The two ministers meet in Riyadh. (Foreign Ministry)\n\
             The two ministers meet in Riyadh. (Foreign Ministry)\n\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(
            layout.title,
            "Ministers, envoys stress need for calm in the region"
        );
        assert_eq!(furniture(&text, &layout)[0].1, Why::Lexicon);
        // the same caption three times (alt text, caption, gallery)
        let caption =
            "The two ministers meet in Riyadh before the joint committee. (Foreign Ministry)";
        let text = format!(
            "Ministers stress need for calm in the region\n{caption}\n{caption}\n\n{PARAGRAPH}\n\
             {caption}\n{PARAGRAPH} Again.\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        let marked = furniture(&text, &layout);
        assert_eq!(
            marked.iter().filter(|(t, _)| *t == caption).count(),
            3,
            "{marked:?}"
        );
        // the site's slogan over its name, then the headline said three times
        let text = format!(
            "حرية سقفها السماء\n\nوكالة الأنباء المستقلة\n\nطباعة\n\
             بيان من وزارة الخارجية بشأن تصريحات الوزير\n\n\
             بيان من وزارة الخارجية بشأن تصريحات الوزير\n\n\
             بيان من وزارة الخارجية بشأن تصريحات الوزير\n\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "بيان من وزارة الخارجية بشأن تصريحات الوزير");
        // a short line over a story paragraph is no widget heading
        let text = format!("Off the wire\n{PARAGRAPH}\n");
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert!(!furniture(&text, &layout).contains(&("Off the wire", Why::Menu)));
    }

    #[test]
    fn a_login_widget_above_the_headline_is_not_the_title() {
        let text = format!(
            "Forgot your password?\n\nBack to login\n\nSaudi floods death toll rises to seven\n\
             November 21, 2013, 11:20 am\n\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "Saudi floods death toll rises to seven");
        assert_eq!(layout.date.as_deref(), Some("2013-11-21"));
    }

    #[test]
    fn english_page_header_and_footer_are_read_and_marked() {
        let text = format!(
            "Home | World | Middle East\nTrucks leave Raqqa under escort\nBy Jane Doe\n\
             November 15, 2017\n\n{PARAGRAPH}\nShort line.\n{PARAGRAPH} Again.\n\n\
             Share This\nReuters\nwww.reuters.com\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "Trucks leave Raqqa under escort");
        assert_eq!(layout.author.as_deref(), Some("Jane Doe"));
        assert_eq!(layout.date.as_deref(), Some("2017-11-15"));
        assert_eq!(layout.outlet.as_deref(), Some("Reuters"));
        assert_eq!(
            furniture(&text, &layout),
            [
                ("Home | World | Middle East", Why::Menu),
                ("By Jane Doe", Why::Byline),
                ("November 15, 2017", Why::Date),
                ("Share This", Why::Lexicon),
                ("Reuters", Why::Outlet),
                ("www.reuters.com", Why::Link),
            ]
        );
    }

    #[test]
    fn a_section_page_of_headlines_over_cut_openings_is_all_furniture() {
        let text = "Harbour cranes idle as dock strike enters third week

            12 May 2021
            Ships are queuing outside the port as the strike by crane operators drags on,             and the union said talks had stalled. Owners warned...

            Flood defences fail in the delta towns

            09 May 2021
            Water poured over the levees overnight, a senior engineer told reporters on             Sunday. Residents of the lower districts and...

            Ministers meet to plan the grain corridor

            05 May 2021
            The three governments are due to meet in the capital on Thursday to discuss             the route. Before the talks...
";
        let layout = analyse(text, &RowFields::default(), &SharedLines::default());
        assert_eq!(
            layout.title,
            "Harbour cranes idle as dock strike enters third week"
        );
        let marked = furniture(text, &layout);
        for teaser in [
            "Flood defences fail in the delta towns",
            "Ministers meet to plan the grain corridor",
        ] {
            assert!(
                marked.contains(&(teaser, Why::Teaser)),
                "{teaser}: {marked:?}"
            );
        }
        assert_eq!(
            marked.iter().filter(|(t, _)| t.ends_with("...")).count(),
            3,
            "{marked:?}"
        );
        // A story whose paragraphs trail off with dots, as some Arabic pages write them,
        // keeps them: each comes after a paragraph, not under a headline.
        let story = "الحكومة تعلن خطة جديدة للنقل العام
            قال وزير النقل إن الحكومة ستطلق خطة جديدة لتطوير شبكة الحافلات في العاصمة خلال العام...
            وأضاف أن الخطة تشمل شراء مئتي حافلة كهربائية وتوسيع خطوط المترو إلى الضواحي...
            وأشار إلى أن التمويل سيأتي من الموازنة العامة ومن قروض ميسرة من البنوك...
";
        let layout = analyse(story, &RowFields::default(), &SharedLines::default());
        assert!(
            furniture(story, &layout).is_empty(),
            "{:?}",
            furniture(story, &layout)
        );
    }

    #[test]
    fn an_author_box_is_a_byline_that_names_the_writer_and_outlet() {
        let text = format!(
            "Port workers end strike after pay deal
             Union says members will vote on the offer next week
             Karim Aziz is The Coast Herald's labour correspondent.
             {PARAGRAPH}
{PARAGRAPH} Again.
"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.author.as_deref(), Some("Karim Aziz"));
        assert_eq!(layout.outlet.as_deref(), Some("The Coast Herald"));
        assert!(furniture(&text, &layout).contains(&(
            "Karim Aziz is The Coast Herald's labour correspondent.",
            Why::Byline
        )));
        let footer = format!(
            "Port workers end strike after pay deal
{PARAGRAPH}
{PARAGRAPH} Again.

             Photo credits: Port Authority
Leila Nour
Leila Nour is a Contributor to Harbour Voice.
"
        );
        let layout = analyse(&footer, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.author.as_deref(), Some("Leila Nour"));
        assert_eq!(layout.outlet.as_deref(), Some("Harbour Voice"));
    }

    #[test]
    fn a_sentence_in_the_other_script_below_the_footer_furniture_is_furniture() {
        let story = "قال وزير الصحة إن المستشفيات استقبلت مئات المصابين خلال الليلة الماضية.
            وأضاف أن فرق الإسعاف ما زالت تعمل في الأحياء الشرقية من المدينة حتى الآن.
";
        let text = format!(
            "{story}أضف تعليقك
إعلان
This widget area is empty. Drag some blocks here.
"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert!(
            furniture(&text, &layout).contains(&(
                "This widget area is empty. Drag some blocks here.",
                Why::Edge
            )),
            "{:?}",
            furniture(&text, &layout)
        );
        // in the story, or below it before any furniture, an English sentence stays
        let quoted = format!(
            "{story}The agency said: \"We are doing all we can.\"
             وأشار إلى أن الوزارة طلبت مساعدة عاجلة من المنظمات الدولية لتوفير الأدوية.
"
        );
        let layout = analyse(&quoted, &RowFields::default(), &SharedLines::default());
        assert!(furniture(&quoted, &layout).is_empty());
        let after = format!(
            "{story}The agency said it was doing all it could.
"
        );
        let layout = analyse(&after, &RowFields::default(), &SharedLines::default());
        assert!(furniture(&after, &layout).is_empty());
    }

    #[test]
    fn a_description_cut_from_the_story_and_a_staff_box_name_are_not_the_title() {
        let text = "أعلن محافظ المدينة أن أعمال الصيانة في الجسر الرئيسي ستبدأ الأسبوع المقبل وتستم
            الطرق,المحافظة,الجسر الرئيسي,أعمال الصيانة
            رئيس التحرير
            سامي فؤاد
            المحافظ يعلن بدء صيانة الجسر الرئيسي الأسبوع المقبل
            وأعلن محافظ المدينة، أن أعمال الصيانة في الجسر الرئيسي ستبدأ الأسبوع المقبل وتستمر شهرين.
            وأضاف أن حركة السير ستتحول إلى الطريق الدائري طوال فترة الأعمال.
";
        let layout = analyse(text, &RowFields::default(), &SharedLines::default());
        assert_eq!(
            layout.title,
            "المحافظ يعلن بدء صيانة الجسر الرئيسي الأسبوع المقبل"
        );
        let marked = furniture(text, &layout);
        assert!(marked.contains(&("سامي فؤاد", Why::Lexicon)), "{marked:?}");
        assert!(
            marked.iter().all(|(t, _)| !t.starts_with("وأعلن")),
            "the paragraph stays story: {marked:?}"
        );
        // A long description may end on a whole word.
        let english = "The port authority said on Monday that all cargo ships would be inspected             before they are allowed to dock
            Port to inspect every cargo ship
            The port authority said on Monday that all cargo ships would be inspected before             they are allowed to dock, after a fire last week.
            Officials said the checks would take about an hour for each vessel.
";
        let layout = analyse(english, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "Port to inspect every cargo ship");
        // A short headline that opens the story word for word stays the headline.
        let same = "Floods hit the northern valley towns overnight
            Floods hit the northern valley towns overnight, forcing hundreds from their homes.
            Rescue teams reached the worst-hit villages by boat on Tuesday morning.
";
        let layout = analyse(same, &RowFields::default(), &SharedLines::default());
        assert_eq!(
            layout.title,
            "Floods hit the northern valley towns overnight"
        );
    }

    #[test]
    fn a_currency_ticker_above_the_story_is_not_the_title() {
        let text = format!(
            "السبت 3 مايو 2025
             3.67 درهم إماراتي / دولار
             4.12 درهم إماراتي / يورو
             0.98 درهم إماراتي / ريال
             4.89 درهم إماراتي / جنيه
             الحكومة تقر موازنة العام المقبل
             {PARAGRAPH}
{PARAGRAPH} Again.
"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "الحكومة تقر موازنة العام المقبل");
        // Short lines of figures in the story (results) stay.
        let story = format!(
            "Election results announced in the capital
{PARAGRAPH}
             Party A 41 seats
Party B 33 seats
Party C 12 seats
Party D 9 seats
             {PARAGRAPH} Again.
"
        );
        let layout = analyse(&story, &RowFields::default(), &SharedLines::default());
        assert!(
            furniture(&story, &layout).is_empty(),
            "{:?}",
            furniture(&story, &layout)
        );
    }

    #[test]
    fn a_source_line_under_a_republished_story_gives_the_outlet() {
        let text = format!(
            "Trucks leave the city under escort
{PARAGRAPH}
{PARAGRAPH} Again.

Source: Gulf Wire
"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.outlet.as_deref(), Some("Gulf Wire"));
        assert!(furniture(&text, &layout).contains(&("Source: Gulf Wire", Why::Outlet)));
    }

    #[test]
    fn short_story_lines_between_paragraphs_are_never_marked() {
        let text = format!("Title of the story here\n{PARAGRAPH}\nHe was 84\nNo.\n{PARAGRAPH}\n");
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert!(
            furniture(&text, &layout).is_empty(),
            "{:?}",
            layout.furniture
        );
    }

    #[test]
    fn a_row_title_is_used_and_its_repeat_in_the_body_marked() {
        let text = format!("Trucks leave Raqqa\n{PARAGRAPH}\nTrucks leave Raqqa\n{PARAGRAPH}");
        let fields = RowFields {
            title: Some("Trucks leave Raqqa".into()),
            ..RowFields::default()
        };
        let layout = analyse(&text, &fields, &SharedLines::default());
        assert_eq!(layout.title, "Trucks leave Raqqa");
        assert_eq!(
            furniture(&text, &layout),
            [("Trucks leave Raqqa", Why::TitleRepeat)]
        );
    }

    #[test]
    fn an_alt_text_over_its_credited_caption_an_embed_and_a_widget_are_furniture() {
        let text = format!(
            "Surge in police shootings concerning, says chief\n\
             We’re sorry, this feature is currently unavailable. We’re working to restore it. Please try again later.\n\
             {PARAGRAPH}\n\
             Police Commissioner Katarina Carroll says police shooting statistics are a concern.\n\
             Police Commissioner Katarina Carroll says police shooting statistics are a concern.Credit: Matt Dennien\n\
             This is a Twitter Status /تحذير رقم (1) للحالة المدارية في بحر العرب.This is a Twitter Status This is a Twitter Status\n\
             {PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        let marked = furniture(&text, &layout);
        let caption =
            "Police Commissioner Katarina Carroll says police shooting statistics are a concern.";
        assert!(marked.contains(&(caption, Why::Caption)), "{marked:?}");
        assert!(
            marked
                .iter()
                .any(|(t, w)| t.ends_with("Credit: Matt Dennien") && *w == Why::Caption),
            "{marked:?}"
        );
        assert!(marked
            .iter()
            .any(|(t, _)| t.starts_with("This is a Twitter Status")));
        assert!(marked.iter().any(|(t, _)| t.starts_with("We’re sorry")));
        // the story's paragraphs stay
        assert!(!marked.iter().any(|(t, _)| t.contains(PARAGRAPH)));
    }

    #[test]
    fn a_writer_dateline_opens_the_story_and_names_its_author() {
        let text = "السفارة في مسقط تحذر المواطنين من الإعصار\n\
                    الدمام - شريف احمد - أهابت سفارة المملكة في مسقط المواطنين المقيمين بأخذ الحيطة والحذر بسبب الإعصار.\n\
                    مسقط - سالم علي - قال المركز الوطني للإنذار المبكر إن الإعصار سيضعف خلال يومين.\n";
        let layout = analyse(text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.author.as_deref(), Some("شريف احمد"));
        let marked = furniture(text, &layout);
        let later = text.lines().nth(2).unwrap();
        assert!(
            meta::writer_dateline(later).is_some(),
            "it would match on its own"
        );
        assert_eq!(
            marked,
            [("الدمام - شريف احمد -", Why::Byline)],
            "only the first paragraph's"
        );
    }

    #[test]
    fn a_page_that_opens_with_its_story_has_no_title_line() {
        let text = "The International Monetary Fund has picked a resident representative for Lebanon, its spokesman Gerry Rice said on Thursday.\nRice added that talks would continue with the country next month as planned.\n";
        let layout = analyse(text, &RowFields::default(), &SharedLines::default());
        assert!(layout
            .title
            .starts_with("The International Monetary Fund has picked"));
        assert!(layout.title.ends_with('…'));
        assert!(
            furniture(text, &layout).is_empty(),
            "the paragraph stays story"
        );
    }

    #[test]
    fn a_decorated_headline_gives_the_bare_title_and_the_site() {
        let text = format!(
            "شبكة عين الفرات | رويترز: اتفاق لإعادة فتح السفارات\nعاجل\nرويترز: اتفاق لإعادة فتح السفارات\n{PARAGRAPH}\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "رويترز: اتفاق لإعادة فتح السفارات");
        assert_eq!(layout.outlet.as_deref(), Some("شبكة عين الفرات"));
    }

    #[test]
    fn a_site_name_drawn_out_with_kashida_over_the_headline_is_the_outlet() {
        let text = format!(
            "وكـالـة الـنـجـم الاخـبـارية\n\nالبلدية تؤجل مهرجان الربيع في المدينة\n{PARAGRAPH}\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "البلدية تؤجل مهرجان الربيع في المدينة");
        assert_eq!(layout.outlet.as_deref(), Some("وكالة النجم الاخبارية"));
    }

    #[test]
    fn a_breadcrumb_over_the_headline_names_no_site() {
        let text = format!(
            "الرئيسية / أخبار محلية / البلدية تؤجل مهرجان الربيع\nالبلدية تؤجل مهرجان الربيع\n{PARAGRAPH}\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "البلدية تؤجل مهرجان الربيع");
        assert_eq!(layout.outlet, None);
    }

    #[test]
    fn a_channel_link_under_the_story_is_not_the_outlet() {
        let text = format!(
            "البلدية تؤجل مهرجان الربيع\n{PARAGRAPH}\n{PARAGRAPH}\nتابعونا على قناتنا\nhttps://t.me/somechannel\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.outlet, None);
        let with_site = format!("{text}www.example-news.com\n");
        let layout = analyse(&with_site, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.outlet.as_deref(), Some("example-news.com"));
    }

    #[test]
    fn a_labelled_date_line_may_carry_a_name_and_icon_text() {
        let text = format!(
            "البلدية تؤجل مهرجان الربيع\nنشر: verified icon سامر الخطيب 25 يناير 2020 الساعة 09:20 مساءاً\n{PARAGRAPH}\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.date.as_deref(), Some("2020-01-25"));
        let marked = furniture(&text, &layout);
        assert!(
            marked
                .iter()
                .any(|(l, w)| *w == Why::Date && l.contains("سامر")),
            "{marked:?}"
        );
        // an unlabelled line as long is a sentence that mentions a date
        let plain = format!(
            "البلدية تؤجل مهرجان الربيع\n{PARAGRAPH}\nوصل الوفد الرسمي إلى العاصمة يوم 25 يناير 2020 الساعة التاسعة مساء\n{PARAGRAPH}\n"
        );
        let layout = analyse(&plain, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.date, None);
    }

    #[test]
    fn captions_markup_headline_lists_and_trailing_headlines_are_furniture() {
        let text = format!(
            "Floods hit the capital again\nFILE PHOTO: Planes parked at the tarmac at the airport. REUTERS/File Photo\n\
             [covid19-card region=\"EG\" label=\"cases\"]\n{PARAGRAPH}\n\
             see helvetica, sans-serif;\">The minister said the dam had held through the night.\n\
             {PARAGRAPH}\nBank of England to look at sterling • 840,000 at risk of hunger • Oil prices decline\n\
             Turkish aid plane lands in Benghazi\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        let marked = furniture(&text, &layout);
        let whys: Vec<Why> = marked.iter().map(|(_, w)| *w).collect();
        assert!(whys.contains(&Why::Caption), "{marked:?}");
        assert!(marked
            .iter()
            .any(|(t, w)| t.starts_with("[covid19") && *w == Why::Symbols));
        assert!(
            marked
                .iter()
                .any(|(t, _)| *t == "see helvetica, sans-serif;\">"),
            "only the markup: {marked:?}"
        );
        assert!(marked
            .iter()
            .any(|(t, w)| t.starts_with("Bank of England") && *w == Why::Menu));
        assert!(marked
            .iter()
            .any(|(t, _)| *t == "Turkish aid plane lands in Benghazi"));
        let article = crate::model::Article {
            text: text.clone(),
            boilerplate: layout.furniture.iter().map(|(r, _)| r.clone()).collect(),
            ..Default::default()
        };
        assert!(article
            .body_lines()
            .iter()
            .any(|r| &text[r.clone()] == "The minister said the dam had held through the night."));
    }

    #[test]
    fn publication_date_agency_byline_and_dateline() {
        let text = format!(
            "Ebola vaccines head to Congo\nقصف على الجنوب - 6 يوليو 2023\nPublished 17 August 2024\n\
             Saleh Mwanamilongo, The Associated Press\n\
             KINSHASA (Reuters) - {PARAGRAPH}\n{PARAGRAPH}\n"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(
            layout.date.as_deref(),
            Some("2024-08-17"),
            "the published line, not a caption's date"
        );
        assert_eq!(layout.author.as_deref(), Some("Saleh Mwanamilongo"));
        assert_eq!(layout.outlet.as_deref(), Some("The Associated Press"));
        assert_eq!(
            meta::dateline_outlet("WASHINGTON (Reuters) - Russia said").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            meta::dateline_outlet("Fars NA -(Sun Mar 24, 2013) The Iranian").as_deref(),
            Some("Fars NA")
        );
        assert_eq!(
            meta::dateline_outlet("The ministry (MoH) said on Monday"),
            None
        );
    }

    #[test]
    fn a_date_line_with_an_updated_tail_is_the_date() {
        let text = format!(
            "Port strike enters its second week
Business News
             March 3, 2022 / 7:15 AM / Updated 2 hours ago
Staff Writer
             ROTTERDAM (Reuters) - {PARAGRAPH}
{PARAGRAPH}
"
        );
        let layout = analyse(&text, &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.date.as_deref(), Some("2022-03-03"));
        assert!(furniture(&text, &layout)
            .iter()
            .any(|(l, _)| l.starts_with("March 3, 2022")));
    }

    #[test]
    fn text_without_lines_has_no_title() {
        let layout = analyse("", &RowFields::default(), &SharedLines::default());
        assert_eq!(layout.title, "");
        assert!(layout.furniture.is_empty());
    }
}
