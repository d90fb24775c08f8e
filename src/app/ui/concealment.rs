//! How a number that a pending question conceals is shown, everywhere it would appear.

/// What a hidden value shows until the question is answered.
pub const HIDDEN: &str = "?";

/// The hover text of a hidden value.
pub const HIDDEN_WHY: &str = "Hidden until the question is answered or revealed";
