//! Everything that can go wrong with a lesson file. Every message names the file; a
//! syntax error gives `line:column`; a problem in a step gives "step N" (1-based) and,
//! where the step can be found in the text, its `line:column`.

use crate::scenario::ScenarioError;
use crate::text::{escape, quote, quote_to};
use std::fmt;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LessonError {
    /// The text is not a lesson: ron's message at the spot, and the step it is in when
    /// that can be told.
    #[error("{}:{line}:{column}: {}{}", escape(origin), in_step(*.step), quote_to(message, 160))]
    Syntax { origin: String, line: usize, column: usize, step: Option<usize>, message: String },

    /// The lesson as a whole is wrong.
    #[error("{place}: {problem}")]
    Lesson { place: Place, problem: LessonProblem },

    /// One step is wrong; `step` counts from 1.
    #[error("{place}: step {step}: {problem}")]
    Step { place: Place, step: usize, problem: StepProblem },

    /// The file is not a regular file, too large, or cannot be opened (see `crate::read`).
    #[cfg(not(target_arch = "wasm32"))]
    #[error("{0}")]
    File(crate::read::ReadError),

    #[error("cannot read {}: it is not a text file (not valid UTF-8)", escape(&path.display().to_string()))]
    NotText { path: PathBuf },

    #[error("unknown lesson '{}': the built-in lessons are {known}", quote(name))]
    UnknownLesson { name: String, known: String },
}

impl LessonError {
    /// The step the problem is in (1-based), if it is in one.
    pub fn step(&self) -> Option<usize> {
        match self {
            LessonError::Step { step, .. } => Some(*step),
            LessonError::Syntax { step, .. } => *step,
            _ => None,
        }
    }
}

/// "step 3: ", or nothing.
fn in_step(step: Option<usize>) -> String {
    step.map(|step| format!("step {step}: ")).unwrap_or_default()
}

/// A spot in a lesson file: its name, and the line and column when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub origin: String,
    /// 1-based line and column (in characters).
    pub line_column: Option<(usize, usize)>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{}:{line}:{column}", escape(&self.origin)),
            None => f.write_str(&escape(&self.origin)),
        }
    }
}

/// What is wrong with a lesson as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LessonProblem {
    #[error("the title is empty: every lesson needs a title")]
    EmptyTitle,
    #[error("the lesson has no steps: write at least one Step(..) in `steps`")]
    NoSteps,
}

/// What is wrong with one step.
#[derive(Debug, thiserror::Error)]
pub enum StepProblem {
    /// The scenario could not be had: an unknown preset, a file that cannot be read or is
    /// malformed (naming that file and its own line:column), an inline one that is invalid.
    #[error("{0}")]
    Scenario(Box<ScenarioError>),

    #[error(
        "the scenario File(\"{}\") cannot be read: this lesson was not read from a folder, so give the scenario as Builtin(..) or Inline(..)",
        quote(file)
    )]
    NoFolder { file: String },

    #[error(
        "the scenario File(\"{}\") is outside the lesson's folder: a lesson reads only files in its own folder or below it",
        quote(file)
    )]
    OutsideFolder { file: String },

    #[error(
        "its scenario has {outcomes} outcomes, more than the {left} left of the {max} outcomes a lesson's steps may hold in all: use fewer steps or smaller scenarios"
    )]
    OverBudget { outcomes: usize, left: usize, max: usize },

    #[error("unknown view '{}': the views are {known}", quote(view))]
    UnknownView { view: String, known: String },

    #[error("`say` is empty: write one or two sentences for the teacher to read aloud")]
    EmptySay,

    #[error("`roles`: {0}")]
    Roles(String),

    #[error(
        "the step is about P alone (`focus: P`, or a scenario without `q`) but its task asks about {measure}, which needs Q: ask about H(P), or write `focus: Both`"
    )]
    FocusWithoutQ { measure: String },

    #[error("unknown measure '{}': the measures are {known}", quote(name))]
    UnknownMeasure { name: String, known: String },

    #[error("Larger compares {0} with itself: name two different measures")]
    SameMeasure(String),

    #[error("StaysMeaningful names {0} twice: name each measure once")]
    NamedTwice(String),

    #[error("StaysMeaningful needs two to four measures to choose from, not {0}")]
    MeaningfulCount(usize),

    #[error("TopContributor asks about {measure}, which is not a sum of one term per outcome: use one of {allowed}")]
    NotPerOutcome { measure: &'static str, allowed: String },

    #[error(
        "TopContributor offers one button per outcome, at most {max}, but the scenario '{}' has {outcomes} outcomes: ask Larger or Estimate instead",
        quote(scenario)
    )]
    TooManyChoices { scenario: String, outcomes: usize, max: usize },

    #[error("the step shows densities, which have no goal to check while the student drags: ask Larger or Estimate")]
    DensitiesGoal,

    #[error("the step shows densities, which have no outcomes to choose from: ask Larger or Estimate")]
    DensitiesOutcome,

    #[error("{measure} is not integrated for densities: on a densities step ask about one of {allowed}")]
    NotForDensities { measure: &'static str, allowed: String },

    #[error("`within` is {0}: the tolerance must be a positive, finite number")]
    BadTolerance(f64),

    #[error("the goal has both `below` and `above`: give exactly one")]
    BothBounds,

    #[error("the goal has neither `below` nor `above`: give exactly one, e.g. below: 0.1")]
    NoBound,

    #[error("the goal's target is {0}: it must be a finite number")]
    BadTarget(f64),

    #[error("the goal cannot be reached: {0}")]
    Unreachable(String),

    #[error("the goal is met before the student moves anything: {0}")]
    AlreadyMet(String),
}
