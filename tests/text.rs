//! The display pipeline against an independent reference: each seed's first lines and
//! paragraphs as arabic_reshaper (ligatures off) + python-bidi render them, recorded in
//! tests/fixtures/bidi/reference.jsonl by scripts/bidi_reference.py.

use claimdesk::text::display::{fit_line, layout_paragraph, Order, VisualLine};
use serde::Deserialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

const REFERENCE: &str = include_str!("fixtures/bidi/reference.jsonl");

#[derive(Debug, Deserialize)]
struct Record {
    seed: String,
    kind: String,
    width: usize,
    rtl: bool,
    source: String,
    logical: Vec<String>,
    visual: Vec<String>,
}

fn records() -> Vec<Record> {
    let records: Vec<Record> = REFERENCE
        .lines()
        .skip(1) // the generator's versions
        .map(|line| serde_json::from_str(line).expect("reference.jsonl is valid"))
        .collect();
    assert!(records.len() >= 40, "the fixture covers every seed");
    records
}

fn ours(record: &Record) -> Vec<VisualLine> {
    match record.kind.as_str() {
        "title" => vec![fit_line(&record.source, record.width, Order::Visual)],
        _ => layout_paragraph(&record.source, record.width, Order::Visual),
    }
}

/// The two ways python-bidi 0.6 differs from us on purpose, taken out of a visual line:
/// it reverses chars, so a haraka lands before its letter (we reverse graphemes, so it
/// stays on its letter); and it does not mirror brackets in right-to-left runs (rule L4).
/// Harakat are compared apart, per line, as a sorted list.
fn comparable(visual: &str) -> (String, Vec<char>) {
    let mut marks: Vec<char> = visual.chars().filter(|c| is_combining_mark(*c)).collect();
    marks.sort_unstable();
    let letters = visual
        .chars()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| unicode_bidi_mirroring::get_mirrored(c).map_or(c, |m| m.min(c)))
        .collect();
    (letters, marks)
}

#[test]
fn seed_lines_match_the_reshaper_and_python_bidi_reference() {
    for record in records() {
        let lines = ours(&record);
        let context = format!("{} {} {:?}", record.seed, record.kind, record.source);
        assert_eq!(lines.len(), record.visual.len(), "line count of {context}");
        for (n, (line, expected)) in lines.iter().zip(&record.visual).enumerate() {
            assert_eq!(line.rtl, record.rtl, "direction of {context}");
            assert_eq!(
                comparable(&line.text()),
                comparable(expected),
                "line {n} of {context}\n ours: {}\n ref:  {expected}",
                line.text()
            );
        }
    }
}

#[test]
fn seed_lines_wrap_where_the_reference_wraps() {
    for record in records().iter().filter(|r| r.kind == "body") {
        for (line, logical) in ours(record).iter().zip(&record.logical) {
            let start = line.glyphs.iter().map(|g| g.src.start).min().unwrap_or(0);
            let end = line.glyphs.iter().map(|g| g.src.end).max().unwrap_or(0);
            let covered: String = record.source[start..end].nfkc().collect();
            let expected: String = logical.nfkc().collect();
            assert_eq!(covered, expected, "{}", record.seed);
        }
    }
}

#[test]
fn arabic_titles_read_right_to_left_with_the_cut_at_the_left() {
    let rtl_titles: Vec<Record> = records()
        .into_iter()
        .filter(|r| r.kind == "title" && r.rtl)
        .collect();
    assert!(rtl_titles.len() >= 5);
    for record in rtl_titles {
        let line = fit_line(&record.source, record.width, Order::Visual);
        assert!(line.rtl);
        let cut = claimdesk::text::width(&record.source) > record.width;
        let starts_with_ellipsis = line.glyphs.first().is_some_and(|g| g.text == "…");
        assert_eq!(starts_with_ellipsis, cut, "{}", record.source);
        // the title's first letter (in logical order) is the last glyph on screen
        let first_src = line.glyphs.iter().map(|g| g.src.start).min();
        assert_eq!(line.glyphs.last().map(|g| g.src.start), first_src);
    }
}

#[test]
fn no_seed_line_overflows_or_draws_a_zero_width_cell() {
    for record in records() {
        for line in ours(&record) {
            assert!(line.width <= record.width, "{}", record.source);
            let sum: usize = line.glyphs.iter().map(|g| usize::from(g.width)).sum();
            assert_eq!(sum, line.width);
            for glyph in &line.glyphs {
                assert!(glyph.width > 0);
                assert_eq!(
                    usize::from(glyph.width),
                    glyph.text.width(),
                    "{:?}",
                    glyph.text
                );
                let first = glyph.text.chars().next().unwrap_or(' ');
                assert!(
                    !is_combining_mark(first),
                    "mark without a base: {:?}",
                    glyph.text
                );
            }
        }
    }
}

/// tmux does no bidi and no shaping: it must show our visual lines cell for cell, each RTL
/// line right-aligned against a `|` in the pane's last column.
#[test]
fn arabic_lines_fill_exactly_their_cells_in_tmux() {
    use std::process::Command;
    use std::time::{Duration, Instant};
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux not installed: skipping the terminal check");
        return;
    }
    let width = 40;
    let mut expected = Vec::new();
    for record in records().iter().filter(|r| r.kind == "body" && r.rtl) {
        for line in layout_paragraph(&record.source, width, Order::Visual) {
            let pad = " ".repeat(width - line.width);
            expected.push(format!("{pad}{}|", line.text()));
        }
    }
    expected.truncate(30);
    // each marker is written at an absolute column (CHA), so a line tmux finds wider or
    // narrower than we said shows a gap or loses a cell before the marker
    let drawn: String = expected
        .iter()
        .map(|row| format!("{}\x1b[{}G|\r\n", row.trim_end_matches('|'), width + 1))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("lines.txt");
    std::fs::write(&file, drawn).expect("write lines");
    let socket = dir.path().join("tmux.sock");
    let tmux = |args: &[&str]| {
        Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(args)
            .env("LANG", "C.UTF-8")
            .env_remove("TMUX")
            .output()
            .expect("tmux runs")
    };
    let show = format!("cat '{}'; sleep 60", file.display());
    let rows = (expected.len() + 2).to_string();
    let cols = (width + 1).to_string();
    let started = tmux(&["-u", "new-session", "-d", "-x", &cols, "-y", &rows, &show]);
    assert!(started.status.success(), "{started:?}");
    // wait until every line is on screen, never a fixed sleep
    let deadline = Instant::now() + Duration::from_secs(10);
    let screen = loop {
        let captured = tmux(&["capture-pane", "-p"]);
        let screen = String::from_utf8_lossy(&captured.stdout).into_owned();
        if screen.lines().filter(|l| l.ends_with('|')).count() >= expected.len()
            || Instant::now() > deadline
        {
            break screen;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    tmux(&["kill-server"]);
    let shown: Vec<&str> = screen.lines().take(expected.len()).collect();
    assert_eq!(shown, expected);
}
