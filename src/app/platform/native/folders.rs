//! Where files go unless the user says otherwise, and the names they get there.

use std::path::{Path, PathBuf};

use crate::app::model::saved::SavedScenario;

#[derive(Debug, Clone)]
pub struct Folders {
    /// Saved scenarios (the platform data folder, e.g. ~/.local/share/klscope/scenarios).
    pub scenarios: PathBuf,
    /// Exported pictures (the Pictures folder, else the current folder).
    pub pictures: PathBuf,
}

impl Folders {
    pub fn for_this_user() -> Self {
        let scenarios = directories::ProjectDirs::from("", "", "klscope")
            .map(|dirs| dirs.data_dir().join("scenarios"))
            .unwrap_or_else(|| PathBuf::from("scenarios"));
        Folders { scenarios, pictures: pictures_folder() }
    }

    /// Folders in the system's temporary folder, for an app that should not touch the
    /// user's own (tests, pictures made from the command line).
    pub fn in_temp() -> Self {
        let temp = std::env::temp_dir();
        Folders { scenarios: temp.join("klscope-scenarios"), pictures: temp }
    }
}

/// The user's Pictures folder, else the current folder.
fn pictures_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| dirs.picture_dir().map(Path::to_path_buf))
        .filter(|dir| dir.is_dir())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The `.ron` files in the user's scenario folder, sorted by name.
pub fn saved_scenarios(folder: &Path) -> Vec<SavedScenario> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            SavedScenario { name, path }
        })
        .collect()
}

/// `path`, or `name-2.png`, `name-3.png` (a folder: `name-2`), … if it exists.
pub fn unused_path(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // A folder has no extension: "lesson-2"; a picture keeps its own: "name-2.png".
    let extension = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..)
        .map(|k| path.with_file_name(format!("{stem}-{k}{extension}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.to_path_buf())
}
