//! Starting the desktop app from the command line: a window, or a picture of the app made
//! without one. Arguments change only what they name; the rest of the stored session
//! stays.

use eframe::egui;
use std::path::{Path, PathBuf};

use super::write_picture;
use crate::app::lesson_export::{ExportedFile, LessonExportError};
use crate::app::model::errors::LessonRunError;
use crate::app::model::state::{AppState, ThemeChoice};
use crate::app::picture::PictureError;
use crate::app::picture::Target;
use crate::app::platform::PlatformError;
use crate::app::{KlApp, Status};
use crate::info::DistributionError;
use crate::info::{Unit, ZeroRule};
use crate::lesson::Lesson;
use crate::scenario::Scenario;

/// Why the app could not start as asked, or its picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    #[error("{0}")]
    Lesson(#[from] LessonRunError),
    #[error("{}", .0.message("scenario"))]
    Scenario(DistributionError),
    /// eframe's own words, without its prefix.
    #[error("cannot open the window: {0}")]
    Window(String),
    #[error("cannot make the screenshot: {0}")]
    Picture(#[from] PictureError),
    #[error("{0}")]
    Write(#[from] PlatformError),
    #[error("{0}")]
    Export(#[from] LessonExportError),
}

/// What the command line asks to change about the starting state, checked before
/// anything opens.
#[derive(Debug, Default)]
pub struct Launch {
    /// A scenario to open, and the file it came from (Ctrl+S writes back there).
    pub scenario: Option<(Scenario, Option<PathBuf>)>,
    /// A densities scenario to open instead (the densities screen).
    pub densities: Option<crate::scenario::DensitiesScenario>,
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
    fn apply(self, app: &mut KlApp) -> Result<(), LaunchError> {
        if let Some((lesson, step)) = self.lesson {
            app.open_lesson(lesson, step)?;
        }
        app.set_presenting(self.present);
        let state = &mut app.state;
        if let Some(view) = self.view {
            state.view = view;
        }
        if let Some((scenario, file)) = self.scenario {
            state.open_scenario(&scenario).map_err(LaunchError::Scenario)?;
            state.doc.file = file;
        }
        if let Some(densities) = self.densities {
            state.open_densities(densities);
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
pub fn open_window(launch: Launch) -> Result<(), LaunchError> {
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
        if let Err(e) = launch.apply(&mut app) {
            app.status = Some(Status::error(e.to_string()));
        }
        Ok(Box::new(app) as Box<dyn eframe::App>)
    });
    eframe::run_native("klscope", options, create).map_err(|e| LaunchError::Window(e.to_string()))
}

/// Draws the app on the default session at `size` (logical points) and `scale` pixels per
/// point and writes the PNG to `out`; returns its size in pixels.
pub fn screenshot(launch: Launch, out: &Path, size: (u32, u32), scale: f32) -> Result<(u32, u32), LaunchError> {
    let mut app = KlApp::with_state(AppState::default());
    launch.apply(&mut app)?;
    let logical = egui::vec2(size.0 as f32, size.1 as f32);
    let picture = app.draw_picture(logical, scale, Target::Window)?;
    write_picture(&picture, out)?;
    Ok((picture.width, picture.height))
}

/// Every step of the launch's lesson drawn at `size` and `scale`, and the two handouts.
/// `progress(steps drawn, steps)` is called after each step.
pub fn lesson_files(
    launch: Launch,
    size: (u32, u32),
    scale: f32,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<ExportedFile>, LaunchError> {
    let mut app = KlApp::with_state(AppState::default());
    launch.apply(&mut app)?;
    Ok(app.lesson_files_with(egui::vec2(size.0 as f32, size.1 as f32), scale, progress)?)
}
