//! The headless commands and the TUI launch: resolve config, reviewer and store, open the
//! desk, run. Exit codes: 0 success, 1 runtime failure, 2 usage error.

use crate::cli::{Cli, Command, ExportFormat, Global, ListFormat, StatsFormat};
use crate::config::Config;
use crate::desk::{Desk, OpenOptions};
use crate::export::{self, ExportOptions};
use crate::extract::Cues;
use crate::model::Status;
use crate::search::{self, Index, Query};
use crate::text::sanitize;
use anyhow::Context;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Exit code for a usage error (bad status word, bad query).
pub const USAGE: i32 = 2;

/// Run the parsed command line; returns the exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    let config = load_config(&cli.global)?;
    let global = cli.global;
    match cli.command {
        None => {
            let (desk, loader) = open_for_tui(&global, &config, cli.corpus.as_deref())?;
            crate::tui::run(desk, loader, &config, &global)?;
            Ok(0)
        }
        Some(Command::Articles { corpus, format }) => {
            let desk = open(&global, &config, corpus.as_deref())?;
            report_problems(&desk);
            articles(&desk, format)
        }
        Some(Command::Claims {
            corpus,
            format,
            query,
        }) => {
            let desk = open(&global, &config, corpus.as_deref())?;
            report_problems(&desk);
            let Some(selected) = select(&desk, query.as_deref(), false)? else {
                return Ok(USAGE);
            };
            claims(&desk, &selected, format)
        }
        Some(Command::Mark {
            claim_id,
            status,
            corpus,
            note,
        }) => {
            let Some(status) = Status::parse(&status) else {
                eprintln!(
                    "claimdesk: {status:?} is not a status: use attributed, unverified, contradicted or untriaged"
                );
                return Ok(USAGE);
            };
            let mut desk = open(&global, &config, corpus.as_deref())?;
            report_problems(&desk);
            if desk.claim_index(&claim_id).is_none() {
                eprintln!(
                    "claimdesk: no claim with id {claim_id} in {} (list them with `claimdesk claims`)",
                    desk.corpus.root.display()
                );
                return Ok(1);
            }
            let event = desk.mark_id(&claim_id, status, note)?;
            println!(
                "{} {} -> {} ({})",
                event.claim_id, event.old_status, event.new_status, event.reviewer
            );
            Ok(0)
        }
        Some(Command::Export {
            corpus,
            format,
            output,
            query,
            excel,
            history,
        }) => {
            let desk = open(&global, &config, corpus.as_deref())?;
            report_problems(&desk);
            let log = format == ExportFormat::Log;
            let Some(selected) = select(&desk, query.as_deref(), log)? else {
                return Ok(USAGE);
            };
            let opts = ExportOptions {
                excel,
                history,
                organisation: config.export.organisation.clone(),
                verdicts: config.export.verdicts.clone(),
            };
            export_to(&desk, format, &selected, &opts, output.as_deref())?;
            Ok(0)
        }
        Some(Command::Import { log, corpus }) => {
            let mut desk = open(&global, &config, corpus.as_deref())?;
            report_problems(&desk);
            let file = std::fs::File::open(&log)
                .with_context(|| format!("{}: cannot open the decision log", log.display()))?;
            let mut reader = io::BufReader::new(file);
            let summary = export::log::import(&mut desk, &mut reader, &log.display().to_string())?;
            println!("{summary}");
            Ok(0)
        }
        Some(Command::Filter {
            query,
            corpus,
            lines,
        }) => {
            let q = match Query::parse(&query) {
                Ok(q) => q,
                Err(e) => {
                    eprintln!("claimdesk: {e}");
                    return Ok(USAGE);
                }
            };
            if lines {
                let stdin = io::stdin();
                let mut input = stdin.lock();
                let stdout = io::stdout();
                let mut out = BufWriter::new(stdout.lock());
                let n = search::filter_lines(&q, &mut input, stdin_size(), &mut out)?;
                out.flush()?;
                // Like fzf --filter: exit 1 when nothing matched.
                return Ok(if n == 0 { 1 } else { 0 });
            }
            let desk = open(&global, &config, corpus.as_deref())?;
            report_problems(&desk);
            let index = Index::new(desk.search_items());
            let mut hits = search::filter(&index, &q);
            hits.retain(|h| !desk.is_dismissed(h.index));
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            for hit in &hits {
                let c = &desk.claims[hit.index];
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    hit.score,
                    c.id,
                    desk.status(hit.index),
                    sanitize::one_line(&c.text)
                )?;
            }
            out.flush()?;
            Ok(if hits.is_empty() { 1 } else { 0 })
        }
        Some(Command::Stats { corpus, format }) => {
            let desk = open(&global, &config, corpus.as_deref())?;
            report_problems(&desk);
            let stats = crate::stats::Stats::try_compute(&desk)?;
            match format {
                StatsFormat::Text => print!("{}", stats.render_text()),
                StatsFormat::Json => println!("{}", serde_json::to_string_pretty(&stats)?),
            }
            Ok(0)
        }
    }
}

fn load_config(global: &Global) -> anyhow::Result<Config> {
    Ok(match &global.config {
        Some(path) => Config::load(path)?,
        None => match Config::user_path() {
            Some(path) => Config::load(&path)?,
            None => Config::builtin(),
        },
    })
}

/// `--reviewer`, else the config's, else `$USER`, else "reviewer".
pub fn reviewer(global: &Global, config: &Config) -> String {
    let pick = |s: &str| {
        let s = sanitize::one_line(s).trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    global
        .reviewer
        .as_deref()
        .and_then(pick)
        .or_else(|| pick(&config.reviewer))
        .or_else(|| std::env::var("USER").ok().as_deref().and_then(pick))
        .unwrap_or_else(|| "reviewer".to_string())
}

fn open_options(
    global: &Global,
    config: &Config,
    corpus: Option<&Path>,
) -> anyhow::Result<OpenOptions> {
    Ok(OpenOptions {
        corpus: corpus
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
        db: global.db.clone(),
        reviewer: reviewer(global, config),
        cues: Cues::load(&config.cues)?,
    })
}

fn open(global: &Global, config: &Config, corpus: Option<&Path>) -> anyhow::Result<Desk> {
    let opts = open_options(global, config, corpus)?;
    // A progress line on stderr, only when a person is watching it.
    let mut progress = |p: crate::desk::Progress| {
        if io::stderr().is_terminal() {
            let end = if p.stage == crate::desk::Stage::Done {
                "\n"
            } else {
                ""
            };
            eprint!("\r\x1b[Kclaimdesk: {p}{end}");
        }
    };
    Ok(Desk::open_with_progress(&opts, &mut progress)?)
}

/// Open the desk for the TUI: errors about the corpus path or the store come now, the
/// articles arrive in the background.
fn open_for_tui(
    global: &Global,
    config: &Config,
    corpus: Option<&Path>,
) -> anyhow::Result<(Desk, crate::desk::Loader)> {
    let opts = open_options(global, config, corpus)?;
    Ok(Desk::open_in_background(&opts)?)
}

fn report_problems(desk: &Desk) {
    if desk.reanchored() > 0 {
        eprintln!(
            "claimdesk: {} marks were carried over to claims the extractor now cuts differently (matched by their quoted text)",
            desk.reanchored()
        );
    }
    for p in desk.problems() {
        eprintln!("claimdesk: warning: {}", sanitize::one_line(&p.to_string()));
    }
    for m in desk.orphans() {
        eprintln!(
            "claimdesk: warning: mark on claim {} ({}) no longer matches any claim; it is kept in the store",
            m.claim_id, m.status
        );
    }
}

/// The claims a `--query` selects, in corpus order; `None` after reporting a bad query.
/// Claims a reviewer dismissed are left out unless `dismissed` (the decision log keeps
/// everything).
fn select(desk: &Desk, query: Option<&str>, dismissed: bool) -> anyhow::Result<Option<Vec<usize>>> {
    let keep = |i: &usize| dismissed || !desk.is_dismissed(*i);
    let Some(raw) = query.filter(|q| !q.trim().is_empty()) else {
        return Ok(Some((0..desk.claims.len()).filter(keep).collect()));
    };
    let q = match Query::parse(raw) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("claimdesk: {e}");
            return Ok(None);
        }
    };
    let index = Index::new(desk.search_items());
    let mut hits: Vec<usize> = search::filter(&index, &q)
        .iter()
        .map(|h| h.index)
        .filter(keep)
        .collect();
    hits.sort_unstable();
    Ok(Some(hits))
}

fn articles(desk: &Desk, format: ListFormat) -> anyhow::Result<i32> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if format == ListFormat::Tsv {
        writeln!(out, "id\tpath\ttitle\toutlet\tdate\tauthor\tlang\tclaims")?;
    }
    for (i, a) in desk.corpus.articles.iter().enumerate() {
        let claims = desk.article_claims[i].len();
        match format {
            ListFormat::Jsonl => {
                let row = serde_json::json!({
                    "id": a.id, "path": a.path, "title": a.title, "outlet": a.outlet,
                    "date": a.date, "author": a.author, "lang": a.lang, "claims": claims,
                });
                writeln!(out, "{row}")?;
            }
            ListFormat::Tsv => {
                let cell = |s: Option<&str>| sanitize::one_line(s.unwrap_or("")).into_owned();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    a.id,
                    cell(Some(&a.path)),
                    cell(Some(&a.title)),
                    cell(a.outlet.as_deref()),
                    cell(a.date.as_deref()),
                    cell(a.author.as_deref()),
                    a.lang,
                    claims
                )?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

fn claims(desk: &Desk, selected: &[usize], format: ListFormat) -> anyhow::Result<i32> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if format == ListFormat::Tsv {
        writeln!(
            out,
            "id\tarticle\tstatus\tsuggested\tsource_type\tsource\tcue\ttext"
        )?;
    }
    for &i in selected {
        let r = desk.record(i);
        match format {
            ListFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&r)?)?,
            ListFormat::Tsv => {
                let cell = |s: Option<&str>| sanitize::one_line(s.unwrap_or("")).into_owned();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    cell(Some(&r.article)),
                    r.status,
                    r.suggested,
                    r.source_type,
                    cell(r.source.as_deref()),
                    cell(r.cue.as_deref()),
                    cell(Some(&r.text))
                )?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

fn export_to(
    desk: &Desk,
    format: ExportFormat,
    selected: &[usize],
    opts: &ExportOptions,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    match output.filter(|p| p.as_os_str() != "-") {
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            export::export(desk, format, selected, opts, &mut out)?;
            out.flush()?;
        }
        Some(path) => {
            export::write_atomically(path, &mut |w| {
                export::export(desk, format, selected, opts, w)
            })
            .with_context(|| format!("{}: cannot write the export", path.display()))?;
            if io::stderr().is_terminal() {
                eprintln!("claimdesk: wrote {}", path.display());
            }
        }
    }
    Ok(())
}

/// The size of the file on stdin, when stdin is a file (`< claims.txt`), not a pipe.
#[cfg(unix)]
fn stdin_size() -> Option<u64> {
    use std::os::fd::AsFd;
    let file = std::fs::File::from(io::stdin().as_fd().try_clone_to_owned().ok()?);
    let meta = file.metadata().ok()?;
    meta.is_file().then_some(meta.len())
}

#[cfg(not(unix))]
fn stdin_size() -> Option<u64> {
    None
}
