//! Starting the desktop app from the command line: a window, or a picture of the app made
//! without one. Arguments change only what they name; the rest of the stored session
//! stays.

use eframe::egui;
use std::path::{Path, PathBuf};

use super::write_picture;
use crate::app::lesson_export::ExportedFile;
use crate::app::picture::Target;
use crate::app::state::{AppState, ThemeChoice};
use crate::app::{KlApp, Status};
use crate::info::{Unit, ZeroRule};
use crate::lesson::Lesson;
use crate::scenario::Scenario;

/// What the command line asks to change about the starting state, checked before
/// anything opens.
#[derive(Debug, Default)]
pub struct Launch {
    /// A scenario to open, and the file it came from (Ctrl+S writes back there).
    pub scenario: Option<(Scenario, Option<PathBuf>)>,
    /// The zero rule a share link brings with its scenario.
    pub zero_rule: Option<ZeroRule>,
    pub theme: Option<ThemeChoice>,
    pub unit: Option<Unit>,
    /// A lesson to walk through, and the step to start at (0-based).
    pub lesson: Option<(Lesson, usize)>,
    /// Start in presentation mode.
    pub present: bool,
    /// The view to show (after the lesson's step has chosen its own).
    pub view: Option<String>,
}

impl Launch {
    fn apply(self, app: &mut KlApp) -> Result<(), String> {
        if let Some((lesson, step)) = self.lesson {
            app.open_lesson(lesson, step)?;
        }
        app.set_presenting(self.present);
        let state = &mut app.state;
        if let Some(view) = self.view {
            state.view = view;
        }
        if let Some((scenario, file)) = self.scenario {
            state.open_scenario(&scenario).map_err(|e| e.message("scenario"))?;
            state.doc.file = file;
        }
        if let Some(rule) = self.zero_rule {
            state.doc.zero_rule = rule;
        }
        if let Some(theme) = self.theme {
            state.theme = theme;
        }
        if let Some(unit) = self.unit {
            state.unit = unit;
        }
        Ok(())
    }
}

/// Opens the window and returns when it closes.
pub fn open_window(launch: Launch) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("klscope")
            .with_app_id("klscope")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 560.0]),
        ..Default::default()
    };
    let create = Box::new(|cc: &eframe::CreationContext<'_>| {
        let mut app = KlApp::new(cc);
        if let Err(message) = launch.apply(&mut app) {
            app.status = Some(Status::error(message));
        }
        Ok(Box::new(app) as Box<dyn eframe::App>)
    });
    eframe::run_native("klscope", options, create).map_err(|e| format!("cannot open the window: {e}"))
}

/// Draws the app on the default session at `size` (logical points) and `scale` pixels per
/// point and writes the PNG to `out`; returns its size in pixels.
pub fn screenshot(launch: Launch, out: &Path, size: (u32, u32), scale: f32) -> Result<(u32, u32), String> {
    let mut app = KlApp::with_state(AppState::default());
    launch.apply(&mut app)?;
    let logical = egui::vec2(size.0 as f32, size.1 as f32);
    let picture =
        app.draw_picture(logical, scale, Target::Window).map_err(|e| format!("cannot make the screenshot: {e}"))?;
    write_picture(&picture, out)?;
    Ok((picture.width, picture.height))
}

/// Every step of the launch's lesson drawn at `size` and `scale`, and the handout page.
pub fn lesson_files(launch: Launch, size: (u32, u32), scale: f32) -> Result<Vec<ExportedFile>, String> {
    let mut app = KlApp::with_state(AppState::default());
    launch.apply(&mut app)?;
    app.lesson_files(egui::vec2(size.0 as f32, size.1 as f32), scale)
}
