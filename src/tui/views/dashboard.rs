//! The `S` dashboard: the same figures as `claimdesk stats`, drawn as bars — status by
//! outlet, status by attribution type, decisions by reviewer — and reviewer agreement.
//! Bars are made of status glyphs, so they read without colour.

use super::put_plain;
use crate::model::Status;
use crate::stats::{Stats, StatusCounts};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

/// One labelled bar of status counts.
struct Row {
    label: String,
    counts: StatusCounts,
    note: String,
}

pub fn draw(buf: &mut Buffer, stats: &Stats, theme: &Theme, scroll: usize, area: Rect) {
    let rect = Rect {
        x: area.x + 1,
        y: area.y,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(1),
    };
    Clear.render(rect, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus)
        .render(rect, buf);
    let bold = Style::default().add_modifier(Modifier::BOLD);
    put_plain(
        buf,
        rect.x + 2,
        rect.y,
        rect.width.saturating_sub(4),
        "Dashboard — any other key closes",
        bold,
    );
    let inner = Rect {
        x: rect.x + 2,
        y: rect.y + 1,
        width: rect.width.saturating_sub(4),
        height: rect.height.saturating_sub(2),
    };
    let mut lines: Vec<Line> = Vec::new();
    let pct = (stats.triaged * 100).checked_div(stats.claims).unwrap_or(0);
    lines.push(Line::Text(
        format!(
            "{}/{} claims triaged ({pct}%) in {} articles · {} disputed · {} orphaned marks",
            stats.triaged, stats.claims, stats.articles, stats.disputed, stats.orphans
        ),
        bold,
    ));
    lines.push(Line::Legend);
    lines.push(Line::Blank);
    section(
        &mut lines,
        "Status by outlet",
        stats.by_outlet.iter().map(|o| Row {
            label: o.outlet.clone(),
            counts: o.counts,
            note: format!("{} art.", o.articles),
        }),
    );
    section(
        &mut lines,
        "Status by attribution type",
        stats.by_source_type.iter().map(|t| Row {
            label: t.source_type.to_string(),
            counts: t.counts,
            note: String::new(),
        }),
    );
    section(
        &mut lines,
        "Decisions by reviewer",
        stats.by_reviewer.iter().map(|r| Row {
            label: r.reviewer.clone(),
            counts: r.counts,
            note: format!("{} events", r.events),
        }),
    );
    if !stats.agreement.is_empty() {
        lines.push(Line::Text(
            "Agreement between reviewers (Cohen's κ on claims both marked)".into(),
            bold,
        ));
        for a in &stats.agreement {
            let kappa = a.kappa.map_or("—".to_string(), |k| format!("{k:.2}"));
            lines.push(Line::Text(
                format!(
                    "  {} × {}: κ {kappa}, agreed on {}/{}",
                    a.reviewers[0], a.reviewers[1], a.agreed, a.n
                ),
                Style::default(),
            ));
        }
    }
    for p in &stats.problems {
        lines.push(Line::Text(format!("⚠ {p}"), theme.unverified));
    }
    let label_w = (inner.width / 4).clamp(8, 24);
    let scroll = scroll.min(lines.len().saturating_sub(inner.height as usize));
    for (i, line) in lines
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let y = inner.y + i as u16;
        match line {
            Line::Text(t, style) => {
                put_plain(
                    buf,
                    inner.x,
                    y,
                    inner.width,
                    &crate::text::sanitize::one_line(t),
                    *style,
                );
            }
            Line::Blank => {}
            Line::Legend => {
                let mut x = inner.x;
                for s in Status::ALL {
                    let text = format!("{} {}  ", s.glyph(), s);
                    x += put_plain(
                        buf,
                        x,
                        y,
                        inner.width.saturating_sub(x - inner.x),
                        &text,
                        theme.status(s),
                    );
                }
            }
            Line::Bar(row, max) => bar(buf, inner.x, y, inner.width, label_w, row, *max, theme),
        }
    }
}

enum Line {
    Text(String, Style),
    Bar(Row, usize),
    Legend,
    Blank,
}

fn section(lines: &mut Vec<Line>, title: &str, rows: impl Iterator<Item = Row>) {
    let rows: Vec<Row> = rows.collect();
    if rows.is_empty() {
        return;
    }
    let max = rows.iter().map(|r| r.counts.total()).max().unwrap_or(0);
    lines.push(Line::Text(
        title.to_string(),
        Style::default().add_modifier(Modifier::BOLD),
    ));
    lines.extend(rows.into_iter().map(|r| Line::Bar(r, max)));
    lines.push(Line::Blank);
}

/// `label ✓✓✓✓??✗···· 12/30 note`: one segment per status, scaled to the longest bar.
#[allow(clippy::too_many_arguments)]
fn bar(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    label_w: u16,
    row: &Row,
    max: usize,
    theme: &Theme,
) {
    let label = crate::text::display::fit_line(
        &row.label,
        label_w as usize,
        crate::text::display::Order::Visual,
    );
    let area = Rect {
        x,
        y,
        width: label_w,
        height: 1,
    };
    super::put_line(buf, area, &label, true, |_| Style::default());
    let tail = format!(
        " {}/{} {}",
        row.counts.triaged(),
        row.counts.total(),
        row.note
    );
    let bar_w = width.saturating_sub(label_w + 1 + tail.len() as u16) as usize;
    let mut cx = x + label_w + 1;
    let scale = |n: usize| (n * bar_w).checked_div(max).unwrap_or(0);
    let order = [
        Status::Attributed,
        Status::Unverified,
        Status::Contradicted,
        Status::Untriaged,
    ];
    for s in order {
        let n = row.counts.get(s);
        let cells = if n > 0 { scale(n).max(1) } else { 0 };
        let text = s.glyph().repeat(cells);
        cx += put_plain(
            buf,
            cx,
            y,
            cells as u16,
            &text,
            theme.status(s).add_modifier(Modifier::REVERSED),
        );
    }
    put_plain(
        buf,
        cx,
        y,
        (x + width).saturating_sub(cx),
        &tail,
        Style::default(),
    );
}
