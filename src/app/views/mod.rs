//! The views under the editors. Each is one file implementing [`View`] (a view with parts
//! keeps them in a folder of its name); the registry in [`Views::new`] lists them, and the
//! tabs, the frame benchmark and the tests iterate it.

mod coding;
mod contributions;
mod distillation;
mod divergences;
mod fit;
mod guards;
mod libraries;
mod plots;
mod registry;
mod sampling;
mod simplex;
mod surprise;
mod table;
mod temperature;
mod view;

pub use distillation::shown_loss;
pub use registry::Views;
pub use simplex::geometry::Triangle as SimplexLayout;
pub use simplex::layout as simplex_layout;
pub use view::{View, ViewInput};

/// The most outcomes the views that work outcome by outcome (codes, fitting) take on:
/// beyond it they would hold up every frame, and a code table of a vocabulary says little.
pub const MAX_DETAILED_OUTCOMES: usize = 10_000;
