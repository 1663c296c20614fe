//! The article text: title, metadata, body; every claim underlined in its status colour,
//! the selected claim reversed with its cue and source picked out.

use super::{align_rtl, frame_pane, put_line, touches};
use crate::model::Status;
use crate::tui::layout::Pane;
use crate::tui::model::{Focus, Model};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use std::ops::Range;

pub fn draw(buf: &mut Buffer, model: &Model, theme: &Theme, pane: &Pane) {
    let focused = model.focus == Focus::Text;
    let Some(article) = model.desk.corpus.articles.get(model.article) else {
        frame_pane(buf, pane, "no articles", focused, theme);
        return;
    };
    frame_pane(
        buf,
        pane,
        &format!("{} · {}", article.path, article.lang),
        focused,
        theme,
    );
    let inner = pane.inner();
    let claims: Vec<(Range<usize>, Status)> = model.desk.article_claims[model.article]
        .clone()
        .filter(|&c| !model.desk.is_dismissed(c))
        .map(|c| (model.desk.claims[c].span.clone(), model.desk.status(c)))
        .collect();
    // The reading cursor, when the text pane has focus.
    let cursor: Vec<Range<usize>> = model
        .sentences
        .get(model.sentence)
        .filter(|_| focused)
        .cloned()
        .into_iter()
        .collect();
    let selected = model
        .selected_claim()
        .filter(|&c| model.desk.claim_article[c] == model.article)
        .map(|c| &model.desk.claims[c]);
    let sel_span: Vec<Range<usize>> = selected.map(|c| c.span.clone()).into_iter().collect();
    let cue: Vec<Range<usize>> = selected
        .and_then(|c| c.attribution.cue_span.clone())
        .into_iter()
        .collect();
    let source: Vec<Range<usize>> = selected
        .and_then(|c| c.attribution.source_span.clone())
        .into_iter()
        .collect();
    for (row, tl) in model
        .text
        .lines
        .iter()
        .skip(model.text_scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let area = Rect {
            y: inner.y + row as u16,
            height: 1,
            ..inner
        };
        if tl.header {
            put_line(buf, area, &tl.line, align_rtl(model), |_| {
                Style::default().add_modifier(Modifier::BOLD)
            });
            continue;
        }
        put_line(buf, area, &tl.line, align_rtl(model), |g| {
            let mut style = Style::default();
            if let Some((_, status)) = claims
                .iter()
                .find(|(span, _)| g.src.start < span.end && g.src.end > span.start)
            {
                style = style.patch(theme.claim);
                if *status != Status::Untriaged {
                    style = style.patch(theme.status(*status));
                }
            }
            if touches(&g.src, &sel_span) && !focused {
                style = style.add_modifier(Modifier::REVERSED);
            }
            if touches(&g.src, &cursor) {
                style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            }
            if touches(&g.src, &source) {
                style = style.patch(theme.source);
            } else if touches(&g.src, &cue) {
                style = style.patch(theme.cue);
            }
            style
        });
    }
}
