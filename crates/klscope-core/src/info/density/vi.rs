//! Variational inference where everything is known exactly: prior z ~ N(0, 1), data
//! xᵢ ~ N(z, s²). The posterior is Gaussian, so the evidence log p(x), the ELBO of any
//! q = N(m, v) and KL(q || posterior) all have closed forms, and
//! ELBO(q) + KL(q || posterior) = log p(x) for every q: maximising the ELBO is minimising
//! that KL. Gradient ascent on the ELBO is given as a step (state in, state out) that a
//! view can animate.

use std::f64::consts::{E, PI};

/// The most observations (a few the user drags on the axis).
pub const MAX_OBSERVATIONS: usize = 32;

/// Why a conjugate model cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error("the model needs at least one observation")]
    NoObservations,
    #[error("the model has {0} observations: at most {MAX_OBSERVATIONS} are allowed")]
    TooManyObservations(usize),
    #[error("observation {} is {value}: observations must be finite numbers", index + 1)]
    Observation { index: usize, value: f64 },
    #[error("the noise sd is {0}: it must be a positive, finite number")]
    NoiseSd(f64),
}

/// A Gaussian by mean and variance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normal {
    pub mean: f64,
    pub variance: f64,
}

impl Normal {
    pub fn sd(&self) -> f64 {
        self.variance.sqrt()
    }

    /// ½ ln(2πe v).
    pub fn entropy(&self) -> f64 {
        0.5 * (2.0 * PI * E * self.variance).ln()
    }

    /// KL(self || other) in nats.
    pub fn kl(&self, other: &Normal) -> f64 {
        let r = self.variance / other.variance;
        0.5 * (r - 1.0 - r.ln() + (self.mean - other.mean).powi(2) / other.variance)
    }
}

/// q = N(mean, exp(log_variance)): the parameters gradient ascent moves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VariationalState {
    pub mean: f64,
    pub log_variance: f64,
}

impl VariationalState {
    pub fn q(&self) -> Normal {
        Normal { mean: self.mean, variance: self.log_variance.exp() }
    }
}

/// The three bars that always add up: log p(x) = ELBO + KL(q || posterior).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElboParts {
    pub log_evidence: f64,
    pub elbo: f64,
    /// KL(q || posterior) ≥ 0, the gap.
    pub gap: f64,
}

/// Prior z ~ N(0, 1); observations xᵢ ~ N(z, noise_sd²).
#[derive(Debug, Clone, PartialEq)]
pub struct Conjugate {
    observations: Vec<f64>,
    noise_sd: f64,
}

impl Conjugate {
    pub fn new(observations: Vec<f64>, noise_sd: f64) -> Result<Conjugate, ModelError> {
        if observations.is_empty() {
            return Err(ModelError::NoObservations);
        }
        if observations.len() > MAX_OBSERVATIONS {
            return Err(ModelError::TooManyObservations(observations.len()));
        }
        if let Some((index, &value)) = observations.iter().enumerate().find(|(_, x)| !x.is_finite()) {
            return Err(ModelError::Observation { index, value });
        }
        if !(noise_sd.is_finite() && noise_sd > 0.0) {
            return Err(ModelError::NoiseSd(noise_sd));
        }
        Ok(Conjugate { observations, noise_sd })
    }

    pub fn observations(&self) -> &[f64] {
        &self.observations
    }

    pub fn noise_sd(&self) -> f64 {
        self.noise_sd
    }

    fn n(&self) -> f64 {
        self.observations.len() as f64
    }

    fn noise_variance(&self) -> f64 {
        self.noise_sd * self.noise_sd
    }

    /// The posterior's precision λ = 1 + n/s².
    pub fn precision(&self) -> f64 {
        1.0 + self.n() / self.noise_variance()
    }

    /// N((Σx/s²)/λ, 1/λ).
    pub fn posterior(&self) -> Normal {
        let lambda = self.precision();
        let sum: f64 = self.observations.iter().sum();
        Normal { mean: sum / self.noise_variance() / lambda, variance: 1.0 / lambda }
    }

    /// log p(x): x ~ N(0, s²I + 11ᵀ), whose determinant is s²ⁿ(1 + n/s²) and whose
    /// inverse is (I − 11ᵀ/(s² + n))/s².
    pub fn log_evidence(&self) -> f64 {
        let (n, s2) = (self.n(), self.noise_variance());
        let sum: f64 = self.observations.iter().sum();
        let squares: f64 = self.observations.iter().map(|x| x * x).sum();
        let quadratic = (squares - sum * sum / (s2 + n)) / s2;
        -0.5 * n * (2.0 * PI * s2).ln() - 0.5 * (1.0 + n / s2).ln() - 0.5 * quadratic
    }

    /// ELBO(q) = E_q[ln p(x|z)] + E_q[ln p(z)] + H(q), each in closed form.
    pub fn elbo(&self, q: &Normal) -> f64 {
        let (n, s2) = (self.n(), self.noise_variance());
        let likelihood: f64 = self.observations.iter().map(|x| (x - q.mean).powi(2) + q.variance).sum::<f64>();
        let expected_log_likelihood = -0.5 * n * (2.0 * PI * s2).ln() - likelihood / (2.0 * s2);
        let expected_log_prior = -0.5 * (2.0 * PI).ln() - 0.5 * (q.mean * q.mean + q.variance);
        expected_log_likelihood + expected_log_prior + q.entropy()
    }

    /// KL(q || posterior).
    pub fn kl_to_posterior(&self, q: &Normal) -> f64 {
        q.kl(&self.posterior())
    }

    pub fn parts(&self, q: &Normal) -> ElboParts {
        ElboParts { log_evidence: self.log_evidence(), elbo: self.elbo(q), gap: self.kl_to_posterior(q) }
    }

    /// ∂ELBO/∂m = Σx/s² − λm and ∂ELBO/∂(ln v) = ½(1 − λv).
    pub fn gradient(&self, state: VariationalState) -> (f64, f64) {
        let lambda = self.precision();
        let sum: f64 = self.observations.iter().sum();
        let v = state.log_variance.exp();
        (sum / self.noise_variance() - lambda * state.mean, 0.5 * (1.0 - lambda * v))
    }

    /// One step of gradient ascent on the ELBO in (m, ln v), with a fixed diagonal
    /// preconditioner (rate/λ for m, so both coordinates converge at a rate set by
    /// `rate` alone whatever the data; `rate` in (0, 1], 0.2 animates well). A step in ln v
    /// is clipped to ±1, so that a q far wider than the posterior does not overshoot.
    pub fn step(&self, state: VariationalState, rate: f64) -> VariationalState {
        let (dm, dlv) = self.gradient(state);
        let lambda = self.precision();
        VariationalState {
            mean: state.mean + rate / lambda * dm,
            log_variance: state.log_variance + (rate * dlv).clamp(-1.0, 1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gradient_is_the_elbos() {
        let model = Conjugate::new(vec![0.5, 1.5, 2.0], 0.8).unwrap();
        let s = VariationalState { mean: -0.3, log_variance: 0.4 };
        let (dm, dlv) = model.gradient(s);
        let h = 1e-6;
        let f = |m: f64, lv: f64| model.elbo(&VariationalState { mean: m, log_variance: lv }.q());
        let num_m = (f(s.mean + h, s.log_variance) - f(s.mean - h, s.log_variance)) / (2.0 * h);
        let num_lv = (f(s.mean, s.log_variance + h) - f(s.mean, s.log_variance - h)) / (2.0 * h);
        assert!((dm - num_m).abs() < 1e-7 && (dlv - num_lv).abs() < 1e-7, "{dm} {num_m} {dlv} {num_lv}");
    }

    #[test]
    fn errors_name_the_observation() {
        assert_eq!(
            Conjugate::new(vec![1.0, f64::NAN], 1.0).unwrap_err().to_string(),
            "observation 2 is NaN: observations must be finite numbers"
        );
        assert_eq!(
            Conjugate::new(vec![1.0], 0.0).unwrap_err().to_string(),
            "the noise sd is 0: it must be a positive, finite number"
        );
    }
}
