//! What a densities view draws, as numbers: P, Q and the integrand p·ln(p/q) sampled
//! over a range (uniform edges sampled just either side, so a jump is drawn as one), and
//! the handles a user drags: each component's centre, a width handle, and its peak
//! height, which sets its weight.

use super::component::Component;
use super::mixture::Mixture;

/// One sample of the curves: x, p(x), q(x), and p·ln(p/q) in nats (∞ where q = 0 < p; 0
/// where p = 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    pub x: f64,
    pub p: f64,
    pub q: f64,
    pub kl_term: f64,
}

/// `n` evenly spaced points over `range` (at least 2), plus each uniform edge inside it
/// approached from both sides, sorted.
pub fn curves(p: &Mixture, q: &Mixture, range: (f64, f64), n: usize) -> Vec<CurvePoint> {
    let (low, high) = range;
    let n = n.max(2);
    let mut xs: Vec<f64> = (0..n).map(|i| low + (high - low) * i as f64 / (n - 1) as f64).collect();
    let nudge = (high - low).abs() * 1e-9;
    for part in p.parts().iter().chain(q.parts()) {
        if let Component::Uniform { low: a, high: b } = part.component {
            for edge in [a, b] {
                if edge > low && edge < high {
                    xs.extend([edge - nudge, edge + nudge]);
                }
            }
        }
    }
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs.into_iter()
        .map(|x| {
            let (ln_p, ln_q) = (p.ln_pdf(x), q.ln_pdf(x));
            let pv = ln_p.exp();
            let kl_term = if pv == 0.0 {
                0.0
            } else if ln_q == f64::NEG_INFINITY {
                f64::INFINITY
            } else {
                pv * (ln_p - ln_q)
            };
            CurvePoint { x, p: pv, q: ln_q.exp(), kl_term }
        })
        .collect()
}

/// Where a component's handles are: its centre on the axis, its peak (x, weighted height)
/// whose height sets the weight, and a width handle at (centre + width, half the peak).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Handles {
    pub index: usize,
    pub centre: f64,
    pub peak: (f64, f64),
    pub width: (f64, f64),
}

/// The handles of every component of `d`.
pub fn handles(d: &Mixture) -> Vec<Handles> {
    d.parts()
        .iter()
        .enumerate()
        .map(|(index, part)| {
            let c = part.component;
            let centre = c.centre();
            let height = part.weight * c.pdf(centre);
            let width_x = match c {
                Component::Uniform { high, .. } => high,
                _ => centre + c.width(),
            };
            Handles { index, centre, peak: (centre, height), width: (width_x, 0.5 * height) }
        })
        .collect()
}
