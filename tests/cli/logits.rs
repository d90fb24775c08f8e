//! `klscope compute --p-logits … --p-temperature …`: P and Q given as logits at a
//! temperature, softmax(z / T), computed stably; and every mistake in one line.

use serde_json::Value;

use crate::common::{bad_input_problems, json_object, klscope};

fn json(args: &[&str]) -> serde_json::Map<String, Value> {
    json_object(&[&["compute"], args].concat())
}

fn numbers(object: &serde_json::Map<String, Value>, key: &str) -> Vec<f64> {
    object[key].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

#[test]
fn logits_at_a_temperature_are_softmaxed() {
    let object = json(&["--p-logits", "2,1,0", "--p-temperature", "0.5", "--q-logits", "5,5,5"]);
    // softmax((2, 1, 0) / 0.5) = e^(4, 2, 0) / Σ; softmax of equal logits is uniform.
    let total = 4f64.exp() + 2f64.exp() + 1.0;
    let expected = [4f64.exp() / total, 2f64.exp() / total, 1.0 / total];
    for (got, want) in numbers(&object, "p").iter().zip(expected) {
        assert!((got - want).abs() < 1e-15, "{got} against {want}");
    }
    assert_eq!(numbers(&object, "q"), vec![1.0 / 3.0; 3]);
    let kl: f64 = expected.iter().map(|p| p * (p * 3.0).log2()).sum();
    assert!((object["kl_pq"].as_f64().unwrap() - kl).abs() < 1e-12);
}

#[test]
fn logits_mix_with_probabilities_and_shift_changes_nothing() {
    let a = json(&["--p", "0.9,0.1", "--q-logits", "0,0"]);
    assert_eq!(a["kl_pq"].as_f64(), Some(0.5310044064107189));
    let shifted = json(&["--p", "0.9,0.1", "--q-logits", "1000,1000"]);
    assert_eq!(a["kl_pq"], shifted["kl_pq"]);
}

#[test]
fn extreme_logits_and_temperatures_give_no_nan() {
    let object = json(&["--p-logits", "1000,-1000", "--p-temperature", "0.001", "--q-logits", "-1000,1000"]);
    assert_eq!(numbers(&object, "p"), vec![1.0, 0.0]);
    assert_eq!(object["kl_pq"], Value::from("inf"));
    assert!(!serde_json::to_string(&object).unwrap().contains("NaN"));
}

#[test]
fn mistakes_with_logits_exit_2_with_one_line() {
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--p-logits", "0,x", "--q", "0.5,0.5"], "--p-logits: p-logits[1] 'x' is not a number"),
        (vec!["--p-logits", "0,0", "--q", "0.5,0.5", "--p-temperature", "0"], "'0' is not a temperature"),
        (vec!["--p-logits", "0,0", "--q", "0.5,0.5", "--p-temperature", "-1"], "'-1' is not a temperature"),
        (
            vec!["--p", "0.5,0.5", "--q", "0.5,0.5", "--p-temperature", "2"],
            "--p-temperature is the temperature of --p-logits",
        ),
        (vec!["--p", "0.5,0.5", "--p-logits", "0,0", "--q", "0.5,0.5"], "cannot be used with"),
        (vec!["--p-logits", "0,inf", "--q", "0.5,0.5"], "--p-logits: logit 1 is inf"),
        (vec!["--p-logits", "0,0"], "--q, --q-logits or --q-file is required"),
        (vec!["--p-logits", "0,0,0", "--q", "0.5,0.5"], "--p has 3 values but --q has 2"),
    ];
    for (args, expected) in cases {
        let all: Vec<&str> = std::iter::once("compute").chain(args.iter().copied()).collect();
        let problems = bad_input_problems(&klscope(&all), expected, 1);
        assert!(problems.is_empty(), "klscope {all:?}: {problems:?}");
    }
}
