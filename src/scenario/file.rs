//! Reading and writing scenario files. Writes are atomic: a temporary file in the same
//! folder, flushed to disk, then renamed over the target.

use super::{Scenario, ScenarioError};
use std::io::Write;
use std::path::Path;

/// Reads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    if path.is_dir() {
        return Err(ScenarioError::IsDirectory { path: path.to_path_buf() });
    }
    let bytes = std::fs::read(path).map_err(|source| ScenarioError::Read { path: path.to_path_buf(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| ScenarioError::NotText { path: path.to_path_buf() })?;
    Scenario::from_ron(&text, &path.display().to_string())
}

/// Writes a scenario so that `load(path)` gives it back; never leaves a half-written file.
pub fn save(scenario: &Scenario, path: &Path) -> Result<(), ScenarioError> {
    // Refuse to write what could not be read back.
    scenario.validate(&path.display().to_string())?;
    let text = scenario.to_ron()?;
    let write_error = |source| ScenarioError::Write { path: path.to_path_buf(), source };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp =
        tempfile::Builder::new().prefix(".klscope-save-").suffix(".tmp").tempfile_in(folder).map_err(write_error)?;
    temp.write_all(text.as_bytes()).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    temp.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}
