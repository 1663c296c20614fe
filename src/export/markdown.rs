//! A Markdown report grouped by article, readable pasted into a ticket or a chat. Every
//! piece of article text is escaped so that it can neither start a heading, close a
//! table cell, open code or a link, nor move a terminal's cursor.

use crate::desk::Desk;
use crate::model::Status;
use crate::text::sanitize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Statuses in the order a desk lead reads them: the problems first.
const REPORT_ORDER: [Status; 4] = [
    Status::Contradicted,
    Status::Unverified,
    Status::Attributed,
    Status::Untriaged,
];

pub fn write(desk: &Desk, claims: &[usize], out: &mut dyn Write) -> io::Result<()> {
    // Selected claims by article, articles in corpus order.
    let mut merged: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in claims {
        merged.entry(desk.claim_article[i]).or_default().push(i);
    }

    let mut totals = [0usize; 4];
    for &i in claims {
        totals[status_index(desk.status(i))] += 1;
    }
    writeln!(out, "# Claims report\n")?;
    writeln!(
        out,
        "{} claims in {} articles: {}.\n",
        claims.len(),
        merged.len(),
        REPORT_ORDER
            .iter()
            .map(|s| format!("{} {s}", totals[status_index(*s)]))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    if merged.is_empty() {
        return Ok(());
    }
    writeln!(out, "| Article | Outlet | Date | Triaged |")?;
    writeln!(out, "| --- | --- | --- | --- |")?;
    for (&a, list) in &merged {
        let article = &desk.corpus.articles[a];
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            title(&article.title),
            inline(article.outlet.as_deref().unwrap_or("")),
            inline(article.date.as_deref().unwrap_or("")),
            progress(desk, list)
        )?;
    }
    for (&a, list) in &merged {
        let article = &desk.corpus.articles[a];
        writeln!(out, "\n## {}\n", title(&article.title))?;
        let mut facts: Vec<String> = [article.outlet.as_deref(), article.date.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .map(inline)
            .collect();
        facts.push(format!("{} claims triaged", progress(desk, list)));
        facts.push(format!("file {}", inline(&article.path)));
        writeln!(out, "{}", facts.join(" · "))?;
        for status in REPORT_ORDER {
            let of_status: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&i| desk.status(i) == status)
                .collect();
            if of_status.is_empty() {
                continue;
            }
            writeln!(
                out,
                "\n### {} {} ({})\n",
                status.glyph(),
                capitalised(status.as_str()),
                of_status.len()
            )?;
            for i in of_status {
                claim(desk, i, out)?;
            }
        }
    }
    Ok(())
}

fn claim(desk: &Desk, i: usize, out: &mut dyn Write) -> io::Result<()> {
    let r = desk.record(i);
    writeln!(out, "- {}", inline(&r.text))?;
    let source = match &r.source {
        Some(s) if !s.trim().is_empty() => format!("{} ({})", inline(s), r.source_type),
        _ => r.source_type.to_string(),
    };
    writeln!(out, "  - source: {source}")?;
    if let Some(note) = r.note.as_deref().filter(|n| !n.trim().is_empty()) {
        writeln!(out, "  - note: {}", inline(note))?;
    }
    if let (Some(who), Some(at)) = (&r.reviewer, &r.updated_at) {
        writeln!(out, "  - by {} at {}", inline(who), inline(at))?;
    }
    writeln!(out, "  - id {}", inline(&r.id))
}

fn progress(desk: &Desk, claims: &[usize]) -> String {
    let done = claims
        .iter()
        .filter(|&&i| desk.status(i) != Status::Untriaged)
        .count();
    format!("{done}/{}", claims.len())
}

fn status_index(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn title(t: &str) -> String {
    let t = inline(t);
    if t.is_empty() {
        "(untitled)".to_string()
    } else {
        t
    }
}

/// Untrusted text as one line of inert Markdown: control characters dropped, every
/// character CommonMark gives a meaning inline or at a line start backslash-escaped.
pub fn inline(text: &str) -> String {
    let line = sanitize::one_line(text);
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    let mut at_start = true;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // A list marker or thematic break only means something at the start.
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            // "1. " or "1) " at the start would begin an ordered list.
            d if at_start && d.is_ascii_digit() => {
                out.push(d);
                while let Some(&next) = chars.peek() {
                    if next.is_ascii_digit() {
                        out.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if let Some(&mark @ ('.' | ')')) = chars.peek() {
                    out.push('\\');
                    out.push(mark);
                    chars.next();
                }
            }
            c => out.push(c),
        }
        at_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn markdown_syntax_in_article_text_is_escaped() {
        assert_eq!(inline("# عنوان"), "\\# عنوان");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("run `rm -rf`"), "run \\`rm -rf\\`");
        assert_eq!(inline("[click](http://x)"), "\\[click\\](http://x)");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("12. point"), "12\\. point");
        assert_eq!(inline("قُتل 12 شخصاً"), "قُتل 12 شخصاً");
    }

    #[test]
    fn newlines_and_escape_sequences_do_not_survive() {
        assert_eq!(inline("one\n## two\x1b[2J"), "one \\#\\# two");
    }
}
