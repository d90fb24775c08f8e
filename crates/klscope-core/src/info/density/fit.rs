//! A Gaussian q fitted to a density p (a bimodal "posterior"), both ways. Forward
//! KL(p||q) is minimised by matching p's mean and variance (moment matching: q covers
//! both modes). Reverse KL(q||p) = −H(q) − ∫ q ln p has a local minimum at each mode
//! (mode seeking): it is minimised by Nelder–Mead from several starts (each component,
//! and the moment-matched q), each KL by the quadrature, and every distinct minimum is
//! returned, best first.

use super::component::Component;
use super::mixture::Mixture;
use super::quadrature::{Accuracy, Estimate, integrate};
use super::report::regions;

/// A fitted Gaussian and its divergence from (or to) the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaussianFit {
    pub mean: f64,
    pub sd: f64,
    /// KL(p||q) for the forward fit, KL(q||p) for a reverse one, in nats.
    pub kl: Estimate,
}

impl GaussianFit {
    pub fn component(&self) -> Component {
        Component::Gaussian { mean: self.mean, sd: self.sd }
    }
}

/// KL(q||p) for q = N(mean, sd²): −½ ln(2πe sd²) − ∫ q ln p, by the quadrature.
pub fn reverse_kl(target: &Mixture, mean: f64, sd: f64, accuracy: Accuracy) -> Estimate {
    let Ok(q) = Mixture::single(Component::Gaussian { mean, sd }) else {
        return Estimate::exact(f64::INFINITY);
    };
    if super::support::uncovered(crate::info::Side::Q, &q, target).is_some() {
        return Estimate::exact(f64::INFINITY);
    }
    let [cross] = integrate(
        |x| {
            let ln_p = target.ln_pdf(x);
            let qx = q.pdf(x);
            [if qx == 0.0 || ln_p == f64::NEG_INFINITY { 0.0 } else { -qx * ln_p }]
        },
        &regions(&q, target),
        accuracy,
    );
    let h = Component::Gaussian { mean, sd }.entropy();
    Estimate { value: (cross.value - h).max(0.0), error: cross.error + super::closed_form::rounding(h) }
}

/// The forward fit: q with p's mean and variance, the minimiser of KL(p||q).
pub fn fit_forward(target: &Mixture, accuracy: Accuracy) -> GaussianFit {
    let (mean, sd) = (target.mean(), target.variance().sqrt());
    let kl = match Mixture::single(Component::Gaussian { mean, sd }) {
        Ok(q) => super::report::DensityReport::compute(target, &q, accuracy).get(crate::info::Measure::KlPQ),
        Err(_) => Estimate::exact(f64::INFINITY),
    };
    GaussianFit { mean, sd, kl }
}

/// Every distinct local minimum of KL(q||p) found from the starts, best first.
pub fn fit_reverse(target: &Mixture, accuracy: Accuracy) -> Vec<GaussianFit> {
    let mut starts: Vec<(f64, f64)> =
        target.parts().iter().map(|p| (p.component.mean(), p.component.variance().sqrt())).collect();
    starts.push((target.mean(), target.variance().sqrt()));
    // A coarser accuracy while searching; the minimum's KL is then computed to `accuracy`.
    let search = Accuracy { absolute: 1e-9, relative: 1e-9, ..accuracy };
    let objective = |x: [f64; 2]| reverse_kl(target, x[0], x[1].exp(), search).value;
    let mut fits: Vec<GaussianFit> = Vec::new();
    for (mean, sd) in starts {
        let [m, log_sd] = nelder_mead(objective, [mean, sd.ln()], [0.5 * sd.max(1e-3), 0.3]);
        let sd = log_sd.exp();
        let duplicate = fits.iter().any(|f| (f.mean - m).abs() < 1e-4 * (1.0 + sd) && (f.sd / sd).ln().abs() < 1e-4);
        if !duplicate {
            fits.push(GaussianFit { mean: m, sd, kl: reverse_kl(target, m, sd, accuracy) });
        }
    }
    fits.sort_by(|a, b| a.kl.value.total_cmp(&b.kl.value));
    fits
}

/// Nelder–Mead in two dimensions (standard coefficients), until the simplex's values
/// agree to 1e-13 or 2000 iterations.
fn nelder_mead(f: impl Fn([f64; 2]) -> f64, start: [f64; 2], steps: [f64; 2]) -> [f64; 2] {
    let mut simplex = [start, [start[0] + steps[0], start[1]], [start[0], start[1] + steps[1]]];
    let mut values = simplex.map(&f);
    let combine = |a: [f64; 2], b: [f64; 2], t: f64| [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    for _ in 0..2000 {
        let mut order = [0usize, 1, 2];
        order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
        let (best, middle, worst) = (order[0], order[1], order[2]);
        if (values[worst] - values[best]).abs() <= 1e-13 * (1.0 + values[best].abs()) {
            break;
        }
        let centroid = combine(simplex[best], simplex[middle], 0.5);
        let reflected = combine(centroid, simplex[worst], -1.0);
        let fr = f(reflected);
        if fr < values[best] {
            let expanded = combine(centroid, simplex[worst], -2.0);
            let fe = f(expanded);
            (simplex[worst], values[worst]) = if fe < fr { (expanded, fe) } else { (reflected, fr) };
        } else if fr < values[middle] {
            (simplex[worst], values[worst]) = (reflected, fr);
        } else {
            let contracted = if fr < values[worst] {
                combine(centroid, reflected, 0.5)
            } else {
                combine(centroid, simplex[worst], 0.5)
            };
            let fc = f(contracted);
            if fc < values[worst].min(fr) {
                (simplex[worst], values[worst]) = (contracted, fc);
            } else {
                for i in [middle, worst] {
                    simplex[i] = combine(simplex[best], simplex[i], 0.5);
                    values[i] = f(simplex[i]);
                }
            }
        }
    }
    let best = (0..3).min_by(|&i, &j| values[i].total_cmp(&values[j])).unwrap_or(0);
    simplex[best]
}
