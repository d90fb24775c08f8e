//! Pure information theory: distributions, measures and units. No egui, no I/O.

pub mod distribution;
pub mod glossary;
pub mod measures;
pub mod unit;
pub mod zero_rule;

pub use distribution::{Distribution, DistributionError};
pub use glossary::Measure;
pub use measures::Report;
pub use unit::Unit;
pub use zero_rule::ZeroRule;
