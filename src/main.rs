//! Thin edge: parse the command line, dispatch, turn errors into messages and exit codes.

use clap::Parser;

// jemalloc: a cold load of 10k articles spends a fifth of its CPU in glibc's malloc and
// free (millions of short strings from many threads); with jemalloc it spends far less.
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// Pages freed (a cold load frees each article's text as its batch is sent) go back to
// the system after a second, not jemalloc's default ten: at 46k articles that is 50 MB
// less at the peak, at no cost in time measured.
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &[u8; 37] = b"dirty_decay_ms:1000,muzzy_decay_ms:0\0";

fn main() {
    let cli = claimdesk::cli::Cli::parse();
    match claimdesk::commands::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            eprintln!("claimdesk: {err:#}");
            std::process::exit(1);
        }
    }
}
