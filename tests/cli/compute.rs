//! The real `klscope` binary: `compute` and `presets`, their text and JSON output, and
//! every way the input can be wrong (exit code 2, a short message on stderr, no panic).

use serde_json::Value;

use crate::common::{bad_input_problems, json_object, klscope};

/// Runs a command that must succeed quietly and returns its stdout.
fn ok(args: &[&str]) -> String {
    let run = klscope(args);
    assert_eq!(run.code, Some(0), "klscope {args:?} should succeed; stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, "", "klscope {args:?} should print nothing on stderr");
    run.stdout
}

/// Runs `compute … --json` and parses the object.
fn json(args: &[&str]) -> serde_json::Map<String, Value> {
    json_object(&[&["compute"], args].concat())
}

fn number(object: &serde_json::Map<String, Value>, key: &str) -> f64 {
    object[key].as_f64().unwrap_or_else(|| panic!("'{key}' should be a number, got {}", object[key]))
}

fn numbers(object: &serde_json::Map<String, Value>, key: &str) -> Vec<f64> {
    let list = object[key].as_array().unwrap_or_else(|| panic!("'{key}' should be an array"));
    list.iter().map(|v| v.as_f64().unwrap_or_else(|| panic!("'{key}' holds a non-number {v}"))).collect()
}

fn assert_close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((actual - expected).abs() <= tolerance, "{what}: got {actual}, expected {expected} (±{tolerance})");
}

const COIN: &[&str] = &["--p", "0.9,0.1", "--q", "0.5,0.5"];

/// The measures that are amounts of information, so change with the unit.
const INFORMATION_KEYS: &[&str] =
    &["entropy_p", "entropy_q", "cross_entropy_pq", "cross_entropy_qp", "kl_pq", "kl_qp", "js"];

// ---------------------------------------------------------------------------------------
// compute: text
// ---------------------------------------------------------------------------------------

#[test]
fn compute_prints_the_coin_kl_in_bits() {
    let stdout = ok(&["compute", "--p", "0.9,0.1", "--q", "0.5,0.5", "--unit", "bits"]);
    let kl_line = stdout.lines().find(|l| l.trim_start().starts_with("KL(P||Q)"));
    let kl_line = kl_line.unwrap_or_else(|| panic!("no KL(P||Q) line in:\n{stdout}"));
    assert!(kl_line.contains("0.531004"), "KL(P||Q) line should show 0.531004: {kl_line}");
    assert!(kl_line.contains("bits"), "KL(P||Q) line should name the unit: {kl_line}");
}

#[test]
fn labels_appear_in_the_table() {
    let stdout = ok(&["compute", "--p", "0.9,0.1", "--q", "0.5,0.5", "--labels", "heads,tails"]);
    for label in ["heads", "tails"] {
        let row = stdout.lines().any(|l| l.trim_start().starts_with(label));
        assert!(row, "the table should have a row for '{label}':\n{stdout}");
    }
    assert!(!stdout.contains("x1"), "default labels should not appear when --labels is given:\n{stdout}");
}

#[test]
fn support_mismatch_shows_infinity_and_names_scissors() {
    let stdout = ok(&["compute", "--preset", "support-mismatch"]);
    let kl_line = stdout.lines().find(|l| l.trim_start().starts_with("KL(P||Q)")).unwrap();
    assert!(kl_line.contains('∞'), "KL(P||Q) should be ∞: {kl_line}");
    assert!(
        kl_line.contains("Q gives 'scissors' probability 0, but P gives it 0.2"),
        "the ∞ should be explained by naming 'scissors': {kl_line}"
    );
    let reverse = stdout.lines().find(|l| l.trim_start().starts_with("KL(Q||P)")).unwrap();
    assert!(reverse.contains("0.321928"), "KL(Q||P) should stay finite: {reverse}");
}

// ---------------------------------------------------------------------------------------
// compute: JSON
// ---------------------------------------------------------------------------------------

#[test]
fn json_has_exactly_the_documented_keys() {
    let object = json(COIN);
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort();
    let mut expected = vec![
        "unit",
        "labels",
        "p",
        "q",
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
        "hellinger_squared",
        "chi2_pearson",
        "chi2_neyman",
        "renyi",
        "renyi_alpha",
        "wasserstein1",
        "positions",
        "terms_pq",
        "terms_qp",
    ];
    expected.sort();
    assert_eq!(keys, expected, "the JSON keys");
}

#[test]
fn json_values_for_the_coin() {
    let object = json(COIN);
    assert_eq!(object["unit"], "bits", "default unit");
    assert_eq!(object["labels"], serde_json::json!(["x1", "x2"]), "default labels");
    let expected = [
        ("kl_pq", 0.531004),
        ("kl_qp", 0.736966),
        ("entropy_p", 0.468996),
        ("entropy_q", 1.0),
        ("cross_entropy_pq", 1.0),
        ("cross_entropy_qp", 1.736966),
        ("js", 0.146793),
        ("total_variation", 0.4),
        ("hellinger", 0.324920),
    ];
    for (key, value) in expected {
        assert_close(number(&object, key), value, 1e-6, key);
    }
    let js = number(&object, "js");
    assert_close(number(&object, "js_distance"), js.sqrt(), 1e-12, "js_distance is sqrt(js)");
    let terms: f64 = numbers(&object, "terms_pq").iter().sum();
    assert_close(terms, number(&object, "kl_pq"), 1e-12, "terms_pq sum to kl_pq");
    let terms: f64 = numbers(&object, "terms_qp").iter().sum();
    assert_close(terms, number(&object, "kl_qp"), 1e-12, "terms_qp sum to kl_qp");
}

#[test]
fn json_units_are_consistent() {
    let bits = json(&[COIN, &["--unit", "bits"]].concat());
    let nats = json(&[COIN, &["--unit", "nats"]].concat());
    let bans = json(&[COIN, &["--unit", "bans"]].concat());
    assert_eq!((&nats["unit"], &bans["unit"]), (&Value::from("nats"), &Value::from("bans")), "unit names");
    let (ln2, ln10) = (std::f64::consts::LN_2, std::f64::consts::LN_10);
    for key in INFORMATION_KEYS {
        let in_nats = number(&bits, key) * ln2;
        assert_close(number(&nats, key), in_nats, 1e-12, &format!("{key} in nats"));
        assert_close(number(&bans, key), in_nats / ln10, 1e-12, &format!("{key} in bans"));
    }
    for object in [&bits, &nats, &bans] {
        let js = number(object, "js");
        assert_close(number(object, "js_distance"), js.sqrt(), 1e-12, "js_distance is sqrt(js) in each unit");
    }
    for key in ["total_variation", "hellinger"] {
        assert_eq!(number(&nats, key), number(&bits, key), "{key} has no unit");
        assert_eq!(number(&bans, key), number(&bits, key), "{key} has no unit");
    }
    for (index, (b, n)) in numbers(&bits, "terms_pq").iter().zip(numbers(&nats, "terms_pq")).enumerate() {
        assert_close(n, b * ln2, 1e-12, &format!("terms_pq[{index}] in nats"));
    }
}

#[test]
fn json_writes_infinity_as_the_string_inf() {
    let object = json(&["--preset", "support-mismatch"]);
    assert_eq!(object["kl_pq"], "inf", "KL(P||Q) is infinite");
    assert_eq!(object["cross_entropy_pq"], "inf", "H(P,Q) is infinite");
    assert_eq!(object["terms_pq"][2], "inf", "the scissors term is infinite");
    assert_close(number(&object, "kl_qp"), 0.321928, 1e-6, "KL(Q||P) stays finite");
    let js = number(&object, "js");
    assert!(js.is_finite() && js > 0.0 && js <= 1.0, "JS stays finite and at most 1 bit: {js}");
    assert_eq!(object["labels"], serde_json::json!(["rock", "paper", "scissors"]), "preset labels");
}

#[test]
fn fractions_are_accepted() {
    let object = json(&["--p", "1/3,2/3", "--q", "0.5,0.5"]);
    assert_eq!(numbers(&object, "p"), [1.0 / 3.0, 2.0 / 3.0], "1/3 and 2/3 parse exactly");
}

#[test]
fn normalized_counts_equal_the_coin() {
    let counts = json(&["--p", "9,1", "--q", "5,5", "--normalize"]);
    let coin = json(COIN);
    assert_eq!(counts, coin, "--p 9,1 --q 5,5 --normalize should give exactly the coin");
}

#[test]
fn a_scenario_file_brings_its_own_unit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nats-coin.ron");
    let mut scenario = klscope::scenario::find_builtin("biased-coin-vs-fair").unwrap();
    scenario.unit = klscope::info::Unit::Nats;
    klscope::scenario::save(&scenario, &path).unwrap();
    let path = path.to_str().unwrap();

    let object = json(&["--preset", path]);
    assert_eq!(object["unit"], "nats", "the file's unit is the default");
    assert_close(number(&object, "kl_pq"), 0.531004 * std::f64::consts::LN_2, 1e-6, "KL in nats");

    let object = json(&["--preset", path, "--unit", "bits"]);
    assert_eq!(object["unit"], "bits", "--unit overrides the file's unit");
}

// ---------------------------------------------------------------------------------------
// presets
// ---------------------------------------------------------------------------------------

#[test]
fn presets_lists_every_built_in() {
    let stdout = ok(&["presets"]);
    for scenario in klscope::scenario::builtin() {
        let line = stdout.lines().find(|l| l.split_whitespace().next() == Some(scenario.id.as_str()));
        let line = line.unwrap_or_else(|| panic!("`presets` should list '{}':\n{stdout}", scenario.id));
        assert!(line.contains(&scenario.title), "the line for '{}' should show its title: {line}", scenario.id);
    }
}

#[test]
fn presets_json_is_an_array_of_id_title_outcomes() {
    let stdout = ok(&["presets", "--json"]);
    let list: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let builtins = klscope::scenario::builtin();
    assert_eq!(list.len(), builtins.len(), "one entry per built-in");
    for (entry, scenario) in list.iter().zip(builtins) {
        assert_eq!(entry["id"], scenario.id.as_str(), "id");
        assert_eq!(entry["title"], scenario.title.as_str(), "title of {}", scenario.id);
        assert_eq!(entry["outcomes"], scenario.labels.len(), "outcomes of {}", scenario.id);
    }
}

// ---------------------------------------------------------------------------------------
// Bad input: exit 2, nothing on stdout, one short message on stderr
// ---------------------------------------------------------------------------------------

/// (what is wrong, arguments, text stderr must contain). klscope reports each itself, on
/// one line starting "klscope: ", also the mistakes clap finds.
const BAD_INPUT: &[(&str, &[&str], &str)] = &[
    ("unparsable number", &["compute", "--p", "0.9,abc", "--q", "0.5,0.5"], "--p: p[1] 'abc' is not a number"),
    ("empty item", &["compute", "--p", "0.9,", "--q", "0.5,0.5"], "--p: p[1] '' is not a number"),
    (
        "negative",
        &["compute", "--p", "-0.5,1.5", "--q", "0.5,0.5"],
        "--p: p[0] ('x1') is -0.5: probabilities cannot be negative",
    ),
    (
        "negative in q",
        &["compute", "--p", "0.5,0.5", "--q", "1.5,-0.5"],
        "--q: q[1] ('x2') is -0.5: probabilities cannot be negative",
    ),
    (
        "NaN",
        &["compute", "--p", "NaN,1", "--q", "0.5,0.5"],
        "--p: p[0] ('x1') is NaN: probabilities must be finite numbers",
    ),
    (
        "inf",
        &["compute", "--p", "0.5,0.5", "--q", "inf,0"],
        "--q: q[0] ('x1') is inf: probabilities must be finite numbers",
    ),
    ("lengths differ", &["compute", "--p", "0.5,0.5", "--q", "1"], "--p has 2 values but --q has 1"),
    (
        "sum not 1",
        &["compute", "--p", "0.5,0.6", "--q", "0.5,0.5"],
        "--p: p sums to 1.1: probabilities must sum to 1 (within 1e-9); pass --normalize",
    ),
    (
        "all-zero weights",
        &["compute", "--p", "0,0", "--q", "1,1", "--normalize"],
        "--p: p is all zeros: at least one weight must be positive",
    ),
    (
        "duplicate labels",
        &["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--labels", "a,a"],
        "--labels: labels[1] 'a' is used twice",
    ),
    ("division by zero", &["compute", "--p", "1/0,1", "--q", "0.5,0.5"], "--p: p[0] '1/0' divides by zero"),
    (
        "labels count wrong",
        &["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--labels", "a,b,c"],
        "p has 2 values but there are 3 labels",
    ),
    (
        "duplicate labels",
        &["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--labels", "a,a"],
        "labels[1] 'a' is used twice",
    ),
    ("unknown preset", &["compute", "--preset", "nope"], "unknown preset 'nope': the built-in scenarios are"),
    (
        "missing file",
        &["compute", "--preset", "tests/data/no-such-file.ron"],
        "cannot read tests/data/no-such-file.ron: no such file or folder",
    ),
    (
        "a directory",
        &["compute", "--preset", "tests/data/bad"],
        "cannot read tests/data/bad: it is a folder, not a scenario file",
    ),
    (
        "malformed file",
        &["compute", "--preset", "tests/data/bad/syntax.ron"],
        "tests/data/bad/syntax.ron:5:22: Expected comma",
    ),
    (
        "invalid file",
        &["compute", "--preset", "tests/data/bad/negative.ron"],
        "p[1] ('tails') is -0.5 in tests/data/bad/negative.ron: probabilities cannot be negative",
    ),
    ("binary file", &["compute", "--preset", "tests/data/bad/random_bytes.ron"], "it is not a text file"),
    (
        "unknown unit",
        &["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--unit", "furlongs"],
        "unknown unit 'furlongs': use bits, nats or bans",
    ),
    ("--p without --q", &["compute", "--p", "0.5,0.5"], "--q"),
    ("nothing to compute", &["compute"], "required"),
    ("--preset with --p", &["compute", "--preset", "support-mismatch", "--p", "1", "--q", "1"], ""),
    ("unknown subcommand", &["frobnicate"], "frobnicate"),
    (
        "negative alpha",
        &["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--alpha", "-1"],
        "--alpha: '-1' is not an order α: write a number from 0 to inf, such as 0.5, 2 or inf",
    ),
    ("alpha NaN", &["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--alpha", "NaN"], "'NaN' is not an order α"),
    ("alpha words", &["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--alpha", "two"], "'two' is not an order α"),
    ("alpha empty", &["compute", "--p", "0.5,0.5", "--q", "0.5,0.5", "--alpha", ""], "is not an order α"),
    (
        "positions backwards",
        &["compute", "--preset", "tests/data/bad/positions_decreasing.ron"],
        "positions[1] ('two') is 2, not above positions[0] = 3 in tests/data/bad/positions_decreasing.ron",
    ),
];

#[test]
fn bad_input_exits_2_with_a_short_specific_message() {
    let mut failures = String::new();
    for &(what, args, expected) in BAD_INPUT {
        for problem in bad_input_problems(&klscope(args), expected, 2) {
            failures.push_str(&format!("{what} ({args:?}): {problem}\n"));
        }
    }
    assert!(failures.is_empty(), "bad input was not reported as it should be:\n{failures}");
}

#[test]
fn every_bad_scenario_file_exits_2_naming_the_file() {
    let mut failures = String::new();
    let mut names: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let path = format!("tests/data/bad/{name}");
        let run = klscope(&["compute", "--preset", &path]);
        let single_line = run.stderr.lines().count() == 1;
        if run.code != Some(2) || !run.stdout.is_empty() || !single_line || !run.stderr.contains(&path) {
            failures
                .push_str(&format!("{name}: exit {:?}, stdout {:?}, stderr {:?}\n", run.code, run.stdout, run.stderr));
        }
    }
    assert!(failures.is_empty(), "bad scenario files should exit 2 with one line naming the file:\n{failures}");
}

#[test]
fn equal_distributions_print_no_negative_zero() {
    let text = ok(&["compute", "--p", "1,0", "--q", "1,0"]);
    assert!(!text.contains("-0.000000"), "{text}");
    let object = json(&["--p", "0.5,0.5", "--q", "0.5,0.5"]);
    let terms = object["terms_qp"].to_string();
    assert!(!terms.contains("-0"), "{terms}");
}

// ---------------------------------------------------------------------------------------
// compute: the f-divergence family, Rényi at --alpha, W₁
// ---------------------------------------------------------------------------------------

/// The coin against a fair coin, by hand: χ² = Σ (p − q)²/q = 0.64, Neyman's Σ (p − q)²/p
/// = 0.16/0.9 + 0.16/0.1, squared Hellinger ½ Σ (√p − √q)², D_2 = ln(1 + χ²) and W₁ = TV
/// for two outcomes one apart.
#[test]
fn json_carries_the_family_for_the_coin() {
    let object = json(&[COIN, &["--unit", "nats"]].concat());
    assert_close(number(&object, "chi2_pearson"), 0.64, 1e-12, "Pearson's χ²");
    assert_close(number(&object, "chi2_neyman"), 0.16 / 0.9 + 0.16 / 0.1, 1e-12, "Neyman's χ²");
    let hel2 = 0.5 * ((0.9f64.sqrt() - 0.5f64.sqrt()).powi(2) + (0.1f64.sqrt() - 0.5f64.sqrt()).powi(2));
    assert_close(number(&object, "hellinger_squared"), hel2, 1e-12, "squared Hellinger");
    assert_close(number(&object, "hellinger"), hel2.sqrt(), 1e-12, "Hellinger is its root");
    assert_eq!(object["renyi_alpha"], 2.0, "the default α is 2");
    assert_close(number(&object, "renyi"), 1.64f64.ln(), 1e-12, "D_2 = ln(1 + χ²)");
    assert_close(number(&object, "wasserstein1"), 0.4, 1e-12, "W₁ = TV for two outcomes one apart");
    assert_eq!(object["positions"], serde_json::json!([0.0, 1.0]));
}

#[test]
fn alpha_sets_the_renyi_order_with_its_limits() {
    let at = |alpha: &str| json(&[COIN, &["--unit", "nats", "--alpha", alpha]].concat());
    let kl = number(&at("1"), "kl_pq");
    assert_close(number(&at("1"), "renyi"), kl, 1e-15, "D_1 = KL");
    let bhattacharyya = (0.45f64).sqrt() + (0.05f64).sqrt();
    assert_close(number(&at("0.5"), "renyi"), -2.0 * bhattacharyya.ln(), 1e-12, "D_½ = −2 ln BC");
    assert_close(number(&at("inf"), "renyi"), (0.9f64 / 0.5).ln(), 1e-12, "D_∞ = ln max p/q");
    assert_eq!(at("inf")["renyi_alpha"], "inf");
    assert_eq!(number(&at("0"), "renyi"), 0.0, "D_0 = −ln Q(supp P) = 0 when Q covers P");
    assert_close(number(&at("1/2"), "renyi"), number(&at("0.5"), "renyi"), 0.0, "a fraction is an order too");
    // In bits, D_α is D_α in nats over ln 2.
    let bits = json(&[COIN, &["--unit", "bits", "--alpha", "3"]].concat());
    assert_close(number(&bits, "renyi") * std::f64::consts::LN_2, number(&at("3"), "renyi"), 1e-12, "D_3 in bits");
}

#[test]
fn disjoint_supports_show_kl_infinite_js_at_one_bit_and_w1_finite() {
    let object = json(&["--preset", "disjoint-supports"]);
    assert_eq!(object["kl_pq"], "inf");
    assert_eq!(object["chi2_pearson"], "inf");
    assert_eq!(object["renyi"], "inf");
    assert_eq!(number(&object, "js"), 1.0, "JS at its 1-bit ceiling");
    assert_eq!(number(&object, "wasserstein1"), 5.0, "W₁: each bump moves five outcomes");
    let text = ok(&["compute", "--preset", "disjoint-supports"]);
    let line = |symbol: &str| {
        let found = text.lines().find(|l| l.trim_start().starts_with(symbol));
        found.unwrap_or_else(|| panic!("no {symbol} line in:\n{text}")).to_string()
    };
    assert!(line("W₁(P,Q)").contains("5.000000"), "{text}");
    assert!(line("D₂(P||Q)").contains("∞") && line("D₂(P||Q)").contains("Q gives '1' probability 0"), "{text}");
    assert!(line("χ²(P||Q)").contains("∞") && line("χ²(P||Q)").contains("Q gives '1' probability 0"), "{text}");
    assert!(text.contains("D₂ is Rényi's divergence at α = 2"), "{text}");
}

#[test]
fn a_scenarios_positions_set_w1() {
    let object = json(&["--preset", "die-and-its-neighbour"]);
    assert_eq!(object["positions"], serde_json::json!([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]));
    assert_close(number(&object, "wasserstein1"), 1.0, 1e-12, "the die moved by one face");
    assert_close(number(&object, "total_variation"), 0.4, 1e-12, "TV");
    let text = ok(&["compute", "--preset", "die-and-its-neighbour"]);
    assert!(text.contains("W₁ is taken at the scenario's positions"), "{text}");
}
