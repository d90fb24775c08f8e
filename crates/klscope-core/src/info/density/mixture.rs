//! A density: one to four weighted components. Weights are checked, never rescaled (as for
//! probabilities: no silent normalisation). Log-densities are combined with log-sum-exp so
//! that far out in the tails ln p stays finite where p itself underflows to 0.

use super::component::Component;
use super::error::DensityError;

/// The most components a density may have.
pub const MAX_COMPONENTS: usize = 4;

/// How far the weights may sum from 1.
pub const WEIGHT_TOLERANCE: f64 = 1e-9;

/// A component with its weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weighted {
    pub weight: f64,
    pub component: Component,
}

impl Weighted {
    pub fn new(weight: f64, component: Component) -> Weighted {
        Weighted { weight, component }
    }
}

/// A checked mixture density.
#[derive(Debug, Clone, PartialEq)]
pub struct Mixture {
    parts: Vec<Weighted>,
    /// ln wᵢ − ln(normaliserᵢ) for each part, so that ln(wᵢ pᵢ(x)) is this plus the
    /// kernel: no logarithm per point but the log-sum-exp's one.
    ln_coefficients: Vec<f64>,
}

impl Mixture {
    /// Checks every part (in order, so the first problem is the one named) and the sum.
    pub fn new(parts: Vec<Weighted>) -> Result<Mixture, DensityError> {
        if parts.is_empty() {
            return Err(DensityError::Empty);
        }
        if parts.len() > MAX_COMPONENTS {
            return Err(DensityError::TooMany { count: parts.len(), max: MAX_COMPONENTS });
        }
        for (index, part) in parts.iter().enumerate() {
            let kind = part.component.kind();
            if !(part.weight.is_finite() && part.weight > 0.0) {
                return Err(DensityError::Weight { index, kind, weight: part.weight });
            }
            part.component.check().map_err(|p| DensityError::Parameter {
                index,
                kind,
                parameter: p.parameter,
                value: p.value,
                reason: p.reason,
            })?;
        }
        let sum: f64 = parts.iter().map(|p| p.weight).sum();
        if (sum - 1.0).abs() > WEIGHT_TOLERANCE {
            return Err(DensityError::WeightSum { sum });
        }
        let ln_coefficients = parts.iter().map(|p| p.weight.ln() - p.component.ln_normaliser()).collect();
        Ok(Mixture { parts, ln_coefficients })
    }

    /// A single component with weight 1.
    pub fn single(component: Component) -> Result<Mixture, DensityError> {
        Mixture::new(vec![Weighted::new(1.0, component)])
    }

    pub fn parts(&self) -> &[Weighted] {
        &self.parts
    }

    /// The component when there is exactly one (closed forms apply then).
    pub fn as_single(&self) -> Option<Component> {
        match self.parts.as_slice() {
            [only] => Some(only.component),
            _ => None,
        }
    }

    /// ln p(x) by log-sum-exp over the components: finite wherever some component is
    /// positive, however far out; −∞ only outside every uniform's interval.
    pub fn ln_pdf(&self, x: f64) -> f64 {
        let mut terms = [f64::NEG_INFINITY; MAX_COMPONENTS];
        let mut max = f64::NEG_INFINITY;
        for ((slot, part), ln_c) in terms.iter_mut().zip(&self.parts).zip(&self.ln_coefficients) {
            *slot = ln_c + part.component.ln_kernel(x);
            max = max.max(*slot);
        }
        if max == f64::NEG_INFINITY || self.parts.len() == 1 {
            return max;
        }
        let sum: f64 = terms[..self.parts.len()].iter().map(|t| (t - max).exp()).sum();
        max + sum.ln()
    }

    pub fn pdf(&self, x: f64) -> f64 {
        self.ln_pdf(x).exp()
    }

    pub fn cdf(&self, x: f64) -> f64 {
        self.parts.iter().map(|p| p.weight * p.component.cdf(x)).sum::<f64>().min(1.0)
    }

    /// P(a < X ≤ b), each component's share computed without cancellation.
    pub fn mass(&self, a: f64, b: f64) -> f64 {
        self.parts.iter().map(|p| p.weight * p.component.mass(a, b)).sum()
    }

    /// ln P(a < X ≤ b), by log-sum-exp of the components' log-masses.
    pub fn ln_mass(&self, a: f64, b: f64) -> f64 {
        let terms: Vec<f64> = self.parts.iter().map(|p| p.weight.ln() + p.component.ln_mass(a, b)).collect();
        let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if max == f64::NEG_INFINITY {
            return max;
        }
        max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln()
    }

    pub fn mean(&self) -> f64 {
        self.parts.iter().map(|p| p.weight * p.component.mean()).sum()
    }

    /// Σ w (σᵢ² + μᵢ²) − μ²: the law of total variance.
    pub fn variance(&self) -> f64 {
        let mean = self.mean();
        let second: f64 =
            self.parts.iter().map(|p| p.weight * (p.component.variance() + p.component.mean().powi(2))).sum();
        (second - mean * mean).max(0.0)
    }

    /// Where the density is positive: the sorted, merged intervals of the components'
    /// supports (one interval (−∞, ∞) as soon as a Gaussian or Laplace is present).
    pub fn support(&self) -> Vec<(f64, f64)> {
        let mut intervals: Vec<(f64, f64)> = self.parts.iter().map(|p| p.component.support()).collect();
        intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f64, f64)> = Vec::with_capacity(intervals.len());
        for (low, high) in intervals {
            match merged.last_mut() {
                Some(last) if low <= last.1 => last.1 = last.1.max(high),
                _ => merged.push((low, high)),
            }
        }
        merged
    }

    /// Every component's breakpoints (see [`Component::breakpoints`]), unsorted.
    pub fn breakpoints(&self, out: &mut Vec<f64>) {
        for part in &self.parts {
            part.component.breakpoints(out);
        }
    }

    /// The widest component's width: the scale of the tails.
    pub fn widest(&self) -> f64 {
        self.parts.iter().map(|p| p.component.width()).fold(0.0, f64::max)
    }

    /// `0.3*normal(-2, 0.5) + 0.7*laplace(1, 2)`, or just the component when alone; the
    /// spec parser reads it back.
    pub fn spec(&self) -> String {
        match self.parts.as_slice() {
            [only] if only.weight == 1.0 => only.component.spec(),
            parts => {
                parts.iter().map(|p| format!("{}*{}", p.weight, p.component.spec())).collect::<Vec<_>>().join(" + ")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_sum_exp_keeps_far_tails_finite() {
        let m = Mixture::new(vec![
            Weighted::new(0.5, Component::Gaussian { mean: 0.0, sd: 1.0 }),
            Weighted::new(0.5, Component::Gaussian { mean: 1.0, sd: 0.1 }),
        ])
        .unwrap();
        let x = 100.0;
        assert_eq!(m.pdf(x), 0.0, "p itself underflows");
        let expected = 0.5f64.ln() - 0.5 * x * x - 0.5 * (2.0 * std::f64::consts::PI).ln();
        assert!((m.ln_pdf(x) - expected).abs() < 1e-12, "{} vs {expected}", m.ln_pdf(x));
    }

    #[test]
    fn weights_are_checked_not_rescaled() {
        let g = Component::Gaussian { mean: 0.0, sd: 1.0 };
        let e = Mixture::new(vec![Weighted::new(0.5, g), Weighted::new(0.4, g)]).unwrap_err();
        assert_eq!(e.to_string(), "the weights sum to 0.9: they must sum to 1 (within 1e-9)");
        let e = Mixture::new(vec![Weighted::new(1.0, g), Weighted::new(0.0, g)]).unwrap_err();
        assert_eq!(e.to_string(), "component 2 (normal) has weight 0: a weight must be a positive, finite number");
        let bad = Component::Laplace { centre: 0.0, scale: -1.0 };
        let e = Mixture::new(vec![Weighted::new(0.5, g), Weighted::new(0.5, bad)]).unwrap_err();
        assert_eq!(e.to_string(), "component 2 (laplace) has scale -1: a scale must be a positive, finite number");
        assert_eq!(
            Mixture::new(vec![Weighted::new(0.2, g); 5]).unwrap_err().to_string(),
            "the density has 5 components: at most 4 are allowed"
        );
    }

    #[test]
    fn supports_merge() {
        let u = |low, high| Weighted::new(0.5, Component::Uniform { low, high });
        assert_eq!(Mixture::new(vec![u(2.0, 3.0), u(0.0, 2.5)]).unwrap().support(), vec![(0.0, 3.0)]);
        assert_eq!(Mixture::new(vec![u(2.0, 3.0), u(0.0, 1.0)]).unwrap().support(), vec![(0.0, 1.0), (2.0, 3.0)]);
    }
}
