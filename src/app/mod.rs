//! The interactive window: P and Q editors, live measures, identity view and plots.
//! This file lays out the panels and carries out commands; each panel has its own file.

mod actions;
mod coding_view;
pub mod commands;
mod contributions;
pub mod editor;
pub mod export;
pub mod file_dialog;
pub mod files;
mod fit_view;
pub mod format;
mod help;
mod identity;
mod lesson;
mod libraries_view;
pub mod metrics_ui;
mod outcomes;
pub mod render;
mod sampling_view;
pub mod state;
mod surprise;
mod table;
pub mod theme;
mod top_bar;

use eframe::egui::{self, util::undoer::Undoer};

use crate::info::Report;
use commands::Command;
use editor::EditorState;
use file_dialog::FileDialogs;
use files::Folders;
use outcomes::RenameState;
use render::OffscreenRenderer;
use state::{Analysis, AppState, Document, ThemeChoice, View};
use std::path::PathBuf;
use theme::Side;

/// A message in the top bar: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    pub fn info(text: String) -> Self {
        Status { text, is_error: false }
    }

    pub fn error(text: String) -> Self {
        Status { text, is_error: true }
    }
}

/// Where the two plots were drawn in the last frame, for cropped exports.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlotRects {
    pub contributions: Option<egui::Rect>,
    pub surprise: Option<egui::Rect>,
}

/// The klscope window.
pub struct KlApp {
    pub state: AppState,
    analysis: Analysis,
    undoer: Undoer<Document>,
    editors: [EditorState; 2],
    rename: RenameState,
    show_help: bool,
    /// The latest message for the top bar (a stored session that could not be read, a
    /// file saved, an error).
    pub status: Option<Status>,
    /// How many times the report was recomputed (a test checks that idle frames do not).
    pub recomputations: u64,
    pub folders: Folders,
    pub dialogs: FileDialogs,
    user_scenarios: Vec<PathBuf>,
    confirm_replace: Option<(PathBuf, files::Replace)>,
    renderer: Option<OffscreenRenderer>,
    /// True while drawing a picture for export: adds the caption.
    exporting: bool,
    pub plot_rects: PlotRects,
    /// The size of the window's content in points, for exports of the same layout.
    screen_size: egui::Vec2,
    /// The window's pixels per point (screen density × zoom), so a 1× export has the
    /// window's own pixels.
    screen_pixels_per_point: f32,
    /// Text for the clipboard, handed to egui at the end of the frame.
    clipboard: Option<String>,
    /// The probability at the top of the bar editors.
    bar_top: f64,
    table: table::TableState,
    coding: coding_view::CodingCache,
    fit: fit_view::FitState,
    sampling: sampling_view::SamplingState,
    libraries: libraries_view::LibrariesCache,
}

impl KlApp {
    /// The app as eframe starts it: stored state if it is readable, else defaults.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        let (state, notice) = load_state(cc.storage);
        cc.egui_ctx.set_zoom_factor(state.zoom);
        let mut app = Self::with_state(state);
        app.status = notice.map(Status::error);
        app.folders = Folders::for_this_user();
        app.dialogs = FileDialogs::for_this_desktop();
        app.user_scenarios = files::user_scenarios(&app.folders.scenarios);
        app
    }

    /// An app on `state`, with folders in the system temp folder and no native file
    /// dialogs (as in tests); `new` sets up the real ones.
    pub fn with_state(mut state: AppState) -> Self {
        state.sanitize();
        let temp = std::env::temp_dir();
        KlApp {
            state,
            analysis: Analysis::default(),
            undoer: Undoer::default(),
            editors: Default::default(),
            rename: RenameState::default(),
            show_help: false,
            status: None,
            recomputations: 0,
            folders: Folders { scenarios: temp.join("klscope-scenarios"), pictures: temp },
            dialogs: FileDialogs::default(),
            user_scenarios: Vec::new(),
            confirm_replace: None,
            renderer: None,
            exporting: false,
            plot_rects: PlotRects::default(),
            screen_size: egui::vec2(1280.0, 800.0),
            screen_pixels_per_point: 1.0,
            clipboard: None,
            bar_top: 1.0,
            table: Default::default(),
            coding: Default::default(),
            fit: Default::default(),
            sampling: Default::default(),
            libraries: Default::default(),
        }
    }

    /// Where the bars of `side` were drawn in the last frame.
    pub fn bar_layout(&self, side: Side) -> Option<editor::BarLayout> {
        self.editors[side_index(side)].layout
    }

    /// The measures as currently shown.
    pub fn report(&self) -> &Report {
        &self.analysis.report
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
        let editor_height = (height * 0.26).max(150.0);
        // One scale for both editors, held still while a bar is being dragged.
        if !ui.input(|i| i.pointer.any_down()) {
            self.bar_top = editor::scale_top(self.state.doc.p.probs(), self.state.doc.q.probs());
        }
        let top = self.bar_top;
        let [p_editor, q_editor] = &mut self.editors;
        let mut commands: Vec<Command> = Vec::new();
        commands.extend(editor::editor_ui(ui, Side::P, &mut self.state, p_editor, editor_height, top));
        ui.add_space(4.0);
        commands.extend(editor::editor_ui(ui, Side::Q, &mut self.state, q_editor, editor_height, top));
        let fields_fit = editor::fields_fit(ui.available_width(), self.state.doc.len());
        commands.extend(outcomes::outcomes_ui(ui, &mut self.state, &mut self.editors, &mut self.rename, fields_fit));
        for editor in &mut self.editors {
            editor.forget_hidden_typing();
        }
        for command in commands {
            self.run(command);
        }
        self.refresh_analysis();
        ui.separator();
        ui.horizontal(|ui| {
            for view in View::ALL {
                ui.selectable_value(&mut self.state.view, view, view.title()).on_hover_text(view.tooltip());
            }
        });
        self.view_ui(ui);
    }

    /// The view under the editors. Views that change P or Q (fitting's "Use as Q")
    /// take effect in the measures of the same frame, which are drawn after this.
    fn view_ui(&mut self, ui: &mut egui::Ui) {
        self.plot_rects = PlotRects::default();
        let command = match self.state.view {
            View::Plots => {
                ui.columns(2, |columns| {
                    self.plot_rects.contributions =
                        Some(contributions::contributions_ui(&mut columns[0], &self.state, &self.analysis));
                    self.plot_rects.surprise =
                        Some(surprise::surprise_ui(&mut columns[1], &self.state, &self.analysis));
                });
                None
            }
            View::Table => table::table_ui(ui, &mut self.state, &self.analysis, &mut self.table),
            View::Coding => {
                coding_view::coding_ui(ui, &mut self.state, &self.analysis, &mut self.coding);
                None
            }
            View::Fit => {
                fit_view::fit_ui(ui, &mut self.state, &self.analysis, &mut self.fit, !self.exporting);
                None
            }
            View::Sampling => {
                sampling_view::sampling_ui(ui, &self.state, &self.analysis, &mut self.sampling);
                None
            }
            View::Libraries => libraries_view::libraries_ui(ui, &self.state, &self.analysis, &mut self.libraries),
        };
        if let Some(command) = command {
            self.run(command);
        }
        self.refresh_analysis();
    }

    fn measures_ui(&mut self, ui: &mut egui::Ui) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if !self.exporting {
                lesson::lesson_ui(ui, &mut self.state.doc);
            }
            metrics_ui::heading_ui(ui, self.state.unit);
            // The zero rule comes first, so that every number below already uses it.
            if metrics_ui::zero_rule_ui(ui, &mut self.state) {
                self.refresh_analysis();
                // The plots on the left were drawn with the old rule: draw again.
                ui.ctx().request_repaint();
            }
            metrics_ui::metrics_ui(ui, &self.state, &self.analysis);
            ui.separator();
            identity::identity_ui(ui, &self.state, &self.analysis);
        });
    }

    /// Records an undo step once an edit is finished: not in the middle of a drag or
    /// while a value is being typed, so a whole drag is one step.
    fn record_undo(&mut self, ctx: &egui::Context) {
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.egui_wants_keyboard_input();
        if !busy {
            // A new edit after an undo starts a new branch: the undone steps can no longer
            // be redone. egui's add_undo keeps them, but redo() drops them when the state
            // differs from the last undo point (and does nothing when it does not).
            if !self.undoer.has_redo(&self.state.doc) {
                let _ = self.undoer.redo(&self.state.doc);
            }
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
        if !self.exporting {
            self.screen_size = ctx.content_rect().size();
            self.screen_pixels_per_point = ctx.pixels_per_point();
            self.state.zoom = ctx.zoom_factor();
        }
        for command in commands::pressed(&ctx) {
            self.run(command);
        }
        self.dropped_files(&ctx);
        self.arrow_keys(&ctx);
        self.refresh_analysis();

        egui::Panel::top("top bar").show(ui, |ui| {
            let bar = top_bar::TopBar {
                undoer: &self.undoer,
                status: self.status.as_ref(),
                user_scenarios: &self.user_scenarios,
                exporting: self.exporting,
            };
            let asked = bar.ui(ui, &mut self.state);
            if let Some(path) = asked.open {
                self.open_path(&path);
            }
            if let Some(error) = asked.error {
                self.status = Some(Status::error(error));
            }
            for command in asked.commands {
                self.run(command);
            }
        });
        if self.exporting {
            let caption = export::caption(self);
            egui::Panel::bottom("caption").show(ui, |ui| {
                ui.label(egui::RichText::new(caption).size(14.0));
            });
        }
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
        if !self.exporting {
            if let Some((purpose, path)) = self.dialogs.ui(&ctx) {
                self.path_chosen(purpose, path);
            }
            self.confirm_replace_ui(&ctx);
        }
        if let Some(text) = self.clipboard.take() {
            ctx.copy_text(text);
        }
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
        Ok(mut state) if state.doc.is_consistent() => {
            state.sanitize();
            (state, None)
        }
        _ => (AppState::default(), Some("The saved session could not be read, so klscope started fresh.".to_string())),
    }
}
