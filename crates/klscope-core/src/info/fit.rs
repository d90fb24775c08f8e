//! Fitting a one-bump model to P: the discretised Gaussian Q(μ, σ) over the ordered
//! outcomes 0..n−1 that minimises KL in one direction. Forward KL(P‖Q) makes Q cover
//! every place P uses (mass-covering); reverse KL(Q‖P) makes Q avoid every place P does
//! not use, so it settles on one mode (mode-seeking). The lesson is the difference.
//!
//! Everything is in nats. Q is computed in log space, so it has no exact zeros except
//! where a probability is below the smallest `f64` (ln q < about −745), which then counts
//! as 0.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::ops::RangeInclusive;

use super::direction::Direction;

/// The model's parameters: centre μ (in outcome-index units, 0 = first outcome) and width σ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub mu: f64,
    pub sigma: f64,
}

impl Params {
    /// These parameters moved into [`mu_range`] and [`sigma_range`] for `n` outcomes; NaN
    /// goes to the middle of the range.
    pub fn clamped(self, n: usize) -> Params {
        Params { mu: clamp_to(self.mu, mu_range(n)), sigma: clamp_to(self.sigma, sigma_range(n)) }
    }
}

fn clamp_to(x: f64, range: RangeInclusive<f64>) -> f64 {
    let (low, high) = range.into_inner();
    if x.is_nan() { 0.5 * (low + high) } else { x.clamp(low, high) }
}

/// The narrowest σ: here the bump is already one bar (the nearest outcome holds over 99%),
/// and narrower only makes the numbers harder to read.
pub const MIN_SIGMA: f64 = 0.3;

/// How many descent steps one start may take, so that a loop on [`Descent::step`] ends.
pub const MAX_STEPS: usize = 2000;

/// σ from [`MIN_SIGMA`] to n (at least 1): wider than n is as flat as makes no difference.
pub fn sigma_range(n: usize) -> RangeInclusive<f64> {
    MIN_SIGMA..=(n as f64).max(1.0)
}

/// μ from the first outcome to the last: 0 ..= n−1.
pub fn mu_range(n: usize) -> RangeInclusive<f64> {
    0.0..=n.saturating_sub(1) as f64
}

/// ln q_i for the discretised Gaussian: −(i−μ)²/(2σ²) minus the log-sum-exp over all n
/// outcomes. Every value is finite, so divergences can use it where q_i itself underflows.
/// Parameters are [clamped](Params::clamped) first.
pub fn log_gaussian(n: usize, params: Params) -> Vec<f64> {
    let Params { mu, sigma } = params.clamped(n);
    let mut logs: Vec<f64> = (0..n).map(|i| log_density(i, mu, sigma)).collect();
    // The largest term is at the outcome nearest μ, so the sum is ≥ 1 and its log is safe.
    let peak = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = logs.iter().map(|&l| (l - peak).exp()).sum();
    let normaliser = peak + sum.ln();
    logs.iter_mut().for_each(|l| *l -= normaliser);
    logs
}

/// The unnormalised log density −(i−μ)²/(2σ²).
fn log_density(i: usize, mu: f64, sigma: f64) -> f64 {
    let z = (i as f64 - mu) / sigma;
    -0.5 * z * z
}

/// q_i ∝ exp(−(i−μ)²/(2σ²)), renormalised over the n outcomes; sums to 1 (to rounding),
/// never NaN. Parameters are [clamped](Params::clamped) first.
pub fn gaussian(n: usize, params: Params) -> Vec<f64> {
    log_gaussian(n, params).into_iter().map(f64::exp).collect()
}

/// The divergence of the model from `p`, in nats. Forward is always finite; reverse is
/// +∞ when Q puts mass (q_i > 0) on an outcome with p_i = 0.
pub fn divergence(p: &[f64], params: Params, direction: Direction) -> f64 {
    let log_q = log_gaussian(p.len(), params);
    let total: f64 = match direction {
        Direction::Forward => {
            p.iter().zip(&log_q).filter(|(pi, _)| **pi > 0.0).map(|(pi, lq)| pi * (pi.ln() - lq)).sum()
        }
        Direction::Reverse => {
            let mut total = 0.0;
            for (&pi, &lq) in p.iter().zip(&log_q) {
                let qi = lq.exp();
                if qi == 0.0 {
                    continue;
                }
                if pi.is_nan() || pi <= 0.0 {
                    return f64::INFINITY;
                }
                total += qi * (lq - pi.ln());
            }
            total
        }
    };
    // Rounding can leave −1e-17 where Q fits P exactly; KL is never negative.
    total.max(0.0)
}

/// The analytic gradient of [`divergence`] with respect to (μ, ln σ). With g the gradient
/// of the unnormalised log density (g_μ = (i−μ)/σ², g_lnσ = (i−μ)²/σ²):
///
/// * forward: `E_q[g] − E_p[g]` (∂ ln q_i = g_i − `E_q[g]`, weighted by −p_i);
/// * reverse: Cov_q(g, ln q − ln p).
///
/// Where the divergence is +∞ there is no slope to follow, and the gradient is (0, 0).
pub fn gradient(p: &[f64], params: Params, direction: Direction) -> (f64, f64) {
    let n = p.len();
    let Params { mu, sigma } = params.clamped(n);
    let log_q = log_gaussian(n, params);
    let g = |i: usize| {
        let z = (i as f64 - mu) / sigma;
        (z / sigma, z * z)
    };
    // E_q[g], skipping outcomes whose q underflowed (their weight is below 1e-300).
    let (mut eq_mu, mut eq_s) = (0.0, 0.0);
    for (i, &lq) in log_q.iter().enumerate() {
        let qi = lq.exp();
        if qi > 0.0 {
            let (gm, gs) = g(i);
            eq_mu += qi * gm;
            eq_s += qi * gs;
        }
    }
    match direction {
        Direction::Forward => {
            let (mut mass, mut ep_mu, mut ep_s) = (0.0, 0.0, 0.0);
            for (i, &pi) in p.iter().enumerate() {
                if pi > 0.0 {
                    let (gm, gs) = g(i);
                    mass += pi;
                    ep_mu += pi * gm;
                    ep_s += pi * gs;
                }
            }
            // Σp = 1 for a distribution; keeping it makes this the exact slope of what
            // `divergence` computes even when it is off by rounding.
            (mass * eq_mu - ep_mu, mass * eq_s - ep_s)
        }
        Direction::Reverse => {
            // h_i = ln q_i − ln p_i on the outcomes Q uses; its mean is the divergence.
            let mut h = vec![0.0; n];
            let mut mean_h = 0.0;
            for (i, (&pi, &lq)) in p.iter().zip(&log_q).enumerate() {
                let qi = lq.exp();
                if qi == 0.0 {
                    continue;
                }
                if pi.is_nan() || pi <= 0.0 {
                    return (0.0, 0.0);
                }
                h[i] = lq - pi.ln();
                mean_h += qi * h[i];
            }
            let (mut cov_mu, mut cov_s) = (0.0, 0.0);
            for (i, &lq) in log_q.iter().enumerate() {
                let qi = lq.exp();
                if qi > 0.0 {
                    let (gm, gs) = g(i);
                    let dh = h[i] - mean_h;
                    cov_mu += qi * (gm - eq_mu) * dh;
                    cov_s += qi * (gs - eq_s) * dh;
                }
            }
            (cov_mu, cov_s)
        }
    }
}

/// Gradient descent on (μ, ln σ), one step at a time, so the app can animate it.
///
/// Each step goes against the gradient with a backtracking (Armijo) line search, and the
/// parameters stay inside [`mu_range`] and [`sigma_range`] (a step that would leave them
/// is cut at the edge). Two refinements keep it from crawling or leaping:
///
/// * The gradient is scaled by the inverse Fisher information of a Gaussian, σ² along μ
///   and ½ along ln σ (the "natural gradient"). Unscaled, ∂/∂μ shrinks like 1/σ², so a
///   wide bump would creep sideways for thousands of steps.
/// * One step changes the model by at most about ⅛ nat of KL (a move of ½ in the Fisher
///   norm √(Δμ²/σ² + 2 Δln σ²)), so the path follows the slope from the start point and
///   does not jump over a hill into another valley.
///
/// The trial step size doubles after every accepted step and halves on every rejected
/// trial, so it adapts to the scale of the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Descent {
    /// Where the descent is now.
    pub params: Params,
    /// The divergence there, in nats.
    pub value: f64,
    /// Steps taken (accepted moves).
    pub steps: usize,
    /// True once the gradient or the improvement became too small to go on: a (local)
    /// minimum, or the edge of the ranges.
    pub converged: bool,
    direction: Direction,
    /// The first trial step of the next line search.
    step_size: f64,
    /// No more steps: converged, stuck on +∞, or out of steps.
    finished: bool,
}

/// Armijo's sufficient-decrease constant.
const ARMIJO: f64 = 1e-4;
/// Stop when a unit step along the scaled gradient moves less than this (Fisher norm).
const GRADIENT_TOLERANCE: f64 = 1e-9;
/// Stop when a step improves the divergence by less than this, relative to 1 + value.
const IMPROVEMENT_TOLERANCE: f64 = 1e-12;
/// The longest move of one step, in the Fisher norm.
const MAX_MOVE: f64 = 0.5;
/// The longest trial step, and the most halvings of one line search.
const MAX_STEP_SIZE: f64 = 1e6;
const MAX_HALVINGS: usize = 80;

impl Descent {
    /// Starts at `start` (clamped into the ranges).
    pub fn new(p: &[f64], start: Params, direction: Direction) -> Descent {
        let params = start.clamped(p.len());
        let value = divergence(p, params, direction);
        Descent { params, value, steps: 0, converged: false, direction, step_size: 1.0, finished: false }
    }

    /// The direction being minimised.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// No more steps will move it: converged, on an infinite divergence, or out of steps.
    pub fn is_finished(&self) -> bool {
        self.finished || self.steps >= MAX_STEPS || !self.value.is_finite()
    }

    /// Takes one step. Returns true if the parameters moved, false once the descent has
    /// finished: converged, on an infinite divergence (no slope to follow; `converged`
    /// stays false), or after [`MAX_STEPS`] steps. Pass the same `p` every time.
    pub fn step(&mut self, p: &[f64]) -> bool {
        if self.finished || self.steps >= MAX_STEPS || !self.value.is_finite() {
            self.finished = true;
            return false;
        }
        let n = p.len();
        let (g_mu, g_s) = gradient(p, self.params, self.direction);
        let sigma = self.params.sigma;
        let here = (self.params.mu, sigma.ln());
        // Downhill in the Fisher metric of the Gaussian.
        let down = (-sigma * sigma * g_mu, -0.5 * g_s);
        let fisher_norm = |d_mu: f64, d_s: f64| ((d_mu / sigma).powi(2) + 2.0 * d_s * d_s).sqrt();
        let project =
            |t: f64| -> Params { Params { mu: here.0 + t * down.0, sigma: (here.1 + t * down.1).exp() }.clamped(n) };
        let moved = |to: Params| (to.mu - here.0, to.sigma.ln() - here.1);
        // The projected gradient: how far a unit step moves once the edges are applied.
        let unit = moved(project(1.0));
        let unit_norm = fisher_norm(unit.0, unit.1);
        if unit_norm.is_nan() || unit_norm < GRADIENT_TOLERANCE {
            return self.finish(true);
        }
        let mut t = self.step_size.min(MAX_MOVE / fisher_norm(down.0, down.1));
        for _ in 0..MAX_HALVINGS {
            let trial = project(t);
            let delta = moved(trial);
            if delta == (0.0, 0.0) {
                break;
            }
            let value = divergence(p, trial, self.direction);
            // Armijo on the projected step: f(x') ≤ f(x) + c ∇f·(x' − x).
            if value <= self.value + ARMIJO * (g_mu * delta.0 + g_s * delta.1) {
                let improvement = self.value - value;
                self.params = trial;
                self.value = value;
                self.steps += 1;
                self.step_size = (2.0 * t).min(MAX_STEP_SIZE);
                if improvement <= IMPROVEMENT_TOLERANCE * (1.0 + value) {
                    self.finish(true);
                }
                return true;
            }
            t *= 0.5;
        }
        // No step, however short, goes down: as low as rounding allows.
        self.finish(true)
    }

    fn finish(&mut self, converged: bool) -> bool {
        self.converged = converged;
        self.finished = true;
        false
    }
}

/// Where [`fit`] starts from, deterministic for a given `seed`; at least one point.
///
/// * forward: first the moment-matched Gaussian (mean and standard deviation of P), which
///   is close to the forward optimum;
/// * reverse: first a narrow bump on P's most likely outcome (the first, on ties).
///
/// Then, for both, `starts / 2` starts spread evenly over μ (each with σ half the stretch
/// of outcomes it stands for), and the rest at seeded random μ with log-uniform σ.
pub fn start_points(p: &[f64], direction: Direction, starts: usize, seed: u64) -> Vec<Params> {
    let n = p.len();
    let starts = starts.max(1);
    let first = match direction {
        Direction::Forward => moment_matched(p),
        Direction::Reverse => {
            let top = p
                .iter()
                .enumerate()
                .fold((0, f64::NEG_INFINITY), |best, (i, &x)| if x > best.1 { (i, x) } else { best });
            Params { mu: top.0 as f64, sigma: 1.0 }
        }
    };
    let mut points = vec![first.clamped(n)];
    let spread = starts / 2;
    for j in 0..spread {
        let width = n as f64 / spread as f64;
        points.push(Params { mu: (j as f64 + 0.5) * width - 0.5, sigma: 0.5 * width }.clamped(n));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mu_low, mu_high) = mu_range(n).into_inner();
    let (ln_low, ln_high) = (sigma_range(n).start().ln(), sigma_range(n).end().ln());
    while points.len() < starts {
        let mu = mu_low + rng.random::<f64>() * (mu_high - mu_low);
        let sigma = (ln_low + rng.random::<f64>() * (ln_high - ln_low)).exp();
        points.push(Params { mu, sigma }.clamped(n));
    }
    points.truncate(starts);
    points
}

/// The Gaussian with P's mean and standard deviation over the outcome indices.
pub fn moment_matched(p: &[f64]) -> Params {
    let n = p.len();
    let weight = |x: f64| if x > 0.0 && x.is_finite() { x } else { 0.0 };
    let mass: f64 = p.iter().map(|&x| weight(x)).sum();
    if !(mass > 0.0 && mass.is_finite()) {
        return Params { mu: 0.5 * n.saturating_sub(1) as f64, sigma: 1.0 }.clamped(n);
    }
    let mean = p.iter().enumerate().map(|(i, &x)| weight(x) * i as f64).sum::<f64>() / mass;
    let variance = p.iter().enumerate().map(|(i, &x)| weight(x) * (i as f64 - mean).powi(2)).sum::<f64>() / mass;
    Params { mu: mean, sigma: variance.sqrt() }.clamped(n)
}

/// The best fit found, and how the winning descent got there.
#[derive(Debug, Clone, PartialEq)]
pub struct FitResult {
    pub params: Params,
    /// The divergence reached, in nats (+∞ only if every start was infinite).
    pub divergence: f64,
    /// Every point of the winning descent, from its start to its end.
    pub path: Vec<Params>,
    /// Where the winning descent started.
    pub start: Params,
}

/// The most outcomes a fit works on, in the app's fit view and on the command line: a
/// descent costs a pass over every outcome per step.
pub const MAX_FIT_OUTCOMES: usize = 10_000;

/// The most work one fit does: start points × outcomes (a few seconds at the limit).
pub const MAX_FIT_WORK: usize = 1_000_000;

/// The most start points a fit over `outcomes` outcomes may descend from within
/// [`MAX_FIT_WORK`]: 1000 for small scenarios, 100 at [`MAX_FIT_OUTCOMES`].
pub fn max_starts(outcomes: usize) -> usize {
    (MAX_FIT_WORK / outcomes.max(1)).clamp(1, 1000)
}

/// Runs a [`Descent`] to the end (at most [`MAX_STEPS`] steps) from each of
/// [`start_points`] and keeps the lowest divergence (the earlier start on ties).
pub fn fit(p: &[f64], direction: Direction, starts: usize, seed: u64) -> FitResult {
    let mut best: Option<FitResult> = None;
    for start in start_points(p, direction, starts, seed) {
        let mut descent = Descent::new(p, start, direction);
        let start = descent.params;
        let mut path = vec![start];
        while descent.step(p) {
            path.push(descent.params);
        }
        if best.as_ref().is_none_or(|b| descent.value < b.divergence) {
            best = Some(FitResult { params: descent.params, divergence: descent.value, path, start });
        }
    }
    best.unwrap_or_else(|| {
        let params = moment_matched(p);
        FitResult { params, divergence: divergence(p, params, direction), path: vec![params], start: params }
    })
}

/// The divergence over a grid of (μ, σ), for a heat map under the descent path.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// μ values, evenly spaced over [`mu_range`].
    pub mu: Vec<f64>,
    /// σ values, evenly spaced on a log scale over [`sigma_range`]: a narrow bump and a
    /// wide one get the same room on a map.
    pub sigma: Vec<f64>,
    /// `values[j * mu.len() + i]` is the divergence at (`mu[i]`, `sigma[j]`) in nats; may be +∞.
    pub values: Vec<f64>,
}

/// The most steps along either axis of a [`Grid`].
pub const MAX_GRID_STEPS: usize = 1000;

/// Evaluates the divergence on `mu_steps` × `sigma_steps` points (each clamped to
/// 1..=[`MAX_GRID_STEPS`]; one step means the middle of the range).
pub fn grid(p: &[f64], direction: Direction, mu_steps: usize, sigma_steps: usize) -> Grid {
    let n = p.len();
    let mu = spaced(mu_range(n), mu_steps);
    let (low, high) = sigma_range(n).into_inner();
    let mut sigma: Vec<f64> = spaced(low.ln()..=high.ln(), sigma_steps).into_iter().map(f64::exp).collect();
    // The ends exactly, not exp(ln x) a rounding away.
    if let [first, .., last] = sigma.as_mut_slice() {
        (*first, *last) = (low, high);
    }
    let mut values = Vec::with_capacity(mu.len() * sigma.len());
    for &s in &sigma {
        for &m in &mu {
            values.push(divergence(p, Params { mu: m, sigma: s }, direction));
        }
    }
    Grid { mu, sigma, values }
}

/// `steps` evenly spaced values from the start of `range` to its end.
fn spaced(range: RangeInclusive<f64>, steps: usize) -> Vec<f64> {
    let (low, high) = range.into_inner();
    let steps = steps.clamp(1, MAX_GRID_STEPS);
    if steps == 1 {
        return vec![0.5 * (low + high)];
    }
    let last = (steps - 1) as f64;
    (0..steps).map(|k| if k + 1 == steps { high } else { low + (high - low) * k as f64 / last }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaussian_sums_to_one_and_has_no_zero_near_mu() {
        let q = gaussian(50, Params { mu: 0.0, sigma: MIN_SIGMA });
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert!(q[0] > 0.99 && q[1] > 0.0, "{q:?}");
        assert!(log_gaussian(50, Params { mu: 0.0, sigma: MIN_SIGMA }).iter().all(|l| l.is_finite()));
    }

    #[test]
    fn nan_parameters_are_clamped_not_propagated() {
        let q = gaussian(5, Params { mu: f64::NAN, sigma: f64::NAN });
        assert!(q.iter().all(|x| x.is_finite()), "{q:?}");
        assert_eq!(Params { mu: f64::NAN, sigma: -1.0 }.clamped(5), Params { mu: 2.0, sigma: MIN_SIGMA });
    }

    #[test]
    fn directions_parse() {
        assert_eq!("Forward".parse::<Direction>(), Ok(Direction::Forward));
        assert_eq!(" reverse ".parse::<Direction>(), Ok(Direction::Reverse));
        assert!("sideways".parse::<Direction>().is_err());
    }
}
