//! Thin edge: parse the command line, dispatch, turn errors into messages and exit codes.

use clap::Parser;

fn main() {
    let cli = claimdesk::cli::Cli::parse();
    match claimdesk::commands::run(cli) {
        Ok(code) => std::process::exit(code),
        // the reader went away (`claimdesk export … | head`): as for ripgrep, not an error
        Err(err) if broken_pipe(&err) => std::process::exit(0),
        Err(err) => {
            eprintln!("claimdesk: {err:#}");
            std::process::exit(1);
        }
    }
}

fn broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
