//! How long the TUI's own thread is busy per frame while a reviewer types a claim filter
//! on a large corpus: the keys go through `key_action` + `update` and every frame polls
//! the search worker and draws the whole screen (ratatui's TestBackend, 160×45), as the
//! event loop does. The search itself runs on the worker's threads; what is measured here
//! is what could hold a key or a redraw up.
//!
//!   frames CORPUS [DB]
//!
//! Loads CORPUS (a folder, e.g. one `cargo bench --bench extract -- generate` made) with
//! its store at DB (default: a temporary one), then replays typed queries one keystroke at
//! a time and prints one line of figures: per frame (busy time of one loop turn: poll,
//! apply, draw), per key (`update` alone), and from a key to the frame that shows its
//! first and its final results.

use claimdesk::config::Config;
use claimdesk::desk::{Desk, OpenOptions};
use claimdesk::text::display::Order;
use claimdesk::tui::keymap::Keymap;
use claimdesk::tui::model::Model;
use claimdesk::tui::theme::Theme;
use claimdesk::tui::{update, views};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::{Duration, Instant};

/// Typed sessions, as in benches/search.rs: Arabic and Latin words, a field, a negation,
/// growing, then backspacing and typing again. `\u{8}` is a backspace.
const SESSIONS: &[&str] = &[
    "الامريكيه\u{8}\u{8}\u{8}\u{8}\u{8}يركيه",
    "وزارة الدفاع\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}الخارجيه",
    "pentagon\u{8}\u{8}\u{8}gon rebels",
    "status:unverified واشنطن",
    "lavrov\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}لافروف",
];

/// Between frames the loop waits as the TUI's does while results are on their way.
const FRAME_WAIT: Duration = claimdesk::tui::RESULTS_POLL;
/// A key whose final results have not shown after this long is reported as timed out.
const KEY_TIMEOUT: Duration = Duration::from_secs(30);

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(corpus) = args.first() else {
        eprintln!("usage: frames CORPUS [DB]");
        std::process::exit(2);
    };
    let tmp = std::env::temp_dir().join(format!("claimdesk-frames-{}", std::process::id()));
    let db = args
        .get(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.join("triage.db"));
    std::fs::create_dir_all(db.parent().unwrap_or(std::path::Path::new("."))).ok();
    let opts = OpenOptions {
        corpus: corpus.into(),
        db: Some(db),
        reviewer: "bench".into(),
        cues: claimdesk::extract::Cues::builtin(),
    };
    let started = Instant::now();
    // Loaded as `claimdesk CORPUS` loads it: in the background, the articles' and the
    // claims' texts let go (drawn rows read theirs back).
    let (desk, loader) = Desk::open_in_background(&opts).unwrap_or_else(|e| {
        eprintln!("frames: {e}");
        std::process::exit(1);
    });
    let config = Config::builtin();
    let keymap = Keymap::from_bindings(&config.keymap).expect("built-in keys");
    let theme = Theme::new(&config.theme, true);
    let (w, h) = (160, 45);
    let mut m = Model::new(desk, keymap, Order::Visual, (w, h));
    loop {
        match loader.try_recv() {
            Some(message) => {
                if let claimdesk::desk::Loaded::Failed(e) = &message {
                    eprintln!("frames: {e}");
                    std::process::exit(1);
                }
                let done = matches!(message, claimdesk::desk::Loaded::Done);
                m.apply_loaded(message);
                if done {
                    break;
                }
            }
            None => std::thread::sleep(Duration::from_millis(1)),
        }
    }
    loader.finish();
    let claims = m.desk.claims.len();
    let articles = m.desk.corpus.articles.len();
    let load_s = started.elapsed().as_secs_f64();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    let mut draw = |m: &Model| {
        terminal.draw(|f| views::draw(f, m, &theme)).expect("draw");
    };
    // The claim filter's index is built on the worker: wait for it, as a reviewer who
    // opens the filter once the gauge is gone would.
    while m.claim_search.with_index(|ix| ix.len()) < claims {
        std::thread::sleep(Duration::from_millis(10));
    }
    draw(&m);

    // FRAMES_TRACE=1: each keystroke's query and times on stderr
    let trace = std::env::var_os("FRAMES_TRACE").is_some();
    let (mut frames, mut keys, mut first, mut last) = (vec![], vec![], vec![], vec![]);
    let mut timed_out = 0;
    for session in SESSIONS {
        press(&mut m, KeyCode::Char('/'));
        for c in session.chars() {
            let code = if c == '\u{8}' {
                KeyCode::Backspace
            } else {
                KeyCode::Char(c)
            };
            let t0 = Instant::now();
            press(&mut m, code);
            keys.push(t0.elapsed());
            // The loop turn that follows a key: a moment for the first rows, then draw.
            let t = Instant::now();
            let shown = m.await_first_results(claimdesk::tui::FIRST_RESULTS_WAIT);
            let shown = m.poll_search() || shown;
            draw(&m);
            frames.push(t.elapsed());
            // Rows of this key's query drawn already, or no search to wait for.
            let mut shown_first = shown || m.claim_search_pending.is_none();
            if shown_first {
                first.push(t0.elapsed());
            }
            while m.claim_search_pending.is_some() {
                if t0.elapsed() > KEY_TIMEOUT {
                    timed_out += 1;
                    eprintln!(
                        "frames: no final results for {:?} after {KEY_TIMEOUT:?}",
                        m.prompt
                    );
                    break;
                }
                std::thread::sleep(FRAME_WAIT);
                let t = Instant::now();
                if m.poll_search() {
                    draw(&m);
                    frames.push(t.elapsed());
                    if !shown_first {
                        shown_first = true;
                        first.push(t0.elapsed());
                    }
                }
            }
            last.push(t0.elapsed());
            if trace {
                let input = match &m.prompt {
                    Some(claimdesk::tui::model::Prompt::Filter { input, .. }) => input.clone(),
                    _ => String::new(),
                };
                eprintln!(
                    "key {:?} first {:.1} ms final {:.1} ms",
                    input,
                    first.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
                    t0.elapsed().as_secs_f64() * 1000.0
                );
            }
        }
        press(&mut m, KeyCode::Esc);
        let t = Instant::now();
        m.poll_search();
        draw(&m);
        frames.push(t.elapsed());
    }
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    let stats = |v: &mut Vec<Duration>| {
        v.sort_unstable();
        let at = |p: f64| v.get(((v.len() as f64 * p).ceil() as usize).saturating_sub(1));
        format!(
            "{:.1}/{:.1}/{:.1}/{:.1}",
            at(0.5).map_or(0.0, ms),
            at(0.95).map_or(0.0, ms),
            at(0.99).map_or(0.0, ms),
            v.last().map_or(0.0, ms)
        )
    };
    let over = frames.iter().filter(|d| ms(d) > 16.0).count();
    println!(
        "frames articles={articles} claims={claims} load_s={load_s:.1} keystrokes={} frames={} \
         frames_over_16ms={over} timed_out={timed_out} frame_p50_p95_p99_max={} \
         key_p50_p95_p99_max={} first_p50_p95_p99_max={} final_p50_p95_p99_max={}",
        keys.len(),
        frames.len(),
        stats(&mut frames),
        stats(&mut keys),
        stats(&mut first),
        stats(&mut last),
    );
    // The desk holds the store open; the temporary folder goes with the process.
    drop(m);
    let _ = std::fs::remove_dir_all(&tmp);
}

fn press(m: &mut Model, code: KeyCode) {
    if let Some(action) = update::key_action(m, KeyEvent::new(code, KeyModifiers::NONE)) {
        update::update(m, action);
    }
}
