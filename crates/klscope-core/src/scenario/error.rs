//! Everything that can go wrong with a scenario file, each naming the file and the spot.

use super::link_error::LinkError;
use crate::export::atomic::describe as describe_io;
use crate::text::{escape, quote, quote_to};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// ron's message can hold what it found in the file: printed quoted.
    #[error("{}:{line}:{column}: {}", escape(origin), quote_to(message, 160))]
    Syntax { origin: String, line: usize, column: usize, message: String },

    #[error("{subject} in {}: {reason}", escape(origin))]
    Invalid { origin: String, subject: String, reason: String },

    /// The file is not a regular file, too large, or cannot be opened (see `crate::read`).
    #[cfg(not(target_arch = "wasm32"))]
    #[error("{0}")]
    File(crate::read::ReadError),

    #[error("cannot read {}: it is not a text file (not valid UTF-8)", escape(&path.display().to_string()))]
    NotText { path: PathBuf },

    #[error("cannot save {}: {}", escape(&path.display().to_string()), describe_io(source))]
    Write { path: PathBuf, source: std::io::Error },

    #[error("cannot save the scenario: {0}")]
    Serialize(String),

    #[error("unknown preset '{}': the built-in scenarios are {known}", quote(name))]
    UnknownPreset { name: String, known: String },

    #[error("{0}")]
    Link(LinkError),

    #[error(
        "{} is a densities scenario (it starts with `Densities(`), not a discrete one: read it with scenario::load_any",
        escape(origin)
    )]
    IsDensities { origin: String },
}

impl From<LinkError> for ScenarioError {
    fn from(error: LinkError) -> Self {
        ScenarioError::Link(error)
    }
}
