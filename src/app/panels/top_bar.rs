//! The top bar: File menu, scenario picker, unit switch, theme, undo/redo, help, and the
//! line of lesson text and status under it.

use eframe::egui::{self, RichText};

use crate::app::command::Command;
use crate::app::model::saved::SavedScenario;
use crate::app::model::state::{AppState, ThemeChoice};
use crate::app::model::{Mode, Status};
use crate::app::ui::fit_text::{fit_to_width, text_width};
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
                let room = (ui.available_width() - NARROW_UNITS_WIDTH).max(NARROW_SCENARIO_LEAST);
                commands.extend(scenario_picker(ui, state, self.saved, room, false).0);
                units_ui(ui, state);
            });
        } else {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                // No name here: the window's title and every picture's caption carry it, and the
                // bar must stay one line on a 1024-point projector.
                self.menus_ui(ui, state, &mut commands);
                ui.separator();
                // The picker takes the room the rest of the row leaves (measured last frame).
                let rest_id = egui::Id::unique("top bar after the picker");
                let rest = ui.data(|d| d.get_temp::<f32>(rest_id)).unwrap_or(REST_GUESS);
                let (chosen, picker) = scenario_picker(ui, state, self.saved, ui.available_width() - rest, true);
                commands.extend(chosen);
                ui.separator();
                units_ui(ui, state);
                ui.separator();
                theme_ui(ui, state, &mut commands);
                ui.separator();
                self.history_ui(ui, &mut commands);
                if Command::Present.button(ui, true) {
                    commands.push(Command::Present);
                }
                let rest = ui.min_rect().right() - picker.right() + 4.0;
                ui.data_mut(|d| d.insert_temp(rest_id, rest));
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

/// On a phone: the least room for the picker, and what the units beside it take.
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
/// How wide the top bar's items after the scenario picker are, before they were measured.
const REST_GUESS: f32 = 470.0;

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

/// The built-in lessons and the user's saved scenarios, in at most `room` points; returns
/// the one chosen and where the picker is.
fn scenario_picker(
    ui: &mut egui::Ui,
    state: &AppState,
    saved: &[SavedScenario],
    room: f32,
    labelled: bool,
) -> (Option<Command>, egui::Rect) {
    let label = labelled.then(|| ui.label("Scenario:"));
    let mut chosen = None;
    let title = state.densities.as_ref().map_or(&state.doc.title, |d| &d.scenario.title);
    let font = egui::TextStyle::Button.resolve(ui.style());
    // Room for the title and the combo box's arrow and padding.
    let chrome = ui.spacing().icon_width + ui.spacing().button_padding.x * 2.0 + ui.spacing().item_spacing.x + 4.0;
    let whole = text_width(ui.painter(), title, &font) + chrome;
    let least = if labelled { MIN_PICKER } else { NARROW_SCENARIO_LEAST };
    let width = (room - ui.spacing().item_spacing.x).min(whole).max(least);
    let response = egui::ComboBox::from_id_salt("scenario")
        // A title too long for the row is cut (measured, so the bar stays one line at 1024
        // points); the list and the hover text have it whole.
        .selected_text(fit_to_width(ui.painter(), title, &font, width - chrome))
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
        .response
        .on_hover_text(title.as_str());
    let response = match label {
        Some(label) => response.labelled_by(label.id),
        None => response.accessible_name("Scenario:"),
    };
    (chosen, response.rect)
}

/// The narrowest the scenario picker gets.
const MIN_PICKER: f32 = 160.0;
