//! `klscope compute` on densities: inline specs and densities scenarios, the same keys as
//! for discrete P and Q with each one's error bound, and every malformed spec named by
//! its column (exit code 2, one line on stderr).

use crate::common::{bad_input_problems, json_object, klscope};

const KEYS: &[&str] = &[
    "entropy_p",
    "entropy_q",
    "cross_entropy_pq",
    "cross_entropy_qp",
    "kl_pq",
    "kl_qp",
    "js",
    "js_distance",
    "total_variation",
    "hellinger",
];

fn number(object: &serde_json::Map<String, serde_json::Value>, key: &str) -> f64 {
    object[key].as_f64().unwrap_or_else(|| panic!("'{key}' should be a number, got {}", object[key]))
}

#[test]
fn two_bells_give_half_the_squared_shift_with_a_bound() {
    let object =
        json_object(&["compute", "--p-density", "normal(0,1)", "--q-density", "normal(1.5,1)", "--unit", "nats"]);
    for key in KEYS {
        let error = number(&object, &format!("{key}_error"));
        assert!((0.0..1e-10).contains(&error), "{key}_error = {error}");
        assert!(object.contains_key(&format!("{key}_method")), "{key}_method");
    }
    assert!((number(&object, "kl_pq") - 1.125).abs() <= number(&object, "kl_pq_error"));
    let entropy = 0.5 * (2.0 * std::f64::consts::PI * std::f64::consts::E).ln();
    assert!((number(&object, "entropy_p") - entropy).abs() <= number(&object, "entropy_p_error"));
    assert_eq!(object["unit"], "nats");
    assert_eq!(object["p"], "normal(0, 1)");
}

#[test]
fn the_unit_scales_values_and_bounds_together() {
    let args = |unit: &'static str| {
        json_object(&[
            "compute",
            "--p-density",
            "0.3*normal(-2,0.5)+0.7*laplace(1,2)",
            "--q-density",
            "laplace(0.5,5)",
            "--unit",
            unit,
        ])
    };
    let (bits, nats) = (args("bits"), args("nats"));
    for key in ["kl_pq", "entropy_p", "js"] {
        let ratio = number(&nats, key) / number(&bits, key);
        assert!((ratio - std::f64::consts::LN_2).abs() < 1e-12, "{key}: {ratio}");
        let bound_ratio = number(&nats, &format!("{key}_error")) / number(&bits, &format!("{key}_error"));
        assert!((bound_ratio - std::f64::consts::LN_2).abs() < 1e-12, "{key}_error: {bound_ratio}");
    }
    assert_eq!(number(&bits, "total_variation"), number(&nats, "total_variation"), "TV has no unit");
}

#[test]
fn a_densities_scenario_by_id_or_file_and_its_infinity_named() {
    let by_id = json_object(&["compute", "--preset", "narrow-uniform-model"]);
    let by_file = json_object(&["compute", "--preset", "presets/densities/narrow-uniform-model.ron"]);
    assert_eq!(by_id, by_file);
    assert_eq!(by_id["kl_pq"], "inf");
    assert_eq!(by_id["kl_pq_method"], "support");
    assert_eq!(by_id["kl_pq_infinite_because"], "P has mass on (−∞, -2] where Q is 0");
    assert!(number(&by_id, "kl_qp").is_finite());
    assert_eq!(by_id["unit"], "bits", "the scenario's unit");

    let run = klscope(&["compute", "--preset", "two-bells"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let kl = run.stdout.lines().find(|l| l.trim_start().starts_with("KL(P||Q)")).unwrap();
    // ½·1.5² nats in bits.
    assert!(kl.contains(&format!("{:.6}", 1.125 / std::f64::consts::LN_2)) && kl.contains("± "), "{kl}");
    assert!(run.stdout.contains("Differential entropies can be negative"), "{}", run.stdout);
}

#[test]
fn every_malformed_spec_is_one_sentence_naming_its_column() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--p-density", "normal(0 1)", "--q-density", "normal(0,1)"],
            "klscope: --p-density: column 10: expected ',' between normal's two parameters, found '1'",
        ),
        (
            &["--p-density", "normal(0,1)", "--q-density", "gauss(0,1)"],
            "klscope: --q-density: column 1: expected a component, normal(mean, sd), laplace(centre, scale) or uniform(low, high), found 'gauss'",
        ),
        (
            &["--p-density", "0.5*normal(0,1)+0.4*laplace(1,2)", "--q-density", "normal(0,1)"],
            "klscope: --p-density: column 1: the weights sum to 0.9: they must sum to 1 (within 1e-9)",
        ),
        (
            &["--p-density", "normal(0,-1)", "--q-density", "normal(0,1)"],
            "klscope: --p-density: column 10: component 1 (normal) has sd -1: a standard deviation must be a positive, finite number",
        ),
        (
            &["--p-density", "uniform(3,1)", "--q-density", "normal(0,1)"],
            "klscope: --p-density: column 11: component 1 (uniform) has high 1",
        ),
        (&["--p-density", "", "--q-density", "normal(0,1)"], "klscope: --p-density: column 1: the spec is empty"),
        (&["--p-density", "normal(0,1)"], "klscope: --q-density is required"),
        (
            &["--p-density", "normal(0,1)", "--q-density", "normal(0,1)", "--p", "0.5,0.5"],
            "klscope: --p-density cannot be used with --p",
        ),
        (&["--preset", "two-bells", "--p-density", "normal(0,1)", "--q-density", "normal(0,1)"], "cannot be used with"),
    ];
    let mut problems = Vec::new();
    for (args, expected) in cases {
        let run = klscope(&[&["compute"], *args].concat());
        for problem in bad_input_problems(&run, expected, 1) {
            problems.push(format!("{args:?}: {problem}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_kls_integrand_splits_into_areas_above_and_below_the_axis_that_add_up_to_it() {
    let object = json_object(&[
        "compute",
        "--p-density",
        "0.5*normal(-1,0.6)+0.5*normal(2,1)",
        "--q-density",
        "normal(0,1.5)",
        "--unit",
        "nats",
    ]);
    for kl in ["kl_pq", "kl_qp"] {
        let (above, below) = (number(&object, &format!("{kl}_positive")), number(&object, &format!("{kl}_negative")));
        let bound = number(&object, &format!("{kl}_positive_error")) + number(&object, &format!("{kl}_negative_error"));
        assert!(above > 0.0 && below < 0.0, "{kl}: {above} and {below}");
        assert!((above + below - number(&object, kl)).abs() <= bound + number(&object, &format!("{kl}_error")), "{kl}");
    }
    assert_ne!(number(&object, "kl_pq_positive"), number(&object, "kl_qp_positive"), "two integrands");
    // Q is 0 beyond ±2 where P has mass: only KL(P||Q)'s upper area is infinite.
    let infinite = json_object(&["compute", "--preset", "narrow-uniform-model"]);
    assert_eq!(infinite["kl_pq_positive"], "inf");
    assert!(number(&infinite, "kl_qp_positive").is_finite());

    let run = klscope(&["compute", "--preset", "two-bells"]);
    let line = |symbol: &str| {
        let start = format!("{symbol} = area above the axis ");
        run.stdout.lines().find(|l| l.trim_start().starts_with(&start)).map(str::to_string)
    };
    let (forward, reverse) = (line("KL(P||Q)"), line("KL(Q||P)"));
    assert!(forward.is_some_and(|l| l.contains("(of p·")), "{}", run.stdout);
    assert!(reverse.is_some_and(|l| l.contains("(of q·")), "{}", run.stdout);
}
