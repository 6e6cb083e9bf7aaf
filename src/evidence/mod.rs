//! The evidence model and its loading: files → position-keeping nodes → typed, validated evidence.

pub mod date;
pub mod decode;
pub mod edit;
pub mod error;
pub mod load;
pub mod model;
pub mod node;
pub mod registry;
pub mod schema;
pub mod scope;
pub mod standard;
pub mod text;
mod toml_direct;
pub mod unfilled;
pub mod waiver;

pub use date::Date;
pub use error::{Diagnostic, InputError};
pub use load::{
    DocumentCheck, DocumentOutcome, EVIDENCE_FILE_NAMES, LoadedVendor, assessment_name, load_vendor,
};
pub use model::*;
pub use standard::Standard;
