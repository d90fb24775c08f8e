//! Everything that can go wrong with a scenario file, each naming the file and the spot.

use crate::export::atomic::describe as describe_io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax { origin: String, line: usize, column: usize, message: String },

    #[error("{subject} in {origin}: {reason}")]
    Invalid { origin: String, subject: String, reason: String },

    #[error("cannot read {}: {}", path.display(), describe_io(source))]
    Read { path: PathBuf, source: std::io::Error },

    #[error("cannot read {}: it is a folder, not a scenario file", path.display())]
    IsDirectory { path: PathBuf },

    #[error("cannot read {}: it is not a text file (not valid UTF-8)", path.display())]
    NotText { path: PathBuf },

    #[error("cannot save {}: {}", path.display(), describe_io(source))]
    Write { path: PathBuf, source: std::io::Error },

    #[error("cannot save the scenario: {0}")]
    Serialize(String),

    #[error("unknown preset '{name}': the built-in scenarios are {known}")]
    UnknownPreset { name: String, known: String },

    #[error("{0}")]
    Link(super::link::LinkError),

    #[error(
        "{origin} is a densities scenario (it starts with `Densities(`), not a discrete one: read it with scenario::load_any"
    )]
    IsDensities { origin: String },
}
