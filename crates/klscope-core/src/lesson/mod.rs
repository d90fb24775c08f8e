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
mod scene;
pub mod task;

pub use asked::{Asked, BEYOND_MEASURES, asked_named};
pub use catalog::{builtin_lesson_ids, builtin_lessons, find_builtin_lesson, resolve_lesson};
pub use conceal::{Concealed, identity_partners};
pub use error::{LessonError, LessonProblem, Place, StepProblem};
pub use format::measure_named;
#[cfg(not(target_arch = "wasm32"))]
pub use load::load;
pub use scene::{Scene, SceneMeasures};
pub use task::{Answer, Choice, Goal, GoalStatus, Prediction, Relation, Task, Verdict};

use crate::scenario::{AnyScenario, DensitiesScenario, Scenario};

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
    /// Discrete P and Q, or two densities (the app shows its densities screen for those,
    /// whatever the view).
    pub scenario: AnyScenario,
    /// One of [`VIEW_IDS`]: the view a discrete step opens (a densities step keeps it for
    /// when the student opens its bins as discrete).
    pub view: String,
    /// What the teacher says: one or two sentences.
    pub text: String,
    pub task: Option<Task>,
}

impl Step {
    /// The step's discrete scenario, if it is not about densities.
    pub fn discrete(&self) -> Option<&Scenario> {
        match &self.scenario {
            AnyScenario::Discrete(s) => Some(s),
            AnyScenario::Densities(_) => None,
        }
    }

    /// The outcomes' names (none for densities).
    pub fn labels(&self) -> &[String] {
        self.discrete().map_or(&[], |s| &s.labels)
    }

    /// The step's densities, if it is about them.
    pub fn densities(&self) -> Option<&DensitiesScenario> {
        match &self.scenario {
            AnyScenario::Discrete(_) => None,
            AnyScenario::Densities(s) => Some(s),
        }
    }
}
