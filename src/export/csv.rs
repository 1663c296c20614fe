//! CSV for spreadsheets: RFC 4180 (CRLF, quotes doubled), UTF-8, one row per claim.
//! A cell a spreadsheet would run as a formula is made inert: the text comes from
//! untrusted articles.

use super::ExportOptions;
use crate::desk::Desk;
use std::borrow::Cow;
use std::io::{self, Write};

pub const HEADER: [&str; 14] = [
    "claim_id",
    "article",
    "title",
    "outlet",
    "date",
    "claim",
    "source",
    "source_type",
    "cue",
    "status",
    "suggested",
    "note",
    "reviewer",
    "updated_at",
];

pub fn write(
    desk: &Desk,
    claims: &[usize],
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if opts.excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER).map_err(io::Error::other)?;
    for &i in claims {
        let r = desk.record(i);
        let a = desk.article_of(i);
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        let row = [
            r.id,
            r.article,
            a.title.clone(),
            opt(&a.outlet),
            opt(&a.date),
            r.text,
            opt(&r.source),
            r.source_type.to_string(),
            opt(&r.cue),
            r.status.to_string(),
            r.suggested.to_string(),
            opt(&r.note),
            opt(&r.reviewer),
            opt(&r.updated_at),
        ];
        w.write_record(row.iter().map(|cell| inert(cell).into_owned()))
            .map_err(io::Error::other)?;
    }
    w.flush()
}

/// A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, which
/// spreadsheets show as text instead of running (OWASP's advice for CSV injection).
pub fn inert(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formulas_become_text_and_plain_cells_stay_as_they_are() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("\t=1"), "'\t=1");
        assert_eq!(inert("-5 قتلى"), "'-5 قتلى");
        assert_eq!(inert("قال الوزير = 3"), "قال الوزير = 3");
        assert_eq!(inert(""), "");
    }
}
