//! Scenario files on disk: round trips, atomic saves, the built-in presets, and every way a
//! file can be wrong (each with the exact message it must give).

use klscope_core::info::Unit;
use klscope_core::read::ReadError;
use klscope_core::scenario::{self, MAX_OUTCOMES, Scenario, ScenarioError};
use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The folder of malformed files, relative to the package root (where cargo runs tests).
const BAD: &str = "../../tests/data/bad";

fn coin() -> Scenario {
    Scenario {
        id: "coin".into(),
        title: "A coin".into(),
        description: String::new(),
        unit: Unit::Bits,
        labels: vec!["heads".into(), "tails".into()],
        p: vec![0.9, 0.1],
        q: vec![0.5, 0.5],
        logits: Default::default(),
        positions: None,
        roles: Default::default(),
        focus: Default::default(),
    }
}

/// Names of the files in `folder`, sorted.
fn file_names(folder: &Path) -> Vec<String> {
    let entries = std::fs::read_dir(folder).unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
    let mut names: Vec<String> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display())))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}

// ---------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------

#[test]
fn every_builtin_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let builtins = scenario::builtin();
    assert!(!builtins.is_empty(), "there are built-in scenarios");
    for original in builtins {
        let path = dir.path().join(format!("{}.ron", original.id));
        scenario::save(original, &path).unwrap();
        let loaded = scenario::load(&path).unwrap();
        assert_eq!(&loaded, original, "built-in '{}' changed on a save/load round trip", original.id);
    }
}

/// A scenario may name its sides and be about P alone; without `q` it is about P alone
/// and Q is P. Both survive a save and a load.
#[test]
fn roles_and_focus_are_read_written_and_default() {
    let alone = Scenario::from_ron(
        "(id: \"die\", title: \"A die\", labels: [\"1\", \"2\"], p: [0.25, 0.75], roles: (\"the die\", \"a guess\"))",
        "die.ron",
    )
    .unwrap();
    assert_eq!((alone.focus, alone.q.as_slice()), (scenario::Focus::P, [0.25, 0.75].as_slice()));
    assert_eq!(alone.roles, scenario::Roles::new("the die", "a guess"));
    let text = alone.to_ron().unwrap();
    assert!(text.contains("roles: (\"the die\", \"a guess\")") && text.contains("focus: P"), "{text}");
    assert_eq!(Scenario::from_ron(&text, "saved").unwrap(), alone);
    // A plain scenario says neither, and reads back with today's words and both sides.
    let plain = coin().to_ron().unwrap();
    assert!(!plain.contains("roles") && !plain.contains("focus"), "{plain}");
    let plain = Scenario::from_ron(&plain, "coin").unwrap();
    assert_eq!((plain.focus, plain.roles), (scenario::Focus::Both, scenario::Roles::default()));
    // `focus: Both` with no `q` keeps Q = P but shows both.
    let both = Scenario::from_ron("(id: \"c\", title: \"C\", labels: [\"a\", \"b\"], p: [0.5, 0.5], focus: Both)", "c")
        .unwrap();
    assert_eq!(both.focus, scenario::Focus::Both);
    let rlhf = scenario::find_builtin("rlhf-policy-vs-reference").unwrap();
    assert_eq!(rlhf.roles, scenario::Roles::new("policy", "reference"));
    assert_eq!(
        scenario::find_builtin("next-token-teacher-student").unwrap().roles.of(klscope_core::info::Side::Q),
        "student"
    );
}

#[test]
fn awkward_labels_and_extreme_values_round_trip_bit_exactly() {
    let third = 1.0 / 3.0;
    let original = Scenario {
        id: "awkward \"id\", with ünïcødé".into(),
        title: "Quotes \"x\", 'y', commas, (parens) and [brackets]: ✓ 🎲".into(),
        description: "line one\nline two\ttabbed, back\\slash, r#\"raw\"#, \u{1} and \u{7f}".into(),
        unit: Unit::Bans,
        labels: vec![
            "say \"hi\"".into(),
            "comma, inside".into(),
            "ünïcødé ✓ 🎲 日本".into(),
            "back\\slash".into(),
            "two\nlines".into(),
            ")".into(),
            "// not a comment".into(),
        ],
        p: vec![1e-300, third, 2.0 / 3.0 - 1e-300, 5e-324, 0.0, 0.0, 0.0],
        q: vec![0.1, 0.2, 0.1 + 0.2 / 3.0, third / 7.0, 1e-17, f64::MIN_POSITIVE, 0.0],
        logits: Default::default(),
        // Positions round-trip bit for bit too, negative and fractional ones included.
        positions: Some(vec![-1e300, -third, 0.0, 5e-324, 1.0, 1.0 + f64::EPSILON, 1e300].into()),
        roles: Default::default(),
        focus: Default::default(),
    };
    let mut original = original;
    // Make q sum to 1 whatever rounding did above.
    let rest: f64 = original.q.iter().sum();
    original.q[6] = (1.0 - rest).max(0.0);
    original.validate("the test").unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("awkward.ron");
    scenario::save(&original, &path).unwrap();
    let loaded = scenario::load(&path).unwrap();

    assert_eq!(loaded, original, "awkward scenario changed on a round trip");
    assert_eq!(bits(&loaded.p), bits(&original.p), "p is not bit-exact after a round trip");
    assert_eq!(bits(&loaded.q), bits(&original.q), "q is not bit-exact after a round trip");
}

#[test]
fn to_ron_and_from_ron_agree_for_every_builtin() {
    for original in scenario::builtin() {
        let text = original.to_ron().unwrap();
        let parsed = Scenario::from_ron(&text, "memory").unwrap();
        assert_eq!(&parsed, original, "to_ron/from_ron changed built-in '{}'", original.id);
    }
}

// ---------------------------------------------------------------------------------------
// Saving is atomic
// ---------------------------------------------------------------------------------------

#[test]
fn saving_over_an_existing_file_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coin.ron");
    std::fs::write(&path, "an old file that is much longer than the new one will be, ".repeat(100)).unwrap();

    scenario::save(&coin(), &path).unwrap();

    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, coin().to_ron().unwrap(), "the old contents were not fully replaced");
    assert_eq!(scenario::load(&path).unwrap(), coin(), "the replaced file does not load back");
}

#[test]
fn saving_into_a_missing_folder_is_a_write_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder").join("coin.ron");

    let error = scenario::save(&coin(), &path).unwrap_err();

    assert!(matches!(error, ScenarioError::Write { .. }), "expected ScenarioError::Write, got {error:?}");
    let message = error.to_string();
    let expected = format!("cannot save {}: no such file or folder", path.display());
    assert_eq!(message, expected, "the write error should name the path in plain words");
    assert!(!dir.path().join("no-such-folder").exists(), "save must not create folders");
}

#[test]
fn a_successful_save_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coin.ron");
    scenario::save(&coin(), &path).unwrap();
    scenario::save(&coin(), &path).unwrap();
    assert_eq!(file_names(dir.path()), ["coin.ron"], "only the saved file should be in the folder");
}

#[test]
fn a_failed_save_over_a_folder_leaves_the_folder_alone_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("taken.ron");
    std::fs::create_dir(&target).unwrap();

    let error = scenario::save(&coin(), &target).unwrap_err();

    assert!(matches!(error, ScenarioError::Write { .. }), "expected ScenarioError::Write, got {error:?}");
    assert!(
        error.to_string().starts_with(&format!("cannot save {}: ", target.display())),
        "the message should name the path: {error}"
    );
    assert!(target.is_dir(), "the folder in the way must survive");
    assert_eq!(file_names(dir.path()), ["taken.ron"], "no temporary file may be left behind");
}

// ---------------------------------------------------------------------------------------
// The built-in presets
// ---------------------------------------------------------------------------------------

#[test]
fn every_preset_file_is_built_in_under_its_file_stem() {
    let ids: Vec<&str> = scenario::builtin_ids().collect();
    let mut stems = Vec::new();
    for name in file_names(Path::new("../../presets")) {
        let Some(stem) = name.strip_suffix(".ron") else {
            continue;
        };
        let path = Path::new("../../presets").join(&name);
        let from_file = scenario::load(&path).unwrap();
        assert_eq!(from_file.id, stem, "{} has id '{}' but should have its file stem", path.display(), from_file.id);
        assert!(ids.contains(&stem), "{} is not listed in builtin_ids()", path.display());
        let built_in = scenario::find_builtin(stem).unwrap();
        assert_eq!(built_in, from_file, "the compiled-in '{stem}' differs from {}", path.display());
        stems.push(stem.to_string());
    }
    stems.sort();
    let generated: Vec<&str> = scenario::generated_ids().collect();
    let mut sorted_ids: Vec<String> =
        ids.iter().filter(|id| !generated.contains(id)).map(|id| id.to_string()).collect();
    sorted_ids.sort();
    assert_eq!(sorted_ids, stems, "builtin_ids() and presets/*.ron should list the same scenarios");
    assert_eq!(scenario::builtin().len(), ids.len(), "every built-in scenario should parse");
}

#[test]
fn an_unknown_preset_names_the_known_ones() {
    let error = scenario::find_builtin("nope").unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("unknown preset 'nope': the built-in scenarios are "), "got: {message}");
    for id in scenario::builtin_ids() {
        assert!(message.contains(id), "the message should list '{id}': {message}");
    }
}

#[test]
fn resolve_takes_an_id_or_a_path() {
    let by_id = scenario::resolve("support-mismatch").unwrap();
    assert_eq!(by_id.id, "support-mismatch", "resolve by id");

    let by_relative_path = scenario::resolve("../../presets/support-mismatch.ron").unwrap();
    assert_eq!(by_relative_path, by_id, "resolve by relative path");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-coin.ron");
    scenario::save(&coin(), &path).unwrap();
    let by_absolute_path = scenario::resolve(path.to_str().unwrap()).unwrap();
    assert_eq!(by_absolute_path, coin(), "resolve by absolute path");

    let missing = scenario::resolve("no/such/file.ron").unwrap_err().to_string();
    assert_eq!(missing, "cannot read no/such/file.ron: no such file or folder", "resolve of a missing path");
}

// ---------------------------------------------------------------------------------------
// Malformed files: each must give its own message, naming the file and the spot
// ---------------------------------------------------------------------------------------

/// (file in tests/data/bad, substrings the message must contain). Every message must also
/// name the file; that is checked for all of them.
const BAD_FILES: &[(&str, &[&str])] = &[
    // Syntax: a missing comma; the position is the start of "tails".
    ("syntax.ron", &["../../tests/data/bad/syntax.ron:5:22: Expected comma"]),
    ("unclosed.ron", &["../../tests/data/bad/unclosed.ron:7:17: Expected comma"]),
    ("trailing.ron", &["../../tests/data/bad/trailing.ron:9:1: Non-whitespace trailing characters"]),
    ("garbage.ron", &["../../tests/data/bad/garbage.ron:1:1: Expected struct `Scenario` but found `Hello`"]),
    ("empty.ron", &["../../tests/data/bad/empty.ron:1:1: Expected opening `(` for struct `Scenario`"]),
    ("only_comment.ron", &["../../tests/data/bad/only_comment.ron:1:36: Expected opening `(` for struct `Scenario`"]),
    ("deep_nesting.ron", &["../../tests/data/bad/deep_nesting.ron:4:14: Expected string"]),
    // Types and fields.
    (
        "wrong_type.ron",
        &[
            "../../tests/data/bad/wrong_type.ron:6:9: Expected a list of probabilities like [0.5, 0.5], or Logits(values: [..], temperature: 1.0) but found the string \"half and half\"",
        ],
    ),
    ("label_not_string.ron", &["../../tests/data/bad/label_not_string.ron:5:14: Expected string"]),
    ("unit_as_string.ron", &["../../tests/data/bad/unit_as_string.ron:4:11: Expected identifier"]),
    (
        "missing_field.ron",
        &["../../tests/data/bad/missing_field.ron:7:1: Unexpected missing field named `p` in `Scenario`"],
    ),
    ("empty_role.ron", &["roles in ../../tests/data/bad/empty_role.ron: the name of Q is empty"]),
    (
        "unknown_field.ron",
        &["../../tests/data/bad/unknown_field.ron:5:5: Unexpected field named `colour` in `Scenario`", "`labels`"],
    ),
    (
        "unknown_unit.ron",
        &["../../tests/data/bad/unknown_unit.ron:4:11: Unexpected variant named `Furlongs` in enum `Unit`", "`Bits`"],
    ),
    // Values.
    ("nan.ron", &["p[0] ('heads') is NaN in ../../tests/data/bad/nan.ron: probabilities must be finite numbers"]),
    ("inf.ron", &["q[0] ('heads') is inf in ../../tests/data/bad/inf.ron: probabilities must be finite numbers"]),
    (
        "overflow.ron",
        &["p[0] ('heads') is inf in ../../tests/data/bad/overflow.ron: probabilities must be finite numbers"],
    ),
    (
        "negative.ron",
        &["p[1] ('tails') is -0.5 in ../../tests/data/bad/negative.ron: probabilities cannot be negative"],
    ),
    (
        "negative_q.ron",
        &["q[0] ('heads') is -0.25 in ../../tests/data/bad/negative_q.ron: probabilities cannot be negative"],
    ),
    ("p_sum.ron", &["p sums to 0.75 in ../../tests/data/bad/p_sum.ron: probabilities must sum to 1 (within 1e-9)"]),
    ("q_sum.ron", &["q sums to 1.5 in ../../tests/data/bad/q_sum.ron: probabilities must sum to 1 (within 1e-9)"]),
    // Shapes.
    (
        "labels_p_lengths.ron",
        &[
            "p has 2 values but there are 3 labels in ../../tests/data/bad/labels_p_lengths.ron: every outcome needs exactly one label and one value",
        ],
    ),
    (
        "p_q_lengths.ron",
        &[
            "q has 3 values but there are 2 labels in ../../tests/data/bad/p_q_lengths.ron: every outcome needs exactly one label and one value",
        ],
    ),
    (
        "empty_p.ron",
        &[
            "p has 0 values but there are 2 labels in ../../tests/data/bad/empty_p.ron: every outcome needs exactly one label and one value",
        ],
    ),
    (
        "empty_lists.ron",
        &["labels is empty in ../../tests/data/bad/empty_lists.ron: a scenario needs at least one outcome"],
    ),
    // Names.
    ("empty_id.ron", &["id is empty in ../../tests/data/bad/empty_id.ron: every scenario needs an id"]),
    ("empty_label.ron", &["labels[1] is empty in ../../tests/data/bad/empty_label.ron: every outcome needs a name"]),
    ("blank_label.ron", &["labels[1] is empty in ../../tests/data/bad/blank_label.ron: every outcome needs a name"]),
    (
        "duplicate_label.ron",
        &["labels[2] 'one' is used twice in ../../tests/data/bad/duplicate_label.ron: outcome names must be different"],
    ),
    // Positions for W₁.
    (
        "positions_length.ron",
        &[
            "positions has 2 values but there are 3 labels in ../../tests/data/bad/positions_length.ron: every outcome needs exactly one position",
        ],
    ),
    (
        "positions_nan.ron",
        &["positions[1] ('two') is NaN in ../../tests/data/bad/positions_nan.ron: a position is a finite number"],
    ),
    (
        "positions_inf.ron",
        &["positions[2] ('three') is inf in ../../tests/data/bad/positions_inf.ron: a position is a finite number"],
    ),
    (
        "positions_not_increasing.ron",
        &[
            "positions[2] ('three') is 3, not above positions[1] = 3 in ../../tests/data/bad/positions_not_increasing.ron: positions must be strictly increasing, in the order of the labels",
        ],
    ),
    (
        "positions_decreasing.ron",
        &["positions[1] ('two') is 2, not above positions[0] = 3 in ../../tests/data/bad/positions_decreasing.ron"],
    ),
    ("positions_not_list.ron", &["../../tests/data/bad/positions_not_list.ron:8:16: Expected"]),
    // Not text at all.
    (
        "logits_length.ron",
        &[
            "p: Logits has 3 values but there are 4 labels in ../../tests/data/bad/logits_length.ron: every outcome needs exactly one logit",
        ],
    ),
    (
        "logits_zero_temperature.ron",
        &[
            "p: Logits temperature is 0 in ../../tests/data/bad/logits_zero_temperature.ron: a temperature must be a positive, finite number",
        ],
    ),
    (
        "logits_negative_temperature.ron",
        &["p: Logits temperature is -2 in ../../tests/data/bad/logits_negative_temperature.ron: a temperature must be"],
    ),
    (
        "logits_inf_temperature.ron",
        &["q: Logits temperature is inf in ../../tests/data/bad/logits_inf_temperature.ron: a temperature must be"],
    ),
    (
        "logits_nan.ron",
        &[
            "p: Logits values[1] ('tails') is NaN in ../../tests/data/bad/logits_nan.ron: a logit is a number below +inf",
        ],
    ),
    (
        "logits_plus_inf.ron",
        &[
            "q: Logits values[0] ('heads') is inf in ../../tests/data/bad/logits_plus_inf.ron: a logit is a number below +inf",
        ],
    ),
    (
        "logits_all_impossible.ron",
        &[
            "p: Logits values are all -inf in ../../tests/data/bad/logits_all_impossible.ron: at least one outcome must be possible",
        ],
    ),
    (
        "logits_unknown_field.ron",
        &[
            "../../tests/data/bad/logits_unknown_field.ron:6:",
            "Logits has no field named `temp`: its fields are `values` and `temperature`",
        ],
    ),
    ("logits_missing_values.ron", &["../../tests/data/bad/logits_missing_values.ron:6:", "Logits needs its `values`"]),
    ("logits_values_not_list.ron", &["../../tests/data/bad/logits_values_not_list.ron:6:", "Expected opening `[`"]),
    (
        "random_bytes.ron",
        &["cannot read ../../tests/data/bad/random_bytes.ron: it is not a text file (not valid UTF-8)"],
    ),
];

#[test]
fn every_bad_file_gives_its_own_message_naming_the_file() {
    let mut failures = String::new();
    for (name, expected) in BAD_FILES {
        let path = Path::new(BAD).join(name);
        let message = match scenario::load(&path) {
            Ok(_) => {
                writeln!(failures, "{name}: loaded, but should have failed").unwrap();
                continue;
            }
            Err(error) => error.to_string(),
        };
        if !message.contains(&path.display().to_string()) {
            writeln!(failures, "{name}: the message does not name the file: {message}").unwrap();
        }
        for part in *expected {
            if !message.contains(part) {
                writeln!(failures, "{name}: expected {part:?}\n    in {message:?}").unwrap();
            }
        }
    }
    assert!(failures.is_empty(), "bad files gave the wrong messages:\n{failures}");
}

#[test]
fn the_bad_file_table_covers_every_file_in_the_folder() {
    let listed: Vec<&str> = BAD_FILES.iter().map(|(name, _)| *name).collect();
    for name in file_names(Path::new(BAD)) {
        assert!(listed.contains(&name.as_str()), "{BAD}/{name} has no expected message in BAD_FILES");
    }
    assert!(listed.len() >= 20, "there should be at least 20 bad files, found {}", listed.len());
}

#[test]
fn the_syntax_error_position_is_the_offending_token() {
    let path = Path::new(BAD).join("syntax.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let (line, column) = match scenario::load(&path).unwrap_err() {
        ScenarioError::Syntax { line, column, .. } => (line, column),
        other => panic!("expected a syntax error, got {other:?}"),
    };
    let found_line = text.lines().nth(line - 1).unwrap();
    let rest: String = found_line.chars().skip(column - 1).collect();
    assert!(rest.starts_with("\"tails\""), "{line}:{column} should point at \"tails\", but points at {rest:?}");
}

#[test]
fn a_folder_is_not_a_scenario_file() {
    let dir = tempfile::tempdir().unwrap();
    let error = scenario::load(dir.path()).unwrap_err();
    assert!(matches!(error, ScenarioError::File(ReadError::Folder { .. })), "expected a folder, got {error:?}");
    let expected = format!("cannot read {}: it is a folder, not a scenario file", dir.path().display());
    assert_eq!(error.to_string(), expected, "message for a folder");
}

#[test]
fn a_missing_file_is_named_in_plain_words() {
    let path = PathBuf::from(BAD).join("does-not-exist.ron");
    let error = scenario::load(&path).unwrap_err();
    assert!(matches!(error, ScenarioError::File(ReadError::Io { .. })), "expected Io, got {error:?}");
    let expected = "cannot read ../../tests/data/bad/does-not-exist.ron: no such file or folder";
    assert_eq!(error.to_string(), expected, "message for a missing file");
}

#[test]
fn more_than_a_million_outcomes_is_refused() {
    let n = MAX_OUTCOMES + 1;
    let mut text = String::with_capacity(30 * n);
    text.push_str("(id: \"huge\", title: \"Too many outcomes\", labels: [");
    for i in 0..n {
        write!(text, "\"a{i}\",").unwrap();
    }
    text.push_str("], p: [");
    text.push_str(&"1e-6,".repeat(n));
    text.push_str("], q: [");
    text.push_str(&"1e-6,".repeat(n));
    text.push_str("])\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, text).unwrap();

    let message = scenario::load(&path).unwrap_err().to_string();

    let expected =
        format!("labels has 1000001 outcomes in {}: a scenario may have at most 1000000 outcomes", path.display());
    assert_eq!(message, expected, "message for too many outcomes");
}

// ---------------------------------------------------------------------------------------
// Never a panic, whatever the input
// ---------------------------------------------------------------------------------------

/// Text made of the characters RON is built from, so that parsing gets somewhere.
fn ron_like_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[()\\[\\]{}:,\"'#/*a-zA-Z0-9_.+\\- \n\t\\\\]{0,200}"]
}

/// A built-in preset's text with one character deleted or inserted somewhere.
fn mutated_preset() -> impl Strategy<Value = String> {
    let texts: Vec<String> = file_names(Path::new("../../presets"))
        .into_iter()
        .filter(|name| name.ends_with(".ron"))
        .map(|name| {
            let path = Path::new("../../presets").join(name);
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        })
        .collect();
    (proptest::sample::select(texts), any::<prop::sample::Index>(), any::<Option<char>>()).prop_map(
        |(text, at, insert)| {
            let mut chars: Vec<char> = text.chars().collect();
            let at = at.index(chars.len() + 1);
            match insert {
                Some(c) => chars.insert(at, c),
                None if at < chars.len() => {
                    chars.remove(at);
                }
                None => {}
            }
            chars.into_iter().collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn from_ron_never_panics_on_any_text(text in ron_like_text()) {
        let _ = Scenario::from_ron(&text, "random");
    }

    #[test]
    fn load_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("random.ron");
        std::fs::write(&path, &bytes).unwrap();
        if let Err(error) = scenario::load(&path) {
            let message = error.to_string();
            prop_assert!(message.contains(&path.display().to_string()), "message does not name the file: {}", message);
        }
    }

    #[test]
    fn a_mutated_preset_never_panics(text in mutated_preset()) {
        if let Err(error) = Scenario::from_ron(&text, "mutated.ron") {
            let message = error.to_string();
            prop_assert!(message.contains("mutated.ron"), "message does not name the origin: {}", message);
        }
    }
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{}", include_str!("../../../../presets/biased-coin-vs-fair.ron"));
    let scenario = Scenario::from_ron(&text, "bom.ron").expect("a BOM does not break a file");
    assert_eq!(scenario.id, "biased-coin-vs-fair");
}

#[test]
fn save_refuses_what_load_would_reject() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    let mut scenario = scenario::find_builtin("biased-coin-vs-fair").unwrap();
    scenario.p = vec![f64::NAN, 2.0];
    let err = scenario::save(&scenario, &path).unwrap_err().to_string();
    assert!(err.contains("p[0] ('heads') is NaN"), "{err}");
    assert!(!path.exists(), "nothing is written");
}

// ---------------------------------------------------------------------------------------
// Logits at a temperature
// ---------------------------------------------------------------------------------------

const LOGITS_FILE: &str = r#"(
    id: "logits",
    title: "Logits",
    labels: ["a", "b", "c"],
    p: Logits(values: [2.0, 1.0, -1.0], temperature: 0.7),
    q: Logits(values: [0.5, -inf, 0.0]),
)"#;

#[test]
fn logits_load_as_softmax_at_their_temperature() {
    let s = Scenario::from_ron(LOGITS_FILE, "memory").unwrap();
    let p = klscope_core::info::softmax::softmax(&[2.0, 1.0, -1.0], 0.7).unwrap();
    assert_eq!(bits(&s.p), bits(&p), "p is softmax(z / 0.7)");
    let logits_p = s.logits.p.as_ref().unwrap();
    assert_eq!((logits_p.values.clone(), logits_p.temperature), (vec![2.0, 1.0, -1.0], 0.7));
    let logits_q = s.logits.q.as_ref().unwrap();
    assert_eq!(logits_q.temperature, 1.0, "the temperature defaults to 1");
    assert_eq!(s.q[1], 0.0, "a logit of -inf is probability 0");
    let e = 0.5f64.exp();
    assert!((s.q[0] - e / (e + 1.0)).abs() < 1e-15, "{:?}", s.q);
}

#[test]
fn a_plain_list_stays_a_plain_list() {
    let s = Scenario::from_ron(&coin().to_ron().unwrap(), "memory").unwrap();
    assert_eq!(s, coin());
    assert_eq!(s.logits, Default::default(), "probabilities are not turned into logits");
    assert!(!coin().to_ron().unwrap().contains("Logits"));
}

#[test]
fn logits_are_saved_as_logits_and_load_back_bit_exactly() {
    let original = Scenario::from_ron(LOGITS_FILE, "memory").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("logits.ron");
    scenario::save(&original, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("p: Logits(values: [2.0, 1.0, -1.0], temperature: 0.7)"), "{text}");
    assert!(text.contains("q: Logits(values: [0.5, -inf, 0.0], temperature: 1.0)"), "{text}");
    let loaded = scenario::load(&path).unwrap();
    assert_eq!(loaded, original);
    assert_eq!(bits(&loaded.p), bits(&original.p));
}

#[test]
fn probabilities_that_are_not_softmax_of_the_logits_are_not_saved() {
    let mut s = Scenario::from_ron(LOGITS_FILE, "memory").unwrap();
    s.p = vec![0.5, 0.25, 0.25];
    let error = s.validate("x.ron").unwrap_err().to_string();
    assert_eq!(
        error,
        "p differs from softmax of its logits in x.ron: a side given as logits must have the probabilities they stand for"
    );
}
