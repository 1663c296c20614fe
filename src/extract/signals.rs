//! What a checker wants to see at a glance in one sentence: quoted speech, numbers as
//! written, hedges and denials. Reads tokens and lexicon matches only.

use super::attribution::Match;
use super::cues::CueKind;
use super::sentences::{Kind, Token};
use crate::model::Signals;
use std::ops::Range;

/// Quoted speech has at least this many words; fewer is a quoted name ("ديلي بيست").
const SPEECH_WORDS: usize = 3;

pub(crate) fn signals(
    tokens: &[Token],
    sent: Range<usize>,
    matches: &[Match],
    text: &str,
) -> Signals {
    let in_sentence = &tokens[sent.clone()];
    let quoted = in_sentence.iter().enumerate().any(|(k, t)| {
        let i = sent.start + k;
        t.is_quote_mark()
            && t.partner.is_some_and(|p| {
                p > i
                    && p <= sent.end
                    && tokens[i + 1..p].iter().filter(|t| t.is_word()).count() >= SPEECH_WORDS
            })
    });
    let numbers = in_sentence
        .iter()
        .filter(|t| t.kind == Kind::Number)
        .filter_map(|t| text.get(t.span.clone()).map(str::to_string))
        .collect();
    let has = |kinds: &[CueKind]| matches.iter().any(|m| kinds.contains(&m.kind));
    Signals {
        quoted,
        numbers,
        hedged: has(&[CueKind::Hedge, CueKind::HedgedSource]),
        denial: has(&[CueKind::Denial, CueKind::DenialPhrase]),
    }
}
