use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = vendorcert::cli::Cli::parse();
    match vendorcert::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
