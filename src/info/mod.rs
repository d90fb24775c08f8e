//! Pure information theory: distributions, measures and units. No egui, no I/O.

pub mod distribution;
pub mod glossary;
pub mod measures;
pub mod unit;

pub use distribution::{Distribution, DistributionError};
pub use glossary::Measure;
pub use measures::Report;
pub use unit::Unit;
