use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = vendorcert::cli::Cli::parse();
    match vendorcert::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        // A reader that stopped early (`vendorcert rules | head`) is not a failure.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

// Evaluation allocates many small strings and trees per vendor; mimalloc handles that on
// several threads at once far better than the system allocator (see bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
