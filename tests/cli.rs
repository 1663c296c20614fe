//! The command-line contract, run through the real binary on a copy of the seeds.

mod common;

use common::seeds_copy;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");

fn run(args: &[&str], corpus: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg(corpus)
        .env("USER", "cli-test")
        .env("XDG_CONFIG_HOME", corpus.join("no-config"))
        .output()
        .unwrap()
}

fn jsonl(out: &Output) -> Vec<Value> {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn articles_jsonl_has_the_contract_fields() {
    let (_dir, corpus) = seeds_copy();
    let rows = jsonl(&run(&["articles", "--format", "jsonl"], &corpus));
    assert_eq!(rows.len(), 5);
    for r in &rows {
        for field in [
            "id", "path", "title", "outlet", "date", "author", "lang", "claims",
        ] {
            assert!(r.get(field).is_some(), "missing {field} in {r}");
        }
        assert_eq!(r["lang"], "ar");
        assert!(r["claims"].as_u64().unwrap() > 0, "{r}");
    }
    assert_eq!(rows[0]["path"], "000_dc499fe31c0453c1.txt");
    assert_eq!(
        rows[0]["title"],
        "موسكو تسعى لاستمالة ولاء معارضين سوريين درّبتهم واشنطن"
    );
}

#[test]
fn claims_jsonl_offsets_are_code_points_into_the_article() {
    let (_dir, corpus) = seeds_copy();
    let claims = jsonl(&run(&["claims", "--format", "jsonl"], &corpus));
    assert!(claims.len() > 20);
    for c in &claims {
        for field in [
            "id",
            "article",
            "article_id",
            "text",
            "start",
            "end",
            "source",
            "source_type",
            "cue",
            "suggested",
            "status",
            "note",
            "reviewer",
            "updated_at",
        ] {
            assert!(c.get(field).is_some(), "missing {field} in {c}");
        }
        let raw = std::fs::read_to_string(corpus.join(c["article"].as_str().unwrap())).unwrap();
        let text = raw.replace("\r\n", "\n");
        let text = text.trim_start_matches('\u{feff}');
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[s..e].iter().collect();
        let folded: Vec<&str> = span.split_whitespace().collect();
        assert_eq!(
            folded.join(" "),
            c["text"].as_str().unwrap(),
            "span of {}",
            c["id"]
        );
        assert_eq!(c["status"], "untriaged");
        assert!(
            ["named", "anonymous", "unattributed"].contains(&c["source_type"].as_str().unwrap())
        );
    }
}

#[test]
fn mark_then_claims_shows_the_status_note_and_reviewer() {
    let (_dir, corpus) = seeds_copy();
    let claims = jsonl(&run(&["claims", "--format", "jsonl"], &corpus));
    let id = claims[3]["id"].as_str().unwrap();
    let out = run(
        &[
            "mark",
            id,
            "contradicted",
            "--note",
            "denied by the ministry",
        ],
        &corpus,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = jsonl(&run(&["claims", "--format", "jsonl"], &corpus));
    let c = after.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(c["status"], "contradicted");
    assert_eq!(c["note"], "denied by the ministry");
    assert_eq!(c["reviewer"], "cli-test");
    assert!(c["updated_at"].as_str().unwrap().starts_with("20"));
    assert!(corpus.join(".claimdesk/triage.db").exists());
}

#[test]
fn usage_errors_exit_2_and_runtime_errors_exit_1_naming_what_is_wrong() {
    let (_dir, corpus) = seeds_copy();
    let out = run(&["mark", "0000", "maybe"], &corpus);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a status"));
    let out = run(&["mark", "0000000000000000", "attributed"], &corpus);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no claim with id 0000000000000000"));
    let out = run(&["claims"], &corpus.join("missing"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing"));
    let out = Command::new(BIN)
        .args(["claims", "--format", "yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2");
}

#[test]
fn a_store_from_a_newer_claimdesk_is_refused_and_left_alone() {
    let (_dir, corpus) = seeds_copy();
    let db = corpus.join("future.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA user_version = 9999;").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = run(&["--db", db.to_str().unwrap(), "claims"], &corpus);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer claimdesk"), "{err}");
    assert!(err.contains("future.db"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_corpus_where_the_store_cannot_be_made_gets_a_message_suggesting_db() {
    // A file where the store folder should be fails for every user, root included (a
    // read-only folder does not stop root).
    let (_dir, corpus) = seeds_copy();
    std::fs::write(corpus.join(".claimdesk"), b"not a folder").unwrap();
    let out = run(&["claims"], &corpus);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(".claimdesk"), "{err}");
    assert!(err.contains("--db"), "{err}");
    let elsewhere = corpus.join("elsewhere.db");
    let out = run(&["--db", elsewhere.to_str().unwrap(), "claims"], &corpus);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn problems_go_to_stderr_and_the_rest_still_loads() {
    let (_dir, corpus) = seeds_copy();
    std::fs::write(
        corpus.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 1].repeat(20),
    )
    .unwrap();
    std::fs::write(corpus.join("empty.md"), b"  \n").unwrap();
    let out = run(&["articles", "--format", "jsonl"], &corpus);
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 5);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("binary.txt"), "{err}");
    assert!(err.contains("empty.md"), "{err}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    // `claimdesk export … | head -1`: the pipe closes before the output is written
    let (_dir, corpus) = seeds_copy();
    let mut child = Command::new(BIN)
        .args(["export", "--format", "jsonl"])
        .arg(&corpus)
        .env("USER", "cli-test")
        .env("XDG_CONFIG_HOME", corpus.join("no-config"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
