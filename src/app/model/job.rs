//! A long job that runs off the frame, as the window shows it (the platform runs it).

/// A running job, as the window shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct JobProgress {
    /// What the job does: "Drawing the lesson's pictures".
    pub what: String,
    /// How far along it is, from 0 to 1.
    pub fraction: f32,
}
