//! What the app knows, with no drawing: the undoable document and the persisted settings
//! (`state`), the analysis of the document, the order of a vocabulary, the undo history, a
//! lesson in progress, and the status line. Everything above this layer reads it; it
//! imports nothing of the app's above it.

pub mod analysis;
pub mod classroom;
pub mod densities;
pub mod errors;
pub mod history;
pub mod job;
pub mod lesson_run;
mod limits;
pub mod order;
pub mod saved;
pub mod state;
mod status;

pub use status::{Mode, Status};
