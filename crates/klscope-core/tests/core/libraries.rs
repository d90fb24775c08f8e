//! What scipy and torch return, checked against independent formulas, the libraries'
//! documented examples, and (where Python with scipy is installed) scipy itself.

use klscope_core::export::python::{distillation_script, python_script};
use klscope_core::info::distillation::{DistillationLoss, distillation_loss as distill};
use klscope_core::info::libraries::{distillation_loss, library_values, rel_entr};
use klscope_core::info::{Report, Unit};
use std::process::Command;

const LN2: f64 = std::f64::consts::LN_2;

fn assert_close(actual: f64, expected: f64, what: &str) {
    let tolerance = 1e-13 * (1.0 + expected.abs());
    assert!((actual - expected).abs() <= tolerance, "{what}: got {actual}, expected {expected}");
}

fn normalised(x: &[f64]) -> Vec<f64> {
    let total: f64 = x.iter().sum();
    x.iter().map(|v| v / total).collect()
}

fn labels(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("x{i}")).collect()
}

#[test]
fn documented_scipy_examples() {
    // scipy.stats.entropy docs: entropy([1/2, 1/2], qk=[9/10, 1/10]) = 0.5108256237659907.
    assert_close(library_values(&[0.5, 0.5], &[0.9, 0.1]).scipy_entropy, 0.5108256237659907, "entropy");
    // scipy.spatial.distance.jensenshannon docs: jensenshannon([1.0, 0.0], [0.5, 0.5]).
    assert_close(library_values(&[1.0, 0.0], &[0.5, 0.5]).jensenshannon, 0.46450140402245893, "jensenshannon");
    // Disjoint supports: the largest JS is ln 2 nats, so the distance is √ln 2.
    assert_close(library_values(&[1.0, 0.0, 0.0], &[0.0, 1.0, 0.0]).jensenshannon, LN2.sqrt(), "disjoint");
}

#[test]
fn normalised_inputs_all_give_kl_and_the_js_distance() {
    for (p, q) in [
        (vec![0.9, 0.1], vec![0.5, 0.5]),
        (vec![0.4, 0.3, 0.2, 0.1], vec![0.3, 0.4, 0.2, 0.1]),
        (vec![0.5, 0.5, 0.0], vec![0.25, 0.25, 0.5]),
    ] {
        let v = library_values(&p, &q);
        let report = Report::compute(&p, &q);
        assert_close(v.scipy_entropy, report.kl_pq, "entropy = KL");
        assert_close(v.rel_entr_sum, report.kl_pq, "rel_entr sum = KL");
        assert_close(v.kldivloss_batchmean, report.kl_pq, "batchmean = KL");
        assert_close(v.kldivloss_mean, report.kl_pq / p.len() as f64, "mean = KL / n");
        assert_close(v.jensenshannon, report.js.sqrt(), "jensenshannon = √JS in nats");
    }
}

#[test]
fn mean_reduction_divides_by_the_number_of_elements() {
    // The classic pitfall: for 4 outcomes 'mean' reports a quarter of the KL.
    let v = library_values(&[0.4, 0.3, 0.2, 0.1], &[0.25; 4]);
    assert_close(v.kldivloss_mean * 4.0, v.kldivloss_batchmean, "mean × n = batchmean");
    assert!(v.kldivloss_mean < v.kldivloss_batchmean);
}

#[test]
fn scipy_entropy_rescales_and_rel_entr_does_not() {
    // Counts 9:1 against 5:5 — scipy.stats.entropy quietly treats them as 0.9/0.1 vs 0.5/0.5.
    let v = library_values(&[9.0, 1.0], &[5.0, 5.0]);
    assert_close(v.scipy_entropy, 0.9 * (0.9f64 / 0.5).ln() + 0.1 * (0.1f64 / 0.5).ln(), "entropy of counts");
    assert_close(v.rel_entr_sum, 9.0 * (9.0f64 / 5.0).ln() + (1.0f64 / 5.0).ln(), "rel_entr of counts");
    assert_close(v.jensenshannon, library_values(&[0.9, 0.1], &[0.5, 0.5]).jensenshannon, "JS rescales too");
    // torch does not rescale either: Σ target·(ln target − ln q).
    assert_close(v.kldivloss_batchmean, v.rel_entr_sum, "torch on counts");
    // Scaling only Q changes rel_entr by Σp·ln(scale) but leaves entropy alone.
    let scaled = library_values(&[0.9, 0.1], &[0.5 * 3.0, 0.5 * 3.0]);
    let plain = library_values(&[0.9, 0.1], &[0.5, 0.5]);
    assert_close(scaled.scipy_entropy, plain.scipy_entropy, "entropy ignores Q's scale");
    assert_close(scaled.rel_entr_sum, plain.rel_entr_sum - 3.0f64.ln(), "rel_entr does not");
}

#[test]
fn support_mismatch_is_infinite_except_for_js() {
    let scenario = klscope_core::scenario::find_builtin("support-mismatch").unwrap();
    let v = library_values(&scenario.p, &scenario.q);
    assert_eq!(v.scipy_entropy, f64::INFINITY);
    assert_eq!(v.rel_entr_sum, f64::INFINITY);
    assert_eq!(v.kldivloss_batchmean, f64::INFINITY);
    assert_eq!(v.kldivloss_mean, f64::INFINITY);
    assert_close(v.jensenshannon, Report::compute(&scenario.p, &scenario.q).js.sqrt(), "JS stays finite");
    // The other way round, p = 0 where q > 0 costs nothing.
    let reverse = library_values(&scenario.q, &scenario.p);
    assert!(reverse.scipy_entropy.is_finite() && reverse.kldivloss_batchmean.is_finite());
    assert!(!reverse.kldivloss_mean.is_nan(), "target 0 with input −∞ counts as 0, not NaN");
}

#[test]
fn rel_entr_follows_its_definition() {
    assert_eq!(rel_entr(0.0, 0.0), 0.0);
    assert_eq!(rel_entr(0.0, 3.0), 0.0);
    assert_eq!(rel_entr(1.0, 0.0), f64::INFINITY);
    assert_eq!(rel_entr(1.0, -1.0), f64::INFINITY);
    assert_eq!(rel_entr(-1.0, 1.0), f64::INFINITY);
    assert_eq!(rel_entr(0.5, 0.25), 0.5 * 2.0f64.ln());
    assert!(rel_entr(f64::NAN, 1.0).is_nan(), "NaN in, NaN out, as scipy");
}

#[test]
fn random_unnormalised_inputs_match_the_formulas() {
    let mut state = 12345u64;
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..200 {
        let n = 1 + (next() * 12.0) as usize;
        let p: Vec<f64> = (0..n).map(|_| 5.0 * next()).collect();
        let q: Vec<f64> = (0..n).map(|_| 0.01 + 3.0 * next()).collect();
        let v = library_values(&p, &q);
        let (pn, qn) = (normalised(&p), normalised(&q));
        let report = Report::compute(&pn, &qn);
        let tol = |x: f64| 1e-12 * (1.0 + x.abs());
        assert!((v.scipy_entropy - report.kl_pq).abs() <= tol(report.kl_pq), "{p:?} {q:?}");
        assert!((v.jensenshannon - report.js.sqrt()).abs() <= tol(report.js), "{p:?} {q:?}");
        let raw: f64 = p.iter().zip(&q).map(|(a, b)| a * (a / b).ln()).sum();
        assert!((v.rel_entr_sum - raw).abs() <= tol(raw) * 10.0, "{p:?} {q:?}");
        assert!((v.kldivloss_mean * n as f64 - v.kldivloss_batchmean).abs() <= tol(raw) * 10.0);
    }
}

#[test]
fn empty_input_does_not_panic() {
    let v = library_values(&[], &[]);
    assert_eq!((v.rel_entr_sum, v.kldivloss_batchmean), (0.0, 0.0));
}

// ---------------------------------------------------------------------------------------
// The Python script
// ---------------------------------------------------------------------------------------

/// The numbers inside `name = np.array([...])` in the script.
fn array(script: &str, name: &str) -> Vec<f64> {
    let line = script.lines().find(|l| l.starts_with(&format!("{name} = np.array(["))).unwrap();
    let inner = line.trim_start_matches(&format!("{name} = np.array([")).trim_end_matches("])");
    inner.split(", ").map(|x| x.parse().unwrap()).collect()
}

#[test]
fn the_script_carries_the_exact_numbers() {
    let p = vec![0.1, 0.2, 0.7000000000000001, 1e-300];
    let q = vec![1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0 - 1e-17, 0.0];
    let script = python_script(&labels(4), &p, &q, 2.0);
    assert_eq!(array(&script, "P"), p, "P round-trips exactly");
    assert_eq!(array(&script, "Q"), q, "Q round-trips exactly");
    assert!(script.contains("P = np.array([0.1, 0.2, 0.7000000000000001, 1e-300])"), "{script}");
    for call in ["entropy(P, Q)", "rel_entr(P, Q).sum()", "jensenshannon(P, Q)"] {
        assert!(script.lines().any(|l| l.starts_with("print(") && l.contains(call)), "prints {call}:\n{script}");
    }
    assert!(script.lines().filter(|l| l.contains("torch")).all(|l| l.starts_with('#')), "torch stays commented out");
    assert!(script.contains("reduction=\"batchmean\"") && script.contains("reduction=\"mean\""));
}

#[test]
fn labels_stay_inside_their_comment() {
    let hostile = vec!["rock".to_string(), "paper\nimport os; os.remove('x')".to_string(), "a\"b\\c\r".to_string()];
    let script = python_script(&hostile, &[0.2, 0.3, 0.5], &[0.3, 0.3, 0.4], 1.0);
    let plain = python_script(&labels(3), &[0.2, 0.3, 0.5], &[0.3, 0.3, 0.4], 1.0);
    assert_eq!(script.lines().count(), plain.lines().count(), "no label adds a line:\n{script}");
    let line = script.lines().find(|l| l.contains("rock")).unwrap();
    assert!(line.starts_with("# ") && line.contains("paper\\nimport os"), "{line}");
    assert!(!script.contains('\r'));
}

/// Python with scipy, if this machine has it: `$KLSCOPE_PYTHON`, else `python3`.
fn python_with_scipy() -> Option<String> {
    let python = std::env::var("KLSCOPE_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let ok = Command::new(&python).args(["-c", "import numpy, scipy"]).output().is_ok_and(|o| o.status.success());
    ok.then_some(python)
}

#[test]
fn the_script_prints_what_library_values_computes() {
    let Some(python) = python_with_scipy() else {
        eprintln!("note: skipped running the script: no Python with numpy and scipy (set KLSCOPE_PYTHON)");
        return;
    };
    for (p, q) in [
        (vec![0.9, 0.1], vec![0.5, 0.5]),
        (vec![9.0, 1.0, 0.0], vec![2.0, 2.0, 1.0]),
        (vec![0.4, 0.4, 0.2], vec![0.5, 0.5, 0.0]),
        (vec![0.0038029309933517792, 0.01801721408619292, 0.978179855], vec![0.2, 0.3, 0.5]),
    ] {
        let script = python_script(&labels(p.len()), &p, &q, 2.0);
        let output = Command::new(&python).args(["-c", &script]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8(output.stdout).unwrap();
        let printed: Vec<f64> = stdout.lines().map(|l| l.rsplit(' ').next().unwrap().parse().unwrap()).collect();
        let v = library_values(&p, &q);
        let expected = [v.scipy_entropy, v.rel_entr_sum, v.jensenshannon, distillation_loss(&p, &q, 2.0)];
        assert_eq!(printed.len(), 4, "{stdout}");
        for (got, want) in printed.iter().zip(expected) {
            let same = got == &want || (got - want).abs() <= 1e-14 * want.abs();
            assert!(same, "scipy printed {got}, klscope computes {want}, for {p:?} {q:?}");
        }
    }
}

#[test]
fn kl_div_spelled_out_in_both_orders_and_with_log_targets() {
    let (p, q) = ([0.9, 0.1], [0.5, 0.5]);
    let v = library_values(&p, &q);
    let exact = Report::compute(&p, &q);
    assert_close(v.kldivloss_batchmean, exact.kl_pq, "kl_div(log Q, P) is KL(P||Q)");
    assert_close(v.kl_div_swapped, exact.kl_qp, "kl_div(log P, Q) is KL(Q||P)");
    assert_close(v.kl_div_log_target, exact.kl_pq, "log_target=True gives the same KL(P||Q)");
}

#[test]
fn the_distillation_loss_carries_its_t_squared() {
    let (p, q) = ([0.7, 0.2, 0.1], [0.3, 0.3, 0.4]);
    // At T = 1 it is KL(P||Q) itself.
    assert_close(distillation_loss(&p, &q, 1.0), Report::compute(&p, &q).kl_pq, "T = 1");
    // By hand at T = 2: P_T ∝ √p.
    let soft = |x: &[f64]| normalised(&x.iter().map(|v| v.sqrt()).collect::<Vec<_>>());
    let by_hand = 4.0 * Report::compute(&soft(&p), &soft(&q)).kl_pq;
    assert_close(distillation_loss(&p, &q, 2.0), by_hand, "T = 2");
    // Softening shrinks KL(P_T||Q_T) like 1/T²: with the T² factor the loss settles.
    let (hot, hotter) = (distillation_loss(&p, &q, 100.0), distillation_loss(&p, &q, 200.0));
    assert!((hot / hotter - 1.0).abs() < 0.01, "T²·KL levels off: {hot} and {hotter}");
    assert!(distillation_loss(&[0.5, 0.5], &[0.0, 0.0], 2.0).is_nan(), "a student with nothing");
}

// ---------------------------------------------------------------------------------------
// Distillation: soft, hard and total loss
// ---------------------------------------------------------------------------------------

#[test]
fn distillation_losses_match_hand_derived_values() {
    // Teacher z_t = [0, ln 3], student z_s = [0, 0], T = 2: P_T = [1, √3] / (1 + √3),
    // Q_T = [½, ½], so soft = 4·Σ p·ln(2p); hard = −ln ½ = ln 2 for either label.
    let (a, b) = (1.0 / (1.0 + 3f64.sqrt()), 3f64.sqrt() / (1.0 + 3f64.sqrt()));
    let soft = 4.0 * (a * (2.0 * a).ln() + b * (2.0 * b).ln());
    let loss = distill(&[0.0, 3f64.ln()], &[0.0, 0.0], 2.0, 0.25, 1).unwrap();
    assert!((loss.soft - soft).abs() < 1e-15 && (loss.kl - soft / 4.0).abs() < 1e-15, "{loss:?}");
    assert!((loss.hard - LN2).abs() < 1e-15, "{loss:?}");
    assert!((loss.total - (0.25 * soft + 0.75 * LN2)).abs() < 1e-15, "{loss:?}");
    // The same logits: no soft loss at any T; the hard loss is −ln softmax(z)[y].
    let same = distill(&[1.0, 2.0, 3.0], &[1.0, 2.0, 3.0], 5.0, 0.5, 0).unwrap();
    let e = [1f64.exp(), 2f64.exp(), 3f64.exp()];
    assert_eq!(same.soft, 0.0);
    assert!((same.hard - (e.iter().sum::<f64>() / e[0]).ln()).abs() < 1e-14, "{same:?}");
    // The student rules out the true label: the hard loss is infinite.
    let ruled_out = distill(&[0.0, 1.0], &[f64::NEG_INFINITY, 1.0], 1.0, 0.5, 0).unwrap();
    assert_eq!((ruled_out.soft, ruled_out.hard), (f64::INFINITY, f64::INFINITY));
}

#[test]
fn the_soft_loss_is_t_squared_kl_and_agrees_with_the_libraries_row() {
    // With logits ln p and ln q, the soft loss is the libraries view's distillation row.
    let (p, q) = ([0.7, 0.2, 0.1], [0.3, 0.3, 0.4]);
    let ln = |x: &[f64]| x.iter().map(|v| v.ln()).collect::<Vec<_>>();
    for t in [0.5, 1.0, 2.0, 8.0] {
        let DistillationLoss { soft, kl, .. } = distill(&ln(&p), &ln(&q), t, 0.5, 0).unwrap();
        assert!((soft - distillation_loss(&p, &q, t)).abs() < 1e-13, "T = {t}");
        assert!((soft - t * t * kl).abs() < 1e-15);
    }
}

fn python_with_numpy() -> Option<String> {
    let python = std::env::var("KLSCOPE_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let ok = Command::new(&python).args(["-c", "import numpy"]).output().is_ok_and(|o| o.status.success());
    ok.then_some(python)
}

#[test]
fn the_distillation_script_prints_the_losses_klscope_computes() {
    let Some(python) = python_with_numpy() else {
        eprintln!("note: skipped running the script: no Python with numpy (set KLSCOPE_PYTHON)");
        return;
    };
    // (teacher logits, student logits, T, α, true label)
    type Case = (Vec<f64>, Vec<f64>, f64, f64, usize);
    let cases: [Case; 4] = [
        (vec![2.0, 1.0, -1.0], vec![0.5, 0.7, 0.1], 2.0, 0.5, 0),
        (vec![3.0, 1.7, -0.7, -0.5, -1.5, -2.0], vec![1.0, 1.2, 0.3, 0.0, 0.5, -0.5], 4.0, 0.9, 2),
        (vec![10.0, -5.0, 0.0], vec![-3.0, 8.0, 1.0], 0.3, 0.1, 1),
        (vec![0.0, f64::NEG_INFINITY, 1.0], vec![0.5, 0.0, 0.5], 1.5, 0.7, 2),
    ];
    for (teacher, student, t, alpha, y) in cases {
        let script = distillation_script(&labels(teacher.len()), &teacher, &student, t, alpha, y);
        let output = Command::new(&python).args(["-c", &script]).output().unwrap();
        assert!(output.status.success(), "{}\n{script}", String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8(output.stdout).unwrap();
        let printed: Vec<(String, f64)> = stdout
            .lines()
            .map(|l| {
                let (name, value) = l.split_once(" = ").unwrap();
                (name.to_string(), value.parse().unwrap())
            })
            .collect();
        let loss = distill(&teacher, &student, t, alpha, y).unwrap();
        let expected = [("soft", loss.soft), ("hard", loss.hard), ("loss", loss.total)];
        assert_eq!(printed.len(), 3, "{stdout}");
        for ((name, got), (want_name, want)) in printed.iter().zip(expected) {
            assert_eq!(name, want_name);
            assert!((got - want).abs() <= 1e-12 * want.abs().max(1.0), "{name}: numpy {got}, klscope {want}");
        }
    }
}

/// The divergences view's "Copy as Python" prints, under numpy and scipy, what klscope's
/// family report computes: every member, Rényi at several orders (its limits included),
/// and W₁ at the scenario's positions.
#[test]
fn the_family_script_prints_what_the_family_report_computes() {
    use klscope_core::export::python::family_script;
    use klscope_core::info::family::{FamilyMember, FamilyReport};
    let Some(python) = python_with_scipy() else {
        eprintln!("note: skipped running the family script: no Python with numpy and scipy (set KLSCOPE_PYTHON)");
        return;
    };
    // (P, Q, positions, α)
    type Case = (Vec<f64>, Vec<f64>, Vec<f64>, f64);
    let cases: [Case; 4] = [
        (vec![0.9, 0.1], vec![0.5, 0.5], vec![0.0, 1.0], 2.0),
        (vec![0.2, 0.3, 0.5], vec![0.5, 0.3, 0.2], vec![1.0, 2.0, 6.0], 0.5),
        (vec![0.4, 0.4, 0.2, 0.0], vec![0.25, 0.25, 0.25, 0.25], vec![0.0, 1.0, 2.0, 3.0], 0.0),
        (vec![0.5, 0.5, 0.0], vec![0.0, 0.5, 0.5], vec![1.0, 2.0, 3.0], f64::INFINITY),
    ];
    for (p, q, x, alpha) in cases {
        let script = family_script(&labels(p.len()), &p, &q, &x, alpha);
        let output = Command::new(&python).args(["-c", &script]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let stdout = String::from_utf8(output.stdout).unwrap();
        let family = FamilyReport::compute(&p, &q, alpha, Some(&x));
        let printed: Vec<(String, f64)> = stdout
            .lines()
            .map(|l| {
                let (key, value) = l.split_once(" = ").unwrap();
                (key.to_string(), value.trim().parse().unwrap())
            })
            .collect();
        let keys: Vec<&str> = printed.iter().map(|(k, _)| k.as_str()).collect();
        let want: Vec<&str> = FamilyMember::ALL.iter().map(|m| m.json_key()).collect();
        assert_eq!(keys, want, "one line per member, in order:\n{stdout}");
        for ((key, got), member) in printed.iter().zip(FamilyMember::ALL) {
            let expected = member.value(&family, Unit::Nats);
            if expected.is_infinite() {
                assert!(got.is_infinite(), "{key}: scipy gives {got}, klscope ∞ ({p:?} vs {q:?})");
            } else {
                assert_close(*got, expected, &format!("{key} for {p:?} vs {q:?} at α = {alpha}"));
            }
        }
    }
}
