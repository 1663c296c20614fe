//! The bottom line: progress, counts by status, reviewer, whether the last mark is saved,
//! problems, and key hints generated from the keymap; or the open prompt.

use super::{put_line, put_plain};
use crate::model::Status;
use crate::text::display::fit_line;
use crate::tui::action::Command;
use crate::tui::model::{ListKind, Model, Prompt, SaveState};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

/// Key hints: groups of commands whose first keys are shown together, with a label.
const HINTS: [(&[Command], &str); 4] = [
    (
        &[
            Command::MarkAttributed,
            Command::MarkUnverified,
            Command::MarkContradicted,
        ],
        "mark",
    ),
    (&[Command::NextUntriaged], "next"),
    (&[Command::Filter], "filter"),
    (&[Command::Help], "help"),
];

pub fn draw(buf: &mut Buffer, model: &Model, theme: &Theme, area: Rect) {
    if let Some(prompt) = &model.prompt {
        draw_prompt(buf, model, prompt, area);
        return;
    }
    let (triaged, total, counts) = model.progress();
    let mut parts: Vec<(String, Style)> = vec![(
        format!("{triaged}/{total} triaged"),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    for (i, s) in Status::ALL.iter().enumerate().skip(1) {
        parts.push((format!("{}{}", s.glyph(), counts[i]), theme.status(*s)));
    }
    parts.push((model.desk.reviewer.clone(), Style::default()));
    match &model.saved {
        SaveState::Nothing => {}
        SaveState::Saved { status } => {
            parts.push((format!("saved {}", status.glyph()), Style::default()))
        }
        SaveState::Failed { message } => parts.push((
            format!("NOT SAVED: {message}"),
            theme.contradicted.add_modifier(Modifier::REVERSED),
        )),
    }
    // A message answers the last key: it goes right after the progress, where a narrow
    // terminal still shows it.
    if let Some(m) = &model.message {
        parts.insert(
            1,
            (m.clone(), Style::default().add_modifier(Modifier::ITALIC)),
        );
    }
    if let Some(p) = &model.loading {
        parts.insert(0, (format!("{} {p}", gauge(p)), theme.focus));
    }
    // Marks on claims not loaded yet are not orphans: count them once loading is over.
    let orphans = if model.loading.is_some() {
        0
    } else {
        model.desk.orphans().len()
    };
    let problems = model.desk.problems().len() + orphans;
    if problems > 0 {
        let key = model.keymap.first_key(Command::Problems).unwrap_or("?");
        parts.push((
            format!(
                "⚠ {problems} problem{} ({key})",
                if problems == 1 { "" } else { "s" }
            ),
            theme.unverified,
        ));
    }
    let hints: Vec<String> = HINTS
        .iter()
        .filter_map(|(commands, label)| {
            let keys: Vec<&str> = commands
                .iter()
                .filter_map(|c| model.keymap.first_key(*c))
                .collect();
            (!keys.is_empty()).then(|| format!("{} {label}", keys.join("")))
        })
        .collect();
    let mut x = area.x;
    let right = area.x + area.width;
    for (text, style) in parts {
        if x >= right {
            break;
        }
        let clean = crate::text::sanitize::one_line(&text);
        x += put_plain(buf, x, area.y, right - x, &clean, style);
        x += put_plain(
            buf,
            x,
            area.y,
            right.saturating_sub(x),
            " │ ",
            Style::default().add_modifier(Modifier::DIM),
        );
    }
    let hint = hints.join("  ");
    let hw = crate::text::display::width(&hint) as u16;
    if x + hw < right {
        put_plain(
            buf,
            right - hw,
            area.y,
            hw,
            &hint,
            Style::default().add_modifier(Modifier::DIM),
        );
    }
}

/// A ten-cell progress gauge that reads without colour.
fn gauge(p: &crate::desk::Progress) -> String {
    const CELLS: usize = 10;
    let full = (p.done * CELLS)
        .checked_div(p.total)
        .unwrap_or(0)
        .min(CELLS);
    format!("▕{}{}▏", "█".repeat(full), "░".repeat(CELLS - full))
}

fn draw_prompt(buf: &mut Buffer, model: &Model, prompt: &Prompt, area: Rect) {
    let (label, input) = match prompt {
        Prompt::Filter {
            target,
            input,
            arabic_layout,
        } => {
            let what = match target {
                ListKind::Articles => "articles",
                ListKind::Claims => "claims",
            };
            let layout = if *arabic_layout { " [ع]" } else { "" };
            (format!("filter {what}{layout} /"), input.as_str())
        }
        Prompt::Note { input, .. } => ("note: ".to_string(), input.as_str()),
        Prompt::Source { input, .. } => ("source (empty: none): ".to_string(), input.as_str()),
        Prompt::Export { format: None, .. } => {
            let choices: Vec<String> = crate::tui::update::EXPORT_KEYS
                .iter()
                .map(|(k, _, name)| format!("{k} {name}"))
                .collect();
            let what = if model.claims.is_filtered() {
                "the filtered claims"
            } else {
                "all claims"
            };
            let text = format!("export {what} as: {}  (Esc cancels)", choices.join(" · "));
            put_plain(
                buf,
                area.x,
                area.y,
                area.width,
                &text,
                Style::default().add_modifier(Modifier::BOLD),
            );
            return;
        }
        Prompt::Export { input, .. } => ("export to: ".to_string(), input.as_str()),
    };
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let lw = put_plain(buf, area.x, area.y, area.width, &label, bold);
    let rest = Rect {
        x: area.x + lw,
        width: area.width.saturating_sub(lw + 1),
        ..area
    };
    // Show the end of a long input: that is where the reviewer is typing.
    let line = fit_tail(input, rest.width as usize, model);
    put_line(buf, rest, &line, false, |_| Style::default());
    let cx = rest.x + line.width as u16;
    if cx < area.x + area.width {
        put_plain(buf, cx, area.y, 1, "▏", bold);
    }
}

fn fit_tail(input: &str, width: usize, model: &Model) -> crate::text::display::VisualLine {
    let mut start = 0;
    while crate::text::display::width(&input[start..]) > width {
        match input[start..].chars().next() {
            Some(c) => start += c.len_utf8(),
            None => break,
        }
    }
    fit_line(&input[start..], width, model.order)
}
