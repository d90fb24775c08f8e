//! Where a density is 0, found exactly from the components' supports: KL(P||Q) and
//! H(P,Q) are ∞ precisely when P has mass on an interval where Q is 0 (only uniforms
//! have edges; a Gaussian or Laplace is positive everywhere).

use super::mixture::Mixture;
use crate::info::Side;
use crate::text::short_number;

/// An interval on which `side` has mass and the other density is 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uncovered {
    pub side: Side,
    pub low: f64,
    pub high: f64,
}

impl Uncovered {
    /// "P has mass on [3, 4] where Q is 0".
    pub fn explain(&self) -> String {
        let other = match self.side {
            Side::P => "Q",
            Side::Q => "P",
        };
        format!("{} has mass on {} where {other} is 0", self.side.name(), interval(self.low, self.high))
    }
}

/// `[a, b]`, with `(−∞` and `∞)` for open ends.
pub fn interval(low: f64, high: f64) -> String {
    let left = if low == f64::NEG_INFINITY { "(−∞".to_string() } else { format!("[{}", short_number(low)) };
    let right = if high == f64::INFINITY { "∞)".to_string() } else { format!("{}]", short_number(high)) };
    format!("{left}, {right}")
}

/// The first interval of positive length where `a` (which is `side`) is positive and `b`
/// is 0, if there is one.
pub fn uncovered(side: Side, a: &Mixture, b: &Mixture) -> Option<Uncovered> {
    let covered = b.support();
    for (low, high) in a.support() {
        let mut cursor = low;
        for &(c, d) in &covered {
            if d <= cursor || c >= high {
                continue;
            }
            if c > cursor {
                return Some(Uncovered { side, low: cursor, high: c.min(high) });
            }
            cursor = cursor.max(d);
            if cursor >= high {
                break;
            }
        }
        if cursor < high {
            return Some(Uncovered { side, low: cursor, high });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::density::{Component, Weighted};

    fn uniforms(intervals: &[(f64, f64)]) -> Mixture {
        let w = 1.0 / intervals.len() as f64;
        Mixture::new(intervals.iter().map(|&(low, high)| Weighted::new(w, Component::Uniform { low, high })).collect())
            .unwrap()
    }

    #[test]
    fn gaps_are_found_exactly() {
        let wide = uniforms(&[(0.0, 4.0)]);
        let narrow = uniforms(&[(1.0, 2.0)]);
        assert_eq!(uncovered(Side::P, &wide, &narrow), Some(Uncovered { side: Side::P, low: 0.0, high: 1.0 }));
        assert_eq!(uncovered(Side::Q, &narrow, &wide), None);
        let two = uniforms(&[(0.0, 1.5), (2.5, 4.0)]);
        let gap = uncovered(Side::P, &wide, &two).unwrap();
        assert_eq!((gap.low, gap.high), (1.5, 2.5));
        assert_eq!(gap.explain(), "P has mass on [1.5, 2.5] where Q is 0");
        let normal = Mixture::single(Component::Gaussian { mean: 0.0, sd: 1.0 }).unwrap();
        assert_eq!(uncovered(Side::P, &normal, &wide).unwrap().explain(), "P has mass on (−∞, 0] where Q is 0");
        assert_eq!(uncovered(Side::Q, &wide, &normal), None);
    }
}
