//! Everything that can go wrong with a scenario file, each naming the file and the spot.

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
}

/// An I/O error in plain words ("no such file" rather than "os error 2").
fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file or folder".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::StorageFull => "the disk is full".to_string(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        _ => {
            // Drop the " (os error N)" tail: the words are enough.
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}
