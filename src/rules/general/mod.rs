//! Rules across frameworks.

mod attestation;
mod filled;
mod review;
mod sector;
mod waiver;

pub(crate) use attestation::attested_scopes;
pub use attestation::{COVERAGE, EXPIRY, INDEPENDENT, LAYERS};
pub use filled::FILLED;
pub use review::{DATES, DOCUMENT, INCIDENTS, REVIEW};
pub use sector::SECTOR;
pub use waiver::WAIVER;
pub(crate) use waiver::waiver_lapse;
