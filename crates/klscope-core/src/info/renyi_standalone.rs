//! Rényi's divergence on its own, outside the report's pass: at one order, or over a
//! grid of orders for the "D_α against α" plot. It takes KL from the report at α = 1,
//! so it sits above both the report and the Rényi kernel (`renyi.rs`).

use super::measures::Report;
use super::renyi::{Known, Total, finish, is_order, log_power_sum, sums_of};

/// D_α(P‖Q) in nats for α in [0, ∞] (`f64::INFINITY` for α = ∞), with the first outcome
/// that makes it infinite. An α outside [0, ∞] (or NaN) gives NaN: check with [`is_order`].
pub fn renyi_divergence(p: &[f64], q: &[f64], alpha: f64) -> Total {
    if !is_order(alpha) {
        return Total::finite(f64::NAN);
    }
    let n = p.len().min(q.len());
    let (p, q) = (&p[..n], &q[..n]);
    let (sums, diff, first_p_without_q) = sums_of(p, q, alpha);
    let kl = if alpha == 1.0 { Report::compute(p, q).kl_pq } else { 0.0 };
    finish(alpha, &sums, &Known { kl, diff, first_p_without_q }, || log_power_sum(p, q, alpha))
}

/// D_α for each of `alphas` (nats), as (α, value) pairs: the points of the plot.
pub fn renyi_curve(p: &[f64], q: &[f64], alphas: &[f64]) -> Vec<(f64, f64)> {
    alphas.iter().map(|&alpha| (alpha, renyi_divergence(p, q, alpha).value)).collect()
}
