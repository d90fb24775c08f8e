//! A distribution given as logits at a temperature, softmax(z / T), and what the
//! temperature does to its entropy: as T → 0 the distribution collapses onto the arg-max
//! (ties share it evenly); as T → ∞ it spreads evenly over every possible outcome.

use serde::{Deserialize, Serialize};

use super::softmax::{SoftmaxError, log_softmax};

/// The temperature a scenario's logits have when none is given.
pub const DEFAULT_TEMPERATURE: f64 = 1.0;

/// Logits z and a temperature T, standing for softmax(z / T). A logit of −∞ is an
/// outcome of probability 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logits {
    pub values: Vec<f64>,
    pub temperature: f64,
}

impl Logits {
    /// The logits z = ln p at T = 1: softmax gives p back; −∞ where p = 0.
    pub fn from_probabilities(p: &[f64]) -> Logits {
        let values = p.iter().map(|&x| if x > 0.0 { x.ln() } else { f64::NEG_INFINITY }).collect();
        Logits { values, temperature: DEFAULT_TEMPERATURE }
    }

    /// softmax(z / T).
    pub fn probabilities(&self) -> Result<Vec<f64>, SoftmaxError> {
        super::softmax::softmax(&self.values, self.temperature)
    }

    /// The same logits at another temperature.
    pub fn at(&self, temperature: f64) -> Logits {
        Logits { values: self.values.clone(), temperature }
    }
}

/// H(softmax(z / T)) in nats, or why it has none.
pub fn entropy_at(logits: &[f64], temperature: f64) -> Result<f64, SoftmaxError> {
    let log_p = log_softmax(logits, temperature)?;
    // An outcome of probability 0 (log −∞) adds nothing.
    Ok(-log_p.iter().filter(|l| l.is_finite()).map(|&l| l.exp() * l).sum::<f64>())
}

/// The entropy's limits in nats: (as T → 0, as T → ∞).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TemperatureLimits {
    /// ln k, k = how many outcomes share the largest logit (the arg-max, ties included).
    pub cold: f64,
    /// How many outcomes share the largest logit.
    pub tied: usize,
    /// ln m, m = how many outcomes have a logit above −∞ (uniform over those).
    pub hot: f64,
    /// How many outcomes have a logit above −∞.
    pub possible: usize,
}

/// Where H(softmax(z / T)) goes as T → 0 and T → ∞; None without a finite logit.
pub fn temperature_limits(logits: &[f64]) -> Option<TemperatureLimits> {
    let max = logits.iter().copied().filter(|z| !z.is_nan()).fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return None;
    }
    let tied = logits.iter().filter(|&&z| z == max).count();
    let possible = logits.iter().filter(|z| z.is_finite()).count();
    Some(TemperatureLimits { cold: (tied as f64).ln(), tied, hot: (possible as f64).ln(), possible })
}

/// `count` temperatures evenly spaced on a log scale from `low` to `high` (both > 0).
pub fn log_spaced(low: f64, high: f64, count: usize) -> Vec<f64> {
    let (a, b) = (low.ln(), high.ln());
    let steps = count.saturating_sub(1).max(1) as f64;
    (0..count).map(|i| (a + (b - a) * i as f64 / steps).exp()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_goes_from_the_arg_max_to_uniform() {
        let z = [2.0, 2.0, 0.0, f64::NEG_INFINITY];
        let limits = temperature_limits(&z).unwrap_or_else(|| panic!("finite logits"));
        assert_eq!((limits.tied, limits.possible), (2, 3));
        let cold = entropy_at(&z, 1e-3).unwrap_or(f64::NAN);
        let hot = entropy_at(&z, 1e6).unwrap_or(f64::NAN);
        assert!((cold - 2f64.ln()).abs() < 1e-9, "{cold}");
        assert!((hot - 3f64.ln()).abs() < 1e-5, "{hot}");
        assert_eq!(temperature_limits(&[f64::NEG_INFINITY]), None);
    }

    #[test]
    fn ln_p_gives_p_back() {
        let p = [0.2, 0.0, 0.8];
        let back = Logits::from_probabilities(&p).probabilities().unwrap_or_default();
        assert!(back.iter().zip(p).all(|(a, b)| (a - b).abs() < 1e-15), "{back:?}");
    }
}
