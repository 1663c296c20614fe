//! The decision log: every mark event as JSON Lines, and its idempotent import, so
//! reviewers working apart can merge their work and the log can live in git.
//!
//! # Format (version 1)
//!
//! One JSON object per line, UTF-8, oldest event first. Field names:
//!
//! - `log`: the format version, `1`.
//! - `uid`: the event's identity (hex); the same decision always has the same uid.
//!   Optional on import: when missing it is computed from the fields below.
//! - `claim_id`, `article_id`: the claim and its article, as `claimdesk claims` shows.
//! - `selector`: `{"exact", "prefix", "suffix"}`, the claim's text and up to 32
//!   characters either side, to re-anchor a mark if extraction changes.
//! - `old_status`, `new_status`: `untriaged|attributed|unverified|contradicted`.
//! - `note`: string or null.
//! - `reviewer`: who decided.
//! - `at`: when, UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`.
//!
//! Blank lines and unknown fields are ignored (a later version may add fields; one
//! that changes their meaning bumps `log`). Store-local numbering (`seq`) is not part of the log.

use super::store_io;
use crate::desk::{Desk, DeskError};
use crate::model::{QuoteSelector, Status};
use crate::store::{event_uid, ForeignEvent, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::{self, Write};

/// The log format this build writes and reads.
pub const LOG_VERSION: u32 = 1;

/// One line of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct LogLine {
    #[serde(default = "first_version")]
    log: u32,
    #[serde(default)]
    uid: Option<String>,
    claim_id: String,
    #[serde(default)]
    article_id: String,
    #[serde(default)]
    selector: QuoteSelector,
    old_status: Status,
    new_status: Status,
    #[serde(default)]
    note: Option<String>,
    reviewer: String,
    at: String,
}

fn first_version() -> u32 {
    1
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Events added to the store.
    pub added: usize,
    /// Events the store already had.
    pub already_present: usize,
    /// Events about claims this corpus does not have (kept as orphans).
    pub unknown_claims: usize,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} events added, {} already present, {} for claims not in this corpus",
            self.added, self.already_present, self.unknown_claims
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}:{line}: {message}")]
    Bad {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Write the history of the selected claims as a log; when every claim is selected,
/// events about claims no longer in the corpus are written too (nothing is dropped).
pub fn write(desk: &Desk, claims: &[usize], out: &mut dyn Write) -> io::Result<()> {
    let selected: HashSet<&str> = claims.iter().map(|&i| desk.claims[i].id.as_str()).collect();
    let everything = selected.len() == desk.claims.len();
    for (uid, e) in desk.store.log().map_err(store_io)? {
        let keep = selected.contains(e.claim_id.as_str())
            || (everything && desk.claim_index(&e.claim_id).is_none());
        if !keep {
            continue;
        }
        let line = LogLine {
            log: LOG_VERSION,
            uid: Some(uid),
            claim_id: e.claim_id,
            article_id: e.article_id,
            selector: e.selector,
            old_status: e.old_status,
            new_status: e.new_status,
            note: e.note,
            reviewer: e.reviewer,
            at: e.at,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Merge a decision log into the desk's store. Importing the same log twice changes
/// nothing. The whole log is checked before anything is written: a bad line names its
/// number and leaves the store as it was.
pub fn import(
    desk: &mut Desk,
    reader: &mut dyn std::io::BufRead,
    path: &str,
) -> Result<ImportSummary, ImportError> {
    let mut events = Vec::new();
    let mut line = String::new();
    let mut number = 0;
    loop {
        line.clear();
        number += 1;
        let read = reader
            .read_line(&mut line)
            .map_err(|source| ImportError::Io {
                path: path.to_string(),
                source,
            })?;
        if read == 0 {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| ImportError::Bad {
            path: path.to_string(),
            line: number,
            message,
        };
        let parsed: LogLine = serde_json::from_str(&line)
            .map_err(|e| bad(format!("not a decision log line: {e}")))?;
        events.push(foreign_event(parsed).map_err(bad)?);
    }
    let mut summary = ImportSummary {
        unknown_claims: events
            .iter()
            .filter(|e| desk.claim_index(&e.claim_id).is_none())
            .count(),
        ..Default::default()
    };
    let merged = desk.store.import(&events)?;
    summary.added = merged.added;
    summary.already_present = merged.already_present;
    desk.reload_marks().map_err(|e| match e {
        DeskError::Store(e) => ImportError::Store(e),
        other => ImportError::Store(StoreError::Sql(other.to_string())),
    })?;
    Ok(summary)
}

/// Check one line's fields and give it an identity.
fn foreign_event(line: LogLine) -> Result<ForeignEvent, String> {
    if line.log > LOG_VERSION {
        return Err(format!(
            "log format {} is newer than this claimdesk knows ({LOG_VERSION}); upgrade claimdesk",
            line.log
        ));
    }
    if line.claim_id.trim().is_empty() {
        return Err("claim_id is empty".into());
    }
    if line.reviewer.trim().is_empty() {
        return Err("reviewer is empty".into());
    }
    let at = normalise_time(&line.at).ok_or_else(|| {
        format!(
            "at {:?} is not a UTC time like 2026-11-23T16:41:39.123Z",
            line.at
        )
    })?;
    let uid = match line.uid {
        Some(uid) if !uid.trim().is_empty() => {
            if uid.len() > 128 {
                return Err("uid is longer than 128 characters".into());
            }
            uid
        }
        _ => event_uid(
            &line.claim_id,
            &line.reviewer,
            &at,
            line.old_status,
            line.new_status,
            line.note.as_deref(),
        ),
    };
    Ok(ForeignEvent {
        uid,
        claim_id: line.claim_id,
        article_id: line.article_id,
        old_status: line.old_status,
        new_status: line.new_status,
        note: line.note,
        reviewer: line.reviewer,
        at,
        selector: line.selector,
    })
}

/// `YYYY-MM-DDTHH:MM:SS[.f…]Z` with exactly three fraction digits, the store's own
/// form, so that times from logs and from SQLite compare as strings.
fn normalise_time(at: &str) -> Option<String> {
    let at = at.trim();
    let body = at.strip_suffix('Z')?;
    let (seconds, fraction) = match body.split_once('.') {
        Some((s, f)) => (s, f),
        None => (body, ""),
    };
    let shape = seconds.len() == 19
        && seconds.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            10 => c == 'T',
            13 | 16 => c == ':',
            _ => c.is_ascii_digit(),
        });
    if !shape || fraction.len() > 9 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let millis: String = fraction.chars().chain("000".chars()).take(3).collect();
    Some(format!("{seconds}.{millis}Z"))
}

#[cfg(test)]
mod tests {
    use super::normalise_time;

    #[test]
    fn times_are_brought_to_the_stores_form() {
        assert_eq!(
            normalise_time("2026-11-23T16:41:39Z").as_deref(),
            Some("2026-11-23T16:41:39.000Z")
        );
        assert_eq!(
            normalise_time("2026-11-23T16:41:39.5Z").as_deref(),
            Some("2026-11-23T16:41:39.500Z")
        );
        assert_eq!(
            normalise_time("2026-11-23T16:41:39.123456Z").as_deref(),
            Some("2026-11-23T16:41:39.123Z")
        );
        assert_eq!(normalise_time("2026-11-23 16:41:39Z"), None);
        assert_eq!(normalise_time("9999"), None);
        assert_eq!(normalise_time("2026-11-23T16:41:39+02:00"), None);
        assert_eq!(normalise_time("٢٠٢٦-11-23T16:41:39Z"), None);
    }
}
