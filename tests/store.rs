//! The store as reviewers rely on it: marks survive a killed process, several processes
//! write at once without losing anything, and a store it cannot trust is refused.

use claimdesk::model::{QuoteSelector, Status};
use claimdesk::store::{NewMark, Store, StoreError};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Set in a child process: the store path it writes to.
const CHILD_DB: &str = "CLAIMDESK_TEST_CHILD_DB";
/// Set in a child process: its claim id prefix and reviewer name.
const CHILD_NAME: &str = "CLAIMDESK_TEST_CHILD_NAME";
/// Set in a child process: how many marks to record (0 = until killed).
const CHILD_COUNT: &str = "CLAIMDESK_TEST_CHILD_COUNT";

fn new_mark(claim_id: &str, status: Status, reviewer: &str) -> NewMark {
    NewMark {
        claim_id: claim_id.to_string(),
        article_id: "article-1".to_string(),
        status,
        note: None,
        reviewer: reviewer.to_string(),
        selector: QuoteSelector {
            exact: format!("text of {claim_id}"),
            prefix: "قال ".to_string(),
            suffix: ".".to_string(),
        },
    }
}

/// Run `child_records_marks` of this test binary in a new process.
fn spawn_child(db: &Path, name: &str, count: usize) -> std::process::Child {
    let exe = std::env::current_exe().expect("test binary path");
    Command::new(exe)
        .args([
            "child_records_marks",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, db)
        .env(CHILD_NAME, name)
        .env(CHILD_COUNT, count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn the child test process")
}

/// The child side of the multi-process tests: records marks on claims `NAME-0`, `NAME-1`…
/// as reviewer NAME, printing `committed N` after each commit.
#[test]
#[ignore = "run as a child process by marks_survive_kill_9 and two_processes_mark_at_once"]
fn child_records_marks() {
    let (Some(db), Some(name)) = (std::env::var_os(CHILD_DB), std::env::var(CHILD_NAME).ok())
    else {
        return;
    };
    let count: usize = std::env::var(CHILD_COUNT)
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let store = Store::open(Path::new(&db)).expect("child opens the store");
    let mut i = 0;
    while count == 0 || i < count {
        store
            .record(&new_mark(&format!("{name}-{i}"), Status::Unverified, &name))
            .expect("child records a mark");
        i += 1;
        println!("committed {i}");
    }
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("triage.db");
    (dir, db)
}

fn history_rows(store: &Store) -> usize {
    store.events_since(0).expect("read history").len()
}

#[test]
fn marks_survive_kill_9() {
    let (_dir, db) = temp_db();
    let mut child = spawn_child(&db, "killed", 0);
    let stdout = child.stdout.take().expect("child stdout");
    let mut committed = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("read child output");
        if let Some(n) = line.strip_prefix("committed ") {
            committed = n.parse().expect("a count");
            if committed >= 200 {
                break;
            }
        }
    }
    child.kill().expect("SIGKILL the child");
    child.wait().expect("reap the child");
    assert!(committed >= 200, "the child committed {committed} marks");

    let store = Store::open(&db).expect("reopen after the kill");
    let marks = store.marks().expect("read marks");
    assert!(
        marks.len() >= committed,
        "{} marks after the kill, {committed} were committed",
        marks.len()
    );
    assert!(marks.iter().all(|m| m.status == Status::Unverified));
    assert_eq!(
        history_rows(&store),
        marks.len(),
        "one history row per mark"
    );
    for i in 0..committed {
        let id = format!("killed-{i}");
        assert!(
            marks.iter().any(|m| m.claim_id == id),
            "committed mark {id} is missing"
        );
    }
}

#[test]
fn two_processes_mark_500_claims_each_at_once() {
    let (_dir, db) = temp_db();
    // Both processes open the fresh file themselves: the migration must run once.
    let mut a = spawn_child(&db, "alice", 500);
    let mut b = spawn_child(&db, "badr", 500);
    for child in [&mut a, &mut b] {
        let status = child.wait().expect("wait for the child");
        assert!(status.success(), "a writer failed: {status}");
    }
    let store = Store::open(&db).expect("open");
    let marks = store.marks().expect("marks");
    assert_eq!(marks.len(), 1000);
    assert_eq!(history_rows(&store), 1000);
    assert_eq!(marks.iter().filter(|m| m.reviewer == "alice").count(), 500);
    let seqs: Vec<i64> = store
        .events_since(0)
        .expect("events")
        .iter()
        .map(|e| e.seq)
        .collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "history is in order");
}

#[test]
fn too_new_schema_is_refused_and_the_file_left_unchanged() {
    let (_dir, db) = temp_db();
    drop(Store::open(&db).expect("create"));
    {
        let conn = rusqlite::Connection::open(&db).expect("raw open");
        conn.pragma_update(None, "user_version", 99)
            .expect("set version");
        // Back to a rollback journal, so that switching to WAL would rewrite the header.
        let _: String = conn
            .query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))
            .expect("journal mode");
    }
    let before = std::fs::read(&db).expect("read file");
    match Store::open(&db) {
        Err(StoreError::TooNew { found, known, .. }) => {
            assert_eq!(found, 99);
            assert_eq!(known, claimdesk::store::SCHEMA_VERSION);
        }
        Err(other) => panic!("expected TooNew, got {other}"),
        Ok(_) => panic!("a too-new store was opened"),
    }
    let after = std::fs::read(&db).expect("read file");
    assert!(before == after, "the too-new store was written to");
    let message = Store::open(&db).err().map(|e| e.to_string());
    assert!(message.is_some_and(|m| m.contains("triage.db") && m.contains("upgrade")));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_by_name() {
    let (_dir, db) = temp_db();
    let text = "title,body\nnot,a database\n".repeat(200);
    std::fs::write(&db, &text).expect("write");
    let err = Store::open(&db).err().expect("refused");
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("triage.db"), "{message}");
    assert!(message.contains("not a SQLite database"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&db).expect("read"),
        text,
        "untouched"
    );
}

#[test]
fn an_empty_file_is_migrated_from_version_0() {
    let (_dir, db) = temp_db();
    std::fs::write(&db, b"").expect("touch");
    let store = Store::open(&db).expect("migrate an empty file");
    store
        .record(&new_mark("c1", Status::Attributed, "rana"))
        .expect("record");
    drop(store);
    let conn = rusqlite::Connection::open(&db).expect("raw open");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, claimdesk::store::SCHEMA_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
    assert_eq!(
        Store::open(&db)
            .expect("reopen")
            .marks()
            .expect("marks")
            .len(),
        1
    );
}

#[test]
fn a_location_that_cannot_hold_a_store_is_named_with_a_hint_to_use_db() {
    let (dir, _) = temp_db();
    // A file where the folder should be: unwritable even for root.
    let not_a_folder = dir.path().join("corpus.txt");
    std::fs::write(&not_a_folder, "text").expect("write");
    let db = not_a_folder.join("triage.db");
    let message = Store::open(&db).err().expect("refused").to_string();
    assert!(message.contains("corpus.txt/triage.db"), "{message}");
    assert!(message.contains("--db"), "{message}");
}

#[test]
fn record_returns_the_stores_old_status_and_time() {
    let store = Store::open_in_memory().expect("store");
    let first = store
        .record(&new_mark("c1", Status::Attributed, "rana"))
        .expect("record");
    assert_eq!(first.old_status, Status::Untriaged);
    assert_eq!(
        first.at.len(),
        "2026-11-23T16:41:39.123Z".len(),
        "{}",
        first.at
    );
    assert!(first.at.ends_with('Z') && first.at.contains('T'));
    // Another reviewer changes it; the store, not the caller, says what it was.
    let second = store
        .record(&new_mark("c1", Status::Contradicted, "omar"))
        .expect("record");
    assert_eq!(second.old_status, Status::Attributed);
    assert!(second.seq > first.seq);
}

#[test]
fn reviewers_who_disagree_make_a_disputed_mark() {
    let store = Store::open_in_memory().expect("store");
    store
        .record(&new_mark("c1", Status::Attributed, "rana"))
        .expect("record");
    store
        .record(&new_mark("c2", Status::Unverified, "rana"))
        .expect("record");
    store
        .record(&new_mark("c1", Status::Contradicted, "omar"))
        .expect("record");
    store
        .record(&new_mark("c2", Status::Unverified, "omar"))
        .expect("record");
    let marks = store.marks().expect("marks");
    assert_eq!(marks.len(), 2);
    let c1 = &marks[0];
    assert_eq!(c1.claim_id, "c1");
    assert_eq!(c1.status, Status::Contradicted, "the newest decision shows");
    assert_eq!(c1.reviewer, "omar");
    assert!(c1.disputed);
    assert!(!marks[1].disputed, "both said unverified");
    // Both decisions stay in history.
    let history = store.history("c1").expect("history");
    assert_eq!(history.len(), 2);
    // Omar clears his mark: no longer a dispute, Rana's decision is not lost.
    store
        .record(&new_mark("c1", Status::Untriaged, "omar"))
        .expect("record");
    let c1 = store.marks().expect("marks").remove(0);
    assert!(!c1.disputed);
    assert_eq!(
        c1.status,
        Status::Untriaged,
        "the newest decision is the clear"
    );
}

#[test]
fn history_keeps_every_decision_in_order_including_undo() {
    let store = Store::open_in_memory().expect("store");
    let steps = [
        Status::Attributed,
        Status::Contradicted,
        Status::Attributed, // an undo is another recorded mark
        Status::Attributed, // the same decision twice, within the same millisecond
    ];
    for s in steps {
        store.record(&new_mark("c1", s, "rana")).expect("record");
    }
    let history = store.history("c1").expect("history");
    let moves: Vec<(Status, Status)> = history
        .iter()
        .map(|e| (e.old_status, e.new_status))
        .collect();
    assert_eq!(
        moves,
        vec![
            (Status::Untriaged, Status::Attributed),
            (Status::Attributed, Status::Contradicted),
            (Status::Contradicted, Status::Attributed),
            (Status::Attributed, Status::Attributed),
        ]
    );
    assert_eq!(history[0].selector.prefix, "قال ");
    let after_first = store.events_since(history[1].seq).expect("since");
    assert_eq!(after_first.len(), 2);
    assert_eq!(store.last_seq().expect("last"), history[3].seq);
    assert!(store.history("other").expect("history").is_empty());
}

#[test]
fn the_snapshot_keeps_claims_as_spans_and_refuses_ones_that_do_not_fit() {
    use claimdesk::store::snapshot::{Key, Snapshot, Writer};
    let a1 = claimdesk::model::Article {
        id: "a1".into(),
        text: "عاجل\nقال   الوزير إن الجيش تقدم\n".into(),
        ..Default::default()
    };
    let start = a1.text.find("قال").unwrap();
    let end = a1.text.len() - 1;
    let claim = claimdesk::model::Claim {
        id: "c1".into(),
        article_id: "a1".into(),
        span: start..end,
        text: "قال الوزير إن الجيش تقدم".into(),
        ..Default::default()
    };
    // A claim whose text is not what its span says keeps its own text.
    let edited = claimdesk::model::Claim {
        id: "c2".into(),
        text: "قال الوزير".into(),
        ..claim.clone()
    };
    let both = vec![claim.clone(), edited];
    let key = Key {
        extractor: "1".into(),
        ..Key::default()
    };
    let mut writer = Writer::new(key.clone());
    writer.article(&a1, &both, None);
    let bytes = writer.finish(&[]).to_bytes();
    // The snapshot does not keep a second copy of the article's text.
    let needle = "الجيش".as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
    let snapshot = Snapshot::parse(bytes).expect("a snapshot just written parses");
    assert_eq!(snapshot.key, key);
    assert_eq!(snapshot.claims(0, &a1), Some(both));
    // A damaged entry (a span outside the text) is a miss, never a panic.
    let short = claimdesk::model::Article {
        text: "قال".into(),
        ..a1.clone()
    };
    assert_eq!(snapshot.claims(0, &short), None);
    assert_eq!(snapshot.claims(1, &a1), None, "no such article");
}

#[test]
fn several_claimdesks_creating_one_store_at_once_all_open_it() {
    // Two reviewers who start on a new corpus at the same moment: each connection must
    // get the store, however their WAL switch and migration interleave.
    for round in 0..30 {
        let (_dir, db) = temp_db();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let openers: Vec<_> = (0..4)
            .map(|_| {
                let (db, barrier) = (db.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&db).map(|_| ())
                })
            })
            .collect();
        for o in openers {
            let opened = o.join().unwrap();
            assert!(opened.is_ok(), "round {round}: {opened:?}");
        }
    }
}
