//! The built-in scenarios: `presets/*.ron`, compiled into the binary.

use super::{Scenario, ScenarioError, generated};

/// (id, RON text). The id is the file stem; a test checks that every file is listed.
const PRESETS: &[(&str, &str)] = &[
    ("fair-coin", include_str!("../../../../presets/fair-coin.ron")),
    ("three-sixes-in-a-row", include_str!("../../../../presets/three-sixes-in-a-row.ron")),
    ("biased-coin-vs-fair", include_str!("../../../../presets/biased-coin-vs-fair.ron")),
    ("biased-coin-vs-slightly-biased", include_str!("../../../../presets/biased-coin-vs-slightly-biased.ron")),
    ("cat-dog-classifier", include_str!("../../../../presets/cat-dog-classifier.ron")),
    ("movie-genres", include_str!("../../../../presets/movie-genres.ron")),
    ("weather-codebook", include_str!("../../../../presets/weather-codebook.ron")),
    ("fair-vs-loaded-die", include_str!("../../../../presets/fair-vs-loaded-die.ron")),
    ("support-mismatch", include_str!("../../../../presets/support-mismatch.ron")),
    ("support-mismatch-floored", include_str!("../../../../presets/support-mismatch-floored.ron")),
    ("support-mismatch-smoothed", include_str!("../../../../presets/support-mismatch-smoothed.ron")),
    ("rock-paper-scissors", include_str!("../../../../presets/rock-paper-scissors.ron")),
    ("mode-seeking", include_str!("../../../../presets/mode-seeking.ron")),
    ("lottery-surprise", include_str!("../../../../presets/lottery-surprise.ron")),
    ("one-model-two-temperatures", include_str!("../../../../presets/one-model-two-temperatures.ron")),
    ("rlhf-policy-vs-reference", include_str!("../../../../presets/rlhf-policy-vs-reference.ron")),
    ("disjoint-supports", include_str!("../../../../presets/disjoint-supports.ron")),
    ("die-and-its-neighbour", include_str!("../../../../presets/die-and-its-neighbour.ron")),
];

/// Makes one built-in scenario.
type Generator = fn() -> Scenario;

/// Built-in scenarios made in code at load (a 50,000-token vocabulary is 2 MB as RON).
const GENERATED: &[(&str, Generator)] = &[("next-token-teacher-student", generated::next_token)];

/// The ids of the built-in scenarios, in menu order.
pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
    PRESETS.iter().map(|(id, _)| *id).chain(generated_ids())
}

/// The ids of the built-in scenarios generated in code rather than read from presets/.
pub fn generated_ids() -> impl Iterator<Item = &'static str> {
    GENERATED.iter().map(|(id, _)| *id)
}

/// Every built-in scenario that parses (all of them do; a test makes sure), parsed once.
pub fn builtin() -> &'static [Scenario] {
    static PARSED: std::sync::OnceLock<Vec<Scenario>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| builtin_ids().filter_map(|id| find_builtin(id).ok()).collect())
}

/// One built-in scenario by id.
pub fn find_builtin(id: &str) -> Result<Scenario, ScenarioError> {
    if let Some((id, make)) = GENERATED.iter().find(|(known, _)| *known == id) {
        let scenario = make();
        scenario.validate(&format!("the generated scenario {id}"))?;
        return Ok(scenario);
    }
    let Some((id, text)) = PRESETS.iter().find(|(known, _)| *known == id) else {
        return Err(ScenarioError::UnknownPreset {
            name: id.to_string(),
            known: builtin_ids().collect::<Vec<_>>().join(", "),
        });
    };
    Scenario::from_ron(text, &format!("presets/{id}.ron"))
}

/// A share link, a built-in id, or else a path to a `.ron` file.
pub fn resolve(id_or_path: &str) -> Result<Scenario, ScenarioError> {
    if super::link::is_link(id_or_path) {
        return Ok(super::link::decode(id_or_path)?.scenario);
    }
    #[cfg(not(target_arch = "wasm32"))]
    if names_a_file(id_or_path, builtin_ids()) {
        return super::load(std::path::Path::new(id_or_path));
    }
    find_builtin(id_or_path)
}

/// Whether `id_or_path` means a file rather than one of `builtins`: it ends in `.ron`, has
/// a folder in it, or is a file that exists and is not a built-in's id.
#[cfg(not(target_arch = "wasm32"))]
pub fn names_a_file<'a>(id_or_path: &str, mut builtins: impl Iterator<Item = &'a str>) -> bool {
    let looks_like_path = id_or_path.ends_with(".ron") || id_or_path.contains(['/', '\\']);
    looks_like_path || std::path::Path::new(id_or_path).exists() && !builtins.any(|id| id == id_or_path)
}
