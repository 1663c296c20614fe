//! The claims sidebar: two rows per claim — status glyph, attribution type and source;
//! then the claim's text. With a filter, the matching claims of the whole corpus.

use super::{align_rtl, fill, frame_pane, put_line, put_plain, touches};
use crate::model::Status;
use crate::text::display::fit_line;
use crate::tui::layout::{Pane, CLAIM_ROW_HEIGHT};
use crate::tui::model::{Focus, Model};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

pub fn draw(buf: &mut Buffer, model: &Model, theme: &Theme, pane: &Pane) {
    let focused = model.focus == Focus::Claims;
    let list = &model.claims;
    let title = if list.is_filtered() {
        let more = if model.claim_search_pending.is_some() {
            "…"
        } else {
            ""
        };
        format!(
            "Claims {}{more} in corpus /{}",
            model.claim_matches, list.query
        )
    } else {
        format!("Claims {}", list.rows.len())
    };
    frame_pane(buf, pane, &title, focused, theme);
    let inner = pane.inner();
    let per_screen = inner.height as usize / CLAIM_ROW_HEIGHT;
    for (row, &c) in list
        .rows
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(per_screen)
    {
        let y = inner.y + ((row - list.offset) * CLAIM_ROW_HEIGHT) as u16;
        let claim = &model.desk.claims[c];
        let status = model.desk.status(c);
        let selected = list.selected == row;
        let base = if selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let head = Rect {
            y,
            height: 1,
            ..inner
        };
        let body = Rect {
            y: y + 1,
            height: 1,
            ..inner
        };
        if selected {
            fill(buf, head, base);
            fill(buf, body, base);
        }
        // Row 1: status glyph (and its colour), type glyph, suggestion, disputed flag, source.
        let dismissed = model.desk.is_dismissed(c);
        let base = if dismissed {
            base.add_modifier(Modifier::DIM | Modifier::CROSSED_OUT)
        } else {
            base
        };
        let glyph = if dismissed { "⊘" } else { status.glyph() };
        let mut x = inner.x;
        x += put_plain(buf, x, y, 2, glyph, base.patch(theme.status(status))) + 1;
        let kind = claim.attribution.source_type;
        x += put_plain(buf, x, y, 2, kind.glyph(), base) + 1;
        let mark = model.desk.mark_of(c);
        let mut flags = String::new();
        if status == Status::Untriaged && claim.suggested != Status::Untriaged {
            flags.push_str(&format!("y{} ", claim.suggested.glyph()));
        }
        if mark.is_some_and(|m| m.disputed) {
            flags.push_str("⚑ ");
        }
        if mark.is_some_and(|m| m.note.is_some()) {
            flags.push_str("✎ ");
        }
        if claim.related.iter().any(|r| r.numbers_disagree) {
            flags.push_str("≠ ");
        }
        if !flags.is_empty() {
            x += put_plain(buf, x, y, 8, &flags, base);
        }
        let source = claim.attribution.source.as_deref().unwrap_or(match kind {
            crate::model::SourceType::Unattributed => "(no source)",
            _ => "(unnamed)",
        });
        let src_area = Rect {
            x,
            y,
            width: inner.x + inner.width - x.min(inner.x + inner.width),
            height: 1,
        };
        let src_line = fit_line(source, src_area.width as usize, model.order);
        put_line(buf, src_area, &src_line, align_rtl(model), |_| {
            base.patch(theme.source)
        });
        // Row 2: the claim's text, matches highlighted.
        let text = model.desk.claim_text(c);
        let hits = match &list.parsed {
            Some(q) => crate::search::highlight(&text, q),
            None => Vec::new(),
        };
        let text_area = Rect {
            x: inner.x + 2,
            width: inner.width.saturating_sub(2),
            ..body
        };
        let line = fit_line(&text, text_area.width as usize, model.order);
        put_line(buf, text_area, &line, align_rtl(model), |g| {
            if touches(&g.src, &hits) {
                base.patch(theme.matched)
            } else {
                base
            }
        });
    }
    if list.rows.is_empty() {
        let msg = if list.is_filtered() {
            "no claim matches (Esc clears)"
        } else {
            "no claims in this article"
        };
        put_plain(buf, inner.x, inner.y, inner.width, msg, Style::default());
    }
}
