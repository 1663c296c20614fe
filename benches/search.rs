//! Benchmarks of the search engine (run by scripts/bench.sh, which also races
//! `claimdesk filter --lines` against fzf). Subcommands:
//!   gen N FILE          write N generated claims, one per line
//!   keys N SCORER       replay typed queries through the Worker over N claims and print
//!                       per-keystroke latency percentiles and peak memory
//!   profile N R         replay them R times (fresh workers) for perf or callgrind
//!   step N BASE NEXT R  time one keystroke from BASE to NEXT, R times (median, best)
//! BENCH_VERBOSE=1 prints every keystroke's times and match counts to stderr.
//! A plain `cargo bench` runs `keys 10000 nucleo` as a smoke run.

mod support;

use claimdesk::search::scorer;
use claimdesk::search::{Index, Query, Worker};
use std::io::Write;
use std::time::{Duration, Instant};

enum Key {
    Type(&'static str),
    Back(usize),
}

/// Typing sessions: Arabic and Latin, growing, backspacing, with fields and operators.
/// Arabic words are typed the way people type them: bare alef, ha for ta marbuta.
fn sessions() -> Vec<Vec<Key>> {
    use Key::*;
    vec![
        vec![Type("الامريكيه"), Back(5), Type("يركيه")],
        vec![Type("وزارة الدفاع"), Back(6), Type("الخارجيه")],
        vec![Type("pentagon"), Back(3), Type("gon rebels")],
        vec![Type("washington"), Back(10), Type("موسكو")],
        vec![Type("status:unverified واشنطن")],
        vec![Type("!الروس 'سوري"), Back(4), Type("ريه")],
        vec![Type("lavrov"), Back(6), Type("لافروف")],
    ]
}

/// The query after each keystroke of a session.
fn keystrokes(session: &[Key]) -> Vec<String> {
    let mut out = Vec::new();
    let mut q: Vec<char> = Vec::new();
    for key in session {
        match key {
            Key::Type(s) => {
                for c in s.chars() {
                    q.push(c);
                    out.push(q.iter().collect());
                }
            }
            Key::Back(n) => {
                for _ in 0..*n {
                    q.pop();
                    out.push(q.iter().collect());
                }
            }
        }
    }
    out
}

fn peak_rss_mb() -> f64 {
    rss_mb("VmHWM:")
}

/// A memory line of /proc/self/status (VmRSS:, VmHWM:) in MB.
fn rss_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// CPU time used by this process so far (all threads), in milliseconds: the work the
/// keystrokes cost, less disturbed by other load than wall time.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        f.get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) * 10.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn stats(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    format!(
        "{:.1} {:.1} {:.1}",
        percentile(&v, 50.0),
        percentile(&v, 95.0),
        percentile(&v, 99.0)
    )
}

/// Claims per batch of a background load: 256 articles of about 22 claims.
const LOAD_BATCH: usize = 256 * 22;

fn keys(n: usize, scorer_name: &str) {
    let Some(scorer) = scorer::by_name(scorer_name) else {
        eprintln!("unknown scorer {scorer_name}: use greedy, skim or nucleo");
        std::process::exit(2);
    };
    // The claims as the desk holds them; the index gets a copy of each load batch, as
    // the TUI's background load hands it over, and keeps only what it folds from it.
    let claims = support::items(n);
    let text_mb = claims.iter().map(|i| i.text.len()).sum::<usize>() as f64 / 1048576.0;
    let items_mb = rss_mb("VmRSS:");
    let t = Instant::now();
    let mut index = Index::default();
    for batch in claims.chunks(LOAD_BATCH) {
        index.extend(batch.to_vec());
    }
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let index_mb = rss_mb("VmRSS:") - items_mb;
    let index_heap_mb = index.heap_bytes() as f64 / 1048576.0;
    let build_peak_mb = peak_rss_mb();
    let worker = Worker::with_scorer(index, scorer);
    let (mut first, mut done, mut narrowing, mut narrowing_first) =
        (vec![], vec![], vec![], vec![]);
    let mut previous = Query::default();
    let cpu_start = cpu_ms();
    for session in sessions() {
        previous = Query::default();
        let g = worker.search(previous.clone());
        worker.wait(g, Duration::from_secs(60));
        for raw in keystrokes(&session) {
            let Ok(q) = Query::parse(&raw) else {
                continue; // the UI keeps the last results while a field value is unfinished
            };
            let narrows = q.narrows(&previous) && !q.same_as(&previous);
            // Block on the worker's publishing, never poll: a polling loop would take a
            // share of the cores the search runs on (the TUI looks once per frame).
            let t = Instant::now();
            let g = worker.search(q.clone());
            let shown = worker
                .wait_first(g, Duration::from_secs(60))
                .map(|_| t.elapsed());
            let ranked = worker.wait(g, Duration::from_secs(60)).map(|_| t.elapsed());
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let t_done = ranked.map_or(f64::NAN, ms);
            let t_first = shown.map_or(t_done, ms);
            if std::env::var_os("BENCH_VERBOSE").is_some() {
                let s = worker.snapshot();
                eprintln!(
                    "{raw:?}: first {t_first:.1} done {t_done:.1} ms, {} of {} candidates matched{}",
                    s.matched,
                    s.candidates,
                    if narrows { ", narrowing" } else { "" }
                );
            }
            first.push(t_first);
            done.push(t_done);
            if narrows {
                narrowing.push(t_done);
                narrowing_first.push(t_first);
            }
            previous = q;
        }
    }
    let _ = previous;
    let cpu = cpu_ms() - cpu_start;
    let total: f64 = done.iter().sum();
    println!(
        "keys n={n} scorer={} keystrokes={} narrowing={} build_ms={build_ms:.0} text_mb={text_mb:.1} peak_mb={:.1} \
         items_rss_mb={items_mb:.1} index_rss_mb={index_mb:.1} index_heap_mb={index_heap_mb:.1} \
         build_peak_mb={build_peak_mb:.1} \
         total_done_ms={total:.0} cpu_ms={cpu:.0} \
         first_p50_p95_p99={} done_p50_p95_p99={} narrowing_done_p50_p95_p99={} narrowing_first_p50_p95_p99={}",
        scorer.name(),
        done.len(),
        narrowing.len(),
        peak_rss_mb(),
        stats(first).replace(' ', "/"),
        stats(done).replace(' ', "/"),
        stats(narrowing).replace(' ', "/"),
        stats(narrowing_first).replace(' ', "/"),
    );
}

/// Replay every session `repeat` times, each time on a fresh worker (an empty cache), for
/// `perf record` or `valgrind --tool=callgrind`: matching dominates the profile, not the
/// corpus generation. Prints the CPU time of the replays.
fn profile(n: usize, repeat: usize) {
    let items = support::items(n);
    let workers: Vec<Worker> = (0..repeat)
        .map(|_| Worker::new(Index::new(items.clone())))
        .collect();
    drop(items);
    // For `perf record -p` or `callgrind_control -i on`: attach once everything is built.
    eprintln!("profile: {n} items ready, pid {}", std::process::id());
    std::thread::sleep(Duration::from_millis(
        std::env::var("BENCH_PROFILE_WAIT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    ));
    let start = cpu_ms();
    for worker in &workers {
        for session in sessions() {
            for raw in keystrokes(&session) {
                let Ok(q) = Query::parse(&raw) else { continue };
                let g = worker.search(q);
                worker.wait(g, Duration::from_secs(600));
            }
        }
    }
    let cpu = cpu_ms() - start;
    println!(
        "profile n={n} repeat={repeat} cpu_ms_per_replay={:.0}",
        cpu / repeat.max(1) as f64
    );
}

/// Time one keystroke, from `base` (answered first, not timed) to `next`, `repeat` times
/// on the same worker; the median and the best. Each round adds one item, which empties
/// the worker's cache, so `next` is worked out again from `base`'s matches.
fn step(n: usize, base: &str, next: &str, repeat: usize) {
    let items = support::items(n);
    let spare = items.first().cloned().unwrap_or_default();
    let worker = Worker::new(Index::new(items));
    let (Ok(base_q), Ok(next_q)) = (Query::parse(base), Query::parse(next)) else {
        eprintln!("step: bad query");
        std::process::exit(2);
    };
    eprintln!("step: {n} items ready, pid {}", std::process::id());
    std::thread::sleep(Duration::from_millis(
        std::env::var("BENCH_PROFILE_WAIT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    ));
    let mut times = Vec::new();
    for _ in 0..repeat {
        worker.extend(vec![spare.clone()]);
        let g = worker.search(base_q.clone());
        worker.wait(g, Duration::from_secs(60));
        let t = Instant::now();
        let g = worker.search(next_q.clone());
        let s = worker.wait(g, Duration::from_secs(60));
        times.push(t.elapsed().as_secs_f64() * 1e3);
        if times.len() == 1 {
            eprintln!(
                "step: {:?} -> {:?}: {} of {} candidates matched",
                base,
                next,
                s.as_ref().map_or(0, |s| s.matched),
                s.as_ref().map_or(0, |s| s.candidates)
            );
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "step n={n} {base:?} -> {next:?}: median {:.1} ms, best {:.1} ms",
        percentile(&times, 50.0),
        times.first().copied().unwrap_or(f64::NAN)
    );
}

/// Time the synchronous filter for a few queries (one line each).
fn probe(n: usize, scorer_name: &str, queries: &[String]) {
    let scorer = scorer::by_name(scorer_name).unwrap_or(scorer::default_scorer());
    let index = Index::new(support::items(n));
    for raw in queries {
        let Ok(q) = Query::parse(raw) else { continue };
        let t = Instant::now();
        let hits = claimdesk::search::filter_with(&index, &q, scorer);
        println!(
            "{raw:?}: {} matches in {:.1} ms",
            hits.len(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}

fn gen(n: usize, path: &str) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for line in support::claims(n) {
        writeln!(out, "{line}")?;
    }
    out.flush()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let number = |i: usize| arg(i).and_then(|s| s.parse::<usize>().ok());
    match (arg(0), number(1)) {
        (Some("gen"), Some(n)) => {
            if let Err(e) = gen(n, arg(2).unwrap_or("claims.txt")) {
                eprintln!("gen: {e}");
                std::process::exit(1);
            }
        }
        (Some("keys"), Some(n)) => keys(n, arg(2).unwrap_or("nucleo")),
        (Some("profile"), Some(n)) => profile(n, number(2).unwrap_or(5)),
        (Some("step"), Some(n)) => step(
            n,
            arg(2).unwrap_or(""),
            arg(3).unwrap_or(""),
            number(4).unwrap_or(9),
        ),
        (Some("probe"), Some(n)) => probe(n, arg(2).unwrap_or("nucleo"), &args[3..]),
        (None, _) => keys(10_000, "nucleo"),
        _ => {
            eprintln!("usage: search gen N FILE | keys N [greedy|skim|nucleo] | profile N R | step N BASE NEXT R");
            std::process::exit(2);
        }
    }
}
