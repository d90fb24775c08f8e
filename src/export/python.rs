//! "Copy as Python": a script that makes numpy and scipy print the numbers of the
//! libraries view for this P and Q, so a student can check them in their own notebook.

/// A short Python script (numpy and scipy; the torch lines commented out) that prints the
/// same numbers as [`library_values`]. Numbers are written in Rust's shortest round-trip
/// form, so Python reads back exactly these `f64`s; labels appear only in a comment, quoted
/// and escaped, so no label can break the script.
pub fn python_script(labels: &[String], p: &[f64], q: &[f64]) -> String {
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

# import torch
# log_q = torch.log(torch.tensor(Q)).unsqueeze(0)  # input: log-probabilities, shape [1, n]
# target = torch.tensor(P).unsqueeze(0)            # target: probabilities, shape [1, n]
# print("KLDivLoss(batchmean) =", torch.nn.KLDivLoss(reduction="batchmean")(log_q, target).item())  # KL(P||Q)
# print("KLDivLoss(mean)      =", torch.nn.KLDivLoss(reduction="mean")(log_q, target).item())  # KL(P||Q) / n
"#,
        p = list(p),
        q = list(q),
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
