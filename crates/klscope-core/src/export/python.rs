//! "Copy as Python": a script that makes numpy and scipy print the numbers of the
//! libraries view for this P and Q, so a student can check them in their own notebook.

/// A short Python script (numpy and scipy; the torch lines commented out) that prints the
/// same numbers as [`library_values`]. Numbers are written in Rust's shortest round-trip
/// form, so Python reads back exactly these `f64`s; labels appear only in a comment, quoted
/// and escaped, so no label can break the script.
pub fn python_script(labels: &[String], p: &[f64], q: &[f64], temperature: f64) -> String {
    let list = |values: &[f64]| values.iter().map(|&v| python_float(v)).collect::<Vec<_>>().join(", ");
    let names = labels.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", ");
    format!(
        r#"# What numpy/scipy (and torch) return for this P and Q. Written by klscope.
# Outcomes: [{names}]
import numpy as np
from scipy.special import rel_entr
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy

P = np.array([{p}])
Q = np.array([{q}])

print("scipy.stats.entropy(P, Q)          =", entropy(P, Q))  # KL(P||Q) in nats; P and Q are rescaled to sum to 1
print("scipy.special.rel_entr(P, Q).sum() =", rel_entr(P, Q).sum())  # KL(P||Q) in nats; no rescaling
print("jensenshannon(P, Q)                =", jensenshannon(P, Q))  # the JS DISTANCE sqrt(JS), not JS

# Distillation: teacher P, student Q, both softened at temperature T (logits ln P, ln Q).
T = {t}
def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()
with np.errstate(divide="ignore"):
    P_T, Q_T = softmax(np.log(P) / T), softmax(np.log(Q) / T)
print("T**2 * KL(P_T || Q_T)              =", T**2 * rel_entr(P_T, Q_T).sum())  # the soft loss

# import torch
# import torch.nn.functional as F
# log_q = torch.log(torch.tensor(Q)).unsqueeze(0)  # input: log-probabilities, shape [1, n]
# target = torch.tensor(P).unsqueeze(0)            # target: probabilities, shape [1, n]
# print("KLDivLoss(batchmean) =", torch.nn.KLDivLoss(reduction="batchmean")(log_q, target).item())  # KL(P||Q)
# print("KLDivLoss(mean)      =", torch.nn.KLDivLoss(reduction="mean")(log_q, target).item())  # KL(P||Q) / n
# print("F.kl_div(log_q, target)        =", F.kl_div(log_q, target, reduction="batchmean").item())  # input log Q, target P: KL(P||Q)
# print("F.kl_div(log_p, Q) (swapped)   =", F.kl_div(target.log(), log_q.exp(), reduction="batchmean").item())  # KL(Q||P)
# print("F.kl_div(..., log_target=True) =", F.kl_div(log_q, target.log(), reduction="batchmean", log_target=True).item())  # KL(P||Q)
# z_t, z_s = target.log(), log_q  # teacher's and student's logits
# print("distillation =", T * T * F.kl_div(F.log_softmax(z_s / T, -1), F.softmax(z_t / T, -1), reduction="batchmean").item())
"#,
        p = list(p),
        q = list(q),
        t = python_float(temperature),
    )
}

/// What "Copy as Python" in the divergences view copies: numpy and scipy printing every
/// member of the family for this P and Q, in nats (W₁ in the positions' units), with
/// Rényi's divergence at `alpha` (its limits at 0, 1 and ∞ taken as klscope takes them).
/// Prints `name = value` lines in the order of [`FamilyMember::ALL`].
///
/// [`FamilyMember::ALL`]: crate::info::family::FamilyMember::ALL
pub fn family_script(labels: &[String], p: &[f64], q: &[f64], positions: &[f64], alpha: f64) -> String {
    let list = |values: &[f64]| values.iter().map(|&v| python_float(v)).collect::<Vec<_>>().join(", ");
    let names = labels.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", ");
    let alpha = if alpha.is_infinite() { "np.inf".to_string() } else { python_float(alpha) };
    format!(
        r#"# Every member of the divergence family for this P and Q, in nats. Written by klscope.
# Outcomes: [{names}]
import numpy as np
from scipy.special import rel_entr
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance

P = np.array([{p}])
Q = np.array([{q}])
x = np.array([{x}])  # where the outcomes sit, for W1
alpha = {alpha}

def renyi(P, Q, a):
    s = P > 0
    if a == 0:
        return -np.log(Q[s].sum())
    if a == 1:
        return rel_entr(P, Q).sum()
    if np.isinf(a):
        with np.errstate(divide="ignore"):
            return np.log((P[s] / Q[s]).max())
    with np.errstate(divide="ignore"):
        return np.log((P[s] ** a * Q[s] ** (1 - a)).sum()) / (a - 1)

with np.errstate(divide="ignore", invalid="ignore"):
    print("kl_pq =", rel_entr(P, Q).sum())  # KL(P||Q)
    print("kl_qp =", rel_entr(Q, P).sum())  # KL(Q||P)
    print("js =", jensenshannon(P, Q) ** 2)  # scipy returns the distance: square it
    print("total_variation =", 0.5 * np.abs(P - Q).sum())
    print("hellinger_squared =", 0.5 * ((np.sqrt(P) - np.sqrt(Q)) ** 2).sum())
    print("chi2_pearson =", np.where(P == Q, 0.0, (P - Q) ** 2 / Q).sum())  # inf where q = 0 < p
    print("chi2_neyman =", np.where(P == Q, 0.0, (P - Q) ** 2 / P).sum())  # inf where p = 0 < q
    print("renyi =", renyi(P, Q, alpha))
    print("wasserstein1 =", wasserstein_distance(x, x, P, Q))
"#,
        p = list(p),
        q = list(q),
        x = list(positions),
    )
}

/// What "Copy as Python" in the distillation view copies: numpy that computes the soft,
/// hard and total loss exactly as PyTorch's usual distillation code (in a comment) does,
/// for teacher logits `teacher`, student logits `student`, true label index `label`.
/// Prints `soft = …`, `hard = …`, `loss = …` in nats, as [`distillation_loss`] computes.
///
/// [`distillation_loss`]: crate::info::distillation::distillation_loss
pub fn distillation_script(
    labels: &[String],
    teacher: &[f64],
    student: &[f64],
    temperature: f64,
    alpha: f64,
    label: usize,
) -> String {
    let list = |values: &[f64]| values.iter().map(|&v| python_float(v)).collect::<Vec<_>>().join(", ");
    let names = labels.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", ");
    let true_label = labels.get(label).map(|l| format!("{l:?}")).unwrap_or_default();
    format!(
        r#"# Knowledge distillation for one example, as PyTorch computes it. Written by klscope.
# Outcomes: [{names}]
# The usual torch code (z_t, z_s: tensors of shape [1, n]; y = torch.tensor([{label}])):
#   soft = F.kl_div(F.log_softmax(z_s / T, dim=-1), F.softmax(z_t / T, dim=-1), reduction="batchmean") * T * T
#   hard = F.cross_entropy(z_s, y)
#   loss = alpha * soft + (1 - alpha) * hard
# Below, the same calls in numpy. Natural logs: every number is in nats.
import numpy as np

def log_softmax(z):  # F.log_softmax(z, dim=-1): stable, a logit of -inf gives -inf
    m = z.max()
    return z - m - np.log(np.exp(z - m).sum())

def softmax(z):  # F.softmax(z, dim=-1)
    return np.exp(log_softmax(z))

def kl_div_batchmean(input, target):  # F.kl_div(input, target, reduction="batchmean"), batch of 1
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(target > 0, target * (np.log(target) - input), 0.0).sum()

z_t = np.array([{teacher}])  # teacher's logits
z_s = np.array([{student}])  # student's logits
T = {t}
alpha = {alpha}
y = {label}  # the true label: {true_label}

soft = kl_div_batchmean(log_softmax(z_s / T), softmax(z_t / T)) * T * T
hard = -log_softmax(z_s)[y]  # F.cross_entropy(z_s, y): the student at T = 1
loss = alpha * soft + (1 - alpha) * hard
print("soft =", repr(float(soft)))
print("hard =", repr(float(hard)))
print("loss =", repr(float(loss)))
"#,
        teacher = list(teacher),
        student = list(student),
        t = python_float(temperature),
        alpha = python_float(alpha),
    )
}

/// What "Copy as Python" in the VAE view copies: numpy that computes the VAE's KL term
/// for one encoding exactly as `torch.distributions.kl_divergence(Normal(mu, std),
/// Normal(0, 1))` does (torch's code in a comment), then the closed form from the
/// log-variance, and the common mistake of passing σ² as the scale. Prints
/// `per_dimension = [...]`, `total = …`, `closed_form_total = …`, `variance_as_scale_total = …`
/// in nats, as [`Encoding`] computes.
///
/// [`Encoding`]: crate::info::density::vae::Encoding
pub fn vae_kl_script(mu: &[f64], log_var: &[f64]) -> String {
    let list = |values: &[f64]| values.iter().map(|&v| python_float(v)).collect::<Vec<_>>().join(", ");
    format!(
        r#"# The VAE's KL term for one encoding, as PyTorch computes it. Written by klscope.
# The usual torch code (mu, logvar: tensors of shape [batch, dims] from the encoder):
#   from torch.distributions import Normal, kl_divergence
#   std = torch.exp(0.5 * logvar)                  # Normal takes the standard deviation sigma
#   kl = kl_divergence(Normal(mu, std), Normal(0.0, 1.0))  # shape [batch, dims]: per dimension, NOT summed
#   kl_term = kl.sum(-1).mean()                   # summed over dimensions, averaged over the batch
#   # the same in closed form: -0.5 * torch.sum(1 + logvar - mu**2 - logvar.exp(), dim=-1)
# Below, the same in numpy. Natural logs: every number is in nats.
import numpy as np

def kl_normal_normal(loc_p, scale_p, loc_q, scale_q):  # torch/distributions/kl.py, _kl_normal_normal
    var_ratio = (scale_p / scale_q) ** 2
    t1 = ((loc_p - loc_q) / scale_q) ** 2
    return 0.5 * (var_ratio + t1 - 1 - np.log(var_ratio))

mu = np.array([{mu}])
logvar = np.array([{log_var}])

kl = kl_normal_normal(mu, np.exp(0.5 * logvar), 0.0, 1.0)
print("per_dimension =", [float(v) for v in kl])
print("total =", repr(float(kl.sum())))
print("closed_form_total =", repr(float(-0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar)))))
# A common mistake: the variance sigma^2 passed where Normal expects sigma.
print("variance_as_scale_total =", repr(float(kl_normal_normal(mu, np.exp(logvar), 0.0, 1.0).sum())))
"#,
        mu = list(mu),
        log_var = list(log_var),
    )
}

/// A float as Python source: shortest round-trip digits, or `float("inf")` and friends.
fn python_float(x: f64) -> String {
    if x.is_nan() {
        "float(\"nan\")".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "float(\"inf\")".to_string() } else { "-float(\"inf\")".to_string() }
    } else {
        format!("{x:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip_in_python_syntax() {
        assert_eq!(python_float(0.1), "0.1");
        assert_eq!(python_float(1.0), "1.0");
        assert_eq!(python_float(1e-300), "1e-300");
        assert_eq!(python_float(f64::INFINITY), "float(\"inf\")");
    }
}
