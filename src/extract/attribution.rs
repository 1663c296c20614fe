//! Who says a sentence: finds cue phrases, the source phrase each one introduces (verb
//! first "وأكدت وزارة الدفاع", subject first "The ministry said", prepositional "بحسب
//! سيجرا"), the relay chain, and whether the source is named or anonymous.

use super::cues::{strip_article, CueKind, Lexicon, List};
use super::sentences::{Kind, Token};
use crate::model::{Attribution, SourceType};
use std::ops::Range;

/// A lexicon phrase found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    pub kind: CueKind,
    /// Token indices of the phrase (a glued "ل" stays in the next word).
    pub toks: Range<usize>,
    /// The phrase ends with "ل" glued to the next word ("لدبلوماسي").
    pub glued_lam: bool,
    /// A participle ("مؤكدا", "saying"): speaks for the main clause's subject.
    pub participle: bool,
}

/// Longest source phrase, in words; longer runs are the verb's object, not its subject.
const MAX_SOURCE_WORDS: usize = 8;
/// How far after a source phrase an anonymity marker still speaks of it.
const MARKER_REACH: usize = 12;
/// How far after a cue "أن"/"that", a colon or a quotation makes it a report.
const REPORT_WINDOW: usize = 25;

/// Every lexicon phrase in `tokens[sent]`: at each start, the longest cue and every
/// non-cue phrase (signals may overlap cues: "نفى" is both).
pub(crate) fn find_matches(tokens: &[Token], sent: Range<usize>, lex: &Lexicon) -> Vec<Match> {
    let mut out = Vec::new();
    for i in sent.clone() {
        if !tokens[i].is_word() {
            continue;
        }
        let own = Some(tokens[i].lex.phrases).filter(|ps| !ps.is_empty());
        let Some(phrases) = own.or_else(|| {
            // "بحسب ما أعلنه نائب الرئيس": a verb with the object pronoun after "ما"
            // (a bare final "ه" is too often a ta marbuta to generate everywhere)
            let stem = tokens[i].key.strip_suffix('ه')?;
            Some(lex.word(stem).phrases)
                .filter(|_| after_ma(tokens, i))
                .filter(|ps| ps.iter().any(|p| p.rest.is_empty()))
        }) else {
            continue;
        };
        let mut best_cue: Option<Match> = None;
        for p in phrases {
            let Some(m) = match_rest(tokens, i, sent.end, &p.rest, p.glued_lam) else {
                continue;
            };
            // "per the ministry", "per Reuters" — not "per candidate", "per day"
            if p.kind == CueKind::According
                && p.rest.is_empty()
                && tokens[i].key == "per"
                && !tokens.get(m.0).filter(|_| m.0 < sent.end).is_some_and(|t| {
                    t.upper || matches!(t.key, "the" | "a" | "an" | "its" | "their" | "his" | "her")
                })
            {
                continue;
            }
            let found = Match {
                kind: p.kind,
                toks: i..m.0,
                glued_lam: m.1,
                participle: p.participle,
            };
            if p.kind.is_cue() {
                if best_cue
                    .as_ref()
                    .is_none_or(|b| b.toks.end < found.toks.end)
                {
                    best_cue = Some(found);
                }
            } else if !out.contains(&found) {
                out.push(found);
            }
        }
        out.extend(best_cue);
    }
    out.sort_by_key(|m| (m.toks.start, m.toks.end));
    out
}

/// Match the words after the first; returns (end token index, lam glued to next word).
fn match_rest(
    tokens: &[Token],
    first: usize,
    end: usize,
    rest: &[String],
    glued_lam: bool,
) -> Option<(usize, bool)> {
    let mut j = first + 1;
    for w in rest {
        let t = tokens.get(j).filter(|_| j < end)?;
        if t.key != *w {
            return None;
        }
        j += 1;
    }
    if !glued_lam {
        return Some((j, false));
    }
    let t = tokens.get(j).filter(|_| j < end)?;
    if t.key == "ل" {
        Some((j + 1, false))
    } else if t.key.starts_with('ل') && t.key.chars().count() > 2 {
        Some((j, true))
    } else {
        None
    }
}

/// A source phrase: token range and where its text starts (after a glued "ل").
#[derive(Clone, Debug, Default)]
struct Phrase {
    toks: Range<usize>,
    start_byte: Option<usize>,
}

impl Phrase {
    fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }
}

/// Why a forward phrase ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// "أن", "that": the content follows.
    Complementizer,
    /// A colon or a quotation: quoted content follows.
    Quote,
    Other,
}

/// What the sentence-level pass remembers between sentences: the most recent source
/// (named or not), which a bare "وأضاف" or "he said" refers to.
#[derive(Clone, Debug, Default)]
pub(crate) struct Carry {
    last: Option<(String, Range<usize>, SourceType)>,
    /// The sentence before had a source: a quotation that follows is its speaker's.
    recent: bool,
    /// The line before ended inside a quotation its speaker opened (":" تؤلمني …" with
    /// the closing mark on the next line): the next line goes on in that voice until a
    /// mark closes it.
    quote_open: bool,
    /// The line before ended with a colon after its speaker ("صدر عن المديرية البيان
    /// الآتي:", "Zakharova wrote:"): the next line is what was said.
    introduced: bool,
}

impl Carry {
    /// After the line `tokens`: whether it leaves a quotation open for the next one: its
    /// last unpaired mark has words after it, a source stood before, and the line stops
    /// mid-sentence (a paragraph broken inside the quotation, not one that ends).
    pub(crate) fn end_line(&mut self, tokens: &[Token]) {
        let last_open = tokens
            .iter()
            .rposition(|t| t.is_quote_mark() && t.partner.is_none());
        let mid_sentence = tokens.last().is_some_and(Token::is_word);
        self.quote_open = self.recent
            && mid_sentence
            && last_open.is_some_and(|k| tokens[k + 1..].iter().any(Token::is_word));
        self.introduced = self.recent && tokens.last().and_then(Token::punct) == Some(':');
    }
}

/// "“…”، أجاب هيثم عن وضعه": the verb right after a closed quotation (and its comma)
/// says the quotation.
fn after_quotation(tokens: &[Token], start: usize, at: usize) -> bool {
    let mut k = at;
    if k > start && matches!(tokens[k - 1].punct(), Some(',' | '،')) {
        k -= 1;
    }
    k > start
        && tokens[k - 1].is_quote_mark()
        && tokens[k - 1]
            .partner
            .is_some_and(|p| p + 1 < k - 1 && p >= start)
}

/// The cue at `i` follows "ما" ("وفق ما ذكرت", "بحسب ما أفاد", "حسبما قال"): it names
/// the source of what came before it.
fn after_ma(tokens: &[Token], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| tokens.get(p))
        .is_some_and(|t| matches!(t.key, "ما" | "حسبما" | "بحسبما" | "وحسبما"))
}

/// An English source that is a record rather than a speaker ("Government data", "a
/// survey", "official figures"): its last word says so.
fn is_record(tokens: &[Token], source: &Phrase) -> bool {
    let last = source.toks.clone().rev().find(|&k| tokens[k].is_word());
    last.is_some_and(|k| !tokens[k].arabic && is_record_word(tokens[k].key))
}

fn is_record_word(w: &str) -> bool {
    matches!(
        w,
        "data"
            | "figures"
            | "statistics"
            | "survey"
            | "poll"
            | "study"
            | "records"
            | "census"
            | "results"
            | "tally"
    )
}

/// An English cue with its source that ends the sentence after a comma ("…, police
/// have said.", "…, a spokesman said on Monday.").
fn closes_english(tokens: &[Token], sent: &Range<usize>, m: &Match, source: &Phrase) -> bool {
    if tokens[m.toks.start].arabic || source.is_empty() {
        return false;
    }
    let words_from = |from: usize| {
        tokens[from.min(sent.end)..sent.end]
            .iter()
            .filter(|t| t.is_word())
            .count()
    };
    let comma_at = |i: Option<usize>| {
        i.and_then(|p| tokens.get(p))
            .is_some_and(|t| t.punct() == Some(','))
    };
    // "…, the health ministry said, in an attack Israel said had targeted militants.": a
    // phrase after a comma that only says where or how
    let adverbial = |from: usize| {
        comma_at(Some(from))
            && tokens.get(from + 1).is_some_and(|t| {
                matches!(
                    t.key,
                    "in" | "on"
                        | "at"
                        | "amid"
                        | "after"
                        | "during"
                        | "citing"
                        | "adding"
                        | "following"
                        | "without"
                        | "with"
                        | "as"
                )
            })
    };
    if source.toks.start >= m.toks.end {
        // "…, said Maharashtra's Health Minister Tanaji Sawant."
        comma_at(m.toks.start.checked_sub(1))
            && (words_from(source.toks.end) <= 3 || adverbial(source.toks.end))
    } else {
        comma_at(source.toks.start.checked_sub(1))
            && (words_from(m.toks.end) <= 3 || adverbial(m.toks.end))
    }
}

/// One cue with its own source.
struct Found {
    m: Match,
    source: Phrase,
    /// "نقل X عن Y": the inner source Y.
    inner: Phrase,
    strong: bool,
    /// Ends the sentence after a comma ("…, police said."): the whole sentence's source.
    closes: bool,
}

/// The attribution of `tokens[sent]`. `text` is the article text.
pub(crate) fn attribute(
    tokens: &[Token],
    sent: Range<usize>,
    matches: &[Match],
    lex: &Lexicon,
    text: &str,
    carry: &mut Carry,
) -> Attribution {
    let mut found: Vec<Found> = Vec::new();
    for m in matches {
        if !m.kind.is_cue() || m.kind == CueKind::HedgedSource || tokens[m.toks.start].quoted {
            continue;
        }
        if not_a_report(tokens, sent.start, m, lex) || passive_voweled(&tokens[m.toks.start], text)
        {
            continue;
        }
        let (source, stop) = source_of(tokens, &sent, m, lex);
        let inner = if m.kind == CueKind::Relay || relays_with_an(&tokens[m.toks.start]) {
            relay_inner(tokens, &sent, source.toks.end.max(m.toks.end), lex)
        } else {
            Phrase::default()
        };
        // "…, police have said." closes an English sentence with its source
        let closes = m.kind == CueKind::Reporting && closes_english(tokens, &sent, m, &source);
        let strong = match m.kind {
            CueKind::According | CueKind::Denial => true,
            CueKind::Relay => !inner.is_empty() || reports_follow(tokens, m.toks.end, sent.end),
            // "Government data showed at least 14 people drowned": a record needs no "that"
            CueKind::Strict => {
                matches!(stop, Some(Stop::Complementizer | Stop::Quote))
                    || is_record(tokens, &source) && m.toks.end + 1 < sent.end
                    || says_by_saying(tokens, source.toks.end.max(m.toks.end), sent.end)
                    || after_quotation(tokens, sent.start, m.toks.start)
            }
            _ => reports_follow(tokens, m.toks.end, sent.end) || closes,
        };
        // "بين" as "between", "نقل مخاوفهم" as "conveyed": not reports
        if matches!(m.kind, CueKind::Strict | CueKind::Relay) && !strong {
            continue;
        }
        // "تنشط حسب الأوامر الأمريكية", "according to plan": a manner, not a source
        if m.kind == CueKind::According
            && source
                .toks
                .clone()
                .find(|&k| tokens[k].is_word() && !matches!(tokens[k].key, "the" | "a"))
                .is_some_and(|k| strip_article(tokens[k].key).any(|w| lex.not_sources.contains(w)))
        {
            continue;
        }
        // "وفق ما نقلته X" / "بحسب ما ذكرت X": the verb after "ما" carries the source.
        if m.kind == CueKind::According
            && source.is_empty()
            && tokens.get(m.toks.end).is_some_and(|t| t.key == "ما")
        {
            continue;
        }
        found.push(Found {
            m: m.clone(),
            source,
            inner,
            strong,
            closes,
        });
    }

    // A verb of the main clause before a participle ("Leaflets … warning students …
    // were not authored by Al-Shabaab, police have said")
    // "واعتبر الشاهد في تصريح …، أن استشهاد السلطاني يؤكد أن …": a cue inside what an
    // earlier speaker said ("that …") is part of the content, not the speaker
    let embedded = |f: &Found| {
        found.iter().any(|e| {
            e.m.toks.start < f.m.toks.start
                && !e.source.is_empty()
                && !e.m.participle
                && e.m.kind != CueKind::According
                && (e.m.toks.end..f.m.toks.start).any(|k| tokens[k].lex.is(List::Complementizer))
        })
    };
    let Some(main) = found
        .iter()
        .position(|f| f.closes && !f.m.participle)
        .or_else(|| {
            found.iter().position(|f| {
                f.strong && f.m.kind != CueKind::According && !f.m.participle && !embedded(f)
            })
        })
        .or_else(|| {
            found.iter().position(|f| {
                f.m.kind == CueKind::Reporting
                    && !f.source.is_empty()
                    && !f.m.participle
                    && !embedded(f)
                    && found.iter().any(|g| g.strong && embedded(g))
            })
        })
        .or_else(|| {
            found
                .iter()
                .position(|f| f.strong && f.m.kind != CueKind::According && !f.m.participle)
        })
        .or_else(|| {
            found
                .iter()
                .position(|f| f.strong && f.m.kind != CueKind::According)
        })
        .or_else(|| found.iter().position(|f| f.strong))
        .or(if found.is_empty() { None } else { Some(0) })
    else {
        // an embedded tweet: "… pic.twitter.com/… — قناة الإخبارية (@alekhbariyatv) September
        // 10, 2020" names its account's holder
        if let Some(author) = tweet_author(tokens, &sent) {
            let (s, span) = phrase_text(tokens, &author, text);
            let kind = classify(tokens, &author, &sent, lex, matches);
            carry.last = Some((s.clone(), span.clone(), kind));
            carry.recent = true;
            return Attribution {
                source_type: kind,
                source: Some(s),
                source_span: Some(span),
                ..Attribution::default()
            };
        }
        let hedged = hedged_only(tokens, matches, text);
        if hedged.cue.is_some() {
            carry.recent = false;
            return hedged;
        }
        // a quotation right after an attributed sentence goes on in the same voice:
        // '"…," Salama said. "We have three health care workers infected …"'
        // and so does a quotation left open earlier in the paragraph ('Abubakar said:
        // "Gunmen invaded the station. Their target was the armoury, …')
        // — or a paragraph that opens with a quotation and never closes it, as a quotation
        // that runs on into the next paragraph does ('"The writings … are not true at
        // all. The picture of the visit was on Jan 12 …')
        let left_open = tokens[..sent.start].iter().enumerate().any(|(k, t)| {
            t.is_quote_mark()
                && t.partner.is_none()
                && (k == 0
                    || k.checked_sub(1)
                        .and_then(|p| tokens.get(p))
                        .is_some_and(|p| p.punct() == Some(':')))
        });
        let continued = carry.quote_open || carry.introduced;
        carry.introduced = false;
        carry.quote_open &= !tokens[sent.clone()]
            .iter()
            .any(|t| t.is_quote_mark() && t.partner.is_none());
        let quotation = tokens.get(sent.start).is_some_and(Token::is_quote_mark)
            || left_open
            || continued
            || tokens[sent.clone()]
                .iter()
                .filter(|t| t.is_word())
                .all(|t| t.quoted);
        match (&carry.last, quotation && carry.recent) {
            (Some((s, span, kind)), true) => {
                return Attribution {
                    source_type: *kind,
                    source: Some(s.clone()),
                    source_span: Some(span.clone()),
                    ..Attribution::default()
                };
            }
            _ => {
                carry.recent = false;
                return hedged;
            }
        }
    };

    carry.quote_open = false;
    carry.introduced = false;
    // The chain, outermost first: "according to" forms, then relays, then the speaker.
    let mut chain: Vec<(String, Range<usize>, SourceType)> = Vec::new();
    let push = |p: &Phrase, chain: &mut Vec<(String, Range<usize>, SourceType)>| {
        if p.is_empty() {
            return;
        }
        let (s, span) = phrase_text(tokens, p, text);
        if chain.iter().any(|(c, _, _)| *c == s) {
            return;
        }
        let kind = classify(tokens, p, &sent, lex, matches);
        chain.push((s, span, kind));
    };
    // "ونقل التقرير على لسان مصدر": the "according to" names the relay's inner source,
    // which comes after the relay in the chain
    let relayed = |f: &Found| {
        found.iter().any(|r| {
            r.m.kind == CueKind::Relay && !r.inner.is_empty() && r.inner.toks == f.source.toks
        })
    };
    for f in found
        .iter()
        .filter(|f| f.m.kind == CueKind::According && !relayed(f))
    {
        push(&f.source, &mut chain);
    }
    // "ودعا المصدر …، وفق قوله", "…، على حد تعبيره": "his words" are the sentence's
    // own subject's, when it opens with its verb and subject
    let own_words = |f: &Found| {
        let words = |t: &Token| {
            ["قول", "تعبير", "وصف"].iter().any(|w| {
                t.key
                    .strip_prefix(w)
                    .is_some_and(|p| matches!(p, "ه" | "ها" | "هم" | "هما"))
            })
        };
        f.m.kind == CueKind::According
            && f.source.is_empty()
            && tokens[f.m.toks.start].arabic
            && (tokens[f.m.toks.clone()].iter().any(words)
                || tokens.get(f.m.toks.end).is_some_and(words))
    };
    if chain.is_empty() && found.iter().any(own_words) {
        // one who can speak: "وتجاوزت الخسائر 40 مليون بحسب قوله" is the speaker before's
        let subject = arabic_main_subject(tokens, &sent, lex);
        let speaks = tokens.get(subject.toks.start).is_some_and(|h| {
            let bare = h.key.strip_prefix("ال").unwrap_or(h.key);
            ARABIC_TITLES.contains(&h.key)
                || ARABIC_SUBJECT_HEADS.contains(&bare)
                || lex.is_anonymous_head(bare)
                || lex.is_anonymous_head(h.key)
        });
        if speaks && !subject.is_empty() {
            push(&subject, &mut chain);
        }
    }
    for f in found.iter().filter(|f| f.m.kind == CueKind::Relay) {
        push(&f.source, &mut chain);
        push(&f.inner, &mut chain);
    }
    // "Spokesman Turki Al-Maliki said the drone …, the Saudi Press Agency reported.":
    // the agency that closes the sentence relays the speaker who opens it
    let main = match relayed_opening(tokens, &found, main) {
        Some(opening) => {
            push(&found[main].source, &mut chain);
            opening
        }
        None => main,
    };
    let speaker = &found[main];
    if speaker.m.kind != CueKind::According && speaker.m.kind != CueKind::Relay {
        if speaker.source.is_empty() {
            // a bare "مشيرا" after "استنكر يلدريم": the nearest earlier speaker here;
            // then a later one that says it stands for what came before ("أوضحت فيه …،
            // وفق ما ذكرت الوزارة"), never a later clause's own subject ("وأضاف أن بعض
            // الدول أبدى …"); then the carry-over
            let earlier = found[..main]
                .iter()
                .rev()
                .find(|f| !f.source.is_empty() && f.m.kind != CueKind::According);
            let later = || {
                found[main + 1..].iter().find(|f| {
                    !f.source.is_empty()
                        && f.m.kind != CueKind::According
                        && after_ma(tokens, f.m.toks.start)
                })
            };
            let other = earlier.or_else(|| if speaker.m.participle { None } else { later() });
            if let Some(other) = other {
                push(&other.source, &mut chain);
            } else if tokens[speaker.m.toks.start].arabic {
                // "كيري وبعد لقاء مثمر …، وأشار إلى أن": the sentence's own subject
                // before any carry-over
                if speaker.m.participle {
                    push(&arabic_main_subject(tokens, &sent, lex), &mut chain);
                }
                if chain.is_empty() && speaker.m.toks.start > sent.start {
                    push(&arabic_topic(tokens, &sent), &mut chain);
                }
                if chain.is_empty() {
                    let topic = arabic_topic_before_comma(tokens, &sent, speaker.m.toks.start);
                    push(&topic, &mut chain);
                }
            } else if speaker.m.participle || pronoun_in_clause(tokens, &sent, speaker.m.toks.start)
            {
                push(&english_main_subject(tokens, &sent, lex), &mut chain);
            }
        } else {
            push(&speaker.source, &mut chain);
        }
    }

    let cue_span = cue_span(tokens, &speaker.m);
    let cue = text.get(cue_span.clone()).map(fold_space);
    let (source, source_span, source_type) = match chain.last() {
        Some((s, span, kind)) => (Some(s.clone()), Some(span.clone()), *kind),
        None => match &carry.last {
            Some((s, span, kind)) => (Some(s.clone()), Some(span.clone()), *kind),
            None => (None, None, SourceType::Unattributed),
        },
    };
    if let (Some(s), Some(span)) = (&source, &source_span) {
        carry.last = Some((s.clone(), span.clone(), source_type));
    }
    carry.recent = source.is_some();
    let chain = if chain.len() > 1 {
        chain.into_iter().map(|(s, _, _)| s).collect()
    } else {
        Vec::new()
    };
    Attribution {
        source_type,
        source,
        source_span,
        cue,
        cue_span: Some(cue_span),
        chain,
    }
}

/// The name before an embedded tweet's handle: "— Joe Smith (@jsmith) May 3, 2021".
fn tweet_author(tokens: &[Token], sent: &Range<usize>) -> Option<Phrase> {
    let at = (sent.start..sent.end.saturating_sub(3)).find(|&k| {
        tokens[k].punct() == Some('(')
            && tokens[k + 1].punct() == Some('@')
            && tokens[k + 2].is_word()
            && tokens[k + 3].punct() == Some(')')
    })?;
    let dash = (sent.start..at).rev().take(7).find(|&d| {
        tokens[d]
            .punct()
            .is_some_and(|c| matches!(c, '—' | '–' | '-'))
    })?;
    (dash + 1 < at && tokens[dash + 1..at].iter().all(Token::is_word)).then_some(Phrase {
        toks: dash + 1..at,
        start_byte: None,
    })
}

/// Where an embedded tweet's signature names its author (see `tweet_author`).
pub(crate) fn tweet_author_at(tokens: &[Token], sent: &Range<usize>) -> Option<usize> {
    tweet_author(tokens, sent).map(|p| p.toks.start)
}

/// Arabic relative pronouns, folded.
const ARABIC_RELATIVES: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللذان",
    "اللتان",
    "اللواتي",
];

/// "المصدر الذي طلب عدم ذكر اسمه قال إن …", "والمسؤولون الذين التقاهم الوفد أكدوا أن
/// …": a definite subject, a relative clause about it, then its verb (with no
/// conjunction, nobody after it). The subject opens the sentence or follows its "أن"
/// ("ولوحظ أن المصدرين اللذين تحدثت معهما الصحيفة أكدا").
fn subject_before_relative(tokens: &[Token], start: usize, cue: usize) -> Option<Phrase> {
    if tokens[cue].key.starts_with(['و', 'ف']) {
        return None;
    }
    // the relative clause: words only, up to eight of them
    let mut r = cue;
    loop {
        if r == start || cue - r > 9 {
            return None;
        }
        let t = &tokens[r - 1];
        if !t.is_word() {
            return None;
        }
        if ARABIC_RELATIVES.contains(&t.key) {
            break;
        }
        r -= 1;
    }
    let rel = r - 1;
    if rel + 1 == cue {
        return None;
    }
    // the subject: one to four words from the sentence's start or its "أن"
    let mut a = rel;
    while a > start && tokens[a - 1].is_word() && !tokens[a - 1].lex.is(List::Complementizer) {
        a -= 1;
        if rel - a > 4 {
            return None;
        }
    }
    let opens = a == start || tokens[a - 1].lex.is(List::Complementizer);
    let head = tokens.get(a).filter(|_| a < rel)?;
    let definite = head.key.starts_with("ال") || head.key.starts_with("وال");
    if !opens || !definite || tokens[a..rel].iter().any(|t| t.lex.is_cue()) {
        return None;
    }
    // "والمسؤولون": the conjunction is not the subject's
    let start_byte = head
        .key
        .starts_with("وال")
        .then(|| head.span.start + 'و'.len_utf8());
    Some(Phrase {
        toks: a..rel,
        start_byte,
    })
}

/// "Judge Thomas Ludington will give Saginaw another chance, though he said …": "he"
/// in a clause after the main one is the sentence's own subject (when that is a name,
/// which `english_main_subject` checks), not the previous sentence's speaker.
fn pronoun_in_clause(tokens: &[Token], sent: &Range<usize>, cue: usize) -> bool {
    if cue < sent.start + 4 || tokens[cue].arabic {
        return false;
    }
    // (a comma alone may end an opening phrase: "Pledging to investigate …, she said")
    let opens_clause = |t: &Token| {
        matches!(
            t.key,
            "though" | "although" | "but" | "and" | "while" | "because" | "as" | "after"
        )
    };
    matches!(tokens[cue - 1].key, "he" | "she")
        && opens_clause(&tokens[cue - 2])
        && !matches!(tokens[sent.start].key, "he" | "she" | "they" | "it")
}

/// "فيما وُصفت حالة الجرحى", "وذُكر أن": an Arabic perfect written with a damma on its
/// first letter is passive ("was described", "it was mentioned"): nobody is named as
/// saying it. (An imperfect's prefix takes a damma in the active too: "يُعلن".)
pub(crate) fn passive_voweled(cue: &Token, text: &str) -> bool {
    if !cue.arabic {
        return false;
    }
    let Some(raw) = text.get(cue.span.clone()) else {
        return false;
    };
    let mut chars = raw.chars().peekable();
    let mut first = chars.next();
    // a conjunction before the verb ("وذُكر"), unless the damma is its own ("وُصفت")
    if matches!(first, Some('و' | 'ف')) && chars.peek() != Some(&'\u{64F}') {
        first = chars.next();
    }
    first.is_some_and(|c| !matches!(c, 'ي' | 'ت' | 'ن')) && chars.next() == Some('\u{64F}')
}

/// For an English sentence closed by an outlet ("…, the Saudi Press Agency reported.",
/// "…, state media said."), the cue of the speaker who opens it, whom the outlet relays.
fn relayed_opening(tokens: &[Token], found: &[Found], main: usize) -> Option<usize> {
    let closing = &found[main];
    if !closing.closes {
        return None;
    }
    let verb = tokens[closing.m.toks.start].key;
    let outlet = closing.source.toks.clone().any(|k| {
        matches!(
            tokens[k].key,
            "agency"
                | "news"
                | "media"
                | "television"
                | "tv"
                | "radio"
                | "newspaper"
                | "daily"
                | "press"
                | "broadcaster"
                | "outlet"
                | "website"
        )
    });
    if !(matches!(verb, "reported" | "reports" | "quoted") || outlet) {
        return None;
    }
    // ("said the convoy …" needs no "that" before what is said)
    found[..main].iter().position(|f| {
        (f.strong || f.m.kind == CueKind::Reporting)
            && !f.m.participle
            && !f.source.is_empty()
            && matches!(f.m.kind, CueKind::Reporting | CueKind::Strict)
            && !tokens[f.source.toks.start].quoted
    })
}

/// A cue that reports nothing: negated ("ولم يكشف المسؤولون", "did not say"), passive
/// ("have been confirmed", "were reported killed"), or the impersonal "يذكر أن" ("it is
/// noted that": the article's own voice).
fn not_a_report(tokens: &[Token], start: usize, m: &Match, lex: &Lexicon) -> bool {
    let at = m.toks.start;
    let cue = &tokens[at];
    let mut i = at;
    while i > start && tokens[i - 1].is_word() && tokens[i - 1].lex.is(List::Skip) {
        i -= 1;
    }
    let prev = i
        .checked_sub(1)
        .filter(|&p| p >= start)
        .map(|p| tokens[p].key);
    if m.kind == CueKind::According {
        return false;
    }
    if cue.arabic {
        // "بين من يتوقع سقوطها": "who expects" — an imperfect after the relative "من"
        // (a preposition never governs a verb) has no subject of its own after it
        if prev == Some("من") && cue.key.starts_with(['ي', 'ت']) {
            return true;
        }
        // "قدرت بـ111 مليون دينار": valued at, not said
        let valued = tokens.get(m.toks.end).is_some_and(|t| {
            t.kind == Kind::Number
                || t.key
                    .strip_prefix('ب')
                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        });
        if valued {
            return true;
        }
        // a subject after the verb ("في حين لفت سيجرا إلى أنه") makes it a report
        let no_subject_after = tokens.get(m.toks.end).is_none_or(|t| {
            !t.is_word() || t.lex.is(List::SourceStop) || t.lex.is(List::Complementizer)
        });
        if no_subject_after
            && m.kind != CueKind::Relay
            && describes_governed_noun(tokens, start, i, cue, lex)
        {
            return true;
        }
        // "عن نقل الوزير إلى المستشفى", "حول إعلان": a preposition governs a noun, and
        // the cue's word is one (a verbal noun), not a verb
        // ("منذ أعلنت" and "من قال" are verbs after their particle)
        let governed = at > start && {
            let p = tokens[at - 1].key;
            ARABIC_GOVERNING.contains(&p) && !matches!(p, "من" | "منذ")
                // "دون ذكر هويتها", "بدون إعلان", "عدم تأكيد": without mentioning
                || matches!(p, "لدي" | "عبر" | "دون" | "بدون" | "عدم")
        };
        let verb = matches!(
            m.kind,
            CueKind::Reporting | CueKind::Strict | CueKind::Denial | CueKind::Relay
        );
        if governed && verb && !m.participle {
            return true;
        }
        // "… وخرجت التظاهرات التي نددت بعنصرية الشرطة": a relative with no comma before
        // it picks out which demonstrations; unless what follows its verb is reported
        // speech ("الوزارة التي أكدت أن …"), nobody in it speaks for the sentence
        let restrictive = at >= start + 2
            && matches!(tokens[at - 1].key, "التي" | "الذي" | "الذين")
            && tokens[at - 2].is_word()
            && !reports_follow(tokens, m.toks.end, tokens.len());
        if restrictive && verb && !m.participle {
            return true;
        }
        let negated = matches!(prev, Some("لم" | "ولم" | "فلم" | "لن" | "ولن" | "لا" | "ولا"));
        let impersonal = matches!(cue.key, "يذكر" | "ويذكر")
            && tokens
                .get(m.toks.end)
                .is_some_and(|t| t.lex.is(List::Complementizer));
        return negated && m.kind != CueKind::Denial || impersonal;
    }
    if at == start && m.toks.len() == 1 {
        // "Reports said …", "Claims of …": a sentence opens with its subject
        return true;
    }
    let state_follows = tokens.get(m.toks.end).is_some_and(|t| {
        matches!(
            t.key,
            "missing"
                | "killed"
                | "dead"
                | "injured"
                | "wounded"
                | "detained"
                | "arrested"
                | "safe"
                | "kidnapped"
                | "abducted"
                | "trapped"
        )
    });
    // "The forecast has left …", "seeing the forecast", "its report": a noun; "above
    // predicted levels", "than expected": an adjective; "proposals announced by the
    // secretary": a passive participle, whose agent is no subject before it
    let noun_or_adjective = m.toks.len() == 1
        && (matches!(
            prev,
            Some(
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "above"
                    | "below"
                    | "than"
                    | "no"
                    | "any"
            )
        ) || tokens.get(m.toks.end).is_some_and(|t| t.key == "by"));
    // "the body of a man identified as Ghannam": a participle after its noun, with "as"
    let named_as = matches!(
        cue.key,
        "identified" | "described" | "named" | "listed" | "confirmed"
    ) && tokens.get(m.toks.end).is_some_and(|t| t.key == "as")
        && prev.is_some_and(|p| !ENGLISH_AUX.contains(&p))
        && at > start
        && tokens[at - 1].is_word()
        && !tokens[at - 1].upper;
    if noun_or_adjective || named_as {
        return true;
    }
    let negated = matches!(prev, Some("not" | "never" | "n't" | "didn't" | "won't"))
        || prev == Some("to")
            && i >= start + 2
            && matches!(
                tokens[i - 2].key,
                "declined" | "refused" | "declining" | "refusing"
            );
    // "was quoted as saying" is a phrase of its own, not a passive; the auxiliary may be
    // among the skipped words ("13 were admitted", "it was also reported")
    let auxiliary = |k: &str| matches!(k, "been" | "be" | "is" | "are" | "was" | "were" | "being");
    let passive = (prev.is_some_and(auxiliary) || tokens[i..at].iter().any(|t| auxiliary(t.key)))
        && m.toks.len() == 1;
    negated || passive || state_follows
}

/// Prepositions that govern the noun after them (keys, folded): that noun is never a
/// verb's subject.
const ARABIC_GOVERNING: &[&str] = &[
    "بعد", "قبل", "مع", "من", "في", "الي", "علي", "عن", "حول", "ضد", "خلال", "منذ", "عقب", "اثر",
    "بين", "وسط", "تجاه", "نحو",
];

/// An Arabic verb with no conjunction right after an indefinite noun that a preposition
/// governs describes that noun ("بعد سريان هدنة أعلنت الأربعاء": a truce announced on
/// Wednesday; "تعاطفا مع 200 شخص يقدر أنهم قتلوا": people estimated killed): the noun is
/// not its subject, and nobody is reported; but a subject may come before the phrase
/// ("مصادر في دمشق قالت إن"). `at` is the verb, after any skipped words.
fn describes_governed_noun(
    tokens: &[Token],
    start: usize,
    at: usize,
    cue: &Token,
    lex: &Lexicon,
) -> bool {
    if cue.key.starts_with(['و', 'ف']) {
        return false;
    }
    let indefinite = |t: &Token| {
        // "في حين", "في وقت": a conjunction, not a noun
        let connector = matches!(t.key, "حين" | "وقت" | "حال" | "حيث");
        t.kind == Kind::Number
            || !connector
                && t.is_word()
                && t.arabic
                && !t.lex.is(List::SourceStop)
                && !t.lex.is_cue()
                && !["ال", "وال", "بال", "لل", "فال"]
                    .iter()
                    .any(|a| t.key.starts_with(a))
    };
    // the noun, maybe after a number or in a construct ("سريان هدنة"), then the preposition
    let mut i = at;
    while i > start && at - i < 3 && indefinite(&tokens[i - 1]) {
        i -= 1;
    }
    // "مصادر في دمشق قالت": a subject before the preposition's phrase still speaks
    let subject_before = i >= start + 2 && {
        let w = &tokens[i - 2];
        w.is_word() && (!indefinite(w) || lex.is_anonymous_head(w.key))
    };
    i < at
        && i > start
        && tokens[at - 1].kind != Kind::Number
        && tokens[i - 1].is_word()
        && ARABIC_GOVERNING.contains(&tokens[i - 1].key)
        && !subject_before
}

/// "أنباء عن", "reportedly" with no other cue: an unnamed source.
fn hedged_only(tokens: &[Token], matches: &[Match], text: &str) -> Attribution {
    // "وكالة أنباء الشرق الأوسط" is an agency's name, not "news of"
    let agency = |m: &Match| {
        m.toks.start > 0
            && matches!(
                tokens[m.toks.start - 1].key,
                "وكاله" | "لوكاله" | "بوكاله" | "ووكاله"
            )
    };
    let Some(m) = matches
        .iter()
        .find(|m| m.kind == CueKind::HedgedSource && !tokens[m.toks.start].quoted && !agency(m))
    else {
        return Attribution::default();
    };
    let span = cue_span(tokens, m);
    Attribution {
        source_type: SourceType::Anonymous,
        cue: text.get(span.clone()).map(fold_space),
        cue_span: Some(span),
        ..Attribution::default()
    }
}

fn cue_span(tokens: &[Token], m: &Match) -> Range<usize> {
    let last = m.toks.end.saturating_sub(1).max(m.toks.start);
    tokens[m.toks.start].span.start..tokens[last].span.end
}

/// A claim's text from its span: runs of white space folded to one space, ends trimmed.
pub fn fold_space(s: &str) -> String {
    if is_space_folded(s) {
        // nearly every sentence of news text: one copy instead of a split and a join
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`fold_space`] of `s` appended to `out` (no string of its own).
pub fn fold_space_into(s: &str, out: &mut Vec<u8>) {
    if is_space_folded(s) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    for (k, word) in s.split_whitespace().enumerate() {
        if k > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(word.as_bytes());
    }
}

/// [`fold_space`] of a string the caller owns, given back as it is when it is folded
/// already (search keys of news text nearly always are).
pub fn fold_space_owned(s: String) -> String {
    if is_space_folded(&s) {
        return s;
    }
    fold_space(&s)
}

/// Whether `s` is already what [`fold_space`] makes of it: words separated by one
/// ASCII space, none at the ends. Every white space char but the ASCII ones starts with
/// 0xC2 (U+0085, U+00A0) or 0xE1..=0xE3 (U+1680, U+2000.., U+3000), so only chars
/// starting with those bytes are decoded; the rest are whole-slice scans.
fn is_space_folded(s: &str) -> bool {
    let b = s.as_bytes();
    let control = |x: u8| x.wrapping_sub(b'\t') <= b'\r' - b'\t';
    // branch-free over pairs of bytes, so that the compiler checks many at a time
    let doubled_or_control = b
        .iter()
        .zip(b.get(1..).unwrap_or_default())
        .fold(false, |found, (&x, &y)| {
            found | control(x) | ((x == b' ') & (y == b' '))
        });
    let other_space = || {
        memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b)
            .chain(memchr::memchr_iter(0xE1, b))
            .any(|i| {
                s.get(i..)
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
            })
    };
    !b.starts_with(b" ")
        && !b.ends_with(b" ")
        && !doubled_or_control
        && !b.last().is_some_and(|&x| control(x))
        && !other_space()
}

fn phrase_text(tokens: &[Token], p: &Phrase, text: &str) -> (String, Range<usize>) {
    let start = p
        .start_byte
        .unwrap_or_else(|| tokens[p.toks.start].span.start);
    let end = tokens[p.toks.end - 1].span.end;
    let span = start..end.max(start);
    let mut phrase = text.get(span.clone()).map(fold_space).unwrap_or_default();
    // "وفقا للمصدر": the lam of "ل" took the alef of "ال"; the source is "المصدر"
    if p.start_byte.is_some() && phrase.starts_with('ل') {
        phrase.insert(0, 'ا');
    }
    (phrase, span)
}

/// "وتابع البيان بالقول إن …", "وختم الوزير حديثه بالقول: …": the verb's subject,
/// maybe what it ended, then "بالقول" (or "بقوله") and what was said. `from` is where
/// the subject ended.
fn says_by_saying(tokens: &[Token], from: usize, end: usize) -> bool {
    let saying = (from..end.min(from + 3)).find(|&k| {
        matches!(
            tokens[k].key,
            "بالقول" | "بقوله" | "بقولها" | "بقولهم" | "بالتاكيد" | "بالاشاره"
        )
    });
    saying.is_some_and(|k| reports_follow(tokens, k + 1, end))
}

/// "أن"/"that", a colon or an opening quotation soon after the cue.
fn reports_follow(tokens: &[Token], from: usize, end: usize) -> bool {
    tokens[from..end.min(from + REPORT_WINDOW).max(from)]
        .iter()
        .any(|t| {
            t.punct() == Some(':')
                || t.is_quote_mark() && t.partner.is_some_and(|p| p > from)
                || t.is_word() && t.lex.is(List::Complementizer)
        })
}

fn is_kana(key: &str) -> bool {
    matches!(
        key,
        "كان" | "كانت" | "وكان" | "وكانت" | "فكان" | "فكانت" | "قد" | "لقد"
    )
}

/// The source a cue introduces, and why a forward phrase stopped.
fn source_of(
    tokens: &[Token],
    sent: &Range<usize>,
    m: &Match,
    lex: &Lexicon,
) -> (Phrase, Option<Stop>) {
    let cue = &tokens[m.toks.start];
    let (forward, stop) = forward_phrase(tokens, sent.end, m.toks.end, m.glued_lam, lex);
    if m.participle {
        // "مؤكدا أن …", "saying its pilots …": what follows is the content; but "…, with
        // local officials warning of …" names its own speakers
        let with = (!cue.arabic)
            .then(|| {
                quoted_as_saying(tokens, sent.start, m.toks.start)
                    .or_else(|| english_with_agent(tokens, sent.start, m.toks.start))
            })
            .flatten();
        return (with.unwrap_or_default(), stop);
    }
    let verb = !matches!(m.kind, CueKind::According | CueKind::Relay);
    let forward = if cue.arabic {
        without_addressee(
            tokens,
            indefinite_head_alone(
                tokens,
                definite_head_alone(tokens, without_object(tokens, forward, cue.key, lex)),
            ),
            cue.key,
        )
    } else {
        forward
    };
    let pick = if !verb {
        forward
    } else if cue.arabic {
        if let Some(p) = relative_antecedent(tokens, sent.start, m.toks.start) {
            return (p, stop);
        }
        if forward.is_empty() {
            if let Some(p) = subject_before_relative(tokens, sent.start, m.toks.start) {
                return (p, stop);
            }
        }
        let back = backward_phrase(tokens, sent.start, m.toks.start, true);
        let plural = cue.key.ends_with("وا");
        // "وأضاف": the conjunction starts a new clause whose subject is not before it
        let conjunction = cue.key.starts_with(['و', 'ف']);
        match back {
            // "وكانت البعثة السورية قد أعلنت", "الروس قالوا": subject first
            Some((b, Left::Kana)) => b,
            Some((b, left)) if plural || forward.is_empty() => {
                if left == Left::Stop && conjunction {
                    Phrase::default()
                } else {
                    b
                }
            }
            _ if plural => Phrase::default(),
            _ => forward,
        }
    } else {
        // English puts the subject first; "…, said John Smith" and '"…," said the
        // official' invert it. "told" is followed by whom it was told to, never by who.
        let inverted = m.toks.start > sent.start
            && tokens[m.toks.start - 1]
                .punct()
                .is_some_and(|c| c == ',' || tokens[m.toks.start - 1].is_quote_mark());
        let addressee_follows = matches!(cue.key, "told" | "tells" | "tell" | "telling");
        // "…, said John Smith, a spokesman." names the speaker up to the punctuation
        let ends_clause = forward.toks.end >= sent.end
            || tokens[forward.toks.end]
                .punct()
                .is_some_and(|c| matches!(c, ',' | '.' | ';'))
            || speaker_tail(tokens, forward.toks.end, sent.end);
        let backward = backward_phrase(tokens, sent.start, m.toks.start, false);
        // "…, Dr. Serge Ngalebato, announced one more case": the name before the comma
        // (a capital that only opens the sentence, "The weight of …", names nobody)
        let named_before = backward.as_ref().is_some_and(|(b, _)| {
            tokens[b.toks.clone()].iter().any(|t| {
                t.upper && t.is_word() && !matches!(t.key, "the" | "a" | "an" | "this" | "that")
                    || lex.is_anonymous_head(t.key)
            })
        });
        // "…, say oceanographers.": a bare plural that ends the sentence speaks too
        // ("…, say oceanographers, but strong currents …": the clause ends there too)
        let clause_ends = forward.toks.end + 1 >= sent.end
            || tokens[forward.toks.end].punct() == Some(',')
                && tokens
                    .get(forward.toks.end + 1)
                    .is_some_and(|n| matches!(n.key, "but" | "and" | "who" | "while" | "although"));
        let to_the_end = clause_ends && forward.toks.len() <= 4;
        let speaker_after = tokens.get(forward.toks.start).is_some_and(|t| {
            t.upper || matches!(t.key, "the" | "a" | "an") || lex.is_anonymous_head(t.key)
        }) || to_the_end && !forward.is_empty();
        match backward {
            // "The ministry was quick to deny", "declined to confirm or deny": the verb's
            // subject is the sentence's
            _ if english_infinitive(tokens, sent.start, m.toks.start) => {
                english_main_subject(tokens, sent, lex)
            }
            // "The United States restored sanctions … and threatened more action": a
            // second verb of the main clause has its subject
            None if m.toks.start > sent.start
                && matches!(tokens[m.toks.start - 1].key, "and" | "but") =>
            {
                english_main_subject(tokens, sent, lex)
            }
            _ if inverted
                && !addressee_follows
                && !forward.is_empty()
                && ends_clause
                && speaker_after
                && !(named_before && tokens[m.toks.start - 1].punct() == Some(',')) =>
            {
                forward
            }
            Some((b, _)) => b,
            None if inverted && !addressee_follows => forward,
            None => Phrase::default(),
        }
    };
    (drop_pronoun(tokens, pick), stop)
}

/// A verb right after a relative pronoun says what its antecedent did: "رد فعل من
/// إسرائيل، التي أعلنت رفضها" names Israel. A verb with an object pronoun ("التقرير الذي
/// نشرته الصحيفة") has its own subject after it, so it is left alone.
fn relative_antecedent(tokens: &[Token], start: usize, cue: usize) -> Option<Phrase> {
    let rel = cue.checked_sub(1).filter(|&r| r > start)?;
    let verb = tokens[cue].key;
    // the verb agrees with its antecedent: "التي أعلنت", "الذي أعلن", "الذين أعلنوا";
    // "تونس، التي قال إنها …" has a subject of its own
    let feminine = verb.ends_with('ت') || verb.starts_with('ت');
    let agrees = match tokens[rel].key {
        "التي" | "اللتين" | "اللتان" => feminine,
        "الذي" | "اللذين" | "اللذان" => !feminine,
        "الذين" => verb.ends_with("وا") || verb.ends_with("ون"),
        _ => return None,
    };
    if !agrees || ["ه", "ها", "هم", "هما"].iter().any(|o| verb.ends_with(o)) {
        return None;
    }
    // "في الوقت الذي يشير فيه سيجرا": a pronoun after the verb points back to the
    // antecedent, so the relative is where or when, and the subject comes after
    let resumptive = |k: &str| {
        ["في", "عن", "ب", "ل", "إلي", "الي", "علي", "من", "منه"]
            .iter()
            .any(|p| ["ه", "ها", "هم"].iter().any(|o| k == format!("{p}{o}")))
    };
    if tokens.get(cue + 1).is_some_and(|t| resumptive(t.key)) {
        return None;
    }
    // a time or a place is never who speaks: "في الوقت الذي أعلن", "اليوم الذي"
    if rel > start
        && matches!(
            tokens[rel - 1].key,
            "الوقت" | "الحين" | "اليوم" | "اللحظه" | "الساعه" | "المكان"
        )
    {
        return None;
    }
    let mut end = rel;
    if tokens[end - 1]
        .punct()
        .is_some_and(|c| matches!(c, ',' | '،'))
    {
        end -= 1;
    }
    backward_phrase(tokens, start, end, true).map(|(p, _)| p)
}

fn drop_pronoun(tokens: &[Token], p: Phrase) -> Phrase {
    let words: Vec<&Token> = tokens[p.toks.clone()]
        .iter()
        .filter(|t| t.is_word())
        .collect();
    if words.len() == 1 && words[0].lex.is(List::Pronoun) {
        return Phrase::default();
    }
    p
}

/// The phrase after `from`: up to a stop word, a complementizer, a cue or punctuation.
/// Keeps short quoted names ("صحيفة "ديلي بيست" الأمريكية") and appositions ("وزير
/// الخارجية، سيرجي لافروف، بأن").
fn forward_phrase(
    tokens: &[Token],
    end: usize,
    from: usize,
    glued_lam: bool,
    lex: &Lexicon,
) -> (Phrase, Option<Stop>) {
    let mut i = from;
    if !glued_lam {
        while i < end && tokens[i].is_word() && tokens[i].lex.is(List::Skip) {
            i += 1;
        }
    }
    let start = i;
    let mut last = i;
    let mut words = 0;
    let mut stop = None;
    while i < end {
        let t = &tokens[i];
        if let Some(c) = t.punct() {
            if t.is_quote_mark() && i == start {
                // "وأوضحت "أندا" في بلاغ": a short quoted name right after the verb,
                // then where or how it said it (speech goes on longer, or after a colon)
                // a comma may close the name inside its marks ("وقالت "الهيئة العامة
                // للاستعلامات،" التي …")
                let comma_in = |p: usize| {
                    tokens[p - 1]
                        .punct()
                        .is_some_and(|c| matches!(c, ',' | '،'))
                };
                let name_end = t.partner.filter(|&p| {
                    p > i + 1
                        && (p - i <= 4 || p - i == 5 && comma_in(p))
                        && tokens.get(p + 1).is_some_and(|n| {
                            n.lex.is(List::SourceStop)
                                || n.lex.is(List::Complementizer)
                                || matches!(n.punct(), Some(',' | '،'))
                        })
                });
                if let Some(p) = name_end {
                    // the name without its quotation marks (and a comma inside them)
                    let last = if comma_in(p) { p - 1 } else { p };
                    return (
                        Phrase {
                            toks: i + 1..last,
                            start_byte: None,
                        },
                        Some(Stop::Other),
                    );
                }
            }
            if t.is_quote_mark() {
                match t.partner.filter(|&p| p > i && p - i <= 5 && i > start) {
                    Some(p) => {
                        last = p + 1;
                        i = p + 1;
                        continue;
                    }
                    None => {
                        stop = Some(Stop::Quote);
                        break;
                    }
                }
            }
            if c == ':' {
                stop = Some(Stop::Quote);
                break;
            }
            if c == '(' && words > 0 {
                // "وذكر موقع (المصريون) على شبكة الإنترنت": a name in brackets after its
                // kind of body
                let close = (i + 2..end.min(i + 5)).find(|&k| tokens[k].punct() == Some(')'));
                if let Some(k) = close.filter(|&k| tokens[i + 1..k].iter().all(Token::is_word)) {
                    last = k + 1;
                    stop = Some(Stop::Other);
                    break;
                }
            }
            if c == '.' && i > start && tokens[i - 1].key.chars().count() == 1 {
                last = i + 1;
                i += 1;
                continue;
            }
            if matches!(c, ',' | '،') && i > start {
                if let Some(j) = apposition(tokens, end, i, lex) {
                    last = j;
                    stop = Some(Stop::Complementizer);
                    break;
                }
                // "رأى مصدر قريب من قيادة سنية، أنّ …": a comma before the "that"
                if tokens
                    .get(i + 1)
                    .is_some_and(|n| n.lex.is(List::Complementizer))
                {
                    stop = Some(Stop::Complementizer);
                    break;
                }
            }
            stop = Some(Stop::Other);
            break;
        }
        // a glued "ل" ("لدبلوماسي") is not part of the word the lexicon knows
        let (key, word) = if i == start && glued_lam {
            let key = t.key.trim_start_matches('ل');
            (key, lex.word(key))
        } else {
            (t.key, t.lex)
        };
        if word.is(List::Complementizer) {
            stop = Some(Stop::Complementizer);
            break;
        }
        // "According to Ducharme the government says …": an article after a name opens
        // the next phrase (after "of" it goes on: "the Minister of the Interior")
        if !t.arabic
            && matches!(key, "the" | "a" | "an")
            && words > 0
            && tokens[i - 1].upper
            && tokens[i - 1].is_word()
        {
            stop = Some(Stop::Other);
            break;
        }
        // "وشدد الائتلاف على "ضرورة …"": the preposition (folded like the name "علي")
        // before a quotation or what was stressed
        let next_ends = tokens
            .get(i + 1)
            .is_some_and(|n| n.is_quote_mark() || n.lex.is(List::Complementizer));
        // "صدر عن المديرية العامة البيان الآتي:": what the body issued, not its name
        let issued = words > 1
            && matches!(key, "البيان" | "بيانا" | "التصريح" | "البلاغ")
            && tokens
                .get(i + 1)
                .is_some_and(|n| matches!(n.key, "الاتي" | "التالي") || n.punct() == Some(':'));
        if issued {
            stop = Some(Stop::Other);
            break;
        }
        // "ونقل التقرير على لسان مصدر عسكري": whose words the report carries
        let in_mouth = tokens.get(i + 1).is_some_and(|n| n.key == "لسان");
        if key == "علي" && words > 0 && (next_ends || in_mouth) {
            stop = Some(Stop::Other);
            break;
        }
        if words > 0 && is_envoy(tokens[start].key) && posted_at(tokens, start, i, key) {
            // "مندوب روسيا الدائم لدى الأمم المتحدة في جنيف ألكسي بورودافكين": the
            // posting's prepositions do not count against the phrase's length
            i += 1;
            continue;
        }
        if word.is(List::SourceStop) && words > 0 && i > start && through(tokens[i - 1].key, key) {
            // "عدد من المسؤولين", "مصدر مقرب من المحادثات": the phrase goes on
            words += 1;
            i += 1;
            continue;
        }
        if key == "في" && unit_follows(tokens, start, i, lex) {
            // "مصدر في وزارة الدفاع العراقية": an unnamed source and where it serves
            words += 1;
            i += 1;
            continue;
        }
        if word.is(List::SourceStop) && words > 0 {
            // "مبعوث الأمم المتحدة إلى ليبيا، برناردينو ليون،": a role's place, then the
            // name in apposition
            if let Some(j) = role_then_name(tokens, end, i, lex) {
                last = j;
                stop = Some(Stop::Other);
                break;
            }
        }
        if words >= MAX_SOURCE_WORDS && !word.is(List::SourceStop) && !word.is_cue() {
            // "أكد وزير الخارجية والتعاون الدولي والمصريين بالخارج الدكتور بدر عبدالعاطي
            // أن": a long title, then the name; all words up to the "أن" are the subject
            let until = (i..end.min(i + 4)).find(|&j| {
                let w = &tokens[j];
                !w.is_word() || w.lex.is(List::SourceStop) || w.lex.is_cue()
            });
            // ", إن" after the title ("المتحدث الرسمي باسم وزارة الخارجية، إنه")
            let before_that = |j: usize| {
                tokens[j].lex.is(List::Complementizer)
                    || matches!(tokens[j].punct(), Some(',' | '،'))
                        && tokens
                            .get(j + 1)
                            .is_some_and(|n| n.lex.is(List::Complementizer))
            };
            if let Some(j) = until.filter(|&j| before_that(j)) {
                last = j;
                stop = Some(Stop::Complementizer);
                break;
            }
        }
        if word.is(List::SourceStop) || words >= MAX_SOURCE_WORDS || word.is_cue() {
            stop = Some(Stop::Other);
            break;
        }
        words += 1;
        i += 1;
        last = i;
    }
    let start_byte = (glued_lam && last > start).then(|| {
        let t = &tokens[start];
        t.span.start + 'ل'.len_utf8()
    });
    (
        Phrase {
            toks: start..last,
            start_byte,
        },
        stop,
    )
}

/// ", سيرجي لافروف، بأن", ", برناردينو ليون، في ساعة مبكرة": a short name between
/// commas (no stop word, complementizer or cue in it). Returns the token index where
/// the phrase ends (the second comma).
fn apposition(tokens: &[Token], end: usize, comma: usize, lex: &Lexicon) -> Option<usize> {
    let limit = end.min(comma + 6);
    let close = (comma + 2..limit).find(|&j| matches!(tokens[j].punct(), Some(',' | '،')))?;
    let inner_ok = tokens[comma + 1..close].iter().all(|t| {
        t.kind == super::sentences::Kind::Word
            && t.arabic
            && !t.lex.is(List::SourceStop)
            && !t.lex.is(List::Complementizer)
            && !t.lex.is_cue()
    });
    let then = tokens.get(close + 1).filter(|_| close + 1 < end)?;
    let named = !then.lex.is(List::Complementizer)
        && !tokens[comma + 1..close]
            .iter()
            .any(|t| lex.is_anonymous_head(t.key) || t.key.starts_with("ال"));
    (inner_ok && (then.lex.is(List::Complementizer) || named)).then_some(close)
}

/// Envoys are named with where they are posted: "سفير … لدى …", "مندوب … لدى …".
fn is_envoy(key: &str) -> bool {
    let k = key.trim_start_matches(['و', 'ف']);
    let k = k.strip_prefix("ال").unwrap_or(k);
    matches!(
        k,
        "مندوب" | "مندوبه" | "سفير" | "سفيره" | "ممثل" | "ممثله" | "مبعوث" | "مبعوثه"
    )
}

/// "لدى" of an envoy's posting, or the "في" of its city after it ("لدى الأمم المتحدة في
/// جنيف").
fn posted_at(tokens: &[Token], start: usize, at: usize, key: &str) -> bool {
    key == "لدي" || key == "في" && tokens[start..at].iter().any(|t| t.key == "لدي")
}

/// At "في" (`at`) in a phrase with an unnamed source in it ("مصدر", "مسؤولون"): the body it
/// serves follows ("في الجيش الوطني", "في وزارة الدفاع"), not the occasion ("في تصريح").
fn unit_follows(tokens: &[Token], start: usize, at: usize, lex: &Lexicon) -> bool {
    let unnamed = tokens[start..at]
        .iter()
        .any(|t| lex.is_anonymous_head(t.key));
    let unit = tokens.get(at + 1).is_some_and(|t| {
        let k = t.key.strip_prefix("ال").unwrap_or(t.key);
        matches!(
            k,
            "وزاره"
                | "جيش"
                | "حكومه"
                | "شرطه"
                | "قوات"
                | "حزب"
                | "حركه"
                | "مجلس"
                | "امم"
                | "رئاسه"
                | "خارجيه"
                | "داخليه"
                | "دفاع"
                | "جهاز"
                | "هيئه"
                | "مكتب"
                | "حرس"
                | "برلمان"
                | "سفاره"
                | "شركه"
                | "نادي"
                | "اتحاد"
                | "مستشفي"
                | "بلديه"
                | "امن"
                | "استخبارات"
                | "مخابرات"
                | "اداره"
                | "بيت"
                | "كرملين"
                | "بنتاغون"
                | "جبهه"
                | "تحالف"
                | "مفوضيه"
                | "محكمه"
                | "نيابه"
                | "بنك"
        )
    });
    unnamed && unit
}

/// Words after which a stop word does not end a source: quantities ("عدد من
/// المسؤولين") and closeness ("مصدر مقرب من المحادثات", "مطلع على الملف").
fn through(prev: &str, stop: &str) -> bool {
    // "an analysis published by Oxfam", "a report issued by the UN": the agent
    stop == "by"
        && matches!(
            prev,
            "published" | "issued" | "released" | "compiled" | "commissioned" | "carried"
        )
        || matches!(stop, "من" | "على")
        && matches!(
            prev,
            "عدد"
                | "العديد"
                | "مجموعه"
                | "بعض"
                | "الكثير"
                | "عشرات"
                | "مئات"
                | "كبير"
                | "مقرب"
                | "مقربه"
                | "مقربون"
                | "مقربين"
                | "قريب"
                | "قريبه"
                | "مطلع"
                | "مطلعه"
                | "مطلعون"
                | "مطلعين"
        )
        // "الحكومة المكلفة من مجلس النواب", "القوات المدعومة من واشنطن": a passive
        // participle and its agent
        || stop == "من"
            && matches!(
                prev,
                "المكلفه" | "المكلف" | "المدعومه" | "المدعوم" | "المعينه" | "المعين" | "المنتخبه" | "المنتخب" | "المعترف"
            )
}

/// At the stop word `at` inside a role ("مبعوث الأمم المتحدة إلى ليبيا، برناردينو
/// ليون،"): up to three words of place, then a name in apposition. Returns where the
/// phrase ends (the comma after the name).
fn role_then_name(tokens: &[Token], end: usize, at: usize, lex: &Lexicon) -> Option<usize> {
    if !matches!(tokens[at].key, "الي" | "لدي" | "في") {
        return None;
    }
    let comma =
        (at + 2..end.min(at + 5)).find(|&j| matches!(tokens[j].punct(), Some(',' | '،')))?;
    let place_ok = tokens[at + 1..comma]
        .iter()
        .all(|t| t.is_word() && !t.lex.is(List::SourceStop) && !t.lex.is_cue());
    if !place_ok {
        return None;
    }
    apposition(tokens, end, comma, lex)
}

/// What bounds a phrase found before its cue on the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Left {
    /// "وكانت … قد أعلنت": the subject sits between "كان" and the verb.
    Kana,
    /// Sentence start, a comma or quotation, or "أن".
    Clause,
    /// A preposition or other stop word ("تقرير من هيئة الإذاعة البريطانية كشف").
    Stop,
}

/// The phrase right before a cue, if something bounds it on the left.
fn backward_phrase(
    tokens: &[Token],
    start: usize,
    cue: usize,
    arabic: bool,
) -> Option<(Phrase, Left)> {
    if !arabic {
        return english_subject(tokens, start, cue).map(|p| (p, Left::Clause));
    }
    let mut i = cue;
    while i > start && tokens[i - 1].is_word() {
        let key = tokens[i - 1].key;
        if matches!(key, "قد" | "لقد") || tokens[i - 1].lex.is(List::Skip) {
            i -= 1;
        } else {
            break;
        }
    }
    let end = i;
    let mut words = 0;
    let mut left = Left::Clause;
    // the nearest stop word: the phrase ends there unless "كان" opens it further left
    let mut first_stop: Option<usize> = None;
    while i > start {
        let t = &tokens[i - 1];
        if t.is_quote_mark() {
            match t
                .partner
                .filter(|&p| p + 1 < i && i - 1 - p <= 5 && start <= p)
            {
                Some(p) if i < end || words == 0 => {
                    i = p;
                    continue;
                }
                _ => break,
            }
        }
        if t.punct() == Some('.') && i >= 2 && tokens[i - 2].key.chars().count() == 1 {
            i -= 1;
            continue;
        }
        if !t.is_word() || t.lex.is(List::Complementizer) {
            break;
        }
        if arabic && is_kana(t.key) {
            left = Left::Kana;
            break;
        }
        if t.lex.is_cue() {
            // "واصل حديثه بقوله": the words between two cues are not a subject; but a
            // stop word between them ends the subject ("ولم يكشف … لكن مصادر رسمية قالت")
            if arabic && first_stop.is_none() {
                return None;
            }
            break;
        }
        if t.lex.is(List::SourceStop) {
            if !arabic {
                break;
            }
            first_stop.get_or_insert(i);
        }
        if arabic && i < end && t.lex.is(List::Skip) && first_stop.is_none() {
            // "نشر تغريدة على صفحته … قال فيها": a verb phrase, not a subject
            return None;
        }
        if words > MAX_SOURCE_WORDS {
            break;
        }
        words += 1;
        i -= 1;
    }
    if left != Left::Kana {
        if let Some(stop) = first_stop {
            i = stop;
            left = Left::Stop;
        } else if words > MAX_SOURCE_WORDS {
            return None;
        }
    }
    if i >= end || !tokens[i..end].iter().any(Token::is_word) {
        return None;
    }
    Some((
        Phrase {
            toks: i..end,
            start_byte: None,
        },
        left,
    ))
}

/// Words that open a new clause: an English subject never reaches past them.
const ENGLISH_CLAUSE: &[&str] = &[
    "that", "and", "but", "which", "who", "whom", "whose", "when", "while", "because", "as",
    "after", "before", "if", "since", "although", "though", "where", "until", "unless", "whether",
];

/// Auxiliaries: a subject never contains one ("… operations are still underway to
/// locate five more people reported missing").
const ENGLISH_AUX: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "did", "does", "do", "been", "be",
];

/// An English word that ends a subject looking left: punctuation, a clause word (not
/// the acronym "WHO"), an auxiliary, or a cue (not "Reports" opening the sentence).
fn ends_english_subject(t: &Token, at_start: bool) -> bool {
    !t.is_word()
        || !t.caps && (ENGLISH_CLAUSE.contains(&t.key) || t.key == "or")
        || ENGLISH_AUX.contains(&t.key)
        || t.lex.is_cue() && !at_start
}

/// Time words an English subject is separated from its verb by: "The ministry on
/// Tuesday said", "Congo's health minister late on Thursday announced".
const ENGLISH_TIME: &[&str] = &[
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "late",
    "early",
    "last",
    "this",
    "week",
    "month",
    "morning",
    "afternoon",
    "evening",
    "night",
    "overnight",
    "now",
];

/// The English subject before a verb: "Two diplomats familiar with the talks said";
/// through a relative clause ("A senior official, who spoke on condition of anonymity,
/// said") or an apposition ("Dr. Peter Salama, the agency's emergencies chief, told").
fn english_subject(tokens: &[Token], start: usize, cue: usize) -> Option<Phrase> {
    let mut i = cue;
    let mut timed = false;
    while i > start
        && tokens[i - 1].is_word()
        && (tokens[i - 1].lex.is(List::Skip)
            || ENGLISH_TIME.contains(&tokens[i - 1].key)
            || manner_adverb(&tokens[i - 1]))
    {
        timed |= ENGLISH_TIME.contains(&tokens[i - 1].key);
        i -= 1;
    }
    // "The commission, on Sunday cautioned": the time's preposition goes with it
    if timed && i > start && matches!(tokens[i - 1].key, "on" | "in" | "at") {
        i -= 1;
    }
    // ", who …, said" / ", the agency's emergencies chief, told": the subject is the
    // phrase before the comma that opens the clause; an apposition is kept with it
    // ("A witness, Ahmed Abu al-Ghoul") when it is short
    let mut apposition: Option<usize> = None;
    if i > start && matches!(tokens[i - 1].punct(), Some(',')) {
        let open = (start..i - 1)
            .rev()
            .take(15)
            .find(|&j| tokens[j].punct() == Some(',') || tokens[j].is_quote_mark());
        match open {
            Some(open) => {
                if tokens[open].is_quote_mark() {
                    return None;
                }
                let relative = tokens
                    .get(open + 1)
                    .is_some_and(|t| matches!(t.key, "who" | "which") && !t.caps);
                let words = tokens[open + 1..i - 1]
                    .iter()
                    .filter(|t| t.is_word())
                    .count();
                if !relative && words <= 6 {
                    apposition = Some(i - 1);
                }
                i = open;
            }
            // "The Independent National Electoral Commission (INEC), on Sunday
            // cautioned": only a time stood between the subject's comma and the verb
            None if timed => i -= 1,
            None => return None,
        }
    }
    // "… Commission (INEC)": an abbreviation in brackets stays with the name before it
    if apposition.is_none() && i > start + 2 && tokens[i - 1].punct() == Some(')') {
        if let Some(open) = (i.saturating_sub(5).max(start)..i - 1)
            .rev()
            .find(|&j| tokens[j].punct() == Some('('))
        {
            let inner_words = tokens[open + 1..i - 1].iter().all(Token::is_word);
            if inner_words {
                if let Some(np) = english_np_before(tokens, start, open) {
                    return Some(Phrase {
                        toks: np..i,
                        start_byte: None,
                    });
                }
            }
        }
    }
    let end = i;
    let np = english_np_before(tokens, start, end)?;
    // "Brig. Gen. Ahmad Al-Thobaiti, director general of Civil Defense in Makkah region
    // said": a role in lower case after a comma belongs to the name before it
    let mut from = np;
    if apposition.is_none()
        && from > start + 1
        && tokens[from - 1].punct() == Some(',')
        && !tokens[from].upper
    {
        if let Some(name) = english_np_before(tokens, start, from - 1) {
            // only a proper name: every word capitalised (or an abbreviation's stop)
            // ("Meanwhile, the Indian foreign ministry confirmed": an adverb, no name)
            let opener = ENGLISH_ADVERBS.contains(&tokens[name].key)
                || ENGLISH_OPENING_PREPOSITIONS.contains(&tokens[name].key);
            let proper = tokens[name..from - 1]
                .iter()
                .all(|t| t.upper || t.punct() == Some('.'))
                && !opener;
            if proper && from - 1 - name <= 8 {
                from = name;
            }
        }
    }
    if apposition.is_none() {
        from = english_coordination(tokens, start, from).unwrap_or(from);
    }
    Some(Phrase {
        toks: from..apposition.unwrap_or(end),
        start_byte: None,
    })
}

/// "General Al-Turky categorically denied", "the minister flatly rejected": an adverb of
/// manner in "-ly" between the subject and its verb (not a noun that ends so: "the
/// family said", "the national assembly said").
fn manner_adverb(t: &Token) -> bool {
    !t.arabic
        && !t.upper
        && t.key.len() > 5
        && t.key.ends_with("ly")
        && !matches!(
            t.key,
            "family"
                | "assembly"
                | "monthly"
                | "weekly"
                | "quarterly"
                | "anomaly"
                | "monopoly"
                | "butterfly"
                | "nightly"
                | "biweekly"
        )
}

/// A subject that lists its speakers from the sentence's start: "The Guardian, media
/// freedom activists and human rights lawyers said …" names all three, not the last.
/// `np` starts the last one; the list is noun phrases between commas, then "and"
/// ("Rebels fired rockets and the army vowed" is two clauses, not a list).
fn english_coordination(tokens: &[Token], start: usize, np: usize) -> Option<usize> {
    if np < start + 2 || tokens[np - 1].key != "and" {
        return None;
    }
    let mut k = np - 1;
    // the list as far as it has been read with its commas: "…, the Palestinian Ministry
    // of Health and the hospital's director said" after the sentence's comma
    let mut listed_from = None;
    for listed in 0..4 {
        let Some(p) = english_np_before(tokens, start, k) else {
            return listed_from;
        };
        // each speaker a short noun phrase, no verb in it
        if k - p > 5 || tokens[p..k].iter().any(|t| t.lex.is_cue()) {
            return listed_from;
        }
        // "A, B and C": a list has its comma ("A and B said" may be two clauses)
        if p == start {
            return if listed > 0 { Some(start) } else { listed_from };
        }
        // (the comma may close a quotation inside its marks: "…the hospital,” the …")
        let comma = tokens[p - 1].punct() == Some(',')
            || tokens[p - 1].is_quote_mark()
                && p >= start + 2
                && tokens[p - 2].punct() == Some(',');
        if !comma {
            return listed_from;
        }
        listed_from = Some(p);
        k = p - 1;
    }
    listed_from
}

/// After an inverted speaker, where it is from and how it spoke, to the clause's end:
/// "…, says a news release from the regional council.", "…, said the official in a
/// statement.": a preposition, then at most eight words, none a cue or a clause word.
fn speaker_tail(tokens: &[Token], from: usize, end: usize) -> bool {
    let Some(first) = tokens.get(from).filter(|_| from < end) else {
        return false;
    };
    if !matches!(
        first.key,
        "from" | "of" | "at" | "in" | "for" | "with" | "on"
    ) {
        return false;
    }
    let rest = &tokens[from + 1..end];
    let upto = rest
        .iter()
        .position(|t| t.punct().is_some_and(|c| matches!(c, ',' | '.' | ';')))
        .unwrap_or(rest.len());
    upto <= 8
        && rest[..upto]
            .iter()
            .all(|t| t.is_word() && !t.lex.is_cue() && !ENGLISH_CLAUSE.contains(&t.key))
}

/// The cue at `cue` is an infinitive: "to deny", "to confirm or deny".
fn english_infinitive(tokens: &[Token], start: usize, cue: usize) -> bool {
    let mut j = cue;
    if j >= start + 2 && matches!(tokens[j - 1].key, "or" | "and") && tokens[j - 2].is_word() {
        j -= 2;
    }
    j > start && tokens[j - 1].key == "to"
}

/// The agent of an English participle in a "with" phrase: "… with local officials
/// warning of more fighting" → "local officials". Up to six words, none a cue or a
/// clause word, between "with" and the participle.
fn english_with_agent(tokens: &[Token], start: usize, cue: usize) -> Option<Phrase> {
    // "with its leader, Ismail Haniyeh, saying": the name in apposition, then the agent
    let mut end = cue;
    if cue > start + 2 && tokens[cue - 1].punct() == Some(',') {
        let open = (start..cue - 1)
            .rev()
            .take(6)
            .find(|&j| !tokens[j].is_word());
        if let Some(j) = open.filter(|&j| tokens[j].punct() == Some(',') && j + 1 < cue - 1) {
            end = j;
        }
    }
    let from = (start..end).rev().take(7).find(|&j| {
        let t = &tokens[j];
        !t.is_word() || matches!(t.key, "with" | "by") || ends_english_subject(t, false)
    })?;
    // "guidance issued by the Obama administration saying …": the agent speaks too
    let agent = matches!(tokens[from].key, "with" | "by");
    let last = if end < cue { cue - 1 } else { cue };
    (agent && from + 1 < end).then_some(Phrase {
        toks: from + 1..last,
        start_byte: None,
    })
}

/// "State television quoted the army as saying …": whom the outlet quoted speaks.
/// `cue` is "saying"; the phrase between "quoted" and "as".
fn quoted_as_saying(tokens: &[Token], start: usize, cue: usize) -> Option<Phrase> {
    if cue < start + 3 || tokens[cue - 1].key != "as" {
        return None;
    }
    let quoted = (start..cue - 1)
        .rev()
        .take(10)
        // "U.S.": the stops of initials are part of the phrase
        .take_while(|&j| {
            tokens[j].is_word()
                || tokens[j].punct() == Some('.')
                    && j > start
                    && is_initial_or_abbreviation(&tokens[j - 1])
        })
        .find(|&j| matches!(tokens[j].key, "quoted" | "quoting" | "cited" | "citing"))?;
    (quoted + 1 < cue - 1).then_some(Phrase {
        toks: quoted + 1..cue - 1,
        start_byte: None,
    })
}

/// Prepositions that open an adverbial before a sentence's subject ("In September, the
/// Pentagon said").
const ENGLISH_OPENING_PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "after", "before", "during", "since", "by", "for", "from", "last", "until",
    "with", "amid", "despite",
];

/// Sentence adverbs that open a sentence before its subject, capitalised there.
const ENGLISH_ADVERBS: &[&str] = &[
    "meanwhile",
    "however",
    "separately",
    "later",
    "earlier",
    "also",
    "moreover",
    "furthermore",
    "additionally",
    "instead",
    "still",
    "yet",
    "then",
    "now",
    "today",
    "yesterday",
    "overall",
    "nonetheless",
    "nevertheless",
    "indeed",
    "previously",
    "similarly",
    "likewise",
];

/// Where the noun phrase that ends at `end` starts, looking left.
fn english_np_before(tokens: &[Token], start: usize, end: usize) -> Option<usize> {
    let mut i = end;
    let mut words = 0;
    let mut most = MAX_SOURCE_WORDS + 2;
    // "The Office of the Deputy Minister of Health I Datuk Dr Noor Azmi Ghazali": a name
    // capitalised throughout (but for its "of the") may be longer
    let connector = |k: &str| matches!(k, "of" | "the" | "and" | "for");
    let mut titled = true;
    while i > start {
        let t = &tokens[i - 1];
        let longer = titled && words < MAX_SOURCE_WORDS + 8 && (t.upper || connector(t.key));
        if words >= most && !longer {
            break;
        }
        if t.punct() == Some('.') && i >= 2 && is_initial_or_abbreviation(&tokens[i - 2]) {
            i -= 1;
            continue;
        }
        // "the Minister of Foreign Affairs and Expatriates Ahmed bin Mubarak": an "and"
        // inside a capitalised title that has its "of" is part of the name
        let titled_and = t.key == "and"
            && i >= 2
            && tokens[i - 2].upper
            && tokens.get(i).is_some_and(|n| n.upper)
            && tokens[i.saturating_sub(5).max(start)..i - 1]
                .iter()
                .any(|o| o.key == "of");
        if !titled_and && ends_english_subject(t, i - 1 == start) {
            break;
        }
        if titled_and {
            // such a title is long: "Minister of Foreign Affairs and Expatriates"
            most = MAX_SOURCE_WORDS + 5;
        }
        titled &= t.upper || connector(t.key);
        words += 1;
        i -= 1;
    }
    (i < end && tokens[i..end].iter().any(Token::is_word)).then_some(i)
}

fn is_initial_or_abbreviation(t: &Token) -> bool {
    t.kind == super::sentences::Kind::Word
        && (t.key.chars().count() == 1 || super::sentences::is_abbreviation(t.key))
}

/// The subject of an English sentence's main clause, for a participle with no speaker
/// of its own ("Shami stood his ground on Thursday, telling Reuters …"): the capitalised
/// phrase the sentence opens with, after an opening adverbial ("On Friday, …").
fn english_main_subject(tokens: &[Token], sent: &Range<usize>, lex: &Lexicon) -> Phrase {
    let mut i = sent.start;
    let opener = tokens.get(i).is_some_and(|t| {
        matches!(t.key, "but" | "and")
            || ENGLISH_OPENING_PREPOSITIONS.contains(&t.key)
            || ENGLISH_ADVERBS.contains(&t.key)
    });
    if opener {
        match (i..sent.end.min(i + 10)).find(|&j| tokens[j].punct() == Some(',')) {
            Some(comma) => i = comma + 1,
            None => return Phrase::default(),
        }
    }
    let from = i;
    let mut named = false;
    while i < sent.end {
        let t = &tokens[i];
        if t.punct() == Some('.') && i > from && is_initial_or_abbreviation(&tokens[i - 1]) {
            i += 1;
            continue;
        }
        if !t.is_word() {
            break;
        }
        let function = matches!(t.key, "the" | "a" | "an" | "of" | "for" | "and");
        let head = lex.is_anonymous_head(t.key);
        if ENGLISH_AUX.contains(&t.key) {
            break;
        }
        if !(t.upper || function || head || lex.is_modifier(t.key)) {
            // a common noun right before an auxiliary heads the subject: "The foreign
            // ministry has leapt …"
            let aux_next = tokens
                .get(i + 1)
                .is_some_and(|n| ENGLISH_AUX.contains(&n.key));
            if aux_next && i > from {
                named = true;
                i += 1;
            }
            break;
        }
        // a capital counts, but for the sentence's own "The"
        named |= t.upper && (i > from || !function) || head;
        i += 1;
    }
    // a phrase ending on "of the" is cut at its last content word
    while i > from && matches!(tokens[i - 1].key, "the" | "a" | "an" | "of" | "for" | "and") {
        i -= 1;
    }
    // "Two laws signed by …": a count alone, cut from its noun, names nobody
    let only_count = tokens[from..i].iter().all(|t| {
        matches!(
            t.key,
            "the"
                | "a"
                | "an"
                | "two"
                | "three"
                | "four"
                | "five"
                | "both"
                | "some"
                | "many"
                | "several"
                | "all"
                | "most"
                | "one"
        )
    });
    if !named || only_count || i == from || i - from > MAX_SOURCE_WORDS + 2 {
        return Phrase::default();
    }
    Phrase {
        toks: from..i,
        start_byte: None,
    }
}

/// A name the sentence opens with as its topic, before the clause that speaks: "كيري
/// وبعد لقاء مثمر …، وأشار"، "ترامب من جهته، نشر تغريدة … قال فيها".
fn arabic_topic(tokens: &[Token], sent: &Range<usize>) -> Phrase {
    let Some(first) = tokens.get(sent.start).filter(|t| t.is_word() && t.arabic) else {
        return Phrase::default();
    };
    let k = first.key;
    if k.starts_with(['و', 'ف'])
        || k.chars().count() < 3
        || first.lex.is(List::SourceStop)
        || first.lex.is(List::Skip)
        || first.lex.is(List::Complementizer)
        || first.lex.is_cue()
        || is_kana(k)
    {
        return Phrase::default();
    }
    let next = tokens.get(sent.start + 1);
    let after = tokens.get(sent.start + 2).map(|t| t.key);
    let topic = next.is_some_and(|n| {
        matches!(n.punct(), Some('،' | ','))
            || n.is_word() && n.key.starts_with('و') && n.key.chars().count() > 3
            || matches!(n.key, "بدوره" | "بدورها" | "بدورهم")
            || n.key == "من"
                && matches!(
                    after,
                    Some("جهته" | "جهتها" | "جانبه" | "جانبها" | "ناحيته")
                )
    });
    if !topic {
        return Phrase::default();
    }
    Phrase {
        toks: sent.start..sent.start + 1,
        start_byte: None,
    }
}

/// A subject the sentence opens with, set off by a comma right before its bare verb:
/// "مراسل عنب بلدي في درعا، قال إن …". Up to seven words, none a cue, a complementizer
/// or a pronoun; the verb has no conjunction (then it would start a clause of its own).
/// "كان" may open it: "وكان مصدر مسؤول في الوزارة، قال إنه …".
fn arabic_topic_before_comma(tokens: &[Token], sent: &Range<usize>, cue: usize) -> Phrase {
    let bare_verb = tokens
        .get(cue)
        .is_some_and(|t| t.arabic && !t.key.starts_with(['و', 'ف']));
    let from = sent.start + usize::from(tokens.get(sent.start).is_some_and(|t| is_kana(t.key)));
    if !bare_verb || cue < from + 2 || !matches!(tokens[cue - 1].punct(), Some('،' | ',')) {
        return Phrase::default();
    }
    let plain = |words: &[Token]| {
        (1..=7).contains(&words.len())
            && words.iter().all(|t| {
                t.is_word()
                    && t.arabic
                    && !t.lex.is_cue()
                    && !t.lex.is(List::Complementizer)
                    && !t.lex.is(List::Pronoun)
                    && !is_kana(t.key)
            })
            && !words[0].lex.is(List::SourceStop)
            && !words[0].lex.is(List::Skip)
    };
    if plain(&tokens[from..cue - 1]) {
        return Phrase {
            toks: from..cue - 1,
            start_byte: None,
        };
    }
    // "المواطن إبراهيم السفري، الذي أصيب في القصف، قال": the subject, then a relative
    // clause set off by commas
    let relative = (from + 1..cue - 1).find(|&c| {
        matches!(tokens[c].punct(), Some('،' | ','))
            && tokens
                .get(c + 1)
                .is_some_and(|t| ARABIC_RELATIVES.contains(&t.key))
    });
    match relative {
        Some(c) if plain(&tokens[from..c]) => Phrase {
            toks: from..c,
            start_byte: None,
        },
        _ => Phrase::default(),
    }
}

/// "وأكدت تفضيلها تعبئة الموارد …": a feminine verb whose subject is left out (the
/// speaker before), then its object, a noun with the same "ها" attached. Not a head
/// with it ("وقالت رئيستها").
fn without_object(tokens: &[Token], p: Phrase, cue: &str, lex: &Lexicon) -> Phrase {
    let verb = cue.trim_start_matches(['و', 'ف']);
    let Some(first) = tokens.get(p.toks.start).filter(|_| !p.is_empty()) else {
        return p;
    };
    let stem = first.key.strip_suffix("ها").unwrap_or(first.key);
    // "رئيستها": the ta marbuta is a ت before the pronoun
    let marbuta = stem.strip_suffix('ت').map(|s| format!("{s}ه"));
    let head = |w: &str| ARABIC_SUBJECT_HEADS.contains(&w) || lex.is_anonymous_head(w);
    let object = verb.ends_with('ت')
        && stem.len() < first.key.len()
        && stem.chars().count() >= 3
        && !first.key.starts_with("ال")
        && !head(stem)
        && !marbuta.as_deref().is_some_and(head);
    if object {
        Phrase::default()
    } else {
        p
    }
}

/// "استغرب مصدر حكومي مسؤول تصريحات وزير الداخلية …": one unnamed source and its
/// adjectives, then a plural in "ات" that cannot describe it (the verb's object). A
/// preposition or a "لل…" before it keeps the phrase whole ("مصدر في هيئة الاتصالات").
fn indefinite_head_alone(tokens: &[Token], p: Phrase) -> Phrase {
    let Some(head) = tokens.get(p.toks.start).filter(|_| p.toks.len() > 1) else {
        return p;
    };
    if !matches!(
        head.key,
        "مصدر" | "مصادر" | "مسؤول" | "مسئول" | "شاهد" | "دبلوماسي" | "ضابط"
    ) {
        return p;
    }
    for (k, t) in tokens
        .iter()
        .enumerate()
        .take(p.toks.end)
        .skip(p.toks.start + 1)
    {
        let w = t.key;
        // "نفى مصدر أمني إيراني الأنباء": after the head's adjectives a definite word
        // is the verb's object; but "رفيع المستوى", "واسع الاطلاع" are one adjective
        let improper = matches!(
            tokens[k - 1].key,
            "رفيع" | "رفيعا" | "رفيعي" | "رفيعه" | "واسع" | "وثيق" | "قريب" | "كبير"
        );
        if t.is_word() && w.starts_with("ال") && k >= p.toks.start + 2 && !improper {
            return Phrase {
                toks: p.toks.start..k,
                start_byte: p.start_byte,
            };
        }
        if !t.is_word() || is_arabic_preposition(w) || w.starts_with("لل") || w.starts_with("ال")
        {
            return p;
        }
        if w.ends_with("ات") && w.chars().count() > 4 {
            return Phrase {
                toks: p.toks.start..k,
                start_byte: p.start_byte,
            };
        }
    }
    p
}

/// Titles of people, definite: a name may follow ("النائب محمد علي").
const ARABIC_TITLES: &[&str] = &[
    "النائب",
    "الوزير",
    "الرئيس",
    "السفير",
    "المتحدث",
    "الناطق",
    "المدير",
    "الامين",
    "المحافظ",
    "القائد",
    "الزعيم",
    "المستشار",
    "القاضي",
    "المحامي",
    "الخبير",
];

/// "واستنكرت الوزارة نشر أخبار …", "واتهمت الحكومة جماعة الحوثي بتنفيذ …", "ودعت الوزارة
/// المواطنين": a definite institution noun after the verb is the whole subject but for
/// adjectives that agree with it ("الوزارة السورية", "الجيش الإسرائيلي"); the word that
/// does not is the verb's object. A definite noun heads no construct, so nothing else
/// can belong to it.
fn definite_head_alone(tokens: &[Token], p: Phrase) -> Phrase {
    const FEMININE: &[&str] = &[
        "الوزاره",
        "الحكومه",
        "الرئاسه",
        "الهيئه",
        "الحركه",
        "الجماعه",
        "المنظمه",
        "الشرطه",
        "الوكاله",
        "الصحيفه",
        "القناه",
        "الشبكه",
        "اللجنه",
        "السفاره",
        "القياده",
        "الخارجيه",
        "الداخليه",
        "البعثه",
        "المفوضيه",
    ];
    const MASCULINE: &[&str] = &[
        "الجيش",
        "البيان",
        "المصدر",
        "المرصد",
        "المكتب",
        "المركز",
        "الحزب",
        "المجلس",
        "الاتحاد",
        "التنظيم",
        "البرلمان",
        "الكرملين",
        "البنتاغون",
    ];
    let Some(head) = tokens.get(p.toks.start).filter(|_| p.toks.len() > 1) else {
        return p;
    };
    let feminine = FEMININE.contains(&head.key);
    // a title: a name follows it ("النائب محمد علي"), so only a definite word that
    // cannot agree ends the subject ("وطالب النائب الحكومة بتوضيح")
    let title = ARABIC_TITLES.contains(&head.key);
    if !feminine && !title && !MASCULINE.contains(&head.key) {
        return p;
    }
    let definite = |t: &Token| t.is_word() && t.key.starts_with("ال") && t.key.chars().count() > 3;
    let agrees = |t: &Token| {
        let w = t.key;
        definite(t)
            && if feminine {
                w.ends_with('ه')
            } else {
                !w.ends_with('ه') && !["ين", "ون", "ات"].iter().any(|s| w.ends_with(s))
            }
    };
    let Some(end) = (p.toks.start + 1..p.toks.end).find(|&k| !agrees(&tokens[k])) else {
        return p;
    };
    let t = &tokens[end];
    // a name's "لل…" goes on with it ("الهيئة العامة للاستعلامات", "المركز الوطني
    // للأرصاد الجوية"), and so does a preposition ("الحكومة المكلفة من مجلس النواب")
    let goes_on = t.is_word() && t.key.starts_with("لل") && t.key.chars().count() > 3
        || is_arabic_preposition(t.key)
        || matches!(t.key, "علي" | "الي")
        || title && !definite(t);
    if goes_on {
        return p;
    }
    Phrase {
        toks: p.toks.start..end,
        start_byte: p.start_byte,
    }
}

/// "أبلغت واشنطن مجلس الأمن الدولي أنها …": a verb of telling has its subject, then
/// whom it told, with no word between; the second starts with a head noun ("مجلس",
/// "وزارة") that is not in construct with the word before it ("رئيس مجلس النواب").
fn without_addressee(tokens: &[Token], p: Phrase, cue: &str) -> Phrase {
    let verb = cue.trim_start_matches(['و', 'ف']);
    if !["ابلغ", "اخبر", "اعلم"].iter().any(|v| verb.starts_with(v)) {
        return p;
    }
    let cut = (p.toks.start + 1..p.toks.end).find(|&k| {
        ARABIC_SUBJECT_HEADS.contains(&tokens[k].key)
            && !ARABIC_SUBJECT_HEADS.contains(&tokens[k - 1].key)
            && tokens[k - 1].is_word()
    });
    match cut {
        Some(k) => Phrase {
            toks: p.toks.start..k,
            start_byte: p.start_byte,
        },
        None => p,
    }
}

/// Nouns that head an Arabic subject right after the main verb ("رد حزب الله … مشيرا").
const ARABIC_SUBJECT_HEADS: &[&str] = &[
    // a name that opens with its "son of", "father of" ("وسخر ابن مساعد من …")
    "ابن",
    "بن",
    "ابو",
    "ام",
    "وزير",
    "وزيره",
    "رئيس",
    "رئيسه",
    "حزب",
    "مجلس",
    "وزاره",
    "جيش",
    "حركه",
    "قوات",
    "منظمه",
    "هيئه",
    "لجنه",
    "مركز",
    "وكاله",
    "صحيفه",
    "موقع",
    "قناه",
    "شبكه",
    "مكتب",
    "مدير",
    "مديره",
    "امين",
    "سفير",
    "مندوب",
    "مبعوث",
    "نائب",
    "زعيم",
    "قائد",
    "ناطق",
    "متحدث",
    "محافظ",
    "رئاسه",
    "حكومه",
    "بعثه",
    "اتحاد",
    "جماعه",
    "تنظيم",
    "مرصد",
];

/// The subject of an Arabic verb-first sentence, for a participle with no speaker of
/// its own: "رد حزب الله، اليوم السبت، على هجوم …، مشيرا إلى": the phrase after the
/// sentence's first word when that word can be a verb and the phrase a subject.
fn arabic_main_subject(tokens: &[Token], sent: &Range<usize>, lex: &Lexicon) -> Phrase {
    let Some(first) = tokens.get(sent.start).filter(|t| t.is_word() && t.arabic) else {
        return Phrase::default();
    };
    let bare = first.key.trim_start_matches(['و', 'ف']);
    // "عقب السفير …، على تصريحات …، مشيرا": "commented", the verb, before a title (as
    // "after" it governs an event: "عقب الاجتماع")
    let commented = bare == "عقب"
        && tokens
            .get(sent.start + 1)
            .is_some_and(|t| ARABIC_TITLES.contains(&t.key));
    if bare.starts_with("ال")
        || bare.chars().count() < 2
        || first.lex.is(List::SourceStop) && !commented
        || first.lex.is(List::Skip)
        || first.lex.is(List::Complementizer)
        || is_kana(first.key)
    {
        return Phrase::default();
    }
    let (p, _) = forward_phrase(tokens, sent.end, sent.start + 1, false, lex);
    let head_ok = tokens.get(p.toks.start).is_some_and(|t| {
        t.is_word()
            && (t.key.starts_with("ال")
                || ARABIC_SUBJECT_HEADS.contains(&t.key)
                || lex.is_anonymous_head(t.key))
    });
    if p.is_empty() || !head_ok {
        return Phrase::default();
    }
    definite_head_alone(tokens, p)
}

/// Reporting verbs that relay with "عن" like "نقل" does: "وذكرت الشبكة عن المصدر",
/// "أفادت القناة عن رويترز".
fn relays_with_an(cue: &Token) -> bool {
    let k = cue.key.trim_start_matches(['و', 'ف']);
    cue.arabic && ["ذكر", "افاد", "اورد"].iter().any(|v| k.starts_with(v))
}

/// The inner source of a relay: "نقل المركز عن النازحين", "نسب إلى مسؤول قوله".
fn relay_inner(tokens: &[Token], sent: &Range<usize>, after: usize, lex: &Lexicon) -> Phrase {
    // "ونقلت "بي بي سي" عن ناشط": past the quoted outlet's closing mark
    let after = if tokens.get(after).is_some_and(Token::is_quote_mark) {
        after + 1
    } else {
        after
    };
    let Some(t) = tokens.get(after).filter(|_| after < sent.end) else {
        return Phrase::default();
    };
    // "ونقل التقرير على لسان مصدر": in whose words
    if t.key == "علي" && tokens.get(after + 1).is_some_and(|n| n.key == "لسان") {
        return forward_phrase(tokens, sent.end, after + 2, false, lex).0;
    }
    // "نسب إلى مسؤول قوله": what a report put in someone's mouth
    if !matches!(t.key, "عن" | "from" | "الي") {
        return Phrase::default();
    }
    forward_phrase(tokens, sent.end, after + 1, false, lex).0
}

/// Named unless the phrase's head is an unnamed role ("مصادر", "a senior official") that
/// no name follows, or the sentence says the source asked not to be named.
fn classify<'k>(
    tokens: &[Token<'k>],
    p: &Phrase,
    sent: &Range<usize>,
    lex: &Lexicon,
    matches: &[Match],
) -> SourceType {
    // "مصدر فضل عدم الكشف عن هويته", "an official who spoke on condition of anonymity":
    // the marker stands in or right after the source phrase, not anywhere in the sentence
    let near = p.toks.start..(p.toks.end + MARKER_REACH).min(sent.end);
    if matches
        .iter()
        .any(|m| m.kind == CueKind::AnonymousMarker && near.contains(&m.toks.start))
    {
        return SourceType::Anonymous;
    }
    let words: Vec<(usize, &Token)> = p
        .toks
        .clone()
        .map(|i| (i, &tokens[i]))
        .filter(|(_, t)| t.is_word())
        .collect();
    let key = |k: usize, t: &Token<'k>| -> &'k str {
        if k == p.toks.start && p.start_byte.is_some() {
            t.key.trim_start_matches('ل')
        } else {
            t.key
        }
    };
    let Some(head) = words.iter().position(|(k, t)| {
        let w = key(*k, t);
        lex.is_anonymous_head(w) || lex.is_anonymous_head(w.trim_start_matches(['ل', 'ب']))
    }) else {
        return SourceType::Named;
    };
    // "Fawzy Radwan, a Khartoum resident": a name, then what the person is
    let head_at = words[head].0;
    let named_before_comma = (p.toks.start..head_at).any(|k| {
        tokens[k].punct() == Some(',')
            && words
                .iter()
                .take_while(|(i, _)| *i < k)
                .any(|(_, t)| !t.arabic && t.upper && t.key.len() > 1)
    });
    if named_before_comma {
        return SourceType::Named;
    }
    // English: only modifiers may come before the head ("a senior U.S. official"), and
    // "of" after a count ("one of the people")
    let count = |k: usize| {
        k.checked_sub(1)
            .and_then(|p| words.get(p))
            .is_some_and(|(_, t)| {
                matches!(
                    t.key,
                    "one"
                        | "two"
                        | "three"
                        | "several"
                        | "some"
                        | "many"
                        | "most"
                        | "each"
                        | "both"
                        | "all"
                )
            })
    };
    // a noun may qualify the head ("a student source", "a hospital official"), but not
    // reports or media, which the qualifier names ("preliminary police reports", "state
    // media")
    let institutional = matches!(words[head].1.key, "reports" | "media");
    let qualifier = |t: &Token| {
        !institutional
            && t.kind == Kind::Word
            && !lex.is(t.key, List::SourceStop)
            && !is_english_function(t.key)
    };
    // Arabic puts what qualifies a noun after it: before the head only a count ("بعض
    // المصادر", "أحد الشهود"); "رئيس الحكومة يوسف الشاهد" is a name that ends like a head
    let arabic_count = |w: &str| {
        matches!(
            w,
            "بعض"
                | "احد"
                | "احدي"
                | "عدد"
                | "كبار"
                | "اثنان"
                | "اثنين"
                | "ثلاثه"
                | "معظم"
                | "اغلب"
                | "كل"
        )
    };
    let before_ok = words[..head].iter().enumerate().all(|(k, (_, t))| {
        if t.arabic {
            arabic_count(t.key) || lex.is(t.key, List::SourceStop) || lex.is_modifier(t.key)
        } else {
            // "U.S. and French officials": two origins of one unnamed group
            let origins = matches!(t.key, "and" | "or")
                && k > 0
                && words[k - 1].1.upper
                && words
                    .get(k + 1)
                    .is_some_and(|(_, n)| n.upper || lex.is_modifier(n.key));
            lex.is_modifier(t.key)
                || t.upper
                || t.key.len() == 1
                || (t.key == "of" && count(k))
                || origins
                || qualifier(t)
        }
    });
    if !before_ok {
        return SourceType::Named;
    }
    let head_index = words[head].0;
    if tokens
        .get(head_index + 1)
        .is_some_and(|t| t.is_quote_mark() || t.punct() == Some('('))
    {
        // "مصادر "مركز سورية للتوثيق"": sources of a named body are still unnamed
        return SourceType::Anonymous;
    }
    for (k, t) in &words[head + 1..] {
        let w = key(*k, t);
        if t.arabic {
            // "مصادر ووثائق": more unnamed sources
            let joined = w.strip_prefix('و').filter(|r| r.chars().count() > 2);
            if in_touch(tokens, *k) {
                return SourceType::Anonymous;
            }
            if is_arabic_adjective(w)
                || lex.is_modifier(w)
                || joined.is_some_and(|r| lex.is_anonymous_head(r) || !r.starts_with("ال"))
            {
                continue;
            }
            if is_arabic_preposition(w) || lex.is(w, List::SourceStop) {
                return SourceType::Anonymous;
            }
            return SourceType::Named;
        }
        // "an associate of Barrister Safdar", "sources close to the minister": whom the
        // unnamed source belongs to does not name it
        if matches!(
            t.key,
            "of" | "close"
                | "from"
                | "at"
                | "in"
                | "with"
                | "for"
                | "affiliated"
                | "affiliating"
                | "linked"
                | "loyal"
                | "allied"
                | "belonging"
                | "familiar"
        ) {
            return SourceType::Anonymous;
        }
        // "the emirate's media office", "the army's official spokesperson": the unnamed
        // word only qualifies a body or an office, which names the source
        if is_office(t.key) || is_record_word(t.key) {
            return SourceType::Named;
        }
        if t.upper && t.key.len() > 1 {
            return SourceType::Named;
        }
    }
    SourceType::Anonymous
}

/// "على اتصال", "على صلة", "على اطلاع" after an unnamed head ("نشطاء على اتصال
/// بالسكان"): the preposition "على" (folded like the name "علي") and how the source
/// knows, not a name.
fn in_touch(tokens: &[Token], at: usize) -> bool {
    tokens[at].key == "علي"
        && tokens.get(at + 1).is_some_and(|n| {
            matches!(
                n.key,
                "اتصال" | "تواصل" | "صله" | "اطلاع" | "علم" | "درايه" | "معرفه" | "مقربه"
            )
        })
}

/// English nouns of a body or an office that speaks for it.
fn is_office(w: &str) -> bool {
    matches!(
        w,
        "office"
            | "ministry"
            | "department"
            | "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "service"
            | "agency"
            | "council"
            | "committee"
            | "command"
            | "authority"
            | "team"
            | "unit"
    )
}

/// English words that never qualify a noun.
fn is_english_function(w: &str) -> bool {
    matches!(
        w,
        "of" | "and"
            | "or"
            | "but"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "said"
            | "says"
            | "told"
            | "is"
            | "was"
            | "are"
            | "were"
            | "has"
            | "have"
            | "had"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "he"
            | "she"
            | "they"
            | "we"
            | "it"
    )
}

/// Definite or nisba adjectives ("الأمريكي", "روسية", "عسكريون").
fn is_arabic_adjective(w: &str) -> bool {
    let w = strip_article(w).nth(1).unwrap_or(w);
    w.starts_with("ال")
        || ["ي", "يه", "يون", "يين", "يان"]
            .iter()
            .any(|s| w.ends_with(s))
}

fn is_arabic_preposition(w: &str) -> bool {
    matches!(w, "في" | "من" | "لدي" | "عن" | "داخل" | "قريب")
        || (w.starts_with('ل') || w.starts_with('ب')) && w.chars().count() > 3
}
