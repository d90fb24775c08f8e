//! The VAE's KL term. An encoder gives, per latent dimension, a mean μ and a log-variance
//! ln σ²; the loss pulls N(μ, σ²) towards the prior N(0, 1) by
//! KL(N(μ, σ²) || N(0, 1)) = ½(μ² + σ² − 1 − ln σ²) per dimension, summed over dimensions
//! (and, in most training code, averaged over the batch).
//!
//! What `torch.distributions.kl_divergence(Normal(μ, σ), Normal(0, 1))` returns: a tensor
//! of the shape of μ, one KL per dimension, NOT summed (`.sum(-1)` sums the dimensions).
//! `Normal(loc, scale)` takes the standard deviation σ as `scale`, not σ² and not ln σ²:
//! from an encoder's `logvar`, σ = `torch.exp(0.5 * logvar)`. Passing `logvar.exp()` (σ²)
//! as the scale computes the KL of N(μ, σ⁴) instead, i.e. of a log-variance twice the
//! encoder's; passing `logvar` itself fails for a negative log-variance (scale must be
//! positive).

/// ½(μ² + σ² − 1 − ln σ²) from μ and ln σ², with σ² − 1 − ln σ² as expm1 minus the log so
/// that a σ near 1 keeps its digits.
pub fn kl_to_standard_normal(mu: f64, log_var: f64) -> f64 {
    0.5 * (mu * mu + log_var.exp_m1() - log_var)
}

/// One encoder output: μ and ln σ² for each latent dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoding {
    pub mu: Vec<f64>,
    pub log_var: Vec<f64>,
}

impl Encoding {
    /// The KL of each dimension: what torch's `kl_divergence(Normal(mu, exp(0.5*logvar)),
    /// Normal(0, 1))` returns for this row.
    pub fn per_dimension(&self) -> Vec<f64> {
        self.mu.iter().zip(&self.log_var).map(|(&m, &lv)| kl_to_standard_normal(m, lv)).collect()
    }

    /// The sum over dimensions: the KL of the whole diagonal Gaussian to N(0, I).
    pub fn total(&self) -> f64 {
        self.per_dimension().iter().sum()
    }

    /// What the common mistake computes: σ² passed as `scale` (the KL per dimension of
    /// N(μ, σ⁴)).
    pub fn variance_as_scale(&self) -> Vec<f64> {
        self.mu.iter().zip(&self.log_var).map(|(&m, &lv)| kl_to_standard_normal(m, 2.0 * lv)).collect()
    }
}

/// A batch of encodings, all with the same number of dimensions.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodingBatch {
    pub rows: Vec<Encoding>,
}

impl EncodingBatch {
    /// The mean over the batch of each row's summed KL: the KL term of the usual loss
    /// `kl.sum(-1).mean()`.
    pub fn mean_total(&self) -> f64 {
        if self.rows.is_empty() {
            return 0.0;
        }
        self.rows.iter().map(Encoding::total).sum::<f64>() / self.rows.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prior_itself_costs_nothing_and_a_shift_costs_half_its_square() {
        assert_eq!(kl_to_standard_normal(0.0, 0.0), 0.0);
        assert!((kl_to_standard_normal(2.0, 0.0) - 2.0).abs() < 1e-15);
        // σ² = e: ½(e − 1 − 1).
        assert!((kl_to_standard_normal(0.0, 1.0) - 0.5 * (std::f64::consts::E - 2.0)).abs() < 1e-15);
        // Tiny log-variances keep their digits: ½(lv²/2 + lv³/6 + …).
        let lv = 1e-8;
        assert!((kl_to_standard_normal(0.0, lv) / (0.25 * lv * lv) - 1.0).abs() < 1e-7);
    }
}
