//! A densities scenario: P and Q as mixtures of up to four components, in the same RON
//! files as discrete scenarios but named `Densities(…)`:
//!
//! ```ron
//! Densities(
//!     id: "two-bells",
//!     title: "Two bells",
//!     description: "…",
//!     unit: Bits,
//!     p: [Normal(mean: 0.0, sd: 1.0)],
//!     q: [Normal(mean: -2.0, sd: 0.5, weight: 0.3), Laplace(centre: 1.0, scale: 2.0, weight: 0.7)],
//! )
//! ```
//!
//! Components are `Normal(mean, sd)`, `Laplace(centre, scale)` and `Uniform(low, high)`,
//! each with a `weight`, which a lone component may leave out (it is 1); a side's weights
//! must sum to 1 within 1e-9, and are never rescaled. Optionally `observations: [..]` and
//! `noise_sd` (default 1.0) give the conjugate model z ~ N(0, 1), xᵢ ~ N(z, noise_sd²)
//! whose posterior P must then be (the variational-inference scenes).

use serde::{Deserialize, Serialize};

use super::{ScenarioError, skip_blanks};
use crate::info::Unit;
use crate::info::density::vi::MAX_OBSERVATIONS;
use crate::info::density::{Component, Conjugate, DensityError, Mixture, ModelError, Weighted};

/// How far P may be from the posterior of its observations (mean and sd).
const POSTERIOR_TOLERANCE: f64 = 1e-9;

/// A densities scenario, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct DensitiesScenario {
    pub id: String,
    pub title: String,
    pub description: String,
    pub unit: Unit,
    pub p: Mixture,
    pub q: Mixture,
    /// The conjugate model whose posterior P is, when the scenario is about inference.
    pub model: Option<Conjugate>,
}

fn default_noise_sd() -> f64 {
    1.0
}

/// A weight (or the noise sd) is written as a plain number (`weight: 0.5`), not RON's
/// `Some(0.5)`.
mod plain_weight {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(weight: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(weight.unwrap_or(1.0))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
        f64::deserialize(deserializer).map(Some)
    }
}

/// One component as written.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Component", deny_unknown_fields)]
enum ComponentFile {
    Normal {
        mean: f64,
        sd: f64,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "plain_weight")]
        weight: Option<f64>,
    },
    Laplace {
        centre: f64,
        scale: f64,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "plain_weight")]
        weight: Option<f64>,
    },
    Uniform {
        low: f64,
        high: f64,
        #[serde(default, skip_serializing_if = "Option::is_none", with = "plain_weight")]
        weight: Option<f64>,
    },
}

impl ComponentFile {
    fn parts(self) -> (Option<f64>, Component) {
        match self {
            ComponentFile::Normal { mean, sd, weight } => (weight, Component::Gaussian { mean, sd }),
            ComponentFile::Laplace { centre, scale, weight } => (weight, Component::Laplace { centre, scale }),
            ComponentFile::Uniform { low, high, weight } => (weight, Component::Uniform { low, high }),
        }
    }

    /// A lone component with weight 1 is written without it.
    fn from_weighted(w: &Weighted, alone: bool) -> ComponentFile {
        let weight = (!(alone && w.weight == 1.0)).then_some(w.weight);
        match w.component {
            Component::Gaussian { mean, sd } => ComponentFile::Normal { mean, sd, weight },
            Component::Laplace { centre, scale } => ComponentFile::Laplace { centre, scale, weight },
            Component::Uniform { low, high } => ComponentFile::Uniform { low, high, weight },
        }
    }
}

/// The file's shape (also what a lesson step writes inline, as `InlineDensities((..))`).
#[derive(Deserialize)]
#[serde(rename = "Densities", deny_unknown_fields)]
pub(crate) struct DensitiesFile {
    pub(crate) id: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    unit: Unit,
    p: Vec<ComponentFile>,
    q: Vec<ComponentFile>,
    #[serde(default)]
    observations: Vec<f64>,
    #[serde(default = "default_noise_sd")]
    noise_sd: f64,
}

#[derive(Serialize)]
#[serde(rename = "Densities")]
struct DensitiesOut<'a> {
    id: &'a str,
    title: &'a str,
    description: &'a str,
    unit: Unit,
    p: Vec<ComponentFile>,
    q: Vec<ComponentFile>,
    #[serde(skip_serializing_if = "<[f64]>::is_empty")]
    observations: &'a [f64],
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "plain_weight::serialize")]
    noise_sd: Option<f64>,
}

/// Whether RON text is a densities scenario: its first token (after blanks, comments and
/// `#![enable(..)]` attributes) is `Densities`.
pub fn is_densities(text: &str) -> bool {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, next)| next);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, next)| next);
        } else if rest.starts_with("#!") {
            rest = rest.split_once(']').map_or("", |(_, next)| next);
        } else {
            break;
        }
    }
    rest.strip_prefix("Densities").is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// "p[1] (laplace) has scale 0" and "a scale must be …", in a file's terms (indices from 0,
/// as in the list).
fn describe(field: &str, error: &DensityError) -> (String, String) {
    match error {
        DensityError::Empty => (format!("{field} is empty"), "a density needs at least one component".into()),
        DensityError::TooMany { count, max } => {
            (format!("{field} has {count} components"), format!("a density has at most {max}"))
        }
        DensityError::Weight { index, kind, weight } => (
            format!("{field}[{index}] ({kind}) has weight {weight}"),
            "a weight must be a positive, finite number".into(),
        ),
        DensityError::WeightSum { sum } => {
            (format!("{field}'s weights sum to {sum}"), "they must sum to 1 (within 1e-9)".into())
        }
        DensityError::Parameter { index, kind, parameter, value, reason } => {
            (format!("{field}[{index}] ({kind}) has {parameter} {value}"), (*reason).to_string())
        }
    }
}

impl DensitiesScenario {
    /// Parses and checks RON text; `origin` names it in errors.
    pub fn from_ron(text: &str, origin: &str) -> Result<DensitiesScenario, ScenarioError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let file: DensitiesFile = ron::Options::default().from_str(text).map_err(|e| {
            let (line, column) = skip_blanks(text, e.span.start.line, e.span.start.col);
            ScenarioError::Syntax { origin: origin.to_string(), line, column, message: e.code.to_string() }
        })?;
        DensitiesScenario::from_file(file, origin)
    }

    /// Checks a scenario as read; `origin` names it in errors.
    pub(crate) fn from_file(file: DensitiesFile, origin: &str) -> Result<DensitiesScenario, ScenarioError> {
        let invalid =
            |subject: String, reason: String| ScenarioError::Invalid { origin: origin.to_string(), subject, reason };
        if file.id.trim().is_empty() {
            return Err(invalid("id is empty".into(), "every scenario needs an id".into()));
        }
        let side = |field: &str, parts: &[ComponentFile]| {
            let read: Vec<(Option<f64>, Component)> = parts.iter().map(|c| c.parts()).collect();
            if read.len() > 1
                && let Some((index, (_, component))) = read.iter().enumerate().find(|(_, (w, _))| w.is_none())
            {
                return Err(invalid(
                    format!("{field}[{index}] ({}) has no weight", component.kind()),
                    "in a mixture every component needs one, e.g. weight: 0.5".into(),
                ));
            }
            let weighted = read.iter().map(|&(w, c)| Weighted::new(w.unwrap_or(1.0), c)).collect();
            Mixture::new(weighted).map_err(|e| {
                let (subject, reason) = describe(field, &e);
                invalid(subject, reason)
            })
        };
        let p = side("p", &file.p)?;
        let q = side("q", &file.q)?;
        let model = if file.observations.is_empty() {
            None
        } else {
            let model = Conjugate::new(file.observations, file.noise_sd).map_err(|e| match e {
                ModelError::NoiseSd(v) => {
                    invalid(format!("noise_sd is {v}"), "a standard deviation must be a positive, finite number".into())
                }
                ModelError::Observation { index, value } => {
                    invalid(format!("observations[{index}] is {value}"), "observations must be finite numbers".into())
                }
                ModelError::TooManyObservations(n) => invalid(
                    format!("observations has {n} values"),
                    format!("a model has at most {MAX_OBSERVATIONS} observations"),
                ),
                ModelError::NoObservations => invalid("observations is empty".into(), e.to_string()),
            })?;
            check_posterior(&p, &model).map_err(|subject| {
                invalid(subject, "with observations, p must be their posterior (see the README)".into())
            })?;
            Some(model)
        };
        Ok(DensitiesScenario {
            id: file.id,
            title: file.title,
            description: file.description,
            unit: file.unit,
            p,
            q,
            model,
        })
    }

    /// Pretty RON that [`from_ron`](Self::from_ron) reads back exactly.
    pub fn to_ron(&self) -> Result<String, ScenarioError> {
        let config = ron::ser::PrettyConfig::new().depth_limit(1).struct_names(true);
        let out = DensitiesOut {
            id: &self.id,
            title: &self.title,
            description: &self.description,
            unit: self.unit,
            p: self.p.parts().iter().map(|w| ComponentFile::from_weighted(w, self.p.parts().len() == 1)).collect(),
            q: self.q.parts().iter().map(|w| ComponentFile::from_weighted(w, self.q.parts().len() == 1)).collect(),
            observations: self.model.as_ref().map_or(&[], |m| m.observations()),
            noise_sd: self.model.as_ref().map(Conjugate::noise_sd),
        };
        ron::ser::to_string_pretty(&out, config)
            .map(|mut text| {
                text.push('\n');
                text
            })
            .map_err(|e| ScenarioError::Serialize(e.to_string()))
    }
}

/// P is the single Gaussian N(posterior mean, posterior sd²), within the tolerance; else
/// the subject of the error, with the posterior it should be.
fn check_posterior(p: &Mixture, model: &Conjugate) -> Result<(), String> {
    let posterior = model.posterior();
    let should = format!("normal({}, {})", posterior.mean, posterior.sd());
    match p.as_single() {
        Some(Component::Gaussian { mean, sd })
            if (mean - posterior.mean).abs() <= POSTERIOR_TOLERANCE
                && (sd - posterior.sd()).abs() <= POSTERIOR_TOLERANCE =>
        {
            Ok(())
        }
        _ => Err(format!("p is {} but the observations' posterior is {should}", p.spec())),
    }
}
