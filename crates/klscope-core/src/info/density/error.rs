//! Why a list of weighted components is not a density, naming the component.

/// A mixture that cannot be used. Components are numbered from 1 in messages ("component
/// 2"), as a person counts the terms of `0.3*normal(0,1)+0.7*laplace(1,2)`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DensityError {
    #[error("the density has no components: it needs at least one")]
    Empty,

    #[error("the density has {count} components: at most {max} are allowed")]
    TooMany { count: usize, max: usize },

    #[error("component {} ({kind}) has weight {weight}: a weight must be a positive, finite number", index + 1)]
    Weight { index: usize, kind: &'static str, weight: f64 },

    #[error("the weights sum to {sum}: they must sum to 1 (within 1e-9)")]
    WeightSum { sum: f64 },

    #[error("component {} ({kind}) has {parameter} {value}: {reason}", index + 1)]
    Parameter { index: usize, kind: &'static str, parameter: &'static str, value: f64, reason: &'static str },
}
