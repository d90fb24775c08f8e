//! What the screen's parts share: the axes they draw on, and what the screen asks the
//! app to do.

use crate::scenario::Scenario;

/// What the screen asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum DensitiesAction {
    /// "Open as discrete": the binned pair as an ordinary scenario.
    OpenDiscrete(Box<Scenario>),
    /// "Open a batch…": the platform lets the user choose a `.npy` of encodings.
    OpenEncodings,
}

/// The axis shown: x range and the densities' highest value, kept while a handle is held
/// so the axes do not move under the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axes {
    pub x: (f64, f64),
    pub top: f64,
}
