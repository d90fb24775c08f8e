//! What can go wrong where the app meets the operating system or the browser: typed, and
//! each message one sentence naming the file or the step.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    /// The renderer could not turn a frame into pixels (its own words).
    #[error("{0}")]
    Render(String),
    #[error("cannot write {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    /// A folder of files (a lesson's pictures) that was not written, whole or at all.
    #[cfg(not(target_arch = "wasm32"))]
    #[error("{0}")]
    Folder(#[from] crate::export::atomic::FolderWriteError),
    /// The browser refused (a download, the file picker); its words.
    #[error("{0}")]
    Browser(String),
}
