//! Lessons: a title and an ordered list of steps, each a scenario, the view to show, the
//! text to say and optionally one task — a prediction the student commits to before the
//! numbers appear, or a goal checked live while they drag. No egui, no I/O here beyond
//! reading the lesson file itself (see `load`).

pub mod task;

pub use task::{Answer, Choice, Concealed, Goal, GoalStatus, Prediction, Relation, Scene, Task, Verdict};

use crate::scenario::Scenario;

/// The views a step may name, as in the app's tabs (a test checks this matches the
/// app's registry).
pub const VIEW_IDS: &[&str] =
    &["plots", "table", "coding", "fit", "sampling", "libraries", "temperature", "distillation", "simplex"];

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
