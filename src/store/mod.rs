//! Durable state in SQLite: marks (latest per claim and reviewer), the append-only
//! history and reviewers' corrections; beside it, the snapshot of the corpus last loaded
//! (`snapshot`). A mark is committed before `record` returns; nothing
//! here ever overwrites another reviewer's decision silently.

mod schema;
pub mod snapshot;

use crate::model::{Mark, MarkEvent, QuoteSelector, Status};
use rusqlite::{params, Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use schema::VERSION as SCHEMA_VERSION;

/// How long a write waits for another reviewer's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The first 16 bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// SQLite's clock, in the one format every `at` in the store has.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

/// Why the store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("{path}: written by a newer claimdesk (schema {found}, this one knows {known}); upgrade claimdesk, or use --db for another store")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("store: {0}")]
    Sql(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Sql(e.to_string())
    }
}

/// A decision about to be recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct NewMark {
    pub claim_id: String,
    pub article_id: String,
    pub status: Status,
    pub note: Option<String>,
    pub reviewer: String,
    pub selector: QuoteSelector,
}

/// What a reviewer changed about a claim itself (not its status).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// The source, named by hand (empty: no source).
    Source(String),
    /// Not a claim: hidden from progress, navigation and exports.
    Dismiss,
    /// Undo a dismissal.
    Restore,
    /// A sentence the extractor missed, made a claim; found again by its quote.
    Add(QuoteSelector),
}

/// One correction as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimEdit {
    pub seq: i64,
    pub claim_id: String,
    pub article_id: String,
    pub kind: EditKind,
    pub reviewer: String,
    pub at: String,
}

/// An event made elsewhere (a decision log), to be merged with [`Store::import`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignEvent {
    /// The event's identity; the same decision always has the same uid.
    pub uid: String,
    pub claim_id: String,
    pub article_id: String,
    pub old_status: Status,
    pub new_status: Status,
    pub note: Option<String>,
    pub reviewer: String,
    /// `YYYY-MM-DDTHH:MM:SS.sssZ`, as SQLite writes it.
    pub at: String,
    pub selector: QuoteSelector,
}

/// What [`Store::import`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: usize,
    pub already_present: usize,
}

/// The identity of a decision: the same claim, reviewer, time, statuses and note always
/// give the same uid, so a log imported twice adds nothing the second time.
pub fn event_uid(
    claim_id: &str,
    reviewer: &str,
    at: &str,
    old_status: Status,
    new_status: Status,
    note: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    let note = note.map_or(String::from("-"), |n| format!("+{n}"));
    for part in [
        claim_id,
        reviewer,
        at,
        old_status.as_str(),
        new_status.as_str(),
        &note,
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An open store.
pub struct Store {
    path: PathBuf,
    conn: Connection,
}

impl Store {
    /// Open (creating if needed) the store at `path`. A store made by a newer claimdesk
    /// is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // Two claimdesks that create one store at the same moment can catch each other
        // half-way (one holds the file to switch it to WAL while the other reads it):
        // SQLite then answers "busy" at once, without waiting. Closing and trying again
        // lets the first one finish.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        let mut pause = Duration::from_millis(10);
        loop {
            match Self::open_once(path) {
                Err(Opening::Busy(_)) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(200));
                }
                Err(Opening::Busy(e)) | Err(Opening::Failed(e)) => {
                    return Err(match e {
                        OpenError::Sqlite(e) => StoreError::Open {
                            path: path.to_path_buf(),
                            message: describe(&e),
                        },
                        OpenError::Store(e) => e,
                    })
                }
                Ok(store) => return Ok(store),
            }
        }
    }

    fn open_once(path: &Path) -> Result<Store, Opening> {
        let existing = refuse_foreign_file(path).map_err(Opening::store)?;
        if existing {
            // Look first through a read-only connection: a newer schema must never be
            // touched, not even by the journal-mode switch.
            let probe = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(Opening::sqlite)?;
            probe.busy_timeout(BUSY_TIMEOUT).map_err(Opening::sqlite)?;
            let found = schema::user_version(&probe).map_err(Opening::sqlite)?;
            too_new(path, found).map_err(Opening::store)?;
        }
        let conn = Connection::open(path).map_err(Opening::sqlite)?;
        let store = Store {
            path: path.to_path_buf(),
            conn,
        };
        store.configure().map_err(Opening::sqlite)?;
        let found = schema::migrate(&store.conn).map_err(Opening::sqlite)?;
        too_new(path, found).map_err(Opening::store)?;
        Ok(store)
    }

    /// A store that lives in memory only (tests, `--db :memory:`).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let store = Store {
            path: PathBuf::from(":memory:"),
            conn: Connection::open_in_memory()?,
        };
        store.configure()?;
        schema::migrate(&store.conn)?;
        Ok(store)
    }

    fn configure(&self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL keeps every committed transaction across a kill; NORMAL skips the fsync
        // per commit that only a power cut would need.
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Commit one decision and its history row in one transaction. `old_status` and `at`
    /// are the store's, read and written inside the transaction, so they are right even
    /// when another reviewer wrote a moment before.
    pub fn record(&self, mark: &NewMark) -> Result<MarkEvent, StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let old_status = current_status(&tx, &mark.claim_id)?;
        let at: String = tx.query_row(&format!("SELECT {NOW}"), [], |row| row.get(0))?;
        let mut uid = event_uid(
            &mark.claim_id,
            &mark.reviewer,
            &at,
            old_status,
            mark.status,
            mark.note.as_deref(),
        );
        // The same decision twice in one millisecond: still two events.
        let mut repeat = 1;
        while tx
            .query_row("SELECT 1 FROM history WHERE uid = ?1", [&uid], |_| Ok(()))
            .optional()?
            .is_some()
        {
            repeat += 1;
            uid = format!("{}~{repeat}", uid.split('~').next().unwrap_or_default());
        }
        let event = ForeignEvent {
            uid,
            claim_id: mark.claim_id.clone(),
            article_id: mark.article_id.clone(),
            old_status,
            new_status: mark.status,
            note: mark.note.clone(),
            reviewer: mark.reviewer.clone(),
            at,
            selector: mark.selector.clone(),
        };
        let seq = insert_event(&tx, &event)?.unwrap_or_default();
        // A reviewer's newest action is their decision, even if the clock stepped back.
        upsert_mark(&tx, &event, seq, false)?;
        tx.commit()?;
        Ok(MarkEvent {
            seq,
            claim_id: event.claim_id,
            article_id: event.article_id,
            old_status: event.old_status,
            new_status: event.new_status,
            note: event.note,
            reviewer: event.reviewer,
            at: event.at,
            selector: event.selector,
        })
    }

    /// Merge events made elsewhere, all in one transaction. An event already present
    /// (same uid) is skipped; a reviewer's mark moves only to a decision at least as
    /// recent as the one it has.
    pub fn import(&self, events: &[ForeignEvent]) -> Result<Merged, StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let mut merged = Merged::default();
        for event in events {
            let Some(seq) = insert_event(&tx, event)? else {
                merged.already_present += 1;
                continue;
            };
            merged.added += 1;
            upsert_mark(&tx, event, seq, true)?;
        }
        tx.commit()?;
        Ok(merged)
    }

    /// Every claim's current mark: the newest decision across reviewers, `disputed` when
    /// the reviewers' latest non-untriaged statuses differ. Sorted by claim id.
    pub fn marks(&self) -> Result<Vec<Mark>, StoreError> {
        Ok(latest_per_claim(self.reviewer_marks()?))
    }

    /// The current marks of some claims only (what changed since the last look): a
    /// refresh must not read every mark of a large store on each key press.
    pub fn marks_of(&self, claim_ids: &[&str]) -> Result<Vec<Mark>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT claim_id, status, note, reviewer, at FROM marks
             WHERE claim_id = ?1 ORDER BY at, seq",
        )?;
        let mut rows = Vec::new();
        for id in claim_ids {
            for m in stmt.query_map(params![id], mark_row)? {
                rows.push(m?);
            }
        }
        Ok(latest_per_claim(rows))
    }

    /// Each reviewer's latest decision on each claim (`disputed` is always false here),
    /// by claim id, then oldest first. For agreement figures.
    pub fn reviewer_marks(&self) -> Result<Vec<Mark>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT claim_id, status, note, reviewer, at FROM marks ORDER BY claim_id, at, seq",
        )?;
        let rows = stmt.query_map([], mark_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// History events with `seq > after`, oldest first. Cheap when nothing is new: the
    /// TUI polls it every second.
    pub fn events_since(&self, after: i64) -> Result<Vec<MarkEvent>, StoreError> {
        self.events("WHERE seq > ?1 ORDER BY seq", after)
    }

    /// One claim's history, oldest first.
    pub fn history(&self, claim_id: &str) -> Result<Vec<MarkEvent>, StoreError> {
        self.events("WHERE claim_id = ?1 ORDER BY seq", claim_id)
    }

    /// Fold the write-ahead log into the database file, as closing the last connection
    /// does, for a process about to end without closing it. A log another process is
    /// still using is left to that process.
    pub fn checkpoint(&self) {
        let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    /// The newest history `seq`, 0 for an empty store.
    pub fn last_seq(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM history", [], |row| {
                row.get(0)
            })?)
    }

    /// Every event with its uid, oldest first: the decision log.
    pub fn log(&self) -> Result<Vec<(String, MarkEvent)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT uid, {EVENT_COLUMNS} FROM history ORDER BY seq"
        ))?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, event_row(row, 1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn events(
        &self,
        filter: &str,
        arg: impl rusqlite::ToSql,
    ) -> Result<Vec<MarkEvent>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM history {filter}"))?;
        let rows = stmt.query_map([arg], |row| event_row(row, 0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Record a correction to a claim; committed before this returns.
    pub fn record_edit(
        &self,
        claim_id: &str,
        article_id: &str,
        kind: &EditKind,
        reviewer: &str,
    ) -> Result<ClaimEdit, StoreError> {
        let (name, value) = match kind {
            EditKind::Source(s) => ("source", s.clone()),
            EditKind::Dismiss => ("dismiss", String::new()),
            EditKind::Restore => ("restore", String::new()),
            EditKind::Add(sel) => (
                "add",
                serde_json::to_string(sel).map_err(|e| StoreError::Sql(e.to_string()))?,
            ),
        };
        let sql = format!(
            "INSERT INTO claim_edits (claim_id, article_id, kind, value, reviewer, at)
             VALUES (?1, ?2, ?3, ?4, ?5, {NOW}) RETURNING seq, at"
        );
        let (seq, at): (i64, String) = self.conn.query_row(
            &sql,
            params![claim_id, article_id, name, value, reviewer],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(ClaimEdit {
            seq,
            claim_id: claim_id.to_string(),
            article_id: article_id.to_string(),
            kind: kind.clone(),
            reviewer: reviewer.to_string(),
            at,
        })
    }

    /// The newest correction's seq (0 for none): cheap to poll.
    pub fn last_edit_seq(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM claim_edits")?
            .query_row([], |row| row.get(0))?)
    }

    /// Every correction, oldest first. Rows this build cannot read are skipped.
    pub fn edits(&self) -> Result<Vec<ClaimEdit>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, claim_id, article_id, kind, value, reviewer, at
             FROM claim_edits ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |row| {
            let kind: String = row.get(3)?;
            let value: String = row.get(4)?;
            let kind = match kind.as_str() {
                "source" => Some(EditKind::Source(value)),
                "dismiss" => Some(EditKind::Dismiss),
                "restore" => Some(EditKind::Restore),
                "add" => serde_json::from_str(&value).ok().map(EditKind::Add),
                _ => None,
            };
            Ok(kind.map(|kind| -> rusqlite::Result<ClaimEdit> {
                Ok(ClaimEdit {
                    seq: row.get(0)?,
                    claim_id: row.get(1)?,
                    article_id: row.get(2)?,
                    kind,
                    reviewer: row.get(5)?,
                    at: row.get(6)?,
                })
            }))
        })?;
        let mut out = Vec::new();
        for row in rows {
            if let Some(edit) = row?.transpose()? {
                out.push(edit);
            }
        }
        Ok(out)
    }
}

const EVENT_COLUMNS: &str =
    "seq, claim_id, article_id, old_status, new_status, note, reviewer, at, exact, prefix, suffix";

fn event_row(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<MarkEvent> {
    Ok(MarkEvent {
        seq: row.get(first)?,
        claim_id: row.get(first + 1)?,
        article_id: row.get(first + 2)?,
        old_status: status_column(row, first + 3)?,
        new_status: status_column(row, first + 4)?,
        note: row.get(first + 5)?,
        reviewer: row.get(first + 6)?,
        at: row.get(first + 7)?,
        selector: QuoteSelector {
            exact: row.get(first + 8)?,
            prefix: row.get(first + 9)?,
            suffix: row.get(first + 10)?,
        },
    })
}

fn status_column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Status> {
    let word: String = row.get(i)?;
    Status::ALL
        .into_iter()
        .find(|s| s.as_str() == word)
        .ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                i,
                rusqlite::types::Type::Text,
                format!("{word:?} is not a status").into(),
            )
        })
}

/// The claim's status across reviewers: the newest decision.
fn current_status(conn: &Connection, claim_id: &str) -> rusqlite::Result<Status> {
    let word: Option<String> = conn
        .prepare_cached(
            "SELECT status FROM marks WHERE claim_id = ?1 ORDER BY at DESC, seq DESC LIMIT 1",
        )?
        .query_row([claim_id], |row| row.get(0))
        .optional()?;
    Ok(word
        .and_then(|w| Status::ALL.into_iter().find(|s| s.as_str() == w))
        .unwrap_or_default())
}

/// Make `event` its reviewer's current mark on the claim. `only_if_newer`: an imported
/// older decision never replaces a newer one.
fn upsert_mark(
    conn: &Connection,
    event: &ForeignEvent,
    seq: i64,
    only_if_newer: bool,
) -> rusqlite::Result<()> {
    let guard = if only_if_newer {
        " WHERE excluded.at >= marks.at"
    } else {
        ""
    };
    conn.prepare_cached(&format!(
        "INSERT INTO marks (claim_id, reviewer, article_id, status, note, at, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (claim_id, reviewer) DO UPDATE SET
            article_id = excluded.article_id, status = excluded.status,
            note = excluded.note, at = excluded.at, seq = excluded.seq{guard}"
    ))?
    .execute(params![
        event.claim_id,
        event.reviewer,
        event.article_id,
        event.new_status.as_str(),
        event.note,
        event.at,
        seq
    ])?;
    Ok(())
}

/// Append one event to history; `None` when its uid is already there.
fn insert_event(conn: &Connection, e: &ForeignEvent) -> rusqlite::Result<Option<i64>> {
    let inserted = conn
        .prepare_cached(
            "INSERT INTO history (uid, claim_id, article_id, old_status, new_status, note,
                                  reviewer, at, exact, prefix, suffix)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (uid) DO NOTHING",
        )?
        .execute(params![
            e.uid,
            e.claim_id,
            e.article_id,
            e.old_status.as_str(),
            e.new_status.as_str(),
            e.note,
            e.reviewer,
            e.at,
            e.selector.exact,
            e.selector.prefix,
            e.selector.suffix
        ])?;
    Ok((inserted == 1).then(|| conn.last_insert_rowid()))
}

/// Refuse a file that exists but is not a SQLite database, before SQLite touches it.
/// Returns whether the file exists with content.
fn refuse_foreign_file(path: &Path) -> Result<bool, StoreError> {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    match std::fs::File::open(path) {
        Ok(f) => {
            if let Err(e) = f.take(16).read_to_end(&mut head) {
                return Err(StoreError::Open {
                    path: path.to_path_buf(),
                    message: format!("cannot read the store: {e}"),
                });
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                message: format!(
                    "cannot read the store: {e} (use --db PATH to keep the store elsewhere)"
                ),
            })
        }
    }
    if head.is_empty() {
        return Ok(false);
    }
    if head.as_slice() != SQLITE_MAGIC {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            message: "not a SQLite database, so not a claimdesk store; move it away, or use --db PATH for another store".into(),
        });
    }
    Ok(true)
}

fn too_new(path: &Path, found: i64) -> Result<(), StoreError> {
    if found > schema::VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: schema::VERSION,
        });
    }
    Ok(())
}

/// An SQLite error in the reviewer's words, with what to do about it.
/// Why one attempt at opening the store failed: busy (try again) or for good.
enum Opening {
    Busy(OpenError),
    Failed(OpenError),
}

enum OpenError {
    Sqlite(rusqlite::Error),
    Store(StoreError),
}

impl Opening {
    fn sqlite(e: rusqlite::Error) -> Opening {
        let busy = matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        );
        if busy {
            Opening::Busy(OpenError::Sqlite(e))
        } else {
            Opening::Failed(OpenError::Sqlite(e))
        }
    }

    fn store(e: StoreError) -> Opening {
        Opening::Failed(OpenError::Store(e))
    }
}

fn describe(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            format!("cannot write the store ({e}); is the folder read-only? use --db PATH to keep the store elsewhere")
        }
        Some(ErrorCode::NotADatabase) => {
            format!("not a claimdesk store ({e}); move it away, or use --db PATH for another store")
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            format!(
                "the store stayed locked by another claimdesk for {} s ({e}); try again",
                BUSY_TIMEOUT.as_secs()
            )
        }
        _ => format!("cannot open the store: {e}"),
    }
}

/// Fold each reviewer's latest marks (by claim, oldest first) into one mark per claim:
/// the newest decision, and `disputed` when reviewers' decided statuses differ.
fn latest_per_claim(rows: Vec<Mark>) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    let mut decided: BTreeSet<Status> = BTreeSet::new();
    for m in rows {
        let status = m.status;
        match out.last_mut() {
            Some(last) if last.claim_id == m.claim_id => {
                // Rows come oldest first within a claim: the newest wins.
                last.status = m.status;
                last.note = m.note;
                last.reviewer = m.reviewer;
                last.at = m.at;
            }
            _ => {
                decided.clear();
                out.push(m);
            }
        }
        if status != Status::Untriaged {
            decided.insert(status);
        }
        if let Some(last) = out.last_mut() {
            last.disputed = decided.len() > 1;
        }
    }
    out
}

fn mark_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Mark> {
    Ok(Mark {
        claim_id: row.get(0)?,
        status: status_column(row, 1)?,
        note: row.get(2)?,
        reviewer: row.get(3)?,
        at: row.get(4)?,
        disputed: false,
    })
}
