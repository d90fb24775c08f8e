//! Either kind of scenario a file may hold, and the built-in densities scenarios
//! (`presets/densities/*.ron`), kept in a catalogue of their own so that
//! [`find_builtin`](super::find_builtin) and [`builtin`](super::builtin) still give only
//! discrete scenarios to the callers that expect them.

use super::{DensitiesScenario, Scenario, ScenarioError, is_densities};

/// What a scenario file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum AnyScenario {
    Discrete(Scenario),
    Densities(DensitiesScenario),
}

impl AnyScenario {
    /// Parses either kind, told apart by the first token (`Densities(` or not).
    pub fn from_ron(text: &str, origin: &str) -> Result<AnyScenario, ScenarioError> {
        if is_densities(text) {
            DensitiesScenario::from_ron(text, origin).map(AnyScenario::Densities)
        } else {
            Scenario::from_ron(text, origin).map(AnyScenario::Discrete)
        }
    }

    pub fn id(&self) -> &str {
        match self {
            AnyScenario::Discrete(s) => &s.id,
            AnyScenario::Densities(s) => &s.id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            AnyScenario::Discrete(s) => &s.title,
            AnyScenario::Densities(s) => &s.title,
        }
    }

    /// The unit its numbers are shown in.
    pub fn unit(&self) -> crate::info::Unit {
        match self {
            AnyScenario::Discrete(s) => s.unit,
            AnyScenario::Densities(s) => s.unit,
        }
    }
}

/// A built-in scenario of either kind by id; an unknown id's error lists both catalogues.
pub fn find_builtin_any(id: &str) -> Result<AnyScenario, ScenarioError> {
    if builtin_densities_ids().any(|known| known == id) {
        return find_builtin_densities(id).map(AnyScenario::Densities);
    }
    super::find_builtin(id).map(AnyScenario::Discrete).map_err(|e| match e {
        ScenarioError::UnknownPreset { name, .. } => ScenarioError::UnknownPreset {
            name,
            known: super::builtin_ids().chain(builtin_densities_ids()).collect::<Vec<_>>().join(", "),
        },
        other => other,
    })
}

/// (id, RON text): the id is the file stem; a test checks that every file is listed.
const DENSITY_PRESETS: &[(&str, &str)] = &[
    ("two-bells", include_str!("../../../../presets/densities/two-bells.ron")),
    ("narrow-uniform-model", include_str!("../../../../presets/densities/narrow-uniform-model.ron")),
    ("vi-conjugate", include_str!("../../../../presets/densities/vi-conjugate.ron")),
    ("bimodal-posterior", include_str!("../../../../presets/densities/bimodal-posterior.ron")),
];

/// The ids of the built-in densities scenarios, in menu order.
pub fn builtin_densities_ids() -> impl Iterator<Item = &'static str> {
    DENSITY_PRESETS.iter().map(|(id, _)| *id)
}

/// One built-in densities scenario by id.
pub fn find_builtin_densities(id: &str) -> Result<DensitiesScenario, ScenarioError> {
    let Some((id, text)) = DENSITY_PRESETS.iter().find(|(known, _)| *known == id) else {
        return Err(ScenarioError::UnknownPreset {
            name: id.to_string(),
            known: builtin_densities_ids().collect::<Vec<_>>().join(", "),
        });
    };
    DensitiesScenario::from_ron(text, &format!("presets/densities/{id}.ron"))
}

/// Every built-in densities scenario, parsed once.
pub fn builtin_densities() -> &'static [DensitiesScenario] {
    static PARSED: std::sync::OnceLock<Vec<DensitiesScenario>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| builtin_densities_ids().filter_map(|id| find_builtin_densities(id).ok()).collect())
}

/// Reads a file holding either kind of scenario.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_any(path: &std::path::Path) -> Result<AnyScenario, ScenarioError> {
    let text = super::file::read_text(path)?;
    AnyScenario::from_ron(&text, &path.display().to_string())
}

/// A share link, a built-in id of either kind, or else a path to a `.ron` file of either.
#[cfg(not(target_arch = "wasm32"))]
pub fn resolve_any(id_or_path: &str) -> Result<AnyScenario, ScenarioError> {
    if super::link::is_link(id_or_path) {
        return Ok(AnyScenario::Discrete(super::link::decode(id_or_path)?.scenario));
    }
    let all = || super::builtin_ids().chain(builtin_densities_ids());
    if super::names_a_file(id_or_path, all()) {
        return load_any(std::path::Path::new(id_or_path));
    }
    if builtin_densities_ids().any(|id| id == id_or_path) {
        return find_builtin_densities(id_or_path).map(AnyScenario::Densities);
    }
    super::find_builtin(id_or_path).map(AnyScenario::Discrete).map_err(|e| match e {
        ScenarioError::UnknownPreset { name, .. } => {
            ScenarioError::UnknownPreset { name, known: all().collect::<Vec<_>>().join(", ") }
        }
        other => other,
    })
}
