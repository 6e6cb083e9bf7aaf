//! Ctrl-C: the first one asks a run to stop at the next vendor (no report is written as if
//! complete, temporary files are removed, exit code 130); a second one exits at once.

use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Exit code of an interrupted run (128 + SIGINT).
pub const EXIT_CODE: u8 = 130;

/// Installs the handler. Without one (e.g. in tests of the library) nothing is ever
/// interrupted.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_CODE));
        }
    });
}

/// Whether Ctrl-C was pressed.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

/// The error an interrupted command returns.
#[derive(Debug, thiserror::Error)]
#[error("interrupted: no report written")]
pub struct Interrupted;

/// `Err(Interrupted)` once Ctrl-C was pressed.
pub fn check() -> Result<(), Interrupted> {
    if interrupted() {
        Err(Interrupted)
    } else {
        Ok(())
    }
}
