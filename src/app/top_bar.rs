//! The top bar: File menu, scenario picker, unit switch, theme, undo/redo, help, and the
//! line of lesson text and status under it.

use eframe::egui::{self, RichText, util::undoer::Undoer};
use std::path::PathBuf;

use super::Status;
use super::commands::Command;
use super::state::{AppState, Document, ThemeChoice};
use crate::info::Unit;
use crate::scenario;

pub struct TopBar<'a> {
    pub undoer: &'a Undoer<Document>,
    pub status: Option<&'a Status>,
    pub user_scenarios: &'a [PathBuf],
    pub exporting: bool,
}

impl TopBar<'_> {
    /// Draws the bar; returns what the user asked for.
    pub fn ui(self, ui: &mut egui::Ui, state: &mut AppState) -> Asked {
        let mut commands = Vec::new();
        let mut open = Ok(None);
        ui.add_space(2.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("klscope").heading().strong());
            ui.menu_button("File", |ui| file_menu(ui, state, &mut commands));
            ui.separator();
            open = scenario_picker(ui, state, self.user_scenarios);
            ui.separator();
            ui.label("Unit:");
            for unit in Unit::ALL {
                ui.selectable_value(&mut state.unit, unit, unit.name()).on_hover_text(format!(
                    "Show every value in {} ({})",
                    unit.name(),
                    unit.log_name()
                ));
            }
            ui.separator();
            let theme_label = match state.theme {
                ThemeChoice::Dark => "Light theme",
                ThemeChoice::Light => "Dark theme",
            };
            if ui.button(theme_label).on_hover_text(Command::ToggleTheme.tooltip()).clicked() {
                commands.push(Command::ToggleTheme);
            }
            ui.separator();
            if Command::Undo.button(ui, self.undoer.has_undo(&state.doc)) {
                commands.push(Command::Undo);
            }
            if Command::Redo.button(ui, self.undoer.has_redo(&state.doc)) {
                commands.push(Command::Redo);
            }
            if Command::Help.button(ui, true) {
                commands.push(Command::Help);
            }
        });
        if !state.doc.description.is_empty() {
            ui.label(RichText::new(&state.doc.description).italics());
        }
        if let Some(status) = self.status.filter(|_| !self.exporting) {
            let color = if status.is_error { super::theme::alarm(ui) } else { ui.visuals().strong_text_color() };
            ui.label(RichText::new(&status.text).color(color));
        }
        ui.add_space(2.0);
        match open {
            Ok(open) => Asked { commands, open, error: None },
            Err(error) => Asked { commands, open: None, error: Some(error) },
        }
    }
}

/// What the top bar asked for this frame.
pub struct Asked {
    pub commands: Vec<Command>,
    /// A saved scenario to open.
    pub open: Option<PathBuf>,
    /// A built-in scenario that could not be opened.
    pub error: Option<String>,
}

fn file_menu(ui: &mut egui::Ui, state: &mut AppState, commands: &mut Vec<Command>) {
    for command in [Command::Open, Command::Save, Command::SaveAs] {
        if command.menu_item(ui) {
            commands.push(command);
        }
    }
    ui.separator();
    for command in [Command::ExportPng, Command::ExportPngAs, Command::ExportContributions, Command::ExportSurprise] {
        if command.menu_item(ui) {
            commands.push(command);
        }
    }
    ui.horizontal(|ui| {
        ui.label("Pixel density:");
        ui.selectable_value(&mut state.export_scale, 1, "1×").on_hover_text("Pictures as large as the window");
        ui.selectable_value(&mut state.export_scale, 2, "2×").on_hover_text("Twice the pixels: sharp on slides");
    });
    ui.separator();
    for command in [Command::CopyMarkdown, Command::CopyLatex] {
        if command.menu_item(ui) {
            commands.push(command);
        }
    }
}

/// The built-in lessons and the user's saved scenarios. Returns a saved file to open, or
/// why a built-in could not be opened.
fn scenario_picker(
    ui: &mut egui::Ui,
    state: &mut AppState,
    user_scenarios: &[PathBuf],
) -> Result<Option<PathBuf>, String> {
    let label = ui.label("Scenario:");
    let mut chosen = None;
    let mut open = None;
    egui::ComboBox::from_id_salt("scenario")
        .selected_text(state.doc.title.clone())
        .width(260.0)
        .height(460.0)
        .show_ui(ui, |ui| {
            ui.label(RichText::new("Lessons").small().weak());
            for preset in scenario::builtin() {
                let selected = preset.id == state.doc.id && state.doc.file.is_none();
                if ui.selectable_label(selected, &preset.title).on_hover_text(&preset.description).clicked() {
                    chosen = Some(preset);
                }
            }
            if !user_scenarios.is_empty() {
                ui.separator();
                ui.label(RichText::new("Saved").small().weak());
                for path in user_scenarios {
                    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    let selected = state.doc.file.as_ref() == Some(path);
                    if ui.selectable_label(selected, name).on_hover_text(path.display().to_string()).clicked() {
                        open = Some(path.clone());
                    }
                }
            }
        })
        .response
        .labelled_by(label.id);
    if let Some(preset) = chosen {
        // Built-ins are validated by a test; still, never crash on one.
        state.open_scenario(preset).map_err(|e| e.message(&preset.id))?;
    }
    Ok(open)
}
