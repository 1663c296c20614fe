//! The real binary in a pseudo-terminal, driven by keys and read through a vt100 screen,
//! as a user would meet it. The pty is read on a background thread (a full pty buffer
//! would block the child), and every wait is for text on screen, with a timeout.

mod common;

use common::seeds_copy;

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");
const WAIT: Duration = Duration::from_secs(20);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    hung_up: Arc<AtomicBool>,
    raw: Arc<Mutex<Vec<u8>>>,
    rows: u16,
    cols: u16,
}

impl Session {
    fn start(args: &[&str], cwd: &Path, rows: u16, cols: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("USER", "e2e");
        cmd.env_remove("TMUX");
        cmd.env_remove("NO_COLOR");
        cmd.env("XDG_CONFIG_HOME", cwd.join("no-config"));
        let child = pair.slave.spawn_command(cmd).expect("spawn claimdesk");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let raw = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&raw);
        let hung_up = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&hung_up);
        let fd = pair.master.as_raw_fd().expect("pty fd");
        std::thread::spawn(move || {
            // Wait with a timeout, so that a hang-up can close the reader's copy of the
            // master too: the kernel hangs up the terminal only when every copy is closed.
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::SeqCst) {
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd for the duration of the call.
                if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                }
            }
        });
        Session {
            child,
            writer: Some(writer),
            master: Some(pair.master),
            hung_up,
            raw,
            rows,
            cols,
        }
    }

    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(self.rows, self.cols, 0);
        parser.process(&self.raw.lock().unwrap());
        parser.screen().contents()
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Wait until the screen contains `text`; panic with the screen if it never does.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > WAIT {
                panic!("timed out waiting for {text:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the background load is over (the gauge is gone from the status bar).
    fn wait_loaded(&self) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains("triaged") && !screen.contains('▕') {
                return screen;
            }
            if start.elapsed() > WAIT {
                panic!("timed out waiting for the corpus to load; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Send one key and wait until the screen shows `then`.
    fn key(&mut self, key: &str, then: &str) -> String {
        self.send(key);
        self.wait_for(then)
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("claimdesk did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Close the terminal, as a dropped SSH connection or a closed window does.
    fn hang_up(&mut self) {
        self.hung_up.store(true, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(100));
        self.writer = None;
        self.master = None;
    }

    fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("child pid");
        let ok = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {sig} {pid}");
    }
}

impl Drop for Session {
    /// A failed test must not leave a claimdesk running.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn claims_jsonl(corpus: &Path) -> Vec<serde_json::Value> {
    let out = std::process::Command::new(BIN)
        .args(["claims", "--format", "jsonl"])
        .arg(corpus)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn marked(corpus: &Path) -> Vec<String> {
    claims_jsonl(corpus)
        .iter()
        .filter(|c| c["status"] != "untriaged")
        .map(|c| c["status"].as_str().unwrap().to_string())
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn marks_made_with_keys_are_in_the_store_after_quit() {
    let (dir, corpus) = seeds_copy();
    let mut s = Session::start(&["--bidi", "app", "seeds"], dir.path(), 40, 120);
    s.wait_loaded();
    s.key("a", "saved ✓");
    s.send("j");
    s.key("u", "saved ?");
    s.send("j");
    let screen = s.key("c", "saved ✗");
    assert!(
        screen.contains("3/"),
        "progress shows three triaged:\n{screen}"
    );
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    // The terminal is given back: alternate screen left, cursor shown.
    let raw = s.raw();
    assert!(contains(&raw, b"\x1b[?1049l"), "left the alternate screen");
    assert!(contains(&raw, b"\x1b[?25h"), "cursor shown again");
    let mut statuses = marked(&corpus);
    statuses.sort();
    assert_eq!(statuses, ["attributed", "contradicted", "unverified"]);
}

#[test]
fn marks_survive_kill_9_right_after_they_show() {
    let (dir, corpus) = seeds_copy();
    let mut s = Session::start(&["--bidi", "app", "seeds"], dir.path(), 24, 80);
    s.wait_loaded();
    s.key("c", "saved ✗");
    s.send("j");
    // "saved ✓" shows only once the second mark is in the store.
    s.key("a", "saved ✓");
    s.signal("-KILL");
    s.wait_exit();
    let mut statuses = marked(&corpus);
    statuses.sort();
    assert_eq!(statuses, ["attributed", "contradicted"]);
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_marks() {
    let (dir, corpus) = seeds_copy();
    let mut s = Session::start(&["--bidi", "app", "seeds"], dir.path(), 24, 80);
    s.wait_loaded();
    s.key("u", "saved ?");
    s.signal("-HUP");
    s.wait_exit();
    assert!(
        contains(&s.raw(), b"\x1b[?1049l"),
        "left the alternate screen"
    );
    assert_eq!(marked(&corpus), ["unverified"]);
}

#[test]
fn sigterm_quits_cleanly() {
    let (dir, _corpus) = seeds_copy();
    let mut s = Session::start(&["--bidi", "app", "seeds"], dir.path(), 24, 80);
    s.wait_loaded();
    s.signal("-TERM");
    let status = s.wait_exit();
    assert!(status.success(), "SIGTERM is a clean quit: {status:?}");
    assert!(contains(&s.raw(), b"\x1b[?25h"));
}

#[test]
fn hostile_files_are_listed_and_their_escapes_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("hostile");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("bad-utf8.txt"),
        b"Headline\n\nThe minister said \xff\xfe the talks failed.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("binary.txt"),
        [0u8, 1, 2, 3, 0, 255, 0, 7].repeat(64),
    )
    .unwrap();
    std::fs::write(corpus.join("empty.txt"), b"").unwrap();
    std::fs::write(
        corpus.join("escapes.txt"),
        "Evil\x1b]0;PWNED\x07 title\n\nThe army said\x1b[2J\x1b[31m 40 people \x1b[?1049l died in the attack.\n",
    )
    .unwrap();
    let mut s = Session::start(&["--bidi", "app", "hostile"], dir.path(), 40, 120);
    s.wait_loaded();
    let screen = s.wait_for("problem");
    assert!(
        screen.contains("The army said"),
        "the hostile file still opens:\n{screen}"
    );
    assert!(
        !screen.contains("[2J"),
        "escape sequences go whole:\n{screen}"
    );
    s.key("p", "binary.txt");
    let screen = s.wait_for("empty.txt");
    assert!(screen.contains("bad-utf8.txt"), "{screen}");
    s.send("\x1b");
    s.send("q");
    s.wait_exit();
    let raw = s.raw();
    assert!(
        !contains(&raw, b"PWNED\x07"),
        "OSC title sequence passed through"
    );
    assert!(
        !contains(&raw, b"\x1b]0;PWNED"),
        "OSC title sequence passed through"
    );
    assert!(
        !contains(&raw, b"\x1b[2J\x1b[31m"),
        "article's escapes passed through"
    );
}

#[test]
fn arabic_text_is_drawn_joined_and_right_to_left() {
    let (dir, _corpus) = seeds_copy();
    let mut s = Session::start(&["--bidi", "app", "seeds"], dir.path(), 40, 120);
    let screen = s.wait_loaded();
    // "موسكو" (the first word of seed 000's title) shaped and reversed: ﻮﻜﺳﻮﻣ.
    assert!(screen.contains("ﻮﻜﺳﻮﻣ"), "{screen}");
    s.send("q");
    s.wait_exit();
}

#[test]
fn two_reviewers_see_each_others_marks_without_a_key_press() {
    let (dir, corpus) = seeds_copy();
    let mut alice = Session::start(
        &["--bidi", "app", "--reviewer", "alice", "seeds"],
        dir.path(),
        40,
        120,
    );
    let mut bob = Session::start(
        &["--bidi", "app", "--reviewer", "bob", "seeds"],
        dir.path(),
        40,
        120,
    );
    alice.wait_loaded();
    bob.wait_loaded();
    alice.key("a", "saved ✓");
    let started = Instant::now();
    let screen = bob.wait_for("✓1");
    assert!(screen.contains("from other reviewers"), "{screen}");
    eprintln!("bob saw alice's mark after {:?}", started.elapsed());
    // Bob disagrees on the same claim: both decisions are kept, the claim is disputed.
    bob.key("c", "saved ✗");
    let screen = alice.wait_for("⚑");
    assert!(
        screen.contains("✗1"),
        "the latest decision shows:\n{screen}"
    );
    alice.send("q");
    bob.send("q");
    alice.wait_exit();
    bob.wait_exit();
    let out = std::process::Command::new(BIN)
        .args(["export", "--format", "log"])
        .arg(&corpus)
        .output()
        .unwrap();
    let log = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        log.lines().count(),
        2,
        "both decisions are in history:\n{log}"
    );
    assert!(log.contains("alice") && log.contains("bob"));
}

#[test]
fn closing_the_terminal_ends_claimdesk_and_keeps_the_marks() {
    let (dir, corpus) = seeds_copy();
    let mut s = Session::start(&["--bidi", "app", "seeds"], dir.path(), 24, 80);
    s.wait_loaded();
    s.key("c", "saved ✗");
    s.hang_up();
    // The kernel sends SIGHUP when the terminal goes; claimdesk must not linger (a
    // stuck process would spin on the dead terminal).
    s.wait_exit();
    assert_eq!(marked(&corpus), ["contradicted"]);
}
