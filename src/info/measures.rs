//! Every measure of a pair (P, Q), and every per-outcome term, in one pass.
//!
//! Values are in nats. Accuracy: each term is computed in a form without catastrophic
//! cancellation (see `kl_parts` and `js_term`), so results agree with a high-precision
//! reference to about 1e-12 relative even when P and Q are nearly equal or hold values
//! near 1e-300.

use super::unit::Unit;

/// All measures of P against Q, in nats (total variation and Hellinger are unitless).
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
    /// p·ln(p/q) for each outcome.
    pub terms_pq: Vec<f64>,
    /// q·ln(q/p) for each outcome.
    pub terms_qp: Vec<f64>,
    /// −ln p for each outcome (∞ where p = 0).
    pub surprise_p: Vec<f64>,
    /// −ln q for each outcome (∞ where q = 0).
    pub surprise_q: Vec<f64>,
    /// Outcomes with p > 0 and q = 0: each makes KL(P‖Q) and H(P,Q) infinite.
    pub p_without_q: Vec<usize>,
    /// Outcomes with q > 0 and p = 0: each makes KL(Q‖P) and H(Q,P) infinite.
    pub q_without_p: Vec<usize>,
}

/// Above this many outcomes the work is split in two halves computed side by side. The
/// split is fixed, so results do not depend on the machine.
const PARALLEL_FROM: usize = 100_000;

impl Report {
    /// Computes everything for probabilities `p` and `q` (same length, each summing to 1).
    /// If the lengths differ, the extra outcomes of the longer list are ignored.
    pub fn compute(p: &[f64], q: &[f64]) -> Report {
        let mut report = Report::default();
        report.recompute(p, q);
        report
    }

    /// Like [`compute`](Self::compute), but reuses this report's per-outcome buffers, so
    /// that recomputing while a bar is dragged allocates nothing.
    pub fn recompute(&mut self, p: &[f64], q: &[f64]) {
        debug_assert_eq!(p.len(), q.len(), "P and Q need the same outcomes");
        let n = p.len().min(q.len());
        let (p, q) = (&p[..n], &q[..n]);
        let mut terms = Buffers {
            terms_pq: std::mem::take(&mut self.terms_pq),
            terms_qp: std::mem::take(&mut self.terms_qp),
            surprise_p: std::mem::take(&mut self.surprise_p),
            surprise_q: std::mem::take(&mut self.surprise_q),
        };
        for buffer in [&mut terms.terms_pq, &mut terms.terms_qp, &mut terms.surprise_p, &mut terms.surprise_q] {
            // Sums::over writes every slot, so old values may stay; fresh memory comes
            // from calloc, which lets the two threads fault its pages in side by side.
            if buffer.len() < n {
                *buffer = vec![0.0; n];
            } else {
                buffer.truncate(n);
            }
        }
        let sums = if n < PARALLEL_FROM {
            Sums::over(p, q, terms.slices(0..n), 0)
        } else {
            let half = n / 2;
            let (first, second) = terms.split_at(half);
            let (mut sums, rest) = std::thread::scope(|scope| {
                let later = std::thread::Builder::new()
                    .spawn_scoped(scope, move || Sums::over(&p[half..], &q[half..], second, half));
                let sums = Sums::over(&p[..half], &q[..half], first, 0);
                // Plain arithmetic cannot panic; should it anyway, pass the panic on.
                let rest =
                    later.ok().map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
                (sums, rest)
            });
            // No thread to be had: do the second half here.
            let rest = rest.unwrap_or_else(|| Sums::over(&p[half..], &q[half..], terms.slices(half..n), half));
            sums.merge(rest);
            sums
        };
        *self = sums.into_report(terms);
    }

    /// The Jensen–Shannon distance √JS, with JS taken in `unit` (as scipy does).
    pub fn js_distance(&self, unit: Unit) -> f64 {
        unit.from_nats(self.js).sqrt()
    }

    /// Number of outcomes.
    pub fn len(&self) -> usize {
        self.terms_pq.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms_pq.is_empty()
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

/// Where the per-outcome values of one stretch of outcomes go.
struct Terms<'a> {
    pq: &'a mut [f64],
    qp: &'a mut [f64],
    surprise_p: &'a mut [f64],
    surprise_q: &'a mut [f64],
}

/// The per-outcome vectors being filled.
struct Buffers {
    terms_pq: Vec<f64>,
    terms_qp: Vec<f64>,
    surprise_p: Vec<f64>,
    surprise_q: Vec<f64>,
}

impl Buffers {
    fn slices(&mut self, range: std::ops::Range<usize>) -> Terms<'_> {
        Terms {
            pq: &mut self.terms_pq[range.clone()],
            qp: &mut self.terms_qp[range.clone()],
            surprise_p: &mut self.surprise_p[range.clone()],
            surprise_q: &mut self.surprise_q[range],
        }
    }

    /// Two disjoint halves, to fill from two threads.
    fn split_at(&mut self, mid: usize) -> (Terms<'_>, Terms<'_>) {
        let (pq_a, pq_b) = self.terms_pq.split_at_mut(mid);
        let (qp_a, qp_b) = self.terms_qp.split_at_mut(mid);
        let (sp_a, sp_b) = self.surprise_p.split_at_mut(mid);
        let (sq_a, sq_b) = self.surprise_q.split_at_mut(mid);
        (
            Terms { pq: pq_a, qp: qp_a, surprise_p: sp_a, surprise_q: sq_a },
            Terms { pq: pq_b, qp: qp_b, surprise_p: sp_b, surprise_q: sq_b },
        )
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
    /// Sums over `p`, `q` (outcome numbers start at `offset`), writing per-outcome terms.
    fn over(p: &[f64], q: &[f64], out: Terms<'_>, offset: usize) -> Sums {
        let mut s = Sums::default();
        for i in 0..p.len() {
            let (pi, qi) = (p[i], q[i]);
            let lp = pi.ln();
            let lq = qi.ln();
            // "+ 0.0" turns −0 (from −ln 1) into 0, so nothing prints as "-0".
            out.surprise_p[i] = -lp + 0.0;
            out.surprise_q[i] = -lq + 0.0;
            if pi > 0.0 {
                s.entropy_p -= pi * lp;
            }
            if qi > 0.0 {
                s.entropy_q -= qi * lq;
            }
            s.abs_diff += (pi - qi).abs();
            match (pi > 0.0, qi > 0.0) {
                (true, true) => {
                    s.cross_pq -= pi * lq;
                    s.cross_qp -= qi * lp;
                    let parts = kl_parts(pi, qi, lp, lq);
                    out.pq[i] = pi * parts.log_ratio + 0.0;
                    out.qp[i] = -qi * parts.log_ratio + 0.0;
                    s.excess_pq += parts.excess_pq;
                    s.excess_qp += parts.excess_qp;
                    s.diff.add(pi - qi);
                    s.js2 += js_term(pi, qi, lp, lq);
                    let root_gap = (pi - qi) / (pi.sqrt() + qi.sqrt());
                    s.hellinger2 += root_gap * root_gap;
                }
                (true, false) => {
                    s.cross_pq = f64::INFINITY;
                    s.p_without_q.push(offset + i);
                    out.pq[i] = f64::INFINITY;
                    out.qp[i] = 0.0;
                    s.js2 += pi * std::f64::consts::LN_2;
                    s.hellinger2 += pi;
                }
                (false, true) => {
                    s.cross_qp = f64::INFINITY;
                    s.q_without_p.push(offset + i);
                    out.pq[i] = 0.0;
                    out.qp[i] = f64::INFINITY;
                    s.js2 += qi * std::f64::consts::LN_2;
                    s.hellinger2 += qi;
                }
                // 0·log(0/0) = 0.
                (false, false) => {
                    out.pq[i] = 0.0;
                    out.qp[i] = 0.0;
                }
            }
        }
        s
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

    fn into_report(self, terms: Buffers) -> Report {
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
            terms_pq: terms.terms_pq,
            terms_qp: terms.terms_qp,
            surprise_p: terms.surprise_p,
            surprise_q: terms.surprise_q,
            p_without_q: self.p_without_q,
            q_without_p: self.q_without_p,
        }
    }
}

/// ln(p/q) and the two non-negative "excess" terms p ln(p/q) − (p − q) and
/// q ln(q/p) − (q − p), for p, q > 0.
struct KlParts {
    log_ratio: f64,
    excess_pq: f64,
    excess_qp: f64,
}

fn kl_parts(p: f64, q: f64, lp: f64, lq: f64) -> KlParts {
    let d = p - q;
    if 0.5 * q <= p && p <= 2.0 * q {
        // Close ratios: d is exact (Sterbenz), so x = p/q − 1 is accurate and
        // ln(p/q) = ln_1p(x) avoids subtracting two nearly equal logarithms.
        let x = d / q;
        // ln(p/q) is accurate to ε absolute since p/q is within [½, 2]; below |x| = 0.01
        // ln_1p keeps it accurate relative to x (ln_1p is slower, so only there).
        let log_ratio = if x.abs() < 0.01 { x.ln_1p() } else { (p / q).ln() };
        let excess_pq = q * one_plus_x_log_minus_x(x, log_ratio);
        // excess_pq + excess_qp = d·ln(p/q): both halves are ≥ 0 and of similar size.
        let excess_qp = (d * log_ratio - excess_pq).max(0.0);
        KlParts { log_ratio, excess_pq, excess_qp }
    } else {
        // Far ratios: |ln p − ln q| > ln 2, so the subtraction loses nothing.
        let log_ratio = lp - lq;
        KlParts { log_ratio, excess_pq: p * log_ratio - d, excess_qp: d - q * log_ratio }
    }
}

/// (1 + x) ln(1 + x) − x for x ≥ −0.5, given ln(1 + x); a series near 0 where the direct
/// form cancels.
fn one_plus_x_log_minus_x(x: f64, log1p_x: f64) -> f64 {
    if x.abs() < 0.01 {
        // Σ_{k≥2} (−x)^k / (k(k−1)); 10 terms reach 1e-20 relative at |x| = 0.01.
        let mut sum = 0.0;
        let mut power = x * x;
        for k in 2..12 {
            let kf = k as f64;
            sum += power / (kf * (kf - 1.0));
            power *= -x;
        }
        sum
    } else {
        ((1.0 + x) * log1p_x - x).max(0.0)
    }
}

/// p ln(p/m) + q ln(q/m) with m = (p + q)/2, for p, q > 0. With u = (p − q)/(p + q) this
/// is m·[(1+u) ln(1+u) + (1−u) ln(1−u)], whose series in u has only positive terms.
fn js_term(p: f64, q: f64, lp: f64, lq: f64) -> f64 {
    let sum = p + q;
    let m = 0.5 * sum;
    let u = (p - q) / sum;
    if u.abs() < 0.1 {
        // Σ_{k≥1} u^{2k} / (k(2k−1)); 10 terms reach 1e-20 relative at |u| = 0.1.
        let u2 = u * u;
        let mut power = u2;
        let mut series = 0.0;
        for k in 1..11 {
            let kf = k as f64;
            series += power / (kf * (2.0 * kf - 1.0));
            power *= u2;
        }
        m * series
    } else {
        let lm = m.ln();
        (p * (lp - lm) + q * (lq - lm)).max(0.0)
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
