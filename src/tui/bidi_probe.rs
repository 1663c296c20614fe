//! Deciding who does bidi: asks the terminal whether it reorders right-to-left text itself
//! (DECRQM for BDSM, ECMA-48 mode 8) behind a DA1 fence so the question never hangs, and
//! resolves `--bidi auto|app|terminal` into a rendering order. It never leaves the
//! terminal's bidi switched off: the caller restores it with [`ENABLE_BIDI`].

use crate::config::BidiMode;
use crate::text::display::Order;
use std::time::Duration;

/// Switch the terminal's implicit bidi off (BDSM reset: explicit mode, cells as given).
pub const DISABLE_BIDI: &str = "\x1b[8l";
/// Switch it back on at exit.
pub const ENABLE_BIDI: &str = "\x1b[8h";
/// DECRQM for ANSI mode 8, then DA1: every terminal answers DA1, so its reply marks the
/// end of whatever answer the first question got.
pub const QUERY: &str = "\x1b[8$p\x1b[c";

/// What came back from [`QUERY`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    /// The DECRPM state of mode 8: 1 set, 2 reset, 3 permanently set, 4 permanently
    /// reset, 0 unknown mode.
    pub bidi_mode: Option<u8>,
    /// The DA1 answer arrived, so nothing more is coming.
    pub fenced: bool,
}

impl Reply {
    /// True when the terminal reorders text itself; `None` when it said nothing at all.
    pub fn does_bidi(self) -> Option<bool> {
        match (self.bidi_mode, self.fenced) {
            (Some(1 | 3), _) => Some(true),
            (Some(_), _) | (None, true) => Some(false),
            (None, false) => None,
        }
    }
}

/// Read the terminal's answers out of the bytes received so far.
pub fn parse_reply(bytes: &[u8]) -> Reply {
    let mut reply = Reply::default();
    let mut i = 0;
    while let Some(offset) = bytes.get(i..).and_then(find_csi) {
        let body_start = i + offset;
        let body = bytes.get(body_start..).unwrap_or_default();
        // parameters and intermediates up to the final byte (0x40..=0x7E)
        let Some(end) = body.iter().position(|b| (0x40..=0x7E).contains(b)) else {
            break;
        };
        let (params, last) = (body.get(..end).unwrap_or_default(), body.get(end).copied());
        match last {
            Some(b'y') => {
                if let Some(state) = decrpm_mode_8(params) {
                    reply.bidi_mode = Some(state);
                }
            }
            Some(b'c') if params.first() == Some(&b'?') => reply.fenced = true,
            _ => {}
        }
        i = body_start + end + 1;
    }
    reply
}

/// Offset just past the next `ESC [`.
fn find_csi(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(2)
        .position(|w| w == b"\x1b[")
        .map(|at| at + 2)
}

/// `8;Ps$` → Ps
fn decrpm_mode_8(params: &[u8]) -> Option<u8> {
    let rest = params.strip_prefix(b"8;")?.strip_suffix(b"$")?;
    std::str::from_utf8(rest).ok()?.parse().ok()
}

/// Ask the terminal on stdin/stdout (raw mode already on) whether it does implicit bidi.
/// `None` when nothing answered within `timeout`. Keys typed during the wait are lost.
pub fn detect(timeout: Duration) -> Option<bool> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(QUERY.as_bytes()).ok()?;
    out.flush().ok()?;
    drop(out);
    read_reply(timeout).does_bidi()
}

#[cfg(unix)]
fn read_reply(timeout: Duration) -> Reply {
    use std::time::Instant;
    let deadline = Instant::now() + timeout;
    let mut received = Vec::with_capacity(64);
    let mut chunk = [0u8; 64];
    loop {
        let reply = parse_reply(&received);
        let left = deadline.saturating_duration_since(Instant::now());
        // a terminal that floods us is not answering the question
        if reply.fenced || left.is_zero() || received.len() > 4096 {
            return reply;
        }
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd for the duration of the call.
        let ready = unsafe { libc::poll(&mut fd, 1, millis) };
        if ready < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return reply;
        }
        if ready == 0 {
            continue;
        }
        // SAFETY: reads at most `chunk.len()` bytes into `chunk`.
        let n = unsafe { libc::read(libc::STDIN_FILENO, chunk.as_mut_ptr().cast(), chunk.len()) };
        match usize::try_from(n) {
            Ok(0) | Err(_) => return reply,
            Ok(n) => received.extend_from_slice(chunk.get(..n).unwrap_or_default()),
        }
    }
}

#[cfg(not(unix))]
fn read_reply(_timeout: Duration) -> Reply {
    Reply::default()
}

/// Decide the rendering order for `mode`; the flag says terminal bidi must be switched off
/// now ([`DISABLE_BIDI`]) and back on at exit ([`ENABLE_BIDI`]). Inside tmux (which
/// swallows the mode and answers the query with 0) we always reorder ourselves.
pub fn resolve(mode: BidiMode, probe: impl FnOnce() -> Option<bool>) -> (Order, bool) {
    resolve_in(mode, std::env::var_os("TMUX").is_some(), probe)
}

/// [`resolve`] with the tmux check passed in, so it can be tested.
pub fn resolve_in(
    mode: BidiMode,
    in_tmux: bool,
    probe: impl FnOnce() -> Option<bool>,
) -> (Order, bool) {
    match mode {
        BidiMode::App => (Order::Visual, false),
        BidiMode::Terminal => (Order::Logical, false),
        BidiMode::Auto if in_tmux => (Order::Visual, false),
        BidiMode::Auto => (Order::Visual, probe() == Some(true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vte_answer_means_the_terminal_does_bidi() {
        let reply = parse_reply(b"\x1b[8;1$y\x1b[?65;1;9c");
        assert_eq!(
            reply,
            Reply {
                bidi_mode: Some(1),
                fenced: true
            }
        );
        assert_eq!(reply.does_bidi(), Some(true));
    }

    #[test]
    fn xterm_answers_only_the_fence() {
        assert_eq!(
            parse_reply(b"\x1b[?64;1;2;6;9;15;18;21;22c").does_bidi(),
            Some(false)
        );
        assert_eq!(
            parse_reply(b"\x1b[8;0$y\x1b[?1;2c").does_bidi(),
            Some(false)
        );
        assert_eq!(
            parse_reply(b"\x1b[8;4$y\x1b[?1;2c").does_bidi(),
            Some(false)
        );
    }

    #[test]
    fn silence_or_half_an_answer_is_no_answer() {
        assert_eq!(parse_reply(b"").does_bidi(), None);
        assert_eq!(parse_reply(b"\x1b[8;1").does_bidi(), None);
        assert!(!parse_reply(b"\x1b[8;1$y").fenced);
        assert_eq!(parse_reply(b"garbage\x1b[\x1b[x;y$y").does_bidi(), None);
    }

    #[test]
    fn keys_typed_before_the_answer_are_skipped() {
        let reply = parse_reply(b"jj\x1b[A\x1b[8;2$y\x1b[?62c");
        assert_eq!(reply.bidi_mode, Some(2));
        assert!(reply.fenced);
    }

    #[test]
    fn auto_turns_terminal_bidi_off_only_when_it_is_on() {
        assert_eq!(
            resolve_in(BidiMode::Auto, false, || Some(true)),
            (Order::Visual, true)
        );
        assert_eq!(
            resolve_in(BidiMode::Auto, false, || Some(false)),
            (Order::Visual, false)
        );
        assert_eq!(
            resolve_in(BidiMode::Auto, false, || None),
            (Order::Visual, false)
        );
    }

    #[test]
    fn inside_tmux_we_reorder_without_asking() {
        let (order, restore) = resolve_in(BidiMode::Auto, true, || {
            panic!("tmux answers 0 and swallows the mode: never probe")
        });
        assert_eq!((order, restore), (Order::Visual, false));
    }

    #[test]
    fn explicit_modes_never_probe() {
        let never = || -> Option<bool> { panic!("no probe for an explicit mode") };
        assert_eq!(
            resolve_in(BidiMode::App, false, never),
            (Order::Visual, false)
        );
        assert_eq!(
            resolve_in(BidiMode::Terminal, false, never),
            (Order::Logical, false)
        );
    }
}
