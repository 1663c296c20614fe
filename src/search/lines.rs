//! `filter --lines`: rank newline-separated items from a reader, like `fzf --filter`.
//! Keeps one copy of the input and no keys: each line is folded into a per-thread buffer,
//! tested, and forgotten; only (line, score) pairs of matches survive.

use super::matcher::{Prepared, Scored, Subject, NO_END};
use super::query::Query;
use super::scorer::{default_scorer, Scorer};
use crate::text::normalize::{search_key_from_bytes, search_key_into};
use rayon::prelude::*;
use std::io::{self, BufRead, Write};
use std::ops::Range;

/// Lines handed to one rayon task at least.
const MIN_TASK: usize = 1024;

/// `filter --lines`: read newline-separated items, write matching ones best first (like
/// `fzf --filter`). Returns how many matched.
///
/// `size` is how many bytes the input holds when that is known (a file on stdin): the
/// input is read into one buffer of that size instead of one that doubles as it fills,
/// each doubling a copy that leaves the old buffer resident for a while.
pub fn filter_lines(
    query: &Query,
    input: &mut dyn BufRead,
    size: Option<u64>,
    out: &mut dyn Write,
) -> io::Result<usize> {
    filter_lines_with(query, input, size, out, default_scorer())
}

/// [`filter_lines`] with a chosen scorer.
pub fn filter_lines_with(
    query: &Query,
    input: &mut dyn BufRead,
    size: Option<u64>,
    out: &mut dyn Write,
    scorer: &dyn Scorer,
) -> io::Result<usize> {
    let mut data = Vec::new();
    if let Some(n) = size.and_then(|n| usize::try_from(n).ok()) {
        // one byte more, so that finding the end needs no growth
        data.reserve_exact(n.saturating_add(1));
    }
    input.read_to_end(&mut data)?;
    let lines = split_lines(&data);
    let prepared = Prepared::new(query);
    let plan = prepared.plan(None, scorer);
    if prepared.is_empty() {
        for r in &lines {
            write_line(out, &data[r.clone()])?;
        }
        return Ok(lines.len());
    }
    let mut matches: Vec<Scored> = lines
        .par_iter()
        .enumerate()
        .with_min_len(MIN_TASK)
        .map_init(
            || (String::new(), vec![NO_END; prepared.slots()]),
            |(key, ends), (i, r)| {
                let bytes = &data[r.clone()];
                // An ASCII line folds by lowercasing (`search_key_into`'s own first case);
                // others decode and fold in one pass, with validation and the grapheme path
                // only for the rare line that needs them.
                let ascii = bytes
                    .is_ascii()
                    .then(|| std::str::from_utf8(bytes).ok())
                    .flatten();
                if let Some(text) = ascii {
                    search_key_into(text, key);
                } else if !search_key_from_bytes(bytes, key) {
                    match std::str::from_utf8(bytes) {
                        Ok(text) => search_key_into(text, key),
                        Err(_) => search_key_into(&String::from_utf8_lossy(bytes), key),
                    }
                }
                let score = prepared.eval(&Subject::line(key), scorer, &plan, &[], ends, None)?;
                Some(Scored {
                    index: u32::try_from(i).ok()?,
                    score,
                })
            },
        )
        .flatten()
        .collect();
    let len = |i: u32| lines.get(i as usize).map_or(0, |r| r.len());
    if prepared.ranked {
        matches.par_sort_unstable_by(|a, b| prepared.cmp(a, b, len));
    }
    for m in &matches {
        if let Some(r) = lines.get(m.index as usize) {
            write_line(out, &data[r.clone()])?;
        }
    }
    Ok(matches.len())
}

fn write_line(out: &mut dyn Write, line: &[u8]) -> io::Result<()> {
    out.write_all(line)?;
    out.write_all(b"\n")
}

/// Byte ranges of the lines, without their `\n` or `\r\n`; no empty last line.
fn split_lines(data: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', data).count() + 1);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', data) {
        out.push(trim_cr(data, start..nl));
        start = nl + 1;
    }
    if start < data.len() {
        out.push(trim_cr(data, start..data.len()));
    }
    out
}

fn trim_cr(data: &[u8], r: Range<usize>) -> Range<usize> {
    if r.end > r.start && data.get(r.end - 1) == Some(&b'\r') {
        r.start..r.end - 1
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(query: &str, input: &str) -> (usize, String) {
        let q = Query::parse(query).expect("query");
        let mut out = Vec::new();
        let n = filter_lines(&q, &mut input.as_bytes(), None, &mut out).expect("io");
        (n, String::from_utf8(out).expect("utf8"))
    }

    #[test]
    fn best_first_then_shorter_then_original_order() {
        let (n, out) = run("abc", "xaxbxc\nabc\nzzz\nabcd\nabc\r\n");
        assert_eq!(n, 4);
        assert_eq!(out, "abc\nabc\nabcd\nxaxbxc\n");
    }

    #[test]
    fn empty_and_negation_only_queries_keep_input_order() {
        assert_eq!(run("", "b\na\n"), (2, "b\na\n".into()));
        assert_eq!(run("!a", "bb\na\nb\n"), (2, "bb\nb\n".into()));
    }

    #[test]
    fn invalid_utf8_lines_are_matched_and_written_back_as_they_were() {
        let q = Query::parse("abc").expect("query");
        let input: &[u8] = b"ab\xffc\nnothing\n";
        let mut out = Vec::new();
        let n = filter_lines(&q, &mut &input[..], Some(input.len() as u64), &mut out).expect("io");
        assert_eq!(n, 1);
        assert_eq!(out, b"ab\xffc\n");
    }
}
