//! Closed forms, used instead of quadrature where they exist (and cross-checked against
//! it in the tests): the entropy of each component; the cross-entropy H(P,Q) = −E_P[ln q]
//! of any mixture P against a single component Q (linear in P, and E_P of ln q is a
//! polynomial or |x − c| for every pair of component kinds); KL of two Gaussians, of two
//! Laplaces, and of any single pair as H(P,Q) − H(P).

use super::component::Component;
use super::mixture::Mixture;
use std::f64::consts::{FRAC_2_PI, LN_2, PI, SQRT_2};

/// Rounding error of a closed form made of a few terms of size `scale`.
pub fn rounding(scale: f64) -> f64 {
    32.0 * f64::EPSILON * (1.0 + scale.abs())
}

/// E[(X − at)²] for X from `c`.
fn second_moment_about(c: &Component, at: f64) -> f64 {
    c.variance() + (c.mean() - at).powi(2)
}

/// E|X − at| for X from `c`.
fn absolute_moment_about(c: &Component, at: f64) -> f64 {
    match *c {
        Component::Gaussian { mean, sd } => {
            let d = mean - at;
            sd * FRAC_2_PI.sqrt() * (-(d * d) / (2.0 * sd * sd)).exp() + d * libm::erf(d / (sd * SQRT_2))
        }
        Component::Laplace { centre, scale } => {
            let d = (centre - at).abs();
            d + scale * (-d / scale).exp()
        }
        Component::Uniform { low, high } => {
            if at <= low {
                0.5 * (low + high) - at
            } else if at >= high {
                at - 0.5 * (low + high)
            } else {
                ((at - low).powi(2) + (high - at).powi(2)) / (2.0 * (high - low))
            }
        }
    }
}

/// H(P,Q) = −E_P[ln q] for single components, in nats; ∞ when P has mass outside a
/// uniform Q.
pub fn cross_entropy(p: &Component, q: &Component) -> f64 {
    match *q {
        Component::Gaussian { mean, sd } => {
            0.5 * (2.0 * PI * sd * sd).ln() + second_moment_about(p, mean) / (2.0 * sd * sd)
        }
        Component::Laplace { centre, scale } => LN_2 + scale.ln() + absolute_moment_about(p, centre) / scale,
        Component::Uniform { low, high } => {
            let (a, b) = p.support();
            if a >= low && b <= high { (high - low).ln() } else { f64::INFINITY }
        }
    }
}

/// H(P,Q) for a mixture P and a single component Q: Σ wᵢ H(Pᵢ, Q).
pub fn mixture_cross_entropy(p: &Mixture, q: &Component) -> f64 {
    p.parts().iter().map(|part| part.weight * cross_entropy(&part.component, q)).sum()
}

/// KL(P||Q) for single components, in nats, with a rounding bound.
pub fn kl(p: &Component, q: &Component) -> (f64, f64) {
    match (*p, *q) {
        (Component::Gaussian { mean: m1, sd: s1 }, Component::Gaussian { mean: m2, sd: s2 }) => {
            let r = s1 / s2;
            let d = (m1 - m2) / s2;
            let value = -r.ln() + 0.5 * (r * r + d * d) - 0.5;
            (value, rounding(r.ln().abs() + r * r + d * d))
        }
        (Component::Laplace { centre: c1, scale: b1 }, Component::Laplace { centre: c2, scale: b2 }) => {
            let d = (c1 - c2).abs();
            let value = (b2 / b1).ln() + d / b2 + (b1 / b2) * (-d / b1).exp() - 1.0;
            (value, rounding((b2 / b1).ln().abs() + d / b2 + b1 / b2))
        }
        _ => {
            let (h_pq, h_p) = (cross_entropy(p, q), p.entropy());
            if h_pq.is_infinite() {
                (f64::INFINITY, 0.0)
            } else {
                ((h_pq - h_p).max(0.0), rounding(h_pq.abs() + h_p.abs()))
            }
        }
    }
}

/// The Bhattacharyya coefficient ∫√(pq) of two Gaussians (Hellinger² = 1 − it).
pub fn gaussian_bhattacharyya(p: &Component, q: &Component) -> Option<f64> {
    match (*p, *q) {
        (Component::Gaussian { mean: m1, sd: s1 }, Component::Gaussian { mean: m2, sd: s2 }) => {
            let v = s1 * s1 + s2 * s2;
            Some((2.0 * s1 * s2 / v).sqrt() * (-(m1 - m2).powi(2) / (4.0 * v)).exp())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaussian_kl_is_half_the_squared_shift_in_sds() {
        let p = Component::Gaussian { mean: 0.0, sd: 2.0 };
        let q = Component::Gaussian { mean: 3.0, sd: 2.0 };
        assert!((kl(&p, &q).0 - 0.5 * 1.5f64.powi(2)).abs() < 1e-15);
        assert_eq!(kl(&p, &p).0, 0.0);
        // The general route agrees with the direct formula.
        let general = cross_entropy(&p, &q) - p.entropy();
        assert!((general - kl(&p, &q).0).abs() < 1e-14);
    }

    #[test]
    fn laplace_pairs_and_uniform_edges() {
        let p = Component::Laplace { centre: 0.0, scale: 1.0 };
        let q = Component::Laplace { centre: 0.0, scale: 2.0 };
        assert!((kl(&p, &q).0 - (2f64.ln() + 0.5 - 1.0)).abs() < 1e-15);
        let general = cross_entropy(&p, &q) - p.entropy();
        assert!((general - kl(&p, &q).0).abs() < 1e-14);
        let narrow = Component::Uniform { low: 0.0, high: 1.0 };
        let wide = Component::Uniform { low: -1.0, high: 3.0 };
        assert!((kl(&narrow, &wide).0 - 4f64.ln()).abs() < 1e-15);
        assert_eq!(kl(&wide, &narrow).0, f64::INFINITY);
        assert_eq!(kl(&p, &narrow).0, f64::INFINITY);
    }
}
