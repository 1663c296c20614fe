//! Links claims across a corpus that seem to report the same event: shared rare content
//! words found through an inverted index (never all pairs), and flags pairs that give
//! different numbers for the same thing ("48 شاحنة" vs "50 شاحنة").

use super::sentences::{tokenize, Kind};
use crate::model::{Claim, Related, Status};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
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

/// Content words (light prefix stripping so "والرقة" meets "الرقة") and number → unit.
struct Terms {
    words: HashSet<String>,
    /// (unit word, number) pairs: "48 شاحنة" → ("شاحنه", "48").
    quantities: Vec<(String, String)>,
}

/// The word without its first conjunction/article prefix, in place (no new string: this
/// runs for every word of every claim).
fn stem(mut word: String) -> String {
    for prefix in ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if rest.chars().count() >= 3 {
                word.drain(..prefix.len());
                break;
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

fn terms(claim: &Claim) -> Terms {
    let mut toks = tokenize(&claim.text, 0..claim.text.len());
    let mut words = HashSet::new();
    let mut quantities = Vec::new();
    for i in 0..toks.len() {
        let t = &toks[i];
        match t.kind {
            Kind::Word if t.key.chars().count() >= 3 && !is_stopword(&t.key) => {
                words.insert(stem(std::mem::take(&mut toks[i].key)));
            }
            Kind::Number => {
                if let Some(unit) = toks.get(i + 1).filter(|u| u.kind == Kind::Word) {
                    let value: String = t.key.chars().filter(|c| c.is_ascii_digit()).collect();
                    quantities.push((stem(unit.key.clone()), value));
                }
            }
            _ => {}
        }
    }
    Terms { words, quantities }
}

/// Same unit, no number in common: the two claims count the same thing differently.
fn numbers_disagree(a: &Terms, b: &Terms) -> bool {
    a.quantities.iter().any(|(unit, _)| {
        let va: HashSet<&String> = a
            .quantities
            .iter()
            .filter(|q| &q.0 == unit)
            .map(|q| &q.1)
            .collect();
        let vb: HashSet<&String> = b
            .quantities
            .iter()
            .filter(|q| &q.0 == unit)
            .map(|q| &q.1)
            .collect();
        !vb.is_empty() && va.is_disjoint(&vb)
    })
}

/// Fill `Claim::related` for every claim; a numeric disagreement also suggests
/// `contradicted` for both claims.
pub(crate) fn link(claims: &mut [Claim]) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
