//! Popups over the panes: help generated from the keymap, and the list of input problems.

use super::put_plain;
use crate::tui::model::{Model, Overlay};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

/// Lines of the help screen: one per command, from the keymap, then prompt keys.
pub fn help_lines(model: &Model) -> Vec<String> {
    let mut lines = Vec::new();
    for e in &model.keymap.entries {
        lines.push(format!("{:<22} {}", e.keys.join(", "), e.desc));
    }
    lines.push(String::new());
    lines.push("In the filter and note prompts:".into());
    lines.push(format!(
        "{:<22} {}",
        "<Enter>", "keep the filter / save the note"
    ));
    lines.push(format!("{:<22} {}", "<Esc>", "cancel (clears the filter)"));
    lines.push(format!("{:<22} {}", "<C-u>", "erase the input"));
    lines.push(format!(
        "{:<22} {}",
        "<C-t>", "Arabic keyboard layout on/off (filter)"
    ));
    lines.push(format!("{:<22} {}", "<C-z>", "suspend (fg to come back)"));
    lines.push(format!("{:<22} {}", "<C-c>", "quit"));
    lines.push(String::new());
    lines.push("Filter queries (claims pane: the whole corpus; articles pane: titles):".into());
    for (syntax, meaning) in crate::search::QUERY_HELP {
        lines.push(format!("{syntax:<22} {meaning}"));
    }
    lines
}

fn problem_lines(model: &Model) -> Vec<String> {
    let mut lines: Vec<String> = model
        .desk
        .problems()
        .iter()
        .map(|p| crate::text::sanitize::one_line(&p.to_string()).into_owned())
        .collect();
    let orphans = if model.loading.is_some() {
        Vec::new()
    } else {
        model.desk.orphans()
    };
    for m in orphans {
        lines.push(format!(
            "mark {} on claim {} by {}: the claim is no longer in the corpus (kept in the store)",
            m.status, m.claim_id, m.reviewer
        ));
    }
    if model.desk.reanchored() > 0 {
        lines.push(format!(
            "{} marks carried over to claims the extractor now cuts differently (matched by their quoted text)",
            model.desk.reanchored()
        ));
    }
    if lines.is_empty() {
        lines.push("No problems: every file was read.".into());
    }
    lines
}

/// A claim's history, oldest first; read from the store when drawn, so it includes
/// other reviewers' decisions.
fn history_lines(model: &Model, claim: usize) -> Vec<String> {
    let c = &model.desk.claims[claim];
    let mut lines = vec![
        crate::text::sanitize::one_line(&model.desk.claim_text(claim)).into_owned(),
        format!("claim {} · suggested {}", c.id, c.suggested),
        String::new(),
    ];
    match model.desk.store.history(&c.id) {
        Ok(events) if events.is_empty() => lines.push("No decisions yet.".into()),
        Ok(events) => {
            for e in events {
                let when = e.at.get(..16).unwrap_or(&e.at).replace('T', " ");
                let mut line = format!(
                    "{when}  {:<12} {} → {}",
                    crate::text::sanitize::one_line(&e.reviewer),
                    e.old_status,
                    e.new_status
                );
                if let Some(note) = &e.note {
                    line.push_str(&format!("  ✎ {}", crate::text::sanitize::one_line(note)));
                }
                lines.push(line);
            }
        }
        Err(e) => lines.push(format!("cannot read the history: {e}")),
    }
    if model.desk.mark_of(claim).is_some_and(|m| m.disputed) {
        lines.push(String::new());
        lines.push("⚑ Reviewers disagree: their latest decisions differ.".into());
    }
    lines
}

pub fn draw(buf: &mut Buffer, model: &Model, theme: &Theme, overlay: &Overlay, area: Rect) {
    let (title, lines, scroll) = match overlay {
        Overlay::Help { scroll } => ("Help — any other key closes", help_lines(model), *scroll),
        Overlay::Problems { scroll } => (
            "Problems — any other key closes",
            problem_lines(model),
            *scroll,
        ),
        Overlay::Dashboard { .. } => return, // drawn by the dashboard view
        Overlay::History { claim, scroll } => (
            "History — any other key closes",
            history_lines(model, *claim),
            *scroll,
        ),
    };
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height.saturating_sub(h)) / 2,
        width: w,
        height: h,
    };
    Clear.render(rect, buf);
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.focus)
        .render(rect, buf);
    put_plain(
        buf,
        rect.x + 2,
        rect.y,
        w.saturating_sub(4),
        title,
        Style::default().add_modifier(Modifier::BOLD),
    );
    let inner_h = h.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(inner_h));
    for (i, line) in lines.iter().skip(scroll).take(inner_h).enumerate() {
        put_plain(
            buf,
            rect.x + 1,
            rect.y + 1 + i as u16,
            w.saturating_sub(2),
            line,
            Style::default(),
        );
    }
}
