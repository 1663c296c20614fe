//! claimdesk: triage the claims in news articles from the terminal.
//!
//! Each stage is a plain library module with no knowledge of the terminal; the TUI
//! (`tui`) and the headless commands (`commands`) are two thin front ends over `desk`.

// The allocator of every binary built on this library (the program, its tests and its
// benchmarks, so that they measure what runs). jemalloc: a cold load of 10k articles
// spent a fifth of its CPU in glibc's malloc and free (millions of short strings made
// and freed on several threads); with jemalloc the load takes a quarter less time.
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// Pages freed (a cold load frees each article's text as its batch is sent) go back to
// the system after a second, not jemalloc's default ten: at 46k articles that is 50 MB
// less at the peak, at no cost in time measured.
#[used]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &[u8; 37] = b"dirty_decay_ms:1000,muzzy_decay_ms:0\0";

pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod desk;
pub mod export;
pub mod extract;
pub mod ids;
pub mod model;
pub mod search;
pub mod stats;
pub mod store;
pub mod text;
pub mod tui;
