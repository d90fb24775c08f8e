//! Fisher's local picture: for Q near P, KL(P‖Q), KL(Q‖P) and ½χ²(P‖Q) all approach the
//! quadratic form ½·δᵀFδ = ½ Σ (q − p)²/p of δ = Q − P, F = diag(1/p) being the Fisher
//! information of the categorical family at P. On the 3-outcome simplex the level sets
//! of that form are ellipses around P; those of KL(P‖·) match them near P and bulge
//! towards the edges further out.

use super::measures::Report;

/// The three divergences beside ½ Σ (q − p)²/p, and how close each is to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocalPicture {
    /// ½ Σ (q − p)²/p (∞ where p = 0 < q), in nats.
    pub fisher: f64,
    pub kl_pq: f64,
    pub kl_qp: f64,
    /// ½ Σ (p − q)²/q.
    pub half_chi2: f64,
}

impl LocalPicture {
    pub fn of(p: &[f64], q: &[f64]) -> LocalPicture {
        let report = Report::compute(p, q);
        LocalPicture {
            fisher: 0.5 * report.chi2_neyman,
            kl_pq: report.kl_pq,
            kl_qp: report.kl_qp,
            half_chi2: 0.5 * report.chi2_pearson,
        }
    }

    /// KL(P‖Q), KL(Q‖P) and ½χ² over the quadratic form: each → 1 as Q → P. `None` when
    /// the form is 0 (Q = P) or ∞.
    pub fn ratios(&self) -> Option<[f64; 3]> {
        (self.fisher > 0.0 && self.fisher.is_finite())
            .then(|| [self.kl_pq / self.fisher, self.kl_qp / self.fisher, self.half_chi2 / self.fisher])
    }
}

/// Whether F is defined at P (every p > 0) and the level is a positive number.
fn defined_at(p: &[f64; 3], level: f64) -> bool {
    p.iter().all(|&x| x > 0.0) && level > 0.0 && level.is_finite()
}

/// The direction at angle `theta` in the plane of the simplex (δ summing to 0), of unit
/// length: cos θ·(1, −1, 0)/√2 + sin θ·(1, 1, −2)/√6.
fn direction(theta: f64) -> [f64; 3] {
    let (a, b) = (theta.cos() / std::f64::consts::SQRT_2, theta.sin() / 6f64.sqrt());
    [a + b, -a + b, -2.0 * b]
}

/// `count` points of the ellipse ½·δᵀFδ = `level` around P (3 outcomes, every p > 0), as
/// probability triples P + δ, at evenly spaced angles. Points may fall outside the
/// simplex for a large level (a coordinate below 0): the caller clips. Empty when P
/// has a zero, where F is not defined, or the level is not positive.
pub fn fisher_ellipse(p: [f64; 3], level: f64, count: usize) -> Vec<[f64; 3]> {
    if !defined_at(&p, level) {
        return Vec::new();
    }
    (0..count)
        .map(|k| {
            let d = direction(std::f64::consts::TAU * k as f64 / count as f64);
            let form: f64 = d.iter().zip(&p).map(|(d, p)| d * d / p).sum();
            let s = (2.0 * level / form).sqrt();
            [p[0] + s * d[0], p[1] + s * d[1], p[2] + s * d[2]]
        })
        .collect()
}

/// `count` points of the contour KL(P‖Q) = `level` (nats) around P, found along the same
/// rays from P as [`fisher_ellipse`] by bisection (KL(P‖P + sδ) rises from 0 to ∞ as s
/// goes from 0 to where some q reaches 0). Empty as [`fisher_ellipse`] is.
pub fn kl_contour(p: [f64; 3], level: f64, count: usize) -> Vec<[f64; 3]> {
    if !defined_at(&p, level) {
        return Vec::new();
    }
    (0..count)
        .map(|k| {
            let d = direction(std::f64::consts::TAU * k as f64 / count as f64);
            // The largest s keeping every q ≥ 0.
            let edge = d.iter().zip(&p).filter(|(d, _)| **d < 0.0).map(|(d, p)| -p / d).fold(f64::INFINITY, f64::min);
            let at = |s: f64| [p[0] + s * d[0], p[1] + s * d[1], p[2] + s * d[2]];
            let kl = |s: f64| {
                let q = at(s);
                Report::compute(&p, &q).kl_pq
            };
            let (mut low, mut high) = (0.0, edge);
            for _ in 0..200 {
                let mid = 0.5 * (low + high);
                if mid <= low || mid >= high {
                    break;
                }
                if kl(mid) < level { low = mid } else { high = mid }
            }
            at(0.5 * (low + high))
        })
        .collect()
}
