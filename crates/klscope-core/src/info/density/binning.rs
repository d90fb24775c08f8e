//! From integrals back to sums: cut P and Q into k bins over a range covering both, the
//! tails folded into the end bins, each bin's probability exact from the CDFs. The
//! discrete KL of the binned pair is at most the integral (coarse-graining loses
//! information: the data-processing inequality) and grows towards it as bins are split.

use super::mixture::Mixture;
use crate::info::{Report, Unit};
use crate::scenario::Scenario;

/// The most bins (a scenario could hold more outcomes, but no view needs them).
pub const MAX_BINS: usize = 100_000;

/// Why a binning cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BinError {
    #[error("{0} bins: there must be between 1 and {MAX_BINS}")]
    Count(usize),
    #[error("the range [{low}, {high}] is not an interval: its ends must be finite, low below high")]
    Range { low: f64, high: f64 },
}

/// P and Q cut at `edges`: bin 0 is (−∞, edges[1]], bin i is (edges[i], edges[i+1]], the
/// last is (edges[k−1], ∞). `edges[0]` and `edges[k]` are the range's ends, nominal: the
/// tails beyond them are in the end bins.
#[derive(Debug, Clone, PartialEq)]
pub struct Binned {
    pub edges: Vec<f64>,
    pub p: Vec<f64>,
    pub q: Vec<f64>,
    /// ln of each bin's probability, finite where the probability itself underflows (a
    /// bin 1000 sd from a narrow Gaussian): the binned KL is computed from these.
    pub ln_p: Vec<f64>,
    pub ln_q: Vec<f64>,
}

/// A range that shows both densities: every component from 4 sd (Gaussian) or 6 scales
/// (Laplace, whose tails are heavier) either side of its centre, or its interval.
pub fn covering_range(p: &Mixture, q: &Mixture) -> (f64, f64) {
    use super::component::Component;
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for part in p.parts().iter().chain(q.parts()) {
        let (a, b) = match part.component {
            Component::Gaussian { mean, sd } => (mean - 4.0 * sd, mean + 4.0 * sd),
            Component::Laplace { centre, scale } => (centre - 6.0 * scale, centre + 6.0 * scale),
            Component::Uniform { low, high } => (low, high),
        };
        low = low.min(a);
        high = high.max(b);
    }
    (low, high)
}

/// k equal bins over `range`, the tails folded into the end bins.
pub fn bin(p: &Mixture, q: &Mixture, range: (f64, f64), k: usize) -> Result<Binned, BinError> {
    let (low, high) = range;
    if !(low.is_finite() && high.is_finite() && low < high) {
        return Err(BinError::Range { low, high });
    }
    if k == 0 || k > MAX_BINS {
        return Err(BinError::Count(k));
    }
    let width = (high - low) / k as f64;
    let mut edges: Vec<f64> = (0..=k).map(|i| low + width * i as f64).collect();
    edges[k] = high;
    Ok(at_edges(p, q, edges))
}

/// The bins between the given edges (sorted, at least two).
pub fn at_edges(p: &Mixture, q: &Mixture, edges: Vec<f64>) -> Binned {
    let k = edges.len().saturating_sub(1);
    let bounds = |i: usize| {
        let a = if i == 0 { f64::NEG_INFINITY } else { edges[i] };
        let b = if i + 1 == k { f64::INFINITY } else { edges[i + 1] };
        (a, b)
    };
    let log_masses = |d: &Mixture| {
        (0..k)
            .map(|i| {
                let (a, b) = bounds(i);
                d.ln_mass(a, b)
            })
            .collect::<Vec<f64>>()
    };
    let masses = |d: &Mixture| {
        (0..k)
            .map(|i| {
                let (a, b) = bounds(i);
                d.mass(a, b)
            })
            .collect::<Vec<f64>>()
    };
    Binned { p: masses(p), q: masses(q), ln_p: log_masses(p), ln_q: log_masses(q), edges }
}

impl Binned {
    pub fn len(&self) -> usize {
        self.p.len()
    }

    pub fn is_empty(&self) -> bool {
        self.p.is_empty()
    }

    /// Every bin halved: a refinement, so no measure of divergence can decrease.
    pub fn split(&self, p: &Mixture, q: &Mixture) -> Binned {
        let mut edges = Vec::with_capacity(2 * self.edges.len());
        for pair in self.edges.windows(2) {
            edges.extend([pair[0], 0.5 * (pair[0] + pair[1])]);
        }
        edges.extend(self.edges.last());
        at_edges(p, q, edges)
    }

    /// Σ pᵢ ln(pᵢ/qᵢ) over the bins, from the log-masses: finite wherever the integral is
    /// (a bin Q gives a probability below 1e-308 is not a bin Q rules out), ∞ exactly
    /// where Q is 0 on a bin P is not.
    pub fn kl_pq(&self) -> f64 {
        log_kl(&self.ln_p, &self.ln_q)
    }

    /// Σ qᵢ ln(qᵢ/pᵢ), as [`kl_pq`](Self::kl_pq).
    pub fn kl_qp(&self) -> f64 {
        log_kl(&self.ln_q, &self.ln_p)
    }

    /// The discrete measures of the binned pair, from the f64 probabilities (what "Open
    /// as discrete" shows; a bin whose probability underflows is 0 there).
    pub fn report(&self) -> Report {
        Report::compute(&self.p, &self.q)
    }

    /// The bin that holds x.
    pub fn bin_of(&self, x: f64) -> usize {
        let k = self.len();
        self.edges[1..k].partition_point(|&e| e < x)
    }

    /// Each bin's centre (the end bins at the centre of their nominal extent).
    pub fn centres(&self) -> Vec<f64> {
        self.edges.windows(2).map(|e| 0.5 * (e[0] + e[1])).collect()
    }

    /// "≤ -2.0", "(-2.0, -1.5]", …, "> 3.0": with as many decimals as make them differ.
    pub fn labels(&self) -> Vec<String> {
        let k = self.len();
        let decimals = (0..=15)
            .find(|&d| {
                let shown: Vec<String> = self.edges.iter().map(|e| format!("{e:.d$}")).collect();
                shown.windows(2).all(|w| w[0] != w[1])
            })
            .unwrap_or(15);
        let f = |x: f64| format!("{x:.decimals$}");
        (0..k)
            .map(|i| match (i, k) {
                (_, 1) => "all".to_string(),
                (0, _) => format!("≤ {}", f(self.edges[1])),
                (i, k) if i + 1 == k => format!("> {}", f(self.edges[i])),
                (i, _) => format!("({}, {}]", f(self.edges[i]), f(self.edges[i + 1])),
            })
            .collect()
    }

    /// An ordinary discrete scenario ("Open as discrete"): one outcome per bin. Bins sum
    /// to 1 up to rounding; each side is rescaled in f64 by that rounding only (well
    /// inside the scenario check's 1e-9).
    pub fn to_scenario(&self, id: &str, title: &str, description: &str, unit: Unit) -> Scenario {
        let rescaled = |v: &[f64]| {
            let total: f64 = v.iter().sum();
            v.iter().map(|x| x / total).collect::<Vec<f64>>()
        };
        Scenario {
            id: id.to_string(),
            title: title.to_string(),
            description: description.to_string(),
            unit,
            labels: self.labels(),
            p: rescaled(&self.p),
            q: rescaled(&self.q),
            logits: Default::default(),
            // Each bin sits at its centre, so W₁ of the binned pair is in the densities' units.
            positions: Some(self.edges.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect()),
            roles: Default::default(),
            focus: Default::default(),
        }
    }
}

fn log_kl(ln_a: &[f64], ln_b: &[f64]) -> f64 {
    let mut total = 0.0;
    for (&a, &b) in ln_a.iter().zip(ln_b) {
        if a == f64::NEG_INFINITY {
            continue;
        }
        if b == f64::NEG_INFINITY {
            return f64::INFINITY;
        }
        total += a.exp() * (a - b);
    }
    total.max(0.0)
}
