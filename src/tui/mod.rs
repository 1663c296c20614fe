//! The terminal front end, in the Elm shape: `Model` (model.rs), `Action` (action.rs),
//! `update` (update.rs, all logic, no terminal), views that only draw (views/). This file
//! is the loop that joins them to a real terminal.

pub mod action;
pub mod bidi_probe;
pub mod keymap;
pub mod layout;
pub mod model;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod views;

use crate::cli::Global;
use crate::config::{BidiMode, Config};
use crate::desk::{Desk, Loader, Progress};
use crate::text::display::Order;
use action::Action;
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use keymap::Keymap;
use model::Model;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io;
use std::time::{Duration, Instant};
use terminal::TerminalGuard;
use theme::Theme;

/// How long to wait for the terminal to say whether it does bidi itself.
const PROBE_TIMEOUT: Duration = Duration::from_millis(300);
/// One frame: how long a load step may hold the loop, and how often it looks for more.
const FRAME: Duration = Duration::from_millis(16);
/// While a load goes on and the loader has nothing new, how soon to look again.
const LOAD_POLL: Duration = Duration::from_millis(2);
/// While a filter's results are on their way, how soon to look for them: the search
/// thread publishes its first rows within a millisecond or two, and waiting a whole frame
/// for them would put up to 16 ms between a key and its results. (The key wait cannot be
/// woken by the search thread, so the loop looks this often until the results are in.)
pub const RESULTS_POLL: Duration = Duration::from_millis(2);
/// After a key that started a filter, how long the loop gives the search thread to publish
/// its first rows before it draws: on a million claims they come in 0.2 ms p50, 1.8 ms p99
/// (`benches/search.rs`), and the frame that shows the key then shows them too, instead of
/// a poll and a draw later (first results 3.9–4.6 ms p50, up to 8.6 ms, at 210k claims
/// before, by `benches/frames.rs`).
pub const FIRST_RESULTS_WAIT: Duration = Duration::from_millis(4);
/// How often the screen is redrawn while a load goes on.
const LOAD_REDRAW: Duration = Duration::from_millis(100);
/// How often other reviewers' marks are looked for.
const REFRESH_EVERY: Duration = Duration::from_millis(1000);

/// Run the TUI until the reviewer quits.
pub fn run(desk: Desk, loader: Loader, config: &Config, global: &Global) -> anyhow::Result<()> {
    let keymap = Keymap::from_bindings(&config.keymap)?;
    let theme = Theme::from_env(&config.theme);
    let mode = global.bidi.unwrap_or(config.bidi);
    let guard = TerminalGuard::enter(config.mouse)?;
    let order = resolve_order(mode, &guard)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut model = Model::new(desk, keymap, order, (size.width, size.height));
    model.loading = Some(Progress::default());
    model.export_organisation = config.export.organisation.clone();
    model.export_verdicts = config.export.verdicts.clone();
    let result = event_loop(&mut terminal, &mut model, &theme, &guard, &loader);
    drop(terminal);
    drop(guard);
    loader.finish();
    // Freeing a large desk string by string holds the shell prompt back after `q` (perf
    // put it at 3–6 % of the CPU of a 10,000-article session, and it grows with the
    // corpus); the process ends now and the system takes its memory back at once. Every mark is committed already; the store's log is folded in first,
    // as closing it would.
    model.desk.store.checkpoint();
    std::mem::forget(model);
    result
}

/// Decide who reorders right-to-left text (see `bidi_probe`): a terminal that does
/// implicit bidi is told to stop for the session, so it does not reorder our panes again.
fn resolve_order(mode: BidiMode, guard: &TerminalGuard) -> io::Result<Order> {
    let (order, switch_off) = bidi_probe::resolve(mode, || bidi_probe::detect(PROBE_TIMEOUT));
    if switch_off {
        guard.disable_terminal_bidi()?;
    }
    Ok(order)
}

/// Forget what is on screen so the next draw repaints everything. (`Terminal::clear`
/// would ask the terminal where its cursor is: a round trip over SSH, and an error on
/// terminals that never answer.)
fn full_redraw(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    model: &mut Model,
    theme: &Theme,
    guard: &TerminalGuard,
    loader: &Loader,
) -> anyhow::Result<()> {
    let mut last_refresh = Instant::now();
    let mut last_draw = Instant::now();
    // A key (or a resize) came in since the last draw: it is shown at once.
    let mut input = false;
    // Articles on screen at the last draw.
    let mut shown_articles = 0;
    loop {
        // Whether loaded batches are still waiting: then the loop only looks at the keys
        // before it takes more, instead of sleeping a frame.
        let mut backlog = false;
        if model.loading.is_some() {
            // Take what has arrived, but never hold the keys up for long.
            let start = Instant::now();
            while let Some(message) = loader.try_recv() {
                model.apply_loaded(message);
                if start.elapsed() > FRAME {
                    backlog = true;
                    break;
                }
            }
            if !backlog {
                // The loader is busy with its next batch: the filter takes the claims so
                // far, on its own thread, rather than all of them once the load is over.
                model.index_loaded();
            } else {
                model.index_backlog();
            }
            if model.poll_indexing() {
                model.dirty = true;
            }
        }
        if input && model.await_first_results(FIRST_RESULTS_WAIT) {
            model.dirty = true;
        }
        if model.poll_search() {
            model.dirty = true;
        }
        // While a load goes on, the screen is redrawn only now and then: a frame per batch
        // would take the time the batches need. Keys, the first articles and the end of
        // the load are still shown at once.
        let first_articles = shown_articles == 0 && !model.desk.corpus.articles.is_empty();
        let busy = model.loading.is_some()
            && !input
            && !first_articles
            && last_draw.elapsed() < LOAD_REDRAW;
        if model.dirty && !busy {
            terminal.draw(|frame| views::draw(frame, model, theme))?;
            model.dirty = false;
            last_draw = Instant::now();
            input = false;
            shown_articles = model.desk.corpus.articles.len();
        }
        if guard.stop_requested() || model.quit {
            return Ok(());
        }
        let wait = if backlog {
            Duration::ZERO
        } else if model.loading.is_some() {
            LOAD_POLL
        } else if model.claim_search_pending.is_some() {
            RESULTS_POLL
        } else {
            REFRESH_EVERY
                .saturating_sub(last_refresh.elapsed())
                .min(Duration::from_millis(250))
        };
        if event::poll(wait)? {
            input = true;
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if key.modifiers.contains(KeyModifiers::CONTROL)
                        && key.code == KeyCode::Char('z')
                    {
                        guard.suspend()?;
                        full_redraw(terminal)?;
                        model.dirty = true;
                        continue;
                    }
                    if let Some(action) = update::key_action(model, key) {
                        update::update(model, action);
                    }
                }
                Event::Paste(text) => update::update(model, Action::Paste(text)),
                Event::Resize(w, h) => {
                    terminal.autoresize()?;
                    update::update(model, Action::Resize(w, h));
                }
                _ => {}
            }
        }
        if last_refresh.elapsed() >= REFRESH_EVERY {
            last_refresh = Instant::now();
            update::update(model, Action::Tick);
        }
    }
}
