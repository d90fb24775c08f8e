//! Lessons: a title and an ordered list of steps, each a scenario, the view to show, the
//! text to say and optionally one task — a prediction the student commits to before the
//! numbers appear, or a goal checked live while they drag. No egui, no I/O here beyond
//! reading the lesson file itself (see `load`).
//!
//! `format` is the file's shape, `load` reads and checks it (`locate` finds a step in the
//! text for errors, `check` judges a task against its scenario), `catalog` holds the
//! built-in lessons (`lessons/*.ron`), `conceal` what a pending question hides.

mod asked;
mod catalog;
mod check;
mod conceal;
mod error;
mod format;
mod load;
mod locate;
pub mod task;

pub use asked::{Asked, BEYOND_MEASURES, asked_named};
pub use catalog::{builtin_lesson_ids, builtin_lessons, find_builtin_lesson, resolve_lesson};
pub use conceal::{Concealed, identity_partners};
pub use error::{LessonError, LessonProblem, Place, StepProblem};
pub use format::measure_named;
#[cfg(not(target_arch = "wasm32"))]
pub use load::load;
pub use task::{Answer, Choice, Goal, GoalStatus, Prediction, Relation, Scene, Task, Verdict};

use crate::scenario::Scenario;

/// The views a step may name, as in the app's tabs (a test checks this matches the
/// app's registry).
pub const VIEW_IDS: &[&str] = &[
    "plots",
    "table",
    "coding",
    "fit",
    "sampling",
    "libraries",
    "temperature",
    "distillation",
    "simplex",
    "divergences",
];

/// The most outcomes a TopContributor prediction may offer: one button each.
pub const MAX_CHOICE_OUTCOMES: usize = 12;

/// The most outcomes a lesson's steps may hold in all: each step keeps its own scenario,
/// so this bounds the memory a lesson takes (twenty steps of the 50,000-token preset fit).
pub const MAX_LESSON_OUTCOMES: usize = 1_000_000;

/// A lesson, every step's scenario resolved and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The built-in id, or the file's stem.
    pub id: String,
    pub title: String,
    pub steps: Vec<Step>,
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub scenario: Scenario,
    /// One of [`VIEW_IDS`].
    pub view: String,
    /// What the teacher says: one or two sentences.
    pub text: String,
    pub task: Option<Task>,
}
