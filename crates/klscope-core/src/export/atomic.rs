//! Atomic file writes: a temporary file in the target's folder, flushed to disk, then
//! renamed over the target. A crash or a full disk never leaves half a file behind. A
//! folder of files (a lesson's pictures and handout) is written whole or not at all.

use std::io;
#[cfg(not(target_arch = "wasm32"))]
use std::{
    io::Write,
    path::{Path, PathBuf},
};

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
    let mut temp = builder.tempfile_in(folder).map_err(plain)?;
    // Written through the plain file: NamedTempFile's own writes name the temporary file
    // in their errors ("… at path /x/.klscope-save-Ab12.tmp").
    temp.as_file_mut().write_all(bytes).map_err(plain)?;
    temp.as_file().sync_all().map_err(plain)?;
    temp.persist(path).map_err(|e| plain(e.error))?;
    Ok(())
}

/// What went wrong, without the path tempfile wraps around it: the operating system's
/// error number where there is one (so that a full disk reads as one), else the kind.
#[cfg(not(target_arch = "wasm32"))]
fn plain(error: io::Error) -> io::Error {
    error.raw_os_error().map_or_else(|| io::Error::from(error.kind()), io::Error::from_raw_os_error)
}

/// A file of a folder that could not be written, named as it would have been.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {}", crate::text::escape(&path.display().to_string()), describe(source))]
pub struct FolderWriteError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// Writes `files` (name, bytes) into `folder` whole or not at all: every file goes into a
/// new folder beside it first, and only when all are written does that folder become
/// `folder` (a rename), or, when `folder` already exists, do its files move in (a rename
/// each, of files already complete). A failure on the way — a full disk halfway through
/// the pictures — leaves `folder` as it was and no temporary folder behind.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_folder_atomically(folder: &Path, files: &[(String, Vec<u8>)]) -> Result<(), FolderWriteError> {
    let fail = |path: PathBuf| move |source: io::Error| FolderWriteError { path, source: plain(source) };
    let parent = match folder.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if folder.exists() && !folder.is_dir() {
        let source = io::Error::new(io::ErrorKind::AlreadyExists, "it is a file, not a folder");
        return Err(FolderWriteError { path: folder.to_path_buf(), source });
    }
    let temp =
        tempfile::Builder::new().prefix(".klscope-export-").tempdir_in(parent).map_err(fail(folder.to_path_buf()))?;
    for (name, bytes) in files {
        let target = folder.join(name);
        let mut file = std::fs::File::create(temp.path().join(name)).map_err(fail(target.clone()))?;
        file.write_all(bytes).map_err(fail(target.clone()))?;
        file.sync_all().map_err(fail(target))?;
    }
    if !folder.exists() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // A temporary folder is private (0700); the export should read like any other.
            let _ = std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o755));
        }
        let made = temp.keep();
        return std::fs::rename(&made, folder).map_err(|source| {
            let _ = std::fs::remove_dir_all(&made);
            FolderWriteError { path: folder.to_path_buf(), source: plain(source) }
        });
    }
    for (name, _) in files {
        let target = folder.join(name);
        std::fs::rename(temp.path().join(name), &target).map_err(fail(target))?;
    }
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
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "the disk is full".to_string(),
        ErrorKind::FileTooLarge => "the file is too large for the disk".to_string(),
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

    #[test]
    fn a_full_disk_reads_as_one_without_a_path_or_an_error_number() {
        // What tempfile hands back: the OS error wrapped with the temporary file's path.
        let wrapped = io::Error::new(io::ErrorKind::StorageFull, "No space left on device (os error 28) at path /x/.t");
        assert_eq!(describe(&plain(io::Error::from_raw_os_error(28))), "the disk is full");
        assert!(!describe(&plain(wrapped)).contains(".t"));
        // /dev/full is a device that is always full.
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
        if let Ok(mut full) = full {
            let error = full.write_all(b"x").and_then(|()| full.flush()).err();
            assert_eq!(error.map(|e| describe(&e)).as_deref(), Some("the disk is full"));
        }
    }

    #[test]
    fn a_folder_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let out = dir.path().join("lesson");
        let files = vec![("a.png".to_string(), b"a".to_vec()), ("handout.html".to_string(), b"h".to_vec())];
        write_folder_atomically(&out, &files).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(out.join("handout.html")).ok(), Some(b"h".to_vec()));
        // Into a folder that exists, keeping what else is there.
        std::fs::write(out.join("notes.txt"), b"n").unwrap_or_else(|e| panic!("{e}"));
        write_folder_atomically(&out, &files).unwrap_or_else(|e| panic!("{e}"));
        assert!(out.join("notes.txt").is_file() && out.join("a.png").is_file());
        // A file that cannot be made (a name with a folder that does not exist) halfway:
        // nothing of the new folder appears, and no temporary folder stays.
        let broken = dir.path().join("broken");
        let halfway = vec![("a.png".to_string(), b"a".to_vec()), ("no/such/b.png".to_string(), b"b".to_vec())];
        let error = write_folder_atomically(&broken, &halfway).map_err(|e| e.to_string());
        assert!(error.as_ref().is_err_and(|e| e.contains("broken/no/such/b.png: no such file or folder")), "{error:?}");
        assert!(!broken.exists());
        let left: Vec<_> =
            std::fs::read_dir(dir.path()).map(|d| d.flatten().map(|e| e.file_name()).collect()).unwrap_or_default();
        assert_eq!(left, vec![std::ffi::OsString::from("lesson")]);
        // A file where the folder should be.
        let file = dir.path().join("lesson/a.png");
        let error = write_folder_atomically(&file, &files).map_err(|e| e.to_string());
        assert!(error.is_err_and(|e| e.ends_with("a.png: it is a file, not a folder")));
    }
}
