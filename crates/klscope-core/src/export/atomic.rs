//! Atomic file writes: a temporary file in the target's folder, flushed to disk, then
//! renamed over the target. A crash or a full disk never leaves half a file behind.

use std::io;
#[cfg(not(target_arch = "wasm32"))]
use std::{io::Write, path::Path};

#[cfg(not(target_arch = "wasm32"))]
/// Writes `bytes` to `path` atomically. Errors are plain: the temporary file's name never
/// shows (callers name the target).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".klscope-save-").suffix(".tmp");
    // A temporary file is private (0600); the saved file should read like any other.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    // tempfile's errors name the temporary file: keep only what went wrong.
    let plain = |e: io::Error| io::Error::from(e.kind());
    let mut temp = builder.tempfile_in(folder).map_err(plain)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| plain(e.error))?;
    Ok(())
}

/// An I/O error in plain words ("no such file or folder" rather than "os error 2").
pub fn describe(error: &io::Error) -> String {
    use io::ErrorKind;
    // A message of klscope's own (such as a missing folder) says it best.
    if error.raw_os_error().is_none() && error.get_ref().is_some() {
        return error.to_string();
    }
    match error.kind() {
        ErrorKind::NotFound => "no such file or folder".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::StorageFull => "the disk is full".to_string(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        ErrorKind::IsADirectory => "it is a folder".to_string(),
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn no_temporary_file_name_shows_in_an_error() {
        let error = write_atomically(Path::new("/no/such/dir/out.png"), b"x").err();
        let text = error.map(|e| describe(&e)).unwrap_or_default();
        assert_eq!(text, "no such file or folder");
    }
}
