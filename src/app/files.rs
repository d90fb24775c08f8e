//! Opening and saving scenario files: the user's scenario folder, Save / Save as / Open,
//! dropped files, and the question before replacing a file. Errors are shown and the
//! current state is kept.

use eframe::egui::{self, RichText};
use std::path::{Path, PathBuf};

use super::file_dialog::Purpose;
use super::{KlApp, Status};
use crate::scenario;

/// Where files go unless the user says otherwise.
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
        Folders { scenarios, pictures: super::export::default_folder() }
    }
}

/// The `.ron` files in the user's scenario folder, sorted by name.
pub fn user_scenarios(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

impl KlApp {
    /// Opens a scenario file; on any problem the current state stays and the error shows.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match scenario::load(path).and_then(|s| {
            self.state.open_scenario(&s).map_err(|e| scenario::ScenarioError::Invalid {
                origin: path.display().to_string(),
                subject: e.subject("p"),
                reason: e.reason().to_string(),
            })
        }) {
            Ok(()) => {
                self.state.doc.file = Some(path.to_path_buf());
                self.status = Some(Status::info(format!("Opened {}", path.display())));
                true
            }
            Err(e) => {
                self.status = Some(Status::error(e.to_string()));
                false
            }
        }
    }

    /// Writes the current scenario to `path` (atomically) and remembers it.
    pub fn save_to(&mut self, path: &Path) -> bool {
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(folder)
        {
            self.status = Some(Status::error(format!("cannot create the folder {}: {e}", folder.display())));
            return false;
        }
        let scenario = self.state.doc.to_scenario(self.state.unit);
        match scenario::save(&scenario, path) {
            Ok(()) => {
                self.state.doc.file = Some(path.to_path_buf());
                self.user_scenarios = user_scenarios(&self.folders.scenarios);
                let note = if self.state.doc.zero_rule == crate::info::ZeroRule::Exact {
                    ""
                } else {
                    " (the zero rule is a setting of the app, not part of the file)"
                };
                self.status = Some(Status::info(format!("Saved to {}{note}", path.display())));
                true
            }
            Err(e) => {
                self.status = Some(Status::error(e.to_string()));
                false
            }
        }
    }

    /// Ctrl+S: save over the file this scenario came from, or into the scenario folder
    /// as `<id>.ron`; asks before replacing a file that is not this scenario's own.
    pub fn save(&mut self) {
        let path = match &self.state.doc.file {
            Some(path) => path.clone(),
            None => self.folders.scenarios.join(format!("{}.ron", safe_stem(&self.state.doc.id))),
        };
        self.save_checked(path);
    }

    /// Saves to `path`, first asking if that would replace some other file.
    pub fn save_checked(&mut self, path: PathBuf) {
        let own = self.state.doc.file.as_deref() == Some(path.as_path());
        if path.exists() && !own {
            self.confirm_replace = Some((path, Replace::Save));
        } else {
            self.save_to(&path);
        }
    }

    /// Exports to a chosen `path`, first asking if a file is already there.
    pub fn export_checked(&mut self, path: PathBuf) {
        if path.exists() {
            self.confirm_replace = Some((path, Replace::Export));
        } else {
            self.export(super::export::Target::Window, Some(path));
        }
    }

    /// Asks "Replace …?" while a save waits for an answer.
    pub(super) fn confirm_replace_ui(&mut self, ctx: &egui::Context) {
        let Some((path, action)) = self.confirm_replace.clone() else {
            return;
        };
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm replace")).show(ctx, |ui| {
            ui.heading("Replace the file?");
            let what = match action {
                Replace::Save => "this scenario",
                Replace::Export => "the picture",
            };
            ui.label(format!("{} already exists. Replace it with {what}?", path.display()));
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Replace").strong()).clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(false);
        }
        match answer {
            Some(true) => {
                self.confirm_replace = None;
                match action {
                    Replace::Save => {
                        self.save_to(&path);
                    }
                    Replace::Export => self.export(super::export::Target::Window, Some(path)),
                }
            }
            Some(false) => {
                self.confirm_replace = None;
                self.status = Some(Status::info("Not saved.".to_string()));
            }
            None => {}
        }
    }

    /// A `.ron` file dropped on the window opens; anything else is refused with a note.
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let Some(file) = dropped.first() else {
            return;
        };
        let path = file.path().to_path_buf();
        if path.extension().is_some_and(|x| x == "ron") {
            self.open_path(&path);
        } else {
            self.status = Some(Status::error(format!("{} is not a scenario (.ron) file", path.display())));
        }
    }

    /// Acts on a path chosen in a file dialog.
    pub(super) fn path_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => {
                self.open_path(&path);
            }
            Purpose::SaveAs => self.save_checked(path),
            Purpose::ExportPng => self.export_checked(path),
        }
    }
}

/// What a "Replace the file?" question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    Save,
    Export,
}

/// A scenario id made safe as a file name.
pub(super) fn safe_stem(id: &str) -> String {
    let stem: String = id.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if stem.is_empty() { "scenario".to_string() } else { stem }
}
