//! The top bar: scenario picker, unit switch, theme, undo/redo and help.

use eframe::egui::{self, RichText, util::undoer::Undoer};

use super::commands::Command;
use super::state::{AppState, Document, ThemeChoice};
use crate::info::Unit;
use crate::scenario;

pub fn top_bar_ui(
    ui: &mut egui::Ui,
    state: &mut AppState,
    undoer: &Undoer<Document>,
    notice: Option<&str>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    ui.add_space(2.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("klscope").heading().strong());
        ui.separator();
        let label = ui.label("Scenario:");
        let mut chosen = None;
        egui::ComboBox::from_id_salt("scenario")
            .selected_text(state.doc.title.clone())
            .width(260.0)
            .height(420.0)
            .show_ui(ui, |ui| {
                for preset in scenario::builtin() {
                    let selected = preset.id == state.doc.id;
                    if ui.selectable_label(selected, &preset.title).on_hover_text(&preset.description).clicked() {
                        chosen = Some(preset);
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if let Some(preset) = chosen
            && let Err(e) = state.open_scenario(&preset)
        {
            // Built-ins are validated by a test; still, never crash on one.
            ui.label(RichText::new(e.message("preset")).color(super::theme::alarm(ui)));
        }
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
        if Command::Undo.button(ui, undoer.has_undo(&state.doc)) {
            commands.push(Command::Undo);
        }
        if Command::Redo.button(ui, undoer.has_redo(&state.doc)) {
            commands.push(Command::Redo);
        }
        if Command::Help.button(ui, true) {
            commands.push(Command::Help);
        }
    });
    if !state.doc.description.is_empty() {
        ui.label(RichText::new(&state.doc.description).italics());
    }
    if let Some(notice) = notice {
        ui.label(RichText::new(notice).color(super::theme::alarm(ui)));
    }
    ui.add_space(2.0);
    commands
}
