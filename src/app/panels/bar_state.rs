//! What a bar editor remembers between frames, and the names its parts are found by
//! (the value fields and the bar editor both read them, so they live apart from both).

use super::bar_layout::BarLayout;
use crate::app::ui::Cached;
use crate::info::Side;

/// Per-editor state that lives only while the app runs.
#[derive(Default)]
pub struct BarEditor {
    /// The outcome being dragged, fixed at the press so the pointer may wander.
    pub(super) dragging: Option<usize>,
    /// The text of the value field being typed in: (outcome, text).
    pub(super) typing: Option<(usize, String)>,
    /// Whether the field being typed in was drawn this frame.
    pub(super) typing_drawn: bool,
    /// Where the bars were drawn in the last frame.
    pub layout: Option<BarLayout>,
    /// The last refused input, shown under the editor until the next good edit.
    pub message: Option<String>,
    /// The outcome under the pointer in the last frame (named in the heading).
    pub hovered: Option<usize>,
    /// A vocabulary's tail, per pixel column.
    pub(super) envelope: Cached<EnvelopeKey, Vec<(f64, f64)>>,
    /// No value fields under the bars (presentation mode).
    pub fields_hidden: bool,
}

impl BarEditor {
    /// Forgets text typed into a field that is no longer on screen (its outcome was
    /// deselected or removed): call after every field had its chance to draw.
    pub fn forget_hidden_typing(&mut self) {
        if !std::mem::take(&mut self.typing_drawn) {
            self.typing = None;
        }
    }
}

/// What a vocabulary's tail is drawn from: the version of the values, the width in
/// pixels and the ranking.
pub(super) type EnvelopeKey = (u64, u32, usize);

/// "'tails' is locked in Q": why an edit did not happen.
pub fn locked_message(side: Side, label: &str) -> String {
    format!("'{label}' is locked in {}: unlock it to change it", side.name())
}

/// The accessible name of an editor's canvas, e.g. "P bars".
pub fn canvas_name(side: Side) -> String {
    format!("{} bars", side.name())
}

/// The accessible name of a value field, e.g. "P(heads)".
pub fn field_name(side: Side, label: &str) -> String {
    format!("{}({label})", side.name())
}
