//! softmax(z / T): logits z at a temperature T turned into probabilities, as a model's
//! last layer does. Computed stably: the largest logit is subtracted before anything is
//! exponentiated, so logits of ±1000 and temperatures down to 1e-3 (and below) neither
//! overflow nor give NaN, and adding the same number to every logit changes nothing.
//! A logit of −∞ is probability 0 (the log of a zero probability).

/// Why logits cannot be turned into probabilities.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SoftmaxError {
    #[error("there are no logits")]
    Empty,
    #[error("logit {index} is {value}: logits must be numbers below infinity")]
    NotFinite { index: usize, value: f64 },
    #[error("every logit is −∞: no outcome is possible")]
    AllImpossible,
    #[error("the temperature is {0}: it must be a positive, finite number")]
    Temperature(f64),
}

/// ln softmax(z / T), exactly where the probabilities would underflow.
pub fn log_softmax(logits: &[f64], temperature: f64) -> Result<Vec<f64>, SoftmaxError> {
    if !(temperature.is_finite() && temperature > 0.0) {
        return Err(SoftmaxError::Temperature(temperature));
    }
    if logits.is_empty() {
        return Err(SoftmaxError::Empty);
    }
    if let Some((index, &value)) = logits.iter().enumerate().find(|(_, z)| z.is_nan() || **z == f64::INFINITY) {
        return Err(SoftmaxError::NotFinite { index, value });
    }
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return Err(SoftmaxError::AllImpossible);
    }
    // (z − max) / T ≤ 0, with 0 for the largest: the sum below is at least 1.
    let scaled: Vec<f64> = logits.iter().map(|&z| (z - max) / temperature).collect();
    let log_sum = scaled.iter().map(|&s| s.exp()).sum::<f64>().ln();
    Ok(scaled.into_iter().map(|s| s - log_sum).collect())
}

/// softmax(z / T): probabilities that sum to 1.
pub fn softmax(logits: &[f64], temperature: f64) -> Result<Vec<f64>, SoftmaxError> {
    Ok(log_softmax(logits, temperature)?.into_iter().map(f64::exp).collect())
}

/// A distribution at another temperature: softmax(ln p / T), so p itself at T = 1, flatter
/// above 1, sharper below. Zeros stay zero.
pub fn at_temperature(p: &[f64], temperature: f64) -> Result<Vec<f64>, SoftmaxError> {
    let logits: Vec<f64> = p.iter().map(|&x| if x > 0.0 { x.ln() } else { f64::NEG_INFINITY }).collect();
    softmax(&logits, temperature)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_errors() {
        let p = softmax(&[0.0, 2f64.ln()], 1.0).unwrap_or_default();
        assert!((p[0] - 1.0 / 3.0).abs() < 1e-15 && (p[1] - 2.0 / 3.0).abs() < 1e-15, "{p:?}");
        assert_eq!(softmax(&[], 1.0), Err(SoftmaxError::Empty));
        assert_eq!(softmax(&[1.0], 0.0), Err(SoftmaxError::Temperature(0.0)));
        assert!(matches!(softmax(&[1.0, f64::NAN], 1.0), Err(SoftmaxError::NotFinite { index: 1, .. })));
        assert_eq!(softmax(&[f64::NEG_INFINITY], 1.0), Err(SoftmaxError::AllImpossible));
        assert_eq!(at_temperature(&[0.5, 0.5, 0.0], 2.0).unwrap_or_default(), vec![0.5, 0.5, 0.0]);
    }
}
