use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = vendorcert::cli::Cli::parse();
    vendorcert::interrupt::install();
    let result = vendorcert::commands::run(cli);
    if vendorcert::interrupt::interrupted() {
        eprintln!("vendorcert: interrupted; no report written");
        return ExitCode::from(vendorcert::interrupt::EXIT_CODE);
    }
    match result {
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
// several threads at once far better than the system allocator (see bench/README.md). Built
// with `no_thp`: with transparent huge pages, zeroing fresh 2 MiB pages cost `--format json`
// (which keeps every result) over 4 s of system time at 10,000 vendors.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
