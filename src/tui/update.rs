//! All the TUI's logic: `update(&mut Model, Action)`. Testable without a terminal; the
//! only side effect is the store, and a mark is committed before the model shows it.

use super::action::{Action, Command};
use super::layout::CLAIM_ROW_HEIGHT;
use super::model::{Change, Focus, ListKind, Model, Overlay, Prompt, SaveState};
use crate::cli::ExportFormat;
use crate::model::Status;
use crate::search::Query;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Turn a key into an action for the current mode; `None` ignores it.
pub fn key_action(model: &Model, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Command(Command::Quit));
    }
    if model.prompt.is_some() {
        return Some(Action::Input(key));
    }
    if model.overlay.is_some() {
        // Overlays scroll with the movement keys and close on anything else.
        return Some(match model.keymap.lookup(&key) {
            Some(c @ (Command::Down | Command::Up | Command::PageDown | Command::PageUp)) => {
                Action::Command(c)
            }
            Some(Command::Quit) => Action::Command(Command::Quit),
            _ => Action::Input(key),
        });
    }
    model.keymap.lookup(&key).map(Action::Command)
}

pub fn update(model: &mut Model, action: Action) {
    match action {
        Action::Command(c) => command(model, c),
        Action::Input(key) => input(model, key),
        Action::Paste(text) => paste(model, &text),
        Action::Resize(w, h) => {
            model.size = (w, h);
            model.sync();
        }
        Action::Tick => tick(model),
    }
}

fn command(model: &mut Model, c: Command) {
    model.dirty = true;
    // A message answers the last command; the next one starts clean.
    model.message = None;
    if let Some(overlay) = &mut model.overlay {
        let scroll = match overlay {
            Overlay::Help { scroll }
            | Overlay::Problems { scroll }
            | Overlay::History { scroll, .. }
            | Overlay::Dashboard { scroll, .. } => scroll,
        };
        match c {
            Command::Down => *scroll += 1,
            Command::Up => *scroll = scroll.saturating_sub(1),
            Command::PageDown => *scroll += 10,
            Command::PageUp => *scroll = scroll.saturating_sub(10),
            Command::Quit => model.quit = true,
            _ => model.overlay = None,
        }
        return;
    }
    match c {
        Command::Down => move_by(model, 1),
        Command::Up => move_by(model, -1),
        Command::PageDown => {
            let half = page(model) / 2;
            move_by(model, half.max(1) as isize)
        }
        Command::PageUp => {
            let half = page(model) / 2;
            move_by(model, -(half.max(1) as isize))
        }
        Command::Top => move_by(model, isize::MIN / 2),
        Command::Bottom => move_by(model, isize::MAX / 2),
        Command::FocusNext => {
            model.focus = model.focus.next();
            model.sync();
        }
        Command::FocusPrev => {
            model.focus = model.focus.prev();
            model.sync();
        }
        Command::FocusLeft => {
            model.focus = model.focus.left();
            model.sync();
        }
        Command::FocusRight => {
            model.focus = model.focus.right();
            model.sync();
        }
        Command::NextArticle => step_article(model, 1),
        Command::PrevArticle => step_article(model, -1),
        Command::MarkAttributed => mark_selected(model, Status::Attributed),
        Command::MarkUnverified => mark_selected(model, Status::Unverified),
        Command::MarkContradicted => mark_selected(model, Status::Contradicted),
        Command::ClearMark => mark_selected(model, Status::Untriaged),
        Command::AcceptSuggestion => {
            if let Some(c) = target(model) {
                match model.desk.claims[c].suggested {
                    Status::Untriaged => {
                        model.message = Some("no suggestion for this claim".into())
                    }
                    s => mark_selected(model, s),
                }
            }
        }
        Command::Undo => undo(model),
        Command::Redo => redo(model),
        Command::Note => {
            if let Some(claim) = target(model) {
                let input = model
                    .desk
                    .mark_of(claim)
                    .and_then(|m| m.note.clone())
                    .unwrap_or_default();
                model.prompt = Some(Prompt::Note { claim, input });
            }
        }
        Command::EditSource => {
            if let Some(claim) = target(model) {
                let input = model.desk.claims[claim]
                    .attribution
                    .source
                    .clone()
                    .unwrap_or_default();
                model.prompt = Some(Prompt::Source { claim, input });
            }
        }
        Command::Dismiss => {
            if let Some(claim) = target(model) {
                match model.desk.toggle_dismissed(claim) {
                    Ok(true) => {
                        model.message = Some("dismissed: not a claim (d again restores it)".into())
                    }
                    Ok(false) => model.message = Some("restored as a claim".into()),
                    Err(e) => {
                        model.saved = SaveState::Failed {
                            message: e.to_string(),
                        }
                    }
                }
            }
        }
        Command::AddClaim => add_claim(model),
        Command::NextUntriaged => jump_untriaged(model, true),
        Command::PrevUntriaged => jump_untriaged(model, false),
        Command::Filter => {
            let target = filter_target(model.focus);
            let input = match target {
                ListKind::Articles => model.articles.query.clone(),
                ListKind::Claims => model.claims.query.clone(),
            };
            model.prompt = Some(Prompt::Filter {
                target,
                input,
                arabic_layout: false,
            });
        }
        Command::ClearFilter => {
            let target = filter_target(model.focus);
            set_filter(model, target, "");
            model.message = None;
        }
        Command::Problems => model.overlay = Some(Overlay::Problems { scroll: 0 }),
        Command::Help => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Command::Dashboard => {
            model.overlay = Some(Overlay::Dashboard {
                stats: Box::new(crate::stats::Stats::compute(&model.desk)),
                scroll: 0,
            })
        }
        Command::Export => {
            model.prompt = Some(Prompt::Export {
                format: None,
                input: String::new(),
            })
        }
        Command::History => {
            if let Some(claim) = target(model) {
                model.overlay = Some(Overlay::History { claim, scroll: 0 });
            }
        }
        Command::Quit => model.quit = true,
    }
}

/// The claim a command acts on, or a message saying why there is none.
fn target(model: &mut Model) -> Option<usize> {
    let claim = model.target_claim();
    if claim.is_none() {
        model.message = Some(if model.focus == Focus::Text {
            let key = model.keymap.first_key(Command::AddClaim).unwrap_or("+");
            format!("this sentence is not a claim ({key} makes it one)")
        } else {
            "no claim selected".into()
        });
    }
    claim
}

/// Make the sentence under the text cursor a claim, and select it.
fn add_claim(model: &mut Model) {
    if model.focus != Focus::Text {
        let key = model.keymap.first_key(Command::FocusLeft).unwrap_or("h");
        model.message = Some(format!(
            "move to the sentence in the text pane first ({key} focuses the text)"
        ));
        return;
    }
    let Some(span) = model.sentences.get(model.sentence).cloned() else {
        return;
    };
    if model.target_claim().is_some() {
        model.message = Some("this sentence is a claim already".into());
        return;
    }
    match model.desk.add_claim(model.article, span) {
        Ok(c) => {
            model.reindex();
            model.claims.select_value(c);
            model.sync();
            model.message = Some("added as a claim".into());
        }
        Err(e) => {
            model.saved = SaveState::Failed {
                message: e.to_string(),
            }
        }
    }
}

/// Export formats by their key in the export prompt.
pub const EXPORT_KEYS: [(char, ExportFormat, &str); 5] = [
    ('c', ExportFormat::Csv, "csv"),
    ('j', ExportFormat::Jsonl, "jsonl"),
    ('m', ExportFormat::Md, "markdown"),
    ('r', ExportFormat::Claimreview, "claimreview"),
    ('l', ExportFormat::Log, "decision log"),
];

fn export_format(key: char) -> Option<ExportFormat> {
    EXPORT_KEYS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, f, _)| *f)
}

fn default_export_path(root: &std::path::Path, format: ExportFormat) -> String {
    let ext = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Md => "md",
        ExportFormat::Claimreview => "claimreview.json",
        ExportFormat::Log => "log.jsonl",
    };
    root.join(format!("{}.{ext}", crate::corpus::EXPORT_STEM))
        .display()
        .to_string()
}

/// Write an export of the claims in view: the filtered claims when a claim filter is on,
/// else every claim that is not dismissed (the decision log: everything).
fn export(model: &mut Model, format: ExportFormat, path: &str) {
    let path = std::path::PathBuf::from(path.trim());
    let claims: Vec<usize> = if format == ExportFormat::Log {
        (0..model.desk.claims.len()).collect()
    } else if model.claims.is_filtered() {
        let mut all = model.all_claim_matches();
        all.retain(|&c| !model.desk.is_dismissed(c));
        all
    } else {
        (0..model.desk.claims.len())
            .filter(|&c| !model.desk.is_dismissed(c))
            .collect()
    };
    let opts = crate::export::ExportOptions {
        excel: false,
        history: false,
        organisation: model.export_organisation.clone(),
        verdicts: model.export_verdicts.clone(),
    };
    // Offsets count characters of each article's text: read the texts let go at load
    // (articles' and claims'), and let them go again after.
    let held = match model.desk.hold(&claims) {
        Ok(held) => held,
        Err(p) => {
            model.message = Some(format!("export failed: {p}"));
            return;
        }
    };
    let result = crate::export::write_atomically(&path, &mut |w| {
        crate::export::export(&model.desk, format, &claims, &opts, w)
    });
    model.desk.release(held, Some(model.article));
    model.message = Some(match result {
        Ok(()) => format!("exported {} claims to {}", claims.len(), path.display()),
        Err(e) => format!("export failed: {}: {e}", path.display()),
    });
}

/// The text pane filters the claims: it has no list of its own.
fn filter_target(focus: Focus) -> ListKind {
    match focus {
        Focus::Articles => ListKind::Articles,
        Focus::Text | Focus::Claims => ListKind::Claims,
    }
}

fn page(model: &Model) -> usize {
    let panes = model.panes();
    match model.focus {
        Focus::Articles => panes.articles.inner_height(),
        Focus::Text => panes.text.inner_height(),
        Focus::Claims => panes.claims.inner_height() / CLAIM_ROW_HEIGHT,
    }
}

fn step(value: usize, by: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (value as isize)
        .saturating_add(by)
        .clamp(0, len as isize - 1) as usize
}

fn move_by(model: &mut Model, by: isize) {
    match model.focus {
        Focus::Articles => {
            let len = model.articles.rows.len();
            model.articles.selected = step(model.articles.selected, by, len);
            if let Some(a) = model.articles.current() {
                model.show_article(a);
            }
        }
        Focus::Text => {
            // The text pane reads sentence by sentence; a sentence that is a claim
            // selects it, so a/u/c act on what is under the cursor.
            let to = step(model.sentence, by, model.sentences.len());
            model.move_sentence(to);
            return;
        }
        Focus::Claims => {
            let len = model.claims.rows.len();
            model.claims.selected = step(model.claims.selected, by, len);
            if model.claims.is_filtered() && model.claims.selected + page(model) >= len {
                // The worker keeps only the rows asked for: ask for the next screenful.
                model
                    .claim_search
                    .show_rows(len + page(model) + crate::search::DEFAULT_ROWS);
            }
            if let Some(c) = model.claims.current() {
                let a = model.desk.claim_article[c];
                if a != model.article {
                    model.article = a;
                    model.articles.select_value(a);
                    model.text_scroll = 0;
                }
                model.sync();
                model.scroll_to_claim();
            }
        }
    }
    model.sync();
}

fn step_article(model: &mut Model, by: isize) {
    let len = model.articles.rows.len();
    if len == 0 {
        return;
    }
    let pos = model
        .articles
        .rows
        .iter()
        .position(|&a| a == model.article)
        .map_or(0, |p| step(p, by, len));
    model.articles.selected = pos;
    if let Some(a) = model.articles.current() {
        model.show_article(a);
    }
}

/// Commit a decision about the selected claim, then show it.
fn mark_selected(model: &mut Model, status: Status) {
    let Some(claim) = target(model) else {
        return;
    };
    let before = (
        model.desk.status(claim),
        model.desk.mark_of(claim).and_then(|m| m.note.clone()),
    );
    if apply(model, claim, status, None) {
        let after = (status, before.1.clone());
        model.undo.push(Change {
            claim,
            before,
            after,
        });
        model.redo.clear();
    }
}

/// Write a mark; true when it reached the store.
fn apply(model: &mut Model, claim: usize, status: Status, note: Option<String>) -> bool {
    match model.desk.mark(claim, status, note) {
        Ok(event) => {
            model.saved = SaveState::Saved {
                status: event.new_status,
            };
            model.message = None;
            model.refresh_claim_fields(claim);
            true
        }
        Err(e) => {
            model.saved = SaveState::Failed {
                message: e.to_string(),
            };
            false
        }
    }
}

fn undo(model: &mut Model) {
    let Some(change) = model.undo.pop() else {
        model.message = Some("nothing to undo".into());
        return;
    };
    let (status, note) = change.before.clone();
    model.show_claim(change.claim);
    if apply(model, change.claim, status, Some(note.unwrap_or_default())) {
        model.message = Some(format!("undone: back to {status}"));
        model.redo.push(change);
    } else {
        model.undo.push(change);
    }
}

fn redo(model: &mut Model) {
    let Some(change) = model.redo.pop() else {
        model.message = Some("nothing to redo".into());
        return;
    };
    let (status, note) = change.after.clone();
    model.show_claim(change.claim);
    if apply(model, change.claim, status, Some(note.unwrap_or_default())) {
        model.message = Some(format!("redone: {status}"));
        model.undo.push(change);
    } else {
        model.redo.push(change);
    }
}

/// Next (or previous) untriaged claim: within the filtered list when a claim filter is on,
/// else across the corpus, wrapping around.
fn jump_untriaged(model: &mut Model, forward: bool) {
    let candidates: Vec<usize> = if model.claims.is_filtered() {
        model.claims.rows.clone()
    } else {
        (0..model.desk.claims.len()).collect()
    };
    if candidates.is_empty() {
        return;
    }
    let here = model
        .selected_claim()
        .and_then(|c| candidates.iter().position(|&x| x == c));
    let n = candidates.len();
    let order: Vec<usize> = match (here, forward) {
        (Some(p), true) => (1..=n).map(|k| (p + k) % n).collect(),
        (Some(p), false) => (1..=n).map(|k| (p + n - k) % n).collect(),
        (None, true) => (0..n).collect(),
        (None, false) => (0..n).rev().collect(),
    };
    let found = order
        .into_iter()
        .map(|p| candidates[p])
        .find(|&c| model.desk.status(c) == Status::Untriaged && !model.desk.is_dismissed(c));
    match found {
        Some(c) => {
            model.focus = Focus::Claims;
            model.show_claim(c);
        }
        None => model.message = Some("every claim here is triaged".into()),
    }
}

fn set_filter(model: &mut Model, target: ListKind, raw: &str) {
    let parsed = if raw.trim().is_empty() {
        None
    } else {
        match Query::parse(raw) {
            // A field name typed alone ("status:") asks nothing yet: every row, as an
            // empty filter.
            Ok(q) if q.is_empty() => None,
            Ok(q) => Some(q),
            Err(e) => {
                model.message = Some(e.to_string());
                return;
            }
        }
    };
    match target {
        ListKind::Articles => {
            model.articles.query = raw.to_string();
            model.articles.parsed = parsed;
            model.articles.offset = 0;
        }
        ListKind::Claims => {
            model.claims.query = raw.to_string();
            model.claims.parsed = parsed;
            model.claims.offset = 0;
        }
    }
    model.refilter(target);
    model.sync();
    model.scroll_to_claim();
}

fn input(model: &mut Model, key: KeyEvent) {
    model.dirty = true;
    if model.overlay.is_some() {
        model.overlay = None;
        return;
    }
    let Some(prompt) = model.prompt.as_mut() else {
        return;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // The export prompt asks for a format key first.
    if let Prompt::Export {
        format: format @ None,
        input,
    } = prompt
    {
        match key.code {
            KeyCode::Char(c) => match export_format(c) {
                Some(f) => {
                    *format = Some(f);
                    *input = default_export_path(&model.desk.corpus.root, f);
                }
                None => model.message = Some(format!("{c}: not an export format")),
            },
            _ => model.prompt = None,
        }
        return;
    }
    match key.code {
        KeyCode::Esc => {
            let prompt = model.prompt.take();
            if let Some(Prompt::Filter { target, .. }) = prompt {
                set_filter(model, target, "");
            }
        }
        KeyCode::Enter => match model.prompt.take() {
            Some(Prompt::Note { claim, input }) => {
                let status = model.desk.status(claim);
                let before = (
                    status,
                    model.desk.mark_of(claim).and_then(|m| m.note.clone()),
                );
                let note = input.trim().to_string();
                if apply(model, claim, status, Some(note.clone())) {
                    model.undo.push(Change {
                        claim,
                        before,
                        after: (status, (!note.is_empty()).then_some(note)),
                    });
                    model.redo.clear();
                    model.message = Some("note saved".into());
                }
            }
            Some(Prompt::Source { claim, input }) => match model.desk.set_source(claim, &input) {
                Ok(_) => {
                    model.refresh_claim_fields(claim);
                    model.message = Some("source saved".into());
                }
                Err(e) => {
                    model.saved = SaveState::Failed {
                        message: e.to_string(),
                    }
                }
            },
            Some(Prompt::Export {
                format: Some(format),
                input,
            }) => export(model, format, &input),
            Some(Prompt::Export { format: None, .. }) => {}
            Some(Prompt::Filter { target, input, .. }) => {
                set_filter(model, target, &input);
                if target == ListKind::Claims {
                    model.focus = Focus::Claims;
                    model.sync();
                }
            }
            None => {}
        },
        KeyCode::Backspace => {
            let input = prompt.input_mut();
            input.pop();
            live_filter(model);
        }
        KeyCode::Char('u') if ctrl => {
            let input = prompt.input_mut();
            input.clear();
            live_filter(model);
        }
        KeyCode::Char('t') if ctrl => {
            if let Prompt::Filter { arabic_layout, .. } = prompt {
                *arabic_layout = !*arabic_layout;
            }
        }
        KeyCode::Char(c) if !ctrl => {
            match prompt {
                Prompt::Filter {
                    input,
                    arabic_layout,
                    ..
                } => {
                    let c = if *arabic_layout {
                        crate::text::keyboard::arabic_layout(c).unwrap_or(c)
                    } else {
                        c
                    };
                    input.push(c);
                }
                Prompt::Note { input, .. }
                | Prompt::Source { input, .. }
                | Prompt::Export { input, .. } => input.push(c),
            }
            live_filter(model);
        }
        _ => {}
    }
}

fn paste(model: &mut Model, text: &str) {
    let clean = crate::text::sanitize::one_line(text);
    if let Some(input) = model.prompt.as_mut().map(Prompt::input_mut) {
        input.push_str(&clean);
        live_filter(model);
    }
}

/// The filter follows every keystroke.
fn live_filter(model: &mut Model) {
    if let Some(Prompt::Filter { target, input, .. }) = &model.prompt {
        let (target, input) = (*target, input.clone());
        set_filter(model, target, &input);
    }
}

/// Pick up other reviewers' marks.
fn tick(model: &mut Model) {
    match model.desk.refresh() {
        Ok(changes) => {
            if changes.edits {
                model.reindex();
                model.message = Some("corrections from other reviewers".into());
            }
            if !changes.marks.is_empty() {
                for &c in &changes.marks {
                    model.refresh_claim_fields(c);
                }
                let n = changes.marks.len();
                model.message = Some(format!(
                    "{n} mark{} from other reviewers",
                    if n == 1 { "" } else { "s" }
                ));
                model.dirty = true;
            }
        }
        Err(e) => {
            model.message = Some(format!("cannot read the store: {e}"));
            model.dirty = true;
        }
    }
}
