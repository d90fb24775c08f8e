//! Pure information theory: distributions, measures, units, and the lessons built on them
//! (Huffman codes, Gaussian fits, sampling, what libraries return). No egui, no I/O.

mod chunk_terms;
pub mod coding;
pub mod density;
pub mod direction;
pub mod distillation;
pub mod distribution;
pub mod f_divergence;
pub mod family;
pub mod fisher;
pub mod fit;
pub mod libraries;
mod log_batch;
pub mod logits;
pub mod measure;
pub mod measures;
pub mod renyi;
mod renyi_standalone;
pub mod sampling;
pub mod side;
pub mod softmax;
pub mod unit;
pub mod wasserstein;
pub mod zero_rule;

pub use direction::{Direction, UnknownDirection};
pub use distribution::{Distribution, DistributionError};
pub use measure::Measure;
pub use measures::{Report, log_ratio};
pub use side::Side;
pub use unit::Unit;
pub use zero_rule::ZeroRule;
