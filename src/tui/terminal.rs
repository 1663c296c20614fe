//! The terminal guard: enters raw mode and the alternate screen, and restores the
//! terminal exactly once on every way out — normal exit, panic, Ctrl-C, SIGTERM, SIGHUP —
//! and around Ctrl-Z. ratatui's own init is not used: its panic hook knows nothing of
//! bracketed paste, mouse capture or the terminal bidi mode we may switch off.

use crossterm::{
    cursor,
    event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Arc;

/// Set while the terminal is in our modes; restore only acts when it is set.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// What was switched on, so restore undoes exactly that.
static FLAGS: AtomicU8 = AtomicU8::new(0);
const MOUSE: u8 = 1;
const BIDI_OFF: u8 = 2;

use super::bidi_probe::{DISABLE_BIDI, ENABLE_BIDI};

pub struct TerminalGuard {
    /// Set by SIGTERM, SIGHUP and SIGINT: the loop quits cleanly at its next turn.
    pub stop: Arc<AtomicBool>,
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        let stop = Arc::new(AtomicBool::new(false));
        watch_signals(Arc::clone(&stop))?;
        install_panic_hook();
        FLAGS.store(if mouse { MOUSE } else { 0 }, Ordering::SeqCst);
        enter_modes()?;
        Ok(TerminalGuard { stop })
    }

    /// Switch the terminal's own bidi off for the session; every way out (and Ctrl-Z)
    /// switches it back on.
    pub fn disable_terminal_bidi(&self) -> io::Result<()> {
        FLAGS.fetch_or(BIDI_OFF, Ordering::SeqCst);
        let mut out = io::stdout();
        out.write_all(DISABLE_BIDI.as_bytes())?;
        out.flush()
    }

    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again when resumed (`fg`).
    pub fn suspend(&self) -> io::Result<()> {
        restore();
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        enter_modes()
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// How long the event loop has, after SIGTERM/SIGHUP/SIGINT, to quit on its own.
const GRACE: std::time::Duration = std::time::Duration::from_millis(1500);

/// SIGTERM, SIGHUP (a dropped SSH connection) and SIGINT ask the event loop to quit
/// cleanly. When the terminal is gone, crossterm's `poll` can spin on end-of-file and
/// never come back to the loop, so a watchdog restores and exits after a grace period.
/// Exiting is safe for the reviewer's work: a mark is committed before it is shown, and
/// SQLite rolls back any transaction the exit interrupts.
fn watch_signals(stop: Arc<AtomicBool>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("claimdesk-signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                stop.store(true, Ordering::SeqCst);
                std::thread::sleep(GRACE);
                restore();
                std::process::exit(0);
            }
        })?;
    Ok(())
}

fn enter_modes() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    let flags = FLAGS.load(Ordering::SeqCst);
    if flags & MOUSE != 0 {
        execute!(out, EnableMouseCapture)?;
    }
    if flags & BIDI_OFF != 0 {
        out.write_all(DISABLE_BIDI.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}

/// Put the terminal back as we found it. Idempotent: a second call does nothing, so a
/// panic message printed after the first restore is never clobbered. Errors are ignored:
/// after SIGHUP the terminal may be gone.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let flags = FLAGS.load(Ordering::SeqCst);
    if flags & MOUSE != 0 {
        let _ = execute!(out, DisableMouseCapture);
    }
    if flags & BIDI_OFF != 0 {
        let _ = out.write_all(ENABLE_BIDI.as_bytes());
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
