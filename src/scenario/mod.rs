//! A scenario: outcome labels, P, Q, a unit, a title and teaching text. Stored as RON.

mod catalog;
mod error;
#[cfg(not(target_arch = "wasm32"))]
mod file;
pub mod link;

pub use catalog::{builtin, builtin_ids, find_builtin, resolve};
pub use error::ScenarioError;
#[cfg(not(target_arch = "wasm32"))]
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
        // Editors on Windows may start a UTF-8 file with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let scenario: Scenario = ron::Options::default().from_str(text).map_err(|e| {
            let (line, column) = skip_blanks(text, e.span.start.line, e.span.start.col);
            ScenarioError::Syntax { origin: origin.to_string(), line, column, message: e.code.to_string() }
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
        Distribution::check_values_for(&self.labels, &self.p).map_err(|e| from_distribution("p", e))?;
        Distribution::check_values_for(&self.labels, &self.q).map_err(|e| from_distribution("q", e))?;
        Ok(())
    }

    pub fn distribution_p(&self) -> Result<Distribution, DistributionError> {
        Distribution::new(self.labels.clone(), self.p.clone())
    }

    pub fn distribution_q(&self) -> Result<Distribution, DistributionError> {
        Distribution::new(self.labels.clone(), self.q.clone())
    }
}

/// ron sometimes reports the position of the blank before the offending token; move
/// forward past spaces and line breaks so line:column points at the token itself. When
/// only blanks follow (the file ended early), the reported position stays.
fn skip_blanks(text: &str, reported_line: usize, reported_column: usize) -> (usize, usize) {
    let (line, column) = (reported_line, reported_column);
    let start_of_line: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let offset = text[start_of_line.min(text.len())..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| start_of_line + i);
    let Some(offset) = offset else {
        return (line, column);
    };
    let (mut line, mut column) = (line, column);
    for c in text[offset..].chars() {
        match c {
            '\n' => {
                line += 1;
                column = 1;
            }
            c if c.is_whitespace() => column += 1,
            _ => return (line, column),
        }
    }
    (reported_line, reported_column)
}
