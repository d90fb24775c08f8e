//! The scenarios a user saved before, as the platform lists them for the picker.

use std::path::PathBuf;

/// A scenario the user saved earlier, offered in the scenario picker.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedScenario {
    pub name: String,
    pub path: PathBuf,
}
