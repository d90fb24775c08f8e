//! The f-divergences D_f(P‖Q) = Σ q·f(p/q), f convex with f(1) = 0: KL is f(t) = t ln t,
//! reverse KL −ln t, JS, total variation, squared Hellinger, Pearson's and Neyman's χ².
//!
//! Conventions (as in the design notes): 0·f(0/0) = 0, and an outcome with q = 0 < p adds
//! p·lim f(t)/t as t → ∞, which is ∞ for KL and Pearson's χ² (the limit f'(∞)). An outcome
//! with p = 0 < q adds q·f(0), ∞ for reverse KL and Neyman's χ².
//!
//! The generators are for drawing and for the per-outcome terms; the totals come from
//! the report, whose sums are taken in forms without cancellation (χ² as Σ (p − q)²/q,
//! never through f).

use super::direction::Direction;
use super::measures::Report;
use super::renyi::{Cause, Total};

/// One member of the f-divergence family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FDivergence {
    Kl,
    ReverseKl,
    Js,
    TotalVariation,
    HellingerSquared,
    ChiSquarePearson,
    ChiSquareNeyman,
}

impl FDivergence {
    pub const ALL: [FDivergence; 7] = [
        FDivergence::Kl,
        FDivergence::ReverseKl,
        FDivergence::Js,
        FDivergence::TotalVariation,
        FDivergence::HellingerSquared,
        FDivergence::ChiSquarePearson,
        FDivergence::ChiSquareNeyman,
    ];

    /// The generator f(t) for t in [0, ∞]: at t = 0 its limit (∞ for reverse KL and
    /// Neyman's χ²), at t = ∞ its limit (−∞ for reverse KL, ∞ for the others). NaN for
    /// t < 0 or NaN, which are not ratios of probabilities.
    pub fn f(self, t: f64) -> f64 {
        if t.is_nan() || t < 0.0 {
            return f64::NAN;
        }
        if t == f64::INFINITY {
            return if self == FDivergence::ReverseKl { f64::NEG_INFINITY } else { f64::INFINITY };
        }
        let value = match self {
            FDivergence::Kl => {
                if t == 0.0 {
                    0.0
                } else {
                    t * t.ln()
                }
            }
            FDivergence::ReverseKl => -t.ln(),
            FDivergence::Js => {
                // ½ [t ln(2t/(1+t)) + ln(2/(1+t))], with 0·ln 0 = 0 at t = 0.
                let first = if t == 0.0 { 0.0 } else { t * (2.0 * t / (1.0 + t)).ln() };
                0.5 * (first + (2.0 / (1.0 + t)).ln())
            }
            FDivergence::TotalVariation => 0.5 * (t - 1.0).abs(),
            FDivergence::HellingerSquared => 0.5 * (t.sqrt() - 1.0).powi(2),
            FDivergence::ChiSquarePearson => (t - 1.0).powi(2),
            FDivergence::ChiSquareNeyman => {
                if t == 0.0 {
                    f64::INFINITY
                } else {
                    (t - 1.0).powi(2) / t
                }
            }
        };
        value + 0.0
    }

    /// f(0): what an outcome with p = 0 < q adds per unit of q.
    pub fn at_zero(self) -> f64 {
        self.f(0.0)
    }

    /// lim f(t)/t as t → ∞: what an outcome with q = 0 < p adds per unit of p.
    pub fn slope_at_infinity(self) -> f64 {
        match self {
            FDivergence::Kl | FDivergence::ChiSquarePearson => f64::INFINITY,
            FDivergence::ReverseKl => 0.0,
            FDivergence::Js => 0.5 * std::f64::consts::LN_2,
            FDivergence::TotalVariation | FDivergence::HellingerSquared => 0.5,
            FDivergence::ChiSquareNeyman => 1.0,
        }
    }

    /// The outcome's term q·f(p/q), computed in a form without cancellation.
    pub fn term(self, p: f64, q: f64) -> f64 {
        let value = match (p > 0.0, q > 0.0) {
            (false, false) => 0.0,
            (true, false) => p * self.slope_at_infinity(),
            (false, true) => q * self.at_zero(),
            (true, true) => match self {
                FDivergence::Kl => super::measures::outcome_terms(p, q).pq,
                FDivergence::ReverseKl => super::measures::outcome_terms(p, q).qp,
                FDivergence::Js => 0.5 * js_term(p, q),
                FDivergence::TotalVariation => 0.5 * (p - q).abs(),
                FDivergence::HellingerSquared => {
                    let gap = (p - q) / (p.sqrt() + q.sqrt());
                    0.5 * gap * gap
                }
                FDivergence::ChiSquarePearson => (p - q) * ((p - q) / q),
                FDivergence::ChiSquareNeyman => (p - q) * ((p - q) / p),
            },
        };
        value + 0.0
    }

    /// The total D_f(P‖Q) from a report of P against Q (nats for KL, reverse KL and JS;
    /// no unit for the others).
    pub fn total(self, report: &Report) -> f64 {
        match self {
            FDivergence::Kl => report.kl_pq,
            FDivergence::ReverseKl => report.kl_qp,
            FDivergence::Js => report.js,
            FDivergence::TotalVariation => report.total_variation,
            FDivergence::HellingerSquared => report.hellinger_squared,
            FDivergence::ChiSquarePearson => report.chi2_pearson,
            FDivergence::ChiSquareNeyman => report.chi2_neyman,
        }
    }

    /// Which way an outcome must fail for this member to be infinite: `Forward` when
    /// q = 0 < p does it (f(t)/t unbounded), `Reverse` when p = 0 < q does (f(0) = ∞).
    pub fn infinite_direction(self) -> Option<Direction> {
        if self.slope_at_infinity() == f64::INFINITY {
            Some(Direction::Forward)
        } else if self.at_zero() == f64::INFINITY {
            Some(Direction::Reverse)
        } else {
            None
        }
    }

    /// The total with the first outcome that makes it infinite, named as the report
    /// names it (its lists `p_without_q`, `q_without_p`).
    pub fn total_with_cause(self, report: &Report) -> Total {
        let value = self.total(report);
        let outcomes = match self.infinite_direction() {
            Some(Direction::Forward) => &report.p_without_q,
            Some(Direction::Reverse) => &report.q_without_p,
            None => return Total::finite(value),
        };
        let cause = outcomes
            .first()
            .map(|&outcome| Cause { outcome, direction: self.infinite_direction().unwrap_or_default() });
        Total { value, cause }
    }

    /// Whether D_f(P‖Q) = D_f(Q‖P) for every P, Q (f(t) = t·f(1/t)).
    pub fn is_symmetric(self) -> bool {
        matches!(self, FDivergence::Js | FDivergence::TotalVariation | FDivergence::HellingerSquared)
    }

    /// The largest value D_f can take (nats for the logarithmic members), if bounded:
    /// f(0) + lim f(t)/t, reached by disjoint supports.
    pub fn bound(self) -> Option<f64> {
        let top = self.at_zero() + self.slope_at_infinity();
        top.is_finite().then_some(top)
    }

    /// Whether D_f itself is a metric (TV is; √JS and √(H²) are, but not JS or H²).
    pub fn is_metric(self) -> bool {
        matches!(self, FDivergence::TotalVariation)
    }
}

/// p ln(2p/(p+q)) + q ln(2q/(p+q)) for p, q > 0, as the report takes it.
fn js_term(p: f64, q: f64) -> f64 {
    let m = 0.5 * (p + q);
    let u = (p - q) / (p + q);
    if u.abs() < 1.0 / 3.0 {
        // m·[(1+u) ln(1+u) + (1−u) ln(1−u)] = m·Σ u^(2k)/(k(2k−1)).
        let u2 = u * u;
        let series: f64 = (1..=20).rev().fold(0.0, |acc, k| {
            let k = f64::from(k);
            acc * u2 + 1.0 / (k * (2.0 * k - 1.0))
        });
        m * u2 * series
    } else {
        (p * (p / m).ln() + q * (q / m).ln()).max(0.0)
    }
}

/// `count` points t evenly spaced on [0, t_max] (t_max > 0), for drawing generators.
pub fn t_grid(t_max: f64, count: usize) -> Vec<f64> {
    let steps = count.max(2) - 1;
    (0..=steps).map(|i| t_max * i as f64 / steps as f64).collect()
}

/// The generator's curve on `ts`: (t, f(t)) for each t, ∞ kept as ∞ (a plot cuts it off).
pub fn generator_curve(member: FDivergence, ts: &[f64]) -> Vec<(f64, f64)> {
    ts.iter().map(|&t| (t, member.f(t))).collect()
}

/// Where each outcome sits on the generators' t axis: t = p/q (∞ for q = 0 < p; `None`
/// for p = q = 0, which adds nothing).
pub fn ratio_points(p: &[f64], q: &[f64]) -> Vec<Option<f64>> {
    p.iter()
        .zip(q)
        .map(|(&p, &q)| match (p > 0.0, q > 0.0) {
            (_, true) => Some(p / q),
            (true, false) => Some(f64::INFINITY),
            (false, false) => None,
        })
        .collect()
}

/// Each outcome's term q·f(p/q) of `member`.
pub fn terms(member: FDivergence, p: &[f64], q: &[f64]) -> Vec<f64> {
    p.iter().zip(q).map(|(&p, &q)| member.term(p, q)).collect()
}
