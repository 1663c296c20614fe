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
