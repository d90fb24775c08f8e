//! Reading and writing scenario files. Reads are bounded (see `crate::read`); writes are
//! atomic (see `crate::export::atomic`).

use super::{DensitiesScenario, Scenario, ScenarioError};
use crate::export::atomic::write_atomically;
use crate::read::{FileKind, read_file};
use std::path::Path;

/// Reads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = read_text(path)?;
    Scenario::from_ron(&text, &path.display().to_string())
}

/// Writes a scenario so that `load(path)` gives it back; never leaves a half-written file.
pub fn save(scenario: &Scenario, path: &Path) -> Result<(), ScenarioError> {
    // Refuse to write what could not be read back.
    scenario.validate(&path.display().to_string())?;
    let text = scenario.to_ron()?;
    write_atomically(path, text.as_bytes()).map_err(|source| ScenarioError::Write { path: path.to_path_buf(), source })
}

/// Reads a file's text, refusing folders and what is not UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<String, ScenarioError> {
    let bytes = read_file(path, FileKind::Scenario).map_err(ScenarioError::File)?;
    String::from_utf8(bytes).map_err(|_| ScenarioError::NotText { path: path.to_path_buf() })
}

/// Writes a densities scenario so that `load_any(path)` gives it back; atomic.
pub fn save_densities(scenario: &DensitiesScenario, path: &Path) -> Result<(), ScenarioError> {
    let text = scenario.to_ron()?;
    // Refuse to write what could not be read back.
    DensitiesScenario::from_ron(&text, &path.display().to_string())?;
    write_atomically(path, text.as_bytes()).map_err(|source| ScenarioError::Write { path: path.to_path_buf(), source })
}
