//! Every measure of two densities, each a value with an error bound: one adaptive
//! quadrature of all the integrands together over pieces split at the components'
//! breakpoints, then the closed forms wherever they apply (see `closed_form`), and ∞
//! exactly where one density has mass on an interval the other gives 0.
//!
//! Differential entropy and cross-entropy can be negative (a density narrower than a
//! uniform on an interval of length 1 has H < 0); KL, JS and the distances cannot.

use super::closed_form;
use super::mixture::Mixture;
use super::quadrature::{Accuracy, Estimate, Region, integrate};
use super::support::{Uncovered, uncovered};
use crate::info::{Direction, Measure, Side, Unit};

/// How a measure's value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A formula (error: rounding only).
    ClosedForm,
    /// Adaptive Gauss–Kronrod quadrature (error: its estimate).
    Quadrature,
    /// ∞ from the supports, exactly.
    Support,
}

/// Positions of the integrands in the vector integrated at once.
const KL_PQ: usize = 0;
const KL_QP: usize = 1;
const H_P: usize = 2;
const H_Q: usize = 3;
const H_PQ: usize = 4;
const H_QP: usize = 5;
const JS: usize = 6;
const TV: usize = 7;
const BC: usize = 8;
const KL_PQ_POSITIVE: usize = 9;
const KL_PQ_NEGATIVE: usize = 10;
const KL_QP_POSITIVE: usize = 11;
const KL_QP_NEGATIVE: usize = 12;
/// ∫ (p + q)(1 + |ln p| + |ln q|): the size of the logarithms the integrands subtract, for
/// a rounding bound (ln p − ln q is exact only to a few ε of |ln p| + |ln q|).
const LOG_SCALE: usize = 13;
const INTEGRANDS: usize = 14;

/// The measures of P against Q, in nats (the JS distance in √nats).
#[derive(Debug, Clone, PartialEq)]
pub struct DensityReport {
    estimates: [Estimate; 10],
    methods: [Method; 10],
    /// ∫ max(p ln(p/q), 0) and ∫ min(p ln(p/q), 0): the areas above and below the axis
    /// under KL(P||Q)'s integrand (the second is ≤ 0; their sum is KL).
    pub kl_pq_positive: Estimate,
    pub kl_pq_negative: Estimate,
    /// The same for KL(Q||P)'s integrand q ln(q/p): above the axis where Q is the more likely.
    pub kl_qp_positive: Estimate,
    pub kl_qp_negative: Estimate,
    /// Where P has mass and Q none (KL(P||Q) = H(P,Q) = ∞), and the other way round.
    pub p_without_q: Option<Uncovered>,
    pub q_without_p: Option<Uncovered>,
    /// How many integrand evaluations the quadrature took (for the benchmark's note).
    pub evaluations: usize,
}

/// The measures a [`DensityReport`] integrates: the ten of the discrete report before the
/// f-divergence family grew (χ² on densities is not integrated; squared Hellinger is
/// read from Hellinger).
pub const DENSITY_MEASURES: [Measure; 10] = [
    Measure::EntropyP,
    Measure::EntropyQ,
    Measure::CrossEntropyPQ,
    Measure::CrossEntropyQP,
    Measure::KlPQ,
    Measure::KlQP,
    Measure::Js,
    Measure::JsDistance,
    Measure::TotalVariation,
    Measure::Hellinger,
];

/// A measure's place in the report's arrays (a measure it does not hold reads Hellinger's:
/// callers ask only for [`DENSITY_MEASURES`], see [`DensityReport::get`]).
fn slot(measure: Measure) -> usize {
    DENSITY_MEASURES.iter().position(|m| *m == measure).unwrap_or(DENSITY_MEASURES.len() - 1)
}

/// p·(ln a − ln b), 0 where p = 0 (and where ln b = −∞: such a place is an interval the
/// support check has already made the measure ∞ for).
fn weighted_log_ratio(p: f64, ln_a: f64, ln_b: f64) -> f64 {
    if p == 0.0 || ln_b == f64::NEG_INFINITY { 0.0 } else { p * (ln_a - ln_b) }
}

/// ln((eᵃ + eᵇ)/2), exactly a when a = b.
fn log_mean_exp(a: f64, b: f64) -> f64 {
    let max = a.max(b);
    if max == f64::NEG_INFINITY { max } else { max + (0.5 * ((a - max).exp() + (b - max).exp())).ln() }
}

/// The integrands at x: every measure's, from ln p and ln q.
fn integrands(p: &Mixture, q: &Mixture, x: f64) -> [f64; INTEGRANDS] {
    let (ln_p, ln_q) = (p.ln_pdf(x), q.ln_pdf(x));
    let (pv, qv) = (ln_p.exp(), ln_q.exp());
    let ln_m = log_mean_exp(ln_p, ln_q);
    let kl_term = weighted_log_ratio(pv, ln_p, ln_q);
    let surprise = |d: f64, ln_d: f64| if d == 0.0 { 0.0 } else { -d * ln_d };
    let cross = |d: f64, ln_other: f64| if d == 0.0 || ln_other == f64::NEG_INFINITY { 0.0 } else { -d * ln_other };
    let mut out = [0.0; INTEGRANDS];
    out[KL_PQ] = kl_term;
    let kl_qp_term = weighted_log_ratio(qv, ln_q, ln_p);
    out[KL_QP] = kl_qp_term;
    out[H_P] = surprise(pv, ln_p);
    out[H_Q] = surprise(qv, ln_q);
    out[H_PQ] = cross(pv, ln_q);
    out[H_QP] = cross(qv, ln_p);
    out[JS] = 0.5 * (weighted_log_ratio(pv, ln_p, ln_m) + weighted_log_ratio(qv, ln_q, ln_m));
    out[TV] = 0.5 * (pv - qv).abs();
    out[BC] = (0.5 * (ln_p + ln_q)).exp();
    out[KL_PQ_POSITIVE] = kl_term.max(0.0);
    out[KL_PQ_NEGATIVE] = kl_term.min(0.0);
    out[KL_QP_POSITIVE] = kl_qp_term.max(0.0);
    out[KL_QP_NEGATIVE] = kl_qp_term.min(0.0);
    let finite_abs = |v: f64| if v.is_finite() { v.abs() } else { 0.0 };
    out[LOG_SCALE] = (pv + qv) * (1.0 + finite_abs(ln_p) + finite_abs(ln_q));
    out
}

/// The pieces to integrate over: between consecutive breakpoints of both densities and
/// the points where p = q (where |p − q| and the positive parts of p ln(p/q) and
/// q ln(q/p) have kinks, which Gauss–Kronrod's estimate can underrate), where at least
/// one density is positive, and the half-lines beyond when a tail is infinite.
pub fn regions(p: &Mixture, q: &Mixture) -> Vec<Region> {
    let mut points = Vec::with_capacity(64);
    p.breakpoints(&mut points);
    q.breakpoints(&mut points);
    let first = regions_at(p, q, points.clone());
    points.extend(crossings(p, q, &first));
    regions_at(p, q, points)
}

fn regions_at(p: &Mixture, q: &Mixture, mut points: Vec<f64>) -> Vec<Region> {
    points.retain(|x| x.is_finite());
    points.sort_by(f64::total_cmp);
    points.dedup();
    let mut support = p.support();
    support.extend(q.support());
    let inside = |x: f64| support.iter().any(|&(a, b)| a <= x && x <= b);
    let scale = p.widest().max(q.widest());
    let mut regions = Vec::with_capacity(points.len() + 1);
    if let Some(&first) = points.first()
        && support.iter().any(|&(a, _)| a == f64::NEG_INFINITY)
    {
        regions.push(Region::Left { to: first, scale });
    }
    for pair in points.windows(2) {
        if inside(0.5 * (pair[0] + pair[1])) {
            regions.push(Region::Finite(pair[0], pair[1]));
        }
    }
    if let Some(&last) = points.last()
        && support.iter().any(|&(_, b)| b == f64::INFINITY)
    {
        regions.push(Region::Right { from: last, scale });
    }
    regions
}

/// Points where ln p − ln q changes sign, found by sampling each region at 12 points and
/// bisecting each change (a pair of crossings closer than a sample step may be missed;
/// the quadrature then still integrates across the kinks, only more slowly).
fn crossings(p: &Mixture, q: &Mixture, regions: &[Region]) -> Vec<f64> {
    const SAMPLES: usize = 12;
    let difference = |x: f64| {
        let d = p.ln_pdf(x) - q.ln_pdf(x);
        if d.is_nan() { 0.0 } else { d }
    };
    let mut found = Vec::new();
    for region in regions {
        let xs: Vec<f64> =
            (0..=SAMPLES).map(|k| region.point(k as f64 / SAMPLES as f64)).filter(|x| x.is_finite()).collect();
        for pair in xs.windows(2) {
            let (mut a, mut b) = (pair[0], pair[1]);
            let (mut da, db) = (difference(a), difference(b));
            // A sign change (NaN never counts).
            if (da * db).partial_cmp(&0.0) != Some(std::cmp::Ordering::Less) {
                continue;
            }
            for _ in 0..60 {
                let m = 0.5 * (a + b);
                if !(m > a && m < b) {
                    break;
                }
                let dm = difference(m);
                if (dm < 0.0) == (da < 0.0) {
                    (a, da) = (m, dm);
                } else {
                    b = m;
                }
            }
            found.push(0.5 * (a + b));
        }
    }
    found
}

/// √x of an estimate of x ≥ 0, its bound carried through exactly (√ is monotone).
fn sqrt_estimate(x: Estimate) -> Estimate {
    let value = x.value.max(0.0).sqrt();
    let high = (x.value + x.error).max(0.0).sqrt();
    let low = (x.value - x.error).max(0.0).sqrt();
    Estimate { value, error: (high - value).max(value - low) }
}

impl DensityReport {
    /// All measures of P against Q to `accuracy` (each integral's error at most
    /// max(absolute, relative·|value|) unless the piece budget ran out: the bound says so).
    pub fn compute(p: &Mixture, q: &Mixture, accuracy: Accuracy) -> DensityReport {
        DensityReport::with_closed_forms(p, q, accuracy, true)
    }

    /// Quadrature for every measure, no closed form: what the tests cross-check the
    /// closed forms against.
    pub fn by_quadrature(p: &Mixture, q: &Mixture, accuracy: Accuracy) -> DensityReport {
        DensityReport::with_closed_forms(p, q, accuracy, false)
    }

    fn with_closed_forms(p: &Mixture, q: &Mixture, accuracy: Accuracy, closed_forms: bool) -> DensityReport {
        let p_without_q = uncovered(Side::P, p, q);
        let q_without_p = uncovered(Side::Q, q, p);
        let mut evaluations = 0usize;
        let raw = integrate(
            |x| {
                evaluations += 1;
                integrands(p, q, x)
            },
            &regions(p, q),
            accuracy,
        );
        let mut methods = [Method::Quadrature; 10];
        let mut estimates = [Estimate::exact(0.0); 10];
        let mut set = |measure: Measure, estimate: Estimate, method: Method| {
            estimates[slot(measure)] = estimate;
            methods[slot(measure)] = method;
        };
        // Rounding in the integrands themselves, beyond the quadrature's own estimate.
        let rounding = 8.0 * f64::EPSILON * raw[LOG_SCALE].value;
        let mut raw = raw;
        for e in &mut raw[..LOG_SCALE] {
            e.error += rounding;
        }
        let quadrature = Method::Quadrature;
        set(Measure::EntropyP, raw[H_P], quadrature);
        set(Measure::EntropyQ, raw[H_Q], quadrature);
        set(Measure::CrossEntropyPQ, raw[H_PQ], quadrature);
        set(Measure::CrossEntropyQP, raw[H_QP], quadrature);
        set(Measure::KlPQ, raw[KL_PQ], quadrature);
        set(Measure::KlQP, raw[KL_QP], quadrature);
        set(Measure::Js, raw[JS], quadrature);
        set(Measure::TotalVariation, raw[TV], quadrature);
        let bc = raw[BC];
        let mut hellinger = sqrt_estimate(Estimate { value: 1.0 - bc.value, error: bc.error });

        // Closed forms where they apply.
        let exact = |value: f64, scale: f64| Estimate { value, error: closed_form::rounding(scale) };
        let closed = Method::ClosedForm;
        let (single_p, single_q) = if closed_forms { (p.as_single(), q.as_single()) } else { (None, None) };
        if let Some(c) = single_p {
            let h = c.entropy();
            set(Measure::EntropyP, exact(h, h), closed);
            let h_qp = closed_form::mixture_cross_entropy(q, &c);
            if h_qp.is_finite() {
                set(Measure::CrossEntropyQP, exact(h_qp, h_qp), closed);
            }
        }
        if let Some(c) = single_q {
            let h = c.entropy();
            set(Measure::EntropyQ, exact(h, h), closed);
            let h_pq = closed_form::mixture_cross_entropy(p, &c);
            if h_pq.is_finite() {
                set(Measure::CrossEntropyPQ, exact(h_pq, h_pq), closed);
            }
        }
        if let (Some(a), Some(b)) = (single_p, single_q) {
            for (measure, (value, error)) in
                [(Measure::KlPQ, closed_form::kl(&a, &b)), (Measure::KlQP, closed_form::kl(&b, &a))]
            {
                if value.is_finite() {
                    set(measure, Estimate { value, error }, closed);
                }
            }
            if let Some(coefficient) = closed_form::gaussian_bhattacharyya(&a, &b) {
                hellinger = sqrt_estimate(Estimate { value: 1.0 - coefficient, error: closed_form::rounding(1.0) });
                methods[slot(Measure::Hellinger)] = closed;
            }
        }
        estimates[slot(Measure::Hellinger)] = hellinger;

        // ∞ from the supports, exactly.
        let mut kl_pq_positive = raw[KL_PQ_POSITIVE];
        if p_without_q.is_some() {
            for measure in [Measure::KlPQ, Measure::CrossEntropyPQ] {
                estimates[slot(measure)] = Estimate::exact(f64::INFINITY);
                methods[slot(measure)] = Method::Support;
            }
            kl_pq_positive = Estimate::exact(f64::INFINITY);
        }
        let mut kl_qp_positive = raw[KL_QP_POSITIVE];
        if q_without_p.is_some() {
            for measure in [Measure::KlQP, Measure::CrossEntropyQP] {
                estimates[slot(measure)] = Estimate::exact(f64::INFINITY);
                methods[slot(measure)] = Method::Support;
            }
            kl_qp_positive = Estimate::exact(f64::INFINITY);
        }
        // KL, JS and TV are never negative; a value a rounding below 0 is 0.
        for measure in [Measure::KlPQ, Measure::KlQP, Measure::Js, Measure::TotalVariation] {
            let e = &mut estimates[slot(measure)];
            e.value = e.value.max(0.0);
        }
        let js = estimates[slot(Measure::Js)];
        estimates[slot(Measure::JsDistance)] = sqrt_estimate(js);
        methods[slot(Measure::JsDistance)] = methods[slot(Measure::Js)];
        DensityReport {
            estimates,
            methods,
            kl_pq_positive,
            kl_pq_negative: raw[KL_PQ_NEGATIVE],
            kl_qp_positive,
            kl_qp_negative: raw[KL_QP_NEGATIVE],
            p_without_q,
            q_without_p,
            evaluations,
        }
    }

    /// The areas above and below the axis under the integrand of KL(P||Q) (forward) or
    /// KL(Q||P) (reverse), in nats: their sum is that KL.
    pub fn areas(&self, direction: Direction) -> (Estimate, Estimate) {
        match direction {
            Direction::Forward => (self.kl_pq_positive, self.kl_pq_negative),
            Direction::Reverse => (self.kl_qp_positive, self.kl_qp_negative),
        }
    }

    /// A measure in nats (the JS distance in √nats; TV and Hellinger unitless).
    /// One of [`DENSITY_MEASURES`], or squared Hellinger (from Hellinger); the χ² members
    /// are not integrated for densities and read as unknown (NaN with an infinite bound).
    pub fn get(&self, measure: Measure) -> Estimate {
        match measure {
            Measure::HellingerSquared => {
                let h = self.estimates[slot(Measure::Hellinger)];
                Estimate { value: h.value * h.value, error: 2.0 * h.value * h.error + h.error * h.error }
            }
            Measure::ChiSquarePearson | Measure::ChiSquareNeyman => Estimate { value: f64::NAN, error: f64::INFINITY },
            m => self.estimates[slot(m)],
        }
    }

    /// A measure in `unit`, its bound converted with it.
    pub fn in_unit(&self, measure: Measure, unit: Unit) -> Estimate {
        match measure {
            Measure::JsDistance => {
                let js = self.get(Measure::Js);
                let per = unit.nats_per_unit();
                sqrt_estimate(Estimate { value: js.value / per, error: js.error / per })
            }
            m if m.has_unit() => {
                let e = self.get(m);
                Estimate { value: unit.from_nats(e.value), error: unit.from_nats(e.error) }
            }
            m => self.get(m),
        }
    }

    pub fn method(&self, measure: Measure) -> Method {
        self.methods[slot(measure)]
    }

    /// Why a measure is ∞: the interval where one density has mass and the other none.
    pub fn infinite_because(&self, measure: Measure) -> Option<Uncovered> {
        match measure {
            Measure::KlPQ | Measure::CrossEntropyPQ => self.p_without_q,
            Measure::KlQP | Measure::CrossEntropyQP => self.q_without_p,
            _ => None,
        }
    }
}
