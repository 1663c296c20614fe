//! Extraction throughput: generates a corpus of seed-sized articles (sentences of seeds/
//! and the English wire fixtures, recombined with numbers and names varied) and times
//! each stage of a load. Deterministic (fixed seed, no network); prints what it measured.
//!
//!   cargo bench --bench extract                      2,000 articles in a temp folder
//!   cargo bench --bench extract -- generate DIR N    write N articles into DIR
//!   cargo bench --bench extract -- split DIR         time each stage on DIR

use claimdesk::corpus;
use claimdesk::extract::{self, Cues};
use claimdesk::model::Claim;
use claimdesk::store::snapshot;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// xorshift64*: the corpus must not change when a crate's generator does.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ARABIC_NAMES: &[&str] = &[
    "سيرغي لافروف",
    "إلهام أحمد",
    "وزارة الدفاع الروسية",
    "المرصد السوري لحقوق الإنسان",
    "مصادر مطلعة",
    "مسؤول أمريكي رفض الكشف عن اسمه",
    "وكالة سانا",
    "صحيفة الشرق الأوسط",
    "الناطق باسم التحالف",
    "شهود عيان",
];
const ARABIC_CUES: &[&str] = &["وقال", "وأكدت", "وأضاف", "وذكرت", "وأفاد"];
const ARABIC_UNITS: &[&str] = &["شاحنة", "مقاتلا", "مدنيا", "عائلة", "طائرة", "قرية"];
const ENGLISH_NAMES: &[&str] = &[
    "Sergei Lavrov",
    "the Pentagon",
    "a senior U.S. official",
    "Two diplomats familiar with the talks",
    "The Syrian Observatory for Human Rights",
    "Residents",
    "Jan Egeland",
];

/// Sentences to recombine: (Arabic, English).
fn pools(root: &Path) -> (Vec<String>, Vec<String>) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let arabic = paths.iter().flat_map(|p| split_sentences(p, 6)).collect();
    let english = ["en_wire_1.txt", "en_wire_2.txt"]
        .into_iter()
        .flat_map(|f| split_sentences(&root.join("tests/fixtures/extract").join(f), 5))
        .collect();
    (arabic, english)
}

/// Sentences of a file's paragraphs (terminator kept), at least `min_words` long.
fn split_sentences(path: &Path, min_words: usize) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let mut start = 0;
        for (i, c) in line.char_indices() {
            let end = i + c.len_utf8();
            let next_space = line[end..].starts_with(' ') || end == line.len();
            if matches!(c, '.' | '؟' | '?' | '!') && next_space {
                out.push(line[start..end].trim().to_string());
                start = end;
            }
        }
        out.push(line[start..].trim().to_string());
    }
    out.retain(|s| s.split_whitespace().count() >= min_words);
    out
}

/// One sentence with its numbers changed and, sometimes, a new source in front.
fn vary(sentence: &str, arabic: bool, rng: &mut Rng) -> String {
    let mut s: String = sentence
        .chars()
        .map(|c| match c {
            '0'..='9' if rng.chance(60) => char::from(b'0' + rng.below(10) as u8),
            _ => c,
        })
        .collect();
    if arabic {
        if rng.chance(25) {
            let n = 10 + rng.below(490);
            s = format!(
                "{} {} إن {} {} {}",
                rng.pick(ARABIC_CUES),
                rng.pick(ARABIC_NAMES),
                s.trim_end_matches(['.', '؟', '!']),
                n,
                rng.pick(ARABIC_UNITS)
            );
            s.push('.');
        }
    } else if rng.chance(25) {
        let body = s.trim_end_matches(['.', '?', '!']);
        s = format!(
            "{} said {} trucks {}.",
            rng.pick(ENGLISH_NAMES),
            10 + rng.below(90),
            body.to_lowercase()
        );
    }
    s
}

/// One article: a title line, then paragraphs of one to three sentences.
fn article(pool: &[String], arabic: bool, rng: &mut Rng) -> String {
    let title: Vec<&str> = rng.pick(pool).split_whitespace().take(9).collect();
    let mut text = title.join(" ");
    text.push_str("\n\n");
    // seed articles are 6-9 kB; so are these
    let target = 6_000 + rng.below(3_000);
    while text.len() < target {
        for _ in 0..1 + rng.below(3) {
            let sentence: &String = rng.pick(pool);
            text.push_str(&vary(sentence, arabic, rng));
            text.push(' ');
        }
        text.push_str("\n\n");
    }
    text
}

/// Write `n` articles into `dir`, four in five Arabic.
fn generate(dir: &Path, n: usize, root: &Path) -> std::io::Result<()> {
    let (arabic, english) = pools(root);
    if arabic.is_empty() || english.is_empty() {
        return Err(std::io::Error::other("no seed sentences found"));
    }
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(0x5EED_C1A1);
    for i in 0..n {
        let is_arabic = rng.chance(80);
        let pool = if is_arabic { &arabic } else { &english };
        let text = article(pool, is_arabic, &mut rng);
        std::fs::write(dir.join(format!("{i:05}.txt")), text)?;
    }
    Ok(())
}

/// CPU time (user + system) of this process, all threads: on a shared machine wall time
/// says more about the neighbours than about the code.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return Duration::ZERO;
    }
    let secs = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Wall and CPU time of one stage.
struct Took {
    wall: Duration,
    cpu: Duration,
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Took) {
    let (start, cpu) = (Instant::now(), cpu_time());
    let out = f();
    let took = Took {
        wall: start.elapsed(),
        cpu: cpu_time().saturating_sub(cpu),
    };
    (out, took)
}

fn ms(t: &Took) -> String {
    format!(
        "{:.0} ms | {:.0} ms",
        t.wall.as_secs_f64() * 1000.0,
        t.cpu.as_secs_f64() * 1000.0
    )
}

/// Time every stage of a cold and a warm load of `dir`, as the desk does them.
fn split(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let cues = Cues::builtin();
    let (corpus, load) = timed(|| corpus::load(dir));
    let corpus = corpus?;
    let articles = &corpus.articles;
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    let (per_article, extract_all) = timed(|| {
        articles
            .par_iter()
            .map(|a| extract::extract(a, &cues))
            .collect::<Vec<Vec<Claim>>>()
    });
    let sample = articles.len().min(500);
    let (_, extract_one) = timed(|| {
        for a in &articles[..sample] {
            std::hint::black_box(extract::extract(a, &cues));
        }
    });
    let mut claims: Vec<Claim> = per_article.iter().flatten().cloned().collect();
    let (_, link) = timed(|| extract::link_related(&mut claims));
    let related = claims.iter().filter(|c| !c.related.is_empty()).count();

    // The snapshot a load keeps: every article's layout and claims, encoded, then read
    // back and decoded against the texts.
    let (encoded, write) = timed(|| {
        let mut w = snapshot::Writer::new(snapshot::Key::default());
        for (a, c) in articles.iter().zip(&per_article) {
            w.article(a, c, None);
        }
        w.finish(&[]).to_bytes()
    });
    let size = encoded.len();
    let (read, read_time) = timed(|| {
        let snap = snapshot::Snapshot::parse(encoded)?;
        let hits = (0..articles.len())
            .filter(|&i| snap.claims(i, &articles[i]).is_some())
            .count();
        Some(hits)
    });
    let hits = read.unwrap_or(0);

    let threads = rayon::current_num_threads();
    println!(
        "| stage | wall | CPU | note |\n| --- | ---: | ---: | --- |\n\
         | corpus::load | {} | {} articles, {:.1} MB |\n\
         | extract, {threads} threads | {} | {} claims |\n\
         | extract, 1 thread | {} | {:.2} ms CPU per article ({sample} articles) |\n\
         | link_related | {} | {related} claims linked |\n\
         | snapshot write (encode) | {} | {:.1} MB |\n\
         | snapshot read (decode × {}, 1 thread) | {} | {hits} hits |",
        ms(&load),
        articles.len(),
        bytes as f64 / 1e6,
        ms(&extract_all),
        claims.len(),
        ms(&extract_one),
        extract_one.cpu.as_secs_f64() * 1000.0 / sample.max(1) as f64,
        ms(&link),
        ms(&write),
        size as f64 / 1e6,
        articles.len(),
        ms(&read_time),
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // cargo passes `--bench`; everything else is ours
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["generate", dir, n] => generate(Path::new(dir), n.parse()?, &root)?,
        ["split", dir] => split(Path::new(dir))?,
        [] => {
            let dir = tempfile::tempdir()?;
            generate(dir.path(), 2_000, &root)?;
            split(dir.path())?;
        }
        _ => return Err("usage: extract [generate DIR N | split DIR]".into()),
    }
    Ok(())
}
