//! Corpora for the benchmarks: claims made by recombining real sentences from seeds/
//! (Arabic) and benches/support/en.txt (English renderings of the same stories), with the
//! spelling variants real Arabic text has (bare alef, ha for ta marbuta, harakat,
//! Arabic-Indic digits) so that folding matters. Deterministic for a given size.

use claimdesk::model::{SourceType, Status};
use claimdesk::search::{Fields, Item};

/// A small deterministic PRNG (xorshift64*): benchmarks must not depend on a crate's
/// sequence changing.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Sentences of the seed articles and the English renderings.
pub fn sentences() -> (Vec<String>, Vec<String>) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut arabic = Vec::new();
    if let Ok(dir) = std::fs::read_dir(root.join("seeds")) {
        let mut paths: Vec<_> = dir.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            for s in text.split(['.', '!', '؟', '?', '\n']) {
                let s = s.trim();
                if s.len() >= 40 && s.split_whitespace().count() >= 6 {
                    arabic.push(s.to_string());
                }
            }
        }
    }
    let english = include_str!("en.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    (arabic, english)
}

/// Spelling variants a second writer would use for the same words.
fn vary(s: &str, rng: &mut Rng) -> String {
    let bare_alef = rng.chance(30);
    let ha = rng.chance(20);
    let harakat = rng.chance(10);
    let indic = rng.chance(15);
    let mut out = String::with_capacity(s.len() + 16);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let end_of_word = chars.get(i + 1).is_none_or(|n| !n.is_alphabetic());
        let c = match c {
            'أ' | 'إ' if bare_alef => 'ا',
            'ة' if ha && end_of_word => 'ه',
            '0'..='9' if indic => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        };
        out.push(c);
        if harakat && ('\u{0628}'..='\u{064A}').contains(&c) && rng.chance(25) {
            out.push(['\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}'][rng.below(4)]);
        }
    }
    out
}

/// `n` claim texts, about three in four Arabic.
pub fn claims(n: usize) -> Vec<String> {
    let (arabic, english) = sentences();
    let mut rng = Rng::new(0x5EED ^ n as u64);
    (0..n)
        .map(|_| {
            let pool = if rng.chance(75) && !arabic.is_empty() {
                &arabic
            } else {
                &english
            };
            let a: Vec<&str> = pool[rng.below(pool.len())].split_whitespace().collect();
            let b: Vec<&str> = pool[rng.below(pool.len())].split_whitespace().collect();
            // The head of one sentence with the tail of another: new claims, real words.
            let cut_a = 3 + rng.below(a.len().saturating_sub(3).max(1));
            let cut_b = rng.below(b.len().max(1));
            let words: Vec<&str> = a
                .iter()
                .take(cut_a)
                .chain(b.iter().skip(cut_b))
                .copied()
                .collect();
            vary(&words.join(" "), &mut rng)
        })
        .collect()
}

/// Claims with fields, as the desk would hand them to the index.
pub fn items(n: usize) -> Vec<Item> {
    let mut rng = Rng::new(0xF1E1D5 ^ n as u64);
    let sources = [
        "سيرغي لافروف",
        "وزارة الدفاع الروسية",
        "مصادر مطلعة",
        "The Pentagon",
        "",
    ];
    let outlets = ["روسيا اليوم", "الجزيرة", "Daily Beast", "عنب بلدي"];
    claims(n)
        .into_iter()
        .enumerate()
        .map(|(i, text)| Item {
            text,
            packed: None,
            fields: Fields {
                status: Some(Status::ALL[rng.below(4)]),
                source_type: Some(
                    [
                        SourceType::Named,
                        SourceType::Anonymous,
                        SourceType::Unattributed,
                    ][rng.below(3)],
                ),
                source: sources[rng.below(sources.len())].to_string(),
                outlet: outlets[rng.below(outlets.len())].into(),
                article: format!("{:06}.txt", i / 12).into(),
                date: Some(
                    format!("2017-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)).into(),
                ),
                has_note: rng.chance(5),
                related: rng.chance(10),
                disputed: rng.chance(2),
            },
        })
        .collect()
}
