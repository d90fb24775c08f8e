//! Pictures for a whole lesson: every step in presentation mode (the prompt on the
//! picture), a second picture with the answer where the step asks something, and a
//! handout page that holds them all. The lesson and the document are as before after.

use eframe::egui;

use super::model::errors::LessonRunError;
use super::picture::{PictureError, Target};
use super::{KlApp, Status};
use crate::export::handout::{HandoutStep, handout_html};
use crate::lesson::Task;

/// A file of a lesson's export: its name and bytes.
pub type ExportedFile = (String, Vec<u8>);

/// The name of step `number`'s picture: "step-01.png", or "step-01-answer.png".
pub fn step_picture_name(number: usize, answer: bool) -> String {
    if answer { format!("step-{number:02}-answer.png") } else { format!("step-{number:02}.png") }
}

/// Why a lesson's pictures could not be made; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum LessonExportError {
    #[error("no lesson is open: open one from the Lessons menu first")]
    NoLesson,
    #[error("{0}")]
    Step(#[from] LessonRunError),
    #[error("step {step}: cannot draw the picture: {error}")]
    Picture { step: usize, error: PictureError },
}

impl KlApp {
    /// Every step of the open lesson drawn at `logical` size and `scale`, and
    /// `handout.html` last.
    pub fn lesson_files(&mut self, logical: egui::Vec2, scale: f32) -> Result<Vec<ExportedFile>, LessonExportError> {
        let Some(before) = self.lesson.clone() else {
            return Err(LessonExportError::NoLesson);
        };
        let (doc, view, presenting) = (self.state.doc.clone(), self.state.view.clone(), self.presenting);
        self.presenting = true;
        let drawn = self.draw_every_step(logical, scale);
        // Back to where the teacher was, edits included.
        self.lesson = Some(before);
        self.state.doc = doc;
        self.state.view = view;
        self.presenting = presenting;
        self.refresh_analysis();
        drawn
    }

    fn draw_every_step(&mut self, logical: egui::Vec2, scale: f32) -> Result<Vec<ExportedFile>, LessonExportError> {
        let mut files = Vec::new();
        let mut pages: Vec<(usize, String, Option<String>, Vec<usize>)> = Vec::new();
        let steps = self.lesson.as_ref().map_or(0, |run| run.len());
        for index in 0..steps {
            let number = index + 1;
            let Some(run) = self.lesson.as_mut() else { break };
            run.go_to(index, &mut self.state)?;
            run.ask_again();
            let step = run.step().cloned();
            let asks = matches!(run.task(), Some(Task::Predict(_)));
            let mut shown = Vec::new();
            for answer in [false, true] {
                if answer && !asks {
                    break;
                }
                if answer && let Some(run) = self.lesson.as_mut() {
                    run.reveal();
                }
                let picture = self
                    .draw_picture(logical, scale, Target::Window)
                    .map_err(|error| LessonExportError::Picture { step: number, error })?;
                shown.push(files.len());
                files.push((step_picture_name(number, answer), picture.png));
            }
            let task = step.as_ref().and_then(|s| s.task.as_ref()).map(|task| match task {
                Task::Predict(prediction) => prediction.question(),
                Task::Goal(goal) => goal.describe(),
            });
            pages.push((number, step.map(|s| s.text).unwrap_or_default(), task, shown));
        }
        let title = self.lesson.as_ref().map(|run| run.lesson.title.clone()).unwrap_or_default();
        let handout_steps: Vec<HandoutStep<'_>> = pages
            .iter()
            .map(|(number, text, task, shown)| HandoutStep {
                number: *number,
                text,
                task: task.clone(),
                pictures: shown.iter().filter_map(|&i| files.get(i)).map(|(_, png)| png.as_slice()).collect(),
            })
            .collect();
        let html = handout_html(&title, &handout_steps);
        files.push(("handout.html".to_string(), html.into_bytes()));
        Ok(files)
    }

    /// The File menu's export: the window's size times the chosen density, handed to the
    /// platform to write into a folder of its own.
    pub(super) fn export_lesson(&mut self) {
        let scale = f32::from(self.state.export_scale) * self.screen.pixels_per_point;
        let folder = self.lesson.as_ref().map(|run| run.lesson.id.clone()).unwrap_or_default();
        match self.lesson_files(self.screen.size, scale) {
            Ok(files) => self.platform.export_files(&folder, files),
            Err(e) => self.status = Some(Status::error(format!("Export failed: {e}"))),
        }
    }

    /// Opens the built-in lesson at `index` of the catalogue, at its first step.
    pub(super) fn open_builtin_lesson(&mut self, index: usize) {
        let Some(lesson) = crate::lesson::builtin_lessons().get(index).cloned() else {
            return;
        };
        if let Err(e) = self.open_lesson(lesson, 0) {
            self.status = Some(Status::error(e.to_string()));
        }
    }
}
