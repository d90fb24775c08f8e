//! The interactive window: P and Q editors, live measures, identity view and plots.
//! This file lays out the panels and carries out commands; each panel has its own file.

pub mod commands;
mod contributions;
pub mod editor;
pub mod format;
mod help;
mod identity;
pub mod metrics_ui;
mod outcomes;
pub mod state;
mod surprise;
pub mod theme;
mod top_bar;

use eframe::egui::{self, Key, Modifiers, util::undoer::Undoer};

use crate::info::Report;
use commands::Command;
use editor::EditorState;
use outcomes::RenameState;
use state::{Analysis, AppState, Document, ThemeChoice};
use theme::Side;

/// The klscope window.
pub struct KlApp {
    pub state: AppState,
    analysis: Analysis,
    undoer: Undoer<Document>,
    editors: [EditorState; 2],
    rename: RenameState,
    show_help: bool,
    /// A one-time message, e.g. that the stored session could not be read.
    notice: Option<String>,
    /// How many times the report was recomputed (a test checks that idle frames do not).
    pub recomputations: u64,
}

impl KlApp {
    /// The app as eframe starts it: stored state if it is readable, else defaults.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        let (state, notice) = load_state(cc.storage);
        let mut app = Self::with_state(state);
        app.notice = notice;
        app
    }

    pub fn with_state(state: AppState) -> Self {
        KlApp {
            state,
            analysis: Analysis::default(),
            undoer: Undoer::default(),
            editors: Default::default(),
            rename: RenameState::default(),
            show_help: false,
            notice: None,
            recomputations: 0,
        }
    }

    /// The measures as currently shown.
    pub fn report(&self) -> &Report {
        &self.analysis.report
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn run(&mut self, command: Command) {
        let state = &mut self.state;
        let message = match command {
            Command::Undo => {
                if let Some(previous) = self.undoer.undo(&state.doc) {
                    state.doc = previous.clone();
                }
                None
            }
            Command::Redo => {
                if let Some(next) = self.undoer.redo(&state.doc) {
                    state.doc = next.clone();
                }
                None
            }
            Command::Uniform => {
                state.doc.get_mut(state.active).make_uniform();
                None
            }
            Command::CopyPToQ => {
                state.doc.copy_p_to_q();
                None
            }
            Command::SwapPQ => {
                state.doc.swap();
                None
            }
            Command::AddOutcome => match state.doc.add_outcome() {
                Ok(index) => {
                    state.selected = index;
                    None
                }
                Err(message) => Some(message),
            },
            Command::RemoveOutcome => state.doc.remove_outcome(state.selected).err(),
            Command::ToggleTheme => {
                state.theme = match state.theme {
                    ThemeChoice::Dark => ThemeChoice::Light,
                    ThemeChoice::Light => ThemeChoice::Dark,
                };
                None
            }
            Command::Help => {
                self.show_help = !self.show_help;
                None
            }
        };
        self.rename.message = message;
        self.state.clamp_selection();
    }

    /// Arrow keys: ← → move the selection, ↑ ↓ nudge the selected outcome of the active
    /// distribution by 0.01 (with Shift 0.001). Not while a text field has the keyboard.
    fn arrow_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let mut nudge = 0.0;
        let mut step: i64 = 0;
        ctx.input_mut(|input| {
            for (modifiers, size) in [(Modifiers::SHIFT, 0.001), (Modifiers::NONE, 0.01)] {
                if input.consume_key(modifiers, Key::ArrowUp) {
                    nudge += size;
                }
                if input.consume_key(modifiers, Key::ArrowDown) {
                    nudge -= size;
                }
            }
            if input.consume_key(Modifiers::NONE, Key::ArrowLeft) {
                step -= 1;
            }
            if input.consume_key(Modifiers::NONE, Key::ArrowRight) {
                step += 1;
            }
        });
        let n = self.state.doc.len() as i64;
        self.state.selected = (self.state.selected as i64 + step).clamp(0, n - 1) as usize;
        if nudge != 0.0 {
            let (side, index) = (self.state.active, self.state.selected);
            let distribution = self.state.doc.get_mut(side);
            let editor = &mut self.editors[side_index(side)];
            if distribution.is_locked(index) {
                editor.message = Some(format!("'{}' is locked in {}", distribution.labels()[index], side.name()));
            } else if let Some(value) = distribution.prob(index) {
                let _ = distribution.set(index, value + nudge);
                editor.message = None;
            }
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        let wanted = match self.state.theme {
            ThemeChoice::Dark => egui::Theme::Dark,
            ThemeChoice::Light => egui::Theme::Light,
        };
        if ctx.theme() != wanted {
            ctx.set_theme(wanted);
        }
    }

    fn refresh_analysis(&mut self) {
        if self.analysis.refresh(&self.state.doc) {
            self.recomputations += 1;
        }
    }

    /// Editors, the outcome strip and the plots. Drawn first, so that the measures drawn
    /// after them already include this frame's edit.
    fn editing_ui(&mut self, ui: &mut egui::Ui) {
        let height = ui.available_height();
        let editor_height = (height * 0.29).max(150.0);
        let [p_editor, q_editor] = &mut self.editors;
        editor::editor_ui(ui, Side::P, &mut self.state, p_editor, editor_height);
        ui.add_space(4.0);
        editor::editor_ui(ui, Side::Q, &mut self.state, q_editor, editor_height);
        let fields_fit = editor::fields_fit(ui.available_width(), self.state.doc.len());
        let commands = outcomes::outcomes_ui(ui, &mut self.state, &mut self.editors, &mut self.rename, fields_fit);
        for command in commands {
            self.run(command);
        }
        self.refresh_analysis();
        ui.separator();
        ui.columns(2, |columns| {
            contributions::contributions_ui(&mut columns[0], &self.state, &self.analysis);
            surprise::surprise_ui(&mut columns[1], &self.state, &self.analysis);
        });
    }

    fn measures_ui(&mut self, ui: &mut egui::Ui) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            metrics_ui::metrics_ui(ui, &mut self.state, &self.analysis);
            // The zero rule may have changed just now.
            self.refresh_analysis();
            ui.separator();
            identity::identity_ui(ui, &self.state, &self.analysis);
        });
    }

    /// Records an undo step once an edit is finished: not in the middle of a drag or
    /// while a value is being typed, so a whole drag is one step.
    fn record_undo(&mut self, ctx: &egui::Context) {
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.egui_wants_keyboard_input();
        if !busy {
            self.undoer.add_undo(&self.state.doc);
        }
    }
}

impl KlApp {
    /// One frame of the whole window. eframe calls it through [`eframe::App::ui`]; the
    /// frame benchmark calls it directly.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        for command in commands::pressed(&ctx) {
            self.run(command);
        }
        self.arrow_keys(&ctx);
        self.refresh_analysis();

        egui::Panel::top("top bar").show(ui, |ui| {
            let commands = top_bar::top_bar_ui(ui, &mut self.state, &self.undoer, self.notice.as_deref());
            for command in commands {
                self.run(command);
            }
        });
        let width = ui.available_width();
        egui::Panel::left("editing")
            .resizable(true)
            .default_size(width * 0.6)
            .min_size(width * 0.4)
            .max_size(width * 0.75)
            .show(ui, |ui| self.editing_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| self.measures_ui(ui));

        let mut open = self.show_help;
        help::help_ui(&ctx, &mut open, self.state.unit);
        self.show_help = open;
        self.record_undo(&ctx);
    }
}

impl eframe::App for KlApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}

fn side_index(side: Side) -> usize {
    match side {
        Side::P => 0,
        Side::Q => 1,
    }
}

/// Reads the stored session. Unreadable or inconsistent state gives the defaults and a
/// message saying so, once.
pub fn load_state(storage: Option<&dyn eframe::Storage>) -> (AppState, Option<String>) {
    let Some(text) = storage.and_then(|s| s.get_string(eframe::APP_KEY)) else {
        return (AppState::default(), None);
    };
    match ron::from_str::<AppState>(&text) {
        Ok(state) if state.doc.is_consistent() => {
            let mut state = state;
            state.clamp_selection();
            (state, None)
        }
        _ => (AppState::default(), Some("The saved session could not be read, so klscope started fresh.".to_string())),
    }
}
