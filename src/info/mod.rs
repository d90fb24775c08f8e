//! Pure information theory: distributions, measures, units, and the lessons built on them
//! (Huffman codes, Gaussian fits, sampling, what libraries return). No egui, no I/O.

pub mod coding;
pub mod distribution;
pub mod fit;
pub mod glossary;
pub mod libraries;
pub mod measures;
pub mod sampling;
pub mod unit;
pub mod zero_rule;

pub use distribution::{Distribution, DistributionError};
pub use glossary::Measure;
pub use measures::Report;
pub use unit::Unit;
pub use zero_rule::ZeroRule;
