//! Undoable edits whose payload is data rather than a button (probabilities a view
//! computed or a point dragged on the simplex), and [`Action`]: what a panel or a view
//! hands to the app, a [`Command`] or an [`Edit`]. Commands stay `Copy`, for menus and keys.

use super::command::Command;
use crate::info::Side;

/// An undoable change carrying its values.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replaces one side's probabilities: fitting's "Use as Q", a point dragged on the
    /// simplex. The side becomes the one the arrow keys nudge.
    SetDistribution { side: Side, values: Vec<f64> },
    /// Sets the order α of Rényi's D_α (the Divergences view's slider). Not part of the
    /// scenario, so undo leaves it.
    SetAlpha(f64),
}

/// What a panel or a view asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Run(Command),
    Apply(Edit),
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Run(command)
    }
}

impl From<Edit> for Action {
    fn from(edit: Edit) -> Self {
        Action::Apply(edit)
    }
}
