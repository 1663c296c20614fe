//! `filter --lines`: rank newline-separated items from a reader, like `fzf --filter`.
//! Keeps one copy of the input and no keys: each line is folded into a per-thread buffer,
//! tested, and forgotten; only (line, score) pairs of matches survive.

use super::matcher::{Prepared, Scored, Subject, NO_END};
use super::query::Query;
use super::scorer::{default_scorer, Scorer};
use crate::text::normalize::{search_key_from_bytes, search_key_into};
use rayon::prelude::*;
use std::io::{self, BufRead, Read, Write};
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
    let data = Pieces::read(input, size)?;
    let lines = data.lines();
    let prepared = Prepared::new(query);
    let plan = prepared.plan(None, scorer);
    if prepared.is_empty() {
        for r in &lines {
            write_line(out, data.line(r))?;
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
                let bytes = data.line(r);
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
                    match simdutf8::basic::from_utf8(bytes) {
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
            write_line(out, data.line(r))?;
        }
    }
    Ok(matches.len())
}

fn write_line(out: &mut dyn Write, line: &[u8]) -> io::Result<()> {
    out.write_all(line)?;
    out.write_all(b"\n")
}

/// The input, in pieces that each end at the end of a line (the last one may not): read
/// from a pipe, one buffer for all of it would be copied each time it doubled, and with
/// jemalloc each outgrown buffer stays resident a while (77 MB for 32 MB of lines).
struct Pieces {
    pieces: Vec<Vec<u8>>,
    /// Where each piece starts in the whole input.
    starts: Vec<usize>,
}

/// Bytes of a pipe read into one piece (more when one line is longer).
const PIECE: usize = 4 << 20;

impl Pieces {
    /// Read `input` to its end; `size`, when known (a file), is read as one piece.
    fn read(input: &mut dyn BufRead, size: Option<u64>) -> io::Result<Pieces> {
        let mut pieces = Vec::new();
        if let Some(n) = size.and_then(|n| usize::try_from(n).ok()) {
            // one byte more, so that finding the end needs no growth
            let mut data = Vec::with_capacity(n.saturating_add(1));
            input.read_to_end(&mut data)?;
            pieces.push(data);
        } else {
            let mut carry = Vec::new();
            loop {
                let room = PIECE.max(carry.len() * 2);
                let mut piece = Vec::with_capacity(room);
                piece.append(&mut carry);
                let want = (room - piece.len()) as u64;
                let n = Read::take(&mut *input, want).read_to_end(&mut piece)?;
                if n == 0 {
                    if !piece.is_empty() {
                        pieces.push(piece);
                    }
                    break;
                }
                match memchr::memrchr(b'\n', &piece) {
                    Some(nl) => {
                        carry = piece[nl + 1..].to_vec();
                        piece.truncate(nl + 1);
                        pieces.push(piece);
                    }
                    // a line longer than the piece: read on into a larger one
                    None => carry = piece,
                }
            }
        }
        let mut starts = Vec::with_capacity(pieces.len());
        let mut at = 0;
        for p in &pieces {
            starts.push(at);
            at += p.len();
        }
        Ok(Pieces { pieces, starts })
    }

    /// Every line's range in the whole input.
    fn lines(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for (p, start) in self.pieces.iter().zip(&self.starts) {
            out.extend(
                split_lines(p)
                    .into_iter()
                    .map(|r| r.start + start..r.end + start),
            );
        }
        out
    }

    /// The bytes of a line [`Pieces::lines`] gave (no line spans two pieces).
    fn line(&self, r: &Range<usize>) -> &[u8] {
        let p = self
            .starts
            .partition_point(|&s| s <= r.start)
            .saturating_sub(1);
        let start = self.starts.get(p).copied().unwrap_or(0);
        (self.pieces.get(p))
            .and_then(|piece| piece.get(r.start - start..r.end - start))
            .unwrap_or_default()
    }
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
    fn a_pipe_is_read_in_pieces_that_never_cut_a_line() {
        // lines around the piece size, one longer than a piece, no newline at the end
        let mut input = Vec::new();
        let mut want = Vec::new();
        for (i, len) in [PIECE - 3, 5, PIECE + 7, 1, PIECE / 2, 9]
            .into_iter()
            .enumerate()
        {
            let line: Vec<u8> = std::iter::repeat_n(b'a' + i as u8, len).collect();
            input.extend_from_slice(&line);
            input.push(b'\n');
            want.push(line);
        }
        input.extend_from_slice(b"last");
        want.push(b"last".to_vec());
        let data = Pieces::read(&mut &input[..], None).expect("io");
        assert!(data.pieces.len() > 1);
        let got: Vec<&[u8]> = data.lines().iter().map(|r| data.line(r)).collect();
        assert_eq!(got, want.iter().map(Vec::as_slice).collect::<Vec<_>>());
        let whole = Pieces::read(&mut &input[..], Some(input.len() as u64)).expect("io");
        assert_eq!(whole.pieces.len(), 1);
        let again: Vec<&[u8]> = whole.lines().iter().map(|r| whole.line(r)).collect();
        assert_eq!(again, got);
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
