//! What the app says in its top bar, and whether a frame is the live window or a picture.

/// A message in the top bar: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    pub fn info(text: String) -> Self {
        Status { text, is_error: false }
    }

    pub fn error(text: String) -> Self {
        Status { text, is_error: true }
    }
}

/// The live window, or a picture drawn for export: caption on, no hover, no status, no
/// animation, nothing the user could type into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Live,
    Picture,
}
