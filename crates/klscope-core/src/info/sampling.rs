//! Monte-Carlo estimates of KL(P‖Q) and H(P,Q) from samples of P: KL is the average of
//! ln(p(x)/q(x)) over x drawn from P, and H(P,Q) the average of −ln q(x). Watching the
//! running means settle (and their error bars shrink like 1/√n) shows what an expectation
//! is, and why sample-based KL estimates in machine learning are noisy.
//!
//! The three per-sample estimators of KL(P‖Q) used for RLHF's KL penalty, with
//! r = q(x)/p(x) (John Schulman, "Approximating KL divergence"):
//! - k1 = −ln r: unbiased, but negative on every sample where q(x) > p(x);
//! - k2 = ½ (ln r)²: biased, low variance, close to KL when Q is close to P;
//! - k3 = (r − 1) − ln r: unbiased and never negative.
//!
//! The random numbers come from ChaCha8 seeded with a `u64`, so a seed gives the same
//! numbers on every machine and every run. Everything is in nats.

use rand::SeedableRng;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand_chacha::ChaCha8Rng;

/// The most samples one run draws.
pub const MAX_SAMPLES: usize = 1_000_000;

/// About how many [`Checkpoint`]s a run records.
pub const CHECKPOINTS: usize = 300;

/// The running estimates after the first `n` samples, in nats. `kl` is k1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Checkpoint {
    pub n: usize,
    pub kl_mean: f64,
    pub kl_stderr: f64,
    pub cross_mean: f64,
    pub cross_stderr: f64,
    pub k2_mean: f64,
    pub k2_stderr: f64,
    pub k3_mean: f64,
    pub k3_stderr: f64,
}

/// The estimates after all samples, and the running means along the way, in nats.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleRun {
    /// Samples drawn (0 only when P cannot be sampled).
    pub n: usize,
    /// Mean of ln(p(x)/q(x)); +∞ once some x has q(x) = 0.
    pub kl_estimate: f64,
    /// Its standard error sqrt(s²/n), s² the sample variance (0 for a single sample).
    pub kl_stderr: f64,
    /// Mean of −ln q(x); +∞ once some x has q(x) = 0.
    pub cross_entropy_estimate: f64,
    pub cross_entropy_stderr: f64,
    /// Mean of k2 = ½ (ln r)² and its standard error.
    pub k2_estimate: f64,
    pub k2_stderr: f64,
    /// Mean of k3 = (r − 1) − ln r and its standard error.
    pub k3_estimate: f64,
    pub k3_stderr: f64,
    /// The share of samples on which k1 = ln(p/q) is negative (q(x) > p(x)).
    pub k1_negative_fraction: f64,
    /// About [`CHECKPOINTS`] log-spaced sample counts from 1 to `n`, ending with `n`.
    pub checkpoints: Vec<Checkpoint>,
}

impl SampleRun {
    fn empty() -> SampleRun {
        SampleRun {
            n: 0,
            kl_estimate: 0.0,
            kl_stderr: 0.0,
            cross_entropy_estimate: 0.0,
            cross_entropy_stderr: 0.0,
            k2_estimate: 0.0,
            k2_stderr: 0.0,
            k3_estimate: 0.0,
            k3_stderr: 0.0,
            k1_negative_fraction: 0.0,
            checkpoints: Vec::new(),
        }
    }
}

/// Draws `n` outcomes from `p` (`n` clamped to 1..=[`MAX_SAMPLES`]) with the given seed
/// and averages ln(p/q) (k1), −ln q, k2 and k3 over them.
///
/// `p` is sampled in proportion to its values, so it need not sum exactly to 1. If it
/// cannot be sampled at all (empty, all zero, or a negative or non-finite value) the run
/// is empty: `n` = 0, every number 0, no checkpoints. An outcome missing from a shorter
/// `q` counts as q = 0. A sample with q(x) = 0 makes both estimates and their standard
/// errors +∞ from then on; nothing is ever NaN.
pub fn sample(p: &[f64], q: &[f64], n: usize, seed: u64) -> SampleRun {
    let n = n.clamp(1, MAX_SAMPLES);
    let valid = p.iter().all(|x| x.is_finite() && *x >= 0.0) && p.iter().sum::<f64>().is_finite();
    let Some(index) = valid.then(|| WeightedIndex::new(p).ok()).flatten() else {
        return SampleRun::empty();
    };
    // The per-outcome values, once, so the loop only looks them up.
    let neg_log_q: Vec<f64> = (0..p.len())
        .map(|i| match q.get(i) {
            Some(&qi) if qi > 0.0 => -qi.ln(),
            _ => f64::INFINITY,
        })
        .collect();
    let log_ratio: Vec<f64> =
        p.iter().zip(&neg_log_q).map(|(&pi, &nlq)| if pi > 0.0 { pi.ln() + nlq } else { 0.0 }).collect();
    let k2: Vec<f64> = log_ratio.iter().map(|&k1| 0.5 * k1 * k1).collect();
    let k3: Vec<f64> =
        p.iter().zip(q.iter().chain(std::iter::repeat(&0.0))).map(|(&pi, &qi)| k3_term(pi, qi)).collect();

    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let [mut kl, mut cross, mut k2_sum, mut k3_sum] = [Welford::default(); 4];
    let mut negative = 0usize;
    let mut checkpoints = Vec::with_capacity(CHECKPOINTS + 1);
    let mut drawn = 0;
    for mark in checkpoint_counts(n) {
        for _ in drawn..mark {
            let x = index.sample(&mut rng);
            kl.push(log_ratio[x]);
            cross.push(neg_log_q[x]);
            k2_sum.push(k2[x]);
            k3_sum.push(k3[x]);
            negative += usize::from(log_ratio[x] < 0.0);
        }
        drawn = mark;
        checkpoints.push(Checkpoint {
            n: mark,
            kl_mean: kl.mean(),
            kl_stderr: kl.stderr(),
            cross_mean: cross.mean(),
            cross_stderr: cross.stderr(),
            k2_mean: k2_sum.mean(),
            k2_stderr: k2_sum.stderr(),
            k3_mean: k3_sum.mean(),
            k3_stderr: k3_sum.stderr(),
        });
    }
    SampleRun {
        n,
        kl_estimate: kl.mean(),
        kl_stderr: kl.stderr(),
        cross_entropy_estimate: cross.mean(),
        cross_entropy_stderr: cross.stderr(),
        k2_estimate: k2_sum.mean(),
        k2_stderr: k2_sum.stderr(),
        k3_estimate: k3_sum.mean(),
        k3_stderr: k3_sum.stderr(),
        k1_negative_fraction: negative as f64 / n as f64,
        checkpoints,
    }
}

/// k3 = (r − 1) − ln r for r = q/p: never negative, and computed without cancellation
/// where r is close to 1 (there it is about (r − 1)²/2). +∞ where q = 0.
pub fn k3_term(p: f64, q: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if q <= 0.0 {
        return f64::INFINITY;
    }
    let r = q / p;
    let d = r - 1.0;
    if d.abs() < 1e-2 {
        // d − ln(1 + d) = d²/2 − d³/3 + d⁴/4 − …, summed from the small end.
        let terms: f64 = (2..=12).rev().map(|k| (-1f64).powi(k) * d.powi(k) / f64::from(k)).sum();
        terms.max(0.0)
    } else {
        (d - r.ln()).max(0.0)
    }
}

/// About [`CHECKPOINTS`] distinct sample counts, spaced evenly in log from 1 to `n`
/// (every count when `n` is small), ascending and ending with `n`.
pub fn checkpoint_counts(n: usize) -> Vec<usize> {
    let n = n.max(1);
    let steps = CHECKPOINTS - 1;
    let ln_n = (n as f64).ln();
    let mut counts: Vec<usize> =
        (0..=steps).map(|k| ((ln_n * k as f64 / steps as f64).exp().round() as usize).clamp(1, n)).collect();
    counts.push(n);
    counts.dedup();
    counts
}

/// Welford's running mean and variance. An infinite value makes the mean and the
/// standard error +∞ for good (∞ − ∞ would otherwise give NaN).
#[derive(Debug, Default, Clone, Copy)]
struct Welford {
    count: usize,
    mean: f64,
    /// Σ (x − mean)², updated in Welford's stable form.
    m2: f64,
    infinite: bool,
}

impl Welford {
    fn push(&mut self, x: f64) {
        self.count += 1;
        if !x.is_finite() {
            self.infinite = true;
            return;
        }
        let delta = x - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (x - self.mean);
    }

    fn mean(&self) -> f64 {
        if self.infinite { f64::INFINITY } else { self.mean }
    }

    /// sqrt(s²/n) with s² = M2/(n−1); 0 for fewer than two values.
    fn stderr(&self) -> f64 {
        if self.infinite {
            f64::INFINITY
        } else if self.count < 2 {
            0.0
        } else {
            let n = self.count as f64;
            (self.m2.max(0.0) / (n - 1.0) / n).sqrt()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_are_log_spaced_and_end_at_n() {
        let counts = checkpoint_counts(1_000_000);
        assert_eq!((counts[0], counts[counts.len() - 1]), (1, 1_000_000));
        assert!((250..=301).contains(&counts.len()), "{}", counts.len());
        assert!(counts.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(checkpoint_counts(5), [1, 2, 3, 4, 5]);
        assert_eq!(checkpoint_counts(1), [1]);
    }

    #[test]
    fn welford_matches_the_two_pass_formula() {
        let xs = [1.0, 4.0, 2.5, -3.0, 7.25];
        let mut w = Welford::default();
        xs.iter().for_each(|&x| w.push(x));
        let mean = xs.iter().sum::<f64>() / 5.0;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 4.0;
        assert!((w.mean() - mean).abs() < 1e-14 && (w.stderr() - (var / 5.0).sqrt()).abs() < 1e-14);
    }

    #[test]
    fn bad_p_gives_an_empty_run() {
        for p in [&[][..], &[0.0, 0.0], &[0.5, -0.5], &[f64::NAN, 1.0], &[f64::INFINITY, 1.0], &[f64::MAX, f64::MAX]] {
            assert_eq!(sample(p, &[0.5, 0.5], 10, 1).n, 0, "{p:?}");
        }
    }
}
