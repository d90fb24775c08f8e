//! Reading and writing scenario files. Reads are bounded (see `crate::read`); writes are
//! atomic (see `crate::export::atomic`).

use super::{Scenario, ScenarioError};
use crate::export::atomic::write_atomically;
use crate::read::{FileKind, read_file};
use std::path::Path;

/// Reads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let bytes = read_file(path, FileKind::Scenario).map_err(ScenarioError::File)?;
    let text = String::from_utf8(bytes).map_err(|_| ScenarioError::NotText { path: path.to_path_buf() })?;
    Scenario::from_ron(&text, &path.display().to_string())
}

/// Writes a scenario so that `load(path)` gives it back; never leaves a half-written file.
pub fn save(scenario: &Scenario, path: &Path) -> Result<(), ScenarioError> {
    // Refuse to write what could not be read back.
    scenario.validate(&path.display().to_string())?;
    let text = scenario.to_ron()?;
    write_atomically(path, text.as_bytes()).map_err(|source| ScenarioError::Write { path: path.to_path_buf(), source })
}
