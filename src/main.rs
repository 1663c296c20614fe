//! Thin edge: parse the command line, dispatch, turn errors into messages and exit codes.

use clap::Parser;

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
