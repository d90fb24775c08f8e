//! Reading a file a user named, within bounds: what is not a regular file (a folder, a
//! named pipe, `/dev/zero`, a socket) is refused before anything is read, the file is
//! opened so that it cannot block (a FIFO without a writer would wait forever), and it is
//! read through a size limit rather than to its end. Every reader of a user's file —
//! scenarios, lessons and their `File(..)` steps, model outputs, vocabularies — reads
//! through [`read_file`], so none of them can hang or fill the memory.

use crate::export::atomic::describe;
use crate::text::escape;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The most bytes klscope reads from one file: 64 MB holds a million outcomes with
/// names, probabilities in full precision and logits, as RON or CSV.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What a file is read as, for the words of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    Lesson,
    ModelOutput,
    Vocabulary,
}

impl FileKind {
    /// "a scenario file", as an error names what was expected.
    pub fn what(self) -> &'static str {
        match self {
            FileKind::Scenario => "a scenario file",
            FileKind::Lesson => "a lesson file",
            FileKind::ModelOutput => "a model's output file",
            FileKind::Vocabulary => "a vocabulary file",
        }
    }
}

/// Why a file could not be read, as one sentence naming it.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {}: {}", escape(&path.display().to_string()), describe(source))]
    Io { path: PathBuf, source: std::io::Error },

    #[error("cannot read {}: it is a folder, not {}", escape(&path.display().to_string()), kind.what())]
    Folder { path: PathBuf, kind: FileKind },

    #[error("cannot read {}: it is {what}, not {}", escape(&path.display().to_string()), kind.what())]
    NotRegular { path: PathBuf, what: &'static str, kind: FileKind },

    #[error(
        "cannot read {}: it is larger than {} MB, the most klscope reads from one file",
        escape(&path.display().to_string()),
        limit / (1024 * 1024)
    )]
    TooLarge { path: PathBuf, limit: u64 },
}

impl ReadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Folder { path, .. }
            | ReadError::NotRegular { path, .. }
            | ReadError::TooLarge { path, .. } => path,
        }
    }
}

/// The bytes of the regular file `path`, at most [`MAX_FILE_BYTES`] of them.
pub fn read_file(path: &Path, kind: FileKind) -> Result<Vec<u8>, ReadError> {
    read_limited(path, kind, MAX_FILE_BYTES)
}

/// [`read_file`] with a limit of `limit` bytes.
pub fn read_limited(path: &Path, kind: FileKind, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io { path: path.to_path_buf(), source };
    // A FIFO's metadata is read without opening it, so without waiting for a writer.
    let metadata = std::fs::metadata(path).map_err(io)?;
    check_regular(path, kind, &metadata)?;
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), limit });
    }
    let file = open_without_blocking(path).map_err(io)?;
    // The file may have been swapped for something else since it was looked at.
    check_regular(path, kind, &file.metadata().map_err(io)?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // A file that grows, or reports no size (as /proc does), still stops at the limit.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { path: path.to_path_buf(), limit });
    }
    Ok(bytes)
}

fn check_regular(path: &Path, kind: FileKind, metadata: &std::fs::Metadata) -> Result<(), ReadError> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return Ok(());
    }
    if file_type.is_dir() {
        return Err(ReadError::Folder { path: path.to_path_buf(), kind });
    }
    Err(ReadError::NotRegular { path: path.to_path_buf(), what: special_kind(&file_type), kind })
}

/// What a file that is neither a regular file nor a folder is, in plain words.
#[cfg(unix)]
fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_file_type: &std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// Opens for reading with O_NONBLOCK where there is one: opening a FIFO that was put in
/// the file's place after it was looked at returns at once instead of waiting.
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_refused_before_reading() {
        let zero = read_file(Path::new("/dev/zero"), FileKind::ModelOutput).map_err(|e| e.to_string());
        assert_eq!(zero.err().as_deref(), Some("cannot read /dev/zero: it is a device, not a model's output file"));
        let folder = read_file(Path::new("."), FileKind::Lesson).map_err(|e| e.to_string());
        assert_eq!(folder.err().as_deref(), Some("cannot read .: it is a folder, not a lesson file"));
    }

    #[test]
    fn a_file_is_read_through_its_limit() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("ten.txt");
        std::fs::write(&path, b"0123456789").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read_limited(&path, FileKind::Vocabulary, 10).ok(), Some(b"0123456789".to_vec()));
        let over = read_limited(&path, FileKind::Vocabulary, 9);
        assert!(matches!(over, Err(ReadError::TooLarge { limit: 9, .. })), "{over:?}");
        let message = ReadError::TooLarge { path: path.clone(), limit: MAX_FILE_BYTES }.to_string();
        assert!(message.ends_with("ten.txt: it is larger than 64 MB, the most klscope reads from one file"));
    }

    #[test]
    fn a_path_with_controls_is_printed_escaped() {
        let error = read_file(Path::new("no\u{1b}[2Jsuch"), FileKind::Scenario).map_err(|e| e.to_string());
        assert_eq!(error.err().as_deref(), Some("cannot read no\\u{1b}[2Jsuch: no such file or folder"));
    }
}
