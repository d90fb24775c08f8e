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
    LibraryValues {
        scipy_entropy: kl_sum(&p_norm, &q_norm),
        rel_entr_sum: kl_sum(p, q),
        jensenshannon: (js / 2.0).sqrt(),
        kldivloss_batchmean: torch_sum,
        kldivloss_mean: if n > 0 { torch_sum / n as f64 } else { f64::NAN },
    }
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
