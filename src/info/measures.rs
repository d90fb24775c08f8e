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

impl Report {
    /// Computes everything for probabilities `p` and `q` (same length, each summing to 1).
    /// If the lengths differ, the extra outcomes of the longer list are ignored.
    pub fn compute(p: &[f64], q: &[f64]) -> Report {
        let n = p.len().min(q.len());
        let mut report = Report {
            terms_pq: Vec::with_capacity(n),
            terms_qp: Vec::with_capacity(n),
            surprise_p: Vec::with_capacity(n),
            surprise_q: Vec::with_capacity(n),
            ..Report::default()
        };
        // Non-negative sums are summed plainly (relative error ≤ n·ε); the signed sum of
        // p − q is compensated, because the KLs are that sum plus non-negative parts.
        let mut excess_pq = 0.0; // Σ [p ln(p/q) − (p − q)] ≥ 0
        let mut excess_qp = 0.0; // Σ [q ln(q/p) − (q − p)] ≥ 0
        let mut diff = NeumaierSum::default(); // Σ (p − q) where both > 0
        let mut js2 = 0.0; // Σ [p ln(p/m) + q ln(q/m)] = 2 JS
        let mut abs_diff = 0.0;
        let mut hellinger2 = 0.0;

        for i in 0..n {
            let (pi, qi) = (p[i], q[i]);
            let lp = pi.ln();
            let lq = qi.ln();
            report.surprise_p.push(-lp);
            report.surprise_q.push(-lq);
            if pi > 0.0 {
                report.entropy_p -= pi * lp;
            }
            if qi > 0.0 {
                report.entropy_q -= qi * lq;
            }
            abs_diff += (pi - qi).abs();
            match (pi > 0.0, qi > 0.0) {
                (true, true) => {
                    report.cross_entropy_pq -= pi * lq;
                    report.cross_entropy_qp -= qi * lp;
                    let parts = kl_parts(pi, qi, lp, lq);
                    report.terms_pq.push(pi * parts.log_ratio);
                    report.terms_qp.push(-qi * parts.log_ratio);
                    excess_pq += parts.excess_pq;
                    excess_qp += parts.excess_qp;
                    diff.add(pi - qi);
                    js2 += js_term(pi, qi, lp, lq);
                    let root_gap = (pi - qi) / (pi.sqrt() + qi.sqrt());
                    hellinger2 += root_gap * root_gap;
                }
                (true, false) => {
                    report.cross_entropy_pq = f64::INFINITY;
                    report.p_without_q.push(i);
                    report.terms_pq.push(f64::INFINITY);
                    report.terms_qp.push(0.0);
                    js2 += pi * std::f64::consts::LN_2;
                    hellinger2 += pi;
                }
                (false, true) => {
                    report.cross_entropy_qp = f64::INFINITY;
                    report.q_without_p.push(i);
                    report.terms_pq.push(0.0);
                    report.terms_qp.push(f64::INFINITY);
                    js2 += qi * std::f64::consts::LN_2;
                    hellinger2 += qi;
                }
                (false, false) => {
                    report.terms_pq.push(0.0);
                    report.terms_qp.push(0.0);
                }
            }
        }

        let diff = diff.total();
        report.kl_pq = if report.p_without_q.is_empty() { (excess_pq + diff).max(0.0) } else { f64::INFINITY };
        report.kl_qp = if report.q_without_p.is_empty() { (excess_qp - diff).max(0.0) } else { f64::INFINITY };
        report.js = (0.5 * js2).clamp(0.0, std::f64::consts::LN_2);
        report.total_variation = (0.5 * abs_diff).min(1.0);
        report.hellinger = (0.5 * hellinger2).sqrt().min(1.0);
        report
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
        let log_ratio = x.ln_1p();
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
