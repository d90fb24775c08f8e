//! A scenario: outcome labels, P, Q, a unit, a title and teaching text. Stored as RON.

mod catalog;
mod error;
mod file;

pub use catalog::{builtin, builtin_ids, find_builtin, resolve};
pub use error::ScenarioError;
pub use file::{load, save};

use crate::info::distribution::check_labels;
use crate::info::{Distribution, DistributionError, Unit};
use serde::{Deserialize, Serialize};

/// The most outcomes a scenario may have.
pub const MAX_OUTCOMES: usize = 1_000_000;

/// One teaching example, exactly as in a `.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub unit: Unit,
    pub labels: Vec<String>,
    pub p: Vec<f64>,
    pub q: Vec<f64>,
}

impl Scenario {
    /// Parses and validates RON text; `origin` names it in errors (a path or preset).
    pub fn from_ron(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = ron::Options::default().from_str(text).map_err(|e| ScenarioError::Syntax {
            origin: origin.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        scenario.validate(origin)?;
        Ok(scenario)
    }

    /// The scenario as pretty RON, numbers in full precision.
    pub fn to_ron(&self) -> Result<String, ScenarioError> {
        let config = ron::ser::PrettyConfig::new().depth_limit(1).struct_names(false);
        ron::ser::to_string_pretty(self, config)
            .map(|mut text| {
                text.push('\n');
                text
            })
            .map_err(|e| ScenarioError::Serialize(e.to_string()))
    }

    /// Checks everything a [`Distribution`] checks, for P and for Q, plus a non-empty id,
    /// equal lengths and at most [`MAX_OUTCOMES`] outcomes.
    pub fn validate(&self, origin: &str) -> Result<(), ScenarioError> {
        let invalid = |subject: String, reason: &str| ScenarioError::Invalid {
            origin: origin.to_string(),
            subject,
            reason: reason.to_string(),
        };
        if self.id.trim().is_empty() {
            return Err(invalid("id is empty".into(), "every scenario needs an id"));
        }
        if self.labels.is_empty() {
            return Err(invalid("labels is empty".into(), "a scenario needs at least one outcome"));
        }
        if self.labels.len() > MAX_OUTCOMES {
            return Err(invalid(
                format!("labels has {} outcomes", self.labels.len()),
                "a scenario may have at most 1000000 outcomes",
            ));
        }
        let from_distribution = |field: &str, e: DistributionError| invalid(e.subject(field), e.reason());
        check_labels(&self.labels).map_err(|e| from_distribution("labels", e))?;
        self.distribution_p().map_err(|e| from_distribution("p", e))?;
        self.distribution_q().map_err(|e| from_distribution("q", e))?;
        Ok(())
    }

    pub fn distribution_p(&self) -> Result<Distribution, DistributionError> {
        Distribution::new(self.labels.clone(), self.p.clone())
    }

    pub fn distribution_q(&self) -> Result<Distribution, DistributionError> {
        Distribution::new(self.labels.clone(), self.q.clone())
    }
}
