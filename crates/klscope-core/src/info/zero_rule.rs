//! What to do about zero probabilities before measuring: keep them (∞ allowed), floor Q,
//! or smooth both. A rule turns the edited P and Q into the ones that are measured.

use serde::{Deserialize, Serialize};

/// The range of the ε of [`ZeroRule::FloorQ`] and the α of [`ZeroRule::Smooth`].
pub const PARAMETER_RANGE: std::ops::RangeInclusive<f64> = 1e-12..=1e-1;

#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum ZeroRule {
    /// Measure P and Q as they are: p > 0 with q = 0 gives ∞.
    #[default]
    Exact,
    /// Raise every q below ε to ε, then renormalise Q.
    FloorQ { epsilon: f64 },
    /// Add α to every p and every q, then renormalise both.
    Smooth { alpha: f64 },
}

impl ZeroRule {
    /// Short name for a menu.
    pub fn name(&self) -> &'static str {
        match self {
            ZeroRule::Exact => "exact (∞ allowed)",
            ZeroRule::FloorQ { .. } => "ε-floor on Q",
            ZeroRule::Smooth { .. } => "additive smoothing",
        }
    }

    /// The rule in one line, with its parameter, for the measures panel and exports.
    pub fn describe(&self) -> String {
        match self {
            ZeroRule::Exact => "exact: q = 0 where p > 0 gives ∞".to_string(),
            ZeroRule::FloorQ { epsilon } => {
                format!("ε-floor on Q: q ← max(q, {:.0e}), renormalised", clamp_parameter(*epsilon))
            }
            ZeroRule::Smooth { alpha } => {
                let alpha = clamp_parameter(*alpha);
                format!("smoothing: p, q ← (x + {alpha:.0e}) / (1 + n·{alpha:.0e})")
            }
        }
    }

    /// The P and Q that are measured under this rule.
    pub fn apply(&self, p: &[f64], q: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let (mut measured_p, mut measured_q) = (Vec::new(), Vec::new());
        self.apply_into(p, q, &mut measured_p, &mut measured_q);
        (measured_p, measured_q)
    }

    /// Like [`apply`](Self::apply), into buffers that are reused from call to call (a
    /// drag among a million outcomes then allocates nothing).
    pub fn apply_into(&self, p: &[f64], q: &[f64], measured_p: &mut Vec<f64>, measured_q: &mut Vec<f64>) {
        let fill = |out: &mut Vec<f64>, values: &[f64], f: &dyn Fn(f64) -> f64| {
            out.clear();
            out.extend(values.iter().map(|&x| f(x)));
        };
        match *self {
            ZeroRule::Exact => {
                fill(measured_p, p, &|x| x);
                fill(measured_q, q, &|x| x);
            }
            ZeroRule::FloorQ { epsilon } => {
                let epsilon = clamp_parameter(epsilon);
                fill(measured_p, p, &|x| x);
                fill(measured_q, q, &|x| x.max(epsilon));
                renormalise(measured_q);
            }
            ZeroRule::Smooth { alpha } => {
                let alpha = clamp_parameter(alpha);
                fill(measured_p, p, &|x| x + alpha);
                fill(measured_q, q, &|x| x + alpha);
                renormalise(measured_p);
                renormalise(measured_q);
            }
        }
    }
}

fn clamp_parameter(x: f64) -> f64 {
    if x.is_finite() { x.clamp(*PARAMETER_RANGE.start(), *PARAMETER_RANGE.end()) } else { *PARAMETER_RANGE.start() }
}

fn renormalise(values: &mut [f64]) {
    let total: f64 = values.iter().sum();
    if total > 0.0 {
        values.iter_mut().for_each(|x| *x /= total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::Report;

    #[test]
    fn floor_makes_support_mismatch_finite() {
        let (p, q) = ZeroRule::FloorQ { epsilon: 1e-6 }.apply(&[0.4, 0.4, 0.2], &[0.5, 0.5, 0.0]);
        assert_eq!(p, vec![0.4, 0.4, 0.2]);
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-15 && q[2] > 0.0);
        let report = Report::compute(&p, &q);
        assert!(report.kl_pq.is_finite() && report.kl_pq > 2.0, "large but finite: {}", report.kl_pq);
    }

    #[test]
    fn smoothing_touches_both_and_keeps_sums() {
        let (p, q) = ZeroRule::Smooth { alpha: 0.1 }.apply(&[1.0, 0.0], &[0.0, 1.0]);
        assert!((p[1] - 0.1 / 1.2).abs() < 1e-15 && (q[0] - 0.1 / 1.2).abs() < 1e-15);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    }

    #[test]
    fn exact_keeps_everything() {
        assert_eq!(ZeroRule::Exact.apply(&[1.0, 0.0], &[0.5, 0.5]), (vec![1.0, 0.0], vec![0.5, 0.5]));
    }
}
