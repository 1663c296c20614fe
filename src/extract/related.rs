//! Links claims across a corpus that seem to report the same event: shared rare content
//! words found through an inverted index (never all pairs), and flags pairs that give
//! different numbers for the same thing ("48 شاحنة" vs "50 شاحنة").

use super::cues::Lexicon;
use super::sentences::{Kind, Line, Token};
use crate::model::{Claim, Related, Status};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::OnceLock;

/// Shared rare words that make two claims one event.
const MIN_SHARED_RARE: usize = 3;
/// A word in more claims than this is too common to find an event by.
const MAX_POSTING: usize = 64;

/// Words that carry no event: Arabic and English function words (folded).
const STOPWORDS: &[&str] = &[
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "مع",
    "ان",
    "انه",
    "انها",
    "هذا",
    "هذه",
    "ذلك",
    "التي",
    "الذي",
    "الذين",
    "كان",
    "كانت",
    "قد",
    "لم",
    "لا",
    "ما",
    "او",
    "ثم",
    "حيث",
    "كما",
    "بعد",
    "قبل",
    "خلال",
    "بين",
    "عند",
    "كل",
    "بعض",
    "غير",
    "هناك",
    "وقال",
    "قال",
    "اكد",
    "the",
    "and",
    "that",
    "with",
    "from",
    "for",
    "said",
    "was",
    "were",
    "has",
    "have",
    "had",
    "this",
    "are",
    "its",
    "their",
    "they",
    "which",
    "who",
    "not",
    "but",
    "been",
    "will",
];

/// Content words (light prefix stripping so "والرقة" meets "الرقة"), each once, and
/// number → unit: what [`Linker`] needs of one claim.
#[derive(Debug, PartialEq)]
pub(crate) struct Terms {
    /// The words' 64-bit hashes ([`word_hash`]), sorted, each once: no string per word
    /// (a cold load makes these for each distinct claim text on every core), and the
    /// linker numbers them without hashing a string again.
    words: Vec<u64>,
    /// (unit word, number) pairs: "48 شاحنة" → ("شاحنه", "48").
    quantities: Vec<(String, String)>,
}

/// The word without its first conjunction/article prefix (a slice of it: this runs for
/// every word of every claim).
fn stem(word: &str) -> &str {
    for prefix in ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().nth(2).is_some() {
                return rest;
            }
        }
    }
    word
}

fn is_stopword(key: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(key)
}

/// A claim text's terms (any thread may make them).
pub(crate) fn terms(text: &str) -> Terms {
    let line = Line::new(text, 0..text.len());
    terms_of(&line.tokens(Lexicon::empty()))
}

/// The terms of a claim from its tokens: a sentence's tokens in its line are the ones
/// its text has alone (a token never reaches over a sentence's edge).
pub(crate) fn terms_of(toks: &[Token]) -> Terms {
    let mut words: Vec<u64> = Vec::new();
    let mut quantities = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Kind::Word if t.key.chars().nth(2).is_some() && !is_stopword(t.key) => {
                words.push(word_hash(stem(t.key)));
            }
            Kind::Number => {
                if let Some(unit) = toks.get(i + 1).filter(|u| u.kind == Kind::Word) {
                    let value: String = t.key.chars().filter(|c| c.is_ascii_digit()).collect();
                    quantities.push((stem(unit.key).to_string(), value));
                }
            }
            _ => {}
        }
    }
    words.sort_unstable();
    words.dedup();
    Terms { words, quantities }
}

/// A word's (or a quantity's string's) number for the linker: a fixed 64-bit hash, the
/// same on every thread and run. Two words sharing one would only count as one shared
/// word between two claims, a chance of about one in 2^64 per pair.
fn word_hash(w: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(w)
}

/// Same unit, no number in common: the two claims count the same thing differently.
fn numbers_disagree<T: Eq + std::hash::Hash>(a: &[(T, T)], b: &[(T, T)]) -> bool {
    a.iter().any(|(unit, _)| {
        let va: HashSet<&T> = a.iter().filter(|q| &q.0 == unit).map(|q| &q.1).collect();
        let vb: HashSet<&T> = b.iter().filter(|q| &q.0 == unit).map(|q| &q.1).collect();
        !vb.is_empty() && va.is_disjoint(&vb)
    })
}

/// Fill `Claim::related` for every claim; a numeric disagreement also suggests
/// `contradicted` for both claims.
///
/// Claims with the same text (wire copy printed by several outlets) have the same terms:
/// each text is tokenized once.
pub(crate) fn link(claims: &mut [Claim]) {
    use rayon::prelude::*;
    // One entry per distinct text; `text_of[i]` is claim i's.
    let mut seen: HashMap<&str, u32> = HashMap::with_capacity(claims.len());
    let mut texts: Vec<&str> = Vec::new();
    let text_of: Vec<u32> = claims
        .iter()
        .map(|c| {
            *seen.entry(c.text.as_str()).or_insert_with(|| {
                texts.push(c.text.as_str());
                (texts.len() - 1) as u32
            })
        })
        .collect();
    let all: Vec<Terms> = texts.par_iter().map(|t| terms(t)).collect();
    drop(seen);
    let mut linker = Linker::default();
    for t in all {
        linker.add_text(t);
    }
    for t in text_of {
        linker.add_claim(t);
    }
    let found: &[Claim] = claims;
    let links = linker.links(|i, j| found[i].id == found[j].id);
    for c in claims.iter_mut() {
        c.related.clear();
    }
    for (i, j, disagree) in links {
        let (id_i, id_j) = (claims[i].id.clone(), claims[j].id.clone());
        claims[i].related.push(Related {
            claim_id: id_j,
            numbers_disagree: disagree,
        });
        claims[j].related.push(Related {
            claim_id: id_i,
            numbers_disagree: disagree,
        });
        if disagree {
            claims[i].suggested = Status::Contradicted;
            claims[j].suggested = Status::Contradicted;
        }
    }
    for c in claims.iter_mut() {
        c.related.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
        c.related.dedup_by(|a, b| a.claim_id == b.claim_id);
    }
}

/// Links claims given one at a time in corpus order, as a load makes them. A text's
/// terms are made once (on any thread) however many claims have it; the linker keeps
/// only numbered words, so that what is left once the last claim is in is the inverted
/// index and its scan. Only rare words get posting lists.
#[derive(Default)]
pub(crate) struct Linker {
    number: HashMap<u64, u32>,
    /// Every distinct text's word numbers back to back: text t's end at `ends[t]`.
    words: Vec<u32>,
    ends: Vec<usize>,
    /// Texts that count something: their (unit, number) pairs, each string numbered as
    /// words are (only their equality matters: a 968k-claim cold start peaked at 924
    /// MiB with the strings, 864 without).
    quantities: HashMap<u32, Box<[(u32, u32)]>>,
    /// Each claim's text.
    claims: Vec<u32>,
}

impl Linker {
    /// Take a text's terms; returns the number to give [`Linker::add_claim`].
    pub(crate) fn add_text(&mut self, terms: Terms) -> u32 {
        let t = self.ends.len() as u32;
        for &w in &terms.words {
            let n = self.number(w);
            self.words.push(n);
        }
        self.ends.push(self.words.len());
        if !terms.quantities.is_empty() {
            let numbered = (terms.quantities.into_iter())
                .map(|(unit, value)| {
                    (
                        self.number(word_hash(&unit)),
                        self.number(word_hash(&value)),
                    )
                })
                .collect();
            self.quantities.insert(t, numbered);
        }
        t
    }

    /// The number of a word (or a quantity's string) by its hash, given when it is first
    /// seen.
    fn number(&mut self, w: u64) -> u32 {
        let next = self.number.len() as u32;
        *self.number.entry(w).or_insert(next)
    }

    /// How many texts it has taken.
    pub(crate) fn texts(&self) -> u32 {
        self.ends.len() as u32
    }

    /// The next claim, with the text numbered `text`.
    pub(crate) fn add_claim(&mut self, text: u32) {
        self.claims.push(text);
    }

    fn words_of(&self, claim: usize) -> &[u32] {
        let t = self.claims[claim] as usize;
        let start = t.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.words[start..self.ends[t]]
    }

    fn quantities_of(&self, claim: usize) -> &[(u32, u32)] {
        self.quantities
            .get(&self.claims[claim])
            .map_or(&[], |q| &q[..])
    }

    /// Pairs `(i, j, numbers disagree)`, `i < j`, of claims that share enough rare words;
    /// `same(i, j)` says two positions are one claim (the same id), never linked.
    pub(crate) fn links(
        &self,
        same: impl Fn(usize, usize) -> bool + Sync,
    ) -> Vec<(usize, usize, bool)> {
        use rayon::prelude::*;
        let claims = self.claims.len();
        let mut claims_with = vec![0usize; self.number.len()];
        for i in 0..claims {
            for &w in self.words_of(i) {
                claims_with[w as usize] += 1;
            }
        }
        // Rare relative to the corpus: in a small corpus a word in a fifth of the claims
        // is the topic, not the event.
        let cap = (claims / 20).clamp(2, MAX_POSTING);
        let mut postings: Vec<Vec<u32>> = claims_with
            .iter()
            .map(|&n| {
                if n <= cap {
                    Vec::with_capacity(n)
                } else {
                    Vec::new()
                }
            })
            .collect();
        for i in 0..claims {
            for &w in self.words_of(i) {
                if claims_with[w as usize] <= cap {
                    postings[w as usize].push(i as u32);
                }
            }
        }
        (0..claims)
            .into_par_iter()
            .with_min_len(256)
            .map_init(HashMap::<u32, usize>::new, |shared, i| {
                shared.clear();
                for &w in self.words_of(i) {
                    for &j in postings[w as usize].iter().filter(|&&j| j as usize > i) {
                        *shared.entry(j).or_default() += 1;
                    }
                }
                shared
                    .iter()
                    .filter(|&(&j, &n)| n >= MIN_SHARED_RARE && !same(i, j as usize))
                    .map(|(&j, _)| {
                        let j = j as usize;
                        let disagree =
                            numbers_disagree(self.quantities_of(i), self.quantities_of(j));
                        (i, j, disagree)
                    })
                    .collect::<Vec<_>>()
            })
            .flatten()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The linker as first written (every claim tokenized, hash sets of words): the
    /// faster one must link exactly the same claims.
    mod reference {
        use super::super::*;
        use crate::extract::sentences::tokenize;
        use foldhash::HashSetExt;

        struct Terms {
            words: HashSet<String>,
            quantities: Vec<(String, String)>,
        }

        fn terms(claim: &Claim) -> Terms {
            let toks = tokenize(&claim.text, 0..claim.text.len());
            let mut words = HashSet::new();
            let mut quantities = Vec::new();
            for i in 0..toks.len() {
                let t = &toks[i];
                match t.kind {
                    Kind::Word if t.key.chars().count() >= 3 && !is_stopword(&t.key) => {
                        words.insert(stem(&t.key).to_string());
                    }
                    Kind::Number => {
                        if let Some(unit) = toks.get(i + 1).filter(|u| u.kind == Kind::Word) {
                            let value: String =
                                t.key.chars().filter(|c| c.is_ascii_digit()).collect();
                            quantities.push((stem(&unit.key).to_string(), value));
                        }
                    }
                    _ => {}
                }
            }
            Terms { words, quantities }
        }

        fn numbers_disagree(a: &Terms, b: &Terms) -> bool {
            super::super::numbers_disagree(&a.quantities, &b.quantities)
        }

        pub(super) fn link(claims: &mut [Claim]) {
            use rayon::prelude::*;
            let all: Vec<Terms> = claims.par_iter().map(terms).collect();
            let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
            for (i, t) in all.iter().enumerate() {
                for w in &t.words {
                    postings.entry(w.as_str()).or_default().push(i);
                }
            }
            // Rare relative to the corpus: in a small corpus a word in a fifth of the claims is
            // the topic, not the event.
            let cap = (claims.len() / 20).clamp(2, MAX_POSTING);
            let found: &[Claim] = claims;
            let links: Vec<(usize, usize, bool)> = all
                .par_iter()
                .enumerate()
                .with_min_len(256)
                .map_init(HashMap::<usize, usize>::new, |shared, (i, t)| {
                    shared.clear();
                    for w in &t.words {
                        let Some(list) = postings.get(w.as_str()).filter(|l| l.len() <= cap) else {
                            continue;
                        };
                        for &j in list.iter().filter(|&&j| j > i) {
                            *shared.entry(j).or_default() += 1;
                        }
                    }
                    shared
                        .iter()
                        .filter(|&(&j, &n)| n >= MIN_SHARED_RARE && found[i].id != found[j].id)
                        .map(|(&j, _)| (i, j, numbers_disagree(t, &all[j])))
                        .collect::<Vec<_>>()
                })
                .flatten()
                .collect();
            for c in claims.iter_mut() {
                c.related.clear();
            }
            for (i, j, disagree) in links {
                let (id_i, id_j) = (claims[i].id.clone(), claims[j].id.clone());
                claims[i].related.push(Related {
                    claim_id: id_j,
                    numbers_disagree: disagree,
                });
                claims[j].related.push(Related {
                    claim_id: id_i,
                    numbers_disagree: disagree,
                });
                if disagree {
                    claims[i].suggested = Status::Contradicted;
                    claims[j].suggested = Status::Contradicted;
                }
            }
            for c in claims.iter_mut() {
                c.related.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
                c.related.dedup_by(|a, b| a.claim_id == b.claim_id);
            }
        }
    }

    #[test]
    fn links_the_same_claims_as_the_linker_as_first_written() {
        // Sentences of the seed articles, recombined and with numbers changed, as copies
        // that share words and disagree on counts, and some printed twice.
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut sentences: Vec<String> = Vec::new();
        let mut paths: Vec<_> = std::fs::read_dir(seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(p).unwrap();
            sentences.extend(
                text.split(['.', '\n'])
                    .map(str::trim)
                    .filter(|s| s.split_whitespace().count() >= 6)
                    .map(str::to_string),
            );
        }
        assert!(sentences.len() > 50);
        let mut claims = Vec::new();
        for (k, s) in sentences.iter().enumerate() {
            claims.push(claim(&format!("s{k}"), s));
            if k % 3 == 0 {
                let other = &sentences[(k * 7 + 3) % sentences.len()];
                let half: Vec<&str> = other.split_whitespace().take(6).collect();
                let varied = format!("{} {} {} شاحنة", s, half.join(" "), k % 5 + 10);
                claims.push(claim(&format!("v{k}"), &varied));
                claims.push(claim(&format!("w{k}"), &varied.replace('1', "2")));
            }
            if k % 5 == 0 {
                claims.push(claim(&format!("d{k}"), s));
            }
        }
        let mut fast = claims.clone();
        link(&mut fast);
        reference::link(&mut claims);
        let linked = fast.iter().filter(|c| !c.related.is_empty()).count();
        assert!(linked > 20, "the test links enough claims ({linked})");
        assert!(fast.iter().any(|c| c.suggested == Status::Contradicted));
        assert_eq!(fast, claims);
    }

    fn claim(id: &str, text: &str) -> Claim {
        Claim {
            id: id.to_string(),
            article_id: "a".to_string(),
            text: text.to_string(),
            suggested: Status::Attributed,
            ..Claim::default()
        }
    }

    #[test]
    fn same_convoy_with_different_truck_counts_is_linked_and_flagged() {
        let mut claims = vec![
            claim(
                "1",
                "خرجت قافلة محملة بعناصر داعش تضم نحو 48 شاحنة من الرقة",
            ),
            claim("2", "غادرت الرقة قافلة تضم 50 شاحنة كبيرة محملة بالسلاح"),
            claim("3", "التقى الوزير نظيره البريطاني في لندن لبحث التجارة"),
            claim("4", "بحث الرئيس مع وفد اقتصادي ملفات الطاقة والاستثمار"),
        ];
        claims.extend((0..40).map(|k| {
            claim(
                &format!("f{k}"),
                &format!("خبر رقم {k} عن موضوع مختلف تماما"),
            )
        }));
        link(&mut claims);
        assert_eq!(claims[0].related.len(), 1, "{:?}", claims[0].related);
        assert_eq!(claims[0].related[0].claim_id, "2");
        assert!(claims[0].related[0].numbers_disagree);
        assert_eq!(claims[1].suggested, Status::Contradicted);
        assert!(claims[2].related.is_empty());
        assert_eq!(claims[2].suggested, Status::Attributed);
    }

    #[test]
    fn agreeing_numbers_are_linked_without_a_flag() {
        let mut claims = vec![
            claim("1", "خرجت قافلة محملة بعناصر داعش تضم 50 شاحنة من الرقة"),
            claim("2", "غادرت الرقة قافلة تضم 50 شاحنة كبيرة محملة بالسلاح"),
        ];
        claims.extend((0..40).map(|k| {
            claim(
                &format!("f{k}"),
                &format!("خبر رقم {k} عن موضوع مختلف تماما"),
            )
        }));
        link(&mut claims);
        assert_eq!(claims[0].related.len(), 1);
        assert!(!claims[0].related[0].numbers_disagree);
        assert_eq!(claims[0].suggested, Status::Attributed);
    }
}
