//! Why an edit or a lesson step did not happen: typed, so each is shown once where it
//! belongs (the outcome strip, an editor, the status line) and tests can match on it.

use crate::info::softmax::SoftmaxError;
use crate::info::{DistributionError, Side};

use super::limits::{MAX_EDITOR_OUTCOMES, MIN_EDITOR_OUTCOMES};

/// An edit of the document that was refused; the document is as it was.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("the editor holds at most {MAX_EDITOR_OUTCOMES} outcomes")]
    TooManyOutcomes,
    #[error("keep at least {MIN_EDITOR_OUTCOMES} outcomes")]
    TooFewOutcomes,
    /// A side refused the change (a locked outcome, a bad name, values that do not sum to 1).
    #[error("{}", error.message(side.name()))]
    Side { side: Side, error: DistributionError },
    /// Softmax cannot use the logits typed.
    #[error("{0}")]
    Logits(#[from] SoftmaxError),
}

/// A lesson step that cannot be shown; the lesson stays where it was.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LessonRunError {
    #[error("the lesson '{title}' has no steps")]
    NoSteps { title: String },
    #[error("step {step} of '{title}': {}", error.message("the scenario"))]
    Scenario { step: usize, title: String, error: DistributionError },
}
