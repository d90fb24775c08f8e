//! Every measure of a pair (P, Q), and every per-outcome term, in one pass.
//!
//! Values are in nats. Accuracy: each term is computed in a form without catastrophic
//! cancellation (see `ChunkTerms::of` and `accurate_log_ratio`), so results agree with a high-precision
//! reference to about 1e-12 relative even when P and Q are nearly equal or hold values
//! near 1e-300.

use super::log_batch::ln_each;
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

impl Report {
    /// Computes everything for probabilities `p` and `q` (same length, each summing to 1).
    /// If the lengths differ, the extra outcomes of the longer list are ignored.
    pub fn compute(p: &[f64], q: &[f64]) -> Report {
        debug_assert_eq!(p.len(), q.len(), "P and Q need the same outcomes");
        let n = p.len().min(q.len());
        let (p, q) = (&p[..n], &q[..n]);
        let sums = if n < PARALLEL_FROM {
            Sums::over(p, q, 0)
        } else {
            let half = n / 2;
            let (mut sums, rest) = std::thread::scope(|scope| {
                let later =
                    std::thread::Builder::new().spawn_scoped(scope, move || Sums::over(&p[half..], &q[half..], half));
                let sums = Sums::over(&p[..half], &q[..half], 0);
                // Plain arithmetic cannot panic; should it anyway, pass the panic on.
                let rest =
                    later.ok().map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
                (sums, rest)
            });
            // No thread to be had (always so in the browser): do the second half here.
            let rest = rest.unwrap_or_else(|| Sums::over(&p[half..], &q[half..], half));
            sums.merge(rest);
            sums
        };
        sums.into_report(n)
    }

    /// The terms of outcome `index` of `p` and `q`.
    pub fn terms(p: &[f64], q: &[f64], index: usize) -> OutcomeTerms {
        outcome_terms(p.get(index).copied().unwrap_or(0.0), q.get(index).copied().unwrap_or(0.0))
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
    p_without_q: Vec<usize>,
    q_without_p: Vec<usize>,
}

impl Sums {
    /// Sums over `p`, `q` (outcome numbers start at `offset`), a chunk at a time: the
    /// logarithms of a chunk are taken in tight loops of their own (vectorised, see
    /// `log_batch`), so that the arithmetic around them needs no function call (each call
    /// would spill every live register, which cost more than the logarithms themselves).
    fn over(p: &[f64], q: &[f64], offset: usize) -> Sums {
        let mut s = Sums::default();
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
        }
        s
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
        self.p_without_q.extend(later.p_without_q);
        self.q_without_p.extend(later.q_without_p);
    }

    fn into_report(self, outcomes: usize) -> Report {
        let diff = self.diff.total();
        let kl_pq = if self.p_without_q.is_empty() { (self.excess_pq + diff).max(0.0) } else { f64::INFINITY };
        let kl_qp = if self.q_without_p.is_empty() { (self.excess_qp - diff).max(0.0) } else { f64::INFINITY };
        Report {
            entropy_p: self.entropy_p,
            entropy_q: self.entropy_q,
            cross_entropy_pq: self.cross_pq,
            cross_entropy_qp: self.cross_qp,
            kl_pq,
            kl_qp,
            js: (0.5 * self.js2).clamp(0.0, std::f64::consts::LN_2),
            total_variation: (0.5 * self.abs_diff).min(1.0),
            hellinger: (0.5 * self.hellinger2).sqrt().min(1.0),
            p_without_q: self.p_without_q,
            q_without_p: self.q_without_p,
            outcomes,
        }
    }
}

/// What each outcome of a chunk adds to each sum (0 where it adds nothing; infinite
/// cross-entropies are flagged separately). Every outcome is computed the same way, each
/// branch's value computed and one picked, so that the loop runs several outcomes per
/// instruction: a branch on "p/q near 1" is mispredicted half the time on real data.
struct ChunkTerms {
    entropy_p: [f64; CHUNK],
    entropy_q: [f64; CHUNK],
    cross_pq: [f64; CHUNK],
    cross_qp: [f64; CHUNK],
    excess_pq: [f64; CHUNK],
    excess_qp: [f64; CHUNK],
    js2: [f64; CHUNK],
    hellinger2: [f64; CHUNK],
}

/// Outcomes per chunk: small enough for the stack and the cache.
const CHUNK: usize = 256;

impl ChunkTerms {
    fn of(p: &[f64], q: &[f64], lp: &[f64; CHUNK], lq: &[f64; CHUNK], third: &[f64; CHUNK]) -> ChunkTerms {
        let mut t = ChunkTerms {
            entropy_p: [0.0; CHUNK],
            entropy_q: [0.0; CHUNK],
            cross_pq: [0.0; CHUNK],
            cross_qp: [0.0; CHUNK],
            excess_pq: [0.0; CHUNK],
            excess_qp: [0.0; CHUNK],
            js2: [0.0; CHUNK],
            hellinger2: [0.0; CHUNK],
        };
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked on the line above.
            unsafe { fill_avx2(&mut t, p, q, lp, lq, third) };
            return t;
        }
        fill(&mut t, p, q, lp, lq, third);
        t
    }
}

/// The same loop compiled for AVX2: four outcomes per instruction.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn fill_avx2(t: &mut ChunkTerms, p: &[f64], q: &[f64], lp: &[f64; CHUNK], lq: &[f64; CHUNK], third: &[f64; CHUNK]) {
    fill(t, p, q, lp, lq, third);
}

#[inline(always)]
fn fill(t: &mut ChunkTerms, p: &[f64], q: &[f64], lp: &[f64; CHUNK], lq: &[f64; CHUNK], third: &[f64; CHUNK]) {
    let n = p.len().min(q.len()).min(CHUNK);
    for i in 0..n {
        let (p, q, lp, lq, third) = (p[i], q[i], lp[i], lq[i], third[i]);
        let (has_p, has_q) = (p > 0.0, q > 0.0);
        let both = has_p && has_q;
        let close = is_close(p, q);
        let d = p - q;
        // KL as Σ [p ln(p/q) − (p − q)] + Σ (p − q): both excess terms are ≥ 0. Close
        // ratios use x = p/q − 1 and ln(1 + x) (see `accurate_log_ratio`), with a
        // series for (1 + x) ln(1 + x) − x where it would cancel.
        let x = d / q;
        let tiny = x.abs() < 0.01;
        let log_1p = if tiny { x * polynomial(x, &LN_1P_SERIES) } else { third };
        let excess_close =
            if tiny { x * x * polynomial(-x, &EXCESS_SERIES) } else { ((1.0 + x) * log_1p - x).max(0.0) };
        let excess_pq_close = q * excess_close;
        let excess_qp_close = (d * log_1p - excess_pq_close).max(0.0);
        // Far ratios: ln p − ln q.
        let log_far = lp - lq;
        let (excess_pq, excess_qp) =
            if close { (excess_pq_close, excess_qp_close) } else { (p * log_far - d, d - q * log_far) };
        // JS: p ln(p/m) + q ln(q/m), m = (p + q)/2. With u = (p − q)/(p + q) it is
        // m·[(1+u) ln(1+u) + (1−u) ln(1−u)], whose series in u has only positive
        // terms: 16 reach 1e-17 relative at |u| = 1/3 (the edge of "close"). Far, ln m
        // (the third logarithm) sits well apart from ln p or ln q. Either is the same,
        // bit for bit, for (q, p): the series is even in u, and u of (q, p) is −u.
        let sum = p + q;
        let u = d / sum;
        let u2 = u * u;
        let js_close = 0.5 * sum * u2 * polynomial(u2, &JS_SERIES);
        let js_far = (p * (lp - third) + q * (lq - third)).max(0.0);
        let js_one_sided = (p + q) * std::f64::consts::LN_2;
        let (root_p, root_q) = (p.sqrt(), q.sqrt());
        let root_gap = if close { d / (root_p + root_q) } else { root_p - root_q };
        t.entropy_p[i] = if has_p { p * lp } else { 0.0 };
        t.entropy_q[i] = if has_q { q * lq } else { 0.0 };
        t.cross_pq[i] = if both { p * lq } else { 0.0 };
        t.cross_qp[i] = if both { q * lp } else { 0.0 };
        t.excess_pq[i] = if both { excess_pq } else { 0.0 };
        t.excess_qp[i] = if both { excess_qp } else { 0.0 };
        let js_both = if close { js_close } else { js_far };
        t.js2[i] = if both { js_both } else { js_one_sided };
        // One-sided (or neither): (√p − √0)² = p, and 0 for neither.
        t.hellinger2[i] = if both { root_gap * root_gap } else { p + q };
    }
}

/// p/q lies in [½, 2] (so p − q is exact, by Sterbenz's lemma).
#[inline]
fn is_close(p: f64, q: f64) -> bool {
    0.5 * q <= p && p <= 2.0 * q
}

/// What the third logarithm of an outcome is taken of: 1 + x = p/q for close ratios
/// (unless x is so small that a series is better), m = (p + q)/2 for far ones (JS needs
/// ln m there), 1 when p or q is 0.
#[inline]
fn third_log_argument(p: f64, q: f64) -> f64 {
    // Every candidate is computed and one is picked, without branches: a loop of these
    // then runs several outcomes per instruction (a branch would be mispredicted half
    // the time). 0/0 and the like are computed too, and never picked.
    let x = (p - q) / q;
    let ratio = if x.abs() < 0.01 { 1.0 } else { 1.0 + x };
    let mean = 0.5 * (p + q);
    let picked = if is_close(p, q) { ratio } else { mean };
    if p > 0.0 && q > 0.0 { picked } else { 1.0 }
}

/// ln(p/q) for p, q > 0, as the report's sums take it. Close ratios: p − q is exact, so
/// x = p/q − 1 is accurate and ln(1 + x) (accurate to ε absolute, 1 + x being within
/// [½, 2]; its series below |x| = 0.01, accurate relative to x) avoids subtracting two
/// nearly equal logarithms. Far ratios: |ln p − ln q| > ln 2, so the subtraction loses
/// nothing.
fn accurate_log_ratio(p: f64, q: f64) -> f64 {
    if is_close(p, q) {
        let x = (p - q) / q;
        if x.abs() < 0.01 { x * polynomial(x, &LN_1P_SERIES) } else { (1.0 + x).ln() }
    } else {
        p.ln() - q.ln()
    }
}

/// ln(1 + x) / x = 1 − x/2 + x²/3 − …: 10 terms reach 1e-20 relative at |x| = 0.01,
/// where ln_1p would cost more than a logarithm.
const LN_1P_SERIES: [f64; 10] = {
    let mut out = [0.0; 10];
    let mut k = 0;
    while k < 10 {
        let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
        out[k] = sign / (k as f64 + 1.0);
        k += 1;
    }
    out
};

/// 1/(k(k−1)) for k = 2..12: the series of (1 + x) ln(1 + x) − x, over x².
const EXCESS_SERIES: [f64; 10] = series_coefficients(2.0, 1.0);
/// 1/(k(2k−1)) for k = 1..17: the series of the JS term, over u².
const JS_SERIES: [f64; 16] = series_coefficients(1.0, 2.0);

/// 1/(k(slope·k − 1)) for N consecutive k from `first`, computed at compile time so
/// the series multiply instead of divide.
const fn series_coefficients<const N: usize>(first: f64, slope: f64) -> [f64; N] {
    let mut out = [0.0; N];
    let mut i = 0;
    while i < N {
        let k = first + i as f64;
        out[i] = 1.0 / (k * (slope * k - 1.0));
        i += 1;
    }
    out
}

/// c[0] + c[1]·t + c[2]·t² + … for up to 16 coefficients, by Estrin's scheme: pairs,
/// then pairs of pairs, so the multiplications run side by side instead of one after
/// another as in Horner's (which made the JS series the slowest part of a report).
#[inline]
fn polynomial(t: f64, coefficients: &[f64]) -> f64 {
    let mut level = [0.0; 16];
    level[..coefficients.len().min(16)].copy_from_slice(&coefficients[..coefficients.len().min(16)]);
    let mut power = t;
    let mut width = 16;
    while width > 1 {
        width /= 2;
        for i in 0..width {
            level[i] = level[2 * i] + level[2 * i + 1] * power;
        }
        power *= power;
    }
    level[0]
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The AVX2 loop and the portable one give the same bits, zeros and all.
    #[test]
    fn both_chunk_loops_agree() {
        let p: Vec<f64> = (0..CHUNK).map(|i| [0.0, 1e-300, 0.3, 0.01, 0.5][i % 5] * (1.0 + i as f64 * 1e-3)).collect();
        let q: Vec<f64> =
            (0..CHUNK).map(|i| [0.2, 0.0, 0.3001, 0.04, 1e-310][i % 5] * (1.0 + i as f64 * 2e-3)).collect();
        let mut logs = [[0.0; CHUNK]; 3];
        let argument: Vec<f64> = p.iter().zip(&q).map(|(&p, &q)| third_log_argument(p, q)).collect();
        for (values, out) in [&p, &q, &argument].into_iter().zip(logs.iter_mut()) {
            for (x, y) in values.iter().zip(out.iter_mut()) {
                *y = x.ln();
            }
        }
        let [lp, lq, third] = &logs;
        let mut portable = ChunkTerms::of(&[], &[], lp, lq, third);
        fill(&mut portable, &p, &q, lp, lq, third);
        let dispatched = ChunkTerms::of(&p, &q, lp, lq, third);
        let columns = |t: &ChunkTerms| {
            [t.entropy_p, t.entropy_q, t.cross_pq, t.cross_qp, t.excess_pq, t.excess_qp, t.js2, t.hellinger2]
        };
        for (a, b) in columns(&portable).iter().zip(columns(&dispatched).iter()) {
            for (x, y) in a.iter().zip(b) {
                assert_eq!(x.to_bits(), y.to_bits());
                assert!(x.is_finite());
            }
        }
    }
}
