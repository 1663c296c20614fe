//! The store's schema as an ordered list of migrations, numbered by `PRAGMA user_version`.
//! A migration is only ever appended, never edited: stores in the field were built by
//! the old ones.

use rusqlite::{Connection, TransactionBehavior};

/// Migration `i` takes a store from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: history, marks, claim cache.
    "
    CREATE TABLE history (
        seq        INTEGER PRIMARY KEY,
        uid        TEXT NOT NULL UNIQUE,
        claim_id   TEXT NOT NULL,
        article_id TEXT NOT NULL,
        old_status TEXT NOT NULL,
        new_status TEXT NOT NULL,
        note       TEXT,
        reviewer   TEXT NOT NULL,
        at         TEXT NOT NULL,
        exact      TEXT NOT NULL DEFAULT '',
        prefix     TEXT NOT NULL DEFAULT '',
        suffix     TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX history_by_claim ON history (claim_id, seq);

    -- The latest decision of each reviewer on each claim; `seq` is the history row.
    CREATE TABLE marks (
        claim_id   TEXT NOT NULL,
        reviewer   TEXT NOT NULL,
        article_id TEXT NOT NULL,
        status     TEXT NOT NULL,
        note       TEXT,
        at         TEXT NOT NULL,
        seq        INTEGER NOT NULL REFERENCES history (seq),
        PRIMARY KEY (claim_id, reviewer)
    );

    CREATE TABLE claim_cache (
        article_id TEXT PRIMARY KEY,
        extractor  TEXT NOT NULL,
        claims     TEXT NOT NULL
    );
    ",
    // 2: reviewers' corrections to extraction (a source named by hand, a claim dismissed
    // or restored, a missed sentence added). Append-only; the latest edit of each kind on
    // a claim holds. `value` is the source text, or for `add` the quote selector as JSON.
    "
    CREATE TABLE claim_edits (
        seq        INTEGER PRIMARY KEY,
        claim_id   TEXT NOT NULL,
        article_id TEXT NOT NULL,
        kind       TEXT NOT NULL,
        value      TEXT NOT NULL DEFAULT '',
        reviewer   TEXT NOT NULL,
        at         TEXT NOT NULL
    );
    CREATE INDEX claim_edits_by_claim ON claim_edits (claim_id, seq);
    ",
    // 3: related-claim links for a whole corpus, keyed by the extractor and every claim id,
    // so a warm start does not link again. Only the latest corpus is kept.
    "
    CREATE TABLE related_cache (
        corpus_key TEXT PRIMARY KEY,
        links      TEXT NOT NULL
    );
    ",
    // 4: every article's layout (title, metadata, boilerplate ranges) for a whole corpus,
    // keyed by the layout reader's version and every article's path, text and row fields,
    // so a warm start does not read layouts again. Only the latest corpus is kept.
    "
    CREATE TABLE layout_cache (
        corpus_key TEXT PRIMARY KEY,
        layouts    TEXT NOT NULL
    );
    ",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Bring the store up to [`VERSION`]. Runs under `BEGIN IMMEDIATE` and re-reads the
/// version inside, so two processes opening a fresh file at once migrate it once.
/// Returns the version found, which the caller has already checked is not too new.
pub fn migrate(conn: &Connection) -> rusqlite::Result<i64> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found >= VERSION {
        return Ok(found);
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", from as i64 + 1)?;
    }
    tx.commit()?;
    Ok(found)
}
