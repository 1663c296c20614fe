//! Views only draw: they read the model and write cells. Every string from an article
//! reaches the buffer through the display pipeline (`text::display`) as whole glyphs,
//! cell by cell, so widths are exactly what the terminal will draw.

mod articles;
mod claims;
mod dashboard;
mod overlay;
mod status;
mod text;

use super::layout::Pane;
use super::model::Model;
use super::theme::Theme;
use crate::text::display::{Glyph, VisualLine};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Widget};
use ratatui::Frame;
use std::ops::Range;

pub fn draw(frame: &mut Frame, model: &Model, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if area.width < 20 || area.height < 5 {
        put_plain(
            buf,
            area.x,
            area.y,
            area.width,
            "claimdesk: window too small",
            Style::default(),
        );
        return;
    }
    let panes = model.panes();
    if panes.articles.shown {
        articles::draw(buf, model, theme, &panes.articles);
    }
    if panes.text.shown {
        text::draw(buf, model, theme, &panes.text);
    }
    if panes.claims.shown {
        claims::draw(buf, model, theme, &panes.claims);
    }
    status::draw(buf, model, theme, panes.status);
    match &model.overlay {
        Some(super::model::Overlay::Dashboard { stats, scroll }) => {
            dashboard::draw(buf, stats, theme, *scroll, area)
        }
        Some(o) => overlay::draw(buf, model, theme, o, area),
        None => {}
    }
}

/// A pane's border and title; the focused pane's border stands out without colour too.
fn frame_pane(buf: &mut Buffer, pane: &Pane, title: &str, focused: bool, theme: &Theme) {
    let (border, style) = if focused {
        (BorderType::Thick, theme.focus)
    } else {
        (
            BorderType::Plain,
            Style::default().add_modifier(Modifier::DIM),
        )
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(border)
        .border_style(style)
        .render(pane.area, buf);
    put_plain(
        buf,
        pane.area.x + 2,
        pane.area.y,
        pane.area.width.saturating_sub(4),
        title,
        style,
    );
}

/// Right-to-left lines are right-aligned only when we did the reordering: in logical
/// order a terminal with its own bidi places the text itself.
pub fn align_rtl(model: &Model) -> bool {
    model.order == crate::text::display::Order::Visual
}

/// Write one visual line into a one-row area, right-aligned when `align_rtl` and the line
/// is right-to-left. Glyphs are written cell by cell; nothing passes the area's right edge.
pub fn put_line(
    buf: &mut Buffer,
    row: Rect,
    line: &VisualLine,
    align_rtl: bool,
    style_of: impl Fn(&Glyph) -> Style,
) {
    let width = row.width as usize;
    let mut x = row.x as usize;
    if align_rtl && line.rtl && line.width < width {
        x += width - line.width;
    }
    let right = row.x as usize + width;
    for g in &line.glyphs {
        let w = g.width as usize;
        if w == 0 {
            continue;
        }
        if x + w > right {
            break;
        }
        let style = style_of(g);
        if let Some(cell) = buf.cell_mut((x as u16, row.y)) {
            cell.set_symbol(&g.text).set_style(style);
        }
        for k in 1..w {
            if let Some(cell) = buf.cell_mut(((x + k) as u16, row.y)) {
                cell.reset();
            }
        }
        x += w;
    }
}

/// Plain ASCII chrome (labels, counts): no bidi needed.
pub fn put_plain(buf: &mut Buffer, x: u16, y: u16, width: u16, s: &str, style: Style) -> u16 {
    let line =
        crate::text::display::fit_line(s, width as usize, crate::text::display::Order::Logical);
    let row = Rect {
        x,
        y,
        width,
        height: 1,
    };
    put_line(buf, row, &line, false, |_| style);
    line.width as u16
}

/// True when `src` overlaps any of `ranges`.
pub fn touches(src: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    ranges
        .iter()
        .any(|r| src.start < r.end && src.end > r.start)
}

/// Fill a row with a style (selection bar).
pub fn fill(buf: &mut Buffer, row: Rect, style: Style) {
    buf.set_style(row, style);
}
