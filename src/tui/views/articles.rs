//! The article list: progress and title of each article, filter matches highlighted.

use super::{align_rtl, fill, frame_pane, put_line, put_plain, touches};
use crate::model::Status;
use crate::search;
use crate::text::display::fit_line;
use crate::tui::layout::Pane;
use crate::tui::model::{Focus, Model};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

pub fn draw(buf: &mut Buffer, model: &Model, theme: &Theme, pane: &Pane) {
    let focused = model.focus == Focus::Articles;
    let total = model.desk.corpus.articles.len();
    let title = if model.articles.is_filtered() {
        format!(
            "Articles {}/{} /{}",
            model.articles.rows.len(),
            total,
            model.articles.query
        )
    } else {
        format!("Articles {total}")
    };
    frame_pane(buf, pane, &title, focused, theme);
    let inner = pane.inner();
    let list = &model.articles;
    for (row, &a) in list
        .rows
        .iter()
        .enumerate()
        .skip(list.offset)
        .take(inner.height as usize)
    {
        let y = inner.y + (row - list.offset) as u16;
        let line_area = Rect {
            y,
            height: 1,
            ..inner
        };
        let selected = a == model.article;
        let base = if selected {
            let s = Style::default().add_modifier(Modifier::REVERSED);
            fill(buf, line_area, s);
            s
        } else {
            Style::default()
        };
        // Progress: a glyph for "done" so that it reads without colour.
        let range = model.desk.article_claims[a].clone();
        let n = range.len();
        let done = range
            .clone()
            .filter(|&c| model.desk.status(c) != Status::Untriaged)
            .count();
        let badge = if n > 0 && done == n {
            "✓".to_string()
        } else {
            format!("{done}/{n}")
        };
        let bw = put_plain(buf, inner.x, y, 6, &format!("{badge:>5}"), base) + 1;
        let text_area = Rect {
            x: inner.x + bw,
            y,
            width: inner.width.saturating_sub(bw),
            height: 1,
        };
        let article = &model.desk.corpus.articles[a];
        let line = fit_line(&article.title, text_area.width as usize, model.order);
        let hits = match &list.parsed {
            Some(q) => search::highlight(&article.title, q),
            None => Vec::new(),
        };
        put_line(buf, text_area, &line, align_rtl(model), |g| {
            if touches(&g.src, &hits) {
                base.patch(theme.matched)
            } else {
                base
            }
        });
    }
    if list.rows.is_empty() {
        put_plain(
            buf,
            inner.x,
            inner.y,
            inner.width,
            "no article matches",
            Style::default(),
        );
    }
}
