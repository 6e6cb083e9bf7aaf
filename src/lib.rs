//! vendorcert verifies vendors' security and AI certifications from evidence files.
//!
//! Data flows one way: files → [`evidence`] (validated) → [`engine`] (rules × policy × as-of)
//! → findings → [`report`]. Only `evidence`, `policy` and `portfolio` read files; only
//! `report` (and the CLI writing it) produces output.

pub mod atomic;
pub mod cli;
pub mod commands;
pub mod draft;
pub mod engine;
pub mod evidence;
pub mod interrupt;
pub mod online;
pub mod policy;
pub mod portfolio;
pub mod report;
pub mod rules;
pub mod template;
