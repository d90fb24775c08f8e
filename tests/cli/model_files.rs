//! `klscope compute --p-file … --q-file … [--logits] [--vocab …]`: a model's outputs as
//! .npy or CSV files (tests/data/model_outputs, written by its make.py), good and bad.

use serde_json::Value;

use crate::common::{bad_input_problems, json_object, klscope};

const GOOD: &str = "tests/data/model_outputs/good";
const BAD: &str = "tests/data/model_outputs/bad";

fn json(args: &[String]) -> serde_json::Map<String, Value> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    json_object(&[&["compute"], args.as_slice()].concat())
}

/// `--p-file GOOD/p --q-file GOOD/q` and any further arguments.
fn files(p: &str, q: &str, more: &[&str]) -> Vec<String> {
    let mut args = vec!["--p-file".to_string(), format!("{GOOD}/{p}"), "--q-file".to_string(), format!("{GOOD}/{q}")];
    args.extend(more.iter().map(|s| s.to_string()));
    args
}

fn number(object: &serde_json::Map<String, Value>, key: &str) -> f64 {
    object[key].as_f64().unwrap_or_else(|| panic!("{key} is {:?}", object[key]))
}

fn numbers(object: &serde_json::Map<String, Value>, key: &str) -> Vec<f64> {
    object[key].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

fn close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-12, "{got} against {want}");
}

// P = (1/2, 1/4, 1/8, 1/8), Q = (0.4, 0.3, 0.2, 0.1). From scipy 1.17:
//   scipy.stats.entropy(p, q, base=2)                    = 0.05068746970707302  KL(P||Q)
//   scipy.stats.entropy(q, p, base=2)                    = 0.05356065532898477  KL(Q||P)
//   scipy.spatial.distance.jensenshannon(p, q, base=2)**2 = 0.012960459917369615 JS
//   scipy.stats.entropy(p, q)                            = 0.0351338767171753   KL in nats
const KL_PQ_BITS: f64 = 0.05068746970707302;
const KL_QP_BITS: f64 = 0.05356065532898477;
const JS_BITS: f64 = 0.012960459917369615;
const KL_PQ_NATS: f64 = 0.0351338767171753;

#[test]
fn float32_and_float64_npy_and_csv_columns_and_rows_give_scipy_s_numbers() {
    for (p, q) in [
        ("p_float32.npy", "q_column.csv"),
        ("p_float64_big_endian_1xN.npy", "q_row.csv"),
        ("p_float32.npy", "q_float64_Nx1.npy"),
    ] {
        let object = json(&files(p, q, &[]));
        assert_eq!(numbers(&object, "p"), vec![0.5, 0.25, 0.125, 0.125], "{p}");
        assert_eq!(numbers(&object, "q"), vec![0.4, 0.3, 0.2, 0.1], "{q}");
        close(number(&object, "kl_pq"), KL_PQ_BITS);
        close(number(&object, "kl_qp"), KL_QP_BITS);
        close(number(&object, "js"), JS_BITS);
        assert_eq!(object["labels"], serde_json::json!(["0", "1", "2", "3"]), "the index names each outcome");
    }
    close(number(&json(&files("p_float32.npy", "q_row.csv", &["--unit", "nats"])), "kl_pq"), KL_PQ_NATS);
}

#[test]
fn logits_are_softmaxed_and_minus_infinity_is_probability_zero() {
    // p_logits_float32.npy = float32(ln P + 3); q_logits.csv = (1.5, 0.5, -0.25, -inf).
    // scipy.special.softmax of each, then scipy.stats.entropy(q, p, base=2)
    //   = 0.21073716330612613 (KL(Q||P)); KL(P||Q) = inf, as Q gives outcome 3 zero;
    // with --p-temperature 2, softmax(z_p / 2): KL(Q||P) = 0.41545647496699345.
    let object = json(&files("p_logits_float32.npy", "q_logits.csv", &["--logits"]));
    for (got, want) in numbers(&object, "p").iter().zip([0.5, 0.25, 0.125, 0.125]) {
        assert!((got - want).abs() < 1e-8, "float32 logits: {got} against {want}");
    }
    assert_eq!(numbers(&object, "q")[3], 0.0);
    close(number(&object, "kl_qp"), 0.21073716330612613);
    assert_eq!(object["kl_pq"], Value::from("inf"));
    let hotter = json(&files("p_logits_float32.npy", "q_logits.csv", &["--logits", "--p-temperature", "2"]));
    close(number(&hotter, "kl_qp"), 0.41545647496699345);
    // The same probabilities read as logits are a different distribution: --logits matters.
    let as_logits = json(&files("p_float32.npy", "q_column.csv", &["--logits"]));
    assert!((number(&as_logits, "kl_pq") - KL_PQ_BITS).abs() > 1e-3);
}

#[test]
fn vocabulary_tokens_name_the_outcomes() {
    let object = json(&files("p_float32.npy", "q_column.csv", &["--vocab", &format!("{GOOD}/vocab.txt")]));
    assert_eq!(object["labels"], serde_json::json!(["cat", "dog", "bird", "fish"]));
    let run = klscope(&[
        "compute",
        "--p-file",
        &format!("{GOOD}/p_float32.npy"),
        "--q",
        "0.4,0.3,0.2,0.1",
        "--vocab",
        &format!("{GOOD}/vocab.txt"),
    ]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("  fish         0.125        0.1"), "a file mixes with a list:\n{}", run.stdout);
}

#[test]
fn float32_probabilities_off_by_their_rounding_are_rescaled_with_one_line_saying_so() {
    let p = format!("{BAD}/float32_sum.npy");
    let q = format!("{GOOD}/q_column.csv");
    let run = klscope(&["compute", "--p-file", &p, "--q-file", &q, "--json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "klscope: note: {p}: p sums to 1.0000000223517418, within float32 rounding of 1 (4.768e-7): rescaled in float64 to sum to 1\n"
        )
    );
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let sum: f64 = numbers(&object, "p").iter().sum();
    assert!((sum - 1.0).abs() < 1e-15, "{sum}");
    // The window's command line reads it too, and takes --normalize for what is further off.
    let far = format!("{BAD}/float32_far.npy");
    let out = tempfile::tempdir().unwrap();
    let png = out.path().join("x.png");
    let png = png.to_str().unwrap();
    let refused = klscope(&["--p-file", &far, "--q-file", &q, "--screenshot", png]);
    assert!(bad_input_problems(&refused, "pass --normalize to rescale", 1).is_empty(), "{}", refused.stderr);
}

#[test]
fn float32_probabilities_may_be_rescaled() {
    let p = format!("{BAD}/float32_sum.npy");
    let object = json(&["--p-file".into(), p, "--q".into(), "0.25,0.25,0.25,0.25".into(), "--normalize".into()]);
    let sum: f64 = numbers(&object, "p").iter().sum();
    assert!((sum - 1.0).abs() < 1e-15, "{sum}");
}

/// Each bad file, how it is passed, and the exact line klscope must print.
fn bad_cases() -> Vec<(Vec<String>, String)> {
    let good_q = format!("{GOOD}/q_column.csv");
    let as_p =
        |file: &str| vec!["--p-file".to_string(), format!("{BAD}/{file}"), "--q-file".to_string(), good_q.clone()];
    let p = |file: &str, message: &str| (as_p(file), format!("klscope: {BAD}/{file}{message}"));
    let mut cases = vec![
        p("not_npy.npy", ": not a .npy file: it does not start with the bytes \\x93NUMPY"),
        p("int64.npy", ": holds int64 numbers ('<i8'), not float32 or float64: save it with arr.astype(np.float64)"),
        p(
            "float16.npy",
            ": holds float16 numbers ('<f2'), not float32 or float64: save it with arr.astype(np.float64)",
        ),
        p("matrix.npy", ": the array is 2×3; klscope reads one list of numbers: 1-D, 1×N or N×1"),
        p(
            "three_dimensions.npy",
            ": the array has 3 dimensions (shape (1, 1, 4)); klscope reads one list of numbers: 1-D, 1×N or N×1",
        ),
        p("no_elements.npy", ": the array has no elements (shape (0,)); a distribution needs at least one outcome"),
        p(
            "structured.npy",
            ": holds a structured array (fields 'p'), not float32 or float64 numbers: save one field, e.g. arr['p']",
        ),
        p("truncated.npy", ": the data holds 12 of the 40 bytes its header promises"),
        p("header_cut.npy", ": the file ends after 30 bytes, inside its .npy header (128 bytes)"),
        p(
            "header_syntax.npy",
            ": the .npy header is not a dictionary as NumPy writes it: expected ',' or '}' but found the start of a string at byte 26",
        ),
        p("version_9.npy", ": .npy format version 9.0 is not one klscope reads (1.0, 2.0 or 3.0)"),
        p("nan.npy", ": p[1] ('1') is NaN: probabilities must be finite numbers"),
        p(
            "float32_far.npy",
            ": p sums to 1.0010000094771385: probabilities must sum to 1 (within 1e-9); pass --normalize to rescale, or --logits if these are logits",
        ),
        p("empty.csv", ": the file is empty; write one number per line, or one row of numbers separated by commas"),
        p("not_a_number.csv", ":3:3: '0.3x' is not a number"),
        p("nan.csv", ":1:9: 'nan' is not a finite number"),
        p(
            "row_then_line.csv",
            ":2: another line follows a row of 2 numbers; write one number per line, or all of them on one row",
        ),
        p(
            "comma_in_column.csv",
            ":3:4: a comma, but the lines above hold one number each; write one number per line, or all of them on one row",
        ),
        p("space_separated.csv", ":1:1: '0.1 0.2 0.3 0.4' is not a number; separate numbers with commas"),
        p("empty_line.csv", ":2: the line is empty; write one number on every line"),
        p("missing_number.csv", ":1:5: a number is missing here"),
        p("negative.csv", ": p[1] ('1') is -0.5: probabilities cannot be negative"),
        p("binary.csv", ": neither a .npy file nor text: byte 4 is not UTF-8"),
        p("three_values.csv", &format!(" has 3 values but {good_q} has 4: P and Q need one value per outcome each")),
        (
            vec![
                "--p-file".into(),
                format!("{BAD}/inf_logit.npy"),
                "--q-file".into(),
                good_q.clone(),
                "--logits".into(),
            ],
            format!("klscope: {BAD}/inf_logit.npy: logit 1 is inf: logits must be numbers below infinity"),
        ),
        (
            vec!["--p-file".into(), format!("{BAD}/missing.npy"), "--q-file".into(), good_q.clone()],
            format!("klscope: cannot read {BAD}/missing.npy: no such file or folder"),
        ),
    ];
    let p_good = format!("{GOOD}/p_float32.npy");
    for (vocab, message) in [
        ("vocab_empty_line.txt", ":3: the line is empty; every token needs a name".to_string()),
        ("vocab_duplicate.txt", ":3: 'cat' is already on line 1; tokens must be different".to_string()),
        (
            "vocab_three.txt",
            format!(" has 3 tokens but {p_good} has 4 values: the vocabulary needs one token per value"),
        ),
    ] {
        let args = vec![
            "--p-file".into(),
            p_good.clone(),
            "--q-file".into(),
            good_q.clone(),
            "--vocab".into(),
            format!("{BAD}/{vocab}"),
        ];
        cases.push((args, format!("klscope: {BAD}/{vocab}{message}")));
    }
    cases
}

#[test]
fn every_bad_file_gives_its_one_line() {
    let mut failures = Vec::new();
    let cases = bad_cases();
    assert!(cases.len() >= 25);
    for (args, expected) in cases {
        let mut all = vec!["compute"];
        all.extend(args.iter().map(String::as_str));
        let run = klscope(&all);
        let problems = bad_input_problems(&run, &expected, 1);
        if !problems.is_empty() || run.stderr.trim_end() != expected {
            failures.push(format!("{all:?}:\n  expected {expected}\n  got      {}  {problems:?}", run.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn flags_that_clash_are_refused_by_name() {
    let p = format!("{GOOD}/p_float32.npy");
    let q = format!("{GOOD}/q_column.csv");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--p-file", &p, "--p", "0.5,0.5", "--q-file", &q], "--p-file cannot be used with --p"),
        (vec!["--p-file", &p, "--p-logits", "0,0", "--q-file", &q], "cannot be used with"),
        (vec!["--p-file", &p], "--q"),
        (vec!["--p", "0.5,0.5", "--q", "0.5,0.5", "--logits"], "--p-file or --q-file is required"),
        (vec!["--preset", "biased-coin-vs-fair", "--q-file", &q], "--preset cannot be used with --q-file"),
        (vec!["--p-file", &p, "--q-file", &q, "--vocab", "v.txt", "--labels", "a,b,c,d"], "cannot be used with"),
        (
            vec!["--p-file", &p, "--q-file", &q, "--q-temperature", "2"],
            "--q-temperature is the temperature of --q-logits or of --q-file with --logits",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["compute"];
        all.extend(args);
        let problems = bad_input_problems(&klscope(&all), expected, 1);
        assert!(problems.is_empty(), "{all:?}: {problems:?}");
    }
}
