//! The interactive app: `KlApp` holds the persisted state, the history, the analysis, the
//! panels, the views and the platform. One frame is a short list of panel calls; the same
//! layout draws pictures for export in picture mode.

mod actions;
mod classroom;
pub mod command;
mod drawn;
pub mod edit;
pub mod lesson_export;
pub mod model;
mod model_outputs;
pub mod narrow;
pub mod panels;
pub mod picture;
pub mod platform;
mod presentation;
mod summary;
pub mod ui;
pub mod views;

use eframe::egui;

use command::Command;
use model::analysis::Analysis;
use model::history::History;
use model::lesson_run::LessonRun;
use model::state::AppState;
pub use model::{Mode, Status};
use panels::Panels;
use panels::bar_editor::BarLayout;
use picture::{Picture, PictureError, Target};
use platform::Platform;
#[cfg(not(target_arch = "wasm32"))]
use platform::native::{FileDialogs, Folders, NativePlatform};
use ui::theme;
use views::{ViewInput, Views};

use crate::info::{Report, Side};
use crate::lesson::Concealed;
use crate::lesson::{Lesson, Scene};

/// A cheap fingerprint of the stored session: the document's revision and the settings.
#[derive(Debug, Default, Clone, PartialEq)]
struct Saved {
    revision: u64,
    settings: (crate::info::Unit, model::state::ThemeChoice, String, u8),
}

impl Saved {
    fn of(app: &KlApp) -> Saved {
        let s = &app.state;
        Saved { revision: app.analysis.revision, settings: (s.unit, s.theme, s.view.clone(), s.export_scale) }
    }
}

/// The window's size and density, so a 1× picture has the window's own pixels.
#[derive(Debug, Clone, Copy)]
struct Screen {
    size: egui::Vec2,
    pixels_per_point: f32,
}

/// The klscope app.
pub struct KlApp {
    pub state: AppState,
    analysis: Analysis,
    history: History,
    /// Undo and redo of the densities document, while one is open.
    densities_history: History<model::densities::DensitiesDoc>,
    panels: Panels,
    views: Views,
    platform: Box<dyn Platform>,
    /// The latest message for the top bar (a stored session that could not be read, a
    /// file saved, an error).
    pub status: Option<Status>,
    screen: Screen,
    /// Text for the clipboard, handed over at the end of the frame.
    clipboard: Option<String>,
    /// What the session held when it was last stored: in a browser, a frame is asked for
    /// until an edit is stored (see `frame_ui`).
    saved: Saved,
    /// The CPU time of the previous frame, as eframe measured it.
    previous_frame_seconds: Option<f32>,
    /// The analysis revision at which the logits were last checked against P and Q.
    logits_checked: u64,
    /// The lesson being walked through, if any.
    lesson: Option<LessonRun>,
    /// Presentation mode: no chrome, large type, one view (F5; Esc leaves).
    presenting: bool,
    /// The context of the live window, for what a page asks about the last frame
    /// (`drawn.rs`).
    live_ctx: Option<egui::Context>,
    /// A classroom room this app teaches or joined (`classroom.rs`).
    classroom: Option<model::classroom::Classroom>,
    /// The texts painted in the last frame, once a page asked for them (`drawn.rs`).
    painted: Option<Vec<String>>,
}

impl KlApp {
    /// The app as eframe starts it: the stored session if it is readable, else defaults,
    /// on the desktop's own folders and dialogs.
    pub fn new(cc: &eframe::CreationContext<'_>) -> Self {
        theme::apply_text_sizes(&cc.egui_ctx);
        let (state, notice) = platform::session::load_state(cc.storage);
        cc.egui_ctx.set_zoom_factor(state.zoom);
        let mut app = Self::with_platform(state, platform::for_this_device(cc));
        app.status = notice.map(Status::error);
        app
    }

    /// An app on `state` whose files go to the system's temporary folder and whose paths
    /// are typed into a field (as in tests and for pictures from the command line).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_state(state: AppState) -> Self {
        Self::with_platform(state, Box::new(NativePlatform::new(Folders::in_temp(), FileDialogs::default())))
    }

    /// A copy of the app that only draws pictures: a job's, off the frame.
    pub fn for_pictures(state: AppState) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let platform: Box<dyn Platform> = Box::new(NativePlatform::new(Folders::in_temp(), FileDialogs::default()));
        #[cfg(target_arch = "wasm32")]
        let platform: Box<dyn Platform> = Box::new(platform::pictures_only::PicturesOnly::default());
        Self::with_platform(state, platform)
    }

    pub fn with_platform(mut state: AppState, platform: Box<dyn Platform>) -> Self {
        state.sanitize();
        let views = Views::new();
        if !views.ids().iter().any(|(id, _)| *id == state.view) {
            state.view = Views::default_id().to_string();
        }
        KlApp {
            history: History::starting_at(&state.doc),
            densities_history: History::default(),
            state,
            analysis: Analysis::default(),
            panels: Panels::default(),
            views,
            platform,
            status: None,
            screen: Screen { size: egui::vec2(1280.0, 800.0), pixels_per_point: 1.0 },
            clipboard: None,
            saved: Saved::default(),
            previous_frame_seconds: None,
            logits_checked: 0,
            lesson: None,
            presenting: false,
            live_ctx: None,
            classroom: None,
            painted: None,
        }
    }

    /// Where the bars of `side` were drawn in the last frame.
    pub fn bar_layout(&self, side: Side) -> Option<BarLayout> {
        self.panels.editing.bar_layout(side)
    }

    /// Where the logit bars of `side` were drawn in the last frame (if it has logits).
    pub fn logit_layout(&self, side: Side) -> Option<panels::logit_editor::LogitLayout> {
        self.panels.editing.logit_layout(side)
    }

    /// The measures as currently shown.
    pub fn report(&self) -> &Report {
        &self.analysis.report
    }

    /// How many times the measures were computed (idle frames must not add to it).
    pub fn recomputations(&self) -> u64 {
        self.analysis.revision
    }

    /// The CPU time of the previous frame in the window, as eframe measured it.
    pub fn previous_frame_seconds(&self) -> Option<f32> {
        self.previous_frame_seconds
    }

    /// Every view's (id, title), in tab order.
    pub fn view_ids(&self) -> Vec<(&'static str, &'static str)> {
        self.views.ids()
    }

    /// Opens `lesson` at `step` (0-based): its scenario and view replace the document.
    pub fn open_lesson(&mut self, lesson: Lesson, step: usize) -> Result<(), model::errors::LessonRunError> {
        self.lesson = Some(LessonRun::start(lesson, step, &mut self.state)?);
        self.refresh_analysis();
        Ok(())
    }

    /// The long job running off the frame, if any (a lesson's pictures being drawn).
    pub fn job_progress(&self) -> Option<model::job::JobProgress> {
        self.platform.job_progress()
    }

    /// Stops the running job; nothing it did is applied.
    pub fn cancel_job(&mut self) {
        self.platform.cancel_job();
    }

    /// The lesson in progress.
    pub fn lesson(&self) -> Option<&LessonRun> {
        self.lesson.as_ref()
    }

    pub fn is_presenting(&self) -> bool {
        self.presenting
    }

    pub fn set_presenting(&mut self, on: bool) {
        self.presenting = on;
    }

    /// What a pending prediction hides right now: worked out from P and Q as they stand,
    /// by the rule in `lesson::Concealed`.
    pub fn concealed(&self) -> Concealed {
        let Some(run) = self.lesson.as_ref() else {
            return Concealed::default();
        };
        run.concealed(&self.scene())
    }

    /// P and Q as they stand, as a lesson's question is judged and concealed against:
    /// the densities' while the densities screen shows, else the discrete document's.
    pub(crate) fn scene(&self) -> Scene<'_> {
        scene_of(&self.state, &self.analysis, self.density_report())
    }

    /// The measures of the densities on screen, if the densities screen shows.
    pub fn density_report(&self) -> Option<&crate::info::density::DensityReport> {
        self.state.densities.as_ref().and_then(|doc| self.panels.densities.report_of(doc))
    }

    /// Brings the measures up to date: the discrete document's, and the densities' while
    /// the densities screen shows (what the lesson's strip, the summary and concealment read).
    fn refresh_analysis(&mut self) {
        self.analysis.refresh(&self.state.doc);
        if let Some(doc) = &self.state.densities {
            self.panels.densities.refresh(doc);
        }
    }

    /// Brings a vocabulary's order up to date, except while a bar is being dragged.
    fn refresh_order(&mut self, ctx: &egui::Context) {
        let hold = ctx.input(|i| i.pointer.any_down());
        self.analysis.refresh_order(self.state.sort, hold);
    }

    /// Keeps a logit side's logits in step with probabilities another editor changed;
    /// checked only when the probabilities changed since the last check.
    fn reconcile_logits(&mut self) {
        self.refresh_analysis();
        if self.analysis.revision != self.logits_checked {
            self.state.doc.reconcile_logits();
            self.logits_checked = self.analysis.revision;
        }
    }

    /// One frame of the live window. eframe calls it through [`eframe::App::ui`]; the
    /// frame benchmark calls it directly.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.live_ctx.get_or_insert_with(|| ctx.clone());
        theme::apply_theme(&ctx, self.state.theme);
        theme::apply_presentation_text(&ctx, self.presenting);
        self.screen = Screen { size: ctx.content_rect().size(), pixels_per_point: ctx.pixels_per_point() };
        self.state.zoom = ctx.zoom_factor();
        for command in command::pressed(&ctx, self.presenting) {
            if self.platform.offers(&command) {
                self.run(command);
            }
        }
        self.refresh_analysis();
        self.refresh_order(&ctx);
        let drawn_with = self.analysis.report.fingerprint();
        self.layout_ui(ui, Mode::Live, None);
        // The measures and the lesson strip are laid out before the editors (a side panel
        // comes before the central one): when an edit changed the numbers they show the
        // old ones, so one more frame follows to bring them up to date.
        if self.analysis.report.fingerprint() != drawn_with {
            ctx.request_repaint();
        }
        let platform = &self.platform;
        self.panels.help.ui(&ctx, self.state.unit, &|command: &Command| platform.offers(command));
        self.platform.ui(&ctx);
        if let Some(progress) = self.platform.job_progress()
            && panels::job::job_ui(&ctx, &progress)
        {
            self.platform.cancel_job();
        }
        if self.handle_platform_events() {
            ctx.request_repaint();
        }
        self.classroom_sync(&ctx);
        if let Some(output) = self.panels.model_output.ui(&ctx) {
            self.status = Some(self.use_model_output(output));
            self.refresh_analysis();
        }
        if let Some(text) = self.clipboard.take() {
            self.platform.copy_text(&ctx, text);
        }
        self.reconcile_logits();
        self.history.record(&ctx, &self.state.doc);
        self.note_painted_text(&ctx);
        if let Some(doc) = &self.state.densities {
            // A running ascent is one edit, recorded when it stops.
            let busy = ctx.input(|i| i.pointer.any_down()) || ctx.egui_wants_keyboard_input() || doc.ascending;
            self.densities_history.record_unless(busy, doc);
        }
        #[cfg(target_arch = "wasm32")]
        if self.saved != Saved::of(self) {
            // A browser tab may close without saving, and eframe saves only during a frame:
            // make sure one comes soon after each edit.
            ctx.request_repaint_after(platform::session::SAVE_EVERY + std::time::Duration::from_millis(100));
        }
    }

    /// The layout shared by the window and its pictures: top bar, editors and the view
    /// on the left, measures on the right. `view` overrides the open view (pictures of
    /// one plot). Commands asked for in a picture are ignored.
    fn layout_ui(&mut self, ui: &mut egui::Ui, mode: Mode, view: Option<&str>) {
        // One decision for the whole frame: a phone or a narrow or short window gets one
        // column that scrolls (`narrow.rs`), anything larger the desktop's columns.
        let narrow = theme::is_narrow(ui.available_size()) && !self.presenting;
        ui::column::forget_sections(ui.ctx());
        let platform = &self.platform;
        let offered = |command: &Command| platform.offers(command);
        if let Some(doc) = &self.state.densities {
            // The lesson strip, the summary and the screen judge what to hide from these.
            self.panels.densities.refresh(doc);
        }
        let (can_undo, can_redo) = match &self.state.densities {
            Some(doc) => (self.densities_history.can_undo(doc), self.densities_history.can_redo(doc)),
            None => (self.history.can_undo(&self.state.doc), self.history.can_redo(&self.state.doc)),
        };
        let bar = panels::top_bar::TopBar {
            can_undo,
            can_redo,
            status: self.status.as_ref(),
            saved: self.platform.saved_scenarios(),
            mode,
            lesson_open: self.lesson.is_some(),
            offered: &offered,
            narrow,
        };
        if !self.presenting {
            let top = egui::Panel::top("top bar").show(ui, |ui| bar.ui(ui, &mut self.state));
            if narrow {
                ui::column::note_section(ui.ctx(), ui::column::Section::TopBar, top.response.rect);
            }
            self.run_all(top.inner, mode);
        }
        if mode == Mode::Picture && !self.presenting {
            let caption = picture::caption(&self.state);
            egui::Panel::bottom("caption").show(ui, |ui| {
                ui.label(egui::RichText::new(caption).size(14.0));
            });
        }
        // A student in a room answers in the classroom's strip, in place of the lesson's.
        let student = self.classroom_student_ui(ui, mode);
        if narrow {
            self.classroom_teacher_ui(ui, mode);
            self.narrow_ui(ui, mode, view);
            return;
        }
        if !student {
            self.lesson_strip_ui(ui, mode);
        }
        // After the strip, which starts the frame's list of buttons a page can find.
        self.classroom_teacher_ui(ui, mode);
        if self.state.densities.is_some() {
            self.densities_ui(ui, mode);
            return;
        }
        if self.presenting {
            self.presentation_ui(ui, mode, view);
            return;
        }
        // The measures keep a readable width; everything else goes to the editors and
        // the view, split by a line the user can drag.
        let width = ui.available_width();
        egui::Panel::right("measures")
            .resizable(true)
            .default_size((width * 0.3).clamp(280.0, 440.0))
            .size_range(260.0..=(width * 0.45).max(260.0))
            .show(ui, |ui| self.measures_ui(ui, mode));
        egui::CentralPanel::default().show(ui, |ui| self.editing_ui(ui, mode, view));
    }

    /// The densities screen in place of the editors, the views and the measures.
    fn densities_ui(&mut self, ui: &mut egui::Ui, mode: Mode) {
        egui::CentralPanel::default().show(ui, |ui| self.densities_in_ui(ui, mode, false));
    }

    /// The densities screen's contents, in the space `ui` gives; `narrow`: one column.
    fn densities_in_ui(&mut self, ui: &mut egui::Ui, mode: Mode, narrow: bool) {
        // The lesson strip may have opened another step since the frame began.
        if let Some(doc) = &self.state.densities {
            self.panels.densities.refresh(doc);
        }
        let concealed = self.concealed();
        let Some(doc) = self.state.densities.as_mut() else {
            return;
        };
        let input = panels::densities::ScreenInput {
            unit: self.state.unit,
            mode,
            concealed: &concealed,
            presenting: self.presenting,
            title: (self.presenting && self.lesson.is_none()).then(|| doc.scenario.title.clone()),
            narrow,
        };
        let before = (!concealed.is_empty()).then(|| (doc.p().clone(), doc.q().clone()));
        let action = self.panels.densities.ui(ui, doc, &input);
        if before.is_some_and(|(p, q)| (&p, &q) != (doc.p(), doc.q())) {
            // What is hidden was worked out from the densities before the edit: once more.
            ui.ctx().request_repaint();
        }
        match (action, mode) {
            (Some(panels::densities::DensitiesAction::OpenDiscrete(scenario)), Mode::Live) => {
                self.status = Some(match self.state.open_scenario(&scenario) {
                    Ok(()) => Status::info(format!("Opened {} as a discrete scenario", scenario.title)),
                    Err(e) => Status::error(e.message(&scenario.id)),
                });
                self.refresh_analysis();
            }
            (Some(panels::densities::DensitiesAction::OpenEncodings), Mode::Live) => {
                self.platform.open_encodings();
                self.handle_platform_events();
            }
            _ => {}
        }
    }

    /// Editors, the outcome strip, the tabs and the view, split by a line the user can
    /// drag.
    fn editing_ui(&mut self, ui: &mut egui::Ui, mode: Mode, view: Option<&str>) {
        let height = ui.available_height();
        // Few outcomes stand side by side and need less height: the view gets the rest. Each
        // arrangement keeps its own size, so a size dragged for one does not squeeze the other.
        let beside = panels::editing::side_by_side(ui.available_width(), self.state.doc.len(), true);
        let (id, share) = if beside { ("editors beside", 0.36) } else { ("editors", 0.5) };
        egui::Panel::top(id)
            .resizable(mode == Mode::Live)
            .default_size((height * share).max(200.0))
            .size_range(160.0..=(height * 0.8).max(160.0))
            .show(ui, |ui| {
                let commands = self.panels.editing.ui(ui, &mut self.state, &self.analysis, true);
                self.run_all(commands, mode);
                // A panel shrinks to what it holds: fill it, so its size stays the user's.
                ui.add_space(ui.available_height().max(0.0));
            });
        self.views.tabs_ui(ui, &mut self.state.view);
        self.view_ui(ui, mode, view);
    }

    /// The open view (or `view`, for a picture of one plot).
    fn view_ui(&mut self, ui: &mut egui::Ui, mode: Mode, view: Option<&str>) {
        let id = view.unwrap_or(&self.state.view).to_string();
        let concealed = self.concealed();
        let input = ViewInput { state: &self.state, analysis: &self.analysis, mode, concealed: &concealed };
        let command = self.views.view_ui(ui, &id, &input);
        self.run_all(command, mode);
    }

    /// The lesson's strip under the top bar: the step, its text and its task.
    fn lesson_strip_ui(&mut self, ui: &mut egui::Ui, mode: Mode) {
        let Some(run) = self.lesson.as_mut() else {
            return;
        };
        let densities = self.state.densities.as_ref().and_then(|doc| self.panels.densities.report_of(doc));
        let scene = scene_of(&self.state, &self.analysis, densities);
        let goal = run.goal_status(&self.state, &self.analysis.report);
        let strip = egui::Panel::top("lesson step")
            .frame(egui::Frame::side_top_panel(ui.style()).fill(theme::lesson_background(ui)))
            .show(ui, |ui| panels::lesson_step::lesson_step_ui(ui, run, &scene, goal, mode, false));
        picture::note_lesson_strip(ui, strip.response.rect);
        let action = strip.inner;
        if let (Some(action), Mode::Live) = (action, mode) {
            self.lesson_action(action);
        }
    }

    /// The lesson's step in the one-column page: in place, at the top of the column, with
    /// buttons a finger can tap. Returns where it was drawn.
    fn lesson_in_column_ui(&mut self, ui: &mut egui::Ui, mode: Mode) -> Option<egui::Rect> {
        let run = self.lesson.as_mut()?;
        let densities = self.state.densities.as_ref().and_then(|doc| self.panels.densities.report_of(doc));
        let scene = scene_of(&self.state, &self.analysis, densities);
        let goal = run.goal_status(&self.state, &self.analysis.report);
        let frame = egui::Frame::side_top_panel(ui.style()).fill(theme::lesson_background(ui));
        let width = ui.available_width();
        // While a finger or the mouse is down the strip keeps its height, so the bars under
        // it stay under the finger when the step's words change with the numbers.
        let kept_id = egui::Id::unique("lesson strip height in the column");
        let held = ui.input(|i| i.pointer.any_down());
        let kept = if held { ui.ctx().data(|data| data.get_temp::<f32>(kept_id)) } else { None };
        let room = ui.available_rect_before_wrap();
        let place = match kept {
            Some(height) => egui::Rect::from_min_size(room.min, egui::vec2(width, height)),
            None => room,
        };
        let mut strip_ui = ui.new_child(egui::UiBuilder::new().id_salt("lesson strip").max_rect(place));
        if kept.is_some() {
            strip_ui.set_clip_rect(place.intersect(ui.clip_rect()));
        }
        let action = frame
            .show(&mut strip_ui, |ui| {
                ui.set_width(ui.available_width());
                panels::lesson_step::lesson_step_ui(ui, run, &scene, goal, mode, true)
            })
            .inner;
        let rect = match kept {
            Some(_) => place,
            None => strip_ui.min_rect(),
        };
        if kept.is_none() {
            ui.ctx().data_mut(|data| data.insert_temp(kept_id, rect.height()));
        }
        ui.allocate_rect(rect, egui::Sense::hover());
        picture::note_lesson_strip(ui, rect);
        if let (Some(action), Mode::Live) = (action, mode) {
            self.lesson_action(action);
        }
        Some(rect)
    }

    fn measures_ui(&mut self, ui: &mut egui::Ui, mode: Mode) {
        egui::ScrollArea::vertical().show(ui, |ui| self.measures_column_ui(ui, mode, false));
    }

    /// The measures panel's contents, top to bottom; the scenario's words (for an author)
    /// come first, or with `words_last` (a phone's column, where a student reads the
    /// numbers first) last.
    fn measures_column_ui(&mut self, ui: &mut egui::Ui, mode: Mode, words_last: bool) {
        if mode == Mode::Live && !words_last {
            panels::scenario_text::scenario_text_ui(ui, &mut self.state.doc);
        }
        panels::measures::heading_ui(ui, self.state.unit);
        if self.state.doc.focus.p_alone() {
            // P alone: its entropy; nothing that needs Q.
            let concealed = self.concealed();
            panels::measures::metrics_ui(ui, &self.state, &self.analysis, &concealed, &panels::measures::P_ALONE);
            if mode == Mode::Live && words_last {
                ui.separator();
                panels::scenario_text::scenario_text_ui(ui, &mut self.state.doc);
            }
            return;
        }
        // The zero rule comes first, so that every number below already uses it.
        if panels::measures::zero_rule_ui(ui, &mut self.state) {
            self.refresh_analysis();
            // The plots on the left were drawn with the old rule: draw again.
            ui.ctx().request_repaint();
        }
        let concealed = self.concealed();
        let rows = panels::measures::rows(self.state.family_pair);
        panels::measures::metrics_ui(ui, &self.state, &self.analysis, &concealed, &rows);
        if mode == Mode::Live {
            panels::measures::family_pair_ui(ui, &mut self.state.family_pair);
        }
        ui.separator();
        panels::identity::identity_ui(ui, &self.state, &self.analysis, &concealed);
        if mode == Mode::Live && words_last {
            ui.separator();
            panels::scenario_text::scenario_text_ui(ui, &mut self.state.doc);
        }
    }

    /// Carries out commands asked for while drawing (live only), and brings the measures
    /// up to date for what is drawn next.
    fn run_all<A: Into<edit::Action>>(&mut self, actions: impl IntoIterator<Item = A>, mode: Mode) {
        if mode == Mode::Live {
            for action in actions {
                self.act(action.into());
            }
        }
        self.refresh_analysis();
    }

    /// Draws the app off screen at `logical` size and `scale` pixels per point, with the
    /// caption, cropped to `target`, and encodes it. The live window is not touched.
    pub fn draw_picture(&mut self, logical: egui::Vec2, scale: f32, target: Target) -> Result<Picture, PictureError> {
        let drawn = self.lay_out_picture(logical, scale, target)?;
        drawn.finish(|ctx, output| self.platform.render(ctx, output))
    }

    /// The egui pass of a picture, laid out but not yet turned into pixels (see
    /// [`KlApp::draw_picture`]); a platform may render it off the frame.
    pub fn lay_out_picture(
        &mut self,
        logical: egui::Vec2,
        scale: f32,
        target: Target,
    ) -> Result<picture::DrawnPicture, PictureError> {
        let ctx = egui::Context::default();
        theme::apply_text_sizes(&ctx);
        theme::apply_theme(&ctx, self.state.theme);
        theme::apply_presentation_text(&ctx, self.presenting);
        ui::print::set_printing(&ctx, target == Target::UnderLessonStrip);
        let view = target.view(&self.state.view).to_string();
        self.refresh_analysis();
        self.analysis.refresh_order(self.state.sort, false);
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, logical);
        let mut output: Option<egui::FullOutput> = None;
        // A few passes: the first loads fonts and applies the theme, later ones lay out
        // with the final sizes. Texture updates of every pass are kept for the renderer.
        for pass in 0..3 {
            let mut input =
                egui::RawInput { screen_rect: Some(screen), time: Some(pass as f64 * 0.1), ..Default::default() };
            input.viewports.entry(egui::ViewportId::ROOT).or_default().native_pixels_per_point = Some(scale);
            let next = ctx.run_ui(input, |ui| self.layout_ui(ui, Mode::Picture, Some(&view)));
            output = Some(match output.take() {
                Some(mut earlier) => {
                    earlier.textures_delta.append(next.textures_delta);
                    egui::FullOutput { textures_delta: earlier.textures_delta, ..next }
                }
                None => next,
            });
        }
        let Some(output) = output else {
            return Err(PictureError::Encode("nothing was drawn".into()));
        };
        let pixels_per_point = output.pixels_per_point;
        let name = picture::file_name(&self.state.doc.id, target, chrono::Local::now());
        Ok(picture::DrawnPicture { ctx, output, pixels_per_point, target, name })
    }
}

impl eframe::App for KlApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.previous_frame_seconds = frame.info().cpu_usage;
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        platform::session::store(storage, &self.state);
        self.saved = Saved::of(self);
    }

    /// In a browser a closed tab may not get to save, so the session is saved soon after
    /// every edit (see `frame_ui`).
    #[cfg(target_arch = "wasm32")]
    fn auto_save_interval(&self) -> std::time::Duration {
        platform::session::SAVE_EVERY
    }

    /// Lets the page reach the app (`WebHandle::state`).
    #[cfg(target_arch = "wasm32")]
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(&mut *self)
    }
}

/// P and Q of `state` as they stand (see [`KlApp::scene`]), or the densities' measures
/// when given; apart from the app, so that a lesson borrowed for change can be judged
/// against it.
fn scene_of<'a>(
    state: &'a model::state::AppState,
    analysis: &'a model::analysis::Analysis,
    densities: Option<&'a crate::info::density::DensityReport>,
) -> Scene<'a> {
    if let Some(report) = densities {
        return Scene::densities(report, state.unit);
    }
    let doc = &state.doc;
    Scene::discrete(doc.labels(), &analysis.p, &analysis.q, &analysis.report, state.unit)
        .at_positions(doc.positions.as_deref())
}
