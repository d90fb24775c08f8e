//! What a densities view draws, as numbers: P, Q and the integrands of both KLs sampled
//! over a range (uniform edges sampled just either side, so a jump is drawn as one), and
//! the handles a user drags: each component's centre, a width handle, and its peak
//! height, which sets its weight.

use super::component::Component;
use super::mixture::Mixture;
use crate::info::Direction;

/// One sample of the curves: x, p(x), q(x), p·ln(p/q) and q·ln(q/p) in nats (each ∞
/// where its own density is positive and the other 0; 0 where its own density is 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    pub x: f64,
    pub p: f64,
    pub q: f64,
    pub kl_pq_term: f64,
    pub kl_qp_term: f64,
}

impl CurvePoint {
    /// The integrand of KL(P||Q) (forward) or of KL(Q||P) (reverse) here, in nats.
    pub fn term(&self, direction: Direction) -> f64 {
        match direction {
            Direction::Forward => self.kl_pq_term,
            Direction::Reverse => self.kl_qp_term,
        }
    }
}

/// a·ln(a/b) from ln a and ln b: 0 where a = 0, ∞ where only b is 0.
fn log_ratio_term(ln_a: f64, ln_b: f64) -> f64 {
    let a = ln_a.exp();
    if a == 0.0 {
        0.0
    } else if ln_b == f64::NEG_INFINITY {
        f64::INFINITY
    } else {
        a * (ln_a - ln_b)
    }
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
            CurvePoint {
                x,
                p: ln_p.exp(),
                q: ln_q.exp(),
                kl_pq_term: log_ratio_term(ln_p, ln_q),
                kl_qp_term: log_ratio_term(ln_q, ln_p),
            }
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
