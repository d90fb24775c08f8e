//! Pictures for a whole lesson: every step in presentation mode (the prompt on the
//! picture), a second picture with the answer where the step asks something, and two
//! handouts for paper, the students' (no answers) and the teacher's (with them). The lesson and the document are as before after.
//! From the File menu the pictures are drawn by a job, off the frame, on a copy of the app.

use eframe::egui;

use super::model::errors::LessonRunError;
use super::model::lesson_run::LessonRun;
use super::model::state::AppState;
use super::model::state::ThemeChoice;
use super::picture::{PictureError, Target};
use super::platform::Event;
use super::platform::jobs::{Job, MakeJob, Piece};
use super::{KlApp, Status};
use crate::export::handout::{Audience, HandoutStep, HandoutTask, handout_html};
use crate::lesson::{Prediction, Task};

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
    #[error("cancelled: nothing was written")]
    Cancelled,
}

/// The lesson export as a job: a copy of the app (the teacher's window is not touched)
/// that draws one step per piece, then the handout; its result is the files to write.
struct LessonExportJob {
    app: KlApp,
    logical: egui::Vec2,
    scale: f32,
    next: usize,
    pictures: LessonPictures,
    folder: String,
}

impl LessonExportJob {
    fn new(state: AppState, run: LessonRun, logical: egui::Vec2, scale: f32) -> Self {
        let folder = run.lesson.id.clone();
        let mut app = KlApp::for_pictures(state);
        app.lesson = Some(run);
        LessonExportJob { app, logical, scale, next: 0, pictures: LessonPictures::default(), folder }
    }
}

impl Job for LessonExportJob {
    fn next_piece(&mut self) -> Piece {
        let steps = self.app.lesson.as_ref().map_or(0, |run| run.len());
        if self.next < steps {
            let drawn = self.app.draw_lesson_step(self.next, self.logical, self.scale, &mut self.pictures);
            if let Err(e) = drawn {
                return Piece::Done(Event::Status(Status::error(format!("Export failed: {e}"))));
            }
            self.next += 1;
            return Piece::Working(self.next as f32 / (steps as f32 + 1.0));
        }
        let files = self.app.handout(std::mem::take(&mut self.pictures));
        Piece::Done(Event::LessonFiles { folder: std::mem::take(&mut self.folder), files })
    }
}

/// One step's words and task, and which of the files drawn are its pictures.
struct Page {
    number: usize,
    text: String,
    task: Option<HandoutTask>,
    /// The handout's pictures (light, under the lesson's strip): as asked, and answered.
    picture: Vec<u8>,
    answered: Option<Vec<u8>>,
}

/// A lesson's pictures as they are drawn, a step at a time: what `lesson_files` makes in
/// one go, and what the export job makes a piece at a time off the frame.
#[derive(Default)]
pub struct LessonPictures {
    files: Vec<ExportedFile>,
    pages: Vec<Page>,
}

impl KlApp {
    /// Every step of the open lesson drawn at `logical` size and `scale`, and the two
    /// handouts last. The lesson and the document are as before after.
    pub fn lesson_files(&mut self, logical: egui::Vec2, scale: f32) -> Result<Vec<ExportedFile>, LessonExportError> {
        self.lesson_files_with(logical, scale, &mut |_, _| true)
    }

    /// The same, calling `progress(steps drawn, steps)` after each step; stops with
    /// [`LessonExportError::Cancelled`] when it returns false.
    pub fn lesson_files_with(
        &mut self,
        logical: egui::Vec2,
        scale: f32,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<Vec<ExportedFile>, LessonExportError> {
        let Some(before) = self.lesson.clone() else {
            return Err(LessonExportError::NoLesson);
        };
        let (doc, densities, view, presenting) =
            (self.state.doc.clone(), self.state.densities.clone(), self.state.view.clone(), self.presenting);
        let steps = before.len();
        let mut pictures = LessonPictures::default();
        let mut drawn = Ok(());
        for index in 0..steps {
            drawn = self.draw_lesson_step(index, logical, scale, &mut pictures);
            if drawn.is_ok() && !progress(index + 1, steps) {
                drawn = Err(LessonExportError::Cancelled);
            }
            if drawn.is_err() {
                break;
            }
        }
        // Back to where the teacher was, edits included.
        self.lesson = Some(before);
        self.state.doc = doc;
        self.state.densities = densities;
        self.state.view = view;
        self.presenting = presenting;
        self.refresh_analysis();
        drawn.map(|()| self.handout(pictures))
    }

    /// Draws step `index` of the open lesson in presentation mode (and, where it asks
    /// something, again with the answer) into `pictures`: the slides in the chosen theme,
    /// and for the handouts the same without the lesson's strip, in the light theme.
    fn draw_lesson_step(
        &mut self,
        index: usize,
        logical: egui::Vec2,
        scale: f32,
        pictures: &mut LessonPictures,
    ) -> Result<(), LessonExportError> {
        let number = index + 1;
        self.presenting = true;
        let Some(run) = self.lesson.as_mut() else {
            return Err(LessonExportError::NoLesson);
        };
        run.go_to(index, &mut self.state)?;
        run.ask_again();
        let step = run.step().cloned();
        let asks = matches!(run.task(), Some(Task::Predict(_)));
        let slide_theme = self.state.theme;
        let mut handout_pictures = Vec::new();
        for answer in [false, true] {
            if answer && !asks {
                break;
            }
            if answer && let Some(run) = self.lesson.as_mut() {
                run.reveal();
            }
            let failed = |error| LessonExportError::Picture { step: number, error };
            let slide = self.draw_picture(logical, scale, Target::Window).map_err(failed)?;
            pictures.files.push((step_picture_name(number, answer), slide.png));
            self.state.theme = ThemeChoice::Light;
            let printed = self.draw_picture(logical, scale, Target::UnderLessonStrip);
            self.state.theme = slide_theme;
            handout_pictures.push(printed.map_err(failed)?.png);
        }
        let task = step.as_ref().and_then(|s| s.task.as_ref()).map(|task| match task {
            Task::Predict(prediction) => self.question(prediction),
            Task::Goal(goal) => HandoutTask::Goal(goal.describe()),
        });
        let mut handout_pictures = handout_pictures.into_iter();
        let picture = handout_pictures.next().unwrap_or_default();
        let answered = handout_pictures.next();
        pictures.pages.push(Page { number, text: step.map(|s| s.text).unwrap_or_default(), task, picture, answered });
        Ok(())
    }

    /// A prediction as the handouts print it: its question, the choices to tick, and
    /// the answer with why (judged as the step stands, its answer revealed).
    fn question(&self, prediction: &Prediction) -> HandoutTask {
        let scene = self.scene();
        let labels = scene.labels();
        let verdict = prediction.judge(None, &scene);
        let choices = prediction.choices(labels).into_iter().map(|c| Prediction::choice_text(c, labels)).collect();
        HandoutTask::Question {
            question: prediction.question(),
            choices,
            answer: verdict.right_answer,
            why: verdict.why,
        }
    }

    /// The slides drawn, then the students' and the teacher's handouts, last.
    fn handout(&self, pictures: LessonPictures) -> Vec<ExportedFile> {
        let LessonPictures { mut files, pages } = pictures;
        let title = self.lesson.as_ref().map(|run| run.lesson.title.clone()).unwrap_or_default();
        let handout_steps: Vec<HandoutStep<'_>> = pages
            .iter()
            .map(|page| HandoutStep {
                number: page.number,
                text: &page.text,
                task: page.task.clone(),
                picture: &page.picture,
                answered: page.answered.as_deref(),
            })
            .collect();
        for audience in [Audience::Student, Audience::Teacher] {
            let html = handout_html(&title, &handout_steps, audience);
            files.push((audience.file_name().to_string(), html.into_bytes()));
        }
        files
    }

    /// The File menu's export: the window's size times the chosen density, drawn off the
    /// frame (with progress and Cancel), then handed to the platform to write into a
    /// folder of its own.
    pub(super) fn export_lesson(&mut self) {
        let Some(run) = self.lesson.clone() else {
            self.status = Some(Status::error(format!("Export failed: {}", LessonExportError::NoLesson)));
            return;
        };
        let scale = f32::from(self.state.export_scale) * self.screen.pixels_per_point;
        let (state, logical) = (self.state.clone(), self.screen.size);
        let make: MakeJob =
            Box::new(move || Box::new(LessonExportJob::new(state, run, logical, scale)) as Box<dyn Job>);
        let ctx = self.live_ctx.clone().unwrap_or_default();
        self.platform.start_job(&ctx, "Drawing the lesson's pictures".to_string(), make);
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
