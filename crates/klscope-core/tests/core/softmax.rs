//! softmax(z / T): sums to 1, never NaN, and does not change when every logit moves by
//! the same amount, at extreme logits and temperatures; T → 0 is the arg-max and T → ∞
//! the uniform distribution.

use klscope_core::info::softmax::{at_temperature, log_softmax, softmax};
use proptest::prelude::*;

fn logits() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1000.0f64..1000.0, 1..40)
}

fn temperature() -> impl Strategy<Value = f64> {
    // 1e-3 to 1e3, spread evenly in log.
    (-3.0f64..3.0).prop_map(|e| 10f64.powf(e))
}

proptest! {
    #[test]
    fn sums_to_one_and_is_shift_invariant(z in logits(), t in temperature(), shift in -1000.0f64..1000.0) {
        let p = softmax(&z, t).unwrap();
        prop_assert!(p.iter().all(|x| x.is_finite() && *x >= 0.0), "{p:?}");
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let moved: Vec<f64> = z.iter().map(|x| x + shift).collect();
        let q = softmax(&moved, t).unwrap();
        for (a, b) in p.iter().zip(&q) {
            prop_assert!((a - b).abs() < 1e-9, "{a} against {b} after a shift of {shift}");
        }
        let logs = log_softmax(&z, t).unwrap();
        prop_assert!(logs.iter().all(|l| !l.is_nan() && *l <= 1e-12));
    }
}

#[test]
fn a_cold_softmax_is_the_arg_max_and_a_hot_one_is_uniform() {
    let z = [1.0, 3.0, 2.0, -1000.0, 1000.0];
    let cold = softmax(&z, 1e-3).unwrap();
    assert_eq!(cold, vec![0.0, 0.0, 0.0, 0.0, 1.0]);
    let hot = softmax(&z, 1e9).unwrap();
    assert!(hot.iter().all(|x| (x - 0.2).abs() < 1e-5), "{hot:?}");
    // A distribution at T = 1 is itself; hotter is flatter (more entropy).
    let p = [0.7, 0.2, 0.1];
    let same = at_temperature(&p, 1.0).unwrap();
    assert!(same.iter().zip(&p).all(|(a, b)| (a - b).abs() < 1e-15));
    let entropy = |x: &[f64]| -x.iter().filter(|v| **v > 0.0).map(|v| v * v.ln()).sum::<f64>();
    assert!(entropy(&at_temperature(&p, 2.0).unwrap()) > entropy(&p));
    assert!(entropy(&at_temperature(&p, 0.5).unwrap()) < entropy(&p));
}
