//! Every measure of a pair (P, Q), and every per-outcome term, in one pass.
//!
//! Values are in nats. Accuracy: each term is computed in a form without catastrophic
//! cancellation (see `chunk_terms`), so results agree with a high-precision
//! reference to about 1e-12 relative even when P and Q are nearly equal or hold values
//! near 1e-300.

use super::chunk_terms::{CHUNK, ChunkTerms, accurate_log_ratio, third_log_argument};
use super::log_batch::ln_each;
use super::renyi::{self, Known, RenyiSums, Total};
use super::unit::Unit;

/// All measures of P against Q, in nats (total variation and Hellinger are unitless).
/// Only totals: the per-outcome terms come from [`outcome_terms`], so that computing a
/// report of a million outcomes writes no per-outcome memory at all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// H(P) = −Σ p ln p
    pub entropy_p: f64,
    /// H(Q) = −Σ q ln q
    pub entropy_q: f64,
    /// H(P,Q) = −Σ p ln q; ∞ when some p > 0 has q = 0.
    pub cross_entropy_pq: f64,
    /// H(Q,P) = −Σ q ln p; ∞ when some q > 0 has p = 0.
    pub cross_entropy_qp: f64,
    /// KL(P‖Q) = Σ p ln(p/q)
    pub kl_pq: f64,
    /// KL(Q‖P) = Σ q ln(q/p)
    pub kl_qp: f64,
    /// JS(P,Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = (P+Q)/2; always ≤ ln 2.
    pub js: f64,
    /// ½ Σ |p − q|, in [0, 1].
    pub total_variation: f64,
    /// sqrt(½ Σ (√p − √q)²), in [0, 1].
    pub hellinger: f64,
    /// ½ Σ (√p − √q)² = 1 − Σ √(pq), in [0, 1]: the f-divergence of ½(√t − 1)².
    pub hellinger_squared: f64,
    /// Pearson's χ²(P‖Q) = Σ (p − q)²/q; ∞ when some p > 0 has q = 0.
    pub chi2_pearson: f64,
    /// Neyman's χ²(P‖Q) = Σ (p − q)²/p; ∞ when some q > 0 has p = 0.
    pub chi2_neyman: f64,
    /// Outcomes with p > 0 and q = 0: each makes KL(P‖Q) and H(P,Q) infinite.
    pub p_without_q: Vec<usize>,
    /// Outcomes with q > 0 and p = 0: each makes KL(Q‖P) and H(Q,P) infinite.
    pub q_without_p: Vec<usize>,
    /// How many outcomes the report is of.
    pub outcomes: usize,
}

/// What one outcome adds to the measures, in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutcomeTerms {
    /// p·ln(p/q): ∞ where q = 0 < p, 0 where p = 0.
    pub pq: f64,
    /// q·ln(q/p): ∞ where p = 0 < q, 0 where q = 0.
    pub qp: f64,
    /// −ln p (∞ where p = 0).
    pub surprise_p: f64,
    /// −ln q (∞ where q = 0).
    pub surprise_q: f64,
}

/// The terms of one outcome with probabilities `p` and `q`, computed exactly as the
/// report's sums are (so they add up to its KLs).
pub fn outcome_terms(p: f64, q: f64) -> OutcomeTerms {
    let (lp, lq) = (p.ln(), q.ln());
    // "+ 0.0" turns −0 (from −ln 1) into 0, so nothing prints as "-0".
    let (surprise_p, surprise_q) = (-lp + 0.0, -lq + 0.0);
    let (pq, qp) = match (p > 0.0, q > 0.0) {
        (true, true) => {
            let log_ratio = accurate_log_ratio(p, q);
            (p * log_ratio + 0.0, -q * log_ratio + 0.0)
        }
        (true, false) => (f64::INFINITY, 0.0),
        (false, true) => (0.0, f64::INFINITY),
        // 0·log(0/0) = 0.
        (false, false) => (0.0, 0.0),
    };
    OutcomeTerms { pq, qp, surprise_p, surprise_q }
}

/// Above this many outcomes the work is split in two halves computed side by side. The
/// split is fixed, so results do not depend on the machine.
const PARALLEL_FROM: usize = 100_000;

/// What the report's pass computes beyond the measures of P and Q alone: Rényi's
/// divergence at one order and W₁ at the outcomes' positions.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// The order α of D_α (in [0, ∞]), if wanted.
    pub alpha: Option<f64>,
    /// W₁ is wanted: at these positions (strictly increasing, one per outcome), or at
    /// 0, 1, 2, … when `None`.
    pub wasserstein: Option<Option<&'a [f64]>>,
}

/// The extras' values, in nats where they have a unit (W₁ is in the positions' units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExtraValues {
    /// (α, D_α(P‖Q)) if α was asked for.
    pub renyi: Option<(f64, Total)>,
    /// W₁(P, Q) if asked for.
    pub wasserstein1: Option<f64>,
}

impl Report {
    /// Computes everything for probabilities `p` and `q` (same length, each summing to 1).
    /// If the lengths differ, the extra outcomes of the longer list are ignored.
    pub fn compute(p: &[f64], q: &[f64]) -> Report {
        Report::compute_with(p, q, &Extras::default()).0
    }

    /// [`Report::compute`], and in the same pass Rényi's divergence at `extras.alpha` and
    /// Wasserstein-1 at `extras.wasserstein`'s positions.
    pub fn compute_with(p: &[f64], q: &[f64], extras: &Extras) -> (Report, ExtraValues) {
        debug_assert_eq!(p.len(), q.len(), "P and Q need the same outcomes");
        let n = p.len().min(q.len());
        let (p, q) = (&p[..n], &q[..n]);
        // An α outside [0, ∞] has no divergence: it is left out rather than made NaN.
        let alpha = extras.alpha.filter(|&a| renyi::is_order(a));
        let positions = extras.wasserstein.map(|given| given.filter(|x| x.len() == n));
        let pass = Pass { alpha, positions, outcomes: n };
        let sums = if n < PARALLEL_FROM {
            Sums::over(p, q, 0, 0.0, &pass)
        } else {
            let half = n / 2;
            let pass = &pass;
            let later_half = move || {
                // W₁ adds |F_P − F_Q| outcome by outcome: the later half starts from the
                // difference the first half ends with.
                let start = if pass.positions.is_some() { plain_difference(&p[..half], &q[..half]) } else { 0.0 };
                Sums::over(&p[half..], &q[half..], half, start, pass)
            };
            let (mut sums, rest) = std::thread::scope(|scope| {
                let later = std::thread::Builder::new().spawn_scoped(scope, later_half);
                let sums = Sums::over(&p[..half], &q[..half], 0, 0.0, pass);
                // Plain arithmetic cannot panic; should it anyway, pass the panic on.
                let rest =
                    later.ok().map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
                (sums, rest)
            });
            // No thread to be had (always so in the browser): do the second half here.
            let rest = rest.unwrap_or_else(later_half);
            sums.merge(rest);
            sums
        };
        sums.into_report(n, p, q, &pass)
    }

    /// The terms of outcome `index` of `p` and `q`.
    pub fn terms(p: &[f64], q: &[f64], index: usize) -> OutcomeTerms {
        outcome_terms(p.get(index).copied().unwrap_or(0.0), q.get(index).copied().unwrap_or(0.0))
    }

    /// Every total, bit for bit, and how many outcomes make each KL infinite: what the
    /// measures on screen are drawn from (two reports with equal fingerprints look alike).
    pub fn fingerprint(&self) -> [u64; 13] {
        let totals = [
            self.entropy_p,
            self.entropy_q,
            self.cross_entropy_pq,
            self.cross_entropy_qp,
            self.kl_pq,
            self.kl_qp,
            self.js,
            self.total_variation,
            self.hellinger,
            self.chi2_pearson,
            self.chi2_neyman,
        ];
        let mut out = [0; 13];
        for (slot, total) in out.iter_mut().zip(totals) {
            *slot = total.to_bits();
        }
        out[11] = self.p_without_q.len() as u64;
        out[12] = self.q_without_p.len() as u64;
        out
    }

    /// The Jensen–Shannon distance √JS, with JS taken in `unit` (as scipy does).
    pub fn js_distance(&self, unit: Unit) -> f64 {
        unit.from_nats(self.js).sqrt()
    }

    /// Number of outcomes.
    pub fn len(&self) -> usize {
        self.outcomes
    }

    pub fn is_empty(&self) -> bool {
        self.outcomes == 0
    }
}

/// ln(p/q): ∞ when only q is 0, −∞ when only p is 0, NaN (no value) when both are.
pub fn log_ratio(p: f64, q: f64) -> f64 {
    match (p > 0.0, q > 0.0) {
        (true, true) => (p / q).ln(),
        (true, false) => f64::INFINITY,
        (false, true) => f64::NEG_INFINITY,
        (false, false) => f64::NAN,
    }
}

/// Running sums over a stretch of outcomes. Non-negative sums are summed plainly
/// (relative error ≤ n·ε); the signed sum of p − q is compensated, because the KLs are
/// that sum plus non-negative parts.
#[derive(Default)]
struct Sums {
    entropy_p: f64,
    entropy_q: f64,
    cross_pq: f64,
    cross_qp: f64,
    /// Σ [p ln(p/q) − (p − q)] ≥ 0 where both > 0
    excess_pq: f64,
    /// Σ [q ln(q/p) − (q − p)] ≥ 0 where both > 0
    excess_qp: f64,
    /// Σ (p − q) where both > 0
    diff: NeumaierSum,
    /// Σ [p ln(p/m) + q ln(q/m)] = 2 JS
    js2: f64,
    abs_diff: f64,
    hellinger2: f64,
    chi2_pearson: f64,
    chi2_neyman: f64,
    p_without_q: Vec<usize>,
    q_without_p: Vec<usize>,
    renyi: RenyiSums,
    /// F_P − F_Q after the last outcome added, and Σ |F_P − F_Q|·gap so far.
    cumulative: f64,
    wasserstein1: f64,
}

/// What one pass computes besides the measures of P and Q alone.
struct Pass<'a> {
    alpha: Option<f64>,
    /// `Some(None)`: W₁ at 0, 1, 2, …; `Some(Some(x))`: at positions x.
    positions: Option<Option<&'a [f64]>>,
    /// All outcomes, not just this stretch's: the last one has no gap after it.
    outcomes: usize,
}

/// Σ (p − q) in four sums side by side: where the later half's F_P − F_Q starts.
fn plain_difference(p: &[f64], q: &[f64]) -> f64 {
    let mut sums = [0.0; 4];
    let (p4, q4) = (p.chunks_exact(4), q.chunks_exact(4));
    let rest: f64 = p4.remainder().iter().zip(q4.remainder()).map(|(p, q)| p - q).sum();
    for (p, q) in p4.zip(q4) {
        for ((sum, p), q) in sums.iter_mut().zip(p).zip(q) {
            *sum += p - q;
        }
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3]) + rest
}

impl Sums {
    /// Sums over `p`, `q` (outcome numbers start at `offset`), a chunk at a time: the
    /// logarithms of a chunk are taken in tight loops of their own (vectorised, see
    /// `log_batch`), so that the arithmetic around them needs no function call (each call
    /// would spill every live register, which cost more than the logarithms themselves).
    fn over(p: &[f64], q: &[f64], offset: usize, cumulative: f64, pass: &Pass) -> Sums {
        let mut s = Sums { renyi: RenyiSums::new(), cumulative, ..Sums::default() };
        let (mut lp, mut lq, mut third, mut argument) = ([0.0; CHUNK], [0.0; CHUNK], [0.0; CHUNK], [0.0; CHUNK]);
        for start in (0..p.len()).step_by(CHUNK) {
            let (p, q) = (&p[start..(start + CHUNK).min(p.len())], &q[start..(start + CHUNK).min(q.len())]);
            for i in 0..p.len() {
                argument[i] = third_log_argument(p[i], q[i]);
            }
            ln_each(p, &mut lp);
            ln_each(q, &mut lq);
            ln_each(&argument[..p.len()], &mut third);
            let terms = ChunkTerms::of(p, q, &lp, &lq, &third);
            s.add_chunk(p, q, &terms, offset + start);
            if let Some(alpha) = pass.alpha.filter(|&a| a.is_finite() && a != 0.0 && a != 1.0) {
                s.renyi.add_chunk(p, q, &terms, 1.0 - alpha);
            }
            match pass.positions {
                Some(None) => s.add_transport(p, q, offset + start, |i| if i + 1 < pass.outcomes { 1.0 } else { 0.0 }),
                Some(Some(x)) => {
                    s.add_transport(p, q, offset + start, |i| x.get(i + 1).map_or(0.0, |next| next - x[i]))
                }
                None => {}
            }
        }
        s
    }

    /// Adds |F_P − F_Q| after each outcome, times the gap to the next (0 after the last).
    /// A running sum is a chain of additions each waiting for the last; the chunk is cut
    /// in four lanes summed side by side, then each lane's start is added back, so that
    /// the chain is a quarter as long.
    #[inline(always)]
    fn add_transport(&mut self, p: &[f64], q: &[f64], offset: usize, gap: impl Fn(usize) -> f64) {
        const LANES: usize = 4;
        const WIDTH: usize = CHUNK / LANES;
        let n = p.len().min(q.len()).min(CHUNK);
        let mut d = [0.0; CHUNK];
        for i in 0..n {
            d[i] = p[i] - q[i];
        }
        let (mut local, mut lane_sums) = ([0.0; CHUNK], [0.0; LANES]);
        for j in 0..WIDTH {
            for (k, sum) in lane_sums.iter_mut().enumerate() {
                *sum += d[k * WIDTH + j];
                local[k * WIDTH + j] = *sum;
            }
        }
        let mut starts = [self.cumulative; LANES];
        for k in 1..LANES {
            starts[k] = starts[k - 1] + lane_sums[k - 1];
        }
        // Each outcome's share first, then four sums of them side by side.
        let mut each = [0.0; CHUNK];
        for i in 0..n {
            each[i] = (starts[i / WIDTH] + local[i]).abs() * gap(offset + i);
        }
        let mut sums = [0.0; LANES];
        for four in each.chunks_exact(LANES) {
            for (sum, x) in sums.iter_mut().zip(four) {
                *sum += x;
            }
        }
        let total = (sums[0] + sums[1]) + (sums[2] + sums[3]);
        self.cumulative = starts[LANES - 1] + lane_sums[LANES - 1];
        self.wasserstein1 += total;
    }

    /// Adds the outcomes of one chunk, given their terms.
    fn add_chunk(&mut self, p: &[f64], q: &[f64], terms: &ChunkTerms, offset: usize) {
        for i in 0..p.len() {
            self.entropy_p -= terms.entropy_p[i];
            self.entropy_q -= terms.entropy_q[i];
            self.cross_pq -= terms.cross_pq[i];
            self.cross_qp -= terms.cross_qp[i];
            self.excess_pq += terms.excess_pq[i];
            self.excess_qp += terms.excess_qp[i];
            self.js2 += terms.js2[i];
            self.hellinger2 += terms.hellinger2[i];
            self.abs_diff += (p[i] - q[i]).abs();
            self.chi2_pearson += terms.chi2_pearson[i];
            self.chi2_neyman += terms.chi2_neyman[i];
        }
        for i in 0..p.len() {
            match (p[i] > 0.0, q[i] > 0.0) {
                (true, true) => self.diff.add(p[i] - q[i]),
                (true, false) => {
                    self.cross_pq = f64::INFINITY;
                    self.p_without_q.push(offset + i);
                }
                (false, true) => {
                    self.cross_qp = f64::INFINITY;
                    self.q_without_p.push(offset + i);
                }
                (false, false) => {}
            }
        }
    }

    /// Adds the sums of the stretch that follows this one.
    fn merge(&mut self, later: Sums) {
        self.entropy_p += later.entropy_p;
        self.entropy_q += later.entropy_q;
        self.cross_pq += later.cross_pq;
        self.cross_qp += later.cross_qp;
        self.excess_pq += later.excess_pq;
        self.excess_qp += later.excess_qp;
        self.diff.add(later.diff.sum);
        self.diff.add(later.diff.compensation);
        self.js2 += later.js2;
        self.abs_diff += later.abs_diff;
        self.hellinger2 += later.hellinger2;
        self.chi2_pearson += later.chi2_pearson;
        self.chi2_neyman += later.chi2_neyman;
        self.p_without_q.extend(later.p_without_q);
        self.q_without_p.extend(later.q_without_p);
        self.renyi.merge(later.renyi);
        self.cumulative = later.cumulative;
        self.wasserstein1 += later.wasserstein1;
    }

    fn into_report(self, outcomes: usize, p: &[f64], q: &[f64], pass: &Pass) -> (Report, ExtraValues) {
        let diff = self.diff.total();
        let kl_pq = if self.p_without_q.is_empty() { (self.excess_pq + diff).max(0.0) } else { f64::INFINITY };
        let kl_qp = if self.q_without_p.is_empty() { (self.excess_qp - diff).max(0.0) } else { f64::INFINITY };
        let mut sums_renyi = self.renyi;
        let renyi = pass.alpha.map(|alpha| {
            sums_renyi.complete(p, q, &self.p_without_q, &self.q_without_p, alpha);
            let known = Known { kl: kl_pq, diff, first_p_without_q: self.p_without_q.first().copied() };
            (alpha, renyi::finish(alpha, &sums_renyi, &known, || renyi::log_power_sum(p, q, alpha)))
        });
        let extras = ExtraValues { renyi, wasserstein1: pass.positions.map(|_| self.wasserstein1) };
        let report = Report {
            entropy_p: self.entropy_p,
            entropy_q: self.entropy_q,
            cross_entropy_pq: self.cross_pq,
            cross_entropy_qp: self.cross_qp,
            kl_pq,
            kl_qp,
            js: (0.5 * self.js2).clamp(0.0, std::f64::consts::LN_2),
            total_variation: (0.5 * self.abs_diff).min(1.0),
            hellinger: (0.5 * self.hellinger2).sqrt().min(1.0),
            hellinger_squared: (0.5 * self.hellinger2).min(1.0),
            chi2_pearson: if self.p_without_q.is_empty() { self.chi2_pearson } else { f64::INFINITY },
            chi2_neyman: if self.q_without_p.is_empty() { self.chi2_neyman } else { f64::INFINITY },
            p_without_q: self.p_without_q,
            q_without_p: self.q_without_p,
            outcomes,
        };
        (report, extras)
    }
}

/// Kahan–Babuška (Neumaier) compensated summation.
#[derive(Default)]
struct NeumaierSum {
    sum: f64,
    compensation: f64,
}

impl NeumaierSum {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }

    fn total(&self) -> f64 {
        self.sum + self.compensation
    }
}
