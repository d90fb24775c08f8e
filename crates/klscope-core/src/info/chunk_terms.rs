//! Each outcome's terms of the report, a chunk of outcomes at a time and without
//! branches: every branch's value is computed and one picked, so that the loop runs
//! several outcomes per instruction (a branch on "p/q near 1" is mispredicted half the
//! time on real data). Each term is taken in a form without catastrophic cancellation.

/// What each outcome of a chunk adds to each sum (0 where it adds nothing; infinite
/// cross-entropies are flagged separately). Every outcome is computed the same way, each
/// branch's value computed and one picked, so that the loop runs several outcomes per
/// instruction: a branch on "p/q near 1" is mispredicted half the time on real data.
pub(super) struct ChunkTerms {
    pub(super) entropy_p: [f64; CHUNK],
    pub(super) entropy_q: [f64; CHUNK],
    pub(super) cross_pq: [f64; CHUNK],
    pub(super) cross_qp: [f64; CHUNK],
    pub(super) excess_pq: [f64; CHUNK],
    pub(super) excess_qp: [f64; CHUNK],
    pub(super) js2: [f64; CHUNK],
    pub(super) hellinger2: [f64; CHUNK],
    /// ln(p/q), accurate, where p, q > 0 (0 elsewhere): what Rényi's terms are made of.
    pub(super) log_ratio: [f64; CHUNK],
    /// (p − q)²/q and (p − q)²/p where q (p) > 0: Pearson's and Neyman's χ².
    pub(super) chi2_pearson: [f64; CHUNK],
    pub(super) chi2_neyman: [f64; CHUNK],
}

/// Outcomes per chunk: small enough for the stack and the cache.
pub(super) const CHUNK: usize = 128;

impl ChunkTerms {
    pub(super) fn of(p: &[f64], q: &[f64], lp: &[f64; CHUNK], lq: &[f64; CHUNK], third: &[f64; CHUNK]) -> ChunkTerms {
        let mut t = ChunkTerms {
            entropy_p: [0.0; CHUNK],
            entropy_q: [0.0; CHUNK],
            cross_pq: [0.0; CHUNK],
            cross_qp: [0.0; CHUNK],
            excess_pq: [0.0; CHUNK],
            excess_qp: [0.0; CHUNK],
            js2: [0.0; CHUNK],
            hellinger2: [0.0; CHUNK],
            log_ratio: [0.0; CHUNK],
            chi2_pearson: [0.0; CHUNK],
            chi2_neyman: [0.0; CHUNK],
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
        let log_ratio = if close { log_1p } else { log_far };
        t.log_ratio[i] = if both { log_ratio } else { 0.0 };
        // d·(d/q) = d·x rather than d²/q, which would underflow for gaps near 1e-300; 0/0
        // and d²/0 are computed and never picked (the report flags the ∞).
        t.chi2_pearson[i] = if has_q { d * x } else { 0.0 };
        t.chi2_neyman[i] = if has_p { d * (d / p) } else { 0.0 };
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
pub(super) fn third_log_argument(p: f64, q: f64) -> f64 {
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
pub(super) fn accurate_log_ratio(p: f64, q: f64) -> f64 {
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
pub(super) fn polynomial(t: f64, coefficients: &[f64]) -> f64 {
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
            [
                t.entropy_p,
                t.entropy_q,
                t.cross_pq,
                t.cross_qp,
                t.excess_pq,
                t.excess_qp,
                t.js2,
                t.hellinger2,
                t.log_ratio,
                t.chi2_pearson,
                t.chi2_neyman,
            ]
        };
        for (column, (a, b)) in columns(&portable).iter().zip(columns(&dispatched).iter()).enumerate() {
            for (x, y) in a.iter().zip(b) {
                assert_eq!(x.to_bits(), y.to_bits());
                // χ² of 0.5 against 1e-310 is 2.5e309, beyond the largest double: ∞ is its
                // honest value. Every other term is finite.
                assert!(x.is_finite() || column >= 9 && *x == f64::INFINITY, "column {column}: {x}");
            }
        }
    }
}
