//! A small desk made by hand (no loader, no extractor), so that TUI tests do not move
//! when extraction improves.
#![allow(dead_code)]

use claimdesk::corpus::Corpus;
use claimdesk::desk::Desk;
use claimdesk::ids;
use claimdesk::model::{Article, Attribution, Claim, SourceType, Status};
use claimdesk::store::Store;

pub const ARABIC: &str = "موسكو تسعى لاستمالة معارضين\n\nوقال سيجرا إنه التقى ممثل موسكو قبل 10 أيام.\n\nوأكدت وزارة الدفاع الروسية أن الطائرات دمرت 48 شاحنة.\n\nالأكثر قراءة";
pub const ENGLISH: &str = "Ceasefire talks stall\n\nThe minister said the talks would resume on Monday.\n\nA senior official, who spoke on condition of anonymity, said 50 trucks left the city.";

fn claim(
    article: &Article,
    sentence: &str,
    source: Option<&str>,
    cue: Option<&str>,
    kind: SourceType,
    suggested: Status,
) -> Claim {
    let start = article.text.find(sentence).expect("sentence in article");
    let span = start..start + sentence.len();
    let find = |s: Option<&str>| {
        s.and_then(|s| {
            article.text[span.clone()]
                .find(s)
                .map(|i| span.start + i..span.start + i + s.len())
        })
    };
    Claim {
        id: ids::claim_id(&article.id, sentence),
        article_id: article.id.clone(),
        span: span.clone(),
        text: sentence.to_string(),
        attribution: Attribution {
            source_type: kind,
            source: source.map(str::to_string),
            source_span: find(source),
            cue: cue.map(str::to_string),
            cue_span: find(cue),
            chain: Vec::new(),
        },
        signals: Default::default(),
        suggested,
        related: Vec::new(),
        spilled: None,
    }
}

fn article(path: &str, text: &str, title: &str, outlet: &str, lang: &str) -> Article {
    let furniture = text.find("الأكثر قراءة").map(|i| i..i + "الأكثر قراءة".len());
    Article {
        id: ids::article_id(text),
        path: path.into(),
        title: title.into(),
        url: None,
        outlet: Some(outlet.into()),
        date: Some("2017-11-15".into()),
        author: None,
        lang: lang.into(),
        text: text.into(),
        boilerplate: furniture.into_iter().collect(),
        shelved: false,
    }
}

pub fn sample_corpus() -> (Corpus, Vec<Vec<Claim>>) {
    let ar = article(
        "ar.txt",
        ARABIC,
        "موسكو تسعى لاستمالة معارضين",
        "إرم نيوز",
        "ar",
    );
    let en = article("en.txt", ENGLISH, "Ceasefire talks stall", "Wire", "en");
    let ar_claims = vec![
        claim(
            &ar,
            "وقال سيجرا إنه التقى ممثل موسكو قبل 10 أيام.",
            Some("سيجرا"),
            Some("وقال"),
            SourceType::Named,
            Status::Attributed,
        ),
        claim(
            &ar,
            "وأكدت وزارة الدفاع الروسية أن الطائرات دمرت 48 شاحنة.",
            Some("وزارة الدفاع الروسية"),
            Some("وأكدت"),
            SourceType::Named,
            Status::Attributed,
        ),
    ];
    let en_claims = vec![
        claim(
            &en,
            "The minister said the talks would resume on Monday.",
            Some("The minister"),
            Some("said"),
            SourceType::Named,
            Status::Attributed,
        ),
        claim(
            &en,
            "A senior official, who spoke on condition of anonymity, said 50 trucks left the city.",
            Some("A senior official"),
            Some("said"),
            SourceType::Anonymous,
            Status::Unverified,
        ),
    ];
    let corpus = Corpus {
        root: std::path::PathBuf::from("/nonexistent"),
        articles: vec![ar, en],
        problems: vec![claimdesk::model::Problem {
            path: "broken.txt".into(),
            message: "not valid UTF-8; 3 bytes replaced".into(),
        }],
    };
    (corpus, vec![ar_claims, en_claims])
}

/// The sample desk on a store in memory.
pub fn sample_desk() -> Desk {
    let (corpus, claims) = sample_corpus();
    Desk::from_parts(corpus, claims, Store::open_in_memory().unwrap(), "rana").unwrap()
}

/// The sample desk on a store file (for tests that reopen it).
pub fn sample_desk_at(db: &std::path::Path, reviewer: &str) -> Desk {
    let (corpus, claims) = sample_corpus();
    Desk::from_parts(corpus, claims, Store::open(db).unwrap(), reviewer).unwrap()
}

/// A fresh copy of the sample corpus in a temporary folder, so each test has its own
/// store. Returns the folder (keep it alive) and the corpus path inside it.
pub fn seeds_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("seeds");
    std::fs::create_dir(&corpus).unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
        }
    }
    (dir, corpus)
}
