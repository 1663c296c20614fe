//! The cue lexicons: built-in `config/cues/{ar,en}.toml` plus the user's files, compiled
//! once into folded-token tables so that matching a sentence is a few hash look-ups.
//! Users can only add entries; nothing here reads article text.

use crate::text::normalize::search_key;
use foldhash::{HashMap, HashSet};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

const BUILTIN: [(&str, &str); 2] = [
    (
        "config/cues/ar.toml",
        include_str!("../../config/cues/ar.toml"),
    ),
    (
        "config/cues/en.toml",
        include_str!("../../config/cues/en.toml"),
    ),
];

/// One lexicon file as written. Every list is optional so a user file can add to one.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    /// Reporting verbs that introduce a source wherever they stand ("قال", "said").
    #[serde(default)]
    reporting: Vec<String>,
    /// Reporting verbs that count only when "that"/"أن" or a quotation follows ("بين").
    #[serde(default)]
    reporting_strict: Vec<String>,
    /// Participles that report for the main clause's subject ("مؤكدا", "saying"): their
    /// source is never the words after them.
    #[serde(default)]
    participles: Vec<String>,
    /// Denials in the participle form ("نافيا").
    #[serde(default)]
    denial_participles: Vec<String>,
    /// Reporting verbs that are denials ("نفى", "denied").
    #[serde(default)]
    denial_verbs: Vec<String>,
    /// Verbs through which an outlet relays another source ("نقل … عن").
    #[serde(default)]
    relay: Vec<String>,
    /// Prepositional forms ("بحسب", "according to").
    #[serde(default)]
    according: Vec<String>,
    /// Phrases that make the sentence hedged and, with no other cue, anonymous.
    #[serde(default)]
    hedged_sources: Vec<String>,
    /// Hedge words (signal only).
    #[serde(default)]
    hedges: Vec<String>,
    /// Denial phrases (signal only): "عار عن الصحة", "baseless".
    #[serde(default)]
    denials: Vec<String>,
    /// Head nouns of unnamed sources ("مصادر", "official").
    #[serde(default)]
    anonymous_heads: Vec<String>,
    /// Phrases that mark a source as unnamed ("فضل عدم الكشف", "on condition of anonymity").
    #[serde(default)]
    anonymous_markers: Vec<String>,
    /// Words that may follow an anonymous head without naming it ("سابق", "senior").
    #[serde(default)]
    modifiers: Vec<String>,
    /// Words that end a source phrase ("في", "أمس", "on").
    #[serde(default)]
    source_stops: Vec<String>,
    /// "أن", "that": what comes after is the reported content.
    #[serde(default)]
    complementizers: Vec<String>,
    /// Words that stand for an earlier source ("قوله", "he").
    #[serde(default)]
    pronouns: Vec<String>,
    /// Words skipped between a verb and its source ("له", "also").
    #[serde(default)]
    skip: Vec<String>,
    /// What "according to" can be followed by without naming a source: "حسب الأوامر",
    /// "according to plan".
    #[serde(default)]
    not_sources: Vec<String>,
}

/// What a matched phrase does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum CueKind {
    Reporting,
    Strict,
    Denial,
    Relay,
    According,
    HedgedSource,
    Hedge,
    DenialPhrase,
    AnonymousMarker,
}

impl CueKind {
    /// Kinds that introduce a source.
    pub fn is_cue(self) -> bool {
        matches!(
            self,
            CueKind::Reporting
                | CueKind::Strict
                | CueKind::Denial
                | CueKind::Relay
                | CueKind::According
                | CueKind::HedgedSource
        )
    }
}

/// One phrase: the folded tokens after the first, and whether its last token ("ل" in
/// "وفقا ل") may be glued to the next word.
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    pub rest: Vec<String>,
    pub kind: CueKind,
    pub glued_lam: bool,
    /// A participle ("مؤكدا", "saying"): speaks for the sentence's main subject.
    pub participle: bool,
}

/// The compiled lexicon. Looked up for nearly every word of every sentence, so with
/// foldhash rather than SipHash: the keys are the lexicon's own words, not an attacker's.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Every folded word that starts a phrase or is in a word list, with what it does:
    /// one look-up tells all of it (see [`Word`]).
    words: HashMap<String, Entry>,
    /// A bit per [`filter_bit`] of every key in `words`: nearly every word of a text is
    /// none of them, and most are told so by one bit, without hashing and probing.
    filter: Vec<u64>,
    pub anonymous_heads: HashSet<String>,
    pub modifiers: HashSet<String>,
    pub not_sources: HashSet<String>,
}

/// Bits of [`Lexicon::filter`] (8 KiB): the built-in lexicon's 4,187 keys set 6 % of
/// them, so about one word in sixteen that is none of them is looked up all the same.
const FILTER_BITS: usize = 1 << 16;

/// Where a word falls in [`Lexicon::filter`]: its length and its first and last eight
/// bytes (all of an Arabic word of up to eight letters: verb forms differ in the middle),
/// read as two numbers each.
fn filter_bit(key: &str) -> usize {
    let b = key.as_bytes();
    let n = b.len();
    let (first, last) = if let (Some(f), Some(l)) = (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (u64::from_le_bytes(*f), u64::from_le_bytes(*l))
    } else if let (Some(f), Some(l)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        (
            u64::from(u32::from_le_bytes(*f)),
            u64::from(u32::from_le_bytes(*l)),
        )
    } else {
        (b.iter().fold(0, |h, &x| h << 8 | u64::from(x)), 0)
    };
    let h = (n as u64 ^ first.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)).rotate_left(29)
        ^ last.wrapping_mul(0x1656_67B1_9E37_79F9);
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// What the lexicon holds for one folded word.
#[derive(Debug, Default)]
struct Entry {
    /// Phrases that start with the word.
    phrases: Vec<Phrase>,
    /// The word lists it is in, as bits of [`List`].
    lists: u8,
}

/// Word lists whose words are looked up as they are (no article or conjunction taken off).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum List {
    /// Words that end a source phrase ("في", "أمس", "on").
    SourceStop,
    /// "أن", "that".
    Complementizer,
    /// Words that stand for an earlier source ("قوله", "he").
    Pronoun,
    /// Words skipped between a verb and its source ("له", "also").
    Skip,
}

impl List {
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// What the lexicon says of one folded word, looked up once (for a token, when the line
/// is tokenized).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Word<'l> {
    /// Phrases that start with the word; empty for most words.
    pub phrases: &'l [Phrase],
    lists: u8,
}

impl Word<'_> {
    pub fn is(self, list: List) -> bool {
        self.lists & list.bit() != 0
    }

    /// A one-word cue ("قال"), not the first word of a longer one ("على" of "على لسان").
    /// "أنباء" is a hedge in "أنباء عن", but a word of "وكالة أنباء".
    pub fn is_cue(self) -> bool {
        self.phrases.iter().any(|p| {
            p.kind.is_cue() && p.kind != CueKind::HedgedSource && p.rest.is_empty() && !p.glued_lam
        })
    }
}

/// The cue lexicons (built-in `config/cues/*.toml`, extended by the user's).
#[derive(Clone, Debug)]
pub struct Cues {
    pub(crate) lexicon: Arc<Lexicon>,
}

impl Default for Cues {
    fn default() -> Self {
        Cues::builtin()
    }
}

/// A cue lexicon file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct CuesError {
    pub path: PathBuf,
    pub message: String,
}

impl Cues {
    /// Every entry of the compiled lexicon in a fixed order, so that a changed lexicon
    /// (built-in or the user's) names a changed extractor in caches.
    pub fn fingerprint(&self) -> String {
        let lex = &self.lexicon;
        let mut lines: Vec<String> = lex
            .words
            .iter()
            .map(|(word, entry)| format!("{word:?} {entry:?}"))
            .collect();
        for (name, set) in [
            ("head", &lex.anonymous_heads),
            ("modifier", &lex.modifiers),
            ("not_source", &lex.not_sources),
        ] {
            lines.extend(set.iter().map(|w| format!("{name} {w:?}")));
        }
        lines.sort_unstable();
        lines.join("\n")
    }

    /// The built-in lexicons (compiled once per process).
    pub fn builtin() -> Cues {
        static BUILT: OnceLock<Arc<Lexicon>> = OnceLock::new();
        let lexicon = BUILT.get_or_init(|| {
            let mut lex = Lexicon::default();
            for (name, text) in BUILTIN {
                // The built-in files are tested; a broken one is a build mistake, and the
                // other file still loads.
                if let Ok(file) = parse(Path::new(name), text) {
                    lex.add(&file);
                }
            }
            Arc::new(lex)
        });
        Cues {
            lexicon: Arc::clone(lexicon),
        }
    }

    /// The built-in lexicons extended by the user's files (entries are added, never
    /// removed).
    pub fn load(extra: &[PathBuf]) -> Result<Cues, CuesError> {
        if extra.is_empty() {
            return Ok(Cues::builtin());
        }
        let mut files = Vec::new();
        for (name, text) in BUILTIN {
            files.push(parse(Path::new(name), text)?);
        }
        for path in extra {
            let text = std::fs::read_to_string(path).map_err(|e| CuesError {
                path: path.clone(),
                message: format!("cannot read the cue lexicon: {e}"),
            })?;
            files.push(parse(path, &text)?);
        }
        let mut lex = Lexicon::default();
        for f in &files {
            lex.add(f);
        }
        Ok(Cues {
            lexicon: Arc::new(lex),
        })
    }
}

fn parse(path: &Path, text: &str) -> Result<CueFile, CuesError> {
    toml::from_str(text).map_err(|e| CuesError {
        path: path.to_path_buf(),
        message: format!(
            "not a cue lexicon: {} (lists allowed: reporting, reporting_strict, participles, \
             denial_verbs, denial_participles, relay, according, hedged_sources, hedges, denials, anonymous_heads, \
             anonymous_markers, modifiers, source_stops, complementizers, pronouns, skip, \
             not_sources)",
            e.message()
        ),
    })
}

fn folded_words(phrase: &str) -> Vec<String> {
    search_key(phrase)
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_arabic_word(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Arabic verb endings a lexicon entry stands for: feminine, plural, dual, object pronouns.
/// Not a bare "ه": folded, it is the ta marbuta of nouns ("إضافة" is not "أضافه").
const VERB_SUFFIXES: &[&str] = &["", "ت", "وا", "ا", "ته", "تها", "ها", "هم"];

impl Lexicon {
    fn add(&mut self, f: &CueFile) {
        let verbs = [
            (&f.reporting, CueKind::Reporting),
            (&f.reporting_strict, CueKind::Strict),
            (&f.denial_verbs, CueKind::Denial),
            (&f.relay, CueKind::Relay),
        ];
        for (list, kind) in verbs {
            for entry in list {
                self.add_phrase(entry, kind, true, false);
            }
        }
        for (list, kind) in [
            (&f.participles, CueKind::Reporting),
            (&f.denial_participles, CueKind::Denial),
        ] {
            for entry in list {
                self.add_phrase(entry, kind, false, true);
            }
        }
        let phrases = [
            (&f.according, CueKind::According),
            (&f.hedged_sources, CueKind::HedgedSource),
            (&f.hedges, CueKind::Hedge),
            (&f.denials, CueKind::DenialPhrase),
            (&f.anonymous_markers, CueKind::AnonymousMarker),
        ];
        for (list, kind) in phrases {
            for entry in list {
                self.add_phrase(entry, kind, false, false);
            }
        }
        let sets = [
            (&f.anonymous_heads, &mut self.anonymous_heads),
            (&f.modifiers, &mut self.modifiers),
            (&f.not_sources, &mut self.not_sources),
        ];
        for (list, set) in sets {
            set.extend(list.iter().flat_map(|w| folded_words(w)));
        }
        let lists = [
            (&f.source_stops, List::SourceStop),
            (&f.complementizers, List::Complementizer),
            (&f.pronouns, List::Pronoun),
            (&f.skip, List::Skip),
        ];
        for (entries, list) in lists {
            for word in entries.iter().flat_map(|w| folded_words(w)) {
                self.entry(word).lists |= list.bit();
            }
        }
    }

    /// What the lexicon says of a folded word.
    pub fn word(&self, key: &str) -> Word<'_> {
        let bit = filter_bit(key);
        let set = (self.filter.get(bit / 64)).is_some_and(|w| w & (1 << (bit % 64)) != 0);
        if !set {
            return Word::default();
        }
        self.words.get(key).map_or_else(Word::default, |e| Word {
            phrases: &e.phrases,
            lists: e.lists,
        })
    }

    /// Whether the folded word is in `list`.
    pub fn is(&self, key: &str, list: List) -> bool {
        self.word(key).is(list)
    }

    /// The entry of a folded word, made empty if it has none (every key of `words` is
    /// put there through here, so that the filter knows it).
    fn entry(&mut self, word: String) -> &mut Entry {
        let bit = filter_bit(&word);
        if self.filter.is_empty() {
            self.filter = vec![0; FILTER_BITS / 64];
        }
        self.filter[bit / 64] |= 1 << (bit % 64);
        self.words.entry(word).or_default()
    }

    /// A lexicon with no entries, for tokens nothing is looked up for.
    pub fn empty() -> &'static Lexicon {
        static EMPTY: OnceLock<Lexicon> = OnceLock::new();
        EMPTY.get_or_init(Lexicon::default)
    }

    /// Add a phrase under every written form of its first word: Arabic verbs with their
    /// endings, and every Arabic phrase with the conjunctions و/ف glued on.
    fn add_phrase(&mut self, entry: &str, kind: CueKind, verb: bool, participle: bool) {
        let mut words = folded_words(entry);
        if words.is_empty() {
            return;
        }
        let first = words.remove(0);
        let glued_lam = words.last().is_some_and(|w| w == "ل");
        if glued_lam {
            words.pop();
        }
        let arabic = is_arabic_word(&first);
        let mut forms = vec![first.clone()];
        if arabic && verb && words.is_empty() {
            forms = VERB_SUFFIXES
                .iter()
                .map(|s| format!("{first}{s}"))
                .collect();
        }
        if arabic {
            let bare = forms.clone();
            for form in &bare {
                forms.push(format!("و{form}"));
                forms.push(format!("ف{form}"));
            }
        }
        for form in forms {
            let list = &mut self.entry(form).phrases;
            if !list.iter().any(|p| p.rest == words && p.kind == kind) {
                list.push(Phrase {
                    rest: words.clone(),
                    kind,
                    glued_lam,
                    participle,
                });
            }
        }
    }

    /// Whether `word` (folded) is an anonymous head, also with و/ال glued on.
    pub fn is_anonymous_head(&self, word: &str) -> bool {
        strip_article(word).any(|w| self.anonymous_heads.contains(w))
    }

    pub fn is_modifier(&self, word: &str) -> bool {
        strip_article(word).any(|w| self.modifiers.contains(w))
    }
}

/// A folded Arabic word without the conjunction و and the article ال (and with them).
pub(crate) fn strip_article(word: &str) -> impl Iterator<Item = &str> {
    let no_conj = word
        .strip_prefix('و')
        .filter(|w| w.chars().count() >= 3)
        .unwrap_or(word);
    let no_article = no_conj
        .strip_prefix("ال")
        .filter(|w| w.chars().count() >= 2)
        .unwrap_or(no_conj);
    [word, no_conj, no_article].into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse() {
        for (name, text) in BUILTIN {
            assert!(parse(Path::new(name), text).is_ok(), "{name} must parse");
        }
        let lex = Cues::builtin().lexicon;
        assert!(
            !lex.word("وقالت").phrases.is_empty(),
            "verb endings and و are generated"
        );
        assert!(!lex.word("said").phrases.is_empty());
        assert!(lex.is_anonymous_head("المصادر"));
    }

    #[test]
    fn every_word_of_the_lexicon_passes_its_filter() {
        let lex = Cues::builtin().lexicon;
        for (word, entry) in &lex.words {
            let found = lex.word(word);
            assert_eq!(found.phrases.len(), entry.phrases.len(), "{word}");
            assert_eq!(found.lists, entry.lists, "{word}");
        }
        // and a word of none is mostly told so by its bit alone
        assert!(lex.word("المستشفى").phrases.is_empty());
        assert!(Lexicon::empty().word("قال").phrases.is_empty());
    }

    #[test]
    fn user_files_add_entries_and_bad_files_name_themselves() {
        let dir = tempfile::tempdir().expect("temp dir");
        let good = dir.path().join("mine.toml");
        std::fs::write(&good, "reporting = [\"غرّد\"]\n").expect("write");
        let cues = Cues::load(std::slice::from_ref(&good)).expect("loads");
        assert!(!cues.lexicon.word("وغردت").phrases.is_empty());
        assert!(
            !cues.lexicon.word("قال").phrases.is_empty(),
            "built-ins stay"
        );

        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "verbs = 3\n").expect("write");
        let err = Cues::load(std::slice::from_ref(&bad)).expect_err("rejected");
        assert!(err.to_string().contains("bad.toml"));
        let missing = dir.path().join("missing.toml");
        assert!(Cues::load(&[missing]).is_err());
    }
}
