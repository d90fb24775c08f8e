//! Rényi's divergence D_α(P‖Q) = ln(Σ p^α q^(1−α)) / (α − 1) for α in [0, ∞], and Rényi's
//! entropy H_α(P) = ln(Σ p^α) / (1 − α), with their limits taken exactly:
//! D_0 = −ln Q(supp P), D_1 = KL(P‖Q), D_∞ = ln max p/q (and D_½ = −2 ln Σ √(pq), the
//! Bhattacharyya distance twice, which the general order gives as it stands);
//! H_0 = ln |supp P|, H_1 = H(P), H_∞ = −ln max p.
//!
//! Why not the formula as written: near α = 1 the sum is 1 + O(α − 1) and its logarithm,
//! divided by α − 1, keeps only the digits the sum had beyond 1. With β = 1 − α and
//! r = q/p, each outcome's p·r^β is split as p + β(q − p) + p·g, where
//! g = r^β − 1 − β(r − 1) has one sign for every outcome (r^β is concave in r for β in
//! (0, 1), convex otherwise), so Σ p·g loses nothing to cancellation; Σ (q − p) is the
//! report's compensated sum. Then D_α = ln1p(S − 1)/(α − 1). Where the sum is far from 1
//! (below ½, or so large that a term overflows), the logarithm of the sum is taken
//! directly by log-sum-exp, which is accurate there.

use super::chunk_terms::{CHUNK, ChunkTerms, accurate_log_ratio, polynomial};
use super::direction::Direction;
use super::log_batch::exp_and_excess;
pub use super::renyi_standalone::{renyi_curve, renyi_divergence};

/// The α that `klscope compute` and the report use unless told otherwise: D_2 =
/// ln(1 + χ²(P‖Q)), the collision divergence.
pub const DEFAULT_ALPHA: f64 = 2.0;

/// A divergence's value in nats, and the first outcome that makes it infinite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Total {
    pub value: f64,
    /// The first outcome responsible for an infinite value (for Rényi below α = 1, where
    /// only disjoint supports make it infinite, the first outcome of P's support).
    pub cause: Option<Cause>,
}

/// Which outcome makes a divergence infinite, and which way: `Forward` is q = 0 < p,
/// `Reverse` is p = 0 < q (as in [`super::measure::InfiniteCause`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cause {
    pub outcome: usize,
    pub direction: Direction,
}

impl Total {
    pub(crate) fn finite(value: f64) -> Total {
        Total { value, cause: None }
    }

    pub(crate) fn infinite(outcome: usize, direction: Direction) -> Total {
        Total { value: f64::INFINITY, cause: Some(Cause { outcome, direction }) }
    }
}

/// Whether `alpha` is an order Rényi's divergence has: a number in [0, ∞] (∞ included).
pub fn is_order(alpha: f64) -> bool {
    alpha >= 0.0
}

/// What one outcome with p, q > 0 adds to Σ p·g (see the module's notes): `ell` is
/// ln(p/q), accurate; `exp_y` is e^y for y = (α − 1)·ell, `beta` is 1 − α.
#[inline(always)]
pub(super) fn excess_term(p: f64, q: f64, ell: f64, beta: f64, exp_y: f64) -> f64 {
    let y = -beta * ell;
    // E(y) = e^y − 1 − y: a series where the subtraction would cancel.
    let small_y = y.abs() < 0.5;
    let e_small = y * y * polynomial(y, &EXP_EXCESS_SERIES);
    let e_large = exp_y - 1.0 - y;
    let e = if small_y { e_small } else { e_large };
    // p·L with L = ln(1 + x) − x, x = q/p − 1 = −(p − q)/p: a series for small x, else
    // −p·ell − (q − p), which keeps p·x finite when p is tiny.
    let d = q - p;
    let x = d / p;
    let small_x = x.abs() < 0.1;
    let l_small = p * x * x * polynomial(x, &LN_1P_EXCESS_SERIES);
    let l_large = -p * ell - d;
    let pl = if small_x { l_small } else { l_large };
    p * e + beta * pl
}

/// Σ p·g over a chunk, in four sums side by side (one would be a chain of additions,
/// each waiting for the last). With the report's own term p ln(p/q) − (p − q) = −p·L,
/// which it has without cancellation, p·g = p·E(y) − β·(p ln(p/q) − (p − q)).
#[inline(always)]
fn chunk_excess(p: &[f64], q: &[f64], terms: &ChunkTerms, beta: f64) -> f64 {
    let n = p.len().min(q.len()).min(CHUNK);
    let mut each = [0.0; CHUNK];
    for i in 0..n {
        let ell = terms.log_ratio[i];
        let (_, e) = exp_and_excess(-beta * ell);
        let term = p[i] * e - beta * terms.excess_pq[i];
        each[i] = if p[i] > 0.0 && q[i] > 0.0 { term } else { 0.0 };
    }
    let mut sums = [0.0; 4];
    for four in each.chunks_exact(4) {
        for (sum, x) in sums.iter_mut().zip(four) {
            *sum += x;
        }
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3])
}

/// The same loop compiled for AVX2: four outcomes per instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn chunk_excess_avx2(p: &[f64], q: &[f64], terms: &ChunkTerms, beta: f64) -> f64 {
    chunk_excess(p, q, terms, beta)
}

/// (e^y − 1 − y)/y² = Σ y^k/(k + 2)!: 14 terms reach 1e-17 relative at |y| = ½.
const EXP_EXCESS_SERIES: [f64; 14] = {
    let mut out = [0.0; 14];
    let mut factorial = 2.0;
    let mut k = 0;
    while k < 14 {
        out[k] = 1.0 / factorial;
        factorial *= (k + 3) as f64;
        k += 1;
    }
    out
};

/// (ln(1 + x) − x)/x² = −½ + x/3 − x²/4 + …: 16 terms reach 1e-17 relative at |x| = 0.1.
const LN_1P_EXCESS_SERIES: [f64; 16] = {
    let mut out = [0.0; 16];
    let mut k = 0;
    while k < 16 {
        let sign = if k % 2 == 0 { -1.0 } else { 1.0 };
        out[k] = sign / (k as f64 + 2.0);
        k += 1;
    }
    out
};

/// The sums a Rényi divergence is finished from, gathered in the report's pass or by
/// [`renyi_divergence`] alone.
#[derive(Debug, Clone, Default)]
pub(super) struct RenyiSums {
    /// Σ p·g over outcomes with p, q > 0 (see the module's notes); ∞ or NaN if a term
    /// overflowed.
    pub(super) excess: f64,
    /// Σ p over outcomes with p > 0 = q.
    pub(super) p_lost: f64,
    /// Σ q over outcomes with q > 0 = p, and over those with p, q > 0.
    pub(super) q_lost: f64,
    pub(super) q_kept: f64,
    /// max ln(p/q) over outcomes with p, q > 0 (−∞ if none).
    pub(super) max_log_ratio: f64,
}

impl RenyiSums {
    pub(super) fn new() -> RenyiSums {
        RenyiSums { max_log_ratio: f64::NEG_INFINITY, ..RenyiSums::default() }
    }

    /// Adds Σ p·g over one chunk of the report's pass, given its terms (ln(p/q) and
    /// p ln(p/q) − (p − q) where p, q > 0); only for an α other than 0, 1 and ∞.
    pub(super) fn add_chunk(&mut self, p: &[f64], q: &[f64], terms: &ChunkTerms, beta: f64) {
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked on the line above.
            self.excess += unsafe { chunk_excess_avx2(p, q, terms, beta) };
            return;
        }
        self.excess += chunk_excess(p, q, terms, beta);
    }

    /// Fills in what the report's pass does not gather outcome by outcome, from the
    /// outcomes one side rules out (few, usually) and, only where the order needs it, a
    /// scan of P and Q.
    pub(super) fn complete(&mut self, p: &[f64], q: &[f64], p_without_q: &[usize], q_without_p: &[usize], alpha: f64) {
        self.p_lost = p_without_q.iter().map(|&i| p[i]).sum();
        self.q_lost = q_without_p.iter().map(|&i| q[i]).sum();
        let both = || p.iter().zip(q).filter(|(p, q)| **p > 0.0 && **q > 0.0);
        // Q's mass on P's support: 1 less what it puts elsewhere, when that is little and
        // Q covers all of P (so they overlap); else summed, since 1 − a number near 1
        // would round away what is left.
        self.q_kept =
            if p_without_q.is_empty() && self.q_lost <= 0.5 { 1.0 - self.q_lost } else { both().map(|(_, q)| q).sum() };
        if alpha == f64::INFINITY {
            self.max_log_ratio = both().map(|(&p, &q)| accurate_log_ratio(p, q)).fold(f64::NEG_INFINITY, f64::max);
        }
    }

    pub(super) fn merge(&mut self, later: RenyiSums) {
        self.excess += later.excess;
    }
}

/// What else finishing needs: KL(P‖Q) for α = 1, the compensated Σ (p − q) over
/// outcomes with p, q > 0, and the first outcome with p > 0 = q.
pub(super) struct Known {
    pub(super) kl: f64,
    pub(super) diff: f64,
    pub(super) first_p_without_q: Option<usize>,
}

/// D_α from its sums; `fallback` computes ln Σ p^α q^(1−α) directly (log-sum-exp) for
/// when the sum is far from 1.
pub(super) fn finish(alpha: f64, sums: &RenyiSums, known: &Known, fallback: impl FnOnce() -> f64) -> Total {
    let forward = |outcome: Option<usize>| Total::infinite(outcome.unwrap_or(0), Direction::Forward);
    // No outcome has p, q > 0: the supports are disjoint, Σ p^α q^(1−α) = 0 for every
    // α < 1, and every outcome of P is one that Q rules out.
    let disjoint = sums.q_kept <= 0.0;
    if disjoint || alpha >= 1.0 && known.first_p_without_q.is_some() {
        return forward(known.first_p_without_q);
    }
    let value = if alpha == 1.0 {
        known.kl
    } else if alpha == f64::INFINITY {
        sums.max_log_ratio
    } else if alpha == 0.0 {
        // Q(supp P) = 1 − Q's mass where P has none, or (when that is most of Q, and
        // 1 − it would round away what is left) the mass itself.
        if sums.q_lost <= 0.5 { -(-sums.q_lost).ln_1p() } else { -sums.q_kept.ln() }
    } else {
        let beta = 1.0 - alpha;
        let s_minus_1 = sums.excess - beta * known.diff - sums.p_lost;
        if s_minus_1.is_finite() && s_minus_1 >= -0.5 {
            s_minus_1.ln_1p() / (alpha - 1.0)
        } else {
            fallback() / (alpha - 1.0)
        }
    };
    // "+ 0.0" turns −0 into 0, so nothing prints as "-0".
    Total::finite(value.max(0.0) + 0.0)
}

/// ln Σ p^α q^(1−α) over outcomes with p, q > 0, by log-sum-exp (for α in (0, ∞), α ≠ 1).
pub(super) fn log_power_sum(p: &[f64], q: &[f64], alpha: f64) -> f64 {
    let beta = 1.0 - alpha;
    let exponent = |(&p, &q): (&f64, &f64)| (p > 0.0 && q > 0.0).then(|| p.ln() - beta * accurate_log_ratio(p, q));
    let top = p.iter().zip(q).filter_map(exponent).fold(f64::NEG_INFINITY, f64::max);
    if top == f64::NEG_INFINITY {
        return top;
    }
    let sum: f64 = p.iter().zip(q).filter_map(exponent).map(|t| (t - top).exp()).sum();
    top + sum.ln()
}

/// The sums of [`RenyiSums`] and the compensated Σ (p − q) for one α, outcome by outcome.
pub(super) fn sums_of(p: &[f64], q: &[f64], alpha: f64) -> (RenyiSums, f64, Option<usize>) {
    let mut sums = RenyiSums::new();
    let beta = 1.0 - alpha;
    let general = alpha.is_finite() && alpha != 0.0 && alpha != 1.0;
    let (mut diff, mut compensation) = (0.0f64, 0.0f64);
    let mut first_p_without_q = None;
    for (i, (&p, &q)) in p.iter().zip(q).enumerate() {
        match (p > 0.0, q > 0.0) {
            (true, true) => {
                sums.q_kept += q;
                let ell = accurate_log_ratio(p, q);
                sums.max_log_ratio = sums.max_log_ratio.max(ell);
                if general {
                    sums.excess += excess_term(p, q, ell, beta, (-beta * ell).exp());
                }
                // Neumaier's compensated sum of p − q.
                let x = p - q;
                let t = diff + x;
                compensation += if diff.abs() >= x.abs() { (diff - t) + x } else { (x - t) + diff };
                diff = t;
            }
            (true, false) => {
                sums.p_lost += p;
                first_p_without_q.get_or_insert(i);
            }
            (false, true) => sums.q_lost += q,
            (false, false) => {}
        }
    }
    (sums, diff + compensation, first_p_without_q)
}

/// H_α(P) in nats for α in [0, ∞]: ln Σ p^α / (1 − α), with H_0 = ln |supp P|,
/// H_1 = H(P), H_∞ = −ln max p. Near α = 1 the sum is taken as 1 + Σ p·(e^((α−1) ln p) − 1),
/// whose terms all have one sign.
pub fn renyi_entropy(p: &[f64], alpha: f64) -> f64 {
    if !is_order(alpha) {
        return f64::NAN;
    }
    let support = p.iter().filter(|&&x| x > 0.0);
    if alpha == 0.0 {
        return (support.count() as f64).ln();
    }
    if alpha == 1.0 {
        return -support.map(|&x| x * x.ln()).sum::<f64>() + 0.0;
    }
    if alpha == f64::INFINITY {
        return -support.fold(0.0f64, |a, &b| a.max(b)).ln() + 0.0;
    }
    let gamma = alpha - 1.0;
    let s_minus_1: f64 = support.clone().map(|&x| x * (gamma * x.ln()).exp_m1()).sum();
    let log_sum = if s_minus_1.is_finite() && s_minus_1 >= -0.5 {
        s_minus_1.ln_1p()
    } else {
        let top = support.clone().map(|&x| alpha * x.ln()).fold(f64::NEG_INFINITY, f64::max);
        top + support.map(|&x| (alpha * x.ln() - top).exp()).sum::<f64>().ln()
    };
    (log_sum / (1.0 - alpha)).max(0.0) + 0.0
}

/// The orders the "D_α against α" plot samples by default: 0 to 10 with more points
/// near 0 and 1, where the curve bends most.
pub fn alpha_grid() -> Vec<f64> {
    let mut grid: Vec<f64> = (0..=40).map(|i| f64::from(i) / 40.0 * 2.0).collect();
    grid.extend((9..=40).map(|i| f64::from(i) / 4.0));
    grid
}
