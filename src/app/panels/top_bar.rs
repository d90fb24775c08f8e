//! The top bar: File menu, scenario picker, unit switch, theme, undo/redo, help, and the
//! line of lesson text and status under it.

use eframe::egui::{self, RichText};

use crate::app::command::Command;
use crate::app::model::saved::SavedScenario;
use crate::app::model::state::{AppState, ThemeChoice};
use crate::app::model::{Mode, Status};
use crate::app::ui::theme;
use crate::info::Unit;
use crate::scenario;

/// What the top bar shows besides the state it edits.
pub struct TopBar<'a> {
    pub can_undo: bool,
    pub can_redo: bool,
    pub status: Option<&'a Status>,
    pub saved: &'a [SavedScenario],
    pub mode: Mode,
    /// A lesson is open (its pictures can be exported).
    pub lesson_open: bool,
    /// False for commands this platform cannot carry out: they are not offered.
    pub offered: &'a dyn Fn(&Command) -> bool,
    /// A phone's width: two short rows (menus, undo, help and the theme, then the
    /// scenario and the unit), no presentation button (F5 still presents).
    pub narrow: bool,
}

impl TopBar<'_> {
    /// Draws the bar; returns the commands the user asked for.
    pub fn ui(self, ui: &mut egui::Ui, state: &mut AppState) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.add_space(2.0);
        if self.narrow {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                self.menus_ui(ui, state, &mut commands);
                // Undo and Redo by their arrows alone (their tooltips name them).
                if Command::Undo.button_labelled(ui, "↶", self.can_undo) {
                    commands.push(Command::Undo);
                }
                if Command::Redo.button_labelled(ui, "↷", self.can_redo) {
                    commands.push(Command::Redo);
                }
                if Command::Help.button(ui, true) {
                    commands.push(Command::Help);
                }
                theme_ui(ui, state, &mut commands);
            });
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                // The units take about this much of the row beside the picker.
                let width = (ui.available_width() - NARROW_UNITS_WIDTH).clamp(NARROW_SCENARIO_LEAST, SCENARIO_WIDTH);
                commands.extend(scenario_picker(ui, state, self.saved, width, false));
                units_ui(ui, state);
            });
        } else {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                // No name here: the window's title and every picture's caption carry it, and the
                // bar must stay one line on a 1024-point projector.
                self.menus_ui(ui, state, &mut commands);
                ui.separator();
                commands.extend(scenario_picker(ui, state, self.saved, SCENARIO_WIDTH, true));
                ui.separator();
                units_ui(ui, state);
                ui.separator();
                theme_ui(ui, state, &mut commands);
                ui.separator();
                self.history_ui(ui, &mut commands);
                if Command::Present.button(ui, true) {
                    commands.push(Command::Present);
                }
            });
        }
        // In a lesson the step's own text takes the description's place.
        let description = state.densities.as_ref().map_or(&state.doc.description, |d| &d.scenario.description);
        // On a phone it heads the column that scrolls instead (`narrow.rs`).
        if !description.is_empty() && !self.lesson_open && !self.narrow {
            ui.label(RichText::new(description).italics());
        }
        if let Some(status) = self.status.filter(|_| self.mode == Mode::Live) {
            let color = if status.is_error { theme::alarm(ui) } else { ui.visuals().strong_text_color() };
            ui.label(RichText::new(&status.text).color(color));
        }
        ui.add_space(2.0);
        commands
    }
}

impl TopBar<'_> {
    /// File and Lessons.
    fn menus_ui(&self, ui: &mut egui::Ui, state: &mut AppState, commands: &mut Vec<Command>) {
        ui.menu_button("File", |ui| file_menu(ui, state, self.offered, self.lesson_open, commands));
        ui.menu_button("Lessons", |ui| lessons_menu(ui, self.lesson_open, commands))
            .response
            .on_hover_text("Walk through a lesson step by step, with questions before the numbers appear");
    }

    /// Undo, Redo and Help.
    fn history_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if Command::Undo.button(ui, self.can_undo) {
            commands.push(Command::Undo);
        }
        if Command::Redo.button(ui, self.can_redo) {
            commands.push(Command::Redo);
        }
        if Command::Help.button(ui, true) {
            commands.push(Command::Help);
        }
    }
}

/// The scenario picker's width on the desktop, in points.
const SCENARIO_WIDTH: f32 = 200.0;
/// On a phone: the least width of the picker, and what the units beside it take.
const NARROW_SCENARIO_LEAST: f32 = 100.0;
const NARROW_UNITS_WIDTH: f32 = 175.0;

/// Bits, nats or bans.
fn units_ui(ui: &mut egui::Ui, state: &mut AppState) {
    for unit in Unit::ALL {
        ui.selectable_value(&mut state.unit, unit, unit.name()).on_hover_text(format!(
            "Show every value in {} ({})",
            unit.name(),
            unit.log_name()
        ));
    }
}

/// The switch to the other theme.
fn theme_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let theme_label = match state.theme {
        ThemeChoice::Dark => "Light",
        ThemeChoice::Light => "Dark",
    };
    if Command::ToggleTheme.button_labelled(ui, theme_label, true) {
        commands.push(Command::ToggleTheme);
    }
}

/// The built-in lessons; choosing one opens it at its first step.
fn lessons_menu(ui: &mut egui::Ui, lesson_open: bool, commands: &mut Vec<Command>) {
    for (index, lesson) in crate::lesson::builtin_lessons().iter().enumerate() {
        let text = format!("{} ({} steps)", lesson.title, lesson.steps.len());
        if ui.button(text).on_hover_text(Command::OpenLesson(index).tooltip()).clicked() {
            commands.push(Command::OpenLesson(index));
        }
    }
    ui.separator();
    // The class answers the open lesson's questions.
    let run = Command::RunWithClass;
    if ui.add_enabled(lesson_open, egui::Button::new(run.label())).on_hover_text(run.tooltip()).clicked() {
        commands.push(run);
    }
    if Command::JoinClass.menu_item(ui) {
        commands.push(Command::JoinClass);
    }
}

fn file_menu(
    ui: &mut egui::Ui,
    state: &mut AppState,
    offered: &dyn Fn(&Command) -> bool,
    lesson_open: bool,
    commands: &mut Vec<Command>,
) {
    let mut items = |ui: &mut egui::Ui, group: &[Command]| {
        for command in group.iter().filter(|command| offered(command)) {
            if command.menu_item(ui) {
                commands.push(*command);
            }
        }
    };
    items(ui, &[Command::Open, Command::OpenLink, Command::Save, Command::SaveAs]);
    ui.separator();
    items(ui, &[Command::ExportPng, Command::ExportPngAs, Command::ExportContributions, Command::ExportSurprise]);
    if lesson_open {
        items(ui, &[Command::ExportLesson]);
    }
    if offered(&Command::ExportPng) {
        ui.horizontal(|ui| {
            ui.label("Pixel density:");
            ui.selectable_value(&mut state.export_scale, 1, "1×").on_hover_text("Pictures as large as the window");
            ui.selectable_value(&mut state.export_scale, 2, "2×").on_hover_text("Twice the pixels: sharp on slides");
        });
    }
    ui.separator();
    items(ui, &[Command::CopyLink, Command::CopyMarkdown, Command::CopyLatex]);
}

/// The built-in lessons and the user's saved scenarios; returns the one chosen.
fn scenario_picker(
    ui: &mut egui::Ui,
    state: &AppState,
    saved: &[SavedScenario],
    width: f32,
    labelled: bool,
) -> Option<Command> {
    let label = labelled.then(|| ui.label("Scenario:"));
    let mut chosen = None;
    // A long title is cut, so the bar stays one line at 1024 points; the list has it whole.
    let most = (26.0 * width / SCENARIO_WIDTH) as usize;
    let picker = egui::ComboBox::from_id_salt("scenario")
        .selected_text(shortened(state.densities.as_ref().map_or(&state.doc.title, |d| &d.scenario.title), most))
        .width(width)
        .height(460.0)
        .show_ui(ui, |ui| {
            ui.label(RichText::new("Built-in scenarios").small().weak());
            for (index, preset) in scenario::builtin().iter().enumerate() {
                let selected = preset.id == state.doc.id && state.doc.file.is_none();
                if ui.selectable_label(selected, &preset.title).on_hover_text(&preset.description).clicked() {
                    chosen = Some(Command::OpenBuiltin(index));
                }
            }
            ui.separator();
            ui.label(RichText::new("Densities: curves you drag").small().weak());
            for (index, densities) in scenario::builtin_densities().iter().enumerate() {
                let selected = state.densities.as_ref().is_some_and(|d| d.scenario.id == densities.id);
                let text = &densities.title;
                if ui.selectable_label(selected, text).on_hover_text(&densities.description).clicked() {
                    chosen = Some(Command::OpenBuiltinDensities(index));
                }
            }
            if !saved.is_empty() {
                ui.separator();
                ui.label(RichText::new("Saved").small().weak());
                for (index, entry) in saved.iter().enumerate() {
                    let selected = state.doc.file.as_ref() == Some(&entry.path);
                    if ui
                        .selectable_label(selected, &entry.name)
                        .on_hover_text(entry.path.display().to_string())
                        .clicked()
                    {
                        chosen = Some(Command::OpenSaved(index));
                    }
                }
            }
        })
        .response;
    match label {
        Some(label) => {
            picker.labelled_by(label.id);
        }
        None => {
            picker.accessible_name("Scenario:");
        }
    }
    chosen
}

/// `text` cut to `most` characters, with an ellipsis when cut.
fn shortened(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let cut: String = text.chars().take(most.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}
