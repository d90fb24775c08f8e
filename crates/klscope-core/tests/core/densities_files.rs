//! Densities scenarios in files: the built-ins, round trips, the two kinds told apart, and
//! every malformed file in tests/data/bad_densities with the exact message it must give.

use klscope_core::info::Unit;
use klscope_core::info::density::{Component, Conjugate, Mixture, Weighted};
use klscope_core::scenario::{self, AnyScenario, DensitiesScenario, ScenarioError};
use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

const BAD: &str = "../../tests/data/bad_densities";
const PRESETS: &str = "../../presets/densities";

fn file_names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_densities_preset_is_built_in_under_its_file_stem_and_round_trips() {
    let ids: Vec<&str> = scenario::builtin_densities_ids().collect();
    let mut stems = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    for name in file_names(Path::new(PRESETS)) {
        let stem = name.strip_suffix(".ron").unwrap();
        let path = Path::new(PRESETS).join(&name);
        let AnyScenario::Densities(from_file) = scenario::load_any(&path).unwrap() else {
            panic!("{} is not a densities scenario", path.display());
        };
        assert_eq!(from_file.id, stem);
        assert_eq!(scenario::find_builtin_densities(stem).unwrap(), from_file);
        let saved = dir.path().join(&name);
        scenario::save_densities(&from_file, &saved).unwrap();
        assert_eq!(scenario::load_any(&saved).unwrap(), AnyScenario::Densities(from_file.clone()), "{stem}");
        assert_eq!(scenario::resolve_any(stem).unwrap(), AnyScenario::Densities(from_file));
        stems.push(stem.to_string());
    }
    let mut sorted: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    sorted.sort();
    assert_eq!(sorted, stems, "builtin_densities_ids() and presets/densities/*.ron list the same scenarios");
    assert_eq!(scenario::builtin_densities().len(), ids.len(), "every built-in parses");
    let vi = scenario::find_builtin_densities("vi-conjugate").unwrap();
    assert_eq!(vi.model.unwrap().observations(), [0.8, 1.6, 2.3]);
}

#[test]
fn the_discrete_catalogue_is_untouched_and_resolve_any_finds_both_kinds() {
    assert!(scenario::builtin_ids().all(|id| !scenario::builtin_densities_ids().any(|d| d == id)));
    assert!(scenario::find_builtin("two-bells").is_err(), "find_builtin gives only discrete scenarios");
    assert!(matches!(scenario::resolve_any("fair-coin").unwrap(), AnyScenario::Discrete(_)));
    let unknown = scenario::resolve_any("nope").unwrap_err().to_string();
    assert!(unknown.contains("fair-coin") && unknown.contains("two-bells"), "{unknown}");
}

#[test]
fn a_densities_file_read_as_discrete_says_what_it_is() {
    let path = Path::new(PRESETS).join("two-bells.ron");
    let error = scenario::load(&path).unwrap_err();
    assert!(matches!(error, ScenarioError::IsDensities { .. }));
    assert_eq!(
        error.to_string(),
        "../../presets/densities/two-bells.ron is a densities scenario (it starts with `Densities(`), not a discrete one: read it with scenario::load_any"
    );
}

#[test]
fn the_kind_is_told_from_the_first_token() {
    assert!(scenario::is_densities("// a comment\n/* another */ #![enable(implicit_some)]\n Densities(id: \"x\")"));
    assert!(scenario::is_densities("\u{feff}Densities ("));
    assert!(!scenario::is_densities("(id: \"Densities\")"));
    assert!(!scenario::is_densities("DensitiesX("));
    assert!(!scenario::is_densities("Scenario(id: \"x\")"));
}

#[test]
fn a_mixture_with_a_model_round_trips_bit_exactly() {
    let model = Conjugate::new(vec![0.1, 1.0 / 3.0, -2.5], 0.7).unwrap();
    let posterior = model.posterior();
    let original = DensitiesScenario {
        id: "awkward \"id\"".into(),
        title: "Quotes \"x\" and ünïcødé".into(),
        description: "line one\nline two".into(),
        unit: Unit::Bans,
        p: Mixture::single(Component::Gaussian { mean: posterior.mean, sd: posterior.sd() }).unwrap(),
        q: Mixture::new(vec![
            Weighted::new(0.1, Component::Gaussian { mean: -1e-300, sd: 5e-3 }),
            Weighted::new(0.2, Component::Laplace { centre: 1.0 / 7.0, scale: 2.0 }),
            Weighted::new(0.3, Component::Uniform { low: -1.0, high: 3.0 }),
            Weighted::new(0.4, Component::Gaussian { mean: 1e10, sd: 3.0 }),
        ])
        .unwrap(),
        model: Some(model),
    };
    let text = original.to_ron().unwrap();
    assert!(text.starts_with("Densities("), "{text}");
    assert!(text.contains("Normal(mean: -1e-300, sd: 0.005, weight: 0.1)"), "{text}");
    assert_eq!(DensitiesScenario::from_ron(&text, "memory").unwrap(), original);
}

/// (file in tests/data/bad_densities, the exact message).
const BAD_FILES: &[(&str, &str)] = &[
    (
        "bad_noise.ron",
        "noise_sd is -1 in ../../tests/data/bad_densities/bad_noise.ron: a standard deviation must be a positive, finite number",
    ),
    ("empty_id.ron", "id is empty in ../../tests/data/bad_densities/empty_id.ron: every scenario needs an id"),
    ("empty_p.ron", "p is empty in ../../tests/data/bad_densities/empty_p.ron: a density needs at least one component"),
    (
        "infinite_scale.ron",
        "q[0] (laplace) has scale inf in ../../tests/data/bad_densities/infinite_scale.ron: a scale must be a positive, finite number",
    ),
    (
        "missing_parameter.ron",
        "../../tests/data/bad_densities/missing_parameter.ron:4:25: Unexpected missing field named `sd` in `Normal`",
    ),
    (
        "missing_q.ron",
        "../../tests/data/bad_densities/missing_q.ron:5:1: Unexpected missing field named `q` in `Densities`",
    ),
    (
        "missing_weight.ron",
        "p[1] (laplace) has no weight in ../../tests/data/bad_densities/missing_weight.ron: in a mixture every component needs one, e.g. weight: 0.5",
    ),
    (
        "nan_mean.ron",
        "p[0] (normal) has mean NaN in ../../tests/data/bad_densities/nan_mean.ron: a parameter must be a finite number",
    ),
    (
        "negative_weight.ron",
        "p[1] (uniform) has weight -0.5 in ../../tests/data/bad_densities/negative_weight.ron: a weight must be a positive, finite number",
    ),
    ("number_as_text.ron", "../../tests/data/bad_densities/number_as_text.ron:4:22: Expected float"),
    (
        "posterior_mismatch.ron",
        "p is normal(0, 1) but the observations' posterior is normal(1, 0.5773502691896257) in ../../tests/data/bad_densities/posterior_mismatch.ron: with observations, p must be their posterior (see the README)",
    ),
    ("syntax.ron", "../../tests/data/bad_densities/syntax.ron:5:5: Expected comma"),
    ("too_many.ron", "p has 5 components in ../../tests/data/bad_densities/too_many.ron: a density has at most 4"),
    ("trailing.ron", "../../tests/data/bad_densities/trailing.ron:7:1: Non-whitespace trailing characters"),
    (
        "uniform_backwards.ron",
        "p[0] (uniform) has high 1 in ../../tests/data/bad_densities/uniform_backwards.ron: a uniform's high end must be above its low end (and the width finite)",
    ),
    (
        "unknown_component.ron",
        "../../tests/data/bad_densities/unknown_component.ron:4:9: Unexpected variant named `Gamma` in enum `Component`, expected one of `Normal`, `Laplace`, or `Uniform` instead",
    ),
    (
        "unknown_field.ron",
        "../../tests/data/bad_densities/unknown_field.ron:4:5: Unexpected field named `colour` in `Densities`, expected one of `id`, `title`, `description`, `unit`, `p`, `q`, `observations`, or `noise_sd` instead",
    ),
    (
        "unknown_parameter.ron",
        "../../tests/data/bad_densities/unknown_parameter.ron:4:27: Unexpected field named `sigma` in `Normal`, expected one of `mean`, `sd`, or `weight` instead",
    ),
    (
        "unknown_unit.ron",
        "../../tests/data/bad_densities/unknown_unit.ron:4:11: Unexpected variant named `Furlongs` in enum `Unit`, expected one of `Bits`, `Nats`, or `Bans` instead",
    ),
    (
        "weights_sum.ron",
        "p's weights sum to 0.9 in ../../tests/data/bad_densities/weights_sum.ron: they must sum to 1 (within 1e-9)",
    ),
    (
        "zero_sd.ron",
        "q[0] (normal) has sd 0 in ../../tests/data/bad_densities/zero_sd.ron: a standard deviation must be a positive, finite number",
    ),
];

#[test]
fn every_bad_densities_file_gives_its_exact_message() {
    let mut failures = String::new();
    for (name, expected) in BAD_FILES {
        let path = Path::new(BAD).join(name);
        match scenario::load_any(&path) {
            Ok(_) => writeln!(failures, "{name}: loaded, but should have failed").unwrap(),
            Err(error) if error.to_string() != *expected => {
                writeln!(failures, "{name}:\n  expected {expected:?}\n       got {:?}", error.to_string()).unwrap()
            }
            Err(_) => {}
        }
    }
    assert!(failures.is_empty(), "bad densities files gave the wrong messages:\n{failures}");
    let listed: Vec<&str> = BAD_FILES.iter().map(|(name, _)| *name).collect();
    for name in file_names(Path::new(BAD)) {
        assert!(listed.contains(&name.as_str()), "{BAD}/{name} has no expected message in BAD_FILES");
    }
}

#[test]
fn the_syntax_error_points_at_the_offending_token() {
    let path = Path::new(BAD).join("syntax.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let ScenarioError::Syntax { line, column, .. } = scenario::load_any(&path).unwrap_err() else {
        panic!("a syntax error");
    };
    let rest: String = text.lines().nth(line - 1).unwrap().chars().skip(column - 1).collect();
    assert!(rest.starts_with("q:"), "{line}:{column} points at {rest:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_mutated_densities_preset_never_panics(at in any::<prop::sample::Index>(), insert in any::<Option<char>>(), which in 0usize..4) {
        let name = file_names(Path::new(PRESETS))[which].clone();
        let text = std::fs::read_to_string(Path::new(PRESETS).join(name)).unwrap();
        let mut chars: Vec<char> = text.chars().collect();
        let at = at.index(chars.len() + 1);
        match insert {
            Some(c) => chars.insert(at, c),
            None if at < chars.len() => {
                chars.remove(at);
            }
            None => {}
        }
        let text: String = chars.into_iter().collect();
        if let Err(error) = AnyScenario::from_ron(&text, "mutated.ron") {
            prop_assert!(error.to_string().contains("mutated.ron"), "{}", error);
        }
    }
}
