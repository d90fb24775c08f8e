//! Every measure of a pair (P, Q), and every per-outcome term, in one pass.
//!
//! Values are in nats. Accuracy: each term is computed in a form without catastrophic
//! cancellation (see `kl_parts` and `js_term`), so results agree with a high-precision
//! reference to about 1e-12 relative even when P and Q are nearly equal or hold values
//! near 1e-300.

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
            let log_ratio = kl_parts(p, q, &logs_of(p, q)).log_ratio;
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
    /// logarithms of a chunk are taken in tight loops of their own, so that the
    /// arithmetic around them needs no function call (each call would spill every live
    /// register, which cost more than the logarithms themselves).
    fn over(p: &[f64], q: &[f64], offset: usize) -> Sums {
        const CHUNK: usize = 256;
        let mut s = Sums::default();
        let (mut lp, mut lq, mut third) = ([0.0; CHUNK], [0.0; CHUNK], [0.0; CHUNK]);
        for start in (0..p.len()).step_by(CHUNK) {
            let (p, q) = (&p[start..(start + CHUNK).min(p.len())], &q[start..(start + CHUNK).min(q.len())]);
            for i in 0..p.len() {
                lp[i] = p[i].ln();
                lq[i] = q[i].ln();
                third[i] = third_log_argument(p[i], q[i]);
            }
            for value in &mut third[..p.len()] {
                *value = value.ln();
            }
            for i in 0..p.len() {
                s.add(p[i], q[i], Logs { p: lp[i], q: lq[i], third: third[i] }, offset + start + i);
            }
        }
        s
    }

    /// Adds one outcome, given its logarithms.
    #[inline]
    fn add(&mut self, p: f64, q: f64, logs: Logs, index: usize) {
        self.abs_diff += (p - q).abs();
        match (p > 0.0, q > 0.0) {
            (true, true) => {
                let d = p - q;
                let parts = kl_parts(p, q, &logs);
                self.entropy_p -= p * logs.p;
                self.entropy_q -= q * logs.q;
                self.cross_pq -= p * logs.q;
                self.cross_qp -= q * logs.p;
                self.excess_pq += parts.excess_pq;
                self.excess_qp += parts.excess_qp;
                self.diff.add(d);
                self.js2 += js_term(p, q, parts.close, &logs);
                // √p − √q cancels only when p/q is near 1 (close): rewrite it there.
                let root_gap = if parts.close { d / (p.sqrt() + q.sqrt()) } else { p.sqrt() - q.sqrt() };
                self.hellinger2 += root_gap * root_gap;
            }
            (true, false) => {
                self.entropy_p -= p * logs.p;
                self.cross_pq = f64::INFINITY;
                self.p_without_q.push(index);
                self.js2 += p * std::f64::consts::LN_2;
                self.hellinger2 += p;
            }
            (false, true) => {
                self.entropy_q -= q * logs.q;
                self.cross_qp = f64::INFINITY;
                self.q_without_p.push(index);
                self.js2 += q * std::f64::consts::LN_2;
                self.hellinger2 += q;
            }
            // 0·log(0/0) = 0.
            (false, false) => {}
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

/// ln p, ln q, and a third logarithm that depends on the pair (see
/// [`third_log_argument`]).
#[derive(Clone, Copy)]
struct Logs {
    p: f64,
    q: f64,
    third: f64,
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
    if !(p > 0.0 && q > 0.0) {
        1.0
    } else if is_close(p, q) {
        let x = (p - q) / q;
        if x.abs() < 0.01 { 1.0 } else { 1.0 + x }
    } else {
        0.5 * (p + q)
    }
}

/// ln(p/q) and the two non-negative "excess" terms p ln(p/q) − (p − q) and
/// q ln(q/p) − (q − p), for p, q > 0.
struct KlParts {
    close: bool,
    log_ratio: f64,
    excess_pq: f64,
    excess_qp: f64,
}

#[inline]
fn kl_parts(p: f64, q: f64, logs: &Logs) -> KlParts {
    let d = p - q;
    if is_close(p, q) {
        // Close ratios: d is exact, so x = p/q − 1 is accurate and ln(p/q) = ln(1 + x)
        // avoids subtracting two nearly equal logarithms. ln(1 + x) is accurate to ε
        // absolute since 1 + x is within [½, 2]; below |x| = 0.01 its series keeps it
        // accurate relative to x.
        let x = d / q;
        let log_ratio = if x.abs() < 0.01 { x * polynomial(x, &LN_1P_SERIES) } else { logs.third };
        let excess_pq = q * one_plus_x_log_minus_x(x, log_ratio);
        // excess_pq + excess_qp = d·ln(p/q): both halves are ≥ 0 and of similar size.
        let excess_qp = (d * log_ratio - excess_pq).max(0.0);
        KlParts { close: true, log_ratio, excess_pq, excess_qp }
    } else {
        // Far ratios: |ln p − ln q| > ln 2, so the subtraction loses nothing.
        let log_ratio = logs.p - logs.q;
        KlParts { close: false, log_ratio, excess_pq: p * log_ratio - d, excess_qp: d - q * log_ratio }
    }
}

/// The logarithms of one outcome, for the terms of one outcome.
fn logs_of(p: f64, q: f64) -> Logs {
    Logs { p: p.ln(), q: q.ln(), third: third_log_argument(p, q).ln() }
}

/// (1 + x) ln(1 + x) − x for x ≥ −0.5, given ln(1 + x); a series near 0 where the direct
/// form cancels.
fn one_plus_x_log_minus_x(x: f64, log1p_x: f64) -> f64 {
    if x.abs() < 0.01 {
        // Σ_{k≥2} (−x)^k / (k(k−1)); 10 terms reach 1e-20 relative at |x| = 0.01.
        x * x * polynomial(-x, &EXCESS_SERIES)
    } else {
        ((1.0 + x) * log1p_x - x).max(0.0)
    }
}

/// p ln(p/m) + q ln(q/m) with m = (p + q)/2, for p, q > 0. With u = (p − q)/(p + q) this
/// is m·[(1+u) ln(1+u) + (1−u) ln(1−u)], whose series in u has only positive terms.
/// The result is the same, bit for bit, for (q, p) (the series is even in u, and u of
/// (q, p) is exactly −u).
#[inline]
fn js_term(p: f64, q: f64, close: bool, logs: &Logs) -> f64 {
    let sum = p + q;
    let m = 0.5 * sum;
    if close {
        let u = (p - q) / sum;
        // |u| ≤ 1/3 here. Σ_{k≥1} u^{2k} / (k(2k−1)): all terms positive, 16 of them
        // reach 1e-17 relative at |u| = 1/3, and cost less than two logarithms.
        let u2 = u * u;
        m * u2 * polynomial(u2, &JS_SERIES)
    } else {
        // |ln p − ln q| > ln 2 here, so ln m sits well apart from at least one of them.
        let lm = logs.third;
        (p * (logs.p - lm) + q * (logs.q - lm)).max(0.0)
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
