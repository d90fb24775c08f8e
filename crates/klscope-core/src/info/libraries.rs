//! What popular libraries return for this P and Q, computed here from their documented
//! definitions, so a student can see which call gives which number (and which one is not
//! KL at all). All values are in nats, as the libraries use natural logs by default.
//!
//! * `scipy.stats.entropy(P, Q)` rescales both to sum to 1, then Σ rel_entr: KL(P‖Q).
//! * `scipy.special.rel_entr(P, Q).sum()` does not rescale.
//! * `scipy.spatial.distance.jensenshannon(P, Q)` rescales both and returns the JS
//!   *distance* √JS, not the divergence.
//! * `torch.nn.KLDivLoss` takes log Q as its input and P as its target; with
//!   `reduction='batchmean'` it is KL(P‖Q), with `reduction='mean'` it divides the same
//!   sum by the number of elements instead, which is a common mistake.
//! * `torch.nn.functional.kl_div(input, target)` is the same: input log Q, target P,
//!   result KL(P‖Q). Given the other way round, `kl_div(P.log(), Q)` is KL(Q‖P).
//!   With `log_target=True` the target is given as log P too.
//! * Knowledge distillation's soft loss is T²·KL(P_T‖Q_T), with P_T = softmax(z_t/T) the
//!   teacher's and Q_T = softmax(z_s/T) the student's distribution at temperature T
//!   (here z = ln p and ln q, so P_T is P at temperature T). The T² keeps its gradients
//!   on the same scale as the hard loss's whatever T is: softening divides them by T².
//! * `torch.distributions.kl_divergence(Normal(μ, σ), Normal(0, 1))` (a VAE's KL term)
//!   returns one KL per element of μ — per latent dimension, NOT summed — computed from
//!   the scales as ½(r + t − 1 − ln r), r = (σ/1)², t = ((μ − 0)/1)². `Normal` takes the
//!   standard deviation σ, so an encoder's `logvar` goes in as `torch.exp(0.5 * logvar)`;
//!   `logvar.exp()` there is σ², a different (wrong) KL. See [`torch_normal_kl`].

use super::softmax::at_temperature;

/// The numbers the libraries return, in nats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LibraryValues {
    /// `scipy.stats.entropy(P, Q)`: normalises both, base e → KL(P‖Q).
    pub scipy_entropy: f64,
    /// `scipy.special.rel_entr(P, Q).sum()`: no normalisation; ∞ where p > 0 and q = 0.
    pub rel_entr_sum: f64,
    /// `scipy.spatial.distance.jensenshannon(P, Q)`: the distance √JS (JS in nats).
    pub jensenshannon: f64,
    /// `torch.nn.KLDivLoss(reduction='batchmean')(log Q, P)` for one row: KL(P‖Q).
    pub kldivloss_batchmean: f64,
    /// `torch.nn.KLDivLoss(reduction='mean')(log Q, P)`: the same sum divided by n.
    pub kldivloss_mean: f64,
    /// `F.kl_div(P.log(), Q, reduction='batchmean')`: the arguments swapped, KL(Q‖P).
    pub kl_div_swapped: f64,
    /// `F.kl_div(Q.log(), P.log(), reduction='batchmean', log_target=True)`: KL(P‖Q).
    pub kl_div_log_target: f64,
}

/// Computes every [`LibraryValues`] field for `p` and `q` (if their lengths differ, the
/// extra entries of the longer are ignored). Like the libraries, this does not check that
/// the inputs are distributions: all-zero input gives NaN in scipy's normalising
/// functions, as it does in scipy, and empty input a NaN `kldivloss_mean` (0 / 0, as
/// torch's mean of nothing).
pub fn library_values(p: &[f64], q: &[f64]) -> LibraryValues {
    let n = p.len().min(q.len());
    let (p, q) = (&p[..n], &q[..n]);
    let kl_sum = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(&x, &y)| rel_entr(x, y)).sum::<f64>();
    let (p_norm, q_norm) = (normalised(p), normalised(q));
    let m: Vec<f64> = p_norm.iter().zip(&q_norm).map(|(a, b)| (a + b) / 2.0).collect();
    let js = kl_sum(&p_norm, &m) + kl_sum(&q_norm, &m);
    let torch_sum: f64 = p.iter().zip(q).map(|(&target, &qi)| kl_div_pointwise(qi.ln(), target)).sum();
    let swapped: f64 = q.iter().zip(p).map(|(&target, &pi)| kl_div_pointwise(pi.ln(), target)).sum();
    // With log_target=True: Σ exp(t)·(t − input), t = ln p; 0 where p = 0, as in torch.
    let log_target: f64 = p.iter().zip(q).map(|(&pi, &qi)| if pi > 0.0 { pi * (pi.ln() - qi.ln()) } else { 0.0 }).sum();

    LibraryValues {
        scipy_entropy: kl_sum(&p_norm, &q_norm),
        rel_entr_sum: kl_sum(p, q),
        jensenshannon: (js / 2.0).sqrt(),
        kldivloss_batchmean: torch_sum,
        kldivloss_mean: if n > 0 { torch_sum / n as f64 } else { f64::NAN },
        kl_div_swapped: swapped,
        kl_div_log_target: log_target,
    }
}

/// Knowledge distillation's soft loss with teacher P and student Q at `temperature`:
/// T²·KL(P_T‖Q_T), P_T = softmax(ln p / T), as
/// `T*T * F.kl_div(F.log_softmax(z_s / T), F.softmax(z_t / T), reduction='batchmean')`.
/// NaN when P or Q has no positive value.
pub fn distillation_loss(p: &[f64], q: &[f64], temperature: f64) -> f64 {
    let n = p.len().min(q.len());
    match (at_temperature(&p[..n], temperature), at_temperature(&q[..n], temperature)) {
        (Ok(pt), Ok(qt)) => temperature * temperature * pt.iter().zip(&qt).map(|(&a, &b)| rel_entr(a, b)).sum::<f64>(),
        _ => f64::NAN,
    }
}

/// torch's `_kl_normal_normal(p, q)` for `Normal(loc_p, scale_p)` and `Normal(loc_q,
/// scale_q)`, elementwise, as written in torch/distributions/kl.py:
/// `var_ratio = (p.scale / q.scale)**2; t1 = ((p.loc - q.loc) / q.scale)**2;
/// 0.5 * (var_ratio + t1 - 1 - var_ratio.log())`.
pub fn torch_normal_kl(loc_p: f64, scale_p: f64, loc_q: f64, scale_q: f64) -> f64 {
    let var_ratio = (scale_p / scale_q).powi(2);
    let t1 = ((loc_p - loc_q) / scale_q).powi(2);
    0.5 * (var_ratio + t1 - 1.0 - var_ratio.ln())
}

/// What `kl_divergence(Normal(mu, torch.exp(0.5 * logvar)), Normal(0, 1))` returns for one
/// encoding: a value per dimension (sum them for the VAE loss's KL term).
pub fn torch_vae_kl(mu: &[f64], log_var: &[f64]) -> Vec<f64> {
    mu.iter().zip(log_var).map(|(&m, &lv)| torch_normal_kl(m, (0.5 * lv).exp(), 0.0, 1.0)).collect()
}

/// `scipy.special.rel_entr(x, y)`: x·ln(x/y) for x, y > 0; 0 for x = 0, y ≥ 0; +∞ else.
pub fn rel_entr(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x > 0.0 && y > 0.0 {
        x * (x / y).ln()
    } else if x == 0.0 && y >= 0.0 {
        0.0
    } else {
        f64::INFINITY
    }
}

/// torch's pointwise KL loss: target·(ln target − input), and 0 where target = 0.
fn kl_div_pointwise(input: f64, target: f64) -> f64 {
    if target == 0.0 { 0.0 } else { target * (target.ln() - input) }
}

/// x / Σx, as numpy's `p / np.sum(p)`.
fn normalised(x: &[f64]) -> Vec<f64> {
    let total: f64 = x.iter().sum();
    x.iter().map(|v| v / total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rel_entr_cases() {
        assert_eq!(rel_entr(0.0, 0.0), 0.0);
        assert_eq!(rel_entr(0.0, 0.5), 0.0);
        assert_eq!(rel_entr(0.5, 0.0), f64::INFINITY);
        assert_eq!(rel_entr(-0.1, 0.5), f64::INFINITY);
        assert_eq!(rel_entr(0.5, 0.5), 0.0);
    }
}
