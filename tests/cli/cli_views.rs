//! The real `klscope` binary: `fit` and `sample`, their text and JSON output, the lesson
//! of the mode-seeking preset, and bad input (exit code 2, one line on stderr, no panic).

use klscope::info::{Report, Unit};
use serde_json::{Map, Value};

use crate::common::{bad_input_problems, json_object, klscope};

/// Runs a command that must succeed quietly and returns its stdout.
fn ok(args: &[&str]) -> String {
    let run = klscope(args);
    assert_eq!(run.code, Some(0), "klscope {args:?} should succeed; stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "", "klscope {args:?} should print nothing on stderr");
    run.stdout
}

/// Runs a command with `--json` added and parses its one object.
fn json(args: &[&str]) -> Map<String, Value> {
    json_object(args)
}

fn keys(object: &Map<String, Value>) -> Vec<&str> {
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort();
    keys
}

fn number(object: &Map<String, Value>, key: &str) -> f64 {
    object[key].as_f64().unwrap_or_else(|| panic!("'{key}' should be a number, got {}", object[key]))
}

fn mode_seeking() -> Report {
    let scenario = klscope::scenario::find_builtin("mode-seeking").unwrap();
    Report::compute(&scenario.p, &scenario.q)
}

const FIT_KEYS: [&str; 5] = ["direction", "divergence", "mu", "sigma", "unit"];
const SAMPLE_KEYS: [&str; 13] = [
    "cross_entropy_estimate",
    "cross_entropy_stderr",
    "k1_estimate",
    "k1_negative_fraction",
    "k1_stderr",
    "k2_estimate",
    "k2_stderr",
    "k3_estimate",
    "k3_stderr",
    "kl_estimate",
    "kl_stderr",
    "n",
    "unit",
];

// ---------------------------------------------------------------------------------------
// fit
// ---------------------------------------------------------------------------------------

#[test]
fn forward_fit_of_mode_seeking_covers_both_modes() {
    let object = json(&["fit", "--preset", "mode-seeking", "--direction", "forward"]);
    assert_eq!(keys(&object), FIT_KEYS);
    assert_eq!((&object["direction"], &object["unit"]), (&Value::from("forward"), &Value::from("bits")));
    let mu = number(&object, "mu");
    assert!((mu - 9.5).abs() <= 0.5, "μ at the midpoint: {mu}");
    // P's modes sit at 6 and 13 (σ = 1.2 each): a bump as wide as both, not a flat line.
    let sigma = number(&object, "sigma");
    assert!((3.0..=4.5).contains(&sigma), "a broad bump over both modes: {sigma}");
    let divergence = number(&object, "divergence");
    assert!(divergence > 0.0 && divergence < mode_seeking().kl_pq / std::f64::consts::LN_2, "better than P's own Q");
}

#[test]
fn reverse_fit_of_mode_seeking_sits_on_one_mode() {
    for seed in ["1", "2"] {
        let object = json(&["fit", "--preset", "mode-seeking", "--direction", "reverse", "--seed", seed]);
        assert_eq!(keys(&object), FIT_KEYS);
        assert_eq!(object["direction"], "reverse");
        let mu = number(&object, "mu");
        assert!((mu - 6.0).abs() <= 0.5 || (mu - 13.0).abs() <= 0.5, "seed {seed}: μ on a mode: {mu}");
        assert!((number(&object, "sigma") - 1.2).abs() < 0.3, "seed {seed}: one mode's width: {}", object["sigma"]);
        // One of P's two halves: about 1 bit.
        assert!((number(&object, "divergence") - 1.0).abs() < 0.05, "{}", object["divergence"]);
    }
}

#[test]
fn fit_converts_units_and_defaults_to_the_scenarios() {
    let base = ["fit", "--preset", "mode-seeking", "--direction", "reverse"];
    let bits = json(&base);
    let nats = json(&[&base[..], &["--unit", "nats"]].concat());
    let bans = json(&[&base[..], &["--unit", "bans"]].concat());
    assert_eq!((&nats["unit"], &bans["unit"]), (&Value::from("nats"), &Value::from("bans")));
    let in_nats = number(&bits, "divergence") * std::f64::consts::LN_2;
    assert!((number(&nats, "divergence") - in_nats).abs() < 1e-12);
    assert!((number(&bans, "divergence") - Unit::Bans.from_nats(in_nats)).abs() < 1e-12);
    assert_eq!(bits["mu"], nats["mu"], "the unit changes only the divergence");
}

#[test]
fn fit_defaults_and_determinism() {
    let plain = ok(&["fit", "--preset", "mode-seeking", "--direction", "reverse"]);
    let explicit = ok(&["fit", "--preset", "mode-seeking", "--direction", "reverse", "--starts", "8", "--seed", "1"]);
    assert_eq!(plain, explicit, "--starts 8 --seed 1 are the defaults");
    assert_eq!(plain, ok(&["fit", "--preset", "mode-seeking", "--direction", "Reverse"]), "names ignore case");
    let one = json(&["fit", "--preset", "mode-seeking", "--direction", "reverse", "--starts", "1"]);
    assert!((number(&one, "mu") - 6.0).abs() <= 0.5, "one start begins on P's first top outcome");
    json(&["fit", "--preset", "mode-seeking", "--direction", "forward", "--starts", "1000"]);
}

#[test]
fn fit_text_names_the_parameters_and_the_unit() {
    let text = ok(&["fit", "--preset", "mode-seeking", "--direction", "reverse", "--unit", "nats"]);
    let line = |start: &str| {
        text.lines().find(|l| l.trim_start().starts_with(start)).unwrap_or_else(|| panic!("no {start} line:\n{text}"))
    };
    assert!(line("μ").contains("at '6'") || line("μ").contains("at '13'"), "{text}");
    assert!(line("σ").contains("1.2"), "{text}");
    assert!(line("KL(Q||P)").trim_end().ends_with("nats"), "{text}");
    assert!(text.contains("reverse") && text.contains("8 starts (seed 1)"), "{text}");
    assert!(!text.lines().any(|l| l.ends_with(' ')), "no trailing spaces:\n{text}");
}

#[test]
fn an_infinite_fit_prints_inf() {
    // P with zeros right next to its support: every Gaussian leaks onto them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gap.ron");
    let mut scenario = klscope::scenario::find_builtin("support-mismatch").unwrap();
    scenario.p = vec![0.5, 0.5, 0.0];
    scenario.q = vec![0.4, 0.4, 0.2];
    klscope::scenario::save(&scenario, &path).unwrap();
    let path = path.to_str().unwrap();
    let object = json(&["fit", "--preset", path, "--direction", "reverse"]);
    assert_eq!(object["divergence"], "inf");
    assert!(object["mu"].is_number() && object["sigma"].is_number());
    let text = ok(&["fit", "--preset", path, "--direction", "reverse"]);
    assert!(text.contains('∞'), "{text}");
    assert!(number(&json(&["fit", "--preset", path, "--direction", "forward"]), "divergence").is_finite());
}

// ---------------------------------------------------------------------------------------
// sample
// ---------------------------------------------------------------------------------------

#[test]
fn sample_estimates_mode_seeking_within_its_error_bars() {
    let exact = mode_seeking();
    let object = json(&["sample", "--preset", "mode-seeking", "--n", "20000", "--unit", "nats"]);
    assert_eq!(keys(&object), SAMPLE_KEYS);
    assert_eq!((&object["n"], &object["unit"]), (&Value::from(20000), &Value::from("nats")));
    let (kl, kl_se) = (number(&object, "kl_estimate"), number(&object, "kl_stderr"));
    let (cross, cross_se) = (number(&object, "cross_entropy_estimate"), number(&object, "cross_entropy_stderr"));
    assert!((kl - exact.kl_pq).abs() < 4.0 * kl_se, "KL {kl} ± {kl_se} vs {}", exact.kl_pq);
    assert!((cross - exact.cross_entropy_pq).abs() < 4.0 * cross_se, "H {cross} ± {cross_se}");
    assert!(kl_se > 0.0 && kl_se < 0.02, "{kl_se}");
    // RLHF's estimators: k1 is the KL estimate itself; k3 is unbiased too.
    assert_eq!(object["k1_estimate"], object["kl_estimate"]);
    assert_eq!(object["k1_stderr"], object["kl_stderr"]);
    let (k3, k3_se) = (number(&object, "k3_estimate"), number(&object, "k3_stderr"));
    assert!((k3 - exact.kl_pq).abs() < 4.0 * k3_se, "k3 {k3} ± {k3_se} vs {}", exact.kl_pq);
    let negative = number(&object, "k1_negative_fraction");
    assert!((0.0..1.0).contains(&negative) && negative > 0.0, "{negative}");
}

#[test]
fn sample_is_reproducible_and_converts_units() {
    let base = ["sample", "--preset", "mode-seeking", "--n", "5000"];
    let a = json(&base);
    assert_eq!(a, json(&[&base[..], &["--seed", "1"]].concat()), "seed 1 is the default");
    assert_ne!(a["kl_estimate"], json(&[&base[..], &["--seed", "2"]].concat())["kl_estimate"]);
    assert_eq!(a["unit"], "bits", "the scenario's unit");
    let nats = json(&[&base[..], &["--unit", "nats"]].concat());
    for key in ["kl_estimate", "kl_stderr", "cross_entropy_estimate", "cross_entropy_stderr"] {
        let converted = number(&a, key) * std::f64::consts::LN_2;
        assert!((number(&nats, key) - converted).abs() < 1e-12, "{key}");
    }
    json(&["sample", "--preset", "mode-seeking", "--n", "1000000"]);
    assert_eq!(json(&["sample", "--preset", "mode-seeking", "--n", "1"])["kl_stderr"], 0.0);
}

#[test]
fn sample_text_shows_estimates_and_exact_values() {
    let text = ok(&["sample", "--preset", "mode-seeking", "--n", "1000"]);
    let kl = text.lines().find(|l| l.trim_start().starts_with("KL(P||Q)")).unwrap();
    // The exact values, from the report, in bits.
    let exact = mode_seeking();
    let bits = |nats: f64| format!("{:.6}", nats / std::f64::consts::LN_2);
    assert!(kl.contains('±') && kl.trim_end().ends_with(&bits(exact.kl_pq)), "exact KL in bits at the end: {kl}");
    assert_eq!(bits(exact.kl_pq), "0.622263", "KL(P||Q) of mode-seeking");
    let cross = text.lines().find(|l| l.trim_start().starts_with("H(P,Q)")).unwrap();
    assert!(cross.trim_end().ends_with(&bits(exact.cross_entropy_pq)), "{cross}");
    assert!(text.starts_with("mode-seeking: 1000 samples drawn from P (seed 1), in bits"), "{text}");
    assert!(!text.lines().any(|l| l.ends_with(' ')), "no trailing spaces:\n{text}");
}

#[test]
fn a_support_mismatch_samples_to_infinity() {
    let object = json(&["sample", "--preset", "support-mismatch", "--n", "1000"]);
    assert_eq!(keys(&object), SAMPLE_KEYS);
    for key in ["kl_estimate", "kl_stderr", "cross_entropy_estimate", "cross_entropy_stderr"] {
        assert_eq!(object[key], "inf", "{key}");
    }
    let text = ok(&["sample", "--preset", "support-mismatch", "--n", "1000"]);
    assert!(text.contains('∞') && !text.contains("NaN"), "{text}");
}

// ---------------------------------------------------------------------------------------
// Bad input: exit 2, nothing on stdout, one short message on stderr
// ---------------------------------------------------------------------------------------

/// (arguments, text stderr must contain), each reported on one line starting "klscope: ".
const BAD_INPUT: &[(&[&str], &str)] = &[
    (&["sample", "--preset", "mode-seeking", "--n", "0"], "--n: '0' is not a whole number from 1 to 1000000"),
    (&["sample", "--preset", "mode-seeking", "--n", "1000001"], "--n: '1000001' is not a whole number"),
    (&["sample", "--preset", "mode-seeking", "--n", "-3"], "--n: '-3' is not a whole number"),
    (&["sample", "--preset", "mode-seeking", "--n", "1e3"], "--n: '1e3' is not a whole number"),
    (&["sample", "--preset", "mode-seeking", "--n", "10", "--seed", "x"], "--seed: 'x' is not a whole number"),
    (&["sample", "--preset", "nope", "--n", "10"], "unknown preset 'nope'"),
    (&["sample", "--preset", "tests/data/bad/negative.ron", "--n", "10"], "probabilities cannot be negative"),
    (&["fit", "--preset", "mode-seeking", "--direction", "up"], "--direction: unknown direction 'up'"),
    (&["fit", "--preset", "mode-seeking", "--direction", "forward", "--starts", "0"], "--starts: '0'"),
    (&["fit", "--preset", "mode-seeking", "--direction", "forward", "--starts", "1001"], "from 1 to 1000"),
    (&["fit", "--preset", "tests/data/no-such-file.ron", "--direction", "forward"], "no such file or folder"),
    (&["fit", "--preset", "mode-seeking", "--direction", "forward", "--unit", "furlongs"], "unknown unit"),
    (&["fit", "--preset", "mode-seeking"], "--direction"),
    (&["fit", "--direction", "forward"], "--preset"),
    (&["sample", "--preset", "mode-seeking"], "--n"),
];

#[test]
fn bad_input_exits_2_with_a_short_specific_message() {
    let mut failures = String::new();
    for &(args, expected) in BAD_INPUT {
        for problem in bad_input_problems(&klscope(args), expected, 1) {
            failures.push_str(&format!("{args:?}: {problem}\n"));
        }
    }
    assert!(failures.is_empty(), "bad input was not reported as it should be:\n{failures}");
}
