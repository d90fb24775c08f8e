//! How many outcomes the editors hold: named once for the document and its errors.

/// The most outcomes the editor lets you add (scenarios may hold more).
pub const MAX_EDITOR_OUTCOMES: usize = 64;
/// The fewest outcomes the editor lets you remove down to.
pub const MIN_EDITOR_OUTCOMES: usize = 2;
