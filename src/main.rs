//! Thin edge: parse the command line, dispatch, turn errors into messages and exit codes.

use clap::Parser;

// jemalloc: a cold load of 10k articles spends a fifth of its CPU in glibc's malloc and
// free (millions of short strings from many threads); with jemalloc it spends far less.
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
