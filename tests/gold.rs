//! Gold scoring: every gold claim (tests/fixtures/gold, the seeds' answer key, and
//! tests/fixtures/extract, articles written for other patterns) is looked for among the
//! extracted claims with its source and type; boilerplate must never become a claim.
//! Run with `cargo test --test gold -- --nocapture` to see the per-file table.

use claimdesk::extract::{extract, Cues};
use claimdesk::model::{Article, Claim};
use serde_json::Value;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One expectation line of a gold file.
enum Expect {
    Claim {
        contains: String,
        source_any: Vec<String>,
        types: Vec<String>,
        hard: bool,
    },
    NotClaim(String),
}

struct Score {
    file: String,
    total: usize,
    found: usize,
    right_source: usize,
    hard_total: usize,
    hard_right: usize,
    not_claims: usize,
    leaked: Vec<String>,
    misses: Vec<String>,
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn read_gold(path: &Path) -> Vec<(String, Expect)> {
    let text = std::fs::read_to_string(path).expect("gold file readable");
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
        let article = v["article"].as_str().expect("article").to_string();
        if let Some(s) = v["not_claim"].as_str() {
            out.push((article, Expect::NotClaim(s.to_string())));
        } else if let Some(s) = v["contains"].as_str() {
            out.push((
                article,
                Expect::Claim {
                    contains: s.to_string(),
                    source_any: strings(&v["source_any"]),
                    types: strings(&v["type"]),
                    hard: v["hard"].as_bool().unwrap_or(false),
                },
            ));
        }
    }
    out
}

/// The article as the corpus loader gives it (so boilerplate is honoured); the bare file
/// when the loader finds nothing (before `corpus` is merged), title from the first line.
fn load(name: &str) -> (Article, bool) {
    let candidates = [
        Path::new(ROOT).join("seeds").join(name),
        Path::new(ROOT).join("tests/fixtures/extract").join(name),
    ];
    let path = candidates
        .iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("article {name} not found"));
    if let Ok(corpus) = claimdesk::corpus::load(path) {
        if let Some(a) = corpus.articles.into_iter().next() {
            return (a, true);
        }
    }
    let text = std::fs::read_to_string(path)
        .expect("article readable")
        .replace("\r\n", "\n");
    let title = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    let lang = if text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        "ar"
    } else {
        "en"
    };
    let article = Article {
        id: claimdesk::ids::article_id(&text),
        path: name.to_string(),
        title,
        lang: lang.to_string(),
        text,
        ..Article::default()
    };
    (article, false)
}

fn score_file(path: &Path, cues: &Cues) -> (Score, bool) {
    let gold = read_gold(path);
    let mut score = Score {
        file: path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        total: 0,
        found: 0,
        right_source: 0,
        hard_total: 0,
        hard_right: 0,
        not_claims: 0,
        leaked: Vec::new(),
        misses: Vec::new(),
    };
    let mut via_corpus = true;
    let mut cache: Vec<(String, Vec<Claim>)> = Vec::new();
    for (name, expect) in gold {
        if !cache.iter().any(|(n, _)| *n == name) {
            let (article, loaded) = load(&name);
            via_corpus &= loaded;
            cache.push((name.clone(), extract(&article, cues)));
        }
        let claims = &cache.iter().find(|(n, _)| *n == name).expect("cached").1;
        match expect {
            Expect::NotClaim(s) => {
                score.not_claims += 1;
                if let Some(c) = claims.iter().find(|c| c.text.contains(&s)) {
                    score.leaked.push(format!("{s:?} in {:?}", c.text));
                }
            }
            Expect::Claim {
                contains,
                source_any,
                types,
                hard,
            } => {
                let with_text: Vec<&Claim> = claims
                    .iter()
                    .filter(|c| c.text.contains(&contains))
                    .collect();
                let right = with_text.iter().any(|c| {
                    let src = c.attribution.source.as_deref().unwrap_or("");
                    let source_ok = if source_any.is_empty() {
                        c.attribution.source.is_none()
                    } else {
                        source_any.iter().any(|s| src.contains(s.as_str()))
                    };
                    source_ok
                        && types
                            .iter()
                            .any(|t| t == c.attribution.source_type.as_str())
                });
                if hard {
                    score.hard_total += 1;
                    score.hard_right += usize::from(right);
                    continue;
                }
                score.total += 1;
                score.found += usize::from(!with_text.is_empty());
                score.right_source += usize::from(right);
                if !right {
                    let got: Vec<String> = with_text
                        .iter()
                        .map(|c| {
                            format!(
                                "{} {:?}",
                                c.attribution.source_type.as_str(),
                                c.attribution.source
                            )
                        })
                        .collect();
                    score.misses.push(format!(
                        "{contains:?} want {types:?} {source_any:?}, got {}",
                        if got.is_empty() {
                            "no claim".to_string()
                        } else {
                            got.join("; ")
                        }
                    ));
                }
            }
        }
    }
    (score, via_corpus)
}

fn gold_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn print_table(title: &str, scores: &[Score], via_corpus: bool) {
    println!(
        "\n{title}{}",
        if via_corpus {
            ""
        } else {
            " (raw files: corpus loader not merged)"
        }
    );
    println!(
        "{:<34} {:>7} {:>13} {:>6} {:>10}",
        "file", "found", "right source", "hard", "leaked"
    );
    for s in scores {
        println!(
            "{:<34} {:>3}/{:<3} {:>6}/{:<6} {:>2}/{:<3} {:>4}/{:<5}",
            s.file,
            s.found,
            s.total,
            s.right_source,
            s.total,
            s.hard_right,
            s.hard_total,
            s.leaked.len(),
            s.not_claims
        );
        for m in &s.misses {
            println!("    miss: {m}");
        }
        for l in &s.leaked {
            println!("    leaked: {l}");
        }
    }
    let (right, total): (usize, usize) = scores
        .iter()
        .fold((0, 0), |(r, t), s| (r + s.right_source, t + s.total));
    println!(
        "{:<34} {:>13}",
        "all",
        format!("{right}/{total} right source")
    );
}

#[test]
fn seed_gold_claims_are_all_found_with_their_source() {
    let cues = Cues::builtin();
    let mut scores = Vec::new();
    let mut via = true;
    for f in gold_files("tests/fixtures/gold") {
        let (s, v) = score_file(&f, &cues);
        via &= v;
        scores.push(s);
    }
    print_table("seed gold (tests/fixtures/gold)", &scores, via);
    assert!(!scores.is_empty(), "no gold files found");
    for s in &scores {
        assert_eq!(s.right_source, s.total, "{}: {:#?}", s.file, s.misses);
        assert!(s.leaked.is_empty(), "{}: {:#?}", s.file, s.leaked);
    }
}

#[test]
fn other_articles_reach_eighty_percent_with_no_boilerplate() {
    let cues = Cues::builtin();
    let mut scores = Vec::new();
    let mut via = true;
    for f in gold_files("tests/fixtures/extract") {
        let (s, v) = score_file(&f, &cues);
        via &= v;
        scores.push(s);
    }
    print_table("own gold (tests/fixtures/extract)", &scores, via);
    assert!(!scores.is_empty(), "no gold files found");
    let (right, total) = scores
        .iter()
        .fold((0, 0), |(r, t), s| (r + s.right_source, t + s.total));
    assert!(right * 5 >= total * 4, "{right}/{total} is under 80%");
    for s in &scores {
        assert!(s.leaked.is_empty(), "{}: {:#?}", s.file, s.leaked);
    }
}
