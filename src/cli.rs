//! The command line contract (see README): clap definitions only, no behaviour.

use crate::config::BidiMode;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Triage the claims in news articles: read, filter, mark, export"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Folder or file of articles to open in the TUI (default: the current folder).
    pub corpus: Option<PathBuf>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// Store file (default: CORPUS/.claimdesk/triage.db).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Config file laid over the built-in one.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Name written with every mark (default: the config's, else $USER).
    #[arg(long, global = true, value_name = "NAME")]
    pub reviewer: Option<String>,
    /// Who reorders right-to-left text: auto, app (claimdesk) or terminal.
    #[arg(long, global = true, value_enum)]
    pub bidi: Option<BidiMode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Jsonl,
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Jsonl,
    Md,
    Claimreview,
    Log,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles of a corpus.
    Articles {
        corpus: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: ListFormat,
    },
    /// List the claims of a corpus with their attribution and status.
    Claims {
        corpus: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "tsv")]
        format: ListFormat,
        /// Only claims matching this query (same language as the TUI filter).
        #[arg(long, value_name = "Q")]
        query: Option<String>,
    },
    /// Mark one claim: attributed, unverified, contradicted or untriaged.
    Mark {
        claim_id: String,
        status: String,
        corpus: Option<PathBuf>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Export claims and marks for the newsroom.
    Export {
        corpus: Option<PathBuf>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file, or - for standard output (the default).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long, value_name = "Q")]
        query: Option<String>,
        /// csv: start with a byte-order mark so that Excel reads UTF-8.
        #[arg(long)]
        excel: bool,
        /// jsonl: include each claim's history.
        #[arg(long)]
        history: bool,
    },
    /// Merge a decision log (export --format log) into the store; importing twice changes nothing.
    Import {
        log: PathBuf,
        corpus: Option<PathBuf>,
    },
    /// Ranked matches for a query; with --lines, filter lines from stdin like `fzf --filter`.
    Filter {
        query: String,
        corpus: Option<PathBuf>,
        #[arg(long)]
        lines: bool,
    },
    /// Counts by status, attribution type, outlet and reviewer.
    Stats {
        corpus: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: StatsFormat,
    },
}
